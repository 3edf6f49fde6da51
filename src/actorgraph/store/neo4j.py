"""The Neo4j backend, through the official `neo4j` driver (bolt://, neo4j://, neo4j+s:// ...).

Loads run as batched ``UNWIND $rows ... MERGE`` statements (store/rows.py builds the rows,
cypher.py holds the statements) in managed write transactions; reads run in managed read
transactions, which Neo4j refuses to write in. Constraints and indexes are created with
Neo4j 5 syntax before loading; a Bolt server that is not Neo4j (FalkorDB's, in the tests)
refuses that syntax, so there the plain ``CREATE INDEX FOR ... ON ...`` forms are used.

Every failure a user can cause (server down, wrong password, no such database, a bad
query) becomes a one-line StoreError/QueryError within a few seconds; the password is
never part of a message.
"""

from __future__ import annotations

import contextlib

import json
import logging
import re
import time
from typing import Any, Callable
from urllib.parse import unquote

from .. import cypher
from ..errors import QueryError, StoreError
from ..model import Graph
from ..ontology import Ontology
from . import rows
from .base import GNode, GPath, GRel, LoadStats, Progress, Result, WRITE_COUNTERS

BATCH_SIZE = 1000
BATCH_BYTES = 4_000_000  # keep one transaction's parameters to a few MB however rich the rows
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
TIMEOUT = 5.0  # seconds to connect, to get a connection from the pool, and to retry a transaction


