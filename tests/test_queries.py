"""The named query library: headers, parameters, the embedded backend, golden results.

Golden results (tests/golden/queries/NAME.json) are the library queries run on the
embedded store holding the development graph (graph/snapshot.json). When the snapshot
changes on purpose, regenerate them with:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_queries.py -q
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from actorgraph import queries
from actorgraph.errors import ConfigError, QueryError
from actorgraph.model import Edge, Evidence, Graph, Node
from actorgraph.settings import PROJECT_ROOT

GOLDEN = Path(__file__).parent / "golden" / "queries"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# The parameters each library query runs with for its golden result.
SAMPLES: dict[str, dict[str, str]] = {
    "agreements": {},
    "article_actors": {"article": "002_af176d26679ac254.txt"},
    "brokers": {"limit": "10"},
    "co_mentioned_unrelated": {"min_articles": "2", "limit": "15"},
    "communities": {},
    "evidence": {"source": "Javier Milei", "target": "Donald Trump"},
    "most_connected": {"limit": "10"},
    "neighbourhood": {"actor": "Milei", "hops": "1"},
    "officials": {"country": "Argentina"},
    "relations_of_type": {"type": "FUNDS"},
    "shortest_path": {"source": "Javier Milei", "target": "Xi Jinping"},
    "signed_ties": {"actor": "Donald Trump"},
    "timeline": {"actor": "Javier Milei"},
    # the analysts' weekly questions (issue 14 §4)
    "new_since": {"since": "2025-10"},
    "critics_of": {"actor": "Milei"},
    "supporters_of": {"actor": "Javier Milei"},
    "find_actors": {"text": "mil"},
    "actor_articles": {"actor": "Milei"},
    "common_neighbours": {"actor": "Milei", "other": "Trump"},
    "stance_changes": {},
    "reciprocal_ties": {},
    "most_criticized": {"limit": "5"},
    "role_history": {"actor": "Marco Rubio"},
}
# No actor of the development graph both supports and criticizes the same target;
# test_stance_changes_lists_both_sides_with_dates shows the query at work.
EMPTY_ON_DEV = {"stance_changes"}

NASTY = ["Milei' OR 1=1 //", 'say "hi"', "back`tick` MATCH (n) DETACH DELETE n",
         "}) RETURN 1 UNION MATCH (n) RETURN n //", "$actor", "\\'; DROP"]


@pytest.fixture(scope="module")
def library():
    return queries.load_library()


def small_graph() -> Graph:
    """Four actors and an agreement, with evidence that contains quotes and apostrophes."""
    graph = Graph()
    for node in [Node("javier-milei", "Javier Milei", "Person", ["Milei", "President Milei"]),
                 Node("donald-trump", "Donald Trump", "Person", ["Trump"]),
                 Node("argentina", "Argentina", "Country", ["Casa Rosada"]),
                 Node("united-states", "United States", "Country", ["Washington"]),
                 Node("trade-deal", "US–Argentina trade deal", "Agreement", ["the deal"])]:
        graph.add_node(node)
    ev = lambda q, d=None: [Evidence("a1", q, 0, len(q), d)]  # noqa: E731
    graph.add_edge(Edge("javier-milei", "argentina", "LEADS", ev("Milei, Argentina's president", "2023-12-10")))
    graph.add_edge(Edge("donald-trump", "united-states", "LEADS", ev("President Trump")))
    graph.add_edge(Edge("donald-trump", "javier-milei", "MET_WITH", ev('Trump met Milei, "a friend"', "2025-04")),
                   symmetric=True)
    graph.add_edge(Edge("javier-milei", "trade-deal", "NEGOTIATES", ev("Milei's push for a deal")))
    graph.add_edge(Edge("donald-trump", "javier-milei", "SUPPORTS", ev("Trump backs Milei")))
    return graph


@pytest.fixture
def small_store(falkor_store):
    falkor_store.load(small_graph(), replace=True)
    return falkor_store


# -- the library -------------------------------------------------------------------------


def test_library_covers_the_weekly_questions(library):
    assert len(library) >= 12
    for name in SAMPLES:
        assert name in library, f"queries/{name}.cypher is missing"
    for query in library.values():
        assert query.title and query.description and query.backends
        assert set(query.backends) <= {"falkordb", "neo4j"}
        for param in query.params:
            assert param.help, f"{query.name}: parameter {param.name} has no help"


def test_runner_picks_the_backend_variant(library):
    shortest = library["shortest_path"]
    assert "allShortestPaths((a)" in shortest.text_for("neo4j")
    assert "algo.SPpaths" in shortest.text_for("falkordb")
    assert library["neighbourhood"].text_for("neo4j") == library["neighbourhood"].text_for("falkordb")
    assert not shortest.text_for("neo4j").lstrip().startswith("//")


def test_text_for_refuses_a_backend_the_query_does_not_list(tmp_path):
    (tmp_path / "only.cypher").write_text(
        "// title: T\n// description: D\n// backends: neo4j\nRETURN 1 AS one\n", encoding="utf-8")
    query = queries.load_library(tmp_path)["only"]
    with pytest.raises(QueryError, match="does not run on falkordb"):
        query.text_for("falkordb")


@pytest.mark.parametrize("header, body, message", [
    ("// title: T\n// description: D\n// backends: falkordb\n", "RETURN $x", "undeclared parameter"),
    ("// title: T\n// description: D\n// param: x int — help\n// backends: falkordb\n", "RETURN 1",
     "never uses: x"),
    ("// title: T\n// description: D\n// param: x integer — help\n// backends: falkordb\n", "RETURN $x",
     "TYPE one of"),
    ("// title: T\n// description: D\n// param: x int = ten — help\n// backends: falkordb\n", "RETURN $x",
     "must be an int"),
    ("// title: T\n// description: D\n// backends: falkordb, memgraph\n", "RETURN 1", "unknown backend"),
    ("// description: D\n// backends: falkordb\n", "RETURN 1", "title"),
])
def test_a_bad_header_fails_at_load_naming_the_file(tmp_path, header, body, message):
    (tmp_path / "bad.cypher").write_text(header + body + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        queries.load_library(tmp_path)
    assert "bad.cypher" in str(info.value)


def test_a_variant_needs_its_query_and_a_listed_backend(tmp_path):
    (tmp_path / "q.falkordb.cypher").write_text("RETURN 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="does not exist"):
        queries.load_library(tmp_path)
    (tmp_path / "q.cypher").write_text("// title: T\n// description: D\n// backends: neo4j\nRETURN 1\n",
                                       encoding="utf-8")
    with pytest.raises(ConfigError, match="not in the backends line"):
        queries.load_library(tmp_path)


def test_parameters_inside_strings_and_comments_are_not_parameters(tmp_path):
    (tmp_path / "q.cypher").write_text(
        "// title: T\n// description: D\n// backends: falkordb\n"
        "RETURN '$notaparam' AS a // $nor_this\n", encoding="utf-8")
    assert queries.load_library(tmp_path)["q"].params == []


# -- parameters --------------------------------------------------------------------------


def test_bind_params_types_defaults_and_errors(library):
    neighbourhood = library["neighbourhood"]
    assert queries.bind_params(neighbourhood, {"actor": "Milei"}) == {"actor": "Milei", "hops": 1}
    assert queries.bind_params(neighbourhood, {"actor": "42", "hops": " 2 "}) == {"actor": "42", "hops": 2}
    with pytest.raises(QueryError, match="needs parameter 'actor' \\(actor"):
        queries.bind_params(neighbourhood, {})
    with pytest.raises(QueryError, match="parameter 'hops' of query 'neighbourhood' must be an int, got 'two'"):
        queries.bind_params(neighbourhood, {"actor": "x", "hops": "two"})
    with pytest.raises(QueryError, match="has no parameter 'depth' \\(it takes: actor, hops\\)"):
        queries.bind_params(neighbourhood, {"actor": "x", "depth": "2"})
    assert queries.bind_params(library["agreements"], {}) == {"agreement": ""}


def test_bool_and_float_parameters(tmp_path):
    (tmp_path / "q.cypher").write_text(
        "// title: T\n// description: D\n// param: on bool = false — flag\n"
        "// param: x float = 0.5 — number\n// backends: falkordb\nRETURN $on AS on, $x AS x\n",
        encoding="utf-8")
    query = queries.load_library(tmp_path)["q"]
    assert queries.bind_params(query, {}) == {"on": False, "x": 0.5}
    assert queries.bind_params(query, {"on": "yes", "x": "2"}) == {"on": True, "x": 2.0}
    with pytest.raises(QueryError, match="must be a bool, got 'maybe'"):
        queries.bind_params(query, {"on": "maybe"})


def test_unknown_query_names_suggest_close_ones(library):
    with pytest.raises(QueryError, match="no query named 'neighborhood'; did you mean neighbourhood\\? `actorgraph"):
        queries.get_query(library, "neighborhood")
    with pytest.raises(QueryError, match="no query named 'zzz'; `actorgraph queries`"):
        queries.get_query(library, "zzz")


def test_parse_assignments():
    assert queries.parse_assignments(["a=1", "b=x=y", "c="]) == {"a": "1", "b": "x=y", "c": ""}
    with pytest.raises(QueryError, match="not key=value"):
        queries.parse_assignments(["novalue"])


# -- running on the embedded store -------------------------------------------------------


SMALL_SAMPLES = {"shortest_path": {"source": "Argentina", "target": "United States"},
                 "role_history": {"actor": "Milei"}}


def test_every_query_runs_on_the_embedded_store(small_store, library):
    for name, query in library.items():
        sample = SMALL_SAMPLES.get(name, SAMPLES.get(name, {}))
        raw = {k: v for k, v in sample.items() if query.param(k)}
        result = queries.run_named(small_store, query, raw)
        assert result.columns, name


def test_values_travel_as_parameters_never_as_cypher(small_store, library):
    before = small_store.counts()
    for value in NASTY:
        echoed = queries.run_query(small_store, "RETURN $x AS x", {"x": value})
        assert echoed.rows == [[value]]
        for name in ("neighbourhood", "signed_ties", "timeline"):
            with pytest.raises(QueryError, match="no actor named"):
                queries.run_named(small_store, library[name], {"actor": value})
    assert small_store.counts() == before


def test_queries_are_read_only_unless_write(small_store):
    before = small_store.counts()
    with pytest.raises(QueryError, match="writes to the graph.*--write"):
        queries.run_query(small_store, "MATCH (n:Entity {id: 'argentina'}) SET n.touched = true")
    with pytest.raises(QueryError, match="writes to the graph"):
        queries.run_query(small_store, "MATCH (n) DETACH DELETE n")
    assert small_store.counts() == before
    queries.run_query(small_store, "MATCH (n:Entity {id: 'argentina'}) SET n.touched = true", write=True)
    assert queries.run_query(small_store, "MATCH (n:Entity {id: 'argentina'}) RETURN n.touched").rows == [[True]]


def test_a_syntax_error_shows_the_backend_message_and_position(small_store):
    with pytest.raises(QueryError) as info:
        queries.run_query(small_store, "MATCH (n:Entity RETURN n")
    assert "line: 1, column: 17" in str(info.value)


def test_actor_parameters_match_id_name_or_alias_in_any_case(small_store, library):
    for actor in ("javier-milei", "JAVIER MILEI", "president milei"):
        result = queries.run_named(small_store, library["neighbourhood"], {"actor": actor})
        assert {r["relation"] for r in result.records()} == {"LEADS", "MET_WITH", "NEGOTIATES", "SUPPORTS"}


def test_result_to_graph_rebuilds_nodes_edges_and_evidence(small_store, library, ontology):
    graph = small_graph()
    result = queries.run_query(small_store, "MATCH (s:Entity)-[r]->(t:Entity) RETURN s, r, t")
    found = queries.result_to_graph(result, ontology)
    assert set(found.nodes) == set(graph.nodes)
    assert set(found.edges) == set(graph.edges)
    for key, edge in graph.edges.items():
        assert [e.to_dict() for e in found.edges[key].evidence] == [e.to_dict() for e in edge.evidence]
    assert found.nodes["javier-milei"].aliases == ["Milei", "President Milei"]
    assert found.nodes["javier-milei"].label == "Person"


def test_result_to_graph_from_a_path(small_store, library, ontology):
    result = queries.run_named(small_store, library["shortest_path"],
                               {"source": "Argentina", "target": "United States"})
    assert result.rows[0][result.columns.index("names")] == [
        "Argentina", "Javier Milei", "Donald Trump", "United States"]
    found = queries.result_to_graph(result, ontology)
    assert set(found.nodes) == {"argentina", "javier-milei", "donald-trump", "united-states"}
    assert len(found.edges) == 3


def test_result_items_reads_id_and_key_columns(small_store, library):
    """Library queries return names for the table and ids/keys for drawing (source_id,
    target_id, key); nodes and relationships in ad hoc results count as before."""
    graph = small_graph()
    result = queries.run_named(small_store, library["neighbourhood"], {"actor": "Milei", "hops": "2"})
    assert result.columns == ["source", "relation", "target", "evidence", "source_id", "target_id", "key"]
    assert queries.result_items(result) == (set(graph.nodes), set(graph.edges))
    assert queries.result_items(queries.run_query(small_store, "MATCH (s:Entity)-[r]->(t:Entity) RETURN s, r, t")) \
        == (set(graph.nodes), set(graph.edges))
    listed = queries.run_query(small_store, "MATCH (a:Person) RETURN collect(a.id) AS actor_id, 'x' AS name")
    assert queries.result_items(listed) == ({"javier-milei", "donald-trump"}, set())
    assert queries.result_items(queries.run_named(small_store, library["most_connected"], {})) == (set(), set())


def test_result_to_graph_ignores_plain_values(small_store, library, ontology):
    result = queries.run_named(small_store, library["most_connected"], {})
    assert not queries.result_to_graph(result, ontology).nodes


def test_to_text_and_to_plain(small_store, library):
    result = queries.run_named(small_store, library["shortest_path"], {"source": "Argentina", "target": "Trump"})
    path = result.rows[0][0]
    # MET_WITH is symmetric, stored from donald-trump to javier-milei (ids in order)
    assert queries.to_text(path) == "Argentina <-[LEADS]- Javier Milei <-[MET_WITH]- Donald Trump"
    plain = queries.to_plain(path)
    assert [n["id"] for n in plain["nodes"]] == ["argentina", "javier-milei", "donald-trump"]
    assert "element_id" not in json.dumps(plain)


# -- golden results on the development graph ---------------------------------------------


def golden_result(store, query) -> dict:
    params = queries.bind_params(query, SAMPLES[query.name])
    result = queries.run_query(store, query.text_for(store.name), queries.resolve_params(store, query, params))
    return {"query": query.name, "params": params, "columns": result.columns,
            "rows": [[queries.to_plain(v) for v in row] for row in result.rows]}


def test_golden_files_match_the_library(library):
    names = {p.stem for p in GOLDEN.glob("*.json")}
    if not (PROJECT_ROOT / "graph" / "snapshot.json").exists():
        pytest.skip("graph/snapshot.json has not been generated yet")
    if UPDATE and not names:
        pytest.skip("golden files are being written")
    assert names == set(library), "every library query has a golden file and nothing else does"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_golden_result_on_the_development_graph(dev_store, library, name):
    got = golden_result(dev_store, library[name])
    path = GOLDEN / f"{name}.json"
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    assert path.exists(), f"no golden file for {name}; run UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got == expected, (f"{name} differs from {path.relative_to(PROJECT_ROOT)}; if the development "
                             "graph changed on purpose, run UPDATE_GOLDEN=1 pytest tests/test_queries.py")
    assert got["rows"] or name in EMPTY_ON_DEV, f"{name} returns no rows on the development graph; pick better SAMPLES"


def test_golden_results_are_deterministic(dev_store, library):
    for name in ("co_mentioned_unrelated", "communities", "agreements", "timeline"):
        assert golden_result(dev_store, library[name]) == golden_result(dev_store, library[name])


def test_actor_lookup_keys_are_stored_and_indexed(small_store):
    from actorgraph import cypher

    keys = queries.run_query(small_store, "MATCH (n:Entity {id: 'javier-milei'}) RETURN n.keys").rows[0][0]
    assert keys == ["javier milei", "javier-milei", "milei", "president milei"]
    plan = small_store.client.select_graph(small_store.graph_name).explain(cypher.FIND_ACTORS, {"key": "milei"})
    assert "Node By Index Scan" in str(plan)
    assert queries.resolve_actor(small_store, "PRESIDENT  Milei") == "javier-milei"
    exported = small_store.export_graph().nodes["javier-milei"]
    assert "keys" not in exported.props


def test_an_actor_key_shared_by_two_actors_prefers_an_id_then_a_name(falkor_store):
    graph = Graph()
    graph.add_node(Node("milei", "Karina Milei", "Person", ["K. Milei"]))
    graph.add_node(Node("javier-milei", "Javier Milei", "Person", ["Milei"]))
    graph.add_node(Node("a", "Ana", "Person", ["Twin"]))
    graph.add_node(Node("b", "Bea", "Person", ["Twin"]))
    falkor_store.load(graph, replace=True)
    assert queries.resolve_actor(falkor_store, "Milei") == "milei"
    with pytest.raises(QueryError, match="actor 'twin' is ambiguous: it is an alias of a, b; give one of these ids"):
        queries.resolve_actor(falkor_store, "twin")


@pytest.mark.parametrize("spec, message", [
    ("n string 1..2 — x", "only an int parameter can declare a range"),
    ("n int 3..2 = 3 — x", "empty range 3..2"),
    ("n int 1..2 = 5 — x", "must be between 1 and 2"),
])
def test_a_bad_range_fails_at_load(tmp_path, spec, message):
    (tmp_path / "q.cypher").write_text(f"// title: T\n// description: D\n// param: {spec}\n"
                                       "// backends: falkordb\nRETURN $n\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        queries.load_library(tmp_path)


def test_date_parameters(tmp_path):
    (tmp_path / "q.cypher").write_text("// title: T\n// description: D\n// param: since date = \"\" — x\n"
                                       "// backends: falkordb\nRETURN $since\n", encoding="utf-8")
    query = queries.load_library(tmp_path)["q"]
    assert queries.bind_params(query, {"since": "2025-02"}) == {"since": "2025-02"}
    for bad in ("2025-13", "2025-02-30", "Feb 2025"):
        with pytest.raises(QueryError, match="must be a date YYYY, YYYY-MM or YYYY-MM-DD"):
            queries.bind_params(query, {"since": bad})


# -- the analysts' weekly questions on the small graph ------------------------------------


def test_stance_changes_lists_both_sides_with_dates(small_store, library):
    graph = small_graph()
    graph.add_edge(Edge("donald-trump", "javier-milei", "CRITICIZES",
                        [Evidence("a2", "Trump slams Milei", 0, 17, "2025-11")]))
    small_store.load(graph, replace=True)
    result = queries.run_named(small_store, library["stance_changes"], {"actor": "Trump"})
    assert result.records() == [{
        "actor": "Donald Trump", "target": "Javier Milei",
        "supports_first": None, "supports_last": None, "supports_dates": [""],
        "criticizes_first": "2025-11", "criticizes_last": "2025-11", "criticizes_dates": ["2025-11"]}]


def test_directions_are_explicit_in_critics_and_supporters(small_store, library):
    supporters = queries.run_named(small_store, library["supporters_of"], {"actor": "Milei"}).records()
    assert [(r["supporter_id"], r["target_id"]) for r in supporters] == [
        ("donald-trump", "javier-milei")]
    assert queries.run_named(small_store, library["supporters_of"], {"actor": "Trump"}).rows == []
    assert queries.run_named(small_store, library["critics_of"], {"actor": "Milei"}).rows == []


def test_officials_and_role_history_tell_former_and_future_holders(falkor_store, library):
    graph = small_graph()
    graph.add_node(Node("diana-mondino", "Diana Mondino", "Person"))
    graph.add_node(Node("peter-lamelas", "Peter Lamelas", "Person"))
    ev = lambda q, d: [Evidence("a1", q, 0, len(q), d)]  # noqa: E731
    graph.add_edge(Edge("diana-mondino", "argentina", "HOLDS_ROLE", ev("former foreign minister Mondino", "2025-10"),
                        {"role": "former foreign minister"}))
    graph.add_edge(Edge("peter-lamelas", "argentina", "HOLDS_ROLE", ev("incoming ambassador Lamelas", "2025-09"),
                        {"role": "incoming ambassador"}))
    graph.add_edge(Edge("javier-milei", "argentina", "HOLDS_ROLE", ev("President-elect Milei", "2023-11"),
                        {"role": "President-elect"}))
    falkor_store.load(graph, replace=True)
    rows = queries.run_named(falkor_store, library["officials"], {"country": "Argentina"}).records()
    assert [(r["person"], r["role"], r["status"]) for r in rows] == [
        ("Javier Milei", "", "current"),
        ("Javier Milei", "President-elect", "future"),
        ("Peter Lamelas", "incoming ambassador", "future"),
        ("Diana Mondino", "former foreign minister", "former")]
    history = queries.run_named(falkor_store, library["role_history"], {"actor": "Milei"}).records()
    assert [(r["role"], r["status"], r["first_seen"]) for r in history] == [
        ("President-elect", "future", "2023-11"), ("", "current", "2023-12-10")]


def test_new_since_and_reciprocal_ties(small_store, library):
    rows = queries.run_named(small_store, library["new_since"], {"since": "2025"}).records()
    assert [(r["first_seen"], r["relation"]) for r in rows] == [("2025-04", "MET_WITH")]
    assert queries.run_named(small_store, library["reciprocal_ties"], {}).rows == []
