"""The time questions over HTTP, through a real uvicorn server on the Pikestaff series."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from tests.api.conftest import serve_app
from tests.series.score import build_store


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve_app(create_app(build_store())) as url:
        yield url


def test_owners_as_of_a_date_with_the_superseded_apart(base: str) -> None:
    body = httpx.get(f"{base}/owners", params={"of": "tollgate", "as_of": "2025-01-20"}).json()
    assert [o["name"] for o in body["owners"]] == ["Marta Kowalczyk"]
    # she held it that day; the period says when it ended, as far as the minutes know now
    assert body["owners"][0]["valid_to"] == "2025-01-28" and body["superseded"] == []
    now = httpx.get(f"{base}/owners", params={"of": "tollgate"}).json()
    assert [o["name"] for o in now["owners"]] == ["Tomasz Wren"]
    (marta,) = now["superseded"]
    assert (marta["valid_from"], marta["valid_to"]) == ("2025-01-07", "2025-01-28")
    assert "Tomasz now owns tollgate" in marta["closed_by"]["quote"]
    assert marta["method"].startswith("handover cue")


def test_a_bad_date_is_one_clear_message(base: str) -> None:
    answer = httpx.get(f"{base}/owners", params={"of": "tollgate", "as_of": "last spring"})
    assert answer.status_code == 422
    assert "as_of" in answer.text


def test_open_actions_answer_from_the_latest_state(base: str) -> None:
    body = httpx.get(f"{base}/actions", params={"status": "open"}).json()
    texts = [a["text"] for a in body["actions"]]
    # restated actions are listed once, by their latest mention; done ones are gone
    assert sorted(texts) == [
        "PIK-130 ledgerline handover notes",
        "Tomasz to renew the tollgate domain before April",
    ]
    notes = next(a for a in body["actions"] if "PIK-130" in a["text"])
    assert notes["history"]["mentions"] == 3 and notes["status"] == "open"
    # as of 11 February the certificates were open and past their due date (7 February)
    late = httpx.get(f"{base}/actions", params={"overdue": "true", "as_of": "2025-02-11"}).json()
    assert [a["text"] for a in late["actions"]] == ["tollgate TLS certificates"]
    assert late["actions"][0]["due"] == "2025-02-07"


def test_an_action_history_lists_each_mention_and_link(base: str) -> None:
    body = httpx.get(f"{base}/actions", params={"status": "done", "q": "certificates"}).json()
    history = httpx.get(f"{base}{body['actions'][0]['history']['path']}").json()
    assert [m["status"] for m in history["mentions"]] == ["open"] * 4 + ["done"]
    assert [m["date"] for m in history["mentions"]][0] == "2025-01-28"
    assert all(m["evidence"] and m["evidence"][0]["quote"] for m in history["mentions"])
    assert {link["method"] for link in history["links"]} == {"text similarity"}
    assert all(0.5 <= link["score"] <= 1 for link in history["links"])
    assert httpx.get(f"{base}/actions/no-such-action").status_code == 404


def test_decisions_about_a_subject_give_the_chain_current_first(base: str) -> None:
    body = httpx.get(f"{base}/decisions", params={"about": "saltmarsh"}).json()
    # the labelled decisions ("Decision: ..." in the minutes; what extraction may add beside
    # them is not this test's subject)
    quotes = [d["evidence"][0]["quote"].lstrip("*").lower() for d in body["decisions"]]
    body["decisions"] = [
        d for d, q in zip(body["decisions"], quotes, strict=True) if q.startswith("decision")
    ]
    chain = [(d["date"], d["current"]) for d in body["decisions"]]
    assert chain == [
        ("2025-02-25", True),
        ("2025-02-18", True),
        ("2025-01-28", False),
        ("2025-01-07", False),
    ]
    brackenq = body["decisions"][1]
    assert brackenq["supersedes"]["cue"] == "no longer"
    assert brackenq["supersedes"]["id"] == body["decisions"][2]["id"]
    assert body["decisions"][2]["superseded_by"]["id"] == brackenq["id"]


def test_an_entity_timeline_orders_what_was_said(base: str) -> None:
    body = httpx.get(f"{base}/entities/component/saltmarsh/timeline").json()
    kinds = [(e["date"], e["kind"]) for e in body["events"]]
    assert kinds[0] == ("2025-01-07", "claim_opened")
    assert ("2025-02-04", "claim_closed") in kinds
    closed = next(e for e in body["events"] if e["kind"] == "claim_closed")
    assert closed["other"]["name"] == "Dev Raghunathan"
    assert "taking over from Dev" in closed["evidence"]["quote"]
    assert [e["date"] for e in body["events"]] == sorted(e["date"] for e in body["events"])


def test_the_entity_page_shows_its_timeline(base: str) -> None:
    page = httpx.get(f"{base}/entities/component/saltmarsh", headers={"Accept": "text/html"})
    assert page.status_code == 200
    html = page.text.split("<h2>Timeline</h2>", 1)[1].split("</ol>", 1)[0]
    assert html.index("2025-01-07") < html.index("2025-02-04") < html.index("2025-02-25")
    assert "until here" in html and "Dev Raghunathan" in html
    data = httpx.get(f"{base}/entities/component/saltmarsh").json()
    assert data["links"]["timeline"].endswith("/component/saltmarsh/timeline")


def test_the_graph_view_as_of_a_day(base: str) -> None:
    def owners_drawn(**params: str) -> set[str]:
        body = httpx.get(
            f"{base}/graph", params={"focus": "tollgate", "format": "json", **params}
        ).json()
        names = {n["id"]: n["name"] for n in body["nodes"]}
        return {
            names[link["source"]]
            for link in body["links"]
            if link["relation"] == "responsibleFor" and names[link["target"]] == "tollgate"
        }

    # Marta held tollgate until Tomasz took it over on 28 January
    assert owners_drawn(as_of="2025-01-20") == {"Marta Kowalczyk"}
    assert owners_drawn(as_of="2025-02-20") == {"Tomasz Wren"}
    assert owners_drawn() == {"Marta Kowalczyk", "Tomasz Wren"}  # everything ever said
    before = httpx.get(f"{base}/graph", params={"focus": "tollgate", "as_of": "2024-12-01"})
    assert before.status_code == 200 and "as of 2024-12-01" in before.text
    bad = httpx.get(f"{base}/graph", params={"focus": "tollgate", "as_of": "yesterday"})
    assert bad.status_code == 422 and "as_of" in bad.text


def test_the_entity_page_shows_the_owner_now_and_the_one_before(base: str) -> None:
    page = httpx.get(f"{base}/entities/component/tollgate", headers={"Accept": "text/html"})
    assert page.status_code == 200, page.text[:300]
    now = page.text[page.text.index('id="owners"') : page.text.index('id="owners-before"')]
    before = page.text[page.text.index('id="owners-before"') :].split("</section>")[0]
    assert "Tomasz Wren" in now and "Marta Kowalczyk" not in now
    assert "Marta Kowalczyk" in before and "2025-01-07 to 2025-01-28" in before
    assert "Tomasz now owns tollgate" in before  # the statement that closed her claim
