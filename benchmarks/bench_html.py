"""HTML views: generation time and time to first draw in headless Chromium, beside plain pyvis.

    python -m benchmarks.bench_html [--sizes 1000 5000 20000] [--repeat 3] [--pyvis-timeout 120]

Graphs are synthetic actor graphs (tests/test_render.py `synthetic_graph`) with 2.5 relations
per actor. For each size:

- actorgraph: `render_html` in this process (median of --repeat runs);
- time to first draw: a fresh headless Chromium (networking cut, see tests/browser.py) opens
  the file; we read `performance.now()` at the end of the first frame that vis-network drew
  with every node and edge in it (ms since navigation start; median of --repeat runs);
- plain pyvis: `Network(cdn_resources="in_line")`, `from_nx`, `write_html` on the same graph,
  in a subprocess stopped after --pyvis-timeout seconds; then the same draw measurement,
  taken when the canvas first paints a node (pyvis stabilises physics before drawing).
  (pyvis's default `cdn_resources="local"` loads vis-network from a CDN: offline it draws nothing.)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from actorgraph.ontology import load_ontology
from actorgraph.render import render_html
from actorgraph.settings import PROJECT_ROOT

from tests.browser import Browser, BrowserError
from tests.test_render import synthetic_graph

from .machine import describe

# Stamps the end of the first frame in which a canvas drew a node, for pages we do not own.
FIRST_PAINT_HOOK = """
(() => {
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ["arc", "fillRect", "rect"]) {
    const original = proto[name];
    proto[name] = function () {
      if (window.__firstPaint === undefined && this.canvas.closest && this.canvas.closest(".vis-network")) {
        window.__firstPaint = null;
        setTimeout(() => { window.__firstPaint = performance.now(); }, 0);
      }
      return original.apply(this, arguments);
    };
  }
})();
"""

PYVIS_SCRIPT = """
import json, sys, time
import networkx as nx
from pyvis.network import Network
data = json.load(open(sys.argv[1]))
g = nx.Graph()
for node in data["nodes"]:
    g.add_node(node["id"], label=node["name"], group=node["label"])
for edge in data["edges"]:
    g.add_edge(edge["source"], edge["target"], title=edge["type"])
started = time.perf_counter()
net = Network(cdn_resources="in_line")
net.from_nx(g)
net.write_html("pyvis.html")
print(time.perf_counter() - started)
"""


def time_render(graph, ontology, path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        render_html(graph, ontology, path, title="Benchmark", scope=f"{len(graph.nodes)} synthetic actors")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def time_draw(path: Path, ready: str, value: str, repeat: int, timeout: float) -> float | None:
    """Median ms from navigation start to the first complete frame; None if never drawn."""
    times = []
    for _ in range(repeat):
        with Browser(timeout=timeout) as browser:
            browser.call("Page.addScriptToEvaluateOnNewDocument", session=True, source=FIRST_PAINT_HOOK)
            try:
                browser.open(path, ready=ready, timeout=timeout)
            except BrowserError:
                return None
            times.append(browser.eval(value))
    return statistics.median(times)


def time_pyvis(graph, folder: Path, timeout: float) -> float | None:
    import json

    from actorgraph.model import dumps_graph

    (folder / "graph.json").write_text(dumps_graph(graph), encoding="utf-8")
    (folder / "pyvis_run.py").write_text(PYVIS_SCRIPT, encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "pyvis_run.py", "graph.json"], cwd=folder, timeout=timeout,
                              capture_output=True, text=True, check=True)
    except subprocess.TimeoutExpired:
        return None
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pyvis-timeout", type=float, default=120.0)
    parser.add_argument("--draw-timeout", type=float, default=60.0)
    parser.add_argument("--pyvis-draw-timeout", type=float, default=240.0)
    parser.add_argument("--skip-pyvis", action="store_true")
    args = parser.parse_args()

    ontology = load_ontology(PROJECT_ROOT / "graph" / "ontology.yaml")
    print(f"Machine: {describe()}")
    print(f"Chromium: {subprocess.run(['chromium', '--version'], capture_output=True, text=True).stdout.strip()}")
    print()
    print("| actors | relations | actorgraph written (s) | file (MB) | actorgraph drawn (s) "
          "| pyvis written (s) | pyvis drawn (s) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        graph = synthetic_graph(ontology, size, int(size * 2.5))
        with tempfile.TemporaryDirectory(prefix="bench-html-") as tmp:
            folder = Path(tmp)
            path = folder / "actorgraph.html"
            written = time_render(graph, ontology, path, args.repeat)
            drawn = time_draw(path, "window.actorgraph && window.actorgraph.drawn",
                              "window.actorgraph.firstDrawMs", args.repeat, args.draw_timeout)
            megabytes = path.stat().st_size / 1e6
            pyvis_written = pyvis_drawn = None
            if not args.skip_pyvis:
                pyvis_written = time_pyvis(graph, folder, args.pyvis_timeout)
                if pyvis_written is not None:
                    pyvis_drawn = time_draw(folder / "pyvis.html", "typeof window.__firstPaint === 'number'",
                                            "window.__firstPaint", 1, args.pyvis_draw_timeout)

        def show(value, unit=1.0, limit=None):
            if value is None:
                return f"> {limit:.0f} (stopped)" if limit else "-"
            return f"{value / unit:.2f}"

        print(f"| {size:,} | {len(graph.edges):,} | {written:.2f} | {megabytes:.1f} "
              f"| {show(drawn, 1000, args.draw_timeout)} "
              f"| {show(pyvis_written, 1, None if args.skip_pyvis else args.pyvis_timeout)} "
              f"| {show(pyvis_drawn, 1000, None if pyvis_written is None else args.pyvis_draw_timeout)} |",
              flush=True)


if __name__ == "__main__":
    main()
