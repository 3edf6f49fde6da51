"""Throughput of the default (rule-based) extractor, and of spaCy's en_core_web_sm beside it.

    python benchmarks/bench_extract.py [CORPUS_DIR] [--repeat N] [--json]

Reads the articles under CORPUS_DIR (default ../shared/corpus), repeats them N times
(default: until at least 200,000 words) and times extraction on one core, one article at
a time, after a warm-up pass. Words are whitespace-separated tokens of the article text.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from actorgraph.extract.rules import RuleExtractor
from actorgraph.ingest import read_paths
from actorgraph.ontology import load_ontology
from actorgraph.settings import PROJECT_ROOT


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()} on {platform.system()}"


def bench_rules(docs, ontology, cold: bool) -> dict:
    """Rules on every article; ``cold`` empties the name-lookup caches before each article, so
    repeating the corpus does not flatter the figure."""
    from actorgraph.extract.lexicon import fold, norm_key

    extractor = RuleExtractor()
    for doc in docs[:5]:
        extractor.extract(doc, ontology)  # warm-up: knowledge file, pycountry, regexes
    words = sum(len(d.text.split()) for d in docs)
    start = time.process_time()
    for doc in docs:
        if cold:
            fold.cache_clear()
            norm_key.cache_clear()
        extractor.extract(doc, ontology)
    seconds = time.process_time() - start
    return {"extractor": "rules (cold caches)" if cold else "rules", "articles": len(docs), "words": words,
            "cpu_seconds": round(seconds, 3), "words_per_second": round(words / seconds)}


def bench_spacy(docs) -> dict:
    try:
        import spacy
    except ImportError:
        return {"extractor": "spacy en_core_web_sm", "skipped": "spaCy is not installed"}
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        return {"extractor": "spacy en_core_web_sm",
                "skipped": "model en_core_web_sm is not installed (it cannot be fetched here)"}
    texts = [d.text for d in docs]
    list(nlp.pipe(texts[:5]))
    words = sum(len(t.split()) for t in texts)
    start = time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    seconds = time.process_time() - start
    return {"extractor": "spacy en_core_web_sm", "articles": len(texts), "words": words,
            "cpu_seconds": round(seconds, 3), "words_per_second": round(words / seconds)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(PROJECT_ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--repeat", type=int, default=0, help="times to repeat the corpus")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    ontology = load_ontology(PROJECT_ROOT / "graph" / "ontology.yaml")
    docs = read_paths([Path(args.corpus)]).documents
    if not docs:
        print(f"no articles under {args.corpus}", file=sys.stderr)
        return 1
    words = sum(len(d.text.split()) for d in docs)
    repeat = args.repeat or max(1, -(-200_000 // words))
    docs = docs * repeat
    results = {"machine": machine(), "corpus": f"{len(docs) // repeat} articles x {repeat}",
               "runs": [bench_rules(docs, ontology, cold=False), bench_rules(docs, ontology, cold=True),
                        bench_spacy(docs)]}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"machine: {results['machine']}\ncorpus: {results['corpus']}")
        for run in results["runs"]:
            if "skipped" in run:
                print(f"{run['extractor']:24} skipped: {run['skipped']}")
            else:
                print(f"{run['extractor']:24} {run['words_per_second']:>9,} words/s  "
                      f"({run['words']:,} words, {run['articles']} articles, {run['cpu_seconds']} s CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
