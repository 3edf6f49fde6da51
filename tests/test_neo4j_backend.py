"""The Neo4j backend's driver code, run for real over Bolt.

There is no Neo4j here, so most tests talk Bolt to the embedded FalkorDB server started
with BOLT_PORT: a real Bolt server and the real `neo4j` driver, but not Neo4j. What that
does not cover (see docs/queries.md): Neo4j 5 constraint syntax (FalkorDB refuses it, so
the store falls back to plain indexes), read transactions refusing writes on the server
side, rollbacks, error messages (FalkorDB's Bolt sends errors without one), string
parameters containing a single quote and messages over about 4 KB (both break
FalkorDB's Bolt server; these tests replace ' with ’ and cap batches at 3,500 bytes).
FalkorDB's Bolt server also stalls the first handshake after a client disconnects, so
the tests open and close a bare TCP connection after each driver closes (settle()).

`test_against_a_real_neo4j` covers those against a real Neo4j when NEO4J_URI is set
(e.g. `docker compose up -d` with NEO4J_URI=bolt://localhost:7687 and NEO4J_PASSWORD).
"""

from __future__ import annotations

import json
import os
import random
import socket
import time

import pytest
from click.testing import CliRunner

from actorgraph import queries
from actorgraph.cli import main
from actorgraph.errors import QueryError, StoreError
from actorgraph.model import Graph
from actorgraph.store import server
from actorgraph.store.base import GNode, GPath, GRel
from actorgraph.store.neo4j import Neo4jStore

from .test_queries import SAMPLES, SMALL_SAMPLES, small_graph

BOLT_USER = "falkordb"  # FalkorDB's Bolt server takes this user with an empty password
FALKOR_BOLT_BYTES = 3500  # FalkorDB's Bolt server crashes on messages over ~4 KB


def bolt_safe(graph: Graph, ontology) -> Graph:
    """The graph with ' replaced by ’, and each relation's evidence cut to what one Bolt message
    holds: FalkorDB's Bolt server (the stand-in for Neo4j here) rejects string parameters holding a
    single quote and crashes on messages over ~4 KB, while one relation's row is never split
    (Neo4j does neither; the real-Neo4j test loads the graph whole)."""
    data = json.loads(json.dumps(graph.to_dict(), ensure_ascii=False).replace("'", "\u2019"))
    for edge in data["edges"]:
        kept, size = [], 0
        for evidence in edge["evidence"]:
            size += len(json.dumps(evidence, ensure_ascii=False).encode())
            if kept and size > FALKOR_BOLT_BYTES // 2:
                break
            kept.append(evidence)
        edge["evidence"] = kept
    return Graph.from_dict(data, ontology)


def free_port() -> int:
    """A free TCP port below 32768: FalkorDB ignores a larger BOLT_PORT without a word."""
    for _ in range(50):
        port = random.randint(20000, 32000)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port for the Bolt server")


def settle(uri: str) -> None:
    """Absorb FalkorDB's stalled first handshake after a Bolt client disconnects."""
    host, port = uri.rsplit("/", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=2):
        pass


@pytest.fixture(scope="module")
def bolt_server(tmp_path_factory):
    """An embedded FalkorDB server listening for Bolt on 127.0.0.1; yields its URI."""
    data_dir = tmp_path_factory.mktemp("bolt")
    port = free_port()
    server.start_server(data_dir, bolt_port=port)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    else:
        server.stop_server(data_dir)
        pytest.fail(f"FalkorDB did not open its Bolt port {port}")
    yield f"bolt://127.0.0.1:{port}"
    server.stop_server(data_dir)


@pytest.fixture
def bolt_store(bolt_server, ontology, request):
    """A Neo4jStore over Bolt on a graph of its own (the Bolt database name is the graph)."""
    database = f"t_{request.node.name[:40]}".replace("[", "_").replace("]", "_").replace("-", "_")
    store = Neo4jStore.connect(bolt_server, BOLT_USER, "", database, ontology,
                               batch_bytes=FALKOR_BOLT_BYTES)
    yield store
    store.clear()
    store.close()
    settle(bolt_server)


def test_batched_load_counts_and_export_round_trip(bolt_store, ontology):
    graph = bolt_safe(small_graph(), ontology)
    bolt_store.batch_size = 2
    progress = []
    stats = bolt_store.load(graph, replace=True, progress=lambda done, total: progress.append((done, total)))
    assert (stats.nodes, stats.edges, stats.articles) == (5, 5, 0)
    assert bolt_store.schema == "indexes"  # Neo4j 5 constraint syntax refused, plain indexes made
    total = progress[-1][1]
    assert len(progress) > 5 and progress[-1] == (total, total)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    assert bolt_store.counts() == {
        "nodes": {"Agreement": 1, "Country": 2, "Person": 2},
        "edges": {"LEADS": 2, "MET_WITH": 1, "NEGOTIATES": 1, "SUPPORTS": 1}, "articles": 0}
    assert bolt_store.export_graph().to_dict() == graph.to_dict()
    bolt_store.load(graph)  # MERGE again: nothing doubles
    assert bolt_store.counts()["edges"]["LEADS"] == 2


