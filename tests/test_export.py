"""Exporters: round trips through networkx's GraphML/GEXF readers and the project's JSON reader,
the Cypher script on a real empty embedded FalkorDB, neo4j-admin CSV headers, awkward names."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from actorgraph import export as exporting
from actorgraph.export import ExportError, ExportOptions
from actorgraph.export.common import from_networkx
from actorgraph.export.cypherfmt import quote_string
from actorgraph.model import Graph, Graph as ModelGraph, Node, dumps_graph, read_graph

from . import mixed_graphs, neo4j_admin
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
    return from_networkx(mixed_graphs.read(fmt, payload)[0])


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
    g, _ = mixed_graphs.read(fmt, text(graph, ontology, fmt))
    milei = g.nodes["javier-milei"]
    assert (milei["label"], milei["kind"]) == ("Javier Milei", "Person")
    leads = g.get_edge_data("javier-milei", "argentina")["javier-milei|LEADS|argentina"]
    assert leads["label"] == "LEADS" and float(leads["weight"]) == 3
    assert (leads["first_seen"], leads["last_seen"], leads["role"]) == ("2025-04", "2025-10-14", "President")
    met = g.get_edge_data("donald-trump", "javier-milei")["donald-trump|MET_WITH|javier-milei"]
    assert met["symmetric"] is True


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_symmetric_relations_are_undirected(graph, ontology, fmt):
    """MET_WITH and ALLIED_WITH (symmetric: true in the ontology) were exported as directed edges."""
    symmetric = {key for key, edge in graph.edges.items() if edge.type in ("MET_WITH", "ALLIED_WITH")}
    assert symmetric and symmetric != set(graph.edges)
    root = ET.fromstring(text(graph, ontology, fmt))
    ns = "http://graphml.graphdrawing.org/xmlns" if fmt == "graphml" else "http://www.gexf.net/1.2draft"
    default, attr, value = ("edgedefault", "directed", "false") if fmt == "graphml" else (
        "defaultedgetype", "type", "undirected")
    assert root.find(f"{{{ns}}}graph").get(default) == "directed"  # a mixed graph
    marked = {e.get("id") for e in root.iter(f"{{{ns}}}edge") if e.get(attr) == value}
    assert marked == symmetric
    # only symmetric relations: the whole graph is undirected, no per-edge marks
    only = Graph()
    for key in symmetric:
        edge = graph.edges[key]
        for end in (edge.source, edge.target):
            only.nodes[end] = graph.nodes[end]
        only.edges[key] = edge
    root = ET.fromstring(text(only, ontology, fmt))
    assert root.find(f"{{{ns}}}graph").get(default) == "undirected"
    assert not [e for e in root.iter(f"{{{ns}}}edge") if e.get(attr)]
    assert mixed_graphs.read(fmt, text(only, ontology, fmt))[1] == symmetric


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
    back, _ = mixed_graphs.read("gexf", payload)
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
    "nodes.csv": ["id:ID(Entity)", ":LABEL", "aliases:string[]", "keys:string[]", "label", "name", "note", "parties:string[]"],
    "relationships.csv": [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "key", "articles:string[]",
                          "date_sources:string[]", "dates:string[]", "detail", "ends:long[]", "first_seen",
                          "last_seen", "quotes:string[]", "role", "starts:long[]", "weight:long", "whys:string[]"],
    "articles.csv": ["id:ID(Article)", ":LABEL", "file", "published", "sha256", "title"],
    "mentions.csv": [":START_ID(Article)", ":END_ID(Entity)", ":TYPE", "count:long"],
}


def rows(payload: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(payload, newline="")))


def test_csv_follows_neo4j_admin_import_conventions(graph, ontology):
    files = exporting.render(graph, ontology, "csv")
    assert sorted(files) == ["after-import.cypher", "articles.csv", "import.sh", "mentions.csv", "nodes.csv",
                             "relationships.csv"]
    for name, expected in CSV_HEADERS.items():
        assert next(csv.reader(io.StringIO(files[name]))) == expected
    delimiter = neo4j_admin.array_delimiter(files["import.sh"])
    assert delimiter == "|"  # TRICKY_QUOTE holds a semicolon
    nodes = {n.props["id"]: n for n in neo4j_admin.read(files["nodes.csv"], delimiter)}
    assert nodes["javier-milei"].labels == ["Entity", "Person"]
    assert nodes["javier-milei"].props["aliases"] == ["Milei", "President Milei"]
    assert nodes["pat-o-brien"].props["name"] == TRICKY_NAME
    assert nodes["pat-o-brien"].props["aliases"] == sorted(TRICKY_ALIASES)
    relations = {r.props["key"]: r for r in neo4j_admin.read(files["relationships.csv"], delimiter)}
    leads = relations["javier-milei|LEADS|argentina"]
    assert (leads.start, leads.end, leads.type, leads.props["weight"]) == (
        ("Entity", "javier-milei"), ("Entity", "argentina"), "LEADS", 3)
    tricky = relations["pat-o-brien|CRITICIZES|javier-milei"].props
    assert (tricky["quotes"], tricky["articles"], tricky["starts"], tricky["ends"], tricky["dates"]) == (
        [TRICKY_QUOTE], ["a3"], [0], [10], ["2025-10-14"])
    assert "--array-delimiter=U+007C --multiline-fields=true" in files["import.sh"]
    assert "neo4j-admin database import full \"$database\"" in files["import.sh"]
    plain = exporting.render(small_graph(ontology), ontology, "csv")["import.sh"]
    assert "--array-delimiter=U+003B" in plain


@pytest.mark.parametrize("per_statement", [1000, 1])
def test_csv_import_gives_what_the_loader_stores(graph, ontology, falkor_store, monkeypatch, per_statement):
    """neo4j-admin's reading of the files (tests/neo4j_admin.py stands in for it: Neo4j cannot run
    here), replayed into an empty embedded store with after-import.cypher, reads back as the graph."""
    from actorgraph.export import csvfmt

    monkeypatch.setattr(csvfmt, "FIXES_PER_STATEMENT", per_statement)
    graph.meta = {}
    graph.nodes["mercosur"].aliases = []                                   # an empty array
    graph.nodes["mercosur"].props["empty_list"] = []
    graph.nodes["javier-milei"].props["empty_list"] = [""]                 # one empty string: the same cell
    graph.nodes["javier-milei"].props["blank"] = ""                        # the empty string, not absent
    graph.nodes["javier-milei"].props["counts"] = [1, 2]
    edge = graph.edges["javier-milei|LEADS|argentina"]
    edge.evidence = edge.evidence[:1]
    edge.evidence[0].date, edge.evidence[0].why = None, None                # dates == [""], whys == [""]
    files = exporting.render(graph, ontology, "csv")
    neo4j_admin.import_into(falkor_store, files)
    assert falkor_store.export_graph().to_dict() == graph.to_dict()
    assert "UNWIND ['mercosur'] AS v MATCH (x:Entity {id: v}) SET x.aliases = [];" in files["after-import.cypher"]
    many = [line for line in files["after-import.cypher"].split("\n") if "HOLDS_ROLE {key: v}" in line]
    assert len(many) == (4 if per_statement == 1 else 2)  # two keys, two properties


def test_csv_chooses_an_array_delimiter_no_value_holds(ontology):
    graph = small_graph(ontology)
    graph.nodes["javier-milei"].aliases.append("Milei; the president")
    files = exporting.render(graph, ontology, "csv")
    assert neo4j_admin.array_delimiter(files["import.sh"]) == "|"
    assert "Milei|Milei; the president|President Milei" in files["nodes.csv"]
    assert "Entity|Person" in files["nodes.csv"]
    assert "--array-delimiter=U+007C" in files["import.sh"]


def test_csv_refuses_an_array_value_holding_the_delimiter_asked_for(graph, ontology):
    graph.nodes["javier-milei"].aliases.append("Milei; the president")
    with pytest.raises(ExportError) as caught:
        exporting.render(graph, ontology, "csv", ExportOptions(array_delimiter=";"))
    assert str(caught.value) == ("csv cannot carry 'Milei; the president' in actor 'javier-milei': it contains "
                                 "the array delimiter ';'; choose another with --array-delimiter")


def test_csv_refuses_a_property_of_mixed_types(graph, ontology):
    graph.nodes["javier-milei"].props["rank"] = 1
    graph.nodes["mercosur"].props["rank"] = "first"
    with pytest.raises(ExportError, match="csv cannot carry the property 'rank' of an actor: its values differ "
                                          r"in type \(long, string\); export as json"):
        exporting.render(graph, ontology, "csv")


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


LINE_BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("brk", LINE_BREAKS, ids=[f"U+{ord(b[-1]):04X}" for b in LINE_BREAKS])
def test_cypher_script_replayed_line_by_line_cannot_run_a_name(brk, ontology, falkor_store):
    """A name, alias, quote, property key and the header's scope holding a line break then a
    statement: replayed line by line as str.splitlines() cuts it (cypher-shell and Python
    scripts read the same way), every line is one whole statement and every node survives."""
    hostile = f"x{brk}MATCH (m) DETACH DELETE m //"
    graph = small_graph(ontology)
    graph.meta = {}
    graph.nodes["mercosur"].name = hostile
    graph.nodes["mercosur"].aliases.append(hostile)
    graph.nodes["mercosur"].props["note"] = hostile
    next(iter(graph.edges.values())).evidence[0].quote = hostile
    script = text(graph, ontology, "cypher", scope=f"actor {hostile}")
    assert script.splitlines() == script.split("\n")[:-1], "one statement per line, whatever the splitter"
    for line in script.splitlines():
        if line and not line.startswith("//"):
            falkor_store.write(line[:-1])
    assert sorted(falkor_store.export_graph().nodes) == sorted(graph.nodes)
    name = falkor_store.export_graph().nodes["mercosur"].name
    # \n \r \f come back as they were; FalkorDB keeps the other escapes as written (\u2028)
    assert name in (hostile, hostile.replace(brk, "".join(f"\\u{ord(c):04X}" for c in brk)))


def test_cypher_refuses_a_name_with_a_line_break(ontology):
    graph = small_graph(ontology)
    graph.nodes["mercosur"].props["bad\u2028MATCH (m) DETACH DELETE m //"] = 1
    with pytest.raises(ExportError, match="a line break cannot be escaped in a Cypher name"):
        exporting.render(graph, ontology, "cypher")


def test_cypher_string_escapes():
    assert quote_string("O'Brien \\ \"x\"\nnext\ttab") == "'O\\'Brien \\\\ \"x\"\\nnext\\ttab'"
    assert quote_string("Путин <&>") == "'Путин <&>'"
    assert quote_string("a\vb\x1cc\x85d\u2028e\u2029f") == "'a\\u000Bb\\u001Cc\\u0085d\\u2028e\\u2029f'"


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
        delimiter = neo4j_admin.array_delimiter(files["import.sh"])
        node = {n.props["id"]: n for n in neo4j_admin.read(files["nodes.csv"], delimiter)}["pat-o-brien"].props
        back = ModelGraph()
        back.add_node(Node("pat-o-brien", node["name"], "Person", node["aliases"]))
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
