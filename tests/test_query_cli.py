"""`actorgraph query` and `actorgraph queries` on the real embedded store (CliRunner)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from actorgraph import queries
from actorgraph.cli import main

from .test_queries import NASTY, small_graph


@pytest.fixture
def run(falkor_store, data_dir):
    """Invoke the CLI against a store holding small_graph(); returns the click Result."""
    falkor_store.load(small_graph(), replace=True)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--data-dir", str(data_dir), *args], catch_exceptions=False)

    return invoke


def test_named_query_prints_a_table(run):
    result = run("query", "officials", "-p", "country=argentina")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "country    person        relation  role  evidence",
        "---------  ------------  --------  ----  --------",
        "Argentina  Javier Milei  LEADS                  1",
        "(1 row)",
    ]


def test_json_and_csv_formats(run):
    result = run("query", "neighbourhood", "-p", "actor=Trump", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [(r["source"]["name"], r["relation"]["_type"], r["target"]["name"]) for r in records] == [
        ("Donald Trump", "LEADS", "United States"),
        ("Donald Trump", "MET_WITH", "Javier Milei"),
        ("Donald Trump", "SUPPORTS", "Javier Milei"),
    ]
    assert records[1]["relation"]["quotes"] == ['Trump met Milei, "a friend"']
    result = run("query", "evidence", "-p", "source=Milei", "-p", "target=Trump", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["source", "relation", "target", "article", "date", "date_source", "quote", "why"]
    assert ["Donald Trump", "MET_WITH", "Javier Milei", "a1", "2025-04", "", 'Trump met Milei, "a friend"', ""] in rows


def test_ad_hoc_cypher_with_parameters_and_from_a_file(run, tmp_path):
    result = run("query", "-e", "MATCH (n:Person) RETURN n.name AS name ORDER BY name LIMIT $n",
                 "-p", "n=1", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output == "name\nDonald Trump\n"
    script = tmp_path / "mine.cypher"
    script.write_text("// countries\nMATCH (c:Country) RETURN c.name AS country ORDER BY country\n")
    result = run("query", "--file", str(script), "--format", "json")
    assert json.loads(result.output) == [{"country": "Argentina"}, {"country": "United States"}]


def test_output_to_a_file(run, tmp_path):
    out = tmp_path / "out" / "brokers.json"
    result = run("query", "most_connected", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())[0]["actor"] == "Javier Milei"


@pytest.mark.parametrize("args, message", [
    (["query", "neighborhood", "-p", "actor=Milei"],
     "Error: no query named 'neighborhood'; did you mean neighbourhood? `actorgraph queries` lists them all"),
    (["query", "neighbourhood"],
     "Error: query 'neighbourhood' needs parameter 'actor' (string: the actor's id, name or one of its "
     "aliases (any case), e.g. \"Javier Milei\"); pass -p actor=VALUE"),
    (["query", "neighbourhood", "-p", "actor=Milei", "-p", "hops=two"],
     "Error: parameter 'hops' of query 'neighbourhood' must be an int, got 'two'"),
    (["query", "brokers", "-p", "top=3"],
     "Error: query 'brokers' has no parameter 'top' (it takes: limit)"),
    (["query", "brokers", "-p", "limit"],
     "Error: parameter 'limit' is not key=value (e.g. -p actor=\"Javier Milei\")"),
    (["query", "-e", "MATCH (n:Entity {id: $who}) RETURN n.name // $not_this"],
     "Error: parameter $who is not given; pass -p who=VALUE"),
    (["query", "-e", "MATCH (n:Entity) SET n.x = 1"],
     "Error: this query writes to the graph; queries are read-only unless you pass --write"),
])
def test_bad_input_is_one_line_and_exit_1(run, args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert result.output.strip() == message
    assert "Traceback" not in result.output


def test_syntax_error_shows_the_position(run):
    result = run("query", "-e", "MATCH (n:Entity RETURN n")
    assert result.exit_code == 1
    assert result.output.startswith("Error: FalkorDB rejected the query: Invalid input")
    assert "line: 1, column: 17" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_write_needs_the_flag(run):
    result = run("query", "--write", "-e", "MATCH (n:Entity {id: $id}) SET n.note = $note RETURN n.note AS note",
                 "-p", "id=argentina", "-p", "note=checked", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output == "note\nchecked\n"


def test_exactly_one_source_of_cypher(run):
    result = run("query", "brokers", "-e", "RETURN 1")
    assert result.exit_code == 2
    assert "give exactly one of NAME, -e CYPHER or --file FILE" in result.output
    assert run("query").exit_code == 2


@pytest.mark.parametrize("value", NASTY)
def test_parameter_values_are_never_pasted_into_cypher(run, value):
    result = run("query", "signed_ties", "-p", f"actor={value}", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []
    result = run("query", "-e", "RETURN $v AS v", "-p", f"v={value}", "--format", "json")
    assert json.loads(result.output) == [{"v": value}]


def test_render_writes_an_html_view_of_the_result(run, tmp_path):
    out = tmp_path / "path.html"
    result = run("query", "shortest_path", "-p", "source=Argentina", "-p", "target=United States",
                 "--render", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    for name in ("Argentina", "Javier Milei", "Donald Trump", "United States"):
        assert name in html
    assert "wrote" in result.output


def test_render_refuses_a_result_without_nodes(run, tmp_path):
    out = tmp_path / "none.html"
    result = run("query", "most_connected", "--render", str(out))
    assert result.exit_code == 1
    assert "holds no nodes, relationships or paths to render" in result.output
    assert not out.exists()


def test_queries_lists_the_library():
    runner = CliRunner()
    result = runner.invoke(main, ["queries"])
    assert result.exit_code == 0
    library = queries.load_library()
    for query in library.values():
        assert f"{query.name} — {query.title}" in result.output
    assert "-p actor (string): the actor's id" in result.output
    assert "-p hops (int = 1): how far to go: 1 or 2" in result.output
    listed = json.loads(runner.invoke(main, ["queries", "--format", "json"]).output)
    assert [q["name"] for q in listed] == list(library)
