"""Clause structure without a parser: subjects, objects, negation and modifiers around a trigger."""

from __future__ import annotations

import re

from ..entities import Mention
from ..lexicon import TITLE_SET
from ..patterns import guarded
from ..rulebook import rulebook
from .base import (ACTOR, CANCELS, DESIRES, FUNCTION_AFTER, HEDGES, INTENTS, LOCATIVE, NEGATIONS, PREPOSITIONS,
                   TIME_WORDS, mention_label)

# the patterns the helpers below match many times per article, compiled once
_APPOSITIVE = re.compile(r",[^,]{1,80},")
_NEXT_VERB = re.compile(r"\s+(?:has\s+|had\s+|have\s+|also\s+|later\s+|then\s+)?([a-z]+)")
_WORDS = re.compile(r"[\w']+")
_WORDS_CURLY = re.compile(r"[\w’']+")
_NEXT_WORD = re.compile(r"\s+([a-z][\w-]*)")
_TITLE_BETWEEN = re.compile(r"\s+(?:(?:[A-Z][\w-]*|of|the|for)\s+){1,4}")
_POSSESSOR_BEFORE = re.compile(r"['’]s\s+(?:\w+\s+){0,2}$")


_DESCRIBED_BEFORE = re.compile(r"(?:^|,\s)(?:a|an)\s+(?:[A-Z][\w.-]*\s+){0,2}$")  # ", a Peronist X"


def is_question(chunk: str) -> bool:
    """Does the sentence end in a question mark (a closing quote or space after it allowed)?"""
    return chunk.rstrip().rstrip("”\"’'").endswith("?")


def starts_clause(text: str, m: Mention) -> bool:
    """Is the mention the subject of its own verb, after an optional appositive?"""
    after = text[m.end:m.end + 120]
    appositive = _APPOSITIVE.match(after)
    shifted = Mention(m.start, m.end + (appositive.end() if appositive else 0), m.surface, m.entity, m.sentence)
    return verb_follows(text, shifted)


def verb_follows(text: str, m: Mention) -> bool:
    """Is the mention the subject of a verb ('Kicillof blamed ...', 'Trump visited ...')?"""
    nxt = _NEXT_VERB.match(text[m.end:m.end + 30])
    return bool(nxt) and (nxt.group(1).endswith("ed") or nxt.group(1) in {
        "met", "said", "called", "told", "spoke", "took", "made", "gave", "won", "lost", "is", "was",
        "signed", "backs", "calls", "meets", "visits", "thanks", "hails", "blames"})


RELATIVE_CUT = re.compile(r".*,\s+(?:who|which)\s")
NEGATED_PHRASE = guarded(re.compile(r"\b(?:stop(?:ped|s)?\s+short\s+of|short\s+of|refrain(?:ed|s)?\s+from|"
                                    r"rather\s+than|instead\s+of|far\s+from)\s+(?:\w+\s+)?$|"
                                    # ext-precision: "ruled out a new loan from", "turned down an offer of"
                                    r"\b(?:rul(?:ed|es|ing|e)\s+out|turn(?:ed|s|ing)?\s+down|block(?:ed|s|ing)?|veto(?:ed|es|ing)?)\s+(?:\w+\s+){0,2}$"))


YET_TO = guarded(re.compile(r"\byet\s+to\s+(?:\w+\s+){0,3}$"))  # ext-money: "has yet to approve a new loan"
WANTING = DESIRES | {"interest", "intent", "intention", "intends", "wants", "wish", "aims", "hopes", "hope", "hoping"}


