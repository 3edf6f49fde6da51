"""build, load, snapshot and store commands."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .. import analytics
from ..build import build as run_build
from ..build import graph_from_articles, snapshot_graph
from ..model import read_graph
from ..progress import Progress
from ..store import server
from .app import App
from .extract import extractor_options

pass_app = click.make_pass_decorator(App)


@click.command()
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("out/index.html"), show_default=True, help="Where to write the HTML view.")
@click.option("--no-html", is_flag=True, help="Do not write the HTML view.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=1, show_default=True,
              help="Processes for extraction (with --extractor llm: requests at once).")
@extractor_options
@click.option("--strict", is_flag=True, help="Fail when any article cannot be read or extracted.")
@click.option("--open", "open_", is_flag=True, help="Open the HTML view in a browser.")
@pass_app
def build(app: App, articles, out, no_html, jobs, extractor, llm, strict, open_):
    """Load the graph into the store and write its HTML view.

    With no ARTICLES, loads the committed snapshot (graph/snapshot.json). With ARTICLES
    (files or folders of .txt/.md/.html/.jsonl), extracts a graph from them first.
    The stored graph is replaced as a whole; readers never see a half-loaded graph.
    """
    ontology = app.ontology
    if articles:
        extraction = graph_from_articles(list(articles), ontology, app.curation_path, jobs=jobs,
                                         strict=strict, progress=True, extractor=extractor, llm=llm,
                                         warn=_warning)
        for problem in extraction.problems:
            _warning(problem)
        for note in extraction.notes:
            click.echo(f"note: {note}", err=True)
        for line in extraction.summary:
            click.echo(line, err=True)
        graph = extraction.graph
        source = f"{len(graph.articles)} articles"
    else:
        graph = snapshot_graph(app.snapshot_input, ontology)
        source = f"snapshot {app.snapshot_input}"
    with Progress("loading", unit="batches") as progress:
        report = run_build(app.store(), ontology, graph, source=source,
                           html_path=None if no_html else out, progress=progress)
    _print_summary(app, report)
    if open_ and report.html:
        click.launch(str(report.html))


def _warning(line: str) -> None:
    click.echo(f"warning: {line}", err=True)


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
    click.echo("  actors:    " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))
    click.echo("  relations: " + ", ".join(f"{k} {v}" for k, v in sorted(types.items())))
    top = analytics.top_actors(graph, 5)
    if top:
        click.echo("  most connected: " + ", ".join(f"{name} ({deg})" for name, deg, _ in top))
    if report.html:
        click.echo(f"HTML view: {report.html}")
    click.echo("Next: actorgraph queries  |  actorgraph query most_connected  |  actorgraph export --help")


@click.command()
@click.argument("graph_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--replace", is_flag=True, help="Make the stored graph exactly this one (default: merge into it).")
@pass_app
def load(app: App, graph_file: Path, replace: bool):
    """Load a graph JSON file into the store (MERGE: loading twice changes nothing)."""
    graph = read_graph(graph_file, app.ontology)
    analytics.annotate(graph)
    with Progress("loading", unit="batches") as progress:
        stats = app.store().load(graph, replace=replace, progress=progress)
    counts = app.store().counts()
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
    """Regenerate graph/snapshot.json from the development corpus and graph/curation.yaml."""
    from ..model import dumps_graph
    from ..snapshot import DEFAULT_CORPUS, regenerate, write_snapshot

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
@click.option("--bolt-port", type=click.IntRange(1, server.MAX_BOLT_PORT), default=None,
              help="Also answer the Bolt protocol on PORT. FalkorDB opens it on every network "
                   "interface, without a password (and its Bolt support is experimental).")
@pass_app
def store_start(app: App, bolt_port):
    """Start the server and keep it running until `actorgraph store stop`."""
    info = server.start_server(app.data_dir, bolt_port=bolt_port, pin=True)
    click.echo(f"Store running: pid {info.pid}, socket {info.socket_path}"
               + (f", Bolt on port {bolt_port} of every network interface with no password "
                  "(FalkorDB cannot limit it to 127.0.0.1); `actorgraph store stop` closes it"
                  if bolt_port else ""))


@store.command("stop")
@pass_app
def store_stop(app: App):
    """Save and stop the server."""
    stopped = server.stop_server(app.data_dir)
    click.echo("Store stopped." if stopped else "Store was not running.")


def _own_pid() -> int:
    import os

    return os.getpid()


COMMANDS = [build, load, snapshot, store]
