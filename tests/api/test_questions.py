"""The question endpoints answer with names, types and the quotes that say so."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from ingest.emit import write
from ingest.model import Entity, Extraction, Meeting
from ontology.ids import meeting_iri
from tests.graph.conftest import build_store, iri


def test_owners_by_alias_with_evidence(client: TestClient) -> None:
    body = client.get("/owners", params={"of": "daf_butler"}).json()
    assert body["entity"]["name"] == "butler"
    first = body["owners"][0]
    assert (first["name"], first["type"]) == ("Middleware", "Team")
    assert set(first["evidence"][0]) == {"quote", "source", "date", "start", "end"}
    assert first["evidence"][0]["quote"] == "The Middleware team is responsible for butler."


def test_owners_quote_as_many_sentences_as_asked(client: TestClient) -> None:
    body = client.get("/owners", params={"of": "butler", "evidence_limit": 0}).json()
    (team,) = body["owners"]
    assert (team["evidence_count"], team["first_said"], team["last_said"]) == (
        1,
        "2024-03-04",
        "2024-03-04",
    )
    assert client.get("/owners", params={"of": "butler", "evidence_limit": -1}).status_code == 422


def test_unknown_name_is_404_with_suggestions(client: TestClient) -> None:
    r = client.get("/owners", params={"of": "pipe_tasks"})
    assert r.status_code == 404
    assert "pipe_base" in [s["name"] for s in r.json()["suggestions"]]


def test_ambiguous_name_is_409_with_candidates() -> None:
    store = build_store()
    extra = Extraction(
        source="minutes/arch.txt",
        document_id="arch",
        meeting=Meeting(meeting_iri("arch"), "Architecture", "2024-06-01", None),
        entities=(
            Entity(iri("Team", "Architecture"), "Team", "Architecture"),
            Entity(iri("Document", "Architecture"), "Document", "Architecture"),
        ),
    )
    write(store, extra)
    with TestClient(create_app(store)) as client:
        r = client.get("/owners", params={"of": "architecture"})
    assert r.status_code == 409
    assert sorted(c["type"] for c in r.json()["candidates"]) == ["Document", "Team"]


def test_dependencies_out_unbounded_and_in(client: TestClient) -> None:
    out = client.get("/dependencies", params={"of": "ctrl_bps", "depth": 0}).json()
    assert [(d["name"], d["depth"]) for d in out["dependencies"]] == [
        ("pipe_base", 1),
        ("butler", 2),
        ("obs_base", 3),
    ]
    assert out["dependencies"][1]["path"][-1] == iri("Component", "butler")
    back = client.get("/dependencies", params={"of": "butler", "direction": "in"}).json()
    assert [d["name"] for d in back["dependencies"]] == ["pipe_base"]
    assert back["dependencies"][0]["evidence"][0]["quote"] == "pipe_base depends on butler"


def test_dependencies_refuse_bad_parameters(client: TestClient) -> None:
    assert (
        client.get("/dependencies", params={"of": "butler", "direction": "up"}).status_code == 422
    )
    assert client.get("/dependencies", params={"of": "butler", "depth": -1}).status_code == 422


def test_members_of_a_team(client: TestClient) -> None:
    body = client.get("/members", params={"of": "squaRE"}).json()
    pairs = [(m["name"], m["relation"]) for m in body["members"]]
    assert pairs[0] == ("Frossie Economou", "leads")
    assert body["members"][0]["evidence"][0]["quote"] == "Frossie Economou"
    assert body["members"][0]["evidence_count"] == 1
    quiet = client.get("/members", params={"of": "squaRE", "evidence_limit": 1}).json()
    assert all(len(m["evidence"]) <= 1 for m in quiet["members"])
    assert ("<img src=x onerror=alert(1)>", "memberOf") in pairs


def test_actions_filters_and_search(client: TestClient) -> None:
    body = client.get("/actions", params={"q": "migration"}).json()
    (item,) = body["actions"]
    assert item["assignees"] == [{"id": iri("Person", "Tim Jenness"), "name": "Tim Jenness"}]
    assert (item["due"], item["status"], item["tickets"]) == ("2024-04-01", "open", ["DM-1234"])
    assert item["meeting"]["date"] == "2024-03-04"
    assert item["evidence"][0]["source"] == "minutes/middleware-2024-03-04.txt"
    done = client.get("/actions", params={"assignee": "Frossie", "status": "done"}).json()
    assert [a["text"] for a in done["actions"]] == ["Frossie to schedule the documentation review"]
    by_ticket = client.get("/actions", params={"ticket": "DM-1234"}).json()
    assert by_ticket["count"] == 1
    by_meeting = client.get("/actions", params={"meeting": "square-2024-05-10"}).json()
    assert [a["text"] for a in by_meeting["actions"]] == [
        "Frossie to fix the notebook aspect login page"
    ]


def test_decisions_about_and_between_dates(client: TestClient) -> None:
    about = client.get("/decisions", params={"about": "butler"}).json()["decisions"]
    assert [d["text"] for d in about] == ["adopt butler as the only data access layer"]
    assert about[0]["date"] == "2024-03-04"
    assert about[0]["evidence"][0]["quote"] == "adopt butler as the only data access layer."
    later = client.get("/decisions", params={"since": "2024-04-01"}).json()["decisions"]
    assert [d["date"] for d in later] == ["2024-05-10"]
    assert client.get("/decisions", params={"since": "last week"}).status_code == 422


def test_entity_search_and_page(client: TestClient) -> None:
    found = client.get("/entities", params={"q": "tim jenes"}).json()["entities"]
    assert found[0]["name"] == "Tim Jenness"
    assert found[0]["path"] == "/entities/person/tim-jenness"
    teams = client.get("/entities", params={"type": "Team"}).json()["entities"]
    assert sorted(e["name"] for e in teams) == ["Middleware", "SQuaRE"]
    body = client.get(found[0]["path"]).json()
    assert body["entity"]["name"] == "Tim Jenness"
    assert [(e["relation"], e["name"]) for e in body["out"]] == [("leads", "Middleware")]
    assert body["aliases"] == ["Tim", "TJ"]


def test_entity_page_by_full_iri_and_unknown_id(client: TestClient) -> None:
    from urllib.parse import quote

    full = iri("Component", "butler")
    assert client.get("/entities/" + quote(full, safe="")).json()["entity"]["id"] == full
    assert client.get("/entities/component/no-such-thing-at-all").status_code == 404


def test_pages_for_browsers_escape_every_label(client: TestClient) -> None:
    html = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    r = client.get("/entities/team/square", headers=html)
    assert r.headers["content-type"].startswith("text/html")
    assert "&lt;img src=x onerror=alert(1)&gt;" in r.text
    assert "<img src=x" not in r.text
    r = client.get("/entities", params={"q": "<img src=x onerror=alert(1)>"}, headers=html)
    assert "<img src=x" not in r.text


def test_home_page_links_docs_graph_and_search(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    for href in (
        'href="/docs"',
        'href="/graph"',
        'href="/sparql"',
        'href="/healthz"',
        'action="/search"',  # one search over entities, actions, decisions
    ):
        assert href in r.text
    assert client.get("/docs").status_code == 200
    health = client.get("/healthz").json()
    assert (health["status"], health["documents"]) == ("ok", 2)
    assert health["indexes"] in {"ready", "building"}


def test_browsers_get_an_error_page_with_links_to_the_nearest_names(client: TestClient) -> None:
    r = client.get("/graph", params={"focus": "pipe_tasks"}, headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert 'href="/entities/component/pipe-base"' in r.text
    assert client.get("/graph", params={"focus": "pipe_tasks"}).json()["suggestions"]
