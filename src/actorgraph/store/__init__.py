"""Graph stores behind one interface (see base.Store): embedded FalkorDB and Neo4j."""

from __future__ import annotations

from .base import GNode, GPath, GRel, LoadStats, Result, Store

__all__ = ["GNode", "GPath", "GRel", "LoadStats", "Result", "Store", "open_store"]


def open_store(app) -> Store:
    """Open the backend the App is configured for (imports the driver only when needed)."""
    if app.backend == "neo4j":
        from .neo4j import Neo4jStore

        return Neo4jStore.connect(**app.neo4j, ontology=app.ontology)
    from .falkor import FalkorStore

    return FalkorStore.open(app.data_dir, graph_name=app.graph_name, ontology=app.ontology,
                            query_timeout=app.query_timeout)
