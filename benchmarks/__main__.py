"""Measure every stage side by side and write docs/benchmarks.md.

    python -m benchmarks [--quick] [--out docs/benchmarks.md] [--skip html,build,...] [--only extract]

Stages: extraction (1 and 2 processes, spaCy beside it when its model is installed, and
quality against the generator's intended graph), the embedded store (`actorgraph load`
and the store step beside the engine's raw rate, query latency at 1M relationships from
a separate client process, restart RDB vs AOF: benchmarks/bench_scale.py and
bench_store.py), Neo4j (when
NEO4J_URI is set), the HTML view (beside plain pyvis), and `actorgraph build` (time,
stages and peak memory at growing corpus sizes). --quick runs small sizes in about a
minute, to check the script; only a full run is worth reporting.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from actorgraph.ontology import load_ontology
from actorgraph.settings import PROJECT_ROOT

from . import bench_build, bench_scale, bench_store
from .corpus import compare, generate
from .machine import describe

FULL = {"extract_articles": 2000, "store_load": 200_000, "latency": 1_000_000, "repeats": 3, "cli_samples": 20,
        "command": 1_000_000,
        "restart": 10_000, "restart_limit": 300.0, "samples": 200, "html": [1000, 5000, 20000],
        "pyvis_timeout": 120.0, "draw": True, "build": [100, 1000, 10000]}
QUICK = {"extract_articles": 150, "store_load": 5_000, "latency": 10_000, "repeats": 2, "cli_samples": 3, "command": 0,
         "restart": 2_000, "restart_limit": 60.0, "samples": 40, "html": [1000],
         "pyvis_timeout": 20.0, "draw": False, "build": [30, 120]}
STAGES = ("extract", "store", "neo4j", "html", "build")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _load_average() -> float:
    """1-minute load average: above the core count, other processes shared the machine."""
    return round(os.getloadavg()[0], 1)


def bench_extraction(ontology, articles: int) -> dict:
    """Words/s of extract_paths (ingest, rules, resolution, curation) on 1 and 2 processes."""
    from actorgraph.ingest import read_paths
    from actorgraph.pipeline import extract_paths

    from .bench_extract import bench_spacy

    corpus = generate(articles, n_actors=bench_build.actors_for(articles), seed=11, ontology=ontology)
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        folder = corpus.write(Path(tmp))
        extract_paths([folder], ontology, jobs=1)  # warm-up: knowledge file, regexes, file cache
        quality = None
        for jobs in (1, 2):
            cpu_before = _cpu_seconds()
            started = time.perf_counter()
            result = extract_paths([folder], ontology, jobs=jobs)
            seconds = time.perf_counter() - started
            cpu = _cpu_seconds() - cpu_before
            runs.append({"jobs": jobs, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
                         "words_per_second": round(corpus.words / seconds),
                         "words_per_cpu_second": round(corpus.words / cpu)})
            log(f"  extraction, {jobs} process(es): {corpus.words / seconds:,.0f} words/s, "
                f"{corpus.words / cpu:,.0f} words per CPU-second")
            quality = quality or compare(corpus.intended, result.graph)
        spacy = bench_spacy(read_paths([folder]).documents[:200])
    return {"articles": articles, "words": corpus.words, "actors": bench_build.actors_for(articles),
            "runs": runs, "spacy": spacy, "quality": quality,
            "intended": {"nodes": len(corpus.intended.nodes), "edges": len(corpus.intended.edges)}}


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the extraction workers)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench_neo4j(ontology) -> dict | None:
    """Loader rate into Neo4j, only when NEO4J_URI names a server."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    from actorgraph.store.neo4j import Neo4jStore

    graph = bench_store.synthetic_graph(10_000)
    store = Neo4jStore.connect(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD"),
                               os.environ.get("NEO4J_DATABASE", "neo4j"), ontology)
    try:
        stats = store.load(graph, replace=True)
    finally:
        store.close()
    return {"edges": len(graph.edges), "seconds": round(stats.seconds, 2),
            "rel_per_s": round(len(graph.edges) / stats.seconds)}


