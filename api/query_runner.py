"""Running a user's SPARQL query within bounds: read-only, no SERVICE, time and size capped.

pyoxigraph cannot cancel a running query, so a query is evaluated lazily in a worker
(daemon) thread (pyoxigraph releases the GIL while it evaluates, so the server keeps
answering): the worker pulls one solution at a time and gives up as soon as the
deadline passes or the result grows past the cap. A query that blocks before its
first solution (a big ``ORDER BY`` or aggregate) cannot be stopped; the request is
answered with a time-limit error at the deadline while the worker finishes in the
background, holding one of a few query slots, so runaway queries can never take
more than those slots. When every slot is busy, new queries are refused at once.

Before anything runs, the text is checked: SPARQL Update is refused (the endpoint
is read-only) and ``SERVICE`` is refused unless the operator allowed federation,
so the server can never be made to fetch an arbitrary URL.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graph.errors import QueryError

__all__ = [
    "QueryRunner",
    "QueryResult",
    "QueryRefused",
    "QueryTimeout",
    "QueryTooLarge",
    "EndpointBusy",
    "check_query",
    "strip_literals",
    "dataset_of",
    "READ_ONLY_MESSAGE",
]


class QueryRefused(QueryError):
    """The query asks for something this endpoint does not do (updates, SERVICE)."""


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


#: how to count rows in pyoxigraph's output of each results format, without parsing it:
#: (row separator or start, rows = count + offset). The markers cannot occur inside a
#: value: JSON escapes the quote that ends ``}},{"``, XML the ``<`` of ``<result>``,
#: TSV the newline (CSV quotes a value's newline, so a value holding CRLF counts twice:
#: the cap is then met a little early, never late).
_ROW_MARKERS: dict[ox.QueryResultsFormat, tuple[bytes, int]] = {
    ox.QueryResultsFormat.JSON: (b'}},{"', 1),
    ox.QueryResultsFormat.XML: (b"<result>", 0),
    ox.QueryResultsFormat.CSV: (b"\r\n", -1),
    ox.QueryResultsFormat.TSV: (b"\n", -1),
}


class _Stop(Exception):
    """Raised inside pyoxigraph's writer to stop serialising."""


class _CappedSink:
    """A file-like sink for ``QuerySolutions.serialize`` that stops at the deadline or cap."""

    def __init__(self, fmt: ox.QueryResultsFormat, cap: int, deadline: float):
        self.marker, self.offset = _ROW_MARKERS[fmt]
        self.cap, self.deadline = cap, deadline
        self.chunks: list[bytes] = []
        self.count = 0
        self.tail = b""
        self.reason: str | None = None

    def write(self, chunk: bytes) -> int:
        window = self.tail + chunk
        self.count += window.count(self.marker)
        self.tail = window[-(len(self.marker) - 1) :] if len(self.marker) > 1 else b""
        if self.count + self.offset > self.cap:
            self.reason = "size"
            raise _Stop
        if time.monotonic() > self.deadline:
            self.reason = "time"
            raise _Stop
        self.chunks.append(bytes(chunk))
        return len(chunk)

    def flush(self) -> None:
        return None


# Strings, IRIs and comments are blanked out before looking for keywords, so a literal
# "SERVICE" or a comment mentioning DELETE neither refuses nor lets anything through.
_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s*)<>\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
READ_ONLY_MESSAGE = (
    "SPARQL Update is not accepted: this endpoint is read-only. Documents are added "
    "and removed through POST and DELETE /documents (with the operator's write token)."
)


def strip_literals(query: str) -> str:
    """``query`` with its strings, IRIs and comments blanked (kept as ``""``/``<>``)."""

    def blank(match: re.Match[str]) -> str:
        text = match.group(0)
        if text.startswith("#"):
            return " "
        return "<>" if text.startswith("<") else '""'

    return _LEXEMES.sub(blank, query)


_TOKENS = re.compile(
    r'(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*)'
    r"|(?P<var>[?$]\w+)"
    r"|(?P<iri><[^<>\"{}|^`\\\s]*>)"
    r"|(?P<pname>[A-Za-z][\w.-]*)?:(?P<local>[\w.%-]*)"
    r"|(?P<word>[A-Za-z]+)"
    r"|(?P<brace>\{)",
    re.DOTALL,
)


def dataset_of(query: str) -> tuple[list[str], list[str]]:
    """The IRIs of the query's own ``FROM`` and ``FROM NAMED`` clauses (before its body)."""
    prefixes: dict[str, str] = {}
    default: list[str] = []
    named: list[str] = []
    words: list[str] = []
    for match in _TOKENS.finditer(query):
        kind = match.lastgroup
        if kind == "skip":
            continue
        if kind == "var":
            words.append("")
            continue
        if kind == "brace":
            break
        if kind == "word":
            words.append(match.group("word").upper())
            continue
        iri = None
        if kind == "iri":
            iri = match.group("iri")[1:-1]
        elif match.group("pname") is not None or match.group("local") is not None:
            prefix = match.group("pname") or ""
            local = match.group("local") or ""
            if words[-1:] == ["PREFIX"]:
                words.append(f"PREFIX {prefix}")
                continue
            if prefix in prefixes:
                iri = prefixes[prefix] + local
        if iri is None:
            continue
        if words[-1:] and words[-1].startswith("PREFIX "):
            prefixes[words[-1][7:]] = iri
        elif words[-2:] == ["FROM", "NAMED"]:
            named.append(iri)
        elif words[-1:] == ["FROM"]:
            default.append(iri)
        words.append("")
    return default, named


