"""Stance from words: quotations attributed to a speaker, and what a subject calls an actor."""

from __future__ import annotations

import re

import ahocorasick

from ..entities import ArticleEntities, Mention
from ..entities.headings import NAME_ROLE_RE
from ..lexicon import fold, knowledge
from ..patterns import guarded
from ..text import quote_spans
from .base import (ACTOR, NEGATIVE_CUES, POSITIVE_CUES, PRONOUN_WORDS, SPEECH, WORDS, entity_label, mention_label,
                   Relation, SentenceView)
from .clauses import is_locative, is_modifier, negated, find_subjects, verb_follows
from .triggers import RELATIVE

LABELLED = guarded(re.compile(r"\b(?:called|calls|calling|described|describes|describing|branded|brands|labell?ed|dubbed|"
                              r"termed|praised|hailed|denounced|dismissed|slammed|"
                              r"cast|casts|portrayed|portrays|painted|paints|depicted|depicts)"  # ext-stance2: "cast X as a villain"
                              r"\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}$",
                              re.IGNORECASE))
# the lower-case beginnings of LABELLED's verbs: a sentence with none of them holds no match
LABELLED_WORDS = ("call", "describ", "brand", "label", "dubbed", "termed", "praised", "hailed", "denounced",
                  "dismissed", "slammed", "cast", "portray", "paint", "depict")
LABEL_PHRASE = re.compile(r"\s+(?:as\s+)?(?P<phrase>[“\"][^”\"]{3,200}[”\"]?|(?:a|an|the)\s[^,;.“\"]{3,80})")


def _labelled(ents: ArticleEntities, mentions: list[Mention], index: int) -> list[Relation]:
    """'Milei called Trump "the best friend ..."', 'X described the swap as a bailout': the words
    the subject puts on an actor carry the subject's stance towards it."""
    out = []
    text = ents.text
    sentence = ents.sentences[index]
    chunk = text[sentence.start:sentence.end]
    low = chunk.lower()  # (once: it was lower-cased again for every word)
    if not any(word in low for word in LABELLED_WORDS) and not any(c in chunk for c in "ſıİ"):
        return out  # no verb LABELLED names (ignoring case, "ſ", "ı" and "İ" match "s" and "i")
    actors = [m for m in mentions if mention_label(ents, m) is not None]
    for k, m in enumerate(actors):
        verb = LABELLED.search(text, max(sentence.start, m.start - 30), m.start)
        if not verb or m.possessive or m.surface.lower() in PRONOUN_WORDS:
            continue  # "called him ...": a pronoun here may be anyone
        phrase = LABEL_PHRASE.match(text, m.end, sentence.end)
        if not phrase:
            continue
        stance = _stance(phrase.group("phrase"))
        if stance is None or negated(text, sentence.start, verb.start(), stance):
            continue
        left = [x for x in actors[:k] if x.end <= verb.start()]
        relatives = [(r.start(), r.end()) for r in RELATIVE.finditer(text, sentence.start, verb.start())]
        subjects = find_subjects(ents, text, left, verb.start(), relatives)  # not "X, who heads the bloc, ... called"
        if left and re.search(r"\band\s+(?:\w+ly\s+)?$", text[max(sentence.start, verb.start() - 16):verb.start()]) \
                and verb_follows(text, left[0]):
            # "Kicillof blamed Milei and called Caputo a failure": the verbs share the first subject
            subjects = find_subjects(ents, text, left[:1], left[0].end, [], fallback_possessive=False) or subjects
        for subject in subjects:
            if subject != m.entity and entity_label(ents, subject) in ACTOR:
                out.append(Relation(subject, m.entity, stance, index, why="rule:labelled-as"))
    return out


# "the trade framework ..., which Quirno described as "..."": the fronted object of a label
FRONTED_LABEL = re.compile(r",\s+which\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+|[a-z]+\s+(?=[A-Z])){1,5}?(?:has\s+|had\s+|have\s+)?"
                           r"(?:called|calls|described|describes|branded|brands|labell?ed|dubbed|termed|denounced|"
                           r"hailed|praised)\s+(?:as\s+)?")


