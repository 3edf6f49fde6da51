"""HTML views in a real headless Chromium (Debian package `chromium`), with networking cut.

Each test opens a view written by render_html and inspects the live vis-network object and
the page through the DevTools protocol (tests/browser.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph.model import Edge, Graph, Node
from actorgraph.render import render_html
from actorgraph.select import article_span, on_timeline

from .browser import Browser, decode_png, find_chromium
from .test_render import HOSTILE, dev_like_graph, first_date, synthetic_graph

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None,
                       reason="headless Chromium not installed (apt-get install -y chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    with Browser(width=1280, height=800, timeout=20) as b:
        yield b


@pytest.fixture(scope="module")
def views(tmp_path_factory, ontology):
    """The dev-like view, a hostile one and a large one with computed positions."""
    folder = tmp_path_factory.mktemp("views")
    dev = dev_like_graph(ontology)
    hundred = hundred_actor_graph(ontology)
    loners = dev_like_graph(ontology)
    for k, name in enumerate(["Reuters", "Mercosur", "Brazil", "Chile", "Xi Jinping", "G20 summit",
                              "World Bank", "Ana Pérez"]):
        loners.add_node(Node(f"loner-{k}", name, ["Organization", "Organization", "Country", "Country",
                                                  "Person", "Event", "Organization", "Person"][k]))
    loners.add_node(Node("loner-hostile", HOSTILE, "Event"))  # listed as text, runs nothing
    diff = dev_like_graph(ontology)
    diff.nodes["imf"].props["diff"] = "added"
    diff.edges["cristina-fernandez-de-kirchner|CRITICIZES|javier-milei"].props["diff"] = "removed"
    bare = Graph()  # what a query result can look like: no evidence, no dates, no articles
    for name in ("A", "B", "C"):
        bare.add_node(Node(name.lower(), name, "Organization"))
    bare.add_edge(Edge("a", "b", "FUNDS"))
    bare.add_edge(Edge("b", "c", "MET_WITH"))
    return {
        "bare": (bare, render_html(bare, ontology, folder / "bare.html", title="Query", scope="Result of query x")),
        "diff": (diff, render_html(diff, ontology, folder / "diff.html", title="Changes", scope="Diff")),
        "dev": (dev, render_html(dev, ontology, folder / "dev.html", title="Argentina and the US",
                                 scope="The whole graph")),
        "hostile": (None, render_html(dev_like_graph(ontology, hostile=True), ontology, folder / "hostile.html",
                                      title=HOSTILE, scope=HOSTILE)),
        "large": (None, render_html(synthetic_graph(ontology, 1500, 3500), ontology, folder / "large.html",
                                    title="Large", scope="1,500 synthetic actors")),
        "hundred": (hundred, render_html(hundred, ontology, folder / "hundred.html", title="100 actors",
                                         scope="100 actors with real-length names")),
        "loners": (loners, render_html(loners, ontology, folder / "loners.html", title="Loners",
                                       scope="The dev view and eight actors without a relation")),
    }


def hundred_actor_graph(ontology) -> Graph:
    """100 actors with names as long as real ones, 130 relations, sized by betweenness as build does."""
    from actorgraph import analytics

    graph = synthetic_graph(ontology, 100, 130, seed=2)
    first = ["Javier", "Donald", "Luis", "Scott", "Karina", "Marco", "Cristina", "Patricia", "Mauricio", "Santiago"]
    last = ["Milei", "Trump", "Caputo", "Bessent", "Rubio", "Fernández de Kirchner", "Bullrich", "Macri",
            "Francos", "Kicillof"]
    for k, node in enumerate(sorted(graph.nodes.values(), key=lambda n: int(n.id[1:]))):
        node.name = f"{first[k % 10]} {last[k // 10]}"
    return analytics.annotate(graph)


def open_view(browser: Browser, path: Path) -> None:
    browser.requests.clear()
    browser.console.clear()
    browser.open(path)


def counts(browser: Browser) -> dict:
    """Items in the network's data, and those it draws (its lists of visible items)."""
    return browser.eval("""(() => { const g = window.actorgraph, b = g.network.body;
        return {nodes: b.data.nodes.length, edges: b.data.edges.length,
                visibleNodes: b.nodeIndices.length, visibleEdges: b.edgeIndices.length,
                shown: g.shown}; })()""")


