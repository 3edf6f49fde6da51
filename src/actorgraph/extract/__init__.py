"""Extractors: an article (``Document``) in, a graph of that article out.

``rules`` (the default) needs no model. ``spacy`` adds a statistical NER pass when the
``[nlp]`` extra and a spaCy model are installed. Which one ran is recorded in the graph's
``meta["extractor"]``.
"""

from __future__ import annotations

from typing import Protocol

from ..errors import InputError
from ..model import Graph
from ..ontology import Ontology
from .document import Document

EXTRACTORS = ("rules", "spacy")


class Extractor(Protocol):
    name: str

    def extract(self, doc: Document, ontology: Ontology) -> Graph: ...


def get_extractor(name: str) -> Extractor:
    """The extractor called ``name``; InputError for an unknown name or a missing model."""
    if name == "rules":
        from .rules import RuleExtractor

        return RuleExtractor()
    if name == "spacy":
        from .spacy_ext import SpacyExtractor

        return SpacyExtractor()
    raise InputError(f"unknown extractor {name!r} (choose from: {', '.join(EXTRACTORS)})")


__all__ = ["Document", "EXTRACTORS", "Extractor", "get_extractor"]
