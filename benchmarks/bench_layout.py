"""Large-graph layout: the numpy force layout in render.py beside igraph's compiled layouts.

    python -m benchmarks.bench_layout [--sizes 1000 5000 20000] [--repeat 3] [--layouts ours fr drl]

Graphs are the synthetic actor graphs of the HTML benchmark (tests/test_render.py
`synthetic_graph`, 2.5 relations per actor, build's `community` on every node). Every layout
gets the connected actors only (render.py sets out the others in a grid, whatever the layout).
For each layout and size, the median of --repeat runs of:

- CPU seconds (`time.process_time`) and wall seconds of the layout call;
- neighbour ratio: mean length of an edge / mean distance between two random actors (lower:
  linked actors sit closer together; the test suite asks for < 1/3 on clustered graphs);
- crossings: the share of 20,000 random pairs of edges without a shared end that cross (lower:
  a less tangled picture);
- crowding: the share of 2,000 random actors whose nearest other actor is closer than a tenth
  of the median edge length (lower: fewer labels on top of each other).

The quality figures do not depend on scale, so layouts in different units compare directly.
igraph (`pip install igraph`) is needed for its rows; without it only ours is measured.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from actorgraph.ontology import load_ontology
from actorgraph.render import layout_positions
from actorgraph.settings import PROJECT_ROOT

from tests.test_render import synthetic_graph

from .machine import describe


def _graph_arrays(size: int):
    graph = synthetic_graph(load_ontology(PROJECT_ROOT / "graph" / "ontology.yaml"), size, int(size * 2.5),
                            communities=True)
    nodes = sorted(graph.nodes)
    index = {node_id: i for i, node_id in enumerate(nodes)}
    src = np.array([index[e.source] for e in graph.edges.values()])
    dst = np.array([index[e.target] for e in graph.edges.values()])
    linked = np.unique(np.concatenate([src, dst]))
    renumber = np.full(len(nodes), -1)
    renumber[linked] = np.arange(len(linked))
    communities = [graph.nodes[nodes[i]].props["community"] for i in linked]
    return len(linked), renumber[src], renumber[dst], communities


def ours(n, src, dst, communities):
    return layout_positions(n, src.tolist(), dst.tolist(), communities)


def _igraph(n, src, dst):
    import igraph

    return igraph.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())))


def drl(n, src, dst, communities):
    return np.array(_igraph(n, src, dst).layout_drl().coords)


def fruchterman_reingold(n, src, dst, communities):
    return np.array(_igraph(n, src, dst).layout_fruchterman_reingold(grid="auto").coords)


def quality(pos, src, dst, rng) -> tuple[float, float, float]:
    pos = np.asarray(pos, dtype=float)
    n = len(pos)
    edge_length = np.linalg.norm(pos[src] - pos[dst], axis=1)
    a, b = rng.integers(0, n, 20000), rng.integers(0, n, 20000)
    ratio = edge_length.mean() / np.linalg.norm(pos[a] - pos[b], axis=1).mean()

    i, j = rng.integers(0, len(src), 20000), rng.integers(0, len(src), 20000)
    apart = (src[i] != src[j]) & (src[i] != dst[j]) & (dst[i] != src[j]) & (dst[i] != dst[j])
    p1, p2, p3, p4 = pos[src[i]], pos[dst[i]], pos[src[j]], pos[dst[j]]

    def side(p, q, r):
        return np.sign((q[:, 0] - p[:, 0]) * (r[:, 1] - p[:, 1]) - (q[:, 1] - p[:, 1]) * (r[:, 0] - p[:, 0]))

    cross = (side(p1, p2, p3) != side(p1, p2, p4)) & (side(p3, p4, p1) != side(p3, p4, p2))
    crossings = cross[apart].mean()

    picked = rng.choice(n, min(n, 2000), replace=False)
    nearest = []
    for chunk in np.array_split(picked, max(1, len(picked) // 200)):
        d = np.linalg.norm(pos[chunk][:, None, :] - pos[None, :, :], axis=2)
        d[np.arange(len(chunk)), chunk] = np.inf
        nearest.append(d.min(axis=1))
    crowding = (np.concatenate(nearest) < 0.1 * np.median(edge_length)).mean()
    return float(ratio), float(crossings), float(crowding)


LAYOUTS = {"actorgraph (numpy FR, sampled repulsion)": ours, "igraph layout_drl": drl,
           "igraph layout_fruchterman_reingold (grid)": fruchterman_reingold}
SHORT = {"ours": ours, "drl": drl, "fr": fruchterman_reingold}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--layouts", nargs="+", choices=list(SHORT), default=list(SHORT))
    args = parser.parse_args()
    try:
        import igraph  # noqa: F401
        layouts = {name: f for name, f in LAYOUTS.items() if f in [SHORT[k] for k in args.layouts]}
    except ImportError:
        print("igraph is not installed (pip install igraph): measuring ours only")
        layouts = {k: v for k, v in LAYOUTS.items() if v is ours}
    print(f"Machine: {describe()}")
    print()
    print("| actors (linked) | relations | layout | CPU (s) | wall (s) | neighbour ratio | crossings | crowding |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        n, src, dst, communities = _graph_arrays(size)
        for name, layout in layouts.items():
            runs = []
            for seed in range(args.repeat):
                cpu, wall = time.process_time(), time.perf_counter()
                pos = layout(n, src, dst, communities)
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                runs.append((cpu, wall, *quality(pos, src, dst, np.random.default_rng(seed))))
            med = [statistics.median(column) for column in zip(*runs)]
            print(f"| {size:,} ({n:,}) | {len(src):,} | {name} | {med[0]:.2f} | {med[1]:.2f} "
                  f"| {med[2]:.3f} | {med[3]:.3f} | {med[4]:.3f} |", flush=True)


if __name__ == "__main__":
    main()
