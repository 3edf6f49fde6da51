"""HTML views: what render_html writes, checked without a browser (see test_render_browser.py)."""

from __future__ import annotations

import json
import math
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from actorgraph.errors import GraphDataError, InputError
from actorgraph.model import Article, Edge, Evidence, Graph, Node
from actorgraph.render import PHYSICS_LIMIT, layout_positions, render_html, script_json, short_label
from actorgraph.select import article_span, on_timeline

# http(s) strings that vis-network (as shipped in pyvis) carries and never fetches: its licence
# header, the SVG namespace identifier, and an error message of its bundled uuid code.
KNOWN_NON_RESOURCE_URLS = {
    "https://visjs.github.io/vis-network/", "http://almende.com", "https://github.com/visjs",
    "http://www.apache.org/licenses/LICENSE-2.0", "http://opensource.org/licenses/MIT",
    "http://www.w3.org/2000/svg", "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
    "https://github.com/zloirock/core-js", "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
}
HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> \'"&amp;'

ARTICLES = [  # the five development articles (ids are their file stems)
    ("000_acaebd6602ef804f", "Milei launches diplomatic push for a fresh trade agreement with Washington", "2025-04"),
    ("001_1112ab4456a57f44", "Javier Milei's US Engagement: A Focus on Economic Policy and International Relations", "2026-01"),
    ("002_af176d26679ac254", "A new Era in U.S.-Argentina Relations: Milei and Trump Forge Unprecedented Alliance", "2025-01"),
    ("003_603808047d6ef126", "Argentina - US Relations", "2025-10"),
    ("004_5b8ff89f34581ad3", "After months of talks, Trump grants Milei his White House visit", "2025-09"),
]


