"""CPU per named query on a stored graph, for paired before/after comparisons.

    python -m benchmarks.bench_query_cpu --store DIR --kind nb|sp [--n 30] [--seed 1] [--without-hiredis]

Runs ``--n`` random 2-hop ``neighbourhood`` queries (``nb``) or ``shortest_path`` searches
(``sp``) through ``queries.run_named`` on the synthetic graph in DIR (one that
``bench_scale --keep-store DIR`` loaded) and prints one JSON line: the client's CPU per
query (``time.process_time``), the server's (``/proc/PID/stat`` of the FalkorDB server over
the same calls) and wall time. CPU is the figure to compare on a shared machine; take the
two sides in turn, e.g. the code before a change through ``PYTHONPATH=OLD/src`` (with
``--without-hiredis`` where that code did not install hiredis), then this code, three times.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--kind", choices=["nb", "sp"], required=True)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--without-hiredis", action="store_true",
                        help="parse replies with redis-py's Python parser, as before hiredis was a dependency")
    args = parser.parse_args()
    if args.without_hiredis:
        sys.modules["hiredis"] = None  # redis-py then falls back to its own parser
    from actorgraph import queries
    from actorgraph.ontology import load_ontology
    from actorgraph.settings import PROJECT_ROOT
    from actorgraph.store import server
    from actorgraph.store.falkor import FalkorStore

    store = FalkorStore.open(args.store, ontology=load_ontology(PROJECT_ROOT / "graph" / "ontology.yaml"))
    n_people = json.loads((args.store / "bench-scale.json").read_text())["people"]
    stat = Path(f"/proc/{server.running(args.store).pid}/stat")

    def server_cpu() -> float:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    library = queries.load_library()
    rng = random.Random(args.seed)
    person = lambda: f"person-{rng.randrange(n_people)}"  # noqa: E731
    client, wall, started_server = [], [], 0.0
    for i in range(args.n + 1):  # the first call warms the caches and is not counted
        if args.kind == "nb":
            query, raw = library["neighbourhood"], {"actor": person(), "hops": "2"}
        else:
            query, raw = library["shortest_path"], {"source": person(), "target": person()}
        if i == 1:
            started_server = server_cpu()
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        queries.run_named(store, query, raw)
        if i:
            client.append(time.process_time() - cpu_start)
            wall.append(time.perf_counter() - wall_start)
    server_mean = (server_cpu() - started_server) / args.n
    store.close()
    print(json.dumps({"kind": args.kind, "n": args.n, "hiredis": not args.without_hiredis,
                      "client_cpu_p50_ms": round(1000 * statistics.median(client), 1),
                      "client_cpu_max_ms": round(1000 * max(client), 1),
                      "server_cpu_mean_ms": round(1000 * server_mean, 1),
                      "wall_p50_ms": round(1000 * statistics.median(wall), 1),
                      "wall_max_ms": round(1000 * max(wall), 1)}))


if __name__ == "__main__":
    main()
