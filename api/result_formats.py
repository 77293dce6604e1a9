"""SPARQL results in the formats clients ask for, chosen from ``Accept`` by a table.

SELECT and ASK results: SPARQL JSON, XML, CSV and TSV; CONSTRUCT and DESCRIBE:
Turtle, N-Triples, JSON-LD and RDF/XML. Adding a format is one row in a table.

>>> negotiate("text/csv;q=0.5, application/sparql-results+json", SOLUTION_TYPES)
'application/sparql-results+json'
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from api.query_runner import QueryResult

__all__ = [
    "SOLUTION_TYPES",
    "GRAPH_TYPES",
    "FORMAT_NAMES",
    "format_accept",
    "NATIVE_SOLUTIONS",
    "negotiate",
    "render",
    "NotAcceptable",
]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class NotAcceptable(Exception):
    """No format the client accepts fits the query's result."""

    def __init__(self, accepted: list[str]):
        self.accepted = accepted
        super().__init__(
            "none of the requested media types can hold this result; accepted: "
            + ", ".join(accepted)
        )


# ------------------------------------------------------------------ terms


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _xml_text(text: str) -> str:
    return escape(_XML_BAD.sub("\ufffd", text))


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG):
            attr = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attr = ""
        return f"<literal{attr}>{_xml_text(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def _csv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


# ------------------------------------------------------------------ documents


def _json(result: QueryResult) -> bytes:
    if result.kind == "boolean":
        doc: dict[str, Any] = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _xml(result: QueryResult) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>\n']
    out.append('<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>')
    if result.kind == "boolean":
        out.append(f"</head>\n<boolean>{'true' if result.boolean else 'false'}</boolean>\n")
    else:
        out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
        out.append("</head>\n<results>\n")
        for row in result.rows:
            out.append("<result>")
            for v, t in zip(result.variables, row, strict=True):
                if t is not None:
                    out.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
            out.append("</result>\n")
        out.append("</results>\n")
    out.append("</sparql>\n")
    return "".join(out).encode("utf-8")


def _csv(result: QueryResult) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "boolean":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
    else:
        writer.writerow(result.variables)
        writer.writerows([_csv_term(t) for t in row] for row in result.rows)
    return buf.getvalue().encode("utf-8")


def _tsv(result: QueryResult) -> bytes:
    if result.kind == "boolean":
        return b"?boolean\n" + (b"true\n" if result.boolean else b"false\n")
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _graph(fmt: ox.RdfFormat) -> Callable[[QueryResult], bytes]:
    def serialise(result: QueryResult) -> bytes:
        data = ox.serialize(result.triples, format=fmt)
        return data if isinstance(data, bytes) else b""

    return serialise


#: media type -> (short name, serialiser) for SELECT and ASK results; first is the default
SOLUTION_TYPES: dict[str, tuple[str, Callable[[QueryResult], bytes]]] = {
    "application/sparql-results+json": ("json", _json),
    "application/sparql-results+xml": ("xml", _xml),
    "text/csv": ("csv", _csv),
    "text/tab-separated-values": ("tsv", _tsv),
    "application/json": ("json", _json),
    "application/xml": ("xml", _xml),
    "text/xml": ("xml", _xml),
}

#: media type -> (short name, serialiser) for CONSTRUCT and DESCRIBE results
GRAPH_TYPES: dict[str, tuple[str, Callable[[QueryResult], bytes]]] = {
    "text/turtle": ("turtle", _graph(ox.RdfFormat.TURTLE)),
    "application/n-triples": ("nt", _graph(ox.RdfFormat.N_TRIPLES)),
    "application/ld+json": ("jsonld", _graph(ox.RdfFormat.JSON_LD)),
    "application/rdf+xml": ("rdfxml", _graph(ox.RdfFormat.RDF_XML)),
    "text/n3": ("n3", _graph(ox.RdfFormat.N3)),
    "text/rdf+n3": ("n3", _graph(ox.RdfFormat.N3)),
    "application/n3": ("n3", _graph(ox.RdfFormat.N3)),
    "application/turtle": ("turtle", _graph(ox.RdfFormat.TURTLE)),
    "application/x-turtle": ("turtle", _graph(ox.RdfFormat.TURTLE)),
    "application/x-json+ld": ("jsonld", _graph(ox.RdfFormat.JSON_LD)),
    "text/plain": ("nt", _graph(ox.RdfFormat.N_TRIPLES)),
}

#: SELECT media types pyoxigraph serialises natively (everything in SOLUTION_TYPES)
NATIVE_SOLUTIONS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}

#: ``format=`` / ``output=`` short names -> media types, a SELECT one and a CONSTRUCT one
#: where the name means both (SPARQLWrapper sends ``format=xml`` for either)
FORMAT_NAMES: dict[str, tuple[str, ...]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle",),
    "ttl": ("text/turtle",),
    "n3": ("text/n3",),
    "nt": ("application/n-triples",),
    "ntriples": ("application/n-triples",),
    "n-triples": ("application/n-triples",),
    "jsonld": ("application/ld+json",),
    "json-ld": ("application/ld+json",),
    "rdfxml": ("application/rdf+xml",),
    "rdf+xml": ("application/rdf+xml",),
    "rdf": ("application/rdf+xml",),
}


def format_accept(fmt: str) -> str | None:
    """``format=`` as an ``Accept`` value: a short name (``tsv``) or media types
    (``application/ld+json,application/x-json+ld``, as SPARQLWrapper sends them);
    ``None`` when none is known."""
    name = fmt.strip().lower()
    if name in FORMAT_NAMES:
        return ", ".join(FORMAT_NAMES[name])
    known = [
        media
        for media in (part.split(";")[0].strip() for part in name.split(","))
        if media in SOLUTION_TYPES or media in GRAPH_TYPES
    ]
    return ", ".join(known) or None


def _accept_items(accept: str) -> list[tuple[str, float]]:
    items: list[tuple[str, float, int]] = []
    for n, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        media = bits[0].lower()
        if not media:
            continue
        q = 1.0
        for param in bits[1:]:
            if param.lower().startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        items.append((media, q, n))
    items.sort(key=lambda t: (-t[1], t[2]))
    return [(m, q) for m, q, _ in items if q > 0]


def negotiate(accept: str | None, table: dict[str, Any]) -> str:
    """The media type of ``table`` the ``Accept`` header prefers (the first row by default)."""
    default = next(iter(table))
    if not accept:
        return default
    for media, _ in _accept_items(accept):
        if media in table:
            return media
        if media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0] + "/"
            if media == "*/*" or default.startswith(prefix):
                return default
            for candidate in table:
                if candidate.startswith(prefix):
                    return candidate
    raise NotAcceptable(list(table))


def render(result: QueryResult, media_type: str) -> bytes:
    """Serialise ``result`` as ``media_type`` (already negotiated from the right table)."""
    if result.data is not None:
        return result.data
    table = GRAPH_TYPES if result.kind == "triples" else SOLUTION_TYPES
    return table[media_type][1](result)
