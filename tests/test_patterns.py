"""extract/patterns.guarded: a look-ahead in front of a pattern, the same matches found faster."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from actorgraph.extract.patterns import guarded
from actorgraph.extract.rulebook import rulebook

FIXTURES = Path(__file__).parent / "fixtures"
# what makes case folding and word boundaries hard: the long s folds to s, the Kelvin sign to k,
# the dotted and dotless i to i only one way; hyphens, apostrophes, digits, spaces
ALPHABET = list("aeiosktnrdlcmpgwby ASKTIE-'’.,;:$0123\"“”") + ["ſ", "K", "İ", "ı", "\n"]


def _found(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for folder in ("heldout", "blind2", "round3/tune")
             for p in sorted((FIXTURES / folder).glob("*.txt"))]
    rng = random.Random(15)
    texts += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    return texts


@pytest.mark.parametrize("source, flags, text", [
    (r"\b(?:met|meets)\s+with\b", re.IGNORECASE, "They MET with X; Meets  with Y; unmet with"),
    (r"(?<=['’]s\s)(?:\w+\s+){0,2}(?:ally|allies)\b", re.IGNORECASE, "Trump's closest ally; Milei’s allies"),
    (r"a?b+c", 0, "abc bc ac abbbc"),                      # an optional first element: both may begin
    (r"(?:x|y)?(?P<word>support(?:ed)?)", re.IGNORECASE, "xsupported ySUPPORT support"),
    (r"\bstreet\b", re.IGNORECASE, "ſtreet STREET"),        # the long s folds to s: still found
    (r"\bking\b", re.IGNORECASE, "\u212aing KING"),         # the Kelvin sign folds to k
    (r"(?-i:[A-Z])\w+ out\b", re.IGNORECASE, "kicked Milei out, Trump out"),
    (r"(?:US)?\$\s?\d+", 0, "US$20 and $ 5"),
])
def test_a_guarded_pattern_finds_what_the_pattern_finds(source, flags, text):
    pattern = re.compile(source, flags)
    fast = guarded(pattern)
    assert fast is not pattern and fast.pattern.startswith("(?=[")
    assert _found(fast, text) == _found(pattern, text) != []
    assert fast.groupindex == pattern.groupindex and fast.groups == pattern.groups


@pytest.mark.parametrize("source, flags", [
    (r"x*", 0),                 # can match nothing: a match may begin anywhere
    (r"\b", 0),
    (r".+ said", 0),            # any character first
    (r"(?i:milei)", 0),         # case folded only inside: a set of the pattern's flags would not fold
    (r"[^a-z]+", 0),            # a negated set
    (r"(a?)\1b", 0),           # a back-reference may come first
])
def test_no_guard_where_the_first_characters_are_not_known(source, flags):
    pattern = re.compile(source, flags)
    assert guarded(pattern) is pattern


def test_every_trigger_is_searched_through_its_guard_with_the_same_matches():
    triggers = rulebook().triggers
    guarded_ones = [t for t in triggers if t.scan is not t.pattern]
    # a trigger whose first characters cannot be worked out still works, only slower
    assert len(guarded_ones) >= 0.9 * len(triggers), [t.name for t in triggers if t.scan is t.pattern]
    texts = _texts()
    for t in triggers:
        assert t.scan.pattern.endswith(t.pattern.pattern) and t.scan.flags == t.pattern.flags
        for text in texts:
            assert _found(t.scan, text) == _found(t.pattern, text), (t.name, text[:80])