class Neo4jStore:
    """Store interface over a Neo4j database; see store/base.py."""

    name = "neo4j"

    def __init__(self, driver, database: str | None, ontology: Ontology, *, uri: str = "",
                 batch_size: int = BATCH_SIZE, batch_bytes: int = BATCH_BYTES):
        self.driver = driver
        self.database = database or None
        self.ontology = ontology
        self.uri = uri
        self.batch_size = batch_size
        self.batch_bytes = batch_bytes
        self.schema: str | None = None  # "neo4j" or "indexes" once ensure_schema ran

    @classmethod
    def connect(cls, uri: str, user: str | None, password: str | None, database: str | None,
                ontology: Ontology, *, timeout: float = TIMEOUT, batch_size: int = BATCH_SIZE,
                batch_bytes: int = BATCH_BYTES) -> "Neo4jStore":
        """Open a driver and check it reaches `database`; StoreError naming what to fix if not."""
        try:
            import neo4j
        except ImportError:  # pragma: no cover - neo4j is a core dependency
            raise StoreError('the neo4j backend needs the neo4j driver: pip install "neo4j>=5.20"') from None
        logging.getLogger("neo4j").addHandler(logging.NullHandler())  # no retry chatter on stderr
        where = _safe_uri(uri)
        uri, user, password = _credentials_from_uri(str(uri), user, password)
        if str(uri).split("://", 1)[0] not in SCHEMES or "://" not in str(uri):
            raise StoreError(f"cannot use Neo4j URI {where}: the scheme must be one of "
                             f"{', '.join(SCHEMES)} (e.g. bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io)")
        auth = (user or "neo4j", password) if password is not None else None
        try:
            driver = neo4j.GraphDatabase.driver(
                uri, auth=auth, connection_timeout=timeout, connection_acquisition_timeout=timeout,
                max_transaction_retry_time=timeout, user_agent="actorgraph")
        except (neo4j.exceptions.ConfigurationError, ValueError) as exc:
            reason = _first_line(exc).replace(uri, where)
            if password:
                reason = reason.replace(password, "***")
            raise StoreError(f"cannot use Neo4j URI {where}: {reason}; "
                             "expected e.g. bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io") from None
        store = cls(driver, database, ontology, uri=where, batch_size=batch_size, batch_bytes=batch_bytes)
        try:
            store._check()
        except BaseException:
            driver.close()
            raise
        return store

    # -- reading -------------------------------------------------------------

    def read(self, query: str, params: dict[str, Any] | None = None) -> Result:
        """Run in a read transaction: Neo4j refuses writes there; any server that lets one
        through (FalkorDB's Bolt does) is caught by the update counters."""
        def work(tx):
            result = tx.run(query, params or {})
            out = _result(result)
            if result.consume().counters.contains_updates:
                raise QueryError("this query writes to the graph; queries are read-only unless you pass --write")
            return out

        return self._run_in(work, write=False)

    def write(self, query: str, params: dict[str, Any] | None = None) -> Result:
        def work(tx):
            result = tx.run(query, params or {})
            out = _result(result)
            out.changes = _changes(result.consume().counters)
            return out

        return self._run_in(work, write=True)

    def counts(self) -> dict[str, dict[str, int]]:
        return rows.read_counts(self.read, self.ontology.common_label)

    def export_graph(self) -> Graph:
        return rows.read_graph(self.read)

    # -- writing -------------------------------------------------------------

    def load(self, graph: Graph, *, replace: bool = False, progress: Progress | None = None) -> LoadStats:
        """Constraints first, then MERGE batches; with replace, actorgraph's nodes are deleted first.

        Unlike the embedded store this is not atomic for readers: a load that fails half-way
        leaves the batches it committed (run it again; MERGE makes that safe).
        """
        started = time.perf_counter()
        if replace:
            self.clear()
        self.ensure_schema()
        batches = list(self._batches(graph))
        total = sum(len(batch) for _, batch in batches)
        done = 0
        for statement, batch in batches:
            self._run_in(lambda tx, s=statement, b=batch: tx.run(s, rows=b).consume(), write=True)
            done += len(batch)
            if progress:
                progress(done, total)
        return LoadStats(len(graph.nodes), len(graph.edges), len(graph.articles),
                         time.perf_counter() - started)

    def ensure_schema(self) -> str:
        """Create uniqueness constraints and indexes (Neo4j 5 syntax), or plain indexes where
        the server does not take that syntax. Returns which: "neo4j" or "indexes"."""
        import neo4j

        if self.schema:
            return self.schema
        try:
            for statement in cypher.NEO4J_SCHEMA:
                self._run_raw(lambda tx, s=statement: tx.run(s).consume(), write=True)
            self.schema = "neo4j"
        except neo4j.exceptions.Neo4jError as exc:
            if (exc.code or "").startswith("Neo.ClientError.Schema"):
                raise StoreError(f"Neo4j at {self.uri} refused a constraint ({_first_line(exc.message)}); "
                                 "duplicate ids in the database? load with --replace") from None
            if (exc.code or "").startswith("Neo.ClientError.Security"):
                raise StoreError(f"user may not create constraints and indexes on Neo4j at {self.uri} "
                                 f"({_first_line(exc.message)}); load as a user with schema rights") from None
            # Not Neo4j 5 (FalkorDB's Bolt answers with a bare error): skip constraints.
            for statement in cypher.FALKOR_SCHEMA:
                try:
                    self._run_raw(lambda tx, s=statement: tx.run(s).consume(), write=True)
                except neo4j.exceptions.Neo4jError:
                    pass  # already indexed
            self.schema = "indexes"
        return self.schema

    def set_node_properties(self, rows_: list[dict[str, Any]]) -> None:
        for _, batch in self._chunked(cypher.SET_NODE_PROPERTIES, rows_):
            self._run_in(lambda tx, b=batch: tx.run(cypher.SET_NODE_PROPERTIES, rows=b).consume(), write=True)

    def clear(self) -> None:
        """Delete actorgraph's nodes (Entity, Article) and their relations, in batches."""
        def work(tx):
            return tx.run(cypher.NEO4J_DELETE_BATCH, limit=self.batch_size).single()[0]

        while self._run_in(work, write=True):
            pass

    def exclusive(self):
        """Neo4j loads are not serialised by actorgraph (each batch is its own transaction)."""
        return contextlib.nullcontext()

    def close(self) -> None:
        if self.driver is not None:
            self.driver.close()
            self.driver = None

    # -- internals -----------------------------------------------------------

    def _check(self) -> None:
        """One auto-commit RETURN 1: reaches the server, the credentials and the database,
        without the retries a managed transaction would spend on a server that is down."""
        def work(session):
            session.run("RETURN 1").consume()

        self._with_session(work, translate=True)

    def _batches(self, graph: Graph):
        """(statement, rows) pairs: nodes per label, articles, relations per type, mentions."""
        for label, batch in rows.node_rows(graph).items():
            self.ontology.check_label(label, "graph")
            yield from self._chunked(cypher.fill(cypher.MERGE_ENTITIES, label=label), batch)
        yield from self._chunked(cypher.MERGE_ARTICLES, rows.article_rows(graph))
        for rel_type, batch in rows.edge_rows(graph).items():
            self.ontology.check_type(rel_type, "graph")
            yield from self._chunked(cypher.fill(cypher.MERGE_RELATIONS, type=rel_type), batch)
        yield from self._chunked(cypher.MERGE_MENTIONS, rows.mention_rows(graph))

    def _chunked(self, statement: str, items: list):
        """Batches of at most batch_size rows and (roughly) batch_bytes of parameters."""
        batch: list = []
        size = 0
        for item in items:
            item_size = len(json.dumps(item, ensure_ascii=False).encode())
            if batch and (len(batch) >= self.batch_size or size + item_size > self.batch_bytes):
                yield statement, batch
                batch, size = [], 0
            batch.append(item)
            size += item_size
        if batch:
            yield statement, batch

    def _run_in(self, work: Callable, *, write: bool):
        """Run `work(tx)` in a managed transaction, translating driver errors to one line."""
        import neo4j

        try:
            return self._run_raw(work, write=write)
        except neo4j.exceptions.Neo4jError as exc:
            raise self._query_error(exc) from None

    def _run_raw(self, work: Callable, *, write: bool):
        def managed(session):
            return session.execute_write(work) if write else session.execute_read(work)

        return self._with_session(managed)

    def _with_session(self, work: Callable, *, translate: bool = False):
        import neo4j

        if self.driver is None:
            raise StoreError("the Neo4j store is closed")
        try:
            with self.driver.session(database=self.database) as session:
                return work(session)
        except neo4j.exceptions.AuthError:
            raise StoreError(f"Neo4j at {self.uri} refused the user name or password; check "
                             "--neo4j-user/--neo4j-password (NEO4J_USER/NEO4J_PASSWORD)") from None
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError) as exc:
            raise StoreError(f"cannot reach Neo4j at {self.uri} ({_reason(exc)}); is it running? "
                             "`docker compose up -d` starts one, --neo4j-uri/NEO4J_URI points elsewhere") from None
        except neo4j.exceptions.DriverError as exc:
            raise StoreError(f"Neo4j driver error talking to {self.uri}: {_first_line(exc)}") from None
        except neo4j.exceptions.ClientError as exc:
            if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise StoreError(f"Neo4j at {self.uri} has no database {self.database!r}; check "
                                 "--neo4j-database/NEO4J_DATABASE (Community edition has only 'neo4j')") from None
            if translate:
                raise StoreError(f"Neo4j at {self.uri} refused a connection check: {_first_line(exc.message)}") from None
            raise
        except neo4j.exceptions.Neo4jError as exc:
            if translate:
                raise StoreError(f"the server at {self.uri} refused a connection check "
                                 f"({exc.code or 'no reason given'}); wrong user name or password?") from None
            raise

    def _query_error(self, exc) -> QueryError:
        code = exc.code or ""
        message = _first_line(exc.message or "")
        if code == "Neo.ClientError.Statement.AccessMode" or "read access mode" in message.lower():
            return QueryError("this query writes to the graph; queries are read-only unless you pass --write")
        if code.startswith("Neo.ClientError.Statement.SyntaxError"):
            # The first line carries the position: "... (line 1, column 17 (offset: 16))".
            return QueryError(f"Neo4j rejected the query: {_first_line(exc.message or '')}")
        if not exc.message or code == "Neo.DatabaseError.General.UnknownError":
            # FalkorDB's Bolt server sends errors without a message.
            return QueryError(f"the server at {self.uri} rejected the query and gave no reason ({code or 'no code'})")
        return QueryError(f"Neo4j rejected the query: {_squash(exc.message)} ({code})")


