"""Membership named by a noun beside the member (ext-parties): 'PRO lawmaker Cristian Ritondo',
'Mercosur members Brazil and Uruguay'."""

from __future__ import annotations

import re

from ..lexicon import knowledge
from ..patterns import guarded
from .base import Relation, SentenceView, mention_label
from .clauses import negated

# between a body and the member it describes: "lawmaker", "member states", "veteran senator"
MEMBER_NOUN = re.compile(r"\s+(?:(?:veteran|senior|leading|prominent|longtime|long-time|fellow|founding|"
                         r"rank-and-file)\s+)?"
                         r"(?P<noun>lawmakers?|legislators?|deputy|deputies|senators?|congress(?:wo)?m[ae]n|"
                         r"militants?|members?(?:\s+(?:states?|countries|nations))?|councill?ors?)"
                         r"\s+(?:(?:[A-Z][\w.]*|former|then)\s+){0,3}?$")
MEMBER_WORDS = frozenset({"member", "members", "lawmaker", "lawmakers", "legislator", "legislators", "deputy", "deputies",
                          "senator", "senators", "congressman", "congressmen", "congresswoman", "congresswomen",
                          "militant", "militants", "councillor", "councillors", "councilor", "councilors"})
FORMER = guarded(re.compile(r"\b(?:former|ex-|one-time|onetime)\s*$", re.IGNORECASE))
JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def member_nouns(s: SentenceView) -> list[Relation]:
    """'<body> <member noun> <member>': MEMBER_OF."""
    mentions = s.mentions
    if len(mentions) < 2 or MEMBER_WORDS.isdisjoint(s.words):
        return []  # cheap gate: nobody to relate, or no member noun in the sentence
    text = s.text
    out: list[Relation] = []
    for k, m in enumerate(mentions):
        if mention_label(s.ents, m) != "Organization" or m.possessive:
            continue
        following = [x for x in mentions[k + 1:] if x.start >= m.end]
        if not following:
            continue
        first = following[0]
        noun = MEMBER_NOUN.fullmatch(text, m.end, first.start)
        if noun is None or FORMER.search(text, max(0, m.start - 12), m.start) or "former" in noun.group():
            continue  # "former PRO lawmaker X" is a member no more
        plural = noun.group("noun").endswith(("s", "ies", "men")) and not noun.group("noun").startswith("congress")
        label = mention_label(s.ents, first)
        if label == "Person" or label == "Country" and noun.group("noun").startswith("member"):
            # "Radical Civic Union lawmaker Facundo Manes"; "Mercosur members Brazil and Uruguay"
            members = [first]
            if plural or noun.group("noun").startswith("congress"):
                for x in following[1:]:
                    if mention_label(s.ents, x) != label or not JOINED.fullmatch(text, members[-1].end, x.start):
                        break
                    members.append(x)
            for x in members:
                out.append(Relation(x.entity, m.entity, "MEMBER_OF", s.index, why="rule:member-noun"))
    return out


# --- ext-deals3: a party's group led by its member, a party named in a description, a company's units ---

# "Democratic senators led by Chris Van Hollen", "Peronist deputies, headed by X": the party's member
LED_GROUP = re.compile(r"\s+(?:senators|lawmakers|legislators|deputies|congressmen|congresswomen|members|governors|"
                       r"representatives|mayors|councill?ors|militants)\s*,?\s+(?:led|headed)\s+by\s+"
                       r"(?:(?:Senator|Sen\.|Representative|Rep\.|Deputy|Governor|Gov\.|Congressman|Congresswoman)\s+)?")
# "X, the committee's ranking Democrat,": a party word closing a description of X
DESCRIBED = re.compile(r"(?:\s+of\s+(?:[A-Z][\w.]*\s?){1,2})?,\s+the\s+(?:[a-z][\w'’.-]*\s+){1,3}(?P<party>[A-Z]\w+)\b(?=\s*(?:[,;.]|on\b|in\b|from\b))")
UNIT_WORDS = frozenset({"unit", "units", "subsidiary", "subsidiaries", "division", "arm", "affiliate"})
# "Tenaris, a unit of Techint", "Tenaris, the steel-pipe subsidiary of Techint": the first is part of the second
UNIT_OF = re.compile(r",\s+(?:a|an|the|its)\s+(?:[a-z][\w-]*\s+){0,2}(?:unit|subsidiary|division|arm|affiliate)\s+of\s+"
                     r"(?:the\s+)?")
