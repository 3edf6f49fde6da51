"""What the graph formats (GraphML, GEXF) share: one attribute layout and its inverse.

Nodes carry ``label`` (the actor's name, which Gephi shows), ``name``, ``kind`` (the
ontology label: Person, Country...), ``aliases`` (a JSON list) and their other
properties. Edges carry ``label`` and ``relation`` (the relation type), ``weight``
(number of evidence items), ``symmetric``, ``first_seen``/``last_seen``, their other
properties, and ``evidence`` as a JSON list of {article, quote, start, end, date}.
Edge ids are the model's edge keys; node ids are the model's node ids.

Edges of symmetric types (``symmetric: true`` in the ontology: MET_WITH, ALLIED_WITH) are
undirected: the whole graph when every edge is, else each such edge in a directed graph
(a mixed graph, which Gephi and yEd read; networkx's readers refuse mixed graphs).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import networkx as nx

from ..model import Edge, Evidence, Graph, Node
from ..ontology import Ontology

NODE_RESERVED = {"label", "name", "kind", "aliases", "id"}
EDGE_RESERVED = {"label", "relation", "weight", "symmetric", "first_seen", "last_seen", "evidence",
                 "id", "key", "type", "source", "target"}

# XML 1.0 cannot hold these characters at all, escaped or not.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _value(value: Any) -> Any:
    """A property value as an XML attribute can hold it: scalars kept, anything else as JSON."""
    if isinstance(value, bool) or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _props(props: dict[str, Any], reserved: set[str]) -> dict[str, Any]:
    out = {}
    for key in sorted(props):
        if props[key] is None:
            continue
        out[f"prop_{key}" if key in reserved else key] = _value(props[key])
    return out


def node_attributes(node: Node) -> dict[str, Any]:
    return {"label": node.name, "name": node.name, "kind": node.label,
            "aliases": json.dumps(sorted(node.aliases), ensure_ascii=False),
            **_props(node.props, NODE_RESERVED)}


def evidence_json(edge: Edge) -> str:
    evidence = sorted(edge.evidence, key=Evidence.sort_key)
    return json.dumps([e.to_dict() for e in evidence], ensure_ascii=False)


def edge_attributes(edge: Edge, ontology: Ontology) -> dict[str, Any]:
    relation = ontology.relations.get(edge.type)
    attrs = {"label": edge.type, "relation": edge.type, "weight": edge.weight,
             "symmetric": bool(relation and relation.symmetric)}
    if edge.first_seen:
        attrs.update(first_seen=edge.first_seen, last_seen=edge.last_seen)
    attrs.update(_props(edge.props, EDGE_RESERVED))
    attrs["evidence"] = evidence_json(edge)
    return attrs


def undirected_keys(graph: Graph, ontology: Ontology) -> set[str]:
    """Keys of the edges of symmetric types (MET_WITH, ALLIED_WITH), which the formats mark undirected."""
    return {key for key, edge in graph.edges.items()
            if edge.type in ontology.relations and ontology.relations[edge.type].symmetric}


def to_networkx(graph: Graph, ontology: Ontology) -> nx.MultiDiGraph:
    """The graph as a networkx MultiDiGraph in the shared layout, nodes and edges in id order."""
    g = nx.MultiDiGraph()
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        g.add_node(node.id, **node_attributes(node))
    for edge in sorted(graph.edges.values(), key=lambda e: e.key):
        g.add_edge(edge.source, edge.target, key=edge.key, **edge_attributes(edge, ontology))
    return g


def from_networkx(g: nx.Graph) -> Graph:
    """Read the shared layout back (from networkx's GraphML or GEXF readers) into a Graph."""
    graph = Graph()
    for node_id, data in g.nodes(data=True):
        data = dict(data)
        name = data.pop("name", data.get("label", node_id))
        label = data.pop("kind", "")
        aliases = json.loads(data.pop("aliases", "[]") or "[]")
        for skip in ("label", "start", "end", "viz", "spells", "id"):
            data.pop(skip, None)
        props = _decode_props(data)
        graph.nodes[str(node_id)] = Node(str(node_id), str(name), str(label), list(aliases), props)
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, None, d) for u, v, d in g.edges(data=True))
    for source, target, _key, data in edges:
        data = dict(data)
        rel_type = data.pop("relation", data.get("label"))
        evidence = [Evidence(**e) for e in json.loads(data.pop("evidence", "[]") or "[]")]
        for skip in ("label", "weight", "symmetric", "first_seen", "last_seen", "start", "end", "spells",
                     "id", "viz", "networkx_key"):
            data.pop(skip, None)
        props = _decode_props(data)
        graph.add_edge(Edge(str(source), str(target), str(rel_type), evidence, props))
    return graph


def _decode_props(data: dict[str, Any]) -> dict[str, Any]:
    """Undo ``_props``: strip the clash prefix, and read back list values written as JSON.

    A string property that merely looks like a JSON list would be read as a list too;
    the graph's own properties (role, detail, parties...) never do.
    """
    props = {}
    for key, value in data.items():
        if isinstance(value, str) and value.startswith("["):
            try:
                decoded = json.loads(value)
            except ValueError:
                decoded = value
            value = decoded if isinstance(decoded, list) else value
        props[key[5:] if key.startswith("prop_") else key] = value
    return props


def check_xml_text(graph: Graph, format_name: str) -> None:
    """Raise ExportError when a name, alias, quote or property holds a character XML cannot carry."""
    from . import ExportError

    def check(text: Any, where: str) -> None:
        if isinstance(text, str):
            bad = _XML_FORBIDDEN.search(text)
            if bad:
                raise ExportError(f"{format_name} cannot carry the control character U+{ord(bad.group()):04X} "
                                  f"in {where}; fix the graph or export as json or cypher")
        elif isinstance(text, (list, tuple)):
            for item in text:
                check(item, where)
        elif isinstance(text, dict):
            for item in text.values():
                check(item, where)

    for node in graph.nodes.values():
        check([node.id, node.name, *node.aliases], f"actor {node.id!r}")
        check(node.props, f"actor {node.id!r}")
    for edge in graph.edges.values():
        check([edge.key, *(e.quote for e in edge.evidence), *(e.article for e in edge.evidence),
               *(e.date or "" for e in edge.evidence)], f"relation {edge.key!r}")
        check(edge.props, f"relation {edge.key!r}")
