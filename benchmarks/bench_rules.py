"""CPU time of each relation rule against another checkout's, in one process, the two alternated.

    python benchmarks/bench_rules.py --against OTHER/src [--rounds 7] [--repeat 10] [RULE ...]

Reads the development articles (../shared/corpus), finds their entities and reads every body
sentence as the rules do (``read_sentence``, this checkout's code), then times each rule of
``relations.RULES`` (or the RULEs named) over all those sentences, REPEAT times, against the same
rule of OTHER's rule module (loaded from OTHER/src/actorgraph/extract/relations/, beside this
checkout's other modules), the two in turn ROUNDS times. Prints microseconds per sentence, the
median of each, and the median of the paired ratios; first checks that both give the same
relations on every sentence. A measurement, not a test: the rules' shared modules (triggers,
clauses, base) are this checkout's on both sides, and ``quoted_stance`` (an article rule) is
timed per article.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import statistics
import sys
import time
from pathlib import Path

from actorgraph.extract.entities import find_entities, mentions_by_sentence
from actorgraph.extract.relations import ARTICLE_RULES, RULES, mention_label, read_sentence
from actorgraph.extract.text import split_sentences

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _other(module: str, src: Path):
    """OTHER's version of a rule module, as a module of this checkout's relations package."""
    name = f"actorgraph.extract.relations.{module}_against"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, src / "actorgraph" / "extract" / "relations" / f"{module}.py")
        loaded = importlib.util.module_from_spec(spec)
        sys.modules[name] = loaded
        spec.loader.exec_module(loaded)
    return sys.modules[name]


def _views(texts: list[str]):
    views, articles = [], []
    for text in texts:
        ents = find_entities(text, split_sentences(text))
        by_sentence, inert, previous = mentions_by_sentence(ents.mentions), mentions_by_sentence(ents.inert), []
        articles.append((ents, by_sentence))
        for index, sentence in enumerate(ents.sentences):
            if sentence.kind != "body":
                continue
            view = read_sentence(ents, index, by_sentence.get(index, []), inert.get(index, []), previous)
            views.append(view)
            for rule in RULES:  # as in find_relations: the rules add entities the later ones read
                rule(view)
            people = [m.entity for m in view.mentions if mention_label(ents, m) == "Person" and not m.anaphor]
            previous = people or previous
    return views, articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rules", nargs="*", help="rule names (default: every rule but trigger_phrases)")
    parser.add_argument("--against", required=True, type=Path, help="the other checkout's src folder")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    views, articles = _views(texts)
    chosen = [r for r in RULES + ARTICLE_RULES if r.__name__ in args.rules or not args.rules and
              r.__name__ != "trigger_phrases"]
    for rule in chosen:
        module = rule.__module__.rsplit(".", 1)[-1]
        other = getattr(_other(module, args.against), rule.__name__)
        per_article = rule in ARTICLE_RULES
        items = articles if per_article else views

        def call(f, item, per_article=per_article):
            return f(*item) if per_article else f(item)

        for item in items:
            mine, theirs = call(rule, item), call(other, item)
            assert [(r.source, r.target, r.type, r.why) for r in mine] == \
                [(r.source, r.target, r.type, r.why) for r in theirs], rule.__name__
        times: dict[str, list[float]] = {"against": [], "this": []}
        for _ in range(args.rounds):
            for side, f in (("against", other), ("this", rule)):
                start = time.process_time()
                for _ in range(args.repeat):
                    for item in items:
                        call(f, item)
                times[side].append(time.process_time() - start)
        scale = 1e6 / args.repeat / len(views)  # microseconds per sentence
        ratio = statistics.median(b / a for a, b in zip(times["against"], times["this"]))
        print(f"{rule.__name__:22s} against {statistics.median(times['against']) * scale:7.2f} us  "
              f"this {statistics.median(times['this']) * scale:7.2f} us  paired ratio {ratio:.3f}")


if __name__ == "__main__":
    main()
