"""Text shown on a terminal: control characters escaped, so a name cannot drive the terminal."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, and bidirectional overrides that
# could make a terminal move the cursor, change colours or its title, or reorder what is shown.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def escape_controls(text: str) -> str:
    """Control characters shown escaped (\\n, \\t, \\x1b, \\u202e)."""
    return _CONTROL.sub(lambda m: _NAMED.get(m.group()) or (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                                                           else f"\\u{ord(m.group()):04x}"), text)


def error_line(text: str, limit: int = 1000) -> str:
    """An error message as one inert line, clipped: a 30 kB value quoted back helps no one."""
    text = escape_controls(text)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text) - limit:,} more characters)"
