"""`actorgraph build`, `load` and `store`, through the CLI, on the real embedded store."""

from __future__ import annotations

import json
import re
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.store import server

from .conftest import CORPUS, GRAPH_DIR, SNAPSHOT


def run(*args: str, data_dir: Path | None = None):
    prefix = ["--data-dir", str(data_dir)] if data_dir else []
    return CliRunner().invoke(main, [*prefix, *args], catch_exceptions=False)


def store_counts(data_dir: Path) -> dict:
    result = run("store", "status", "--json", data_dir=data_dir)
    return json.loads(result.output).get("graph")


def snapshot_totals() -> tuple[int, int]:
    data = json.loads(SNAPSHOT.read_text())
    return len(data["nodes"]), len(data["edges"])


def test_build_loads_the_snapshot_and_writes_the_view(data_dir, tmp_path):
    html = tmp_path / "view" / "index.html"
    result = run("build", "--out", str(html), data_dir=data_dir)
    assert result.exit_code == 0, result.output
    nodes, edges = snapshot_totals()
    assert f"Loaded {nodes} actors, {edges} relations and 5 articles into falkordb" in result.output
    assert f"HTML view: {html}" in result.output
    assert html.stat().st_size > 10_000
    server.start_server(data_dir)  # keep it up so status can count
    counts = store_counts(data_dir)
    assert sum(counts["nodes"].values()) == nodes and sum(counts["edges"].values()) == edges


def test_build_twice_gives_the_same_counts(data_dir, tmp_path):
    out = str(tmp_path / "i.html")
    assert run("build", "--out", out, data_dir=data_dir).exit_code == 0
    server.start_server(data_dir, pin=True)
    first = store_counts(data_dir)
    assert run("build", "--no-html", data_dir=data_dir).exit_code == 0
    assert store_counts(data_dir) == first


