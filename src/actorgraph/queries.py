"""The library of named Cypher queries (queries/*.cypher) and running Cypher against a store.

Each query is a ``.cypher`` file whose leading ``//`` comment lines form its header::

    // title: Shortest path between two actors
    // description: The shortest chain of typed relations linking two actors;
    //   an indented line continues the previous field.
    // param: source string — id, name or alias of the first actor
    // param: limit int = 10 — how many rows (a default makes the parameter optional)
    // backends: falkordb, neo4j

A backend that needs different Cypher gets a sibling file ``NAME.BACKEND.cypher`` (e.g.
``shortest_path.falkordb.cypher``) holding only the body; ``text_for(backend)`` picks it.
Headers are checked when the library loads: every ``$name`` in a body must be declared
and every declared parameter used, so a broken query fails at start-up, not mid-analysis.
Values always travel as query parameters, never pasted into the text.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, QueryError
from .model import Graph
from .ontology import Ontology
from .store import rows
from .store.base import GNode, GPath, GRel, Result

BACKENDS = ("falkordb", "neo4j")
TYPES = {"string": str, "int": int, "float": float, "bool": bool}
_FIELD = re.compile(r"^//\s?(title|description|param|backends):\s*(.*)$")
_PARAM = re.compile(r"^([A-Za-z_]\w*)\s+(string|int|float|bool)(?:\s*=\s*(\S+))?\s+(?:—|--)\s+(.+)$")
_USED_PARAM = re.compile(r"\$([A-Za-z_]\w*)")
_STRING_OR_COMMENT = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*")
_TRUE, _FALSE = {"true", "yes", "1", "on"}, {"false", "no", "0", "off"}


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # string | int | float | bool
    default: Any = None
    required: bool = True
    help: str = ""

    def describe(self) -> str:
        default = "" if self.required else f" = {json.dumps(self.default, ensure_ascii=False)}"
        return f"{self.name} ({self.type}{default})"


@dataclass
class NamedQuery:
    name: str
    title: str
    description: str
    params: list[Param]
    backends: tuple[str, ...]
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # "" = shared body
    path: Path | None = None

    def text_for(self, backend: str) -> str:
        """The Cypher to send to `backend`: its own variant if there is one, else the shared body."""
        if backend not in self.backends:
            raise QueryError(f"query {self.name!r} does not run on {backend} "
                             f"(it runs on: {', '.join(self.backends)})")
        return self.texts.get(backend) or self.texts[""]

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def load_library(directory: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query in `directory` (default: the project's queries/), by name."""
    if directory is None:
        from .settings import queries_dir

        directory = queries_dir()
    directory = Path(directory)
    if not directory.is_dir():
        raise ConfigError(f"{directory}: query folder not found")
    files = sorted(directory.glob("*.cypher"))
    library: dict[str, NamedQuery] = {}
    for path in files:
        if path.name.count(".") == 1:
            library[path.stem] = _parse_query(path)
    for path in files:
        if path.name.count(".") == 1:
            continue
        name, backend = path.name[: -len(".cypher")].rsplit(".", 1)
        query = library.get(name)
        if query is None:
            raise ConfigError(f"{path}: variant of a query that does not exist ({name}.cypher)")
        if backend not in query.backends:
            raise ConfigError(f"{path}: backend {backend!r} is not in the backends line of {name}.cypher "
                              f"({', '.join(query.backends)})")
        body = _body(path.read_text(encoding="utf-8"))
        _check_params(query, body, path)
        query.texts[backend] = body
    return library


