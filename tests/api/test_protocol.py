"""The SPARQL 1.1 Protocol as clients use it, over a real uvicorn server on loopback.

SPARQLWrapper sends ``format=`` (a short name, or a media type for TSV, JSON-LD and
RDF/XML) along with ``Accept``; every query type and format it offers must come back
in a form it parses. The service description, HEAD, OPTIONS, CORS and the truncation
of large results are checked with plain HTTP, as curl sees them.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator

import httpx
import pytest
from rdflib import Graph, Literal
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from api.app import create_app
from api.settings import Settings
from tests.api.conftest import serve_app
from tests.graph.conftest import build_store

SKOS = "http://www.w3.org/2004/02/skos/core#"
MKG = "https://w3id.org/minutes-kg/ontology#"
PEOPLE = f"SELECT ?p ?n WHERE {{ ?p a <{MKG}Person> ; <{SKOS}prefLabel> ?n }} ORDER BY ?n"
CONSTRUCT = (
    f"CONSTRUCT {{ ?p <{SKOS}prefLabel> ?n }} WHERE {{ ?p a <{MKG}Person> ; <{SKOS}prefLabel> ?n }}"
)
ORIGIN = "https://yasgui.example"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    app = create_app(build_store(), Settings(max_results=20, cors_origins=(ORIGIN,)))
    with serve_app(app) as base:
        yield base


def _query(base: str, query: str, fmt: str | None, accept: str | None = None) -> object:
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(query)
    if fmt:
        client.setReturnFormat(fmt)
    if accept:
        client.setOnlyConneg(True)
        client.addCustomHttpHeader("Accept", accept)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # another content type
        return client.query().convert()


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select_in_every_format_it_offers(server: str, fmt: str) -> None:
    result = _query(server, PEOPLE, fmt)
    if fmt == JSON:
        names = [b["n"]["value"] for b in result["results"]["bindings"]]  # type: ignore[index]
    elif fmt == XML:
        names = [n.firstChild.data for n in result.getElementsByTagName("literal")]  # type: ignore[attr-defined]
    else:
        text = result.decode("utf-8") if isinstance(result, bytes) else str(result)
        rows = list(csv.reader(io.StringIO(text), delimiter="\t" if fmt == TSV else ","))
        column = rows[0].index("?n" if fmt == TSV else "n")
        names = [row[column].strip('"') for row in rows[1:] if row]
    assert {"Frossie Economou", "Tim Jenness"} <= set(names)
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("fmt", "syntax"),
    [(TURTLE, "turtle"), (N3, "n3"), (RDFXML, None), (JSONLD, None), (XML, None), (None, None)],
)
def test_sparqlwrapper_construct_parses_in_every_format(
    server: str, fmt: str | None, syntax: str | None
) -> None:
    """RDF/XML, JSON-LD and the default (XML) come back as an rdflib Graph; SPARQLWrapper
    hands Turtle and N3 over as text, which rdflib parses."""
    graph = _query(server, CONSTRUCT, fmt)
    if syntax:
        assert isinstance(graph, bytes)
        graph = Graph().parse(data=graph, format=syntax)
    assert isinstance(graph, Graph), type(graph)
    assert Literal("Frossie Economou") in set(graph.objects())


def test_sparqlwrapper_construct_as_n_triples(server: str) -> None:
    data = _query(server, CONSTRUCT, N3, accept="application/n-triples")
    assert isinstance(data, bytes)
    graph = Graph().parse(data=data, format="nt")
    assert Literal("Tim Jenness") in set(graph.objects())


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("tsv", "text/tab-separated-values"),
    ],
)
def test_format_takes_a_media_type_or_a_short_name(server: str, fmt: str, media: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": PEOPLE, "format": fmt})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(media)
    bad = httpx.get(server + "/sparql", params={"query": PEOPLE, "format": "image/png"})
    assert bad.status_code == 400 and "unknown format" in bad.json()["detail"]


def test_get_without_a_query_describes_the_service(server: str) -> None:
    r = httpx.get(server + "/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    services = graph.query(f"SELECT ?s WHERE {{ ?s a <{sd}Service> ; <{sd}endpoint> ?e }}")
    assert [str(row[0]) for row in services] == [server + "/sparql"]
    assert "@prefix sd:" in r.text


def test_head_and_options(server: str) -> None:
    head = httpx.head(server + "/sparql", params={"query": PEOPLE})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith("application/sparql-results+json")
    options = httpx.options(server + "/sparql")
    assert options.status_code == 204
    assert set(options.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST", "HEAD"}


def test_cors_lets_the_configured_origin_read_results(server: str) -> None:
    preflight = httpx.options(
        server + "/sparql",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"},
    )
    assert preflight.headers.get("access-control-allow-origin") == ORIGIN
    r = httpx.get(server + "/sparql", params={"query": PEOPLE}, headers={"Origin": ORIGIN})
    assert r.headers.get("access-control-allow-origin") == ORIGIN
    other = httpx.get(
        server + "/sparql", params={"query": PEOPLE}, headers={"Origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_a_large_result_is_truncated_and_flagged(server: str, fmt: str) -> None:
    r = httpx.get(
        server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": fmt}
    )
    assert r.status_code == 200, r.text
    assert r.headers["x-result-truncated"] == "20"
    assert "truncated" in r.headers["warning"]
    if fmt == "json":
        assert len(json.loads(r.text)["results"]["bindings"]) == 20
    elif fmt == "xml":
        assert r.text.count("<result>") == 20 and r.text.rstrip().endswith("</sparql>")
    else:
        assert len(r.text.strip("\r\n").splitlines()) == 21  # the header and 20 rows
    small = httpx.get(server + "/sparql", params={"query": PEOPLE, "format": fmt})
    assert "x-result-truncated" not in small.headers


def test_a_large_construct_is_truncated_and_flagged(server: str) -> None:
    q = "CONSTRUCT WHERE { ?s ?p ?o }"
    r = httpx.get(server + "/sparql", params={"query": q}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["x-result-truncated"] == "20"
    assert len(Graph().parse(data=r.text, format="turtle")) == 20
