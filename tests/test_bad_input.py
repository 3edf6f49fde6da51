"""Bad input through the CLI, on the real embedded store.

Every case must end with one line `Error: ...` saying what and where, a non-zero exit, no
traceback, and leave the store (its full contents) and every file in the work folder
(hashed before and after) unchanged. Usage errors (exit 2) are click's own two-part
message and are checked the same way for the rest. The table in docs/reliability.md
lists these cases; keep the two in step.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.store import server
from actorgraph.store.falkor import FalkorStore

from .conftest import GRAPH_DIR, SNAPSHOT

ARTICLE = ("President Javier Milei met Donald Trump at the White House in Washington on October 14, 2025. "
           "Treasury Secretary Scott Bessent said the United States supports Argentina.\n")
HOSTILE = ["O'Brien", 'say "no"', "back`tick", "back\\slash", "two\nlines", "}) DETACH DELETE n //",
           "'}) MATCH (m) DETACH DELETE m //", "\" OR 1=1 --", "$rows", "{x: 1}", "<script>alert(1)</script>"]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    """A pinned store holding the development graph, shared by the cases (which must not change it)."""
    if not SNAPSHOT.exists():
        pytest.skip("graph/snapshot.json has not been generated yet")
    path = tmp_path_factory.mktemp("bad-input-store")
    server.start_server(path, pin=True)
    result = CliRunner().invoke(main, ["--data-dir", str(path), "build", "--no-html"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    yield path
    server.stop_server(path)


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    """The working folder: commands run here, bad files are made here, and nothing here may change."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("<p>an earlier view</p>")
    (tmp_path / "previous.json").write_text('{"nodes": []}\n')
    return tmp_path


def store_contents(data_dir: Path, ontology) -> dict:
    store = FalkorStore.open(data_dir, ontology=ontology)
    try:
        return {"graphs": sorted(store.client.list_graphs()), "graph": store.export_graph().to_dict(),
                "counts": store.counts()}
    finally:
        store.close()


def file_hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Case:
    id: str
    make: Callable[[Path], list[str]]  # builds the bad input in the work folder, returns the CLI args
    message: str                        # regex the one error line must match
    exit_code: int = 1


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def graph_file(work: Path, data) -> str:
    text = data if isinstance(data, str) else json.dumps(data)
    return str(write(work / "bad-graph.json", text))


def graph_dir_with(work: Path, name: str, text: str | bytes) -> Path:
    target = work / "graph"
    shutil.copytree(GRAPH_DIR, target)
    write(target / name, text)
    return target


def ontology_edit(old: str, new: str) -> Callable[[Path], list[str]]:
    def make(work):
        text = (GRAPH_DIR / "ontology.yaml").read_text(encoding="utf-8")
        assert old in text
        return ["--graph-dir", str(graph_dir_with(work, "ontology.yaml", text.replace(old, new, 1))),
                "build", "--no-html"]
    return make


def articles(work: Path) -> Path:
    return write(work / "articles" / "a.txt", ARTICLE).parent


def curation(text: str) -> Callable[[Path], list[str]]:
    def make(work):
        return ["--graph-dir", str(graph_dir_with(work, "curation.yaml", text)), "build", str(articles(work))]
    return make


P = {"id": "p", "name": "P", "label": "Person"}
C = {"id": "c", "name": "C", "label": "Country"}


def edge(**kwargs) -> dict:
    return {"source": "p", "target": "c", "type": "HOLDS_ROLE", **kwargs}


def big_text_file(work: Path, name: str, size: int) -> Path:
    path = work / "big" / name
    path.parent.mkdir(exist_ok=True)
    chunk = ARTICLE.encode() * 1000
    with open(path, "wb") as handle:
        while handle.tell() < size:
            handle.write(chunk)
    return path


def big_jsonl(work: Path) -> Path:
    path = work / "big" / "feed.jsonl"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"title": "huge", "text": ARTICLE * 200_000}) + "\n")  # ~50 MB, one record
    return path


