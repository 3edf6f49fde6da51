"""GraphML (for Gephi, yEd, networkx): the shared attribute layout of export/common.py.

GraphML has no list type, so aliases and evidence are JSON strings. Edge ids are the
model's edge keys. Symmetric relations are undirected: ``edgedefault="undirected"`` when
all are, else ``directed="false"`` on each (GraphML's own per-edge flag).
"""

from __future__ import annotations

import io

from networkx.readwrite.graphml import GraphMLWriter

from ..model import Graph
from ..ontology import Ontology
from .common import check_xml_text, to_networkx, undirected_keys



def export(graph: Graph, ontology: Ontology, options) -> dict[str, str]:
    check_xml_text(graph, "graphml")
    g = to_networkx(graph, ontology)
    g.graph["name"] = options.title
    # The ElementTree writer, not write_graphml's streaming lxml one: the tree is needed to
    # mark the undirected edges, which networkx cannot express.
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True, infer_numeric_types=True)
    writer.add_graph_element(g)
    undirected = undirected_keys(graph, ontology)
    graph_element = writer.xml.find("graph")
    if undirected and undirected == set(graph.edges):
        graph_element.set("edgedefault", "undirected")
    else:
        for edge in graph_element.iter("edge"):
            if edge.get("id") in undirected:
                edge.set("directed", "false")
    buffer = io.BytesIO()
    writer.dump(buffer)
    return {"": buffer.getvalue().decode("utf-8").rstrip("\n") + "\n"}
