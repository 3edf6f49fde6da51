"""Property-based tests (hypothesis): the extractor on arbitrary text, and any valid graph through
the embedded store and every export format, unchanged.

Example counts are modest (the whole file runs in well under a minute); set
HYPOTHESIS_PROFILE=thorough for a longer search.
"""

from __future__ import annotations

import hashlib
import json
import os
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actorgraph import export as exporting
from actorgraph.export.common import from_networkx
from actorgraph.extract import get_extractor
from actorgraph.extract.document import Document
from actorgraph.model import Edge, Evidence, Graph, Node, dumps_graph
from actorgraph.model import Article
from actorgraph.store import server
from actorgraph.store.falkor import FalkorStore

from . import mixed_graphs, neo4j_admin

settings.register_profile("default", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("thorough", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")

# -- the extractor ------------------------------------------------------------------------------

WORDS = ["Javier Milei", "Donald Trump", "Scott Bessent", "Luis Caputo", "President", "Argentina",
         "the United States", "the IMF", "Treasury Secretary", "met", "met with", "criticized",
         "supports", "backed", "signed", "a $20 billion swap line", "with", "and", "in", "Washington",
         "on", "October 14, 2025", "said", "Mr.", "U.S.", "Sen.", "\"", "'", "(", ")", ",", ".", "!",
         "?", ";", "—", "\n", "\n\n", "  ", "Milei's", "Kristalina Georgieva", "Mercosur", "tariffs",
         "imposed", "on", "China", "agreement", "Agreement on Trade", "leader", "minister", "É", "ñ",
         "習近平", "\u200b", "\r\n", "\t", "..."]

newsy_text = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
any_text = st.text(max_size=400)
article_text = st.one_of(newsy_text, any_text, st.tuples(newsy_text, any_text, newsy_text).map("".join))


def document(text: str) -> Document:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(id=digest[:16], text=text, file="prop.txt", sha256=digest, title="t",
                    published="2025-10", stem="prop")


@settings(settings.get_profile(PROFILE), max_examples=settings.get_profile(PROFILE).max_examples * 4)
@given(text=article_text)
def test_extractor_never_crashes_and_evidence_points_into_the_article(ontology, text):
    doc = document(text)
    graph = get_extractor("rules").extract(doc, ontology)
    assert set(graph.articles) == {doc.id}
    for edge in graph.edges.values():
        assert edge.source in graph.nodes and edge.target in graph.nodes
        assert ontology.relations[edge.type].allows(graph.nodes[edge.source].label,
                                                    graph.nodes[edge.target].label)
        for item in edge.evidence:
            assert item.article == doc.id
            assert item.quote and item.quote in text
            assert item.start is not None and text[item.start:item.end] == item.quote
    for node in graph.nodes.values():
        assert node.label in ontology.labels
    # and whatever it found is a valid graph: it reads back through the checked JSON reader
    # (text with NUL is refused there on purpose: ingest keeps such files out, see test_bad_input.py)
    if "\x00" not in text:
        assert Graph.from_dict(json.loads(dumps_graph(graph)), ontology).to_dict() == graph.to_dict()


# -- graphs -------------------------------------------------------------------------------------

# What every backend and format can hold: printable text (XML forbids most control characters,
# FalkorDB strings end at NUL), but with quotes, backslashes, newlines, markup and other scripts.
SPECIALS = "'\"`\\\n{}()[]<>&;|:$/ -—"
safe_chars = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"),
                           blacklist_characters="\ufffe\uffff") | st.sampled_from(list(SPECIALS))
safe_text = st.text(safe_chars, min_size=1, max_size=30)
ids = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=8)
dates = st.sampled_from(["2025", "2025-01", "2025-10-14", "2024-12-31", "2026-02"])


@st.composite
def graphs(draw, ontology) -> Graph:
    graph = Graph()
    labels = sorted(ontology.labels)
    node_ids = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    for node_id in node_ids:
        props = {}
        if draw(st.booleans()):
            props["country"] = draw(safe_text)
        if draw(st.booleans()):
            props["parties"] = draw(st.lists(safe_text, min_size=1, max_size=3))
        graph.add_node(Node(node_id, draw(safe_text), draw(st.sampled_from(labels)),
                            draw(st.lists(safe_text, max_size=3, unique=True)), props))
    articles = draw(st.lists(st.text("0123456789abcdef", min_size=4, max_size=6), min_size=1, max_size=3,
                             unique=True))
    for _ in range(draw(st.integers(0, 12))):
        rel_type = draw(st.sampled_from(sorted(ontology.relations)))
        spec = ontology.relations[rel_type]
        source = draw(st.sampled_from(node_ids))
        target = draw(st.sampled_from(node_ids))
        if not spec.allows(graph.nodes[source].label, graph.nodes[target].label):
            continue
        evidence = []
        for _ in range(draw(st.integers(1, 3))):
            start = draw(st.none() | st.integers(0, 10_000))
            evidence.append(Evidence(draw(st.sampled_from(articles)), draw(safe_text), start,
                                     None if start is None else start + draw(st.integers(1, 500)),
                                     draw(st.none() | dates)))
        props = {}
        if "role" in spec.properties and draw(st.booleans()):
            props["role"] = draw(safe_text)
        if "detail" in spec.properties and draw(st.booleans()):
            props["detail"] = draw(safe_text)
        graph.add_edge(Edge(source, target, rel_type, evidence, props), symmetric=spec.symmetric)
    for article_id in articles:
        graph.add_article(Article(article_id, draw(safe_text), draw(st.none() | dates), f"{article_id}.txt",
                                  article_id * 4, draw(st.lists(st.sampled_from(node_ids), max_size=4))))
    return graph