def _fronted_labels(ents: ArticleEntities, mentions: list[Mention], index: int) -> list[Relation]:
    """'..., which Quirno described as "the most ambitious opening"': the speaker's stance on
    what stands before ', which' (an agreement of the clause first, else the actor or its owner)."""
    out = []
    text, sentence = ents.text, ents.sentences[index]
    if ", which" not in text[sentence.start:sentence.end]:
        return out
    actors = [m for m in mentions if mention_label(ents, m) is not None]
    for match in FRONTED_LABEL.finditer(text, sentence.start, sentence.end):
        phrase = LABEL_PHRASE.match(text, match.end() - 1, sentence.end)
        stance = _stance(phrase.group("phrase")) if phrase else None
        if stance is None or negated(text, sentence.start, match.end() - 1, stance):
            continue
        speaker = [m for m in actors if match.start() < m.start < match.end() and mention_label(ents, m) in ACTOR
                   and not m.possessive]
        before = [m for m in actors if sentence.start <= m.start and m.end <= match.start()]
        agreements = [m for m in before if mention_label(ents, m) == "Agreement" and match.start() - m.end <= 80]
        owned = [m for m in before if re.fullmatch(r"(?:['’]s?\s+(?:[\w-]+\s+){0,2}[\w-]+)?", text[m.end:match.start()])]
        target = agreements[-1:] or owned[-1:]
        if speaker and target and target[0].entity != speaker[0].entity:
            out.append(Relation(speaker[0].entity, target[0].entity, stance, index, why="rule:labelled-as"))
    return out


# 'called Argentine beef "a threat"': a demonym names the country the label is about
DEMONYM_LABEL = guarded(re.compile(r"\b(?:called|calls|described|describes|branded|brands|labell?ed|dubbed|termed|denounced|"
                                   r"dismissed|hailed|praised)\s+(?:the\s+)?(?P<demonym>[A-Z][a-zé]+)\s+(?:[a-z][\w-]*\s+){1,2}(?=as\s|[“\"])"))


def _demonym_labels(ents: ArticleEntities, mentions: list[Mention], index: int) -> list[Relation]:
    """'Bullard has called Argentine beef "a threat to ..."': the speaker criticizes Argentina."""
    text, sentence = ents.text, ents.sentences[index]
    out = []
    for match in DEMONYM_LABEL.finditer(text, sentence.start, sentence.end):
        country = knowledge().demonyms.get(fold(match.group("demonym")))
        if country is None or country not in ents.entities:
            continue
        phrase = LABEL_PHRASE.match(text, match.end() - 1, sentence.end)
        stance = _stance(phrase.group("phrase")) if phrase else None
        if stance is None or negated(text, sentence.start, match.start(), stance):
            continue
        left = [m for m in mentions if m.end <= match.start() and mention_label(ents, m) is not None]
        relatives = [(r.start(), r.end()) for r in RELATIVE.finditer(text, sentence.start, match.start())]
        for subject in find_subjects(ents, text, left, match.start(), relatives):
            if subject != country and entity_label(ents, subject) in ACTOR and not (
                    stance == "SUPPORTS" and ents.country_of(subject) == country):
                out.append(Relation(subject, country, stance, index, why="rule:labelled-as"))
    return out


def quoted_stance(ents: ArticleEntities, by_sentence: dict[int, list[Mention]]) -> list[Relation]:
    """A speaker whose quoted words attack (praise) named actors criticizes (supports) them.

    The speaker is the person a speech verb attributes the paragraph's quotation to, before it
    ('X said: "..."') or after it ('"...," X said', '"...," said X'); a quoted sentence's stance
    comes from the cue words of data/relations.yaml, a cue right after a negation not counting."""
    out: list[Relation] = []
    text = ents.text
    lines: dict[int, list[int]] = {}
    for index, sentence in enumerate(ents.sentences):
        if sentence.kind == "body":
            lines.setdefault(sentence.line, []).append(index)
    for indices in lines.values():
        start, end = ents.sentences[indices[0]].start, ents.sentences[indices[-1]].end
        line = text[start:end]
        if "“" not in line and '"' not in line:
            continue
        found = _speaker(ents, by_sentence, indices, start, end) or _pronoun_speaker(ents, by_sentence, indices, start, end) \
            or _heading_speaker(ents, by_sentence, indices, lines)
        if found is None:
            continue
        speaker, said = found
        home = ents.country_of(speaker)
        quoted = quote_spans(text, start, end, unclosed=True)
        for index in indices:
            sentence = ents.sentences[index]
            if not any(s <= sentence.start + 2 and sentence.end - 2 <= e or
                       (s >= sentence.start and e <= sentence.end and e - s > 20) for s, e in quoted):
                continue  # (tested first: the cue words below are the dearer test)
            chunk = text[sentence.start:sentence.end]
            if "?" in chunk and QUOTED_QUESTION.search(chunk):
                continue  # ext-stance2: '"Is the deal a scam?" X asked' states no stance
            may = _may_hold_cue(chunk)  # the stems' test, once for both below
            stance = _cue_stance(chunk) if may else None
            if stance is None and not (may and (NEGATIVE_CUES.search(chunk) or POSITIVE_CUES.search(chunk))):
                continue  # no cue word at all: no actor's clause can have one (the stems' test first)
            # the evidence holds the quotation and its attribution, verbatim from the article
            span = (min(sentence.start, said.start), max(sentence.end, said.end))
            inside = [m for m in by_sentence.get(index, []) if any(s <= m.start and m.end <= e for s, e in quoted)]
            for target, target_stance in _quote_targets(ents, inside, speaker, home, stance, sentence):
                why = "rule:quoted-criticism" if target_stance == "CRITICIZES" else "rule:quoted-praise"
                out.append(Relation(speaker, target, target_stance, index, why=why, span=span))
    return out


