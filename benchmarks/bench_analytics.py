"""Analytics (degree, betweenness, communities) in igraph beside networkx, CPU seconds.

    python -m benchmarks.bench_analytics [--edges 20000 200000]

On ``bench_store.synthetic_graph`` (4 relations per person). networkx is timed only up to
``--networkx-max`` relationships (it took 15 s at 20,000 in issue 15).
"""

from __future__ import annotations

import argparse
import time

import networkx as nx

from actorgraph import analytics

from .bench_store import synthetic_graph


def _cpu(fn, *args):
    started = time.process_time()
    result = fn(*args)
    return result, round(time.process_time() - started, 2)


def measure(edges: int, with_networkx: bool) -> dict:
    graph = synthetic_graph(edges)
    row = {"edges": len(graph.edges), "actors": len(graph.nodes)}
    _, row["igraph_betweenness_s"] = _cpu(analytics.betweenness, graph)
    _, row["igraph_communities_s"] = _cpu(analytics.communities, graph)
    if with_networkx:
        simple = analytics._simple(graph)
        _, row["networkx_betweenness_s"] = _cpu(
            lambda: nx.betweenness_centrality(simple, k=analytics.BETWEENNESS_SAMPLES, seed=0))
        _, row["networkx_communities_s"] = _cpu(lambda: nx.community.louvain_communities(simple, seed=0))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--networkx-max", type=int, default=20_000)
    args = parser.parse_args()
    for edges in args.edges:
        print(measure(edges, edges <= args.networkx_max), flush=True)


if __name__ == "__main__":
    main()
