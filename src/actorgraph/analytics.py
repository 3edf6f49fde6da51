"""Graph analytics as pure functions: a Graph in, {node id: value} out.

Computed at build time and stored as node properties (degree, betweenness,
community) so that analysts' queries and the HTML views can use them.

Up to COMPILED_ABOVE actors networkx computes communities, and up to BETWEENNESS_COMPILED_ABOVE
betweenness; above, igraph (C) does, as networkx (pure Python) took 15 s of a
20,000-relationship load. Betweenness is the same number
either way (the same seeded sample of sources, networkx's scaling), up to FEWER_SAMPLES_ABOVE
actors; above, fewer sources are drawn, which still finds the same top brokers. Communities
above COMPILED_ABOVE come from igraph's Leiden with the modularity objective (seeded): a
partition other than networkx's Louvain, at least as good by modularity, and at 50,000
actors 0.5 CPU-s where igraph's own Louvain took 10 to 60 (tests/test_analytics.py checks
the quality, the stability and the brokers).
"""

from __future__ import annotations

import contextlib
import random
from typing import TYPE_CHECKING, Any, Callable

from .errors import ActorGraphError
from .model import Graph

if TYPE_CHECKING:
    import igraph
    import networkx as nx

# Exact betweenness costs O(nodes x edges): about 3.5 s at 1,000 actors in networkx, over a
# minute at 5,000. Above the limit it is estimated from a seeded sample of source nodes,
# which keeps the ranking of the top brokers while costing O(samples x edges).
EXACT_BETWEENNESS_LIMIT = 1000
BETWEENNESS_SAMPLES = 200
# Each sampled source costs a search over the whole graph: 200 of them took 4 CPU-s at 50,000
# actors, the largest part of the analytics. Above this size 100 are drawn; the top brokers
# found are the same (tests/test_analytics.py), the order among near-equal ones is noise
# with 200 too.
FEWER_SAMPLES_ABOVE = 20_000  # actors
LARGE_GRAPH_SAMPLES = 100
COMPILED_ABOVE = 1000  # actors
# Betweenness is the same number from igraph as from networkx (exact, or the same sample), so
# igraph computes it from far fewer actors: networkx's exact betweenness took 26 s of a build
# of 2,000 articles (692 actors, 10,438 relations). The committed snapshot stays below.
BETWEENNESS_COMPILED_ABOVE = 200  # actors
LEIDEN_ITERATIONS = 2


def to_networkx(graph: Graph) -> "nx.MultiDiGraph":
    """Entities as nodes, typed relations as keyed edges (key = edge key)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for node in graph.nodes.values():
        g.add_node(node.id, name=node.name, label=node.label)
    for edge in graph.edges.values():
        g.add_edge(edge.source, edge.target, key=edge.key, type=edge.type, weight=edge.weight)
    return g


def _simple(graph: Graph) -> "nx.Graph":
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(sorted(graph.nodes))
    for edge in graph.edges.values():
        if edge.source != edge.target:
            g.add_edge(edge.source, edge.target)
    return g


def _compiled(graph: Graph) -> tuple[list[str], "igraph.Graph"]:
    """The undirected tie graph in igraph, vertices numbered in the order of the sorted ids."""
    import igraph
    import numpy as np

    ids = sorted(graph.nodes)
    index = {node_id: i for i, node_id in enumerate(ids)}
    n, m = len(ids), len(graph.edges)
    ends = np.fromiter((index[end] for edge in graph.edges.values() for end in (edge.source, edge.target)),
                       dtype=np.int64, count=2 * m).reshape(m, 2)
    low, high = ends.min(axis=1), ends.max(axis=1)
    ties = np.unique((low * n + high)[low != high])  # each tie once, in order
    return ids, igraph.Graph(n=n, edges=list(zip((ties // n).tolist(), (ties % n).tolist())))


def degree(graph: Graph) -> dict[str, int]:
    """Number of typed relations touching each node."""
    counts = dict.fromkeys(graph.nodes, 0)
    for edge in graph.edges.values():
        counts[edge.source] += 1
        if edge.target != edge.source:
            counts[edge.target] += 1
    return counts


def betweenness(graph: Graph, seed: int = 0, *, compiled=None) -> dict[str, float]:
    """Normalised betweenness on the undirected tie graph; sampled (seeded) on large graphs.

    ``compiled``: _compiled(graph), when the caller has it already."""
    n = len(graph.nodes)
    k = samples(n)
    if n <= BETWEENNESS_COMPILED_ABOVE:
        import networkx as nx

        values = nx.betweenness_centrality(_simple(graph), k=k, seed=seed if k else None)
        return {node: round(value, 6) for node, value in values.items()}
    ids, g = compiled or _compiled(graph)
    # networkx's estimate, to the digit: its sample of sources (random.Random(seed).sample of
    # its nodes, the sorted ids) and its scaling, times 2 as igraph counts a pair once.
    sources = set(range(n)) if k is None else set(random.Random(seed).sample(range(n), k))
    raw = g.betweenness(directed=False, sources=None if k is None else sorted(sources))
    drawn = n - 1 if k is None else k
    return {node_id: round(2 * raw[i] / ((drawn - (k is not None and i in sources)) * (n - 2)), 6)
            for i, node_id in enumerate(ids)}


def samples(actors: int) -> int | None:
    """How many sources betweenness draws for a graph of this many actors (None: all, exact)."""
    if actors <= EXACT_BETWEENNESS_LIMIT:
        return None
    return BETWEENNESS_SAMPLES if actors <= FEWER_SAMPLES_ABOVE else LARGE_GRAPH_SAMPLES


def communities(graph: Graph, seed: int = 0, *, compiled=None) -> dict[str, int]:
    """Communities (seeded, so stable), numbered by size, largest first: networkx's Louvain up
    to COMPILED_ABOVE actors, igraph's Leiden (modularity) above. ``compiled``: as betweenness."""
    if not any(e.source != e.target for e in graph.edges.values()):
        return {node: i for i, node in enumerate(sorted(graph.nodes))}
    if len(graph.nodes) <= COMPILED_ABOVE:
        import networkx as nx

        groups = nx.community.louvain_communities(_simple(graph), seed=seed)
    else:
        ids, g = compiled or _compiled(graph)
        with _igraph_random(seed):
            clusters = g.community_leiden(objective_function="modularity", n_iterations=LEIDEN_ITERATIONS)
        groups = [{ids[i] for i in cluster} for cluster in clusters]
    groups = sorted(groups, key=lambda c: (-len(c), min(c)))
    return {node: i for i, group in enumerate(groups) for node in group}