# "Techint's Tenaris unit", "Techint, whose Tenaris unit": the second is part of the first
OWNED_UNIT = re.compile(r"\s+(?:unit|subsidiary|division|arm|affiliate)\b")
OWNER_BEFORE = re.compile(r"(?:['’]s|,\s+whose)\s+(?:[a-z][\w-]*\s+){0,2}")
OWNER_UNIT_BEFORE = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}(?:unit|subsidiary|division|arm|affiliate)\s+")


GROUP_GATE: set[str] = set()  # "led", "headed" and the knowledge file's party adjectives, filled at first use


def group_gate() -> set[str]:
    if not GROUP_GATE:
        GROUP_GATE.update({"led", "headed", "democrat"} | set(knowledge().party_adjectives))
    return GROUP_GATE


def party_groups(s: SentenceView) -> list[Relation]:
    """'Democratic senators led by X', 'X, the committee's ranking Democrat,': X MEMBER_OF the party."""
    mentions = s.mentions
    if not mentions or s.words.isdisjoint(group_gate()):
        return []  # cheap gate: no group led by anyone, no party word
    text = s.text
    kb = knowledge()
    out: list[Relation] = []
    words = s.words
    led = "led" in words or "headed" in words
    described = not words.isdisjoint(kb.party_adjectives) or "democrat" in words
    for k, m in enumerate(mentions):
        if mention_label(s.ents, m) != "Person" or m.anaphor:
            continue
        if led:
            for g in mentions[:k]:
                if mention_label(s.ents, g) != "Organization" or g.end > m.start or m.start - g.end > 90:
                    continue
                found = LED_GROUP.fullmatch(text, g.end, m.start)
                if found and not negated(text, s.sentence.start, g.start) and not FORMER.search(
                        text, max(0, g.start - 12), g.start) and _is_party(s, g.entity):
                    out.append(Relation(m.entity, g.entity, "MEMBER_OF", s.index, why="rule:party-group"))
        if described:
            found = DESCRIBED.match(text, m.end, min(s.sentence.end, m.end + 60))
            word = found.group("party").lower() if found else ""
            party = kb.party_adjectives.get({"democrat": "democratic"}.get(word, word))
            if party and "former" not in found.group():
                if party not in s.ents.entities:
                    s.ents.add(party, "Organization", None, kb.country_of(party))
                out.append(Relation(m.entity, party, "MEMBER_OF", s.index, why="rule:party-group"))
    return out


def _is_party(s: SentenceView, name: str) -> bool:
    return name in knowledge().party_adjectives.values() or bool(PARTY_WORD.search(name))


PARTY_WORD = guarded(re.compile(r"\b(?:Party|Front|Bloc|Bloque|Coalition|Partido|Frente|Alliance|Movement)\b|"
                                r"^(?:La Libertad Avanza|Unión por la Patria|PRO|Provincias Unidas|Unión Cívica Radical|"
                                r"Radical Civic Union|Fuerza Patria|Coalición Cívica|Frente Renovador)$"))


def company_units(s: SentenceView) -> list[Relation]:
    """'Tenaris, a unit of Techint', 'Techint's Tenaris unit', 'Techint, whose Tenaris unit ...':
    the unit is MEMBER_OF the company."""
    mentions = s.mentions
    if len(mentions) < 2 or UNIT_WORDS.isdisjoint(s.words):
        return []  # cheap gate: no unit word
    text = s.text
    out: list[Relation] = []
    orgs = [m for m in mentions if mention_label(s.ents, m) == "Organization" and not m.anaphor]
    for a, b in zip(orgs, orgs[1:]):
        if a.entity == b.entity:
            continue
        gap = text[a.end:b.start]
        if UNIT_OF.fullmatch(gap):  # "Tenaris, a unit of Techint"
            unit, owner = a, b
        elif (OWNER_BEFORE.fullmatch(gap) and OWNED_UNIT.match(text, b.end)) or OWNER_UNIT_BEFORE.fullmatch(gap):
            unit, owner = b, a  # "Techint's Tenaris unit", "Techint, whose Tenaris unit", "Techint's subsidiary Tenaris"
        else:
            continue
        if not negated(text, s.sentence.start, a.start) and not negated(text, a.end, b.start):
            out.append(Relation(unit.entity, owner.entity, "MEMBER_OF", s.index, why="rule:company-unit"))
    return out


