"""extract/patterns.guarded: a look-ahead in front of a pattern, the same matches found faster."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from actorgraph.extract.patterns import compile_guarded, guarded
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
    (r"(?P<month>May|June)\s+\d", 0),  # re itself jumps to the first letters of literal alternatives
    (r"[;:]\s", 0),              # and to a set
])
def test_no_guard_where_the_first_characters_are_not_known(source, flags):
    pattern = re.compile(source, flags)
    assert guarded(pattern) is pattern


def test_every_trigger_is_searched_through_its_guard_with_the_same_matches():
    from importlib import resources

    import yaml

    written = {t["name"]: t["pattern"] for t in yaml.safe_load(
        resources.files("actorgraph").joinpath("data/relations.yaml").read_text("utf-8"))["triggers"]}
    triggers = rulebook().triggers
    plain = {t.name: re.compile(written[t.name], re.IGNORECASE) for t in triggers}
    unguarded = [t.name for t in triggers if t.pattern.pattern == written[t.name]]
    # a trigger whose first characters cannot be worked out still works, only slower
    assert len(unguarded) <= 0.1 * len(triggers), unguarded
    texts = _texts()
    for t in triggers:
        assert t.pattern.pattern.endswith(written[t.name]) and t.pattern.flags == plain[t.name].flags
        for text in texts:
            assert _found(t.pattern, text) == _found(plain[t.name], text), (t.name, text[:80])


def test_compile_guarded_fails_as_re_compile_does():
    with pytest.raises(re.error):
        compile_guarded(r"\b(?:met|meets")
    assert compile_guarded(r"(?i)\bmet\b").search("MET")  # a global flag first: compiled without a guard


@pytest.mark.parametrize("name", ["negative_cues", "positive_cues", "speech_verbs"])
def test_word_lists_are_searched_through_a_guard_with_the_same_matches(name):
    fast = rulebook().words_re(name)
    guard, _, source = fast.pattern.partition("])")
    assert re.fullmatch(r"\(\?=\[[a-z]+", guard), guard  # the words' first letters
    plain = re.compile(source, fast.flags)
    for text in _texts():
        assert _found(fast, text) == _found(plain, text), text[:80]


def test_known_names_with_an_apostrophe_are_searched_through_a_guard_with_the_same_matches():
    from importlib import import_module

    from actorgraph.extract.lexicon import knowledge

    fast = import_module("actorgraph.extract.entities.candidates")._apostrophe_re(knowledge())
    guard, _, source = fast.pattern.partition("])")
    assert guard.startswith("(?=[") and source.startswith("(?<!")
    plain = re.compile(source, fast.flags)
    texts = _texts() + [" ".join(knowledge().apostrophe_names), "x" + "-".join(knowledge().apostrophe_names)]
    for text in texts:
        assert _found(fast, text) == _found(plain, text), text[:80]


def test_a_guard_put_in_front_of_the_parsed_pattern_compiles_as_the_written_guard_would():
    # compile_guarded reads a pattern once and puts the look-ahead in front of what it read; the
    # code must be re's own for the look-ahead written in front (a top-level "A|B" is not read so)
    from re import _compiler, _parser

    from actorgraph.extract.patterns import _alternatives_at_top

    checked = 0
    for t in rulebook().triggers:
        guard, mark, source = t.pattern.pattern.partition("])")
        if not mark or not guard.startswith("(?=[") or _alternatives_at_top(source):
            continue
        flags = int(re.IGNORECASE)
        parsed = _parser.parse(source, flags)
        parsed.data.insert(0, _parser.parse(guard + mark, flags).data[0])
        assert _compiler._code(parsed, flags) == _compiler._code(_parser.parse(t.pattern.pattern, flags), flags), t.name
        checked += 1
    assert checked >= 0.8 * len(rulebook().triggers)


@pytest.mark.parametrize("source, expected", [
    (r"a|b", True), (r"(?:a|b)c", False), (r"[|]x", False), (r"\|x", False), (r"[]|]x", False),
    (r"[^]|]x", False), (r"(a)|b", True), (r"[\]|]x", False), (r"a\\|b", True),
])
def test_alternatives_at_the_top_of_a_pattern_are_found(source, expected):
    from actorgraph.extract.patterns import _alternatives_at_top

    assert _alternatives_at_top(source) is expected


@pytest.mark.parametrize("guard, flags", [
    (r"(?=[ikst\$\-'’])", re.IGNORECASE), (r"(?=[A-Z])", re.IGNORECASE), (r"(?=[\wſ])", re.IGNORECASE),
    (r"(?=[\W\d])", re.IGNORECASE), (r"(?=[Kk\u212a])", re.IGNORECASE), (r"(?=[a-f0-9])", 0),
])
def test_the_info_block_set_admits_every_character_the_guard_admits(guard, flags):
    # compile_guarded writes a set into the code's info block, where re's search compares
    # characters as they are: ignoring case, it must hold every character the look-ahead admits
    from re import _constants, _parser

    from actorgraph.extract.patterns import _starts

    items = _starts(_parser.parse(guard, flags).data[0], flags)
    categories = {v: k for k, v in {r"\w": _constants.CATEGORY_WORD, r"\W": _constants.CATEGORY_NOT_WORD,
                                    r"\d": _constants.CATEGORY_DIGIT, r"\D": _constants.CATEGORY_NOT_DIGIT,
                                    r"\s": _constants.CATEGORY_SPACE, r"\S": _constants.CATEGORY_NOT_SPACE}.items()}
    written = "".join(re.escape(chr(v)) if op is _constants.LITERAL else
                      re.escape(chr(v[0])) + "-" + re.escape(chr(v[1])) if op is _constants.RANGE else categories[v]
                      for op, v in items)
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    admitted = set(re.findall(guard + "(.)", every, flags | re.DOTALL))
    outside = admitted - set(re.findall("[" + written + "]", every)) - {c for c in admitted if ord(c) > 0xFFFF}
    assert admitted and not outside, sorted(outside)[:10]