# ext-precision: a meeting foreseen ("is expected to meet"), talks ended ("pulled out of talks with"),
# ties ended ("a former ally of"), and a reported denial anywhere before the trigger ("rejected reports that")
_WORDS_OF = rulebook().words
MEETING_HEDGES = frozenset(_WORDS_OF.get("meeting_hedges", ()))
TALKS_CANCELS = frozenset(_WORDS_OF.get("talks_cancels", ()))
ENDED_TIES = frozenset(_WORDS_OF.get("ended_ties", ()))
MEMBERSHIP_PENDING = frozenset(_WORDS_OF.get("membership_pending", ()))
DENIAL_STEMS = tuple(sorted({w.split()[0][:5] for w in _WORDS_OF.get("denial_verbs", ())}))
DENIED_CLAIM = guarded(re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
            _WORDS_OF.get("denial_verbs", ()), key=len, reverse=True)) + r")\s+(?:(?:the|a|an|any|all|such|those|these|"
            r"media|press|news|earlier|recent|fresh|new|widespread)\s+){0,2}(?:(?:" + "|".join(sorted(
                _WORDS_OF.get("claim_nouns", ()), key=len, reverse=True)) + r")\s+(?:that|of)|that)\b"
            # ... up to the end of its clause ("denied that it was a bailout, saying the Treasury supports X")
            r"(?![^;]*(?:;|,\s+(?:and|but|while|although|though|\w+ing)\b|\sbut\s))",
            re.IGNORECASE))


def denied_before(text: str, base: int, a: int) -> bool:
    """Does a reported denial ("rejected reports that", "denied that") stand before ``a`` in its sentence?"""
    before = text[max(base, a - 160):a].lower()
    for stem in DENIAL_STEMS:  # a loop, not any(...): most windows hold none, and a generator costs more than the tests
        if stem in before:
            return bool(DENIED_CLAIM.search(before))
    return False


def negated(text: str, base: int, a: int, rel_type: str = "") -> bool:
    window = text[max(base, a - 40):a].lower().replace("’", "'")
    relative = RELATIVE_CUT.search(window) if "wh" in window else None
    if relative:  # "The biggest winner may be X, who leads the bloc": the hedge is the main clause's
        window = window[relative.end():]
    if NEGATED_PHRASE.search(window):
        return True  # "stopped short of criticising", "rather than backing"
    if "yet" in window and rel_type not in ("PARTY_TO", "NEGOTIATES") and YET_TO.search(window):
        return True  # "has yet to approve a loan"; a deal yet to be signed is negotiated (pending())
    words = _WORDS.findall(window)[-5:]
    if rel_type == "IMPOSES" and set(words[-3:]) & CANCELS - {"escape"}:
        return True  # "lifted tariffs on ...": the measure ends
    if rel_type in ("FUNDS", "IMPOSES") and set(words) & INTENTS:
        return True  # ext-money: "plans to impose", "threatened to cut off loans": not done
    for w in words:
        if w in NEGATIONS or w.endswith("n't") or w in HEDGES and not (rel_type == "NEGOTIATES" and w in WANTING):
            return True  # "wants a trade deal" is a deal sought: negotiation, not a hedge
    for w in words[-3:]:
        if w in DESIRES and rel_type not in ("NEGOTIATES", "PARTY_TO"):
            return True
    if rel_type in ("MET_WITH", "NEGOTIATES") and (set(words[-4:]) & TALKS_CANCELS or
                                                   rel_type == "MET_WITH" and set(words[-4:]) & MEETING_HEDGES):
        return True  # ext-precision: "pulled out of talks with", "is expected to meet"
    if rel_type == "FUNDS" and set(words[-3:]) & TALKS_CANCELS:
        return True  # ext-precision: "has frozen its lending to", "suspended its loans to"
    if rel_type == "ALLIED_WITH" and set(words[-3:]) & ENDED_TIES:
        return True  # ext-precision: "a former ally of", "once a close ally of"
    if rel_type == "MEMBER_OF" and set(words[-4:]) & MEMBERSHIP_PENDING:
        return True  # ext-precision: "applied for membership of the OECD"
    return denied_before(text, base, a)


_PENDING_RE: re.Pattern | None = None


