"""``sentence_date``'s first test leaves its answer as the patterns alone give it (perf-start5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.extract import dates
from actorgraph.extract.text import split_sentences

ROOT = Path(__file__).resolve().parent.parent
# development and tuning articles only: the blind sets are not read here
FOLDERS = (ROOT.parent / "shared" / "corpus", ROOT / "tests" / "fixtures" / "heldout",
           ROOT / "tests" / "fixtures" / "round3" / "tune", ROOT / "tests" / "fixtures" / "round4" / "tune")
# one sentence for each way a date is written, and near misses
MADE_UP = ["On Sept. 3 the loan was signed.", "on 9 of March, 2024 they met", "BUENOS AIRES, April 9 - He said on Wednesday.",
           "By 2030 the debt is due.", "2025-10-14 was a Tuesday.", "in mid-June the talks ended", "Last Friday they met.",
           "the may-day march", "in 1999", "since late Dec. they", "On ١٩٩٩ nothing", "in 20١٩ something", "Sundays off",
           "JANUARY 5", "on monday", "in june", "the 1880s", "He said so.", ""]


def _sentences():
    for folder in FOLDERS:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
            text = path.read_text(encoding="utf-8")
            for s in split_sentences(text):
                yield text[s.start:s.end]
    yield from MADE_UP


@pytest.mark.parametrize("published", [None, "2025", "2025-09", "2025-03-12"])
def test_first_test_keeps_every_date(published):
    sentences = list(_sentences())
    assert len(sentences) > 500
    dated = 0
    for sentence in sentences:
        expected = dates._first_date(sentence, published)
        assert dates.sentence_date(sentence, published) == expected, sentence
        dated += expected is not None
    assert dated > 50  # the comparison saw dates, not only sentences without one


def test_each_pattern_needs_what_the_first_test_finds():
    # every pattern's match, found alone, holds a piece the first test looks for, and the piece
    # _first_date reads it behind (perf-rules6)
    seen = set()
    for sentence in _sentences():
        for pattern, needs in dates._ALL:
            for match in pattern.finditer(sentence):
                assert dates.MAY_HOLD_DATE.search(match.group()), (pattern.pattern, match.group())
                assert needs in {m.lastgroup for m in dates.DATE_PIECES.finditer(match.group())}, match.group()
                seen.add(needs)
    assert seen == {"month", "year", "weekday"}


def _first_date_plain(sentence, published):
    """dates._first_date trying every pattern, whatever pieces the sentence holds."""
    found = []
    dateline = dates.DATELINE.match(sentence)
    if dateline and dateline.end() < len(sentence) and dates._has_date(sentence[dateline.end():]):
        sentence = sentence[dateline.end():]
    for pattern, _ in dates._ALL if dates._DIGIT_RE.search(sentence) else dates._WITHOUT_DIGITS:
        for match in pattern.finditer(sentence):
            value = dates._resolve(match.groupdict(), published)
            if value:
                found.append((match.start(), -(match.end() - match.start()), value))
                break
    return min(found)[2] if found else None


@pytest.mark.parametrize("published", [None, "2025-09", "2025-03-12"])
def test_patterns_behind_the_pieces_they_need_give_the_same_date(published):
    dated = 0
    for sentence in list(_sentences()) + ["Monday's 2025-10-14 March of 1999 in June", "On Tuesday, Oct. 14, 2025",
                                          "Marxists in 2019", "Thursday", "in 2019 and on May 3"]:
        expected = _first_date_plain(sentence, published)
        assert dates._first_date(sentence, published) == expected, sentence
        dated += expected is not None
    assert dated > 50
