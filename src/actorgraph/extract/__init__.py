"""Extractors: an article (``Document``) in, a graph of that article out.

``rules`` (the default) needs no model. ``spacy`` adds a statistical NER pass when the
``[nlp]`` extra and a spaCy model are installed. ``llm`` asks a model on an
OpenAI-compatible server the user runs, and keeps only what it can ground in the text
(``extract/llm/``). Which one ran is recorded in the graph's ``meta["extractor"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ..errors import InputError
from ..model import Graph
from ..ontology import Ontology
from .document import Document

if TYPE_CHECKING:
    from .llm import LLMConfig

EXTRACTORS = ("rules", "spacy", "llm")


class Extractor(Protocol):
    name: str

    def extract(self, doc: Document, ontology: Ontology) -> Graph: ...


def get_extractor(name: str, llm: "LLMConfig | None" = None) -> Extractor:
    """The extractor called ``name``; InputError for an unknown name or a missing model.

    ``llm`` says which server and model the ``llm`` extractor asks.
    """
    if name == "rules":
        from .rules import RuleExtractor

        return RuleExtractor()
    if name == "spacy":
        from .spacy_ext import SpacyExtractor

        return SpacyExtractor()
    if name == "llm":
        from .llm import LLMConfig, LLMExtractor

        return LLMExtractor(llm or LLMConfig(model=None))
    raise InputError(f"unknown extractor {name!r} (choose from: {', '.join(EXTRACTORS)})")


__all__ = ["Document", "EXTRACTORS", "Extractor", "get_extractor"]
