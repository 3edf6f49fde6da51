"""The timeline query on the embedded store: every piece of evidence, with where its date comes from."""

from __future__ import annotations

from actorgraph import queries
from actorgraph.model import Article, Edge, Evidence, Graph, Node


def dated_graph() -> Graph:
    graph = Graph()
    for node in [Node("javier-milei", "Javier Milei", "Person", ["Milei"]),
                 Node("donald-trump", "Donald Trump", "Person", ["Trump"]),
                 Node("argentina", "Argentina", "Country", []),
                 Node("imf", "IMF", "Organization", [])]:
        graph.add_node(node)
    graph.add_article(Article("a1", "Milei and Trump", "2025-10", "a1.txt", "1" * 64, []))

    def edge(source, rel_type, target, quote, article, date=None, date_source=None):
        graph.add_edge(Edge(source, target, rel_type,
                            [Evidence(article, quote, 0, len(quote), date, date_source, "rule:test")]))

    edge("javier-milei", "LEADS", "argentina", "Milei took office on December 10, 2023", "a1", "2023-12-10", "text")
    edge("donald-trump", "SUPPORTS", "javier-milei", "Trump backs Milei", "a1", "2025-10", "article")
    edge("imf", "SUPPORTS", "argentina", "the IMF backs Argentina", "a1")  # no date: its article's
    edge("donald-trump", "CRITICIZES", "imf", "Trump attacks the IMF", "elsewhere")  # no date anywhere
    edge("imf", "CRITICIZES", "javier-milei", "the IMF warned Milei", "a1", "2025-09")  # before date_source existed
    return graph


def test_timeline_marks_where_each_date_comes_from_and_keeps_undated_evidence(falkor_store):
    falkor_store.load(dated_graph(), replace=True)
    result = queries.run_named(falkor_store, queries.load_library()["timeline"], {"actor": ""})
    assert result.columns[:5] == ["date", "date_source", "source", "relation", "target"]
    assert [row[:5] for row in result.rows] == [
        ["2023-12-10", "text", "Javier Milei", "LEADS", "Argentina"],
        ["2025-09", "unknown", "IMF", "CRITICIZES", "Javier Milei"],
        ["2025-10", "article", "Donald Trump", "SUPPORTS", "Javier Milei"],
        ["2025-10", "article", "IMF", "SUPPORTS", "Argentina"],
        [None, "undated", "Donald Trump", "CRITICIZES", "IMF"],  # last, not dropped
    ]
