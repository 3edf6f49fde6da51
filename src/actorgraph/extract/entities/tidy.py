"""The last passes: overlapping mentions, possessives, unused entities."""

from __future__ import annotations

import re

from .model import ArticleEntities, _drop_overlaps


def drop_overlaps(result: ArticleEntities) -> None:
    result.mentions.sort(key=lambda m: (m.start, -m.end))
    result.mentions = _drop_overlaps(result.mentions)


POSSESSIVE_RE = re.compile(r"['’]s\b|['’](?=\s)")


def mark_possessives(result: ArticleEntities) -> None:
    """A mention followed by 's (or a bare apostrophe after s) is a possessor."""
    text = result.text
    for m in result.mentions:
        after = text[m.end:m.end + 2]
        m.possessive = after[:1] in ("'", "’") and bool(POSSESSIVE_RE.match(after))


def prune(result: ArticleEntities) -> None:
    """Entities no mention points at leave; a name is no alias of itself."""
    for entity in result.entities.values():
        entity.aliases.discard(entity.name)
    used = {m.entity for m in result.mentions} | {m.entity for m in result.inert}
    result.entities = {k: v for k, v in result.entities.items() if k in used}
