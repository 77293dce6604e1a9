"""End to end: ``kg ingest`` the sample minutes, ``kg serve`` them, ask with real clients.

SPARQLWrapper and rdflib's SPARQLStore talk to the real uvicorn server on loopback;
the question endpoints are checked against what SPARQL says the graph holds, and
against facts the sample minutes state outright.
"""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

pytestmark = pytest.mark.slow

MKG = "https://w3id.org/minutes-kg/ontology#"
PREFIXES = f"PREFIX mkg: <{MKG}>\nPREFIX skos: <{SKOS}>\n"


def _sparql(base: str, query: str, fmt: str = JSON, method: str | None = None) -> object:
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client.query().convert()


def test_sparqlwrapper_select_get_and_post(sample_server: str) -> None:
    query = (
        PREFIXES + "SELECT DISTINCT ?m ?title WHERE { ?m a mkg:Meeting ; "
        "<http://purl.org/dc/terms/title> ?title } ORDER BY ?title"
    )
    for method in (None, POST):
        result = _sparql(sample_server, query, method=method)
        titles = [b["title"]["value"] for b in result["results"]["bindings"]]  # type: ignore[index]
        assert len(titles) == 2
        assert any("2016" in t for t in titles)


def test_sparqlwrapper_construct_parses_as_turtle(sample_server: str) -> None:
    query = (
        PREFIXES + "CONSTRUCT { ?p skos:prefLabel ?n } WHERE { ?p a mkg:Person ; "
        "skos:prefLabel ?n }"
    )
    graph = _sparql(sample_server, query, fmt=TURTLE)
    if isinstance(graph, bytes):
        graph = Graph().parse(data=graph, format="turtle")
    assert Literal("Frossie Economou") in set(graph.objects())  # type: ignore[union-attr]


def test_sparqlwrapper_updates_are_refused(sample_server: str) -> None:
    client = SPARQLWrapper(sample_server + "/sparql")
    client.setQuery('INSERT DATA { <urn:a> <urn:b> "c" }')
    client.setMethod(POST)
    with pytest.raises(Exception, match="403"):
        client.query()


def test_rdflib_sparqlstore_reads_the_graph(sample_server: str) -> None:
    graph = Graph(store=SPARQLStore(sample_server + "/sparql"))
    people = set(graph.subjects(SKOS.altLabel, Literal("KTL")))
    assert people == {URIRef("https://w3id.org/minutes-kg/id/person/kian-tat-lim")}
    rows = list(
        graph.query(PREFIXES + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a mkg:ActionItem }")
    )
    assert int(rows[0][0]) >= 20  # type: ignore[index]


def test_owners_and_members_state_what_the_minutes_say(sample_server: str) -> None:
    owners = httpx.get(sample_server + "/owners", params={"of": "SQuaRE"}).json()
    leads = [(o["name"], o["relation"]) for o in owners["owners"]]
    assert ("Frossie Economou", "leads") in leads
    members = httpx.get(sample_server + "/members", params={"of": "Architecture"}).json()
    assert "Kian-Tat Lim" in [m["name"] for m in members["members"]]
    for item in owners["owners"] + members["members"]:
        for ev in item["evidence"]:
            assert ev["source"].endswith(".txt") and ev["end"] > ev["start"]


def test_dependencies_agree_with_sparql(sample_server: str) -> None:
    query = (
        PREFIXES + "SELECT DISTINCT ?a ?b ?an WHERE { ?a mkg:dependsOn ?b . ?a skos:prefLabel ?an }"
    )
    rows = _sparql(sample_server, query)["results"]["bindings"]  # type: ignore[index]
    for row in rows:
        got = httpx.get(
            sample_server + "/dependencies", params={"of": row["a"]["value"].rsplit("/id/", 1)[1]}
        )
        if got.status_code == 404:  # an id is not a name: ask by name instead
            got = httpx.get(sample_server + "/dependencies", params={"of": row["an"]["value"]})
        ids = [d["id"] for d in got.json()["dependencies"]]
        assert row["b"]["value"] in ids
    one = httpx.get(sample_server + "/dependencies", params={"of": "butler", "depth": 0})
    assert one.status_code == 200 and one.json()["entity"]["name"] == "butler"


def test_actions_and_decisions_from_the_samples(sample_server: str) -> None:
    found = httpx.get(sample_server + "/actions", params={"q": "butler"}).json()["actions"]
    assert found and all("butler" in a["text"].lower() for a in found[:3])
    assert all(a["evidence"] and a["meeting"]["date"] for a in found)
    later = httpx.get(sample_server + "/decisions", params={"since": "2020-01-01"}).json()
    assert later["count"] >= 1
    assert all(d["date"] >= "2020-01-01" for d in later["decisions"])


def test_graph_page_and_home_are_served(sample_server: str) -> None:
    page = httpx.get(sample_server + "/graph", params={"focus": "butler"})
    assert page.status_code == 200 and "vis.Network" in page.text
    assert "/docs" in httpx.get(sample_server + "/").text


def test_the_graph_queries_run_unchanged_on_a_remote_sparql_endpoint(sample_server: str) -> None:
    """``--store URL``: the same who-owns and dependency code over the SPARQL 1.1 Protocol."""
    from graph.queries import dependencies, owners
    from graph.store import OxigraphStore, open_store

    remote = open_store(sample_server + "/sparql")
    assert not isinstance(remote, OxigraphStore)
    result = owners(remote, "VOEvent").to_dict()
    assert result["entity"]["name"] == "VOEvent"
    assert "Alert Production" in {o["name"] for o in result["owners"]}
    quote = result["owners"][0]["evidence"][0]["quote"]
    assert "responsibility of the AP team" in quote
    deps = dependencies(remote, "metadata", direction="in").to_dict()
    assert "butler" in {d["name"] for d in deps["dependencies"]}
    assert len(remote.graphs()) == 2
