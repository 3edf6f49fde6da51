"""Safety: read-only queries, values only as parameters, a private server, secret credentials,
escaped HTML. All on the real embedded store and real CLI."""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from falkordb.graph import Graph as FalkorGraph

from actorgraph.cli import main
from actorgraph.errors import StoreError
from actorgraph.model import Edge, Evidence, Graph, Node, write_graph
from actorgraph.store import server
from actorgraph.store.falkor import FalkorStore

from .test_render import TagCounter, page_data

HOSTILE = ["O'Brien", 'Say "No" Smith', "Back`tick Jones", "Back\\slash Lee", "Two\nLines Kim",
           "}) DETACH DELETE n //", "'}) MATCH (m) DETACH DELETE m //", "\") DETACH DELETE n //",
           "x` {id: 1}) DETACH DELETE n //", "$pwned", "{name: 'x'}", "\\' OR 1=1 //",
           "Robert'); CREATE (:Pwned) //", "<script>alert(1)</script>"]


def hostile_graph() -> Graph:
    """One person per hostile name, each LEADS Argentina with a hostile quote, and MET_WITH the next."""
    graph = Graph()
    graph.add_node(Node("argentina", "Argentina", "Country"))
    for i, name in enumerate(HOSTILE):
        graph.add_node(Node(f"h{i}", name, "Person", [name + " alias'`\"\\"], {"role": name}))
        graph.add_edge(Edge(f"h{i}", "argentina", "LEADS",
                            [Evidence("a1", f"{name} said: {HOSTILE[-1 - i]}", i, i + 5, "2025-10")], {"role": name}))
        if i:
            graph.add_edge(Edge(f"h{i - 1}", f"h{i}", "MET_WITH", [Evidence("a1", name, None, None, None)]),
                           symmetric=True)
    return graph


@pytest.fixture
def cypher_sent(monkeypatch) -> list[tuple[str, dict]]:
    """Every (query text, parameters) pair the falkordb client is asked to send, in this process
    (reads go through falkor._ro_query, which parses the reply itself; writes through the client)."""
    from actorgraph.store import falkor

    sent: list[tuple[str, dict]] = []
    for method in ("query", "ro_query"):
        original = getattr(FalkorGraph, method)

        def spy(self, q, params=None, *args, _original=original, **kwargs):
            sent.append((q, dict(params or {})))
            return _original(self, q, params, *args, **kwargs)

        monkeypatch.setattr(FalkorGraph, method, spy)
    original_read = falkor._ro_query

    def read_spy(graph, q, params, limit_ms):
        sent.append((q, dict(params or {})))
        return original_read(graph, q, params, limit_ms)

    monkeypatch.setattr(falkor, "_ro_query", read_spy)
    return sent


def cli(data_dir: Path, *args: str):
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], catch_exceptions=False)


# -- values travel as parameters -------------------------------------------------------------------

def test_hostile_names_and_quotes_load_query_and_export_as_plain_values(data_dir, tmp_path, ontology, cypher_sent):
    graph = hostile_graph()
    path = tmp_path / "hostile.json"
    write_graph(graph, path)
    assert cli(data_dir, "load", str(path)).exit_code == 0
    for i, name in enumerate(HOSTILE):
        result = cli(data_dir, "query", "neighbourhood", "-p", f"actor={name}", "--format", "json")
        assert result.exit_code == 0, result.output
        ends = {r[k]["name"] if isinstance(r[k], dict) else r[k]
                for r in json.loads(result.output) for k in ("source", "target")}
        assert {name, "Argentina"} <= ends, (name, ends)
        other = HOSTILE[i - 1]
        result = cli(data_dir, "query", "evidence", "-p", f"source={name}", "-p", f"target={other}", "--format", "json")
        assert result.exit_code == 0, result.output
        assert i == 0 or [r["quote"] for r in json.loads(result.output)] == [name]
        result = cli(data_dir, "export", "--actor", name, "--depth", "0", "-f", "json")
        assert result.exit_code == 0, result.output
        assert [n["name"] for n in json.loads(result.output)["nodes"]] == [name]
    assert cli(data_dir, "query", "shortest_path", "-p", f"source={HOSTILE[0]}", "-p",
               f"target={HOSTILE[-1]}").exit_code == 0
    # nothing changed, nothing was created, and no value was ever pasted into a query text
    store = FalkorStore.open(data_dir, ontology=ontology)
    try:
        assert store.export_graph().to_dict() | {"meta": {}} == _annotated(graph, store).to_dict() | {"meta": {}}
        assert store.read("MATCH (n) WHERE NOT n:Entity AND NOT n:Article RETURN count(n)").rows == [[0]]
    finally:
        store.close()
    assert len(cypher_sent) > 40
    texts = "\n".join(q for q, _ in cypher_sent)
    for name in HOSTILE:
        assert name not in texts, f"{name!r} was pasted into Cypher"
    assert any(name in json.dumps(params) for _, params in cypher_sent for name in HOSTILE)


