"""Names and aliases found again where the article writes them in another case."""

from __future__ import annotations

import bisect
import re

import ahocorasick

from ..lexicon import COMMON
from .model import ArticleEntities, Mention


def case_errors(result: ArticleEntities) -> None:
    """Mentions written in the wrong case ('argentina', 'milei', 'Claver-carone')."""
    text = result.text
    surfaces: dict[str, str] = {}
    for entity in result.entities.values():
        if entity.label == "Agreement":
            continue
        forms = [entity.name, *entity.aliases]
        if entity.label == "Person":
            forms.append(entity.name.split()[-1])
        for form in forms:
            if len(form) >= 4 and form.lower() not in COMMON and not form.isupper():
                surfaces.setdefault(form.lower(), entity.name)
    if not surfaces:
        return
    find = SurfaceFinder(surfaces)
    covered = sorted((m.start, m.end) for m in result.mentions)
    starts = [s for s, _ in covered]
    for index, spans in enumerate(find.by_sentence(text, result.sentences)):
        for start, end in spans:
            k = bisect.bisect_right(starts, start) - 1
            if k >= 0 and covered[k][1] > start:
                continue
            if k + 1 < len(covered) and covered[k + 1][0] < end:
                continue
            surface = text[start:end]
            name = surfaces[surface.lower()]
            if surface != name:
                result.entities[name].aliases.add(surface)
            result.mentions.append(Mention(start, end, surface, name, index))


WORD_RE = re.compile(r"\w+")


WORD_START_RE = re.compile(r"(?<![\w-])\w+")


class SurfaceFinder:
    """Finds any of many lower-case surfaces in a text, case-insensitively, as whole words.

    The same matches as one regular expression of every surface joined by ``|`` (longest
    first, not inside a word or hyphenated compound), but each word of the text is looked
    up by its first word in a dictionary, so the time grows with the text, not with the
    text times the number of surfaces (which grows with the text too). The first words are
    found by one Aho–Corasick automaton (pyahocorasick, as the rulebook's anchors are).
    """

    def __init__(self, surfaces):
        # first word -> [(length, surfaces of that length)], longest first
        self.by_first: dict[str, list[tuple[int, set[str]]]] = {}
        odd: list[str] = []  # surfaces that do not start with a word character
        buckets: dict[str, dict[int, set[str]]] = {}
        for surface in surfaces:
            first = WORD_RE.match(surface)
            if first:
                buckets.setdefault(first.group(), {}).setdefault(len(surface), set()).add(surface)
            else:
                odd.append(surface)
        for first, by_length in buckets.items():
            self.by_first[first] = sorted(by_length.items(), reverse=True)
        self.automaton = ahocorasick.Automaton()  # first word -> (its length, itself)
        for first in self.by_first:
            self.automaton.add_word(first, (len(first), first))
        if self.by_first:
            self.automaton.make_automaton()
        odd.sort(key=len, reverse=True)
        self.odd = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, odd)) + r")(?![\w-])",
                              re.IGNORECASE) if odd else None

    def iter(self, text: str, start: int, end: int):
        """(start, end) of each match in text[start:end], left to right, without overlaps."""
        found = [(m.start(), m.end()) for m in self.odd.finditer(text, start, end)] if self.odd else []
        yield from self._spans(text, end, self._first_words(text, start, end), found)

    def by_sentence(self, text: str, sentences) -> list[list[tuple[int, int]]]:
        """``list(self.iter(text, s.start, s.end))`` for each sentence ``s``, in order (sentences
        in text order, none overlapping). The first words are found once in the whole article,
        not sentence by sentence: a word inside a sentence stands inside the article, each
        character lower-cased alike (else, and with surfaces that begin with no word, sentence by
        sentence as before, and for sentences out of order); a sentence without one is passed over
        in Python's loop alone."""
        lowered = text.lower()
        if self.odd is not None or not self.by_first or len(lowered) != len(text) or "Σ" in text or \
                any(a.end > b.start for a, b in zip(sentences, sentences[1:])):
            return [list(self.iter(text, s.start, s.end)) for s in sentences]
        # (where, first word, whole word ending at the article's end or before no word character):
        # what _first_words keeps, but for its end, which a sentence's own end also allows
        hits = []
        size = len(lowered)
        for last, (length, word) in self.automaton.iter(lowered):
            k, stop = last - length + 1, last + 1
            if k == 0 or not (text[k - 1].isalnum() or text[k - 1] in "_-"):
                hits.append((k, word, stop == size or not (lowered[stop].isalnum() or lowered[stop] == "_")))
        hits.sort()
        out: list[list[tuple[int, int]]] = []
        h, n = 0, len(hits)
        for sentence in sentences:
            start, end = sentence.start, sentence.end
            while h < n and hits[h][0] < start:
                h += 1
            firsts = []
            while h < n and hits[h][0] < end:
                at, word, whole = hits[h]
                stop = at + len(word)
                if stop <= end and (whole or stop == end):
                    firsts.append((at, word))
                h += 1
            out.append(list(self._spans(text, end, firsts, [])) if firsts else [])
        return out

    def _spans(self, text: str, end: int, first_words, found: list[tuple[int, int]]):
        """The matches at the first words (offset, word) of a span that ends at ``end``, with
        ``found`` (the odd surfaces' matches), left to right, without overlaps."""
        for at, word in first_words:
            for length, same_length in self.by_first[word]:
                stop = at + length
                if stop <= end and text[at:stop].lower() in same_length and (
                        stop == end or not (text[stop].isalnum() or text[stop] in "_-")):
                    found.append((at, stop))
                    break
        found.sort()
        last = -1
        for span in found:
            if span[0] >= last:
                last = span[1]
                yield span

    def _first_words(self, text: str, start: int, end: int):
        """(offset, lower case) of each word of text[start:end] that is a surface's first word:
        a whole word, not inside a word or hyphenated compound (``WORD_START_RE``)."""
        chunk = text[start:end]
        lowered = chunk.lower()
        if len(lowered) != len(chunk) or "Σ" in chunk:
            # a letter whose lower case is longer ("İ") or depends on the next: word by word
            for word in WORD_START_RE.finditer(text, start, end):
                if word.group().lower() in self.by_first:
                    yield word.start(), word.group().lower()
            return
        if not self.by_first:
            return
        # every place a first word stands in the sentence (the automaton reports each one,
        # overlapping or inside a longer word), kept where it is a whole word; lower-casing keeps
        # every character's offset and whether it is a word character. Before: the first words
        # the sentence's words hold (a set of them all), then str.find for each: 0.65 of the time
        at = []
        for last, (length, word) in self.automaton.iter(lowered):
            k, stop = last - length + 1, last + 1
            before = text[start + k - 1] if start + k > 0 else " "
            if not (before.isalnum() or before in "_-") and (
                    stop == len(lowered) or not (lowered[stop].isalnum() or lowered[stop] == "_")):
                at.append((start + k, word))
        yield from sorted(at)
