"""Separate processes on one store at the same time: a load while several readers query, and two
loads at once. Real processes, real embedded server.

Readers must always succeed and always see a whole graph (the one before the load or the one
after, never a mix, never going back); two loads must run one after the other (the second
says it is waiting), so the result is that of one of the two sequential orders.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import pytest

from actorgraph.model import write_graph
from actorgraph.store import server

from .test_crash_safety import ENV, cli, pairs_graph, state

READER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from actorgraph.ontology import load_ontology
    from actorgraph.store.falkor import FalkorStore
    store = FalkorStore.open(Path(sys.argv[1]), ontology=load_ontology(Path(sys.argv[2])))
    stop, until = Path(sys.argv[3]), time.monotonic() + 90
    seen = []
    while not stop.exists() and time.monotonic() < until:
        # one query, so one look at the graph (separate queries could straddle the swap)
        seen.append(store.read(
            "MATCH (n:Entity) WITH count(n) AS nodes, sum(CASE WHEN n.name ENDS WITH 'b' THEN 1 ELSE 0 END) AS tagged "
            "OPTIONAL MATCH (:Entity)-[r]->(:Entity) WITH nodes, tagged, count(r) AS edges "
            "OPTIONAL MATCH (:Article)-[m:MENTIONS]->(:Entity) "
            "RETURN nodes, edges, count(m) AS mentions, tagged").rows[0])
        time.sleep(0.02)
    store.close()
    print(json.dumps(seen))
""")


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("concurrency-files")
    write_graph(pairs_graph(1000), folder / "a.json")
    write_graph(pairs_graph(1200, tag="b"), folder / "b.json")
    write_graph(pairs_graph(1400, tag="c"), folder / "c.json")
    return folder


def spawn(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=ENV, **kwargs)


def test_a_load_and_several_readers_at_once(data_dir, graphs, ontology, tmp_path):
    cli(data_dir, "load", str(graphs / "a.json"))
    server.start_server(data_dir, pin=True)
    before, after = [1000, 500, 15000, 0], [1200, 600, 18000, 1200]
    stop = tmp_path / "stop"
    readers = [spawn("-c", READER, str(data_dir), str(ontology.path), str(stop)) for _ in range(3)]
    cli_readers = [spawn("-m", "actorgraph", "--data-dir", str(data_dir), "query", "-e",
                         "MATCH (n:Entity) RETURN count(n) AS n", "--format", "json") for _ in range(2)]
    time.sleep(1.0)  # the readers are reading
    loader = spawn("-m", "actorgraph", "--data-dir", str(data_dir), "load", str(graphs / "b.json"))
    more_cli = []
    while loader.poll() is None and len(more_cli) < 3:
        more_cli.append(spawn("-m", "actorgraph", "--data-dir", str(data_dir), "query", "most_connected",
                              "-p", "limit=3", "--format", "json"))
        time.sleep(0.3)
    out, err = loader.communicate(timeout=120)
    assert loader.returncode == 0, err
    time.sleep(0.5)  # the readers read the new graph for a while
    stop.touch()
    saw_the_swap = False
    for proc in readers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        seen = json.loads(out)
        saw_the_swap |= before in seen and after in seen
        assert seen and all(s in (before, after) for s in seen), f"a reader saw a partial graph: {seen}"
        switched = [s == after for s in seen]
        assert switched == sorted(switched), "a reader went back to the old graph"
    for proc in cli_readers + more_cli:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and err == "", err
        json.loads(out)
    assert saw_the_swap, "no reader was reading while the load swapped the graph in"
    assert more_cli, "the load ended before any query started alongside it"
    assert state(data_dir, ontology)[0] == json.dumps(
        {"articles": 15, "edges": {"MET_WITH": 600}, "nodes": {"Person": 1200}}, sort_keys=True)


@pytest.fixture(scope="module")
def sequential(graphs, tmp_path_factory, ontology):
    """The stores that loading a, then b and c in either order, gives."""
    results = set()
    for order in (("b", "c"), ("c", "b")):
        path = tmp_path_factory.mktemp("concurrency-reference")
        for name in ("a", *order):
            cli(path, "load", str(graphs / f"{name}.json"))
        results.add(state(path, ontology))
        server.stop_server(path)
    return results


def test_two_loads_at_once_are_serialised(data_dir, graphs, ontology, sequential):
    cli(data_dir, "load", str(graphs / "a.json"))
    server.start_server(data_dir, pin=True)
    loads = [spawn("-m", "actorgraph", "--data-dir", str(data_dir), "load", str(graphs / f"{name}.json"))
             for name in ("b", "c")]
    outputs = [proc.communicate(timeout=120) for proc in loads]
    assert [proc.returncode for proc in loads] == [0, 0], outputs
    assert state(data_dir, ontology) in sequential, "the two loads were interleaved (or one was lost)"
    waited = [err for _, err in outputs if "waiting for another load into this store to finish" in err]
    # Both finished; if they overlapped, the second said it was waiting (they may also not overlap).
    assert len(waited) <= 1
    assert all(err in ("", "waiting for another load into this store to finish...\n") for _, err in outputs), outputs


def test_two_builds_at_once_both_succeed_with_one_result(data_dir, ontology):
    procs = [spawn("-m", "actorgraph", "--data-dir", str(data_dir), "build", "--no-html") for _ in range(2)]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs
    first = state(data_dir, ontology)
    cli(data_dir, "build", "--no-html")
    assert state(data_dir, ontology) == first


def test_a_load_waits_for_one_in_progress_and_says_so(data_dir, graphs, ontology, sequential):
    """Hold the load lock from here (as a running load would) and start a load: it waits, then runs."""
    import fcntl

    cli(data_dir, "load", str(graphs / "a.json"))
    with open(data_dir / "load.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        proc = spawn("-m", "actorgraph", "--data-dir", str(data_dir), "load", str(graphs / "b.json"))
        time.sleep(3)
        assert proc.poll() is None, "the load did not wait for the lock"
        fcntl.flock(handle, fcntl.LOCK_UN)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0
    assert err == "waiting for another load into this store to finish...\n"
    assert "the store now holds 1200 actors" in out