def dev_like_graph(ontology, hostile: bool = False) -> Graph:
    """A hand-made graph of the dev articles' obvious actors (quotes are short paraphrases)."""
    graph = Graph()
    for article_id, title, published in ARTICLES:
        graph.add_article(Article(article_id, HOSTILE if hostile and article_id.startswith("003") else title,
                                  published))
    people = {"javier-milei": ("Javier Milei", ["Milei"]), "donald-trump": ("Donald Trump", ["Trump"]),
              "marco-rubio": ("Marco Rubio", []), "scott-bessent": ("Scott Bessent", ["Bessent"]),
              "luis-caputo": ("Luis Caputo", ["Toto Caputo"]),
              "cristina-fernandez-de-kirchner": ("Cristina Fernández de Kirchner", ["CFK"])}
    for node_id, (name, aliases) in people.items():
        graph.add_node(Node(node_id, name, "Person", aliases))
    for node_id, name, label in [("argentina", "Argentina", "Country"), ("united-states", "United States", "Country"),
                                 ("imf", "International Monetary Fund", "Organization"),
                                 ("us-treasury", "US Treasury", "Organization"),
                                 ("swap-line", "US-Argentina currency swap", "Agreement"),
                                 ("trade-agreement", "US-Argentina trade agreement", "Agreement"),
                                 ("midterm-election", "2025 Argentine legislative election", "Event")]:
        graph.add_node(Node(node_id, name, label))
    if hostile:
        graph.add_node(Node("hostile", HOSTILE, "Person", [HOSTILE]))

    def rel(source, rel_type, target, article, quote, date, date_source="text", why=None, **props):
        symmetric = rel_type in ("MET_WITH", "ALLIED_WITH")
        evidence = Evidence(article, quote, 0, len(quote), date, date_source if date else None,
                            why or f"rule:trigger {rel_type.lower()!r}")
        graph.add_edge(Edge(source, target, rel_type, [evidence], props), symmetric=symmetric)

    a0, a1, a2, a3, a4 = (a[0] for a in ARTICLES)
    rel("javier-milei", "LEADS", "argentina", a2, "President Javier Milei", "2025-01", role="President")
    rel("donald-trump", "LEADS", "united-states", a2, "President Donald Trump", "2025-01", role="President")
    rel("javier-milei", "ALLIED_WITH", "donald-trump", a2, "Milei and Trump forge an alliance", "2025-01")
    rel("javier-milei", "ALLIED_WITH", "donald-trump", a3, "a close ally of Trump", "2025-10")
    rel("marco-rubio", "HOLDS_ROLE", "united-states", a2, "future Secretary of State Marco Rubio", "2025-01",
        role="Secretary of State")
    rel("scott-bessent", "HOLDS_ROLE", "us-treasury", a3, "Treasury Secretary Scott Bessent", "2025-10",
        role="Treasury Secretary")
    rel("luis-caputo", "HOLDS_ROLE", "argentina", a1, "Economy Minister Luis Caputo", "2026-01",
        role="Economy Minister")
    rel("argentina", "NEGOTIATES", "trade-agreement", a0, "a push for a fresh trade agreement", "2025-04",
        date_source="article")
    # a year the text mentions in passing: the quote keeps it, the time slider does not go back to it
    rel("argentina", "NEGOTIATES", "trade-agreement", a0, "talks first tried in 1956", "1956")
    rel("united-states", "IMPOSES", "argentina", a0, "the Liberation Day tariffs", "2025-04", detail="tariffs")
    rel("us-treasury", "FUNDS", "argentina", a3, "a $20 billion swap line", "2025-10", detail="US-Argentina currency swap")
    rel("argentina", "PARTY_TO", "swap-line", a3, "the swap-line announcement", "2025-10")
    rel("javier-milei", "MET_WITH", "donald-trump", a4, "Trump grants Milei his White House visit", "2025-09")
    rel("imf", "SUPPORTS", "javier-milei", a1, "the IMF backed the programme", "2026-01")
    # no date of its own, and an article the graph does not list: the one undated relation
    rel("cristina-fernandez-de-kirchner", "CRITICIZES", "javier-milei", "unlisted", "the opposition attacked Milei", None)
    rel("imf", "SUPPORTS", "javier-milei", a3, "the IMF praised Milei", None)  # dated by its article
    rel("donald-trump", "SUPPORTS", "midterm-election", a4, "ahead of the midterm vote", "2025-09")
    if hostile:
        rel("hostile", "CRITICIZES", "javier-milei", a3, HOSTILE, "2025-10")
    for article in graph.articles.values():
        article.mentions = sorted({e.source for e in graph.edges.values() for q in e.evidence
                                   if q.article == article.id})
    return graph


def synthetic_graph(ontology, n_nodes: int, n_edges: int, seed: int = 1, communities: bool = False) -> Graph:
    """A random actor graph with a heavy-tailed degree distribution, dated evidence and articles."""
    rng = random.Random(seed)
    graph = Graph()
    for k in range(50):
        graph.add_article(Article(f"a{k}", f"Synthetic article {k}", f"2025-{k % 12 + 1:02d}"))
    labels = ["Person"] * 6 + ["Organization"] * 3 + ["Country"]
    ids = []
    for i in range(n_nodes):
        node = Node(f"n{i}", f"Actor {i}", rng.choice(labels), [f"A{i}"])
        if communities:
            node.props["community"] = i * 37 // max(n_nodes, 1)
        graph.add_node(node)
        ids.append(node.id)
    types = ["MET_WITH", "SUPPORTS", "CRITICIZES", "ALLIED_WITH", "NEGOTIATES", "FUNDS", "IMPOSES"]
    ends = ids[:2]  # endpoints list: picking from it is preferential attachment
    while len(graph.edges) < n_edges:
        source = ids[rng.randrange(n_nodes)] if rng.random() < 0.5 else rng.choice(ends)
        target = rng.choice(ends) if rng.random() < 0.7 else ids[rng.randrange(n_nodes)]
        if source == target:
            continue
        rel_type = rng.choice(types)
        month = rng.randrange(24)
        date = f"{2024 + month // 12}-{month % 12 + 1:02d}"
        evidence = [Evidence(f"a{rng.randrange(50)}", f"Quote {len(graph.edges)} about {source} and {target}.",
                             0, 40, date)]
        graph.add_edge(Edge(source, target, rel_type, evidence), symmetric=rel_type in ("MET_WITH", "ALLIED_WITH"))
        ends += [source, target]
    return graph


