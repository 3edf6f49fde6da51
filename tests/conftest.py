"""Shared fixtures. Store tests run against the real embedded FalkorDB server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from actorgraph import analytics
from actorgraph.model import Graph, read_graph
from actorgraph.ontology import Ontology, load_ontology
from actorgraph.settings import PROJECT_ROOT
from actorgraph.store import server
from actorgraph.store.falkor import FalkorStore

GRAPH_DIR = PROJECT_ROOT / "graph"
SNAPSHOT = GRAPH_DIR / "snapshot.json"
SHARED = PROJECT_ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "eval" / "dev"


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load_ontology(GRAPH_DIR / "ontology.yaml")


@pytest.fixture
def data_dir(tmp_path_factory) -> Path:
    """A fresh store data dir; its server is stopped when the test ends."""
    path = tmp_path_factory.mktemp("store")
    yield path
    server.stop_server(path)


@pytest.fixture
def falkor_store(data_dir, ontology):
    """An empty embedded store on its own server."""
    store = FalkorStore.open(data_dir, ontology=ontology)
    yield store
    store.close()


@pytest.fixture
def dev_graph(ontology) -> Graph:
    """The committed development graph (graph/snapshot.json), freshly read for each test."""
    if not SNAPSHOT.exists():
        pytest.skip("graph/snapshot.json has not been generated yet")
    return read_graph(SNAPSHOT, ontology)


@pytest.fixture(scope="session")
def dev_store(tmp_path_factory, ontology):
    """One embedded store holding the development graph as `actorgraph build` loads it.

    Session-scoped: tests must not write to it.
    """
    if not SNAPSHOT.exists():
        pytest.skip("graph/snapshot.json has not been generated yet")
    path = tmp_path_factory.mktemp("dev-store")
    store = FalkorStore.open(path, ontology=ontology)
    store.load(analytics.annotate(read_graph(SNAPSHOT, ontology)), replace=True)
    yield store
    store.close()
    server.stop_server(path)


# -- the checkout stays as it was ---------------------------------------------------------------
# Tests write only inside their temporary folders. The checkout's files (tracked, untracked and
# ignored alike: ./out and ./.actorgraph are ignored by git) are listed before and after the
# session; anything new fails the run. The tools' own caches are left out.
_TOOL_CACHES = (".venv/", ".hypothesis/", ".pytest_cache/", "tests/cypher_lint/node_modules/")
_checkout_before: set[str] | None = None


def _checkout_files() -> set[str] | None:
    import subprocess

    try:
        out = subprocess.run(["git", "-C", str(PROJECT_ROOT), "status", "--porcelain", "--ignored",
                              "--untracked-files=all"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None  # not a git checkout (an sdist, say): nothing to compare
    return {line for line in out.stdout.splitlines()
            if not line[3:].startswith(_TOOL_CACHES) and "__pycache__/" not in line and ".egg-info/" not in line}


def pytest_sessionstart(session):
    global _checkout_before
    _checkout_before = _checkout_files()


def pytest_sessionfinish(session, exitstatus):
    after = _checkout_files()
    if _checkout_before is None or after is None:
        return
    new = sorted(after - _checkout_before)
    if new:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = ("tests changed the checkout (tests write only inside their temporary folders):\n  "
                   + "\n  ".join(new))
        if reporter is not None:
            reporter.write("\n")
            reporter.write_line(message, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session", autouse=True)
def pattern_cache_dir(tmp_path_factory):
    """``actorgraph extract`` keeps compiled patterns in the user's cache folder: in the tests,
    in a temporary one (subprocesses inherit it)."""
    folder = tmp_path_factory.mktemp("pattern-cache")
    before = os.environ.get("ACTORGRAPH_CACHE_DIR")
    os.environ["ACTORGRAPH_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("ACTORGRAPH_CACHE_DIR", None)
    else:
        os.environ["ACTORGRAPH_CACHE_DIR"] = before
