"""Input nested 100,000 deep (and a few hundred deep): one `Error:` line naming the file, never
a RecursionError traceback; a deep .jsonl record or manifest is skipped and the rest still read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.jsonfile import TooDeep, check_depth, loads
from actorgraph.settings import PROJECT_ROOT

from .test_queries import small_graph

DEEP = "[" * 100_000 + "]" * 100_000
ARTICLE = "President Javier Milei met President Donald Trump in Washington."


def run(*args):
    # catch_exceptions=False: a RecursionError fails the test with its traceback
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def one_error_line(result, *expected: str) -> None:
    assert result.exit_code == 1, result.output
    assert len(result.output.splitlines()) == 1 and result.output.startswith("Error: "), result.output
    for text in expected:
        assert text in result.output


@pytest.mark.parametrize("command", [
    lambda g: ["load", g], lambda g: ["export", "--graph", g, "-f", "json"], lambda g: ["diff", g, g]])
def test_deep_graph_json(command, tmp_path):
    graph = tmp_path / "deep.json"
    graph.write_text(DEEP)
    one_error_line(run("--data-dir", tmp_path / "store", *command(graph)),
                   f"{graph}: not graph JSON: nested more than 64 levels deep")


def test_a_few_hundred_levels_are_refused_too(tmp_path):
    """900 levels parse, but then break what walks them; the limit is well below either."""
    nested = json.loads("[" * 900 + "]" * 900)
    graph = tmp_path / "g.json"
    graph.write_text(json.dumps({"nodes": [{"id": "a", "name": "A", "label": "Person", "aliases": [],
                                            "x": nested}], "edges": [], "articles": []}))
    one_error_line(run("export", "--graph", graph, "-f", "json"), "nested more than 64 levels deep")


def test_deep_manifest_is_ignored_and_the_articles_read(tmp_path):
    (tmp_path / "manifest.json").write_text(DEEP)
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run("extract", tmp_path, "-o", tmp_path / "g.json")
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'manifest.json'}: ignored: nested too deeply to be a manifest" in result.stderr
    assert len(json.loads((tmp_path / "g.json").read_text())["articles"]) == 1


def test_deep_jsonl_record_is_skipped_and_the_others_read(tmp_path):
    records = tmp_path / "news.jsonl"
    records.write_text(json.dumps({"id": "one", "text": ARTICLE}) + "\n"
                       + '{"id": "two", "text": ' + DEEP + "}\n"
                       + json.dumps({"id": "three", "text": ARTICLE + " Again."}) + "\n")
    result = run("extract", records, "-o", tmp_path / "g.json")
    assert result.exit_code == 0, result.output
    assert f"{records}:2: skipped: nested too deeply to be an article record" in result.stderr
    assert len(json.loads((tmp_path / "g.json").read_text())["articles"]) == 2


@pytest.mark.parametrize("name", ["ontology.yaml", "curation.yaml"])
@pytest.mark.parametrize("depth", [300, 100_000])
def test_deep_yaml(name, depth, tmp_path):
    graph_dir = tmp_path / "graph"
    graph_dir.mkdir()
    shutil.copy(PROJECT_ROOT / "graph" / "ontology.yaml", graph_dir)
    key = "labels" if name == "ontology.yaml" else "renames"
    (graph_dir / name).write_text(f"{key}: " + "[" * depth + "]" * depth + "\n")
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run("--graph-dir", graph_dir, "extract", tmp_path / "a.txt", "-o", tmp_path / "g.json")
    one_error_line(result, f"{graph_dir / name}: nested too deeply (more than 64 levels)")
    assert not (tmp_path / "g.json").exists()


@pytest.mark.parametrize("depth", [900, 30_000])
def test_deep_query_parameter(depth, falkor_store, data_dir):
    falkor_store.load(small_graph(), replace=True)
    value = "[" * depth + "]" * depth
    result = run("--data-dir", data_dir, "query", "-e", "RETURN $v AS v", "-p", f"v={value}")
    one_error_line(result, "parameter 'v': nested more than 64 levels deep")


def test_depth_check():
    assert loads("[" * 64 + "]" * 64) is not None
    with pytest.raises(TooDeep):
        check_depth("[" * 65 + "]" * 65)
    with pytest.raises(TooDeep):
        check_depth('{"a": ' * 65 + "1" + "}" * 65)
    check_depth('["' + "[" * 100 + '", "\\"' + "{" * 100 + '"]')  # brackets inside strings do not count
    check_depth("[" * 100 + "]" * 3)  # unbalanced: left for the parser to report
    assert loads(Path(PROJECT_ROOT / "graph" / "snapshot.json").read_text())["nodes"]
