"""Pronouns and role phrases ('he', 'their', 'the Argentine leader') resolved to actors."""

from __future__ import annotations

import re

from ..entities import ArticleEntities, Mention
from ..lexicon import fold, knowledge
from ..patterns import guarded
from ..text import Token
from .base import (BODY_ANAPHORS, FUNCTION_AFTER, PREPOSITIONS, PRONOUNS_PERSON, PRONOUNS_PLURAL, PRONOUN_WORDS, ROLE_NOUNS,
                   mention_label)


TWO_COUNTRIES = {"governments", "countries", "nations", "sides", "administrations"}
# ext-money: after "the two", a word that makes it two people ("the two officials", "the two met")
THE_TWO_NEXT = {"officials", "men", "women", "ministers", "politicians", "heads", "envoys", "diplomats", "met",
                "spoke", "talked", "discussed", "held", "had", "shook", "sat", "have", "agreed", "dined"}

def with_pronouns(ents: ArticleEntities, tokens: list[Token], mentions: list[Mention],
                   previous_people: list[str], index: int, words: frozenset[str]) -> list[Mention]:
    """The sentence's mentions and its pronouns and role phrases resolved (``words``: its tokens
    lower-cased)."""
    kb = knowledge()
    extra: list[Mention] = []
    leaders = _leaders(ents)
    # ext-entities2: "the company's X": only in a sentence with a possessive, so common nouns open few sentences
    text, first, last = ents.text, tokens[0].start if tokens else 0, tokens[-1].end if tokens else 0
    bodies = BODY_ANAPHORS if (text.find("'s", first, last) >= 0 or text.find("’s", first, last) >= 0) and \
        not BODY_ANAPHORS.isdisjoint(words) else ()
    if not bodies and PRONOUN_WORDS.isdisjoint(words):
        return mentions  # half the sentences hold no pronoun or role word: no loop over their tokens
    for i, tok in enumerate(tokens):
        low = tok.lower
        if low not in PRONOUN_WORDS and low not in bodies:
            continue
        if any(m.start <= tok.start < m.end for m in mentions):
            continue
        if low in PRONOUNS_PERSON:
            before = [m for m in mentions if m.end <= tok.start and mention_label(ents, m) == "Person"]
            target = before[0].entity if before else (previous_people[0] if previous_people else None)
            if not before and _defended(tokens, i):
                # ext-stance3: "Warren attacked Bessent. Republicans came to his defence": the one attacked,
                # whom only the pronoun's gender tells apart; the rules know no gender, so nobody
                target = None
            if before and _object_pronoun(tokens, i):
                # "Valdés defended her": an object pronoun is not its own clause's subject
                nearest = before[-1].entity
                others = [m.entity for m in reversed(before) if m.entity != nearest] + \
                         [p for p in previous_people if p != nearest]
                target = others[0] if others else None
            if target:
                extra.append(Mention(tok.start, tok.end, tok.text, target, index, low in ("his", "her"),
                                     anaphor=True))
        elif low == "its":
            before = [m for m in mentions if m.end <= tok.start and mention_label(ents, m) in ("Country", "Organization")
                      and not m.anaphor]
            target = before[0].entity if before else None
            if target:
                extra.append(Mention(tok.start, tok.end, tok.text, target, index, True, anaphor=True))
        elif low in bodies and 0 < i < len(tokens) - 1 and tokens[i - 1].lower == "the" and \
                tokens[i + 1].lower in ("'s", "’s"):
            # ext-entities2: "the company's general manager, X": the nearest organisation before it
            before = [m for m in mentions if m.end <= tok.start and mention_label(ents, m) == "Organization"
                      and not m.anaphor]
            if before:
                start = tokens[i - 1].start
                extra.append(Mention(start, tok.end, ents.text[start:tok.end], before[-1].entity, index, True,
                                     anaphor=True))
        elif low == "governments" and i + 2 < len(tokens) and tokens[i + 1].lower == "of":
            # "the governments of Javier Milei and Donald Trump agreed": the two leaders' countries
            owners = [m for m in mentions if m.start >= tokens[i + 2].start and mention_label(ents, m) == "Person"][:2]
            if len(owners) == 2 and re.fullmatch(r"(?:(?-i:[A-Z])[\w.’'-]*\s+){0,3}", ents.text[tokens[i + 2].start:owners[0].start]) \
                    and re.fullmatch(
                    r"\s+and\s+(?:(?-i:[A-Z])[\w.’'-]*\s+){0,3}", ents.text[owners[0].end:owners[1].start]):
                end = owners[1].end  # the phrase stands for the countries; the leaders inside it are no actors here
                for country in dict.fromkeys(ents.country_of(o.entity) for o in owners):
                    if country in ents.entities:
                        extra.append(Mention(tok.start, end, ents.text[tok.start:end], country, index, anaphor=True))
        elif low in ("two", "both") and i + 1 < len(tokens) and tokens[i + 1].lower in TWO_COUNTRIES and ents.home and \
                ents.second and not any(m.start <= tokens[i + 1].start < m.end for m in mentions):
            # "the two governments agreed a framework": the article's two countries (money and deals);
            # ext-parties: "both countries signed it" too
            for country in (ents.home, ents.second):
                extra.append(Mention(tok.start, tokens[i + 1].end, ents.text[tok.start:tokens[i + 1].end], country,
                                     index, anaphor=True))
        elif low in ("two", "both") and i + 1 < len(tokens) and tokens[i + 1].lower in ("leaders", "presidents") and \
                ents.home and ents.second and leaders.get(ents.home) and leaders.get(ents.second) and \
                not any(m.end <= tok.start and mention_label(ents, m) == "Person" for m in mentions):
            # ext-parties: "The two presidents have signed ...": the presidents of the article's two
            # countries, when its titles name both, rather than the last two people named
            for person in (leaders[ents.home], leaders[ents.second]):
                extra.append(Mention(tok.start, tok.end, tok.text, person, index, anaphor=True))
        elif low in PRONOUNS_PLURAL or (low == "two" and i + 1 < len(tokens) and tokens[i + 1].lower in (
                "leaders", "presidents")) or (low == "two" and 0 < i and tokens[i - 1].lower == "the" and
                                              i + 1 < len(tokens) and tokens[i + 1].lower in THE_TWO_NEXT):
            # ext-money: "the two officials spoke by phone", "the two met on Tuesday": the two latest people
            if low == "both" and not (i + 1 < len(tokens) and tokens[i + 1].lower in (
                    "leaders", "men", "presidents", "officials", "ministers", "women")):
                continue
            if low == "them":
                continue
            before = [m for m in mentions if m.end <= tok.start and mention_label(ents, m) == "Person"]
            people = list(dict.fromkeys(m.entity for m in before)) or list(dict.fromkeys(previous_people))
            if len(people) >= 2:
                for person in people[:2]:
                    extra.append(Mention(tok.start, tok.end, tok.text, person, index, low == "their",
                                         anaphor=True))
        elif low in ROLE_NOUNS and i > 0:
            prev = tokens[i - 1]
            country = None
            start = prev.start
            if prev.lower in ("’s", "'s") and i > 1:
                owner = next((m for m in mentions if m.start <= tokens[i - 2].start < m.end), None)
                if owner and mention_label(ents, owner) == "Country":
                    country, start = owner.entity, owner.start
            elif fold(prev.text) in kb.demonyms and not (i > 1 and tokens[i - 2].text[:1].isupper()):
                country = kb.demonyms[fold(prev.text)]  # not "a Latin American leader"
            elif prev.lower == "the" and low == "president" and ents.home:
                country = ents.home  # "the president", unqualified: the article's own country's
            else:
                owner = next((m for m in mentions if m.start <= prev.start < m.end), None)
                if owner and mention_label(ents, owner) == "Country":
                    country, start = owner.entity, owner.start
            if low == "counterpart" and country is None:
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is not None and nxt.text[:1].isupper():
                continue  # "President Javier Milei": a title, not a role phrase
            leader = leaders.get(country) if country else None
            if leader:
                extra.append(Mention(start, tok.end, ents.text[start:tok.end], leader, index, anaphor=True))
    if not extra:
        return mentions
    merged = [m for m in mentions if not any(x.start <= m.start and m.end <= x.end and x.end - x.start >
                                             m.end - m.start for x in extra)]
    return sorted(merged + extra, key=lambda m: (m.start, m.entity))



