"""The whole pipeline on the development corpus: targets, evidence, determinism, jobs."""

from __future__ import annotations

import json

import pytest

from actorgraph.extract.scoring import load_gold, score
from actorgraph.model import Graph, dumps_graph
from actorgraph.pipeline import extract_paths

from .conftest import CORPUS, GOLD, GRAPH_DIR

pytestmark = pytest.mark.skipif(not (CORPUS.is_dir() and GOLD.is_dir()),
                                reason="needs ../shared/corpus and ../shared/eval/dev")


@pytest.fixture(scope="module")
def dev_result(ontology):
    return extract_paths([CORPUS], ontology, curation_path=GRAPH_DIR / "curation.yaml")


def test_dev_scores_meet_the_targets(dev_result):
    predictions = {stem: g.to_dict() for stem, g in dev_result.per_article.items()}
    result, _ = score(load_gold(GOLD), predictions)
    assert result["entities"]["f1"] >= 0.90
    assert result["relations_lenient"]["f1"] >= 0.70
    assert result["pairs"]["f1"] >= 0.75


def test_every_edge_has_verbatim_evidence_with_offsets(dev_result, ontology):
    texts = {}
    for path in CORPUS.glob("*.txt"):
        texts[path.name] = path.read_text(encoding="utf-8")
    graph = dev_result.graph
    Graph.from_dict(graph.to_dict(), ontology)
    files = {a.id: a.file for a in graph.articles.values()}
    for edge in graph.edges.values():
        assert edge.evidence, edge.key
        for ev in edge.evidence:
            if edge.props.get("curated"):
                continue
            text = texts[files[ev.article]]
            assert text[ev.start:ev.end] == ev.quote, (edge.key, ev.quote)


def test_articles_carry_manifest_metadata_and_mentions(dev_result):
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    titles = {a["file"]: a["title"] for a in manifest["articles"]}
    articles = dev_result.graph.articles.values()
    assert {a.file: a.title for a in articles} == titles
    assert all(len(a.id) == 16 and a.sha256.startswith(a.id) and a.mentions for a in articles)
    assert dev_result.graph.meta["extractor"] == "rules" == dev_result.extractor
    assert dev_result.problems == []


def test_output_is_deterministic_and_jobs_do_not_change_it(dev_result, ontology):
    again = extract_paths([CORPUS], ontology, curation_path=GRAPH_DIR / "curation.yaml", jobs=2)
    assert dumps_graph(again.graph) == dumps_graph(dev_result.graph)
    assert "/" not in json.dumps(dev_result.graph.meta)  # no paths in meta
