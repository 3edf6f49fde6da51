"""graph/curation.yaml: every section applies, is logged, and bad files fail with a line."""

from __future__ import annotations

import pytest

from actorgraph.curation import apply_curation, load_curation
from actorgraph.errors import ConfigError
from actorgraph.model import Article, Edge, Evidence, Graph, Node

from .conftest import GRAPH_DIR


def graph() -> Graph:
    g = Graph()
    g.add_node(Node("foreign-ministry", "Foreign Ministry", "Organization"))
    g.add_node(Node("trump-administration", "Trump administration", "Organization"))
    g.add_node(Node("united-states", "United States", "Country", ["US"]))
    g.add_node(Node("milei", "Milei", "Person", ["Karina"]))
    g.add_node(Node("total-endorsement", "Total Endorsement", "Person"))
    g.add_node(Node("argentina", "Argentina", "Country"))
    ev = [Evidence("a1", "Karina met the Foreign Ministry.", 0, 10, None)]
    g.add_edge(Edge("milei", "foreign-ministry", "MET_WITH", ev), symmetric=True)
    g.add_edge(Edge("trump-administration", "argentina", "SUPPORTS",
                    [Evidence("a1", "The Trump administration backed Argentina.", 20, 60, None)]))
    g.add_article(Article("a1", file="a.txt", mentions=list(g.nodes)))
    return g


def test_every_section_applies_and_is_logged(tmp_path, ontology):
    path = tmp_path / "curation.yaml"
    path.write_text("""
renames:
  - {entity: Foreign Ministry, to: Ministry of Foreign Affairs of Argentina, source: editor}
merges:
  - {from: [Trump administration], into: US, source: editor}
aliases:
  - {entity: united-states, alias: Washington, source: editor}
splits:
  - {entity: Milei, aliases: [Karina], into: Karina Milei, label: Person, source: editor}
rejections:
  - {entity: Total Endorsement, source: editor}
  - {edge: {source: United States, type: SUPPORTS, target: Argentina}, source: editor}
facts:
  - {source_entity: Javier Milei, source_label: Person, type: LEADS, target: Argentina,
     quote: "Milei is president.", article: a.txt, date: 2023-12-10, role: President, source: editor}
""", encoding="utf-8")
    g = graph()
    log = apply_curation(g, path, ontology)
    assert "ministry-of-foreign-affairs-of-argentina" in g.nodes and "foreign-ministry" not in g.nodes
    assert "trump-administration" not in g.nodes
    assert {"Trump administration", "Washington"} <= set(g.nodes["united-states"].aliases)
    assert ("karina-milei", "MET_WITH", "ministry-of-foreign-affairs-of-argentina") in {
        (e.source, e.type, e.target) for e in g.edges.values()}
    assert "total-endorsement" not in g.nodes
    assert not any(e.type == "SUPPORTS" for e in g.edges.values())
    fact = g.edges["javier-milei|LEADS|argentina"]
    assert fact.props == {"role": "President", "curated": "editor"}
    assert fact.evidence[0].article == "a1" and fact.evidence[0].date == "2023-12-10"
    assert len(log) == 7 and log[0].startswith("curation.yaml:3: renamed")


def test_a_rename_to_the_name_an_entity_already_has_changes_nothing_and_says_so(tmp_path, ontology):
    # the extractor may come to name an entity as a curation entry renames it (found by an alias)
    path = tmp_path / "curation.yaml"
    path.write_text("renames:\n  - {entity: Foreign Ministry, to: Ministry of Foreign Affairs of Argentina, "
                    "source: editor}\n", encoding="utf-8")
    g = graph()
    apply_curation(g, path, ontology)
    before = g.to_dict()
    log = apply_curation(g, path, ontology)
    assert g.to_dict() == before
    assert log == ["curation.yaml:2: rename skipped: 'Ministry of Foreign Affairs of Argentina' already has that name"]


@pytest.mark.parametrize("text, message", [
    ("renames: {entity: x}\n", "curation.yaml:1: section 'renames' must be a list"),
    ("merges:\n  - {from: [a], into: b}\n", "curation.yaml:2: merges entry needs a 'source'"),
    ("aliases:\n  - {entity: a, source: s}\n", "curation.yaml:2: aliases entry needs 'alias'"),
    ("typos:\n  - {}\n", "curation.yaml:1: unknown section 'typos'"),
    ("merges: [\n", "curation.yaml:2: invalid YAML"),
])
def test_malformed_files_name_file_and_line(tmp_path, text, message):
    path = tmp_path / "curation.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("'", ".").replace("[", ".")):
        load_curation(path)


def test_bad_fact_type_is_a_config_error(tmp_path, ontology):
    path = tmp_path / "curation.yaml"
    path.write_text("facts:\n  - {source_entity: US, type: LOVES, target: Argentina, quote: q, source: s}\n")
    with pytest.raises(ConfigError, match="curation.yaml:2: unknown relation type 'LOVES'"):
        apply_curation(graph(), path, ontology)


def test_the_committed_curation_file_loads():
    assert isinstance(load_curation(GRAPH_DIR / "curation.yaml"), dict)
