"""Sentences and tokens with character offsets, robust to scraped news text.

Handles what real articles contain: missing spaces after full stops (``relations.This``),
dotted acronyms glued to the next word (``U.S.President``), curly and straight quotes,
table rows drawn with box characters, headings, and newsletter or "Also Read" footers.
Every span is a (start, end) pair into the article text, so quotes stay verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A token: dotted acronym, currency prefix, number/amount, word (inner hyphens and
# apostrophes kept, a possessive 's split off), possessive, or one punctuation character.
TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|US\$"
    r"|\$?\d+(?:[.,]\d+)*(?:-[A-Za-z]+)?"
    r"|[^\W\d_][\w]*(?:(?:-|['’](?!s\b))[\w]+)*"
    r"|['’]s\b"
    r"|[^\w\s]"
)

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st", "jr", "sr", "no", "vs", "etc",
    "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "prof", "mt", "ft", "lt", "col", "capt", "sgt", "approx", "dept", "est",
    # ext-roles3: honorifics of translated releases ("Eng. Darío Ruiz", "Lic. Ana Paz", "Dra. Sosa")
    "eng", "ing", "lic", "dra", "sra", "arq",
}
# Words that, after a dotted acronym and a space, show the acronym also ended the sentence.
SENTENCE_STARTERS = {
    "the", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "but", "however",
    "and", "in", "on", "at", "as", "a", "an", "his", "her", "their", "its", "our", "there", "while",
    "meanwhile", "still", "yet", "so", "both", "after", "before", "since", "for", "with",
}
BOILERPLATE_RE = re.compile(
    r"^\s*(?:also read|read more|read also|related\b|see also|subscribe|sign up|join the|follow us|"
    r"share this|click here|table of contents|newsletter|advertisement|copyright|©|all rights reserved)",
    re.IGNORECASE,
)
TABLE_RE = re.compile(r"^\s*[|┃│]|^[\s\-—–─━=_+|:]+$")
END_PUNCT = ".!?\"”’)»:;"
CLOSERS = "\"”’)»]"


@dataclass(frozen=True)
class Sentence:
    """A sentence (or heading/table/boilerplate line) as a span of the article text."""

    start: int
    end: int
    kind: str  # "body", "heading", "table" or "boilerplate"
    line: int

    def text(self, article: str) -> str:
        return article[self.start:self.end]


class Token:
    """A token with its offsets; ``lower`` is lower-cased with straight apostrophes."""

    __slots__ = ("text", "start", "end", "lower")

    def __init__(self, text: str, start: int, end: int, lower: str | None = None):
        self.text, self.start, self.end = text, start, end
        self.lower = text.lower().replace("’", "'") if lower is None else lower

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Token) and (self.text, self.start, self.end) == (other.text, other.start, other.end)

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    # lower-case the span once and slice it, unless a letter's lower case is longer ("İ") or
    # depends on what follows (a final sigma), where a token's own lower case could differ
    lowered = chunk.lower().replace("’", "'")
    if len(lowered) != len(chunk) or "Σ" in chunk:
        return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, end)]
    # The span is cut at its spaces (str.split, in C) and each piece read by its shape: a word
    # of letters alone (four pieces in five), a word or a number with one punctuation mark after
    # it ("said,", "2025."), a word with a possessive ("Milei’s") are TOKEN_RE's tokens as they
    # stand, with no search; any other piece (or one holding another kind of space) is split by
    # the pattern. TOKEN_RE takes no token across a space and looks no further than the next
    # character, which a space or the span's end leaves the same, so piece by piece gives the
    # tokens of the whole span (tests/test_tokens.py compares them on text and random strings).
    # Each Token is made by object.__new__ and its four slots set here, what __init__ does when
    # given the lower case, without calling it (calling a class's Python __init__ is slow).
    tokens = []
    append, new = tokens.append, object.__new__
    pos = start  # where the piece begins in text; lowered is indexed from start
    for piece in chunk.split(" "):
        stop = pos + len(piece)
        if piece.isalpha():
            token = new(Token)
            token.text = piece
            token.start = pos
            token.end = stop
            token.lower = lowered[pos - start:stop - start]
            append(token)
        elif not piece:
            pass  # two spaces in a row
        elif ((head := piece[:-1]).isalpha() or head.isdecimal()) and (last := piece[-1]) not in _NOT_A_MARK_AFTER \
                and not last.isalnum() and not last.isspace():
            # "said,", "year.", "2025,": the word or number, then the mark alone (TOKEN_RE's
            # [^\w\s]); not "US$" (a token of its own), nor a mark "_" (no token)
            token = new(Token)
            token.text = head
            token.start = pos
            token.end = stop - 1
            token.lower = lowered[pos - start:stop - 1 - start]
            append(token)
            token = new(Token)
            token.text = last
            token.start = stop - 1
            token.end = stop
            token.lower = lowered[stop - 1 - start:stop - start]
            append(token)
        elif piece[-2:] in _POSSESSIVES and (head := piece[:-2]).isalpha():
            # "Milei’s": the word, then the possessive (['’]s\b, at the piece's end)
            token = new(Token)
            token.text = head
            token.start = pos
            token.end = stop - 2
            token.lower = lowered[pos - start:stop - 2 - start]
            append(token)
            token = new(Token)
            token.text = piece[-2:]
            token.start = stop - 2
            token.end = stop
            token.lower = lowered[stop - 2 - start:stop - start]
            append(token)
        else:
            # split() gives the gaps and the tokens in turn, without a match object per token; the
            # pattern looks behind nothing before a token's first character, so the piece's
            # tokens are those the whole text has there
            parts = iter(_TOKEN_SPLIT_RE.split(piece))
            at = pos
            for gap, word in zip(parts, parts):  # the last gap has no token after it
                at += len(gap)
                after = at + len(word)
                token = new(Token)
                token.text = word
                token.start = at
                token.end = after
                token.lower = lowered[at - start:after - start]
                append(token)
                at = after
        pos = stop + 1
    return tokens


_NOT_A_MARK_AFTER = frozenset("$_")  # "US$" is one token; "_" is none (TOKEN_RE's [^\w\s] is no "_")
_POSSESSIVES = ("’s", "'s")


# TOKEN_RE for split(), written so that re skips the spaces between tokens by itself: one
# character that is no space nor "_" (what every alternative of TOKEN_RE begins with) is taken,
# then each alternative's rest, in TOKEN_RE's order, behind a look-back for its own first
# character. The same tokens (tests/test_tokens.py checks it on text and random strings), the
# pattern a third faster: TOKEN_RE is tried, and fails, at every space.
# A word's rest, [\w]*(?:(?:-|['’](?!s\b))[\w]+)*, written so that a word with no hyphen nor
# apostrophe after its letters (most words) never enters the repeated group, whose set-up costs
# re more than the word itself: the separator comes first, as a set re tests before entering the
# branch, and the empty branch ends the word. The group is greedy and nothing follows it, so both
# take the same characters (tests/test_tokens.py); the split is about a seventh faster.
_SEPARATOR = r"[-'’](?!(?<=['’])s\b)"  # "-", or an apostrophe not before a possessive "s"
_WORD_REST = r"[\w]*(?:" + _SEPARATOR + r"[\w]+(?:" + _SEPARATOR + r"[\w]+)*|)"
_TOKEN_SPLIT_RE = re.compile(
    r"([^\s_](?:"
    r"(?<=[a-z])" + _WORD_REST +                          # a word in lower case: no other alternative can match
    r"|(?<=[A-Z])\.(?:[A-Z]\.)+"                          # (?:[A-Z]\.){2,}
    r"|(?<=U)S\$"                                          # US\$
    r"|(?<=\$)\d+(?:[.,]\d+)*(?:-[A-Za-z]+)?"               # \$?\d+...: with the dollar sign
    r"|(?<=\d)\d*(?:[.,]\d+)*(?:-[A-Za-z]+)?"               # and without
    r"|(?<=[^\W\d_])" + _WORD_REST +                      # [^\W\d_][\w]*...
    r"|(?<=['’])s\b"                                       # ['’]s\b
    r"|(?<=[^\w\s])"                                       # [^\w\s]
    r"))")


def split_sentences(text: str) -> list[Sentence]:
    """Split an article into sentences, classifying each line first."""
    sentences: list[Sentence] = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = line_start + (len(line) - len(line.lstrip()))
        tail = line_start + len(line.rstrip())
        kind = _line_kind(stripped)
        if kind != "body":
            sentences.append(Sentence(lead, tail, kind, number))
            continue
        for s, e in _split_line(text, lead, tail):
            sentences.append(Sentence(s, e, "body", number))
    return sentences


def _line_kind(line: str) -> str:
    if TABLE_RE.match(line):
        return "table"
    if BOILERPLATE_RE.match(line):
        return "boilerplate"
    if line[-1] not in END_PUNCT and len(line.split()) <= 16:
        return "heading"
    return "body"


def _stops(text: str, start: int, end: int) -> list[int]:
    """Where text[start:end] has a full stop, question or exclamation mark, in order: found by
    str.find, which skips to the next one in C far faster than re scans a set character by
    character (a line can be a long paragraph)."""
    stops = []
    for mark in ".!?":
        at = text.find(mark, start, end)
        while at >= 0:
            stops.append(at)
            at = text.find(mark, at + 1, end)
    stops.sort()
    return stops


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, begin = [], start
    i = start
    for stop in _stops(text, start, end):  # the next full stop, question or exclamation mark
        if stop < i:
            continue  # passed over: inside the closers and spaces after the last sentence's end
        i = stop
        j = i + 1
        while j < end and text[j] in CLOSERS:
            j += 1
        if j >= end:
            break
        if _is_boundary(text, i, j, end):
            spans.append((begin, j))
            k = j
            while k < end and text[k].isspace():
                k += 1
            begin = k
            i = k
            continue
        i += 1
    if begin < end:
        spans.append((begin, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_WORD_RE = re.compile(r"[\w’']+")
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")     # U.S (then "President", glued)
_INITIALS_RE = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")   # J, U.S


def _is_boundary(text: str, dot: int, after: int, end: int) -> bool:
    """Is the punctuation at ``dot`` (closers up to ``after``) the end of a sentence?"""
    nxt = text[after]
    glued = not nxt.isspace()
    k = after
    while k < end and text[k].isspace():
        k += 1
    if k >= end:
        return False
    first = text[k]
    if not (first.isupper() or first in "\"“‘'([" or first.isdigit()):
        return False
    if text[dot] != ".":
        return True
    # the word before the full stop
    w = dot
    while w > 0 and (text[w - 1].isalnum() or text[w - 1] in ".-"):
        w -= 1
    before = text[w:dot]
    word_after = _WORD_RE.match(text, k, end)  # no slice: a line can be a long paragraph
    word_after = word_after.group().lower() if word_after else ""
    if glued:
        # relations.This splits; U.S.President and 3.5 do not.
        if not first.isupper() or len(before) <= 1 or _DOTTED_RE.fullmatch(before):
            return False
        return k + 1 < end and (text[k + 1].islower() or text[k + 1] == "’")
    if _INITIALS_RE.fullmatch(before):
        # J. Trump, U.S. President: an initial or dotted acronym, unless a sentence plainly follows
        return len(before) > 1 and word_after in SENTENCE_STARTERS
    if before.lower() in ABBREVIATIONS:
        return False
    return True


_QUOTE_MARK_RE = re.compile("[“”\"]")


def quote_spans(text: str, start: int, end: int, *, unclosed: bool = False) -> list[tuple[int, int]]:
    """(opening mark, just past its closing mark) of each quotation in text[start:end]; a
    straight quote opens or closes as needed. With ``unclosed``, a quotation still open at
    ``end`` runs to ``end`` (a quoted paragraph whose closing mark comes later)."""
    # the search begins at the first mark, found by str.find (three scans in C, each far quicker
    # than re's over a set with characters beyond Latin-1, which tests them one by one); most
    # lines hold none. Nothing before the first mark changes what is read from it on.
    first = -1
    for mark in "“\"”":
        found = text.find(mark, start, end if first < 0 else first)
        if found >= 0:
            first = found
    if first < 0:
        return []
    spans, opened = [], None
    for m in _QUOTE_MARK_RE.finditer(text, first, end):
        i, ch = m.start(), m.group()
        if ch == "“" or (ch == '"' and opened is None):
            opened = i
        elif opened is not None:
            spans.append((opened, i + 1))
            opened = None
    if unclosed and opened is not None:
        spans.append((opened, end))
    return spans
