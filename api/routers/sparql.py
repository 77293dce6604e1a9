"""``GET|POST /sparql``: the SPARQL 1.1 Protocol, read-only and bounded.

Any FastAPI app can mount ``router``: it needs ``app.state.store`` (a store with
``raw_query``) and optionally ``app.state.settings``. Queries come as GET
``?query=``, POST form-encoded ``query=``, or POST ``application/sparql-query``;
``default-graph-uri`` and ``named-graph-uri`` pick the dataset, and without them
the default graph is the union of every document's graph. The result format is
chosen from ``Accept`` through the tables of :mod:`api.result_formats` (or
``format=``/``output=``, a short name such as ``csv`` or a media type such as
``text/tab-separated-values``, as SPARQLWrapper sends). Updates and ``SERVICE`` are
refused and every query is bounded in time (:mod:`api.query_runner`); a result past
``KG_MAX_RESULTS`` rows or triples is cut to its first rows and flagged by the
``X-Result-Truncated`` header (and a ``Warning``), not refused. GET without a query
answers the service description (``sd:Service``, Turtle) or, for a browser, a form;
HEAD and OPTIONS answer as HTTP says.
"""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from api.deps import RunnerDep, SettingsDep
from api.pages import page, wants_html
from api.query_runner import READ_ONLY_MESSAGE, QueryRefused, QueryRunner
from api.result_formats import (
    FORMAT_NAMES,
    GRAPH_TYPES,
    NATIVE_SOLUTIONS,
    SOLUTION_TYPES,
    NotAcceptable,
    format_accept,
    negotiate,
    render,
)
from graph.errors import QueryError

__all__ = ["router", "answer"]

router = APIRouter(tags=["sparql"])

#: bytes a query text may have
MAX_QUERY_BYTES = 1_000_000

_EXAMPLE = """PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?who ?name ?what WHERE {
  ?who mkg:responsibleFor ?thing ; skos:prefLabel ?name .
  ?thing skos:prefLabel ?what .
} LIMIT 50"""

_UPDATE_REFUSED = READ_ONLY_MESSAGE

_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                    "required": ["query"],
                }
            },
        },
    }
}


def answer(
    runner: QueryRunner,
    query: str,
    *,
    accept: str | None,
    fmt: str | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    client: str | None = None,
) -> Response:
    """Run ``query`` within bounds and serialise it in the negotiated format."""
    if len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        raise QueryError(f"the query is longer than {MAX_QUERY_BYTES} bytes")
    for iri in (default_graphs or []) + (named_graphs or []):
        if not iri.startswith(("http://", "https://", "urn:")):
            raise QueryError(f"a graph URI must be an absolute IRI, not {iri!r}")
    if fmt:
        accept = format_accept(fmt)
        if accept is None:
            raise QueryError(
                f"unknown format {fmt!r}; accepted: {', '.join(sorted(FORMAT_NAMES))} "
                "or one of their media types"
            )
    solutions_media = _choose(accept, SOLUTION_TYPES, fallback=bool(fmt))
    result = runner.run(
        query,
        default_graphs=default_graphs or (),
        named_graphs=named_graphs or (),
        solutions_format=NATIVE_SOLUTIONS.get(solutions_media or ""),
        client=client,
    )
    if result.kind == "triples":
        media = _choose(accept, GRAPH_TYPES, fallback=bool(fmt))
    else:
        media = solutions_media
    if media is None:
        raise NotAcceptable(list(GRAPH_TYPES if result.kind == "triples" else SOLUTION_TYPES))
    charset = "; charset=utf-8" if not media.endswith("json") else ""
    headers = {"Vary": "Accept", "Cache-Control": "no-store"}
    if result.truncated:
        what = "triples" if result.kind == "triples" else "rows"
        headers[TRUNCATED_HEADER] = str(runner.max_results)
        headers["Warning"] = (
            f'199 - "result truncated to its first {runner.max_results} {what} '
            '(KG_MAX_RESULTS); add a LIMIT or narrow the query"'
        )
    return Response(render(result, media), media_type=media + charset, headers=headers)


#: set on a result cut at the cap: its value is the number of rows or triples kept
TRUNCATED_HEADER = "X-Result-Truncated"

_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS = "http://www.w3.org/ns/formats/"
_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "n3": ox.RdfFormat.N3,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "N3",
    "JSON-LD",
    "RDF_XML",
)


