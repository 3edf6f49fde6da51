"""CPU cost of the relation rules' regular expressions: the trigger table and the cue word lists.

    python -m benchmarks.bench_patterns [CORPUS_DIR] [--against OTHER_RELATIONS_YAML] [--rounds 20]

Splits the articles of CORPUS_DIR (default ../shared/corpus) into sentences and, for each
sentence, runs what the trigger rule runs before any clause work: the one-pass anchor lookup and
the patterns of the triggers it admits (``Rulebook.candidates``, ``pattern.finditer``). With
``--against`` (another checkout's ``src/actorgraph/data/relations.yaml``) the two tables are
timed sentence by sentence in turn in this one process, so the machine's load weighs on both
alike. With ``--against-code`` (another checkout's ``src``) the same table is compiled by that
checkout's ``extract/patterns.compile_guarded`` and by this one's, and the trigger patterns the
lookup admits are searched with each in turn, sentence pass by sentence pass (the lookup itself,
the same for both, is left out). Then the cue word lists (``negative_cues``, ``positive_cues``) are timed as
``Rulebook.words_re`` compiles them (a trie) against the same words as one flat alternation.
A benchmark: it prints milliseconds of CPU per pass over the corpus, it asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from actorgraph.extract.rulebook import load_rulebook, rulebook
from actorgraph.extract.text import split_sentences
from actorgraph.settings import PROJECT_ROOT


def sentences(folder: Path) -> list[str]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.extend(text[s.start:s.end] for s in split_sentences(text))
    return out


def _run(book, sentence: str) -> None:
    for trigger in book.candidates(sentence.lower()):
        for _ in trigger.pattern.finditer(sentence):
            pass


def _flat(book, name: str) -> re.Pattern:
    alternatives = sorted((re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)).replace(r"\ ", r"\s+")
                          for w in book.words[name])
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def compare_code(texts: list[str], src: Path, rounds: int) -> None:
    """The trigger patterns compiled by ``src``'s compile_guarded and by this checkout's, searched in turn."""
    import importlib.util

    import yaml

    from actorgraph.extract import patterns

    spec = importlib.util.spec_from_file_location("other_patterns", src / "actorgraph" / "extract" / "patterns.py")
    other = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(other)
    book = rulebook()
    written = {t["name"]: t["pattern"] for t in yaml.safe_load(Path(book.path).read_text("utf-8"))["triggers"]}
    tables = {"this": {n: patterns.compile_guarded(p, re.IGNORECASE) for n, p in written.items()},
              "other": {n: other.compile_guarded(p, re.IGNORECASE) for n, p in written.items()}}
    work = [(s, [t.name for t in book.candidates(s.lower())]) for s in texts]
    spent = {"this": 0.0, "other": 0.0}
    for round_ in range(rounds):
        for name in ("this", "other") if round_ % 2 == 0 else ("other", "this"):
            table = tables[name]
            start = time.process_time()
            for sentence, names in work:
                for trigger in names:
                    for _ in table[trigger].finditer(sentence):
                        pass
            spent[name] += time.process_time() - start
    print(f"{len(texts)} sentences, {rounds} rounds; the admitted trigger patterns, CPU ms per pass: "
          f"this {spent['this'] / rounds * 1000:.2f}, {src} {spent['other'] / rounds * 1000:.2f}, "
          f"ratio {spent['this'] / spent['other']:.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(PROJECT_ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--against", help="another relations.yaml, timed in turn with this one")
    parser.add_argument("--against-code", metavar="SRC",
                        help="another checkout's src: its compile_guarded timed in turn with this one's")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)
    texts = sentences(Path(args.corpus))
    if args.against_code:
        compare_code(texts, Path(args.against_code), args.rounds)
        return
    books = [("this", rulebook())] + ([("against", load_rulebook(Path(args.against)))] if args.against else [])
    spent = {name: 0.0 for name, _ in books}
    for round_ in range(args.rounds):
        order = books if round_ % 2 == 0 else books[::-1]  # each table first in half the rounds
        for sentence in texts:
            for name, book in order:
                start = time.process_time()
                _run(book, sentence)
                spent[name] += time.process_time() - start
    print(f"{len(texts)} sentences, {args.rounds} rounds; trigger lookup and patterns, CPU ms per pass:")
    for name, _ in books:
        print(f"  {name}: {spent[name] / args.rounds * 1000:.2f}")
    book = rulebook()
    for name in ("negative_cues", "positive_cues"):
        timed = {}
        for kind, pattern in (("trie", book.words_re(name)), ("flat", _flat(book, name))):
            start = time.process_time()
            for _ in range(args.rounds):
                for sentence in texts:
                    pattern.search(sentence)
            timed[kind] = (time.process_time() - start) / args.rounds * 1000
        print(f"{name} ({len(book.words[name])} words), search on every sentence, CPU ms per pass: "
              f"trie {timed['trie']:.2f}, flat {timed['flat']:.2f}")


if __name__ == "__main__":
    main()
