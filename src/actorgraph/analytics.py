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
from typing import TYPE_CHECKING, Any, Callable, Iterable

from .errors import ActorGraphError
from .model import Graph, collection_paused

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
    return _tie_graph(graph.nodes, (end for edge in graph.edges.values() for end in (edge.source, edge.target)),
                      len(graph.edges))


def _tie_graph(node_ids: Iterable[str], ends: Iterable[str], n_edges: int) -> tuple[list[str], "igraph.Graph"]:
    """_compiled from node ids and the edges' ends (source, target, source, target, ...)."""
    import igraph
    import numpy as np

    ids = sorted(node_ids)
    index = {node_id: i for i, node_id in enumerate(ids)}
    n = len(ids)
    pairs = np.fromiter((index[end] for end in ends), dtype=np.int64, count=2 * n_edges).reshape(n_edges, 2)
    low, high = pairs.min(axis=1), pairs.max(axis=1)
    ties = np.unique((low * n + high)[low != high])  # each tie once, in order
    # an array, not a list of pairs: 200,000 Python tuples took 0.4 s
    return ids, igraph.Graph(n=n, edges=np.column_stack((ties // n, ties % n)))


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
    return _compiled_betweenness(*(compiled or _compiled(graph)), seed)


def _compiled_betweenness(ids: list[str], g: "igraph.Graph", seed: int = 0) -> dict[str, float]:
    n = len(ids)
    k = samples(n)
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
    if len(graph.nodes) > COMPILED_ABOVE:
        return _compiled_communities(*(compiled or _compiled(graph)), seed)
    if not any(e.source != e.target for e in graph.edges.values()):
        return {node: i for i, node in enumerate(sorted(graph.nodes))}
    import networkx as nx

    return _numbered(nx.community.louvain_communities(_simple(graph), seed=seed))


def _compiled_communities(ids: list[str], g: "igraph.Graph", seed: int = 0) -> dict[str, int]:
    if not g.ecount():  # no ties (the tie graph leaves out loops): every actor alone
        return {node: i for i, node in enumerate(ids)}
    with _igraph_random(seed):
        clusters = g.community_leiden(objective_function="modularity", n_iterations=LEIDEN_ITERATIONS)
    return _numbered([{ids[i] for i in cluster} for cluster in clusters])


def _numbered(groups: list[set[str]]) -> dict[str, int]:
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


def start_annotation(graph: Graph, computing: "Computing | None" = None) -> Callable[..., dict | None]:
    """Begin annotate() beside the caller's own work; the function returned, ``finish(wait=True)``,
    waits for the values, sets them on the nodes as annotate() does and returns them as
    {node id: properties}; ``finish(wait=False)`` does the same if they are ready, else returns None.

    Above COMPILED_ABOVE actors betweenness and communities run in a forked child process, so
    that a load can send its rows meanwhile (igraph holds the GIL: a thread would wait);
    smaller graphs are annotated at once. ``computing``: that child, started already from the
    graph's file as it was parsed (start_from_data), so it ran while the graph was built.
    """
    if len(graph.nodes) <= COMPILED_ABOVE or not _can_fork():
        if computing is not None:
            computing.cancel()
        annotate(graph)
        return lambda wait=True: _node_values(graph)
    if computing is None:
        computing = Computing(_annotate_child, graph)
    done: list[dict[str, dict[str, Any]]] = []

    def finish(wait: bool = True) -> dict[str, dict[str, Any]] | None:
        if not done:
            if not wait and not computing.ready():
                return None
            values = computing.result()
            with collection_paused():  # the collector would walk the whole graph: 0.5 s at 50,000 actors
                # degree here, not before: a load asks once it has sent a batch, while the server works
                _set_values(graph, degree(graph), *values)
                done.append(_node_values(graph))
        return done[0]

    return finish


def start_from_data(data: Any) -> "Computing | None":
    """Start betweenness and communities of graph JSON as parsed, before the Graph is built from
    it (pass the result to start_annotation with that Graph). None for a graph that
    start_annotation annotates at once, or where processes cannot be forked.

    The child reads only the node ids and the edges' ends; a file that from_dict then refuses
    leaves the caller to cancel() it. Betweenness and communities depend only on the actors and
    on which pairs are tied, which from_dict does not change (it merges edges of the same key and
    orders a symmetric relation's ends), so the values are those of the Graph.
    """
    nodes = data.get("nodes") if isinstance(data, dict) else None
    if not isinstance(nodes, list) or len(nodes) <= COMPILED_ABOVE or not _can_fork():
        return None
    return Computing(_annotate_data_child, data, free_input=True)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


class Computing:
    """A forked child computing (betweenness, communities), its answer read once.

    ``free_input``: the argument is the parsed graph JSON, which this process keeps until the
    answer is taken and then frees in a thread, a part at a time, while the caller's load goes
    on: freed at once, it was a pause between reading the file and the first batch (longer while
    the child still shared its memory), when the server had nothing to do yet."""

    def __init__(self, target: Callable, argument: Any, *, free_input: bool = False):
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._child = context.Process(target=target, args=(argument, send), daemon=True)
        self._child.start()
        send.close()
        self._answer: tuple[str, Any] | None = None
        self._input = argument if free_input else None

    def ready(self) -> bool:
        """The answer has come (or the child has ended): result() will not wait."""
        return self._answer is not None or self._receive.poll()

    def result(self) -> tuple[dict[str, float], dict[str, int]]:
        """(betweenness, communities); ActorGraphError if the child failed."""
        if self._answer is None:
            try:
                self._answer = self._receive.recv()
            except EOFError:
                pass
            finally:
                self._child.join()
                self._receive.close()
            if self._answer is None:
                self._answer = ("error", f"it ended with exit status {self._child.exitcode}")
            if self._input is not None:
                import threading

                threading.Thread(target=_free_in_parts, args=(self._input,), daemon=True).start()
                self._input = None
        outcome, value = self._answer
        if outcome == "error":
            raise ActorGraphError(f"the analytics process failed ({value})")
        return value

    def cancel(self) -> None:
        """Stop the child (this object's own, forked by it) if it still runs."""
        self._input = None
        if self._answer is None:
            self._answer = ("error", "cancelled")
            self._child.terminate()
            self._child.join()
            self._receive.close()


def _free_in_parts(data: Any) -> None:
    """Drop parsed graph JSON a few hundred items at a time: between two parts the thread that
    frees it gives way to the one that works (one `del` of the whole would hold the GIL)."""
    if isinstance(data, dict):
        for key in list(data):
            value = data.pop(key)
            while isinstance(value, list) and value:
                del value[-500:]


def _annotate_child(graph: Graph, send) -> None:
    """In the forked child: betweenness and communities back through the pipe (the igraph
    graph is built here too, so the parent goes on to its rows at once)."""
    _answer(send, lambda: _compiled(graph))


def _annotate_data_child(data: dict, send) -> None:
    """_annotate_child from graph JSON as parsed (see start_from_data)."""
    def tie_graph():
        edges = data["edges"]
        return _tie_graph([str(raw["id"]) for raw in data["nodes"]],
                          (str(raw[end]) for raw in edges for end in ("source", "target")), len(edges))
    _answer(send, tie_graph)


def _answer(send, tie_graph: Callable[[], tuple[list[str], "igraph.Graph"]]) -> None:
    """Compute in the child and send ("ok", (betweenness, communities)) or ("error", message).

    No garbage collection: it would only find nothing to free, and touching every object the
    child shares with its parent would copy their memory. Ctrl-C is the parent's to handle
    (the child would print a traceback of its own), and a parent that is gone already (the
    pipe broken) is no one's error: the child just ends."""
    import gc
    import signal

    gc.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ids, g = tie_graph()
        answer = ("ok", (_compiled_betweenness(ids, g), _compiled_communities(ids, g)))
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
