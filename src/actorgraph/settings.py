"""Every setting in one table: name, environment variable, default, help.

Resolution order is flag, then environment, then default; click applies it through
``envvar=`` on each option, so nothing here reads the environment at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    envvar: str | None
    default: str | None
    help: str


SETTINGS: dict[str, Setting] = {
    "backend": Setting("ACTORGRAPH_BACKEND", "falkordb", "Graph store: falkordb (embedded, default) or neo4j."),
    "data_dir": Setting("ACTORGRAPH_DATA_DIR", ".actorgraph", "Where the embedded store keeps its data and socket."),
    "graph_dir": Setting("ACTORGRAPH_GRAPH_DIR", None, "Folder with ontology.yaml, curation.yaml and snapshot.json (default: ./graph, else the project's)."),
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
    "llm_chunk_chars": Setting("ACTORGRAPH_LLM_CHUNK_CHARS", "6000", "Longest piece of an article "
                               "sent in one request, in characters; pieces end at paragraph ends."),
}

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def default_graph_dir() -> Path:
    """./graph when the working directory has one, else the graph/ folder of this checkout."""
    here = Path("graph")
    if (here / "ontology.yaml").is_file():
        return here
    return PROJECT_ROOT / "graph"


def queries_dir() -> Path:
    return PROJECT_ROOT / "queries"