def canvas_box(browser: Browser) -> dict:
    return browser.eval("""(() => { const r = document.querySelector('#ag-network canvas').getBoundingClientRect();
        return {x: r.x, y: r.y, width: r.width, height: r.height}; })()""")


def test_network_holds_every_node_and_edge_and_fetches_nothing(browser, views):
    graph, path = views["dev"]
    open_view(browser, path)
    found = counts(browser)
    assert found["nodes"] == len(graph.nodes) == 13 and found["edges"] == len(graph.edges) == 14
    assert found["visibleNodes"] == 13 and found["visibleEdges"] == 14
    assert browser.requests == [path.resolve().as_uri()]  # the file itself, nothing else
    assert browser.console == []  # no script error, no CSP violation report


def test_screenshot_shows_the_network(browser, views, tmp_path_factory):
    _, path = views["dev"]
    open_view(browser, path)
    browser.wait_for("!window.actorgraph.network.physics.physicsEnabled")  # brief physics is over
    png = browser.screenshot(canvas_box(browser))
    (tmp_path_factory.getbasetemp() / "dev-view.png").write_bytes(png)  # for a person to look at
    width, height, rows = decode_png(png)
    pixels = [rows[y][x * 3:x * 3 + 3] for y in range(0, height, 2) for x in range(0, width, 2)]
    inked = sum(1 for p in pixels if min(p) < 235)
    assert inked > 0.01 * len(pixels), "the network area is blank"
    person = bytes.fromhex("4e79a7")  # ontology colour of Person nodes
    assert sum(1 for p in pixels if all(abs(a - b) < 12 for a, b in zip(p, person))) > 50


def test_hostile_article_does_not_run(browser, views):
    _, path = views["hostile"]
    open_view(browser, path)
    assert browser.eval("typeof window.__pwned") == "undefined"
    hostile = browser.eval("window.actorgraph.data.nodes.findIndex(n => n[0] === 'hostile')")
    edge = browser.eval(f"window.actorgraph.data.edges.findIndex(e => e[0] === {hostile} || e[1] === {hostile})")
    browser.eval(f"window.actorgraph.pin('node', {hostile})")
    node_text = browser.eval("document.getElementById('ag-details-body').textContent")
    browser.eval(f"window.actorgraph.pin('edge', {edge})")
    edge_text = browser.eval("document.getElementById('ag-details-body').textContent")
    browser.eval("(async () => { const s = document.getElementById('ag-search');"
                 " s.value = 'pwned'; s.dispatchEvent(new Event('input')); })()")
    assert HOSTILE in node_text  # shown literally, as text
    assert HOSTILE in edge_text and "Argentina - US Relations" not in edge_text  # title is the hostile one
    assert browser.eval("document.querySelectorAll('img').length") == 0
    assert browser.eval("document.title") == HOSTILE
    assert browser.eval("typeof window.__pwned") == "undefined"
    assert browser.requests == [path.resolve().as_uri()]  # not even the <img src=x>


def test_filters_by_label_and_relation_type(browser, views):
    graph, path = views["dev"]
    open_view(browser, path)
    browser.eval("(() => { const b = document.querySelector('input[data-label=Person]');"
                 " b.click(); })()")
    after = counts(browser)
    # no Person is left; actors whose every relation went with the people are hidden too
    people = {n.id for n in graph.nodes.values() if n.label == "Person"}
    kept_edges = [e for e in graph.edges.values() if e.source not in people and e.target not in people]
    kept_nodes = {end for e in kept_edges for end in (e.source, e.target)}
    assert after["visibleEdges"] == len(kept_edges) == after["shown"]["edges"]
    assert after["visibleNodes"] == len(kept_nodes)
    assert "Showing" in browser.eval("document.getElementById('ag-status').textContent")

    browser.eval("document.getElementById('ag-reset').click()")
    assert counts(browser)["visibleEdges"] == len(graph.edges)
    browser.eval("document.querySelector('input[data-type=HOLDS_ROLE]').click()")
    assert counts(browser)["visibleEdges"] == len(graph.edges) - 3
    browser.eval("document.getElementById('ag-reset').click()")
    assert counts(browser)["visibleNodes"] == len(graph.nodes)


