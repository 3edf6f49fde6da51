"""Scoring (same rules as score.py) and the extract / evaluate commands."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.extract.scoring import norm, score

from .conftest import CORPUS, GOLD

GOLD_DOC = {"entities": [{"name": "Javier Milei", "type": "Person", "aliases": ["Milei"]},
                         {"name": "Donald Trump", "type": "Person", "aliases": []},
                         {"name": "United States", "type": "Country", "aliases": ["Washington"]}],
            "relations": [{"source": "Javier Milei", "type": "MET_WITH", "target": "Donald Trump"},
                          {"source": "Donald Trump", "type": "LEADS", "target": "United States"}]}


def test_scoring_matches_names_aliases_duplicates_and_lenient_roles():
    pred = {"nodes": [{"id": "m", "name": "Milei", "label": "Person"},
                      {"id": "t", "name": "The Trump", "label": "Person", "aliases": ["Donald Trump"]},
                      {"id": "w", "name": "Washington", "label": "Country"},
                      {"id": "u", "name": "U.S.", "label": "Country", "aliases": ["United States"]},
                      {"id": "x", "name": "Nobody", "label": "Person"}],
            "edges": [{"source": "t", "target": "m", "type": "MET_WITH"},
                      {"source": "t", "target": "w", "type": "HOLDS_ROLE"},
                      {"source": "m", "target": "x", "type": "CO_MENTION"}]}
    result, report = score({"a": GOLD_DOC}, {"a": pred})
    assert result["entities"]["tp"] == 3 and result["entities"]["predicted"] == 5
    assert result["relations"]["tp"] == 1 and result["relations_lenient"]["tp"] == 2
    assert result["pairs"]["tp"] == 2 and result["other_edge_types"] == 1
    errors = "\n".join(report[0][1])
    assert "duplicate of 'United States'" in errors and "extra entity: 'Nobody'" in errors
    assert norm("The  “U.S.”-Argentina") == "us argentina"


def test_extract_command_writes_graph_and_reports_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text("President Javier Milei of Argentina met President Donald Trump in "
                                    "Washington.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "-o", str(out), "--per-article",
                                       str(tmp_path / "pa")])
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'b.txt'}: skipped: binary file" in result.stderr
    graph = json.loads(out.read_text(encoding="utf-8"))
    assert {n["name"] for n in graph["nodes"]} == {"Javier Milei", "Donald Trump", "Argentina", "United States"}
    assert (tmp_path / "pa" / "a.json").exists()
    strict = CliRunner().invoke(main, ["extract", str(tmp_path), "-o", str(out), "--strict"])
    assert strict.exit_code == 1 and "stopping because of --strict" in strict.stderr


def test_extract_fails_when_nothing_can_be_read(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "-o", str(tmp_path / "o.json")])
    assert result.exit_code == 1
    assert "Error: nothing could be read" in result.stderr and "empty file" in result.stderr
    assert not (tmp_path / "o.json").exists()
    missing = CliRunner().invoke(main, ["extract", str(tmp_path / "nope"), "-o", str(tmp_path / "o.json")])
    assert missing.exit_code == 1 and "no such file or folder" in missing.stderr


@pytest.mark.skipif(not (CORPUS.is_dir() and GOLD.is_dir()), reason="needs ../shared")
def test_evaluate_command_on_the_development_set():
    result = CliRunner().invoke(main, ["evaluate", str(GOLD), str(CORPUS), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["entities"]["f1"] >= 0.9 and scores["articles"] == 5
    shown = CliRunner().invoke(main, ["evaluate", str(GOLD), str(CORPUS), "--show-errors"])
    assert "000_acaebd6602ef804f" in shown.stdout and "relations_lenient" in shown.stdout
    extras = [line for line in shown.stdout.splitlines() if "extra relation:" in line]
    # which rule to fix (every rule that made the edge)
    assert extras and all(re.search(r"\[rule:[a-z-]+(?:, rule:[a-z-]+)*\]$", line) for line in extras)