def get_query(library: dict[str, NamedQuery], name: str) -> NamedQuery:
    """The query called `name`, or a QueryError suggesting close names."""
    if name in library:
        return library[name]
    close = difflib.get_close_matches(name, library, n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise QueryError(f"no query named {name!r}; {hint}`actorgraph queries` lists them all")


def bind_params(query: NamedQuery, raw: dict[str, str]) -> dict[str, Any]:
    """Typed parameter values from `-p key=value` strings, defaults filled in."""
    for key in raw:
        if query.param(key) is None:
            takes = ", ".join(p.name for p in query.params) or "no parameters"
            raise QueryError(f"query {query.name!r} has no parameter {key!r} (it takes: {takes})")
    bound: dict[str, Any] = {}
    for param in query.params:
        if param.name in raw:
            bound[param.name] = convert(param, raw[param.name], query.name)
        elif param.required:
            raise QueryError(f"query {query.name!r} needs parameter {param.name!r} ({param.type}: "
                             f"{param.help}); pass -p {param.name}=VALUE")
        else:
            bound[param.name] = param.default
    return bound


def convert(param: Param, value: str, query_name: str = "") -> Any:
    """One `-p` string as the parameter's declared type; QueryError naming it if it does not fit."""
    where = f"parameter {param.name!r}" + (f" of query {query_name!r}" if query_name else "")
    text = value.strip()
    try:
        if param.type == "string":
            return value
        if param.type == "bool":
            if text.lower() in _TRUE:
                return True
            if text.lower() in _FALSE:
                return False
            raise ValueError
        return TYPES[param.type](text)
    except ValueError:
        raise QueryError(f"{where} must be {_article(param.type)} {param.type}, got {value!r}") from None


def guess_params(raw: dict[str, str]) -> dict[str, Any]:
    """Values for an ad hoc query (-e/--file), which declares no types: JSON if it parses, else text."""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        try:
            values[key] = json.loads(value)
        except ValueError:
            values[key] = value
    return values


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`key=value` strings (from -p) as a dict; the value may itself contain '='."""
    raw: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"parameter {pair!r} is not key=value (e.g. -p actor=\"Javier Milei\")")
        raw[key.strip()] = value
    return raw


def run_query(store, cypher: str, params: dict | None = None, *, write: bool = False) -> Result:
    """Run Cypher on a store, read-only unless `write` (the backend refuses writes otherwise)."""
    if not cypher.strip():
        raise QueryError("the query is empty")
    missing = sorted(set(_USED_PARAM.findall(_STRING_OR_COMMENT.sub("", cypher))) - set(params or {}))
    if missing:
        raise QueryError(f"parameter ${missing[0]} is not given; pass -p {missing[0]}=VALUE")
    return store.write(cypher, params or {}) if write else store.read(cypher, params or {})


def run_named(store, query: NamedQuery, raw: dict[str, str], *, write: bool = False) -> Result:
    """Bind `-p` strings and run a library query with the text for the store's backend."""
    params = bind_params(query, raw)
    if query.name == "shortest_path" and store.name == "falkordb":
        # FalkorDB's algo.SPpaths enumerates paths (no answer in 30 s at 1M relationships);
        # paths.py answers the same question by a bidirectional search.
        from .paths import shortest_path

        return shortest_path(store, params["source"], params["target"])
    return run_query(store, query.text_for(store.name), params, write=write)


def result_to_graph(result: Result, ontology: Ontology) -> Graph:
    """The nodes, relationships and paths in a result as a Graph (evidence included).

    A relationship is kept only when both its end nodes are in the result too, as they
    are in paths and in queries that return `source, relation, target`.
    """
    nodes: dict[str, GNode] = {}
    rels: dict[str, GRel] = {}
    for row in result.rows:
        for value in row:
            _collect(value, nodes, rels)
    graph = Graph()
    article_ids: dict[str, str] = {}
    for gnode in nodes.values():
        if ontology.article_label in gnode.labels:
            article = rows.article_from_props(gnode.properties, [])
            graph.add_article(article)
            article_ids[gnode.element_id] = article.id
        elif "id" in gnode.properties:
            node = rows.node_from_props(gnode.properties)
            if not node.label:
                node.label = next((l for l in gnode.labels if l in ontology.labels), "")
            graph.add_node(node)
    node_ids = {eid: str(n.properties["id"]) for eid, n in nodes.items() if "id" in n.properties}
    for rel in rels.values():
        if rel.start not in node_ids or rel.end not in node_ids:
            continue
        if rel.type == ontology.mention_type and rel.start in article_ids:
            article = graph.articles[article_ids[rel.start]]
            article.mentions = sorted(set(article.mentions) | {node_ids[rel.end]})
            continue
        if rel.type not in ontology.relations:
            continue
        edge = rows.edge_from_props(node_ids[rel.start], rel.type, node_ids[rel.end], rel.properties)
        graph.add_edge(edge, symmetric=ontology.relations[rel.type].symmetric)
    return graph


def to_plain(value: Any) -> Any:
    """A result value as JSON-ready data: nodes and relationships become their properties
    plus ``_labels`` / ``_type`` (store-internal ids left out, so output is reproducible)."""
    if isinstance(value, GNode):
        return {"_labels": sorted(value.labels), **dict(sorted(value.properties.items()))}
    if isinstance(value, GRel):
        return {"_type": value.type, **dict(sorted(value.properties.items()))}
    if isinstance(value, GPath):
        return {"nodes": [to_plain(n) for n in value.nodes],
                "relationships": [to_plain(r) for r in value.relationships]}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


def to_text(value: Any) -> str:
    """A result value as one readable line for tables and CSV."""
    if value is None:
        return ""
    if isinstance(value, GNode):
        return str(value.properties.get("name") or value.properties.get("title")
                   or value.properties.get("id") or ":".join(value.labels))
    if isinstance(value, GRel):
        return value.type
    if isinstance(value, GPath):
        names = {n.element_id: to_text(n) for n in value.nodes}
        parts = [to_text(value.nodes[0])] if value.nodes else []
        for rel, node in zip(value.relationships, value.nodes[1:]):
            arrow = f"-[{rel.type}]->" if rel.start != node.element_id else f"<-[{rel.type}]-"
            parts += [arrow, names[node.element_id]]
        return " ".join(parts)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(to_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(to_plain(value), ensure_ascii=False, sort_keys=True)
    return str(value)


# -- parsing ---------------------------------------------------------------------------


def _parse_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "backends": []}
    lines_of: dict[int, int] = {}
    current: list[str] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.startswith("//"):
            break
        match = _FIELD.match(line)
        if match:
            current = fields[match.group(1)]
            current.append(match.group(2).strip())
            if match.group(1) == "param":
                lines_of[len(current) - 1] = lineno
        elif current is not None and line[2:].startswith((" ", "\t")) and line[2:].strip():
            current[-1] += " " + line[2:].strip()
    for key in ("title", "description", "backends"):
        if len(fields[key]) != 1 or not fields[key][0]:
            raise ConfigError(f"{path}: header needs exactly one '// {key}: ...' line")
    backends = tuple(b.strip() for b in fields["backends"][0].split(",") if b.strip())
    for backend in backends:
        if backend not in BACKENDS:
            raise ConfigError(f"{path}: unknown backend {backend!r} (known: {', '.join(BACKENDS)})")
    params = [_parse_param(spec, f"{path}:{lines_of[i]}") for i, spec in enumerate(fields["param"])]
    query = NamedQuery(path.stem, fields["title"][0], fields["description"][0], params, backends,
                       {"": _body(text)}, path)
    if len({p.name for p in params}) != len(params):
        raise ConfigError(f"{path}: a parameter is declared twice")
    _check_params(query, query.texts[""], path)
    return query


def _parse_param(spec: str, where: str) -> Param:
    match = _PARAM.match(spec)
    if not match:
        raise ConfigError(f"{where}: parameter line must read 'NAME TYPE [= DEFAULT] — help' "
                          f"with TYPE one of {', '.join(TYPES)}; got {spec!r}")
    name, type_, default, help_ = match.groups()
    param = Param(name, type_, None, True, help_.strip())
    if default is None:
        return param
    try:
        raw = json.loads(default) if type_ == "string" else default
    except ValueError:
        raw = default
    if type_ == "string" and not isinstance(raw, str):
        raise ConfigError(f"{where}: default of {name!r} must be a quoted string, e.g. \"\"")
    try:
        value = convert(param, str(raw))
    except QueryError as exc:
        raise ConfigError(f"{where}: default: {exc}") from None
    return Param(name, type_, value, False, help_.strip())


def _body(text: str) -> str:
    lines = text.splitlines()
    while lines and (lines[0].startswith("//") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines).strip() + "\n"


def _check_params(query: NamedQuery, body: str, path: Path) -> None:
    used = set(_USED_PARAM.findall(_STRING_OR_COMMENT.sub("", body)))
    declared = {p.name for p in query.params}
    if used - declared:
        raise ConfigError(f"{path}: uses undeclared parameter(s) {', '.join(sorted(used - declared))}; "
                          "add a '// param:' line for each")
    if declared - used:
        raise ConfigError(f"{path}: declares parameter(s) it never uses: {', '.join(sorted(declared - used))}")


def _collect(value: Any, nodes: dict[str, GNode], rels: dict[str, GRel]) -> None:
    if isinstance(value, GNode):
        nodes.setdefault(value.element_id, value)
    elif isinstance(value, GRel):
        rels.setdefault(value.element_id, value)
    elif isinstance(value, GPath):
        for node in value.nodes:
            nodes.setdefault(node.element_id, node)
        for rel in value.relationships:
            rels.setdefault(rel.element_id, rel)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect(item, nodes, rels)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, nodes, rels)


def _article(type_: str) -> str:
    return "an" if type_[0] in "aeiou" else "a"
