"""The in-memory graph every stage shares, and its JSON interchange form.

Graph JSON::

    {"nodes": [{"id", "name", "label", "aliases", ...props}],
     "edges": [{"source", "target", "type", "evidence": [{article, quote, start, end, date}],
                "weight", "first_seen", "last_seen", ...props}],
     "articles": [{"id", "title", "published", "file", "sha256", "mentions": [node ids], ...}],
     "meta": {...}}

``source``/``target`` are node ids; ``evidence[].article`` is an article id.
Edges are identified by (source, type, target, role): evidence for the same relation
accumulates on one edge, and a symmetric type stores its ends in sorted order.
"""

from __future__ import annotations

import contextlib
import gc
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from .errors import GraphDataError
from . import jsonfile
from .ontology import Ontology
from .output import write_text as write_text_atomic  # the package's one writer (output.py)

NODE_CORE = ("id", "name", "label", "aliases")
EDGE_CORE = ("source", "target", "type", "evidence", "weight", "first_seen", "last_seen", "key")
DATE_SOURCES = ("text", "article")
ARTICLE_CORE = ("id", "title", "published", "file", "sha256", "mentions")


_SLUG_BREAKS = re.compile(r"[\W_]+")


@lru_cache(maxsize=16_384)  # the same names come back article after article (a few µs each)
def slugify(name: str) -> str:
    """Stable id from a canonical name: 'Javier Milei' -> 'javier-milei', scripts kept."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _SLUG_BREAKS.sub("-", text).strip("-")
    return text or "entity"


@dataclass
class Evidence:
    article: str
    quote: str
    start: int | None = None
    end: int | None = None
    date: str | None = None
    # where the date comes from: "text" (the sentence or article body gives it) or
    # "article" (the publication date, filled in because the text gives none)
    date_source: str | None = None
    # what produced this evidence: the rule's name ("rule:<name>") or the model ("llm:<model>")
    why: str | None = None

    def to_dict(self) -> dict:
        item = {"article": self.article, "quote": self.quote, "start": self.start,
                "end": self.end, "date": self.date}
        if self.date_source:
            item["date_source"] = self.date_source
        if self.why:
            item["why"] = self.why
        return item

    def key(self) -> tuple:
        return (self.article, self.start, self.end, self.quote)

    def sort_key(self) -> tuple:
        """Order of evidence in every output; total, so insertion order never shows."""
        return (self.article, self.start or 0, self.quote, -1 if self.end is None else self.end,
                self.date or "", self.start is None)


@dataclass
class Node:
    id: str
    name: str
    label: str
    aliases: list[str] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)

    def add_aliases(self, names: Iterable[str]) -> None:
        for alias in names:
            if alias and alias != self.name and alias not in self.aliases:
                self.aliases.append(alias)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "label": self.label,
                "aliases": sorted(self.aliases), **dict(sorted(self.props.items()))}


@dataclass
class Edge:
    source: str
    target: str
    type: str
    evidence: list[Evidence] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)
    # keys of the evidence already held, kept between merges (rebuilding it made merging
    # many articles' graphs grow faster than linearly)
    _evidence_keys: set = field(default_factory=set, init=False, repr=False, compare=False)

    @property
    def key(self) -> str:
        role = self.props.get("role") if self.type == "HOLDS_ROLE" else None
        if self.source and self.type and self.target:  # always from a graph file: no part to leave out
            return f"{self.source}|{self.type}|{self.target}|{role}" if role else f"{self.source}|{self.type}|{self.target}"
        return "|".join(p for p in (self.source, self.type, self.target, role) if p)

    @property
    def weight(self) -> int:
        return len(self.evidence)

    @property
    def dates(self) -> list[str]:
        return sorted(e.date for e in self.evidence if e.date)

    @property
    def first_seen(self) -> str | None:
        return self.dates[0] if self.dates else None

    @property
    def last_seen(self) -> str | None:
        return self.dates[-1] if self.dates else None

    def add_evidence(self, items: Iterable[Evidence]) -> None:
        seen = self._evidence_keys
        if len(seen) != len(self.evidence):  # evidence was set or appended directly
            seen.clear()
            seen.update(e.key() for e in self.evidence)
        for item in items:
            if item.key() not in seen:
                seen.add(item.key())
                self.evidence.append(item)

    def to_dict(self) -> dict:
        evidence = sorted(self.evidence, key=Evidence.sort_key)
        return {"source": self.source, "target": self.target, "type": self.type,
                "key": self.key, "weight": self.weight,
                "first_seen": self.first_seen, "last_seen": self.last_seen,
                **dict(sorted(self.props.items())),
                "evidence": [e.to_dict() for e in evidence]}


@dataclass
class Article:
    id: str
    title: str = ""
    published: str | None = None
    file: str = ""
    sha256: str = ""
    mentions: list[str] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "published": self.published,
                "file": self.file, "sha256": self.sha256,
                **dict(sorted(self.props.items())), "mentions": sorted(set(self.mentions))}


class Graph:
    """Nodes by id, edges by key, articles by id; merging adds evidence and aliases."""

    def __init__(self, meta: dict | None = None):
        self.nodes: dict[str, Node] = {}
        self.edges: dict[str, Edge] = {}
        self.articles: dict[str, Article] = {}
        self.meta: dict[str, Any] = dict(meta or {})

    def __repr__(self) -> str:
        return f"<Graph nodes={len(self.nodes)} edges={len(self.edges)} articles={len(self.articles)}>"

    def add_node(self, node: Node) -> Node:
        """Add a node, or merge aliases and missing properties into the one with its id."""
        existing = self.nodes.get(node.id)
        if existing is None:
            self.nodes[node.id] = node
            return node
        existing.add_aliases([node.name, *node.aliases])
        for key, value in node.props.items():
            existing.props.setdefault(key, value)
        return existing

    def add_edge(self, edge: Edge, symmetric: bool = False) -> Edge:
        """Add an edge, or merge its evidence into the edge with the same key."""
        if symmetric and edge.source > edge.target:
            edge.source, edge.target = edge.target, edge.source
        key = edge.key
        existing = self.edges.get(key)
        if existing is None:
            self.edges[key] = edge
            return edge
        existing.add_evidence(edge.evidence)
        for key, value in edge.props.items():
            existing.props.setdefault(key, value)
        return existing

    def add_article(self, article: Article) -> Article:
        existing = self.articles.get(article.id)
        if existing is None:
            self.articles[article.id] = article
            return article
        existing.mentions = sorted(set(existing.mentions) | set(article.mentions))
        return existing

    def merge(self, other: "Graph", ontology: Ontology | None = None) -> None:
        """Fold another graph into this one (evidence accumulates, ids are shared)."""
        for node in other.nodes.values():
            self.add_node(Node(node.id, node.name, node.label, list(node.aliases), dict(node.props)))
        for edge in other.edges.values():
            symmetric = bool(ontology and ontology.relations[edge.type].symmetric)
            self.add_edge(Edge(edge.source, edge.target, edge.type, list(edge.evidence),
                               dict(edge.props)), symmetric=symmetric)
        for article in other.articles.values():
            self.add_article(Article(article.id, article.title, article.published, article.file,
                                     article.sha256, list(article.mentions), dict(article.props)))

    def to_dict(self) -> dict:
        return {
            "meta": dict(sorted(self.meta.items())),
            "nodes": [n.to_dict() for n in sorted(self.nodes.values(), key=lambda n: n.id)],
            "edges": [e.to_dict() for e in sorted(self.edges.values(), key=lambda e: e.key)],
            "articles": [a.to_dict() for a in sorted(self.articles.values(), key=lambda a: a.id)],
        }

    @classmethod
    def from_dict(cls, data: Any, ontology: Ontology | None = None, where: str = "graph", *,
                  values_checked: bool = False) -> "Graph":
        """Build a graph from graph JSON, checking ids, ends, labels, types and values against the model.

        Values must be what every store and format can hold: text (no NUL, valid Unicode),
        64-bit integers, finite numbers, booleans, and flat lists of them. ``values_checked``:
        the parser has already made sure of that for every value (read_graph does, on the
        file's text), so only shapes and types are checked here.
        """
        if not isinstance(data, dict):
            raise GraphDataError(f"{where}: expected a JSON object with 'nodes' and 'edges'")
        meta = data.get("meta") or {}
        if not isinstance(meta, dict):
            raise GraphDataError(f"{where}: 'meta' must be an object")
        check = _unchecked if values_checked else _checked
        graph = cls(meta=meta)
        for i, raw in enumerate(_list(data, "nodes", where)):
            at = f"{where}: nodes[{i}]"
            _require(raw, ("id", "name", "label"), at)
            node_id, label = _text(raw, "id", at, check), _text(raw, "label", at, check)
            if node_id in graph.nodes:
                raise GraphDataError(f"{at}: duplicate node id {node_id!r}")
            if ontology and label not in ontology.labels:
                raise GraphDataError(f"{at}: unknown label {label!r} (known: {', '.join(ontology.labels)})")
            aliases = raw.get("aliases") or []
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise GraphDataError(f"{at}: 'aliases' must be a list of strings")
            graph.nodes[node_id] = Node(node_id, _text(raw, "name", at, check), label,
                                        [check(a, f"{at}: aliases") for a in aliases],
                                        _props(raw, _NODE_CORE, at, check))
        nodes = graph.nodes
        relations = ontology.relations if ontology else None
        # per (type, source label, target label): may the relation run so, and is it symmetric
        allowed: dict[tuple[str, str, str], tuple[bool, bool]] = {}
        edges = graph.edges
        for i, raw in enumerate(_list(data, "edges", where)):
            at = f"{where}: edges[{i}]"
            if type(raw) is dict:
                source, target, rel_type = raw.get("source"), raw.get("target"), raw.get("type")
            if type(raw) is not dict or source in (None, "") or target in (None, "") or rel_type in (None, ""):
                _require(raw, ("source", "target", "type"), at)
            if not (type(source) is str and type(target) is str and source in nodes and target in nodes):
                for end, value in (("source", source), ("target", target)):
                    if not isinstance(value, (str, int)) or str(value) not in nodes:
                        raise GraphDataError(f"{at}: {end} {value!r} is not a node id (dangling edge)")
                source, target = str(source), str(target)
            if type(rel_type) is not str:
                rel_type = _text(raw, "type", at, check)
            elif not values_checked:
                check(rel_type, f"{at}: type")
            symmetric = False
            if relations is not None:
                ends = (rel_type, nodes[source].label, nodes[target].label)
                known = allowed.get(ends)
                if known is None:
                    relation = relations.get(rel_type)
                    if relation is None:
                        raise GraphDataError(f"{at}: unknown relation type {rel_type!r} (known: {', '.join(relations)})")
                    known = allowed[ends] = (relation.allows(ends[1], ends[2]), bool(relation.symmetric))
                if not known[0]:
                    raise GraphDataError(f"{at}: {rel_type} cannot run from {ends[1]} to {ends[2]}")
                symmetric = known[1]
            items = raw.get("evidence")
            if type(items) is not list:
                items = _list(raw, "evidence", at)
            evidence = [_evidence(e, at, j, check) for j, e in enumerate(items)]
            props = {} if raw.keys() <= _EDGE_CORE else _props(raw, _EDGE_CORE, at, check)
            if symmetric and source > target:
                source, target = target, source
            edge = Edge(source, target, rel_type, evidence, props)
            key = edge.key
            if key not in edges:  # as add_edge, without a second look-up and key
                edges[key] = edge
            else:
                graph.add_edge(edge)
        for i, raw in enumerate(_list(data, "articles", where)):
            at = f"{where}: articles[{i}]"
            _require(raw, ("id",), at)
            mentions = _list(raw, "mentions", at)
            if not all(isinstance(m, (str, int)) and not isinstance(m, bool) for m in mentions):
                raise GraphDataError(f"{at}: 'mentions' must be a list of node ids")
            published = raw.get("published")
            if published is not None and not isinstance(published, str):
                raise GraphDataError(f"{at}: 'published' must be a date string like 2025-10 or null")
            graph.add_article(Article(_text(raw, "id", at, check), _optional_text(raw, "title", at, check),
                                      check(published, f"{at}: published") if published else None,
                                      _optional_text(raw, "file", at, check),
                                      _optional_text(raw, "sha256", at, check),
                                      [check(str(m), f"{at}: mentions") for m in mentions],
                                      _props(raw, _ARTICLE_CORE, at, check)))
        return graph


def _list(data: dict, key: str, where: str) -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise GraphDataError(f"{where}: '{key}' must be a list")
    return value


def _require(raw: Any, keys: tuple[str, ...], at: str) -> None:
    if not isinstance(raw, dict):
        raise GraphDataError(f"{at}: expected an object")
    for key in keys:
        if raw.get(key) in (None, ""):
            raise GraphDataError(f"{at}: missing '{key}'")


INT64 = (-(2 ** 63), 2 ** 63 - 1)
_NODE_CORE, _EDGE_CORE, _ARTICLE_CORE = frozenset(NODE_CORE), frozenset(EDGE_CORE), frozenset(ARTICLE_CORE)


def _checked(value: Any, at: str) -> Any:
    """A value a store property can hold, or GraphDataError saying where it is not."""
    if isinstance(value, str):
        if "\x00" in value:
            raise GraphDataError(f"{at}: text contains a NUL character (\\u0000), which the store cannot hold")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise GraphDataError(f"{at}: text contains a lone surrogate (invalid Unicode)") from None
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if not INT64[0] <= value <= INT64[1]:
            raise GraphDataError(f"{at}: integer {value} does not fit in 64 bits")
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise GraphDataError(f"{at}: {value} is not a finite number")
    return value


def _unchecked(value: Any, at: str) -> Any:
    """_checked where the parser has checked every value already (see read_graph)."""
    return value


def _text(raw: dict, key: str, at: str, check=_checked) -> str:
    """A text field; ids and names may be written as numbers, labels and types may not."""
    value = raw[key]
    allowed = (str, int) if key in ("id", "name", "title") else str
    if isinstance(value, bool) or not isinstance(value, allowed):
        raise GraphDataError(f"{at}: '{key}' must be a string, not {json.dumps(value)[:40]}")
    return check(str(value), f"{at}: {key}")


def _optional_text(raw: dict, key: str, at: str, check=_checked) -> str:
    return _text(raw, key, at, check) if raw.get(key) not in (None, "") else ""


_SCALARS = (str, int, float, bool)


def _props(raw: dict, core: frozenset[str], at: str, check=_checked) -> dict[str, Any]:
    """The extra properties of an item: scalars or flat lists of scalars, under plain keys."""
    props = {}
    for key, value in raw.items():
        if key in core:
            continue
        where = f"{at}: property {key!r}"
        if not key or "`" in key or "\x00" in key:
            raise GraphDataError(f"{where}: a property name must be non-empty, without backticks or NUL")
        if value is None:
            props[key] = value
            continue
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, _SCALARS):
                raise GraphDataError(f"{where}: values must be text, numbers, true/false or a flat list of them")
            check(item, where)
        props[key] = value
    return props


def _evidence(raw: Any, at: str, j: int, check=_checked) -> Evidence:
    """One evidence item; the usual one (offsets, text or nothing) takes a short way."""
    if type(raw) is dict:
        get = raw.get
        quote, start, end = get("quote"), get("start"), get("end")
        article, date, date_source, why = get("article"), get("date"), get("date_source"), get("why")
        if (type(quote) is str and quote and (start is None or type(start) is int and start >= 0)
                and (end is None or type(end) is int and end >= 0)
                and (article is None or type(article) is str) and (date is None or type(date) is str)
                and (date_source is None or type(date_source) is str and date_source in DATE_SOURCES)
                and (why is None or type(why) is str)):
            if check is not _unchecked:
                where = f"{at}: evidence[{j}]"
                for key, value in (("start", start), ("end", end), ("quote", quote), ("article", article),
                                   ("date", date), ("date_source", date_source), ("why", why)):
                    check(value, f"{where}: {key}")
            return Evidence(article or "", quote, start, end, date, date_source or None, why or None)
    at = f"{at}: evidence[{j}]"
    _require(raw, ("quote",), at)
    for key in ("start", "end"):
        value = raw.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise GraphDataError(f"{at}: '{key}' must be an integer offset")
        check(value, f"{at}: {key}")
    for key in ("quote", "article", "date", "date_source", "why"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise GraphDataError(f"{at}: '{key}' must be a string")
        check(value, f"{at}: {key}")
    if raw.get("date_source") not in (None, *DATE_SOURCES):
        raise GraphDataError(f"{at}: 'date_source' must be one of {', '.join(DATE_SOURCES)}")
    return Evidence(raw.get("article") or "", raw["quote"], raw.get("start"), raw.get("end"),
                    raw.get("date"), raw.get("date_source") or None, raw.get("why") or None)


def read_graph(path: Path, ontology: Ontology | None = None, *,
               on_parsed: Callable[[Any], None] | None = None) -> Graph:
    """Read graph JSON from a file; errors name the file and the offending entry.

    on_parsed: called with the JSON as parsed, before the graph is built from it and checked
    (build.read_graph_annotating starts the analytics there)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GraphDataError(f"{path}: file not found") from None
    except OSError as exc:
        raise GraphDataError(f"{path}: cannot read ({exc.__class__.__name__}: {exc})") from None
    with collection_paused():
        try:
            # orjson takes the bytes (and checks the UTF-8) and refuses nesting deeper than it
            # can parse; the text is decoded only for json, the slower parser that says why
            parsed = _parse_checked(data)
            values_checked = parsed is not None
            if parsed is None:
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise GraphDataError(f"{path}: cannot read ({exc.__class__.__name__}: {exc})") from None
                parsed = jsonfile.loads(text)
            else:
                jsonfile.check_depth(data)
                parsed = parsed[0]
        except json.JSONDecodeError as exc:
            raise GraphDataError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
        except jsonfile.TooDeep as exc:
            raise GraphDataError(f"{path}: not graph JSON: {exc}") from None
        if on_parsed is not None:
            on_parsed(parsed)
        return Graph.from_dict(parsed, ontology, where=str(path), values_checked=values_checked)


@contextlib.contextmanager
def collection_paused():
    """No garbage collection in the block: for code that makes millions of objects and no
    cycles, such as reading a graph file or building a load's rows, where the collector ran
    over them again and again (40% of reading 200,000 relationships, half of building their
    rows). Whatever the block leaves unreachable is freed by reference counting as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# A graph file of 200,000 relationships is 80 MB: orjson (C) parses it in half json's time,
# and what it accepts (with the text checks below) needs no walk over every value for what
# a store cannot hold. It refuses NaN, infinities and lone surrogates, where json accepts
# them and from_dict names the item; so on any refusal json reads the file again and
# from_dict checks every value. orjson reads integers wider than 64 bits as floats, which
# would hide them: a run of 19 digits that can be an integer sends the file the same way.
_DIGITS_TO_NINES = bytes.maketrans(b"0123456789", b"9" * 10)
# A run of 19 digits that is no float's (not after a '.', not before '.', 'e' or 'E'): perhaps an
# integer beyond 2 ** 63 - 1. A float's long fraction is common (a betweenness of 0.000844… has
# 19 digits after its point) and is read as a float by every reader.
_WIDE_INTEGER = re.compile(rb"(?<![.\d])\d{19,}(?![\d.eE])")


def has_wide_integer(data: bytes) -> bool:
    """A run of 19 or more digits in ``data`` that can be an integer beyond 64 bits (the
    translation, in C, finds that most data has no such run before the pattern looks)."""
    return b"9" * 19 in data.translate(_DIGITS_TO_NINES) and _WIDE_INTEGER.search(data) is not None


_NUL_OR_SURROGATE = re.compile(rb"\\u(?:0000|[dD][89abAB])")


def _parse_checked(data: bytes) -> tuple[Any] | None:
    """(value,) when orjson parses ``data`` and every value in it is one a store can hold; else None."""
    import orjson

    if has_wide_integer(data) or _NUL_OR_SURROGATE.search(data):
        return None
    try:
        return (orjson.loads(data),)
    except orjson.JSONDecodeError:
        return None


def dumps_graph(graph: Graph) -> str:
    """The graph JSON as ``json.dumps(graph.to_dict(), ensure_ascii=False, indent=1)`` writes it.

    orjson (C) writes it where the two agree byte for byte, in about half the time (json's
    indenting encoder is Python): no float anywhere (orjson writes 1e-05 as 0.00001 and NaN as
    null), nothing orjson refuses (keys that are not text, integers beyond 64 bits, lone
    surrogates). Only properties and meta can hold other values than text, integers and lists
    of them, so only they are looked at; anything else goes through json."""
    data = graph.to_dict()
    if _plain(graph.meta) and all(_plain(item.props) for items in (graph.nodes, graph.edges, graph.articles)
                                  for item in items.values() if item.props):
        import orjson

        try:
            text = orjson.dumps(data, option=orjson.OPT_INDENT_2)
        except TypeError:  # orjson.JSONEncodeError
            pass
        else:
            return _halve_indent(text).decode() + "\n"
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _halve_indent(text: bytes) -> bytes:
    """orjson's two spaces a level made json's one. A newline in orjson's output is always
    followed by indentation (strings hold "\\n", never a newline), and a NUL never stands in
    it (strings hold "\\u0000"), so each level's indentation is replaced whole by bytes.replace,
    deepest first, with NULs for the spaces (so that a line already done is not matched by a
    shallower level's search), and the NULs made spaces at the end: C loops, where a Python
    loop over the lines took three quarters of writing the 300k-word corpus's graph."""
    depth = 0
    while b"\n" + b"  " * (depth + 1) in text:
        depth += 1
    for level in range(depth, 0, -1):
        text = text.replace(b"\n" + b"  " * level, b"\n" + b"\0" * level)
    return text.replace(b"\0", b" ")


def _plain(value: Any) -> bool:
    """Text, integers, booleans and None, alone or in lists and dicts with text keys: what
    orjson writes as json does."""
    if value is None or type(value) in (str, int, bool):
        return True
    if type(value) is list:
        return all(map(_plain, value))
    if type(value) is dict:
        return all(type(k) is str for k in value) and all(map(_plain, value.values()))
    return False


def write_graph(graph: Graph, path: Path) -> None:
    write_text_atomic(path, dumps_graph(graph))
