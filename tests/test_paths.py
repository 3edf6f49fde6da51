"""paths.py's bidirectional search answers what queries/shortest_path.falkordb.cypher answers."""

from __future__ import annotations

import itertools
import random

import pytest

from actorgraph import paths, queries
from actorgraph.model import Edge, Evidence, Graph, Node


def cypher_answer(store, source: str, target: str):
    query = queries.load_library()["shortest_path"]
    result = queries.run_query(store, query.text_for("falkordb"), {"source": source, "target": target})
    return [(row[1], row[2]) for row in result.rows]


def search_answer(store, source: str, target: str):
    result = paths.shortest_path(store, source, target)
    assert result.columns == ["path", "hops", "names"]
    for path, hops, names in result.rows:
        assert len(path.relationships) == hops and [n.properties["name"] for n in path.nodes] == names
    return [(row[1], row[2]) for row in result.rows]


def test_the_search_finds_the_cypher_query_s_path_on_the_development_graph(dev_store, dev_graph):
    ids = sorted(dev_graph.nodes)
    pairs = random.Random(4).sample(list(itertools.permutations(ids, 2)), 500)
    answered = 0
    for source, target in pairs:
        expected = cypher_answer(dev_store, source, target)
        assert search_answer(dev_store, source, target) == expected, (source, target)
        answered += bool(expected)
    assert answered > 120


@pytest.mark.parametrize("source, target", [("Milei", "Xi Jinping"), ("argentina", "Argentina")])
def test_the_named_query_resolves_names_and_aliases_then_searches(dev_store, source, target):
    query = queries.load_library()["shortest_path"]
    ids = [queries.resolve_actor(dev_store, name) for name in (source, target)]
    result = queries.run_named(dev_store, query, {"source": source, "target": target})
    assert [(row[1], row[2]) for row in result.rows] == cypher_answer(dev_store, *ids)


def test_paths_longer_than_six_hops_are_not_searched_for(falkor_store):
    graph = Graph()
    for i in range(9):
        graph.add_node(Node(f"p{i}", f"Person {i}", "Person"))
        if i:
            graph.add_edge(Edge(f"p{i - 1}", f"p{i}", "SUPPORTS", [Evidence("a", "q", 0, 1)]))
    falkor_store.load(graph)
    assert [row[1] for row in paths.shortest_path(falkor_store, "p0", "p6").rows] == [6]
    assert paths.shortest_path(falkor_store, "p0", "p7").rows == []
