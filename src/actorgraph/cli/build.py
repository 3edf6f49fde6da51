"""build, load, snapshot and store commands."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .. import analytics
from ..build import build as run_build
from ..build import graph_from_articles, load_annotated, read_graph_annotating, snapshot_graph
from ..display import escape_controls
from ..progress import Progress
from ..store import server
from .app import App, OutputName
from .extract import extractor_options

pass_app = click.make_pass_decorator(App)


@click.command()
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=OutputName(path=True),
              default=Path("out/index.html"), show_default=True, help="Where to write the HTML view.")
@click.option("--no-html", is_flag=True, help="Do not write the HTML view.")
@click.option("--title", default="actorgraph: the whole graph", show_default=True,
              help="Title of the HTML view (its heading and the browser tab).")
@click.option("--jobs", "-j", type=click.IntRange(1), default=1, show_default=True,
              help="Processes for extraction (with --extractor llm: requests at once).")
@extractor_options
@click.option("--strict", is_flag=True, help="Fail when any article cannot be read or extracted.")
@click.option("--open", "open_", is_flag=True,
              help="Open the HTML view in a browser (when there is a display; else says so).")
@pass_app
def build(app: App, articles, out, no_html, title, jobs, extractor, llm, strict, open_):
    """Load the graph into the store and write its HTML view.

    With no ARTICLES, loads the committed snapshot (graph/snapshot.json). With ARTICLES
    (files or folders of .txt/.md/.html/.jsonl), extracts a graph from them first.
    The stored graph is replaced as a whole, and the summary says what it held; readers
    never see a half-loaded graph. The embedded store keeps the replaced graph
    (DATA_DIR/dump.rdb.prev): 'actorgraph store restore-previous' brings it back. To add
    articles to the stored graph instead, 'actorgraph extract ARTICLES -o new.json' then
    'actorgraph load new.json' (a merge).
    """
    ontology = app.ontology
    if articles:
        extraction = graph_from_articles(list(articles), ontology, app.curation_path, jobs=jobs,
                                         strict=strict, progress=True, extractor=extractor, llm=llm,
                                         warn=_warning)
        for problem in extraction.problems:
            _warning(problem)
        for note in extraction.notes:
            click.echo(escape_controls(f"note: {note}"), err=True)
        for line in extraction.summary:
            click.echo(escape_controls(line), err=True)
        graph = extraction.graph
        source = f"{len(graph.articles)} articles"
    else:
        graph = snapshot_graph(app.snapshot_input, ontology)
        source = f"snapshot {app.snapshot_input}"
    with Progress("loading", unit="batches") as progress:
        report = run_build(app.store(), ontology, graph, source=source,
                           html_path=None if no_html else out, title=title, progress=progress)
    _print_summary(app, report)
    if open_ and report.html:
        problem = open_in_browser(Path(report.html))
        if problem:
            click.echo(escape_controls(f"note: {problem}"), err=True)


def open_in_browser(path: Path) -> str | None:
    """Open a file in the desktop's browser, quietly; a one-line reason when it cannot.

    click.launch runs xdg-open with its output on the terminal, and without a display
    xdg-open (or the browser it starts) prints screens of errors; so ask only when there is
    a display, with the opener's output discarded.
    """
    import subprocess

    if sys.platform.startswith("win"):
        os.startfile(path)  # noqa: S606 (the user's own file, the desktop's default handler)
        return None
    if sys.platform == "darwin":
        command = ["open", str(path)]
    elif not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return f"no display to open a browser on; open {path} yourself"
    else:
        command = ["xdg-open", str(path)]
    try:
        opener = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return f"could not open a browser ({command[0]} not found); open {path} yourself"
    try:
        code = opener.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return None  # some openers stay for as long as the browser they started: it is open
    return None if code == 0 else f"could not open a browser ({command[0]} failed); open {path} yourself"


def _warning(line: str) -> None:
    click.echo(escape_controls(f"warning: {line}"), err=True)


def _print_summary(app: App, report) -> None:
    graph = report.graph
    labels: dict[str, int] = {}
    for node in graph.nodes.values():
        labels[node.label] = labels.get(node.label, 0) + 1
    types: dict[str, int] = {}
    for edge in graph.edges.values():
        types[edge.type] = types.get(edge.type, 0) + 1
    click.echo(f"Loaded {len(graph.nodes)} actors, {len(graph.edges)} relations and "
               f"{len(graph.articles)} articles into {app.backend} "
               f"({report.load.seconds:.2f}s) from {report.source}.")
    if report.replaced:
        actors, relations = report.replaced
        kept = ("the previous graph is kept: `actorgraph store restore-previous` brings it back"
                if app.backend == "falkordb" else "Neo4j keeps no copy of the previous graph")
        click.echo(f"Replaced {actors:,} actors and {relations:,} relations with {len(graph.nodes):,} "
                   f"and {len(graph.edges):,}; {kept}.")
    click.echo("  actors:    " + (", ".join(f"{k} {v}" for k, v in sorted(labels.items())) or "none"))
    click.echo("  relations: " + (", ".join(f"{k} {v}" for k, v in sorted(types.items())) or "none"))
    top = analytics.top_actors(graph, 5)
    if top:
        click.echo(escape_controls("  most connected: " + ", ".join(f"{name} ({deg})" for name, deg, _ in top)))
    if report.html:
        click.echo(f"HTML view: {report.html}")
    click.echo("Next: actorgraph queries  |  actorgraph query most_connected  |  actorgraph export --help")


@click.command()
@click.argument("graph_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--replace", is_flag=True, help="Make the stored graph exactly this one (default: merge into it).")
@pass_app
def load(app: App, graph_file: Path, replace: bool):
    """Load a graph JSON file into the store (MERGE: loading twice changes nothing)."""
    graph, computing = read_graph_annotating(graph_file, app.ontology)
    with Progress("loading", unit="batches") as progress:
        stats = load_annotated(app.store(), graph, replace=replace, progress=progress, computing=computing)
    counts = stats.counts or app.store().counts()
    click.echo(f"Loaded {stats.nodes} actors and {stats.edges} relations from {graph_file} "
               f"in {stats.seconds:.2f}s; the store now holds {sum(counts['nodes'].values())} actors "
               f"and {sum(counts['edges'].values())} relations.")


@click.command()
@click.option("--corpus", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of development articles (default: ../shared/corpus beside the project).")
@click.option("--check", is_flag=True, help="Only say whether the committed snapshot is up to date (exit 1 if not).")
@extractor_options
@pass_app
def snapshot(app: App, corpus, check, extractor, llm):
    """Regenerate graph/snapshot.json from the development corpus and graph/curation.yaml.

    The development corpus goes only to the source checkout's own graph/ folder: into a
    ./graph of your own it refuses, unless you name your own articles with --corpus.
    """
    from ..model import dumps_graph
    from ..snapshot import DEFAULT_CORPUS, check_target, regenerate, write_snapshot

    check_target(app.graph_path, corpus)
    graph = regenerate(corpus or DEFAULT_CORPUS, app.ontology, app.curation_path,
                       extractor=extractor, llm=llm, warn=_warning)
    if check:
        current = app.snapshot_path.read_text(encoding="utf-8") if app.snapshot_path.exists() else ""
        if current != dumps_graph(graph):
            raise click.ClickException(f"{app.snapshot_path} is out of date; run `actorgraph snapshot`")
        click.echo(f"{app.snapshot_path} is up to date.")
        return
    changed = write_snapshot(graph, app.snapshot_path)
    click.echo(f"{app.snapshot_path}: {len(graph.nodes)} actors, {len(graph.edges)} relations"
               f" ({'updated' if changed else 'unchanged'}).")


@click.group()
def store():
    """See and control the embedded FalkorDB server."""


@store.command("status")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_app
def store_status(app: App, as_json: bool):
    """Is the server running, who uses it, and what it holds."""
    info = server.status(app.data_dir)
    if info["running"]:
        info["graph"] = app.store().counts()
        info["clients"] = [pid for pid in server.live_leases(app.data_dir) if pid != _own_pid()]
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    if not info["running"]:
        click.echo(f"Store {info['data_dir']}: not running ({info['saved_bytes']} bytes saved on disk).")
        return
    graph = info["graph"]
    click.echo(f"Store {info['data_dir']}: running, pid {info['pid']}, socket {info['socket']}"
               + (f", Bolt on port {info['bolt_port']}" if info["bolt_port"] else "")
               + (", pinned (stays up until `actorgraph store stop`)" if info["pinned"] else ""))
    click.echo(f"  graph: {sum(graph['nodes'].values())} actors, {sum(graph['edges'].values())} "
               f"relations, {graph['articles']} articles; other clients: {len(info['clients'])}")


@store.command("start")
@pass_app
def store_start(app: App):
    """Start the server and keep it running until 'actorgraph store stop'.

    It listens on a private unix socket only. (There is no Bolt option: FalkorDB's Bolt
    server reads nothing written over the socket, refuses no write, and listens
    on every interface without a password; see docs/reliability.md.)
    """
    info = server.start_server(app.data_dir, pin=True)
    click.echo(f"Store running: pid {info.pid}, socket {info.socket_path}")


@store.command("stop")
@pass_app
def store_stop(app: App):
    """Save and stop the server."""
    stopped = server.stop_server(app.data_dir)
    click.echo("Store stopped." if stopped else "Store was not running.")


@store.command("restore-previous")
@pass_app
def store_restore_previous(app: App):
    """Bring back the graph the last 'build' or 'load --replace' replaced.

    Stops the server (without saving: it has saved everything) and swaps DATA_DIR/dump.rdb
    with dump.rdb.prev, so running it again swaps back.
    """
    server.restore_previous(app.data_dir)
    click.echo(f"Store {app.data_dir}: the previous graph is back (the one it replaced is now "
               f"{server.PREVIOUS_DUMP}; run this again to swap back).")


def _own_pid() -> int:
    import os

    return os.getpid()


COMMANDS = [build, load, snapshot, store]
