"""Cut a graph down to what matters for a question: pure functions from a Graph to a Graph.

``select(graph, ontology, selection)`` applies, in this order:

1. edge filters: relation types, dates (an edge is kept when one of its evidence dates
   falls between since and until; a partial date such as ``2025-04`` covers its month;
   an undated quote takes its article's publication date),
   and a minimum weight (number of evidence items);
2. one structural cut on what is left: the ego network of an actor (``depth`` hops,
   ignoring edge direction), or the shortest paths between two actors (every path of
   at most ``max_hops`` hops when given), or the nodes and edges a library query returns;
3. node labels: only nodes with those labels stay (the anchors of step 2 stay too),
   with the edges between them.

When an edge filter is given, nodes left without edges are dropped (anchors stay).
Traversals ignore direction: ``A -[SUPPORTS]-> B`` links A and B both ways.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import re
from dataclasses import dataclass, field
from typing import Iterable

from .errors import InputError
from .model import Article, Edge, Evidence, Graph, Node
from .ontology import Ontology


MAX_ROUTES = 20000  # paths enumerated for --path before giving up (dense graphs, high --max-hops)


class EmptySelection(InputError):
    """The selection matched no node: nothing is written."""


@dataclass
class Selection:
    """What to keep; an empty Selection keeps the whole graph."""

    actor: str | None = None
    depth: int = 1
    path: tuple[str, str] | None = None
    max_hops: int | None = None
    types: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    min_weight: int | None = None
    # A library query by name; its node ids and edge keys reach select() as query_items.
    query: str | None = None
    query_params: tuple[str, ...] = ()  # its -p key=value strings, for the scope line

    def filters_edges(self) -> bool:
        return bool(self.types or self.since or self.until or self.min_weight)


# ---- looking things up -------------------------------------------------------------------


def find_node(graph: Graph, name: str) -> Node:
    """The node whose id, name or alias is ``name`` (case-insensitive); InputError with close matches otherwise."""
    wanted = name.strip().casefold()
    if name in graph.nodes:
        return graph.nodes[name]
    for rank in ("id", "name", "alias"):
        hits = sorted(
            (n for n in graph.nodes.values() if wanted in _names(n, rank)), key=lambda n: n.id
        )
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            ids = ", ".join(n.id for n in hits[:5])
            raise InputError(f"actor {name!r} is ambiguous: it is an {rank} of {ids}; give one of these ids")
    raise InputError(f"no actor named {name!r} in the graph{_close_actors(graph, name)}")


def _names(node: Node, rank: str) -> set[str]:
    if rank == "id":
        return {node.id.casefold()}
    if rank == "name":
        return {node.name.casefold()}
    return {a.casefold() for a in node.aliases}


def _close_actors(graph: Graph, name: str) -> str:
    """' (did you mean ...?)' naming up to three actors, each by its id, name or alias closest to ``name``."""
    wanted = name.strip().casefold()
    scored = []
    for node in graph.nodes.values():
        best = max(((difflib.SequenceMatcher(None, wanted, c.casefold()).ratio(), c)
                    for c in [node.name, *sorted(node.aliases), node.id]), key=lambda sc: sc[0])
        if best[0] >= 0.6:
            scored.append((-best[0], best[1]))
    if not scored:
        return ""
    return " (did you mean " + " or ".join(repr(c) for _, c in sorted(scored)[:3]) + "?)"


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    choices = list(choices)
    folded = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(word.casefold(), list(folded), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(folded[c]) for c in close) + "?)"


def check_types(types: Iterable[str], ontology: Ontology) -> list[str]:
    """Relation type names, upper-cased and checked against the ontology (InputError with close matches)."""
    checked = []
    for raw in types:
        name = raw.strip().upper()
        if name not in ontology.relations:
            raise InputError(f"unknown relation type {raw!r}{_did_you_mean(name, ontology.relations)}"
                             f" (known: {', '.join(ontology.relations)})")
        checked.append(name)
    return checked


def check_labels(labels: Iterable[str], ontology: Ontology) -> list[str]:
    """Label names matched case-insensitively against the ontology (InputError with close matches)."""
    by_fold = {name.casefold(): name for name in ontology.labels}
    checked = []
    for raw in labels:
        name = by_fold.get(raw.strip().casefold())
        if name is None:
            raise InputError(f"unknown label {raw!r}{_did_you_mean(raw, ontology.labels)}"
                             f" (known: {', '.join(ontology.labels)})")
        checked.append(name)
    return checked


# ---- dates -----------------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_bounds(text: str) -> tuple[str, str]:
    """First and last day a date covers: '2025-04' -> ('2025-04-01', '2025-04-30'); InputError if unreadable."""
    match = _DATE.match(text.strip()) if text else None
    if not match:
        raise InputError(f"cannot read the date {text!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:  # a date that matches the shape but not the calendar (2025-13-45) is unreadable too
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise InputError(f"cannot read the date {text!r}: no such day in the calendar") from None
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def evidence_date(graph: Graph, evidence: Evidence) -> str | None:
    """An evidence item's date, or else its article's publication date (as the HTML view reads it)."""
    if evidence.date:
        return evidence.date
    article = graph.articles.get(evidence.article)
    return article.published if article else None


def edge_dates(graph: Graph, edge: Edge) -> list[str]:
    return sorted(d for d in (evidence_date(graph, e) for e in edge.evidence) if d)


def article_span(graph: Graph) -> tuple[str, str] | None:
    """The first and last publication dates of the graph's articles; None when none is dated."""
    published = sorted(a.published for a in graph.articles.values() if a.published and _DATE.match(a.published))
    return (published[0], published[-1]) if published else None