def test_time_slider_shows_relations_up_to_a_date(browser, views):
    graph, path = views["dev"]
    open_view(browser, path)
    dates = browser.eval("window.actorgraph.data.dates")
    span = article_span(graph)  # a year in passing ("1956") does not stretch the slider
    assert dates == sorted({d for e in graph.edges.values() if (d := first_date(graph, e))}
                           | {on_timeline(q.date, span) for e in graph.edges.values() for q in e.evidence if q.date})
    assert dates[0] == min(a.published for a in graph.articles.values() if a.published)
    for index, cutoff in enumerate(dates):
        browser.eval(f"(() => {{ const t = document.getElementById('ag-time'); t.value = '{index}';"
                     " t.dispatchEvent(new Event('input')); })()")
        expected = [e for e in graph.edges.values() if (d := first_date(graph, e)) is None or d <= cutoff]
        assert counts(browser)["visibleEdges"] == len(expected), cutoff
        assert browser.eval("document.getElementById('ag-time-label').textContent") == f"up to {cutoff}"
    browser.eval("(() => { const u = document.getElementById('ag-undated'); u.click(); })()")
    dated = [e for e in graph.edges.values() if first_date(graph, e) is not None]
    assert len(dated) == len(graph.edges) - 1
    assert counts(browser)["visibleEdges"] == len(dated)  # slider at the last date, undated off


def test_search_focuses_an_actor_and_explains_it(browser, views):
    graph, path = views["dev"]
    open_view(browser, path)
    browser.eval("""(() => { const s = document.getElementById('ag-search');
        s.value = 'toto'; s.dispatchEvent(new Event('input'));
        s.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true})); })()""")
    index = browser.eval("window.actorgraph.data.nodes.findIndex(n => n[0] === 'luis-caputo')")
    assert browser.eval("window.actorgraph.network.getSelectedNodes()") == [index]
    text = browser.eval("document.getElementById('ag-details-body').textContent")
    assert "Luis Caputo" in text and "Toto Caputo" in text and "Economy Minister (Argentina)" in text


def test_edge_details_show_quotes_with_article_and_date(browser, views):
    _, path = views["dev"]
    open_view(browser, path)
    data = browser.eval("window.actorgraph.data")
    types = [t["name"] for t in data["relations"]]
    edge = next(j for j, e in enumerate(data["edges"]) if types[e[2]] == "ALLIED_WITH")
    browser.eval(f"window.actorgraph.pin('edge', {edge})")
    quotes = browser.eval("[...document.querySelectorAll('#ag-details-body .ag-quote')].map(q => q.textContent)")
    sources = browser.eval("[...document.querySelectorAll('#ag-details-body .ag-source')].map(q => q.textContent)")
    assert quotes == ["\u201cMilei and Trump forge an alliance\u201d", "\u201ca close ally of Trump\u201d"]
    assert sources[0].startswith("\u2014 A new Era in U.S.-Argentina Relations")
    assert sources[0].endswith("(2025-01, date from the text) \u00B7 found by rule: trigger 'allied_with'")
    assert sources[1] == ("\u2014 Argentina - US Relations (2025-10, date from the text)"
                          " \u00B7 found by rule: trigger 'allied_with'")
    imf = next(j for j, e in enumerate(data["edges"]) if types[e[2]] == "SUPPORTS" and data["nodes"][e[0]][0] == "imf")
    browser.eval(f"window.actorgraph.pin('edge', {imf})")
    sources = browser.eval("[...document.querySelectorAll('#ag-details-body .ag-source')].map(q => q.textContent)")
    assert sources[0].startswith("\u2014 Argentina - US Relations (2025-10, the article's date)")
    talks = next(j for j, e in enumerate(data["edges"]) if types[e[2]] == "NEGOTIATES")
    browser.eval(f"window.actorgraph.pin('edge', {talks})")
    assert "Seen: 1956 to 2025-04" in browser.eval("document.getElementById('ag-details-body').textContent")


