"""`actorgraph query` and `actorgraph queries` on the real embedded store (CliRunner)."""

from __future__ import annotations

import csv
import datetime
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
        "country    person        relation  role  status   evidence",
        "---------  ------------  --------  ----  -------  --------",
        "Argentina  Javier Milei  LEADS           current         1",
        "(1 row)",
    ]


def test_json_and_csv_formats(run):
    result = run("query", "neighbourhood", "-p", "actor=Trump", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [(r["source"], r["relation"], r["target"], r["evidence"]) for r in records] == [
        ("Donald Trump", "LEADS", "United States", 1),
        ("Donald Trump", "MET_WITH", "Javier Milei", 1),
        ("Donald Trump", "SUPPORTS", "Javier Milei", 1),
    ]
    assert records[1] == {"source": "Donald Trump", "relation": "MET_WITH", "target": "Javier Milei", "evidence": 1,
                          "source_id": "donald-trump", "target_id": "javier-milei",
                          "key": "donald-trump|MET_WITH|javier-milei"}
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
     "Error: query 'neighbourhood' needs parameter 'actor' (actor: the actor's id, name or one of its "
     "aliases (any case), e.g. \"Javier Milei\"); pass -p actor=VALUE"),
    (["query", "neighbourhood", "-p", "actor=Milei", "-p", "hops=two"],
     "Error: parameter 'hops' of query 'neighbourhood' must be an int, got 'two'"),
    (["query", "brokers", "-p", "top=3"],
     "Error: query 'brokers' has no parameter 'top' (it takes: limit)"),
    (["query", "brokers", "-p", "limit"],
     "Error: parameter 'limit' is not key=value (e.g. -p actor=\"Javier Milei\")"),
    (["query", "-e", "MATCH (n:Entity {id: $who}) RETURN n.name // $not_this"],
     "Error: parameter $who is not given; pass -p who=VALUE"),
    (["query", "-e", "MATCH (n:Entity {id: $who}) /* or $not_this\n */ RETURN n.name"],
     "Error: parameter $who is not given; pass -p who=VALUE"),
    (["query", "-e", "// only a comment\n/* and a block */"],
     "Error: the query holds only comments; give a statement, e.g. -e 'MATCH (n) RETURN n.name LIMIT 5'"),
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
    assert result.stdout == "note\nchecked\n"
    assert result.stderr == "1 property set\n"
    result = run("query", "--write", "-e", "CREATE (:Scratch {a: 1, b: 2})")
    assert (result.exit_code, result.stdout) == (0, "1 node created, 2 properties set, 1 label added\n")
    result = run("query", "--write", "-e", "MATCH (n:Scratch) DELETE n", "--format", "json")
    assert (result.stdout, result.stderr) == ("[]\n", "1 node deleted\n")  # stdout stays JSON


def test_exactly_one_source_of_cypher(run):
    result = run("query", "brokers", "-e", "RETURN 1")
    assert result.exit_code == 2
    assert "give exactly one of NAME, -e CYPHER or --file FILE" in result.output
    assert run("query").exit_code == 2


@pytest.mark.parametrize("value", NASTY)
def test_parameter_values_are_never_pasted_into_cypher(run, value):
    result = run("query", "signed_ties", "-p", f"actor={value}", "--format", "json")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: parameter 'actor' of query 'signed_ties': no actor named {value!r}")
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


def test_render_of_a_result_without_nodes_prints_the_table_and_says_so(run, tmp_path):
    out = tmp_path / "none.html"
    result = run("query", "most_connected", "--render", str(out))
    assert result.exit_code == 0
    assert result.stdout.startswith("actor ")
    assert result.stderr.startswith("nothing to draw: the result holds no actors, relations or paths")
    assert not out.exists()


def test_queries_lists_the_library():
    runner = CliRunner()
    result = runner.invoke(main, ["queries"])
    assert result.exit_code == 0
    library = queries.load_library()
    for query in library.values():
        assert f"{query.name} — {query.title}" in result.output
    assert "-p actor (actor): the actor's id" in result.output
    assert "-p hops (int 1..2 = 1): how far to go: 1 or 2" in result.output
    listed = json.loads(runner.invoke(main, ["queries", "--format", "json"]).output)
    assert [q["name"] for q in listed] == list(library)


# -- parameters are checked before the query runs (issue 14 §2) ----------------------------


