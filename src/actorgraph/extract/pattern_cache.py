"""Compiled regular expressions kept from one run to the next, as Python keeps compiled modules.

Importing the extraction rules compiles some 480 patterns (the rulebook's triggers and word
lists, the rule modules' own): about 0.25 CPU-s, half of what ``actorgraph extract`` costs
before its first article, and ``re`` keeps nothing between processes. Inside ``kept(folder)``
``re.compile`` (replaced for the block) and ``patterns.compile_guarded`` look each pattern up
by its whole text and flags in a file in ``folder`` and build it from the code kept there with
``_sre.compile``, the call ``re.compile`` itself ends with; a pattern not found is compiled as
usual. When the block ends the file is written again (atomically, by ``actorgraph.output``,
with the patterns of this run only) if what it lacked cost ``REWRITE_AFTER`` to compile. Only
the imports run inside the block (``actorgraph extract`` and ``evaluate`` open it): a pattern
compiled later, per article, is neither looked up nor kept, and ``re.compile`` is ``re``'s own.

What keeps a pattern built from the file the one compiling would give:

* the file is read only if the same Python wrote it (its version string, the code format's
  ``_sre.MAGIC`` and ``CODESIZE``) with the same code in this module and ``patterns.py``
  (their source hashed): else every pattern is compiled and the file written anew;
* its text carries a digest of the rest: a file cut short or altered is not read;
* ``_sre.compile`` checks the code it is given; code it refuses is compiled anew.

A file that cannot be read or written costs the compiling and nothing else: no error, no
message. ``tests/test_pattern_cache.py`` builds every kept pattern and compares it with a
fresh compile (``re.Pattern`` equality compares the compiled code).
"""

from __future__ import annotations

import binascii
import hashlib
import marshal
import re
import sys
import time
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable

try:
    import _sre
    from re import _compiler as _k, _parser as _p  # what re compiles with (Python 3.11+)
except ImportError:  # pragma: no cover - another Python: nothing is kept
    _sre = _k = _p = None

FORMAT = "actorgraph compiled patterns 1"
DATA_FORMAT = "actorgraph kept data 1"
# The file is written again once the patterns it lacks took this long to compile (CPU-s), about
# what writing it takes: a pattern added or edited is compiled in each run until then, and a
# few patterns built from sets in their hash order, whose text changes from run to run, do not
# make every run write the file.
REWRITE_AFTER = 0.05
_RE_COMPILE = re.compile
_FLAGS = int(re.IGNORECASE | re.LOCALE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE | re.ASCII)
_MISSING = object()
_active: PatternCache | None = None


def file_name() -> str:
    """The cache file's name in its folder: one per Python, so two never write over each other."""
    return f"patterns-{sys.implementation.cache_tag}.txt"


def active() -> PatternCache | None:
    """The cache of the ``kept`` block being run, if any."""
    return _active


@contextmanager
def kept(folder: Path | None):
    """Patterns compiled inside the block are read from and kept in ``folder`` (None: not kept)."""
    global _active
    header = None if folder is None or _sre is None or _active is not None else _header()
    if header is None:
        yield
        return
    cache = PatternCache(Path(folder) / file_name(), header)
    cache.load()
    _active = cache
    re.compile = _re_compile
    try:
        yield
    finally:
        re.compile = _RE_COMPILE
        _active = None
        cache.save()


def kept_data(name: str, inputs: bytes, make: Callable[[], Any]) -> Any:
    """``make()``, kept in the folder of the ``kept`` block being run, keyed on ``inputs``.

    For tables a process builds before its first article from files that seldom change (the
    rulebook's checked triggers, the knowledge tables): ``inputs`` holds every byte the value
    depends on (the files read, the source of the code that reads them, the versions of the
    libraries it calls), and the value is plain data ``marshal`` writes (dicts, lists, tuples,
    sets, strings, numbers, None). A file written by another Python, holding other inputs, cut
    short or altered is not used: ``make()`` is called and the file written again (a value
    ``marshal`` cannot write is not kept). Outside a block, or when the file cannot be written,
    ``make()``'s value, nothing else."""
    cache = _active
    if cache is None:
        return make()
    path = cache.path.with_name(f"{name}-{sys.implementation.cache_tag}.txt")
    key = hashlib.blake2b(marshal.dumps(cache.header) + name.encode("utf-8") + b"\0" + inputs,
                          digest_size=16).hexdigest()
    data = _read_kept(path, DATA_FORMAT)
    if data is not None:
        try:
            kept_key, value = marshal.loads(data)
            if kept_key == key:
                return value
        except (ValueError, TypeError, EOFError):
            pass
    value = make()
    try:
        data = marshal.dumps((key, value))
    except ValueError:  # an object marshal does not write
        return value
    _write_kept(path, DATA_FORMAT, data)
    return value


def _read_kept(path: Path, form: str) -> bytes | None:
    """The bytes of a file ``_write_kept`` wrote in format ``form``; None when it is missing,
    of another format, cut short or altered: marshal is never given bytes this module did not write."""
    try:
        first, _, body = path.read_bytes().partition(b"\n")
        data = binascii.a2b_base64(body)  # other characters are skipped: the digest then differs
    except (OSError, binascii.Error):
        return None
    return data if first == f"{form} {_digest(data)}".encode("ascii") else None


