"""Evaluating one checked SPARQL query on a store, within a row cap and a deadline.

Runs where the query runs: in a query worker process (:mod:`api.query_workers`) or, for a
store that cannot be snapshotted (a remote endpoint), in a thread of the server. The
answer is a plain tuple that crosses a process boundary:

- ``("boolean", bool)``;
- ``("solutions", format_name, bytes, truncated)``: SELECT results serialised by pyoxigraph
  in the format asked for (SPARQL JSON when the caller wants rows back); past the cap, the
  first ``cap`` rows as a complete document and ``truncated`` true;
- ``("triples", bytes, truncated)``: CONSTRUCT/DESCRIBE results as N-Triples, the first
  ``cap`` of them when ``truncated``;
- ``("error", kind, message)`` with ``kind`` one of ``QueryTooLarge`` (``"memory"``),
  ``QueryTimeout``, ``QueryError``.
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
            self.chunks.append(bytes(chunk))  # cut at the cap's row by :func:`_first_rows`
            raise _Stop
        if time.monotonic() > self.deadline:
            self.reason = "time"
            raise _Stop
        self.chunks.append(bytes(chunk))
        return len(chunk)

    def flush(self) -> None:
        return None


#: what closes a results document cut after its last whole row
_CLOSE = {
    ox.QueryResultsFormat.JSON: b"]}}",
    ox.QueryResultsFormat.XML: b"</results></sparql>",
    ox.QueryResultsFormat.CSV: b"",
    ox.QueryResultsFormat.TSV: b"",
}


def _nth(data: bytes, marker: bytes, n: int) -> int:
    """Index of the ``n``-th (1-based) ``marker`` in ``data``, or -1."""
    at = -1
    for _ in range(n):
        at = data.find(marker, at + 1)
        if at < 0:
            return -1
    return at


def _first_rows(data: bytes, fmt: ox.QueryResultsFormat, cap: int) -> bytes:
    """The serialised results ``data`` (more than ``cap`` rows, maybe cut mid-row) as a
    complete document of its first ``cap`` rows."""
    marker, _ = ROW_MARKERS[fmt]
    if fmt == ox.QueryResultsFormat.JSON:
        if cap == 0:
            cut = data.find(b'"bindings":[') + len(b'"bindings":[')
        else:
            cut = _nth(data, marker, cap) + 2  # after the ``}}`` that ends row ``cap``
    elif fmt == ox.QueryResultsFormat.XML:
        cut = _nth(data, marker, cap + 1)  # where row ``cap + 1`` starts
    else:  # CSV, TSV: the header line and ``cap`` rows
        cut = _nth(data, marker, cap + 1) + len(marker)
    return data[:cut] + _CLOSE[fmt]


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
        if sink.reason == "time":
            return ("error", "QueryTimeout", "")
        data = b"".join(sink.chunks)
        if sink.reason == "size":
            return ("solutions", name, _first_rows(data, _FORMATS[name], task.cap), True)
        return ("solutions", name, data, False)
    triples: list[ox.Triple] = []
    truncated = False
    for triple in result:
        if len(triples) >= task.cap:
            truncated = True
            break
        if time.monotonic() > deadline:
            return ("error", "QueryTimeout", "")
        triples.append(triple)
    return ("triples", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", truncated)
