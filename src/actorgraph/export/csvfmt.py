"""A folder for ``neo4j-admin database import full``: the graph as the loaders store it.

Files: ``nodes.csv``, ``relationships.csv``, ``articles.csv``, ``mentions.csv``,
``after-import.cypher`` and ``import.sh``.

The rows are the loaders' own (``store/rows.py``), so an imported database holds exactly the
properties ``actorgraph load`` writes, and the query library works on it: evidence as the
parallel arrays ``quotes``, ``articles``, ``dates``, ``starts``, ``ends``, ``date_sources``,
``whys``; ``aliases`` as an array; ``weight`` and mention ``count`` as integers.

Headers follow the import tool: ``id:ID(Entity)`` and ``:LABEL`` for nodes,
``:START_ID(Entity)``, ``:END_ID(Entity)`` and ``:TYPE`` for relationships, typed columns
(``long``, ``double``, ``boolean``, ``string[]``, ``long[]``, ``double[]``, ``boolean[]``;
untyped columns are strings). Entities and articles live in separate ID spaces.

Two things the import tool cannot say, and how they are handled:

- an empty cell means "no property", and it has no way to write an empty array (or an
  array of one empty string, whose cell is empty too): ``after-import.cypher`` sets those
  properties on exactly the nodes and relationships that hold them;
- an unquoted empty cell is no value while a quoted ``""`` is the empty string, so the
  empty string is always written quoted.

Arrays are joined with the array delimiter: ``;`` when no array value holds one, else the
first of ``|``, U+001F, U+001E that none holds (``--array-delimiter`` chooses it instead);
``import.sh`` passes it on. Values are written exactly as they are: these files are for
the import tool, which would store a spreadsheet's formula-guarding ``'`` as part of the
value, so nothing is prefixed (see docs/export.md on opening them in a spreadsheet).
"""

from __future__ import annotations

from typing import Any

from ..cypher import NEO4J_SCHEMA
from ..model import Graph
from ..ontology import Ontology
from ..store.rows import article_rows, edge_rows, mention_rows, node_rows
from .cypherfmt import quote_name, quote_string

AUTO_DELIMITERS = (";", "|", "\x1f", "\x1e")
FIXES_PER_STATEMENT = 1000  # ids in one after-import statement: one transaction of bounded size
_SCALAR_TYPES = ((bool, "boolean"), (int, "long"), (float, "double"), (str, ""))


def _scalar_type(value: Any) -> str | None:
    for python_type, name in _SCALAR_TYPES:
        if isinstance(value, python_type):
            return name
    return None


def _value_type(value: Any) -> str | None:
    """neo4j-admin's type for one value ("" for string, "[]" for an empty list); None if none fits."""
    if not isinstance(value, (list, tuple)):
        return _scalar_type(value)
    if not value:
        return "[]"
    kinds = {_scalar_type(v) for v in value}
    if kinds == {"long", "double"}:
        return "double[]"
    if len(kinds) != 1 or None in kinds:
        return None
    return (kinds.pop() or "string") + "[]"


def _column_type(values: list[Any], where: str) -> str:
    """One type for a column's values: ints with floats are doubles; anything else mixed is refused."""
    from . import ExportError

    kinds = {_value_type(v) for v in values}
    if None in kinds:
        raise ExportError(f"csv cannot carry {where}: use text, numbers, true/false or a flat list of "
                          f"one of them; or export as json")
    if "[]" in kinds and kinds != {"[]"}:
        kinds.discard("[]")  # an empty list fits any array column
    if kinds == {"long", "double"}:
        return "double"
    if kinds == {"long[]", "double[]"}:
        return "double[]"
    if len(kinds) > 1:
        names = ", ".join(sorted(k or "string" for k in kinds))
        raise ExportError(f"csv cannot carry {where}: its values differ in type ({names}); export as json")
    kind = kinds.pop() if kinds else ""
    return "string[]" if kind == "[]" else kind


def choose_delimiter(graph: Graph, requested: str | None) -> str:
    """The array delimiter: ``requested``, or the first of AUTO_DELIMITERS no array value holds."""
    from . import ExportError

    if requested is not None:
        if len(requested) != 1 or requested in ',"\n\r':
            raise ExportError(f"--array-delimiter {requested!r}: give one character other than , \" or a line break")
        return requested
    texts = set()
    for rows in (*node_rows(graph).values(), *edge_rows(graph).values(), article_rows(graph)):
        for row in rows:
            for value in row["props"].values():
                if isinstance(value, list):
                    texts.update(v for v in value if isinstance(v, str))
    joined = "\n".join(texts)
    for delimiter in AUTO_DELIMITERS:
        if delimiter not in joined:
            return delimiter
    raise ExportError("csv: every candidate array delimiter occurs in the values; choose one with --array-delimiter")