def _write_kept(path: Path, form: str, data: bytes) -> None:
    """``data`` written atomically under a first line naming ``form`` and its digest, in base64
    (the package's one way to write files writes text); a folder that cannot be written is let be:
    the next run builds it again."""
    from ..output import write_text

    try:
        write_text(path, f"{form} {_digest(data)}\n{binascii.b2a_base64(data, newline=False).decode('ascii')}")
    except OSError:
        pass


def _re_compile(pattern, flags=0):
    """``re.compile`` while a ``kept`` block runs. A module that took ``re.compile`` by name
    during the block gets the plain one once it has ended (and holds no cache alive)."""
    cache = _active
    if cache is None or type(pattern) is not str or not isinstance(flags, int) or flags & ~_FLAGS:
        return _RE_COMPILE(pattern, flags)
    flags = int(flags)
    return cache.compile(("re", pattern, flags), lambda: plain_args(pattern, flags))


def code_args(source: str, parsed, flags: int, code: list) -> list:
    """The arguments of ``_sre.compile`` for ``code`` compiled from ``parsed`` (named ``source``),
    as ``re._compiler.compile`` passes them, in the form the file keeps."""
    indexgroup = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        indexgroup[index] = name
    return [source, flags | parsed.state.flags, code, parsed.state.groups - 1, parsed.state.groupdict, indexgroup]


def build(args: list) -> re.Pattern:
    """The pattern ``code_args`` describes."""
    source, flags, code, groups, groupindex, indexgroup = args
    return _sre.compile(source, flags, code, groups, groupindex, tuple(indexgroup))


def plain_args(source: str, flags: int) -> list:
    """``re._compiler.compile(source, flags)``, as the arguments of its ``_sre.compile``."""
    parsed = _p.parse(source, flags)
    return code_args(source, parsed, flags, _k._code(parsed, flags))


class PatternCache:
    """The patterns of one cache file: ``(kind, text, flags)`` -> ``code_args`` (or None: a
    guarded pattern ``compile_guarded`` leaves unguarded)."""

    def __init__(self, path: Path, header: dict):
        self.path = path
        self.header = header
        self.entries: dict[tuple, list | None] = {}
        self.used: set[tuple] = set()
        self.compiling = 0.0  # CPU-s spent compiling patterns the file lacked

    def compile(self, key: tuple, make) -> re.Pattern | None:
        """The pattern kept under ``key``, else the one ``make()``'s arguments describe (kept)."""
        args = self.entries.get(key, _MISSING)
        if args is not _MISSING:
            try:
                pattern = None if args is None else build(args)
            except (RuntimeError, TypeError, ValueError, OverflowError):  # code _sre refuses
                del self.entries[key]
            else:
                self.used.add(key)
                return pattern
        start = time.process_time()
        args = make()  # raises re.error for a pattern that does not compile, as compiling does
        pattern = None if args is None else build(args)
        self.compiling += time.process_time() - start
        self.entries[key] = args
        self.used.add(key)
        return pattern

    def load(self) -> None:
        data = _read_kept(self.path, FORMAT)
        if data is None:
            return
        try:
            header, entries = marshal.loads(zlib.decompress(data))
            if header != self.header:
                return
            self.entries = {(kind, source, flags): args for kind, source, flags, args in entries}
        except (ValueError, TypeError, EOFError, zlib.error):
            return

    def save(self) -> None:
        """Write the file again if the patterns it lacked cost enough; a failure is let be."""
        if self.compiling < REWRITE_AFTER:
            return
        # this run's patterns only: a pattern edited, or built from a set in its hash order (a
        # few are), leaves its old text behind, which would otherwise pile up run after run
        keys = self.used
        entries = [(kind, source, flags, _plain(self.entries[kind, source, flags])) for kind, source, flags in keys]
        # marshal (5 ms to read the 230,000 numbers of the code; JSON 24), compressed (1.25 MB
        # to 220 kB, 3 ms to expand; 11 ms to compress at level 1, 37 at the default level)
        _write_kept(self.path, FORMAT, zlib.compress(marshal.dumps((self.header, entries)), 1))


def _plain(args: list | None) -> list | None:
    """``args`` as marshal writes them: the compiler's opcodes are int subclasses."""
    if args is None:
        return None
    source, flags, code, groups, groupindex, indexgroup = args
    return [source, int(flags), list(map(int, code)), groups, groupindex, indexgroup]


def _digest(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()  # against damage, not attack


def _header() -> dict | None:
    """What the kept code depends on besides a pattern's text and flags (None: not known, as
    for a package whose sources cannot be read; then nothing is kept)."""
    here = Path(__file__)
    try:
        source = here.read_bytes() + here.with_name("patterns.py").read_bytes()
    except OSError:
        return None
    return {"python": sys.version, "implementation": sys.implementation.cache_tag, "magic": _sre.MAGIC,
            "codesize": _sre.CODESIZE, "maxrepeat": _sre.MAXREPEAT, "maxgroups": _sre.MAXGROUPS,
            "code": hashlib.blake2b(source, digest_size=16).hexdigest()}