CASES = [
    # -- paths ---------------------------------------------------------------------------------
    Case("missing-article-path", lambda w: ["build", str(w / "nope")], r"nope: no such file or folder"),
    Case("missing-extract-path", lambda w: ["extract", str(w / "nope"), "-o", "out/g.json"],
         r"nope: no such file or folder"),
    Case("missing-graph-file", lambda w: ["load", str(w / "nope.json")], r"nope\.json: file not found"),
    Case("graph-file-is-a-folder", lambda w: ["load", str(w / "out")], r"'GRAPH_FILE': File .*out' is a directory",
         exit_code=2),
    Case("missing-query-file", lambda w: ["query", "--file", str(w / "nope.cypher")],
         r"nope\.cypher' does not exist\. \(see '[^']*query --help'\)$", exit_code=2),
    # -- flags click refuses: one line too, naming the command's help ----------------------------
    Case("unknown-export-format", lambda w: ["export", "--format", "pdf"],
         r"'pdf' is not one of 'html', .*\(see '[^']*export --help'\)$", exit_code=2),
    Case("unknown-command", lambda w: ["exprot"], r"No such command 'exprot'.*\(see '[^']*--help'\)$",
         exit_code=2),
    Case("unknown-global-option", lambda w: ["--colour", "query", "brokers"],
         r"No such option '--colour'.*\(see '[^']*--help'\)$", exit_code=2),
    Case("unknown-command-option", lambda w: ["build", "--outt", "x"],
         r"No such option '--outt'\..*'--out'.*\(see '[^']*build --help'\)$", exit_code=2),
    Case("missing-graph-for-export", lambda w: ["export", "--graph", str(w / "nope.json"), "-f", "json"],
         r"nope\.json: file not found"),
    Case("missing-diff-file", lambda w: ["diff", str(w / "nope.json"), str(w / "previous.json")],
         r"nope\.json: file not found"),
    Case("data-dir-is-a-file", lambda w: ["--data-dir", str(w / "previous.json"), "query", "brokers"],
         r"is not writable|is a file|Not a directory|DIRECTORY", exit_code=2),
    # -- article files -------------------------------------------------------------------------
    Case("folder-of-binary-files", lambda w: ["build", str(write(w / "bin" / "a.txt", os.urandom(4096)).parent)],
         r"nothing could be read from .*bin .*a\.txt: skipped: binary file"),
    Case("folder-of-two-unreadable-files",
         lambda w: ["build", str([write(w / "two" / name, b"") for name in ("a.txt", "b.txt")][0].parent)],
         r"nothing could be read from .*two.* \(2 article file\(s\) found\): .*a\.txt: skipped: empty file"
         r" \(and 1 more\)$"),
    Case("empty-file", lambda w: ["build", str(write(w / "empty.txt", b""))], r"empty\.txt: skipped: empty file"),
    Case("whitespace-only-file", lambda w: ["build", str(write(w / "blank.md", "  \n\t\n"))],
         r"blank\.md: skipped: empty file"),
    Case("latin-1-file", lambda w: ["build", str(write(w / "latin.txt", "Milei se reunió.".encode("latin-1")))],
         r"latin\.txt: skipped: not UTF-8 text \(bad byte at offset 14\); convert it with iconv"),
    Case("mixed-encoding-file",
         lambda w: ["build", str(write(w / "mixed.txt", ARTICLE.encode() + "Año".encode("cp1252")))],
         r"mixed\.txt: skipped: not UTF-8 text \(bad byte at offset \d+\)"),
    Case("utf-16-file", lambda w: ["build", str(write(w / "wide.txt", ARTICLE.encode("utf-16")))],
         r"wide\.txt: skipped: (binary file|not UTF-8)"),
    Case("50-MB-article", lambda w: ["build", str(big_text_file(w, "huge.txt", 50 * 2**20))],
         r"huge\.txt: skipped: 50 MB is larger than the 20 MB limit"),
    Case("50-MB-jsonl-record", lambda w: ["build", str(big_jsonl(w))],
         r"feed\.jsonl:1: skipped: text of [\d,]+ characters is longer than the 2,000,000 allowed"),
    Case("jsonl-of-garbage", lambda w: ["build", str(write(w / "feed.jsonl", "{not json\n[1, 2]\n"))],
         r"feed\.jsonl:1: skipped: invalid JSON"),
    Case("html-without-text", lambda w: ["build", str(write(w / "page.html", "<script>alert(1)</script><nav>x"))],
         r"page\.html: skipped: no article text"),
    Case("unsupported-suffixes-only", lambda w: ["build", str(write(w / "docs" / "a.pdf", b"%PDF-1.4").parent)],
         r"nothing could be read from .*docs \(0 article file\(s\) found\); .*a\.pdf left aside: article files "
         r"end in .*\.txt"),
    Case("pdf-named-directly", lambda w: ["build", str(write(w / "report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))],
         r"report\.pdf: skipped: a PDF file; .*convert it as text first"),
    Case("word-file-named-directly", lambda w: ["extract", str(write(w / "memo.txt", b"PK\x03\x04\x14\x00\x06\x00")),
                                                "-o", "g.json"],
         r"memo\.txt: skipped: a zip \(Word, OpenDocument or EPUB\) file"),
    Case("strict-with-one-bad-file",
         lambda w: ["build", "--strict", str(write(w / "mix" / "b.txt", b"\xff\xfe").parent),
                    str(articles(w))], r"b\.txt: skipped: not UTF-8 text .*; stopping because of --strict"),
    Case("unreadable-file", lambda w: ["build", str(unreadable(w))], r"secret\.txt: skipped: cannot read"),
    # -- maintained files ----------------------------------------------------------------------
    Case("ontology-yaml-syntax", ontology_edit("relations:", "relations: [\n"),
         r"ontology\.yaml:\d+: invalid YAML"),
    Case("ontology-unknown-key", ontology_edit("    symmetric: true", "    symetric: true"),
         r"ontology\.yaml:\d+: relation 'MET_WITH' has unknown key 'symetric'"),
    Case("ontology-not-a-mapping", lambda w: ["--graph-dir", str(graph_dir_with(w, "ontology.yaml", "- a\n- b\n")),
                                              "build", "--no-html"],
         r"ontology\.yaml:1: expected a mapping with 'labels' and 'relations'"),
    Case("ontology-empty", lambda w: ["--graph-dir", str(graph_dir_with(w, "ontology.yaml", "")), "build"],
         r"ontology\.yaml:0: missing or empty 'labels' mapping"),
    Case("ontology-binary", lambda w: ["--graph-dir", str(graph_dir_with(w, "ontology.yaml", b"\x89PNG\x00\xff")),
                                       "build"], r"ontology\.yaml: cannot read"),
    Case("ontology-missing", lambda w: ["--graph-dir", str(w / "no-graph-dir"), "build"],
         r"no-graph-dir/ontology\.yaml: file not found"),
    Case("ontology-duplicate-label", ontology_edit("labels:\n", "labels:\n  Person: {}\n"),
         r"ontology\.yaml:\d+: duplicate key 'Person'"),
    Case("curation-bad-section-type", curation("merges: 5\n"), r"curation\.yaml:1: section 'merges' must be a list"),
    Case("curation-entry-without-source", curation("aliases:\n  - {entity: Javier Milei, alias: El Peluca}\n"),
         r"curation\.yaml:2: aliases entry needs a 'source'"),
    Case("curation-unknown-fact-type",
         curation("facts:\n  - {source_entity: Javier Milei, type: LOVES, target: Argentina, quote: q, source: s}\n"),
         r"curation\.yaml:2: unknown relation type 'LOVES'"),
    Case("curation-tab-indent", curation("merges:\n\t- {from: [a], into: b, source: s}\n"),
         r"curation\.yaml:2: invalid YAML"),
    # -- graph JSON ----------------------------------------------------------------------------
    Case("graph-invalid-json", lambda w: ["load", graph_file(w, '{"nodes": [\n  {"id": "p",}\n]}')],
         r"bad-graph\.json:2: invalid JSON"),
    Case("graph-not-utf-8", lambda w: ["load", str(write(w / "bad-graph.json", b'{"nodes": "\xff"}'))],
         r"bad-graph\.json: cannot read \(UnicodeDecodeError"),
    Case("graph-a-list", lambda w: ["load", graph_file(w, [P])], r"expected a JSON object with 'nodes' and 'edges'"),
    Case("graph-dangling-edge", lambda w: ["load", graph_file(w, {"nodes": [P], "edges": [edge()]})],
         r"edges\[0\]: target 'c' is not a node id \(dangling edge\)"),
    Case("graph-duplicate-ids", lambda w: ["load", graph_file(w, {"nodes": [P, C, P]})],
         r"nodes\[2\]: duplicate node id 'p'"),
    Case("graph-unknown-label", lambda w: ["load", graph_file(w, {"nodes": [{**P, "label": "Alien"}]})],
         r"nodes\[0\]: unknown label 'Alien'"),
    Case("graph-unknown-type", lambda w: ["load", graph_file(w, {"nodes": [P, C], "edges": [edge(type="LIKES")]})],
         r"edges\[0\]: unknown relation type 'LIKES'"),
    Case("graph-type-between-wrong-labels",
         lambda w: ["load", graph_file(w, {"nodes": [P, C], "edges": [edge(type="MEMBER_OF", source="c", target="p")]})],
         r"edges\[0\]: MEMBER_OF cannot run from Country to Person"),
    Case("graph-label-not-a-string", lambda w: ["load", graph_file(w, {"nodes": [{**P, "label": ["Person"]}]})],
         r"nodes\[0\]: 'label' must be a string"),
    Case("graph-meta-not-an-object", lambda w: ["load", graph_file(w, {"meta": [1], "nodes": [P]})],
         r"'meta' must be an object"),
    Case("graph-nodes-not-a-list", lambda w: ["load", graph_file(w, {"nodes": {"p": P}})], r"'nodes' must be a list"),
    Case("graph-articles-not-a-list", lambda w: ["load", graph_file(w, {"nodes": [P], "articles": "a1"})],
         r"'articles' must be a list"),
    Case("graph-mentions-not-a-list",
         lambda w: ["load", graph_file(w, {"nodes": [P], "articles": [{"id": "a", "mentions": "p"}]})],
         r"articles\[0\]: 'mentions' must be a list"),
    Case("graph-published-not-text",
         lambda w: ["load", graph_file(w, {"nodes": [P], "articles": [{"id": "a", "published": {"y": 2025}}]})],
         r"articles\[0\]: 'published' must be a date string"),
    Case("graph-nested-property", lambda w: ["load", graph_file(w, {"nodes": [{**P, "office": {"title": "x"}}]})],
         r"nodes\[0\]: property 'office': values must be text, numbers, true/false or a flat list"),
    Case("graph-backtick-property-name", lambda w: ["load", graph_file(w, {"nodes": [{**P, "a`b": 1}]})],
         r"nodes\[0\]: property 'a`b': a property name must be non-empty, without backticks"),
    Case("graph-nan", lambda w: ["load", graph_file(w, '{"nodes": [{"id": "p", "name": "P", "label": "Person", '
                                                          '"degree": NaN}]}')],
         r"nodes\[0\]: property 'degree': nan is not a finite number"),
    Case("graph-integer-beyond-64-bits", lambda w: ["load", graph_file(w, {"nodes": [{**P, "degree": 10**30}]})],
         r"property 'degree': integer 10{30} does not fit in 64 bits"),
    Case("graph-nul-in-name", lambda w: ["load", graph_file(w, {"nodes": [{**P, "name": "P\u0000Q"}]})],
         r"nodes\[0\]: name: text contains a NUL character"),
    Case("graph-lone-surrogate", lambda w: ["load", graph_file(w, '{"nodes": [{"id": "p", "name": "\\ud800", '
                                                                  '"label": "Person"}]}')],
         r"nodes\[0\]: name: text contains a lone surrogate"),
    Case("graph-evidence-not-a-list", lambda w: ["load", graph_file(w, {"nodes": [P, C], "edges": [edge(evidence="q")]})],
         r"edges\[0\]: 'evidence' must be a list"),
    Case("graph-evidence-offset-text",
         lambda w: ["load", graph_file(w, {"nodes": [P, C], "edges": [edge(evidence=[{"quote": "q", "start": "3"}])]})],
         r"edges\[0\]: evidence\[0\]: 'start' must be an integer offset"),
    Case("graph-evidence-offset-bool",
         lambda w: ["load", graph_file(w, {"nodes": [P, C], "edges": [edge(evidence=[{"quote": "q", "end": True}])]})],
         r"evidence\[0\]: 'end' must be an integer offset"),
    Case("graph-evidence-date-number",
         lambda w: ["load", graph_file(w, {"nodes": [P, C], "edges": [edge(evidence=[{"quote": "q", "date": 2025}])]})],
         r"evidence\[0\]: 'date' must be a string"),
    Case("graph-edge-without-type", lambda w: ["load", graph_file(w, {"nodes": [P, C], "edges": [edge(type="")]})],
         r"edges\[0\]: missing 'type'"),
    Case("graph-bad-for-export", lambda w: ["export", "--graph", graph_file(w, {"nodes": [P, P]}), "-f", "json"],
         r"nodes\[1\]: duplicate node id 'p'"),
    Case("graph-bad-for-diff", lambda w: ["diff", graph_file(w, {"nodes": [{**P, "label": 5}]}),
                                          str(w / "previous.json")], r"nodes\[0\]: 'label' must be a string"),
    # -- queries and their parameters ----------------------------------------------------------
    Case("param-int-given-text", lambda w: ["query", "neighbourhood", "-p", "actor=Milei", "-p", "hops=two"],
         r"parameter 'hops' of query 'neighbourhood' must be an int, got 'two'"),
    Case("param-int-given-float", lambda w: ["query", "brokers", "-p", "limit=2.5"],
         r"parameter 'limit' of query 'brokers' must be an int, got '2.5'"),
    Case("param-missing", lambda w: ["query", "-e", "MATCH (n:Entity) RETURN n.name, $n"],
         r"parameter \$n is not given; pass -p n=VALUE"),
    Case("param-wrong-type-in-cypher", lambda w: ["query", "-e", "MATCH (n:Entity) RETURN n.name LIMIT $n",
                                                  "-p", "n=ten"], r"FalkorDB rejected the query: .*"),
    Case("param-nan", lambda w: ["query", "-e", "RETURN $v", "-p", "v=NaN"], r"parameter 'v': nan is not a finite number"),
    Case("param-infinite", lambda w: ["query", "-e", "RETURN $v", "-p", "v=1e999"], r"parameter 'v': inf is not a finite"),
    Case("param-beyond-64-bits", lambda w: ["query", "-e", "RETURN $v", "-p", "v=99999999999999999999"],
         r"parameter 'v': the integer 99999999999999999999 does not fit in 64 bits"),
    Case("param-nul", lambda w: ["query", "neighbourhood", "-p", "actor=Mil\x00ei"],
         r"parameter 'actor' of query 'neighbourhood': no actor named 'Mil\\x00ei' in the graph "
         r"\(did you mean 'Milei'\?\)"),
    Case("param-actor-unknown", lambda w: ["query", "neighbourhood", "-p", "actor=Mielei"],
         r"parameter 'actor' of query 'neighbourhood': no actor named 'Mielei' in the graph \(did you mean 'Milei'\?\)"),
    Case("param-int-out-of-range", lambda w: ["query", "neighbourhood", "-p", "actor=Milei", "-p", "hops=3"],
         r"parameter 'hops' of query 'neighbourhood' must be between 1 and 2, got '3'"),
    Case("param-relation-unknown", lambda w: ["query", "relations_of_type", "-p", "type=FOO"],
         r"parameter 'type' of query 'relations_of_type': unknown relation type 'FOO' \(known: MET_WITH, .*\)"),
    Case("param-backtick-map-key", lambda w: ["query", "-e", "RETURN $v", "-p", 'v={"a`b": 1}'],
         r"parameter 'v': map key 'a`b' must be non-empty text without backticks"),
    Case("param-name-not-identifier", lambda w: ["query", "-e", "RETURN 1", "-p", "a b=1"],
         r"parameter name 'a b' may use only letters, digits and '_'"),
    Case("param-not-key-value", lambda w: ["query", "brokers", "-p", "limit"], r"parameter 'limit' is not key=value"),
    Case("query-writes-without-flag", lambda w: ["query", "-e", "MATCH (n) DETACH DELETE n"],
         r"this query writes to the graph; queries are read-only unless you pass --write"),
    Case("query-creates-index-without-flag", lambda w: ["query", "-e", "CREATE INDEX FOR (n:X) ON (n.y)"],
         r"queries are read-only unless you pass --write"),
    Case("query-syntax-error", lambda w: ["query", "-e", "MATCH (n RETURN n"], r"FalkorDB rejected the query: Invalid input"),
    Case("query-file-binary", lambda w: ["query", "--file", str(write(w / "q.cypher", b"\xff\xfe\x00"))],
         r"q\.cypher: not a UTF-8 text file"),
    Case("query-unknown-name", lambda w: ["query", "nieghbourhood"], r"no query named 'nieghbourhood'; did you mean"),
    Case("graph-name-with-space", lambda w: ["--graph-name", "a b", "query", "brokers"],
         r"graph name 'a b' may use only letters, digits, '-' and '_'"),
    Case("graph-name-injection", lambda w: ["--graph-name", "x} DETACH DELETE n", "query", "brokers"],
         r"graph name .* may use only letters"),
    Case("graph-name-not-loaded", lambda w: ["--graph-name", "other", "query", "brokers"],
         r"holds no graph 'other' yet; run `actorgraph build`"),
    # -- selections (export/render) -------------------------------------------------------------
    *[Case(f"hostile-actor-{i}", lambda w, name=name: ["export", "--actor", name, "-f", "json", "-o", "out/x.json"],
           r"no actor (named|matches) ") for i, name in enumerate(HOSTILE)],
    Case("unknown-relation-type-filter", lambda w: ["export", "--type", "LOVES", "-f", "json"], r"LOVES"),
    Case("bad-date-filter", lambda w: ["render", "--since", "last week"], r"--since 'last week': write the date as"),
    Case("export-into-a-file-as-folder", lambda w: ["export", "-f", "json", "-o", str(w / "previous.json" / "x.json")],
         r"previous\.json"),
    Case("csv-export-to-stdout", lambda w: ["export", "-f", "csv", "-o", "-"], r"csv writes several files .*give a folder with -o, not -"),
    Case("build-html-into-a-file", lambda w: ["build", "--out", str(w / "previous.json" / "index.html")],
         r"index\.html: cannot write the HTML view \(.*previous\.json is a file, not a folder\)"),
    Case("query-output-into-a-file", lambda w: ["query", "brokers", "-o", str(w / "previous.json" / "q.txt")],
         r"previous\.json is a file, not a folder"),
]


def unreadable(work: Path) -> Path:
    path = write(work / "secret.txt", ARTICLE)
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything
        pytest.skip("running as root: a mode-000 file is still readable")
    return path


def assert_refused(result, case: Case) -> str:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{case.id}: crashed with {result.exception!r}\n{result.output}")
    assert result.exit_code == case.exit_code, f"{case.id}: exit {result.exit_code}\n{result.output}"
    assert "Traceback" not in result.output
    lines = [line for line in result.output.strip().splitlines() if line and not line.startswith("warning: ")]
    assert len(lines) == 1 and lines[0].startswith("Error: "), f"{case.id}: not one error line:\n{result.output}"
    assert re.search(case.message, lines[0]), f"{case.id}: {lines[0]!r} does not match {case.message!r}"
    return lines[0]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_one_line_and_changes_nothing(case, store_dir, work, ontology):
    args = case.make(work)
    before_store, before_files = store_contents(store_dir, ontology), file_hashes(work)
    result = CliRunner().invoke(main, ["--data-dir", str(store_dir), *args])
    assert_refused(result, case)
    assert file_hashes(work) == before_files, f"{case.id}: files in the work folder changed"
    assert store_contents(store_dir, ontology) == before_store, f"{case.id}: the store changed"


def test_html_with_scripts_and_broken_markup_is_read_as_text(store_dir, work):
    """Not an error: the page's text is read, its scripts and markup never reach the graph."""
    page = write(work / "page.html", "<html><head><title>T</title><script>var stolen = document.cookie;</script>"
                 "</head><body><article><p>" + ARTICLE.replace("Trump", "<b>Trump</i>") +
                 "<div><p>unclosed <i>markup<style>p{}</style></article><script>alert(1)")
    result = CliRunner().invoke(main, ["extract", str(page), "-o", "g.json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = (work / "g.json").read_text()
    assert "Javier Milei" in text and "Donald Trump" in text
    assert "document.cookie" not in text and "alert(1)" not in text and "<b" not in text


def test_the_subprocess_error_goes_to_stderr_as_one_line(work):
    """A real process: stderr holds exactly the error line, stdout nothing, exit status 1."""
    bad = graph_file(work, {"nodes": [P], "edges": [edge()]})
    proc = subprocess.run([sys.executable, "-m", "actorgraph", "--data-dir", str(work / "store"), "load", bad],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr == f"Error: {bad}: edges[0]: target 'c' is not a node id (dangling edge)\n"


def test_debug_shows_the_traceback_for_the_same_case(work):
    bad = graph_file(work, {"meta": [1], "nodes": [P]})
    proc = subprocess.run([sys.executable, "-m", "actorgraph", "--debug", "--data-dir", str(work / "store"),
                           "load", bad], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "Traceback (most recent call last)" in proc.stderr and "GraphDataError" in proc.stderr


def test_debug_may_follow_the_command(work):
    """``--debug`` is the group's flag, but written after the command it is taken as the same flag,
    not refused as an unknown option of the command."""
    bad = graph_file(work, {"meta": [1], "nodes": [P]})
    proc = subprocess.run([sys.executable, "-m", "actorgraph", "--data-dir", str(work / "store"), "load", bad,
                           "--debug"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "Traceback (most recent call last)" in proc.stderr and "GraphDataError" in proc.stderr


def test_debug_after_a_double_dash_is_an_argument(work):
    result = CliRunner().invoke(main, ["--data-dir", str(work / "store"), "query", "--", "--debug"])
    assert result.exit_code == 1 and "Traceback" not in result.output  # a query named "--debug": no store yet
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output


def test_malformed_manifest_names_file_and_line(work):
    folder = articles(work)
    write(folder / "manifest.json", '{"articles": [\n  {"file": "a.txt", "published": }\n]}')
    result = CliRunner().invoke(main, ["extract", "--strict", str(folder), "-o", "g.json"])
    assert result.exit_code == 1
    assert re.fullmatch(r"Error: .*manifest\.json:2: .*invalid JSON.*\n", result.output), result.output



def test_a_file_name_holding_escape_sequences_is_shown_escaped(work):
    folder = articles(work)
    write(folder / "\x1b]0;pwned\x07.txt", "")
    result = CliRunner().invoke(main, ["extract", str(folder), "-o", "g.json"])
    assert result.exit_code == 0, result.output
    assert "\\x1b]0;pwned\\x07.txt: skipped: empty file" in result.stderr
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_impossible_date_filter_is_refused(store_dir, work):
    result = CliRunner().invoke(main, ["--data-dir", str(store_dir), "export", "--since", "2025-13-45", "-f", "json"])
    assert result.exit_code == 1 and result.output.startswith("Error: --since '2025-13-45'")


def test_a_nul_byte_deep_in_one_article_does_not_sink_the_build(store_dir, work):
    folder = articles(work)
    write(folder / "late-nul.txt", "Filler sentence here. " * 500 + ARTICLE.replace("Trump", "Trump\x00"))
    result = CliRunner().invoke(main, ["--data-dir", str(store_dir), "build", "--no-html", str(folder)])
    assert result.exit_code == 0, result.output
    assert "late-nul.txt: skipped: binary file" in result.output


def test_jsonl_record_holding_a_unicode_line_separator_is_read(work):
    record = {"title": "t", "text": ARTICLE.replace(". ", ".\u2028 ", 1)}
    feed = write(work / "feed" / "a.jsonl", json.dumps(record, ensure_ascii=False) + "\n")  # valid JSON Lines
    result = CliRunner().invoke(main, ["extract", str(feed.parent), "-o", "g.json"])
    assert result.exit_code == 0, result.output
    assert "invalid JSON" not in result.output
