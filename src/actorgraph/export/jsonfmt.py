"""The project's graph JSON (model.dumps_graph): everything, evidence included, sorted."""

from __future__ import annotations

from ..model import Graph, dumps_graph
from ..ontology import Ontology


def export(graph: Graph, ontology: Ontology, options) -> dict[str, str]:
    return {"": dumps_graph(graph)}
