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


def test_token_lower_defaults_to_its_own_text():
    assert Token("Milei’s", 0, 7).lower == "milei's"
