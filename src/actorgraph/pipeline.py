"""ingest -> extract (per article) -> resolve across articles -> curation: the whole pipeline.

``extract_paths`` is what ``actorgraph extract``, ``actorgraph build ARTICLES`` and the
snapshot regeneration call. Its output is deterministic: the same input gives a
byte-identical ``model.dumps_graph``.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .curation import apply_curation
from .errors import InputError, ModelError
from .extract import get_extractor
from .extract.document import Document
from .ingest import SUFFIXES, read_paths
from .model import Graph, dumps_graph
from .ontology import Ontology
from .output import safe_file_names
from .progress import Progress
from .resolve import resolve_across

if TYPE_CHECKING:
    from .extract.llm import LLMConfig


@dataclass
class ExtractionResult:
    graph: Graph                      # all articles, resolved across articles, curation applied
    per_article: dict[str, Graph]     # article file stem -> graph of that article alone
    problems: list[str]               # one line per file that could not be read
    extractor: str                    # which extractor ran (also graph.meta["extractor"])
    log: list[str] = field(default_factory=list)   # resolution and curation changes
    notes: list[str] = field(default_factory=list)  # read, but worth a word (a page in another language)
    failed: list[str] = field(default_factory=list)  # one line per article the extractor failed on
    summary: list[str] = field(default_factory=list)  # the extractor's own report (llm: drops, tokens)


def extract_paths(paths: list[Path], ontology: Ontology, *, curation_path: Path | None = None,
                  jobs: int = 1, extractor: str = "rules", strict: bool = False,
                  progress: bool = False, llm: "LLMConfig | None" = None,
                  warn: Callable[[str], None] | None = None) -> ExtractionResult:
    """Extract one graph from the articles under ``paths``.

    ``llm`` configures the llm extractor. An article the extractor fails on (the model's
    server down, refusing, or answering garbage) is left out with one line in ``failed``,
    also passed to ``warn`` when given.

    Raises InputError when a path does not exist, when nothing could be read, or (with
    ``strict``) when any file could not be read; ModelError when no article could be
    extracted or (with ``strict``) any could not; ConfigError for a malformed curation file.
    """
    if not paths:
        raise InputError("no article paths given")
    corpus = read_paths([Path(p) for p in paths])
    more = f" (and {len(corpus.problems) - 1} more)" if len(corpus.problems) > 1 else ""
    if strict and corpus.problems:
        raise InputError(f"{corpus.problems[0]}{more}; stopping because of --strict")
    if not corpus.documents:
        detail = f": {corpus.problems[0]}{more}" if corpus.problems else ""
        if not corpus.files_seen:
            detail += _left_aside(corpus.files_left)
        raise InputError(f"nothing could be read from {', '.join(str(p) for p in paths)}"
                         f" ({corpus.files_seen} article file(s) found){detail}")
    chosen = get_extractor(extractor, llm)
    results, failed = _run(chosen, corpus.documents, ontology, jobs, progress)
    if failed:
        _check_failures(failed, len(results), strict, warn)
    extracted = [(doc, graph) for doc, graph in zip(corpus.documents, results) if graph is not None]
    graphs = [graph for _, graph in extracted]
    per_article: dict[str, Graph] = {}
    for doc, graph in extracted:
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
    summary: list[str] = []
    if hasattr(chosen, "report"):  # the llm extractor: drops and tokens, summed over articles
        meta, summary = chosen.report(graphs)
        combined.meta.update(meta)
    combined.meta.update({"extractor": chosen.name, "articles": len(combined.articles),
                          "log": log})
    return ExtractionResult(combined, per_article, corpus.problems, chosen.name, log, corpus.notes,
                            failed, summary)


def per_article_files(per_article: dict[str, Graph], folder: Path) -> dict[Path, str]:
    """``--per-article`` output: {file in ``folder``: graph JSON}, one file per article.

    Names come from article stems, which a JSON Lines ``id`` chooses, so they go through
    ``output.safe_file_names``: whatever the id, the file lands inside ``folder``.
    """
    names = safe_file_names(per_article, ".json")
    return {folder / names[stem]: dumps_graph(graph) for stem, graph in sorted(per_article.items())}


def _left_aside(files: list[str]) -> str:
    """What an article folder holds that is not read, and what would be."""
    kinds = " ".join(sorted(SUFFIXES))
    if not files:
        return f"; article files end in {kinds}"
    named = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
    return f"; {named} left aside: article files end in {kinds} (save or convert the others as text)"


def _check_failures(failed: list[str], total: int, strict: bool, warn) -> None:
    for line in failed:
        if warn is not None:
            warn(line)
    where = "listed above" if warn is not None else f"the first: {failed[0]}"
    if len(failed) == total:
        raise ModelError(f"no article could be extracted ({len(failed)} failed; {where})")
    if strict:
        raise ModelError(f"{len(failed)} of {total} articles could not be extracted ({where}); "
                         "stopping because of --strict")


def _extract_one(args: tuple) -> Graph:
    extractor_name, doc, ontology = args
    return get_extractor(extractor_name).extract(doc, ontology)


def _run(extractor, docs: list[Document], ontology: Ontology, jobs: int,
         progress: bool) -> tuple[list[Graph | None], list[str]]:
    results: list[Graph] = []
    total = len(docs)
    with Progress("extracting", unit="articles", enabled=progress) as bar:
        if hasattr(extractor, "extract_all"):  # the llm extractor: ``jobs`` requests at once
            return extractor.extract_all(docs, ontology, jobs=jobs, progress=bar)
        if jobs > 1 and total > 1:
            from concurrent.futures import ProcessPoolExecutor  # multiprocessing: ~20 ms to import

            name = extractor.name.split(":")[0]
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for graph in pool.map(_extract_one, [(name, d, ontology) for d in docs],
                                      chunksize=max(1, total // (jobs * 8))):
                    results.append(graph)
                    bar(len(results), total)
        else:
            with _fewer_collections():
                for doc in docs:
                    results.append(extractor.extract(doc, ontology))
                    bar(len(results), total)
    return results, []


@contextmanager
def _fewer_collections():
    """Collect garbage seldom while articles are read, as usual after.

    Extraction makes millions of short-lived objects (tokens, candidates, matches) and few
    cycles; at the default thresholds the collector ran about 750 times over 300,000 words and
    took some 4% of the CPU time, walking the loaded modules and word lists again each time.
    Those are frozen (left out of collections) and the youngest generation is collected every
    50,000 allocations instead of every 700: nothing is kept that would have been freed for good,
    only freed later, and the peak memory stays the same."""
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
