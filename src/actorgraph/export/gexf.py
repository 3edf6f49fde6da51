"""GEXF 1.2 for Gephi: the shared attribute layout, ontology colours, and dates on the timeline.

An edge starts on the first date it is reported (``first_seen``; an undated quote takes its
article's publication date) and has no end: once on record, a relation stays on the timeline.
A node starts with its earliest edge. The timeline runs over the articles' publication dates:
a date the text gives before the first article (a year mentioned in passing, "in 1956") starts
at the first article's date, one after the last at the last (``select.on_timeline``). Partial
dates are widened to a day (``2025-04`` -> ``2025-04-01``) because GEXF dates are
``xsd:date``. Undated nodes and edges carry no start and show at every time.
"""

from __future__ import annotations

import io

from networkx.readwrite.gexf import GEXFWriter

from ..model import Graph
from ..ontology import Ontology
from ..select import article_span, date_bounds, edge_dates, on_timeline
from .common import check_xml_text, to_networkx, undirected_keys


def _day(date: str | None) -> str | None:
    if not date:
        return None
    try:
        return date_bounds(date)[0]
    except Exception:
        return None


def _rgb(color: str) -> dict[str, int | float]:
    color = color.lstrip("#")
    if len(color) != 6:
        return {"r": 153, "g": 153, "b": 153, "a": 1.0}
    return {"r": int(color[0:2], 16), "g": int(color[2:4], 16), "b": int(color[4:6], 16), "a": 1.0}


def export(graph: Graph, ontology: Ontology, options) -> dict[str, str]:
    check_xml_text(graph, "gexf")
    g = to_networkx(graph, ontology)
    g.graph["name"] = options.title
    starts: dict[str, str] = {}
    span = article_span(graph)
    for source, target, key, data in g.edges(keys=True, data=True):
        data["id"] = key
        dates = sorted(on_timeline(d, span) for d in edge_dates(graph, graph.edges[key]))
        start = _day(dates[0]) if dates else None
        if start:
            data["start"] = start
            for end in (source, target):
                if end not in starts or start < starts[end]:
                    starts[end] = start
    for node_id, data in g.nodes(data=True):
        if node_id in starts:
            data["start"] = starts[node_id]
        label = ontology.labels.get(data["kind"])
        data["viz"] = {"color": _rgb(label.color if label else "#999999")}
    # Symmetric relations are undirected: the whole graph when all are, else each such edge
    # in a directed graph (GEXF's mixed graphs, which Gephi reads).
    undirected = undirected_keys(graph, ontology)
    every_edge = bool(undirected) and undirected == set(graph.edges)
    if not every_edge:
        for _source, _target, key, data in g.edges(keys=True, data=True):
            if key in undirected:
                data["type"] = "undirected"
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(g)
    if every_edge:
        writer.graph_element.set("defaultedgetype", "undirected")
    _drop_attribute(writer.graph_element, "networkx_key")
    # networkx stamps today's date here; a fixed one keeps exports byte-for-byte reproducible.
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.set("lastmodifieddate", max(starts.values(), default="1970-01-01"))
    buffer = io.BytesIO()
    writer.write(buffer)
    return {"": buffer.getvalue().decode("utf-8").rstrip("\n") + "\n"}


def _drop_attribute(graph_element, title: str) -> None:
    """Remove an attribute networkx adds on its own (the multigraph key, already the edge id)."""
    for attributes in graph_element.findall("attributes"):
        for attribute in attributes.findall("attribute"):
            if attribute.get("title") == title:
                attributes.remove(attribute)
                for values in graph_element.iter("attvalues"):
                    for value in values.findall("attvalue"):
                        if value.get("for") == attribute.get("id"):
                            values.remove(value)
