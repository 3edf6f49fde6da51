"""The extractor on the second blind set: articles annotated before the extractor ran on them.

``tests/fixtures/blind2`` holds four articles written for the purpose (a wire report on a swap
drawdown, an analysis of a budget vote and the governors, a think-tank backgrounder on US–China
competition in Argentina, a newsletter on an IMF review with an "Also Read" block and a
footer), with gold annotations in the format of ``../shared/eval/dev`` (see its README.md).
They were committed before the extractor was first run on them; the baseline and the scores
after the fixes they prompted are in docs/extraction.md ("Blind round 2"). The floors sit a
little under the final scores, so a change that loses ground on this text fails here.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from actorgraph.extract.scoring import load_gold, score
from actorgraph.model import Graph
from actorgraph.pipeline import extract_paths

BLIND2 = Path(__file__).parent / "fixtures" / "blind2"

# blind baseline 0.902 / 0.464 / 0.486; final 0.961 / 0.833 / 0.849, measured at the last extraction change in
# docs/extraction.md ("Blind round 2")
FLOORS = {"entities": 0.94, "relations_lenient": 0.80, "pairs": 0.82}


@pytest.fixture(scope="module")
def blind2_result(ontology):
    return extract_paths([BLIND2], ontology)


@pytest.fixture(scope="module")
def blind2_scores(blind2_result):
    predictions = {stem: g.to_dict() for stem, g in blind2_result.per_article.items()}
    return score(load_gold(BLIND2), predictions)


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_blind2_scores_stay_above_their_floors(blind2_scores, key):
    result, report = blind2_scores
    errors = "\n".join(f"{stem}\n" + "\n".join(lines) for stem, lines in report)
    assert result[key]["f1"] >= FLOORS[key], f"{key}: {result[key]}\n{errors}"


def test_every_blind2_article_is_read_and_scored(blind2_result, blind2_scores):
    manifest = json.loads((BLIND2 / "manifest.json").read_text(encoding="utf-8"))
    files = {a["file"] for a in manifest["articles"]}
    assert {a.file for a in blind2_result.graph.articles.values()} == files
    assert blind2_result.problems == []
    result, report = blind2_scores
    assert result["articles"] == len(files) == len(report)


def test_blind2_gold_is_verbatim_and_consistent():
    """Every alias and quote of the gold files occurs in its article; relations name entities."""
    for gold_file in sorted(BLIND2.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = html.unescape((BLIND2 / gold["article"]).read_text(encoding="utf-8"))
        names = {e["name"] for e in gold["entities"]}
        for entity in gold["entities"]:
            assert entity["type"] in {"Person", "Organization", "Country", "Agreement", "Event"}
            for alias in entity["aliases"]:
                assert alias in text, (gold_file.name, alias)
        for rel in gold["relations"]:
            assert rel["source"] in names and rel["target"] in names, (gold_file.name, rel)
            assert rel["quote"] in text, (gold_file.name, rel["quote"])


def test_blind2_negated_and_hedged_sentences_give_no_edges(blind2_result):
    """Sentences written to state that something did not, or only may, happen."""
    graph: Graph = blind2_result.graph
    names = {n.id: n.name for n in graph.nodes.values()}
    edges = {(names[e.source], e.type, names[e.target]) for e in graph.edges.values()}
    not_stated = [
        ("Mark Kelly", "SUPPORTS", "Argentina Accountability Act"),       # did not support the bill
        ("Mauricio Macri", "MET_WITH", "Javier Milei"),                    # denied reports that he had met
        ("Rolando Figueroa", "CRITICIZES", "2027 budget"),                 # "not against the budget"
        ("Lilia Lemoine", "CRITICIZES", "2027 budget"),                    # did not vote against the bill
        ("National Congress of Argentina", "SUPPORTS", "Argentina–IMF agreement"),  # should have been approved
    ]
    for triple in not_stated:
        assert triple not in edges, triple