def check_query(query: str, *, allow_service: bool = False) -> None:
    """Refuse updates and (unless allowed) SERVICE before the query is parsed or run."""
    bare = strip_literals(query)
    if _UPDATE.search(bare):
        raise QueryRefused(READ_ONLY_MESSAGE)
    if not allow_service and _SERVICE.search(bare):
        raise QueryRefused(
            "SERVICE (federated queries) is not allowed on this endpoint: the server does "
            "not fetch other hosts. The operator can allow it with KG_ALLOW_SERVICE=1."
        )


class QueryRunner:
    """Bounded evaluation of SPARQL queries on a store that has ``raw_query``."""

    def __init__(
        self,
        store: Any,
        *,
        timeout: float,
        max_results: int,
        slots: int = 2,
        allow_service: bool = False,
    ):
        self.store = store
        self.timeout = timeout
        self.max_results = max_results
        self.allow_service = allow_service
        self.slots = slots
        self._free = threading.BoundedSemaphore(slots)

    def run(
        self,
        query: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        solutions_format: ox.QueryResultsFormat | None = None,
    ) -> QueryResult:
        """Evaluate ``query``; raises one of this module's errors on a bound.

        With ``solutions_format``, SELECT results are serialised by pyoxigraph itself
        (much faster than row by row in Python), still within the time and size bounds.
        """
        check_query(query, allow_service=self.allow_service)
        if not hasattr(self.store, "raw_query"):
            raise QueryRefused("this store cannot run arbitrary SPARQL queries")
        if not self._free.acquire(timeout=min(1.0, self.timeout)):
            raise EndpointBusy(
                f"all {self.slots} query slots are busy with long-running queries; "
                "try again shortly"
            )
        deadline = time.monotonic() + self.timeout
        future: Future[QueryResult] = Future()

        def work() -> None:
            # pyoxigraph's result iterators must be dropped on the thread that made them, so
            # no exception leaving this thread may hold a traceback (whose frames hold them)
            error: QueryError | None = None
            try:
                future.set_result(
                    self._evaluate(
                        query,
                        list(default_graphs),
                        list(named_graphs),
                        deadline,
                        solutions_format,
                    )
                )
            except QueryError as exc:
                error = type(exc)(str(exc))
            except Exception as exc:  # noqa: BLE001 - reported to the client, not raised here
                error = QueryError(f"the query failed: {exc}")
            finally:
                self._free.release()
            if error is not None:
                future.set_exception(error)

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

    def _timeout(self) -> QueryTimeout:
        return QueryTimeout(
            f"the query ran longer than the {self.timeout:g} s time limit and was abandoned; "
            "narrow it (LIMIT, more specific patterns). The limit is KG_QUERY_TIMEOUT."
        )

    def _too_large(self, what: str) -> QueryTooLarge:
        return QueryTooLarge(
            f"the result has more than {self.max_results} {what}; add a LIMIT or narrow the "
            "query. The cap is KG_MAX_RESULTS."
        )

    def _evaluate(
        self,
        query: str,
        default_graphs: list[str],
        named_graphs: list[str],
        deadline: float,
        solutions_format: ox.QueryResultsFormat | None = None,
    ) -> QueryResult:
        if not default_graphs and not named_graphs:
            # the protocol's graph URIs win; without them the query's own FROM clauses count
            # (the store makes the default graph the union of all graphs only when none is named)
            default_graphs, named_graphs = dataset_of(query)
        result = self.store.raw_query(
            query, default_graphs=default_graphs, named_graphs=named_graphs
        )
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("boolean", boolean=bool(result))
        cap = self.max_results
        if isinstance(result, ox.QuerySolutions) and solutions_format is not None:
            sink = _CappedSink(solutions_format, cap, deadline)
            try:
                result.serialize(sink, format=solutions_format)
            except _Stop:
                pass
            except Exception:
                if sink.reason is None:
                    raise
            if sink.reason == "size":
                raise self._too_large("rows")
            if sink.reason == "time":
                raise self._timeout()
            return QueryResult("solutions", data=b"".join(sink.chunks))
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows: list[tuple[Any, ...]] = []
            for solution in result:
                if len(rows) >= cap:
                    raise self._too_large("rows")
                if time.monotonic() > deadline:
                    raise self._timeout()
                rows.append(tuple(solution[n] for n in names))
            return QueryResult("solutions", variables=names, rows=rows)
        triples: list[ox.Triple] = []
        for triple in result:
            if len(triples) >= cap:
                raise self._too_large("triples")
            if time.monotonic() > deadline:
                raise self._timeout()
            triples.append(triple)
        return QueryResult("triples", triples=triples)
