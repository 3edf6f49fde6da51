"""The optional spaCy extractor, run on a real spaCy pipeline.

No statistical model can be installed here (en_core_web_sm is not on PyPI), so the test
builds a blank English pipeline with an EntityRuler: real spaCy Doc.ents, hand-made NER.
"""

from __future__ import annotations

import pytest

from actorgraph.errors import InputError
from actorgraph.extract.document import Document
from actorgraph.model import Graph

spacy = pytest.importorskip("spacy")


def test_spacy_entities_join_the_rules(ontology):
    from actorgraph.extract.spacy_ext import SpacyExtractor

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Quorvex Holdings"},
                        {"label": "GPE", "pattern": "Chile"},
                        {"label": "PERSON", "pattern": "Milei"}])
    text = "Milei met Quorvex Holdings executives in Chile. Quorvex Holdings criticized Milei.\n"
    graph = SpacyExtractor(nlp=nlp).extract(Document("d1", text, "t.txt", "d1"), ontology)
    Graph.from_dict(graph.to_dict(), ontology)
    labels = {n.name: n.label for n in graph.nodes.values()}
    assert labels["Quorvex Holdings"] == "Organization"  # found by spaCy alone
    assert labels["Javier Milei"] == "Person" and labels["Chile"] == "Country"
    assert ("quorvex-holdings", "CRITICIZES", "javier-milei") in {
        (e.source, e.type, e.target) for e in graph.edges.values()}
    assert graph.meta["extractor"].startswith("spacy:")


def test_a_missing_model_is_named():
    from actorgraph.extract.spacy_ext import SpacyExtractor

    with pytest.raises(InputError, match="spaCy model 'no_such_model' is not installed"):
        SpacyExtractor("no_such_model")
