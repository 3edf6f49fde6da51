"""The committed graph/snapshot.json is exactly what the code produces from the corpus."""

import pytest

from actorgraph.model import dumps_graph, read_graph
from actorgraph.snapshot import regenerate

from .conftest import CORPUS, GRAPH_DIR, SNAPSHOT


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_committed_snapshot_is_what_the_code_produces(ontology):
    graph = regenerate(CORPUS, ontology, GRAPH_DIR / "curation.yaml")
    if SNAPSHOT.read_text(encoding="utf-8") != dumps_graph(graph):
        pytest.fail("graph/snapshot.json is stale: run `actorgraph snapshot` and commit it")


def test_snapshot_holds_the_main_actors_with_evidence(ontology):
    graph = read_graph(SNAPSHOT, ontology)
    names = {node.name for node in graph.nodes.values()}
    for actor in ("Javier Milei", "Donald Trump", "Marco Rubio", "Scott Bessent",
                  "International Monetary Fund", "Mercosur", "FIRST agreement"):
        assert actor in names
    texts = {a.id: (CORPUS / a.file).read_text(encoding="utf-8") for a in graph.articles.values()}
    for edge in graph.edges.values():
        assert edge.evidence, edge.key
        for ev in edge.evidence:
            assert ev.quote in texts[ev.article], (edge.key, ev.quote)
