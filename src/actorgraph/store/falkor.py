"""The embedded store: FalkorDB through the `falkordb` client, on the server of store/server.py.

Loads are atomic for readers: a load builds a staging graph (a copy of the live one, or
an empty one when replacing), MERGEs the batches into the copy or CREATEs them in the
empty one, then RENAMEs it over the live graph and saves. A load killed half-way leaves only a staging graph, which the next
open removes; queries never see a half-applied load. One load runs at a time per data
dir (a second one waits for the first).
"""

from __future__ import annotations

import collections
import contextlib
import datetime
import fcntl
import functools
import os
import re
import shutil
import sys
import time
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterable, Iterator

import orjson
import redis
from falkordb import FalkorDB
from falkordb.edge import Edge as FEdge
from falkordb.helpers import stringify_param_value
from falkordb.node import Node as FNode
from falkordb.path import Path as FPath
from falkordb.query_result import parse_scalar

from .. import cypher
from ..errors import QueryError, StoreError
from ..model import Graph, collection_paused, has_wide_integer
from ..ontology import Ontology
from . import rows, server
from .base import GNode, GPath, GRel, LoadStats, Progress, Result, WRITE_COUNTERS

BATCH_SIZE = 5000
AHEAD_BYTES = 32 << 20  # parameter text a load builds ahead of the server, at most (see _send_all)
NO_LIMIT_MS = 24 * 3600 * 1000  # the server's TIMEOUT_DEFAULT would otherwise cut long loads
STAGING_MARK = "__staging_"
_GRAPH_NAME = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")