# ext-deals3: "X, a leading figure in the Justicialist Party,": a member described by a noun of belonging
FIGURE_NOUNS = frozenset({"figure", "stalwart", "veteran", "heavyweight", "militant", "activist", "loyalist", "operative",
                          "politician", "member", "official", "lawmaker", "legislator", "senator", "deputy", "candidate"})
FIGURE_OF = re.compile(r",\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,2}(?:" + "|".join(sorted(FIGURE_NOUNS)) +
                       r")\s+(?:in|of|from|for|within)\s+(?:the\s+)?")
FIGURE_GATE = FIGURE_NOUNS | {"members"}
# "Argentina is one of Mercosur's four founding members", "Uruguay, one of Mercosur's members,"
ONE_OF_MEMBERS = re.compile(r"(?:\s+(?:is|was|are|were|remains|remained|became|becomes)\s+|,\s+)(?:also\s+)?"
                            r"(?:one\s+of\s+|among\s+)?")
MEMBERS_AFTER = re.compile(r"['’]s?\s+(?:[a-z\d][\w-]*\s+){0,3}(?:members?|member\s+(?:states?|countries|nations))\b")


def described_members(s: SentenceView) -> list[Relation]:
    """'X, a leading figure in the Justicialist Party', 'X is one of Mercosur's founding members': MEMBER_OF."""
    mentions = s.mentions
    if len(mentions) < 2 or s.words.isdisjoint(FIGURE_GATE):
        return []  # cheap gate
    text, ents = s.text, s.ents
    out: list[Relation] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for m, body in zip(ordered, ordered[1:]):
        if m.possessive or m.anaphor or mention_label(ents, body) != "Organization" or m.entity == body.entity:
            continue
        label = mention_label(ents, m)
        if label == "Person" and FIGURE_OF.fullmatch(text, m.end, body.start) and _is_party(s, body.entity):
            pass  # "X, a leading figure in the Y Party"
        elif not (label in ("Country", "Organization") and body.possessive and ONE_OF_MEMBERS.fullmatch(
                text, m.end, body.start) and MEMBERS_AFTER.match(text, body.end)):
            continue  # neither shape: the checks below are not needed
        if negated(text, s.sentence.start, body.start, "MEMBER_OF") or \
                re.search(r"\b(?:former|ex-|one-time|onetime|erstwhile)\b", text[m.end:body.start]):
            continue
        out.append(Relation(m.entity, body.entity, "MEMBER_OF", s.index, why="rule:described-member"))
    return out


# ext-deals3: "Mercosur, which groups Argentina, Brazil, Paraguay and Uruguay": a bloc's members listed
BLOC_WORDS = frozenset({"groups", "grouped", "includes", "comprises", "comprising", "composed", "made", "whose", "formed",
                        "brings", "bringing", "unites", "uniting"})
BLOC_OF = re.compile(r",?\s+(?:(?:which|that)\s+(?:groups|includes|comprises|unites|brings\s+together)|"
                     r"(?:which\s+is\s+|that\s+is\s+)?(?:made\s+up\s+of|composed\s+of|formed\s+by|comprising|"
                     r"grouping|uniting|bringing\s+together)|whose\s+(?:\w+\s+)?members\s+are)\s+(?:the\s+)?")


def bloc_lists(s: SentenceView) -> list[Relation]:
    """'Mercosur, which groups Argentina, Brazil, Paraguay and Uruguay': each country MEMBER_OF the bloc."""
    mentions = s.mentions
    if len(mentions) < 2 or s.words.isdisjoint(BLOC_WORDS):
        return []  # cheap gate
    text, ents = s.text, s.ents
    out: list[Relation] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for k, body in enumerate(ordered):
        if mention_label(ents, body) != "Organization" or body.possessive:
            continue
        rest = ordered[k + 1:]
        if not rest or mention_label(ents, rest[0]) != "Country" or not BLOC_OF.fullmatch(text, body.end, rest[0].start):
            continue
        if negated(text, s.sentence.start, rest[0].start, "MEMBER_OF"):
            continue
        members = [rest[0]]
        for x in rest[1:]:
            if mention_label(ents, x) != "Country" or not JOINED.fullmatch(text, members[-1].end, x.start):
                break
            members.append(x)
        for x in members:
            out.append(Relation(x.entity, body.entity, "MEMBER_OF", s.index, why="rule:bloc-list"))
    return out
