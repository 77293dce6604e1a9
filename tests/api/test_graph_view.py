"""GET /graph: the neighbourhood page and its node-link JSON, capped with a note."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.graph.conftest import build_store, iri


def test_focus_by_name_gives_its_neighbourhood_as_json(client: TestClient) -> None:
    data = client.get("/graph", params={"focus": "daf_butler", "format": "json"}).json()
    entities = {n["name"] for n in data["nodes"] if n["type"] not in ("ActionItem", "Decision")}
    # the entities one hop away, and the action items about butler with their assignees
    assert entities == {"butler", "Middleware", "pipe_base", "obs_base", "Tim Jenness"}
    work = [n for n in data["nodes"] if n["type"] == "ActionItem"]
    assert [n["text"] for n in work] == ["Tim to write the butler migration plan (DM-1234)"]
    edges = {(e["source"], e["relation"], e["target"]) for e in data["links"]}
    assert (work[0]["id"], "about", iri("Component", "butler")) in edges
    assert (work[0]["id"], "assignedTo", iri("Person", "Tim Jenness")) in edges
    assert all("x" in n and "y" in n for n in data["nodes"])
    assert data["note"] is None
    deeper = client.get("/graph", params={"focus": "butler", "depth": 2, "format": "json"})
    assert "Tim Jenness" in {n["name"] for n in deeper.json()["nodes"]}


def test_focus_by_entity_id(client: TestClient) -> None:
    data = client.get("/graph", params={"focus": "team/middleware", "format": "json"}).json()
    assert data["graph"]["focus"] == iri("Team", "Middleware")


def test_html_page_is_offline_and_escaped(client: TestClient) -> None:
    r = client.get("/graph", params={"focus": "SQuaRE"})
    assert r.headers["content-type"].startswith("text/html")
    assert not re.search(r"<(script|link)[^>]+(src|href)=", r.text)
    assert "<img src=x" not in r.text
    assert "SQuaRE (Team)" in r.text


def test_whole_graph_is_capped_with_a_visible_note() -> None:
    with TestClient(create_app(build_store(), Settings(max_graph_nodes=3))) as client:
        data = client.get("/graph", params={"format": "json"}).json()
        assert len(data["nodes"]) == 3
        assert "capped at 3" in data["note"]
        assert "capped at 3" in client.get("/graph").text


def test_unknown_focus_is_404(client: TestClient) -> None:
    assert client.get("/graph", params={"focus": "nothing like it"}).status_code == 404
