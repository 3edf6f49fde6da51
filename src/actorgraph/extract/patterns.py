"""Regular expressions made cheaper to search, matching exactly what they matched before.

Python's ``re`` skips ahead quickly only when a pattern begins with a plain character or set;
one that begins with ``\\b`` or a look-behind, or whose first characters are matched ignoring
case, is tried at every position of the text, every branch of its alternation in turn. The
trigger patterns of ``data/relations.yaml`` are such patterns, and searching them was the largest
single cost of the relation rules. ``guarded`` puts one look-ahead in front of a pattern: the
set of characters any of its matches can begin with. The look-ahead takes no text and only
refuses positions where no match can begin, so the matches, their groups and their order are
those of the pattern itself.

The same set is also written into the compiled code's info block, where ``re`` itself keeps
the characters a pattern begins with when it can see them: its search then steps over the
other positions in one C loop instead of starting the matcher at each one only for the
look-ahead to refuse it (about half the time of a trigger's search). For a pattern that ignores
case the set written there is wider than the look-ahead's (every ASCII letter in both cases,
every character beyond ASCII), since that loop compares characters as they are.
"""

from __future__ import annotations

import re

from . import pattern_cache

try:
    from re import _compiler as _k, _constants as _c, _parser as _p  # what re compiles with (Python 3.11+)
except ImportError:  # pragma: no cover - another Python: patterns are used as they are
    _c = _p = _k = None

BEYOND_ASCII = None if _c is None else (_c.RANGE, (0x80, 0x10FFFF))
GLOBAL_FLAGS_RE = re.compile(r"\(\?[aiLmsux]+\)")  # "(?i)" at the start: it could not follow a look-ahead


class _Unknown(Exception):
    """A construct whose first characters are not worked out here: no guard."""


