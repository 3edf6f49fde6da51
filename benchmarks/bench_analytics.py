"""Analytics (degree, betweenness, communities) in igraph beside networkx, CPU seconds.

    python -m benchmarks.bench_analytics [--edges 20000 200000]

On ``bench_store.synthetic_graph`` (4 relations per person). networkx is timed only up to
``--networkx-max`` relationships (it took 15 s at 20,000 in issue 15). igraph's graph is
built once (as ``annotate`` does) and timed apart; betweenness draws
``analytics.samples(actors)`` sources; communities are Leiden (modularity), with igraph's
Louvain beside it for comparison (``--louvain``).
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


def _modularity(compiled, communities: dict[str, int]) -> float:
    ids, g = compiled
    return g.modularity([communities[node_id] for node_id in ids])


def measure(edges: int, with_networkx: bool, louvain: bool = False) -> dict:
    graph = synthetic_graph(edges)
    row = {"edges": len(graph.edges), "actors": len(graph.nodes), "sources": analytics.samples(len(graph.nodes))}
    compiled, row["igraph_graph_s"] = _cpu(analytics._compiled, graph)
    _, row["igraph_betweenness_s"] = _cpu(lambda: analytics.betweenness(graph, compiled=compiled))
    communities, row["igraph_leiden_s"] = _cpu(lambda: analytics.communities(graph, compiled=compiled))
    row["leiden_modularity"] = round(_modularity(compiled, communities), 3)
    if louvain:
        with analytics._igraph_random(0):
            clusters, row["igraph_louvain_s"] = _cpu(compiled[1].community_multilevel)
        row["louvain_modularity"] = round(clusters.modularity, 3)
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
    parser.add_argument("--louvain", action="store_true", help="also time igraph's Louvain (the method before)")
    args = parser.parse_args()
    for edges in args.edges:
        print(measure(edges, edges <= args.networkx_max, args.louvain), flush=True)


if __name__ == "__main__":
    main()