def _result(result) -> Result:
    columns = list(result.keys())
    return Result(columns, [[_value(v) for v in record.values()] for record in result])


def _changes(counters: Any) -> dict[str, int]:
    """The driver's SummaryCounters by the names of base.WRITE_COUNTERS."""
    counts = {name: int(getattr(counters, name, 0) or 0) for name in WRITE_COUNTERS}
    return {name: n for name, n in counts.items() if n}


def _value(value: Any) -> Any:
    """Driver values as the backend-neutral result values of store/base.py."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return GNode(value.element_id, tuple(sorted(value.labels)), dict(value.items()))
    if isinstance(value, Relationship):
        return GRel(value.element_id, value.type, value.start_node.element_id,
                    value.end_node.element_id, dict(value.items()))
    if isinstance(value, Path):
        return GPath(tuple(_value(n) for n in value.nodes), tuple(_value(r) for r in value.relationships))
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time Date/DateTime/Duration
        return value.iso_format()
    return value


def _credentials_from_uri(uri: str, user: str | None, password: str | None):
    """Take `user:password@` out of a URI (the driver refuses it) and use it as the auth."""
    match = re.match(r"^([^:/]+://)([^/@]*)@(.*)$", uri)
    if not match:
        return uri, user, password
    scheme, userinfo, rest = match.groups()
    name, has_password, secret = userinfo.partition(":")
    return (scheme + rest, unquote(name) or user,
            unquote(secret) if has_password else password)


def _safe_uri(uri: str) -> str:
    """The URI without any user:password@ part, for messages."""
    return re.sub(r"//[^/@]*@", "//", str(uri))


def _first_line(exc: Any) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "refused" in text.lower():
        return "connection refused"
    if "timed out" in text.lower() or "deadline" in text.lower() or "timeout" in text.lower():
        return "timed out"
    if "name or service" in text.lower() or "nodename nor servname" in text.lower():
        return "host name not found"
    return _squash(_first_line(exc))[:160]
