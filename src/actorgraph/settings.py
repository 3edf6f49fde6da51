"""Every setting in one table: name, environment variable, default, help.

Resolution order is flag, then environment, then default; click applies it through
``envvar=`` on each option, so nothing here reads the environment at import time.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    envvar: str | None
    default: str | None
    help: str


SETTINGS: dict[str, Setting] = {
    "backend": Setting("ACTORGRAPH_BACKEND", "falkordb", "Graph store: falkordb (embedded, default) or neo4j."),
    "data_dir": Setting("ACTORGRAPH_DATA_DIR", ".actorgraph", "Where the embedded store keeps its data and socket."),
    "graph_dir": Setting("ACTORGRAPH_GRAPH_DIR", None, "Folder with ontology.yaml, curation.yaml and "
                         "snapshot.json, each read from it (default: ./graph, where a file missing is the built-in one)."),
    "queries_dir": Setting("ACTORGRAPH_QUERIES_DIR", None, "Folder of .cypher files that add to or "
                           "override (by name) the built-in query library (default: ./queries)."),
    "graph_name": Setting("ACTORGRAPH_GRAPH", "actorgraph", "Name of the graph inside the store."),
    "query_timeout": Setting("ACTORGRAPH_QUERY_TIMEOUT", "60", "Seconds a query may run before the "
                             "embedded store stops it (0: no limit)."),
    "neo4j_uri": Setting("NEO4J_URI", "bolt://localhost:7687", "Neo4j URI (bolt://, neo4j://, neo4j+s:// ...)."),
    "neo4j_user": Setting("NEO4J_USER", "neo4j", "Neo4j user name."),
    "neo4j_password": Setting("NEO4J_PASSWORD", None, "Neo4j password."),
    "neo4j_database": Setting("NEO4J_DATABASE", "neo4j", "Neo4j database name."),
    # --extractor llm (docs/extraction-llm.md)
    "llm_url": Setting("ACTORGRAPH_LLM_URL", "http://localhost:11434/v1",
                       "OpenAI-compatible server for --extractor llm (Ollama's address by default; "
                       "llama.cpp's server: http://localhost:8080/v1)."),
    "llm_model": Setting("ACTORGRAPH_LLM_MODEL", None, "Model for --extractor llm, as the server names it "
                         "(Ollama: e.g. qwen2.5:7b)."),
    "llm_api_key": Setting("ACTORGRAPH_LLM_API_KEY", None, "Sent as a Bearer token when set. Environment "
                           "only: never a flag, never printed, logged or cached."),
    "llm_cache": Setting("ACTORGRAPH_LLM_CACHE", None, "Folder of cached model answers (default: "
                         "llm-cache in the data dir); reruns over cached articles need no server."),
    "llm_timeout": Setting("ACTORGRAPH_LLM_TIMEOUT", "300", "Seconds to wait for one answer before "
                           "trying again (429, 5xx and time-outs are retried with backoff)."),
    "llm_retries": Setting("ACTORGRAPH_LLM_RETRIES", "4", "How often to ask again after a 429, a 5xx, "
                           "a broken connection or a time-out, waiting longer each time."),
    "cache_dir": Setting("ACTORGRAPH_CACHE_DIR", None, "Folder where compiled patterns are kept from one "
                         "run to the next (default: the user's cache folder, ~/.cache/actorgraph on Linux; "
                         "set empty: none kept). Environment only."),
    "llm_chunk_chars": Setting("ACTORGRAPH_LLM_CHUNK_CHARS", "6000", "Longest piece of an article "
                               "sent in one request, in characters; pieces end at paragraph ends."),
}

# The checkout this module was imported from (src/actorgraph/ -> the repository); outside a
# source tree it points nowhere useful and nothing but the development snapshot uses it.
PROJECT_ROOT = Path(__file__).resolve().parents[2]

WORKSPACE_GRAPH = Path("graph")  # a workspace's folders, relative to where a command runs
WORKSPACE_QUERIES = Path("queries")
_BUILTIN = ExitStack()  # keeps files extracted from a zipped install alive until exit
atexit.register(_BUILTIN.close)


def cache_dir() -> Path | None:
    """Where ``actorgraph extract`` keeps compiled patterns (the ``cache_dir`` setting), read
    from the environment when called; None when it is set empty."""
    import os

    value = os.environ.get(SETTINGS["cache_dir"].envvar)
    if value is not None:
        return Path(value) if value else None
    import platformdirs  # the platform's own place (XDG_CACHE_HOME, ~/Library/Caches, %LOCALAPPDATA%)

    return Path(platformdirs.user_cache_dir("actorgraph", appauthor=False))


def builtin_path(name: str) -> Path:
    """A file or folder shipped inside the package (actorgraph/builtin/): the ontology, the
    curation template, the development snapshot and the query library."""
    return _builtin_dir() / name


@lru_cache(maxsize=1)
def _builtin_dir() -> Path:
    return _BUILTIN.enter_context(resources.as_file(resources.files("actorgraph") / "builtin"))


def graph_file(name: str, graph_dir: Path | None = None) -> Path:
    """Where to read the workspace file `name` (ontology.yaml, curation.yaml, snapshot.json):
    in `graph_dir` when given, else ./graph/NAME when it exists, else the built-in copy."""
    if graph_dir is not None:
        return Path(graph_dir) / name
    here = WORKSPACE_GRAPH / name
    return here if here.is_file() else builtin_path(name)


def user_queries_dir(queries_dir: Path | None = None) -> Path | None:
    """The folder whose queries add to or override the built-in library, if there is one."""
    if queries_dir is not None:
        return Path(queries_dir)
    return WORKSPACE_QUERIES if WORKSPACE_QUERIES.is_dir() else None
