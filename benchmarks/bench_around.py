"""CPU seconds of the steps of ``actorgraph extract`` around the articles, in one process.

    PYTHONPATH=SRC python benchmarks/bench_around.py [FOLDER] [COPIES]

Reads FOLDER's articles (default ../shared/corpus) copied COPIES times (default 56: the
302,176-word corpus of ``bench_extract.py --command``) into a temporary folder (``read_paths``), extracts each with the rules under the command's
collection settings (``pipeline._fewer_collections``), and times, with ``time.process_time()``,
reading, ``to_graph`` (``sentence_date`` inside it apart), merging the article graphs, resolving
across them and writing the graph JSON (``dumps_graph``). Run it alternately on two checkouts
to compare them; the whole command is ``bench_extract.py --command``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from actorgraph.extract import dates, rules
from actorgraph.ingest import read_paths
from actorgraph.model import Graph, dumps_graph
from actorgraph.ontology import load_ontology
from actorgraph.pipeline import _fewer_collections
from actorgraph.resolve import resolve_across
from actorgraph.settings import graph_file

try:
    from benchmarks.bench_extract import copied_corpus
except ImportError:  # run as a script: its folder is on the path
    from bench_extract import copied_corpus


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"  # beside this checkout, whichever SRC is timed


def main(folder: str = str(CORPUS), copies: str = "56") -> None:
    with tempfile.TemporaryDirectory(prefix="bench-around-") as tmp:
        copied_corpus(Path(folder), int(copies), Path(tmp))
        steps(Path(tmp))


def steps(folder: Path) -> None:
    spent: dict[str, float] = {}

    def timed(name, function):
        def run(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start
        return run

    rules.sentence_date = timed("sentence_date (in to_graph)", dates.sentence_date)
    to_graph = timed("to_graph", rules.to_graph)
    ontology = load_ontology(graph_file("ontology.yaml", None))
    start = time.process_time()
    corpus = read_paths([folder])
    reading = time.process_time() - start
    if not corpus.documents:
        raise SystemExit(f"{folder}: no articles")
    extractor = rules.RuleExtractor()
    extractor.extract(corpus.documents[0], ontology)  # warm-up: word lists, patterns
    spent.clear()
    spent["read_paths"] = reading
    graphs = []
    with _fewer_collections():
        for doc in corpus.documents:
            entities, relations = extractor.analyse(doc)
            graphs.append(to_graph(doc, entities, relations, ontology, extractor.name))
    start = time.process_time()
    combined = Graph(meta={"extractor": extractor.name})
    for graph in graphs:
        combined.merge(graph, ontology)
    spent["merge"] = time.process_time() - start
    start = time.process_time()
    resolve_across(combined, ontology)
    spent["resolve_across"] = time.process_time() - start
    start = time.process_time()
    dumps_graph(combined)
    spent["dumps_graph"] = time.process_time() - start
    for name, seconds in spent.items():
        print(f"{name:28s} {seconds:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
