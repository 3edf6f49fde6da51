"""The learned-classifier experiment (tests/fixtures/learned_pairs.py): its features never name an
actor, and a pair's class comes from a gold relation whose quote lies in the sentence.

Sentences written for this test; skipped where scikit-learn (the ``learned`` extra) is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("sklearn")
sys.path.insert(0, str(Path(__file__).parent / "fixtures"))

import learned_pairs  # noqa: E402

from actorgraph.extract.document import Document  # noqa: E402
from actorgraph.extract.rules import RuleExtractor  # noqa: E402
from actorgraph.extract.scoring import norm  # noqa: E402

SENTENCE = ("Senator Elizabeth Warren, a fierce opponent of the plan, did not praise President Javier Milei "
            "in Buenos Aires on Monday.")


def _pairs(text: str):
    ents, _ = RuleExtractor().analyse(Document("t", text, "t.txt", "t", "", "2025-09"))
    return ents, list(learned_pairs.candidate_pairs(ents))


def test_features_name_no_actor():
    ents, pairs = _pairs(SENTENCE)
    found = {(a.entity, b.entity) for _, a, b, _ in pairs}
    assert ("Elizabeth Warren", "Javier Milei") in found
    names = {w for name in ents.entities for w in norm(name).split()} | {"warren", "milei", "elizabeth", "javier"}
    for _, _, _, feats in pairs:
        words = {w for key in feats for w in norm(key.partition("=")[2]).split()}
        assert not words & names, sorted(words & names)
    feats = next(f for _, a, b, f in pairs if (a.entity, b.entity) == ("Elizabeth Warren", "Javier Milei"))
    assert feats["negation"] == 1 and feats["labels=Person>Person"] == 1


def test_a_pair_is_labelled_only_where_the_gold_quote_is():
    quotes = {("Elizabeth Warren", "CRITICIZES", "Javier Milei"): ["Warren did not praise President Javier Milei"]}
    here = set(norm(SENTENCE).split())
    elsewhere = set(norm("Warren met Milei in Washington.").split())
    assert learned_pairs.label(("Elizabeth Warren", "Javier Milei"), quotes, here) == "CRITICIZES>"
    assert learned_pairs.label(("Javier Milei", "Elizabeth Warren"), quotes, here) == "CRITICIZES<"
    assert learned_pairs.label(("Elizabeth Warren", "Javier Milei"), quotes, elsewhere) == "NONE"
    assert learned_pairs.label(("Elizabeth Warren", None), quotes, here) == "NONE"
