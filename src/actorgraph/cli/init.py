"""init: lay out a workspace (graph/ontology.yaml, graph/curation.yaml, queries/)."""

from __future__ import annotations

from pathlib import Path

import click

from ..workspace import init_workspace


@click.command()
@click.argument("directory", type=click.Path(path_type=Path), default=Path("."), required=False)
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def init(directory: Path, force: bool):
    """Make DIRECTORY (default: here) a workspace: graph/ontology.yaml to edit, an empty
    graph/curation.yaml, and queries/ for .cypher files that add to or override (by name)
    the built-in query library. Refuses to overwrite a file unless --force.

    Without a workspace, commands use the built-in ontology and query library.
    """
    written = init_workspace(directory, force=force)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"Run actorgraph commands in {directory} to use them.")


COMMANDS = [init]
