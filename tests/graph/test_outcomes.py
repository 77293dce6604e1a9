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


def test_a_short_list_is_the_head_of_the_whole_list_newest_meeting_first() -> None:
    from ingest.emit import write
    from ingest.model import ActionItem, Evidence, Extraction, Meeting
    from ontology.ids import action_iri, meeting_iri

    # 14 meetings, several sharing a date, one undated; 1-3 items each, alternating status
    days = ["2024-01-08", "2024-02-05", "2024-02-05", "2024-03-04", None, "2024-03-04"]
    days += [f"2024-{m:02d}-01" for m in range(4, 12)]
    store = OxigraphStore(None)
    items = []  # (date or "", document id, item number, status)
    for k, day in enumerate(days):
        doc = f"ops-{k:02d}"
        acts = []
        for n in range(1, 2 + k % 3):
            status = "open" if (k + n) % 2 else "done"
            text = f"Item {n} of meeting {k}"
            acts.append(
                ActionItem(
                    action_iri(doc, n), text, (), None, status, (), (Evidence(text, 0, len(text)),)
                )
            )
            items.append((day or "", doc, n, status))
        write(
            store,
            Extraction(
                source=f"minutes/{doc}.txt",
                document_id=doc,
                meeting=Meeting(meeting_iri(doc), f"Ops {k}", day, None),
                action_items=tuple(acts),
            ),
        )

    def expected(status: str | None, limit: int) -> list[tuple[str, int]]:
        chosen = [i for i in items if status in (None, i[3])]
        dated = sorted((i for i in chosen if i[0]), key=lambda i: (i[1], i[2]))
        dated.sort(key=lambda i: i[0], reverse=True)
        undated = sorted((i for i in chosen if not i[0]), key=lambda i: (i[1], i[2]))
        return [(i[1], i[2]) for i in dated + undated][:limit]

    def got(**kw: object) -> list[tuple[str, int]]:
        found = actions(store, **kw)  # type: ignore[arg-type]
        return [(a.id.split("/")[-2], int(a.id.split("/")[-1])) for a in found]

    for limit in (1, 3, 5, 9, 16, 17, 40):  # 16 and 17 cut between two same-day meetings
        assert got(limit=limit) == expected(None, limit)
        assert got(limit=limit, status="open") == expected("open", limit)
