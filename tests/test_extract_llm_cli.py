"""`--extractor llm` through the CLI: summaries, one-line errors, exit codes, the API key.

No model runs here: ``tests/llm_server.py`` is a real HTTP server in this process that
stands in for the model only, returning answers written by hand for these tests.
"""

from __future__ import annotations

import json
import logging
import shutil
import traceback

import pytest
from click.testing import CliRunner

from actorgraph.cli import main

from .conftest import GRAPH_DIR
from .llm_server import ChatServer, Status, answer
from .test_extract_llm import ARTICLE, ENTITIES, GOOD, write_articles

KEY = "sk-test-8c1f5e0a9d7b4e2f"


@pytest.fixture
def server():
    chat = ChatServer().start()
    yield chat
    chat.stop()


def invoke(tmp_path, url, *args, env=None):
    cli = ["--data-dir", str(tmp_path / "data"), *args[:1], "--extractor", "llm", "--llm-url", url,
           "--llm-model", "test-model", "--llm-retries", "1", *args[1:]]
    return CliRunner().invoke(main, cli, env={"ACTORGRAPH_LLM_API_KEY": None, **(env or {})})


def closed_url() -> str:
    server = ChatServer()
    server._httpd.server_close()  # bound, never served, now closed: nothing listens there
    return server.url


def test_extract_writes_the_graph_and_says_what_was_kept(tmp_path, server):
    server.on("Excerpt:", answer(ENTITIES, GOOD))
    folder = write_articles(tmp_path / "in", {"a.txt": ARTICLE})
    result = invoke(tmp_path, server.url, "extract", str(folder), "-o", str(tmp_path / "g.json"))
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == f"1 article -> 5 entities, 3 relations (llm:test-model); wrote {tmp_path / 'g.json'}"
    assert lines[1] == "llm test-model: kept 3 grounded relations"
    assert lines[2].startswith(f"  1 chunks: 1 sent to {server.url}, 0 from the cache "
                               f"({tmp_path / 'data' / 'llm-cache'}); tokens 100 prompt + 20 completion")
    graph = json.loads((tmp_path / "g.json").read_text())
    assert graph["meta"]["llm"]["relations_kept"] == 3


def test_a_missing_model_is_one_line(tmp_path):
    folder = write_articles(tmp_path / "in", {"a.txt": ARTICLE})
    result = CliRunner().invoke(main, ["extract", str(folder), "-o", str(tmp_path / "g.json"),
                                       "--extractor", "llm"], env={"ACTORGRAPH_LLM_MODEL": None})
    assert result.exit_code == 1
    assert result.stderr == ("Error: --extractor llm needs a model: pass --llm-model NAME or set "
                             "ACTORGRAPH_LLM_MODEL (for Ollama e.g. qwen2.5:7b)\n")


