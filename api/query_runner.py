"""Running a user's SPARQL query within bounds: checked first, then time, size and memory capped.

Every query is parsed and checked before it runs (:mod:`api.query_policy`: nesting depth,
SPARQL 1.1 grammar, no updates, no SERVICE unless allowed). On the embedded store it then
runs in a worker process over a snapshot of the store (:mod:`api.query_workers`): past
its deadline the process is killed and replaced, so a runaway query frees its core and
memory at once, and a query that outgrows the memory limit ends only its own worker. At
most ``slots`` queries run at once, one client never holds every slot, and a few more
may wait; past that a query is refused at once (503).

A store that cannot be snapshotted (a remote SPARQL endpoint, which bounds its own
queries) is queried from a worker thread with the same caps; such a query cannot be
stopped, only abandoned at the deadline, holding one of ``slots`` until it ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from api.query_evaluation import evaluate
from api.query_policy import READ_ONLY_MESSAGE, QueryRefused, check_query
from api.query_workers import QueryPool, Task, WorkerFailed
from graph.errors import QueryError

__all__ = [
    "QueryRunner",
    "QueryResult",
    "QueryRefused",
    "QueryTimeout",
    "QueryTooLarge",
    "EndpointBusy",
    "check_query",
    "READ_ONLY_MESSAGE",
]


class QueryTimeout(QueryError):
    """The query ran past the time limit."""


class QueryTooLarge(QueryError):
    """The result has more rows or triples than the cap."""


class EndpointBusy(QueryError):
    """Every query slot is taken by a long-running query."""


@dataclass
class QueryResult:
    """A finished query: ``kind`` is ``boolean``, ``solutions`` or ``triples``.

    Solutions asked for in a native format come back already serialised (``data``);
    otherwise as ``variables`` and ``rows``.
    """

    kind: str
    boolean: bool = False
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    triples: list[ox.Triple] = field(default_factory=list)
    data: bytes | None = None
    #: the result had more than the cap: these are its first ``cap`` rows or triples
    truncated: bool = False


_FORMAT_NAMES = {
    ox.QueryResultsFormat.JSON: "JSON",
    ox.QueryResultsFormat.XML: "XML",
    ox.QueryResultsFormat.CSV: "CSV",
    ox.QueryResultsFormat.TSV: "TSV",
}


class QueryRunner:
    """Bounded evaluation of SPARQL queries on a store that has ``raw_query``.

    ``generation()`` says how often the store was written through the server (worker
    snapshots are renewed when it moves); ``memory_mb`` caps each worker's address space.
    """

    def __init__(
        self,
        store: Any,
        *,
        timeout: float,
        max_results: int,
        slots: int = 2,
        allow_service: bool = False,
        generation: Callable[[], int] | None = None,
        memory_mb: int = 2048,
        queue: int = 4,
    ):
        self.store = store
        self.timeout = timeout
        self.max_results = max_results
        self.allow_service = allow_service
        self.slots = slots
        self.memory_mb = memory_mb
        self._free = threading.BoundedSemaphore(slots)
        self._pool: QueryPool | None = None
        if hasattr(store, "snapshot"):
            self._pool = QueryPool(
                store,
                generation=generation or (lambda: 0),
                slots=slots,
                queue=queue,
                memory_mb=memory_mb,
            )

    def close(self) -> None:
        """Stop the worker processes (the server does this when it shuts down)."""
        if self._pool is not None:
            self._pool.close()

    def run(
        self,
        query: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        solutions_format: ox.QueryResultsFormat | None = None,
        client: str | None = None,
    ) -> QueryResult:
        """Evaluate ``query``; raises one of this module's errors on a bound.

        With ``solutions_format``, SELECT results come back serialised by pyoxigraph in
        that format (``data``); otherwise as ``variables`` and ``rows``. ``client`` (an
        address) keeps one client from taking every slot.
        """
        checked = check_query(query, allow_service=self.allow_service)
        if not hasattr(self.store, "raw_query"):
            raise QueryRefused("this store cannot run arbitrary SPARQL queries")
        if not default_graphs and not named_graphs:
            # the protocol's graph URIs win; without them the query's own FROM clauses count
            # (the store makes the default graph the union of all graphs only when none is named)
            default_graphs, named_graphs = checked.default_graphs, checked.named_graphs
        task = Task(
            snapshot="",
            query=query,
            default_graphs=tuple(default_graphs),
            named_graphs=tuple(named_graphs),
            fmt=_FORMAT_NAMES.get(solutions_format, "") if solutions_format else "",
            cap=self.max_results,
            seconds=self.timeout,
        )
        reply = self._in_pool(task, client) if self._pool else self._in_thread(task)
        return self._result(reply, solutions_format)

    # -------------------------------------------------------------- where it runs
    def _busy(self) -> EndpointBusy:
        return EndpointBusy(
            f"all {self.slots} query slots are busy (or this client already uses its share); "
            "try again shortly"
        )

    def _in_pool(self, task: Task, client: str | None) -> tuple[Any, ...]:
        assert self._pool is not None
        if not self._pool.admit(client):
            raise self._busy()
        try:
            deadline = time.monotonic() + self.timeout
            reply = self._pool.run(task, deadline)
        except WorkerFailed as failed:
            if failed.reason == "time":
                raise self._timeout() from None
            raise self._too_large("memory") from None
        finally:
            self._pool.release(client)
        if reply is None:
            raise self._busy()
        return reply

    def _in_thread(self, task: Task) -> tuple[Any, ...]:
        if not self._free.acquire(timeout=min(1.0, self.timeout)):
            raise self._busy()
        future: Future[tuple[Any, ...]] = Future()

        def work() -> None:
            # pyoxigraph's result iterators must be dropped on the thread that made them, so
            # no exception leaving this thread may hold a traceback (whose frames hold them)
            reply: tuple[Any, ...]
            try:
                reply = evaluate(self.store, task)
            except Exception as exc:  # noqa: BLE001 - reported to the client, not raised here
                reply = ("error", "QueryError", f"the query failed: {exc}")
            finally:
                self._free.release()
            future.set_result(reply)

        # a daemon thread: a query that cannot be stopped never holds up shutting down
        try:
            threading.Thread(target=work, name="sparql-query", daemon=True).start()
        except BaseException:
            self._free.release()
            raise
        try:
            return future.result(timeout=self.timeout + 0.05)
        except FutureTimeout:
            raise self._timeout() from None

    # -------------------------------------------------------------- answers
    def _result(
        self, reply: tuple[Any, ...], solutions_format: ox.QueryResultsFormat | None
    ) -> QueryResult:
        kind = reply[0]
        if kind == "error":
            _, error, detail = reply
            if error == "QueryTooLarge":
                raise self._too_large(detail)
            if error == "QueryTimeout":
                raise self._timeout()
            raise QueryError(detail)
        if kind == "boolean":
            return QueryResult("boolean", boolean=bool(reply[1]))
        if kind == "solutions":
            _, name, data, truncated = reply
            if solutions_format is not None and _FORMAT_NAMES.get(solutions_format) == name:
                return QueryResult("solutions", data=data, truncated=truncated)
            parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
            names = [v.value for v in parsed.variables]
            rows = [tuple(solution[n] for n in names) for solution in parsed]
            return QueryResult("solutions", variables=names, rows=rows, truncated=truncated)
        triples = [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(reply[1], format=ox.RdfFormat.N_TRIPLES)
        ]
        return QueryResult("triples", triples=triples, truncated=reply[2])

    def _timeout(self) -> QueryTimeout:
        return QueryTimeout(
            f"the query ran longer than the {self.timeout:g} s time limit and was stopped; "
            "narrow it (LIMIT, more specific patterns). The limit is KG_QUERY_TIMEOUT."
        )

    def _too_large(self, what: str) -> QueryTooLarge:
        if what == "memory":
            return QueryTooLarge(
                f"the query needed more than the {self.memory_mb} MB of memory a query may use "
                "and was stopped; narrow it (LIMIT, fewer joins). The cap is KG_QUERY_MEMORY_MB."
            )
        return QueryTooLarge(
            f"the result has more than {self.max_results} {what}; add a LIMIT or narrow the "
            "query. The cap is KG_MAX_RESULTS."
        )