def bench_html(ontology, sizes: list[int], pyvis_timeout: float, draw: bool) -> list[dict]:
    """render_html time and size beside plain pyvis (benchmarks/bench_html.py), 2.5 relations per actor."""
    from . import bench_html as html

    rows = []
    for size in sizes:
        graph = html.synthetic_graph(ontology, size, int(size * 2.5))
        with tempfile.TemporaryDirectory(prefix="bench-html-") as tmp:
            folder = Path(tmp)
            path = folder / "actorgraph.html"
            written = html.time_render(graph, ontology, path, 3 if draw else 1)
            row = {"actors": size, "relations": len(graph.edges), "written_s": round(written, 2),
                   "file_mb": round(path.stat().st_size / 1e6, 1), "drawn_s": None,
                   "pyvis_written_s": None, "pyvis_mb": None, "pyvis_drawn_s": None, "pyvis_timeout": pyvis_timeout}
            if draw:
                try:
                    drawn = html.time_draw(path, "window.actorgraph && window.actorgraph.drawn",
                                           "window.actorgraph.firstDrawMs", 1, 60.0)
                    row["drawn_s"] = round(drawn / 1000, 2) if drawn is not None else None
                except Exception as exc:  # no Chromium: the write figures still stand
                    row["drawn_error"] = str(exc)[:120]
            pyvis = html.time_pyvis(graph, folder, pyvis_timeout)
            if pyvis is not None:
                row["pyvis_written_s"] = round(pyvis, 2)
                row["pyvis_mb"] = round((folder / "pyvis.html").stat().st_size / 1e6, 1)
                if draw:
                    try:
                        drawn = html.time_draw(folder / "pyvis.html", "typeof window.__firstPaint === 'number'",
                                               "window.__firstPaint", 1, 60.0)
                        row["pyvis_drawn_s"] = round(drawn / 1000, 2) if drawn is not None else None
                    except Exception as exc:
                        row["pyvis_drawn_error"] = str(exc)[:120]
        log(f"  html {size:,} actors: {row}")
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, about a minute")
    parser.add_argument("--out", type=Path, default=None,
                        help="report file (default: docs/benchmarks.md; with --quick, stdout)")
    parser.add_argument("--skip", default="", help=f"comma-separated stages to skip: {', '.join(STAGES)}")
    parser.add_argument("--only", default="", help="comma-separated stages to run, skipping the others "
                        "(e.g. --only extract to re-measure extraction alone)")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results as JSON here")
    parser.add_argument("--from-json", type=Path, nargs="+", default=None,
                        help="measure nothing: write the report from results saved with --json (later files win)")
    args = parser.parse_args(argv)
    if args.from_json:
        results: dict = {}
        for path in args.from_json:
            part = json.loads(path.read_text(encoding="utf-8"))
            for key, value in part.items():
                if key == "load_average":
                    run = len({k.split(":")[0] for k in results.get(key, {})}) + 1
                    results.setdefault(key, {}).update({f"run {run}: {k}": v for k, v in value.items()})
                elif key == "seconds":
                    results[key] = results.get(key, 0) + value
                else:
                    results[key] = value
        out = args.out or PROJECT_ROOT / "docs" / "benchmarks.md"
        out.write_text(render(results), encoding="utf-8")
        log(f"wrote {out}")
        return
    skip = {s for s in args.skip.split(",") if s}
    only = {s for s in args.only.split(",") if s}
    unknown = (skip | only) - set(STAGES)
    if unknown:
        parser.error(f"unknown stage(s) {', '.join(sorted(unknown))}; stages: {', '.join(STAGES)}")
    if only:
        skip |= set(STAGES) - only
    config = QUICK if args.quick else FULL
    ontology = load_ontology(PROJECT_ROOT / "graph" / "ontology.yaml")
    started = time.perf_counter()
    results: dict = {"machine": describe(), "mode": "quick" if args.quick else "full", "config": config,
                     "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "commit": _commit()}
    loads = results["load_average"] = {"start": _load_average()}
    if "extract" not in skip:
        log("extraction ...")
        results["extract"] = bench_extraction(ontology, config["extract_articles"])
        loads["after extraction"] = _load_average()
    if "store" not in skip:
        log("embedded store ...")
        results["store"] = bench_scale.run(load_edges=config["store_load"], latency_edges=config["latency"],
                                           command_edges=config["command"], repeats=config["repeats"], samples=config["samples"],
                                           cli_samples=config["cli_samples"], log=log)
        results["store"]["restart"] = bench_store.restart_comparison(
            bench_store.synthetic_graph(config["restart"]), ontology, config["restart_limit"])
        loads["after store"] = _load_average()
    if "neo4j" not in skip:
        results["neo4j"] = bench_neo4j(ontology)
    if "html" not in skip:
        log("html ...")
        results["html"] = bench_html(ontology, config["html"], config["pyvis_timeout"], config["draw"])
        loads["after html"] = _load_average()
    if "build" not in skip:
        log("build ...")
        builds = [bench_build.measure(size, 2, ontology, log=log) for size in config["build"]]
        results["build"] = {"runs": builds, "growth": bench_build.growth(builds)}
        loads["after build"] = _load_average()
    results["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    text = render(results)
    out = args.out or (None if args.quick else PROJECT_ROOT / "docs" / "benchmarks.md")
    if out is None:
        print(text)
    else:
        out.write_text(text, encoding="utf-8")
        log(f"wrote {out} ({results['seconds']} s)")


TARGETS = {
    "extraction": 50_000,     # words/s per core
    "loader_ratio": 0.8,      # loader rel/s over the engine's raw rel/s
    "two_hop_p99_ms": 50.0,   # at 1M relationships, embedded store
    "build_seconds": 300.0,   # 10,000 articles on 2 cores
}


def _verdict(ok: bool | None, miss: str = "") -> str:
    if ok is None:
        return "not measured"
    return "**met**" if ok else f"**missed** {miss}".rstrip()


def _targets(results: dict) -> list[tuple[str, str, str]]:
    rows = []
    ext = results.get("extract")
    if ext:
        one = ext["runs"][0].get("words_per_cpu_second", ext["runs"][0]["words_per_second"])
        rows.append(("extraction ≥ 50,000 words/s per core", f"{one:,} words per CPU-second (1 process; "
                     f"{ext['runs'][0]['words_per_second']:,} words/s wall)",
                     _verdict(one >= TARGETS["extraction"], f"by {1 - one / TARGETS['extraction']:.0%}")))
    store = results.get("store")
    if store and store.get("load"):
        load = store["load"]
        rows.append((f"`actorgraph load` of {load['edges']:,} relationships ≤ 2 × the engine's raw time",
                     f"{load['command_over_raw']} ×", _verdict(load["command_over_raw"] <= 2.0)))
        rows.append(("store step ≥ 0.8 × the engine's raw rate", f"{load['ratio_store_step']} ×",
                     _verdict(load["ratio_store_step"] >= TARGETS["loader_ratio"])))
    if store and store.get("latency"):
        lat = store["latency"]
        at = f"at {lat['edges']:,} relationships"
        for key, what, limit in (("two_hop_server", "2-hop p99 server-side", 50.0),
                                 ("two_hop_library", "2-hop p99 in process", 150.0),
                                 ("shortest_path", "`shortest_path` p99", 1000.0)):
            p99 = lat[key]["p99_ms"]
            rows.append((f"{what} < {limit:,.0f} ms {at}", f"{_ms(p99)} ms",
                         _verdict(p99 < limit, f"(×{p99 / limit:.1f} the limit)")))
        over = lat["cli_two_hop"]["p50_ms"] - lat["cli_start"]["p50_ms"]
        rows.append((f"CLI query < 150 ms over the CLI's start-up {at}", f"{over:,.0f} ms (p50)",
                     _verdict(over < 150)))
    build = results.get("build")
    if build:
        last = build["runs"][-1]
        rows.append((f"`build` of {last['articles']:,} articles < 5 min on 2 cores", f"{last['wall_seconds']:,.0f} s",
                     _verdict(last["wall_seconds"] < TARGETS["build_seconds"],
                              f"by {last['wall_seconds'] - TARGETS['build_seconds']:,.0f} s")))
    return rows


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows]
    return lines


def _ms(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def render(results: dict) -> str:
    """docs/benchmarks.md from the results dict; the analysis paragraphs are ANALYSIS below."""
    out = ["# Benchmarks", "",
           "Generated by `python -m benchmarks` (the whole run; `--quick` checks the script in about a minute",
           "with small sizes). Benchmarks are scripts, not tests: nothing in `tests/` asserts a timing.", "",
           f"- **Machine**: {results['machine']}",
           f"- **Run**: {results['date']}, commit `{results['commit']}`, {results['mode']} mode, "
           f"{results['seconds']:,.0f} s in all",
           "- **Load average** (1 min; 2 cores; other sessions ran their tests on the machine meanwhile): "
           + ", ".join(f"{k} {v}" for k, v in results.get("load_average", {}).items()), ""]
    out += ["## Targets", ""]
    out += _table(["target", "measured", "verdict"], [list(r) for r in _targets(results)])
    out += [""]
    ext = results.get("extract")
    if ext:
        q = ext["quality"]
        out += ["## Extraction", "",
                f"Generated corpus (`benchmarks/corpus.py`, seed 11): {ext['articles']:,} articles, {ext['words']:,} words, "
                f"{ext['actors']:,} actors in the generator's pool; the intended graph has {ext['intended']['nodes']:,} "
                f"actors and {ext['intended']['edges']:,} relations. `extract_paths` (ingest, rules, resolution, "
                "curation) wall time after a warm-up run:", ""]
        out += _table(["extractor", "processes", "wall (s)", "words/s (wall)", "CPU (s)", "words per CPU-second"],
                      [["rules (default)", r["jobs"], r["seconds"], f"{r['words_per_second']:,}",
                        r.get("cpu_seconds", ""), f"{r.get('words_per_cpu_second', 0):,}"] for r in ext["runs"]])
        spacy = ext["spacy"]
        if "skipped" in spacy:
            out += [f"| spaCy `en_core_web_sm` | – | – | not measured: {spacy['skipped']} | | |"]
        else:
            out += [f"| spaCy `en_core_web_sm` (pipeline only) | 1 | | | {spacy['cpu_seconds']} | {spacy['words_per_second']:,} |"]
        out += ["", "Quality of the extraction on this corpus against the graph the generator intended "
                "(relations matched on source, type and target):", ""]
        out += _table(["", "intended", "found", "precision", "recall", "F1"],
                      [[k, q[k]["intended"], q[k]["found"], q[k]["precision"], q[k]["recall"], q[k]["f1"]]
                       for k in ("entities", "relations")]
                      + [[f"· {t}", v["intended"], v["found"], v["precision"], v["recall"], v["f1"]]
                         for t, v in q["by_type"].items()])
        out += [""]
    store = results.get("store")
    if store:
        out += ["## Embedded store (FalkorDB)", "",
                "Synthetic graphs (`bench_store.synthetic_graph`): people in 50 countries with MET_WITH ties, "
                "each relation with one evidence quote.", ""]
        out += bench_scale.render(store)
        restart = store.get("restart")
        if restart:
            def show(v):
                return f"{v:.2f} s" if v is not None else f"not done after {restart['limit']:.0f} s"
            out += [f"Restart after loading {restart['edges']:,} relationships, until the first query answers: "
                    f"from actorgraph's RDB snapshot {show(restart['rdb_seconds'])}; replaying FalkorDB's AOF "
                    f"{show(restart['aof_seconds'])}.", ""]
    if "neo4j" in results:
        neo = results["neo4j"]
        out += ["## Neo4j", ""]
        out += [f"Loader into Neo4j: {neo['edges']:,} relationships in {neo['seconds']} s = {neo['rel_per_s']:,} rel/s."
                if neo else "Not measured: `NEO4J_URI` was not set (no Neo4j server is reachable on this machine).", ""]
    html = results.get("html")
    if html:
        out += ["## HTML view", "",
                "`render_html` beside plain pyvis (`Network(cdn_resources=\"in_line\")`, `from_nx`, `write_html`) on the "
                "synthetic graphs of `benchmarks/bench_html.py` (2.5 relations per actor); drawn = first complete frame "
                "in headless Chromium, one run each (see docs/html.md for the method).", ""]

        def cell(v, unit="", stopped=None):
            return f"{v}{unit}" if v is not None else (f"> {stopped:.0f} (stopped)" if stopped else "–")
        out += _table(["actors", "relations", "actorgraph written (s)", "file (MB)", "actorgraph drawn (s)",
                       "pyvis written (s)", "pyvis file (MB)", "pyvis drawn (s)"],
                      [[f"{r['actors']:,}", f"{r['relations']:,}", r["written_s"], r["file_mb"], cell(r["drawn_s"]),
                        cell(r["pyvis_written_s"], stopped=r["pyvis_timeout"]), cell(r["pyvis_mb"]),
                        cell(r["pyvis_drawn_s"], stopped=60.0 if r["pyvis_written_s"] and r["drawn_s"] else None)]
                       for r in html])
        out += [""]
    build = results.get("build")
    if build:
        out += ["## `actorgraph build ARTICLES --jobs 2`", "",
                "Generated corpora (seed 7, 200 + articles/4 actors in the pool); the real command in a child process, "
                "with timers around the library functions it calls (`benchmarks/bench_build.py`).", ""]
        runs = build["runs"]
        build = {**build, "growth": bench_build.growth(runs)}
        stage_names = list(dict.fromkeys(k for r in runs for k in r["stages"]))
        out += _table(["articles", "words", "actors", "relations", "total (s)", *stage_names,
                       "peak RSS build / worker / server (MB)", "HTML (MB)", "relations P / R"],
                      [[f"{r['articles']:,}", f"{r['words']:,}", f"{r['nodes']:,}", f"{r['edges']:,}", r["wall_seconds"],
                        *[r["stages"].get(s, "") for s in stage_names],
                        " / ".join(str(r["peak_mb"][k]) for k in ("build process", "largest worker", "store server")),
                        r["html_mb"], f"{r['quality']['relations']['precision']} / {r['quality']['relations']['recall']}"]
                       for r in runs])
        out += ["", "Growth exponent k (time ∝ articles^k between consecutive sizes; 1 is linear, above 1.15 is "
                "flagged):", ""]
        out += _table(["stage", *[f"{a['articles']:,} → {b['articles']:,}" for a, b in zip(runs, runs[1:])], ""],
                      [["total" if stage == "seconds" else stage, *("–" if k is None else k for k in ks),
                        "**worse than linear**" if any(k is not None and k > 1.15 for k in ks[-1:]) else ""]
                       for stage, ks in build["growth"].items()])
        out += [""]
    out += [ANALYSIS.strip(), ""]
    return "\n".join(out)


ANALYSIS = """
## Reading these figures

Other sessions share the 2 cores while a run measures (load averages above): wall-clock figures
carry that noise, which is why extraction is also given in words per CPU-second and the store in
CPU seconds of client and server, and why the load comparison takes its runs in turn. The
analysis of each target met or missed is written with the figures in docs/benchmarks.md; this
generated text does not repeat it.
"""


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


if __name__ == "__main__":
    main()