def test_a_bad_url_is_one_line(tmp_path):
    folder = write_articles(tmp_path / "in", {"a.txt": ARTICLE})
    result = invoke(tmp_path, "ftp://example.invalid/v1", "extract", str(folder), "-o", str(tmp_path / "g.json"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --llm-url 'ftp://example.invalid/v1' is not an http:// or https:// URL")
    assert len(result.stderr.splitlines()) == 1


def test_a_server_that_is_down_gives_a_line_per_article_and_exit_1(tmp_path):
    url = closed_url()
    folder = write_articles(tmp_path / "in", {"a.txt": ARTICLE, "b.txt": "Another article.\n"})
    result = invoke(tmp_path, url, "extract", str(folder), "-o", str(tmp_path / "g.json"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"a.txt: not extracted: connection refused (2 tries); is the server running? (Ollama: `ollama serve`) "
        f"(server {url}, model test-model)",
        f"b.txt: not extracted: connection refused (2 tries); is the server running? (Ollama: `ollama serve`) "
        f"(server {url}, model test-model)",
        "Error: no article could be extracted (2 failed; listed above)"]
    assert "Traceback" not in result.output and not (tmp_path / "g.json").exists()


def test_one_failed_article_is_reported_and_the_rest_written_unless_strict(tmp_path, server):
    server.on("Title of bad.txt", Status(503, "overloaded"))
    server.on("Excerpt:", answer(ENTITIES, GOOD))
    folder = write_articles(tmp_path / "in", {"bad.txt": "Text.\n", "good.txt": ARTICLE})
    failure = (f"bad.txt: not extracted: HTTP 503 after 2 tries (overloaded) "
               f"(server {server.url}, model test-model)")
    strict = invoke(tmp_path, server.url, "extract", str(folder), "-o", str(tmp_path / "s.json"), "--strict")
    assert strict.exit_code == 1 and not (tmp_path / "s.json").exists()
    assert strict.stderr.splitlines() == [
        failure, "Error: 1 of 2 articles could not be extracted (listed above); stopping because of --strict"]
    result = invoke(tmp_path, server.url, "extract", str(folder), "-o", str(tmp_path / "g.json"))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == failure
    assert [a["file"] for a in json.loads((tmp_path / "g.json").read_text())["articles"]] == ["good.txt"]


def test_evaluate_and_snapshot_run_from_the_cache_with_the_server_gone(tmp_path):
    server = ChatServer().on("Excerpt:", answer(ENTITIES, GOOD)).start()
    folder = write_articles(tmp_path / "corpus", {"a.txt": ARTICLE})
    try:
        assert invoke(tmp_path, server.url, "extract", str(folder), "-o", str(tmp_path / "g.json")).exit_code == 0
    finally:
        server.stop()
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.gold.json").write_text(json.dumps({"article": "a.txt", "entities": [
        {"name": "Javier Milei", "type": "Person", "aliases": []},
        {"name": "Scott Bessent", "type": "Person", "aliases": []}], "relations": [
        {"source": "Javier Milei", "type": "MET_WITH", "target": "Scott Bessent", "quote": "x"}]}))
    scores = invoke(tmp_path, server.url, "evaluate", str(gold), str(folder), "--json")
    assert scores.exit_code == 0, scores.output
    assert json.loads(scores.stdout)["relations"]["tp"] == 1
    graph_dir = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, graph_dir, ignore=shutil.ignore_patterns("snapshot.json"))
    snap = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "data"), "--graph-dir", str(graph_dir),
                                     "snapshot", "--corpus", str(folder), "--extractor", "llm",
                                     "--llm-url", server.url, "--llm-model", "test-model"])
    assert snap.exit_code == 0, snap.output
    assert json.loads((graph_dir / "snapshot.json").read_text())["meta"]["extractor"] == "llm:test-model"


def test_the_api_key_is_sent_and_never_shown_logged_or_cached(tmp_path, server, caplog):
    caplog.set_level(logging.DEBUG)
    server.on("Title of refused.txt", Status(401, f"Incorrect API key provided: {KEY}."))
    server.on("Excerpt:", answer(ENTITIES, GOOD))
    folder = write_articles(tmp_path / "in", {"refused.txt": "Text.\n", "a.txt": ARTICLE})
    out = tmp_path / "out"
    env = {"ACTORGRAPH_LLM_API_KEY": KEY}
    result = invoke(tmp_path, server.url, "extract", str(folder), "-o", str(out / "g.json"),
                    "--per-article", str(out / "articles"), env=env)
    assert result.exit_code == 0, result.output
    assert {headers.get("Authorization") for headers, _ in server.requests} == {f"Bearer {KEY}"}
    assert "refused.txt: not extracted: the server refused the request (HTTP 401: Incorrect API key " \
           "provided: [API key].); check ACTORGRAPH_LLM_API_KEY" in result.stderr
    failing = invoke(tmp_path, server.url, "--debug", "extract", str(folder / "refused.txt"), "-o",
                     str(out / "none.json"), env=env)
    assert failing.exit_code != 0 and failing.exception is not None
    shown = [result.output, failing.output, "".join(traceback.format_exception(failing.exception)),
             caplog.text, invoke(tmp_path, server.url, "extract", "--print-llm-schema", env=env).output,
             CliRunner().invoke(main, ["extract", "--help"], env=env).output]
    written = [p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file()]
    assert len(list((tmp_path / "data" / "llm-cache").rglob("*.json"))) == 1
    assert all(KEY not in text for text in shown + written)
    assert any(r.name.startswith("urllib3") for r in caplog.records)  # the client's log was captured


def test_print_llm_schema_shows_prompt_and_schema_without_articles(tmp_path):
    result = CliRunner().invoke(main, ["extract", "--print-llm-schema"])
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("# prompt version r")
    schema = json.loads(text.split("# response_format (temperature 0)\n", 1)[1])
    branches = schema["json_schema"]["schema"]["properties"]["relations"]["items"]["anyOf"]
    assert [b["properties"]["type"]["enum"][0] for b in branches][:3] == ["MET_WITH", "HOLDS_ROLE", "LEADS"]
    assert "- HOLDS_ROLE (Person -> Country | Organization; role:" in text
