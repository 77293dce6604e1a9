"""Action items and decisions: filters, text search best-first, dates, meetings."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import EntityNotFound
from graph.outcomes import actions, decisions, resolve_meeting
from graph.search import TextIndex
from graph.store import OxigraphStore


def test_actions_carry_assignees_tickets_meeting_and_quote(store: OxigraphStore) -> None:
    (item,) = actions(store, ticket="dm-1234")
    assert item.text == "Tim to write the butler migration plan (DM-1234)"
    assert [a["name"] for a in item.assignees] == ["Tim Jenness"]
    assert (item.due, item.status, item.tickets) == ("2024-04-01", "open", ("DM-1234",))
    assert item.meeting.date == "2024-03-04"
    assert item.evidence[0].quote.endswith("by 2024-04-01.")


def test_filters_combine(store: OxigraphStore) -> None:
    texts = [a.text for a in actions(store, assignee="Frossie", status="done")]
    assert texts == ["Frossie to schedule the documentation review"]


def test_text_search_ranks_best_first(store: OxigraphStore) -> None:
    index = TextIndex.from_store(store)
    hits = actions(store, q="notebook login", text_index=index)
    assert [a.text for a in hits] == ["Frossie to fix the notebook aspect login page"]
    assert actions(store, q="nothing like this", text_index=index) == []


def test_meeting_named_by_document_id_or_title(store: OxigraphStore) -> None:
    assert resolve_meeting(store, "square-2024-05-10").title == "SQuaRE meeting"
    assert len(actions(store, meeting="Middleware weekly")) == 2
    with pytest.raises(EntityNotFound):
        resolve_meeting(store, "no such meeting")


def test_decisions_by_subject_and_dates(store: OxigraphStore) -> None:
    (only,) = decisions(store, about="Butler")
    assert only.text == "adopt butler as the only data access layer"
    assert only.evidence[0].quote == "adopt butler as the only data access layer."
    later = decisions(store, since=date(2024, 4, 1))
    assert [d.date for d in later] == ["2024-05-10"]
    assert decisions(store, until=date(2024, 1, 1)) == []


def test_latest_meeting_first_without_a_query(store: OxigraphStore) -> None:
    assert [d.date for d in decisions(store)] == ["2024-05-10", "2024-03-04"]
