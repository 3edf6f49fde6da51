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


def test_one_agreement_or_event_under_other_wordings_is_one_node(ontology):
    """Money, deals and the agreements they name: names written for this test."""
    g = Graph()
    g.add_node(Node("first-agreement", "FIRST agreement", "Agreement"))
    g.add_node(Node("first-programme", "FIRST programme", "Agreement"))
    g.add_node(Node("chile", "Chile", "Country"))
    g.add_node(Node("international-monetary-fund", "International Monetary Fund", "Organization"))
    g.add_node(Node("chile-imf-agreement", "Chile–IMF agreement", "Agreement",
                    props={"parties": ["Chile", "International Monetary Fund"]}))
    g.add_node(Node("chile-financing-program", "Chile financing program", "Agreement", props={"parties": ["Chile"]}))
    g.add_node(Node("2024-lima-energy-summit", "2024 Lima energy summit", "Event"))
    g.add_node(Node("lima-energy-summit", "Lima energy summit", "Event"))
    g.add_node(Node("2025-chilean-presidential-election", "2025 Chilean presidential election", "Event"))
    g.add_node(Node("2021-chilean-presidential-election", "2021 Chilean presidential election", "Event"))
    g.add_edge(Edge("chile", "first-programme", "PARTY_TO", ev("a2")))
    g.add_edge(Edge("chile", "chile-financing-program", "PARTY_TO", ev("a3")))
    resolve_across(g, ontology)
    assert "first-programme" not in g.nodes and "FIRST programme" in g.nodes["first-agreement"].aliases
    assert "chile-financing-program" not in g.nodes
    assert "lima-energy-summit" not in g.nodes
    assert {"2025-chilean-presidential-election", "2021-chilean-presidential-election"} <= set(g.nodes)
    assert {(e.source, e.type, e.target) for e in g.edges.values()} == {
        ("chile", "PARTY_TO", "first-agreement"), ("chile", "PARTY_TO", "chile-imf-agreement")}


def test_agreements_with_other_sides_stay_apart(ontology):
    g = Graph()
    g.add_node(Node("chile-peru-trade-agreement", "Chile–Peru trade agreement", "Agreement",
                    props={"parties": ["Chile", "Peru"]}))
    g.add_node(Node("chile-bolivia-trade-agreement", "Chile–Bolivia trade agreement", "Agreement",
                    props={"parties": ["Bolivia", "Chile"]}))
    g.add_node(Node("chile-peru-trade-deal", "Chile–Peru trade deal", "Agreement", props={"parties": ["Chile", "Peru"]}))
    resolve_across(g, ontology)
    assert set(g.nodes) == {"chile-peru-trade-agreement", "chile-bolivia-trade-agreement"}