def test_development_graph_round_trips_over_bolt(bolt_store, dev_graph, ontology):
    graph = bolt_safe(dev_graph, ontology)
    bolt_store.load(graph, replace=True)
    exported, expected = bolt_store.export_graph().to_dict(), graph.to_dict()
    for part in ("nodes", "edges", "articles"):  # meta is not stored
        assert exported[part] == expected[part], part


def test_read_queries_convert_nodes_relationships_and_paths(bolt_store, ontology):
    graph = bolt_safe(small_graph(), ontology)
    bolt_store.load(graph, replace=True)
    result = bolt_store.read("MATCH p = (a:Entity {id: $id})-[r:LEADS]->(b) RETURN a, r, b, p, a.aliases AS aliases",
                             {"id": "javier-milei"})
    assert result.columns == ["a", "r", "b", "p", "aliases"]
    (a, r, b, p, aliases), = result.rows
    assert isinstance(a, GNode) and set(a.labels) == {"Entity", "Person"} and a.properties["name"] == "Javier Milei"
    assert isinstance(r, GRel) and r.type == "LEADS" and (r.start, r.end) == (a.element_id, b.element_id)
    assert r.properties["quotes"] == ["Milei, Argentina’s president"]
    assert isinstance(p, GPath) and [n.properties["id"] for n in p.nodes] == ["javier-milei", "argentina"]
    assert aliases == ["Milei", "President Milei"]
    found = queries.result_to_graph(result, ontology)
    assert [e.to_dict() for e in found.edges["javier-milei|LEADS|argentina"].evidence] == \
        [e.to_dict() for e in graph.edges["javier-milei|LEADS|argentina"].evidence]


def test_library_queries_run_over_bolt(bolt_store, ontology):
    bolt_store.load(bolt_safe(small_graph(), ontology), replace=True)
    library = queries.load_library()
    result = queries.run_named(bolt_store, library["neighbourhood"], {"actor": "milei"})
    assert [(r["source_id"], r["relation"]) for r in result.records()] == [
        ("donald-trump", "MET_WITH"), ("donald-trump", "SUPPORTS"),
        ("javier-milei", "LEADS"), ("javier-milei", "NEGOTIATES")]
    for name, query in library.items():
        if name == "shortest_path":
            continue  # its Neo4j text uses allShortestPaths in MATCH, which FalkorDB refuses
        raw = {k: v for k, v in SMALL_SAMPLES.get(name, SAMPLES[name]).items() if query.param(k)}
        assert queries.run_named(bolt_store, query, raw).columns, name


def test_read_refuses_writes_and_write_writes(bolt_store, ontology):
    bolt_store.load(bolt_safe(small_graph(), ontology), replace=True)
    # Neo4j refuses this in a read transaction; FalkorDB's Bolt runs it (and cannot roll
    # back), so the store's update-counter check is what raises here.
    with pytest.raises(QueryError, match="writes to the graph; queries are read-only unless you pass --write"):
        bolt_store.read("CREATE (n:Scratch {id: 'x'}) RETURN n")
    changed = bolt_store.write("MATCH (n:Entity {id: $id}) SET n.note = $note", {"id": "argentina", "note": "ok"})
    assert changed.changes == {"properties_set": 1}  # the driver's counters, by actorgraph's names
    assert bolt_store.read("MATCH (n:Entity {id: 'argentina'}) RETURN n.note").rows == [["ok"]]
    bolt_store.set_node_properties([{"id": "argentina", "props": {"degree": 7}}])
    assert bolt_store.read("MATCH (n:Entity {id: 'argentina'}) RETURN n.degree").rows == [[7]]


def test_a_rejected_query_is_one_line(bolt_store, ontology):
    bolt_store.load(bolt_safe(small_graph(), ontology), replace=True)
    with pytest.raises(QueryError) as info:
        bolt_store.read("MATCH (n:Entity RETURN n")
    assert "rejected the query" in str(info.value) and "\n" not in str(info.value)


def test_clear_deletes_actorgraph_nodes_in_batches_and_nothing_else(bolt_store, ontology):
    bolt_store.load(bolt_safe(small_graph(), ontology), replace=True)
    bolt_store.write("CREATE (:Unrelated {name: 'someone else'})")
    bolt_store.batch_size = 2
    bolt_store.clear()
    assert bolt_store.counts() == {"nodes": {}, "edges": {}, "articles": 0}
    assert bolt_store.read("MATCH (n:Unrelated) RETURN n.name").rows == [["someone else"]]
    bolt_store.write("MATCH (n:Unrelated) DELETE n")


def test_connection_refused_is_quick_and_one_line(ontology):
    port = free_port()
    started = time.monotonic()
    with pytest.raises(StoreError) as info:
        Neo4jStore.connect(f"bolt://127.0.0.1:{port}", "neo4j", "s3cret-pw", "neo4j", ontology)
    assert time.monotonic() - started < 5
    message = str(info.value)
    assert message.startswith(f"cannot reach Neo4j at bolt://127.0.0.1:{port} (connection refused); is it running?")
    assert "s3cret-pw" not in message and "\n" not in message


