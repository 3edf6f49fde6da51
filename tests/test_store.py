"""The embedded FalkorDB store, for real: loads, persistence, sharing, stale files, crashes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from actorgraph.errors import QueryError, StoreError
from actorgraph.model import Edge, Evidence, Graph, Node
from actorgraph.store import server
from actorgraph.store.falkor import FalkorStore


def chain_graph(n: int) -> Graph:
    """People p0..p{n-1}, each MET_WITH the next, each HOLDS_ROLE in one country."""
    graph = Graph()
    graph.add_node(Node("argentina", "Argentina", "Country"))
    for i in range(n):
        graph.add_node(Node(f"p{i}", f"Person {i}", "Person", [f"P{i}"]))
        graph.add_edge(Edge(f"p{i}", "argentina", "HOLDS_ROLE",
                            [Evidence("a", f"Person {i} is a minister.", i, i + 10, "2025-03")],
                            {"role": "minister"}))
        if i:
            graph.add_edge(Edge(f"p{i - 1}", f"p{i}", "MET_WITH",
                                [Evidence("a", f"Person {i - 1} met Person {i}.", None, None, None)]),
                           symmetric=True)
    return graph


def total(counts: dict) -> tuple[int, int]:
    return sum(counts["nodes"].values()), sum(counts["edges"].values())


def test_load_is_idempotent_and_round_trips(falkor_store):
    graph = chain_graph(50)
    falkor_store.load(graph)
    first = falkor_store.counts()
    falkor_store.load(graph)
    assert falkor_store.counts() == first
    assert total(first) == (51, 99)
    assert falkor_store.export_graph().to_dict() == graph.to_dict()


# Batches of the first kind go as orjson's text, of the second through the client's encoder
# (see falkor._encode_rows).
JSON_TEXT = ['say "yes"', "line\nbreak\ttab", "ñandú — “quoted” 🎉", '{`key`: 1}, "id": 2', "\u2028", "",
             "back\\slash", 'ends with a backslash\\', '"quoted":', ",null]", "12345678901234567890"]
CONTROL_TEXT = ["back\\slash \\u0041 \\n", "carriage\rreturn", "bell\x07 form\x0cfeed \x08"]


@pytest.mark.parametrize("texts", [JSON_TEXT, CONTROL_TEXT], ids=["json", "client-encoder"])
@pytest.mark.parametrize("replace", [True, False], ids=["fresh-create", "merge"])
def test_load_keeps_every_character_of_every_value(falkor_store, texts, replace):
    graph = Graph()
    for i, text in enumerate(texts):
        graph.add_node(Node(f"n{i}", f"Name {text}", "Person", [text] if text else [], {"note": text, "n": 2 ** 62}))
        if i:
            graph.add_edge(Edge(f"n{i - 1}", f"n{i}", "SUPPORTS", [Evidence("a", text or "x", 0, 1, "2025-01")]))
    falkor_store.load(chain_graph(2))
    falkor_store.load(graph, replace=replace)
    stored = falkor_store.export_graph()
    for node_id, node in graph.nodes.items():
        assert stored.nodes[node_id].to_dict() == node.to_dict()
    for key, edge in graph.edges.items():
        assert stored.edges[key].to_dict() == edge.to_dict()


@pytest.mark.parametrize("value, problem", [("a\x00b", "contains a NUL character"),
                                            (float("nan"), "is not a finite number"),
                                            (2 ** 64, "does not fit in 64 bits"),
                                            (2 ** 63, "does not fit in 64 bits"),
                                            (-(2 ** 63) - 1, "does not fit in 64 bits"),
                                            ([1, 2 ** 63], "does not fit in 64 bits")])
def test_load_refuses_what_the_store_cannot_hold_and_keeps_the_stored_graph(falkor_store, value, problem):
    falkor_store.load(chain_graph(3))
    graph = chain_graph(5)
    graph.nodes["p4"].props["note"] = value
    with pytest.raises(StoreError, match=f"cannot load 'p4': .*{problem}"):
        falkor_store.load(graph, replace=True)
    assert total(falkor_store.counts()) == (4, 5)


@pytest.mark.parametrize("replace", [True, False], ids=["fresh-create", "merge"])
def test_numbers_round_trip_as_the_parameter_text_writes_them(falkor_store, replace):
    """orjson writes floats in their shortest form (1e-7, 1e300): FalkorDB reads them back exact."""
    # (FalkorDB answers with 15 significant digits, whatever it was sent: 1/3 comes back shorter)
    values = [1e-7, 2.5e-05, 1e300, -0.0, 0.1, 123456.789, 0.125, 2 ** 63 - 1, -(2 ** 63), 0, True, False,
              1.5e18]
    graph = chain_graph(len(values))
    for i, value in enumerate(values):
        graph.nodes[f"p{i}"].props.update(value=value, values=[value, value])
    falkor_store.load(chain_graph(2))
    falkor_store.load(graph, replace=replace)
    stored = falkor_store.export_graph()
    for i, value in enumerate(values):
        props = stored.nodes[f"p{i}"].props
        assert props["value"] == value and type(props["value"]) is type(value), (value, props["value"])
        assert props["values"] == [value, value]


@pytest.mark.parametrize("row, fast", [
    ({"id": "p", "props": {"betweenness": 0.0008444218515250481}}, True),
    (["p", 1234567890123456789.5, 0.1234567890123456789], True),
    ({"id": "p", "props": {"n": 2 ** 63 - 1}}, False),  # (could be wider: checked, costs only speed)
    ({"id": "p", "props": {"quote": "x" + "1" * 25}}, False),
])
def test_only_a_digit_run_that_can_be_a_wide_integer_takes_the_slow_encoding(monkeypatch, row, fast):
    """A run of 19 digits that can be an integer sends a batch to the client's encoder (after
    the check of every value); a float's long fraction, such as a betweenness of 0.000844…, does not."""
    from actorgraph.store import falkor

    slow: list = []
    monkeypatch.setattr(falkor, "stringify_param_value", lambda batch: slow.append(batch) or "[]")
    falkor._encode_rows([row])
    assert (not slow) is fast


