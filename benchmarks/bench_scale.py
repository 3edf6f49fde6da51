"""What a user waits for at scale: `actorgraph load` beside the engine, queries at 1M relationships.

    python -m benchmarks.bench_scale [--load-edges 200000] [--latency-edges 1000000]
                                     [--repeats 3] [--samples 200] [--cli-samples 20]
                                     [--against OTHER/src]

- *Load* (synthetic graph of ``bench_store.synthetic_graph``: 4 relations per person):
  repeated ``--repeats`` times in turn on one server, the median of each is reported:
  the engine's raw rate (the loader's own ``UNWIND $rows … CREATE`` statements, their
  rows and parameter text made before the clock starts, into an empty graph with the
  same indexes); the store step (``FalkorStore.load(replace=True)``: rows, parameter
  text, staging graph, rename, save); and the whole command ``actorgraph load FILE
  --replace`` in a child process (reading the JSON, analytics, the store step, counts),
  with the moments its phases began and ended (benchmarks/load_phases.py), and with
  ``--against OTHER/src`` another checkout's whole command in turn with it (paired ratios).
  Wall seconds, and CPU seconds of the client and of the server (from /proc): the
  machine is shared, so CPU seconds are the steadier figure.
- *Latency*: a graph of ``--latency-edges`` is loaded by the loader (or reused from
  ``--keep-store DIR``), the benchmark drops it from memory, and a separate client process
  (which holds no graph) measures p50/p99 of the named 2-hop ``neighbourhood`` query
  through the library (``queries.run_named``: actor lookup, query, results parsed), the
  server's own time for the same query text (FalkorDB's reported execution time),
  ``shortest_path`` (``run_named`` as `actorgraph query shortest_path` runs it), and end
  to end through the CLI (`actorgraph query neighbourhood -p actor=ID -p hops=2 --format
  csv`) beside the CLI's own start-up (`actorgraph query -e 'RETURN 1'` on the same store).
- *Memory*: peak resident set of the server (VmHWM) and of each `actorgraph load`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from actorgraph import cypher
from actorgraph.model import write_graph
from actorgraph.ontology import load_ontology
from actorgraph.settings import PROJECT_ROOT
from actorgraph.store import server
from actorgraph.store.falkor import FalkorStore, _batches, _encode_rows

from .bench_store import synthetic_graph
from .machine import describe

ACTORGRAPH = [sys.executable, "-m", "actorgraph"]


def _server_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _process_cpu() -> float:
    times = os.times()
    return times.user + times.system


def _until_server_idle(pid: int, quiet: float = 0.3, longest: float = 10.0) -> None:
    """Wait until the server has used no CPU for ``quiet`` seconds (at most ``longest``): it frees
    a deleted or replaced graph in a background thread (0.15-0.25 CPU-s at 200,000 relations)
    after the command that dropped it returned, which would otherwise be charged to whatever
    is measured next."""
    deadline = time.monotonic() + longest
    while time.monotonic() < deadline:
        before = _server_cpu(pid)
        time.sleep(quiet)
        if _server_cpu(pid) - before < 0.02:
            return


def time_raw(store: FalkorStore, graph, name: str = "raw") -> dict:
    """The loader's CREATE statements with rows and parameter text ready: the engine's own work."""
    ready = [(statement, _encode_rows(batch)) for statement, batch in _batches(store.ontology, graph, fresh=True)]
    store._delete_graph(name)
    for statement in cypher.FALKOR_SCHEMA:
        store._run(statement, None, read_only=False, graph=name)
    pid = server.running(store.data_dir).pid
    _until_server_idle(pid)
    cpu, started = _server_cpu(pid), time.perf_counter()
    nodes_done = started
    for statement, header in ready:
        store._send(name, statement, header)
        if "CREATE (n:Entity:" in statement:  # (cypher.CREATE_ENTITIES)
            nodes_done = time.perf_counter()  # the node batches come first
    wall = time.perf_counter() - started
    result = {"wall": wall, "server_cpu": _server_cpu(pid) - cpu, "nodes_wall": nodes_done - started}
    store._delete_graph(name)
    return result


def time_store_step(store: FalkorStore, graph) -> dict:
    pid = server.running(store.data_dir).pid
    _until_server_idle(pid)
    cpu, client, started = _server_cpu(pid), _process_cpu(), time.perf_counter()
    store.load(graph, replace=True)
    return {"wall": time.perf_counter() - started, "client_cpu": _process_cpu() - client,
            "server_cpu": _server_cpu(pid) - cpu}


# The command runs under a small launcher process: a child forked straight from this one (which
# holds the generated graph, about 1 GB) would report this process's size as its own peak,
# since the peak resident set is kept across exec.
_LAUNCHER = """
import json, os, subprocess, sys, time
started, launched = time.perf_counter(), time.time()
command = [str(launched) if arg == "{launched}" else arg for arg in sys.argv[1:]]
child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
error = child.stderr.read()
_, status, usage = os.wait4(child.pid, 0)
print(json.dumps({"wall": time.perf_counter() - started, "status": status, "error": error.decode()[-500:],
                  "client_cpu": usage.ru_utime + usage.ru_stime, "peak_mb": round(usage.ru_maxrss / 1024, 1)}))
