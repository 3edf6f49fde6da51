"""Read the GraphML and GEXF exports with networkx, which refuses mixed graphs.

The exports mark symmetric relations undirected (GraphML ``directed="false"`` on an edge
or ``edgedefault="undirected"``; GEXF ``type="undirected"`` or ``defaultedgetype``),
which Gephi and yEd read but networkx's readers refuse in a directed graph. ``read``
records which edges are undirected, removes the marks, and lets networkx read the rest.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

_NS = {"graphml": "http://graphml.graphdrawing.org/xmlns", "gexf": "http://www.gexf.net/1.2draft"}
_MARKS = {"graphml": ("edgedefault", "directed", "false"), "gexf": ("defaultedgetype", "type", "undirected")}


def read(fmt: str, payload: str) -> tuple[nx.MultiDiGraph, set[str]]:
    """(the graph as networkx reads it once the direction marks are gone, ids of undirected edges)."""
    for prefix, uri in _NS.items():
        ET.register_namespace("" if prefix == fmt else prefix, uri)
    ET.register_namespace("viz", "http://www.gexf.net/1.2draft/viz")
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root = ET.fromstring(payload)
    ns = _NS[fmt]
    default_attr, edge_attr, undirected_value = _MARKS[fmt]
    graph = root.find(f"{{{ns}}}graph")
    all_undirected = graph.get(default_attr) == "undirected"
    graph.set(default_attr, "directed")
    undirected = set()
    for edge in graph.iter(f"{{{ns}}}edge"):
        if all_undirected or edge.get(edge_attr) == undirected_value:
            undirected.add(edge.get("id"))
        edge.attrib.pop(edge_attr, None)
    text = ET.tostring(root, encoding="unicode")
    g = nx.parse_graphml(text, force_multigraph=True) if fmt == "graphml" else _read_gexf(text)
    return g, undirected


def _read_gexf(text: str):
    import io

    return nx.read_gexf(io.BytesIO(text.encode("utf-8")))
