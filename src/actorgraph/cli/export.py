"""render, export and diff: cut the graph down, hand it to another tool, see what changed.

Selection (shared by render and export) reads the stored graph, or a graph JSON file
with --graph; the library functions in actorgraph.select do the cutting.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import click

from .. import select as selecting
from ..display import escape_controls
from ..errors import InputError
from ..model import Graph, read_graph, slugify
from .app import App, OutputName


@dataclass
class SelectionRequest:
    """What the selection options asked for; ``resolve`` turns it into (graph, scope)."""

    graph_file: Path | None
    selection: selecting.Selection
    params: tuple[str, ...]

    def resolve(self, app: App) -> tuple[Graph, str]:
        graph = load_graph(app, self.graph_file)
        items = None
        if self.selection.query:
            items = query_items(app, self.selection.query, self.params)
        return selecting.select(graph, app.ontology, self.selection, items)


def load_graph(app: App, graph_file: Path | None) -> Graph:
    """The graph to select from: a graph JSON file, or the whole configured store."""
    if graph_file is not None:
        return read_graph(graph_file, app.ontology)
    graph = app.store().export_graph()
    if not graph.nodes and graph.articles:  # a build of articles that named no actor
        raise InputError(f"the graph in the {app.backend} store has no actors (its {len(graph.articles)} "
                         f"article(s) named none); build it from other articles, or select from a file "
                         f"with --graph FILE")
    if not graph.nodes:
        raise InputError(f"the {app.backend} store holds no graph yet; run `actorgraph build` "
                         f"(or `actorgraph load FILE`), or select from a file with --graph FILE")
    return graph


def query_items(app: App, name: str, raw_params: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """Node ids and edge keys that a library query returns (it runs on the configured store)."""
    from .. import queries

    query = queries.get_query(app.library(), name)
    result = queries.run_named(app.store(), query, queries.parse_assignments(raw_params))
    node_ids, edge_keys = queries.result_items(result)
    if not node_ids and not edge_keys:
        raise selecting.EmptySelection(f"query {name} returned no nodes, relationships or paths; nothing written")
    return node_ids, edge_keys


def selection_options(command):
    """The selection flags shared by render and export; the command receives ``request``."""
    options = [
        click.option("--graph", "graph_file", type=click.Path(path_type=Path, dir_okay=False),
                     help="Select from this graph JSON file instead of the store."),
        click.option("--actor", metavar="NAME",
                     help="Ego network of this actor (id, name or alias, any case)."),
        click.option("--depth", type=click.IntRange(min=0), default=None, metavar="K",
                     help="Hops around --actor (default 1)."),
        click.option("--path", "path_ends", nargs=2, metavar="A B",
                     help="Shortest paths between two actors."),
        click.option("--max-hops", type=click.IntRange(min=1), metavar="N",
                     help="With --path: every path of at most N hops instead of the shortest."),
        click.option("--type", "types", multiple=True, metavar="REL",
                     help="Keep these relation types (repeat, or comma-separate)."),
        click.option("--label", "labels", multiple=True, metavar="LABEL",
                     help="Keep actors with these labels (repeat, or comma-separate)."),
        click.option("--since", metavar="DATE", help="Keep relations with evidence dated on/after DATE."),
        click.option("--until", metavar="DATE", help="Keep relations with evidence dated on/before DATE."),
        click.option("--min-weight", type=click.IntRange(min=1), metavar="N",
                     help="Keep relations with at least N evidence items."),
        click.option("--query", "query_name", metavar="NAME",
                     help="Keep what a library query returns (runs on the store)."),
        click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
                     help="A parameter of --query (repeatable)."),
    ]

    @functools.wraps(command)
    def wrapper(*args, graph_file, actor, depth, path_ends, max_hops, types, labels, since, until,
                min_weight, query_name, params, **kwargs):
        if depth is not None and not actor:
            raise click.UsageError("--depth needs --actor")
        if max_hops is not None and not path_ends:
            raise click.UsageError("--max-hops needs --path")
        if params and not query_name:
            raise click.UsageError("-p/--param needs --query")
        structural = [flag for flag, given in (("--actor", actor), ("--path", path_ends),
                                               ("--query", query_name)) if given]
        if len(structural) > 1:
            raise click.UsageError(f"give only one of --actor, --path and --query (got {' and '.join(structural)})")
        selection = selecting.Selection(
            actor=actor, depth=1 if depth is None else depth,
            path=tuple(path_ends) if path_ends else None, max_hops=max_hops,
            types=_split(types), labels=_split(labels), since=since, until=until,
            min_weight=min_weight, query=query_name, query_params=tuple(params))
        request = SelectionRequest(graph_file, selection, tuple(params))
        return command(*args, request=request, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def default_view_name(selection: selecting.Selection) -> str:
    """A file name for a view that says what it shows: actor-javier-milei-d2.html, path-a-b.html."""
    if selection.actor:
        stem = f"actor-{slugify(selection.actor)}-d{selection.depth}"
    elif selection.path:
        stem = f"path-{slugify(selection.path[0])}-{slugify(selection.path[1])}"
    elif selection.query:
        stem = f"query-{slugify(selection.query)}"
    else:
        stem = "graph"
    if selection.types:
        stem += "-" + "-".join(slugify(t) for t in selection.types)
    if selection.labels:
        stem += "-" + "-".join(slugify(label) for label in selection.labels)
    return stem + ".html"


@click.command()
@selection_options
@click.option("-o", "--output", type=OutputName(path=True),
              help="HTML file to write (default: out/<what it shows>.html).")
@click.option("--title", default="actorgraph", show_default=True,
              help="Title of the page (its heading and the browser tab).")
@click.pass_obj
def render(app: App, request: SelectionRequest, output: Path | None, title: str):
    """Draw the graph, or a selection of it, as one offline HTML file.

    \b
    Examples:
      actorgraph render                                  # the whole graph
      actorgraph render --actor Milei --depth 2 -o milei.html
      actorgraph render --path "Javier Milei" "Scott Bessent" --type MET_WITH,SUPPORTS
    """
    from .. import export as exporting

    output = output or Path("out") / default_view_name(request.selection)
    exporting.check_writable(str(output))
    graph, scope = request.resolve(app)
    files = exporting.render(graph, app.ontology, "html", exporting.ExportOptions(title=title, scope=scope))
    exporting.write_files(files, str(output))
    click.echo(escape_controls(f"wrote {output}: {scope}"))


@click.command()
@selection_options
@click.option("-f", "--format", "format_name", type=click.Choice(["html", "graphml", "gexf", "json", "csv", "cypher"]),
              help="Output format (default: from the -o suffix).")
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE|DIR|-", type=OutputName(),
              help="File to write; a folder for csv; - for stdout.")
@click.option("--title", default="actorgraph", show_default=True, help="Graph title (html, graphml, gexf).")
@click.option("--array-delimiter", default=None, metavar="CHAR",
              help="csv: the character that joins array values (default: ';', or '|', U+001F or U+001E "
                   "when a value holds it); import.sh passes it to neo4j-admin.")
@click.pass_obj
def export(app: App, request: SelectionRequest, format_name: str | None, output: str, title: str,
           array_delimiter: str | None):
    """Export the graph, or a selection of it, for Gephi, Neo4j, spreadsheets or scripts.

    \b
    Formats:
      html     offline HTML view          graphml  GraphML (Gephi, yEd, networkx)
      gexf     GEXF with a timeline       json     the project's graph JSON
      csv      neo4j-admin import folder  cypher   MERGE script (Neo4j, FalkorDB)
    \b
    Examples:
      actorgraph export -f gexf -o milei.gexf --actor Milei --depth 2
      actorgraph export -f cypher --type FUNDS,IMPOSES -o -  | cypher-shell
      actorgraph export -f csv -o neo4j-import && sh neo4j-import/import.sh neo4j --force
    """
    from .. import export as exporting

    if format_name is None:
        format_name = exporting.format_for_path(output)
        if format_name is None:
            raise click.UsageError("give --format (html, graphml, gexf, json, csv, cypher), "
                                   "or an -o file name ending in one of them")
    fmt = exporting.get_format(format_name)
    exporting.check_writable(output, fmt.many_files)
    graph, scope = request.resolve(app)
    files = exporting.render(graph, app.ontology, format_name,
                             exporting.ExportOptions(title=title, scope=scope, array_delimiter=array_delimiter))
    written = exporting.write_files(files, output)
    if written:
        where = output if len(written) == 1 else f"{len(written)} files in {output}"
        click.echo(escape_controls(f"wrote {format_name} to {where}: {scope}"), err=True)


@click.command()
@click.argument("graphs", nargs=-1, type=click.Path(path_type=Path, dir_okay=False), metavar="[OLD NEW | GRAPH]")
@click.option("--since", metavar="DATE", help="What is new in GRAPH (default: the snapshot) since DATE.")
@click.option("-f", "--format", "format_name", type=click.Choice(["table", "json", "html"]), default="table",
              show_default=True)
@click.option("-o", "--output", default=None, metavar="FILE|-", type=OutputName(),
              help="Where to write (default: stdout; out/diff.html for html).")
@click.option("--title", default="What changed", show_default=True, help="Title of the html view.")
@click.pass_obj
def diff(app: App, graphs: tuple[Path, ...], since: str | None, format_name: str, output: str | None, title: str):
    """Actors and relations added, removed and changed between two graph JSON files.

    \b
    Examples:
      actorgraph diff old/snapshot.json graph/snapshot.json
      actorgraph diff --since 2025-10 -f html -o out/since-october.html
    """
    from .. import diff as diffing
    from .. import export as exporting

    if since:
        if len(graphs) > 1:
            raise click.UsageError("with --since give one GRAPH (or none for the snapshot)")
        path = graphs[0] if graphs else app.snapshot_input
        old_label = new_label = str(path)
    elif len(graphs) != 2:
        raise click.UsageError("give two graph files, OLD NEW, or --since DATE [GRAPH]")
    output = output or ("out/diff.html" if format_name == "html" else "-")
    if format_name == "html" and output == "-":
        raise InputError("the html diff is a file; give -o FILE.html")
    exporting.check_writable(output)

    if since:
        new = read_graph(path, app.ontology)
        old = diffing.before(new, since)
        result = diffing.diff_graphs(old, new, f"{old_label} before {since}", new_label)
    else:
        old = read_graph(graphs[0], app.ontology)
        new = read_graph(graphs[1], app.ontology)
        result = diffing.diff_graphs(old, new, str(graphs[0]), str(graphs[1]))

    if format_name == "table":
        exporting.write_files({"": diffing.format_table(result)}, output)
    elif format_name == "json":
        exporting.write_files({"": diffing.format_json(result)}, output)
    else:
        if not result.changes:
            raise InputError(f"nothing changed ({result.old_label} -> {result.new_label}); no view written")
        view = diffing.highlight_graph(old, new, result)
        scope = f"changes {result.old_label} -> {result.new_label}: {result.summary()}"
        files = exporting.render(view, app.ontology, "html", exporting.ExportOptions(title=title, scope=scope))
        exporting.write_files(files, output)
        click.echo(escape_controls(f"wrote {output}: {result.summary()}"))


COMMANDS = [render, export, diff]
