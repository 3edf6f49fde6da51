"""A Cypher script that recreates the selection in an empty Neo4j or FalkorDB.

One parameter-free statement per line, each ending in ``;``; lines starting with ``//``
are comments. Nodes, relationships and articles get exactly the properties the loaders
give them (store/rows.py: evidence as parallel lists quotes/articles/dates/starts/ends),
so a graph rebuilt from the script reads back like a loaded one. Statements use MERGE on
ids and edge keys, so running the script twice changes nothing.

Strings are single-quoted with ``\\\\``, ``\\'``, ``\\n``, ``\\r``, ``\\t``, ``\\b``, ``\\f``
escapes, which both Neo4j and FalkorDB read. No line of the script ever holds a line break
of any kind: the other characters ``str.splitlines()`` (and so a line-by-line replay) splits
on, ``\\v``, ``\\x1c``-``\\x1e``, U+0085, U+2028 and U+2029, are written as ``\\uXXXX``. Neo4j
reads that back as the character; FalkorDB has no escape for them and keeps the six
characters ``\\u2028`` as they are, so such a name differs there but cannot end the line (or
the statement). Other characters are written as they are, in UTF-8. Names that are not plain
identifiers are backtick-quoted; a backtick-quoted name has no escapes at all, so a name with
a line break is refused.

Run it with ``cypher-shell -f script.cypher`` (Neo4j), or send each statement line as one
query (FalkorDB runs one statement per query).
"""

from __future__ import annotations

import math
import re
from typing import Any

from ..model import Graph
from ..ontology import Ontology
from ..store.rows import article_rows, edge_rows, mention_rows, node_rows

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Every character str.splitlines() ends a line at; none may reach the script raw.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f",
            **{ch: f"\\u{ord(ch):04X}" for ch in "\v\x1c\x1d\x1e\x85\u2028\u2029"}}
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_BREAK = re.compile("[" + re.escape(LINE_BREAKS) + "]")


def quote_string(text: str) -> str:
    """A Cypher string literal both Neo4j and FalkorDB read back as ``text`` (see the module
    docstring for the line breaks only Neo4j reads back), and that never spans two lines."""
    return "'" + _SPECIAL.sub(lambda m: _ESCAPES[m.group()], text) + "'"


def quote_name(name: str) -> str:
    """A label, type or property key, backtick-quoted unless it is a plain identifier."""
    from . import ExportError

    if _PLAIN.match(name):
        return name
    if _BREAK.search(name):
        raise ExportError(f"cypher cannot carry the name {name!r}: a line break cannot be escaped "
                          f"in a Cypher name; rename it, or export as json")
    return "`" + name.replace("`", "``") + "`"


def comment(text: str) -> str:
    """Text for a ``//`` comment: on one line whatever it holds."""
    return _BREAK.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def literal(value: Any, where: str) -> str:
    """A Cypher literal for a property value (string, number, boolean, or list of them)."""
    from . import ExportError

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"cypher cannot carry the number {value} in {where}; export as json")
        return repr(value)
    if isinstance(value, str):
        return quote_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v, where) for v in value) + "]"
    raise ExportError(f"cypher cannot carry a {type(value).__name__} value in {where}; export as json")


def _map(props: dict[str, Any], where: str) -> str:
    return "{" + ", ".join(f"{quote_name(k)}: {literal(props[k], where)}" for k in sorted(props)) + "}"


def statements(graph: Graph, ontology: Ontology) -> list[str]:
    """The MERGE statements, nodes first, in a stable order."""
    common, article_label = quote_name(ontology.common_label), quote_name(ontology.article_label)
    lines = []
    for label, rows in sorted(node_rows(graph).items()):
        for row in rows:
            where = f"actor {row['id']!r}"
            lines.append(f"MERGE (n:{common}:{quote_name(label)} {{id: {quote_string(row['id'])}}}) "
                         f"SET n += {_map(row['props'], where)};")
    for row in article_rows(graph):
        lines.append(f"MERGE (a:{article_label} {{id: {quote_string(row['id'])}}}) "
                     f"SET a += {_map(row['props'], 'article ' + repr(row['id']))};")
    edges = [(rel_type, row) for rel_type, rows in edge_rows(graph).items() for row in rows]
    for rel_type, row in sorted(edges, key=lambda item: item[1]["key"]):
        where = f"relation {row['key']!r}"
        lines.append(f"MATCH (a:{common} {{id: {quote_string(row['source'])}}}), "
                     f"(b:{common} {{id: {quote_string(row['target'])}}}) "
                     f"MERGE (a)-[r:{quote_name(rel_type)} {{key: {quote_string(row['key'])}}}]->(b) "
                     f"SET r += {_map(row['props'], where)};")
    for row in mention_rows(graph):
        lines.append(f"MATCH (a:{article_label} {{id: {quote_string(row['article'])}}}), "
                     f"(n:{common} {{id: {quote_string(row['node'])}}}) "
                     f"MERGE (a)-[m:{quote_name(ontology.mention_type)}]->(n) SET m.count = {row['count']};")
    return lines


def export(graph: Graph, ontology: Ontology, options) -> dict[str, str]:
    body = statements(graph, ontology)
    common = quote_name(ontology.common_label)
    scope = comment(options.scope)
    header = [
        f"// actorgraph export: {scope}",
        f"// {len(graph.nodes)} actors, {len(graph.edges)} relations, {len(graph.articles)} articles.",
        "// Neo4j: cypher-shell -f THIS_FILE. FalkorDB: send each line that is not a comment as one query.",
        "// Large scripts run faster with an index on ids, created first (there is no form both accept):",
        f"//   Neo4j:    CREATE INDEX entity_id IF NOT EXISTS FOR (n:{common}) ON (n.id);",
        f"//   FalkorDB: CREATE INDEX FOR (n:{common}) ON (n.id)",
    ]
    return {"": "\n".join(header + body) + "\n"}
