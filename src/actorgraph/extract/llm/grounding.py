"""Grounding: keep only what the article's own words prove.

A relation survives when its quote is found in the excerpt that was sent, after both are
normalised the same way (whitespace runs, line breaks included, become one space; curly
and angled quotation marks become ``"``; apostrophes, primes and backticks become ``'``;
dashes and minus signs become ``-``; an ellipsis character becomes ``...``). The evidence
then holds the article's own characters at that place, so ``quote == text[start:end]``.

Entities are kept when the excerpt names them (their name or an alias, as a whole word,
case ignored); only aliases the excerpt contains are kept. Names are canonicalised through
the same knowledge file the rules use ("Washington" as a Country is the United States).
Everything dropped is counted by reason (``DROP_REASONS``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ...ontology import Ontology
from ..lexicon import fold, knowledge

_FOLD = {**{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02"},
         **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\uff07\u02bc"},
         **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
         "\u2026": "..."}
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}

MIN_QUOTE_WORDS = 3  # "Milei" or "met Rubio" proves a name or a verb, not who did what to whom

# reason key -> how the summary words it ("dropped 3 relations without a verbatim quote")
DROP_REASONS = {
    "no_verbatim_quote": "without a verbatim quote",
    "short_quote": f"with a quote under {MIN_QUOTE_WORDS} words",
    "unknown_type": "of an unknown type",
    "forbidden_endpoints": "with ends the ontology does not allow",
    "missing_entity": "with an end missing from the entities",
    "same_entity": "from an entity to itself",
    "malformed": "malformed",
}
ENTITY_DROP_REASONS = {
    "not_in_text": "not named in the text",
    "unknown_type": "of an unknown type",
    "malformed": "malformed",
}


def normalise(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index it came from."""
    out: list[str] = []
    where: list[int] = []
    space_at = -1
    for i, ch in enumerate(text):
        if ch.isspace():
            if space_at < 0:
                space_at = i
            continue
        if ch in _INVISIBLE:
            continue
        if space_at >= 0 and out:
            out.append(" ")
            where.append(space_at)
        space_at = -1
        for piece in _FOLD.get(ch, ch):
            out.append(piece)
            where.append(i)
    return "".join(out), where


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """(start, end) of ``quote`` in ``text`` up to the normalisation above, first occurrence."""
    return _find(normalise(text), quote)


def _find(normalised: tuple[str, list[int]], quote: str) -> tuple[int, int] | None:
    haystack, where = normalised
    needle, _ = normalise(quote)
    at = haystack.find(needle) if needle else -1
    if at < 0:
        return None
    return where[at], where[at + len(needle) - 1] + 1


@dataclass
class Found:
    """What one answer about one excerpt leaves after grounding."""
    entities: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # name -> (label, aliases)
    relations: list[dict] = field(default_factory=list)  # source, target, type, start, end, props
    dropped_relations: Counter = field(default_factory=Counter)
    dropped_entities: Counter = field(default_factory=Counter)


class Excerpt:
    """One excerpt of an article: its text and where it starts in the article."""

    def __init__(self, text: str, offset: int):
        self.text, self.offset = text, offset
        self._normalised = normalise(text)
        self._folded = self._normalised[0].casefold()

    def names(self, surface: str) -> bool:
        """Does the excerpt contain ``surface`` as a whole word (case ignored)?"""
        needle = normalise(surface)[0].casefold()
        if not needle:
            return False
        return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", self._folded) is not None

    def find(self, quote: str) -> tuple[int, int] | None:
        span = _find(self._normalised, quote)
        return None if span is None else (span[0] + self.offset, span[1] + self.offset)


def ground(answer: dict, excerpt: Excerpt, ontology: Ontology) -> Found:
    """Check a parsed answer against the excerpt and the ontology."""
    found = Found()
    owner: dict[str, str] = {}  # folded surface -> canonical name of the entity it names
    for item in _items(answer, "entities"):
        item = item if isinstance(item, dict) else {}
        name, label, aliases = item.get("name"), item.get("type"), item.get("aliases")
        if not isinstance(name, str) or not name.strip() or not isinstance(label, str):
            found.dropped_entities["malformed"] += 1
            continue
        aliases = aliases if isinstance(aliases, list) else []
        surfaces = [name.strip(), *(a.strip() for a in aliases if isinstance(a, str) and a.strip())]
        written = [s for s in surfaces if excerpt.names(s)]
        if not written:
            found.dropped_entities["not_in_text"] += 1
            continue
        canonical, label = canonical_entity(name.strip(), label)
        if label not in ontology.labels:
            found.dropped_entities["unknown_type"] += 1
            continue
        known_label, known_aliases = found.entities.get(canonical, (label, []))
        found.entities[canonical] = (known_label, _unique(known_aliases + [s for s in written if s != canonical]))
        for surface in [canonical, *surfaces]:
            owner.setdefault(fold(surface), canonical)
    for item in _items(answer, "relations"):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str)
                                                 for k in ("source", "target", "type", "quote")):
            found.dropped_relations["malformed"] += 1
            continue
        reason, relation = _check(item, owner, found.entities, excerpt, ontology)
        if reason:
            found.dropped_relations[reason] += 1
        else:
            found.relations.append(relation)
    return found


def _check(item: dict, owner: dict[str, str], entities: dict, excerpt: Excerpt,
           ontology: Ontology) -> tuple[str | None, dict | None]:
    spec = ontology.relations.get(item["type"].strip())
    if spec is None:
        return "unknown_type", None
    ends = [_end(item[k], owner) for k in ("source", "target")]
    if None in ends:
        return "missing_entity", None
    source, target = ends
    if source == target:
        return "same_entity", None
    if not spec.allows(entities[source][0], entities[target][0]):
        return "forbidden_endpoints", None
    span = excerpt.find(item["quote"])
    if span is None:
        return "no_verbatim_quote", None
    if len(item["quote"].split()) < MIN_QUOTE_WORDS:
        return "short_quote", None
    props = {p: item[p].strip() for p in spec.properties if isinstance(item.get(p), str) and item[p].strip()}
    return None, {"source": source, "target": target, "type": spec.name,
                  "start": span[0], "end": span[1], "props": props}


def _end(name: str, owner: dict[str, str]) -> str | None:
    """The entity a relation end names: by its name or alias, else by its canonical name."""
    hit = owner.get(fold(name.strip()))
    if hit is None:
        hit = owner.get(fold(canonical_entity(name.strip(), "Country")[0]))
    return hit


def canonical_entity(name: str, label: str) -> tuple[str, str]:
    """The knowledge file's canonical name and label for an entity, when it knows the name.

    Only the name is looked up: an alias such as "Milei" could name two people. A seat of
    government ("Washington", "Casa Rosada") stands for its country only when the model
    calls it a Country.
    """
    kb = knowledge()
    for form in dict.fromkeys((name, re.sub(r"(?i)^the\s+", "", name))):
        known = kb.lookup(form)
        if known is not None:
            return known.name, known.label
        if label == "Country" and fold(form) in kb.seats:
            return kb.seats[fold(form)], "Country"
    return name, label


def _items(answer: dict, key: str) -> list:
    value = answer.get(key)
    return value if isinstance(value, list) else []


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
