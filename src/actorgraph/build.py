"""The main job: graph (from articles, or the committed snapshot) -> analytics -> store -> HTML."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import analytics
from .model import Graph, collection_paused, read_graph
from .ontology import Ontology
from .store.base import LoadStats, Progress, Store


@dataclass
class BuildReport:
    graph: Graph
    load: LoadStats
    html: Path | None
    source: str
    problems: list[str] = field(default_factory=list)
    replaced: tuple[int, int] | None = None  # (actors, relations) of the graph this build replaced


def graph_from_articles(paths: list[Path], ontology: Ontology, curation_path: Path | None,
                        *, jobs: int = 1, strict: bool = False, progress: bool = False, **extraction):
    """Extract a graph from article files and folders (see pipeline.extract_paths; ``extraction``
    passes its extractor, llm and warn arguments)."""
    from .pipeline import extract_paths

    return extract_paths(paths, ontology, curation_path=curation_path, jobs=jobs,
                         strict=strict, progress=progress, **extraction)


def build(store: Store, ontology: Ontology, graph: Graph, *, source: str, html_path: Path | None,
          progress: Progress | None = None, title: str = "actorgraph: the whole graph") -> BuildReport:
    """Annotate the graph with centralities, replace the stored graph with it, write the HTML.

    The load and the HTML happen under the store's load lock, so that of two builds at once,
    the view left on disk is of the graph left in the store.
    """
    with store.exclusive():
        before = store.counts()
        stats = load_annotated(store, graph, replace=True, progress=progress)
        if html_path is not None:
            from .render import render_html

            generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            render_html(graph, ontology, html_path, title=title,
                        scope=f"The whole graph ({source})", generated_at=generated)
    replaced = (sum(before["nodes"].values()), sum(before["edges"].values()))
    return BuildReport(graph, stats, html_path, source, replaced=replaced if any(replaced) else None)


def read_graph_annotating(path: Path, ontology: Ontology) -> tuple[Graph, "analytics.Computing | None"]:
    """read_graph, with the analytics started as soon as the file is parsed: on a large graph
    they run in a child process while this one builds the graph's objects. Pass the second
    value to load_annotated.

    For a command that holds the graph until it ends: the objects read are frozen out of the
    garbage collector's sight (gc.freeze; they make no cycles and are still freed when no longer
    used), which otherwise walked all of them at its first collection after the reading (0.4–0.6
    CPU-s for 200,000 relations) and at every full collection after."""
    started: list = []
    try:
        with collection_paused():  # frozen before the collector may run again
            graph = read_graph(path, ontology, on_parsed=lambda data: started.append(analytics.start_from_data(data)))
            gc.freeze()
    except BaseException:
        for computing in started:
            if computing is not None:
                computing.cancel()
        raise
    return graph, started[0] if started else None


def load_annotated(store: Store, graph: Graph, *, replace: bool, progress: Progress | None = None,
                   computing: "analytics.Computing | None" = None) -> LoadStats:
    """Annotate the graph (analytics) and load it; where the store can take the values late,
    they are computed in another process while the rows are sent. ``computing``: the analytics
    started by read_graph_annotating for this graph (stopped if the load fails)."""
    try:
        finish = analytics.start_annotation(graph, computing)
        if not getattr(store, "late_node_properties", False):
            finish()
            return store.load(graph, replace=replace, progress=progress)
        return store.load(graph, replace=replace, progress=progress, node_properties=finish)
    except BaseException:
        if computing is not None:
            computing.cancel()
        raise


def snapshot_graph(snapshot_path: Path, ontology: Ontology) -> Graph:
    return read_graph(snapshot_path, ontology)