def test_an_integer_beyond_64_bits_in_a_list_row_is_refused():
    from actorgraph.store.falkor import _encode_rows

    with pytest.raises(StoreError, match=r"cannot load 'p': .*does not fit in 64 bits"):
        _encode_rows([["p", 1, 2 ** 63]])


def test_replace_makes_the_store_exactly_the_graph(falkor_store):
    falkor_store.load(chain_graph(30))
    falkor_store.load(chain_graph(5), replace=True)
    assert total(falkor_store.counts()) == (6, 9)


def test_merge_adds_to_what_is_stored(falkor_store):
    falkor_store.load(chain_graph(3))
    extra = Graph()
    extra.add_node(Node("united-states", "United States", "Country"))
    extra.add_node(Node("p0", "Person 0", "Person"))
    extra.add_edge(Edge("p0", "united-states", "MET_WITH", [Evidence("b", "Person 0 visited.", 0, 5)]),
                   symmetric=True)
    falkor_store.load(extra)
    assert total(falkor_store.counts()) == (5, 6)


def test_reads_are_read_only_and_parameterised(falkor_store):
    falkor_store.load(chain_graph(2))
    hostile = "p0'}) DETACH DELETE n //"
    result = falkor_store.read("MATCH (n:Entity {id: $id}) RETURN n.name AS name", {"id": hostile})
    assert result.rows == []
    with pytest.raises(QueryError, match="queries are read-only unless you pass --write"):
        falkor_store.read("MATCH (n) DETACH DELETE n")
    with pytest.raises(QueryError, match=r"^FalkorDB rejected the query: Invalid input"):
        falkor_store.read("MATCH (n RETURN n")
    assert total(falkor_store.counts()) == (3, 3)


def test_data_persists_across_server_restarts(data_dir, ontology):
    store = FalkorStore.open(data_dir, ontology=ontology)
    store.load(chain_graph(20))
    store.close()
    assert not server.status(data_dir)["running"], "the last client stops the server"
    store = FalkorStore.open(data_dir, ontology=ontology)
    try:
        assert total(store.counts()) == (21, 39)
    finally:
        store.close()


