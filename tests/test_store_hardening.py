"""The embedded store on a bad day (issue 11, store side): a pid file naming someone else's
process, a full disk, runaway queries, LOAD CSV, a hostile short-socket folder, a corrupt dump,
two builds at once. All on the real embedded FalkorDB server and the real CLI."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.store import server


def cli(data_dir: Path, *args: str):
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args])


# -- item 1: never signal a process that is not this data dir's server --------------------------------

@pytest.fixture
def bystander():
    """An unrelated process (a `sleep`) that a stale pid file could name."""
    proc = subprocess.Popen(["sleep", "600"])
    yield proc
    proc.kill()
    proc.wait()


@pytest.mark.parametrize("command", [["query", "most_connected"], ["store", "stop"], ["store", "status"]])
def test_a_pid_file_naming_another_process_leaves_it_alone(data_dir, bystander, command, monkeypatch):
    monkeypatch.setattr(server, "STALL_SECONDS", 1.0)  # the old code waited this long, then killed
    pid_file = data_dir / "falkordb.pid"
    pid_file.write_text(f"{bystander.pid}\n")
    result = cli(data_dir, *command)
    time.sleep(0.2)
    assert bystander.poll() is None, f"{command} signalled an unrelated process ({bystander.returncode})"
    assert f"names process {bystander.pid}, which is not this store's server" in result.output \
        or command == ["store", "status"]
    if command != ["store", "status"]:
        assert not pid_file.exists() or server._read_pid(data_dir) != bystander.pid


def test_a_proven_but_hung_server_gets_sigterm_before_sigkill(data_dir):
    """A hung server is stopped with SIGTERM first; SIGKILL only when it does not go."""
    info = server.start_server(data_dir)
    os.kill(info.pid, signal.SIGSTOP)  # stands in for a hang: SIGTERM stays pending
    started = time.monotonic()
    server._terminate(info.pid, data_dir, info.socket_path)
    assert not server._pid_alive(info.pid)
    assert time.monotonic() - started >= server.TERM_GRACE * 0.9, "escalated without waiting"
    assert server._not_our_server(os.getpid(), data_dir, info.socket_path), "a python process is not the server"


# -- item 5: a full disk is an error, at once ----------------------------------------------------------

@pytest.fixture
def tiny_disk(tmp_path):
    """A 256 KB tmpfs (needs root: mount). A data dir made unwritable would not do here: root
    writes through file modes."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip()}): run as root to test a full disk")
    try:
        yield mount_point
    finally:
        server.stop_server(mount_point / "store")
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


@pytest.fixture(scope="module")
def graph_files(tmp_path_factory):
    from actorgraph.model import write_graph

    from .test_crash_safety import pairs_graph

    folder = tmp_path_factory.mktemp("graphs")
    write_graph(pairs_graph(10), folder / "small.json")
    write_graph(pairs_graph(2000), folder / "big.json")  # its dump does not fit in 256 KB
    return folder


def stored_counts(data_dir: Path) -> str:
    result = cli(data_dir, "query", "-e", "MATCH (n:Entity) RETURN count(n) AS n", "--format", "csv")
    assert result.exit_code == 0, result.output
    return result.output.splitlines()[-1]


def test_a_full_disk_is_an_error_at_once_and_the_store_keeps_its_last_save(tiny_disk, graph_files):
    data_dir = tiny_disk / "store"
    assert cli(data_dir, "load", str(graph_files / "small.json")).exit_code == 0
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "actorgraph", "--data-dir", str(data_dir),
                           "load", str(graph_files / "big.json")], capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    assert proc.returncode == 1, proc
    errors = [line for line in proc.stderr.splitlines() if line.startswith(("Error", "Traceback"))]
    assert len(errors) == 1 and errors[0].startswith(f"Error: could not save the store to {data_dir / 'dump.rdb'} ")
    assert "No space left on device" in errors[0] and "this change was not kept" in errors[0]
    assert elapsed < 30, f"a full disk took {elapsed:.0f}s to report"
    assert stored_counts(data_dir) == "10", "the store is what the last successful save holds"
    assert not server.status(data_dir)["running"]


