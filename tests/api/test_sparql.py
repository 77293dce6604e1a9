"""The SPARQL 1.1 Protocol endpoint: ways to ask, result formats, dataset, refusals, bounds."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import xml.etree.ElementTree as ET

import pytest
import rdflib
from fastapi.testclient import TestClient

from api.app import create_app
from api.query_runner import EndpointBusy, QueryRunner, QueryTimeout, check_query
from api.settings import Settings
from graph.store import OxigraphStore
from tests.graph.conftest import build_store

PREFIX = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
TEAMS = (
    PREFIX
    + """PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
SELECT DISTINCT ?name WHERE { ?t a mkg:Team ; skos:prefLabel ?name } ORDER BY ?name"""
)
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
MIDDLEWARE_GRAPH = "https://w3id.org/minutes-kg/graph/middleware-2024-03-04"


def _names(body: dict) -> list[str]:
    return [b["name"]["value"] for b in body["results"]["bindings"]]


def test_get_post_form_and_post_body_give_the_same_answer(client: TestClient) -> None:
    got = client.get("/sparql", params={"query": TEAMS})
    assert got.headers["content-type"].startswith("application/sparql-results+json")
    assert _names(got.json()) == ["Middleware", "SQuaRE"]
    form = client.post("/sparql", data={"query": TEAMS})
    body = client.post(
        "/sparql", content=TEAMS, headers={"Content-Type": "application/sparql-query"}
    )
    assert _names(form.json()) == _names(body.json()) == ["Middleware", "SQuaRE"]


@pytest.mark.parametrize(
    "accept,media",
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_formats_follow_accept(client: TestClient, accept: str, media: str) -> None:
    r = client.get("/sparql", params={"query": TEAMS}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows == [["name"], ["Middleware"], ["SQuaRE"]]
    elif media == "text/tab-separated-values":
        assert r.text.splitlines() == ["?name", '"Middleware"', '"SQuaRE"']
    elif media.endswith("xml"):
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        literals = ET.fromstring(r.content).findall(".//s:literal", ns)
        assert [lit.text for lit in literals] == ["Middleware", "SQuaRE"]


def test_ask_and_construct(client: TestClient) -> None:
    ask = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert ask.json() == {"head": {}, "boolean": True}
    construct = PREFIX + "CONSTRUCT { ?s skos:prefLabel ?n } WHERE { ?s skos:prefLabel ?n }"
    for accept, fmt in [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ]:
        r = client.get("/sparql", params={"query": construct}, headers={"Accept": accept})
        assert r.headers["content-type"].split(";")[0] == accept
        g = rdflib.Graph().parse(data=r.text, format=fmt)
        assert rdflib.Literal("Tim Jenness") in set(g.objects())


def test_a_format_the_result_cannot_take_is_406(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": TEAMS}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "text/csv" in r.json()["accepted"]


def test_format_parameter_for_curl(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": TEAMS, "format": "csv"})
    assert r.text.splitlines() == ["name", "Middleware", "SQuaRE"]


def test_default_and_named_graph_uris_choose_the_dataset(client: TestClient) -> None:
    people = PREFIX + "SELECT DISTINCT ?name WHERE { ?p skos:prefLabel ?name } ORDER BY ?name"
    one = client.get("/sparql", params={"query": people, "default-graph-uri": MIDDLEWARE_GRAPH})
    assert "<img src=x onerror=alert(1)>" not in _names(one.json())
    assert "<img src=x onerror=alert(1)>" in _names(
        client.get("/sparql", params={"query": people}).json()
    )
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": graphs, "named-graph-uri": MIDDLEWARE_GRAPH})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [MIDDLEWARE_GRAPH]


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.get("/sparql", params={"update": "DROP ALL"}),
        lambda c: c.post("/sparql", data={"update": "DROP ALL"}),
        lambda c: c.post(
            "/sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-update"}
        ),
        lambda c: c.get("/sparql", params={"query": "PREFIX a: <urn:a#>\nDROP ALL"}),
        lambda c: c.post("/sparql", data={"query": 'INSERT DATA { <urn:a> <urn:b> "c" }'}),
    ],
)
def test_updates_are_refused_and_nothing_changes(
    client: TestClient, store: OxigraphStore, send: object
) -> None:
    before = store.triple_count()
    r = send(client)  # type: ignore[operator]
    assert r.status_code == 403
    assert "read-only" in r.json()["detail"]
    assert store.triple_count() == before


def test_service_is_refused_but_the_word_in_a_string_is_fine(client: TestClient) -> None:
    federated = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": federated})
    assert r.status_code == 403
    assert "SERVICE" in r.json()["detail"]
    harmless = 'SELECT ?x WHERE { BIND("SERVICE <x> { }" AS ?x) } # SERVICE'
    assert client.get("/sparql", params={"query": harmless}).status_code == 200
    check_query("SELECT ?service WHERE { ?service ?p ?o }")  # a variable named service


def test_syntax_errors_are_400_and_no_query_is_the_service_description(
    client: TestClient,
) -> None:
    r = client.get("/sparql", params={"query": "SELEKT * WHERE {"})
    assert r.status_code == 400
    assert "syntax" in r.json()["detail"].lower()
    described = client.get("/sparql")
    assert described.status_code == 200 and "sd:Service" in described.text
    assert (
        client.post("/sparql", content="x", headers={"Content-Type": "text/plain"}).status_code
        == 415
    )


def test_a_browser_without_a_query_gets_a_form(client: TestClient) -> None:
    r = client.get("/sparql", headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert "<textarea" in r.text


def test_a_result_past_the_cap_is_cut_there_and_flagged() -> None:
    with TestClient(create_app(build_store(), Settings(max_results=5))) as client:
        r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert r.status_code == 200
        assert len(r.json()["results"]["bindings"]) == 5
        assert r.headers["x-result-truncated"] == "5" and "KG_MAX_RESULTS" in r.headers["warning"]
        limited = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
        assert len(limited.json()["results"]["bindings"]) == 5


def test_a_query_past_the_time_limit_is_503_and_the_server_answers_on() -> None:
    with TestClient(create_app(build_store(), Settings(query_timeout=0.3))) as client:
        r = client.get("/sparql", params={"query": SLOW})
        assert r.status_code == 503
        assert "time limit" in r.json()["detail"]
        assert client.get("/healthz").status_code == 200
        assert _names(client.get("/sparql", params={"query": TEAMS}).json()) == [
            "Middleware",
            "SQuaRE",
        ]


def test_a_query_stopped_at_its_deadline_frees_its_slot_for_the_next() -> None:
    runner = QueryRunner(build_store(), timeout=0.3, max_results=100, slots=1)
    try:
        with pytest.raises(QueryTimeout):
            runner.run(SLOW)
        # its worker process was killed, so the only slot answers the next query
        assert runner.run("ASK { ?s ?p ?o }").boolean
    finally:
        runner.close()


def test_one_client_never_holds_every_slot() -> None:
    runner = QueryRunner(build_store(), timeout=2, max_results=100, slots=2)
    done: list[object] = []
    try:
        slow = threading.Thread(target=lambda: done.append(_attempt(runner, SLOW, "a")))
        slow.start()
        time.sleep(0.5)  # the slow query holds client a's share (one of two slots)
        with pytest.raises(EndpointBusy):
            runner.run("ASK { ?s ?p ?o }", client="a")
        assert runner.run("ASK { ?s ?p ?o }", client="b").boolean
        slow.join()
    finally:
        runner.close()


def _attempt(runner: QueryRunner, query: str, client: str) -> object:
    try:
        return runner.run(query, client=client)
    except QueryTimeout as exc:
        return exc


def test_json_results_keep_datatypes_and_languages(client: TestClient) -> None:
    q = 'SELECT ?n ?l WHERE { BIND(42 AS ?n) BIND("chat"@fr AS ?l) }'
    (row,) = client.get("/sparql", params={"query": q}).json()["results"]["bindings"]
    assert row["n"] == {
        "type": "literal",
        "value": "42",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert row["l"] == {"type": "literal", "value": "chat", "xml:lang": "fr"}
    assert json.loads(client.get("/sparql", params={"query": q, "format": "json"}).text)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_the_row_cap_is_exact_in_every_format(fmt: str) -> None:
    with TestClient(create_app(build_store(), Settings(max_results=5))) as client:
        five = "SELECT ?s ?o WHERE { ?s ?p ?o } LIMIT 5"
        r5 = client.get("/sparql", params={"query": five, "format": fmt})
        assert r5.status_code == 200
        assert "x-result-truncated" not in r5.headers
        six = five.replace("LIMIT 5", "LIMIT 6")
        r = client.get("/sparql", params={"query": six, "format": fmt})
        assert r.status_code == 200 and r.headers["x-result-truncated"] == "5"


SQUARE_GRAPH = "https://w3id.org/minutes-kg/graph/square-2024-05-10"


def test_from_clauses_of_the_query_choose_its_default_graph(client: TestClient) -> None:
    people = PREFIX + "SELECT DISTINCT ?name {from} WHERE { ?p skos:prefLabel ?name }"
    only_square = people.replace("{from}", f"FROM <{SQUARE_GRAPH}>")
    names = _names(client.get("/sparql", params={"query": only_square}).json())
    assert "Frossie Economou" in names and "Tim Jenness" not in names
    by_prefix = "PREFIX g: <https://w3id.org/minutes-kg/graph/>\n" + people.replace(
        "{from}", "FROM g:square-2024-05-10"
    )
    assert sorted(_names(client.get("/sparql", params={"query": by_prefix}).json())) == sorted(
        names
    )
    # the protocol's default-graph-uri wins over the query's FROM
    r = client.get("/sparql", params={"query": only_square, "default-graph-uri": MIDDLEWARE_GRAPH})
    assert "Tim Jenness" in _names(r.json())
