"""GraphML (for Gephi, yEd, networkx): the shared attribute layout of export/common.py.

GraphML has no list type, so aliases and evidence are JSON strings. Edge ids are the
model's edge keys.
"""

from __future__ import annotations

import io

import networkx as nx

from ..model import Graph
from ..ontology import Ontology
from .common import check_xml_text, to_networkx


def export(graph: Graph, ontology: Ontology, options) -> dict[str, str]:
    check_xml_text(graph, "graphml")
    g = to_networkx(graph, ontology)
    g.graph["name"] = options.title
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8", prettyprint=True, infer_numeric_types=True)
    return {"": buffer.getvalue().decode("utf-8").rstrip("\n") + "\n"}
