"""Read an export's CSV folder as `neo4j-admin database import full` reads it, and replay the import.

Neo4j cannot run here (no Docker), so this stands in for the import tool, written from its
documented rules (Operations Manual, "Import" → "CSV header format"), not from the exporter:

- a header entry is ``name:type``, ``name:ID(group)``, ``:LABEL``, ``:START_ID(group)``,
  ``:END_ID(group)``, ``:TYPE`` or ``:IGNORE``; an untyped column is a string; types are
  int, long, float, double, boolean, byte, short, char, string, and arrays of them (``[]``);
- fields are separated by ``,`` and quoted with ``"`` (doubled inside); a quoted field may
  span lines (``--multiline-fields=true``);
- an empty unquoted field is no property at all; a quoted ``""`` is the empty string
  (``--ignore-empty-strings=false``, the default), for string columns;
- an array field is split on the array delimiter; ``:LABEL`` is split on it too;
- ``true`` (any case) is true for a boolean, anything else false.

``import_into`` then creates what the tool would create in a FalkorStore, with parameters,
and runs ``after-import.cypher`` there (its schema statements are Neo4j 5 syntax, which
FalkorDB refuses, so those are left out: FalkorDB indexes what it needs by itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_HEADER = re.compile(r"^(?P<name>[^:]*)(?::(?P<kind>ID|START_ID|END_ID|LABEL|TYPE|IGNORE)(?:\((?P<group>[^)]*)\))?"
                     r"|:(?P<type>int|long|float|double|boolean|byte|short|char|string)(?P<array>\[\])?)?$")


class ImportError_(ValueError):
    """What neo4j-admin would refuse."""


def fields(text: str) -> list[list[tuple[str, bool]]]:
    """Rows of (text, was quoted) cells."""
    rows, row, cell, quoted, i = [], [], [], False, 0
    at_start = True
    while i < len(text):
        ch = text[i]
        if at_start and ch == '"':
            quoted, at_start = True, False
            i += 1
            while True:
                if i >= len(text):
                    raise ImportError_("unterminated quoted field")
                if text[i] == '"':
                    if text[i + 1:i + 2] == '"':
                        cell.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                cell.append(text[i])
                i += 1
            continue
        if ch == ",":
            row.append(("".join(cell), quoted))
            cell, quoted, at_start = [], False, True
        elif ch == "\n":
            row.append(("".join(cell), quoted))
            rows.append(row)
            row, cell, quoted, at_start = [], [], False, True
        else:
            if quoted:
                raise ImportError_(f"text after a closing quote: {text[i:i + 20]!r}")
            cell.append(ch)
            at_start = False
        i += 1
    if cell or row:
        row.append(("".join(cell), quoted))
        rows.append(row)
    return rows


@dataclass
class Column:
    name: str
    kind: str = ""          # ID, START_ID, END_ID, LABEL, TYPE, IGNORE, or "" for a property
    group: str | None = None
    type: str = "string"
    array: bool = False


def header(cells: list[tuple[str, bool]]) -> list[Column]:
    columns = []
    for text, _ in cells:
        match = _HEADER.match(text)
        if not match:
            raise ImportError_(f"bad header entry {text!r}")
        if match["kind"]:
            columns.append(Column(match["name"], match["kind"], match["group"]))
        else:
            columns.append(Column(match["name"], "", None, match["type"] or "string", bool(match["array"])))
        if not columns[-1].kind and not columns[-1].name:
            raise ImportError_(f"a property column without a name: {text!r}")
    return columns


def _value(text: str, type_: str) -> Any:
    if type_ in ("int", "long", "byte", "short"):
        return int(text)
    if type_ in ("float", "double"):
        return float(text)
    if type_ == "boolean":
        return text.lower() == "true"
    return text


@dataclass
class Entity:
    props: dict[str, Any] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)
    id: tuple[str | None, str] | None = None
    start: tuple[str | None, str] | None = None
    end: tuple[str | None, str] | None = None
    type: str | None = None


def read(text: str, delimiter: str) -> list[Entity]:
    rows = fields(text)
    columns = header(rows[0])
    entities = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(columns):
            raise ImportError_(f"line {number}: {len(row)} fields for {len(columns)} columns")
        entity = Entity()
        for column, (cell, quoted) in zip(columns, row):
            if column.kind == "IGNORE":
                continue
            if column.kind == "LABEL":
                entity.labels = [label for label in cell.split(delimiter) if label]
            elif column.kind == "TYPE":
                entity.type = cell
            elif column.kind in ("ID", "START_ID", "END_ID"):
                ident = (column.group, cell)
                if column.kind == "ID":
                    entity.id = ident
                    if column.name:
                        entity.props[column.name] = cell
                else:
                    setattr(entity, column.kind.lower().replace("_id", ""), ident)
            elif cell == "" and not (quoted and column.type == "string" and not column.array):
                continue  # an empty field: no property
            elif column.array:
                entity.props[column.name] = [_value(item, column.type) for item in cell.split(delimiter)]
            else:
                entity.props[column.name] = _value(cell, column.type)
        entities.append(entity)
    return entities


def array_delimiter(import_sh: str) -> str:
    code = re.search(r"--array-delimiter=U\+([0-9A-F]{4})", import_sh).group(1)
    return chr(int(code, 16))


def import_into(store, files: dict[str, str]) -> None:
    """Replay the import of an export's files into an empty FalkorStore, then after-import.cypher."""
    delimiter = array_delimiter(files["import.sh"])
    nodes = read(files["nodes.csv"], delimiter) + read(files["articles.csv"], delimiter)
    for node in nodes:
        labels = "".join(f":`{label}`" for label in node.labels)
        store.write(f"CREATE (n{labels}) SET n = $props", {"props": node.props})
    ids = {node.id: node for node in nodes}
    for name in ("relationships.csv", "mentions.csv"):
        for rel in read(files[name], delimiter):
            if rel.start not in ids or rel.end not in ids:
                raise ImportError_(f"{name}: a relationship between ids that are not nodes: {rel.start}, {rel.end}")
            start, end = ids[rel.start], ids[rel.end]
            store.write(f"MATCH (a:`{start.labels[0]}` {{id: $a}}), (b:`{end.labels[0]}` {{id: $b}}) "
                        f"CREATE (a)-[r:`{rel.type}`]->(b) SET r = $props",
                        {"a": start.props["id"], "b": end.props["id"], "props": rel.props})
    for line in files["after-import.cypher"].split("\n"):
        if line and not line.startswith(("//", "CREATE CONSTRAINT", "CREATE INDEX", "CALL db.")):
            store.write(line.rstrip(";"))
