"""Meetings a sentence states in passing (ext-money): 'their meeting', 'X's visit to Y, where Z ...'."""

from __future__ import annotations

import re
from collections import Counter

from ..patterns import guarded
from .base import Relation, SentenceView, mention_label
from .clauses import negated, verb_follows

MEETING_NOUNS = {"meeting", "meetings", "talks", "encounter", "call", "conversation", "bilateral", "summit",
                 "lunch", "dinner", "breakfast", "discussion", "discussions"}
THEIR_MEETING = re.compile(r"\btheir\s+(?:(?:first|second|third|fourth|fifth|latest|last|recent|brief|private|"
                           r"bilateral|phone|telephone|video|one-on-one|closed-door|lengthy|long)\s+){0,2}"
                           r"(?:meetings?|talks|encounter|call|conversation|bilateral|summit|lunch|dinner|breakfast|"
                           r"discussions?)\b", re.IGNORECASE)
VISITS = {"visit", "trip", "visits", "trips", "tour"}
# "Milei's visit to Beijing", "a visit by Milei to the White House"
VISIT = guarded(re.compile(r"['’]s\s+(?:(?:first|second|third|fourth|fifth|latest|last|recent|official|state|two-day|three-day|"
                           r"brief)\s+){0,2}(?:visit|trip|tour)s?\s+to\b|\b(?:a|the|his|her)\s+(?:(?:official|state|brief)\s+)?"
                           r"(?:visit|trip)\s+by\s+(?P<by>(?:[A-Z][\w.’'-]*\s+){1,4})to\b"))
NOT_DONE = guarded(re.compile(r"\b(?:planned|proposed|possible|expected|upcoming|future|cancell?ed|postponed|scrapped|"
                              r"delayed|rumou?red|hoped-for|potential)\s+(?:\w+\s+)?$", re.IGNORECASE))


def meetings_in_passing(s: SentenceView) -> list[Relation]:
    """'Milei thanked Trump during their meeting': the two people named meet; 'During Milei's
    visit to Beijing, Xi praised ...': the visitor meets the host, a person of another country
    who acts in the same sentence."""
    words = s.words
    out: list[Relation] = []
    if "their" in words and not words.isdisjoint(MEETING_NOUNS):
        out += _their_meeting(s)
    if not words.isdisjoint(VISITS):
        out += _visit_host(s)
    if not words.isdisjoint(MEETING_NOUNS) and ("-" in s.lowered or "–" in s.lowered):  # (lowering keeps dashes)
        out += _pair_meeting(s)
    return out


# "the Milei-Trump meeting", "the Trump–Milei summit"
PAIR = re.compile(r"(?-i:[A-Z])[\w’'.]+[-–](?-i:[A-Z])[\w’'.]+\s+(?:(?:phone|video|bilateral|private)\s+)?"
                  r"(?:meetings?|summit|talks|encounter|call|bilateral|lunch|dinner)\b", re.IGNORECASE)


def _pair_meeting(s: SentenceView) -> list[Relation]:
    text, start = s.text, s.sentence.start
    out = []
    for match in PAIR.finditer(text, start, s.sentence.end):
        if negated(text, start, match.start(), "MET_WITH") or text[start:s.sentence.end].rstrip().endswith("?"):
            continue
        inside = [m for m in s.mentions if match.start() <= m.start and m.end <= match.end() and not m.anaphor]
        pair = list(dict.fromkeys(m.entity for m in inside))
        if not inside:
            # "Milei-Trump" is one word to the entity passes: each half is the surname of a person named
            halves = re.match(r"([\w’'.]+)[-–]([\w’'.]+)", match.group()).groups()
            pair = [_person_by_surname(s, half) for half in halves]
            if None in pair:
                continue
        elif len({mention_label(s.ents, m) == "Person" for m in inside}) != 1:
            continue
        if len(set(pair)) == 2:
            out.append(Relation(pair[0], pair[1], "MET_WITH", s.index, why="rule:pair-meeting"))
    return out


def _people(s: SentenceView, named_only: bool = True):
    return [m for m in s.mentions if mention_label(s.ents, m) == "Person" and not (named_only and m.anaphor)]


def _their_meeting(s: SentenceView) -> list[Relation]:
    text, start = s.text, s.sentence.start
    chunk = text[start:s.sentence.end]
    match = THEIR_MEETING.search(chunk)
    if not match or chunk.rstrip().endswith("?") or negated(text, start, start + match.start(), "MET_WITH"):
        return []
    people = list(dict.fromkeys(m.entity for m in _people(s) if m.start < start + match.start()))
    if len(people) != 2:
        return []  # "their" is read only when exactly two people are named before it
    return [Relation(people[0], people[1], "MET_WITH", s.index, why="rule:their-meeting")]


def _visit_host(s: SentenceView) -> list[Relation]:
    text, start = s.text, s.sentence.start
    chunk = text[start:s.sentence.end]
    match = VISIT.search(chunk)
    if not match or chunk.rstrip().endswith("?") or NOT_DONE.search(chunk, 0, match.start() + 3):
        return []
    a = start + match.start()
    people = _people(s)
    if match.group("by"):
        by = start + match.start("by")
        visitor = next((m for m in people if by <= m.start < start + match.end("by")), None)
    else:
        visitor = next((m for m in people if m.end == a and m.possessive), None)
    if visitor is None:
        return []
    home = s.ents.country_of(visitor.entity)
    # the host: a person of another country, the subject of a verb after the visit is named
    host = next((m for m in people if m.start > start + match.end() and m.entity != visitor.entity
                 and verb_follows(text, m) and s.ents.country_of(m.entity) not in (None, home)), None)
    if host is None or negated(text, start, host.start, "MET_WITH"):
        return []
    return [Relation(visitor.entity, host.entity, "MET_WITH", s.index, why="rule:visit-host")]


def _person_by_surname(s: SentenceView, surname: str) -> str | None:
    """The person of the article whose name ends in ``surname`` (of two, the one named more often)."""
    found = {name for name, e in s.ents.entities.items() if e.label == "Person" and name.split()[-1] == surname}
    if len(found) < 2:
        return found.pop() if found else None
    counts = Counter(m.entity for m in s.ents.mentions if m.entity in found).most_common(2)
    return counts[0][0] if counts[0][1] > counts[1][1] else None