def test_server_listens_only_on_a_private_unix_socket(falkor_store):
    info = server.running(falkor_store.data_dir)
    assert oct(info.socket_path.stat().st_mode & 0o777) == "0o700"
    config = falkor_store.client.connection.config_get("port")
    assert config["port"] == "0"


def test_stale_socket_and_pid_file_from_a_killed_server_are_cleaned(data_dir, ontology):
    store = FalkorStore.open(data_dir, ontology=ontology)
    store.load(chain_graph(4))
    info = server.running(data_dir)
    os.kill(info.pid, signal.SIGKILL)
    time.sleep(0.3)
    assert info.socket_path.exists() and (data_dir / "falkordb.pid").exists()
    store2 = FalkorStore.open(data_dir, ontology=ontology)  # as a fresh run would
    try:
        assert server.running(data_dir).pid != info.pid
        assert total(store2.counts()) == (5, 7), "the load was saved before the crash"
    finally:
        store2.close()
        store._closed = True


CLIENT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from actorgraph.ontology import load_ontology
    from actorgraph.store.falkor import FalkorStore
    from actorgraph.store import server
    store = FalkorStore.open(Path(sys.argv[1]), ontology=load_ontology(Path(sys.argv[2])))
    print(server.running(Path(sys.argv[1])).pid, flush=True)
    for _ in range(10):
        store.read("MATCH (n) RETURN count(n)")
        time.sleep(0.1)
    store.close()
""")


def test_concurrent_processes_share_one_server(data_dir, ontology):
    seed = FalkorStore.open(data_dir, ontology=ontology)
    seed.load(chain_graph(3))
    seed.close()
    procs = [subprocess.Popen([sys.executable, "-c", CLIENT, str(data_dir), str(ontology.path)],
                              stdout=subprocess.PIPE, text=True) for _ in range(3)]
    pids = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert all(p.returncode == 0 for p in procs)
    assert len(pids) == 1, f"expected one shared server, saw {pids}"
    assert not server.status(data_dir)["running"], "stopped when the last client left"


KILLED_LOAD = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from actorgraph.ontology import load_ontology
    from actorgraph.store.falkor import FalkorStore
    from tests.test_store import chain_graph
    store = FalkorStore.open(Path(sys.argv[1]), ontology=load_ontology(Path(sys.argv[2])))
    def die(done, total):
        if done == int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)
    store.load(chain_graph(12000), replace=True, progress=die)
""")


@pytest.mark.parametrize("kill_at_batch", [1, 3, 5])
def test_load_killed_midway_is_invisible_and_a_rerun_converges(data_dir, ontology, kill_at_batch):
    store = FalkorStore.open(data_dir, ontology=ontology)
    try:
        store.load(chain_graph(10), replace=True)
        proc = subprocess.run([sys.executable, "-c", KILLED_LOAD, str(data_dir), str(ontology.path),
                               str(kill_at_batch)], cwd=str(ontology.path.parents[1]), timeout=120)
        assert proc.returncode == -signal.SIGKILL
        assert total(store.counts()) == (11, 19), "readers still see the graph before the killed load"
        store.load(chain_graph(12000), replace=True)
        assert total(store.counts()) == (12001, 23999)
        reopened = FalkorStore.open(data_dir, ontology=ontology)
        assert [g for g in reopened.client.list_graphs() if "staging" in g] == []
        reopened.close()
    finally:
        store.close()


def test_unwritable_data_dir_is_a_clear_error(tmp_path, ontology):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(StoreError, match=r"data dir .*a-file/store is not writable .*--data-dir"):
        FalkorStore.open(blocker / "store", ontology=ontology)


def test_reading_an_empty_store_says_what_to_do(falkor_store):
    with pytest.raises(StoreError, match=r"holds no graph 'actorgraph' yet; run `actorgraph build`"):
        falkor_store.read("MATCH (n) RETURN n")


def test_bad_graph_name(data_dir, ontology):
    with pytest.raises(StoreError, match="graph name"):
        FalkorStore.open(data_dir, graph_name="a b", ontology=ontology)