def _quote_targets(ents, mentions, speaker: str, home: str | None, stance: str | None, sentence) -> list[tuple[str, str]]:
    """(actor, stance) for what a quoted sentence attacks or praises: the cue words of the
    clause around each actor first, else the sentence's lean for people and agreements."""
    text = ents.text
    chunk = text[sentence.start:sentence.end]
    out: dict[str, str] = {}
    for m in mentions:
        label = mention_label(ents, m)
        if m.entity in (speaker, home) or label not in ("Person", "Country", "Agreement", "Organization"):
            continue  # the speaker's own country in its own voice is no target ("Argentina is a great country")
        if (m.anaphor and not m.surface[:1] in "$0123456789U") or is_modifier(ents, text, m, mentions):
            continue
        local = _local_stance(text, m, sentence.start, sentence.end)
        if local and not is_locative(text, m, sentence.start) and not m.possessive or local and label in ("Person", "Agreement"):
            out.setdefault(m.entity, local)
            continue
        if stance is None or local:
            continue
        if stance == "CRITICIZES" and label in ("Country", "Organization") and \
                not re.search(r"\bcountry\b", chunk):
            continue  # "a disgrace for the country": a body named in an attack is often its setting
        if stance == "SUPPORTS" and label == "Organization":
            continue  # praise of a body named in passing is no stance
        out.setdefault(m.entity, stance)
    return list(out.items())


CLAUSE_EDGE = guarded(re.compile(r"[;:—–]|,\s+(?:but|while|whereas|although|though|yet)\s|\b(?:but|and)\b"))


def _local_stance(text: str, m: Mention, start: int, end: int) -> str | None:
    """The lean of the cue words within the clause around a mention, no further than 60 characters."""
    left = max(start, m.start - 60)
    edges = [e.end() for e in CLAUSE_EDGE.finditer(text, left, m.start)]
    left = edges[-1] if edges else left
    right = min(end, m.end + 60)
    stop = CLAUSE_EDGE.search(text, m.end, right)
    right = stop.start() if stop else right
    return _stance(text[left:m.start] + " " + text[m.end:right])


def _pronoun_speaker(ents, by_sentence, indices, start: int, end: int):
    """'"...," he said': the one person of the nearest earlier sentence that names people."""
    text = ents.text
    said = PRONOUN_SAID.search(text, start, end)
    if not said:
        return None
    first = ents.sentences[indices[0]]
    for index in range(indices[0] + (1 if said.start() > first.end else 0) - 1, max(-1, indices[0] - 4), -1):
        people = {m.entity for m in by_sentence.get(index, []) if mention_label(ents, m) == "Person"
                  and not m.anaphor and (index < indices[0] or m.end <= said.start())}
        if len(people) == 1:
            where = next(i for i in indices if ents.sentences[i].start <= said.start() < ents.sentences[i].end)
            return people.pop(), ents.sentences[where]
        if people:
            return None  # two people before: "he" may be either
    return None


def _heading_speaker(ents, by_sentence, indices, lines: dict[int, list[int]]):
    """'LUIS CAPUTO, ECONOMY MINISTER:' on its own line, a quotation opening the next: the one
    person the speaker line names said it."""
    text = ents.text
    first = ents.sentences[indices[0]]
    if text[first.start:first.start + 1] not in "“\"":
        return None
    previous = lines.get(first.line - 1) or lines.get(first.line - 2)
    if not previous or len(previous) != 1:
        return None
    heading = ents.sentences[previous[0]]
    # ext-stance3: "LUIS CAPUTO, ECONOMY MINISTER:", given to the rules in ordinary case when in
    # capitals (entities/headings.py, whose pattern for such a line this is)
    line = text[heading.start:heading.end].rstrip()
    if not line.endswith(":") or not NAME_ROLE_RE.fullmatch(line):
        return None
    people = {m.entity for m in by_sentence.get(previous[0], []) if mention_label(ents, m) == "Person"}
    return (people.pop(), heading) if len(people) == 1 else None


