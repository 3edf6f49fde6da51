"""query and queries: run Cypher (a named library query, -e TEXT or --file) and list the library.

Queries are read-only unless --write is given (FalkorDB GRAPH.RO_QUERY, Neo4j read
transactions). Output is a table for people, --format json or csv for machines; graph-
shaped results (nodes, relationships, paths) can go to an HTML view with --render.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
from pathlib import Path
from typing import Callable, TextIO

import click

from .. import queries
from ..display import escape_controls
from ..errors import QueryError
from ..store.base import Result
from .app import App, OutputName, setting_option

MAX_CELL = 60  # characters of a table cell; json and csv keep everything
JSON_CHUNK = 1000  # records formatted at once when JSON is written


@click.command("query")
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter (repeat). Values are sent as parameters, never pasted into Cypher.")
@click.option("-e", "--execute", "text", metavar="CYPHER", help="Run this Cypher instead of a named query.")
@click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Run the Cypher in this file.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True,
              help="Output format. Dates and durations are ISO 8601. csv is for spreadsheets: a text cell "
                   "starting with =, +, -, @, tab or CR gets a leading ' so it is not run as a formula.")
@click.option("-o", "--output", type=OutputName(path=True),
              default="-", show_default=True, help="Write the output here (- for stdout).")
@click.option("--write", is_flag=True, help="Allow the query to change the graph; says what changed.")
@click.option("--ids", "show_ids", is_flag=True,
              help="In the table, also show the id and key columns a library query ends with "
                   "(source_id, target_id, key: what --render draws by); json and csv always have them.")
@click.option("--render", "render_path", type=OutputName(path=True),
              help="Also draw the actors, relations and paths of the result as an HTML view, as "
                   "render does: nodes, relationships and paths, and actors and relations named in id and key "
                   "columns (source_id, target_id, key); a result of plain values has nothing to draw.")
@setting_option("query_timeout", "--timeout", type=click.FloatRange(0), metavar="SECONDS", show_default=True)
@click.pass_obj
def query_command(app: App, name, params, text, file, fmt, output, write, show_ids, render_path, timeout):
    """Run a named query from queries/ (see 'actorgraph queries'), -e 'MATCH ...' or --file F.

    \b
    actorgraph query neighbourhood -p actor="Javier Milei" -p hops=2
    actorgraph query -e 'MATCH (n:Person) RETURN n.name ORDER BY n.name LIMIT $n' -p n=5
    actorgraph query shortest_path -p source=Milei -p target="Xi Jinping" --render path.html
    """
    sources = [s for s in (name, text, file) if s]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of NAME, -e CYPHER or --file FILE")
    if render_path is not None and _same_place(render_path, output):
        raise click.UsageError(f"--render and -o both name {str(output)!r}: the view and the "
                               f"{fmt} output would overwrite each other; give each its own file")
    raw = queries.parse_assignments(params)
    app.query_timeout = timeout or None
    if name:
        query = queries.get_query(app.library(), name)  # a wrong name needs no server
        result = queries.run_named(app.store(), query, raw, write=write)
        title = query.title
    else:
        cypher = text if text else _read_cypher(file)
        result = queries.run_query(app.store(), cypher, queries.guess_params(raw), write=write)
        title = "Query result"
    if render_path:
        _render(result, app, render_path, title=title, scope=_scope(name, text, file, raw))
    if write and not result.columns and fmt == "table":
        _emit(describe_changes(result), output)  # instead of "(no rows)"
        return
    shown = result if fmt != "table" or show_ids or not name else without_trailing_ids(result)
    _emit(functools.partial(write_result, shown, fmt), output)
    if write:
        click.echo(describe_changes(result).rstrip("\n"), err=True)


def without_trailing_ids(result: Result) -> Result:
    """The result without the id and key columns a library query ends with (``source_id``,
    ``target_id``, ``key``): they are for --render and for machines, and make a terminal table
    twice as wide. A bare ``id`` column (``find_actors``) is what its query is for, and stays."""
    keep = len(result.columns)
    while keep > 1 and (result.columns[keep - 1].endswith("_id") or queries.is_key_column(result.columns[keep - 1])):
        keep -= 1
    if keep == len(result.columns):
        return result
    return Result(result.columns[:keep], [row[:keep] for row in result.rows], result.changes)


def _same_place(render_path: Path, output: Path) -> bool:
    if "-" in (str(render_path), str(output)):
        return str(render_path) == str(output)
    return render_path.resolve() == output.resolve()


_SINGULAR = {"properties": "property", "indexes": "index"}


def describe_changes(result: Result) -> str:
    """What a write changed, e.g. "1 node created, 2 properties set" (or "no changes")."""
    from ..store.base import WRITE_COUNTERS

    parts = []
    for name in WRITE_COUNTERS:
        count = result.changes.get(name, 0)
        if count:
            noun, verb = name.rsplit("_", 1)
            if count == 1:
                noun = _SINGULAR.get(noun, noun[:-1])
            parts.append(f"{count} {noun.replace('_', ' ')} {verb}")
    return (", ".join(parts) if parts else "no changes") + "\n"


@click.command("queries")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def queries_command(app: App, fmt):
    """List the named queries with their descriptions and parameters."""
    library = app.library()
    if fmt == "json":
        data = [{"name": q.name, "title": q.title, "description": q.description,
                 "backends": list(q.backends),
                 "params": [{"name": p.name, "type": p.type, "required": p.required,
                             "default": p.default, "min": p.low, "max": p.high, "help": p.help}
                            for p in q.params],
                 "file": str(q.path) if q.path else None}
                for q in library.values()]
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    click.echo(describe_library(library))


def describe_library(library: dict[str, queries.NamedQuery]) -> str:
    lines = []
    for query in library.values():
        lines.append(f"{query.name} — {query.title}")
        lines.append(f"    {query.description}")
        for param in query.params:
            lines.append(f"    -p {param.describe()}: {param.help}")
        lines.append(f"    backends: {', '.join(query.backends)}")
        lines.append("")
    lines.append("Run one with: actorgraph query NAME -p key=value ...")
    return "\n".join(lines)


def format_result(result: Result, fmt: str) -> str:
    """The result as a table, JSON (list of row objects) or CSV, as one text (see write_result)."""
    buffer = io.StringIO()
    write_result(result, fmt, buffer)
    return buffer.getvalue()


def write_result(result: Result, fmt: str, out: TextIO) -> None:
    """Write the result into `out` as a table, JSON (list of row objects) or CSV, row by row,
    so that a large result is never held a second time as text.

    Dates, times and durations are ISO 8601 in every format. CSV is meant for spreadsheets:
    a text cell starting with =, +, -, @, a tab or a carriage return gets a leading ' so that
    no spreadsheet runs it as a formula (OWASP's advice on CSV injection).
    """
    if fmt == "json":
        # json.dumps(records, indent=1) a thousand records at a time: each chunk's text
        # inside its brackets is what the whole list's dump holds for those records
        if not result.rows:
            out.write("[]\n")
            return
        columns, to_plain = result.columns, queries.to_plain
        for start in range(0, len(result.rows), JSON_CHUNK):
            records = [{c: to_plain(v) for c, v in zip(columns, row)}
                       for row in result.rows[start:start + JSON_CHUNK]]
            out.write(("[\n" if start == 0 else ",\n") + json.dumps(records, ensure_ascii=False, indent=1)[2:-2])
        out.write("\n]\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([csv_cell(c) for c in result.columns])
        writer.writerows(map(_csv_row, result.rows))
        return
    write_table(result, out)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_row(row: list) -> list[str]:
    # text and integers (most cells) inline; the rest as csv_cell(to_text(value), value)
    return [(("'" + v if v.startswith(_FORMULA_START) else v) if type(v) is str
             else str(v) if type(v) is int else csv_cell(queries.to_text(v), v)) for v in row]


def csv_cell(text: str, value: object = None) -> str:
    """`text` safe to open in a spreadsheet: a leading ' before a formula character.

    A number (the value itself, not text that looks like one) is left as it is.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    return "'" + text if text.startswith(_FORMULA_START) else text


def format_table(result: Result, max_cell: int = MAX_CELL) -> str:
    buffer = io.StringIO()
    write_table(result, buffer, max_cell)
    return buffer.getvalue()


def write_table(result: Result, out: TextIO, max_cell: int = MAX_CELL) -> None:
    """A readable table: cells clipped to `max_cell` characters, numbers right-aligned,
    the row count last. Column widths need every cell first; cells are clipped, so that
    costs at most `max_cell` characters a cell, and lines are written one at a time."""
    if not result.columns:
        out.write("(no rows)\n")
        return
    cells = [[_clip(escape_controls(queries.to_text(v)), max_cell) for v in row] for row in result.rows]
    header = [escape_controls(c) for c in result.columns]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(header)]
    numeric = [bool(result.rows) and all(isinstance(row[i], (int, float)) and not isinstance(row[i], bool)
                                         or row[i] is None for row in result.rows)
               for i in range(len(result.columns))]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric)).rstrip() + "\n"

    out.write(line(header))
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write(line(row))
    count = len(result.rows)
    out.write(f"({count} row{'s' if count != 1 else ''})\n")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read_cypher(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise QueryError(f"{path}: not a UTF-8 text file") from None


def _emit(content: str | Callable[[TextIO], None], output: Path) -> None:
    """Write text, or what `content(handle)` writes piece by piece, to stdout or atomically
    to a file (the pieces go into the temporary file that is renamed into place)."""
    from ..output import put, write_stream

    if str(output) == "-":
        put(sys.stdout, content)
        sys.stdout.flush()
        return
    write_stream(Path(output), content)
    click.echo(f"wrote {output}", err=True)


def _scope(name, text, file, raw: dict[str, str]) -> str:
    what = f"query {name}" if name else (f"Cypher from {file}" if file else "ad hoc Cypher")
    if raw:
        what += " with " + ", ".join(f"{k}={v}" for k, v in raw.items())
    return what


def _render(result: Result, app: App, path: Path, *, title: str, scope: str) -> None:
    """Draw the actors and relations of a result as `render` does: cut from the stored graph,
    so evidence, article titles and dates are the same. A result of plain values has nothing
    to draw: one line says so, and the table is still printed."""
    from .. import export as exporting
    from ..select import subgraph

    node_ids, edge_keys = queries.result_items(result)
    if not node_ids and not edge_keys:
        click.echo(f"nothing to draw: the result holds no actors, relations or paths, so no {path} "
                   "was written (return nodes, relationships or paths, e.g. RETURN a, r, b, or ids and keys in "
                   "columns named like source_id and key)", err=True)
        return
    stored = app.store().export_graph()
    ends = {end for key in edge_keys if key in stored.edges
            for end in (stored.edges[key].source, stored.edges[key].target)}
    graph = subgraph(stored, node_ids | ends, edge_keys)
    exporting.check_writable(str(path))
    files = exporting.render(graph, app.ontology, "html", exporting.ExportOptions(title=title, scope=scope))
    exporting.write_files(files, str(path))
    click.echo(f"wrote {path} ({len(graph.nodes)} actors, {len(graph.edges)} relations)", err=True)


COMMANDS = [query_command, queries_command]
