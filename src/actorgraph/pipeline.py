"""ingest -> extract (per article) -> resolve across articles -> curation: the whole pipeline.

``extract_paths`` is what ``actorgraph extract``, ``actorgraph build ARTICLES`` and the
snapshot regeneration call. Its output is deterministic: the same input gives a
byte-identical ``model.dumps_graph``.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .curation import apply_curation
from .errors import InputError
from .extract import get_extractor
from .extract.document import Document
from .ingest import read_paths
from .model import Graph
from .ontology import Ontology
from .progress import Progress
from .resolve import resolve_across


@dataclass
class ExtractionResult:
    graph: Graph                      # all articles, resolved across articles, curation applied
    per_article: dict[str, Graph]     # article file stem -> graph of that article alone
    problems: list[str]               # one line per file that could not be read
    extractor: str                    # which extractor ran (also graph.meta["extractor"])
    log: list[str] = field(default_factory=list)   # resolution and curation changes
    notes: list[str] = field(default_factory=list)  # read, but worth a word (a page in another language)


def extract_paths(paths: list[Path], ontology: Ontology, *, curation_path: Path | None = None,
                  jobs: int = 1, extractor: str = "rules", strict: bool = False,
                  progress: bool = False) -> ExtractionResult:
    """Extract one graph from the articles under ``paths``.

    Raises InputError when a path does not exist, when nothing could be read, or (with
    ``strict``) when any file could not be read; ConfigError for a malformed curation file.
    """
    if not paths:
        raise InputError("no article paths given")
    corpus = read_paths([Path(p) for p in paths])
    if strict and corpus.problems:
        more = f" (and {len(corpus.problems) - 1} more)" if len(corpus.problems) > 1 else ""
        raise InputError(f"{corpus.problems[0]}{more}; stopping because of --strict")
    if not corpus.documents:
        detail = f": {corpus.problems[0]}" if corpus.problems else ""
        raise InputError(f"nothing could be read from {', '.join(str(p) for p in paths)}"
                         f" ({corpus.files_seen} article file(s) found){detail}")
    chosen = get_extractor(extractor)
    graphs = _run(chosen, corpus.documents, ontology, jobs, progress)
    per_article: dict[str, Graph] = {}
    for doc, graph in zip(corpus.documents, graphs):
        stem = doc.stem
        while stem in per_article:  # two files with one name in different folders
            stem = f"{stem}-{doc.id[:6]}"
        per_article[stem] = graph
    combined = Graph(meta={"extractor": chosen.name})
    for graph in graphs:
        combined.merge(graph, ontology)
    log = resolve_across(combined, ontology)
    if curation_path is not None and Path(curation_path).exists():
        log += apply_curation(combined, Path(curation_path), ontology)
    combined.meta.update({"extractor": chosen.name, "articles": len(combined.articles),
                          "log": log})
    return ExtractionResult(combined, per_article, corpus.problems, chosen.name, log, corpus.notes)


def _extract_one(args: tuple) -> Graph:
    extractor_name, doc, ontology = args
    return get_extractor(extractor_name).extract(doc, ontology)


def _run(extractor, docs: list[Document], ontology: Ontology, jobs: int, progress: bool) -> list[Graph]:
    results: list[Graph] = []
    total = len(docs)
    with Progress("extracting", unit="articles", enabled=progress) as bar:
        if jobs > 1 and total > 1:
            name = extractor.name.split(":")[0]
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for graph in pool.map(_extract_one, [(name, d, ontology) for d in docs],
                                      chunksize=max(1, total // (jobs * 8))):
                    results.append(graph)
                    bar(len(results), total)
        else:
            for doc in docs:
                results.append(extractor.extract(doc, ontology))
                bar(len(results), total)
    return results
