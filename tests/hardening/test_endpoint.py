"""The public endpoint cannot be used to write, to fetch other hosts, or to take the server down.

Against the app (``TestClient``) and against a real ``kg serve``: SPARQL Update and
``SERVICE`` are refused; a query past its time or size bound gets a clear error and
the server keeps answering; injection strings in any parameter never give a 500
nor change the store; labels are escaped in HTML; CORS is closed unless configured.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.store import OxigraphStore, open_store
from ingest.emit import write
from ingest.model import Entity, Relation
from ontology.ids import entity_iri
from tests.hardening.conftest import Server, start_server, stop_server
from tests.helpers import SOURCE_TEXT, span, team_sync

XSS = "<img src=x onerror=alert(1)>"

UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DROP ALL",
    "CLEAR DEFAULT",
    "LOAD <http://example.org/data.ttl>",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX x: <urn:x#> INSERT { ?s x:p 1 } WHERE { ?s ?p ?o }",
    "# a comment first\nDROP GRAPH <https://w3id.org/minutes-kg/graph/team-sync>",
    "CREATE GRAPH <urn:g>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
]

INJECTIONS = [
    '"} ; DROP ALL ; #',
    "') } INSERT DATA { <urn:a> <urn:b> <urn:c> } #",
    'x" . ?s ?p ?o . FILTER("1"="1',
    "> } UNION { ?s ?p ?o } #",
    "*/ DROP ALL ; /*",
    "<script>alert(1)</script>",
    XSS,
    "a\\u0022 ; DROP ALL",
    "?s ?p ?o",
    "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
    "%27%20OR%201=1",
    "\u202e\u0000\ufeff",
    "",
]


def _hostile_store() -> Any:
    """team_sync plus a document naming a person ``<img src=x onerror=alert(1)>``."""
    store = open_store("memory")
    write(store, team_sync())
    base = team_sync("hostile", "minutes/hostile.txt")
    who = entity_iri("Person", XSS)
    scheduler = entity_iri("Component", "scheduler")
    write(
        store,
        replace(
            base,
            entities=base.entities + (Entity(who, "Person", XSS),),
            relations=base.relations
            + (
                Relation(
                    who,
                    "responsibleFor",
                    scheduler,
                    0.9,
                    (span(SOURCE_TEXT, "Ada Lovelace is responsible for the scheduler."),),
                ),
            ),
        ),
    )
    return store


@pytest.fixture()
def app_store() -> Any:
    return _hostile_store()


def client(store: Any, **settings: Any) -> TestClient:
    return TestClient(create_app(store, Settings(**settings)))


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server recording every request, to prove nothing was fetched."""
    hits: list[str] = []
    handler = type("Recorder", (_Recorder,), {"hits": hits})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()


# ------------------------------------------------------------------ read-only


