"""The library of named Cypher queries (queries/*.cypher) and running Cypher against a store.

Each query is a ``.cypher`` file whose leading ``//`` comment lines form its header::

    // title: Shortest path between two actors
    // description: The shortest chain of typed relations linking two actors;
    //   an indented line continues the previous field.
    // param: source actor — id, name or alias of the first actor
    // param: limit int 1..1000 = 10 — how many rows (a default makes the parameter optional)
    // backends: falkordb, neo4j

Parameter types: ``string``, ``int`` (optionally with an inclusive range ``LOW..HIGH``),
``float``, ``bool``, ``date`` (YYYY, YYYY-MM or YYYY-MM-DD, sent as that text, as dates are
stored), ``actor`` (resolved before the query runs, through one indexed lookup of the
actors' normalised names and aliases, to the actor's id: no match is an error with close
names; an empty default means "no actor") and ``relation`` (a relation type of the
ontology, upper-cased).

A backend that needs different Cypher gets a sibling file ``NAME.BACKEND.cypher`` (e.g.
``shortest_path.falkordb.cypher``) holding only the body; ``text_for(backend)`` picks it.
Headers are checked when the library loads: every ``$name`` in a body must be declared
and every declared parameter used, so a broken query fails at start-up, not mid-analysis.
Values always travel as query parameters, never pasted into the text.
"""

from __future__ import annotations

import datetime
import difflib
import json
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import cypher, dialect, jsonfile
from .errors import ActorGraphError, ConfigError, QueryError
from .keys import lookup_key
from .model import Graph, Node
from .ontology import Ontology
from .store import rows
from .store.base import GNode, GPath, GRel, Result

BACKENDS = ("falkordb", "neo4j")
TYPES = {"string": str, "int": int, "float": float, "bool": bool, "date": str, "actor": str, "relation": str}
_FIELD = re.compile(r"^//\s?(title|description|param|backends):\s*(.*)$")
_PARAM = re.compile(r"^([A-Za-z_]\w*)\s+(" + "|".join(TYPES) + r")(?:\s+(-?\d+)?\.\.(-?\d+)?)?"
                    r"(?:\s*=\s*(\S+))?\s+(?:—|--)\s+(.+)$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_USED_PARAM = re.compile(r"\$([A-Za-z_]\w*)")
_STRING_OR_COMMENT = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/",
                                re.DOTALL)
_TRUE, _FALSE = {"true", "yes", "1", "on"}, {"false", "no", "0", "off"}


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # a key of TYPES
    default: Any = None
    required: bool = True
    help: str = ""
    low: int | None = None  # an int's declared range, inclusive
    high: int | None = None

    def describe(self) -> str:
        default = "" if self.required else f" = {json.dumps(self.default, ensure_ascii=False)}"
        return f"{self.name} ({self.type}{self.range_text()}{default})"

    def range_text(self) -> str:
        if self.low is None and self.high is None:
            return ""
        return f" {'' if self.low is None else self.low}..{'' if self.high is None else self.high}"


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