def on_timeline(date: str, span: tuple[str, str] | None) -> str:
    """Where `date` sits on a timeline that runs over the articles' dates (`span`).

    A date the text gives outside the span, such as a year mentioned in passing ("in 1956"),
    counts from the span's nearest end, so it does not stretch a time slider or a Gephi
    timeline by decades. Unreadable dates and graphs without dated articles are left alone.
    """
    if span is None:
        return date
    try:
        first_day = date_bounds(date)[0]
        if first_day < date_bounds(span[0])[0]:
            return span[0]
        if first_day > date_bounds(span[1])[1]:
            return span[1]
    except InputError:
        pass
    return date


def check_date(text: str, option: str) -> str:
    """Validate a --since/--until value early, with the option in the message."""
    try:
        date_bounds(text)
    except InputError:
        raise InputError(f"{option} {text!r}: write the date as YYYY, YYYY-MM or YYYY-MM-DD") from None
    return text


def _in_range(date: str, since: str | None, until: str | None) -> bool:
    try:
        first, last = date_bounds(date)
    except InputError:
        return False
    if since and last < date_bounds(since)[0]:
        return False
    if until and first > date_bounds(until)[1]:
        return False
    return True


# ---- building subgraphs ----------------------------------------------------------------------


def subgraph(graph: Graph, node_ids: Iterable[str], edge_keys: Iterable[str] | None = None) -> Graph:
    """A copy holding the given nodes, the given edges between them (all when None), and their articles.

    Articles are kept when an edge's evidence cites them or they mention a kept node;
    their mention lists are cut down to kept nodes.
    """
    keep_nodes = set(node_ids) & set(graph.nodes)
    wanted = None if edge_keys is None else set(edge_keys)
    out = Graph()  # meta describes a whole graph; select() says what the cut is
    for node_id in sorted(keep_nodes):
        node = graph.nodes[node_id]
        out.nodes[node_id] = Node(node.id, node.name, node.label, list(node.aliases), dict(node.props))
    cited = set()
    for key in sorted(graph.edges):
        edge = graph.edges[key]
        if edge.source not in keep_nodes or edge.target not in keep_nodes:
            continue
        if wanted is not None and key not in wanted:
            continue
        out.edges[key] = Edge(edge.source, edge.target, edge.type, list(edge.evidence), dict(edge.props))
        cited.update(e.article for e in edge.evidence)
    for article_id in sorted(graph.articles):
        article = graph.articles[article_id]
        mentions = sorted(m for m in set(article.mentions) if m in keep_nodes)
        if article_id in cited or mentions:
            out.articles[article_id] = Article(article.id, article.title, article.published, article.file,
                                               article.sha256, mentions, dict(article.props))
    return out


