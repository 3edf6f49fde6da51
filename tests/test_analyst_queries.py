"""Neo4j Cypher on the embedded store (issue 14 §5): thirty analyst queries.

tests/analyst_queries.yaml holds queries of the kind analysts write in Neo4j Browser, all
valid for Neo4j 5's linter. Each runs on the embedded FalkorDB holding the development
graph; tests/golden/analyst_queries.json records whether it ran unchanged, ran after
actorgraph's one equivalent rewrite (dialect.falkordb_form), or was refused with a one-line
error naming the construct, and what it returned. docs/queries.md shows that as a table.
When the development graph or the dialect changes on purpose, regenerate both with:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_analyst_queries.py -q

Against a real Neo4j (NEO4J_URI set, `pytest -m neo4j`), every query must run and, where
FalkorDB ran it, return the same rows.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from actorgraph import dialect, queries
from actorgraph.errors import QueryError

from .cypher_lint import run_lint

HERE = Path(__file__).parent
QUERIES = yaml.safe_load((HERE / "analyst_queries.yaml").read_text(encoding="utf-8"))
GOLDEN = HERE / "golden" / "analyst_queries.json"
DOCS = HERE.parent / "docs" / "queries.md"
START, END = "<!-- analyst-queries:start -->", "<!-- analyst-queries:end -->"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def outcome(store, item: dict) -> dict:
    """How the embedded store takes one analyst query: ran, ran rewritten, or refused."""
    text = item["cypher"]
    ran = "rewritten" if dialect.falkordb_form(text) != text else "unchanged"
    try:
        result = queries.run_query(store, text)
    except QueryError as exc:
        return {"falkordb": "refused", "error": str(exc)}
    return {"falkordb": ran, "columns": result.columns,
            "rows": [[queries.to_plain(v) for v in row] for row in result.rows]}


def table(results: dict[str, dict]) -> str:
    """The docs/queries.md table of what each analyst query does on the embedded store."""
    lines = ["| # | question | embedded FalkorDB | result there |", "|---|---|---|---|"]
    for number, item in enumerate(QUERIES, 1):
        got = results[item["id"]]
        if got["falkordb"] == "refused":
            construct = dialect.unsupported(item["cypher"])[0].name
            what, shown = "refused", f"one-line error naming {construct}"
        else:
            what = "runs unchanged" if got["falkordb"] == "unchanged" else "runs, rewritten"
            rows = got["rows"]
            first = ", ".join(json.dumps(v, ensure_ascii=False) for v in rows[0]) if rows else ""
            shown = f"{len(rows)} row{'s' if len(rows) != 1 else ''}" + (f"; first: {first}" if first else "")
            if item.get("differs"):
                what += ", **differs from Neo4j**"
                shown += f". {item['differs']}"
        shown = shown.replace("|", "\\|")
        lines.append(f"| {number} | {item['question']} (`{item['id']}`) | {what} | {shown} |")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def results(dev_store) -> dict[str, dict]:
    return {item["id"]: outcome(dev_store, item) for item in QUERIES}


def test_the_set_is_thirty_distinct_queries():
    assert len(QUERIES) >= 30
    assert len({q["id"] for q in QUERIES}) == len(QUERIES)
    assert all({"id", "question", "cypher"} <= set(q) <= {"id", "question", "cypher", "differs"} for q in QUERIES)


def test_every_analyst_query_is_valid_neo4j_5(tmp_path):
    statements = [{"name": q["id"], "text": q["cypher"], "params": []} for q in QUERIES]
    code, summary, output = run_lint(statements, tmp_path)
    assert summary["problems"] == [], output
    assert code == 0


def test_what_each_query_does_on_the_embedded_store(results):
    if UPDATE:
        GOLDEN.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert results == expected, ("the embedded store answers the analyst queries differently; if that is "
                                 "on purpose, run UPDATE_GOLDEN=1 pytest tests/test_analyst_queries.py")


def test_a_refused_query_names_the_construct_and_what_works(results):
    refused = [q for q in QUERIES if results[q["id"]]["falkordb"] == "refused"]
    assert len(refused) >= 10
    for item in refused:
        error = results[item["id"]]["error"]
        assert error.startswith("the embedded FalkorDB does not support "), (item["id"], error)
        assert "\n" not in error
    ran = [q for q in QUERIES if results[q["id"]]["falkordb"] != "refused"]
    assert all(not dialect.unsupported(q["cypher"]) for q in ran if results[q["id"]]["falkordb"] == "unchanged")
    assert {q["id"] for q in ran if results[q["id"]]["falkordb"] == "rewritten"} == {"shortest-path-directed"}


def test_the_docs_table_is_what_the_store_does(results):
    docs = DOCS.read_text(encoding="utf-8")
    assert START in docs and END in docs, f"{DOCS} lacks the {START} ... {END} markers"
    head, rest = docs.split(START, 1)
    _, tail = rest.split(END, 1)
    wanted = f"{head}{START}\n{table(results)}{END}{tail}"
    if UPDATE:
        DOCS.write_text(wanted, encoding="utf-8")
        return
    assert docs == wanted, "docs/queries.md's analyst-query table is stale; run UPDATE_GOLDEN=1 pytest " \
                           "tests/test_analyst_queries.py"


# -- the dialect on its own ----------------------------------------------------------------


def test_a_construct_inside_a_string_or_comment_is_not_one():
    assert dialect.unsupported("RETURN 'a =~ b, EXISTS { x }' AS s // elementId(n)") == []
    assert [c.name for c in dialect.unsupported("MATCH (n:A|B) WHERE n.x =~ 'y' RETURN n")] == [
        "the regular-expression operator =~", "label expressions in a node pattern ((n:A|B), :A&B, :!A)"]
    assert dialect.unsupported("MATCH (a)-[:A|B]->(b) RETURN a") == []  # type alternatives are fine


def test_the_shortest_path_rewrite_applies_only_where_equivalent():
    directed = "MATCH p = shortestPath((a:X {id: 'a'})-[:T*..4]->(b:X {id: 'b'})) RETURN p"
    assert dialect.falkordb_form(directed) == (
        "MATCH (a:X {id: 'a'}), (b:X {id: 'b'}) WITH *, shortestPath((a)-[:T*..4]->(b)) AS p "
        "WHERE p IS NOT NULL RETURN p")
    for unchanged in [
        "MATCH p = shortestPath((a:X)-[:T*..4]-(b:X)) RETURN p",  # undirected: FalkorDB cannot
        "MATCH p = shortestPath((a:X)-[:T*2..4]->(b:X)) RETURN p",  # minimum length 2
        "MATCH p = shortestPath((a:X)-[r:T*]->(b:X)) RETURN r",  # a relationship variable
        "MATCH p = shortestPath((a:X)-[*]->(b:X)) WHERE all(n IN nodes(p) WHERE n.ok) RETURN p",
        "MATCH p = allShortestPaths((a:X)-[*]->(b:X)) RETURN p",  # every shortest path
        "RETURN 'MATCH p = shortestPath((a)-[*]->(b)) RETURN p' AS text",
    ]:
        assert dialect.falkordb_form(unchanged) == unchanged, unchanged


@pytest.mark.neo4j
def test_on_a_real_neo4j_every_query_runs_and_agrees(ontology, results):
    """Run only with NEO4J_URI (and NEO4J_PASSWORD) pointing at a Neo4j 5 holding the
    development graph (`actorgraph --backend neo4j build`): Neo4j cannot run here."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("set NEO4J_URI (and NEO4J_PASSWORD) to test a real Neo4j")
    from actorgraph.store.neo4j import Neo4jStore

    store = Neo4jStore.connect(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD"),
                               os.environ.get("NEO4J_DATABASE", "neo4j"), ontology)
    try:
        for item in QUERIES:
            result = store.read(item["cypher"])
            got = results[item["id"]]
            if got["falkordb"] != "refused" and not item.get("differs"):
                assert [[queries.to_plain(v) for v in row] for row in result.rows] == got["rows"], item["id"]
    finally:
        store.close()