def _cell(value: Any, column_type: str, delimiter: str, where: str) -> str | None:
    """The text of a cell; None for an empty (unquoted) cell, which is no property."""
    from . import ExportError

    if value is None:
        return None
    if column_type.endswith("[]"):
        items = [_scalar(v, column_type[:-2]) for v in value]
        for item in items:
            if delimiter in item:
                raise ExportError(f"csv cannot carry {item!r} in {where}: it contains the array delimiter "
                                  f"{delimiter!r}; choose another with --array-delimiter")
        joined = delimiter.join(items)
        return joined or None  # [] and [""]: set by after-import.cypher
    return _scalar(value, column_type)


def _scalar(value: Any, column_type: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and column_type.startswith("double"):
        return repr(value)
    return str(value)


def _quote(cell: str | None) -> str:
    """RFC 4180 quoting, except that the empty string is always quoted (a bare empty cell is no value)."""
    if cell is None:
        return ""
    if cell == "" or any(ch in cell for ch in ',"\n\r') or cell != cell.strip():
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _table(header: list[str], rows: list[list[str | None]]) -> str:
    lines = [",".join(_quote(h) for h in header)]
    lines.extend(",".join(_quote(c) for c in row) for row in rows)
    return "\n".join(lines) + "\n"


def _prop_columns(rows: list[dict], reserved: set[str], what: str) -> list[tuple[str, str]]:
    from . import ExportError

    names = sorted({k for row in rows for k in row["props"]} - reserved)
    columns = []
    for name in names:
        if ":" in name or not name.strip():
            raise ExportError(f"csv cannot carry the property name {name!r}: neo4j-admin headers "
                              f"read ':' as a type separator; rename the property")
        values = [row["props"][name] for row in rows if name in row["props"]]
        columns.append((name, _column_type(values, f"the property {name!r} of {what}")))
    return columns


def _header(name: str, column_type: str) -> str:
    return f"{name}:{column_type}" if column_type else name


def _empty_arrays(rows: list[dict], columns: list[tuple[str, str]], match: str, ident: str) -> list[str]:
    """after-import statements setting the arrays whose cells had to stay empty."""
    statements = []
    for name, column_type in columns:
        if not column_type.endswith("[]"):
            continue
        for value, literal in (([], "[]"), ([""], "['']")):
            ids = [row[ident] for row in rows if row["props"].get(name) == value]
            for start in range(0, len(ids), FIXES_PER_STATEMENT):
                chunk = ids[start:start + FIXES_PER_STATEMENT]
                statements.append(f"UNWIND [{', '.join(quote_string(i) for i in chunk)}] AS v "
                                  f"{match} SET x.{quote_name(name)} = {literal};")
    return statements


def export(graph: Graph, ontology: Ontology, options) -> dict[str, str]:
    delimiter = choose_delimiter(graph, options.array_delimiter)
    common, article_label = ontology.common_label, ontology.article_label
    after: list[str] = []

    by_label = node_rows(graph)
    nodes = sorted((row for rows in by_label.values() for row in rows), key=lambda r: r["id"])
    labels = {row["id"]: label for label, rows in by_label.items() for row in rows}
    columns = _prop_columns(nodes, {"id"}, "an actor")
    node_table = [[row["id"], delimiter.join([common, labels[row["id"]]])]
                  + [_cell(row["props"].get(c), t, delimiter, f"actor {row['id']!r}") for c, t in columns]
                  for row in nodes]
    nodes_csv = _table([f"id:ID({common})", ":LABEL"] + [_header(c, t) for c, t in columns], node_table)
    after += _empty_arrays(nodes, columns, f"MATCH (x:{quote_name(common)} {{id: v}})", "id")

    by_type = edge_rows(graph)
    edges = sorted(((t, row) for t, rows in by_type.items() for row in rows), key=lambda item: item[1]["key"])
    columns = _prop_columns([row for _, row in edges], {"key"}, "a relation")
    edge_table = [[row["source"], row["target"], rel_type, row["key"]]
                  + [_cell(row["props"].get(c), t, delimiter, f"relation {row['key']!r}") for c, t in columns]
                  for rel_type, row in edges]
    edges_csv = _table([f":START_ID({common})", f":END_ID({common})", ":TYPE", "key"]
                       + [_header(c, t) for c, t in columns], edge_table)
    for rel_type, rows in sorted(by_type.items()):
        fixes = _empty_arrays(rows, columns, f"MATCH ()-[x:{quote_name(rel_type)} {{key: v}}]->()", "key")
        if fixes:  # found by key: index it first, or each fix scans every relationship of the type
            after += [f"CREATE INDEX {quote_name(rel_type.lower() + '_key')} IF NOT EXISTS "
                      f"FOR ()-[r:{quote_name(rel_type)}]-() ON (r.key);", *fixes]

    articles = article_rows(graph)
    columns = _prop_columns(articles, {"id"}, "an article")
    article_table = [[row["id"], article_label]
                     + [_cell(row["props"].get(c), t, delimiter, f"article {row['id']!r}") for c, t in columns]
                     for row in articles]
    articles_csv = _table([f"id:ID({article_label})", ":LABEL"] + [_header(c, t) for c, t in columns],
                          article_table)
    after += _empty_arrays(articles, columns, f"MATCH (x:{quote_name(article_label)} {{id: v}})", "id")

    mentions = [[row["article"], row["node"], ontology.mention_type, str(row["count"])] for row in mention_rows(graph)]
    mentions_csv = _table([f":START_ID({article_label})", f":END_ID({common})", ":TYPE", "count:long"], mentions)

    return {"nodes.csv": nodes_csv, "relationships.csv": edges_csv, "articles.csv": articles_csv,
            "mentions.csv": mentions_csv, "after-import.cypher": _after_import(after),
            "import.sh": import_script(delimiter)}


def _after_import(fixes: list[str]) -> str:
    """Schema first (the fixes find nodes by id through its constraint), then the fixes in order."""
    indexes = [f for f in fixes if f.startswith("CREATE INDEX")]
    lines = ["// Run once after neo4j-admin import (import.sh does, with cypher-shell):",
             "// the constraints and indexes `actorgraph load` creates, then the empty arrays",
             "// the import tool cannot write (an empty cell is no property to it).",
             *(statement + ";" for statement in NEO4J_SCHEMA), *indexes, "CALL db.awaitIndexes(300);",
             *(f for f in fixes if f not in indexes)]
    return "\n".join(lines) + "\n"


def import_script(delimiter: str) -> str:
    """import.sh: this folder into the Neo4j of the project's docker-compose.yml."""
    return _IMPORT_SH.replace("@ARRAY_DELIMITER@", f"U+{ord(delimiter):04X}")


_IMPORT_SH = r"""#!/bin/sh
# Import this folder into the Neo4j of actorgraph's docker-compose.yml, then create the
# constraints and indexes (after-import.cypher). Run it from the folder holding
# docker-compose.yml (and .env), or set COMPOSE_FILE.
#
#   sh import.sh DATABASE [--force]
#
# DATABASE is required. Neo4j Community (the compose image) serves one database, `neo4j`
# unless the compose file's NEO4J_initial_dbms_default__database says otherwise.
# A database that exists is replaced only with --force (Neo4j creates an empty `neo4j`
# on its first start, so importing into it after `docker compose up` needs --force too).
#
# The DBMS is stopped for the import (neo4j-admin writes the store files directly) and
# started again afterwards; this folder is mounted at /import, read-only, for the import.
set -eu

usage() {
    echo "usage: sh import.sh DATABASE [--force]   (e.g. sh import.sh neo4j)" >&2
    exit 2
}

database=""
force=""
for arg in "$@"; do
    case "$arg" in
        --force) force=1 ;;
        -h|--help) usage ;;
        -*) echo "import.sh: unknown option $arg" >&2; usage ;;
        *) [ -z "$database" ] || usage; database="$arg" ;;
    esac
done
if [ -z "$database" ]; then
    echo "import.sh: give the database name (Neo4j Community serves one: neo4j); nothing was changed" >&2
    usage
fi
case "$database" in
    system)
        echo "import.sh: 'system' is Neo4j's own database; give the database for the graph" >&2
        exit 2 ;;
    *[!A-Za-z0-9.-]*|[!A-Za-z]*)
        echo "import.sh: '$database' is not a Neo4j database name (letters, digits, '.', '-'; a letter first)" >&2
        exit 2 ;;
esac

folder=$(cd "$(dirname "$0")" && pwd)
export NEO4J_IMPORT_DIR="$folder"
compose() { docker compose "$@"; }

if [ -z "$force" ] && compose run --rm --no-deps -T --entrypoint sh neo4j \
        -c 'ls -A "/data/databases/$1" 2>/dev/null | grep -q .' sh "$database"; then
    echo "import.sh: database '$database' already exists (Neo4j makes 'neo4j' on its first start, empty);" \
        "add --force to replace it" >&2
    exit 1
fi

compose stop neo4j
overwrite=""
[ -z "$force" ] || overwrite="--overwrite-destination=true"
# shellcheck disable=SC2086
compose run --rm --no-deps neo4j neo4j-admin database import full "$database" \
    --nodes=/import/nodes.csv --nodes=/import/articles.csv \
    --relationships=/import/relationships.csv --relationships=/import/mentions.csv \
    --array-delimiter=@ARRAY_DELIMITER@ --multiline-fields=true $overwrite
compose start neo4j

echo "import.sh: waiting for Neo4j to answer..." >&2
cypher() {  # cypher-shell in the running container, as the compose file's user, on $database
    compose exec -T neo4j sh -c 'NEO4J_PASSWORD="${NEO4J_AUTH#neo4j/}" cypher-shell -u neo4j -d "$1"' \
        sh "$database"
}
tries=0
until echo "RETURN 1;" | cypher >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ]; then
        echo "import.sh: imported, but Neo4j did not answer within 2 minutes; when it does, run" >&2
        echo "  docker compose exec -T neo4j sh -c 'NEO4J_PASSWORD=\"\${NEO4J_AUTH#neo4j/}\" cypher-shell -u neo4j -d $database' < $folder/after-import.cypher" >&2
        exit 1
    fi
    sleep 2
done
cypher < "$folder/after-import.cypher"
echo "import.sh: imported into '$database', constraints and indexes created." >&2
"""