def filter_edges(graph: Graph, *, types: Iterable[str] = (), since: str | None = None,
                 until: str | None = None, min_weight: int | None = None,
                 keep_nodes: Iterable[str] = ()) -> Graph:
    """Keep edges of the given types, dated in [since, until], with at least min_weight evidence items.

    An edge passes the date filter when one of its evidence dates (or, for undated
    evidence, its article's publication date) falls in range. Nodes left without edges are dropped, except ``keep_nodes``.
    """
    types = set(types)
    kept_edges = []
    for key, edge in graph.edges.items():
        if types and edge.type not in types:
            continue
        if min_weight is not None and edge.weight < min_weight:
            continue
        if (since or until) and not any(_in_range(d, since, until) for d in edge_dates(graph, edge)):
            continue
        kept_edges.append(key)
    ends = {graph.edges[k].source for k in kept_edges} | {graph.edges[k].target for k in kept_edges}
    return subgraph(graph, ends | (set(keep_nodes) & set(graph.nodes)), kept_edges)


def filter_labels(graph: Graph, labels: Iterable[str], keep_nodes: Iterable[str] = ()) -> Graph:
    """Keep nodes with one of the labels (and ``keep_nodes``), with the edges among them."""
    labels = set(labels)
    kept = {n.id for n in graph.nodes.values() if n.label in labels} | set(keep_nodes)
    return subgraph(graph, kept)


def _adjacency(graph: Graph) -> dict[str, list[str]]:
    adjacent: dict[str, set[str]] = {node_id: set() for node_id in graph.nodes}
    for edge in graph.edges.values():
        adjacent[edge.source].add(edge.target)
        adjacent[edge.target].add(edge.source)
    return {node_id: sorted(ns) for node_id, ns in adjacent.items()}


def _distances(adjacent: dict[str, list[str]], start: str, limit: int | None = None) -> dict[str, int]:
    distance = {start: 0}
    frontier = [start]
    while frontier and (limit is None or distance[frontier[0]] < limit):
        following = []
        for node_id in frontier:
            for other in adjacent[node_id]:
                if other not in distance:
                    distance[other] = distance[node_id] + 1
                    following.append(other)
        frontier = following
    return distance


def ego(graph: Graph, node_id: str, depth: int = 1) -> Graph:
    """The nodes within ``depth`` hops of a node (direction ignored), with every edge among them."""
    if depth < 0:
        raise InputError(f"--depth {depth}: give 0 or more hops")
    return subgraph(graph, _distances(_adjacency(graph), node_id, depth))


def paths(graph: Graph, source: str, target: str, max_hops: int | None = None) -> Graph:
    """Every shortest path between two nodes, or every simple path of at most ``max_hops`` hops.

    Direction is ignored; all edges between consecutive nodes of a path are kept.
    Raises EmptySelection when the nodes are not connected (within ``max_hops``).
    """
    if max_hops is not None and max_hops < 1:
        raise InputError(f"--max-hops {max_hops}: give 1 or more hops")
    adjacent = _adjacency(graph)
    shortest = _distances(adjacent, source).get(target)
    if shortest is None:
        raise EmptySelection(f"no path between {source!r} and {target!r} in the selected graph; nothing written")
    if max_hops is not None and shortest > max_hops:
        raise EmptySelection(f"no path between {source!r} and {target!r} within {max_hops} hops "
                             f"(the shortest has {shortest}); raise --max-hops")
    pairs: set[frozenset[str]] = set()
    nodes = {source, target}
    for count, route in enumerate(_routes(adjacent, source, target, max_hops if max_hops is not None else shortest)):
        if count >= MAX_ROUTES:
            raise InputError(f"more than {MAX_ROUTES} paths between {source!r} and {target!r}; "
                             f"lower --max-hops or narrow the graph with --type/--label/--since")
        nodes.update(route)
        pairs.update(frozenset(p) for p in zip(route, route[1:]))
    keys = [k for k, e in graph.edges.items() if frozenset((e.source, e.target)) in pairs]
    return subgraph(graph, nodes, keys)


