"""The package works outside a checkout: package data, `actorgraph init`, a workspace's
queries overriding the built-in library, and a built wheel installed into a fresh venv."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph import queries, settings
from actorgraph.errors import ConfigError
from actorgraph.cli import main
from actorgraph.settings import PROJECT_ROOT

OVERRIDE = ("// title: Overridden\n// description: The workspace's own most_connected.\n"
            "// backends: falkordb, neo4j\nRETURN 'from the workspace' AS who\n")
EXTRA = ("// title: Extra\n// description: A query only this workspace has.\n"
         "// param: n int = 2 — a number\n// backends: falkordb, neo4j\nRETURN $n AS n\n")


# -- one hand-maintained copy -----------------------------------------------------------


def test_builtin_files_are_the_repository_files():
    """src/actorgraph/builtin links to graph/ and queries/: the wheel copies them, nobody else."""
    builtin = PROJECT_ROOT / "src" / "actorgraph" / "builtin"
    assert (builtin / "queries").resolve() == (PROJECT_ROOT / "queries").resolve()
    for name in ("ontology.yaml", "snapshot.json"):
        assert (builtin / name).resolve() == (PROJECT_ROOT / "graph" / name).resolve()
    assert settings.builtin_path("queries").resolve() == (PROJECT_ROOT / "queries").resolve()


def test_the_curation_template_heads_the_project_curation_file():
    """The one copied text: the template's explanation opens graph/curation.yaml too."""
    template = settings.builtin_path("curation.yaml").read_text(encoding="utf-8")
    project = (PROJECT_ROOT / "graph" / "curation.yaml").read_text(encoding="utf-8")
    assert template.strip() and project.startswith(template)
    assert all(not line.strip() or line.startswith("#") for line in template.splitlines())


# -- init and workspaces -----------------------------------------------------------------