"""


def time_command(data_dir: Path, graph_file: Path, against: Path | None = None) -> dict:
    """`actorgraph load FILE --replace` in a child process: wall, its CPU (the analytics process it
    forks included) and peak memory, the server's CPU, and when its phases began and ended
    (benchmarks/load_phases.py: the same command, a few functions noted). ``against``: another
    checkout's src folder, whose `python -m actorgraph` runs instead (no phases)."""
    pid = server.running(data_dir).pid
    _until_server_idle(pid)
    cpu = _server_cpu(pid)
    arguments = ["--data-dir", str(data_dir), "load", str(graph_file), "--replace"]
    with tempfile.TemporaryDirectory(prefix="bench-phases-") as tmp:
        phases_file = Path(tmp) / "phases.json"
        command = ([*ACTORGRAPH, *arguments] if against else
                   [sys.executable, "-m", "benchmarks.load_phases", str(phases_file), "{launched}", *arguments])
        env = dict(os.environ, PYTHONPATH=str(Path(against).resolve())) if against else None
        launched = subprocess.run([sys.executable, "-c", _LAUNCHER, *command], capture_output=True, text=True,
                                  check=True, cwd=PROJECT_ROOT, env=env)
        result = json.loads(launched.stdout)
        if result.pop("status"):
            raise RuntimeError(f"actorgraph load failed: {result['error']}")
        phases = None if against else json.loads(phases_file.read_text())
    del result["error"]
    return {**result, "server_cpu": _server_cpu(pid) - cpu, **({"phases": phases} if phases else {})}


# The phases of the whole command that render() reports: (label, phase, which call, begin or end).
PHASE_MARKS = [("start-up done", "imports", 0, 1), ("file parsed", "parse", 0, 1),
               ("graph built", "graph objects", 0, 1), ("analytics child began", "analytics child", 0, 0),
               ("first batch sent", "send", 0, 0), ("analytics values computed", "analytics child", 0, 1),
               ("analytics values taken", "analytics answer taken", 0, 1),
               ("late values' batch made", "late values", 0, 1), ("rows sent", "send", 0, 1),
               ("late values sent apart (by id)", "send", 1, 1), ("saved", "save", -1, 1),
               ("command done", "end", 0, 1)]


def phase_medians(runs: list[dict]) -> dict:
    """Median seconds from launch of each PHASE_MARKS moment over the runs (those that have it),
    the nodes sent before the analytics values were ready, and the process exit."""
    medians: dict = {}
    for label, phase, call, end in PHASE_MARKS:
        times = [r["phases"][phase][call][end] for r in runs
                 if len(r.get("phases", {}).get(phase, [])) > max(call, -call - 1)]
        if times:
            medians[label] = round(statistics.median(times), 2)
    medians["process exit"] = round(statistics.median(r["wall"] for r in runs), 2)
    before = [r["phases"].get("nodes sent before the analytics") for r in runs if "phases" in r]
    medians["nodes sent before the analytics values"] = [b for b in before]
    return medians