def pending(text: str, base: int, a: int, modal: bool = True) -> bool:
    """Does a 'not yet' phrase ("yet to", "close to", "poised to", "would") stand right before ``a``
    (two words between at most)? ext-parties: a deal about to be made is negotiated, not signed.
    With ``modal=False`` a bare future ("will lend", "would provide") does not count."""
    global _PENDING_RE
    if _PENDING_RE is None:
        words = rulebook().words_re("pending").pattern
        _PENDING_RE = re.compile(words + r"\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
    found = _PENDING_RE.search(text, max(base, a - 50), a)
    if found and not modal and MODAL_START.match(found.group()):
        return False
    return bool(found)


MODAL_START = re.compile(r"(?:would|will|to\s+be|is\s+to|are\s+to|was\s+to|were\s+to|must|has\s+to|have\s+to|"
                         r"needs?\s+to)\b", re.IGNORECASE)


# "a deal negotiated during the presidency of X": X sets the time, it is no party
DURING = guarded(re.compile(r"\b(?:during|under|since|until|before|after)\s+(?:the\s+)?(?:\w+\s+)?(?:presidency|"
                            r"government|administration|term|tenure|mandate|rule)\s+of\s+"
                            r"(?:(?:[A-Z][\w.]*|former|then)\s+){0,3}$"))
DURING_WORDS = ("during", "under", "since", "until", "before", "after")  # one of them is in every DURING match


def is_locative(text: str, m: Mention, after: int = 0) -> bool:
    """Is the mention the object of 'in'/'at'/'from' (a place, not a party) after ``after``?"""
    window = text[max(after, m.start - 14):m.start].lower()
    words = _WORDS_CURLY.findall(window)
    if words and words[-1] == "the":
        words = words[:-1]
    return bool(words) and words[-1] in LOCATIVE


# "financed Argentina through the swap": a preposition after a name follows an actor, not a modifier
AFTER_ACTOR = {"through", "via", "despite", "until", "across", "amid", "alongside", "beyond", "per"}


# after a country name, a word that is no noun it could qualify ("the United States almost intact",
# "Argentina signed"): the name is an actor
ADVERB_OR_VERB = re.compile(r"[a-z]+ly|[a-z]+ed|almost|largely|again|too|even|only|alone|themselves|itself|"
                            # ext-money: "lent Argentina another $1 billion", "a lifeline for Argentina drew ..."
                            r"another|more|some|about|nearly|roughly|around|over|drew|gave|got|won|lost|took|made|"
                            r"saw|sent|lent|paid|sold|bought|met|said|told|spoke|held|left|kept|began|became|came|"
                            r"went|grew|rose|fell|faces|faced|owes|owed|needs|received|remains|hurt|hit|cut|cost|"
                            r"led|spent|built|began|struck|stood|threw|wrote|chose|drove|broke|sought|fought|bore")


def is_modifier(ents, text, m: Mention, mentions) -> bool:
    """'US support', 'U.S. Secretary of State Marco Rubio': a place name used as a modifier."""
    if mention_label(ents, m) == "Organization" and not m.possessive:
        return is_office_modifier(ents, text, m, mentions)
    if mention_label(ents, m) != "Country" or m.possessive:
        return False
    after = text[m.end:m.end + 40]
    nxt = _NEXT_WORD.match(after)
    if nxt and nxt.group(1) not in FUNCTION_AFTER and nxt.group(1) not in TIME_WORDS and \
            nxt.group(1) not in PREPOSITIONS and nxt.group(1) not in AFTER_ACTOR and \
            nxt.group(1) not in ("a", "an", "the") and \
            not ADVERB_OR_VERB.fullmatch(nxt.group(1)) and not re.search(r"\b(?:government|administration|authorities|cabinet)$", m.surface, re.IGNORECASE):
        return True
    return is_title_modifier(ents, text, m, mentions)


def is_office_modifier(ents, text, m: Mention, mentions) -> bool:
    """'met OpenAI chief executive Sam Altman': the body only says whose office it is; the
    person is the one met."""
    nxt = re.match(r"\s+((?:[A-Za-z][\w-]*\s+){1,3}?)(?=[A-Z])", text[m.end:m.end + 45])
    if not nxt or " ".join(nxt.group(1).lower().split()) not in TITLE_SET:
        return False
    at = m.end + nxt.end()
    return any(x.start == at and mention_label(ents, x) == "Person" for x in mentions)


def is_title_modifier(ents, text, m: Mention, mentions) -> bool:
    """'U.S. Secretary of State Marco Rubio': the country only qualifies the title."""
    for x in mentions:
        if x.start > m.end and x.start - m.end < 45 and mention_label(ents, x) == "Person":
            between = text[m.end:x.start]
            if _TITLE_BETWEEN.fullmatch(between):
                return True
    return False


def possessor_subject(ents, text, mentions, a) -> list[str]:
    """"Trump's endorsement of Milei": the possessor right before a nominal trigger."""
    before = text[max(0, a - 40):a]
    match = _POSSESSOR_BEFORE.search(before)
    if not match:
        return []
    pos = a - len(before) + match.start()
    owner = [m for m in mentions if m.end == pos and mention_label(ents, m) in ACTOR]
    return [owner[-1].entity] if owner else []


# between two coordinated subjects: "X and Y", "X, Y", "X and the US Treasury's Y"
_COORDINATED = re.compile(r"\s*,?\s*(?:and|&)\s+(?:the\s+)?(?:US\s+|U\.S\.\s+)?(?:[A-Z][\w.-]*\s+){0,3}|\s*,\s*|"
                          r"\s+and\s+(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s\s+|"
                          # "Argentina and its president, Javier Milei,"; "Senator X, Senator Y and Senator Z"
                          r"\s+and\s+(?:its|their)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*,\s+|\s*,\s*(?:[A-Z][\w.-]*\s+){1,3}")


def _described(before: str) -> bool:
    """``_DESCRIBED_BEFORE.search(before)``: a match begins at the start with "a" or at a comma,
    so a text with neither (most of those before a name) is not searched."""
    return (before[:1] == "a" or "," in before) and _DESCRIBED_BEFORE.search(before) is not None


def find_subjects(ents, text, left: list[Mention], a: int, relatives, fallback_possessive: bool = True) -> list[str]:
    """Nearest non-possessive actor before the trigger, outside relative clauses, with any
    actors coordinated with it ('Milei and Trump both opposed')."""
    candidates = [m for m in left if not m.possessive and mention_label(ents, m) in ACTOR
                  and not any(s < m.start < e <= a for s, e in relatives)
                  and not text[max(0, m.start - 1):m.start] == "("
                  and not is_title_modifier(ents, text, m, left)]
    described = [m for m in candidates if _described(text[max(0, m.start - 30):m.start])]
    if described and len(described) < len(candidates):
        # "Senator Okafor, a Minnesota Democrat who sits on ...": the description is no subject
        candidates = [m for m in candidates if m not in described]
    free = [m for m in candidates if not after_preposition(text, m)]
    if free:
        # the last candidate follows a preposition exactly when it is not the last free one
        candidates = free if free[-1] is candidates[-1] else [
            m for m in candidates if m.start <= free[-1].start]
    if not candidates:
        if fallback_possessive:
            owners = [m for m in left if m.possessive and mention_label(ents, m) in ACTOR]
            # "Their discussions": a plural pronoun stands for both people at one position
            return list(dict.fromkeys(o.entity for o in owners if o.start == owners[0].start)) if owners else []
        return []
    last = candidates[-1]
    group = [c for c in candidates if c.start == last.start]  # plural pronoun -> two people
    chosen = [g.entity for g in group]
    k = len(candidates) - len(group) - 1
    while k >= 0:
        between = text[candidates[k].end:candidates[k + 1].start if k + 1 < len(candidates) else last.start]
        if _COORDINATED.fullmatch(between):
            chosen.insert(0, candidates[k].entity)
            k -= 1
        else:
            break
    return list(dict.fromkeys(chosen))


def after_preposition(text: str, m: Mention) -> bool:
    words = _WORDS_CURLY.findall(text[max(0, m.start - 20):m.start].lower())
    if words and words[-1] in ("the", "a", "an") and len(words) > 1:
        words = words[:-1]
    return bool(words) and words[-1] in PREPOSITIONS