def test_large_view_uses_computed_positions(browser, views):
    _, path = views["large"]
    open_view(browser, path)
    found = counts(browser)
    loners = browser.eval("window.actorgraph.loners.length")
    assert found["nodes"] == 1500 - loners and found["edges"] == 3500  # actors without a relation are listed
    assert browser.eval("window.actorgraph.network.physics.physicsEnabled") is False
    some = browser.eval("window.actorgraph.data.nodes.map((n, i) => i)"
                        ".filter(i => !window.actorgraph.loners.includes(i)).slice(0, 3)")
    first = json.dumps(browser.eval(f"window.actorgraph.network.getPositions({some})"))
    assert first == json.dumps(browser.eval(f"window.actorgraph.network.getPositions({some})"))
    stored = browser.eval(f"window.actorgraph.data.nodes[{some[0]}].slice(4, 6)")
    assert browser.eval(f"Object.values(window.actorgraph.network.getPositions([{some[0]}]))[0]") == {
        "x": stored[0], "y": stored[1]}
    assert browser.console == []


def test_diff_marks_are_drawn_and_explained(browser, views):
    _, path = views["diff"]
    open_view(browser, path)
    legend = browser.eval("document.getElementById('ag-diff-legend').textContent")
    assert "added" in legend and "removed" in legend
    imf = browser.eval("window.actorgraph.data.nodes.findIndex(n => n[0] === 'imf')")
    node = browser.eval(f"window.actorgraph.nodes.get({imf})")
    assert node["borderWidth"] == 4 and node["shadow"]["color"] == "#2ca02c"
    removed = browser.eval("window.actorgraph.edges.get({filter: e => !!e.dashes})")
    assert len(removed) == 1
    browser.eval(f"window.actorgraph.pin('node', {imf})")
    assert "added" in browser.eval("document.getElementById('ag-details-body').textContent")
    assert browser.console == []


def test_view_without_evidence_or_dates(browser, views):
    graph, path = views["bare"]
    open_view(browser, path)
    assert counts(browser)["nodes"] == 3 and counts(browser)["edges"] == 2
    assert "No relation carries a date" in browser.eval("document.getElementById('ag-time-section').textContent")
    browser.eval("window.actorgraph.pin('edge', 0)")
    assert "No quote is recorded" in browser.eval("document.getElementById('ag-details-body').textContent")
    assert browser.console == []


def test_pointing_at_an_actor_and_clicking_a_line_explain_them(browser, views):
    """Real mouse events through Chromium, not calls into the page's script."""
    _, path = views["dev"]
    open_view(browser, path)
    browser.wait_for("!window.actorgraph.network.physics.physicsEnabled")
    box = canvas_box(browser)

    def screen(js_point: str) -> tuple[float, float]:
        point = browser.eval(f"window.actorgraph.network.canvasToDOM({js_point})")
        return box["x"] + point["x"], box["y"] + point["y"]

    milei = browser.eval("window.actorgraph.data.nodes.findIndex(n => n[0] === 'javier-milei')")
    x, y = screen(f"window.actorgraph.network.getPosition({milei})")
    browser.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x, y=y)
    browser.wait_for("document.getElementById('ag-details-body').textContent.includes('Also called')")
    assert browser.eval("document.querySelector('#ag-details-body h2').textContent") == "Javier Milei"

    # the middle of the Luis Caputo -> Argentina line, clicked
    edge = browser.eval("window.actorgraph.data.edges.findIndex(e => window.actorgraph.data.nodes[e[0]][0] === 'luis-caputo')")
    x, y = screen(f"""(() => {{ const n = window.actorgraph.network, e = window.actorgraph.data.edges[{edge}];
        const a = n.getPosition(e[0]), b = n.getPosition(e[1]); return {{x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}}; }})()""")
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", session=True, type=kind, x=x, y=y, button="left", clickCount=1)
    browser.wait_for("document.getElementById('ag-details-body').textContent.includes('Economy Minister Luis Caputo')")
    assert browser.eval("window.actorgraph.network.getSelectedEdges()") == [edge]


