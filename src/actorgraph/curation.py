"""graph/curation.yaml: manual fixes applied after extraction, each logged.

Sections (all optional; every entry needs a ``source`` saying who decided it and why)::

    aliases:    - {entity: Javier Milei, alias: El Peluca, source: ...}
    renames:    - {entity: Foreign Ministry, to: Ministry of Foreign Affairs of Argentina, source: ...}
    merges:     - {from: [Trump administration], into: United States, source: ...}
    splits:     - {entity: Milei, aliases: [Karina], into: Karina Milei, label: Person, source: ...}
    rejections: - {entity: Total Endorsement, source: ...}
                - {edge: {source: A, type: SUPPORTS, target: B}, source: ...}
    facts:      - {source_entity: A, type: LEADS, target: B, quote: ..., article: FILE,
                   date: 2025-10, role: President, source: ...}

Entities are named by canonical name, alias or id. A malformed file raises ConfigError
naming the file and line.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ConfigError
from .model import Edge, Evidence, Graph, Node, slugify
from .ontology import Ontology
from .resolve import merge_node
from .yamlfile import line_of, load_yaml
from .extract.lexicon import fold

SECTIONS = ("aliases", "renames", "merges", "splits", "rejections", "facts")


def load_curation(path: Path) -> dict:
    """Parse and check the curation file; ConfigError names the file and line of a bad entry."""
    path = Path(path)
    doc = load_yaml(path)
    if doc in (None, "") or doc == {}:
        return {}
    if not isinstance(doc, dict):
        raise ConfigError(f"{path}:{line_of(doc)}: expected a mapping with sections {', '.join(SECTIONS)}")
    for key, entries in doc.items():
        where = f"{path}:{line_of(key)}"
        if key not in SECTIONS:
            raise ConfigError(f"{where}: unknown section {key!r} (known: {', '.join(SECTIONS)})")
        if entries is None:
            continue
        if not isinstance(entries, list):
            raise ConfigError(f"{where}: section {key!r} must be a list of entries")
        for entry in entries:
            at = f"{path}:{line_of(entry) or line_of(key)}"
            if not isinstance(entry, dict):
                raise ConfigError(f"{at}: {key} entry must be a mapping")
            if not entry.get("source"):
                raise ConfigError(f"{at}: {key} entry needs a 'source' (who decided it, and from what)")
            required = {"aliases": ("entity", "alias"), "renames": ("entity", "to"),
                        "merges": ("from", "into"), "splits": ("entity", "aliases", "into"),
                        "rejections": (), "facts": ("source_entity", "type", "target", "quote")}[key]
            for field in required:
                if entry.get(field) in (None, "", []):
                    raise ConfigError(f"{at}: {key} entry needs '{field}'")
            if key == "rejections" and not (entry.get("entity") or isinstance(entry.get("edge"), dict)):
                raise ConfigError(f"{at}: rejections entry needs 'entity' or an 'edge' mapping")
    return doc


def apply_curation(graph: Graph, path: Path, ontology: Ontology) -> list[str]:
    """Apply the curation file to ``graph`` in place; returns one log line per change."""
    path = Path(path)
    doc = load_curation(path)
    log: list[str] = []
    name = path.name

    def at(entry) -> str:
        return f"{name}:{line_of(entry)}"

    for entry in doc.get("renames") or []:
        node = _find(graph, entry["entity"])
        if node is None:
            log.append(f"{at(entry)}: rename skipped: no entity {entry['entity']!r}")
            continue
        if node.name == str(entry["to"]):
            log.append(f"{at(entry)}: rename skipped: {node.name!r} already has that name")
            continue
        new_id = slugify(str(entry["to"]))
        old_name = node.name
        if new_id != node.id and new_id in graph.nodes:
            merge_node(graph, node.id, new_id, ontology)
            graph.nodes[new_id].add_aliases([old_name])
        else:
            _rename(graph, node, str(entry["to"]), ontology)
        log.append(f"{at(entry)}: renamed {old_name!r} to {entry['to']!r}")
    for entry in doc.get("merges") or []:
        target = _find(graph, entry["into"])
        if target is None:
            log.append(f"{at(entry)}: merge skipped: no entity {entry['into']!r}")
            continue
        sources = entry["from"] if isinstance(entry["from"], list) else [entry["from"]]
        for source_name in sources:
            node = _find(graph, source_name)
            if node is None or node.id == target.id:
                continue
            merge_node(graph, node.id, target.id, ontology)
            log.append(f"{at(entry)}: merged {node.name!r} into {target.name!r}")
    for entry in doc.get("aliases") or []:
        node = _find(graph, entry["entity"])
        if node is None:
            log.append(f"{at(entry)}: alias skipped: no entity {entry['entity']!r}")
            continue
        node.add_aliases([str(entry["alias"])])
        log.append(f"{at(entry)}: added alias {entry['alias']!r} to {node.name!r}")
    for entry in doc.get("splits") or []:
        node = _find(graph, entry["entity"])
        if node is None:
            log.append(f"{at(entry)}: split skipped: no entity {entry['entity']!r}")
            continue
        moved = [str(a) for a in entry["aliases"]]
        label = str(entry.get("label") or node.label)
        ontology.check_label(label, at(entry))
        new = graph.add_node(Node(slugify(str(entry["into"])), str(entry["into"]), label, moved))
        node.aliases = [a for a in node.aliases if a not in moved]
        keep = [node.name, *node.aliases]
        for key in list(graph.edges):
            edge = graph.edges[key]
            if node.id not in (edge.source, edge.target):
                continue
            quotes = [e.quote for e in edge.evidence]
            if any(m in q for q in quotes for m in moved) and not any(k in q for q in quotes for k in keep):
                del graph.edges[key]
                s = new.id if edge.source == node.id else edge.source
                t = new.id if edge.target == node.id else edge.target
                spec = ontology.relations[edge.type]
                if spec.allows(graph.nodes[s].label, graph.nodes[t].label):
                    graph.add_edge(Edge(s, t, edge.type, edge.evidence, edge.props), symmetric=spec.symmetric)
        log.append(f"{at(entry)}: split {moved} from {node.name!r} into {new.name!r}")
    for entry in doc.get("rejections") or []:
        if entry.get("entity"):
            node = _find(graph, entry["entity"])
            if node is None:
                log.append(f"{at(entry)}: rejection skipped: no entity {entry['entity']!r}")
                continue
            del graph.nodes[node.id]
            for key in [k for k, e in graph.edges.items() if node.id in (e.source, e.target)]:
                del graph.edges[key]
            for article in graph.articles.values():
                article.mentions = [m for m in article.mentions if m != node.id]
            log.append(f"{at(entry)}: rejected entity {node.name!r}")
        else:
            spec = entry["edge"]
            s, t = _find(graph, spec.get("source", "")), _find(graph, spec.get("target", ""))
            removed = [k for k, e in graph.edges.items() if s and t and e.type == spec.get("type")
                       and {e.source, e.target} == {s.id, t.id}
                       and (e.source == s.id or ontology.relations[e.type].symmetric)]
            for key in removed:
                del graph.edges[key]
            log.append(f"{at(entry)}: rejected {len(removed)} edge(s) {spec.get('source')} "
                       f"{spec.get('type')} {spec.get('target')}")
    for entry in doc.get("facts") or []:
        where = f"{path}:{line_of(entry)}"  # errors name the whole path; log lines only the file
        ontology.check_type(str(entry["type"]), where)
        s, t = _find(graph, entry["source_entity"]), _find(graph, entry["target"])
        for end, node, key in (("source_entity", s, "source_label"), ("target", t, "target_label")):
            if node is None:
                label = entry.get(key)
                if not label:
                    raise ConfigError(f"{where}: fact names unknown entity {entry[end]!r}; "
                                      f"give '{key}' to create it")
                ontology.check_label(str(label), where)
                node = graph.add_node(Node(slugify(str(entry[end])), str(entry[end]), str(label)))
            if end == "source_entity":
                s = node
            else:
                t = node
        spec = ontology.relations[str(entry["type"])]
        if not spec.allows(s.label, t.label):
            raise ConfigError(f"{where}: {entry['type']} cannot run from {s.label} to {t.label}")
        article_id = _article_id(graph, entry.get("article"))
        evidence = Evidence(article_id or str(entry.get("article") or "curation"), str(entry["quote"]),
                            None, None, str(entry["date"]) if entry.get("date") else None)
        props = {k: str(entry[k]) for k in spec.properties if entry.get(k)}
        props["curated"] = str(entry["source"])
        graph.add_edge(Edge(s.id, t.id, str(entry["type"]), [evidence], props), symmetric=spec.symmetric)
        log.append(f"{where}: added fact {s.name} {entry['type']} {t.name}")
    return log


def _find(graph: Graph, name) -> Node | None:
    key = fold(str(name))
    if str(name) in graph.nodes:
        return graph.nodes[str(name)]
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        if fold(node.name) == key:
            return node
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        if key in {fold(a) for a in node.aliases}:
            return node
    return None


def _rename(graph: Graph, node: Node, new_name: str, ontology: Ontology) -> None:
    new_id = slugify(new_name)
    old_name = node.name
    if new_id == node.id:
        node.name = new_name
        node.add_aliases([old_name])
        return
    graph.add_node(Node(new_id, new_name, node.label, [old_name, *node.aliases], dict(node.props)))
    merge_node(graph, node.id, new_id, ontology)
    graph.nodes[new_id].aliases = [a for a in graph.nodes[new_id].aliases if a != new_name]


def _article_id(graph: Graph, file) -> str | None:
    if not file:
        return None
    for article in graph.articles.values():
        if article.file == str(file) or article.id == str(file):
            return article.id
    return None
