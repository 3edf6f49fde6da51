"""ext-deals3: the round-5 shapes of parties, negotiation and membership, read behind one gate.

Each shape is a rule of its own (in ``members.py`` and ``agreements.py``, with its own word gate);
``deal_shapes`` calls only those whose gate words the sentence has, so that a sentence with none
of them costs one set test instead of six calls.
"""

from __future__ import annotations

from .agreements import TALK_WORDS, adhered_to_which, talks_on_agreement
from .base import Relation, SentenceView
from .members import BLOC_WORDS, FIGURE_GATE, UNIT_WORDS, bloc_lists, company_units, described_members, party_groups, \
    group_gate

# (gate words, rule): the rule runs when the sentence has one of its words
_SHAPES: list = []


def _shapes() -> list:
    if not _SHAPES:
        _SHAPES.extend([
            (frozenset(group_gate()), party_groups),      # "Democratic senators led by X", "the ranking Democrat"
            (UNIT_WORDS, company_units),                  # "Tenaris, a unit of Techint"
            (FIGURE_GATE, described_members),             # "X, a leading figure in the Y Party"
            (BLOC_WORDS, bloc_lists),                     # "Mercosur, which groups A, B and C"
            (TALK_WORDS, talks_on_agreement),             # "talks between X and Y on the swap"
            (frozenset({"which"}), adhered_to_which),     # "the Paris Agreement, to which X adhered"
        ])
        _SHAPES.append(frozenset().union(*(gate for gate, _ in _SHAPES)))
    return _SHAPES


def deal_shapes(s: SentenceView) -> list[Relation]:
    """Every round-5 shape whose words the sentence has: MEMBER_OF, NEGOTIATES, PARTY_TO."""
    shapes = _shapes()
    words = s.words
    if len(s.mentions) < 2 or words.isdisjoint(shapes[-1]):
        return []
    out: list[Relation] = []
    for gate, rule in shapes[:-1]:
        if not words.isdisjoint(gate):
            out.extend(rule(s))
    return out
