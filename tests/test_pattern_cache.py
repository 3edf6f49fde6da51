"""extract/pattern_cache: compiled patterns kept between runs are the patterns compiling gives."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.extract import pattern_cache
from actorgraph.extract.pattern_cache import PatternCache, build, file_name, kept
from actorgraph.extract.patterns import _guarded_args, compile_guarded

ARTICLE = Path(__file__).parents[2] / "shared" / "corpus" / "000_acaebd6602ef804f.txt"
SOURCE = r"\b(?:minister|ministry)\s+of\s+(?P<office>[A-Z]\w+)"


def _extract(folder: Path, cache: str, out: Path) -> bytes:
    env = {**os.environ, "ACTORGRAPH_CACHE_DIR": cache}
    done = subprocess.run([sys.executable, "-m", "actorgraph", "extract", "--jobs", "1", str(folder), "-o", str(out)],
                          env=env, capture_output=True, text=True, cwd=folder.parent, timeout=120)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """One article extracted without a cache, with a cold one and with the warm one."""
    root = tmp_path_factory.mktemp("pattern-cache-runs")
    articles = root / "articles"
    articles.mkdir()
    (articles / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
    cache = root / "cache"
    plain = _extract(articles, "", root / "plain.json")  # set empty: nothing kept
    assert sorted(p.name for p in root.iterdir()) == ["articles", "plain.json"]
    cold = _extract(articles, str(cache), root / "cold.json")
    kept_file = cache / file_name()
    written = kept_file.read_bytes()
    warm = _extract(articles, str(cache), root / "warm.json")
    return {"root": root, "plain": plain, "cold": cold, "warm": warm, "file": kept_file, "written": written}


def test_the_output_is_the_same_with_and_without_kept_patterns(runs):
    assert runs["cold"] == runs["plain"]
    assert runs["warm"] == runs["plain"]


def test_a_warm_run_reads_the_file_and_leaves_it(runs):
    assert runs["file"].read_bytes() == runs["written"]


def test_every_kept_pattern_is_the_one_compiling_gives(runs):
    cache = PatternCache(runs["file"], pattern_cache._header())
    cache.load()
    kinds = {kind for kind, _, _ in cache.entries}
    assert len(cache.entries) > 400 and kinds == {"re", "guarded"}  # the rulebook's and the rule modules'
    for (kind, source, flags), args in cache.entries.items():
        if kind == "re":
            assert build(args) == re.compile(source, flags), source  # == compares the compiled code
        elif args is None:
            assert _guarded_args(source, flags) is None, source
        else:
            assert build(args) == compile_guarded(source, flags), source


def _write(folder: Path, monkeypatch) -> re.Pattern:
    monkeypatch.setattr(pattern_cache, "REWRITE_AFTER", 0.0)
    with kept(folder):
        pattern = re.compile(SOURCE, re.IGNORECASE)
        guarded = compile_guarded(SOURCE, re.IGNORECASE)
    assert (folder / file_name()).exists()
    return pattern, guarded


def test_patterns_are_built_from_the_file(tmp_path, monkeypatch):
    pattern, guarded = _write(tmp_path, monkeypatch)

    def not_compiled(*args):
        raise AssertionError("compiled, not read from the file")

    monkeypatch.setattr(pattern_cache, "plain_args", not_compiled)
    monkeypatch.setattr("actorgraph.extract.patterns._guarded_args", not_compiled)
    with kept(tmp_path):
        assert re.compile(SOURCE, re.IGNORECASE) == pattern
        assert compile_guarded(SOURCE, re.IGNORECASE) == guarded
    assert re.compile is pattern_cache._RE_COMPILE


@pytest.mark.parametrize("damage", ["cut", "flipped", "garbage", "other python"])
def test_a_damaged_or_foreign_file_is_compiled_over(tmp_path, monkeypatch, damage):
    pattern, _ = _write(tmp_path, monkeypatch)
    path = tmp_path / file_name()
    data = path.read_bytes()
    if damage == "cut":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + (b"A" if data[middle:middle + 1] != b"A" else b"B") + data[middle + 1:])
    elif damage == "garbage":
        path.write_bytes(b"\xff\x00 not a cache\n" * 10)
    else:
        header = pattern_cache._header()
        monkeypatch.setattr(pattern_cache, "_header", lambda: {**header, "python": "2.7"})
    compiled = []
    real = pattern_cache.plain_args
    monkeypatch.setattr(pattern_cache, "plain_args", lambda *a: compiled.append(a) or real(*a))
    with kept(tmp_path):
        assert re.compile(SOURCE, re.IGNORECASE) == pattern
    assert compiled == [(SOURCE, int(re.IGNORECASE))]
    cache = PatternCache(path, pattern_cache._header())
    cache.load()
    assert ("re", SOURCE, int(re.IGNORECASE)) in cache.entries  # written anew


def test_a_folder_that_cannot_be_written_costs_nothing_but_time(tmp_path, monkeypatch):
    monkeypatch.setattr(pattern_cache, "REWRITE_AFTER", 0.0)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with kept(blocker / "cache"):
        assert re.compile(SOURCE).search("the ministry of Economy")
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_compiling_inside_the_block_fails_as_outside(tmp_path):
    with pytest.raises(re.error):
        with kept(tmp_path):
            re.compile("(unclosed")
    assert re.compile is pattern_cache._RE_COMPILE
    with kept(tmp_path):
        taken = re.compile  # a module that took re.compile by name while the block ran
        assert taken(b"bytes", re.I).pattern == b"bytes"
    assert taken("x", 0) == re.compile("x") and pattern_cache.active() is None


# Tables kept beside the patterns (pattern_cache.kept_data): the rulebook's checked rules and
# the knowledge tables, read back, are the ones made from the files.

def _not_called(*args, **kwargs):
    raise AssertionError("made again, not read from the file")


def test_a_kept_rulebook_is_the_one_read_from_its_file(tmp_path, monkeypatch):
    from actorgraph.extract.rulebook import load_rulebook

    fresh = load_rulebook()  # outside a block: read and checked
    for warm in (False, True):  # cold (written), then warm (read, no YAML)
        if warm:
            monkeypatch.setattr("actorgraph.extract.rulebook.load_yaml", _not_called)
        with kept(tmp_path):
            made = load_rulebook()
        assert made.triggers == fresh.triggers and made.words == fresh.words and made.path == fresh.path
        assert [t.name for t in made.candidates("the loan from the fund")] == \
            [t.name for t in fresh.candidates("the loan from the fund")]
    assert (tmp_path / f"rulebook-{sys.implementation.cache_tag}.txt").exists()


def test_a_changed_rules_file_is_read_again(tmp_path):
    from actorgraph.errors import ConfigError
    from actorgraph.extract.rulebook import load_rulebook

    rules = tmp_path / "relations.yaml"
    source = (Path(__file__).parents[1] / "src" / "actorgraph" / "data" / "relations.yaml").read_text(encoding="utf-8")
    rules.write_text(source, encoding="utf-8")
    with kept(tmp_path / "cache"):
        first = load_rulebook(rules)
    rules.write_text(source.replace("name: ", "name: x", 1), encoding="utf-8")
    with kept(tmp_path / "cache"):
        second = load_rulebook(rules)
    assert second.triggers[0].name == "x" + first.triggers[0].name and second.triggers[1:] == first.triggers[1:]
    rules.write_text(source.replace("mode: ", "mode: sideways", 1), encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown mode 'sideways"), kept(tmp_path / "cache"):
        load_rulebook(rules)  # checked as when nothing is kept


def test_kept_knowledge_is_the_one_made_from_the_files(tmp_path, monkeypatch):
    from actorgraph.extract import lexicon

    fresh = lexicon._make_knowledge()
    for warm in (False, True):
        if warm:
            monkeypatch.setattr(lexicon, "_make_knowledge", _not_called)
        with kept(tmp_path):
            made = lexicon._knowledge_of(pattern_cache.kept_data(
                "knowledge", lexicon._knowledge_inputs(), lambda: lexicon._plain_knowledge(lexicon._make_knowledge())))
        assert made == fresh  # every table (the dataclass compares them all but the lookup memo)
        assert made.actors["Argentina"] == fresh.actors["Argentina"] and made.lookup("IMF") == fresh.lookup("IMF")
    assert (tmp_path / f"knowledge-{sys.implementation.cache_tag}.txt").exists()


@pytest.mark.parametrize("damage", ["cut", "flipped", "other inputs"])
def test_kept_data_is_made_again_when_its_file_is_damaged_or_stale(tmp_path, damage):
    with kept(tmp_path):
        assert pattern_cache.kept_data("table", b"v1", lambda: {"a": (1, 2)}) == {"a": (1, 2)}
    path = tmp_path / f"table-{sys.implementation.cache_tag}.txt"
    data = path.read_bytes()
    inputs = b"v1"
    if damage == "cut":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + (b"A" if data[middle:middle + 1] != b"A" else b"B") + data[middle + 1:])
    else:
        inputs = b"v2"
    with kept(tmp_path):
        assert pattern_cache.kept_data("table", inputs, lambda: {"b": 3}) == {"b": 3}
        assert pattern_cache.kept_data("table", inputs, lambda: {"c": 4}) == {"b": 3}  # written anew, read
    assert pattern_cache.kept_data("table", inputs, lambda: "outside") == "outside"


IMPORTED_BEFORE_THE_BLOCK = """
import sys
from actorgraph.cli import main
from actorgraph.cli import extract

def pipeline_seen(extractor):
    print("yaml" in sys.modules)
    raise SystemExit(0)

extract._pipeline = pipeline_seen
main(["extract", sys.argv[1], "-o", sys.argv[2]], standalone_mode=True)
"""


def test_pyyaml_is_imported_inside_the_block_that_keeps_its_patterns(tmp_path):
    # PyYAML compiles some 15 ms of patterns at import: imported inside the block, they are kept
    proc = subprocess.run([sys.executable, "-c", IMPORTED_BEFORE_THE_BLOCK, str(ARTICLE), str(tmp_path / "g.json")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
