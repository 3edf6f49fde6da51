"""Resolution across articles: one node per actor in the combined graph.

Within an article the extractor already links surnames, titles, possessives, case errors,
acronyms and metonyms to one canonical entity. Across articles, nodes meet by id (the slug
of the canonical name); this module also merges what only another article can tell apart:
a bare surname ("Paz") with the one full name that ends in it, and a name that is another
node's alias or acronym ("IDB" -> Inter-American Development Bank).
"""

from __future__ import annotations

from .model import Edge, Graph, Node
from .ontology import Ontology
from .extract.lexicon import fold


def merge_node(graph: Graph, source_id: str, target_id: str, ontology: Ontology) -> None:
    """Fold node ``source_id`` into ``target_id``: aliases, edges and article mentions move."""
    if source_id == target_id or source_id not in graph.nodes or target_id not in graph.nodes:
        return
    source = graph.nodes.pop(source_id)
    target = graph.nodes[target_id]
    target.add_aliases([source.name, *source.aliases])
    for key in list(graph.edges):
        edge = graph.edges[key]
        if source_id not in (edge.source, edge.target):
            continue
        del graph.edges[key]
        new_source = target_id if edge.source == source_id else edge.source
        new_target = target_id if edge.target == source_id else edge.target
        if new_source == new_target:
            continue
        spec = ontology.relations[edge.type]
        if not spec.allows(graph.nodes[new_source].label, graph.nodes[new_target].label):
            continue
        graph.add_edge(Edge(new_source, new_target, edge.type, list(edge.evidence), dict(edge.props)),
                       symmetric=spec.symmetric)
    for article in graph.articles.values():
        if source_id in article.mentions:
            article.mentions = sorted((set(article.mentions) - {source_id}) | {target_id})


def resolve_across(graph: Graph, ontology: Ontology) -> list[str]:
    """Merge nodes that name the same actor in different articles; returns a log line per merge."""
    log: list[str] = []
    by_label: dict[str, list[Node]] = {}
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        by_label.setdefault(node.label, []).append(node)
    merges: list[tuple[str, str]] = []
    for label, nodes in by_label.items():
        names = {fold(n.name): n.id for n in nodes}
        alias_owner: dict[str, set[str]] = {}
        for n in nodes:
            for alias in n.aliases:
                alias_owner.setdefault(fold(alias), set()).add(n.id)
        for n in nodes:
            owners = alias_owner.get(fold(n.name), set()) - {n.id}
            # a node whose name is another node's alias, when that is unambiguous
            if len(owners) == 1:
                owner = next(iter(owners))
                if len(graph.nodes[owner].name) > len(n.name):
                    merges.append((n.id, owner))
                    continue
            if label == "Person" and " " not in n.name:
                full = [m for m in nodes if m.id != n.id and " " in m.name
                        and fold(m.name.split()[-1]) == fold(n.name)]
                if len(full) == 1:
                    merges.append((n.id, full[0].id))
        del names
    for source, target in merges:
        if source in graph.nodes and target in graph.nodes:
            log.append(f"resolved {graph.nodes[source].name!r} as {graph.nodes[target].name!r}")
            merge_node(graph, source, target, ontology)
    return log