def test_a_final_save_on_a_full_disk_does_not_hang_the_stop(tiny_disk, graph_files):
    data_dir = tiny_disk / "store"
    assert cli(data_dir, "load", str(graph_files / "small.json")).exit_code == 0
    server.start_server(data_dir, pin=True)
    _fill(tiny_disk)
    started = time.monotonic()
    result = cli(data_dir, "store", "stop")
    assert result.exit_code == 0 and time.monotonic() - started < 30
    assert "the final save of the store" in result.output and "No space left on device" in result.output
    assert not server.status(data_dir)["running"]
    (tiny_disk / "filler").unlink()
    assert stored_counts(data_dir) == "10"


def _fill(folder: Path) -> None:
    """Write until the disk is full."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


# -- item 8: time-outs and a memory cap; a runaway query does not take the server down ---------------

CARTESIAN = "MATCH (a:X), (b:X), (c:X), (d:X) RETURN count(*)"  # 300^4 rows: hours without a limit


@pytest.fixture
def busy_store(data_dir, graph_files):
    """A pinned store holding the small graph and 300 unlabelled-by-actorgraph :X nodes."""
    assert cli(data_dir, "load", str(graph_files / "small.json")).exit_code == 0
    server.start_server(data_dir, pin=True)
    assert cli(data_dir, "query", "--write", "-e", "UNWIND range(1, 300) AS i CREATE (:X {i: i})").exit_code == 0
    return data_dir


def test_a_runaway_query_is_stopped_at_its_time_out(busy_store):
    started = time.monotonic()
    result = cli(busy_store, "query", "-e", CARTESIAN, "--timeout", "1")
    assert result.exit_code == 1
    assert result.output == ("Error: the query ran longer than the 1s time-out and the store stopped it; "
                             "narrow it, or allow more time with --timeout SECONDS (0: no limit)\n")
    assert time.monotonic() - started < 15


def test_a_killed_clients_query_stops_on_the_server(busy_store):
    pid = server.running(busy_store).pid
    client = subprocess.Popen([sys.executable, "-m", "actorgraph", "--data-dir", str(busy_store),
                               "query", "-e", CARTESIAN, "--timeout", "3"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2)  # start-up, then the query is running
    assert client.poll() is None, "the client ended before it could be killed"
    client.kill()
    client.wait()
    started = time.monotonic()
    result = cli(busy_store, "query", "-e", "MATCH (n:Entity) RETURN count(n) AS n", "--format", "csv")
    assert result.exit_code == 0 and result.output.splitlines()[-1] == "10"
    assert time.monotonic() - started < 10, "the killed client's query kept the server busy"
    assert server.running(busy_store).pid == pid


def test_a_query_over_the_memory_cap_is_stopped_and_the_server_lives(data_dir, graph_files, monkeypatch):
    monkeypatch.setattr(server, "QUERY_MEMORY_BYTES", 100 << 20)  # read when the server starts
    assert cli(data_dir, "load", str(graph_files / "small.json")).exit_code == 0
    server.start_server(data_dir, pin=True)
    pid = server.running(data_dir).pid
    result = cli(data_dir, "query", "-e", "UNWIND range(1, 30000000) AS x RETURN count(x)")
    assert result.exit_code == 1
    assert result.output.startswith("Error: the query needed more than 100 MB of working memory and the store stopped it")
    assert server.running(data_dir).pid == pid


def test_a_query_asking_for_more_memory_than_the_machine_has_stops_only_the_server(busy_store):
    """FalkorDB 4.16 does not hold range() to QUERY_MEM_CAPACITY (FalkorDB#1410): range(1, 2e11)
    asks for 3.2 TB at once. The server's address space limit makes that fail at once; the
    command says so in one line, and the next command restarts the server with the saved graph."""
    started = time.monotonic()
    result = cli(busy_store, "query", "-e", "UNWIND range(1, 200000000000) AS x RETURN count(x)")
    assert result.exit_code == 1 and len(result.output.splitlines()) == 1
    assert re.match(r"Error: the query asked the embedded FalkorDB server for [\d.]+ GB at once, more than "
                    r"it may use \([\d.]+ GB\), and the server stopped", result.output), result.output
    assert "the saved graph is intact and the next command restarts it" in result.output
    assert time.monotonic() - started < 30
    assert stored_counts(busy_store) == "10"


def test_the_server_runs_with_a_default_time_out_and_memory_caps(data_dir):
    """Other clients (Bolt) get the time-out too; the address space limit is set on the process."""
    info = server.start_server(data_dir)
    import redis

    config = dict(redis.Redis(unix_socket_path=str(info.socket_path)).execute_command("GRAPH.CONFIG", "GET", "*"))
    assert config[b"TIMEOUT_DEFAULT"] == server.DEFAULT_TIMEOUT_MS
    assert config[b"QUERY_MEM_CAPACITY"] == server.QUERY_MEMORY_BYTES
    limits = Path(f"/proc/{info.pid}/limits").read_text()
    line = next(line for line in limits.splitlines() if line.startswith("Max address space"))
    assert str(server.address_space_limit()) in line


# -- item 7: a read-only query reaches no network and no file -----------------------------------------

@pytest.mark.parametrize("text", [
    "MATCH (n:Entity) LOAD CSV FROM 'https://127.0.0.1:{port}/' + n.id AS row RETURN row",
    "CALL {{ LOAD CSV FROM 'https://127.0.0.1:{port}/x' AS row RETURN row }} RETURN row",
    "// LOAD CSV in a comment does not hide it\nLOAD CSV WITH HEADERS FROM $url AS row RETURN row",
])
def test_load_csv_is_refused_in_a_read_only_query(busy_store, text):
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(3)
        port = listener.getsockname()[1]
        result = cli(busy_store, "query", "-e", text.format(port=port),
                     "-p", f"url=https://127.0.0.1:{port}/y")
        assert result.output == ("Error: LOAD CSV reads files and URLs, which a read-only query may not do; "
                                 "load data with `actorgraph load` (or run it with --write)\n")
        assert result.exit_code == 1
        with pytest.raises(TimeoutError):
            listener.accept()  # the actor id never left the machine


# -- item 6: the short-socket folder is checked --------------------------------------------------------

@pytest.mark.parametrize("plant", ["another user's", "a symlink", "open to others", "a file"])
def test_a_short_socket_folder_that_is_not_private_is_refused(tmp_path, monkeypatch, plant):
    import tempfile

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    folder = temp / f"actorgraph-{os.getuid()}"
    if plant == "another user's":
        folder.mkdir(mode=0o700)
        os.chown(folder, os.getuid() + 1, -1) if os.getuid() == 0 else pytest.skip("needs root to chown")
        problem = f"belongs to user id {os.getuid() + 1}, not to you"
    elif plant == "a symlink":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        folder.symlink_to(tmp_path / "elsewhere")
        problem = "is a symbolic link"
    elif plant == "open to others":
        folder.mkdir()
        folder.chmod(0o777)
        problem = "is open to other users (mode 777)"
    else:
        folder.write_text("")
        problem = "is not a folder"
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    result = cli(deep, "query", "most_connected")
    assert result.exit_code == 1
    assert result.output == (f"Error: {folder}, where the store's socket goes because the data dir's path is too "
                             f"long for one, {problem}; remove it, or use a shorter --data-dir\n")
    assert not list(folder.glob("*.sock")) if folder.is_dir() else True


def test_the_short_socket_folder_is_created_private(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = server.socket_path(tmp_path / ("d" * 60) / ("e" * 60)).parent
    assert folder == tmp_path / f"actorgraph-{os.getuid()}"
    assert folder.is_dir() and not folder.is_symlink() and folder.stat().st_mode & 0o777 == 0o700


# -- item 19: a corrupt dump says why, and stays ------------------------------------------------------

def test_a_corrupt_dump_gives_the_servers_reason_and_is_left_in_place(data_dir, graph_files):
    import hashlib

    assert cli(data_dir, "load", str(graph_files / "big.json")).exit_code == 0
    dump = data_dir / "dump.rdb"
    data = bytearray(dump.read_bytes())
    for i in range(2000, len(data) - 200, 997):
        data[i] ^= 0x5A
    dump.write_bytes(bytes(data))
    digest = hashlib.sha256(dump.read_bytes()).hexdigest()
    started = time.monotonic()
    result = cli(data_dir, "query", "most_connected")
    assert result.exit_code == 1 and len(result.output.splitlines()) == 1
    assert result.output.startswith(f"Error: the embedded FalkorDB server cannot read the saved graph {dump} (")
    assert "Invalid LZF compressed string" in result.output or "RDB" in result.output
    assert "the file is left as it is: move it away to start an empty store" in result.output
    assert time.monotonic() - started < 15, "it used to wait 30 s, twice"
    assert hashlib.sha256(dump.read_bytes()).hexdigest() == digest
    assert not (data_dir / "falkordb.pid").exists()


# -- item 10: two builds at once leave the view of the stored graph -----------------------------------

def test_two_builds_at_once_leave_the_html_of_the_stored_graph(data_dir, ontology, tmp_path, monkeypatch):
    """Build A renders slowly; build B (another graph) starts while A renders. Before the fix B's
    load slipped in between A's load and A's HTML: the store held B, the page showed A."""
    import threading

    from actorgraph import build as build_module
    from actorgraph import render
    from actorgraph.store.falkor import FalkorStore

    from .test_crash_safety import pairs_graph

    html = tmp_path / "index.html"
    real_render, rendering = render.render_html, threading.Event()

    def slow_render(graph, *args, **kwargs):
        if any(node.name.endswith("A") for node in graph.nodes.values()):
            rendering.set()
            time.sleep(2)
        return real_render(graph, *args, **kwargs)

    monkeypatch.setattr(render, "render_html", slow_render)
    stores = [FalkorStore.open(data_dir, ontology=ontology) for _ in range(2)]
    try:
        def run(store, tag):
            build_module.build(store, ontology, pairs_graph(20, tag=tag), source=tag, html_path=html)

        first = threading.Thread(target=run, args=(stores[0], "A"))
        first.start()
        assert rendering.wait(60)
        second = threading.Thread(target=run, args=(stores[1], "B"))
        second.start()
        first.join(60)
        second.join(60)
        stored = {node.name[-1] for node in stores[0].export_graph().nodes.values()}
    finally:
        for store in stores:
            store.close()
    page = html.read_text(encoding="utf-8")
    shown = {tag for tag in "AB" if f"Person 0{tag}" in page}
    assert stored == {"B"} and shown == stored, f"the store holds {stored}, the page shows {shown}"


# -- item 12: build ARTICLES says what it replaced, and the replaced graph can come back --------------

def test_build_says_what_it_replaced_and_keeps_it_recoverable(data_dir, tmp_path, dev_graph):
    article = tmp_path / "news.txt"
    article.write_text("President Javier Milei met Donald Trump in Washington on 3 March 2025.\n")
    assert cli(data_dir, "build", "--no-html").exit_code == 0
    before = stored_counts(data_dir)
    result = cli(data_dir, "build", "--no-html", str(article))
    assert result.exit_code == 0, result.output
    replaced = [line for line in result.output.splitlines() if line.startswith("Replaced")]
    assert replaced and replaced[0].startswith(
        f"Replaced {len(dev_graph.nodes):,} actors and {len(dev_graph.edges):,} relations with ")
    assert replaced[0].endswith("the previous graph is kept: `actorgraph store restore-previous` brings it back.")
    assert (data_dir / "dump.rdb.prev").exists()
    after = stored_counts(data_dir)
    assert after != before
    result = cli(data_dir, "store", "restore-previous")
    assert result.exit_code == 0, result.output
    assert stored_counts(data_dir) == before
    assert cli(data_dir, "store", "restore-previous").exit_code == 0  # and back again
    assert stored_counts(data_dir) == after


def test_build_help_says_the_graph_is_replaced_and_how_to_get_it_back():
    text = CliRunner().invoke(main, ["build", "--help"]).output
    assert "replaced as a whole" in text and "store restore-previous" in text and "load new.json" in text


def test_restore_previous_without_a_previous_graph_is_one_line(data_dir):
    result = cli(data_dir, "store", "restore-previous")
    assert result.exit_code == 1
    assert result.output == (f"Error: the store in {data_dir} keeps no previous graph (dump.rdb.prev is written "
                             "when `build` or `load --replace` replaces a stored graph)\n")


# -- issue 14 §6: no Bolt option on store start -------------------------------------------------------

def test_store_start_has_no_bolt_option(data_dir):
    """FalkorDB's Bolt server cannot read the graph actorgraph writes (docs/reliability.md), so the
    option that promised it is gone."""
    result = cli(data_dir, "store", "start", "--bolt-port", "7688")
    assert result.exit_code == 2 and "No such option '--bolt-port'" in result.output
    assert not server.status(data_dir)["running"]
    assert "bolt" not in CliRunner().invoke(main, ["store", "start", "--help"]).output.split("(There is no Bolt")[0].lower()


def test_store_stop_stops_a_server_that_was_busy_for_a_moment(data_dir):
    """A server silent for seconds (SIGSTOP stands in for a stall, as FalkorDB's Bolt handshake
    caused) used to be reported as "not running" by `store stop` and left running."""
    import threading

    info = server.start_server(data_dir, pin=True)
    os.kill(info.pid, signal.SIGSTOP)
    threading.Timer(3.0, os.kill, (info.pid, signal.SIGCONT)).start()  # longer than a ping waits
    result = cli(data_dir, "store", "stop")
    assert result.exit_code == 0 and result.output == "Store stopped.\n"
    assert not server.status(data_dir)["running"]


def test_a_server_that_misses_one_ping_after_answering_is_not_started_twice(data_dir, monkeypatch):
    """On a loaded machine a ping can time out just after the server was seen answering; the
    start then launched a second server on the same socket and orphaned the first (a leaked
    redis-server found after a busy test run). The server seen answering is used as it is."""
    info = server.start_server(data_dir)
    sock = server.socket_path(data_dir)
    real_ping = server._ping
    pings = []

    def ping(sock, **kw):  # misses, answers, misses: then the real answers
        pings.append(sock)
        if len(pings) in (1, 3):
            return False
        return real_ping(sock, **kw)

    monkeypatch.setattr(server, "_ping", ping)
    try:
        again = server.start_server(data_dir)
    finally:
        monkeypatch.undo()
    servers = _servers_on(sock)
    try:
        assert again.pid == info.pid and len(pings) >= 2
        assert servers == [info.pid]
    finally:
        if servers != [info.pid]:  # the bug is back: no server on this test's own socket outlives it
            for pid in _servers_on(sock):
                os.kill(pid, signal.SIGKILL)


def _servers_on(sock: Path) -> list[int]:
    """The processes whose command line names this socket (the tests' servers are started so)."""
    found = []
    for name in os.listdir("/proc"):
        try:
            if name.isdigit() and str(sock).encode() in Path(f"/proc/{name}/cmdline").read_bytes():
                found.append(int(name))
        except OSError:
            continue
    return sorted(found)