def test_build_from_articles_extracts_first(data_dir, tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the project")
    result = run("build", str(CORPUS), "--no-html", data_dir=data_dir)
    assert result.exit_code == 0, result.output
    assert "from 5 articles" in result.output


def test_build_killed_mid_load_then_rerun_converges(data_dir, tmp_path):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    base = [sys.executable, "-m", "actorgraph", "--data-dir", str(data_dir)]
    done = subprocess.run([*base, "build", "--no-html"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    server.start_server(data_dir, pin=True)
    expected = store_counts(data_dir)
    rng = random.Random(0)
    for _ in range(3):
        proc = subprocess.Popen([*base, "build", "--no-html"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert store_counts(data_dir) == expected  # readers never see a partial graph
    again = subprocess.run([*base, "build", "--no-html"], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert store_counts(data_dir) == expected


def test_store_commands(data_dir):
    assert "not running" in run("store", "status", data_dir=data_dir).output
    result = run("store", "start", data_dir=data_dir)
    assert result.exit_code == 0 and "Store running: pid" in result.output
    assert "running, pid" in run("store", "status", data_dir=data_dir).output
    assert run("store", "stop", data_dir=data_dir).output == "Store stopped.\n"
    assert run("store", "stop", data_dir=data_dir).output == "Store was not running.\n"


# -- bad input: one line, non-zero exit, no traceback ---------------------------------------

def assert_one_line_error(result, pattern: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert re.search(pattern, lines[0]), lines[0]


def test_build_of_articles_naming_no_actor_says_none(data_dir, tmp_path):
    (tmp_path / "cat.txt").write_text("The cat sat on the mat all afternoon.\n")
    result = run("build", str(tmp_path / "cat.txt"), "--no-html", data_dir=data_dir)
    assert result.exit_code == 0, result.output
    assert "\n  actors:    none\n  relations: none\n" in result.output


def test_missing_article_path(data_dir, tmp_path):
    result = run("build", str(tmp_path / "no-such-folder"), data_dir=data_dir)
    assert_one_line_error(result, r"no-such-folder.*no such file or folder")


def copy_graph_dir(tmp_path: Path) -> Path:
    target = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, target)
    return target


def test_malformed_ontology_names_file_and_line(data_dir, tmp_path):
    graph_dir = copy_graph_dir(tmp_path)
    path = graph_dir / "ontology.yaml"
    text = path.read_text().replace("source: [Person]\n", "source: [Persn]\n", 1)
    path.write_text(text)
    line = text.splitlines().index("    source: [Persn]") + 1
    result = run("--graph-dir", str(graph_dir), "build", "--no-html", data_dir=data_dir)
    assert_one_line_error(result, rf"{path}:{line}: relation 'HOLDS_ROLE' source names unknown label 'Persn'")


def test_malformed_curation_names_file_and_line(data_dir, tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the project")
    graph_dir = copy_graph_dir(tmp_path)
    path = graph_dir / "curation.yaml"
    path.write_text(path.read_text() + "\nmerge: [unclosed\n")
    result = run("--graph-dir", str(graph_dir), "build", str(CORPUS), "--no-html", data_dir=data_dir)
    assert_one_line_error(result, rf"{path}:\d+: ")


def test_unwritable_data_dir(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run("build", "--no-html", data_dir=blocker / "store")
    assert_one_line_error(result, r"data dir .* is not writable .*--data-dir or ACTORGRAPH_DATA_DIR")


@pytest.mark.parametrize("flag", ["--data-dir", "--graph-dir", "--queries-dir"])
def test_an_empty_folder_option_is_refused_not_taken_for_the_current_folder(flag, tmp_path, monkeypatch):
    """`--data-dir "$DIR"` with DIR unset put the store's dump, log, lock and leases in the
    current folder."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [flag, "", "query", "most_connected"])
    assert result.exit_code == 2, result.output
    assert re.search(r": give a folder, not an empty value \(see '[^']*--help'\)\n$", result.output), result.output
    assert f"Invalid value for '{flag}'" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_empty_per_article_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("President Javier Milei met Donald Trump in Washington.\n")
    result = CliRunner().invoke(main, ["extract", "a.txt", "-o", "g.json", "--per-article", ""])
    assert result.exit_code == 2
    assert re.search(r": give a folder, not an empty value \(see '[^']*extract --help'\)\n$", result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_unwritable_html_output(data_dir, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run("build", "--out", str(blocker / "index.html"), data_dir=data_dir)
    assert result.exit_code == 1 and result.output.startswith("Error: ")
    assert "Traceback" not in result.output


def test_bad_graph_json_for_load(data_dir, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"nodes": [{"id": "a", "name": "A", "label": "Person"}],
                               "edges": [{"source": "a", "target": "b", "type": "MET_WITH"}]}))
    result = run("load", str(bad), data_dir=data_dir)
    assert_one_line_error(result, r"edges\[0\]: target 'b' is not a node id \(dangling edge\)")


def test_debug_shows_the_traceback(tmp_path, data_dir):
    result = CliRunner().invoke(main, ["--debug", "--data-dir", str(data_dir), "load", str(tmp_path / "x.json")])
    assert result.exit_code != 0 and result.exception is not None


NOISY_OPENER = """#!/bin/sh
echo "$@" >> "$OPENER_LOG"
echo "xdg-open: no method available for opening '$1'" >&2
echo "Gtk-WARNING **: cannot open display" >&2
exit ${OPENER_STATUS:-0}
"""


@pytest.mark.parametrize("display, status, note", [
    (None, 0, "note: no display to open a browser on; open {html} yourself"),
    (":0", 0, None),
    (":0", 3, "note: could not open a browser (xdg-open failed); open {html} yourself"),
])
def test_build_open_prints_no_opener_noise(data_dir, tmp_path, monkeypatch, capfd, display, status, note):
    """`build --open` without a display printed xdg-open's errors; now one line, or nothing.
    (xdg-open is a stand-in on PATH that records its call and prints the noise it would.)"""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "xdg-open").write_text(NOISY_OPENER)
    (bin_dir / "xdg-open").chmod(0o755)
    log = tmp_path / "opened.log"
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setenv("OPENER_LOG", str(log))
    monkeypatch.setenv("OPENER_STATUS", str(status))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    if display:
        monkeypatch.setenv("DISPLAY", display)
    html = tmp_path / "index.html"
    result = run("build", "--out", str(html), "--open", data_dir=data_dir)
    assert result.exit_code == 0, result.output
    terminal = capfd.readouterr()  # what reached the real descriptors, where the opener writes
    for text in (result.output, terminal.out, terminal.err):
        assert "xdg-open:" not in text and "Gtk" not in text
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert notes == ([note.format(html=html)] if note else [])
    assert (log.read_text().split() if log.exists() else []) == ([str(html)] if display else [])