def load_library(directory: Path | None = None, *, user: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query, by name: those in `directory` (default: the library shipped in the
    package), then those in `user` (a workspace's queries/), which add to them or replace
    one of the same name, variants included."""
    if directory is None:
        from .settings import builtin_path

        directory = builtin_path("queries")
    library = load_folder(directory)
    if user is not None:
        library.update(load_folder(user, base=library))
    return library


def load_folder(directory: Path, base: dict[str, NamedQuery] | None = None) -> dict[str, NamedQuery]:
    """The named queries in one folder (each NAME.cypher with its NAME.BACKEND.cypher variants).

    A variant whose NAME.cypher is not in the folder replaces that backend's text of the query
    of that name in `base` (a workspace overriding only the built-in query's FalkorDB text).
    """
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
        if query is None and base is not None and name in base:
            query = library[name] = replace(base[name], texts=dict(base[name].texts))
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
    scored = sorted(((difflib.SequenceMatcher(None, name, other).ratio(), other) for other in library),
                    key=lambda pair: (-pair[0], pair[1]))
    # names at least half alike, and none far behind the best (neighborhood: not common_neighbours)
    close = [other for ratio, other in scored[:3] if ratio >= 0.5 and ratio >= scored[0][0] - 0.2]
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
    if param.required and param.type in ("actor", "relation") and not text:
        # an empty value names nothing; only an optional one means "all" (its default, "")
        raise QueryError(f"{where} needs {_article(param.type)} {param.type} ({param.help}); "
                         f"got an empty value")
    try:
        if param.type in ("string", "actor"):
            return value
        if param.type == "relation":
            return text.upper()
        if param.type == "date":
            if text and not _valid_date(text):
                raise QueryError(f"{where} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
            return text
        if param.type == "bool":
            if text.lower() in _TRUE:
                return True
            if text.lower() in _FALSE:
                return False
            raise ValueError
        number = TYPES[param.type](text)
    except ValueError:
        raise QueryError(f"{where} must be {_article(param.type)} {param.type}, got {value!r}") from None
    if (param.low is not None and number < param.low) or (param.high is not None and number > param.high):
        bounds = (f"between {param.low} and {param.high}" if param.low is not None and param.high is not None
                  else f"at least {param.low}" if param.low is not None else f"at most {param.high}")
        raise QueryError(f"{where} must be {bounds}, got {value!r}")
    return number


def _valid_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    parts = [int(p) for p in text.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def resolve_params(store, query: NamedQuery, bound: dict[str, Any]) -> dict[str, Any]:
    """Bound values with actors resolved to their ids and relation types checked against the
    store's ontology; QueryError (with close names) when one names nothing."""
    resolved = dict(bound)
    for param in query.params:
        value = bound.get(param.name)
        if param.type == "actor" and value:
            resolved[param.name] = resolve_actor(store, value, f"parameter {param.name!r} of query {query.name!r}")
        elif param.type == "relation" and value:
            from .select import check_types  # select.py is imported only when needed (start-up)

            try:
                resolved[param.name] = check_types([value], store.ontology)[0]
            except ActorGraphError as exc:
                raise QueryError(f"parameter {param.name!r} of query {query.name!r}: {exc}") from None
    return resolved


def resolve_actor(store, name: str, where: str = "") -> str:
    """The id of the actor whose id, name or alias is `name` (normalised as keys.lookup_key).

    One indexed lookup (cypher.FIND_ACTORS); an id beats a name beats an alias when several
    actors share the key. No match, or a tie, is a QueryError; the suggestion is the one
    `render --actor` gives (select.find_node over every actor's names).
    """
    key = lookup_key(name)
    # a NUL (which no stored name holds, and FalkorDB refuses in a parameter) names nothing
    hits = [] if "\x00" in key else store.read(cypher.FIND_ACTORS, {"key": key}).rows
    if len(hits) == 1:
        return str(hits[0][0])
    candidates = Graph()
    for node_id, node_name, aliases in hits or store.read(cypher.ACTOR_NAMES).rows:
        candidates.add_node(Node(str(node_id), str(node_name or node_id), "", list(aliases or [])))
    for rank in ("id", "name", "alias"):
        found = sorted(n.id for n in candidates.nodes.values() if key in _ranked_keys(n, rank))
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise QueryError(f"{where + ': ' if where else ''}actor {name!r} is ambiguous: it is "
                             f"{_article(rank)} {rank} of {', '.join(found[:5])}; give one of these ids")
    from .select import find_node

    try:  # nothing matched: the store predates the keys property, or a suggestion is due
        return find_node(candidates, name).id
    except ActorGraphError as exc:
        raise QueryError(f"{where + ': ' if where else ''}{exc}") from None


def _ranked_keys(node: Node, rank: str) -> set[str]:
    if rank == "id":
        return {lookup_key(node.id)}
    if rank == "name":
        return {lookup_key(node.name)}
    return {lookup_key(a) for a in node.aliases}


def guess_params(raw: dict[str, str]) -> dict[str, Any]:
    """Values for an ad hoc query (-e/--file), which declares no types: JSON if it parses, else text."""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        try:
            values[key] = jsonfile.loads(value)
        except jsonfile.TooDeep as exc:
            raise QueryError(f"parameter {key!r}: {exc}") from None
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
    if not dialect.code_only(cypher).strip():
        raise QueryError("the query holds only comments; give a statement, e.g. -e 'MATCH (n) RETURN n.name LIMIT 5'")
    missing = sorted(set(_USED_PARAM.findall(_STRING_OR_COMMENT.sub("", cypher))) - set(params or {}))
    if missing:
        raise QueryError(f"parameter ${missing[0]} is not given; pass -p {missing[0]}=VALUE")
    if getattr(store, "name", "") != "falkordb":
        return store.write(cypher, params or {}) if write else store.read(cypher, params or {})
    # Neo4j Cypher on the embedded store: the one provably equivalent rewrite, and a one-line
    # error naming any construct FalkorDB lacks (dialect.py).
    text = dialect.falkordb_form(cypher)
    try:
        return store.write(text, params or {}) if write else store.read(text, params or {})
    except QueryError as exc:
        if not str(exc).startswith("FalkorDB rejected the query"):
            raise
        raise dialect.explain(cypher, exc) from None


def run_named(store, query: NamedQuery, raw: dict[str, str], *, write: bool = False) -> Result:
    """Bind `-p` strings, resolve actors and relation types, and run a library query with the
    text for the store's backend."""
    params = resolve_params(store, query, bind_params(query, raw))
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


def is_id_column(column: str) -> bool:
    """A column that names actors by id: ``id`` or ``…_id`` (``source_id``, ``target_id``)."""
    return column == "id" or column.endswith("_id")


def is_key_column(column: str) -> bool:
    """A column that names relations by key: ``key`` or ``…_key``."""
    return column == "key" or column.endswith("_key")


def result_items(result: Result) -> tuple[set[str], set[str]]:
    """The actor ids and relation keys a result names: its nodes, relationships and paths
    (also inside lists and maps), and the text in id and key columns (``id``/``…_id``,
    ``key``/``…_key``, a value or a list of them), the convention by which library
    queries that return names name what to draw. Article nodes and other plain values
    are left out; an id or key the store does not hold draws nothing."""
    nodes: dict[str, GNode] = {}
    rels: dict[str, GRel] = {}
    named_ids: set[str] = set()
    named_keys: set[str] = set()
    picks = [(i, named_ids if is_id_column(c) else named_keys) for i, c in enumerate(result.columns)
             if is_id_column(c) or is_key_column(c)]
    for row in result.rows:
        for value in row:
            _collect(value, nodes, rels)
        for i, into in picks:
            value = row[i]
            into.update(str(v) for v in (value if isinstance(value, list) else [value])
                        if isinstance(v, (str, int)) and not isinstance(v, bool))
    node_ids = {str(n.properties["id"]) for n in nodes.values()
                if "id" in n.properties and "Article" not in n.labels}
    edge_keys = {str(r.properties["key"]) for r in rels.values() if "key" in r.properties}
    return node_ids | named_ids, edge_keys | named_keys


def to_plain(value: Any) -> Any:
    """A result value as JSON-ready data: nodes and relationships become their properties
    plus ``_labels`` / ``_type`` (store-internal ids and lookup keys left out, so output is
    reproducible); dates, times and durations become ISO 8601 text. Numbers are left as the
    backend returns them: FalkorDB's sum() of integers is a float, so a query whose column
    means an integer casts it (toInteger(sum(...))), as most_connected does."""
    if isinstance(value, GNode):  # keys: the lookup property, the id, name and aliases again
        return {"_labels": sorted(value.labels),
                **{k: v for k, v in sorted(value.properties.items()) if k != "keys"}}
    if isinstance(value, GRel):
        return {"_type": value.type, **dict(sorted(value.properties.items()))}
    if isinstance(value, GPath):
        return {"nodes": [to_plain(n) for n in value.nodes],
                "relationships": [to_plain(r) for r in value.relationships]}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):  # JSON has no NaN or Infinity
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return _temporal(value)


def _temporal(value: Any) -> Any:
    """Dates, times and durations as ISO 8601 text (FalkorDB's client returns Python date,
    time, datetime and dateutil relativedelta; the Neo4j store turns its own into text)."""
    if isinstance(value, (datetime.date, datetime.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, datetime.timedelta):  # one sign for every part: -1.5 s is not -1 day + 86398.5 s
        sign, size = (-1, -value) if value < datetime.timedelta(0) else (1, value)
        return iso_duration(days=sign * size.days, seconds=sign * size.seconds,
                            microseconds=sign * size.microseconds)
    if type(value).__name__ == "relativedelta":
        return iso_duration(years=value.years, months=value.months, days=value.days,
                            hours=value.hours, minutes=value.minutes, seconds=value.seconds,
                            microseconds=value.microseconds)
    return value


def iso_duration(*, years: int = 0, months: int = 0, days: int = 0, hours: int = 0, minutes: int = 0,
                 seconds: int = 0, microseconds: int = 0) -> str:
    """An ISO 8601 duration such as P1Y2M3DT4H5M6.5S (PT0S when every part is zero).

    A negative part keeps its sign, as Neo4j writes them: P-1M3D, PT-1H-30M, PT-1.5S. The
    clock parts are carried (90 minutes: PT1H30M) on their sum, so they share its sign.
    """
    clock_us = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + microseconds
    sign = "-" if clock_us < 0 else ""
    seconds, microseconds = divmod(abs(clock_us), 1_000_000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    date = "".join(f"{n}{unit}" for n, unit in ((years, "Y"), (months, "M"), (days, "D")) if n)
    secs = f"{seconds}.{microseconds:06d}".rstrip("0").rstrip(".") if microseconds else str(seconds)
    clock = "".join(f"{sign}{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M")) if n)
    clock += f"{sign}{secs}S" if seconds or microseconds else ""
    if not date and not clock:
        return "PT0S"
    return "P" + date + ("T" + clock if clock else "")


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
    return str(_temporal(value))


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
        raise ConfigError(f"{where}: parameter line must read 'NAME TYPE [LOW..HIGH] [= DEFAULT] — help' "
                          f"with TYPE one of {', '.join(TYPES)}; got {spec!r}")
    name, type_, low, high, default, help_ = match.groups()
    if (low is not None or high is not None) and type_ != "int":
        raise ConfigError(f"{where}: only an int parameter can declare a range; got {spec!r}")
    low, high = (None if low is None else int(low)), (None if high is None else int(high))
    if low is not None and high is not None and low > high:
        raise ConfigError(f"{where}: empty range {low}..{high}")
    param = Param(name, type_, None, default is None, help_.strip(), low, high)
    if default is None:
        return param
    try:
        raw = json.loads(default) if type_ in ("string", "date", "actor", "relation") else default
    except ValueError:
        raw = default
    if type_ in ("string", "date", "actor", "relation") and not isinstance(raw, str):
        raise ConfigError(f"{where}: default of {name!r} must be a quoted string, e.g. \"\"")
    try:
        value = convert(param, str(raw))
    except QueryError as exc:
        raise ConfigError(f"{where}: default: {exc}") from None
    return Param(name, type_, value, False, help_.strip(), low, high)


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
