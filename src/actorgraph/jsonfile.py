"""Read JSON from input without the parser's recursion: nesting is bounded before parsing.

``json.loads`` recurses once per ``[`` or ``{``: 100,000 of them raise RecursionError, and
values nested a few hundred deep parse but break whatever walks them next (the store's
parameter encoder, a deep copy). ``loads`` refuses anything nested deeper than
``MAX_DEPTH`` with ``TooDeep`` (a ValueError), before parsing. Graph JSON needs six levels,
manifests and article records four, query parameters a handful.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64

_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_ALL_BUT_BRACKETS_AND_QUOTES = bytes(b for b in range(256) if b not in b'[]{}"')


class TooDeep(ValueError):
    """JSON nested deeper than the limit."""

    def __init__(self, limit: int):
        super().__init__(f"nested more than {limit} levels deep")


def loads(text: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads``, refusing nesting deeper than ``max_depth`` (TooDeep) without recursing."""
    check_depth(text, max_depth)
    return json.loads(text)


def check_depth(text: str | bytes, max_depth: int = MAX_DEPTH) -> None:
    """Raise TooDeep when the brackets outside strings nest deeper than ``max_depth``
    (``text``: JSON text, or its UTF-8 bytes).

    Only C-speed string operations, no recursion: escapes are dropped, then everything
    but brackets and quotes, then what lies between quotes; innermost pairs are then
    removed one level a pass, and what remains after ``max_depth`` passes is deeper.
    Unbalanced brackets are left for the parser to report, with their line.
    """
    if isinstance(text, bytes):
        data = text
        if data.count(b"[") + data.count(b"{") <= max_depth:
            return
    else:
        if text.count("[") + text.count("{") <= max_depth:
            return
        data = text.encode("utf-8", "surrogatepass")
    if b"\\" in data:
        data = _ESCAPE.sub(b"", data)
    # Dropping two adjacent quotes removes an empty string or joins two strings: either
    # way what lies outside the strings is unchanged, and it is much shorter to split.
    data = data.translate(None, _ALL_BUT_BRACKETS_AND_QUOTES).replace(b'""', b"")
    brackets = b"".join(data.split(b'"')[0::2])
    for _ in range(max_depth):
        shorter = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if not shorter or shorter == brackets:
            return
        brackets = shorter
    if b"[]" in brackets or b"{}" in brackets:
        raise TooDeep(max_depth)
