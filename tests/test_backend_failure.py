"""The backend failing under a running command: the embedded server killed or hung mid-run, a
Neo4j URI that refuses connections, a Bolt server dying during a Neo4j-backend load.

Each must end the command with one line `Error: ...` (exit 1, no traceback) within seconds,
and a plain re-run must then finish the job on an intact store.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.model import write_graph
from actorgraph.store import server

from .test_crash_safety import ENV, cli, pairs_graph, state


def run_killing_the_server(data_dir: Path, args: list[str], at_percent: int) -> subprocess.CompletedProcess:
    """Run `actorgraph ARGS`; once its progress bar reaches at_percent, SIGKILL the embedded server."""
    import pty
    import re
    import select

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "actorgraph", "--data-dir", str(data_dir), *args],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, env=ENV)
    os.close(slave)
    seen, killed = b"", False
    started = time.monotonic()
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 0.01)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    chunk = b""
                if not chunk and proc.poll() is not None:
                    break
                seen += chunk
            elif proc.poll() is not None:
                break
            percents = [int(p) for p in re.findall(rb"(\d+)%", seen)]
            if not killed and percents and percents[-1] >= at_percent:
                info = server.running(data_dir)
                assert info, "the server went away before the kill"
                os.kill(info.pid, signal.SIGKILL)
                killed = True
            assert time.monotonic() - started < 120
        stdout = proc.stdout.read().decode()
        proc.wait()
    finally:
        os.close(master)
    assert killed, "the command finished before the server could be killed"
    text = re.sub(rb"\x1b\[[0-9;?]*[a-zA-Z]", b"", seen).decode(errors="replace")
    errors = [line.strip() for line in text.replace("\r", "\n").splitlines() if line.strip().startswith(("Error", "Traceback"))]
    return subprocess.CompletedProcess(args, proc.returncode, stdout, "\n".join(errors))


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    folder = tmp_path_factory.mktemp("backend-files")
    write_graph(pairs_graph(1000), folder / "a.json")
    write_graph(pairs_graph(1200, tag="b"), folder / "b.json")
    write_graph(pairs_graph(300), folder / "small.json")
    return folder


@pytest.fixture(scope="module")
def expected(big, tmp_path_factory, ontology):
    """The store after uninterrupted loads of a.json then b.json."""
    reference = tmp_path_factory.mktemp("backend-reference")
    cli(reference, "load", str(big / "a.json"))
    cli(reference, "load", str(big / "b.json"))
    yield state(reference, ontology)
    server.stop_server(reference)


@pytest.mark.parametrize("at_percent", [50])
def test_server_killed_mid_load_is_one_line_and_a_rerun_resumes(data_dir, big, ontology, at_percent, expected):
    cli(data_dir, "load", str(big / "a.json"))
    before = state(data_dir, ontology)
    done = run_killing_the_server(data_dir, ["load", str(big / "b.json")], at_percent)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert done.stderr.splitlines() == [done.stderr.splitlines()[0]] and done.stderr.startswith("Error: "), done.stderr
    assert "lost the embedded FalkorDB server" in done.stderr and "run the command again" in done.stderr
    assert state(data_dir, ontology) == before, "the saved store is the one before the failed load"
    cli(data_dir, "load", str(big / "b.json"))
    assert state(data_dir, ontology) == expected


def test_server_killed_between_commands_restarts_on_the_next_one(data_dir, big, ontology):
    cli(data_dir, "load", str(big / "small.json"))
    server.start_server(data_dir, pin=True)  # keep it up, then kill it
    before = state(data_dir, ontology)
    os.kill(server.running(data_dir).pid, signal.SIGKILL)
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "query", "most_connected", "-p", "limit=1"])
    assert result.exit_code == 0, result.output
    assert state(data_dir, ontology) == before


def test_a_hung_server_is_replaced(data_dir, big, ontology, monkeypatch):
    """SIGSTOP stands in for a hang (FalkorDB was seen stuck in a futex after loading its dump):
    the next command notices it is silent and its log still, kills it and starts a fresh one."""
    cli(data_dir, "load", str(big / "small.json"))
    before = state(data_dir, ontology)
    server.start_server(data_dir, pin=True)
    hung = server.running(data_dir).pid
    os.kill(hung, signal.SIGSTOP)
    try:
        monkeypatch.setattr(server, "STALL_SECONDS", 1.0)
        started = time.monotonic()
        result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "query", "most_connected"])
        assert result.exit_code == 0, result.output
        assert time.monotonic() - started < 10
        assert server.running(data_dir).pid != hung
        assert not server._pid_alive(hung)
    finally:
        if server._pid_alive(hung):
            os.kill(hung, signal.SIGKILL)
    assert state(data_dir, ontology) == before


def test_a_server_that_hangs_while_starting_is_started_again(data_dir, big, ontology, monkeypatch):
    """The first launch is real but frozen with SIGSTOP as soon as it writes its pid file."""
    cli(data_dir, "load", str(big / "small.json"))
    before = state(data_dir, ontology)
    launch, frozen = server._launch, []

    def launch_and_freeze_once(command, where):
        launch(command, where)
        if not frozen:
            while server._read_pid(where) is None:
                time.sleep(0.01)
            frozen.append(server._read_pid(where))
            os.kill(frozen[0], signal.SIGSTOP)

    monkeypatch.setattr(server, "_launch", launch_and_freeze_once)
    monkeypatch.setattr(server, "STALL_SECONDS", 1.0)
    try:
        assert state(data_dir, ontology) == before
        assert frozen and not server._pid_alive(frozen[0])
    finally:
        if frozen and server._pid_alive(frozen[0]):
            os.kill(frozen[0], signal.SIGKILL)


def free_port() -> int:
    for port in random.Random(os.getpid() + 1).sample(range(20000, 32000), 200):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


@pytest.mark.parametrize("command", [["query", "brokers"], ["load", "GRAPH"], ["build", "--no-html"],
                                     ["export", "-f", "json"]])
def test_a_neo4j_uri_that_refuses_connections_is_one_line_within_seconds(command, big, tmp_path):
    port = free_port()  # nothing listens: connection refused
    command = [str(big / "a.json") if c == "GRAPH" else c for c in command]
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "actorgraph", "--backend", "neo4j", "--neo4j-uri",
                           f"bolt://127.0.0.1:{port}", "--neo4j-password", "pw", "--data-dir",
                           str(tmp_path / "data"), *command], capture_output=True, text=True, timeout=60)
    elapsed = time.monotonic() - started
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stderr == (f"Error: cannot reach Neo4j at bolt://127.0.0.1:{port} (connection refused); "
                           "is it running?" + proc.stderr.split("is it running?", 1)[1])
    assert len(proc.stderr.strip().splitlines()) == 1
    assert elapsed < 8, f"took {elapsed:.1f}s"


@pytest.mark.parametrize("args", [["query", "brokers"], ["load", "GRAPH"], ["export", "-f", "json"],
                                  ["build", "--no-html"], ["render", "-o", "VIEW"]])
def test_server_killed_right_after_a_command_opened_it(data_dir, big, monkeypatch, args, tmp_path):
    """Every store call of every command, not only the load batches, turns a dead server into one line."""
    from actorgraph.store.falkor import FalkorStore

    monkeypatch.chdir(tmp_path)
    cli(data_dir, "load", str(big / "small.json"))
    opened = FalkorStore.open.__func__

    def open_then_lose_the_server(cls, *a, **kw):
        store = opened(cls, *a, **kw)
        os.kill(server.running(store.data_dir).pid, signal.SIGKILL)
        time.sleep(0.2)
        return store

    monkeypatch.setattr(FalkorStore, "open", classmethod(open_then_lose_the_server))
    # every path absolute: the second run below happens after monkeypatch.undo() undid the chdir
    # (a relative v.html landed in the checkout)
    paths = {"GRAPH": str(big / "small.json"), "VIEW": str(tmp_path / "v.html")}
    args = [paths.get(a, a) for a in args]
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    assert result.output.startswith("Error: lost the embedded FalkorDB server (")
    assert result.output.strip().endswith("run the command again to restart it")
    assert len(result.output.strip().splitlines()) == 1
    monkeypatch.undo()
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), *args])
    assert result.exit_code == 0, result.output


def connect_to_the_stand_in(data_dir: Path, port: int, ontology, **options):
    """``Neo4jStore.connect`` to FalkorDB's Bolt side, started by the calling test in ``data_dir``.

    That stand-in for Neo4j now and then never answers the first query on a new graph, and then
    ignores SIGTERM as well: FalkorDB's rare deadlock on creating a graph (docs/reliability.md;
    seen here in a CI run, where the test waited for pytest's 300 s time-out and its rerun). It
    is the stand-in's fault, not the code's under test, so after 20 s
    the stand-in (this test's own server, found by its data folder) is killed and started
    again, once; the connect that waited then fails and is not used."""
    from actorgraph.store.neo4j import Neo4jStore

    for _ in range(2):
        outcome: dict = {}

        def connect():
            try:
                outcome["store"] = Neo4jStore.connect(f"bolt://127.0.0.1:{port}", "falkordb", "", "mid_load",
                                                      ontology, batch_bytes=3500, **options)
            except Exception as exc:  # handed to the test below
                outcome["error"] = exc

        waiting = threading.Thread(target=connect, daemon=True)
        waiting.start()
        waiting.join(20)
        if not waiting.is_alive():
            if "error" in outcome:
                raise outcome["error"]
            return outcome["store"]
        os.kill(server.running(data_dir).pid, signal.SIGKILL)
        waiting.join(10)
        server.start_server(data_dir, bolt_port=port, pin=True)
    pytest.fail(f"FalkorDB's Bolt stand-in on port {port} did not answer twice in a row")


def test_neo4j_backend_server_dying_mid_load_then_a_rerun_resumes(data_dir, ontology):
    """No Neo4j here: FalkorDB's own Bolt server stands in for it (small batches, as its Bolt
    side needs), and is SIGKILLed after the third batch of a load through the neo4j backend."""
    from actorgraph.errors import StoreError

    port = free_port()
    server.start_server(data_dir, bolt_port=port, pin=True)
    uri = f"bolt://127.0.0.1:{port}"
    graph = pairs_graph(60)
    store = connect_to_the_stand_in(data_dir, port, ontology, timeout=2)
    calls = []

    def kill_the_server(done, total):
        calls.append(done)
        if len(calls) == 3:
            os.kill(server.running(data_dir).pid, signal.SIGKILL)

    started = time.monotonic()
    try:
        with pytest.raises(StoreError) as failure:
            store.load(graph, progress=kill_the_server)
    finally:
        store.close()
    assert time.monotonic() - started < 20
    message = str(failure.value)
    assert message.startswith(f"cannot reach Neo4j at {uri}") and "\n" not in message
    server.start_server(data_dir, bolt_port=port, pin=True)
    store = connect_to_the_stand_in(data_dir, port, ontology)
    try:
        store.load(graph)
        assert store.counts() == {"nodes": {"Person": 60}, "edges": {"MET_WITH": 30}, "articles": 15}
    finally:
        store.close()