def test_analytics_computed_beside_the_load_are_in_the_stored_graph(falkor_store):
    """Above analytics.COMPILED_ABOVE actors a load sends its rows while a child process
    computes the analytics; the values are set before the graph goes live, the same as annotate()'s."""
    from actorgraph import analytics
    from actorgraph.build import load_annotated

    graph = chain_graph(analytics.COMPILED_ABOVE + 100)
    expected = chain_graph(analytics.COMPILED_ABOVE + 100)
    analytics.annotate(expected)
    load_annotated(falkor_store, graph, replace=True)
    stored = falkor_store.export_graph()
    for node_id, node in expected.nodes.items():
        for key in analytics.ANNOTATIONS:
            assert stored.nodes[node_id].props[key] == node.props[key] == graph.nodes[node_id].props[key]
    assert max(node.props["betweenness"] for node in stored.nodes.values()) > 0.1


def test_analytics_started_from_the_parsed_file_are_those_of_annotate(falkor_store, tmp_path, ontology):
    """`actorgraph load` starts the analytics from the file as parsed, before the Graph is built
    (build.read_graph_annotating): the stored values are annotate()'s of the Graph read. The
    file gives a symmetric relation's ends in the other order and one relation twice, which
    from_dict turns around and merges."""
    import multiprocessing

    from actorgraph import analytics
    from actorgraph.build import load_annotated, read_graph_annotating
    from actorgraph.model import read_graph, write_graph

    path = tmp_path / "graph.json"
    write_graph(chain_graph(analytics.COMPILED_ABOVE + 100), path)
    data = json.loads(path.read_text())
    data["edges"].append(dict(data["edges"][-1]))
    turned = next(e for e in data["edges"] if e["type"] == "MET_WITH")
    turned["source"], turned["target"] = turned["target"], turned["source"]
    path.write_text(json.dumps(data))
    expected = analytics.annotate(read_graph(path, ontology))
    graph, computing = read_graph_annotating(path, ontology)
    assert computing is not None
    stats = load_annotated(falkor_store, graph, replace=True, computing=computing)
    stored = falkor_store.export_graph()
    for node_id, node in expected.nodes.items():
        for key in analytics.ANNOTATIONS:
            assert stored.nodes[node_id].props[key] == node.props[key] == graph.nodes[node_id].props[key]
    assert max(node.props["betweenness"] for node in stored.nodes.values()) > 0.1
    assert stats.counts == falkor_store.counts()
    assert not multiprocessing.active_children()


def test_a_file_refused_after_parsing_leaves_no_analytics_running(tmp_path, ontology):
    import multiprocessing

    from actorgraph import analytics
    from actorgraph.build import read_graph_annotating
    from actorgraph.errors import GraphDataError
    from actorgraph.model import write_graph

    path = tmp_path / "graph.json"
    write_graph(chain_graph(analytics.COMPILED_ABOVE + 100), path)
    data = json.loads(path.read_text())
    data["edges"][-1]["target"] = "nobody"
    path.write_text(json.dumps(data))
    with pytest.raises(GraphDataError, match=r"target 'nobody' is not a node id"):
        read_graph_annotating(path, ontology)
    assert not multiprocessing.active_children()


def _chain_with_values(n: int):
    """A chain of ``n`` people and the analytics values each node is to hold."""
    graph = chain_graph(n)
    values = {node_id: {"degree": i, "betweenness": i / 10, "community": i % 3}
              for i, node_id in enumerate(sorted(graph.nodes))}
    return graph, values


@pytest.mark.parametrize("ready_after", [0, 1, 3, None], ids=["before-nodes", "after-one-batch",
                                                               "after-three-batches", "after-all-rows"])
