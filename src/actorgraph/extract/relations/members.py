"""Membership named by a noun beside the member (ext-parties): 'PRO lawmaker Cristian Ritondo',
'Mercosur members Brazil and Uruguay', "Macri's PRO party"."""

from __future__ import annotations

import re

from ..lexicon import knowledge
from .base import Relation, SentenceView, mention_label
from .roles import PARTY_NAME_RE

# between a body and the member it describes: "lawmaker", "member states", "veteran senator"
MEMBER_NOUN = re.compile(r"\s+(?:(?:veteran|senior|leading|prominent|longtime|long-time|fellow|founding|rank-and-file)\s+)?"
                         r"(?P<noun>lawmakers?|legislators?|deputy|deputies|senators?|congress(?:wo)?m[ae]n|"
                         r"militants?|members?(?:\s+(?:states?|countries|nations))?|mayors?|governors?|councill?ors?)"
                         r"\s+(?:(?:[A-Z][\w.]*|former|then)\s+){0,3}?$")
# what may follow a person's party: "Macri's PRO party", "Milei's La Libertad Avanza bloc"
PARTY_AFTER = re.compile(r"\s+(?:party|bloc|coalition|caucus|movement)\b")
FORMER = re.compile(r"\b(?:former|ex-|one-time|onetime)\s*$", re.IGNORECASE)
JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def member_nouns(s: SentenceView) -> list[Relation]:
    """'<body> <member noun> <member>' and "<person>'s <party>": MEMBER_OF."""
    text = s.text
    low = text[s.ents.sentences[s.index].start:s.ents.sentences[s.index].end].lower()
    if not any(w in low for w in ("member", "lawmaker", "legislator", "deput", "senator", "congress", "militant",
                                  "mayor", "governor", "councill", "councilor", "'s ", "’s ")):
        return []  # cheap gate: no member noun and no possessive
    kb = knowledge()
    out: list[Relation] = []
    mentions = s.mentions
    for k, m in enumerate(mentions):
        if mention_label(s.ents, m) != "Organization" or m.possessive:
            continue
        party = m.entity in kb.party_adjectives.values() or bool(PARTY_NAME_RE.search(m.entity))
        if k > 0:
            owner = mentions[k - 1]
            # "Macri's PRO party": the person whose party it is belongs to it
            if owner.possessive and not owner.anaphor and mention_label(s.ents, owner) == "Person" and \
                    0 <= m.start - owner.end <= 1 and (party or PARTY_AFTER.match(text, m.end)):
                out.append(Relation(owner.entity, m.entity, "MEMBER_OF", s.index, why="rule:member-noun"))
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
