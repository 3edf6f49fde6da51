"""SIGKILL `actorgraph load` and `actorgraph build` (real processes, real embedded store) at chosen
batches and at random moments, then check what a reader sees, and that a normal run converges.

Kill points: `load` after each of its batches (read from its progress bar on a pseudo-terminal)
and at random moments (start-up, reading, analytics, server start, rename and save); `build` at
random moments, with and without extraction and HTML. After every kill the store must hold
exactly the graph before or the graph after the command (compared in full, not by counts), hold
no edge without both ends and no half-written entity, and the HTML view must be the old file or a
complete new one. Tests in test_store.py and test_cli_build.py kill the library load and a plain
build; these widen the points and check contents. The numbers tried are in docs/reliability.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import pty
import random
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.model import Article, Edge, Evidence, Graph, Node, write_graph
from actorgraph.store import server
from actorgraph.store.falkor import STAGING_MARK, FalkorStore

from .conftest import CORPUS, SNAPSHOT

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}
KILLS: dict[str, int] = {}  # kill points that really interrupted a run, by scenario (for the docs)


def pairs_graph(n: int, tag: str = "") -> Graph:
    """n people in n/2 MET_WITH pairs, each mentioned by fifteen articles: with n=1000, six load
    batches (the mentions fill three) and analytics cheap enough for many runs."""
    graph = Graph()
    for i in range(n):
        graph.add_node(Node(f"p{i}", f"Person {i}{tag}", "Person", [f"P{i}{tag}"]))
    for i in range(0, n - 1, 2):
        graph.add_edge(Edge(f"p{i}", f"p{i + 1}", "MET_WITH",
                            [Evidence("a1", f"Person {i} met Person {i + 1}.{tag}", i, i + 30, "2025-03")]),
                       symmetric=True)
    for a in range(15):
        graph.add_article(Article(f"a{a}", f"t{tag}", "2025-03", f"{a}.txt", "x" * 64, [f"p{i}" for i in range(n)]))
    return graph


def cli(data_dir: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def state(data_dir: Path, ontology) -> tuple:
    """(counts, digest of the whole stored graph), after checking the store's integrity."""
    store = FalkorStore.open(data_dir, ontology=ontology)
    try:
        graphs = store.client.list_graphs()
        assert not [g for g in graphs if STAGING_MARK in g and not _live_staging(g)], graphs
        if store.graph_name not in graphs:
            return ("{}", "")
        checks = {
            "edge without both ends": "MATCH (a)-[r]->(b) WHERE a.id IS NULL OR b.id IS NULL RETURN count(r)",
            "half-written entity": "MATCH (n:Entity) WHERE n.name IS NULL OR n.label IS NULL OR size(labels(n)) < 2 "
                                   "RETURN count(n)",
            "half-written relation": "MATCH (:Entity)-[r]->(:Entity) WHERE r.key IS NULL OR r.weight <> size(r.quotes) "
                                     "OR size(r.quotes) <> size(r.articles) RETURN count(r)",
        }
        for problem, query in checks.items():
            assert store.read(query).rows == [[0]], problem
        data = json.dumps(store.export_graph().to_dict(), sort_keys=True)
        return (json.dumps(store.counts(), sort_keys=True), hashlib.sha256(data.encode()).hexdigest())
    finally:
        store.close()


def _live_staging(name: str) -> bool:
    pid = name.rsplit(STAGING_MARK, 1)[1]
    return pid.isdigit() and server._pid_alive(int(pid))


