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


def test_snapshot_refuses_a_graph_folder_that_is_not_the_projects(tmp_path, monkeypatch):
    """A user's ./graph (found from the working folder, or given with --graph-dir) is left alone:
    the development graph is not written there (with --corpus, their own articles may be)."""
    import shutil

    from click.testing import CliRunner

    from actorgraph.cli import main

    own = tmp_path / "graph"
    own.mkdir()
    shutil.copy(GRAPH_DIR / "ontology.yaml", own)
    (own / "snapshot.json").write_text("my own graph")
    monkeypatch.chdir(tmp_path)
    for args in (["snapshot"], ["--graph-dir", str(own), "snapshot"], ["snapshot", "--check"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert result.output.startswith("Error: ") and len(result.output.splitlines()) == 1, result.output
        assert "not the project's graph folder" in result.output and "give --corpus DIR" in result.output
    assert (own / "snapshot.json").read_text() == "my own graph"
