"""The server's cost of setting late node values (the analytics of a load) by id and by position.

    python -m benchmarks.late_values [--edges 200000] [--repeats 3]

On one server, in each repeat and for each way in turn (the order alternates), the synthetic
graph of ``bench_store.synthetic_graph`` is created in an empty graph by the loader's own
batches (``FalkorStore._send_all``), and once the server is idle, degree/betweenness/community-
like values are set on every node: *by id*, rows ``[id, value, ...]`` that find each node
through the index (``cypher.SET_NODE_VALUES``, what a load sent before), or *by position*, one
statement over the nodes' numbers (``cypher.SET_VALUES_BY_POSITION``, what a load into a fresh
staging graph sends now). Prints medians of the server's CPU seconds and of wall seconds for
the statement alone, the paired ratio by position / by id and the load average.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from actorgraph import cypher
from actorgraph.ontology import load_ontology
from actorgraph.settings import PROJECT_ROOT
from actorgraph.store import rows, server
from actorgraph.store.falkor import FalkorStore, _chunks, _encode_rows, _plan, _Prepared, _statements

from .bench_scale import _server_cpu, _until_server_idle
from .bench_store import synthetic_graph

NAMES = ["degree", "betweenness", "community"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    ontology = load_ontology(PROJECT_ROOT / "graph" / "ontology.yaml")
    graph = synthetic_graph(args.edges)
    order = [node.id for nodes in rows.nodes_by_label(graph).values() for node in nodes]  # creation order
    rng = random.Random(5)
    values = {node_id: [rng.randrange(60), rng.random() / rng.choice([10, 100, 1000]), rng.randrange(300)]
              for node_id in order}
    by_id = [(cypher.set_node_values(NAMES), functools.partial(list, chunk))
             for chunk in _chunks([[node_id, *values[node_id]] for node_id in order])]
    header = b"CYPHER ids=" + _encode_rows(order) + b"".join(
        b" v%d=" % i + _encode_rows([values[node_id][i] for node_id in order]) for i in range(len(NAMES)))
    by_position = [(cypher.set_values_by_position(NAMES), lambda: _Prepared(header))]
    runs: dict[str, list[tuple[float, float]]] = {"by id": [], "by position": []}
    with tempfile.TemporaryDirectory(prefix="bench-late-") as tmp:
        store = FalkorStore.open(Path(tmp) / "store", ontology=ontology)
        pid = server.running(store.data_dir).pid
        try:
            for i in range(args.repeats):
                for way in (["by id", "by position"] if i % 2 == 0 else ["by position", "by id"]):
                    store._delete_graph("late")
                    for statement in cypher.FALKOR_SCHEMA:
                        store._run(statement, None, read_only=False, graph="late")
                    total, plan = _plan(graph)
                    store._send_all("late", _statements(plan, True), None, total)
                    _until_server_idle(pid)
                    cpu, started = _server_cpu(pid), time.perf_counter()
                    store._send_all("late", by_id if way == "by id" else by_position, None)
                    runs[way].append((_server_cpu(pid) - cpu, time.perf_counter() - started))
                    stored = store._run("MATCH (n:Entity) WHERE n.community IS NULL RETURN count(n)", None,
                                        read_only=True, graph="late").rows[0][0]
                    assert stored == 0, f"{way}: {stored} nodes without the values"
                print(f"run {i + 1}: " + ", ".join(f"{way} {r[-1][0]:.2f} server CPU-s, {r[-1][1]:.2f} s"
                                                   for way, r in runs.items()), flush=True)
            store._delete_graph("late")
        finally:
            store.close()
            server.stop_server(store.data_dir)
    for way, measured in runs.items():
        print(f"{way}: server CPU {statistics.median(c for c, _ in measured):.2f} s, "
              f"wall {statistics.median(w for _, w in measured):.2f} s (medians of {len(measured)})")
    ratio = statistics.median(p[0] / i[0] for p, i in zip(runs["by position"], runs["by id"]))
    print(f"paired by position / by id, server CPU: {ratio:.3f}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
