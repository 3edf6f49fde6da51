"""tokenize() lower-cases a sentence once and splits it, for speed: the tokens must be those
one match and one lower-casing per token give, offsets included, on any text."""

import pytest

from actorgraph.extract.text import TOKEN_RE, Token, tokenize


def reference(text: str, start: int, end: int) -> list[tuple]:
    return [(m.group(), m.start(), m.end(), m.group().lower().replace("’", "'"))
            for m in TOKEN_RE.finditer(text, start, end)]


TEXTS = [
    "U.S.President Milei’s “deal” with the IMF's board, worth US$20 billion (2025).",
    "İstanbul and ΟΔΟΣ Σ: letters whose lower case is longer, or depends on the next letter.",
    "relations.This -- Claver-Carone's 3.5% rise; Argentines' hopes' end",
    "  leading spaces, a tab\tand a trailing apostrophe’",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_are_those_of_one_match_each(text):
    for start, end in [(0, len(text)), (3, len(text)), (0, max(0, len(text) - 5)), (5, 5)]:
        start, end = min(start, len(text)), min(end, len(text))
        got = [(t.text, t.start, t.end, t.lower) for t in tokenize(text, start, end)]
        assert got == reference(text, start, end)


def test_tokens_read_piece_by_piece_are_those_of_one_match_each_on_any_text():
    # tokenize reads the pieces between spaces by their shape (a word, a word or number and one
    # mark, a possessive) and splits the others with the pattern: the same tokens as TOKEN_RE's
    import random
    from pathlib import Path

    fixtures = Path(__file__).parent / "fixtures"
    texts = [p.read_text(encoding="utf-8") for folder in ("heldout", "round3/tune", "round4/tune")
             for p in sorted((fixtures / folder).glob("*.txt"))]
    pieces = ["said", "Milei", ",", ".", " ", "  ", "’s", "'s", "’", "'", "US", "$", "US$", "2025", "3.5", "_", "-",
              "state-owned", "U.S.", "\t", "\xa0", "“", "”", "\"", "(", ")", "é", "\u0301", "Ⅻ", "²", "٣", "s", "x-",
              "İ", "Σ", ":", "—", "a_b", "e.g.", "1,000", "--"]
    rng = random.Random(8)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(60_000)]
    tokens = 0
    for text in texts:
        for start, end in ((0, len(text)), (min(2, len(text)), len(text))):
            expected = reference(text, start, end)
            assert [(t.text, t.start, t.end, t.lower) for t in tokenize(text, start, end)] == expected, text
            tokens += len(expected)
    assert tokens > 300_000


def test_token_lower_defaults_to_its_own_text():
    assert Token("Milei’s", 0, 7).lower == "milei's"


def test_the_split_pattern_gives_the_tokens_of_the_token_pattern_on_any_text():
    # tokenize splits with a pattern rewritten for speed (text._TOKEN_SPLIT_RE): the same tokens
    import random
    import re
    from pathlib import Path

    from actorgraph.extract.text import _TOKEN_SPLIT_RE

    plain = re.compile("(" + TOKEN_RE.pattern + ")")
    fixtures = Path(__file__).parent / "fixtures"
    texts = [p.read_text(encoding="utf-8") for folder in ("heldout", "blind2") for p in sorted((fixtures / folder).glob("*"))
             if p.suffix in (".txt", ".md", ".html")]
    alphabet = list("aZUSs$.,'’-_ \t\n09²½İΣσéß“”\"!?()[]Ab") + ["US$", "U.S.", "'s", "’s", "3.5", "e.g.", "-x", "1,000",
                                                                  "-s", "’s-", "'t", "a-b’c"]  # the word's rest
    rng = random.Random(7)
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(50_000)]
    for text in texts:
        assert _TOKEN_SPLIT_RE.split(text) == plain.split(text), text


def _quote_spans_by_mark(text, start, end, unclosed=False):
    """quote_spans as first written: every mark of the span read in turn."""
    import re

    spans, opened = [], None
    for m in re.finditer("[“”\"]", text[:end]):
        i, ch = m.start(), m.group()
        if i < start:
            continue
        if ch == "“" or (ch == '"' and opened is None):
            opened = i
        elif opened is not None:
            spans.append((opened, i + 1))
            opened = None
    if unclosed and opened is not None:
        spans.append((opened, end))
    return spans


def test_quote_spans_starting_at_the_first_mark_are_those_of_every_mark_read():
    # quote_spans finds its first mark with str.find and searches on from there
    import random

    from actorgraph.extract.text import quote_spans

    rng = random.Random(3)
    alphabet = list("“”\"ab \n’'")
    found = 0
    for _ in range(30_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        start, end = sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))
        for unclosed in (False, True):
            expected = _quote_spans_by_mark(text, start, end, unclosed)
            assert quote_spans(text, start, end, unclosed=unclosed) == expected, (text, start, end, unclosed)
            found += len(expected)
    assert found > 10_000


def _split_line_by_search(text, start, end):
    """text._split_line as first written: the next stop found by re each time."""
    import re

    from actorgraph.extract.text import CLOSERS, _is_boundary

    spans, begin, i = [], start, start
    while True:
        stop = re.compile(r"[.!?]").search(text, i, end)
        if stop is None:
            break
        i = stop.start()
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


def test_sentences_split_at_stops_found_by_find_are_those_found_by_search():
    # _split_line lists a line's stops with str.find once, where re searched for the next each time
    import random
    from pathlib import Path

    from actorgraph.extract.text import _split_line

    from .conftest import CORPUS

    fixtures = Path(__file__).parent / "fixtures"
    texts = [p.read_text(encoding="utf-8") for folder in ("heldout", "round3/tune", "round4/tune")
             for p in sorted((fixtures / folder).glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    rng = random.Random(9)
    pieces = ["U.S.", " ", "President", ". ", "!", "?", "\"", "”", ")", "relations.This", "Mr.", "J.", "3.5", "a", "B",
              "...", "’", "the", ".\"", "?!"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(20_000)]
    spans = 0
    for text in texts:
        for start in {0, min(3, len(text))}:
            expected = _split_line_by_search(text, start, len(text))
            assert _split_line(text, start, len(text)) == expected, text
            spans += len(expected)
    assert spans > 20_000
