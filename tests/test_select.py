"""Selection: pure functions on graphs built in code, the CLI flags, and store vs file parity."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.errors import InputError
from actorgraph.model import write_graph
from actorgraph.select import (EmptySelection, Selection, date_bounds, ego, filter_edges, find_node,
                               paths, select)

from .test_export_graphs import small_graph


@pytest.fixture
def graph(ontology):
    return small_graph(ontology)


def test_find_node_matches_id_name_and_alias_in_any_case(graph):
    assert find_node(graph, "javier-milei").id == "javier-milei"
    assert find_node(graph, "JAVIER MILEI").id == "javier-milei"
    assert find_node(graph, "president milei").id == "javier-milei"
    assert find_node(graph, "washington").id == "united-states"


def test_find_node_miss_suggests_close_names(graph):
    with pytest.raises(InputError) as caught:
        find_node(graph, "Javier Mileii")
    assert str(caught.value) == "no actor named 'Javier Mileii' in the graph (did you mean 'Javier Milei'?)"


def test_find_node_miss_without_anything_close(graph):
    with pytest.raises(InputError, match=r"^no actor named 'Zzyzx' in the graph$"):
        find_node(graph, "Zzyzx")


def test_ambiguous_alias_names_the_candidates(graph):
    graph.nodes["luis-caputo"].aliases.append("Milei")
    with pytest.raises(InputError, match="actor 'milei' is ambiguous: it is an alias of javier-milei, luis-caputo"):
        find_node(graph, "milei")


def test_ego_depth(graph):
    assert set(ego(graph, "mercosur", 0).nodes) == {"mercosur"}
    assert set(ego(graph, "mercosur", 1).nodes) == {"mercosur", "argentina"}
    assert set(ego(graph, "mercosur", 2).nodes) == {"mercosur", "argentina", "javier-milei", "luis-caputo",
                                                    "united-states", "swap-line"}
    one = ego(graph, "javier-milei", 1)
    # every edge among the kept nodes, in both directions
    assert set(one.edges) == {"javier-milei|MET_WITH|donald-trump" if "javier-milei|MET_WITH|donald-trump" in graph.edges
                              else "donald-trump|MET_WITH|javier-milei",
                              "donald-trump|SUPPORTS|javier-milei", "javier-milei|MET_WITH|luis-caputo",
                              "javier-milei|LEADS|argentina", "luis-caputo|HOLDS_ROLE|argentina|Economy Minister"}
    # articles follow: only those cited or mentioning a kept node, mentions cut down
    assert set(one.articles) == {"a1", "a2", "a3"}
    assert "scott-bessent" not in one.articles["a2"].mentions


def test_shortest_paths_keep_every_shortest_route(graph):
    # milei -> bessent: via trump or via caputo, both 2 hops
    sub = paths(graph, "javier-milei", "scott-bessent")
    assert set(sub.nodes) == {"javier-milei", "donald-trump", "luis-caputo", "scott-bessent"}
    assert "donald-trump|SUPPORTS|javier-milei" in sub.edges  # parallel edges on a route come along
    assert "javier-milei|LEADS|argentina" not in sub.edges


def test_paths_within_max_hops_take_longer_routes(graph):
    shortest = paths(graph, "mercosur", "united-states")
    assert set(shortest.nodes) == {"mercosur", "argentina", "united-states"}
    longer = paths(graph, "mercosur", "united-states", max_hops=4)
    assert {"javier-milei", "donald-trump"} <= set(longer.nodes)
    assert "swap-line" not in longer.nodes  # a dead end is on no path


def test_paths_report_unreachable_and_too_far(graph):
    with pytest.raises(EmptySelection, match=r"within 1 hops \(the shortest has 2\); raise --max-hops"):
        paths(graph, "mercosur", "united-states", max_hops=1)
    lonely = filter_edges(graph, types=["MEMBER_OF"], keep_nodes=["donald-trump"])
    with pytest.raises(EmptySelection, match="no path between 'mercosur' and 'donald-trump'"):
        paths(lonely, "mercosur", "donald-trump")


def test_date_bounds_widen_partial_dates():
    assert date_bounds("2025") == ("2025-01-01", "2025-12-31")
    assert date_bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_bounds("2025-10-14") == ("2025-10-14", "2025-10-14")
    with pytest.raises(InputError, match="cannot read the date 'soon'"):
        date_bounds("soon")


def test_filters_by_type_date_and_weight(graph, ontology):
    by_type = filter_edges(graph, types=["FUNDS", "PARTY_TO"])
    assert set(by_type.nodes) == {"united-states", "argentina", "swap-line"}
    # a month-dated edge (2025-09) overlaps a range starting mid-month
    dated = filter_edges(graph, since="2025-09-15", until="2025-09-30")
    assert "united-states|FUNDS|argentina" in dated.edges
    assert "argentina|MEMBER_OF|mercosur" not in dated.edges
    assert "javier-milei|MET_WITH|luis-caputo" not in dated.edges
    # an undated quote takes its article's date (a1: 2025-04); with none, it never matches
    assert "argentina|MEMBER_OF|mercosur" in filter_edges(graph, since="2025-04", until="2025-04").edges
    graph.articles["a1"].published = None
    assert "argentina|MEMBER_OF|mercosur" not in filter_edges(graph, since="2025-04", until="2025-04").edges
    heavy = filter_edges(graph, min_weight=2)
    assert set(heavy.edges) == {"donald-trump|MET_WITH|javier-milei", "javier-milei|LEADS|argentina"}


def test_select_combines_filters_and_describes_the_scope(graph, ontology):
    sub, scope = select(graph, ontology, Selection(actor="Milei", depth=2, types=["met_with"], labels=["person"]))
    assert set(sub.nodes) == {"javier-milei", "donald-trump", "luis-caputo", "scott-bessent"}
    assert {e.type for e in sub.edges.values()} == {"MET_WITH"}
    assert scope == ("Javier Milei and everything within 2 hops; labels Person; types MET_WITH "
                     "(4 actors, 4 relations)")
    whole, scope = select(graph, ontology, Selection())
    assert whole.meta == {"selection": "whole graph (8 actors, 11 relations)"}
    whole.meta = graph.meta
    assert whole.to_dict() == graph.to_dict()
    assert scope == "whole graph (8 actors, 11 relations)"


def test_select_rejects_unknown_types_labels_and_empty_results(graph, ontology):
    with pytest.raises(InputError) as caught:
        select(graph, ontology, Selection(types=["MEET_WITH"]))
    assert str(caught.value).startswith("unknown relation type 'MEET_WITH' (did you mean 'MET_WITH'")
    with pytest.raises(InputError, match=r"unknown label 'Persn' \(did you mean 'Person'\?\)"):
        select(graph, ontology, Selection(labels=["Persn"]))
    with pytest.raises(EmptySelection, match="the selection is empty"):
        select(graph, ontology, Selection(types=["FUNDS"], labels=["Person"]))
    with pytest.raises(InputError, match="--since 2025-12 is after --until 2025-01"):
        select(graph, ontology, Selection(since="2025-12", until="2025-01"))


def test_select_is_deterministic_whatever_the_insertion_order(graph, ontology):
    shuffled = small_graph(ontology)
    shuffled.nodes = dict(reversed(list(shuffled.nodes.items())))
    shuffled.edges = dict(reversed(list(shuffled.edges.items())))
    a, _ = select(graph, ontology, Selection(path=("milei", "bessent")))
    b, _ = select(shuffled, ontology, Selection(path=("milei", "bessent")))
    assert json.dumps(a.to_dict()) == json.dumps(b.to_dict())


def test_selecting_from_the_store_gives_the_same_graph_as_from_the_file(graph, ontology, falkor_store):
    falkor_store.load(graph, replace=True)
    stored = falkor_store.export_graph()
    for selection in (Selection(), Selection(actor="caputo", depth=1), Selection(path=("mercosur", "trump")),
                      Selection(types=["MET_WITH", "LEADS"], since="2025-09")):
        from_file, scope_file = select(graph, ontology, selection)
        from_store, scope_store = select(stored, ontology, selection)
        assert from_store.to_dict() == from_file.to_dict()
        assert scope_store == scope_file


# ---- the CLI ---------------------------------------------------------------------------------


@pytest.fixture
def graph_file(graph, tmp_path):
    path = tmp_path / "graph.json"
    write_graph(graph, path)
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_unknown_actor_says_did_you_mean(graph_file, tmp_path):
    out = tmp_path / "x.json"
    result = run("export", "--graph", graph_file, "--actor", "Bessnt", "-o", out)
    assert result.exit_code == 1
    assert result.output == "Error: no actor named 'Bessnt' in the graph (did you mean 'Bessent'?)\n"
    assert not out.exists()


def test_cli_unknown_type_and_empty_selection_write_nothing(graph_file, tmp_path):
    out = tmp_path / "x.json"
    result = run("export", "--graph", graph_file, "--type", "FUND", "-o", out)
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown relation type 'FUND' (did you mean 'FUNDS'?)")
    result = run("export", "--graph", graph_file, "--type", "FUNDS", "--label", "Person", "-o", out)
    assert result.exit_code == 1
    assert result.output == "Error: the selection is empty (no actor matches it); nothing written\n"
    assert list(tmp_path.iterdir()) == [graph_file]


def test_cli_usage_errors(graph_file):
    result = run("export", "--graph", graph_file, "--depth", "2", "-f", "json")
    assert result.exit_code == 2 and "Error: --depth needs --actor" in result.output
    result = run("export", "--graph", graph_file, "--actor", "a", "--path", "b", "c", "-f", "json")
    assert result.exit_code == 2
    assert "Error: give only one of --actor, --path and --query (got --actor and --path)" in result.output
    result = run("export", "--graph", graph_file, "--max-hops", "2", "-f", "json")
    assert result.exit_code == 2 and "Error: --max-hops needs --path" in result.output


def test_cli_comma_separated_types_and_stdout(graph_file):
    result = run("export", "--graph", graph_file, "--type", "funds,party_to", "-f", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(e["type"] for e in data["edges"]) == ["FUNDS", "PARTY_TO"]
    assert sorted(n["id"] for n in data["nodes"]) == ["argentina", "swap-line", "united-states"]


def test_cli_selects_from_the_store_like_from_the_file(graph, graph_file, data_dir, falkor_store):
    # Loaded as is: `actorgraph load` would add computed centralities the file does not have.
    falkor_store.load(graph, replace=True)
    args = ["--data-dir", data_dir]
    from_store = run(*args, "export", "--actor", "trump", "--depth", "1", "-f", "json")
    from_file = run(*args, "export", "--graph", graph_file, "--actor", "trump", "--depth", "1", "-f", "json")
    assert from_store.exit_code == 0, from_store.output
    assert from_store.stdout == from_file.stdout


def test_cli_query_selects_what_a_library_query_returns(graph, graph_file, data_dir, falkor_store):
    falkor_store.load(graph, replace=True)
    args = ["--data-dir", data_dir]
    result = run(*args, "export", "--query", "relations_of_type", "-p", "type=FUNDS", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["meta"] == {"selection": "query relations_of_type type=FUNDS (2 actors, 1 relation)"}
    assert [e["key"] for e in data["edges"]] == ["united-states|FUNDS|argentina"]
    assert data["edges"][0]["evidence"][0]["quote"] == "a $20bn swap line"  # full evidence comes along
    # the same query selecting from a file gives the same result
    from_file = run(*args, "export", "--graph", graph_file, "--query", "relations_of_type", "-p", "type=FUNDS",
                    "-f", "json")
    assert from_file.stdout == result.stdout


def test_cli_query_errors(graph, data_dir, falkor_store):
    falkor_store.load(graph, replace=True)
    args = ["--data-dir", data_dir]
    result = run(*args, "export", "--query", "relations_of_typ", "-f", "json")
    assert result.exit_code == 1
    assert result.output.startswith("Error: no query named 'relations_of_typ'; did you mean relations_of_type?")
    result = run(*args, "export", "--query", "relations_of_type", "-p", "type=IMPOSES", "-f", "json")
    assert result.exit_code == 1
    assert result.output == ("Error: query relations_of_type returned no nodes, relationships or paths; "
                             "nothing written\n")