def first_date(graph: Graph, edge: Edge) -> str | None:
    """When a relation first shows on the time slider: a quote without a date taking its
    article's, a date before the first article counting from the first article."""
    published = {a.id: a.published for a in graph.articles.values()}
    dates = [q.date or published.get(q.article) for q in edge.evidence]
    span = article_span(graph)
    return min((on_timeline(d, span) for d in dates if d), default=None)


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', html, re.S)
    assert match, "data block missing"
    return json.loads(match.group(1))


class ResourceFinder(HTMLParser):
    """Collects every URL the page would load: attributes and CSS url()/@import."""

    ATTRS = {"src", "href", "srcset", "action", "poster", "data", "background", "formaction", "xlink:href"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.in_style = tag == "style"
        for name, value in attrs:
            if name in self.ATTRS and value:
                self.urls.append(value)
            if name == "style" and value:
                self.urls += re.findall(r"url\(([^)]*)\)", value)

    def handle_data(self, data):
        if self.in_style:
            self.urls += re.findall(r"url\(\s*['\"]?([^)'\"]*)", data)
            self.urls += re.findall(r"@import\s+['\"]?([^'\";\s]+)", data)

    def handle_endtag(self, tag):
        self.in_style = False


class TagCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.counts: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1


def external_references(html: str) -> list[str]:
    """Every http(s) reference in the file, loaded or not, minus vis-network's known non-resources."""
    finder = ResourceFinder()
    finder.feed(html)
    loaded = [u for u in finder.urls if not u.startswith(("data:", "#"))]
    anywhere = set(re.findall(r"https?://[^\s\"'<>)]+", html)) - KNOWN_NON_RESOURCE_URLS
    return loaded + sorted(anywhere)


@pytest.fixture
def dev_html(tmp_path, ontology) -> tuple[Graph, str]:
    graph = dev_like_graph(ontology)
    path = render_html(graph, ontology, tmp_path / "views" / "index.html", title="Argentina and the US",
                       scope="The whole graph", generated_at="2026-11-22 07:00 UTC")
    return graph, path.read_text(encoding="utf-8")


def test_writes_one_file_with_every_node_and_edge(dev_html):
    graph, html = dev_html
    data = page_data(html)
    assert len(data["nodes"]) == len(graph.nodes) == 13
    assert len(data["edges"]) == len(graph.edges) == 14
    assert {row[0] for row in data["nodes"]} == set(graph.nodes)
    assert data["layout"] == "physics"


def test_no_external_resource(dev_html):
    _, html = dev_html
    assert external_references(html) == []
    assert "vis.Network" in html and "DataSet" in html  # vis-network is inlined, not linked


def test_the_check_finds_external_resources():
    html = ('<link href="https://cdn.example/b.css"><script src="lib/x.js"></script>'
            '<style>@import "http://x/y.css"; body{background:url(http://x/i.png)}</style>')
    found = external_references(html)
    assert "https://cdn.example/b.css" in found and "lib/x.js" in found and "http://x/i.png" in found


def test_header_says_what_when_and_from_which_articles(dev_html):
    _, html = dev_html
    header = html[html.index('<header id="ag-header">'):html.index("</header>")]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", header))
    assert "Argentina and the US" in text
    assert "The whole graph" in text
    assert "generated 2026-11-22 07:00 UTC" in text
    assert "13 actors · 14 relations" in text.replace("&middot;", "·")
    assert "Sources: 5 articles" in text
    assert "Argentina - US Relations (2025-10)" in text


def test_sources_show_outlet_and_url_when_known(tmp_path, ontology):
    graph = dev_like_graph(ontology)
    articles = sorted(graph.articles.values(), key=lambda a: a.id)
    articles[0].props.update(outlet="Reuters", url="https://www.reuters.com/world/americas/milei-trade/")
    articles[1].props.update(outlet="Buenos Aires Times", url="javascript:alert(1)")  # never a link
    html = render_html(graph, ontology, tmp_path / "v.html", title="t", scope="s").read_text(encoding="utf-8")
    header = html[html.index('<header id="ag-header">'):html.index("</header>")]
    items = re.findall(r"<li>(.*?)</li>", header, re.S)
    first = next(i for i in items if articles[0].title in i)
    assert "&mdash; Reuters" in first and "(2025-04)" in first
    assert ('<a class="ag-url" href="https://www.reuters.com/world/americas/milei-trade/" target="_blank" '
            'rel="noopener noreferrer">https://www.reuters.com/world/americas/milei-trade/</a>') in first
    second = next(i for i in items if "Buenos Aires Times" in i)
    assert "javascript" not in second and "href" not in second
    assert "javascript:alert" not in html
    data = page_data(html)
    assert data["articles"][[a["id"] for a in data["articles"]].index(articles[0].id)]["outlet"] == "Reuters"


def test_generated_at_defaults_to_now(tmp_path, ontology):
    path = render_html(Graph(), ontology, tmp_path / "empty.html", title="Empty", scope="Nothing")
    html = path.read_text(encoding="utf-8")
    assert re.search(r"generated \d{4}-\d\d-\d\d \d\d:\d\d UTC", html)
    assert "no source articles recorded" in html
    assert page_data(html)["nodes"] == []


def test_hostile_article_text_is_escaped(tmp_path, ontology):
    graph = dev_like_graph(ontology, hostile=True)
    html = render_html(graph, ontology, tmp_path / "h.html", title="<b>T</b>", scope="<i>S</i>").read_text()
    # an HTML parser sees exactly our three scripts (data, vis-network, view) and no injected tag
    tags = TagCounter()
    tags.feed(html)
    assert tags.counts["script"] == 3 and "img" not in tags.counts and "b" not in tags.counts
    assert "window.__pwned" in html  # present, but only as escaped text
    assert "<img" not in html and "<b>T</b>" not in html and "&lt;b&gt;T&lt;/b&gt;" in html
    data = page_data(html)  # and it comes back intact for the page to show as text
    hostile_node = next(row for row in data["nodes"] if row[0] == "hostile")
    assert hostile_node[1] == HOSTILE and hostile_node[8] == [HOSTILE]
    assert HOSTILE in {a["title"] for a in data["articles"]}
    assert any(q[1] == HOSTILE for e in data["edges"] for q in e[9])


def test_script_json_leaves_no_markup():
    text = script_json({"q": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"q": "</script><!-- & \u2028"}


def test_styles_come_from_the_ontology(dev_html, ontology):
    _, html = dev_html
    data = page_data(html)
    person = next(l for l in data["labels"] if l["name"] == "Person")
    assert person["color"] == ontology.labels["Person"].color and person["count"] == 6
    types = {t["name"]: t for t in data["relations"]}
    assert types["SUPPORTS"]["family"] == types["ALLIED_WITH"]["family"] == "positive"
    assert types["CRITICIZES"]["family"] == "negative"
    assert types["MET_WITH"]["symmetric"] and not types["SUPPORTS"]["symmetric"]


def test_edge_rows_carry_evidence_dates_and_short_labels(dev_html):
    graph, html = dev_html
    data = page_data(html)
    nodes = [row[0] for row in data["nodes"]]
    types = [t["name"] for t in data["relations"]]
    titles = [a["title"] for a in data["articles"]]
    allied = next(e for e in data["edges"] if types[e[2]] == "ALLIED_WITH")
    assert {nodes[allied[0]], nodes[allied[1]]} == {"javier-milei", "donald-trump"}
    assert allied[6] == 2 and [q[1] for q in allied[9]] == ["Milei and Trump forge an alliance", "a close ally of Trump"]
    assert titles[allied[9][0][0]].startswith("A new Era")
    assert data["dates"][allied[4]] == "2025-01" and data["dates"][allied[5]] == "2025-10"
    role = next(e for e in data["edges"] if types[e[2]] == "HOLDS_ROLE" and nodes[e[0]] == "marco-rubio")
    assert role[3] == "Secretary of State"
    undated = next(e for e in data["edges"] if types[e[2]] == "CRITICIZES")
    assert undated[4] == undated[5] == -1
    assert undated[9] == [[-1, "the opposition attacked Milei", None, "", "rule:trigger 'criticizes'"]]
    imf = next(e for e in data["edges"] if types[e[2]] == "SUPPORTS" and nodes[e[0]] == "imf")
    assert [q[2:4] for q in imf[9]] == [["2025-10", "article"], ["2026-01", "text"]]  # undated: its article's date
    assert data["dates"][imf[4]] == "2025-10" and data["dates"][imf[5]] == "2026-01"
    milei = data["nodes"][nodes.index("javier-milei")]
    assert data["dates"][milei[6]] == "2025-01"  # first seen with its earliest relation


def test_time_slider_spans_the_articles_dates_and_quotes_keep_their_own(dev_html):
    graph, html = dev_html
    data = page_data(html)
    types = [t["name"] for t in data["relations"]]
    assert data["dates"][0] == min(a.published for a in graph.articles.values()) == "2025-01"
    assert data["dates"][-1] == "2026-01" and "1956" not in data["dates"]
    talks = next(e for e in data["edges"] if types[e[2]] == "NEGOTIATES")
    assert data["dates"][talks[4]] == "2025-01"  # the passing year counts from the first article
    assert [q[1:4] for q in talks[9]] == [["talks first tried in 1956", "1956", "text"],
                                          ["a push for a fresh trade agreement", "2025-04", "article"]]


def test_short_labels():
    assert short_label("MET_WITH") == "met with"
    assert short_label("HOLDS_ROLE", "Economy Minister") == "Economy Minister"
    assert short_label("HOLDS_ROLE", "x" * 60) == "holds role"


def test_size_by_betweenness_then_degree(tmp_path, ontology):
    graph = dev_like_graph(ontology)
    data = page_data(render_html(graph, ontology, tmp_path / "a.html", title="t", scope="s").read_text())
    sizes = {row[0]: row[3] for row in data["nodes"]}
    assert data["size_by"] == "number of relations" and sizes["javier-milei"] == 5
    for node in graph.nodes.values():
        node.props["betweenness"] = 0.5 if node.id == "imf" else 0.0
    data = page_data(render_html(graph, ontology, tmp_path / "b.html", title="t", scope="s").read_text())
    sizes = {row[0]: row[3] for row in data["nodes"]}
    assert data["size_by"] == "betweenness centrality" and sizes["imf"] == 0.5 and sizes["javier-milei"] == 0


def test_diff_marks_are_carried(tmp_path, ontology):
    graph = dev_like_graph(ontology)
    graph.nodes["imf"].props["diff"] = "added"
    next(iter(graph.edges.values())).props["diff"] = "removed"
    data = page_data(render_html(graph, ontology, tmp_path / "d.html", title="t", scope="s").read_text())
    assert [row[7] for row in data["nodes"] if row[7]] == ["added"]
    assert [row[7] for row in data["edges"] if row[7]] == ["removed"]
    assert data["diff_colors"]["added"]


def test_evidence_is_capped_but_counted(tmp_path, ontology):
    graph = dev_like_graph(ontology)
    edge = next(iter(graph.edges.values()))
    edge.add_evidence(Evidence("000_acaebd6602ef804f", f"quote {i}", i, i + 1, "2025-04") for i in range(100))
    data = page_data(render_html(graph, ontology, tmp_path / "e.html", title="t", scope="s").read_text())
    row = next(e for e in data["edges"] if e[6] > 100)
    assert len(row[9]) == 25 and row[6] == 101


def test_overwrites_atomically(tmp_path, ontology):
    target = tmp_path / "index.html"
    target.write_text("old")
    render_html(dev_like_graph(ontology), ontology, target, title="t", scope="s")
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_large_graphs_get_positions_and_no_physics(tmp_path, ontology):
    graph = synthetic_graph(ontology, PHYSICS_LIMIT + 700, 2500)
    data = page_data(render_html(graph, ontology, tmp_path / "big.html", title="t", scope="s").read_text())
    assert data["layout"] == "fixed" and data["edge_labels"] is False
    assert all(isinstance(row[4], int) and isinstance(row[5], int) for row in data["nodes"])
    related = {i for e in data["edges"] for i in e[:2]}  # the others are not drawn, only listed
    assert len({(row[4], row[5]) for i, row in enumerate(data["nodes"]) if i in related}) > 0.9 * len(related)


@pytest.mark.parametrize("seeded", [False, True], ids=["random start", "community start"])
def test_layout_puts_neighbours_close(seeded):
    rng = random.Random(3)
    n, sources, targets = 1200, [], []
    for cluster in range(12):  # 12 dense clusters joined by a few bridges
        members = range(cluster * 100, cluster * 100 + 100)
        for _ in range(300):
            a, b = rng.sample(members, 2)
            sources.append(a)
            targets.append(b)
    for _ in range(20):
        sources.append(rng.randrange(n))
        targets.append(rng.randrange(n))
    pos = layout_positions(n, sources, targets, [i // 100 for i in range(n)] if seeded else None)

    def dist(a, b):
        return math.dist(pos[a], pos[b])

    linked = sum(dist(a, b) for a, b in zip(sources, targets)) / len(sources)
    pairs = [(rng.randrange(n), rng.randrange(n)) for _ in range(3000)]
    unlinked = sum(dist(a, b) for a, b in pairs) / len(pairs)
    assert linked < unlinked / 3, (linked, unlinked)
    spread = max(abs(c) for p in pos for c in p)
    assert spread > 100  # not collapsed onto a point


def test_labels_and_types_outside_the_ontology_are_drawn_grey(tmp_path, ontology):
    graph = Graph()
    graph.add_node(Node("x", "X", "Spaceship"))
    graph.add_node(Node("y", "Y", "Person"))
    graph.add_edge(Edge("x", "y", "ORBITS"))
    data = page_data(render_html(graph, ontology, tmp_path / "g.html", title="t", scope="s").read_text())
    assert data["labels"][-1] == {"name": "Spaceship", "color": "#999999", "shape": "dot", "description": "",
                                  "count": 1}
    assert data["relations"][-1]["name"] == "ORBITS" and data["relations"][-1]["color"] == "#999999"


def test_a_dangling_relation_is_a_clear_error(tmp_path, ontology):
    graph = Graph()
    graph.add_node(Node("x", "X", "Person"))
    graph.edges["x|MET_WITH|ghost"] = Edge("x", "ghost", "MET_WITH")
    with pytest.raises(GraphDataError, match="points at 'ghost', which is not an actor"):
        render_html(graph, ontology, tmp_path / "d.html", title="t", scope="s")
    assert not (tmp_path / "d.html").exists()


def test_an_unwritable_path_is_a_clear_error(tmp_path, ontology):
    (tmp_path / "taken").write_text("a file, not a folder")
    with pytest.raises(InputError, match="cannot write the HTML view"):
        render_html(Graph(), ontology, tmp_path / "taken" / "view.html", title="t", scope="s")
