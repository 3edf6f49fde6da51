"""The lookup keys of an actor: its id, name and aliases, normalised, for one indexed lookup.

Both loaders store them as the node property ``keys`` (a list of strings); FalkorDB's range
index on a list property answers ``$key IN n.keys`` (see cypher.FIND_ACTORS). Neo4j 5's
indexes cannot answer list membership, so there the same statement scans the Entity label.
Query parameters naming an actor are resolved through this lookup before a query runs.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

_SPACE = re.compile(r"\s+")


def lookup_key(text: str) -> str:
    """`text` as it is looked up: NFKC, case-folded, spaces collapsed, every apostrophe as ’.

    Apostrophes become the typographic one rather than ' because FalkorDB's Bolt server
    (the stand-in for Neo4j in the tests) refuses string parameters holding a '.
    """
    text = unicodedata.normalize("NFKC", str(text)).replace("'", "\u2019").replace("\u2018", "\u2019")
    return _SPACE.sub(" ", text).strip().casefold()


def actor_keys(node_id: str, name: str, aliases: Iterable[str]) -> list[str]:
    """The sorted, distinct lookup keys of an actor (the `keys` property both loaders write)."""
    return sorted({lookup_key(v) for v in (node_id, name, *aliases) if str(v).strip()})