PRONOUN_SAID = guarded(re.compile(r"[”\"],?\s+(?:he|she)\s+" + SPEECH + r"\b|[”\"],?\s+" + SPEECH + r"\s+(?:he|she)\b|"
                                  r"\b(?:He|She)\s+(?:also\s+|later\s+)?" + SPEECH + r"(?:\s+\w+){0,3}?\s*[,:]\s*[“\"]"))


QUOTED_QUESTION = re.compile(r"\?\s*[”\"]|\?\s*$")
ACCORDING_CUE = "ccording"  # what every ACCORDING_TO match holds, as written (tests/test_rule_gates.py)
ACCORDING_TO = guarded(re.compile(r"\b[Aa]ccording\s+to\s+(?:(?:[A-Z][\w.’'-]*|former|the)\s+){0,4}$"))


def according_to(s: SentenceView) -> list[Relation]:
    """'The swap is a reckless mistake, according to Senator Warren': the source's stance on
    the actors the statement names, as with a quotation."""
    if ACCORDING_CUE not in s.lowered:
        return []  # every ACCORDING_TO match holds "[Aa]ccording" (case kept): ASCII, so in the lowered text too
    text, sentence = s.text, s.sentence
    out = []
    for m in s.mentions:
        if mention_label(s.ents, m) != "Person" or m.anaphor:
            continue
        cue = ACCORDING_TO.search(text, max(sentence.start, m.start - 60), m.start)
        if not cue:
            continue
        claim = text[sentence.start:cue.start()] + text[m.end:sentence.end]
        stance = _stance(claim)
        if stance is None:
            continue
        others = [x for x in s.mentions if x is not m]
        for target, target_stance in _quote_targets(s.ents, others, m.entity, s.ents.country_of(m.entity), stance,
                                                    sentence):
            out.append(Relation(m.entity, target, target_stance, s.index, why="rule:according-to"))
    return out


# the attributions _speaker reads around each person (compiled once: the verb list makes them long)
SPEAKER_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s[^,“\"”]{1,60},")
SAID_BEFORE = re.compile(r"[”\"]\s*,?\s*(?:" + SPEECH[3:-1] + r"|according\s+to)\s+(?:\w+\s+){0,3}$")
SAID_AFTER = re.compile(r"\s*" + SPEECH + r"\b")
QUOTE_BEFORE = re.compile(r"[”\"],?\s*(?:\w+\s+){0,4}$")
SAYS_QUOTE_AFTER = re.compile(r"\s+(?:has\s+|had\s+|also\s+|then\s+)?" + SPEECH +
                              r"(?:\s+\w+){0,3}?\s*(?:[,:]|\bthat)\s*[“\"]")


def _speaker(ents, by_sentence, indices, start: int, end: int):
    """(the person a paragraph's quotation is attributed to, the sentence that says so), or None."""
    text = ents.text
    speaker = None
    for index in indices:
        for m in by_sentence.get(index, []):
            if mention_label(ents, m) != "Person" or m.anaphor:
                continue
            before = text[max(start, m.start - 60):m.start]
            after = text[m.end:min(end, m.end + 100)]
            appositive = SPEAKER_APPOSITIVE.match(after)
            if appositive:  # '"...," Senator X, a Massachusetts Democrat, said'
                after = after[appositive.end():]
            if SAID_BEFORE.search(before) or SAID_AFTER.match(after) and QUOTE_BEFORE.search(before) or \
                    SAYS_QUOTE_AFTER.match(after):
                speaker = m.entity, ents.sentences[index]
    return speaker


def _cue_stems():
    """One automaton over the longest word of every cue: a text without any holds no cue.

    Each stem's value tells where a match may stand: after a word character only when the stem
    begins with another character (a cue begins at ``\\b``, a later word after spaces), before
    one only when it ends with another character or some cue ends with it and a ``*``."""
    automaton = ahocorasick.Automaton()
    open_after: set[str] = set()
    stems: set[str] = set()
    for word in WORDS["negative_cues"] | WORDS["positive_cues"]:
        words = word.rstrip("*").split()
        stem = max(words, key=len)  # "a risk" -> "risk": the rarest-looking word
        stems.add(stem)
        if word.endswith("*") and stem == words[-1]:
            open_after.add(stem)  # "arrogan*": "arrogant", "arrogance"
    for stem in stems:
        check_before = _is_word(stem[0])
        check_after = _is_word(stem[-1]) and stem not in open_after
        automaton.add_word(stem, (len(stem), check_before, check_after))
    automaton.make_automaton()
    return automaton