def test_node_values_ready_part_way_are_in_the_rows_or_set_late(falkor_store, monkeypatch, ready_after):
    """Values ready before a batch of nodes is made into rows are in its rows; the nodes sent
    before get them late; either way every node holds them once the load is visible."""
    from actorgraph.store import falkor

    monkeypatch.setattr(falkor, "BATCH_SIZE", 4)
    graph, values = _chain_with_values(10)
    asked: list[bool] = []

    def node_properties(wait: bool = True):
        asked.append(wait)
        if not wait and (ready_after is None or asked.count(False) <= ready_after):
            return None
        for node_id, props in values.items():
            graph.nodes[node_id].props.update(props)
        return values

    stats = falkor_store.load(graph, replace=True, node_properties=node_properties)
    stored = falkor_store.export_graph()
    assert {node_id: {key: node.props[key] for key in values[node_id]}
            for node_id, node in stored.nodes.items()} == values
    node_batches = 1 + 3  # the country, then 10 people in batches of 4
    polls = node_batches if ready_after is None else min(ready_after + 1, node_batches)
    assert asked[:polls] == [False] * polls  # asked before each batch of nodes until ready
    if ready_after == 0:
        assert asked == [False]  # in every row: nothing set late, nothing waited for
    else:
        assert asked[-1] is True and asked.count(True) == 1  # taken once, for the late batch
    assert stats.counts == falkor_store.counts()


def _statements_sent(monkeypatch) -> list[str]:
    """The statements of every batch the store sends from now on, in order."""
    from actorgraph.store import falkor

    sent: list[str] = []
    send_all = falkor.FalkorStore._send_all

    def spy(self, graph, batches, progress, total=None):
        def noted():
            for statement, build in batches:
                sent.append(statement)
                yield statement, build
        return send_all(self, graph, noted(), progress, len(batches) if total is None else total)

    monkeypatch.setattr(falkor.FalkorStore, "_send_all", spy)
    return sent


def test_late_values_go_between_relation_batches_as_soon_as_they_are_ready(falkor_store, monkeypatch):
    """Values that are not ready for any node batch but are ready while relations are sent
    go in the next batch, not after the last one, and every node holds its own."""
    from actorgraph import cypher
    from actorgraph.store import falkor

    monkeypatch.setattr(falkor, "BATCH_SIZE", 4)
    graph, values = _chain_with_values(10)
    asked: list[bool] = []

    def node_properties(wait: bool = True):
        asked.append(wait)
        if not wait and len(asked) <= 4:  # not before the 4 node batches
            return None
        return values

    sent = _statements_sent(monkeypatch)
    falkor_store.load(graph, replace=True, node_properties=node_properties)
    late = cypher.set_values_by_position(["degree", "betweenness", "community"])
    relations = [i for i, statement in enumerate(sent) if "CREATE (a)-[r:" in statement]
    assert sent.count(late) == 1 and relations[0] < sent.index(late) < relations[-1]
    stored = falkor_store.export_graph()
    assert {node_id: {key: node.props[key] for key in values[node_id]}
            for node_id, node in stored.nodes.items()} == values


@pytest.mark.parametrize("how", ["fresh", "numbers-wrong", "merged"])
def test_late_values_by_position_or_by_id_reach_every_node(falkor_store, monkeypatch, how):
    """Into a fresh staging graph the late values are set by the nodes' numbers in one
    statement; where a node's number does not hold the id expected (simulated), or into a
    copy of a stored graph (a load without --replace), they are set by id: each node gets
    exactly its own either way."""
    from actorgraph import cypher
    from actorgraph.store import falkor

    graph = chain_graph(12)
    if how == "merged":
        falkor_store.load(chain_graph(3), replace=True)
    if how == "numbers-wrong":
        before = falkor._LateValues.before

        def shifted(self, nodes):
            before(self, nodes)
            self.sent.insert(0, self.sent.pop())  # every node one number off
        monkeypatch.setattr(falkor._LateValues, "before", shifted)
    values = {node_id: {"degree": i, "betweenness": i / 8, "community": -i} for i, node_id in enumerate(sorted(graph.nodes))}
    sent = _statements_sent(monkeypatch)
    falkor_store.load(graph, replace=how != "merged",
                      node_properties=lambda wait=True: values if wait else None)
    stored = falkor_store.export_graph()
    assert {node_id: {key: node.props[key] for key in values[node_id]}
            for node_id, node in stored.nodes.items()} == values
    names = ["degree", "betweenness", "community"]
    assert (cypher.set_values_by_position(names) in sent) is (how != "merged")
    assert (cypher.set_node_values(names) in sent) is (how != "fresh")


