"""Small graphs built in code for the selection, export and diff tests (helpers only, no tests here).

``tricky_graph`` holds names that break naive writers: quotes, backslashes, newlines,
``<``, ``&``, semicolons, and Cyrillic, Chinese and Arabic script.
"""

from __future__ import annotations

from actorgraph.model import Article, Edge, Evidence, Graph, Node
from actorgraph.ontology import Ontology

TRICKY_NAME = 'Pat "the Rock" O\'Brien \\ <b>&amp;\nsecond line'
TRICKY_ALIASES = ["Путин", "習近平", "محمد", "tab\there", "<script>"]
TRICKY_QUOTE = 'He said "no; never" \\ <i>&</i>\nnext line — 習近平'


def small_graph(ontology: Ontology) -> Graph:
    """A chain and a triangle with dated evidence: milei - trump - bessent - caputo, plus side links.

    Shape (direction ignored):  caputo - milei - trump - bessent - caputo   (a 4-cycle)
                                milei - argentina, trump - united-states,
                                united-states - argentina (FUNDS), mercosur alone via argentina.
    """
    g = Graph(meta={"name": "small"})
    for node in [
        Node("javier-milei", "Javier Milei", "Person", ["Milei", "President Milei"]),
        Node("donald-trump", "Donald Trump", "Person", ["Trump"]),
        Node("scott-bessent", "Scott Bessent", "Person", ["Bessent"]),
        Node("luis-caputo", "Luis Caputo", "Person", ["Caputo"]),
        Node("argentina", "Argentina", "Country", ["Casa Rosada"]),
        Node("united-states", "United States", "Country", ["Washington", "U.S."]),
        Node("mercosur", "Mercosur", "Organization", []),
        Node("swap-line", "US-Argentina swap line", "Agreement", ["swap line"]),
    ]:
        g.add_node(node)

    def edge(source, rel_type, target, *evidence, **props):
        symmetric = ontology.relations[rel_type].symmetric
        g.add_edge(Edge(source, target, rel_type, [Evidence(*e) for e in evidence], props), symmetric=symmetric)

    edge("javier-milei", "MET_WITH", "donald-trump", ("a1", "Milei met Trump", 0, 15, "2025-04"),
         ("a3", "they met again", 5, 19, "2025-10-14"))
    edge("donald-trump", "SUPPORTS", "javier-milei", ("a3", "Trump backed Milei", 20, 38, "2025-10-14"))
    edge("scott-bessent", "MET_WITH", "donald-trump", ("a2", "Bessent briefed Trump", 0, 21, "2025-09"))
    edge("scott-bessent", "MET_WITH", "luis-caputo", ("a2", "Bessent met Caputo", 30, 48, "2025-09"))
    edge("luis-caputo", "HOLDS_ROLE", "argentina", ("a2", "Economy Minister Luis Caputo", 50, 77, "2025-09"),
         role="Economy Minister")
    edge("javier-milei", "MET_WITH", "luis-caputo", ("a1", "Milei and Caputo", 40, 56, "2025-04"))
    edge("javier-milei", "LEADS", "argentina", ("a1", "President Milei", 60, 75, "2025-04"),
         ("a2", "Milei's government", 80, 98, "2025-09"), ("a3", "Milei said", 40, 50, "2025-10-14"), role="President")
    edge("donald-trump", "LEADS", "united-states", ("a3", "President Trump", 60, 75, "2025-10-14"), role="President")
    edge("united-states", "FUNDS", "argentina", ("a2", "a $20bn swap line", 100, 117, "2025-09"), detail="swap line")
    edge("argentina", "MEMBER_OF", "mercosur", ("a1", "Mercosur member Argentina", 90, 115, None))
    edge("argentina", "PARTY_TO", "swap-line", ("a2", "the swap line", 120, 133, "2025-09"))
    g.add_article(Article("a1", "Milei seeks a deal", "2025-04", "a1.txt", "1" * 64,
                          ["javier-milei", "donald-trump", "luis-caputo", "argentina", "mercosur"]))
    g.add_article(Article("a2", "Bessent and the swap", "2025-09", "a2.txt", "2" * 64,
                          ["scott-bessent", "luis-caputo", "united-states", "argentina", "swap-line"]))
    g.add_article(Article("a3", "Trump backs Milei", "2025-10", "a3.txt", "3" * 64,
                          ["donald-trump", "javier-milei", "united-states"]))
    return g


def tricky_graph(ontology: Ontology) -> Graph:
    """small_graph plus an actor whose name, aliases and evidence hold every awkward character."""
    g = small_graph(ontology)
    g.add_node(Node("pat-o-brien", TRICKY_NAME, "Person", list(TRICKY_ALIASES), {"note": "a; b, \"c\""}))
    g.add_edge(Edge("pat-o-brien", "javier-milei", "CRITICIZES",
                    [Evidence("a3", TRICKY_QUOTE, 0, 10, "2025-10-14")]))
    g.add_edge(Edge("pat-o-brien", "argentina", "HOLDS_ROLE",
                    [Evidence("a3", "envoy O'Brien", 11, 20, "2025-10-14")], {"role": 'envoy "special"'}))
    g.articles["a3"].mentions.append("pat-o-brien")
    g.nodes["swap-line"].props["parties"] = ["Argentina", "United States"]  # a list-valued property
    return g
