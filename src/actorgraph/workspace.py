"""A workspace: the folder an analyst works in, with files that replace the built-in ones.

``actorgraph init DIR`` lays one out::

    DIR/graph/ontology.yaml   the graph model (a copy of the built-in one, to edit)
    DIR/graph/curation.yaml   manual fixes, empty but for the comment that explains them
    DIR/queries/              .cypher files that add to, or override by name, the built-in library

Commands run in a workspace read these files; where one is missing (or there is no
workspace at all) they read the copy shipped in the package (see settings.graph_file).
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .model import write_text_atomic
from .settings import WORKSPACE_GRAPH, WORKSPACE_QUERIES, builtin_path

QUERIES_README = """\
Named Cypher queries of this workspace. Each NAME.cypher here is added to the library
`actorgraph queries` lists, or replaces the built-in query of the same NAME (with its
NAME.BACKEND.cypher variants). A query starts with its header:

    // title: Who met whom, by month
    // description: MET_WITH relations with the month of each piece of evidence.
    // param: actor actor = "" — id, name or alias of an actor; empty for all
    // param: limit int 1..1000 = 50 — how many rows
    // backends: falkordb, neo4j

Parameter types: string, int, float, bool, date (YYYY, YYYY-MM or YYYY-MM-DD), actor (an
id, name or alias, resolved to the actor's id before the query runs, with a suggestion when
nothing matches) and relation (a relation type of graph/ontology.yaml). An int may declare
its range (1..2). Run `actorgraph queries` to see the built-in ones and their headers.
"""


def workspace_files() -> dict[Path, str]:
    """What `init` writes, relative to the workspace folder, and the text of each file."""
    return {
        WORKSPACE_GRAPH / "ontology.yaml": builtin_path("ontology.yaml").read_text(encoding="utf-8"),
        WORKSPACE_GRAPH / "curation.yaml": builtin_path("curation.yaml").read_text(encoding="utf-8"),
        WORKSPACE_QUERIES / "README.txt": QUERIES_README,
    }


def init_workspace(directory: Path, *, force: bool = False) -> list[Path]:
    """Write a workspace's files into `directory`; the paths written.

    Raises InputError, before writing anything, when one of the files already exists and
    `force` is not set, or when `directory` is a file.
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise InputError(f"{directory} is a file, not a folder; give a folder for the workspace")
    files = {directory / relative: text for relative, text in workspace_files().items()}
    if not force:
        existing = [path for path in files if path.exists() or path.is_symlink()]
        if existing:
            more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
            raise InputError(f"{existing[0]} already exists{more}; pass --force to overwrite")
    for path, text in files.items():
        write_text_atomic(path, text)
    return list(files)