def load_comparison(ontology, edges: int, repeats: int, log=print, against: Path | None = None) -> dict:
    """``against``: another checkout's src folder; its whole command runs beside this one's in
    each repeat, the two in turn (this one first in odd repeats, second in even ones)."""
    graph = synthetic_graph(edges)
    runs: dict[str, list[dict]] = {"raw": [], "store step": [], "command": []}
    if against:
        runs["command, against"] = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        data_dir, graph_file = Path(tmp) / "store", Path(tmp) / "graph.json"
        write_graph(graph, graph_file)
        store = FalkorStore.open(data_dir, ontology=ontology)
        try:
            for i in range(repeats):
                runs["raw"].append(time_raw(store, graph))
                runs["store step"].append(time_store_step(store, graph))
                for which in (["command", "command, against"][:: 1 if i % 2 == 0 else -1] if against
                              else ["command"]):
                    runs[which].append(time_command(data_dir, graph_file, against if "against" in which else None))
                log(f"  load {edges:,}, run {i + 1}: " + ", ".join(
                    f"{k} {v[-1]['wall']:.2f} s" for k, v in runs.items()))
            peak = _server_peak_mb(server.running(data_dir).pid)
        finally:
            store.close()
            server.stop_server(data_dir)
    medians = {name: {key: round(statistics.median(r[key] for r in rs), 2) for key in rs[0] if key != "phases"}
               for name, rs in runs.items()}
    raw = medians["raw"]["wall"]
    return {"edges": len(graph.edges), "nodes": len(graph.nodes), "repeats": repeats, "medians": medians,
            "command_phases": phase_medians(runs["command"]),
            **({"against": str(against), "paired_against": {
                key: round(statistics.median(a[key] / b[key] for a, b in zip(runs["command"], runs["command, against"])), 3)
                for key in ("wall", "client_cpu")}} if against else {}),
            "ratio_store_step": round(raw / medians["store step"]["wall"], 2),
            "command_over_raw": round(medians["command"]["wall"] / raw, 2),
            "server_peak_mb": peak, "runs": runs}


def command_once(ontology, edges: int, log=print) -> dict:
    """One `actorgraph load FILE --replace` of a large graph into a fresh store: time and peak memory."""
    graph = synthetic_graph(edges)
    nodes = len(graph.nodes)
    with tempfile.TemporaryDirectory(prefix="bench-command-") as tmp:
        data_dir, graph_file = Path(tmp) / "store", Path(tmp) / "graph.json"
        write_graph(graph, graph_file)
        del graph
        gc.collect()
        store = FalkorStore.open(data_dir, ontology=ontology)  # holds the server up to read its peak
        try:
            result = time_command(data_dir, graph_file)
            result.update(edges=edges, nodes=nodes, file_mb=round(graph_file.stat().st_size / 1e6),
                          server_peak_mb=_server_peak_mb(server.running(data_dir).pid))
        finally:
            store.close()
            server.stop_server(data_dir)
    log(f"  actorgraph load of {edges:,} relationships: {result['wall']:.1f} s")
    return result


def latency(ontology, edges: int, samples: int, cli_samples: int, log=print, keep: Path | None = None) -> dict:
    """Load a synthetic graph of `edges` relationships and probe it from a separate process.

    keep: a data dir to load into and leave there (with a note of what it holds), so the
    next run with the same `keep` and `edges` skips the two-minute load.
    """
    with contextlib.ExitStack() as stack:
        data_dir = keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-latency-"))) / "store"
        note = data_dir / "bench-scale.json"
        held = json.loads(note.read_text()) if keep and note.exists() else {}
        store = FalkorStore.open(data_dir, ontology=ontology)
        try:
            if held.get("edges") == edges:
                step, nodes, n_people = held["load"], held["nodes"], held["people"]
                log(f"  reusing the {edges:,} relationships loaded in {data_dir}")
            else:
                graph = synthetic_graph(edges)
                n_people = sum(1 for n in graph.nodes if n.startswith("person-"))
                nodes = len(graph.nodes)
                step = time_store_step(store, graph)
                log(f"  loaded {edges:,} relationships in {step['wall']:.1f} s")
                del graph
                gc.collect()
                if keep:
                    note.write_text(json.dumps({"edges": edges, "nodes": nodes, "people": n_people, "load": step}))
            people = range(n_people)
            probe = subprocess.run([sys.executable, "-m", "benchmarks.bench_scale", "--probe", str(data_dir),
                                    "--people", str(len(people)), "--samples", str(samples),
                                    "--cli-samples", str(cli_samples)],
                                   capture_output=True, text=True, cwd=PROJECT_ROOT)
            if probe.returncode:
                raise RuntimeError(probe.stderr[-2000:])
            result = json.loads(probe.stdout)
            result.update(edges=edges, nodes=nodes, load=step,
                          server_peak_mb=_server_peak_mb(server.running(data_dir).pid))
        finally:
            store.close()
            if not keep:
                server.stop_server(data_dir)
    return result


def _percentiles(seconds: list[float]) -> dict:
    q = statistics.quantiles(sorted(seconds), n=100, method="inclusive")
    return {"p50_ms": round(q[49] * 1000, 1), "p99_ms": round(q[98] * 1000, 1), "n": len(seconds)}


