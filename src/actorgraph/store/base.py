"""The store interface every backend implements, and backend-neutral result values.

A backend loads a Graph, answers read and write Cypher with parameters, counts,
clears, and gives the whole graph back as a Graph (for selection and export).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, ContextManager, Protocol

from ..model import Graph

Progress = Callable[[int, int], None]  # (done, total) -> None


@dataclass(frozen=True)
class GNode:
    """A node in a query result: its store id, labels and properties."""

    element_id: str
    labels: tuple[str, ...]
    properties: dict[str, Any]


@dataclass(frozen=True)
class GRel:
    """A relationship in a query result; start/end are node element ids."""

    element_id: str
    type: str
    start: str
    end: str
    properties: dict[str, Any]


@dataclass(frozen=True)
class GPath:
    nodes: tuple[GNode, ...]
    relationships: tuple[GRel, ...]


@dataclass
class Result:
    """Rows of a query: column names and values (GNode/GRel/GPath or plain values)."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    # what a write changed, by WRITE_COUNTERS name (only those that are not 0)
    changes: dict[str, int] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


# Counters a write reports, in the order they are printed; both backends use these names.
WRITE_COUNTERS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
                  "properties_set", "properties_removed", "labels_added", "labels_removed",
                  "indexes_added", "indexes_removed")


@dataclass
class LoadStats:
    nodes: int
    edges: int
    articles: int
    seconds: float
    # what the store holds once the load is done, as Store.counts() gives it, when the load
    # counted it anyway (FalkorStore reads its staging graph before it goes live); else None
    counts: dict | None = None


class Store(Protocol):
    """What a graph backend offers; FalkorStore and Neo4jStore implement it."""

    name: str

    def load(self, graph: Graph, *, replace: bool = False, progress: Progress | None = None) -> LoadStats:
        """MERGE the graph in (idempotent); with replace, the stored graph becomes exactly this one.

        A backend whose class sets ``late_node_properties = True`` (FalkorStore) also takes
        ``node_properties``, as analytics.start_annotation returns it: ``node_properties(wait=False)``
        gives {node id: properties} once they are ready (None before), and sets them on the
        graph's nodes, so the node rows built after carry them; ``node_properties()`` waits for
        them, and the store sets them on the nodes it sent before, all before the load is
        visible (build.load_annotated computes the analytics meanwhile)."""

    def read(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        """Run a read-only query; a write attempt raises QueryError."""

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        """Run a query that may write."""

    def counts(self) -> dict[str, dict[str, int]]:
        """{'nodes': {label: n}, 'edges': {type: n}} for entity labels and relation types."""

    def export_graph(self) -> Graph:
        """The stored graph as a Graph (evidence included), for selection and export."""

    def set_node_properties(self, rows: list[dict[str, Any]]) -> None:
        """Set computed properties: rows of {'id': node id, 'props': {...}}."""

    def clear(self) -> None:
        """Delete the stored graph."""

    def exclusive(self) -> ContextManager[None]:
        """A block in which no other actorgraph load runs on this store (build loads and
        renders inside one); a load inside the block does not wait for itself."""

    def close(self) -> None:
        """Release connections (an embedded server keeps running for other users)."""
