"""The embedded store on a bad day (issue 11, store side): a pid file naming someone else's
process, a full disk, runaway queries, LOAD CSV, a hostile short-socket folder, a corrupt dump,
two builds at once. All on the real embedded FalkorDB server and the real CLI."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.store import server


def cli(data_dir: Path, *args: str):
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args])


# -- item 1: never signal a process that is not this data dir's server --------------------------------

@pytest.fixture
def bystander():
    """An unrelated process (a `sleep`) that a stale pid file could name."""
    proc = subprocess.Popen(["sleep", "600"])
    yield proc
    proc.kill()
    proc.wait()


@pytest.mark.parametrize("command", [["query", "most_connected"], ["store", "stop"], ["store", "status"]])
def test_a_pid_file_naming_another_process_leaves_it_alone(data_dir, bystander, command, monkeypatch):
    monkeypatch.setattr(server, "STALL_SECONDS", 1.0)  # the old code waited this long, then killed
    pid_file = data_dir / "falkordb.pid"
    pid_file.write_text(f"{bystander.pid}\n")
    result = cli(data_dir, *command)
    time.sleep(0.2)
    assert bystander.poll() is None, f"{command} signalled an unrelated process ({bystander.returncode})"
    assert f"names process {bystander.pid}, which is not this store's server" in result.output \
        or command == ["store", "status"]
    if command != ["store", "status"]:
        assert not pid_file.exists() or server._read_pid(data_dir) != bystander.pid


def test_a_proven_but_hung_server_gets_sigterm_before_sigkill(data_dir):
    """A hung server is stopped with SIGTERM first; SIGKILL only when it does not go."""
    info = server.start_server(data_dir)
    os.kill(info.pid, signal.SIGSTOP)  # stands in for a hang: SIGTERM stays pending
    started = time.monotonic()
    server._terminate(info.pid, data_dir, info.socket_path)
    assert not server._pid_alive(info.pid)
    assert time.monotonic() - started >= server.TERM_GRACE * 0.9, "escalated without waiting"
    assert server._not_our_server(os.getpid(), data_dir, info.socket_path), "a python process is not the server"
