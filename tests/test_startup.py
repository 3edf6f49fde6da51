"""Start-up: a command imports only what it needs (see cli.COMMAND_MODULES)."""

from __future__ import annotations

import subprocess
import sys

import click

from actorgraph import cli

HEAVY = ("networkx", "igraph", "numpy", "trafilatura", "neo4j", "pyvis", "pycountry", "feedparser")
IMPORTED_BY_QUERY = """
import sys
from actorgraph.cli import main
try:
    main(["--data-dir", sys.argv[1], "query", "most_connected"], standalone_mode=False)
finally:
    print(" ".join(sorted(name for name in sys.argv[2:] if name in sys.modules)))
"""


def test_every_command_is_listed_with_its_module():
    for name in set(cli.COMMAND_MODULES.values()):
        module = __import__(f"actorgraph.cli.{name}", fromlist=["COMMANDS"])
        for command in module.COMMANDS:
            assert cli.COMMAND_MODULES.get(command.name) == name, command.name
    with click.Context(cli.main) as ctx:
        assert cli.main.list_commands(ctx) == sorted(cli.COMMAND_MODULES)
        assert all(cli.main.get_command(ctx, name) for name in cli.COMMAND_MODULES)


def test_query_imports_no_analytics_extraction_or_rendering_library(dev_store):
    proc = subprocess.run([sys.executable, "-c", IMPORTED_BY_QUERY, str(dev_store.data_dir), *HEAVY],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Argentina" in proc.stdout
    assert proc.stdout.splitlines()[-1] == ""
