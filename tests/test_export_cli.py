"""The render and export commands: files, stdout, format from the suffix, one-line errors, no partial files."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.model import write_graph

from . import mixed_graphs
from .test_export_graphs import small_graph, tricky_graph


@pytest.fixture
def graph_file(ontology, tmp_path):
    path = tmp_path / "graph.json"
    write_graph(tricky_graph(ontology), path)
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_export_infers_the_format_from_the_suffix(graph_file, tmp_path):
    out = tmp_path / "sub" / "milei.gexf"
    result = run("export", "--graph", graph_file, "--actor", "milei", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"wrote gexf to {out}: Javier Milei and everything within 1 hop "
                             "(5 actors, 7 relations)\n")
    assert set(mixed_graphs.read("gexf", out.read_text())[0].nodes) == {"javier-milei", "donald-trump", "luis-caputo", "argentina",
                                            "pat-o-brien"}
    assert [p.name for p in out.parent.iterdir()] == ["milei.gexf"]  # no temporary files left


def test_export_to_stdout(graph_file):
    result = run("export", "--graph", graph_file, "--path", "mercosur", "washington", "-f", "graphml", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<?xml version='1.0' encoding='utf-8'?>\n<graphml")
    assert result.stderr == ""


def test_export_needs_a_format(graph_file):
    result = run("export", "--graph", graph_file)
    assert result.exit_code == 2
    assert result.output.startswith("Error: give --format (html, graphml, gexf, json, csv, cypher), "
                                    "or an -o file name ending in one of them (see '")
    assert result.output.endswith("export --help')\n") and result.output.count("\n") == 1


def test_csv_export_writes_a_folder_and_refuses_stdout(graph_file, tmp_path):
    out = tmp_path / "neo4j"
    result = run("export", "--graph", graph_file, "-f", "csv", "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["after-import.cypher", "articles.csv", "import.sh",
                                                     "mentions.csv", "nodes.csv", "relationships.csv"]
    umask = os.umask(0)
    os.umask(umask)
    assert (out / "nodes.csv").stat().st_mode & 0o777 == 0o666 & ~umask
    assert (out / "import.sh").stat().st_mode & 0o777 == 0o777 & ~umask
    result = run("export", "--graph", graph_file, "-f", "csv", "-o", "-")
    assert result.exit_code == 1
    assert result.output == ("Error: csv writes several files (nodes.csv, relationships.csv, ...): "
                             "give a folder with -o, not -\n")


@pytest.mark.parametrize("args", [["-f", "csv", "-o", "nodes.csv"], ["-o", "nodes.csv"], ["-o", "out/x.CSV"]])
def test_csv_export_to_a_csv_file_name_is_refused_not_made_a_folder(graph_file, tmp_path, monkeypatch, args):
    """`-o nodes.csv` made a folder named nodes.csv; the csv export is a folder, so say so."""
    monkeypatch.chdir(tmp_path)
    result = run("export", "--graph", graph_file, *args)
    assert result.exit_code == 1
    assert result.output == (f"Error: {args[-1]}: csv writes a folder of neo4j-admin import files (nodes.csv, "
                             "relationships.csv, ...); give -o a folder name, e.g. -o neo4j-import\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]


def test_unwritable_output_is_one_line_and_writes_nothing(graph_file, tmp_path):
    # A path under a regular file cannot be written by anyone, root included.
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")
    result = run("export", "--graph", graph_file, "-f", "json", "-o", blocker / "x.json")
    assert result.exit_code == 1
    assert result.output == (f"Error: {blocker / 'x.json'}: cannot write there ({blocker} is not a writable "
                             "folder); choose another -o\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "graph.json"]


def test_output_path_that_is_a_folder(graph_file, tmp_path):
    result = run("export", "--graph", graph_file, "-f", "json", "-o", tmp_path)
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path}: is a folder; give -o a file path\n"


def test_write_failure_leaves_no_partial_file(graph_file, tmp_path, monkeypatch):
    """A failure while renaming (here: os.replace made to fail) leaves neither the file nor a temporary."""
    import actorgraph.output as output

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    out = tmp_path / "out" / "g.json"
    result = run("export", "--graph", graph_file, "-f", "json", "-o", out)
    assert result.exit_code == 1
    assert result.output == f"Error: {out}: cannot write (No space left on device)\n"
    assert list(out.parent.iterdir()) == []


def test_a_format_that_cannot_carry_the_selection_writes_nothing(ontology, tmp_path):
    graph = small_graph(ontology)
    graph.nodes["mercosur"].aliases.append("bell\x07")
    path = tmp_path / "graph.json"
    write_graph(graph, path)
    out = tmp_path / "g.graphml"
    result = run("export", "--graph", path, "-o", out)
    assert result.exit_code == 1
    assert result.output == ("Error: graphml cannot carry the control character U+0007 in actor 'mercosur'; "
                             "fix the graph or export as json or cypher\n")
    assert not out.exists()


def test_json_export_of_a_selection_reads_back(graph_file, tmp_path, ontology):
    out = tmp_path / "caputo.json"
    result = run("export", "--graph", graph_file, "--actor", "Caputo", "--since", "2025-09", "-o", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"] == {"selection": "Luis Caputo and everything within 1 hop; dated 2025-09 to … "
                                         "(3 actors, 2 relations)"}
    assert sorted(e["key"] for e in data["edges"]) == ["luis-caputo|HOLDS_ROLE|argentina|Economy Minister",
                                                       "luis-caputo|MET_WITH|scott-bessent"]


def test_render_writes_a_named_view_under_out(graph_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("render", "--graph", graph_file, "--actor", "Javier Milei", "--depth", "2", "--type", "MET_WITH")
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "actor-javier-milei-d2-met-with.html"
    assert result.output == (f"wrote out/actor-javier-milei-d2-met-with.html: Javier Milei and everything within "
                             "2 hops; types MET_WITH (4 actors, 4 relations)\n")
    html = path.read_text(encoding="utf-8")
    assert "Javier Milei and everything within 2 hops" in html


def test_render_whole_graph_and_html_export(graph_file, tmp_path):
    out = tmp_path / "all.html"
    result = run("render", "--graph", graph_file, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}: whole graph (9 actors, 13 relations)\n"
    result = run("export", "--graph", graph_file, "-f", "html", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().lower().startswith("<!doctype html")


def test_a_pipe_or_device_is_written_into_not_replaced(graph_file, tmp_path):
    """-o /dev/null must not rename a regular file over the device; a FIFO stands in for it here."""
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("export", "--graph", graph_file, "--actor", "mercosur", "-f", "json", "-o", fifo)
    reader.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["meta"]["selection"].startswith("Mercosur and everything within 1 hop")
    result = run("export", "--graph", graph_file, "-f", "csv", "-o", fifo)
    assert result.exit_code == 1
    assert result.output == f"Error: {fifo}: cannot write several files to it; choose another -o\n"


def test_a_stored_graph_without_actors_is_not_called_missing(data_dir, tmp_path):
    """After `build` of articles naming no actor, the store holds a graph (its articles):
    telling the user to run `actorgraph build` would have them replace it with the snapshot."""
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"nodes": [], "edges": [], "articles": [
        {"id": "a1", "title": "The cat sat", "file": "a.txt", "sha256": "0" * 64, "mentions": []}]}))
    assert run("--data-dir", data_dir, "load", "--replace", empty).exit_code == 0
    out = tmp_path / "v.html"
    for args in (["render", "-o", out], ["export", "-f", "json", "-o", out]):
        result = run("--data-dir", data_dir, *args)
        assert (result.exit_code, result.output) == (1, (
            "Error: the graph in the falkordb store has no actors (its 1 article(s) named none); "
            "build it from other articles, or select from a file with --graph FILE\n"))
        assert not out.exists()


def test_names_reach_the_terminal_with_control_characters_escaped(ontology, tmp_path):
    """diff's table, the 'wrote ...' lines and the summaries show a name's escape sequences
    (here: clear the screen, set the window title, reverse the text) as text."""
    graph = small_graph(ontology)
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    write_graph(graph, old)
    node = next(iter(graph.nodes.values()))
    node.name = "Arg\x1b[2J\x1b]0;pwned\x07entina\u202e"
    write_graph(graph, new)
    outputs = [run("diff", old, new).output,
               run("render", "--graph", new, "--actor", node.id, "-o", tmp_path / "v.html").output,
               run("export", "--graph", new, "--actor", node.id, "-f", "json", "-o", tmp_path / "v.json").output]
    for output in outputs:
        assert "Arg\\x1b[2J\\x1b]0;pwned\\x07entina\\u202e" in output, output
        assert "\x1b" not in output and "\u202e" not in output and "\x07" not in output


@pytest.mark.parametrize("args", [("export", "-f", "json"), ("render",), ("diff",)])
def test_an_empty_output_name_is_refused_and_nothing_is_written(graph_file, tmp_path, monkeypatch, args):
    """`-o "$OUT"` with OUT unset: refused, not taken as stdout, the default file or the folder."""
    monkeypatch.chdir(tmp_path)
    graphs = ("--graph", graph_file) if args[0] != "diff" else (graph_file, graph_file)
    result = run(*args, *graphs, "-o", "")
    assert result.exit_code == 2
    assert "give a file name, not an empty value" in result.output
    assert result.stdout.count("\n") <= 3 and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]


@pytest.mark.parametrize("args", [("query", "-e", "RETURN 1", "-o"), ("query", "-e", "RETURN 1", "--render"),
                                  ("build", "-o"), ("extract", "articles", "-o")])
def test_every_command_refuses_an_empty_output_name(tmp_path, monkeypatch, args):
    """The same for the commands that write elsewhere: refused before any store or file is touched."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    result = run("--data-dir", tmp_path / "store", *args, "")
    assert result.exit_code == 2
    assert "give a file name, not an empty value" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles"]
