"""Extraction time against article size: a long article must cost in proportion to its length.

    python -m benchmarks.bench_article_size [--sizes 0.5,1,2] [--runs 3] [--calls] [--json]

Builds one article per size (in MB) by joining distinct generated articles
(``benchmarks/corpus.py``: invented names, so the number of actors grows with the text as it
does in a real long article), runs the rule extractor's analysis on each (``RuleExtractor.
analyse``: sentences, entities, relations) in this process, and prints the CPU seconds (median
of ``--runs``) and each size's ratio to the first. Linear time gives a ratio equal to the size
ratio; the target is a 2 MB article in less than 4x the time of a 0.5 MB one. ``--calls`` also
counts the Python function calls of one analysis (cProfile): a figure the machine's load does not
move, which grows in proportion to the text when every pass is linear.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import time

from actorgraph.extract.document import Document
from actorgraph.extract.rules import RuleExtractor

from benchmarks.corpus import generate


def long_article(size: int, seed: int = 11) -> str:
    """One article of ``size`` characters made of distinct generated articles, titles as headings."""
    corpus = generate(max(1, size // 1700), n_actors=max(200, size // 500), seed=seed)
    parts, total = [], 0
    for _, title, _, text in corpus.articles:
        parts.append(f"{title}\n\n{text}")
        total += len(parts[-1]) + 2
        if total >= size:
            break
    return "\n\n".join(parts)[:size]


def cpu_seconds(text: str, runs: int) -> float:
    """Median CPU seconds of the rule extractor's analysis of ``text``."""
    extractor = RuleExtractor()
    doc = Document("size", text, "size.txt", "size", published="2025-10-01")
    times = []
    for _ in range(runs):
        start = time.process_time()
        extractor.analyse(doc)
        times.append(time.process_time() - start)
    return statistics.median(times)


def function_calls(text: str) -> int:
    """Python function calls of one analysis of ``text``."""
    extractor = RuleExtractor()
    doc = Document("size", text, "size.txt", "size", published="2025-10-01")
    profile = cProfile.Profile()
    profile.runcall(extractor.analyse, doc)
    return pstats.Stats(profile).total_calls


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,1,2", help="article sizes in MB, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--calls", action="store_true", help="also count function calls (cProfile)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    cpu_seconds(long_article(20_000), 1)  # warm-up: knowledge file, pycountry, regexes
    rows = []
    for mb in (float(s) for s in args.sizes.split(",")):
        text = long_article(int(mb * 1_000_000))
        seconds = cpu_seconds(text, args.runs)
        row = {"mb": mb, "words": len(text.split()), "cpu_seconds": round(seconds, 2),
               "ratio": round(seconds / rows[0]["cpu_seconds"], 2) if rows else 1.0}
        if args.calls:
            row["calls"] = function_calls(text)
            row["calls_ratio"] = round(row["calls"] / rows[0]["calls"], 2) if rows else 1.0
        rows.append(row)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    calls = f" {'calls':>10} {'ratio':>6}" if args.calls else ""
    print(f"{'MB':>5} {'words':>8} {'CPU s':>7} {'ratio':>6}{calls}   (CPU: median of {args.runs} runs)")
    for row in rows:
        calls = f" {row['calls']:>10} {row['calls_ratio']:>6}" if args.calls else ""
        print(f"{row['mb']:>5} {row['words']:>8} {row['cpu_seconds']:>7} {row['ratio']:>6}{calls}")


if __name__ == "__main__":
    main()
