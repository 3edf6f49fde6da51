"""`actorgraph build ARTICLES` on generated corpora: total time, time per stage, peak memory.

    python -m benchmarks.bench_build [--sizes 100 1000 10000] [--jobs 2]

For each size a corpus is generated (benchmarks/corpus.py, seed 7, 200 + articles/4
distinct actors) and `actorgraph --data-dir TMP build ARTICLES --jobs N -o TMP/index.html`
runs in a child process: the real command, invoked through its click entry point, with
timers wrapped around the library functions it calls (ingest, extraction, resolution,
curation, analytics, store load, HTML, the summary). Peak memory is the child's maximum
resident set (the build process), the largest extraction worker's, and the embedded
server's (VmHWM; the server is started pinned so it can be read before it stops).
The extracted graph is also scored against the graph the generator intended.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import generate


def actors_for(articles: int) -> int:
    """Distinct actors grow with the corpus, as new names keep appearing in real coverage."""
    return 200 + articles // 4


def _child(articles: Path, data_dir: Path, html: Path, jobs: int, intended: Path) -> None:
    """Run the real CLI in this process with stage timers; print one JSON line."""
    started = time.perf_counter()
    import actorgraph.analytics as analytics
    import actorgraph.pipeline as pipeline
    import actorgraph.render as render
    from actorgraph.cli import main
    from actorgraph.model import read_graph
    from actorgraph.store import server
    from actorgraph.store.falkor import FalkorStore

    stages: dict[str, float] = {}
    captured: dict = {}

    def timed(name, fn, keep=False):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            result = fn(*args, **kwargs)
            stages[name] = stages.get(name, 0.0) + time.perf_counter() - t
            if keep:
                captured[name] = result
            return result
        return wrapper

    pipeline.read_paths = timed("ingest", pipeline.read_paths)
    pipeline._run = timed("extract", pipeline._run)
    pipeline.Graph.merge = timed("combine (Graph.merge)", pipeline.Graph.merge)
    pipeline.resolve_across = timed("resolve", pipeline.resolve_across)
    pipeline.apply_curation = timed("curation", pipeline.apply_curation)
    pipeline.extract_paths = timed("extraction total", pipeline.extract_paths, keep=True)
    # Up to 1,000 actors this is the analytics; above, they run in a child process beside the
    # store load, and this times starting them (igraph's graph): waiting for them is in "store load".
    analytics.start_annotation = timed("analytics", analytics.start_annotation)
    analytics.top_actors = timed("summary (top actors)", analytics.top_actors)
    FalkorStore.load = timed("store load", FalkorStore.load)
    render.render_html = timed("html", render.render_html)
    imports = time.perf_counter() - started

    info = server.start_server(data_dir, pin=True)
    try:
        main(["--data-dir", str(data_dir), "build", str(articles), "--jobs", str(jobs), "-o", str(html)],
             standalone_mode=False)
        total = time.perf_counter() - started
        server_peak_kb = _vm_hwm(info.pid)
    finally:
        server.stop_server(data_dir)
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = captured["extraction total"]
    from .corpus import compare

    quality = compare(read_graph(intended), result.graph)
    print(json.dumps({"seconds": round(total, 2), "imports_seconds": round(imports, 2),
                      "stages": {k: round(v, 2) for k, v in stages.items()},
                      "peak_mb": {"build process": round(self_kb / 1024), "largest worker": round(workers_kb / 1024),
                                  "store server": round(server_peak_kb / 1024) if server_peak_kb else None},
                      "html_mb": round(html.stat().st_size / 1e6, 1) if html.exists() else None,
                      "nodes": len(result.graph.nodes), "edges": len(result.graph.edges),
                      "quality": {k: quality[k] for k in ("entities", "relations")}}))


def _vm_hwm(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def measure(size: int, jobs: int, ontology, log=print) -> dict:
    """Generate a corpus of `size` articles and time one build of it in a child process."""
    with tempfile.TemporaryDirectory(prefix=f"bench-build-{size}-") as tmp:
        tmp = Path(tmp)
        corpus = generate(size, n_actors=actors_for(size), seed=7, ontology=ontology)
        folder = corpus.write(tmp / "corpus")
        words = corpus.words
        intended = len(corpus.intended.nodes), len(corpus.intended.edges)
        del corpus
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "benchmarks.bench_build", "--child", str(folder),
                               str(tmp / "store"), str(tmp / "index.html"), str(jobs), str(tmp / "corpus" / "intended.json")],
                              capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
        wall = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"build of {size} articles failed:\n{done.stderr[-3000:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(articles=size, words=words, jobs=jobs, wall_seconds=round(wall, 2),
                  intended_nodes=intended[0], intended_edges=intended[1])
    log(f"  build {size:,} articles: {result['wall_seconds']} s, peak {result['peak_mb']}")
    return result


def growth(results: list[dict]) -> dict[str, list[float | None]]:
    """Exponent k in time ~ articles^k between consecutive sizes, per stage (1 = linear).

    None where a stage took under 0.05 s at the smaller size (too short to compare).
    """
    stages = list(dict.fromkeys(["seconds", *(k for r in results for k in r["stages"])]))
    out: dict[str, list[float | None]] = {}
    for stage in stages:
        ks: list[float | None] = []
        for a, b in zip(results, results[1:]):
            ta = a["seconds"] if stage == "seconds" else a["stages"].get(stage)
            tb = b["seconds"] if stage == "seconds" else b["stages"].get(stage)
            ks.append(round(math.log(tb / ta) / math.log(b["articles"] / a["articles"]), 2)
                      if ta and tb and ta >= 0.05 else None)
        if any(k is not None for k in ks):
            out[stage] = ks
    return out


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--child":
        articles, data_dir, html, jobs, intended = argv[1:6]
        _child(Path(articles), Path(data_dir), Path(html), int(jobs), Path(intended))
        return
    from actorgraph.ontology import load_ontology
    from actorgraph.settings import PROJECT_ROOT

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    ontology = load_ontology(PROJECT_ROOT / "graph" / "ontology.yaml")
    results = [measure(size, args.jobs, ontology) for size in args.sizes]
    print(json.dumps({"builds": results, "growth": growth(results)}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
