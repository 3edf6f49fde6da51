"""The store step of two checkouts, paired: `FalkorStore.load(replace=True)` of each in turn.

    python -m benchmarks.store_step_pair THIS/src OTHER/src [--repeats 4] [--edges 200000] [--late]

One server; in each repeat the engine's raw `UNWIND … CREATE` time (bench_scale.time_raw),
then each checkout's store step in a child process (the order alternates between repeats),
each started once the server is idle. ``--late``: the load also takes analytics-like values
(degree, betweenness, community) that are never ready before a node batch, so all of them
are set late, as in `actorgraph load` of a large graph. Prints medians (wall, client and server
CPU seconds), the paired ratios this/other and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from actorgraph.model import write_graph
from actorgraph.ontology import load_ontology
from actorgraph.settings import PROJECT_ROOT
from actorgraph.store import server
from actorgraph.store.falkor import FalkorStore

from .bench_scale import _until_server_idle, time_raw
from .bench_store import synthetic_graph

CHILD = r'''
import json, os, random, sys, time
from pathlib import Path
from actorgraph.model import read_graph
from actorgraph.ontology import load_ontology
from actorgraph.store import server
from actorgraph.store.falkor import FalkorStore
ontology = load_ontology(Path(sys.argv[3]))
graph = read_graph(Path(sys.argv[2]), ontology)
store = FalkorStore.open(Path(sys.argv[1]), ontology=ontology)
pid = server.running(store.data_dir).pid
def server_cpu():
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
rng = random.Random(5)
values = {i: {"degree": rng.randrange(60), "betweenness": rng.random() / rng.choice([10, 100, 1000]),
              "community": rng.randrange(300)} for i in graph.nodes}
def node_properties(wait=True):
    if not wait:
        return None
    for node_id, props in values.items():
        graph.nodes[node_id].props.update(props)
    return values
late = {"node_properties": node_properties} if sys.argv[4] == "1" else {}
cpu, client, started = server_cpu(), time.process_time(), time.perf_counter()
store.load(graph, replace=True, **late)
print(json.dumps({"wall": time.perf_counter() - started, "client_cpu": time.process_time() - client,
                  "server_cpu": server_cpu() - cpu}))
store.close()
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("this", type=Path)
    parser.add_argument("other", type=Path)
    parser.add_argument("--repeats", type=int, default=4)
    parser.add_argument("--edges", type=int, default=200_000)
    parser.add_argument("--late", action="store_true")
    args = parser.parse_args()
    ontology_path = PROJECT_ROOT / "graph" / "ontology.yaml"
    ontology = load_ontology(ontology_path)
    graph = synthetic_graph(args.edges)
    sources = {"this": args.this.resolve(), "other": args.other.resolve()}
    runs: dict[str, list[dict]] = {"raw": [], "this": [], "other": []}
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-pair-") as tmp:
        graph_file = Path(tmp) / "graph.json"
        write_graph(graph, graph_file)
        store = FalkorStore.open(Path(tmp) / "store", ontology=ontology)
        try:
            for i in range(args.repeats):
                runs["raw"].append(time_raw(store, graph))
                for which in (["this", "other"] if i % 2 == 0 else ["other", "this"]):
                    _until_server_idle(server.running(store.data_dir).pid)
                    done = subprocess.run([sys.executable, "-c", CHILD, str(store.data_dir), str(graph_file),
                                           str(ontology_path), "1" if args.late else "0"],
                                          env=dict(os.environ, PYTHONPATH=str(sources[which])),
                                          capture_output=True, text=True, check=True)
                    runs[which].append(json.loads(done.stdout))
                print(f"run {i + 1}: " + ", ".join(f"{k} {v[-1]['wall']:.2f} s" for k, v in runs.items()), flush=True)
        finally:
            store.close()
            server.stop_server(store.data_dir)

    def median(which: str, key: str) -> float:
        return round(statistics.median(r[key] for r in runs[which]), 2)

    raw = median("raw", "wall")
    print(f"raw: wall {raw} s, server CPU {median('raw', 'server_cpu')} s")
    for which in ("this", "other"):
        print(f"{which} ({sources[which]}): wall {median(which, 'wall')} s ({raw / median(which, 'wall'):.2f} x the raw "
              f"rate), client CPU {median(which, 'client_cpu')} s, server CPU {median(which, 'server_cpu')} s")
    for key in ("wall", "client_cpu", "server_cpu"):
        ratio = statistics.median(a[key] / b[key] for a, b in zip(runs["this"], runs["other"]))
        print(f"paired this/other {key}: {ratio:.3f}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
