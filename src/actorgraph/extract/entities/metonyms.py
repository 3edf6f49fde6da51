"""Governments, parties and central banks named through their country or owner."""

from __future__ import annotations

import re
from operator import attrgetter

from ..lexicon import Knowledge, PARTY_MEMBERS, fold, knowledge
from .model import ArticleEntities, Mention, MentionEditor, _fold, mentions_by_sentence
from .words import METONYM_HEADS


_LOWER = attrgetter("lower")
_ACTING_HEADS = METONYM_HEADS | PARTY_MEMBERS | {"party"}  # the heads of metonyms() but "and"
_HEADS = _ACTING_HEADS | {"and"}


CENTRAL_BANK_RE = re.compile(r"\b([A-Z][\w.]+(?: [A-Z]\w+)?)['’]s central bank\b")


def metonyms(result: ArticleEntities) -> None:
    """'the Trump administration', "Milei's government", 'Argentine government',
    'Democratic senators' (-> the party), 'Argentina's central bank'."""
    kb = knowledge()
    tokens_of = result.tokens
    by_start = {m.start: m for m in result.mentions}
    by_end = {m.end: m for m in result.mentions}
    text = result.text
    inert: list[Mention] = []
    removed: set[int] = set()  # ids of replaced mentions, dropped from the list once at the end
    heads = _HEADS
    for index, tokens in enumerate(tokens_of):
        if _ACTING_HEADS.isdisjoint(map(_LOWER, tokens)):
            # "and" acts only before a party word and three tokens on ("Democratic and Republican
            # senators"): a sentence with none of these words (most of them) would change nothing
            # below. A C loop finds that; the list below is a Python loop over every token
            continue
        # a head word is the next token or the one after "'s": only the tokens one or two before a
        # head word are read, in order (every token was read before)
        at = [j for j, t in enumerate(tokens) if t.lower in heads]
        if not at:
            continue
        for i in sorted({j - 1 for j in at if j >= 1} | {j - 2 for j in at if j >= 2}):
            tok, nxt = tokens[i], tokens[i + 1]
            head_i = i + 1
            if nxt.text in ("’s", "'s") and i + 2 < len(tokens):
                head_i = i + 2
            head = tokens[head_i]
            if head.lower not in heads:
                continue
            mention = by_start.get(tok.start)
            if mention is None or mention.end != tok.end:
                mention = by_end.get(tok.end)
            word = fold(tok.text)
            if head.lower in METONYM_HEADS:
                country = None
                if mention and mention.end == tok.end:
                    entity = result.entities.get(mention.entity)
                    if entity and entity.label in ("Person", "Organization"):
                        country = result.country_of(entity.name)
                elif word in kb.demonyms and head_i == i + 1:
                    country = kb.demonyms[word]
                elif word in kb.party_adjectives and head_i == i + 1:
                    country = kb.country_of(kb.party_adjectives[word])
                if country:
                    if head.lower in ("side", "delegation", "authorities") and not mention:
                        continue
                    start = mention.start if mention else tok.start
                    surface = text[start:head.end]
                    result.add(country, "Country", surface, country)
                    if mention:
                        removed.add(id(mention))
                        by_start.pop(mention.start, None)
                        by_end.pop(mention.end, None)
                        if result.entities[mention.entity].label == "Organization" or (
                                result.entities[mention.entity].label == "Person" and " " in mention.surface):
                            # "the La Libertad Avanza government", "President Javier Milei's government":
                            # the party or the fully named person is still named ("the Trump
                            # administration" names no person)
                            mention.inert = True
                            inert.append(mention)
                    m = Mention(start, head.end, surface, country, index)
                    result.mentions.append(m)
                    by_start[start] = m
                    by_end[m.end] = m
            elif word in kb.party_adjectives and head_i == i + 1 and (
                    head.lower in PARTY_MEMBERS | {"party"} or (
                    head.lower == "and" and i + 3 < len(tokens) and fold(tokens[i + 2].text) in
                    kb.party_adjectives and tokens[i + 3].lower in PARTY_MEMBERS)):
                party = kb.party_adjectives[word]
                end = head.end if head.lower == "party" else tok.end
                surface = text[tok.start:end]
                result.add(party, "Organization", surface, kb.country_of(party))
                if mention:
                    removed.add(id(mention))
                m = Mention(tok.start, end, surface, party, index)
                result.mentions.append(m)
                by_start[tok.start] = m
                by_end[m.end] = m
    result.inert.extend(inert)
    if removed:
        result.mentions = [m for m in result.mentions if id(m) not in removed]
    _central_banks(result, kb)


def _central_banks(result: ArticleEntities, kb: Knowledge) -> None:
    """'Argentina's central bank', "Brazil's central bank": that country's central bank."""
    text = result.text
    if "s central bank" not in text:
        return  # no sentence holds it (a sentence is part of the article): the loop would change nothing
    with MentionEditor(result) as edit:
        for index, sentence in enumerate(result.sentences):
            chunk = text[sentence.start:sentence.end]
            for m in CENTRAL_BANK_RE.finditer(chunk) if "s central bank" in chunk else ():  # its literal part
                known = kb.lookup(m.group(1))
                country = known.name if known and known.label == "Country" else kb.demonyms.get(fold(m.group(1)))
                if not country:
                    continue
                name = "Central Bank of " + country
                known_bank = kb.lookup(name)
                name = known_bank.name if known_bank else name
                s, e = sentence.start + m.start(), sentence.start + m.end()
                edit.drop_starting_in(index, s, e)
                result.add(name, "Organization", m.group(), country)
                edit.add(Mention(s, e, m.group(), name, index))


BARE_CENTRAL_BANK_RE = re.compile(r"(?<!['’]s )\b(?:[Tt]he\s+central\s+bank|central\s+bank(?=\s+(?:president|governor|"
                                  r"chief|reserves|board)))\b")


def bare_central_bank(result: ArticleEntities) -> None:
    """'the central bank', 'central bank president X': the central bank of the article's country."""
    kb = knowledge()
    country = result.home
    if not country:
        return
    name = f"Central Bank of {country}"
    known = kb.lookup(name)
    name = known.name if known else name
    central = "central" in result.text  # else no sentence holds it: the mentions need not be grouped
    by_sentence = mentions_by_sentence(result.mentions) if central else {}
    for index, sentence in enumerate(result.sentences if central else ()):
        if result.text.find("central", sentence.start, sentence.end) < 0:
            continue  # every match holds the word; the pattern's look-behind makes it slow to scan
        for m in BARE_CENTRAL_BANK_RE.finditer(result.text, sentence.start, sentence.end):
            s = m.start() + (4 if m.group().startswith("the") else 0)
            if any(x.start <= s < x.end or x.start < m.end() <= x.end for x in by_sentence.get(index, ())):
                continue
            result.add(name, "Organization", result.text[s:m.end()], country)
            result.mentions.append(Mention(s, m.end(), result.text[s:m.end()], name, index))
    bare = result.entities.get("Central Bank")
    if bare is not None and bare.label == "Organization" and not any(
            "central bank" in e.name.lower() and e.name not in ("Central Bank", name) for e in result.entities.values()):
        # a capitalised "the Central Bank" with no other central bank named: the article country's
        _fold(result, bare, result.add(name, "Organization", None, country))
