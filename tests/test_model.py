import json
import os
from pathlib import Path

import pytest

from actorgraph.errors import GraphDataError
from actorgraph.model import Edge, Evidence, Graph, Node, read_graph, slugify, write_graph


def small_graph() -> dict:
    return {
        "nodes": [
            {"id": "javier-milei", "name": "Javier Milei", "label": "Person", "aliases": ["Milei"]},
            {"id": "argentina", "name": "Argentina", "label": "Country", "aliases": []},
            {"id": "donald-trump", "name": "Donald Trump", "label": "Person", "aliases": []},
        ],
        "edges": [
            {"source": "javier-milei", "target": "argentina", "type": "LEADS",
             "evidence": [{"article": "a1", "quote": "President Milei", "start": 0, "end": 15, "date": "2025-01"}]},
            {"source": "javier-milei", "target": "donald-trump", "type": "MET_WITH",
             "evidence": [{"article": "a1", "quote": "Milei met Trump", "start": 20, "end": 35, "date": None}]},
        ],
        "articles": [{"id": "a1", "title": "T", "published": "2025-01", "file": "a.txt", "sha256": "x",
                      "mentions": ["javier-milei", "argentina"]}],
    }


def test_slugify_is_stable_and_keeps_scripts():
    assert slugify("Javier Milei") == "javier-milei"
    assert slugify("Banco Central de la República Argentina") == "banco-central-de-la-republica-argentina"
    assert slugify("Владимир Путин") == "владимир-путин"
    assert slugify("U.S.") == "u-s"


def test_round_trip_through_json(tmp_path, ontology):
    graph = Graph.from_dict(small_graph(), ontology)
    path = tmp_path / "g.json"
    write_graph(graph, path)
    again = read_graph(path, ontology)
    assert again.to_dict() == graph.to_dict()
    edge = again.edges["donald-trump|MET_WITH|javier-milei"]  # symmetric: ends sorted
    assert edge.weight == 1 and edge.first_seen is None
    assert again.edges["javier-milei|LEADS|argentina"].first_seen == "2025-01"


def test_merging_accumulates_evidence_once():
    graph = Graph()
    graph.add_node(Node("a", "A", "Person"))
    graph.add_node(Node("b", "B", "Country"))
    ev = Evidence("art", "A leads B", 0, 9, "2025-02")
    graph.add_edge(Edge("a", "b", "LEADS", [ev]))
    graph.add_edge(Edge("a", "b", "LEADS", [ev, Evidence("art2", "A, head of B", 3, 15, "2025-05")]))
    edge = graph.edges["a|LEADS|b"]
    assert edge.weight == 2
    assert (edge.first_seen, edge.last_seen) == ("2025-02", "2025-05")


@pytest.mark.parametrize("mutate, message", [
    (lambda g: g["edges"][0].update(target="nobody"), r"edges\[0\]: target 'nobody' is not a node id \(dangling edge\)"),
    (lambda g: g["nodes"].append(dict(g["nodes"][0])), r"nodes\[3\]: duplicate node id 'javier-milei'"),
    (lambda g: g["nodes"][1].update(label="Planet"), r"nodes\[1\]: unknown label 'Planet'"),
    (lambda g: g["edges"][1].update(type="LIKES"), r"edges\[1\]: unknown relation type 'LIKES'"),
    (lambda g: g["edges"][0].update(source="argentina", target="javier-milei"), r"edges\[0\]: LEADS cannot run from Country to Person"),
    (lambda g: g["nodes"][0].pop("name"), r"nodes\[0\]: missing 'name'"),
    (lambda g: g["edges"][0]["evidence"][0].update(start="zero"), r"edges\[0\]: evidence\[0\]: 'start' must be an integer offset"),
])
def test_invalid_graph_json_is_refused_with_location(tmp_path, ontology, mutate, message):
    data = small_graph()
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(GraphDataError, match=rf"^{path}: {message}"):
        read_graph(path, ontology)


def test_invalid_json_names_line(tmp_path, ontology):
    path = tmp_path / "broken.json"
    path.write_text('{"nodes": [\n  {"id": }\n]}')
    with pytest.raises(GraphDataError, match=rf"^{path}:2: invalid JSON"):
        read_graph(path, ontology)