def _routes(adjacent: dict[str, list[str]], source: str, target: str, hops: int):
    """Simple paths of at most ``hops`` hops, pruned with distances to the target."""
    to_target = _distances(adjacent, target, hops)
    route = [source]
    on_route = {source}

    def walk(node_id: str):
        if node_id == target:
            yield list(route)
            return
        for other in adjacent[node_id]:
            if other in on_route or len(route) + to_target.get(other, hops + 1) > hops:
                continue
            route.append(other)
            on_route.add(other)
            yield from walk(other)
            route.pop()
            on_route.discard(other)

    yield from walk(source)


# ---- the whole selection ---------------------------------------------------------------------


def select(graph: Graph, ontology: Ontology, selection: Selection,
           query_items: tuple[set[str], set[str]] | None = None) -> tuple[Graph, str]:
    """Apply a Selection; returns the subgraph and a one-line description of its scope.

    ``query_items`` is (node ids, edge keys) that a library query returned, when
    ``selection.query`` is set. Raises InputError for unknown actors, types and labels,
    and EmptySelection when nothing is left.
    """
    types = check_types(selection.types, ontology)
    labels = check_labels(selection.labels, ontology)
    since = check_date(selection.since, "--since") if selection.since else None
    until = check_date(selection.until, "--until") if selection.until else None
    if since and until and date_bounds(since)[0] > date_bounds(until)[1]:
        raise InputError(f"--since {since} is after --until {until}")
    if selection.actor and selection.path:
        raise InputError("give either --actor or --path, not both")

    anchors = []
    if selection.actor:
        anchors = [find_node(graph, selection.actor).id]
    elif selection.path:
        anchors = [find_node(graph, name).id for name in selection.path]
        if anchors[0] == anchors[1]:
            raise InputError(f"--path: {selection.path[0]!r} and {selection.path[1]!r} are the same actor")

    scope = []
    current = graph
    if selection.filters_edges():
        current = filter_edges(current, types=types, since=since, until=until,
                               min_weight=selection.min_weight, keep_nodes=anchors)
    if selection.actor:
        node = graph.nodes[anchors[0]]
        current = ego(current, node.id, selection.depth)
        hops = "hop" if selection.depth == 1 else "hops"
        scope.append(f"{node.name} and everything within {selection.depth} {hops}")
    elif selection.path:
        a, b = (graph.nodes[i] for i in anchors)
        current = paths(current, a.id, b.id, selection.max_hops)
        within = f"paths of at most {selection.max_hops} hops" if selection.max_hops else "shortest paths"
        scope.append(f"{within} between {a.name} and {b.name}")
    elif selection.query:
        node_ids, edge_keys = query_items or (set(), set())
        current = subgraph(current, node_ids | _ends(current, edge_keys), edge_keys)
        scope.append(" ".join([f"query {selection.query}", *selection.query_params]))
    if labels:
        current = filter_labels(current, labels, keep_nodes=anchors)
        scope.append("labels " + ", ".join(labels))
    if types:
        scope.append("types " + ", ".join(types))
    if since or until:
        scope.append(f"dated {since or '…'} to {until or '…'}")
    if selection.min_weight:
        scope.append(f"at least {selection.min_weight} evidence items")

    if not current.nodes:
        raise EmptySelection("the selection is empty (no actor matches it); nothing written")
    summary = f"{_count(len(current.nodes), 'actor')}, {_count(len(current.edges), 'relation')}"
    description = ("; ".join(scope) or "whole graph") + f" ({summary})"
    if current is graph:
        current = subgraph(graph, graph.nodes)
    current.meta = {"selection": description}
    return current, description


def _ends(graph: Graph, edge_keys: set[str]) -> set[str]:
    ends = set()
    for key in edge_keys:
        edge = graph.edges.get(key)
        if edge is not None:
            ends.update((edge.source, edge.target))
    return ends


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
