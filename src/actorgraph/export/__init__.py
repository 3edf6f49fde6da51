"""Exporters: one module per format, each a function from a Graph to the text of its files.

An exporter takes the selected graph (and the ontology, for colours and symmetric flags)
and returns ``{relative file name: text}``; ``""`` names the single file of a one-file
format. Nothing touches the disk until every file has been rendered, and then all are
written by ``actorgraph.output`` (staged, then renamed), so a failure leaves no partial output.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import ActorGraphError, InputError
from ..model import Graph
from ..ontology import Ontology
from ..output import is_special_file
from ..output import write_files as write_all


class ExportError(ActorGraphError):
    """The format cannot carry the selection (a character XML forbids, a delimiter clash...)."""


@dataclass(frozen=True)
class ExportOptions:
    title: str = "actorgraph"
    scope: str = "whole graph"
    array_delimiter: str | None = None  # csv: None chooses one no array value holds


Exporter = Callable[[Graph, Ontology, ExportOptions], dict[str, str]]


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    description: str
    exporter: Exporter
    many_files: bool = False


def _formats() -> dict[str, Format]:
    from . import csvfmt, cypherfmt, gexf, graphml, htmlfmt, jsonfmt

    return {f.name: f for f in (
        Format("html", ".html", "offline HTML view (one file, opens in any browser)", htmlfmt.export),
        Format("graphml", ".graphml", "GraphML for Gephi, yEd, networkx", graphml.export),
        Format("gexf", ".gexf", "GEXF 1.2 for Gephi, with dates on the timeline", gexf.export),
        Format("json", ".json", "the project's graph JSON, with evidence", jsonfmt.export),
        Format("csv", "", "neo4j-admin database import folder (CSV files, import.sh)", csvfmt.export,
               many_files=True),
        Format("cypher", ".cypher", "MERGE script for an empty Neo4j or FalkorDB", cypherfmt.export),
    )}


FORMAT_NAMES = ("html", "graphml", "gexf", "json", "csv", "cypher")
_SUFFIXES = {".html": "html", ".htm": "html", ".graphml": "graphml", ".gexf": "gexf",
             ".json": "json", ".cypher": "cypher", ".cql": "cypher", ".csv": "csv"}


def get_format(name: str) -> Format:
    formats = _formats()
    if name not in formats:
        raise InputError(f"unknown export format {name!r} (known: {', '.join(FORMAT_NAMES)})")
    return formats[name]


def format_for_path(output: str) -> str | None:
    """The format a file name implies (``x.gexf`` -> gexf), or None."""
    return _SUFFIXES.get(Path(output).suffix.lower()) if output != "-" else None


def render(graph: Graph, ontology: Ontology, format_name: str, options: ExportOptions | None = None) -> dict[str, str]:
    """Render a graph in a format, in memory: {file name: text}."""
    return get_format(format_name).exporter(graph, ontology, options or ExportOptions())


def check_writable(output: str, many_files: bool = False) -> None:
    """Fail early, before any work, when the output cannot be written."""
    if output == "-":
        if many_files:
            raise InputError("csv writes several files (nodes.csv, relationships.csv, ...): "
                             "give a folder with -o, not -")
        return
    path = Path(output)
    if many_files and path.suffix.lower() == ".csv":
        raise InputError(f"{output}: csv writes a folder of neo4j-admin import files (nodes.csv, "
                         f"relationships.csv, ...); give -o a folder name, e.g. -o neo4j-import")
    if is_special_file(path):
        if many_files or not os.access(path, os.W_OK):
            raise InputError(f"{path}: cannot write {'several files to it' if many_files else 'to it'}; "
                             f"choose another -o")
        return
    if path.exists() and (path.is_dir() != many_files):
        kind = "a folder" if path.is_dir() else "a file"
        raise InputError(f"{path}: is {kind}; give -o a {'folder' if many_files else 'file'} path")
    folder = path if many_files else path.parent
    existing = folder
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(f"{path}: cannot write there ({existing} is not a writable folder); choose another -o")


def write_files(files: dict[str, str], output: str) -> list[Path]:
    """Write rendered files to ``output`` (a file, a folder for many files, or '-' for stdout).

    All or none, through the package's one writer (``actorgraph.output``): a device or
    pipe such as /dev/null is written into, a symbolic link's target is replaced.
    Returns the paths written.
    """
    many = len(files) > 1 or "" not in files
    check_writable(output, many)
    if output == "-":
        sys.stdout.write(files[""])
        sys.stdout.flush()
        return []
    target = Path(output)
    paths = {(target / name if many else target): text for name, text in sorted(files.items())}
    return write_all(paths, executable={path for path in paths if path.suffix == ".sh"})