def test_unreachable_host_times_out_within_the_limit(ontology):
    started = time.monotonic()
    with pytest.raises(StoreError, match="cannot reach Neo4j"):
        # 192.0.2.0/24 is TEST-NET-1: never routed, so the connect can only time out.
        Neo4jStore.connect("bolt://192.0.2.1:7687", "neo4j", "pw", "neo4j", ontology, timeout=1.0)
    assert time.monotonic() - started < 6


def test_wrong_password_is_one_line_without_the_password(bolt_server, ontology):
    with pytest.raises(StoreError) as info:
        Neo4jStore.connect(bolt_server, "neo4j", "s3cret-pw", "neo4j", ontology)
    settle(bolt_server)
    assert "s3cret-pw" not in str(info.value)
    assert "password" in str(info.value)


def test_bad_uri_and_credentials_in_the_uri_are_not_echoed(ontology):
    with pytest.raises(StoreError, match="cannot use Neo4j URI http://localhost:7474: the scheme must be one of bolt"):
        Neo4jStore.connect("http://localhost:7474", "neo4j", "pw", "neo4j", ontology)
    with pytest.raises(StoreError) as info:
        Neo4jStore.connect("ftp://user:hunter2@localhost:7687", "neo4j", "pw", "neo4j", ontology)
    assert "hunter2" not in str(info.value)


def test_cli_runs_on_the_neo4j_backend(bolt_server, ontology, tmp_path):
    store = Neo4jStore.connect(bolt_server, BOLT_USER, "", "cli", ontology, batch_bytes=FALKOR_BOLT_BYTES)
    store.load(bolt_safe(small_graph(), ontology), replace=True)
    try:
        runner = CliRunner()
        args = ["--backend", "neo4j", "--neo4j-uri", bolt_server, "--neo4j-user", BOLT_USER,
                "--neo4j-password", "", "--neo4j-database", "cli"]
        result = runner.invoke(main, [*args, "query", "officials", "--format", "csv"], catch_exceptions=False)
        settle(bolt_server)
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[1] == "Argentina,Javier Milei,LEADS,,current,1"
        result = runner.invoke(main, [*args, "query", "-e", "CREATE (n:X)"])
        settle(bolt_server)
        assert result.exit_code == 1
        assert result.output == "Error: this query writes to the graph; queries are read-only unless you pass --write\n"
    finally:
        store.clear()
        store.close()
        settle(bolt_server)
    port = free_port()
    result = CliRunner().invoke(main, ["--backend", "neo4j", "--neo4j-uri", f"bolt://127.0.0.1:{port}",
                                       "--neo4j-password", "s3cret-pw", "query", "brokers"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot reach Neo4j at bolt://127.0.0.1:{port} (connection refused)")
    assert "s3cret-pw" not in result.output and "Traceback" not in result.output


@pytest.mark.neo4j
@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="set NEO4J_URI (and NEO4J_PASSWORD) to test a real Neo4j")
def test_against_a_real_neo4j(ontology, dev_graph):
    """Loads the development graph into the database at NEO4J_URI, REPLACING what it holds."""
    uri = os.environ["NEO4J_URI"]
    user = os.environ.get("NEO4J_USER", "neo4j")
    password = os.environ.get("NEO4J_PASSWORD")
    database = os.environ.get("NEO4J_DATABASE", "neo4j")
    store = Neo4jStore.connect(uri, user, password, database, ontology)
    try:
        foreign = store.read("MATCH (n) WHERE NOT n:Entity AND NOT n:Article RETURN count(n)").rows[0][0]
        if foreign:
            pytest.skip(f"{database} at {uri} holds other data; point NEO4J_URI at a scratch database")
        store.load(dev_graph, replace=True)
        assert store.schema == "neo4j"
        constraints = store.read("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names").rows[0][0]
        assert {"entity_id", "article_id"} <= set(constraints)
        exported, expected = store.export_graph().to_dict(), dev_graph.to_dict()
        for part in ("nodes", "edges", "articles"):  # meta is not stored
            assert exported[part] == expected[part], part
        library = queries.load_library()
        for name, query in library.items():
            assert queries.run_named(store, query, SAMPLES[name]).columns, name
        with pytest.raises(QueryError, match="writes to the graph"):
            store.read("CREATE (n:Scratch)")
        assert store.read("MATCH (n:Scratch) RETURN count(n)").rows == [[0]]  # rolled back
        with pytest.raises(QueryError, match=r"line 1, column \d+"):
            store.read("MATCH (n:Entity RETURN n")
    finally:
        store.close()
    with pytest.raises(StoreError, match="refused the user name or password"):
        Neo4jStore.connect(uri, user, "definitely-not-the-password", database, ontology)
    with pytest.raises(StoreError, match="has no database 'no_such_db'"):
        Neo4jStore.connect(uri, user, password, "no_such_db", ontology)