def test_init_writes_a_workspace_and_refuses_to_overwrite(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["init", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    ws = tmp_path / "ws"
    assert (ws / "graph" / "ontology.yaml").read_text(encoding="utf-8") == \
        (PROJECT_ROOT / "graph" / "ontology.yaml").read_text(encoding="utf-8")
    assert (ws / "queries").is_dir() and not list((ws / "queries").glob("*.cypher"))
    (ws / "graph" / "curation.yaml").write_text("# mine\n", encoding="utf-8")

    again = runner.invoke(main, ["init", str(ws)])
    assert again.exit_code == 1
    assert again.output == (f"Error: {ws / 'graph' / 'ontology.yaml'} already exists (and 2 more); "
                            "pass --force to overwrite\n")
    assert (ws / "graph" / "curation.yaml").read_text(encoding="utf-8") == "# mine\n"

    forced = runner.invoke(main, ["init", "--force", str(ws)])
    assert forced.exit_code == 0, forced.output
    assert (ws / "graph" / "curation.yaml").read_text(encoding="utf-8").startswith("# Manual fixes")


def test_init_refuses_a_file(tmp_path):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path / "f")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "is a file, not a folder" in result.output


def test_a_workspace_query_adds_to_or_overrides_the_builtin_library(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    builtin = queries.load_library()
    assert settings.user_queries_dir() is None
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "most_connected.cypher").write_text(OVERRIDE, encoding="utf-8")
    (tmp_path / "queries" / "extra.cypher").write_text(EXTRA, encoding="utf-8")
    library = queries.load_library(user=settings.user_queries_dir())
    assert set(library) == set(builtin) | {"extra"}
    assert library["most_connected"].title == "Overridden"
    assert library["shortest_path"].texts == builtin["shortest_path"].texts


def test_a_workspace_variant_alone_replaces_only_that_backends_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    builtin = queries.load_library()
    (tmp_path / "queries").mkdir()
    variant = "MATCH (n:Entity) RETURN n.name AS actor, 0 AS counterparts LIMIT $limit\n"
    (tmp_path / "queries" / "most_connected.falkordb.cypher").write_text(variant, encoding="utf-8")
    library = queries.load_library(user=settings.user_queries_dir())
    assert library["most_connected"].text_for("falkordb").strip() == variant.strip()
    assert library["most_connected"].text_for("neo4j") == builtin["most_connected"].text_for("neo4j")
    assert queries.load_library()["most_connected"].texts == builtin["most_connected"].texts  # untouched
    (tmp_path / "queries" / "nothing.falkordb.cypher").write_text(variant, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"nothing\.falkordb\.cypher: variant of a query that does not exist"):
        queries.load_library(user=settings.user_queries_dir())


def test_without_a_workspace_the_builtin_files_are_used(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert settings.graph_file("ontology.yaml") == settings.builtin_path("ontology.yaml")
    assert settings.graph_file("curation.yaml") == settings.builtin_path("curation.yaml")
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "ontology.yaml").write_text("x: 1\n", encoding="utf-8")
    assert settings.graph_file("ontology.yaml") == Path("graph") / "ontology.yaml"
    assert settings.graph_file("curation.yaml") == settings.builtin_path("curation.yaml")


# -- the wheel ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The project built as a wheel and installed (not editable) into a fresh venv.

    The venv gets actorgraph from the wheel alone; its dependencies come from this test's
    own environment through a .pth line (a path line, so that environment's editable
    install of actorgraph is not activated), which keeps the test quick and offline.
    """
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"  # pip builds in the tree it is given: not in the checkout
    source.mkdir()
    for part in ("pyproject.toml", "README.md"):
        shutil.copy2(PROJECT_ROOT / part, source / part)
    for part in ("src", "graph", "queries"):
        shutil.copytree(PROJECT_ROOT / part, source / part, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    wheels = root / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q",
                            "-w", str(wheels)], capture_output=True, text=True, cwd=root)
    assert build.returncode == 0, build.stderr[-2000:]
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    wheel = next(wheels.glob("actorgraph-*.whl"))
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                              "--no-index", "-q", str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    where = subprocess.run([python, "-c", "import actorgraph; print(actorgraph.__file__)"],
                           capture_output=True, text=True, cwd=root, check=True).stdout.strip()
    assert where.startswith(site), f"actorgraph imported from {where}, not the wheel"
    yield venv
    subprocess.run([venv / "bin" / "actorgraph", "--data-dir", str(root / "store"), "store", "stop"],
                   capture_output=True, cwd=root)


def _actorgraph(venv: Path, cwd: Path, *args: str, cache: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACTORGRAPH_", "NEO4J_"))}
    # where extract keeps compiled patterns: the test's own folder, never the user's (conftest.py)
    env["ACTORGRAPH_CACHE_DIR"] = str(cache) if cache else os.environ.get("ACTORGRAPH_CACHE_DIR", "")
    return subprocess.run([venv / "bin" / "actorgraph", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


@pytest.mark.slow
def test_the_wheel_works_in_an_empty_folder(installed, tmp_path):
    store = str(tmp_path.parent / "wheel-store")
    empty = tmp_path / "empty"
    empty.mkdir()
    listed = _actorgraph(installed, empty, "queries")
    assert listed.returncode == 0, listed.stderr
    assert "neighbourhood — Actor neighbourhood" in listed.stdout

    built = _actorgraph(installed, empty, "--data-dir", store, "build", "-o", "view.html")
    assert built.returncode == 0, built.stderr
    assert "from snapshot " in built.stdout and (empty / "view.html").stat().st_size > 10_000
    asked = _actorgraph(installed, empty, "--data-dir", store, "query", "neighbourhood",
                        "-p", "actor=Milei", "--format", "csv")
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.startswith("source,relation,target,evidence,source_id,target_id,key\n") \
        and "Javier Milei" in asked.stdout

    assert _actorgraph(installed, empty, "init").returncode == 0
    (empty / "queries" / "most_connected.cypher").write_text(OVERRIDE, encoding="utf-8")
    overridden = _actorgraph(installed, empty, "--data-dir", store, "query", "most_connected",
                             "--format", "csv")
    assert overridden.returncode == 0, overridden.stderr
    assert overridden.stdout == "who\nfrom the workspace\n"
    assert sorted(p.name for p in empty.iterdir()) == ["graph", "queries", "view.html"]
    _actorgraph(installed, empty, "--data-dir", store, "store", "stop")


@pytest.mark.slow
def test_the_wheel_keeps_compiled_patterns_in_the_cache_folder(installed, tmp_path):
    # extract/pattern_cache.py: the installed package reads its own sources for the cache's
    # header, keeps the file in the folder named, and gives the same graph cold and warm
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy2(PROJECT_ROOT.parent / "shared" / "corpus" / "000_acaebd6602ef804f.txt", articles)
    cache = tmp_path / "cache"
    for out in ("cold.json", "warm.json"):
        done = _actorgraph(installed, tmp_path, "extract", "--jobs", "1", "articles", "-o", out, cache=cache)
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "cold.json").read_bytes() == (tmp_path / "warm.json").read_bytes()
    # the compiled patterns, and the checked rules and knowledge tables as plain data (kept_data)
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == ["knowledge", "patterns", "rulebook"]
