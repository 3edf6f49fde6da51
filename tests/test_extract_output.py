"""What `actorgraph extract` writes: per-article files named safely, and nothing until all succeeded."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.output import safe_file_names


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def article(n: int) -> str:
    return f"President Javier Milei met President Donald Trump in Washington on day {n}."


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_per_article_files_stay_in_their_folder_whatever_the_id(tmp_path):
    outside = tmp_path / "abs"
    ids = ["../../x", "../snapshot", str(outside / "y"), "a\nb", "a/b", "a_b", "ok"]
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    records = work / "news.jsonl"
    records.write_text("".join(json.dumps({"id": i, "text": article(n)}) + "\n" for n, i in enumerate(ids)))
    per_article = work / "pa"
    result = run("extract", records, "-o", work / "g.json", "--per-article", per_article)
    assert result.exit_code == 0, result.output
    names = files_under(per_article)
    assert len(names) == len(ids), "one file per article, none shared"
    assert all("/" not in n and "\n" not in n and not n.startswith(".") and len(n.encode()) <= 120 for n in names)
    assert "ok.json" in names and "a_b.json" not in names  # a_b collides with a/b and a\nb: both hashed
    assert files_under(tmp_path) == sorted(["work/deep/g.json", "work/deep/news.jsonl",
                                            *(f"work/deep/pa/{n}" for n in names)])
    # deterministic: the same names again, whatever the order of the records
    records.write_text("".join(json.dumps({"id": i, "text": article(n)}) + "\n"
                               for n, i in reversed(list(enumerate(ids)))))
    again = work / "pa2"
    assert run("extract", records, "-o", work / "g2.json", "--per-article", again).exit_code == 0
    assert files_under(again) == names


def test_safe_file_names():
    names = safe_file_names(["../../x", "/abs/y", "a\nb", "a/b", "a_b", "A_B", "..", "", "é" * 200, "ok",
                             ".hidden", "x\u2028y", "x\x85y"], ".json")
    assert names["ok"] == "ok.json"
    assert len(set(n.casefold() for n in names.values())) == len(names)
    for name in names.values():
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert name == name.strip() and len(name.splitlines()) == 1 and name.isprintable()
        assert len(name.encode()) <= 120
    assert names == safe_file_names(reversed(list(names)), ".json")


def test_extract_writes_nothing_when_a_later_output_fails(tmp_path):
    """-o is written only once everything else has succeeded: here --per-article cannot be written."""
    (tmp_path / "a.txt").write_text(article(1))
    (tmp_path / "taken").write_text("a file where the per-article folder should be")
    out = tmp_path / "g.json"
    result = run("extract", tmp_path / "a.txt", "-o", out, "--per-article", tmp_path / "taken" / "pa")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("Error: ")
    assert "taken is a file, not a folder" in result.stderr
    assert not out.exists()


def test_a_name_shaped_like_a_hashed_one_cannot_take_its_file():
    taken = safe_file_names(["a/b"], ".json")["a/b"]  # a_b-<hash>.json
    names = safe_file_names(["a/b", taken[: -len(".json")]], ".json")
    assert len(set(names.values())) == 2