@pytest.mark.parametrize("args, message", [
    (["query", "neighbourhood", "-p", "actor=Mielei"],
     "Error: parameter 'actor' of query 'neighbourhood': no actor named 'Mielei' in the graph "
     "(did you mean 'Milei'?)"),
    (["query", "neighbourhood", "-p", "actor=Milei", "-p", "hops=0"],
     "Error: parameter 'hops' of query 'neighbourhood' must be between 1 and 2, got '0'"),
    (["query", "neighbourhood", "-p", "actor=Milei", "-p", "hops=3"],
     "Error: parameter 'hops' of query 'neighbourhood' must be between 1 and 2, got '3'"),
    (["query", "relations_of_type", "-p", "type=FUNDZ"],
     "Error: parameter 'type' of query 'relations_of_type': unknown relation type 'FUNDZ' (did you mean "
     "'FUNDS'?) (known: MET_WITH, HOLDS_ROLE, LEADS, MEMBER_OF, SUPPORTS, CRITICIZES, ALLIED_WITH, "
     "NEGOTIATES, PARTY_TO, FUNDS, IMPOSES)"),
    (["query", "neighbourhood", "-p", "actor= "],
     "Error: parameter 'actor' of query 'neighbourhood' needs an actor (the actor's id, name or one of "
     "its aliases (any case), e.g. \"Javier Milei\"); got an empty value"),
    (["query", "relations_of_type", "-p", "type="],
     "Error: parameter 'type' of query 'relations_of_type' needs a relation (a relation type from "
     "graph/ontology.yaml, e.g. FUNDS); got an empty value"),
    (["query", "most_connected", "-p", "limit=0"],
     "Error: parameter 'limit' of query 'most_connected' must be at least 1, got '0'"),
])
def test_parameters_that_name_nothing_fail_with_a_suggestion(run, args, message):
    result = run(*args)
    assert (result.exit_code, result.output.strip()) == (1, message)


def test_actor_parameters_resolve_in_any_case_and_spacing(run):
    for actor in ("milei", "  JAVIER   MILEI ", "javier-milei", "President Milei"):
        result = run("query", "signed_ties", "-p", f"actor={actor}", "--format", "csv")
        assert result.stdout.splitlines()[1].startswith("Donald Trump,SUPPORTS,Javier Milei"), actor
    assert run("query", "relations_of_type", "-p", "type=met_with").exit_code == 0


def test_json_and_tables_write_dates_times_and_durations_as_iso_8601(run):
    cypher = ("RETURN date('2025-01-31') AS d, localdatetime('2025-01-31T10:20:30') AS dt, "
              "localtime('10:20:30') AS t, duration({months: 1, days: 2, hours: 3}) AS du")
    result = run("query", "-e", cypher, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"d": "2025-01-31", "dt": "2025-01-31T10:20:30",
                                          "t": "10:20:30", "du": "P1M2DT3H"}]
    table = run("query", "-e", cypher).stdout.splitlines()
    assert table[2].split() == ["2025-01-31", "2025-01-31T10:20:30", "10:20:30", "P1M2DT3H"]
    assert run("query", "-e", cypher, "--format", "csv").stdout.splitlines()[1] == \
        "2025-01-31,2025-01-31T10:20:30,10:20:30,P1M2DT3H"


def test_json_is_valid_json_for_nan_and_infinities(run):
    result = run("query", "-e", "RETURN 0.0/0.0 AS nan, 1.0/0.0 AS inf, -1.0/0.0 AS ninf, 1.5 AS x",
                 "--format", "json")
    assert json.loads(result.stdout, parse_constant=pytest.fail) == [
        {"nan": "NaN", "inf": "Infinity", "ninf": "-Infinity", "x": 1.5}]


def test_negative_durations_keep_their_sign_on_every_part(run):
    cypher = ("RETURN duration({hours: -2, minutes: 30}) AS a, duration({seconds: -90}) AS b, "
              "duration({days: -1}) AS c, duration({minutes: 90}) AS d")
    result = run("query", "-e", cypher, "--format", "csv")
    assert result.stdout.splitlines()[1] == "PT-1H-30M,PT-1M-30S,P-1D,PT1H30M"
    assert queries.to_plain(datetime.timedelta(seconds=-1.5)) == "PT-1.5S"
    assert queries.to_plain(datetime.timedelta(days=-1, hours=2)) == "PT-22H"


def test_integer_columns_stay_integers(run):
    records = json.loads(run("query", "most_connected", "--format", "json").stdout)
    assert all(type(r[c]) is int for r in records for c in ("counterparts", "relations", "evidence"))


def test_control_characters_are_shown_escaped_in_tables(run):
    result = run("query", "-e", "RETURN $v AS v", "-p", 'v="red \\u001b[31m\\u0007 line\\nnext \\u202e"')
    assert result.stdout.splitlines()[2] == "red \\x1b[31m\\x07 line\\nnext \\u202e"
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def test_csv_cells_that_a_spreadsheet_would_run_get_a_quote(run):
    result = run("query", "-e", "RETURN $a AS a, $b AS b, $c AS c, $d AS d, -3 AS n, 'ok' AS e",
                 "-p", 'a="=HYPERLINK(1)"', "-p", 'b="+1"', "-p", 'c="-2+3"', "-p", 'd="@SUM(A1)"',
                 "--format", "csv")
    assert result.stdout.splitlines()[1] == "'=HYPERLINK(1),'+1,'-2+3,'@SUM(A1),-3,ok"
    assert "gets a leading ' so it is not run as a formula" in " ".join(run("query", "--help").output.split())


