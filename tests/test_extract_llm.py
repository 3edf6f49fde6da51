"""The llm extractor against a real HTTP server that returns recorded answers.

No model runs here: ``tests/llm_server.py`` is a stand-in for the model only (http.server
on 127.0.0.1, in this process). The answers below are written by hand to exercise the
code; they say nothing about how well any model extracts. Client, retries, time-outs,
cache, grounding, resolution and curation are the real code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph.errors import InputError, ModelError
from actorgraph.extract.llm import LLMConfig, LLMExtractor
from actorgraph.extract.llm.extractor import chunk_spans
from actorgraph.extract.llm.grounding import find_quote, normalise
from actorgraph.extract.llm.schema import answer_schema, prompt_version, system_prompt
from actorgraph.ingest import read_paths
from actorgraph.model import Graph, dumps_graph
from actorgraph.ontology import load_ontology
from actorgraph.pipeline import extract_paths

from .conftest import GRAPH_DIR
from .llm_server import ChatServer, Gate, Reply, Stall, Status, answer

MET = "Argentine President Javier Milei met U.S. Treasury Secretary Scott Bessent in Washington on October 14, 2025."
MEMBER = "Argentina is a member of Mercosur."
ARTICLE = f"{MET}\nThe talks covered trade.\n{MEMBER}\n"

ENTITIES = [
    {"name": "Javier Milei", "type": "Person", "aliases": ["President Javier Milei"]},
    {"name": "Scott Bessent", "type": "Person", "aliases": ["Treasury Secretary Scott Bessent"]},
    {"name": "Washington", "type": "Country", "aliases": ["U.S."]},
    {"name": "Argentina", "type": "Country", "aliases": []},
    {"name": "Mercosur", "type": "Organization", "aliases": []},
]
GOOD = [
    {"source": "Javier Milei", "type": "MET_WITH", "target": "Scott Bessent", "quote": MET},
    {"source": "Scott Bessent", "type": "HOLDS_ROLE", "target": "Washington", "role": "Treasury Secretary",
     "quote": "U.S. Treasury Secretary Scott Bessent"},
    {"source": "Argentina", "type": "MEMBER_OF", "target": "Mercosur", "quote": MEMBER},
]


@pytest.fixture
def server():
    chat = ChatServer().start()
    yield chat
    chat.stop()


def write_articles(folder: Path, articles: dict[str, str], published: str = "2025-10") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    manifest = {"articles": [{"file": n, "title": f"Title of {n}", "published": published} for n in articles]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def config(tmp_path: Path, url: str, **changes) -> LLMConfig:
    values = dict(model="test-model", url=url, cache_dir=tmp_path / "cache", timeout=5.0,
                  retries=2, backoff=0.01)
    values.update(changes)
    return LLMConfig(**values)


def run(tmp_path, server_url, ontology, articles=None, **changes):
    folder = write_articles(tmp_path / "articles", articles or {"a.txt": ARTICLE})
    return extract_paths([folder], ontology, extractor="llm", llm=config(tmp_path, server_url, **changes))


def edges(graph: Graph) -> dict[tuple, object]:
    return {(e.source, e.type, e.target): e for e in graph.edges.values()}


def test_grounded_relations_keep_the_articles_span(tmp_path, server, ontology):
    server.on("Excerpt:", answer(ENTITIES, GOOD))
    result = run(tmp_path, server.url, ontology)
    graph = result.graph
    Graph.from_dict(graph.to_dict(), ontology)  # valid graph JSON
    found = edges(graph)
    assert set(found) == {("javier-milei", "MET_WITH", "scott-bessent"),
                          ("scott-bessent", "HOLDS_ROLE", "united-states"),  # Washington, a Country: the US
                          ("argentina", "MEMBER_OF", "mercosur")}
    met = found[("javier-milei", "MET_WITH", "scott-bessent")].evidence[0]
    assert (met.quote, met.start, met.end) == (MET, 0, len(MET))
    assert ARTICLE[met.start:met.end] == met.quote
    assert (met.date, met.date_source, met.why) == ("2025-10-14", "text", "llm:test-model")
    role = found[("scott-bessent", "HOLDS_ROLE", "united-states")]
    assert role.props == {"role": "Treasury Secretary"}
    assert role.evidence[0].date == "2025-10-14"  # its sentence gives the day
    member = found[("argentina", "MEMBER_OF", "mercosur")].evidence[0]
    assert ARTICLE[member.start:member.end] == MEMBER
    assert (member.date, member.date_source) == ("2025-10", "article")  # the text gives none
    assert "Washington" in graph.nodes["united-states"].aliases
    assert graph.meta["extractor"] == "llm:test-model"
    assert graph.meta["llm"]["relations_kept"] == 3
    assert graph.meta["llm"]["tokens"] == {"prompt": 100, "completion": 20}
    body = server.requests[0][1]
    assert body["temperature"] == 0 and body["model"] == "test-model"
    assert body["response_format"]["json_schema"]["schema"] == answer_schema(ontology)
    assert result.summary[0] == "llm test-model: kept 3 grounded relations"


def test_what_grounding_cannot_prove_is_dropped_and_counted(tmp_path, server, ontology):
    bad = [
        {"source": "Javier Milei", "type": "MET_WITH", "target": "Scott Bessent",
         "quote": "Milei met Bessent in Buenos Aires."},                               # not in the text
        {"source": "Javier Milei", "type": "ADMIRES", "target": "Scott Bessent", "quote": MET},  # no such type
        {"source": "Argentina", "type": "MEMBER_OF", "target": "Javier Milei", "quote": MET},   # Person target
        {"source": "Karina Milei", "type": "SUPPORTS", "target": "Javier Milei", "quote": MET},  # not listed
        {"source": "Javier Milei", "type": "MET_WITH", "target": "Javier Milei", "quote": MET},  # itself
        {"source": "Javier Milei", "type": "MET_WITH"},                                          # malformed
        {"source": "Javier Milei", "type": "MET_WITH", "target": "Scott Bessent", "quote": "Milei met"},  # short
    ]
    entities = ENTITIES + [{"name": "Cristina Kirchner", "type": "Person", "aliases": []},
                           {"name": "October", "type": "Month", "aliases": []}]
    server.on("Excerpt:", answer(entities, GOOD[:1] + bad))
    result = run(tmp_path, server.url, ontology)
    assert list(edges(result.graph)) == [("javier-milei", "MET_WITH", "scott-bessent")]
    assert result.graph.meta["llm"]["dropped_relations"] == {
        "forbidden_endpoints": 1, "malformed": 1, "missing_entity": 1, "no_verbatim_quote": 1,
        "same_entity": 1, "short_quote": 1, "unknown_type": 1}
    assert result.graph.meta["llm"]["dropped_entities"] == {"not_in_text": 1, "unknown_type": 1}
    assert "cristina-kirchner" not in result.graph.nodes
    assert result.summary[0] == (
        "llm test-model: kept 1 grounded relations; dropped 1 with ends the ontology does not allow, "
        "1 malformed, 1 with an end missing from the entities, 1 without a verbatim quote, "
        "1 from an entity to itself, 1 with a quote under 3 words, 1 of an unknown type; dropped entities: 1 not named in the text, "
        "1 of an unknown type")


def test_a_quote_differing_in_whitespace_and_marks_maps_back_to_the_exact_span(tmp_path, server, ontology):
    text = ("Argentina’s President Javier Milei called the “rescue package” a lifeline —\n"
            "and  said Scott Bessent had earned his trust.\n")
    quote = 'Argentina\'s President Javier Milei called the "rescue package" a lifeline - and said Scott Bessent'
    server.on("Excerpt:", answer(ENTITIES[:2], [
        {"source": "Javier Milei", "type": "SUPPORTS", "target": "Scott Bessent", "quote": quote}]))
    result = run(tmp_path, server.url, ontology, {"a.txt": text})
    evidence = edges(result.graph)[("javier-milei", "SUPPORTS", "scott-bessent")].evidence[0]
    assert evidence.quote == text[evidence.start:evidence.end]
    assert evidence.quote == ("Argentina’s President Javier Milei called the “rescue package” a lifeline —\n"
                              "and  said Scott Bessent")


def test_normalisation_keeps_offsets():
    text = "He said: “It’s done”…\n\tthe end—really."
    assert find_quote(text, 'said: "It\'s done"... the end-really') == (3, len(text) - 1)
    assert find_quote(text, "It is done") is None
    assert find_quote(text, "   ") is None
    folded, where = normalise("a \n b")
    assert (folded, where) == ("a b", [0, 1, 4])


def test_a_long_article_is_sent_in_chunks_at_paragraph_ends(tmp_path, server, ontology):
    lines = [f"Paragraph {i} says that Argentina is a member of Mercosur, as it was in {2000 + i}." for i in range(9)]
    text = "\n".join(lines) + "\n"
    last = lines[-1]
    server.on("Paragraph 8", answer(ENTITIES[3:], [
        {"source": "Argentina", "type": "MEMBER_OF", "target": "Mercosur", "quote": last}]))
    result = run(tmp_path, server.url, ontology, {"long.txt": text}, chunk_chars=250)
    users = [next(m["content"] for m in body["messages"] if m["role"] == "user") for _, body in server.requests]
    assert len(users) == len(chunk_spans(text, 250)) == 3  # three 76-character lines a chunk
    for i, user in enumerate(sorted(users, key=lambda u: u.split("Part ")[1]), start=1):
        assert user.startswith("Title: Title of long.txt\nPublished: 2025-10\n")
        assert f"Part {i} of 3 of the article." in user
        excerpt = user.split("Excerpt:\n", 1)[1]
        assert len(excerpt) <= 250 and excerpt in text and excerpt.split("\n")[0] in lines
    evidence = edges(result.graph)[("argentina", "MEMBER_OF", "mercosur")].evidence[0]
    assert (evidence.start, evidence.quote) == (text.index(last), last)
    assert evidence.date == "2008"


def test_a_paragraph_longer_than_a_chunk_is_cut_at_a_sentence_end():
    text = "One sentence here. " * 30 + "\nShort line.\n"
    spans = chunk_spans(text, 100)
    assert all(end - start <= 100 for start, end in spans)
    assert all(text[start:end].endswith(".") for start, end in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "").replace("\n", "") == \
        text.replace(" ", "").replace("\n", "")


def test_a_cached_rerun_needs_no_server_and_gives_the_same_graph(tmp_path, ontology):
    server = ChatServer().on("Excerpt:", answer(ENTITIES, GOOD)).start()
    try:
        first = run(tmp_path, server.url, ontology)
    finally:
        server.stop()
    assert len(server.requests) == 1
    again = run(tmp_path, server.url, ontology)  # the port is closed now
    assert dumps_graph(again.graph) == dumps_graph(first.graph)
    assert "0 sent" in again.summary[1] and "1 from the cache" in again.summary[1]
    assert "(0 spent in this run)" in again.summary[1]
    files = list((tmp_path / "cache").rglob("*.json"))
    assert len(files) == 1
    record = json.loads(files[0].read_text())
    assert record["model"] == "test-model" and record["prompt_version"] == prompt_version(ontology)
    assert json.loads(record["content"]) == {"entities": ENTITIES, "relations": GOOD}
    assert "talks covered trade" not in files[0].read_text()  # the article text is not stored


def test_jobs_sends_that_many_requests_at_once_and_progress_counts_articles(tmp_path, server, ontology):
    server.on("Excerpt:", Gate(3, answer(ENTITIES, GOOD)))  # answers once three wait together
    folder = write_articles(tmp_path / "in", {f"{i}.txt": f"{ARTICLE}Article {i}.\n" for i in range(4)})
    calls = []
    extractor = LLMExtractor(config(tmp_path, server.url))
    graphs, failed = extractor.extract_all(read_paths([folder]).documents, ontology, jobs=3,
                                           progress=lambda done, total: calls.append((done, total)))
    assert not failed and all(len(g.edges) == 3 for g in graphs)
    assert server.most_in_flight == 3
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_a_429_is_retried_then_succeeds(tmp_path, server, ontology):
    server.queue.append(Status(429, "slow down", {"Retry-After": "0"}))
    server.on("Excerpt:", answer(ENTITIES, GOOD))
    result = run(tmp_path, server.url, ontology)
    assert len(server.requests) == 2 and len(result.graph.edges) == 3 and not result.failed


def test_500_forever_fails_that_article_and_the_others_go_on(tmp_path, server, ontology):
    server.on("Title of bad.txt", Status(500, "model crashed"))
    server.on("Excerpt:", answer(ENTITIES, GOOD))
    lines = []
    result = extract_paths([write_articles(tmp_path / "in", {"bad.txt": "Broken text.\n", "good.txt": ARTICLE})],
                           ontology, extractor="llm", llm=config(tmp_path, server.url), warn=lines.append)
    assert lines == result.failed == [
        f"bad.txt: not extracted: HTTP 500 after 3 tries (model crashed) (server {server.url}, model test-model)"]
    assert [a.file for a in result.graph.articles.values()] == ["good.txt"]
    assert sum(1 for _, body in server.requests if "bad.txt" in json.dumps(body)) == 3
    with pytest.raises(ModelError, match=r"1 of 2 articles could not be extracted .*--strict"):
        extract_paths([tmp_path / "in"], ontology, extractor="llm", llm=config(tmp_path, server.url),
                      strict=True)


def test_non_json_content_fails_the_article_and_is_not_cached(tmp_path, server, ontology):
    server.on("Excerpt:", Reply("Sure! Here are the entities: Milei, Bessent."))
    with pytest.raises(ModelError, match=r"no article could be extracted \(1 failed; the first: a.txt: not "
                                         r"extracted: the answer is not JSON \(starts 'Sure! Here"):
        run(tmp_path, server.url, ontology)
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_reasoning_and_code_fences_around_the_json_are_tolerated(tmp_path, server, ontology):
    content = "<think>Let me see.</think>\n```json\n" + json.dumps({"entities": ENTITIES, "relations": GOOD}) + "\n```"
    server.on("Excerpt:", Reply(content))
    assert len(run(tmp_path, server.url, ontology).graph.edges) == 3


def test_a_truncated_answer_says_so(tmp_path, server, ontology):
    server.on("Excerpt:", Reply('{"entities": [{"name": "Jav', finish_reason="length"))
    with pytest.raises(ModelError, match="cut off at the server's token limit; lower --llm-chunk-chars"):
        run(tmp_path, server.url, ontology)


def test_a_time_out_is_retried_then_reported(tmp_path, server, ontology):
    server.on("Excerpt:", Stall(30, answer(ENTITIES, GOOD)))
    with pytest.raises(ModelError, match=r"no answer within 0.3 s \(2 tries\); raise --llm-timeout"):
        run(tmp_path, server.url, ontology, timeout=0.3, retries=1)
    assert len(server.requests) == 2


def test_a_server_that_is_down_is_named_for_every_article(tmp_path, ontology):
    server = ChatServer()
    url = server.url
    server._httpd.server_close()  # bound, never served, now closed: nothing listens there
    folder = write_articles(tmp_path / "in", {"a.txt": ARTICLE, "b.txt": "Another text.\n"})
    lines = []
    with pytest.raises(ModelError, match=r"no article could be extracted \(2 failed; listed above\)"):
        extract_paths([folder], ontology, extractor="llm", llm=config(tmp_path, url), warn=lines.append)
    assert [line.split(":")[0] for line in lines] == ["a.txt", "b.txt"]
    assert all("connection refused" in line and f"(server {url}, model test-model)" in line for line in lines)


def test_the_model_and_url_are_checked_before_anything_is_sent(tmp_path, ontology):
    with pytest.raises(InputError, match="--extractor llm needs a model: pass --llm-model NAME"):
        run(tmp_path, "http://127.0.0.1:9/v1", ontology, model=None)
    with pytest.raises(InputError, match="--llm-url 'localhost:11434' is not an http:// or https:// URL"):
        run(tmp_path, "localhost:11434", ontology)


def test_entities_resolve_across_articles_as_rule_output_does(tmp_path, server, ontology):
    server.on("Title of a.txt", answer(ENTITIES, GOOD))
    server.on("Title of b.txt", answer(
        [{"name": "Milei", "type": "Person", "aliases": []},
         {"name": "United States", "type": "Country", "aliases": ["U.S."]}],
        [{"source": "Milei", "type": "MET_WITH", "target": "United States", "quote": "Milei met U.S. officials."}]))
    result = run(tmp_path, server.url, ontology, {"a.txt": ARTICLE, "b.txt": "Milei met U.S. officials.\n"})
    graph = result.graph
    assert "milei" not in graph.nodes  # the bare surname joined the full name of the other article
    assert ("javier-milei", "MET_WITH", "united-states") in edges(graph)
    assert graph.meta["llm"]["relations_kept"] == 4 and graph.meta["articles"] == 2
    assert any("resolved 'Milei' as 'Javier Milei'" in line for line in graph.meta["log"])


def test_the_schema_and_prompt_follow_the_ontology(tmp_path):
    source = (GRAPH_DIR / "ontology.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "ontology.yaml"
    changed.write_text(source + "\n  ADVISES:\n    meaning: The source advises the target.\n"
                       "    source: [Person]\n    target: [Person, Organization]\n    properties: [role]\n",
                       encoding="utf-8")
    base, extended = load_ontology(GRAPH_DIR / "ontology.yaml"), load_ontology(changed)
    branches = {b["properties"]["type"]["enum"][0]: b
                for b in answer_schema(extended)["properties"]["relations"]["items"]["anyOf"]}
    assert set(branches) == set(extended.relations)
    assert "ADVISES (Person -> Person | Organization; role:" in system_prompt(extended)
    assert set(branches["ADVISES"]["required"]) == {"source", "type", "target", "quote", "role"}
    assert "role" not in branches["MET_WITH"]["properties"]
    assert set(branches["FUNDS"]["properties"]) == {"source", "type", "target", "quote", "detail"}
    assert branches["MET_WITH"]["description"].startswith("MET_WITH (either direction): The two actors met")
    labels = answer_schema(base)["properties"]["entities"]["items"]["properties"]["type"]["enum"]
    assert labels == list(base.labels)
    assert prompt_version(base) != prompt_version(extended)
