"""Graph <-> parameter rows for the loaders, and stored records -> Graph, shared by backends.

Store properties can hold only scalars and lists of scalars, so an edge's evidence
is kept as parallel lists (quotes, articles, dates, starts, ends, date_sources, whys),
with "" for a missing date, date source or rule and -1 for a missing offset.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from .. import cypher
from ..keys import actor_keys
from ..model import Article, Edge, Evidence, Graph, Node

NODE_INTERNAL = {"id", "name", "label", "aliases", "keys"}
EDGE_INTERNAL = {"key", "quotes", "articles", "dates", "starts", "ends", "date_sources", "whys",
                 "weight", "first_seen", "last_seen"}


def _scalar_props(props: dict[str, Any]) -> dict[str, Any]:
    """Keep what a store property can hold: scalars and homogeneous lists without None."""
    kept = {}
    for key, value in props.items():
        if value is None:
            continue
        if isinstance(value, (str, int, float, bool)):
            kept[key] = value
        elif isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float, bool)) for v in value):
            kept[key] = list(value)
    return kept


def node_row(node: Node) -> dict:
    """One node's loader row: {'id', 'props'}."""
    props = _scalar_props(node.props) if node.props else {}
    props.update(name=node.name, label=node.label, aliases=sorted(node.aliases),
                 keys=actor_keys(node.id, node.name, node.aliases))
    return {"id": node.id, "props": props}


def node_rows(graph: Graph) -> dict[str, list[dict]]:
    """Rows per label: {'Person': [{'id', 'props'}], ...}."""
    return {label: [node_row(node) for node in nodes] for label, nodes in nodes_by_label(graph).items()}


def nodes_by_label(graph: Graph) -> dict[str, list[Node]]:
    """Nodes per label, in id order: the order of the loader's batches."""
    by_label: dict[str, list[Node]] = {}
    for node_id in sorted(graph.nodes):
        node = graph.nodes[node_id]
        by_label.setdefault(node.label, []).append(node)
    return by_label


def edge_row(edge: Edge, key: str) -> dict:
    """One edge's loader row: {'source', 'target', 'key', 'props'}, evidence as parallel lists.

    Cheap on purpose (a load builds one per relationship): the key is computed by the
    caller once, and the usual single evidence item needs no sort.
    """
    evidence = edge.evidence
    if len(evidence) == 1:  # the usual case: no sort, one literal
        e = evidence[0]
        date = e.date or ""
        props = {"weight": 1, "quotes": [e.quote], "articles": [e.article], "dates": [date],
                 "starts": [-1 if e.start is None else e.start], "ends": [-1 if e.end is None else e.end],
                 "date_sources": [e.date_source or ""], "whys": [e.why or ""]}
        if date:
            props["first_seen"] = props["last_seen"] = date
        if edge.props:  # what is computed here wins over a property of the same name
            props = {**_scalar_props(edge.props), **props}
        return {"source": edge.source, "target": edge.target, "key": key, "props": props}
    props = _scalar_props(edge.props) if edge.props else {}
    if len(evidence) > 1:
        evidence = sorted(evidence, key=Evidence.sort_key)
    props.update(
        weight=len(evidence),
        quotes=[e.quote for e in evidence],
        articles=[e.article for e in evidence],
        dates=[e.date or "" for e in evidence],
        starts=[-1 if e.start is None else e.start for e in evidence],
        ends=[-1 if e.end is None else e.end for e in evidence],
        date_sources=[e.date_source or "" for e in evidence],
        whys=[e.why or "" for e in evidence],
    )
    seen = [d for d in props["dates"] if d]
    if seen:
        props.update(first_seen=min(seen), last_seen=max(seen))
    return {"source": edge.source, "target": edge.target, "key": key, "props": props}


def edges_by_type(graph: Graph) -> dict[str, list[tuple[str, Edge]]]:
    """(key, edge) pairs per relation type, in key order: the order of the loader's batches."""
    by_type: dict[str, list[tuple[str, Edge]]] = {}
    for key, edge in sorted(((edge.key, edge) for edge in graph.edges.values()), key=itemgetter(0)):
        by_type.setdefault(edge.type, []).append((key, edge))
    return by_type


