"""Throughput of the default (rule-based) extractor, and of spaCy's en_core_web_sm beside it.

    python benchmarks/bench_extract.py [CORPUS_DIR] [--repeat N] [--json]
    python benchmarks/bench_extract.py --command [CORPUS_DIR] [--copies 56] [--runs 5] [--against SRC]

Reads the articles under CORPUS_DIR (default ../shared/corpus), repeats them N times
(default: until at least 200,000 words) and times extraction on one core, one article at
a time, after a warm-up pass. Words are whitespace-separated tokens of the article text.

``--command`` times the whole command instead, process start included: the articles copied
``--copies`` times into a temporary folder, each copy headed "Copy NN" so that no two are one
article (56 copies of the development articles: 302,176 words counted file by file, the
corpus of docs/extraction.md, whose ``cat | wc -w`` gives 302,009 because it joins the last
word of a file without a final newline to the next), then ``python -m actorgraph extract --jobs 1 DIR -o OUT`` run ``--runs``
times from that folder (so no workspace curation file applies), user+sys CPU seconds of the
child process as the OS counts them. With ``--against SRC`` (another checkout's ``src``) the
runs alternate with that code's, A B A B ..., the outputs are compared byte for byte, and the
median of the paired CPU ratios is given.

The child processes run with their bytecode compiled once and kept, in a cache folder inside the
temporary folder (``PYTHONPYCACHEPREFIX``), as an installed wheel has it: pip compiles it at
install time; the rules' compiled patterns are kept there too (``ACTORGRAPH_CACHE_DIR``, as
``actorgraph extract`` keeps them in the user's cache folder). An editable install under
``PYTHONDONTWRITEBYTECODE=1`` (as in this project's CI machines) compiles every module of ``src``
again in every process instead, a few tenths of a CPU-second per process; ``--recompile`` times
it that way, with no pattern kept either. Each side's warm-up run writes its caches.

A folder holding one article and ``--copies 1`` times the start-up instead (the same
alternation and paired ratio).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
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
    from actorgraph.extract.entities import candidates
    from actorgraph.extract.lexicon import fold, knowledge, norm_key
    from actorgraph.model import slugify

    extractor = RuleExtractor()
    for doc in docs[:5]:
        extractor.extract(doc, ontology)  # warm-up: knowledge file, pycountry, regexes
    words = sum(len(d.text.split()) for d in docs)
    start = time.process_time()
    for doc in docs:
        if cold:
            fold.cache_clear()
            norm_key.cache_clear()
            getattr(knowledge(), "_found", {}).clear()  # Knowledge.lookup's memo (where the code has one)
            getattr(candidates, "_RUNS", {}).clear()  # the classified runs of the candidate finder (likewise)
            getattr(slugify, "cache_clear", lambda: None)()  # model.slugify's memo (where the code has one)
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


def copied_corpus(corpus: Path, copies: int, folder: Path) -> int:
    """The articles of ``corpus`` copied ``copies`` times into ``folder``; returns the words."""
    words = 0
    for n in range(1, copies + 1):
        for article in sorted(corpus.glob("*.txt")):
            text = f"Copy {n:02d}\n\n" + article.read_text(encoding="utf-8")
            (folder / f"r{n:02d}_{article.name}").write_text(text, encoding="utf-8")
            words += len(text.split())
    return words


def _command_cpu(folder: Path, out: Path, src: str | None, bytecode: Path | None) -> float:
    """User+sys CPU seconds of one ``actorgraph extract --jobs 1`` process; with ``bytecode``,
    the process reads and writes compiled modules there."""
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    if bytecode is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
        # compiled patterns kept likewise (pattern_cache.py), one folder per code: a cache file
        # written by another pattern_cache.py is not read, and each side would write over the other's
        env["ACTORGRAPH_CACHE_DIR"] = str(bytecode / "patterns" / ("this" if src is None else "against"))
    else:
        env["ACTORGRAPH_CACHE_DIR"] = ""  # nothing kept between processes
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "actorgraph", "extract", "--jobs", "1", str(folder / "articles"),
                    "-o", str(out)], cwd=folder, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_command(corpus: Path, copies: int, runs: int, against: str | None, recompile: bool = False) -> dict:
    """The whole command on the copied corpus, alternating with ``against``'s code when given."""
    with tempfile.TemporaryDirectory(prefix="bench-extract-command-") as tmp:
        folder = Path(tmp)
        (folder / "articles").mkdir()
        words = copied_corpus(corpus, copies, folder / "articles")
        sides = {"this": None} if against is None else {"this": None, "against": against}
        cpu: dict[str, list[float]] = {side: [] for side in sides}
        bytecode = None if recompile else folder / "bytecode"
        for side, src in sides.items():  # the file cache, and each side's compiled modules
            _command_cpu(folder, folder / "warm.json", src, bytecode)
        for _ in range(runs):
            for side, src in sides.items():
                cpu[side].append(_command_cpu(folder, folder / f"{side}.json", src, bytecode))
        same = None if against is None else (folder / "this.json").read_bytes() == (folder / "against.json").read_bytes()
    result = {"words": words, "articles": copies * len(list(corpus.glob("*.txt"))), "runs": runs,
              "bytecode": "compiled in every process" if recompile else "compiled once and kept, as installed",
              "load_average": os.getloadavg()}
    for side, seconds in cpu.items():
        result[side] = {"cpu_seconds": [round(x, 2) for x in seconds], "median": round(statistics.median(seconds), 2),
                        "words_per_cpu_second": round(words / statistics.median(seconds))}
    if against is not None:
        result["paired_ratio_median"] = round(statistics.median(a / b for a, b in zip(cpu["this"], cpu["against"])), 3)
        result["outputs_identical"] = same
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(PROJECT_ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--repeat", type=int, default=0, help="times to repeat the corpus")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--command", action="store_true", help="time the whole `actorgraph extract --jobs 1`")
    parser.add_argument("--copies", type=int, default=56, help="--command: copies of the corpus")
    parser.add_argument("--runs", type=int, default=5, help="--command: runs of each side")
    parser.add_argument("--against", metavar="SRC", help="--command: another checkout's src to alternate with")
    parser.add_argument("--recompile", action="store_true",
                        help="--command: compile the modules in every process instead of once")
    args = parser.parse_args(argv)
    if args.command:
        result = bench_command(Path(args.corpus), args.copies, args.runs, args.against, args.recompile)
        print(json.dumps(result, indent=2))
        return 0 if result.get("outputs_identical", True) else 1
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