DEFENCE = frozenset({"defence", "defense"})


def _defended(tokens: list[Token], i: int) -> bool:
    """'to his defence': the pronoun names the one defended."""
    return 0 < i < len(tokens) - 1 and tokens[i - 1].lower == "to" and tokens[i + 1].lower in DEFENCE and \
        tokens[i].lower in ("his", "her")


def _object_pronoun(tokens: list[Token], i: int) -> bool:
    """'him', or 'her' not followed by the noun it owns ('defended her in', not 'her office')."""
    low = tokens[i].lower
    if low == "him":
        return True
    if _defended(tokens, i):
        return True  # ext-stance3: "Bessent came to his defence": the one defended, not the subject
    if low != "her":
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is None or not nxt.text[:1].isalpha() or nxt.lower in PREPOSITIONS or nxt.lower in FUNCTION_AFTER


# read for every person mention of an article, compiled once ("president" tested first: most have none)
PRESIDENT_BEFORE = guarded(re.compile(r"\bpresident\s*$"))
PAST_PRESIDENT_BEFORE = re.compile(r"\b(?:former|ex-|future|vice)\s+(?:\S+\s+)?president\s*$")


def _leaders(ents: ArticleEntities) -> dict[str, str]:
    """Who leads which country, from the article's own titles ('President Javier Milei')."""
    cached = getattr(ents, "_leaders", None)
    if cached is not None:
        return cached
    leaders: dict[str, str] = {}
    for m in ents.mentions:
        entity = ents.entities.get(m.entity)
        if not entity or entity.label != "Person":
            continue
        before = ents.text[max(0, m.start - 40):m.start].lower()
        if "president" in before and PRESIDENT_BEFORE.search(before) and not PAST_PRESIDENT_BEFORE.search(before):
            country = ents.country_of(entity.name)
            if country:
                leaders.setdefault(country, entity.name)
    ents._leaders = leaders
    return leaders
