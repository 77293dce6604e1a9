"""Evaluating one checked SPARQL query on a store, within a row cap and a deadline.

Runs where the query runs: in a query worker process (:mod:`api.query_workers`) or, for a
store that cannot be snapshotted (a remote endpoint), in a thread of the server. The
answer is a plain tuple that crosses a process boundary:

- ``("boolean", bool)``;
- ``("solutions", format_name, bytes)``: SELECT results serialised by pyoxigraph in the
  format asked for (SPARQL JSON when the caller wants rows back);
- ``("triples", bytes)``: CONSTRUCT/DESCRIBE results as N-Triples;
- ``("error", kind, message)`` with ``kind`` one of ``QueryTooLarge`` (``"rows"``,
  ``"triples"`` or ``"memory"``), ``QueryTimeout``, ``QueryError``.
"""

from __future__ import annotations

import time
from typing import Any

import pyoxigraph as ox

from graph.errors import QueryError

__all__ = ["evaluate", "ROW_MARKERS"]

#: how to count rows in pyoxigraph's output of each results format, without parsing it:
#: (row separator or start, rows = count + offset). The markers cannot occur inside a
#: value: JSON escapes the quote that ends ``}},{"``, XML the ``<`` of ``<result>``,
#: TSV the newline (CSV quotes a value's newline, so a value holding CRLF counts twice:
#: the cap is then met a little early, never late).
ROW_MARKERS: dict[ox.QueryResultsFormat, tuple[bytes, int]] = {
    ox.QueryResultsFormat.JSON: (b'}},{"', 1),
    ox.QueryResultsFormat.XML: (b"<result>", 0),
    ox.QueryResultsFormat.CSV: (b"\r\n", -1),
    ox.QueryResultsFormat.TSV: (b"\n", -1),
}
_FORMATS = {
    "JSON": ox.QueryResultsFormat.JSON,
    "XML": ox.QueryResultsFormat.XML,
    "CSV": ox.QueryResultsFormat.CSV,
    "TSV": ox.QueryResultsFormat.TSV,
}


class _Stop(Exception):
    """Raised inside pyoxigraph's writer to stop serialising."""


class _CappedSink:
    """A file-like sink for ``QuerySolutions.serialize`` that stops at the deadline or cap."""

    def __init__(self, fmt: ox.QueryResultsFormat, cap: int, deadline: float):
        self.marker, self.offset = ROW_MARKERS[fmt]
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


def evaluate(store: Any, task: Any) -> tuple[Any, ...]:
    """Run ``task`` (an :class:`api.query_workers.Task`) on ``store``; see the module docs."""
    deadline = time.monotonic() + task.seconds
    try:
        result = store.raw_query(
            task.query, default_graphs=task.default_graphs, named_graphs=task.named_graphs
        )
    except QueryError as exc:
        return ("error", "QueryError", str(exc))
    if isinstance(result, ox.QueryBoolean):
        return ("boolean", bool(result))
    if isinstance(result, ox.QuerySolutions):
        name = task.fmt or "JSON"
        sink = _CappedSink(_FORMATS[name], task.cap, deadline)
        try:
            result.serialize(sink, format=_FORMATS[name])
        except _Stop:
            pass
        except Exception:
            if sink.reason is None:
                raise
        if sink.reason == "size":
            return ("error", "QueryTooLarge", "rows")
        if sink.reason == "time":
            return ("error", "QueryTimeout", "")
        return ("solutions", name, b"".join(sink.chunks))
    triples: list[ox.Triple] = []
    for triple in result:
        if len(triples) >= task.cap:
            return ("error", "QueryTooLarge", "triples")
        if time.monotonic() > deadline:
            return ("error", "QueryTimeout", "")
        triples.append(triple)
    return ("triples", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
