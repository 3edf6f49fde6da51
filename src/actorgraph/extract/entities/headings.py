"""Headings in capitals that name an actor, written again in ordinary case (ext-roles3).

Wire factboxes and reaction round-ups head each item with a line in capitals: a known body
(``WORLD BANK``, ``INTERNATIONAL MONETARY FUND``) or a speaker and office (``LUIS CAPUTO,
ECONOMY MINISTER:``). The candidate finder reads a line in capitals as a slogan and names nobody
in it; these lines are given to it in ordinary case instead, of the same length, so every offset
still points into the article (evidence quotes the article as written).
"""

from __future__ import annotations

import re

from ..lexicon import TITLE_SET, knowledge
from ..text import Sentence, tokenize

# "NAME, OFFICE:" — two to four words of a name, a comma, an office of up to twelve words
NAME_ROLE_RE = re.compile(r"(?P<name>(?:[^\W\d_][\w'’.-]*\s+){1,3}[^\W\d_][\w'’-]*),\s+(?P<role>[^,:;]{2,90}?)\s*:?\s*$")
SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "la", "las", "los", "el",
                         "y", "da", "do", "dos", "das", "e"})
_WORD_RE = re.compile(r"[^\s()]+")


def recase_headings(text: str, sentences: list[Sentence]) -> tuple[str, list[Sentence]]:
    """The article with its capital headings that name a known actor or a speaker and office
    in ordinary case, and those speaker lines read as body sentences. Most articles have none:
    the text and sentences come back as they are."""
    pieces: list[tuple[int, int, str]] = []
    out = sentences
    for k, sentence in enumerate(sentences):
        if sentence.kind not in ("heading", "body") or not text[sentence.start:sentence.start + 2].isupper():
            continue  # most sentences: the first two letters tell
        line = text[sentence.start:sentence.end]
        if not line.isupper() or not _in_capitals(line) or text[sentence.start - 1:sentence.start] not in ("", "\n") or \
                text[sentence.end:sentence.end + 1] not in ("", "\n"):
            continue  # a heading is a whole line
        recased = _recase(line)
        if len(recased) != len(line):
            continue
        whole = recased.rstrip(" :")
        kb = knowledge()
        if kb.lookup(whole) is not None or kb.lookup(line.rstrip(" :")) is not None:
            pieces.append((sentence.start, sentence.end, recased))  # "WORLD BANK": a known body heads the item
        elif (found := NAME_ROLE_RE.fullmatch(recased)) and ":" in line[-2:] and _speaker(found, kb):
            first = found.group("role").split()[0]
            if first.lower() in TITLE_SET and len(found.group("role").split()) > 1:
                # "President of the Argentine Industrial Union": an office in an appositive is
                # written in lower case, and a capital would join it to the body's name
                at = found.start("role")
                recased = recased[:at] + first.lower() + recased[at + len(first):]
            pieces.append((sentence.start, sentence.end, recased))  # "LUIS CAPUTO, ECONOMY MINISTER:"
            if out is sentences:
                out = list(sentences)
            out[k] = Sentence(sentence.start, sentence.end, "body", sentence.line)
    if not pieces:
        return text, sentences
    parts, at = [], 0
    for start, end, recased in pieces:
        parts += [text[at:start], recased]
        at = end
    parts.append(text[at:])
    return "".join(parts), out


def _speaker(found: re.Match, kb) -> bool:
    """A person's name before the comma and an office after it ("BREAKING NEWS, LIVE UPDATES:" is
    neither)."""
    from .candidates import _person_like

    words = re.findall(r"[\w-]+", found.group("role").lower())
    office = any(w in TITLE_SET or " ".join(words[k:k + 2]) in TITLE_SET for k, w in enumerate(words))
    name = found.group("name")
    known = kb.lookup(name)
    return office and (known.label == "Person" if known else _person_like(tokenize(name), kb))


def _in_capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _recase(line: str) -> str:
    """'MARTÍN RAPPALLINI, PRESIDENT OF THE ARGENTINE INDUSTRIAL UNION (UIA):' ->
    'Martín Rappallini, President of the Argentine Industrial Union (UIA):'; acronyms the
    knowledge file lists, dotted abbreviations and words in brackets keep their capitals."""
    acronyms = knowledge().acronyms
    out, at = [], 0
    for n, m in enumerate(_WORD_RE.finditer(line)):
        word = m.group()
        core = word.strip(",.:;")
        bracketed = line[m.start() - 1:m.start()] == "(" and line[m.end():m.end() + 1] == ")"
        if bracketed or "." in core or core in acronyms:
            new = word
        elif n and core.lower() in SMALL_WORDS:
            new = word.lower()
        else:
            new = re.sub(r"[^\W\d_]+", lambda w: w.group().capitalize(), word)
        out += [line[at:m.start()], new if len(new) == len(word) else word]
        at = m.end()
    out.append(line[at:])
    return "".join(out)