def kill_during(data_dir: Path, args: list[str], *, at_percent: int | None = None,
                at_seconds: float | None = None) -> bool:
    """Run `actorgraph ARGS` with stderr on a pseudo-terminal (so it draws its progress bar) and
    SIGKILL it once the bar reaches at_percent, or after at_seconds. True if it was killed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "actorgraph", "--data-dir", str(data_dir), *args],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, env=ENV)
    os.close(slave)
    started, seen = time.monotonic(), b""
    try:
        while proc.poll() is None:
            if at_seconds is not None and time.monotonic() - started >= at_seconds:
                break
            ready, _, _ = select.select([master], [], [], 0.01)
            if ready:
                try:
                    seen += os.read(master, 4096)
                except OSError:
                    pass
                percents = [int(p) for p in re.findall(rb"(\d+)%", seen)]
                if at_percent is not None and percents and percents[-1] >= at_percent:
                    break
            if time.monotonic() - started > 120:
                raise AssertionError(f"{args} ran for two minutes")
        if proc.poll() is not None:
            return False
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash-files")
    write_graph(pairs_graph(1000), folder / "a.json")
    write_graph(pairs_graph(1200, tag="b"), folder / "b.json")
    return folder


@pytest.fixture(scope="module")
def reference(files, tmp_path_factory, ontology):
    """States of uninterrupted runs: A loaded; then B merged in; then the snapshot built."""
    path = tmp_path_factory.mktemp("crash-reference")
    cli(path, "load", str(files / "a.json"))
    a = state(path, ontology)
    cli(path, "load", str(files / "b.json"))
    ab = state(path, ontology)
    cli(path, "build", "--no-html")
    built = state(path, ontology)
    server.stop_server(path)
    return {"a": a, "ab": ab, "built": built}


def test_load_killed_after_each_batch_and_at_random_moments(data_dir, files, reference, ontology):
    cli(data_dir, "load", str(files / "a.json"))
    assert state(data_dir, ontology) == reference["a"]
    allowed = {reference["a"], reference["ab"]}
    rng = random.Random(8)
    points = [{"at_percent": p} for p in (16, 33, 50, 66, 83, 100)]
    points += [{"at_seconds": rng.uniform(0.2, 1.5)} for _ in range(4)]
    killed = 0
    for point in points:
        killed += kill_during(data_dir, ["load", str(files / "b.json")], **point)
        assert state(data_dir, ontology) in allowed, f"a reader saw a half-applied load (killed at {point})"
    cli(data_dir, "load", str(files / "b.json"))
    assert state(data_dir, ontology) == reference["ab"]
    assert server.live_leases(data_dir) == [], "leases of killed runs are cleaned"
    KILLS["load (merge)"] = killed
    assert killed >= 8, f"only {killed} of {len(points)} kills landed while the load ran"


def test_replacing_load_killed_midway_keeps_the_old_graph(data_dir, files, reference, ontology):
    cli(data_dir, "load", str(files / "b.json"))
    cli(data_dir, "load", "--replace", str(files / "a.json"))
    assert state(data_dir, ontology) == reference["a"]  # replace: exactly A again
    killed = 0
    for percent in (33, 66):
        killed += kill_during(data_dir, ["load", "--replace", str(files / "b.json")], at_percent=percent)
        assert state(data_dir, ontology)[1] in {reference["a"][1], _replaced_b(files, ontology)}
    KILLS["load --replace"] = killed


_B_ALONE: dict[str, str] = {}


def _replaced_b(files: Path, ontology) -> str:
    """Digest of a store holding exactly B (what a completed `load --replace b.json` leaves)."""
    if "b" not in _B_ALONE:
        path = files / "b-alone"
        cli(path, "load", str(files / "b.json"))
        _B_ALONE["b"] = state(path, ontology)[1]
        server.stop_server(path)
    return _B_ALONE["b"]


def test_build_killed_at_random_moments_then_converges(data_dir, files, reference, ontology, tmp_path):
    if not SNAPSHOT.exists():
        pytest.skip("graph/snapshot.json has not been generated yet")
    cli(data_dir, "load", str(files / "a.json"))
    cli(data_dir, "load", str(files / "b.json"))
    html = tmp_path / "view" / "index.html"
    html.parent.mkdir()
    html.write_text("<!doctype html><p>the previous view</p></html>\n")
    allowed = {reference["ab"], reference["built"]}
    rng = random.Random(9)
    killed = 0
    for _ in range(4):
        killed += kill_during(data_dir, ["build", "--out", str(html)], at_seconds=rng.uniform(0.15, 0.6))
        assert state(data_dir, ontology) in allowed
        text = html.read_text(encoding="utf-8")
        assert text.rstrip().endswith("</html>"), "the HTML view was left half-written"
        assert [p.name for p in html.parent.iterdir()] == ["index.html"], "temporary files left behind"
    cli(data_dir, "build", "--out", str(html))
    assert state(data_dir, ontology) == reference["built"]
    KILLS["build (snapshot, HTML)"] = killed
    assert killed >= 3


def test_build_from_articles_killed_during_extraction_or_load(data_dir, reference, ontology):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the project")
    cli(data_dir, "build", "--no-html")
    rng = random.Random(10)
    killed, seen = 0, {reference["built"]}
    for _ in range(4):
        killed += kill_during(data_dir, ["build", "--no-html", str(CORPUS)], at_seconds=rng.uniform(0.15, 0.7))
        seen.add(state(data_dir, ontology))
    cli(data_dir, "build", "--no-html", str(CORPUS))
    final = state(data_dir, ontology)
    assert seen <= {reference["built"], final}, "a killed build left a graph that is neither before nor after"
    KILLS["build ARTICLES"] = killed


def test_report_kill_points():
    """Prints the numbers for docs/reliability.md (run with -s to see them)."""
    print(f"\nkill points that interrupted a run: {KILLS} (total {sum(KILLS.values())})")
