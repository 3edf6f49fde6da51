"""Neo4j's own Cypher linter (@neo4j-cypher/language-support from npm), driven from the tests.

`npm ci --prefix tests/cypher_lint` installs it (CI does). Without Node.js the tests that use it
are skipped; without the npm packages they are skipped on a developer's machine and fail in CI
(CI=true), so a build can never pass without the grammar check having run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
LINT = HERE / "lint.mjs"


def run_lint(statements: list[dict], tmp_path: Path) -> tuple[int, dict, str]:
    """Lint [{'name', 'text', 'params'}]; (exit code, the JSON summary, stdout)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs npm)")
    if not (HERE / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        message = "Neo4j's Cypher linter is not installed: run `npm ci --prefix tests/cypher_lint`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    source = tmp_path / "statements.json"
    source.write_text(json.dumps(statements), encoding="utf-8")
    done = subprocess.run([node, str(LINT), "--json", str(source)], capture_output=True, text=True,
                          timeout=120, cwd=HERE)
    lines = done.stdout.strip().splitlines()
    assert lines, f"lint.mjs printed nothing; stderr: {done.stderr[-2000:]}"
    return done.returncode, json.loads(lines[-1]), done.stdout