def test_query_render_uses_the_stored_evidence_titles_and_dates(run, falkor_store, tmp_path):
    from actorgraph.model import Article

    graph = small_graph()
    graph.add_article(Article("a1", "Trump and Milei meet", "2025-04", "001_a1.txt", "", ["javier-milei"]))
    falkor_store.load(graph, replace=True)
    out = tmp_path / "q.html"
    result = run("query", "neighbourhood", "-p", "actor=Trump", "--render", str(out))
    assert result.exit_code == 0, result.output
    assert f"wrote {out} (3 actors, 3 relations)" in result.output  # drawn by the id and key columns
    html = out.read_text(encoding="utf-8")
    assert "Trump and Milei meet" in html and "no source articles recorded" not in html


def test_render_and_output_to_one_place_is_refused_before_anything_runs(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "q.html").write_text("mine")
    for args in (["--render", "q.html", "-o", "./q.html"], ["--render", "-"]):
        result = run("query", "most_connected", *args)
        assert result.exit_code == 2, result.output
        assert "Error: --render and -o both name" in result.output
    assert (tmp_path / "q.html").read_text() == "mine"


def test_an_error_quoting_a_huge_value_is_clipped(run):
    result = run("query", "neighbourhood", "-p", "actor=" + "x" * 30000)
    assert result.exit_code == 1
    assert result.output.startswith("Error: parameter 'actor' of query 'neighbourhood': no actor named 'xxx")
    assert result.output.endswith(" more characters)\n") and len(result.output) < 1100


def test_json_is_written_row_by_row_in_the_layout_of_one_dump():
    from actorgraph.cli.query import format_result
    from actorgraph.store.base import GNode, Result

    node = GNode("7", ("Entity", "Person"), {"id": "a", "name": "Ana \"Q\"\nline", "keys": ["a"]})
    rows = [[1, "ñ\u2028x", [1.5, None, {"k": [True]}], node], [2, "", [], None]]
    many = Result(["n", "text"], [[i, f"row {i}"] for i in range(2500)])  # three chunks
    for result in (Result(["n", "text", "list", "node"], rows), Result(["n"], [[0]]), Result(["n"], []), many):
        records = [{c: queries.to_plain(v) for c, v in zip(result.columns, row)} for row in result.rows]
        assert format_result(result, "json") == json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def test_output_file_is_written_as_rows_come_and_replaced_only_when_all_are(tmp_path):
    from actorgraph.output import write_stream

    target = tmp_path / "out.csv"
    target.write_text("before\n")

    def fails_half_way(handle):
        handle.write("row 1\n")
        raise RuntimeError("the server went away")

    with pytest.raises(RuntimeError):
        write_stream(target, fails_half_way)
    assert target.read_text() == "before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left
    write_stream(target, lambda handle: [handle.write(f"row {i}\n") for i in range(3)])
    assert target.read_text() == "row 0\nrow 1\nrow 2\n"


def test_query_output_to_a_file_and_to_stdout_are_the_same(run, tmp_path):
    for fmt in ("table", "json", "csv"):
        shown = run("query", "neighbourhood", "-p", "actor=Milei", "-p", "hops=2", "--format", fmt)
        written = run("query", "neighbourhood", "-p", "actor=Milei", "-p", "hops=2", "--format", fmt,
                      "-o", str(tmp_path / f"n.{fmt}"))
        assert shown.exit_code == written.exit_code == 0, (shown.output, written.output)
        assert (tmp_path / f"n.{fmt}").read_text(encoding="utf-8") == shown.stdout


def test_the_table_leaves_out_the_id_and_key_columns_a_library_query_ends_with(run):
    header = run("query", "neighbourhood", "-p", "actor=Milei").output.splitlines()[0].split()
    assert header[:3] == ["source", "relation", "target"]
    assert not {"source_id", "target_id", "key"} & set(header)
    header = run("query", "neighbourhood", "-p", "actor=Milei", "--ids").output.splitlines()[0].split()
    assert header[-3:] == ["source_id", "target_id", "key"]
    records = json.loads(run("query", "neighbourhood", "-p", "actor=Milei", "--format", "json").output)
    assert {"source_id", "target_id", "key"} <= set(records[0])
    # a bare id is what find_actors is for; ad hoc Cypher shows the columns it asks for
    assert "id" in run("query", "find_actors", "-p", "text=Milei").output.splitlines()[0].split()
    assert run("query", "-e", "RETURN 1 AS n, 'x' AS source_id").output.splitlines()[0].split() == ["n", "source_id"]
