"""Rendering SPARQL results for people (a text table) and programs (SPARQL JSON, CSV)."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from graph.errors import QueryError

__all__ = ["format_result", "term_text"]

_RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV}


def term_text(term: Any) -> str:
    """A term as a person reads it: IRIs and literal values bare."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def _table(variables: list[str], rows: list[list[str]]) -> str:
    widths = [len(v) for v in variables]
    for row in rows:
        widths = [min(max(w, len(c)), 80) for w, c in zip(widths, row, strict=True)]

    def line(cells: list[str]) -> str:
        out = []
        for cell, w in zip(cells, widths, strict=True):
            cell = cell if len(cell) <= w else cell[: w - 1] + "…"
            out.append(cell.ljust(w))
        return " | ".join(out).rstrip()

    parts = [line(variables), "-+-".join("-" * w for w in widths)]
    parts += [line(r) for r in rows]
    parts.append(f"({len(rows)} rows)")
    return "\n".join(parts) + "\n"


def format_result(store: Any, query: str, fmt: str = "table") -> str:
    """Run ``query`` on ``store`` and render it as ``table``, ``json`` or ``csv``."""
    if not hasattr(store, "raw_query"):
        rows = store.select(query)
        names = sorted({k for r in rows for k in r})
        return _table(names, [[term_text(r.get(n)) for n in names] for r in rows])
    result = store.raw_query(query)
    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    if not isinstance(result, ox.QuerySolutions):  # CONSTRUCT/DESCRIBE (a list, remotely)
        data = ox.serialize(list(result), format=ox.RdfFormat.TURTLE)
        return (data or b"").decode("utf-8")
    if fmt in _RESULT_FORMATS:
        data = result.serialize(format=_RESULT_FORMATS[fmt])
        return (data or b"").decode("utf-8") + ("\n" if fmt == "json" else "")
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r}; accepted: table, json, csv")
    names = [v.value for v in result.variables]
    rows = [[term_text(s[n]) for n in names] for s in result]
    return _table(names, rows)