def edge_rows(graph: Graph) -> dict[str, list[dict]]:
    """Rows per relation type: {'MET_WITH': [{'source', 'target', 'key', 'props'}], ...}."""
    return {rel_type: [edge_row(edge, key) for key, edge in pairs]
            for rel_type, pairs in edges_by_type(graph).items()}


def article_rows(graph: Graph) -> list[dict]:
    rows = []
    for article in sorted(graph.articles.values(), key=lambda a: a.id):
        props = _scalar_props(article.props)
        props.update(title=article.title, file=article.file, sha256=article.sha256)
        if article.published:
            props["published"] = article.published
        rows.append({"id": article.id, "props": props})
    return rows


def mention_rows(graph: Graph) -> list[dict]:
    return [{"article": a.id, "node": node_id, "count": 1}
            for a in sorted(graph.articles.values(), key=lambda a: a.id)
            for node_id in sorted(set(a.mentions)) if node_id in graph.nodes]


def node_from_props(props: dict[str, Any]) -> Node:
    extra = {k: v for k, v in props.items() if k not in NODE_INTERNAL}
    return Node(str(props["id"]), str(props.get("name", props["id"])), str(props.get("label", "")),
                list(props.get("aliases") or []), extra)


def edge_from_props(source: str, rel_type: str, target: str, props: dict[str, Any]) -> Edge:
    quotes = props.get("quotes") or []
    n = len(quotes)

    def column(name: str, missing: Any) -> list:
        values = list(props.get(name) or [])
        return values + [missing] * (n - len(values))

    evidence = [
        Evidence(article=a, quote=q, start=None if s == -1 else s, end=None if e == -1 else e,
                 date=d or None, date_source=ds or None, why=w or None)
        for q, a, d, s, e, ds, w in zip(quotes, column("articles", ""), column("dates", ""),
                                        column("starts", -1), column("ends", -1),
                                        column("date_sources", ""), column("whys", ""))
    ]
    extra = {k: v for k, v in props.items() if k not in EDGE_INTERNAL}
    return Edge(source, target, rel_type, evidence, extra)


def article_from_props(props: dict[str, Any], mentions: list[str]) -> Article:
    extra = {k: v for k, v in props.items() if k not in {"id", "title", "published", "file", "sha256"}}
    return Article(str(props["id"]), str(props.get("title", "")), props.get("published"),
                   str(props.get("file", "")), str(props.get("sha256", "")), list(mentions), extra)


def read_counts(read, common_label: str) -> dict:
    """{'nodes': {label: n}, 'edges': {type: n}, 'articles': n} through a store's read()."""
    return counts(read(cypher.COUNT_NODES).rows, read(cypher.COUNT_RELATIONS).rows,
                  read(cypher.COUNT_ARTICLES).rows[0][0], common_label)


def counts(node_rows: list, edge_rows: list, articles: int, common_label: str) -> dict:
    """read_counts from the rows of COUNT_NODES and COUNT_RELATIONS and the number of articles."""
    nodes: dict[str, int] = {}
    for labels, n in node_rows:
        for label in labels:
            if label != common_label:
                nodes[label] = nodes.get(label, 0) + n
    edges = {t: n for t, n in edge_rows}
    return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items())),
            "articles": articles}


def read_graph(read) -> Graph:
    """The stored graph, evidence included, through a store's read()."""
    graph = Graph()
    for (node,) in read(cypher.EXPORT_NODES).rows:
        graph.add_node(node_from_props(node.properties))
    for source, rel_type, target, rel in read(cypher.EXPORT_RELATIONS).rows:
        graph.add_edge(edge_from_props(source, rel_type, target, rel.properties))
    for article, mentions in read(cypher.EXPORT_ARTICLES).rows:
        graph.add_article(article_from_props(article.properties, sorted(mentions)))
    return graph