def test_play_starts_the_slider_at_the_first_date(browser, views):
    _, path = views["dev"]
    open_view(browser, path)
    first = browser.eval("window.actorgraph.data.dates[0]")
    browser.eval("document.getElementById('ag-play').click()")
    assert browser.eval("document.getElementById('ag-time-label').textContent") == f"up to {first}"
    assert "Pause" in browser.eval("document.getElementById('ag-play').textContent")
    browser.wait_for("document.getElementById('ag-time').value === '1'", timeout=5)  # it moves on
    browser.eval("document.getElementById('ag-play').click()")
    assert "Play" in browser.eval("document.getElementById('ag-play').textContent")


def test_the_view_that_build_writes(browser, data_dir, tmp_path, ontology):
    """`actorgraph build` on the committed snapshot, then the page it wrote, in Chromium."""
    from click.testing import CliRunner

    from actorgraph.cli import main
    from actorgraph.model import read_graph

    from .conftest import SNAPSHOT

    if not SNAPSHOT.exists():
        pytest.skip("graph/snapshot.json has not been generated yet")
    out = tmp_path / "out" / "index.html"
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "build", "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    graph = read_graph(SNAPSHOT, ontology)
    open_view(browser, out)
    found = counts(browser)
    related = {end for e in graph.edges.values() for end in (e.source, e.target)}
    assert found["nodes"] == len(related) and found["edges"] == len(graph.edges)
    assert browser.eval("window.actorgraph.loners.length") == len(graph.nodes) - len(related) > 0
    assert browser.requests == [out.resolve().as_uri()] and browser.console == []
    header = browser.eval("document.getElementById('ag-header').textContent")
    assert f"{len(graph.nodes)} actors" in header and f"Sources: {len(graph.articles)} articles" in header
    assert browser.eval("window.actorgraph.data.size_by") == "betweenness centrality"  # build annotated it


def fitted(browser: Browser) -> list[list]:
    """The label boxes [left, top, width, height, row, px] of a frame drawn at the fitted view."""
    browser.wait_for("!window.actorgraph.network.physics.physicsEnabled")
    browser.eval("(() => { window.actorgraph.network.fit(); window.actorgraph.network.redraw(); })()")
    browser.wait_for("window.actorgraph.labels !== undefined")
    return browser.eval("window.actorgraph.labels")


def overlapping(boxes: list[list]) -> list[tuple]:
    return [(a[4], b[4]) for k, a in enumerate(boxes) for b in boxes[k + 1:]
            if a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]]


def test_labels_are_legible_at_the_fitted_view_and_never_overlap(browser, views, tmp_path_factory):
    graph, path = views["hundred"]
    open_view(browser, path)
    boxes = fitted(browser)
    box = canvas_box(browser)
    scale = browser.eval("window.actorgraph.network.getScale()")
    assert scale < 0.8  # vis-network's own 14-unit labels would be under 11 px here
    assert min(b[5] for b in boxes) >= 11  # font size on screen, in CSS pixels
    assert overlapping(boxes) == []
    assert all(0 <= b[0] and b[0] + b[2] <= box["width"] for b in boxes)  # none cut off at the sides
    assert len(boxes) >= 40, len(boxes)  # most of the 100 are named...
    data = browser.eval("window.actorgraph.data")
    ranked = sorted(range(len(data["nodes"])), key=lambda i: -data["nodes"][i][3])
    labelled = {b[4] for b in boxes}
    # ...the most central first (a central actor's label can only give way to a more central one's)
    assert set(ranked[:3]) <= labelled and len(set(ranked[:10]) & labelled) >= 8

    # the glyphs really are that big: the inked rows of the top actor's label in a screenshot
    top = next(b for b in boxes if b[4] == ranked[0])
    png = browser.screenshot({"x": box["x"] + top[0], "y": box["y"] + top[1], "width": top[2], "height": top[3]})
    (tmp_path_factory.getbasetemp() / "hundred-view-label.png").write_bytes(png)
    width, height, rows = decode_png(png)
    inked = [y for y in range(height) if any(max(rows[y][x * 3:x * 3 + 3]) < 90 for x in range(width))]
    assert inked and inked[-1] - inked[0] + 1 >= 10, inked  # cap height plus descender of a 14 px font
    (tmp_path_factory.getbasetemp() / "hundred-view.png").write_bytes(browser.screenshot())

    # zoomed in, lower-ranked actors get their labels too
    browser.eval("(() => { const n = window.actorgraph.network; n.moveTo({scale: n.getScale() * 2.5}); })()")
    browser.eval("window.actorgraph.network.redraw()")
    closer = browser.eval("window.actorgraph.labels")
    assert overlapping(closer) == [] and min(b[5] for b in closer) >= 11
    assert {b[4] for b in closer} - labelled, "zooming in shows no new label"