@contextlib.contextmanager
def _igraph_random(seed: int):
    """igraph draws from one global generator (Python's random module): seed it for a call."""
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def annotate(graph: Graph) -> Graph:
    """Set degree, betweenness and community on every node's properties (in place)."""
    compiled = _compiled(graph) if len(graph.nodes) > BETWEENNESS_COMPILED_ABOVE else None
    deg = degree(graph)
    _set_values(graph, deg, betweenness(graph, compiled=compiled), communities(graph, compiled=compiled))
    return graph


def _set_values(graph: Graph, deg: dict[str, int], btw: dict[str, float], com: dict[str, int]) -> None:
    for node_id, node in graph.nodes.items():
        node.props.update(degree=deg[node_id], betweenness=btw.get(node_id, 0.0),
                          community=com.get(node_id, -1))


def start_annotation(graph: Graph) -> Callable[[], dict[str, dict[str, Any]]]:
    """Begin annotate() beside the caller's own work; the function returned waits for the values,
    sets them on the nodes as annotate() does and returns them as {node id: properties}.

    Above COMPILED_ABOVE actors betweenness and communities run in a forked child process, so
    that a load can send its rows meanwhile (igraph holds the GIL: a thread would wait);
    smaller graphs are annotated at once.
    """
    import multiprocessing

    if len(graph.nodes) <= COMPILED_ABOVE or "fork" not in multiprocessing.get_all_start_methods():
        annotate(graph)
        return lambda: _node_values(graph)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_annotate_child, args=(graph, send), daemon=True)
    child.start()
    send.close()
    deg = degree(graph)

    def finish() -> dict[str, dict[str, Any]]:
        try:
            outcome, value = receive.recv()
        except EOFError:
            outcome, value = "error", f"it ended with exit status {child.exitcode}"
        finally:
            child.join()
            receive.close()
        if outcome == "error":
            raise ActorGraphError(f"the analytics process failed ({value})")
        _set_values(graph, deg, *value)
        return _node_values(graph)

    return finish


def _annotate_child(graph: Graph, send) -> None:
    """In the forked child: betweenness and communities back through the pipe (the igraph
    graph is built here too, so the parent goes on to its rows at once).

    Ctrl-C is the parent's to handle (the child would print a traceback of its own), and a
    parent that is gone already (the pipe broken) is no one's error: the child just ends."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        compiled = _compiled(graph)
        answer = ("ok", (betweenness(graph, compiled=compiled), communities(graph, compiled=compiled)))
    except Exception as exc:  # noqa: BLE001 (said in the parent, as one line)
        answer = ("error", f"{exc.__class__.__name__}: {exc}")
    with contextlib.suppress(OSError):
        send.send(answer)
        send.close()


def _node_values(graph: Graph) -> dict[str, dict[str, Any]]:
    return {node_id: {key: node.props[key] for key in ANNOTATIONS} for node_id, node in graph.nodes.items()}


ANNOTATIONS = ("degree", "betweenness", "community")


def top_actors(graph: Graph, n: int = 5) -> list[tuple[str, int, float]]:
    """(name, degree, betweenness) of the most connected actors (uses annotate()'s values if set)."""
    nodes = graph.nodes.values()
    if not all("degree" in node.props and "betweenness" in node.props for node in nodes):
        annotate(graph)
    ranked = sorted(nodes, key=lambda node: (-node.props["degree"], -node.props["betweenness"], node.id))
    return [(node.name, node.props["degree"], node.props["betweenness"]) for node in ranked[:n]]