def _lost_server(method):
    """A server that dies under a command (killed, out of memory) is a one-line StoreError."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        offset = server.log_size(self.data_dir)
        try:
            return method(self, *args, **kwargs)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            raise _lost(self.data_dir, offset, exc) from None
    return wrapper


def _lost(data_dir: Path, log_offset: int, exc: Exception) -> StoreError:
    asked = server.out_of_memory(data_dir, log_offset)
    if asked:
        return StoreError(
            f"the query asked the embedded FalkorDB server for {asked / 1e9:.1f} GB at once, more than "
            f"it may use ({server.address_space_limit() / 1e9:.1f} GB), and the server stopped "
            "(FalkorDB does not hold range() to its per-query memory cap); the saved graph is intact "
            "and the next command restarts it"
        )
    return StoreError(f"lost the embedded FalkorDB server ({exc}); run the command again to restart it")


class FalkorStore:
    """Store interface over an embedded FalkorDB server; see store/base.py."""

    name = "falkordb"

    def __init__(self, data_dir: Path, client: FalkorDB, graph_name: str, ontology: Ontology,
                 query_timeout: float | None = None):
        self.data_dir = data_dir
        self.client = client
        self.graph_name = graph_name
        self.ontology = ontology
        self.query_timeout = query_timeout  # seconds for read() and write(); None: no limit
        self._closed = False
        self._lock_depth = 0
        self._plans_checked: set[str] = set()  # query texts whose plan has no LOAD CSV

    @classmethod
    def open(cls, data_dir: Path, *, graph_name: str = "actorgraph", ontology: Ontology,
             query_timeout: float | None = None) -> "FalkorStore":
        """Join (or start) the data dir's server. query_timeout: seconds a read() or write() may
        run before the server stops it (None: no limit)."""
        if not _GRAPH_NAME.match(graph_name):
            raise StoreError(f"graph name {graph_name!r} may use only letters, digits, '-' and '_'")
        info = server.acquire(Path(data_dir))
        client = FalkorDB(unix_socket_path=str(info.socket_path))
        store = cls(Path(data_dir).absolute(), client, graph_name, ontology, query_timeout)
        store._drop_abandoned_staging()
        return store

    # -- reading -------------------------------------------------------------

    @_lost_server
    def read(self, query: str, params: dict[str, Any] | None = None) -> Result:
        self._refuse_outside_access(query, params)
        return self._read(query, params, timeout=self.query_timeout)

    def _refuse_outside_access(self, query: str, params: dict[str, Any] | None) -> None:
        """A read-only query reaches no file and no network: refuse LOAD CSV (FalkorDB fetches
        https:// URLs, and its IMPORT_FOLDER only confines file://). The server's own plan is
        asked, so comments, strings and CALL { } subqueries cannot hide the clause."""
        if query in self._plans_checked:  # a plan's clauses do not depend on the values
            return
        if _param_problem(params or {}) or not self._exists(self.graph_name):
            return  # _read says what is wrong
        try:
            steps = self.client.select_graph(self.graph_name).explain(query, params).plan
        except redis.exceptions.ResponseError as exc:
            raise _query_error(str(exc)) from None
        except redis.exceptions.RedisError:
            raise
        except Exception:  # the client's ExecutionPlan refuses a reply that is no plan (CREATE INDEX)
            return
        if any(step.strip().startswith("Load CSV") for step in steps):
            raise QueryError("LOAD CSV reads files and URLs, which a read-only query may not do; "
                             "load data with `actorgraph load` (or run it with --write)")
        if len(self._plans_checked) > 256:
            self._plans_checked.clear()
        self._plans_checked.add(query)  # a search asks the same ring query many times

    def _read(self, query: str, params: dict[str, Any] | None, *, timeout: float | None) -> Result:
        if not self._exists(self.graph_name):
            raise StoreError(f"the store in {self.data_dir} holds no graph {self.graph_name!r} yet; "
                             "run `actorgraph build` (or `actorgraph load FILE`) first")
        return self._run(query, params, read_only=True, timeout=timeout)

    def _read_all(self, query: str, params: dict[str, Any] | None = None) -> Result:
        """A read of actorgraph's own (counts, the whole graph): bounded by the graph, not timed."""
        return self._read(query, params, timeout=None)

    @_lost_server
    def write(self, query: str, params: dict[str, Any] | None = None) -> Result:
        result = self._run(query, params, read_only=False, timeout=self.query_timeout)
        self._save()
        return result

    def _run(self, query: str, params: dict[str, Any] | None, *, read_only: bool,
             graph: str | None = None, timeout: float | None = None) -> Result:
        problem = _param_problem(params or {})
        if problem:
            raise QueryError(problem)
        target = self.client.select_graph(graph or self.graph_name)
        limit_ms = NO_LIMIT_MS if not timeout else max(1, round(timeout * 1000))
        offset = server.log_size(self.data_dir)
        try:
            if read_only:
                return _ro_query(target, query, params, limit_ms)
            raw = target.query(query, params, timeout=limit_ms)
        except redis.exceptions.ResponseError as exc:
            raise _query_error(str(exc), timeout) from None
        except redis.exceptions.ConnectionError as exc:
            raise _lost(self.data_dir, offset, exc) from None
        columns = [str(c[1]) if isinstance(c, (list, tuple)) else str(c) for c in (raw.header or [])]
        return Result(columns, [[_value(v) for v in row] for row in raw.result_set or []], _changes(raw))

    @_lost_server
    def counts(self) -> dict[str, dict[str, int]]:
        if not self._exists(self.graph_name):
            return {"nodes": {}, "edges": {}, "articles": 0}
        return rows.read_counts(self._read_all, self.ontology.common_label)

    @_lost_server
    def export_graph(self) -> Graph:
        if not self._exists(self.graph_name):
            return Graph()
        return rows.read_graph(self._read_all)

    # -- writing -------------------------------------------------------------

    # load() takes node_properties: values computed while the rows are sent (analytics)
    late_node_properties = True

    @_lost_server
    def load(self, graph: Graph, *, replace: bool = False, progress: Progress | None = None,
             node_properties: Callable[[], dict[str, dict[str, Any]]] | None = None) -> LoadStats:
        """Write the graph into a staging graph, then swap it in (see the module docstring).

        node_properties: values computed while the rows are sent (analytics.start_annotation
        computes them in another process): asked before each batch of nodes, and once ready
        they are in the rows of the nodes sent after; the nodes sent before get them as soon as
        they are ready (asked again after each batch of relations), at the latest once the rows
        are sent, before the staging graph goes live (see base.Store.load)."""
        started = time.perf_counter()
        staging = f"{self.graph_name}{STAGING_MARK}{os.getpid()}"
        late = _LateValues(node_properties) if node_properties is not None else None
        # The whole load makes millions of objects and no cycles: no collection (model.collection_paused).
        with collection_paused():
            total, plan = _plan(graph, late)
            with self._load_lock():
                self._delete_graph(staging)
                try:
                    fresh = replace or not self._exists(self.graph_name)
                    if late is not None:
                        late.fresh = fresh
                    if fresh:
                        for statement in cypher.FALKOR_SCHEMA:
                            self._run(statement, None, read_only=False, graph=staging)
                    else:
                        self.client.connection.execute_command("GRAPH.COPY", self.graph_name, staging)
                    self._send_all(staging, _statements(plan, fresh), progress, total)
                    if late is not None and late.missed:  # (never seen: see _LateValues.batches)
                        self._send_all(staging, list(_statements(late.by_id(), fresh)), None)
                    if not self._exists(staging):  # an empty graph creates no key
                        self._run("RETURN 1", None, read_only=False, graph=staging)
                    # Read the staging graph once before it goes live: FalkorDB applies pending
                    # matrix updates lazily, on the next read. Once (in CI, under load) the first
                    # reader right after the swap counted 100 of 600 new relationships; letting
                    # this process do that first read leaves readers a settled graph. The counts
                    # are what the store holds once it is live (LoadStats.counts).
                    relations = self._run(cypher.COUNT_RELATIONS, None, read_only=True, graph=staging).rows
                    nodes = self._run(cypher.COUNT_NODES, None, read_only=True, graph=staging).rows
                    articles = self._run(cypher.COUNT_ARTICLES, None, read_only=True, graph=staging).rows[0][0]
                    if replace and self._exists(self.graph_name):
                        self._keep_previous_dump()
                    self.client.connection.execute_command("RENAME", staging, self.graph_name)
                except Exception:
                    with contextlib.suppress(Exception):  # the live graph is untouched; drop the copy
                        self._delete_graph(staging)
                    raise
                self._save()
        return LoadStats(len(graph.nodes), len(graph.edges), len(graph.articles),
                         time.perf_counter() - started,
                         counts=rows.counts(nodes, relations, articles, self.ontology.common_label))

    def _send_all(self, graph: str, batches: Iterable[tuple[str, Any]], progress: Progress | None,
                  total: int | None = None) -> None:
        """Build, check and encode batches ahead of the server, which finds the next one waiting.

        The server works on one core and this process on the other. A thread writes batch n+1
        to the socket before it waits for the reply to batch n (pipelining: the server starts
        n+1 as n ends, with no round trip between), while this thread builds batches ahead, up
        to AHEAD_BYTES of parameter text not yet sent (all of a graph's node batches, while the
        relations are grouped: see _plan). A row the store cannot hold raises StoreError when its
        batch is encoded, a statement the server refuses QueryError when its reply is read; either
        way the caller drops the staging graph. ``total``: the number of batches, when
        ``batches`` is an iterator.
        """
        total = len(batches) if total is None else total  # type: ignore[arg-type]
        pool = self.client.connection.connection_pool
        connection = pool.get_connection()
        unread = [0]  # statements sent whose reply is not read yet (the sender thread's own)
        replies = [0]

        checks: collections.deque = collections.deque()  # each unread reply's check (or None)

        def read_reply() -> int:
            try:
                reply = connection.read_response()
            except redis.exceptions.ResponseError as exc:
                raise _query_error(str(exc)) from None
            for part in reply if isinstance(reply, list) else (reply,):
                if isinstance(part, redis.exceptions.ResponseError):
                    raise _query_error(str(part))
            unread[0] -= 1
            replies[0] += 1
            check = checks.popleft()
            if check is not None:
                check(reply)
            return replies[0]

        def send(payload: bytes, check: Callable[[Any], None] | None) -> int:
            connection.send_command("GRAPH.QUERY", graph, payload, "--compact")
            unread[0] += 1
            checks.append(check)
            return read_reply() if unread[0] > 1 else replies[0]

        def read_rest() -> int:
            while unread[0]:
                read_reply()
            return replies[0]

        in_flight: collections.deque = collections.deque()  # (future, bytes) in order
        ahead = done = 0

        def settle(down_to: int) -> None:
            nonlocal ahead, done
            while in_flight and ahead > down_to:
                future, size = in_flight.popleft()
                answered = future.result()
                ahead -= size
                while progress and done < answered:
                    done += 1
                    progress(min(done, total), total)  # (late values may add a batch)
                done = answered

        in_sync = False
        try:
            with ThreadPoolExecutor(max_workers=1) as sender, collection_paused():
                try:
                    for statement, build_rows in batches:
                        built = build_rows()
                        if isinstance(built, _Prepared):
                            payload, check = built.header + b" " + statement.encode(), built.check
                        else:
                            payload, check = b"CYPHER rows=" + _encode_rows(built) + b" " + statement.encode(), None
                        settle(AHEAD_BYTES - len(payload))
                        in_flight.append((sender.submit(send, payload, check), len(payload)))
                        ahead += len(payload)
                    in_flight.append((sender.submit(read_rest), 1))
                    ahead += 1
                    settle(0)
                    in_sync = True
                finally:
                    if not in_sync:
                        sender.shutdown(cancel_futures=True)
        finally:
            if not in_sync:  # replies may be left unread: this connection cannot be reused
                connection.disconnect()
            pool.release(connection)

    def _send(self, graph: str, statement: str, header: bytes) -> None:
        """Run one loader statement whose $rows are already encoded (see _encode_rows)."""
        try:
            self.client.connection.execute_command("GRAPH.QUERY", graph,
                                                   b"CYPHER rows=" + header + b" " + statement.encode(),
                                                   "--compact")
        except redis.exceptions.ResponseError as exc:
            raise _query_error(str(exc)) from None

    @_lost_server
    def set_node_properties(self, rows_: list[dict[str, Any]]) -> None:
        for start in range(0, len(rows_), BATCH_SIZE):
            self._run(cypher.SET_NODE_PROPERTIES, {"rows": rows_[start:start + BATCH_SIZE]},
                      read_only=False)
        self._save()

    @_lost_server
    def clear(self) -> None:
        with self._load_lock():
            self._delete_graph(self.graph_name)
            self._save()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            self.client.connection.close()
        server.release(self.data_dir)

    # -- internals -----------------------------------------------------------

    def _exists(self, name: str) -> bool:
        return bool(self.client.connection.exists(name))

    def _delete_graph(self, name: str) -> None:
        if self._exists(name):
            self.client.connection.execute_command("GRAPH.DELETE", name)

    def _keep_previous_dump(self) -> None:
        """Keep the last save as dump.rdb.prev before a replacing load saves over it, so the
        replaced graph can be brought back (`actorgraph store restore-previous`).

        Every change is saved when it finishes, so dump.rdb holds the graph being replaced. A
        hard link costs nothing: the save writes a new file and renames it over dump.rdb.
        """
        dump, previous = self.data_dir / "dump.rdb", self.data_dir / server.PREVIOUS_DUMP
        if not dump.exists():
            return
        temporary = self.data_dir / f".{server.PREVIOUS_DUMP}.{os.getpid()}"
        temporary.unlink(missing_ok=True)
        try:
            try:
                os.link(dump, temporary)
            except OSError:
                shutil.copyfile(dump, temporary)
            os.replace(temporary, previous)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise StoreError(f"could not keep the previous graph as {previous} ({exc.strerror}); "
                             "nothing was replaced") from None

    def _save(self) -> None:
        """Write the dump; a failed save (a full disk) is an error, and the change is dropped.

        The server then holds in memory a graph that is not on disk. It is stopped without
        saving, so its next start reads the last good dump: what readers see and what is on
        disk stay the same graph.
        """
        offset = server.log_size(self.data_dir)
        try:
            self.client.connection.save()
        except redis.exceptions.ResponseError as exc:
            reason = server.log_reason(self.data_dir, offset) or str(exc)
            server.stop_unsaved(self.data_dir)
            raise StoreError(
                f"could not save the store to {self.data_dir / 'dump.rdb'} ({reason}); this change "
                "was not kept (the store restarts from its last successful save): free space on "
                "that disk, or choose another --data-dir, and run the command again"
            ) from None

    def exclusive(self):
        """Hold the load lock across several steps: no other load (or build) runs until the
        block ends; a load inside it does not wait for itself. `build` loads and writes its
        HTML view inside one, so the view is of the graph the store holds."""
        return self._load_lock()

    @contextlib.contextmanager
    def _load_lock(self):
        """One load at a time per data dir; a second one waits and says so."""
        if self._lock_depth:  # already held by this store (exclusive() around a load)
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        with open(self.data_dir / "load.lock", "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print("waiting for another load into this store to finish...", file=sys.stderr)
                fcntl.flock(handle, fcntl.LOCK_EX)
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0
                fcntl.flock(handle, fcntl.LOCK_UN)

    @_lost_server
    def _drop_abandoned_staging(self) -> None:
        """Remove staging graphs of loads whose process died (SIGKILL mid-load)."""
        for name in self.client.list_graphs():
            if STAGING_MARK not in name:
                continue
            pid = name.rsplit(STAGING_MARK, 1)[1]
            if pid.isdigit() and not server._pid_alive(int(pid)):
                self._delete_graph(name)


def _plan(graph: Graph, late: "_LateValues | None" = None) -> tuple[int, Iterator[tuple[str, dict[str, str], Callable[[], list[dict]]]]]:
    """The number of batches, and (statement template, names to fill in, rows) per batch: nodes
    per label, articles, relations per type, mentions. Rows are built when their batch is sent
    (see _send_all), and the relations are grouped and sorted only once the node batches are
    on their way (0.4 CPU-s at 200,000 relations, while the server creates the nodes). ``late``:
    its values go to the nodes sent without them in a batch of their own, after the first batch
    of relations built once they are ready, or after the last batch."""
    by_label = rows.nodes_by_label(graph)
    articles = rows.article_rows(graph)
    mentions = rows.mention_rows(graph)
    per_type = collections.Counter(edge.type for edge in graph.edges.values())
    size = BATCH_SIZE
    total = sum(-(-n // size) for n in [*map(len, by_label.values()), len(articles), *per_type.values(), len(mentions)])

    def batches():
        for label, nodes in by_label.items():
            yield from ((cypher.MERGE_ENTITIES, {"label": label}, functools.partial(_node_batch, chunk, late))
                        for chunk in _chunks(nodes, size))
        yield from ((cypher.MERGE_ARTICLES, {}, functools.partial(list, chunk)) for chunk in _chunks(articles, size))
        for rel_type, edges in rows.edges_by_type(graph).items():
            for chunk in _chunks(edges, size):
                yield cypher.MERGE_RELATIONS, {"type": rel_type}, functools.partial(_edge_batch, chunk)
                if late is not None and late.due():
                    # the server sets them between two batches of relations, and this process
                    # takes and encodes them while the server works, not after the last batch
                    yield from late.batches()
        yield from ((cypher.MERGE_MENTIONS, {}, functools.partial(list, chunk)) for chunk in _chunks(mentions, size))
        if late is not None:
            yield from late.batches()  # (waits for the values if they are not ready yet)
    return total, batches()


def _node_batch(nodes: list, late: "_LateValues | None" = None) -> list[dict]:
    if late is not None:
        late.before(nodes)
    return [rows.node_row(node) for node in nodes]


class _LateValues:
    """A load's node_properties (see FalkorStore.load): in the node rows once they are ready,
    set late on the nodes sent before."""

    def __init__(self, node_properties: Callable[..., dict[str, dict[str, Any]] | None]):
        self.node_properties = node_properties
        self.ready = False
        self.fresh = False  # into an empty staging graph (set by load() before the rows go)
        self.sent: list[str] = []  # ids of the nodes sent, in the order they were created
        self.sent_without: list[str] = []  # ids of the nodes sent before the values were ready
        self.done = False  # their batches are made
        self.missed = False  # the statement by position did not find every node (see batches)

    def before(self, nodes: list) -> None:
        """Called before a batch of nodes is made into rows: ready values are set on the nodes
        (node_properties does that), so their rows carry them."""
        if not self.ready:
            self.ready = self.node_properties(wait=False) is not None
        if not self.ready:
            self.sent_without.extend(node.id for node in nodes)
        self.sent.extend(node.id for node in nodes)

    def due(self) -> bool:
        """Nodes are waiting for values that are ready now (asked without waiting)."""
        return not self.done and bool(self.sent_without) and self.node_properties(wait=False) is not None

    def batches(self) -> list[tuple[str, dict, Callable[[], Any]]]:
        """Plan items (see _plan) that set the values on the nodes sent without them (waits for
        the values), once; none when every node had them in its row.

        Into a fresh staging graph, where FalkorDB numbers nodes in the order they are created
        (0, 1, 2, ...; nothing is deleted there), one statement sets every node's values by that
        number (cypher.set_values_by_position): a scan, no index look-up per node, half the
        server's time of setting them by id. Each node's own id is compared with the one at
        its number, and the statement returns how many matched; should that ever fall short,
        load() sets them by id after all (by_id). Else rows [id, value, ...] by id."""
        if self.done or not self.sent_without:
            self.done = True
            return []
        self.done = True
        values = self.node_properties()
        names = list(values[self.sent_without[0]])
        if self.fresh and _same_names(values, self.sent, names):
            ids = self.sent
            header = b"CYPHER ids=" + _encode_rows(ids) + b"".join(
                b" v%d=" % i + _encode_rows([values[node_id][name] for node_id in ids])
                for i, name in enumerate(names))

            def check(reply: Any) -> None:
                try:  # compact reply: [header, [[[type, count]]], statistics]
                    matched = reply[1][0][0][1]
                except (IndexError, TypeError):
                    matched = None  # a reply of another shape: set them by id, to be sure
                self.missed = matched != len(ids)
            return [(cypher.set_values_by_position(names), {}, lambda: _Prepared(header, check))]
        return self.by_id()

    def by_id(self) -> list[tuple[str, dict, Callable[[], list]]]:
        """Plan items that set the values on the nodes sent without them, each found by its id:
        cypher.SET_NODE_VALUES, rows [id, value, ...], when every node has values of the same
        names (the analytics' always do), else SET_NODE_PROPERTIES."""
        values = self.node_properties()
        props = [values[node_id] for node_id in self.sent_without]
        names = list(props[0])
        if _same_names(values, self.sent_without, names):
            statement, late_rows = cypher.set_node_values(names), [
                [node_id, *map(p.__getitem__, names)] for node_id, p in zip(self.sent_without, props)]
        else:
            statement, late_rows = cypher.SET_NODE_PROPERTIES, [
                {"id": node_id, "props": p} for node_id, p in zip(self.sent_without, props)]
        return [(statement, {}, functools.partial(list, chunk)) for chunk in _chunks(late_rows)]


def _same_names(values: dict[str, dict[str, Any]], ids: list[str], names: list[str]) -> bool:
    """Every one of these nodes has values, of these names (each one a plain property name)."""
    keys = set(names)
    return (bool(names) and all(_PARAM_NAME.match(name) for name in names)
            and all(node_id in values and values[node_id].keys() == keys for node_id in ids))


class _Prepared:
    """A batch whose parameter text is made whole (not one $rows), with a check of its reply
    (called in the thread that reads it; see _send_all)."""

    def __init__(self, header: bytes, check: Callable[[Any], None] | None = None):
        self.header = header
        self.check = check


def _edge_batch(edges: list) -> list[dict]:
    return [rows.edge_row(edge, key) for key, edge in edges]


# Into a fresh (empty) staging graph every MERGE statement has a CREATE twin.
_CREATE_FOR = {cypher.MERGE_ENTITIES: cypher.CREATE_ENTITIES, cypher.MERGE_ARTICLES: cypher.CREATE_ARTICLES,
               cypher.MERGE_RELATIONS: cypher.CREATE_RELATIONS, cypher.MERGE_MENTIONS: cypher.CREATE_MENTIONS}


def _statements(plan, fresh: bool) -> Iterator[tuple[str, Any]]:
    """Fill the plan's templates; into an empty graph, CREATE instead of MERGE."""
    return ((cypher.fill(_CREATE_FOR.get(template, template) if fresh else template, **names), batch)
            for template, names, batch in plan)


def _batches(ontology: Ontology, graph: Graph, fresh: bool = False) -> list[tuple[str, list[dict]]]:
    """(statement, rows) pairs in load order (used by the benchmarks)."""
    return [(statement, build_rows()) for statement, build_rows in _statements(_plan(graph)[1], fresh)]


# orjson writes the CYPHER parameter header in C, as bytes that go to the socket as they are
# (the client's own encoder, falkordb.helpers.stringify_param_value, walks every value in
# Python, and checking every value for what FalkorDB cannot take walked them all again).
# Once map keys are backticked, FalkorDB's parser reads that text as the client's, except
# for \uXXXX, \b, \f and \r escapes, which it keeps literally: orjson writes those for
# control characters, so a batch holding one (or a backslash before b, f, r or u, which only
# costs speed) takes the client's encoder after the full check. So does a batch that orjson
# refuses (a lone surrogate, an integer beyond 64 bits unsigned), one where it wrote null (for
# NaN and infinities; rows hold no None) and one with a run of 19 digits that is not a float's
# (an integer beyond 2 ** 63 - 1 that orjson still writes; in a quote it only costs speed).
_ESCAPED = re.compile(rb"\\[bfru]")
_NULL = re.compile(rb"[\[:,]null[,\]}]")


def _encode_rows(batch: list[dict]) -> bytes:
    """A batch of loader rows as FalkorDB parameter text; StoreError naming a row it cannot hold."""
    try:
        text = orjson.dumps(batch)
    except TypeError:
        text = b""  # a lone surrogate or a wide integer: _param_problem names it below
    keys: set[str] = set()
    for row in batch:
        if isinstance(row, dict):  # (a row may be a list: cypher.SET_NODE_VALUES)
            keys.update(row)
            props = row.get("props")
            if props:
                keys.update(props)
    # (a plain search for a backslash and for null first: far cheaper than the patterns, and
    # most batches hold neither)
    if (text and (b"\\" not in text or not _ESCAPED.search(text)) and (b"null" not in text or not _NULL.search(text))
            and not has_wide_integer(text) and all(_PARAM_NAME.match(key) for key in keys)):
        for key in keys:  # '"name":' is always a map key: inside a JSON string quotes are escaped
            text = text.replace(f'"{key}":'.encode(), f"`{key}`:".encode())
        return text
    for row in batch:
        problem = _param_problem({"value": row})
        if problem:
            what = (row[0] if isinstance(row, list) else row if not isinstance(row, dict) else
                    row.get("key") or row.get("id") or f"{row.get('article')} -> {row.get('node')}")
            raise StoreError(f"cannot load {what!r}: " + problem.replace("parameter 'value' ", ""))
    return stringify_param_value(batch).encode("utf-8")


_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_INT64 = (-(2 ** 63), 2 ** 63 - 1)


def _param_problem(params: dict[str, Any]) -> str | None:
    """Why FalkorDB cannot take these parameters, or None.

    The falkordb client sends parameters as a text header (CYPHER name=value ...) in
    which a NUL ends the command, NaN/inf do not parse, integers wider than 64 bits are
    clamped silently and map keys may not hold backticks; refuse those plainly instead.
    """
    for name, value in params.items():
        if not _PARAM_NAME.match(str(name)):
            return f"parameter name {name!r} may use only letters, digits and '_'"
        stack = [value]
        while stack:
            item = stack.pop()
            where = f"parameter {name!r}"
            if isinstance(item, str):
                if "\x00" in item:
                    return f"{where} contains a NUL character, which FalkorDB cannot take"
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return f"{where} contains a lone surrogate (invalid Unicode)"
            elif isinstance(item, bool) or item is None:
                continue
            elif isinstance(item, int):
                if not _INT64[0] <= item <= _INT64[1]:
                    return f"{where}: the integer {item} does not fit in 64 bits"
            elif isinstance(item, float):
                if item != item or item in (float("inf"), float("-inf")):
                    return f"{where}: {item} is not a finite number"
            elif isinstance(item, dict):
                for key in item:
                    if not isinstance(key, str) or not key or "`" in key or "\x00" in key:
                        return f"{where}: map key {key!r} must be non-empty text without backticks"
                stack.extend(item.values())
            elif isinstance(item, (list, tuple)):
                stack.extend(item)
    return None


def _chunks(items: list, size: int | None = None):
    size = size or BATCH_SIZE
    for start in range(0, len(items), size):
        yield items[start:start + size]


# Compact-reply cells whose value is already the Python value: null, text (the client
# decodes replies) and integers; the rest goes through the client's own parser.
_AS_IS = frozenset({1, 2, 3})


def _ro_query(graph, query: str, params: dict[str, Any] | None, limit_ms: int) -> Result:
    """GRAPH.RO_QUERY with the reply parsed here rather than by the client's QueryResult.

    The client calls a parser per cell; at a million relationships a 2-hop answer holds
    some 35,000 cells and a search ring 70,000, and that took three times the server's own
    time. Here nulls, text and integers are taken as they come and every other cell
    (floats, booleans, lists, maps, nodes, relationships, paths, dates) is handed to the
    client's parser (falkordb.query_result.parse_scalar), so values are the same.
    """
    reply = graph.execute_command("GRAPH.RO_QUERY", graph.name, graph._build_params_header(params) + query,
                                  "--compact", "timeout", limit_ms)
    for part in (reply[0], reply[-1]):  # an error before the rows, or one raised while making them
        if isinstance(part, redis.exceptions.ResponseError):
            raise part
    if len(reply) < 3:  # statistics only: the query returns nothing
        return Result([])
    header, records = reply[0], reply[1]
    as_is = _AS_IS
    return Result([str(column[1]) for column in header],
                  [[cell[1] if cell[0] in as_is else _value(parse_scalar(cell, graph)) for cell in row]
                   for row in records])


def _value(value: Any) -> Any:
    if isinstance(value, FNode):
        return GNode(str(value.id), tuple(value.labels or ()), dict(value.properties))
    if isinstance(value, FEdge):
        return GRel(str(value.id), str(value.relation), str(_node_id(value.src_node)),
                    str(_node_id(value.dest_node)), dict(value.properties))
    if isinstance(value, FPath):
        return GPath(tuple(_value(n) for n in value.nodes()), tuple(_value(e) for e in value.edges()))
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        # FalkorDB has only local date-times; its client labels them UTC. Drop the label.
        return value.replace(tzinfo=None)
    return value


def _changes(raw: Any) -> dict[str, int]:
    """The write counters FalkorDB reports, by the names of base.WRITE_COUNTERS."""
    counts = {name: int(getattr(raw, name, 0) or 0) for name in WRITE_COUNTERS[:8]}
    counts.update(indexes_added=int(raw.indices_created or 0), indexes_removed=int(raw.indices_deleted or 0))
    return {name: n for name, n in counts.items() if n}


def _node_id(node: Any) -> Any:
    return node.id if isinstance(node, FNode) else node


def _query_error(message: str, timeout: float | None = None) -> QueryError:
    if "read-only" in message or "RO_QUERY" in message:
        return QueryError("this query writes to the graph; queries are read-only unless you pass --write")
    if "Query timed out" in message:
        limit = f"the {timeout:g}s time-out" if timeout else "the store's time-out"
        return QueryError(f"the query ran longer than {limit} and the store stopped it; narrow it, "
                          "or allow more time with --timeout SECONDS (0: no limit)")
    if "mem consumption exceeded capacity" in message:
        return QueryError(f"the query needed more than {server.QUERY_MEMORY_BYTES >> 20} MB of working "
                          "memory and the store stopped it; narrow it (LIMIT, fewer collect()s)")
    text = re.sub(r"\s+", " ", message).strip()
    text = text.replace("errMsg: ", "").replace(" errCtx: ", " near: ")
    return QueryError(f"FalkorDB rejected the query: {text}")