def _annotated(graph: Graph, store: FalkorStore) -> Graph:
    """The loaded graph as stored: `load` adds degree/betweenness/community to every node."""
    stored = store.export_graph()
    for node_id, node in graph.nodes.items():
        for key in ("degree", "betweenness", "community"):
            node.props[key] = stored.nodes[node_id].props[key]
    return graph


# -- read-only by default ----------------------------------------------------------------------------

WRITES = ["CREATE (:Pwned)", "MERGE (n:Entity {id: 'x'}) RETURN n", "MATCH (n:Entity) SET n.name = 'x'",
          "MATCH (n:Entity) REMOVE n.name", "MATCH (n) DETACH DELETE n", "MATCH ()-[r]->() DELETE r",
          "MATCH (n:Entity) SET n:Pwned", "CREATE INDEX FOR (n:Entity) ON (n.pwned)",
          "DROP INDEX ON :Entity(id)", "CALL db.idx.fulltext.createNodeIndex('Entity', 'name')",
          "MATCH (n:Entity) WITH n LIMIT 1 CALL { WITH n SET n.x = 1 } RETURN 1",
          "UNWIND [1] AS x CREATE (:Pwned {x: x})", "MATCH (n:Entity) FOREACH (x IN [1] | SET n.x = x)"]


@pytest.mark.parametrize("text", WRITES)
def test_every_kind_of_write_is_refused_without_the_flag(dev_cli, text):
    data_dir, before = dev_cli
    result = cli(data_dir, "query", "-e", text)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1
    assert "read-only unless you pass --write" in result.output or "FalkorDB rejected" in result.output
    assert cli(data_dir, "store", "status", "--json").output == before


def test_load_csv_cannot_read_local_files(dev_cli, tmp_path):
    data_dir, _ = dev_cli
    secret = tmp_path / "secret.csv"
    secret.write_text("s3cret,value\n")
    for uri in (f"file://{secret}", "file:///etc/passwd", f"file://{data_dir}/falkordb.log"):
        result = cli(data_dir, "query", "-e", f"LOAD CSV FROM '{uri}' AS row RETURN row")
        assert result.exit_code == 1 and "s3cret" not in result.output and "root:" not in result.output


@pytest.fixture(scope="module")
def dev_cli(tmp_path_factory):
    """A pinned store holding the development graph, and its `store status --json` output."""
    path = tmp_path_factory.mktemp("safety-store")
    server.start_server(path, pin=True)
    assert cli(path, "build", "--no-html").exit_code == 0
    yield path, cli(path, "store", "status", "--json").output
    server.stop_server(path)


# -- the embedded server is private ------------------------------------------------------------------

