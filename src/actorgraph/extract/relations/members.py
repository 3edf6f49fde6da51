"""Membership named by a noun beside the member (ext-parties): 'PRO lawmaker Cristian Ritondo',
'Mercosur members Brazil and Uruguay'."""

from __future__ import annotations

import re
from operator import attrgetter

from .base import Relation, SentenceView, mention_label

# between a body and the member it describes: "lawmaker", "member states", "veteran senator"
MEMBER_NOUN = re.compile(r"\s+(?:(?:veteran|senior|leading|prominent|longtime|long-time|fellow|founding|"
                         r"rank-and-file)\s+)?"
                         r"(?P<noun>lawmakers?|legislators?|deputy|deputies|senators?|congress(?:wo)?m[ae]n|"
                         r"militants?|members?(?:\s+(?:states?|countries|nations))?|councill?ors?)"
                         r"\s+(?:(?:[A-Z][\w.]*|former|then)\s+){0,3}?$")
MEMBER_WORDS = frozenset({"member", "members", "lawmaker", "lawmakers", "legislator", "legislators", "deputy", "deputies",
                          "senator", "senators", "congressman", "congressmen", "congresswoman", "congresswomen",
                          "militant", "militants", "councillor", "councillors", "councilor", "councilors"})
_LOWER = attrgetter("lower")
FORMER = re.compile(r"\b(?:former|ex-|one-time|onetime)\s*$", re.IGNORECASE)
JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def member_nouns(s: SentenceView) -> list[Relation]:
    """'<body> <member noun> <member>': MEMBER_OF."""
    mentions = s.mentions
    if len(mentions) < 2 or MEMBER_WORDS.isdisjoint(map(_LOWER, s.tokens)):
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