def _sparql_requests(query: str) -> list[dict[str, Any]]:
    """The ways a client can send ``query`` (or an update) to /sparql."""
    return [
        {"method": "GET", "url": "/sparql", "params": {"query": query}},
        {"method": "GET", "url": "/sparql", "params": {"update": query}},
        {
            "method": "POST",
            "url": "/sparql",
            "content": query.encode(),
            "headers": {"Content-Type": "application/sparql-query"},
        },
        {
            "method": "POST",
            "url": "/sparql",
            "content": query.encode(),
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {"method": "POST", "url": "/sparql", "data": {"query": query}},
        {"method": "POST", "url": "/sparql", "data": {"update": query}},
    ]


@pytest.mark.parametrize("update", UPDATES)
def test_sparql_update_is_refused_and_changes_nothing(update: str, app_store: Any) -> None:
    before = app_store.export("nq")
    api = client(app_store)
    for request in _sparql_requests(update):
        response = api.request(**request)
        assert response.status_code in (400, 403), (request, response.text)
        assert response.json()["detail"]
    assert app_store.export("nq") == before


def test_sparql_update_refusal_says_why(app_store: Any) -> None:
    response = client(app_store).get("/sparql", params={"query": "DROP ALL"})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}/a> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ service silent <{url}/b> {{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}/> SELECT * WHERE {{ SERVICE r:c {{ ?s ?p ?o }} }}",
    'SELECT * WHERE {{ BIND("x" AS ?x) SERVICE <{url}/d> {{ ?s ?p ?o }} }}',
    "SELECT * WHERE {{ ?a ?b ?c FILTER(1<2) SERVICE <{url}/e> {{ ?s ?p ?o }} }}",
    'SELECT * WHERE {{ # comment "\n SERVICE <{url}/f> {{ ?s ?p ?o }} }}',
    "SELECT * WHERE {{ ?s ?p ?o }} VALUES ?x {{ 1 }} # SERVICE",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_never_fetches_another_host(
    template: str, app_store: Any, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    api = client(app_store)
    for request in _sparql_requests(template.format(url=url))[::2]:  # query, not update
        response = api.request(**request)
        assert response.status_code != 500, response.text
    assert hits == []


def test_service_refusal_says_how_to_allow_it(
    app_store: Any, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    response = client(app_store).get(
        "/sparql", params={"query": SERVICE_QUERIES[0].format(url=url)}
    )
    assert response.status_code in (400, 403)
    assert "SERVICE" in response.json()["detail"]
    assert hits == []


# ------------------------------------------------------------------ bounds


CROSS4 = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
#: one row, but it can only answer after counting ~10^7 solutions (constant memory)
COUNT3 = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.mark.parametrize("query", [CROSS4, COUNT3], ids=["streaming", "blocking-aggregate"])
def test_a_query_past_the_time_limit_gets_a_clear_error(query: str, app_store: Any) -> None:
    api = client(app_store, query_timeout=0.2, max_results=10**9)
    response = api.get("/sparql", params={"query": query})
    assert response.status_code in (408, 503, 504)
    assert "time limit" in response.json()["detail"]
    assert api.get("/healthz").status_code == 200
    assert api.get("/owners", params={"of": "scheduler"}).status_code == 200


def test_a_result_past_the_cap_is_truncated_and_flagged(app_store: Any) -> None:
    api = client(app_store, max_results=10)
    response = api.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 10
    assert response.headers["x-result-truncated"] == "10"
    small = api.get(
        "/sparql",
        params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert small.status_code == 200
    assert len(small.json()["results"]["bindings"]) == 5


# ------------------------------------------------------------------ injection


def _get_operations(api: TestClient) -> list[tuple[str, list[dict[str, Any]]]]:
    spec = api.get("/openapi.json").json()
    return [
        (path, ops["get"].get("parameters", []))
        for path, ops in spec["paths"].items()
        if "get" in ops
    ]


def _string_param(param: dict[str, Any]) -> bool:
    schema = param.get("schema", {})
    kinds = [schema.get("type")] + [s.get("type") for s in schema.get("anyOf", [])]
    has_enum = "enum" in schema or any("enum" in s for s in schema.get("anyOf", []))
    return "string" in kinds and not has_enum or schema.get("type") == "array"


def test_injection_strings_in_every_parameter_never_fail_or_write(app_store: Any) -> None:
    api = client(app_store)
    before = app_store.export("nq")
    tried = 0
    for path, params in _get_operations(api):
        for param in params:
            if not _string_param(param):
                continue
            for value in INJECTIONS:
                url, query = path, {}
                if param["in"] == "path":
                    url = path.replace("{" + param["name"] + "}", quote(value, safe="") or "x")
                else:
                    query = {param["name"]: value}
                    if path in ("/owners", "/members", "/dependencies") and param["name"] != "of":
                        query["of"] = "scheduler"
                response = api.get(url, params=query)
                tried += 1
                assert response.status_code in (200, 400, 403, 404, 406, 409, 422), (
                    url,
                    query,
                    response.status_code,
                    response.text[:300],
                )
    assert tried > 50
    assert app_store.export("nq") == before


# ------------------------------------------------------------------ HTML


def test_labels_are_escaped_in_every_html_page(app_store: Any) -> None:
    api = client(app_store)
    person = entity_iri("Person", XSS)
    pages = [
        ("/", {}),
        ("/graph", {}),
        ("/graph", {"focus": "scheduler"}),
        ("/graph", {"focus": XSS}),
        ("/owners", {"of": "scheduler"}),
        ("/members", {"of": XSS}),
        ("/entities", {"q": "img"}),
        ("/entities/" + person.rsplit("/", 2)[-2] + "/" + person.rsplit("/", 1)[-1], {}),
        ("/actions", {}),
        ("/decisions", {}),
        ("/sparql", {}),
        (
            "/sparql",
            {"query": "SELECT ?n WHERE { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> ?n }"},
        ),
    ]
    shown = 0
    for path, params in pages:
        response = api.get(path, params=params, headers={"Accept": "text/html"})
        if response.status_code >= 400 or "html" not in response.headers.get("content-type", ""):
            continue
        shown += 1
        assert XSS not in response.text, path
        assert "<script>alert" not in response.text, path
    assert shown >= 3
    graph = api.get("/graph", params={"focus": "scheduler"}, headers={"Accept": "text/html"})
    assert graph.status_code == 200 and "onerror" in graph.text  # the name is there, escaped


# ------------------------------------------------------------------ CORS and binding


def test_cors_is_closed_unless_configured(app_store: Any) -> None:
    evil = {"Origin": "https://evil.example"}
    closed = client(app_store)
    assert "access-control-allow-origin" not in closed.get("/healthz", headers=evil).headers
    preflight = closed.options("/sparql", headers={**evil, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    opened = client(app_store, cors_origins=("https://ok.example",))
    ok = opened.get("/healthz", headers={"Origin": "https://ok.example"})
    assert ok.headers.get("access-control-allow-origin") == "https://ok.example"
    assert "access-control-allow-origin" not in opened.get("/healthz", headers=evil).headers


def test_kg_serve_binds_loopback_by_default() -> None:
    from kg.cli import build_parser

    assert build_parser().parse_args(["serve"]).host == "127.0.0.1"


# ------------------------------------------------------------------ the real server


def hostile_store_on_disk(path: Path) -> Path:
    """:func:`_hostile_store` written to an embedded store at ``path`` (for a real server)."""
    store = OxigraphStore(path)
    hostile = _hostile_store()
    for graph in hostile.graphs():
        store.replace_graph(graph, hostile.quads(graph))
    store.close()
    return path


@pytest.fixture(scope="module")
def bounded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = hostile_store_on_disk(tmp_path_factory.mktemp("endpoint") / "store")
    running = start_server(path, env={"KG_QUERY_TIMEOUT": "0.25", "KG_MAX_RESULTS": "1000"})
    yield running
    stop_server(running)


def _server_export(server: Server) -> str:
    response = httpx.get(
        server.url + "/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return str(response.json()["results"]["bindings"][0]["n"]["value"])


def test_real_server_refuses_updates_and_service(
    bounded_server: Server, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    before = _server_export(bounded_server)
    with httpx.Client(base_url=bounded_server.url, timeout=60) as http:
        for update in UPDATES:
            for request in _sparql_requests(update):
                response = http.request(**request)
                assert response.status_code in (400, 403), (request, response.text)
        for template in SERVICE_QUERIES:
            response = http.get("/sparql", params={"query": template.format(url=url)})
            assert response.status_code != 500
    assert hits == []
    assert _server_export(bounded_server) == before


def test_real_server_survives_a_runaway_query(bounded_server: Server) -> None:
    with httpx.Client(base_url=bounded_server.url, timeout=60) as http:
        response = http.get("/sparql", params={"query": COUNT3})
        assert response.status_code in (408, 503, 504), response.text
        assert "time limit" in response.json()["detail"]
        assert http.get("/healthz").status_code == 200
        capped = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o ?x ?y }"})
        assert capped.status_code in (400, 403)
        too_many = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }"})
        assert too_many.status_code == 200, too_many.text[:300]
        assert too_many.headers["x-result-truncated"] == "1000"
        assert len(too_many.json()["results"]["bindings"]) == 1000
        assert http.get("/healthz").status_code == 200


def test_real_server_has_no_cors_for_an_arbitrary_origin(bounded_server: Server) -> None:
    response = httpx.get(
        bounded_server.url + "/healthz", headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_real_server_listens_on_loopback_only(bounded_server: Server) -> None:
    import socket

    port = int(bounded_server.url.rsplit(":", 1)[-1])
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:  # the address of the interface a packet out would leave by (nothing is sent)
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
        except OSError:
            address = "127.0.0.1"
    if address.startswith("127."):
        pytest.skip("this machine has no non-loopback address to try")
    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex((address, port)) != 0, address
