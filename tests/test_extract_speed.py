"""The cheap tests that let extraction skip a pattern must never hide one of its matches."""

from __future__ import annotations

import itertools
import re

from actorgraph.extract.relations.quotes import LABELLED, LABELLED_WORDS


def _alternatives(pattern: str) -> list[str]:
    """The words of the pattern's first ``(?:a|b|...)``, each optional letter (``l?``) both ways."""
    group = re.search(r"\(\?:([^()]*)\)", pattern).group(1)
    words = []
    for alternative in group.split("|"):
        pieces = re.split(r"(\w)\?", alternative)  # "labell?ed" -> ["label", "l", "ed"]
        optional = pieces[1::2]
        for keep in itertools.product((True, False), repeat=len(optional)):
            word = pieces[0]
            for letter, kept, rest in zip(optional, keep, pieces[2::2]):
                word += (letter if kept else "") + rest
            words.append(word)
    return words


def test_every_verb_of_labelled_holds_one_of_the_words_that_admit_a_sentence():
    verbs = _alternatives(LABELLED.pattern)
    assert "labeled" in verbs and "labelled" in verbs and len(verbs) > 15
    for verb in verbs:
        for form in (verb, verb.upper(), verb.capitalize()):
            assert LABELLED.search(f"Milei {form} ") and any(w in form.lower() for w in LABELLED_WORDS), form


def _sentences():
    from pathlib import Path

    root = Path(__file__).parent / "fixtures"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.txt")) + sorted(root.rglob("*.md"))]
    texts.append("The Ministry of Economy, Finance, and Labour met. Techint's chairman spoke. BCRA's "
                 "Central Bank said the People's Bank of China and Argentina's central bank signed; Moody’s, S&P and "
                 "Standard & Poor's rated the Lao People's Democratic Republic; National Cattlemen' Beef Association, "
                 "the central bank governor, a G20 summit, a $20 billion swap, see imf.org, LLA party.")
    texts.append('Minister Luis "Toto" Caputo met Juan ‘El Tano’ de la Sota and Cristina “La Jefa” Kirchner.')
    for text in texts:
        yield from (line for line in text.split("\n") if line.strip())


def test_each_cheap_test_admits_every_line_its_pattern_matches():
    from importlib import import_module

    # the modules, not the passes of the same names that the package exports
    agreements, candidates, events, metonyms = (import_module(f"actorgraph.extract.entities.{name}") for name in
                                                ("agreements", "candidates", "events", "metonyms"))

    pairs = [(candidates.LIST_ORG_RE, lambda line: " and " in line and candidates._LIST_ORG_HEAD_RE.search(line)),
             (candidates.POSSESSIVE_ORG_RE, candidates._POSSESSIVE_TAIL_RE.search),
             (candidates.OWNED_TITLE_RE, candidates._OWNED_TITLE_TAIL_RE.search),
             # as _candidates asks them: from the first apostrophe
             (candidates.POSSESSIVE_ORG_RE, lambda line: (at := candidates._first_apostrophe(line)) >= 0 and
              candidates._POSSESSIVE_TAIL_RE.search(line, at)),
             (candidates.OWNED_TITLE_RE, lambda line: (at := candidates._first_apostrophe(line)) >= 0 and
              candidates._OWNED_TITLE_TAIL_RE.search(line, at)),
             (candidates.NICKNAME_RE, candidates._quoted_nickname),
             (candidates.DOMAIN_RE, candidates._DOMAIN_END_RE.search),
             (candidates.ACRONYM_PHRASE_RE, candidates._ACRONYM_PHRASE_TAIL_RE.search),
             (candidates.NICKNAME_RE, candidates._QUOTED_NICKNAME_RE.search),
             (events.ORG_EVENT_RE, events._EVENT_WORD_RE.search),
             (import_module("actorgraph.extract.entities.bodies").QUOTED_BILL_RE, lambda line: '"' in line or "“" in line),
             (agreements.AMOUNT_RE, lambda line: "$" in line),
             (metonyms.CENTRAL_BANK_RE, lambda line: "s central bank" in line),
             (metonyms.BARE_CENTRAL_BANK_RE, lambda line: "central" in line)]
    matched = {pattern.pattern: 0 for pattern, _ in pairs}
    assert candidates._first_apostrophe("a’b'c") == 1 and candidates._first_apostrophe("a'b’c") == 1
    assert candidates._first_apostrophe("abc") == -1
    for line in _sentences():
        for pattern, admits in pairs:
            if pattern.search(line):
                matched[pattern.pattern] += 1
                assert admits(line), (pattern.pattern[:40], line)
    assert all(matched.values()), [p[:40] for p, n in matched.items() if not n]  # each pattern was tried


def test_each_cheap_test_is_written_from_its_patterns_own_words():
    # a word added to one of these patterns must be added to its cheap test too: this fails first
    from importlib import import_module

    candidates, events = (import_module(f"actorgraph.extract.entities.{name}") for name in ("candidates", "events"))
    assert events._EVENT_WORD_RE.pattern in events.ORG_EVENT_RE.pattern
    assert candidates._LIST_ORG_HEAD_RE.pattern in candidates.LIST_ORG_RE.pattern
    assert candidates._DOMAIN_END_RE.pattern in candidates.DOMAIN_RE.pattern
    tail = candidates._POSSESSIVE_TAIL_RE.pattern  # the apostrophe, then the rest of the pattern
    assert tail.startswith("['’]s?") and "(?:['’]s|(?<=s)['’])" + tail[len("['’]s?"):] in candidates.POSSESSIVE_ORG_RE.pattern
    assert ",? and [A-Z]" in candidates.LIST_ORG_RE.pattern  # " and " is in every match
    assert candidates.OWNED_TITLE_RE.pattern.endswith(candidates._OWNED_TITLE_TAIL_RE.pattern)
    assert candidates.ACRONYM_PHRASE_RE.pattern == r"\b([A-Z]{2,6})" + candidates._ACRONYM_PHRASE_TAIL_RE.pattern[
        len(r"[A-Z][A-Z]{1,5}"):]  # the same pattern but for the word boundary
    quoted = candidates._QUOTED_NICKNAME_RE.pattern  # the quoted name, then the surname's particles
    assert quoted.startswith(r'[“\"‘]' + candidates._NAME_WORD)
    assert r'[“\"‘](?P<nick>' + candidates._NAME_WORD in candidates.NICKNAME_RE.pattern
    assert r'[”\"’]\s+(?P<last>(?:(?:de|del|da|van|von|la)\s)?' in candidates.NICKNAME_RE.pattern
    assert quoted.endswith(r'[”\"’]\s+(?:(?:de|del|da|van|von|la)\s)?[A-Z]')


def test_a_line_with_a_lower_case_letter_is_never_a_heading_in_capitals():
    # _candidates copies a non-body line's letters only when it has no lower-case letter: every
    # line it passes over must be one the copy would not find in capitals
    from importlib import import_module

    candidates = import_module("actorgraph.extract.entities.candidates")
    lines = list(_sentences()) + ["WHO'S WHO", "THE LEAD", "ÉXITO de", "ARGENTINA FIRST é", "a", "ABCd"]
    skipped = 0
    for line in lines:
        letters = candidates.NOT_LETTER_RE.sub("", line)
        if candidates._LOWER_LETTER_RE.search(line):
            skipped += 1
            assert not (len(letters) >= 4 and letters.isupper()), line
    assert skipped > 100
