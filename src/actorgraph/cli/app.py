"""What every command shares: settings resolved from flags/environment, the model, the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import click

from ..ontology import Ontology, load_ontology
from ..settings import SETTINGS, WORKSPACE_GRAPH, graph_file, user_queries_dir


def setting_option(name: str, *flags: str, **kwargs):
    """A click option whose envvar, default and help come from the settings table."""
    setting = SETTINGS[name]
    return click.option(*flags, envvar=setting.envvar, default=setting.default,
                        show_envvar=bool(setting.envvar), help=setting.help, **kwargs)


class Folder(click.Path):
    """A folder option that refuses an empty value (`--data-dir "$DIR"` with DIR unset), which
    as a Path is the current folder: the store, or --per-article, would put its files there."""

    def __init__(self) -> None:
        super().__init__(path_type=Path, file_okay=False)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail("give a folder, not an empty value", param, ctx)
        return super().convert(value, param, ctx)


class OutputName(click.ParamType):
    """An -o value that refuses an empty name (`-o "$OUT"` with OUT unset), which would
    otherwise mean the default place or the current folder, depending on the command."""

    name = "output"

    def __init__(self, *, path: bool = False) -> None:
        self.path = path  # convert to a Path (as click.Path(path_type=Path) does)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail("give a file name, not an empty value", param, ctx)
        return Path(value) if self.path and isinstance(value, str) else value


@dataclass
class App:
    backend: str = "falkordb"
    data_dir: Path = Path(".actorgraph")
    graph_dir: Path | None = None
    graph_name: str = "actorgraph"
    queries_dir: Path | None = None
    neo4j: dict[str, Any] = field(default_factory=dict)
    debug: bool = False
    query_timeout: float | None = float(SETTINGS["query_timeout"].default)  # seconds; None: no limit
    _store: Any = field(default=None, repr=False)

    @property
    def graph_path(self) -> Path:
        """The workspace's graph folder (--graph-dir, else ./graph), where files are written."""
        return Path(self.graph_dir) if self.graph_dir else WORKSPACE_GRAPH

    @property
    def ontology_path(self) -> Path:
        return graph_file("ontology.yaml", self.graph_dir)

    @property
    def curation_path(self) -> Path:
        return graph_file("curation.yaml", self.graph_dir)

    @property
    def snapshot_path(self) -> Path:
        """The workspace's snapshot.json, where `actorgraph snapshot` writes."""
        return self.graph_path / "snapshot.json"

    @property
    def snapshot_input(self) -> Path:
        """The snapshot to read: the workspace's, else the development graph shipped in the package."""
        return graph_file("snapshot.json", self.graph_dir)

    def library(self) -> dict:
        """The built-in named queries, with the workspace's queries/ added or overriding."""
        from ..queries import load_library

        return load_library(user=user_queries_dir(self.queries_dir))

    @cached_property
    def ontology(self) -> Ontology:
        return load_ontology(self.ontology_path)

    def store(self):
        """The configured backend, opened on first use and closed when the command ends."""
        if self._store is None:
            from ..store import open_store

            self._store = open_store(self)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