def probe(data_dir: Path, n_people: int, samples: int, cli_samples: int) -> dict:
    """Run in a separate process that holds no graph: latencies as a user's client sees them."""
    from actorgraph import queries

    ontology = load_ontology(PROJECT_ROOT / "graph" / "ontology.yaml")
    store = FalkorStore.open(data_dir, ontology=ontology)
    raw_graph = store.client.select_graph(store.graph_name)
    named = queries.load_library()
    neighbourhood, shortest_path = named["neighbourhood"], named["shortest_path"]
    text = neighbourhood.text_for(store.name)
    rng = random.Random(3)
    people = [f"person-{rng.randrange(n_people)}" for _ in range(samples + 1)]
    library, server_side, rows = [], [], []
    for i, actor in enumerate(people):
        started = time.perf_counter()
        result = queries.run_named(store, neighbourhood, {"actor": actor, "hops": "2"})
        elapsed = time.perf_counter() - started
        server_ms = raw_graph.ro_query(text, {"actor": actor, "hops": 2}).run_time_ms
        if i:  # the first answer warms the caches
            library.append(elapsed)
            server_side.append(server_ms / 1000)
            rows.append(len(result.rows))
    shortest, hops = [], []
    deadline = time.perf_counter() + 120
    for i in range(min(samples, 100) + 1):
        source, target = (f"person-{rng.randrange(n_people)}" for _ in range(2))
        started = time.perf_counter()
        result = queries.run_named(store, shortest_path, {"source": source, "target": target})
        if i:
            shortest.append(time.perf_counter() - started)
            hops.append(result.rows[0][1] if result.rows else None)
        if time.perf_counter() > deadline and len(shortest) >= 20:
            break
    store.close()

    def cli(*args: str) -> float:
        started = time.perf_counter()
        subprocess.run([*ACTORGRAPH, "--data-dir", str(data_dir), *args], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - started

    cli_query, cli_start = [], []
    for i in range(cli_samples + 1):
        query = cli("query", "neighbourhood", "-p", f"actor=person-{rng.randrange(n_people)}", "-p", "hops=2",
                    "--format", "csv")
        start = cli("query", "-e", "RETURN 1", "--format", "csv")
        if i:
            cli_query.append(query)
            cli_start.append(start)
    return {"two_hop_library": _percentiles(library), "two_hop_server": _percentiles(server_side),
            "two_hop_mean_rows": round(statistics.mean(rows), 1),
            "shortest_path": _percentiles(shortest),
            "shortest_path_found": sum(h is not None for h in hops),
            "cli_two_hop": _percentiles(cli_query), "cli_start": _percentiles(cli_start)}


def render(results: dict) -> list[str]:
    """Markdown for docs/benchmarks.md."""
    out: list[str] = []
    load = results.get("load")
    if load:
        m = load["medians"]
        out += [f"### `actorgraph load` of {load['edges']:,} relationships / {load['nodes']:,} actors beside "
                "the engine", "",
                f"Medians of {load['repeats']} runs taken in turn on one server "
                "(`python -m benchmarks.bench_scale`); CPU seconds from the OS.", "",
                "| what | wall (s) | × raw wall | client CPU (s) | server CPU (s) | peak RSS (MB) |",
                "|---|---:|---:|---:|---:|---:|",
                f"| engine raw: the loader's `UNWIND … CREATE` statements, rows and parameter text made "
                f"beforehand (its node batches alone: {m['raw']['nodes_wall']} s) | {m['raw']['wall']} | 1.0 | – | "
                f"{m['raw']['server_cpu']} | |",
                f"| store step: `FalkorStore.load(replace=True)` (rows, parameter text, staging, rename, save) | "
                f"{m['store step']['wall']} | {m['store step']['wall'] / m['raw']['wall']:.2f} | "
                f"{m['store step']['client_cpu']} | {m['store step']['server_cpu']} | |",
                f"| whole command: `actorgraph load FILE --replace` (JSON, analytics, store step, counts) | "
                f"{m['command']['wall']} | {load['command_over_raw']} | {m['command']['client_cpu']} | "
                f"{m['command']['server_cpu']} | {m['command']['peak_mb']} |", "",
                f"Store step at {load['ratio_store_step']} × the engine's raw rate; whole command "
                f"{load['command_over_raw']} × the raw time. Server peak RSS: {load['server_peak_mb']} MB.", ""]
        if load.get("against"):
            a = m["command, against"]
            out += [f"Against `{load['against']}` (its `actorgraph load FILE --replace`, in turn with this one's in "
                    f"each repeat): wall {a['wall']} s, client CPU {a['client_cpu']} s, server CPU {a['server_cpu']} s; "
                    f"paired ratios this/against: wall {load['paired_against']['wall']}, client CPU "
                    f"{load['paired_against']['client_cpu']}.", ""]
        phases = load.get("command_phases")
        if phases:
            before = phases.pop("nodes sent before the analytics values", None)
            out += ["Phases of the whole command, median seconds from its launch: "
                    + "; ".join(f"{label} {seconds}" for label, seconds in phases.items())
                    + (f" (nodes sent before the analytics values were ready, by run: {before})" if before else "")
                    + ".", ""]
    lat = results.get("latency")
    if lat:
        out += [f"### Queries at {lat['edges']:,} relationships / {lat['nodes']:,} actors, from a separate "
                "client process", "",
                f"Loaded by the store step in {lat['load']['wall']:.1f} s; server peak RSS "
                f"{lat['server_peak_mb']} MB. The named `neighbourhood` query with `hops=2`, its actor "
                "given by id (resolved through the `keys` index as any name would be).", "",
                "| query | p50 ms | p99 ms | samples |", "|---|---:|---:|---:|"]
        for key, what in (("two_hop_server", "2-hop neighbourhood, server's own time"),
                          ("two_hop_library", "2-hop neighbourhood in process (`queries.run_named`: actor "
                                              "lookup, query, results parsed)"),
                          ("shortest_path", "`shortest_path` in process (bidirectional search)"),
                          ("cli_start", "CLI start-up: `actorgraph query -e 'RETURN 1'`"),
                          ("cli_two_hop", "2-hop neighbourhood through `actorgraph query neighbourhood -p "
                                          "actor=ID -p hops=2 --format csv`")):
            q = lat[key]
            out.append(f"| {what} | {q['p50_ms']} | {q['p99_ms']} | {q['n']} |")
        over = lat["cli_two_hop"]["p50_ms"] - lat["cli_start"]["p50_ms"]
        out += ["", f"2-hop results hold {lat['two_hop_mean_rows']} relations on average; `shortest_path` "
                f"found a path in {lat['shortest_path_found']} of {lat['shortest_path']['n']} random pairs; "
                f"a CLI query costs {over:.0f} ms (p50) over the CLI's own start-up.", ""]
    big = results.get("command")
    if big:
        out += [f"### One `actorgraph load` of {big['edges']:,} relationships / {big['nodes']:,} actors "
                f"into a fresh store", "",
                f"`python -m benchmarks.bench_scale --load-edges 0 --latency-edges 0 --command-edges "
                f"{big['edges']}`: {big['wall']:.1f} s wall, {big['client_cpu']:.1f} CPU-s in the command "
                f"and {big['server_cpu']:.1f} in the server; peak RSS {big['peak_mb']:,.0f} MB for the command "
                f"(reading a {big['file_mb']:,} MB graph file), {big['server_peak_mb']:,.0f} MB for the server.", ""]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-edges", type=int, default=200_000, help="0: skip the load comparison")
    parser.add_argument("--latency-edges", type=int, default=1_000_000, help="0: skip the latency run")
    parser.add_argument("--against", type=Path, metavar="OTHER/src",
                        help="also run another checkout's whole `actorgraph load` in turn with this one's")
    parser.add_argument("--command-edges", type=int, default=0,
                        help="also time one whole `actorgraph load` of this many relationships (peak memory)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--cli-samples", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--keep-store", type=Path, metavar="DIR",
                        help="load the latency graph into DIR and leave it there; "
                             "a later run with the same DIR and --latency-edges reuses it")
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--people", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.probe, args.people, args.samples, args.cli_samples)))
        return
    results = run(load_edges=args.load_edges, latency_edges=args.latency_edges, command_edges=args.command_edges,
                  against=args.against,
                  repeats=args.repeats,
                  samples=args.samples, cli_samples=args.cli_samples, keep=args.keep_store,
                  log=lambda m: print(m, file=sys.stderr, flush=True))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("\n".join(render(results)))


def run(*, load_edges: int, latency_edges: int, command_edges: int = 0, repeats: int = 3, samples: int = 200, cli_samples: int = 20,
        against: Path | None = None,
        log=print, keep: Path | None = None) -> dict:
    ontology = load_ontology(PROJECT_ROOT / "graph" / "ontology.yaml")
    results: dict = {"machine": describe(), "load_average_start": os.getloadavg()[0]}
    if load_edges:
        results["load"] = load_comparison(ontology, load_edges, repeats, log, against)
    if latency_edges:
        results["latency"] = latency(ontology, latency_edges, samples, cli_samples, log, keep)
    if command_edges:
        results["command"] = command_once(ontology, command_edges, log)
    results["load_average_end"] = os.getloadavg()[0]
    return results


if __name__ == "__main__":
    main()
