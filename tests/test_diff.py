"""Snapshot diffs: added/removed/changed actors and relations, --since on one graph, the three formats."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.diff import before, diff_graphs, diff_since, format_table, highlight_graph
from actorgraph.model import Edge, Evidence, Node, write_graph

from .test_export_graphs import small_graph


@pytest.fixture
def old(ontology):
    return small_graph(ontology)


@pytest.fixture
def new(ontology):
    graph = small_graph(ontology)
    graph.add_node(Node("imf", "International Monetary Fund", "Organization", ["IMF"]))
    graph.add_edge(Edge("imf", "argentina", "FUNDS", [Evidence("a4", "the IMF loan", 0, 12, "2025-11-02")],
                        {"detail": "IMF loan"}))
    graph.edges["javier-milei|LEADS|argentina"].add_evidence([Evidence("a4", "Milei vowed", 20, 31, "2025-11-02")])
    graph.nodes["scott-bessent"].add_aliases(["Treasury Secretary Bessent"])
    del graph.edges["argentina|MEMBER_OF|mercosur"]
    del graph.nodes["mercosur"]
    return graph


def test_diff_finds_added_removed_and_changed(old, new):
    result = diff_graphs(old, new)
    seen = [(c.kind, c.status, c.id, c.details) for c in result.changes]
    assert seen == [
        ("actor", "added", "imf", ["Organization"]),
        ("actor", "changed", "scott-bessent", ["new aliases: Treasury Secretary Bessent"]),
        ("actor", "removed", "mercosur", ["Organization"]),
        ("relation", "added", "imf|FUNDS|argentina", ["1 evidence item", "dated 2025-11-02"]),
        ("relation", "changed", "javier-milei|LEADS|argentina", ["1 new evidence item", "new dates: 2025-11-02"]),
        ("relation", "removed", "argentina|MEMBER_OF|mercosur", ["had 1 evidence item"]),
    ]
    assert result.changes[4].new_evidence == [{"article": "a4", "quote": "Milei vowed", "start": 20, "end": 31,
                                               "date": "2025-11-02"}]
    assert result.summary() == "actors: 1 added, 1 removed, 1 changed; relations: 1 added, 1 removed, 1 changed"
    assert diff_graphs(old, old).changes == []


def test_since_compares_with_the_graph_as_it_stood_before(old):
    earlier = before(old, "2025-09")
    assert "scott-bessent" not in earlier.nodes  # every relation of his is dated 2025-09
    assert "argentina|MEMBER_OF|mercosur" in earlier.edges  # undated: its article's date, 2025-04
    assert earlier.edges["javier-milei|LEADS|argentina"].weight == 1
    result = diff_since(old, "2025-10")
    assert [(c.status, c.id) for c in result.changes] == [
        ("added", "donald-trump|LEADS|united-states"),
        ("added", "donald-trump|SUPPORTS|javier-milei"),
        ("changed", "donald-trump|MET_WITH|javier-milei"),
        ("changed", "javier-milei|LEADS|argentina"),
    ]


def test_highlight_marks_what_changed_and_keeps_context(old, new):
    result = diff_graphs(old, new)
    view = highlight_graph(old, new, result)
    assert view.nodes["imf"].props["diff"] == "added"
    assert view.nodes["mercosur"].props["diff"] == "removed"
    assert view.nodes["scott-bessent"].props["diff"] == "changed"
    assert "diff" not in view.nodes["argentina"].props  # context: an end of a changed relation
    assert view.edges["argentina|MEMBER_OF|mercosur"].props["diff"] == "removed"
    assert view.edges["javier-milei|LEADS|argentina"].props["diff"] == "changed"
    assert "donald-trump|MET_WITH|javier-milei" not in view.edges  # unchanged
    assert "diff" not in new.nodes["imf"].props  # the inputs are left alone


def test_table_lines(old, new):
    assert format_table(diff_graphs(old, new, "a.json", "b.json")).splitlines() == [
        "a.json -> b.json: actors: 1 added, 1 removed, 1 changed; relations: 1 added, 1 removed, 1 changed",
        "+ actor    International Monetary Fund                     Organization",
        "~ actor    Scott Bessent                                   new aliases: Treasury Secretary Bessent",
        "- actor    Mercosur                                        Organization",
        "+ relation International Monetary Fund -FUNDS-> Argentina  1 evidence item; dated 2025-11-02",
        "~ relation Javier Milei -LEADS-> Argentina                 1 new evidence item; new dates: 2025-11-02",
        "- relation Argentina -MEMBER_OF-> Mercosur                 had 1 evidence item",
    ]


@pytest.fixture
def files(old, new, tmp_path):
    paths = tmp_path / "old.json", tmp_path / "new.json"
    write_graph(old, paths[0])
    write_graph(new, paths[1])
    return paths


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_diff_table_and_json(files):
    result = run("diff", *files)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].endswith(
        "new.json: actors: 1 added, 1 removed, 1 changed; relations: 1 added, 1 removed, 1 changed")
    result = run("diff", *files, "-f", "json")
    data = json.loads(result.stdout)
    assert data["summary"] == {"actors": {"added": 1, "removed": 1, "changed": 1},
                               "relations": {"added": 1, "removed": 1, "changed": 1}}
    assert data["changes"][0] == {"kind": "actor", "status": "added", "id": "imf",
                                  "name": "International Monetary Fund", "details": ["Organization"],
                                  "new_evidence": []}


def test_cli_diff_since_and_html(files, tmp_path):
    result = run("diff", "--since", "2025-10", files[0])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"{files[0]} before 2025-10 -> {files[0]}: relations: 2 added, 2 changed"
    out = tmp_path / "diff.html"
    result = run("diff", *files, "-f", "html", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output == (f"wrote {out}: actors: 1 added, 1 removed, 1 changed; "
                             "relations: 1 added, 1 removed, 1 changed\n")
    assert "International Monetary Fund" in out.read_text(encoding="utf-8")


def test_cli_diff_errors(files, tmp_path):
    result = run("diff", files[0])
    assert result.exit_code == 2
    assert "Error: give two graph files, OLD NEW, or --since DATE [GRAPH]" in result.output
    result = run("diff", files[0], tmp_path / "missing.json")
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'missing.json'}: file not found\n"
    result = run("diff", "--since", "last week", files[0])
    assert result.exit_code == 1
    assert result.output == "Error: --since 'last week': write the date as YYYY, YYYY-MM or YYYY-MM-DD\n"
    out = tmp_path / "same.html"
    result = run("diff", files[0], files[0], "-f", "html", "-o", out)
    assert result.exit_code == 1
    assert result.output == f"Error: nothing changed ({files[0]} -> {files[0]}); no view written\n"
    assert not out.exists()
