"""The article's main country, foreign officials' countries, capitals named only as places."""

from __future__ import annotations

import re

from ..lexicon import TITLE_SET, fold, knowledge
from .model import ArticleEntities, Mention


ORIGIN_BEFORE_RE = re.compile(
    r"(?:(?P<owner>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s|(?P<demonym>(?!The\b|A\b|An\b)[A-Z][a-z]+))\s+"
    r"(?:(?:former|new|top|senior|then|current|acting|interim|incoming|outgoing|veteran|chief)\s+)*"
    r"(?P<title>(?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+)(?:\s+(?:in|to|at)\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?,?\s+$")


ORIGIN_AFTER_RE = re.compile(
    r",\s+(?:a|an|the)\s+(?:(?:former|new|top|senior|then|current|acting|interim|veteran|chief)\s+)*"
    r"(?P<demonym>[A-Z][a-z]+)\s+(?P<title>(?:[a-z-]+\s+){0,2}[a-z-]+)\b")


def origin_countries(result: ArticleEntities) -> None:
    """'Brazil's finance minister, X', 'the Chinese ambassador Y': a person whose title a
    demonym or a country's possessive qualifies belongs to that country, not to the country the
    article is about. The knowledge file's country, when it has one, stays."""
    kb = knowledge()
    text = result.text
    for m in result.mentions:
        entity = result.entities.get(m.entity)
        if entity is None or entity.label != "Person" or entity.country or kb.country_of(entity.name):
            continue
        start = max(result.sentences[m.sentence].start, m.start - 90)
        found = ORIGIN_BEFORE_RE.search(text, start, m.start)
        if not found or found.end() != m.start:
            # "Valdés, a former Chilean finance minister"
            found = ORIGIN_AFTER_RE.match(text, m.end, result.sentences[m.sentence].end)
            if not found:
                continue
        words = found.group("title").lower().split()
        if not any(" ".join(words[a:b]) in TITLE_SET for a in range(len(words)) for b in range(a + 1, len(words) + 1)):
            continue
        if found.re is ORIGIN_BEFORE_RE and found.group("owner"):
            known = kb.lookup(found.group("owner"))
            country = known.name if known and known.label == "Country" else None
        else:
            country = kb.demonyms.get(fold(found.group("demonym"))) if kb.is_demonym(found.group("demonym")) else None
        if country:
            entity.country = country


def drop_location_only_countries(result: ArticleEntities) -> None:
    """'met investors in New York and London': a capital named only as a place is no actor."""
    kb = knowledge()
    by_entity: dict[str, list[Mention]] = {}
    for m in result.mentions:
        by_entity.setdefault(m.entity, []).append(m)
    for name, mentions in by_entity.items():
        entity = result.entities.get(name)
        if entity is None or entity.label != "Country":
            continue
        # (both checks read only; the one over the mentions first: a country named by its own
        # name, not its capital, fails it at its first mention, where the other reads every entity)
        if not all(fold(m.surface) in kb.seats and re.search(r"\b(?:in|at|from|near|outside)\s+(?:(?:[A-Z][\w.]*\s+)"
                                                            r"{1,3}(?:and|or)\s+)?$",
                                                            result.text[max(0, m.start - 30):m.start])
                   for m in mentions):
            continue
        if any(result.country_of(other) == name for other in by_entity if other != name):
            continue  # "met President Trump in Washington": the place is the government of someone named
        result.mentions = [m for m in result.mentions if m.entity != name]


def home_countries(result: ArticleEntities) -> None:
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in result.mentions:
        country = None
        entity = result.entities.get(m.entity)
        if entity is None:
            continue
        if entity.label == "Country":
            country = entity.name
        elif entity.label == "Person":
            country = result.country_of(entity.name)
        if country:
            counts[country] = counts.get(country, 0) + 1
            first.setdefault(country, m.start)
    ranked = sorted(counts, key=lambda c: (-counts[c], first[c]))
    if ranked[:1] == ["United States"] and not (len(ranked) >= 2 and counts[ranked[1]] * 2 >= counts[ranked[0]]):
        # ext-entities2: a local paper names its own country by its places and demonyms, rarely by name
        _place_words(result, counts, first)
        ranked = sorted(counts, key=lambda c: (-counts[c], first[c]))
    # A foreign-news article about country X mentions the US as often: prefer the non-US one.
    if len(ranked) >= 2 and ranked[0] == "United States" and counts[ranked[1]] * 2 >= counts[ranked[0]]:
        ranked[0], ranked[1] = ranked[1], ranked[0]
    result.home = ranked[0] if ranked else None
    result.second = ranked[1] if len(ranked) > 1 else None


def _place_words(result: ArticleEntities, counts: dict[str, int], first: dict[str, int]) -> None:
    """'Rafaela, Santa Fe', 'Argentine beef', 'the Uruguayans': each capitalised word that is a
    state or province counts for its country as two mentions, a demonym as one."""
    kb = knowledge()
    subdivisions, demonyms = kb.subdivisions, kb.demonyms
    for tokens in result.tokens:
        for t in tokens:
            if not (t.text[:1].isupper() and t.text[1:2].islower()):
                continue  # "US", "U.S." are already mentions of the country
            key = fold(t.text)
            country, weight = subdivisions.get(key), 2  # a state or province places the article itself
            if country is not None and key in kb.seats:
                continue  # "Washington": already a mention of the country
            if country is None and (key in demonyms or key[:-1] in demonyms) and kb.is_demonym(t.text):
                # "Argentine beef", "the Uruguayans": often only what an article's own country trades
                country, weight = demonyms.get(key) or demonyms.get(key[:-1]), 1
            if country:
                counts[country] = counts.get(country, 0) + weight
                first.setdefault(country, t.start)
    # ext-roles3: a state or province of two words or more ("San Juan", "Santa Fe", "Entre Ríos"),
    # which the words one by one do not name
    if "re" not in _MULTIWORD_SUBDIVISIONS:
        names = [n for n in kb.subdivision_names if " " in n and fold(n) not in kb.seats]
        _MULTIWORD_SUBDIVISIONS["re"] = re.compile(r"\b(?:" + "|".join(
            map(re.escape, sorted(names, key=len, reverse=True))) + r")\b") if names else None
    pattern = _MULTIWORD_SUBDIVISIONS["re"]
    for found in pattern.finditer(result.text) if pattern is not None else ():
        country = subdivisions.get(fold(found.group()))
        if country:
            counts[country] = counts.get(country, 0) + 2
            first.setdefault(country, found.start())


_MULTIWORD_SUBDIVISIONS: dict = {}
