"""Analytics: igraph (C) above COMPILED_ABOVE actors gives networkx's results, or as good ones.

Betweenness must be networkx's number to the stored digit (the same sampled sources, the
same scaling); Louvain communities come from another random order, so the tolerance is on
their quality: modularity within 0.02 of networkx's partition of the same graph.
"""

from __future__ import annotations

import random

import networkx as nx
import pytest

from actorgraph import analytics
from actorgraph.model import Edge, Evidence, Graph, Node

MODULARITY_TOLERANCE = 0.02


def random_graph(n_people: int, n_ties: int, seed: int = 5) -> Graph:
    """People in 20 countries with random MET_WITH ties: a hub-and-spoke graph like the news'."""
    rng = random.Random(seed)
    graph = Graph()
    for c in range(20):
        graph.add_node(Node(f"country-{c}", f"Country {c}", "Country"))
    for p in range(n_people):
        graph.add_node(Node(f"person-{p:05d}", f"Person {p}", "Person"))
        graph.add_edge(Edge(f"person-{p:05d}", f"country-{p % 20}", "HOLDS_ROLE",
                            [Evidence("a", "q", 0, 1)], {"role": "minister"}))
    while len(graph.edges) < n_people + n_ties:
        a, b = rng.randrange(n_people), rng.randrange(n_people)
        if a != b:
            graph.add_edge(Edge(f"person-{a:05d}", f"person-{b:05d}", "MET_WITH", [Evidence("a", "q", 0, 1)]),
                           symmetric=True)
    return graph


def networkx_betweenness(graph: Graph, k: int | None) -> dict[str, float]:
    values = nx.betweenness_centrality(analytics._simple(graph), k=k, seed=0 if k else None)
    return {node: round(value, 6) for node, value in values.items()}


def modularity(graph: Graph, communities: dict[str, int]) -> float:
    groups: dict[int, set] = {}
    for node, group in communities.items():
        groups.setdefault(group, set()).add(node)
    return nx.community.modularity(analytics._simple(graph), groups.values())


@pytest.fixture(scope="module")
def large() -> Graph:
    graph = random_graph(1500, 3000)
    assert len(graph.nodes) > analytics.COMPILED_ABOVE
    return graph


def test_sampled_betweenness_is_networkx_estimate_to_the_digit(large):
    compiled = analytics.betweenness(large)
    expected = networkx_betweenness(large, analytics.BETWEENNESS_SAMPLES)
    assert compiled.keys() == expected.keys()
    assert max(abs(compiled[n] - expected[n]) for n in expected) <= 1e-6
    assert max(compiled.values()) > 0.01


def test_exact_betweenness_is_networkx_on_the_development_snapshot(dev_graph, monkeypatch):
    monkeypatch.setattr(analytics, "BETWEENNESS_COMPILED_ABOVE", 0)
    assert analytics.betweenness(dev_graph) == networkx_betweenness(dev_graph, None)


def test_exact_betweenness_from_igraph_below_the_communities_limit_is_networkx():
    graph = random_graph(480, 1500)
    assert analytics.BETWEENNESS_COMPILED_ABOVE < len(graph.nodes) <= analytics.EXACT_BETWEENNESS_LIMIT
    assert analytics.betweenness(graph) == networkx_betweenness(graph, None)


def test_compiled_communities_are_as_good_as_networkx_and_stable(large):
    compiled = analytics.communities(large)
    assert compiled == analytics.communities(large)
    assert compiled.keys() == large.nodes.keys()
    sizes = [list(compiled.values()).count(i) for i in range(max(compiled.values()) + 1)]
    assert sizes == sorted(sizes, reverse=True)
    reference = nx.community.louvain_communities(analytics._simple(large), seed=0)
    reference_q = nx.community.modularity(analytics._simple(large), reference)
    assert modularity(large, compiled) >= reference_q - MODULARITY_TOLERANCE


def test_compiled_communities_on_the_development_snapshot(dev_graph, monkeypatch):
    networkx_q = modularity(dev_graph, analytics.communities(dev_graph))
    monkeypatch.setattr(analytics, "COMPILED_ABOVE", 0)
    assert modularity(dev_graph, analytics.communities(dev_graph)) >= networkx_q - MODULARITY_TOLERANCE


def test_fewer_sources_on_very_large_graphs_find_the_same_top_brokers(monkeypatch):
    """Above FEWER_SAMPLES_ABOVE actors betweenness draws LARGE_GRAPH_SAMPLES sources: the
    brokers it ranks on top (the 20 countries every person's ties pass through) are those
    that four times as many sources rank on top, and the ranks below them are not brokers."""
    graph = random_graph(analytics.FEWER_SAMPLES_ABOVE, 2 * analytics.FEWER_SAMPLES_ABOVE)
    assert analytics.samples(len(graph.nodes)) == analytics.LARGE_GRAPH_SAMPLES < analytics.BETWEENNESS_SAMPLES

    def top(values: dict[str, float], n: int = 20) -> set[str]:
        return set(sorted(values, key=lambda node: (-values[node], node))[:n])

    fewer = analytics.betweenness(graph)
    monkeypatch.setattr(analytics, "LARGE_GRAPH_SAMPLES", 4 * analytics.LARGE_GRAPH_SAMPLES)
    more = analytics.betweenness(graph)
    countries = {node for node in graph.nodes if node.startswith("country-")}
    assert top(fewer) == top(more) == countries
    assert min(fewer[c] for c in countries) > 2 * max(v for n, v in fewer.items() if n not in countries)
