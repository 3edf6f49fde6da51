"""The data the entity passes share: mentions, entities, candidates, one article's state."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from ..lexicon import knowledge
from ..text import Sentence, Token


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    entity: str
    sentence: int
    possessive: bool = False
    anaphor: bool = False
    phrase: bool = False          # an agreement phrase that may contain its parties
    inert: bool = False           # records that the article names it; no relation starts here


@dataclass
class Entity:
    name: str
    label: str
    country: str | None = None
    aliases: set[str] = field(default_factory=set)
    kind: str | None = None          # agreements: "trade agreement", "currency swap", ...
    parties: tuple[str, ...] = ()    # agreements: the actors named as its parties


@dataclass
class Candidate:
    start: int
    end: int
    surface: str
    label: str | None          # None: unresolved single word
    name: str | None = None    # canonical name when known
    country: str | None = None
    titled: bool = False


@dataclass
class ArticleEntities:
    """Entities of one article with every mention, sentence by sentence."""

    text: str
    sentences: list[Sentence]
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    home: str | None = None       # the country the article is mostly about
    second: str | None = None     # the next most mentioned country
    year: str | None = None       # publication year, for "the midterm elections"
    inert: list[Mention] = field(default_factory=list)  # named, but inside a larger mention
    tokens: list[list[Token]] = field(default_factory=list)  # per sentence
    candidates: list[list["Candidate"]] = field(default_factory=list)  # per sentence, before resolution

    def in_sentence(self, index: int) -> list[Mention]:
        return [m for m in self.mentions if m.sentence == index]

    def add(self, name: str, label: str, surface: str | None = None, country: str | None = None,
            **extra) -> Entity:
        entity = self.entities.get(name)
        if entity is None:
            entity = self.entities[name] = Entity(name, label, country, **extra)
        elif country and not entity.country:
            entity.country = country
        if surface and surface != name:
            entity.aliases.add(surface)
        return entity

    def country_of(self, name: str) -> str | None:
        entity = self.entities.get(name)
        if entity is None:
            return knowledge().country_of(name)
        if entity.label == "Country":
            return entity.name
        return entity.country or knowledge().country_of(name)


class _NoActor:
    label = None


_NONE = _NoActor()


def _fold(result: ArticleEntities, entity: Entity, target: Entity, *, name_as_alias: bool = True) -> None:
    """Merge ``entity`` into ``target``: its aliases (and name) join the target's, its mentions
    point at the target, and it leaves the article's entities."""
    target.aliases |= entity.aliases | ({entity.name} if name_as_alias else set())
    for m in result.mentions:
        if m.entity == entity.name:
            m.entity = target.name
    del result.entities[entity.name]


_START = attrgetter("start")  # a sort key read by C code, not a lambda called per mention


def mentions_by_sentence(mentions: list[Mention]) -> dict[int, list[Mention]]:
    """Mentions grouped by sentence index, each group in text order."""
    groups: dict[int, list[Mention]] = {}
    for m in sorted(mentions, key=_START):
        groups.setdefault(m.sentence, []).append(m)
    return groups


class MentionEditor:
    """Removes and adds an article's mentions one sentence at a time.

    Passes that replace the mentions inside a span would otherwise scan every mention of the
    article for each match, which made long articles quadratic. The editor keeps the mentions
    by sentence, marks removed ones, and rebuilds ``result.mentions`` once, in its order, when
    the ``with`` block ends.
    """

    def __init__(self, result: ArticleEntities):
        self.result = result
        # the mentions as they are now, grouped by sentence only when first asked for: most
        # editors (a pass that finds nothing to change: bylines, quoted bills, events) never are,
        # and grouping sorts every mention of the article. A copy of the list, so the groups are
        # the ones this moment gives (a mention's start and sentence never change)
        self._mentions: list[Mention] | None = list(result.mentions)
        self._by_sentence: dict[int, list[Mention]] = {}
        self.dropped: set[int] = set()

    @property
    def by_sentence(self) -> dict[int, list[Mention]]:
        if self._mentions is not None:
            self._by_sentence, self._mentions = mentions_by_sentence(self._mentions), None
        return self._by_sentence

    def __enter__(self) -> "MentionEditor":
        return self

    def __exit__(self, *exc) -> None:
        if self.dropped:
            self.result.mentions = [m for m in self.result.mentions if id(m) not in self.dropped]
            self.dropped.clear()

    def in_sentence(self, index: int) -> list[Mention]:
        """The sentence's live mentions, in text order."""
        return sorted(self.by_sentence.get(index, []), key=_START)

    def add(self, mention: Mention) -> Mention:
        self.result.mentions.append(mention)
        self.by_sentence.setdefault(mention.sentence, []).append(mention)
        return mention

    def drop(self, index: int, unwanted) -> None:
        """Remove the mentions of sentence ``index`` for which ``unwanted(mention)`` holds."""
        kept = []
        for m in self.by_sentence.get(index, []):
            if unwanted(m):
                self.dropped.add(id(m))
            else:
                kept.append(m)
        self.by_sentence[index] = kept

    def drop_starting_in(self, index: int, start: int, end: int) -> None:
        self.drop(index, lambda m: start <= m.start < end)


def _mention_at(mentions: list[Mention], tok: Token) -> Mention | None:
    for m in mentions:
        if m.start <= tok.start and tok.end <= m.end:
            return m
    return None


def _token_index(tokens: list[Token], start: int) -> int:
    for i, t in enumerate(tokens):
        if t.start >= start:
            return i
    return len(tokens)


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions; anaphors never displace names."""
    kept: list[Mention] = []
    outer: Mention | None = None
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if outer is not None and outer.start <= m.start and m.end <= outer.end and m is not outer \
                and not m.anaphor:
            kept.append(m)  # an actor named inside an agreement phrase ("swap line with X")
            continue
        if kept and m.start < kept[-1].end:
            prev = kept[-1]
            if (m.end - m.start) > (prev.end - prev.start) and not m.anaphor:
                kept[-1] = m
            continue
        kept.append(m)
        if m.phrase:
            outer = m
    return kept


def _most_mentioned_country(result: ArticleEntities) -> str | None:
    counts: dict[str, int] = {}
    for m in result.mentions:
        entity = result.entities.get(m.entity)
        if entity and entity.label == "Country":
            counts[entity.name] = counts.get(entity.name, 0) + 1
    if not counts:
        return None
    return max(sorted(counts), key=lambda c: counts[c])