def test_atomic_write_keeps_devices_and_gives_usual_permissions(tmp_path):
    from actorgraph.model import write_text_atomic

    write_text_atomic(Path("/dev/null"), "nothing")
    assert Path("/dev/null").is_char_device()
    target = tmp_path / "out" / "g.json"
    write_text_atomic(target, "{}")
    assert target.read_text() == "{}"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["g.json"], "no temporary file left"


@pytest.mark.parametrize("value", ["plain", "a\\u00e9b \\ud83d\\ude00", 2 ** 63 - 1, -(2 ** 63), 1.5e300, True])
def test_read_graph_gives_what_json_and_every_check_give(tmp_path, ontology, value):
    """read_graph parses with orjson and skips the per-value checks only where the text shows
    nothing to check; the graph is the same as json's with every value checked."""
    raw = small_graph()
    raw["nodes"][0]["note"] = value
    raw["edges"][0]["evidence"][0]["why"] = "rule:x"
    path = tmp_path / "g.json"
    path.write_text(json.dumps(raw).replace("\\\\u", "\\u"), encoding="utf-8")
    expected = Graph.from_dict(json.loads(path.read_text(encoding="utf-8")), ontology)
    assert read_graph(path, ontology).to_dict() == expected.to_dict()


@pytest.mark.parametrize("text, wide", [
    (b'{"betweenness": 0.0008444218515250481}', False),   # a float's long fraction
    (b'[1234567890123456789.5, 1.2345678901234567890e5]', False),
    (b'{"n": 123456789012345678}', False),                # 18 digits
    (b'{"n": 9223372036854775808}', True), (b'[-99999999999999999999]', True),
    (b'{"quote": "ref 1234567890123456789"}', True),      # in a string: checked, costs only speed
])
def test_a_wide_integer_is_a_digit_run_no_float_owns(text, wide):
    from actorgraph.model import has_wide_integer

    assert has_wide_integer(text) is wide


@pytest.mark.parametrize("value, problem", [(2 ** 63, "does not fit in 64 bits"),
                                            (2 ** 64 + 1, "does not fit in 64 bits"),
                                            (-(2 ** 64), "does not fit in 64 bits"),
                                            ("\\u0000", "NUL character"), ("\\udc00", "lone surrogate")])
def test_read_graph_checks_what_its_fast_parser_would_let_through(tmp_path, ontology, value, problem):
    raw = small_graph()
    raw["edges"][1]["evidence"][0]["quote"] = value if isinstance(value, str) else "q"
    raw["edges"][1]["count"] = value if isinstance(value, int) else 1
    path = tmp_path / "g.json"
    path.write_text(json.dumps(raw).replace("\\\\u", "\\u"), encoding="utf-8")
    with pytest.raises(GraphDataError, match=rf"edges\[1\].*{problem}"):
        read_graph(path, ontology)


@pytest.mark.parametrize("value", [
    None, "text with \x00\x1f\x7f\u2028 é \" \\ \n\t and 😀", 7, -(2 ** 63), True, ["a", 1, None],
    1e-05, 1e16, 0.1, float("nan"), float("inf"), 2 ** 70, {"nested": [1, "x"]}, {1: "integer key"},
])
def test_the_graph_json_is_what_json_writes_indented_by_one(value, ontology):
    # dumps_graph writes through orjson where the two agree, through json elsewhere: the same bytes
    from actorgraph.model import dumps_graph

    graph = Graph.from_dict(small_graph(), ontology)
    graph.nodes["argentina"].props["value"] = value
    graph.meta["value"] = value
    assert dumps_graph(graph) == json.dumps(graph.to_dict(), ensure_ascii=False, indent=1) + "\n"
    graph.meta.clear()
    graph.nodes["argentina"].props.clear()
    graph.edges[next(iter(graph.edges))].evidence[0].quote = str(value)
    assert dumps_graph(graph) == json.dumps(graph.to_dict(), ensure_ascii=False, indent=1) + "\n"


def test_the_development_graph_json_is_what_json_writes_indented_by_one(dev_graph):
    # dumps_graph halves orjson's indentation level by level: every level of a real graph
    from actorgraph.model import dumps_graph

    assert dumps_graph(dev_graph) == json.dumps(dev_graph.to_dict(), ensure_ascii=False, indent=1) + "\n"