def listening_tcp_ports(pid: int) -> set[tuple[str, int]]:
    """(address, port) of every TCP socket the process listens on, from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A = LISTEN
                address, port = fields[1].split(":")
                found.add((address, int(port, 16)))
    return found


def test_the_server_listens_on_no_tcp_port_and_its_files_are_private(dev_cli):
    data_dir, _ = dev_cli
    info = server.running(data_dir)
    assert listening_tcp_ports(info.pid) == set()
    assert (data_dir.stat().st_mode & 0o777) == 0o700
    assert (info.socket_path.stat().st_mode & 0o777) == 0o700
    assert (Path(data_dir) / "leases").stat().st_mode & 0o077 == 0


def test_a_deep_data_dir_gets_a_private_short_socket(tmp_path, ontology):
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    store = FalkorStore.open(deep, ontology=ontology)
    try:
        sock = server.running(deep).socket_path
        assert not str(sock).startswith(str(deep))
        assert (sock.parent.stat().st_mode & 0o777) == 0o700 and (sock.stat().st_mode & 0o777) == 0o700
    finally:
        store.close()
        server.stop_server(deep)


def free_port() -> int:
    """A free TCP port FalkorDB will take for Bolt (it ignores ports above 32767)."""
    for port in random.Random(os.getpid()).sample(range(20000, 32000), 200):
        with socket.socket() as probe:
            try:
                probe.bind(("0.0.0.0", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def test_bolt_is_opened_only_when_asked(data_dir):
    """The library can open Bolt (the tests use it as a stand-in for Neo4j); the CLI cannot."""
    port = free_port()
    server.start_server(data_dir, bolt_port=port, pin=True)
    try:
        pid = server.running(data_dir).pid
        deadline = time.monotonic() + 10  # the Bolt listener starts a moment after the server answers
        while not (listening := listening_tcp_ports(pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert {p for _, p in listening} == {port}
    finally:
        server.stop_server(data_dir)
    assert not server.status(data_dir)["running"]


def test_a_bolt_port_falkordb_would_ignore_is_refused(data_dir):
    """FalkorDB silently ignores BOLT_PORT above 32767; actorgraph used to report it as open."""
    with pytest.raises(StoreError, match=r"Bolt port 40000 is out of range: FalkorDB takes 1-32767"):
        server.start_server(data_dir, bolt_port=40000)
    assert not server.status(data_dir)["running"]


# -- Neo4j credentials stay secret ------------------------------------------------------------------

SECRET = "s3cret-Pa55w0rd"


@pytest.mark.parametrize("how", [
    "flag", "env", "debug",
    "uri",
])
def test_neo4j_password_is_never_printed_or_written(tmp_path, monkeypatch, how):
    monkeypatch.chdir(tmp_path)
    port = free_port()  # nothing listens there: connection refused
    uri = f"bolt://127.0.0.1:{port}"
    args = ["--backend", "neo4j", "--data-dir", str(tmp_path / "data")]
    env = {**os.environ}
    if how == "flag":
        args += ["--neo4j-uri", uri, "--neo4j-password", SECRET]
    elif how == "env":
        args += ["--neo4j-uri", uri]
        env["NEO4J_PASSWORD"] = SECRET
    elif how == "uri":
        args += ["--neo4j-uri", f"bolt://neo4j:{SECRET}@127.0.0.1:{port}"]
    else:
        args = ["--debug", *args, "--neo4j-uri", uri, "--neo4j-password", SECRET]
    outputs = []
    for command in (["query", "brokers"], ["export", "-f", "json", "-o", "x.json"]):
        proc = subprocess.run([sys.executable, "-m", "actorgraph", *args, *command], env=env,
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode != 0
        outputs.append(proc.stdout + proc.stderr)
        if how != "debug":
            assert proc.stderr.startswith("Error: ") and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    help_text = subprocess.run([sys.executable, "-m", "actorgraph", "--help"], env=env, capture_output=True,
                               text=True, timeout=60).stdout
    assert SECRET not in help_text and SECRET not in "".join(outputs)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), f"{path} holds the password"


# -- HTML escapes article text ---------------------------------------------------------------------

SCRIPTED = ("<script>window.__pwned = 1</script> Milei meets Trump\n\n"
            "President Javier Milei met Donald Trump </script><img src=x onerror=alert(1)> in Washington "
            "on October 14, 2025. Treasury Secretary Scott Bessent said the United States supports "
            "Argentina <b onmouseover=alert(2)>fully</b>.\n")


def test_html_views_escape_article_text_end_to_end(data_dir, tmp_path):
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text(SCRIPTED)
    views = {"build": tmp_path / "index.html", "render": tmp_path / "render.html",
             "export": tmp_path / "export.html"}
    assert cli(data_dir, "build", str(article.parent), "--out", str(views["build"])).exit_code == 0
    assert cli(data_dir, "render", "-o", str(views["render"])).exit_code == 0
    assert cli(data_dir, "export", "-f", "html", "-o", str(views["export"])).exit_code == 0
    for kind, path in views.items():
        html = path.read_text(encoding="utf-8")
        tags = TagCounter()
        tags.feed(html)
        assert tags.counts.get("script") == 3, (kind, tags.counts)
        assert "img" not in tags.counts and "b" not in tags.counts, (kind, tags.counts)
        assert "window.__pwned" in html  # present only as text
        data = json.dumps(page_data(html))
        assert "onerror=alert(1)" in data and "</script><img" in data, kind  # intact for display
