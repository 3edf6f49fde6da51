"""The one way the package writes a file: whole or not at all, to the real target.

Every file actorgraph writes (graph JSON, views, exports, snapshots, cache entries)
goes through ``write_files``:

- a regular file (or a new one) is written to a temporary file in the target's own
  folder, flushed to disk and renamed over the target, so a reader sees the old file
  or the new one, never half of one; an existing file keeps its permissions (a 0600
  file stays 0600), a new one gets 0666 less the umask;
- a symbolic link is followed: its target is replaced, the link stays a link;
- a character device, a FIFO, a socket and anything under ``/dev`` or ``/proc``
  (``/dev/stdout``, ``/proc/self/fd/1``) is written into, never replaced: renaming over
  ``/dev/stdout`` would leave a regular file where the device was, and replacing the file
  a shell redirected stdout to would send the output to a deleted inode.

Several files are staged first and renamed together, so a failure part-way leaves none
of them. A failure is an ``OutputError`` naming the file.

Hand-written rather than a library: the maintained atomic-write packages (``atomicwrites``
is archived) neither write through devices nor keep a replaced file's mode.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Callable, Iterable, TextIO, Union

from .errors import InputError

# Paths whose links are the kernel's, not the user's: /dev/stdout -> /proc/self/fd/1 -> ...
_KERNEL_TREES = ("/dev/", "/proc/")
_MAX_LINKS = 40  # as the kernel's own limit on a chain of symbolic links
_DESCRIPTOR_PATH = re.compile(r"^/(?:dev/(?P<std>stdout|stderr)"
                              r"|(?:dev|proc/(?:self|thread-self|(?P<pid>\d+)))/fd/(?P<fd>\d+))$")
_STD_STREAMS = {"stdout": 1, "stderr": 2}

# What a file is written from: its whole text, or a function that writes it into an open
# text handle piece by piece (write_stream), so a large output is never held whole.
Content = Union[str, Callable[[TextIO], None]]


class OutputError(InputError, OSError):
    """A file could not be written; nothing was replaced.

    Also an OSError (with the cause's errno and reason), so callers that catch the
    operating system's errors, and word them for their own output, still do.
    """

    def __init__(self, path: Path | str, cause: OSError):
        reason = cause.strerror or str(cause)
        super().__init__(cause.errno, reason, str(path))
        self.message = f"{path}: cannot write ({reason})"

    def __str__(self) -> str:
        return self.message


def write_text(path: str | os.PathLike, text: str, *, executable: bool = False) -> Path:
    """Write one file atomically (see the module docstring); returns the path written."""
    return write_files({Path(path): text}, executable={Path(path)} if executable else ())[0]


def write_stream(path: str | os.PathLike, produce: Content) -> Path:
    """Write one file atomically from ``produce``: a text, or a function ``produce(handle)``
    that writes the text piece by piece.

    The pieces go into the temporary file that is renamed over the target (or straight
    into a device, pipe or our own stdout), so the whole text is never held in memory;
    if ``produce`` raises, the target is left as it was.
    """
    return write_files({Path(path): produce})[0]


def write_files(files: dict[Path, Content], *, executable=()) -> list[Path]:
    """Write several files: each is staged in full before any is renamed into place.

    A failure while staging (a full disk, a folder that cannot be made) replaces none of
    them. The renames that follow are within each file's own folder and all but never
    fail; if one did, the files renamed before it stay written.

    ``executable`` names the paths that get execute permission when created. A file's
    content is its text, or a function that writes it into a handle (see write_stream).
    Returns the paths as given, in the order given.
    """
    executable = {Path(path) for path in executable}
    staged: list[tuple[str, Path]] = []
    through: list[tuple[Path, str]] = []
    current = None
    try:
        for path, text in files.items():
            current = Path(path)
            target, write_through = resolve_target(current)
            if write_through:
                through.append((target, text))
                continue
            if os.path.exists(target) and not os.access(target, os.W_OK):
                # a read-only file stays as it is, as a shell's `>` would leave it
                raise PermissionError(errno.EACCES, "permission denied", str(target))
            staged.append((_stage(target, text, current in executable), target))
        for tmp, target in staged:
            current = target
            os.replace(tmp, target)
            _sync_folder(target.parent)
        for target, text in through:
            current = target
            _write_into(target, text)
    except OSError as exc:
        raise OutputError(current, exc) from None
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
    return [Path(path) for path in files]


def safe_file_names(names: Iterable[str], suffix: str = "") -> dict[str, str]:
    """A file name for each name (an article id from input, say) that stays in its folder.

    No path separators, no leading dot (so no ``..`` and no hidden files), no control or
    line-separator characters, at most ``MAX_NAME_BYTES`` bytes. A name changed on the way,
    or equal (ignoring case) to another's, gets a hash of the original appended, so the
    result does not depend on the order of ``names`` and two names never share a file.
    """
    names = sorted(set(names))
    cleaned = {name: _clean_name(name) for name in names}
    taken: dict[str, int] = {}
    for name in names:
        taken[cleaned[name].casefold()] = taken.get(cleaned[name].casefold(), 0) + 1
    result = {}
    for name in names:
        base = cleaned[name]
        # (a name already ending like a hashed one is hashed too, so none can take another's file)
        if base != name or taken[base.casefold()] > 1 or _HASHED.search(base):
            digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
            base = f"{_clip(base, MAX_NAME_BYTES - len(suffix) - 11)}-{digest}"
        result[name] = base + suffix
    return result


MAX_NAME_BYTES = 120
_HASHED = re.compile(r"-[0-9a-f]{10}$")
_UNSAFE_IN_NAME = re.compile(r"[/\\\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _clean_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name)
    name = "".join("_" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in name)
    name = _UNSAFE_IN_NAME.sub("_", name).strip().lstrip(".")
    return _clip(name, MAX_NAME_BYTES) or "article"


def _clip(name: str, limit: int) -> str:
    """At most ``limit`` bytes of UTF-8, cut between characters."""
    return name.encode("utf-8")[:limit].decode("utf-8", "ignore")


def resolve_target(path: Path) -> tuple[Path, bool]:
    """The file a write to ``path`` should change, and whether to write into it in place.

    Follows the user's symbolic links one at a time; stops at the kernel's trees (/dev,
    /proc) and at anything that is not a regular file or folder, which are written into.
    """
    path = Path(os.path.abspath(path))
    for _ in range(_MAX_LINKS):
        if str(path).startswith(_KERNEL_TREES):
            return path, True
        if not path.is_symlink():
            break
        path = Path(os.path.abspath(Path(os.path.realpath(path.parent)) / os.readlink(path)))
    else:
        raise OSError(errno.ELOOP, "too many levels of symbolic links", str(path))
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):  # created (or refused) when written
        return path, False
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(path))
    return path, not stat.S_ISREG(mode)


def is_special_file(path: Path) -> bool:
    """A device, pipe or socket (/dev/null, /dev/stdout, a FIFO): written into, never replaced."""
    try:
        return resolve_target(Path(path))[1]
    except OSError:
        return False


def _stage(target: Path, text: Content, executable: bool) -> str:
    """Write ``text`` to a temporary file beside ``target``, with the mode ``target`` should have."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):  # a file holds a folder's name: say which
        blocker = next((p for p in reversed(target.parents) if p.exists() and not p.is_dir()), target.parent)
        raise NotADirectoryError(errno.ENOTDIR, f"{blocker} is a file, not a folder", str(target)) from None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:200]}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            put(handle, text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            existing = os.stat(target)
        except FileNotFoundError:
            os.chmod(tmp, (0o777 if executable else 0o666) & ~_umask())
        else:
            os.chmod(tmp, stat.S_IMODE(existing.st_mode))
            if (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
                try:  # root replacing another user's file: the file stays theirs
                    os.chown(tmp, existing.st_uid, existing.st_gid)
                except PermissionError:
                    pass
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot, which is not an error."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def put(handle: TextIO, text: Content) -> None:
    """Write content into an open handle: its text, or what the function writes."""
    if isinstance(text, str):
        handle.write(text)
    else:
        text(handle)


def _write_into(target: Path, text: Content) -> None:
    """Write into a device or pipe; an open descriptor of this process is written to directly.

    Reopening /dev/stdout when the shell sent stdout to a file would truncate that file and
    write from its start, over what the shell wrote before; the descriptor keeps its place.
    """
    fd = _own_descriptor(target)
    if fd is None:
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            put(handle, text)
        return
    if fd in (1, 2):
        (sys.stdout if fd == 1 else sys.stderr).flush()
    if not isinstance(text, str):  # written where the descriptor stands, through a buffer
        with open(fd, "w", encoding="utf-8", newline="\n", closefd=False) as handle:
            text(handle)
        return
    data = memoryview(text.encode("utf-8"))
    while data:
        data = data[os.write(fd, data):]


def _own_descriptor(path: Path) -> int | None:
    """The descriptor number /dev/stdout, /dev/fd/N or /proc/self/fd/N names, or None."""
    match = _DESCRIPTOR_PATH.match(str(path))
    if not match or (match["pid"] and int(match["pid"]) != os.getpid()):
        return None
    return _STD_STREAMS[match["std"]] if match["std"] else int(match["fd"])


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