def _is_word(char: str) -> bool:
    """Whether ``re`` reads the character as a word character (``\\w``)."""
    return char.isalnum() or char == "_"


CUE_STEMS = _cue_stems()
# what the cue patterns, which ignore case, match to an ASCII letter but str.lower() does not give
# as one ("ſ" is "s", "ı" and "İ" are "i"; "İ" lowers to "i" and U+0307)
_ODD_LETTERS = re.compile("[ſı\u0307]")


def may_hold_cue(low: str) -> bool:
    """Whether a cue pattern may match in a text whose lower-cased form is ``low``: every match
    holds its cue's longest word, which ``low`` then holds as it is, standing as a word does
    (no word character before or after it unless the cue allows one), unless one of
    _ODD_LETTERS stands for a letter of it (tests/test_rule_gates.py)."""
    if not low.isascii() and _ODD_LETTERS.search(low) is not None:
        return True
    last = len(low) - 1
    for end, (size, check_before, check_after) in CUE_STEMS.iter(low):
        start = end - size + 1
        if check_before and start > 0 and _is_word(low[start - 1]):
            continue  # inside a word ("bank" holds "ban"): no cue begins there
        if check_after and end < last and _is_word(low[end + 1]):
            continue  # ("banner"): the word goes on
        return True
    return False


def _may_hold_cue(chunk: str) -> bool:
    """``may_hold_cue`` of a text as it is written."""
    return may_hold_cue(chunk.lower())


def _stance(chunk: str) -> str | None:
    """CRITICIZES or SUPPORTS when a sentence's cue words lean one way, else None.

    A cue right after a negation counts for the other side ("not a bailout" defends, "not a
    reliable partner" attacks), bar superlatives ("not the best time"); after a looser
    negation ("not only corrupt", "no more than a friend") it does not count."""
    if not _may_hold_cue(chunk):
        return None  # no cue at all: both counts stay 0 (one pass of the automaton, not two patterns)
    return _cue_stance(chunk)


def _cue_stance(chunk: str) -> str | None:
    """``_stance`` of a sentence that passed ``_may_hold_cue``."""
    negative = positive = 0
    for cues, sign in ((NEGATIVE_CUES, -1), (POSITIVE_CUES, 1)):
        for cue in cues.finditer(chunk):
            if sign > 0 and OWNED_CUE.search(chunk, 0, cue.start()):
                continue  # "his friend", "their allies": a relation described, not praise
            if FLIPPED_CUE.search(chunk, 0, cue.start()) and cue.group().lower() not in NO_FLIP:
                sign_here = -sign
            elif NEGATED_CUE.search(chunk, 0, cue.start()):
                continue
            else:
                sign_here = sign
            if sign_here > 0:
                positive += 1
            else:
                negative += 1
    if negative > positive:
        return "CRITICIZES"
    if positive > negative:
        return "SUPPORTS"
    return None


OWNED_CUE = guarded(re.compile(r"\b(?:his|her|their|its)\s+(?:[\w-]+\s+)?$", re.IGNORECASE))
FLIPPED_CUE = re.compile(r"\b(?:not|never|n['’]t|no\s+longer)\s+(?:a\s+|an\s+|the\s+)?$", re.IGNORECASE)
NO_FLIP = {"best", "great", "greatest", "can't", "can’t", "cannot"}
NEGATED_CUE = guarded(re.compile(r"\b(?:not|no|never|n['’]t|hardly|less|least)\s+(?:\w+\s+)?(?:a\s+|an\s+|the\s+)?$",
                                 re.IGNORECASE))


def labelled_as(s: SentenceView) -> list[Relation]:
    """'Milei called Trump "the best friend ..."', 'X described the swap as a bailout'."""
    if s.words.isdisjoint(LABEL_VERBS):
        return []  # a set test before the patterns: most sentences label nothing
    return (_labelled(s.ents, s.mentions, s.index) + _fronted_labels(s.ents, s.mentions, s.index)
            + _demonym_labels(s.ents, s.mentions, s.index))


LABEL_VERBS = frozenset({"called", "calls", "calling", "described", "describes", "describing", "branded", "brands",
                         "labelled", "labeled", "dubbed", "termed", "praised", "hailed", "denounced", "dismissed",
                         "slammed", "call", "describe",
                         "cast", "casts", "portrayed", "portrays", "painted", "paints", "depicted", "depicts"})  # ext-stance2