def service_description(endpoint: str, accept: str | None) -> Response:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint`` (``sd:Service``)."""
    try:
        service = ox.NamedNode(endpoint)
    except ValueError:
        service = ox.NamedNode("http://127.0.0.1/sparql")
    sd = lambda name: ox.NamedNode(_SD + name)  # noqa: E731
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    dataset, graph = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(service, rdf_type, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), graph),
        ox.Triple(graph, rdf_type, sd("Graph")),
    ]
    triples += [
        ox.Triple(service, sd("resultFormat"), ox.NamedNode(_FORMATS + name))
        for name in _RESULT_FORMATS
    ]
    media = _choose(accept, GRAPH_TYPES, fallback=True) or "text/turtle"
    data = ox.serialize(
        triples,
        format=_RDF_FORMATS[GRAPH_TYPES[media][0]],
        prefixes={"sd": _SD, "formats": _FORMATS},
    )
    charset = "; charset=utf-8" if not media.endswith("json") else ""
    return Response(data, media_type=media + charset, headers={"Vary": "Accept"})


def _choose(accept: str | None, table: dict[str, object], *, fallback: bool) -> str | None:
    """The negotiated media type of ``table``; its default when ``fallback``, else ``None``."""
    try:
        return negotiate(accept, table)
    except NotAcceptable:
        return next(iter(table)) if fallback else None


@router.get(
    "/sparql",
    summary="SPARQL 1.1 query (GET ?query=); without a query, the service description "
    "(Turtle) or, for a browser, a form",
    response_class=Response,
)
def sparql_get(
    request: Request,
    runner: RunnerDep,
    settings: SettingsDep,
    query: Annotated[str | None, Query(description="a SPARQL 1.1 query")] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
    format: Annotated[str | None, Query(description="json, xml, csv, tsv, turtle, ...")] = None,
) -> Response:
    if "update" in request.query_params:
        raise QueryRefused(_UPDATE_REFUSED)
    if query is None:
        if wants_html(request):
            return page(
                "sparql.html",
                example=_EXAMPLE,
                timeout=settings.query_timeout,
                max_results=settings.max_results,
                formats=["json", "xml", "csv", "tsv", "turtle", "nt", "jsonld"],
            )
        return service_description(
            str(request.url.remove_query_params(request.query_params.keys())),
            request.headers.get("accept"),
        )
    return answer(
        runner,
        query,
        accept=request.headers.get("accept"),
        fmt=format or request.query_params.get("output"),
        default_graphs=default_graph_uri,
        named_graphs=named_graph_uri,
        client=request.client.host if request.client else None,
    )


@router.head(
    "/sparql",
    summary="GET's headers without the body (the query runs: its status and type are real)",
    response_class=Response,
)
def sparql_head(
    request: Request,
    runner: RunnerDep,
    settings: SettingsDep,
    query: Annotated[str | None, Query(description="a SPARQL 1.1 query")] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
    format: Annotated[str | None, Query(description="json, xml, csv, tsv, turtle, ...")] = None,
) -> Response:
    return sparql_get(request, runner, settings, query, default_graph_uri, named_graph_uri, format)


@router.options("/sparql", summary="the methods /sparql answers", status_code=204)
def sparql_options() -> Response:
    return Response(status_code=204, headers={"Allow": "GET, HEAD, POST, OPTIONS"})


@router.post(
    "/sparql",
    summary="SPARQL 1.1 query (POST form-encoded or application/sparql-query)",
    response_class=Response,
    openapi_extra=_POST_BODY,
)
async def sparql_post(request: Request, runner: RunnerDep) -> Response:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params = request.query_params
    default_graphs = params.getlist("default-graph-uri")
    named_graphs = params.getlist("named-graph-uri")
    fmt = params.get("format") or params.get("output")
    if media == "application/sparql-update" or "update" in params:
        raise QueryRefused(_UPDATE_REFUSED)
    if media == "application/sparql-query":
        body = await _read_capped(request)
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError:
            raise QueryError("the query is not UTF-8 text") from None
    elif media == "application/x-www-form-urlencoded":
        await _read_capped(request)
        form = await request.form()
        if "update" in form:
            raise QueryRefused(_UPDATE_REFUSED)
        raw = form.get("query")
        if not isinstance(raw, str) or not raw:
            raise QueryError("the form has no 'query' field")
        query = raw
        default_graphs += [str(v) for v in form.getlist("default-graph-uri")]
        named_graphs += [str(v) for v in form.getlist("named-graph-uri")]
        fmt = fmt or _str(form.get("format")) or _str(form.get("output"))
    else:
        return Response(
            f"unsupported content type {media or '(none)'!r}; send the query as "
            "application/sparql-query or application/x-www-form-urlencoded (query=...)",
            status_code=415,
            media_type="text/plain; charset=utf-8",
        )
    return await run_in_threadpool(
        answer,
        runner,
        query,
        accept=request.headers.get("accept"),
        fmt=fmt,
        default_graphs=default_graphs,
        named_graphs=named_graphs,
        client=request.client.host if request.client else None,
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


async def _read_capped(request: Request) -> bytes:
    """The request body, refused past :data:`MAX_QUERY_BYTES` without reading it all."""
    size = request.headers.get("content-length")
    if size and size.isdigit() and int(size) > MAX_QUERY_BYTES:
        raise QueryError(f"the query is longer than {MAX_QUERY_BYTES} bytes")
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > MAX_QUERY_BYTES:
            raise QueryError(f"the query is longer than {MAX_QUERY_BYTES} bytes")
        chunks.append(chunk)
    body = b"".join(chunks)
    request._body = body  # let request.form() parse what was read
    return body
