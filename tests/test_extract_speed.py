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