def core(graph: Graph) -> dict:
    data = graph.to_dict()
    return {"nodes": data["nodes"], "edges": data["edges"]}


@pytest.fixture(scope="module")
def stores(tmp_path_factory, ontology):
    """Two graphs on one embedded server: one for `load`, one for running the Cypher script."""
    path = tmp_path_factory.mktemp("prop-store")
    loaded = FalkorStore.open(path, ontology=ontology)
    scripted = FalkorStore(loaded.data_dir, loaded.client, "scripted", ontology)
    yield loaded, scripted
    loaded.close()
    server.stop_server(path)


@settings(settings.get_profile(PROFILE))
@given(data=st.data())
def test_any_graph_round_trips_through_the_embedded_store(stores, ontology, data):
    loaded, _ = stores
    graph = data.draw(graphs(ontology))
    loaded.load(graph, replace=True)
    assert loaded.export_graph().to_dict() == graph.to_dict()
    loaded.load(graph)  # merging the same graph again changes nothing
    assert loaded.export_graph().to_dict() == graph.to_dict()


@settings(settings.get_profile(PROFILE))
@given(data=st.data())
def test_any_graph_round_trips_through_json(ontology, data):
    graph = data.draw(graphs(ontology))
    graph.meta = {"note": data.draw(safe_text)}
    text = exporting.render(graph, ontology, "json")[""]
    assert Graph.from_dict(json.loads(text), ontology).to_dict() == graph.to_dict()


@settings(settings.get_profile(PROFILE))
@given(data=st.data(), fmt=st.sampled_from(["graphml", "gexf"]))
def test_any_graph_round_trips_through_graphml_and_gexf(ontology, data, fmt, tmp_path_factory):
    graph = data.draw(graphs(ontology))
    back, undirected = mixed_graphs.read(fmt, exporting.render(graph, ontology, fmt)[""])
    assert core(from_networkx(back)) == core(graph)
    assert undirected == {key for key, edge in graph.edges.items() if ontology.relations[edge.type].symmetric}


@settings(settings.get_profile(PROFILE))
@given(data=st.data())
def test_any_graph_round_trips_through_the_csv_import_files(stores, ontology, data):
    """The import files, read as neo4j-admin reads them (tests/neo4j_admin.py) and replayed with
    after-import.cypher into an empty store, read back as the graph: every property the loader writes."""
    _, scripted = stores
    graph = data.draw(graphs(ontology))
    graph.meta = {}
    scripted.clear()
    neo4j_admin.import_into(scripted, exporting.render(graph, ontology, "csv"))
    assert scripted.export_graph().to_dict() == graph.to_dict()


@settings(settings.get_profile(PROFILE))
@given(data=st.data())
def test_any_graph_round_trips_through_the_cypher_script_on_an_empty_store(stores, ontology, data):
    _, scripted = stores
    graph = data.draw(graphs(ontology))
    scripted.clear()
    for statement in exporting.render(graph, ontology, "cypher")[""].split("\n"):
        if statement and not statement.startswith("//"):
            scripted.write(statement.rstrip(";"))
    assert scripted.export_graph().to_dict() == graph.to_dict()


@settings(settings.get_profile(PROFILE))
@given(data=st.data())
def test_graph_json_does_not_depend_on_insertion_order(ontology, data):
    """Evidence items that tie on (article, start, quote) still come out in one order."""
    graph = data.draw(graphs(ontology))
    for edge in list(graph.edges.values())[:2]:  # add ties: same quote and article, other end/date
        first = edge.evidence[0]
        edge.evidence.append(Evidence(first.article, first.quote, first.start, (first.end or 0) + 7, "2026-01"))
    shuffled = Graph.from_dict(graph.to_dict(), ontology)
    for edge in shuffled.edges.values():
        edge.evidence = data.draw(st.permutations(edge.evidence))
    assert shuffled.to_dict() == graph.to_dict()
    assert dumps_graph(shuffled) == dumps_graph(graph)


# -- ingest -------------------------------------------------------------------------------------

html_soup = st.lists(st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<article>", "</article>", "<b",
                                      "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#x0;", "&#99999999;", "&",
                                      "<meta property='og:title' content='", "'>", "<title>", "</title>",
                                      "<style>", "<div>", "<br/>", "\x00", "Javier Milei met Donald Trump.",
                                      "\ufeff", "\r\n"]) | st.text(max_size=5), max_size=40).map("".join)


@settings(settings.get_profile(PROFILE), max_examples=settings.get_profile(PROFILE).max_examples * 2)
@given(content=st.one_of(st.binary(max_size=300), html_soup.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_ingest_never_crashes_on_arbitrary_bytes(tmp_path_factory, content, suffix):
    from actorgraph.ingest import read_paths

    folder = tmp_path_factory.mktemp("ingest")
    (folder / f"a{suffix}").write_bytes(content)
    corpus = read_paths([folder])
    for doc in corpus.documents:
        assert doc.text.strip() and "\r" not in doc.text
        doc.text.encode("utf-8")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_export_does_not_depend_on_the_order_of_tied_evidence(ontology, fmt):
    def graph(order):
        g = Graph()
        g.add_node(Node("a", "A", "Person"))
        g.add_node(Node("b", "B", "Person"))
        items = [Evidence("x", "same quote", None, None, "2025-01"), Evidence("x", "same quote", None, None, "2025-02")]
        g.add_edge(Edge("a", "b", "MET_WITH", [items[i] for i in order]), symmetric=True)
        return g

    assert exporting.render(graph([0, 1]), ontology, fmt) == exporting.render(graph([1, 0]), ontology, fmt)