@pytest.mark.parametrize("same_names", [True, False], ids=["as-lists", "as-maps"])
def test_values_set_late_reach_every_node_whatever_its_id(falkor_store, same_names):
    """The late values go as rows [id, value, ...] when every node has the same names
    (cypher.SET_NODE_VALUES), else as maps; either way each node gets exactly its own,
    ids with quotes, backslashes and non-ASCII included."""
    graph = chain_graph(3)
    for odd in ('say "hi"', "back\\slash", "ni\u00f1o \u4e2d", "tab\tid"):
        graph.add_node(Node(odd, odd.title(), "Person"))
    values = {node_id: {"degree": i, "betweenness": i / 8, "community": -i} for i, node_id in enumerate(sorted(graph.nodes))}
    if not same_names:
        values["p1"] = {"degree": 5, "rank": "top"}

    def node_properties(wait: bool = True):
        if not wait:
            return None  # never ready before a batch: every node gets the values late
        return values

    falkor_store.load(graph, replace=True, node_properties=node_properties)
    stored = falkor_store.export_graph()
    assert {node_id: {key: node.props[key] for key in values[node_id]}
            for node_id, node in stored.nodes.items()} == values
    if not same_names:
        assert "rank" not in stored.nodes["p0"].props and "community" not in stored.nodes["p1"].props


def test_a_batch_the_server_refuses_mid_load_keeps_the_stored_graph_and_the_store_usable(falkor_store, monkeypatch):
    """Batches are pipelined (the next is on the socket before a reply is read): a refused one
    is a one-line QueryError, the batches queued after it change nothing visible, and the next
    load and read on the same store work."""
    from actorgraph import cypher
    from actorgraph.store import falkor

    falkor_store.load(chain_graph(3), replace=True)
    before = falkor_store.counts()
    monkeypatch.setattr(falkor, "BATCH_SIZE", 2)
    broken = dict(falkor._CREATE_FOR)
    broken[cypher.MERGE_RELATIONS] = "UNWIND $rows AS row MATCH (a:Entity {id: row.source}) CREATE (a)-[r:{type}]->(b:"
    monkeypatch.setattr(falkor, "_CREATE_FOR", broken)
    with pytest.raises(QueryError, match=r"^FalkorDB rejected the query: .*") as refused:
        falkor_store.load(chain_graph(20), replace=True)
    assert "\n" not in str(refused.value)
    assert falkor_store.counts() == before
    assert [g for g in falkor_store.client.list_graphs() if "staging" in g] == []
    monkeypatch.setattr(falkor, "_CREATE_FOR", dict(broken, **{cypher.MERGE_RELATIONS: cypher.CREATE_RELATIONS}))
    stats = falkor_store.load(chain_graph(20), replace=True)
    assert total(stats.counts) == total(falkor_store.counts()) == (21, 39)


def test_load_counts_are_what_the_store_holds_after_a_merge(falkor_store):
    falkor_store.load(chain_graph(3))
    stats = falkor_store.load(chain_graph(6))
    assert stats.counts == falkor_store.counts()
    assert total(stats.counts) == (7, 11)


def test_a_failed_load_stops_the_analytics_it_was_given(falkor_store, tmp_path, ontology, monkeypatch):
    from actorgraph import analytics
    from actorgraph.build import load_annotated, read_graph_annotating
    from actorgraph.model import write_graph

    path = tmp_path / "graph.json"
    write_graph(chain_graph(analytics.COMPILED_ABOVE + 100), path)
    graph, computing = read_graph_annotating(path, ontology)

    def refuse(*args, **kwargs):
        raise StoreError("refused")

    monkeypatch.setattr(falkor_store, "load", refuse)
    with pytest.raises(StoreError, match="refused"):
        load_annotated(falkor_store, graph, replace=True, computing=computing)
    assert not computing._child.is_alive()
