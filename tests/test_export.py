"""Exporters: round trips through networkx's GraphML/GEXF readers and the project's JSON reader,
the Cypher script on a real empty embedded FalkorDB, neo4j-admin CSV headers, awkward names."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from actorgraph import export as exporting
from actorgraph.export import ExportError, ExportOptions
from actorgraph.export.common import from_networkx
from actorgraph.export.cypherfmt import quote_string
from actorgraph.model import Graph, Graph as ModelGraph, Node, dumps_graph, read_graph

from .test_export_graphs import TRICKY_ALIASES, TRICKY_NAME, TRICKY_QUOTE, small_graph, tricky_graph


@pytest.fixture
def graph(ontology):
    return tricky_graph(ontology)


def text(graph, ontology, fmt, **options):
    return exporting.render(graph, ontology, fmt, ExportOptions(**options))[""]


def core(graph: Graph) -> dict:
    """Nodes and edges as the graph formats carry them (articles stay behind)."""
    data = graph.to_dict()
    return {"nodes": data["nodes"], "edges": data["edges"]}


def read_back(fmt: str, payload: str, tmp_path) -> Graph:
    path = tmp_path / f"g.{fmt}"
    path.write_text(payload, encoding="utf-8")
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    return from_networkx(reader(path))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_round_trip_through_networkx(graph, ontology, fmt, tmp_path):
    back = read_back(fmt, text(graph, ontology, fmt), tmp_path)
    assert core(back) == core(graph)
    assert back.nodes["pat-o-brien"].name == TRICKY_NAME
    assert sorted(back.nodes["pat-o-brien"].aliases) == sorted(TRICKY_ALIASES)
    quote = back.edges["pat-o-brien|CRITICIZES|javier-milei"].evidence[0].quote
    assert quote == TRICKY_QUOTE
    assert back.nodes["swap-line"].props == {"parties": ["Argentina", "United States"]}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_formats_carry_gephi_attributes(graph, ontology, fmt, tmp_path):
    path = tmp_path / f"g.{fmt}"
    path.write_text(text(graph, ontology, fmt), encoding="utf-8")
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    milei = g.nodes["javier-milei"]
    assert (milei["label"], milei["kind"]) == ("Javier Milei", "Person")
    leads = g.get_edge_data("javier-milei", "argentina")["javier-milei|LEADS|argentina"]
    assert leads["label"] == "LEADS" and float(leads["weight"]) == 3
    assert (leads["first_seen"], leads["last_seen"], leads["role"]) == ("2025-04", "2025-10-14", "President")
    met = g.get_edge_data("donald-trump", "javier-milei")["donald-trump|MET_WITH|javier-milei"]
    assert met["symmetric"] is True


def test_gexf_puts_dates_on_the_timeline(graph, ontology, tmp_path):
    member_of = '<edge source="argentina" target="mercosur" id="argentina|MEMBER_OF|mercosur" label="MEMBER_OF"'
    assert f'{member_of} weight="1" start="2025-04-01">' in text(graph, ontology, "gexf")  # its article's date
    graph.articles["a1"].published = None  # now that quote has no date at all
    payload = text(graph, ontology, "gexf")
    root = ET.fromstring(payload)
    ns = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    element = root.find("g:graph", ns)
    assert (element.get("mode"), element.get("timeformat")) == ("dynamic", "date")
    edges = {e.get("id"): e for e in root.iter("{http://www.gexf.net/1.2draft}edge")}
    # month widened to a day; the 2025-04 quote's article is undated now, so the timeline
    # starts with the first dated article (2025-09)
    assert edges["javier-milei|LEADS|argentina"].get("start") == "2025-09-01"
    assert edges["argentina|MEMBER_OF|mercosur"].get("start") is None  # undated: always shown
    nodes = {n.get("id"): n for n in root.iter("{http://www.gexf.net/1.2draft}node")}
    assert nodes["scott-bessent"].get("start") == "2025-09-01"  # its earliest relation
    assert nodes["mercosur"].get("start") is None
    color = nodes["javier-milei"].find("viz:color", ns)
    assert (color.get("r"), color.get("g"), color.get("b")) == ("78", "121", "167")  # Person #4e79a7
    back = nx.read_gexf(io.BytesIO(payload.encode()))
    assert back.nodes["scott-bessent"]["start"] == "2025-09-01"
    assert "networkx_key" not in payload


def test_gexf_start_is_not_stretched_back_by_a_year_mentioned_in_passing(graph, ontology):
    bessent = next(e for e in graph.edges.values() if e.key == "luis-caputo|MET_WITH|scott-bessent")
    bessent.evidence[0].date, bessent.evidence[0].date_source = "1956", "text"  # "... as in 1956"
    root = ET.fromstring(text(graph, ontology, "gexf"))
    edges = {e.get("id"): e for e in root.iter("{http://www.gexf.net/1.2draft}edge")}
    nodes = {n.get("id"): n for n in root.iter("{http://www.gexf.net/1.2draft}node")}
    first_article = min(a.published for a in graph.articles.values() if a.published)
    assert first_article == "2025-04"
    assert edges["luis-caputo|MET_WITH|scott-bessent"].get("start") == "2025-04-01"  # from the first article on
    assert nodes["scott-bessent"].get("start") == "2025-04-01"  # not 1956-01-01
    assert min(n.get("start") for n in nodes.values() if n.get("start")) == "2025-04-01"


def test_json_round_trips_through_the_project_reader(graph, ontology, tmp_path):
    path = tmp_path / "g.json"
    path.write_text(text(graph, ontology, "json"), encoding="utf-8")
    back = read_graph(path, ontology)
    assert back.to_dict() == graph.to_dict()


CSV_HEADERS = {
    "nodes.csv": ["id:ID(Entity)", ":LABEL", "name", "label", "aliases:string[]", "note", "parties:string[]"],
    "relationships.csv": [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "key", "weight:int",
                          "first_seen", "last_seen", "detail", "role", "evidence"],
    "articles.csv": ["id:ID(Article)", ":LABEL", "title", "published", "file", "sha256"],
    "mentions.csv": [":START_ID(Article)", ":END_ID(Entity)", ":TYPE", "count:int"],
}


def rows(payload: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(payload, newline="")))


def test_csv_follows_neo4j_admin_import_conventions(graph, ontology):
    files = exporting.render(graph, ontology, "csv")
    assert sorted(files) == ["articles.csv", "import.sh", "mentions.csv", "nodes.csv", "relationships.csv"]
    for name, header in CSV_HEADERS.items():
        assert next(csv.reader(io.StringIO(files[name]))) == header
    nodes = {r["id:ID(Entity)"]: r for r in rows(files["nodes.csv"])}
    assert nodes["javier-milei"][":LABEL"] == "Entity;Person"
    assert nodes["javier-milei"]["aliases:string[]"] == "Milei;President Milei"
    assert nodes["pat-o-brien"]["name"] == TRICKY_NAME
    assert nodes["pat-o-brien"]["aliases:string[]"].split(";") == sorted(TRICKY_ALIASES)
    relations = {r["key"]: r for r in rows(files["relationships.csv"])}
    leads = relations["javier-milei|LEADS|argentina"]
    assert (leads[":START_ID(Entity)"], leads[":END_ID(Entity)"], leads[":TYPE"], leads["weight:int"]) == (
        "javier-milei", "argentina", "LEADS", "3")
    evidence = json.loads(relations["pat-o-brien|CRITICIZES|javier-milei"]["evidence"])
    assert evidence == [{"article": "a3", "quote": TRICKY_QUOTE, "start": 0, "end": 10, "date": "2025-10-14"}]
    assert "--array-delimiter=U+003B --multiline-fields=true" in files["import.sh"]
    assert "neo4j-admin database import full" in files["import.sh"]


def test_csv_refuses_an_array_value_holding_the_delimiter(graph, ontology):
    graph.nodes["javier-milei"].aliases.append("Milei; the president")
    with pytest.raises(ExportError) as caught:
        exporting.render(graph, ontology, "csv")
    assert str(caught.value) == ("csv cannot carry 'Milei; the president' in actor 'javier-milei': it contains "
                                 "the array delimiter ';'; choose another with --array-delimiter")
    files = exporting.render(graph, ontology, "csv", ExportOptions(array_delimiter="|"))
    assert "Milei|Milei; the president|President Milei" in files["nodes.csv"]
    assert "Entity|Person" in files["nodes.csv"]
    assert "--array-delimiter=U+007C" in files["import.sh"]


def test_cypher_script_recreates_the_graph_in_an_empty_falkordb(graph, ontology, falkor_store):
    graph.meta = {}  # the store keeps no graph meta
    script = text(graph, ontology, "cypher")
    statements = [line for line in script.split("\n") if line and not line.startswith("//")]
    assert all(s.endswith(";") for s in statements)
    assert "$" not in "".join(s for s in statements if "'" not in s)  # no parameters
    for statement in statements:
        falkor_store.write(statement[:-1])
    assert falkor_store.export_graph().to_dict() == graph.to_dict()
    for statement in statements:  # MERGE: a second run changes nothing
        falkor_store.write(statement[:-1])
    assert falkor_store.export_graph().to_dict() == graph.to_dict()


def test_cypher_string_escapes():
    assert quote_string("O'Brien \\ \"x\"\nnext\ttab") == "'O\\'Brien \\\\ \"x\"\\nnext\\ttab'"
    assert quote_string("Путин <&>") == "'Путин <&>'"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_refuse_control_characters(ontology, fmt):
    graph = small_graph(ontology)
    graph.nodes["mercosur"].name = "Mercosur\x01"
    with pytest.raises(ExportError) as caught:
        exporting.render(graph, ontology, fmt)
    assert str(caught.value) == (f"{fmt} cannot carry the control character U+0001 in actor 'mercosur'; "
                                 "fix the graph or export as json or cypher")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv", "cypher"])
def test_output_is_deterministic(ontology, fmt):
    one, two = tricky_graph(ontology), tricky_graph(ontology)
    two.nodes = dict(reversed(list(two.nodes.items())))
    two.edges = dict(reversed(list(two.edges.items())))
    for edge in two.edges.values():
        edge.evidence.reverse()
    assert exporting.render(one, ontology, fmt) == exporting.render(two, ontology, fmt)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv", "cypher"])
def test_awkward_names_survive_every_format(ontology, fmt, tmp_path):
    graph = tricky_graph(ontology)
    files = exporting.render(graph, ontology, fmt)
    if fmt in ("graphml", "gexf"):
        back = read_back(fmt, files[""], tmp_path)
    elif fmt == "json":
        back = ModelGraph.from_dict(json.loads(files[""]), ontology)
    elif fmt == "csv":
        node = {r["id:ID(Entity)"]: r for r in rows(files["nodes.csv"])}["pat-o-brien"]
        back = ModelGraph()
        back.add_node(Node("pat-o-brien", node["name"], "Person", node["aliases:string[]"].split(";")))
    else:
        return  # the Cypher script is checked on a real store above
    assert back.nodes["pat-o-brien"].name == TRICKY_NAME
    assert sorted(back.nodes["pat-o-brien"].aliases) == sorted(TRICKY_ALIASES)


def test_json_export_of_a_dev_graph_is_the_snapshot(dev_graph, ontology):
    assert text(dev_graph, ontology, "json") == dumps_graph(dev_graph)


def test_dev_graph_survives_every_format(dev_graph, ontology, falkor_store, tmp_path):
    """The committed graph: networkx reads GraphML/GEXF back whole, the script rebuilds it in FalkorDB."""
    dev_graph.meta = {}
    for fmt in ("graphml", "gexf"):
        assert core(read_back(fmt, text(dev_graph, ontology, fmt), tmp_path)) == core(dev_graph)
    for statement in text(dev_graph, ontology, "cypher").split("\n"):
        if statement and not statement.startswith("//"):
            falkor_store.write(statement[:-1])
    assert falkor_store.export_graph().to_dict() == dev_graph.to_dict()
