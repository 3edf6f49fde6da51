"""CSV files for ``neo4j-admin database import full`` (a folder of files).

Headers follow the import tool's conventions: ``id:ID(Entity)`` and ``:LABEL`` for
nodes, ``:START_ID(Entity)``, ``:END_ID(Entity)`` and ``:TYPE`` for relationships, typed
property columns (``weight:int``, ``aliases:string[]``; untyped columns are strings), and
arrays joined by the array delimiter (``;`` unless --array-delimiter says otherwise).
Entities and articles live in separate ID spaces, so their ids can never clash.

Edge evidence is one JSON string column, ``evidence`` (a list of {article, quote, start,
end, date}): quotes routinely contain ``;``, which an array column could not carry.
``import.sh`` holds the matching neo4j-admin command line.

Files: nodes.csv, relationships.csv, articles.csv, mentions.csv, import.sh.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..model import Graph
from ..ontology import Ontology
from .common import evidence_json


def _type_of(values: list[Any]) -> str:
    """The neo4j-admin column type for a property's values ('' for string)."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "double"
    if present and all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in present):
        return "string[]"
    return ""


def _cell(value: Any, column_type: str, delimiter: str, where: str) -> str:
    from . import ExportError

    if value is None:
        return ""
    if column_type == "boolean":
        return "true" if value else "false"
    if column_type == "string[]":
        for item in value:
            if delimiter in item:
                raise ExportError(f"csv cannot carry {item!r} in {where}: it contains the array delimiter "
                                  f"{delimiter!r}; choose another with --array-delimiter")
        return delimiter.join(value)
    if column_type in ("long", "double"):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _table(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _prop_columns(records: list[dict[str, Any]], reserved: set[str]) -> list[tuple[str, str]]:
    from . import ExportError

    names = sorted({k for r in records for k, v in r.items() if v is not None} - reserved)
    for name in names:
        if ":" in name or not name.strip():
            raise ExportError(f"csv cannot carry the property name {name!r}: neo4j-admin headers "
                              f"read ':' as a type separator; rename the property")
    return [(name, _type_of([r.get(name) for r in records])) for name in names]


def _header(name: str, column_type: str) -> str:
    return f"{name}:{column_type}" if column_type else name


def export(graph: Graph, ontology: Ontology, options) -> dict[str, str]:
    delimiter = options.array_delimiter
    if len(delimiter) != 1 or delimiter in ',"\n':
        from . import ExportError

        raise ExportError(f"--array-delimiter {delimiter!r}: give one character other than , \" or newline")
    common = ontology.common_label

    nodes = sorted(graph.nodes.values(), key=lambda n: n.id)
    columns = _prop_columns([n.props for n in nodes], {"id", "name", "label", "aliases"})
    node_rows = []
    for node in nodes:
        where = f"actor {node.id!r}"
        node_rows.append([node.id, delimiter.join([common, node.label]), node.name, node.label,
                          _cell(sorted(node.aliases), "string[]", delimiter, where)]
                         + [_cell(node.props.get(c), t, delimiter, where) for c, t in columns])
    nodes_csv = _table([f"id:ID({common})", ":LABEL", "name", "label", "aliases:string[]"]
                       + [_header(c, t) for c, t in columns], node_rows)

    edges = sorted(graph.edges.values(), key=lambda e: e.key)
    columns = _prop_columns([e.props for e in edges], {"key", "weight", "first_seen", "last_seen", "evidence"})
    edge_rows = []
    for edge in edges:
        where = f"relation {edge.key!r}"
        edge_rows.append([edge.source, edge.target, edge.type, edge.key, str(edge.weight),
                          edge.first_seen or "", edge.last_seen or ""]
                         + [_cell(edge.props.get(c), t, delimiter, where) for c, t in columns]
                         + [evidence_json(edge)])
    edges_csv = _table([f":START_ID({common})", f":END_ID({common})", ":TYPE", "key", "weight:int",
                        "first_seen", "last_seen"] + [_header(c, t) for c, t in columns] + ["evidence"],
                       edge_rows)

    article_label = ontology.article_label
    articles = sorted(graph.articles.values(), key=lambda a: a.id)
    columns = _prop_columns([a.props for a in articles], {"id", "title", "published", "file", "sha256"})
    article_rows = [[a.id, article_label, a.title, a.published or "", a.file, a.sha256]
                    + [_cell(a.props.get(c), t, delimiter, f"article {a.id!r}") for c, t in columns]
                    for a in articles]
    articles_csv = _table([f"id:ID({article_label})", ":LABEL", "title", "published", "file", "sha256"]
                          + [_header(c, t) for c, t in columns], article_rows)
    mention_rows = [[a.id, node_id, ontology.mention_type, "1"]
                    for a in articles for node_id in sorted(set(a.mentions)) if node_id in graph.nodes]
    mentions_csv = _table([f":START_ID({article_label})", f":END_ID({common})", ":TYPE", "count:int"],
                          mention_rows)

    return {"nodes.csv": nodes_csv, "relationships.csv": edges_csv, "articles.csv": articles_csv,
            "mentions.csv": mentions_csv, "import.sh": _import_script(delimiter)}


def _import_script(delimiter: str) -> str:
    code = f"U+{ord(delimiter):04X}"
    return (
        "#!/bin/sh\n"
        "# Bulk-import this folder into a new, empty Neo4j database (Neo4j 5: run with the DBMS stopped,\n"
        "# or give a database name that does not exist yet), then CREATE DATABASE it.\n"
        "# --multiline-fields: quotes and names may contain newlines.\n"
        "cd \"$(dirname \"$0\")\" || exit 1\n"
        "exec neo4j-admin database import full \"${1:-neo4j}\" \\\n"
        "  --nodes=nodes.csv --nodes=articles.csv \\\n"
        "  --relationships=relationships.csv --relationships=mentions.csv \\\n"
        f"  --array-delimiter={code} --multiline-fields=true --overwrite-destination=true\n"
    )
