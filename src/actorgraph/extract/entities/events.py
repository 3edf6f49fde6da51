"""Inaugurations, elections and organisations' meetings."""

from __future__ import annotations

import re

from ..lexicon import entity_words, fold, knowledge
from ..patterns import guarded
from .model import ArticleEntities, Mention, MentionEditor, _fold, _most_mentioned_country


INAUGURATION_RE = re.compile(
    r"\b(?:(?P<who>[A-Z][\w-]+(?: [A-Z][\w-]+)?)['’]s (?:inauguration|swearing-in)"
    r"|(?:inauguration|swearing-in) of (?P<who2>[A-Z][\w-]+(?: [A-Z][\w-]+)?))")


ELECTION_RE = re.compile(
    r"\b(?:(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December) )?(?:(?P<year>(?:19|20)\d\d) )?(?:(?P<adj>[A-Z][\w.]+) )?(?P<kind>midterm|presidential|"
    r"legislative|general|parliamentary|congressional)? ?(?P<head>elections?|midterms|vote)\b")


def events(result: ArticleEntities) -> None:
    """Inaugurations and elections, which are written in lower case."""
    kb = knowledge()
    text = result.text
    # each pattern needs one of its head words: most sentences have none, and are not searched;
    # an article without them (a sentence is part of it) has no sentence to read
    inaugurations = "inauguration" in text or "swearing-in" in text
    elections = "election" in text or "midterms" in text or "vote" in text
    if not inaugurations and not elections:
        return
    with MentionEditor(result) as edit:
        for index, sentence in enumerate(result.sentences):
            chunk = text[sentence.start:sentence.end]
            inauguration = inaugurations and ("inauguration" in chunk or "swearing-in" in chunk)
            for m in INAUGURATION_RE.finditer(chunk) if inauguration else ():
                who = m.group("who") or m.group("who2")
                person = _person_named(result, who)
                if not person:
                    continue
                name = f"Inauguration of {person}"
                s, e = sentence.start + m.start(), sentence.start + m.end()
                result.add(name, "Event", m.group())
                edit.add(Mention(s, e, m.group(), name, index))
            election = elections and ("election" in chunk or "midterms" in chunk or "vote" in chunk)
            for m in ELECTION_RE.finditer(chunk) if election else ():
                placed = m.group("head") == "midterms" and (m.group("month") or re.search(
                    r"[A-Z][\w.]+['’]s\s*$", chunk[max(0, m.start() - 30):m.start()]))
                if not (m.group("kind") or m.group("year") or placed) or m.group("head") == "vote":
                    continue  # "the midterms", "the elections": which ones, the text does not say here
                    # (ext-parties: "Argentina's October midterms" does)
                kind_word = m.group("kind") or (m.group("head") if m.group("head") == "midterms" else "")
                adj = m.group("adj")
                country = None
                if adj:
                    known = kb.lookup(adj)
                    country = known.name if known and known.label == "Country" else kb.demonyms.get(fold(adj))
                    if not country:
                        continue
                before = chunk[max(0, m.start() - 30):m.start()]
                poss = re.search(r"([A-Z][\w.]+(?: [A-Z]\w+)?)['’]s\s*$", before)
                if not country and poss:
                    known = kb.lookup(poss.group(1))
                    country = known.name if known and known.label == "Country" else None
                country = country or result.home or _most_mentioned_country(result)
                if not country:
                    continue
                year = m.group("year") or result.year
                if not m.group("year") and year and year.isdigit() and re.search(
                        r"\b(?:last|previous)\s+year['’]s\s*$|\blast\s+$", before):
                    year = str(int(year) - 1)  # "last year's midterm elections"
                kind = entity_words().election_kinds.get(kind_word, kind_word)
                adjective = "United States" if country == "United States" else kb.adjective_of.get(country, country)
                head = "elections" if not kind else "election"
                name = " ".join(p for p in (year, adjective, kind, head) if p)
                start = m.start() + (len(m.group("month")) + 1 if m.group("month") and not m.group("year") else 0)
                s, e = sentence.start + start, sentence.start + m.end()
                while text[s].isspace():
                    s += 1  # " midterms": the space the absent kind left
                surface = text[s:e]
                edit.drop_starting_in(index, s, e)
                result.add(name, "Event", surface)
                edit.add(Mention(s, e, surface, name, index))


ELECTION_NAME_RE = re.compile(r"^(?P<year>(?:19|20)\d\d) (?P<where>[A-Z].*?)(?: (?P<kind>[a-z]+) election| elections)$")


def merge_elections(names: list[str]) -> dict[str, str]:
    """'2025 Argentine elections' -> '2025 Argentine legislative election' when that is the only
    election of a kind named for that year and country; returns {name: the name it joins}."""
    kinded: dict[tuple[str, str], list[str]] = {}
    plain: list[tuple[str, tuple[str, str]]] = []
    for name in names:
        m = ELECTION_NAME_RE.match(name)
        if m:
            key = (m.group("year"), m.group("where"))
            if m.group("kind"):
                kinded.setdefault(key, []).append(name)
            else:
                plain.append((name, key))
    return {name: kinded[key][0] for name, key in plain if len(kinded.get(key, ())) == 1}


def merge_elections_in_article(result: ArticleEntities) -> None:
    events = [e.name for e in result.entities.values() if e.label == "Event"]
    for name, target in merge_elections(events).items():
        _fold(result, result.entities[name], result.entities[target])


ORG_EVENT_RE = guarded(re.compile(r"\b([A-Z][\w-]*(?:\s[A-Z][\w-]*){0,3})\s+(summit|meeting|conference|forum|"
                          r"ministerial|assembly|congress)\b"))  # guarded: tried at capitals only
_EVENT_WORD_RE = re.compile(r"summit|meeting|conference|forum|ministerial|assembly|congress")  # in every match


LEAD_WORD_RE = re.compile(r"(?:The|A|An|This|That|Last|Next|Its)\s+(?=\S)")


def org_events(result: ArticleEntities) -> None:
    """'the G20 summit', 'a Mercosur summit': an organization's meeting is an Event."""
    kb = knowledge()
    text = result.text
    if not _EVENT_WORD_RE.search(text):
        return  # no head word in the article: none in a sentence of it
    with MentionEditor(result) as edit:
        for index, sentence in enumerate(result.sentences):
            if not _EVENT_WORD_RE.search(text, sentence.start, sentence.end):
                continue  # ORG_EVENT_RE is tried at every capital; this finds its head word quickly
            for m in ORG_EVENT_RE.finditer(text, sentence.start, sentence.end):
                lead = LEAD_WORD_RE.match(m.group(1))  # ext-parties: "The Mercosur summit" opening a sentence
                who = m.group(1)[lead.end():] if lead else m.group(1)
                known = kb.lookup(who)
                if not known or known.label != "Organization":
                    continue
                name = f"{known.name} {m.group(2)}"
                start = m.start() + (lead.end() if lead else 0)
                edit.drop_starting_in(index, start, m.end())
                result.add(name, "Event", text[start:m.end()])
                edit.add(Mention(start, m.end(), text[start:m.end()], name, index))


def _person_named(result: ArticleEntities, who: str) -> str | None:
    key = fold(who)
    for entity in result.entities.values():
        if entity.label != "Person":
            continue
        if key == fold(entity.name) or key == fold(entity.name.split()[-1]) or key in {
                fold(a) for a in entity.aliases}:
            return entity.name
    return None
