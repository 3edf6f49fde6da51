"""import.sh, the script the csv export writes for the compose file's Neo4j.

Docker and Neo4j cannot run here: `docker` is a stand-in on PATH that records its
arguments and answers as told, so the tests check what the script refuses and which
docker commands it runs, in which order. The files themselves are checked against
neo4j-admin's rules in test_export.py (tests/neo4j_admin.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from actorgraph import export as exporting
from actorgraph.settings import PROJECT_ROOT

from .test_export_graphs import small_graph

FAKE_DOCKER = """#!/bin/sh
echo "$*" >> "$DOCKER_LOG"
case "$*" in
    *"--entrypoint sh"*) exit "${DATABASE_EXISTS_STATUS:-1}" ;;
esac
[ -t 0 ] || cat > /dev/null
exit 0
"""


@pytest.fixture
def folder(ontology, tmp_path):
    out = tmp_path / "neo4j-import"
    exporting.write_files(exporting.render(small_graph(ontology), ontology, "csv"), str(out))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "docker").write_text(FAKE_DOCKER)
    (bin_dir / "docker").chmod(0o755)
    return out


def run(folder: Path, *args: str, exists: bool = False):
    log = folder.parent / "docker.log"
    log.unlink(missing_ok=True)
    env = {**os.environ, "PATH": f"{folder.parent / 'bin'}:{os.environ['PATH']}", "DOCKER_LOG": str(log),
           "DATABASE_EXISTS_STATUS": "0" if exists else "1"}
    result = subprocess.run(["sh", str(folder / "import.sh"), *args], capture_output=True, text=True,
                            env=env, cwd=folder.parent, timeout=60)
    calls = log.read_text().splitlines() if log.exists() else []
    return result, calls


def test_the_script_parses(folder):
    for shell in ("sh", "bash"):
        if shutil.which(shell):
            subprocess.run([shell, "-n", str(folder / "import.sh")], check=True)


@pytest.mark.parametrize("args, message", [
    ((), "import.sh: give the database name"),
    (("--force",), "import.sh: give the database name"),
    (("system",), "'system' is Neo4j's own database"),
    (("my db",), "is not a Neo4j database name"),
    (("1db",), "is not a Neo4j database name"),
    (("neo4j", "other"), "usage: sh import.sh DATABASE [--force]"),
    (("neo4j", "--yes"), "unknown option --yes"),
])
def test_refuses_without_a_proper_database_name_and_touches_nothing(folder, args, message):
    result, calls = run(folder, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert calls == []


def test_an_existing_database_is_replaced_only_with_force(folder):
    result, calls = run(folder, "neo4j", exists=True)
    assert result.returncode == 1
    assert "database 'neo4j' already exists (Neo4j makes 'neo4j' on its first start, empty); add --force " \
           "to replace it" in result.stderr
    assert len(calls) == 1 and "--entrypoint sh" in calls[0]  # only the check: nothing stopped or written

    result, calls = run(folder, "neo4j", "--force", exists=True)
    assert result.returncode == 0, result.stderr
    assert [c.split()[1] for c in calls] == ["stop", "run", "start", "exec", "exec"]
    assert "--overwrite-destination=true" in calls[1]


def test_imports_into_the_stopped_compose_container_then_creates_the_schema(folder):
    result, calls = run(folder, "neo4j")
    assert result.returncode == 0, result.stderr
    assert [" ".join(c.split()[:2]) for c in calls] == [
        "compose run", "compose stop", "compose run", "compose start", "compose exec", "compose exec"]
    assert calls[2].startswith("compose run --rm --no-deps neo4j neo4j-admin database import full neo4j "
                               "--nodes=/import/nodes.csv --nodes=/import/articles.csv "
                               "--relationships=/import/relationships.csv --relationships=/import/mentions.csv "
                               "--array-delimiter=U+003B --multiline-fields=true")
    assert "--overwrite-destination" not in calls[2]
    assert "cypher-shell -u neo4j -d" in calls[-1]  # after-import.cypher goes in on stdin
    assert "imported into 'neo4j', constraints and indexes created" in result.stderr


def test_compose_file_pins_a_526_patch_and_mounts_the_import_folder():
    compose = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5.26.") and neo4j["image"].endswith("-community")
    assert neo4j["image"] != "neo4j:5.26.0-community"
    assert "${NEO4J_IMPORT_DIR:-./neo4j-import}:/import:ro" in neo4j["volumes"]
