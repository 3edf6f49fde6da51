"""What changed between two graphs: actors and relations added, removed and changed.

``diff_graphs(old, new)`` compares two graphs by node id and edge key. A node has
changed when its name, label, aliases or properties differ; an edge has changed when it
gained or lost evidence (which brings new dates) or its properties differ.
``diff_since(graph, date)`` answers "what is new since DATE" from one graph: the old
graph is the same graph without the evidence dated on or after DATE.
``highlight_graph`` builds the graph the HTML view draws: what changed, with the ends of
changed relations for context, each marked by a ``diff`` property.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .display import escape_controls
from .model import Edge, Graph, Node
from .select import check_date, date_bounds, evidence_date, subgraph

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass
class Change:
    """One actor or relation that differs; ``details`` say how, for people."""

    kind: str  # "actor" | "relation"
    status: str  # added | removed | changed
    id: str  # node id or edge key
    name: str  # actor name, or "Source -TYPE-> Target"
    details: list[str] = field(default_factory=list)
    new_evidence: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "status": self.status, "id": self.id, "name": self.name,
                "details": self.details, "new_evidence": self.new_evidence}


@dataclass
class GraphDiff:
    old_label: str
    new_label: str
    changes: list[Change] = field(default_factory=list)

    def count(self, kind: str, status: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind and c.status == status)

    def summary(self) -> str:
        parts = []
        for kind in ("actor", "relation"):
            counts = [f"{self.count(kind, s)} {s}" for s in (ADDED, REMOVED, CHANGED) if self.count(kind, s)]
            if counts:
                parts.append(f"{kind}s: " + ", ".join(counts))
        return "; ".join(parts) or "no changes"

    def to_dict(self) -> dict:
        totals = {f"{kind}s": {s: self.count(kind, s) for s in (ADDED, REMOVED, CHANGED)}
                  for kind in ("actor", "relation")}
        return {"old": self.old_label, "new": self.new_label, "summary": totals,
                "changes": [c.to_dict() for c in self.changes]}


def _edge_name(edge: Edge, nodes: dict[str, Node]) -> str:
    def name(node_id: str) -> str:
        return nodes[node_id].name if node_id in nodes else node_id

    role = edge.props.get("role") if edge.type == "HOLDS_ROLE" else None
    return f"{name(edge.source)} -{edge.type}-> {name(edge.target)}" + (f" ({role})" if role else "")


def _show(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _prop_changes(old: dict, new: dict) -> list[str]:
    details = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            if key not in old:
                details.append(f"{key} set to {_show(new[key])}")
            elif key not in new:
                details.append(f"{key} removed (was {_show(old[key])})")
            else:
                details.append(f"{key} {_show(old[key])} -> {_show(new[key])}")
    return details


def _node_changes(old: Node, new: Node) -> list[str]:
    details = []
    if old.name != new.name:
        details.append(f"renamed {old.name!r} -> {new.name!r}")
    if old.label != new.label:
        details.append(f"label {old.label} -> {new.label}")
    added = sorted(set(new.aliases) - set(old.aliases))
    removed = sorted(set(old.aliases) - set(new.aliases))
    if added:
        details.append("new aliases: " + ", ".join(added))
    if removed:
        details.append("aliases dropped: " + ", ".join(removed))
    return details + _prop_changes(old.props, new.props)


def _edge_changes(old: Edge, new: Edge) -> tuple[list[str], list[dict]]:
    old_keys = {e.key() for e in old.evidence}
    new_keys = {e.key() for e in new.evidence}
    gained = sorted((e for e in new.evidence if e.key() not in old_keys), key=lambda e: e.key())
    lost = [e for e in old.evidence if e.key() not in new_keys]
    details = []
    if gained:
        details.append(f"{len(gained)} new evidence item{'s' if len(gained) > 1 else ''}")
        dates = sorted({e.date for e in gained if e.date} - set(old.dates))
        if dates:
            details.append("new dates: " + ", ".join(dates))
    if lost:
        details.append(f"{len(lost)} evidence item{'s' if len(lost) > 1 else ''} dropped")
    details += _prop_changes(old.props, new.props)
    return details, [e.to_dict() for e in gained]


def diff_graphs(old: Graph, new: Graph, old_label: str = "old", new_label: str = "new") -> GraphDiff:
    """Compare two graphs by node id and edge key; changes sorted actors first, then by status and id."""
    result = GraphDiff(old_label, new_label)
    for node_id in sorted(set(old.nodes) | set(new.nodes)):
        before, after = old.nodes.get(node_id), new.nodes.get(node_id)
        if before is None:
            result.changes.append(Change("actor", ADDED, node_id, after.name, [after.label]))
        elif after is None:
            result.changes.append(Change("actor", REMOVED, node_id, before.name, [before.label]))
        else:
            details = _node_changes(before, after)
            if details:
                result.changes.append(Change("actor", CHANGED, node_id, after.name, details))
    names = {**old.nodes, **new.nodes}
    for key in sorted(set(old.edges) | set(new.edges)):
        before, after = old.edges.get(key), new.edges.get(key)
        if before is None:
            dates = ", ".join(after.dates)
            details = [f"{after.weight} evidence item{'s' if after.weight != 1 else ''}"]
            details += [f"dated {dates}"] if dates else []
            result.changes.append(Change("relation", ADDED, key, _edge_name(after, names), details,
                                         [e.to_dict() for e in after.evidence]))
        elif after is None:
            result.changes.append(Change("relation", REMOVED, key, _edge_name(before, names),
                                         [f"had {before.weight} evidence item{'s' if before.weight != 1 else ''}"]))
        else:
            details, gained = _edge_changes(before, after)
            if details:
                result.changes.append(Change("relation", CHANGED, key, _edge_name(after, names), details, gained))
    order = {ADDED: 0, CHANGED: 1, REMOVED: 2}
    result.changes.sort(key=lambda c: (c.kind != "actor", order[c.status], c.id))
    return result


def before(graph: Graph, date: str) -> Graph:
    """The graph as it stood before ``date``: evidence dated on or after it removed.

    An evidence item counts as new when the first day it covers is on or after the date
    (``2025-04`` is new since ``2025-04-01``); an undated item takes its article's
    publication date, and is old when that is unknown too. Relations left
    without evidence go, and so do actors whose every relation went.
    """
    start = date_bounds(check_date(date, "--since"))[0]

    def is_new(evidence_date: str | None) -> bool:
        if not evidence_date:
            return False
        try:
            return date_bounds(evidence_date)[0] >= start
        except Exception:
            return False

    old = Graph(meta=dict(graph.meta))
    kept_edges, touched = [], set()
    for key, edge in graph.edges.items():
        touched.update((edge.source, edge.target))
        evidence = [e for e in edge.evidence if not is_new(evidence_date(graph, e))]
        if evidence:
            kept_edges.append(key)
            old.edges[key] = Edge(edge.source, edge.target, edge.type, evidence, dict(edge.props))
    ends = {old.edges[k].source for k in kept_edges} | {old.edges[k].target for k in kept_edges}
    isolated = set(graph.nodes) - touched  # actors with no relation at all carry no date: old
    for node_id in sorted(ends | isolated):
        node = graph.nodes[node_id]
        old.nodes[node_id] = Node(node.id, node.name, node.label, list(node.aliases), dict(node.props))
    for article_id, article in graph.articles.items():
        if not is_new(article.published):
            old.articles[article_id] = article
    return old


def diff_since(graph: Graph, date: str, label: str = "graph") -> GraphDiff:
    """What is new in ``graph`` since ``date`` (see ``before``)."""
    return diff_graphs(before(graph, date), graph, f"{label} before {date}", label)


def highlight_graph(old: Graph, new: Graph, result: GraphDiff) -> Graph:
    """The changed part of the union of two graphs, with ``diff`` = added/removed/changed on what changed.

    Unchanged actors at the ends of changed relations are included, unmarked, for context.
    """
    status = {(c.kind, c.id): c.status for c in result.changes}
    union = Graph(meta=dict(new.meta))
    union.merge(new)
    for node_id, node in old.nodes.items():
        if node_id not in union.nodes:
            union.nodes[node_id] = Node(node.id, node.name, node.label, list(node.aliases), dict(node.props))
    for key, edge in old.edges.items():
        if key not in union.edges:
            union.edges[key] = Edge(edge.source, edge.target, edge.type, list(edge.evidence), dict(edge.props))
    edge_keys = [k for k in union.edges if ("relation", k) in status]
    node_ids = {n for n in union.nodes if ("actor", n) in status}
    for key in edge_keys:
        node_ids.update((union.edges[key].source, union.edges[key].target))
    view = subgraph(union, node_ids, edge_keys)
    for node_id, node in view.nodes.items():
        if ("actor", node_id) in status:
            node.props["diff"] = status[("actor", node_id)]
    for key, edge in view.edges.items():
        edge.props["diff"] = status[("relation", key)]
    return view


def format_table(result: GraphDiff) -> str:
    """A plain-text table for people: one line a change, details indented below."""
    lines = [f"{result.old_label} -> {result.new_label}: {result.summary()}"]
    if not result.changes:
        return lines[0] + "\n"
    sign = {ADDED: "+", REMOVED: "-", CHANGED: "~"}
    names = [_one_line(c.name) for c in result.changes]
    width = max(len(n) for n in names)
    for change, name in zip(result.changes, names):
        detail = _one_line("; ".join(change.details))
        lines.append(f"{sign[change.status]} {change.kind:<8} {name:<{width}}  {detail}".rstrip())
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return escape_controls(text.replace("\r", " ").replace("\n", " "))


def format_json(result: GraphDiff) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n"
