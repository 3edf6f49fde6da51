"""Resolution across articles and node merging."""

from __future__ import annotations

from actorgraph.model import Article, Edge, Evidence, Graph, Node
from actorgraph.resolve import merge_node, resolve_across


def ev(article="a1"):
    return [Evidence(article, "q", 0, 1, None)]


def test_surnames_and_acronyms_meet_their_full_names(ontology):
    g = Graph()
    g.add_node(Node("gonzalo-paz", "Gonzalo Paz", "Person"))
    g.add_node(Node("paz", "Paz", "Person"))
    g.add_node(Node("inter-american-development-bank", "Inter-American Development Bank", "Organization", ["IDB"]))
    g.add_node(Node("idb", "IDB", "Organization"))
    g.add_node(Node("argentina", "Argentina", "Country"))
    g.add_edge(Edge("paz", "idb", "HOLDS_ROLE", ev("a2"), {"role": "adviser"}))
    g.add_edge(Edge("idb", "argentina", "FUNDS", ev("a2"), {"detail": "loan"}))
    g.add_article(Article("a2", mentions=["paz", "idb", "argentina"]))
    log = resolve_across(g, ontology)
    assert set(g.nodes) == {"gonzalo-paz", "inter-american-development-bank", "argentina"}
    assert "Paz" in g.nodes["gonzalo-paz"].aliases
    assert {(e.source, e.type, e.target) for e in g.edges.values()} == {
        ("gonzalo-paz", "HOLDS_ROLE", "inter-american-development-bank"),
        ("inter-american-development-bank", "FUNDS", "argentina")}
    assert g.articles["a2"].mentions == ["argentina", "gonzalo-paz", "inter-american-development-bank"]
    assert len(log) == 2


def test_ambiguous_surnames_stay_apart(ontology):
    g = Graph()
    for node_id, name in (("javier-milei", "Javier Milei"), ("karina-milei", "Karina Milei"), ("milei", "Milei")):
        g.add_node(Node(node_id, name, "Person"))
    resolve_across(g, ontology)
    assert "milei" in g.nodes


def test_merge_keeps_symmetric_edges_sorted_and_drops_self_loops(ontology):
    g = Graph()
    for node_id in ("b", "c", "z"):
        g.add_node(Node(node_id, node_id.upper(), "Person"))
    g.add_edge(Edge("b", "z", "MET_WITH", ev()), symmetric=True)
    g.add_edge(Edge("c", "z", "MET_WITH", ev("a2")), symmetric=True)
    merge_node(g, "z", "a" if "a" in g.nodes else "c", ontology)
    assert {(e.source, e.target) for e in g.edges.values()} == {("b", "c")}