def test_actors_without_a_relation_are_hidden_then_listed(browser, views):
    graph, path = views["loners"]
    open_view(browser, path)
    data = browser.eval("window.actorgraph.data")
    ids = [n[0] for n in data["nodes"]]
    loners = sorted([ids.index(f"loner-{k}") for k in range(8)] + [ids.index("loner-hostile")])
    assert sorted(browser.eval("window.actorgraph.loners")) == loners
    assert counts(browser)["nodes"] == len(graph.nodes) - 9  # not drawn
    assert browser.eval("document.getElementById('ag-loners').hidden") is True
    assert browser.eval("document.getElementById('ag-loners-section').textContent").split() == [
        "list", "actors", "without", "a", "relation", "9"]

    browser.eval("document.getElementById('ag-loners-toggle').click()")
    items = browser.eval("""[...document.querySelectorAll('#ag-loners li')].map(li => {
        const r = li.getBoundingClientRect(); return [li.textContent, r.top, r.bottom, r.left, r.right]; })""")
    # by label in the ontology's order, then by name; one per line, none on top of another
    assert [i[0] for i in items] == ["Ana Pérez", "Xi Jinping", "Mercosur", "Reuters", "World Bank",
                                     "Brazil", "Chile", HOSTILE, "G20 summit"]
    assert all(a[2] <= b[1] + 0.5 for a, b in zip(items, items[1:]))
    assert all(i[4] <= browser.eval("document.getElementById('ag-controls').getBoundingClientRect().right")
               for i in items)

    browser.eval("document.querySelector('#ag-loners li .ag-link').click()")
    assert browser.eval("document.querySelector('#ag-details-body h2').textContent") == "Ana Pérez"
    assert browser.eval("document.querySelectorAll('#ag-loners img, #ag-loners script').length") == 0
    assert browser.eval("window.__pwned === undefined") is True
    browser.eval("document.querySelector('input[data-label=Person]').click()")  # the label ticks apply
    assert len(browser.eval("[...document.querySelectorAll('#ag-loners li')]")) == 7
    browser.eval("document.getElementById('ag-loners-toggle').click()")
    assert browser.eval("document.getElementById('ag-loners').hidden") is True

    browser.eval("window.actorgraph.focusNode(window.actorgraph.data.nodes.findIndex(n => n[1] === 'Xi Jinping'))")
    assert browser.eval("document.getElementById('ag-loners').hidden") is False  # search opens the list at it
    assert browser.eval("document.querySelector('#ag-loners li.ag-active').textContent") == "Xi Jinping"
    assert browser.eval("document.querySelector('#ag-details-body h2').textContent") == "Xi Jinping"
    assert browser.console == []


def test_the_diff_legend_is_in_view_without_scrolling(browser, views):
    _, path = views["diff"]
    open_view(browser, path)
    legend = browser.eval("""(() => { const r = document.getElementById('ag-diff-legend').getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, height: r.height, text: document.getElementById('ag-diff-legend').textContent,
                inner: window.innerHeight}; })()""")
    assert 0 < legend["height"] and 0 <= legend["top"] and legend["bottom"] <= legend["inner"]
    assert legend["text"] == "Changes:added1removed1"
    _, plain = views["dev"]
    open_view(browser, plain)
    assert browser.eval("document.getElementById('ag-diff-legend').hidden") is True
