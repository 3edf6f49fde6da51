"""Stance from words: quotations attributed to a speaker, and what a subject calls an actor."""

from __future__ import annotations

import re

from ..entities import ArticleEntities, Mention
from .base import (ACTOR, NEGATIVE_CUES, POSITIVE_CUES, PRONOUN_WORDS, SPEECH, entity_label, mention_label,
                   Relation, SentenceView)
from .clauses import is_modifier, negated, find_subjects, verb_follows

LABELLED = re.compile(r"\b(?:called|calls|calling|described|describes|describing|branded|brands|labell?ed|dubbed|"
                      r"termed|praised|hailed|denounced|dismissed|slammed)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}$",
                      re.IGNORECASE)
# the lower-case beginnings of LABELLED's verbs: a sentence with none of them holds no match
LABELLED_WORDS = ("call", "describ", "brand", "label", "dubbed", "termed", "praised", "hailed", "denounced",
                  "dismissed", "slammed")
LABEL_PHRASE = re.compile(r"\s+(?:as\s+)?(?P<phrase>[“\"][^”\"]{3,200}[”\"]?|(?:a|an|the)\s[^,;.“\"]{3,80})")


def _labelled(ents: ArticleEntities, mentions: list[Mention], index: int) -> list[Relation]:
    """'Milei called Trump "the best friend ..."', 'X described the swap as a bailout': the words
    the subject puts on an actor carry the subject's stance towards it."""
    out = []
    text = ents.text
    sentence = ents.sentences[index]
    chunk = text[sentence.start:sentence.end]
    if not any(word in chunk.lower() for word in LABELLED_WORDS) and not any(c in chunk for c in "ſıİ"):
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
        subjects = find_subjects(ents, text, left, verb.start(), [])
        if left and re.search(r"\band\s+(?:\w+ly\s+)?$", text[max(sentence.start, verb.start() - 16):verb.start()]) \
                and verb_follows(text, left[0]):
            # "Kicillof blamed Milei and called Caputo a failure": the verbs share the first subject
            subjects = find_subjects(ents, text, left[:1], left[0].end, [], fallback_possessive=False) or subjects
        for subject in subjects:
            if subject != m.entity and entity_label(ents, subject) in ACTOR:
                out.append(Relation(subject, m.entity, stance, index, why="rule:labelled-as"))
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
        speaker = _speaker(ents, by_sentence, indices, start, end)
        if speaker is None:
            continue
        home = ents.country_of(speaker)
        quoted = _quoted_spans(text, start, end)
        for index in indices:
            sentence = ents.sentences[index]
            if not any(s <= sentence.start + 2 and sentence.end - 2 <= e or
                       (s >= sentence.start and e <= sentence.end and e - s > 20) for s, e in quoted):
                continue  # (tested first: the cue words below are the dearer test)
            chunk = text[sentence.start:sentence.end]
            stance = _stance(chunk)
            if stance is None:
                continue
            why = "rule:quoted-criticism" if stance == "CRITICIZES" else "rule:quoted-praise"
            for target in _stance_targets(ents, by_sentence.get(index, []), speaker, home, stance, chunk):
                out.append(Relation(speaker, target, stance, index, why=why))
    return out


def _stance_targets(ents, mentions, speaker: str, home: str | None, stance: str, chunk: str) -> list[str]:
    """The actors a statement with that stance is about: named, not the speaker, not scenery."""
    text = ents.text
    targets = []
    for m in mentions:
        label = mention_label(ents, m)
        if m.entity == speaker or label not in ("Person", "Country", "Agreement", "Organization"):
            continue
        if (m.anaphor and not m.surface[:1] in "$0123456789U") or is_modifier(ents, text, m, mentions):
            continue
        if stance == "CRITICIZES" and label in ("Country", "Organization") and \
                not re.search(r"\bcountry\b", chunk):
            continue  # "a disgrace for the country": a body named in an attack is often its setting
        if stance == "SUPPORTS" and (label == "Organization" or m.entity == home):
            continue  # praise of one's own country, or of a body named in passing, is no stance
        targets.append(m.entity)
    return list(dict.fromkeys(targets))


ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:(?:[A-Z][\w.’'-]*|former|the)\s+){0,4}$")


def according_to(s: SentenceView) -> list[Relation]:
    """'The swap is a reckless mistake, according to Senator Warren': the source's stance on
    the actors the statement names, as with a quotation."""
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
        for target in _stance_targets(s.ents, others, m.entity, s.ents.country_of(m.entity), stance, claim):
            out.append(Relation(m.entity, target, stance, s.index, why="rule:according-to"))
    return out


def _speaker(ents, by_sentence, indices, start: int, end: int) -> str | None:
    """The person a paragraph's quotation is attributed to, or None."""
    text = ents.text
    speaker = None
    for index in indices:
        for m in by_sentence.get(index, []):
            if mention_label(ents, m) != "Person" or m.anaphor:
                continue
            before = text[max(start, m.start - 60):m.start]
            after = text[m.end:min(end, m.end + 40)]
            if re.search(r"[”\"]\s*,?\s*" + SPEECH + r"\s+(?:\w+\s+){0,3}$", before) or \
                    re.match(r"\s*" + SPEECH + r"\b", after) and re.search(r"[”\"],?\s*(?:\w+\s+){0,4}$", before) or \
                    re.match(r"\s+(?:has\s+|had\s+|also\s+|then\s+)?" + SPEECH + r"(?:\s+\w+){0,3}?\s*(?:[,:]|\bthat)\s*[“\"]",
                             after):
                speaker = m.entity
    return speaker


def _stance(chunk: str) -> str | None:
    """CRITICIZES or SUPPORTS when a sentence's cue words lean one way, else None."""
    def count(cues: re.Pattern) -> int:
        return sum(1 for cue in cues.finditer(chunk) if not NEGATED_CUE.search(chunk, 0, cue.start()))
    negative, positive = count(NEGATIVE_CUES), count(POSITIVE_CUES)
    if negative > positive:
        return "CRITICIZES"
    if positive > negative:
        return "SUPPORTS"
    return None


NEGATED_CUE = re.compile(r"\b(?:not|no|never|n['’]t|hardly|less|least)\s+(?:\w+\s+)?(?:a\s+|an\s+|the\s+)?$",
                         re.IGNORECASE)


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, opened = [], None
    for i in range(start, end):
        ch = text[i]
        if ch == "“" or (ch == '"' and opened is None):
            opened = i
        elif ch in "”\"" and opened is not None:
            spans.append((opened, i + 1))
            opened = None
    if opened is not None:
        spans.append((opened, end))
    return spans


def labelled_as(s: SentenceView) -> list[Relation]:
    """'Milei called Trump "the best friend ..."', 'X described the swap as a bailout'."""
    return _labelled(s.ents, s.mentions, s.index)
