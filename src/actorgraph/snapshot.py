"""graph/snapshot.json: the graph of the development corpus, regenerated from the articles.

The committed snapshot is always what the code produces from ../shared/corpus and
graph/curation.yaml; tests/test_snapshot.py regenerates it and fails on any difference.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .model import Graph, dumps_graph, write_text_atomic
from .ontology import Ontology
from .settings import PROJECT_ROOT

DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"
PROJECT_GRAPH_DIR = PROJECT_ROOT / "graph"


def check_target(graph_dir: Path, corpus_dir: Path | None) -> None:
    """Refuse to write the development graph into any graph folder but this checkout's own.

    ``actorgraph snapshot`` once overwrote a user's ``./graph/snapshot.json`` (their own
    graph) with the development corpus's. The development corpus goes only to the project's
    ``graph/``; a corpus named with ``--corpus`` may go to the graph folder in use, since
    both were chosen. Raises InputError naming both folders.
    """
    if corpus_dir is not None:
        return
    own = PROJECT_GRAPH_DIR
    if not (PROJECT_ROOT / "pyproject.toml").is_file() or not (own / "ontology.yaml").is_file():
        raise InputError("actorgraph snapshot regenerates the development graph of a source checkout, "
                         "and this installation is not one; give --corpus DIR for your own articles, "
                         "or run `actorgraph extract ARTICLES -o FILE`")
    if Path(graph_dir).resolve() != own.resolve():
        raise InputError(f"{graph_dir}: not the project's graph folder ({own}); actorgraph snapshot "
                         f"writes the development snapshot only there. For your own articles give "
                         f"--corpus DIR, or run `actorgraph extract ARTICLES -o FILE`")


def regenerate(corpus_dir: Path, ontology: Ontology, curation_path: Path, **extraction) -> Graph:
    """The corpus's graph (``extraction``: pipeline.extract_paths's extractor, llm and warn)."""
    from .pipeline import extract_paths

    if not Path(corpus_dir).is_dir():
        raise InputError(f"{corpus_dir}: corpus folder not found; pass --corpus DIR")
    return extract_paths([Path(corpus_dir)], ontology, curation_path=curation_path, **extraction).graph


def write_snapshot(graph: Graph, path: Path) -> bool:
    """Write the snapshot; True if its content changed."""
    text = dumps_graph(graph)
    path = Path(path)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    write_text_atomic(path, text)
    return True