def guarded(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` behind a look-ahead for the characters its matches begin with (or itself,
    when those cannot be worked out or could be any)."""
    if not isinstance(pattern.pattern, str):
        return pattern
    try:
        return compile_guarded(pattern.pattern, pattern.flags, pattern)
    except re.error:
        return pattern


def compile_guarded(source: str, flags: int = 0, unguarded: re.Pattern | None = None) -> re.Pattern:
    """``re.compile(source, flags)`` behind the look-ahead ``guarded`` puts: the pattern is read
    once for its first characters, then compiled with the look-ahead (``unguarded`` is returned,
    when given, where no look-ahead can be made). Raises ``re.error`` as ``re.compile`` does.
    Inside ``pattern_cache.kept`` the compiled code is kept between runs."""
    flags = int(flags)  # as re.compile does: RegexFlag's "&" is Python code, and compiling tests the flags often
    cache = pattern_cache.active()
    if cache is None:
        args = _guarded_args(source, flags)
        pattern = None if args is None else pattern_cache.build(args)
    else:
        pattern = cache.compile(("guarded", source, flags), lambda: _guarded_args(source, flags))
    if pattern is None:
        return unguarded if unguarded is not None else re.compile(source, flags)
    return pattern


def _guarded_args(source: str, flags: int) -> list | None:
    """``compile_guarded``'s pattern as the arguments of ``_sre.compile`` (``pattern_cache.code_args``),
    or None where it is the pattern itself, unguarded."""
    if _p is None:
        return None
    parsed = _p.parse(source, flags)  # raises re.error for a pattern that does not compile
    try:
        if _skips_ahead(parsed.data, flags | parsed.state.flags):
            return None  # re already jumps to where a match can begin; a look-ahead would stop it
        chars, empty = _first(parsed.data, flags | parsed.state.flags)
        if empty:
            return None  # a match can be empty, so it may begin anywhere
    except (_Unknown, RecursionError):
        return None
    if not chars:
        return None
    guard = "(?=[" + "".join(sorted(chars)) + "])"
    lookahead = _p.parse(guard, flags).data[0]
    if not GLOBAL_FLAGS_RE.match(source) and not flags & re.VERBOSE and not _alternatives_at_top(source):
        # the look-ahead put in front of the pattern already read, not the whole read again: the
        # code re.compile(guard + source, flags) makes, at about half the cost (reading is most of
        # it). Not for "A|B", where the look-ahead written in front belongs to A alone.
        parsed.data.insert(0, lookahead)
        return _compiled_args(guard + source, parsed, flags, _starts(lookahead, flags | parsed.state.flags))
    try:
        # compiled with the pattern's own flags, the set folds case as the pattern does
        guarded_source = guard + source
        whole = _p.parse(guarded_source, flags)
    except re.error:  # a global flag such as "(?i)" written at the start cannot follow the look-ahead
        return None
    # "A|B": the look-ahead guards A only, the info block's set (every first character) both
    return _compiled_args(guarded_source, whole, flags, _starts(lookahead, flags | whole.state.flags))


def _alternatives_at_top(source: str) -> bool:
    """Does ``source`` have a "|" outside every group and set?"""
    depth, i, n = 0, 0, len(source)
    while i < n:
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1  # "[]...]": the first "]" is a member
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        i += 1
    return False


def _starts(lookahead, flags: int) -> list | None:
    """The set items of the info block for the look-ahead ``(?=[...])``: its own set where case
    matters; where case is ignored, a set holding every character the look-ahead admits (the
    ASCII ones in both cases, every character beyond ASCII, whose case partners may be ASCII
    letters: then every ASCII letter too). None where the look-ahead is not one plain set."""
    op, (direction, sub) = lookahead
    if op is not _c.ASSERT or direction != 1 or len(sub.data) != 1 or sub.data[0][0] is not _c.IN:
        return None
    items = sub.data[0][1]
    if not flags & re.IGNORECASE:
        return list(items)
    wide, codes = False, set()
    for kind, value in items:
        if kind is _c.LITERAL:
            low, high = value, value
        elif kind is _c.RANGE:
            low, high = value
        elif kind is _c.CATEGORY:
            continue  # \w, \d, \s and their negations: the same ASCII characters in either case
        else:
            return None
        if high > 0x7F:
            wide = True  # "ſ", "K", "İ" match ASCII letters ignoring case
        for code in range(low, min(high, 0x7F) + 1):
            char = chr(code)
            codes.update((code, ord(char.lower()), ord(char.upper())))
    if wide:
        codes.update(range(ord("A"), ord("Z") + 1), range(ord("a"), ord("z") + 1))
    out = [(_c.LITERAL, code) for code in sorted(codes)]
    out += [item for item in items if item[0] is _c.CATEGORY]
    return out + [BEYOND_ASCII]


def _compiled_args(source: str, parsed, flags: int, starts: list | None = None) -> list:
    """``re._compiler.compile`` of a pattern already parsed, named ``source``, as the arguments
    of its ``_sre.compile``; ``starts`` (set items, a superset of the characters a match can
    begin with) written into its info block."""
    code = _k._code(parsed, flags)
    if starts and code[0] is _c.INFO and code[2] == 0 and code[3] > 0:
        # no literal prefix or set of re's own: put ours in, as _compiler._compile_info would
        # write a set it had found (a set re finds itself is never replaced)
        if starts[-1] == BEYOND_ASCII:
            # the ASCII part as a bitmap, then the range (a bitmap over all of it would be made
            # in Python, character by character: milliseconds per pattern)
            charset = _k._optimize_charset(starts[:-1])[0] + [BEYOND_ASCII]
        else:
            charset = _k._optimize_charset(starts)[0]
        info = [_c.INFO, 0, _c.SRE_INFO_CHARSET, code[3], code[4]]
        _k._compile_charset(charset, flags | parsed.state.flags, info)
        info[1] = len(info) - 1
        code = info + code[code[1] + 1:]
    return pattern_cache.code_args(source, parsed, flags, code)


def _skips_ahead(items, flags) -> bool:
    """Does re find this pattern's possible starts itself? It does when, case mattering, the
    pattern begins with a character, a set, or alternatives that each begin with a character."""
    if flags & re.IGNORECASE:
        return False
    while items and items[0][0] is _c.SUBPATTERN:
        items = items[0][1][3].data
    if not items:
        return False
    op, av = items[0]
    if op is _c.BRANCH:
        return all(branch.data and branch.data[0][0] is _c.LITERAL for branch in av[1])
    return op in (_c.LITERAL, _c.IN)


def _first(items, flags) -> tuple[set[str], bool]:
    """The class items (escaped) a match of the sequence ``items`` can begin with, and whether
    the sequence can match the empty string (then what follows it can begin a match too)."""
    out: set[str] = set()
    for op, av in items:
        chars, empty = _first_of(op, av, flags)
        out |= chars
        if not empty:
            return out, False
    return out, True


def _first_of(op, av, flags) -> tuple[set[str], bool]:
    if op is _c.LITERAL:
        return {re.escape(chr(av))}, False
    if op is _c.IN:
        out = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                out.add(re.escape(chr(value)))
            elif kind is _c.RANGE:
                out.add(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
            elif kind is _c.CATEGORY and value in _CATEGORIES:
                out.add(_CATEGORIES[value])
            else:
                raise _Unknown(kind)  # a negated set, and the rest
        return out, False
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # takes no text; leaving its condition out only widens the set
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE and not flags & re.IGNORECASE:
            raise _Unknown(op)  # "(?i:...)" inside a case-sensitive pattern: the set would not fold
        return _first(sub.data, flags)
    if op is _c.BRANCH:
        out, empty = set(), False
        for branch in av[1]:
            chars, may_be_empty = _first(branch.data, flags)
            out |= chars
            empty = empty or may_be_empty
        return out, empty
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        chars, empty = _first(sub.data, flags)
        return chars, empty or low == 0
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _first(av.data, flags)
    raise _Unknown(op)  # any character, back-references, conditionals


_CATEGORIES = {} if _c is None else {
    _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W", _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S",
}
