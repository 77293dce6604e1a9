"""What makes two mentions one action, and what does not (graph/timeline.py)."""

from __future__ import annotations

import pytest

from graph.timeline import _Item, threads_of, vocabulary


def item(n: int, text: str, day: str, who: str = "", tickets: tuple[str, ...] = ()) -> _Item:
    return _Item(
        iri=f"https://example.org/action/{n}",
        text=text,
        status="open",
        due=None,
        meeting=f"https://example.org/meeting/{day}",
        date=day,
        assignees={who} if who else set(),
        tickets=set(tickets),
    )


def linked(*items: _Item) -> list[list[str]]:
    names = {"ana": "Ana", "bo": "Bo", "cy": "Cy"}  # the assignees, as the name index has them
    threads = threads_of(list(items), names, vocabulary())
    return [[m.item.rsplit("/", 1)[1] for m in t.mentions] for t in threads if len(t.mentions) > 1]


def test_same_assignee_and_ticket_link_whatever_the_words() -> None:
    assert linked(
        item(1, "Ana to fix the flaky test", "2025-01-07", "ana", ("T-1",)),
        item(2, "T-1 (carried over)", "2025-01-14", "ana", ("T-1",)),
    ) == [["1", "2"]]


def test_other_words_for_the_same_task_link() -> None:
    assert linked(
        item(1, "Bo to review the release checklist", "2025-01-07", "bo"),
        item(2, "Bo: release checklist review", "2025-01-21", "bo"),
    ) == [["1", "2"]]


def test_another_persons_task_or_a_different_task_does_not() -> None:
    assert (
        linked(
            item(1, "Bo to review the release checklist", "2025-01-07", "bo"),
            item(2, "Cy: review the release checklist", "2025-01-14", "cy"),
            item(3, "Bo to renew the release domain", "2025-01-21", "bo"),
        )
        == []
    )


def test_one_shared_word_or_a_task_said_again_half_a_year_later_does_not() -> None:
    assert (
        linked(
            item(1, "continue the discussion", "2025-01-07"),
            item(2, "advertise the discussion", "2025-01-14"),
            item(3, "Bo to review the release checklist", "2025-01-07", "bo"),
            item(4, "Bo to review the release checklist", "2025-09-01", "bo"),
        )
        == []
    )


def test_a_closed_action_takes_no_new_mentions() -> None:
    done = item(2, "Bo: release checklist review (done)", "2025-01-14", "bo")
    again = item(3, "Bo to review the release checklist", "2025-02-11", "bo")
    assert linked(
        item(1, "Bo to review the release checklist", "2025-01-07", "bo"), done, again
    ) == [["1", "2"]]


def test_a_curator_undoes_a_textual_link(tmp_path) -> None:
    import json

    from graph.timeline import undone_links

    curation = tmp_path / "curation.json"
    undo = {"op": "undo", "later": "https://example.org/action/2"}
    undo["earlier"] = "https://example.org/action/1"
    merge = {"op": "merge", "entity": "Bo", "other": "Bo Chen"}  # identity's, kept apart
    curation.write_text(json.dumps({"decisions": [merge, undo]}))
    items = [
        item(1, "Bo to review the release checklist", "2025-01-07", "bo"),
        item(2, "Bo: release checklist review", "2025-01-21", "bo"),
    ]
    assert [len(t.mentions) for t in threads_of(items, {"bo": "Bo"}, vocabulary())] == [2]
    threads = threads_of(items, {"bo": "Bo"}, vocabulary(), undone_links(curation))
    assert [len(t.mentions) for t in threads] == [1, 1]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"decisions": [{"op": "undo", "later": "x"}]}))
    with pytest.raises(ValueError, match="'later' and 'earlier'"):
        undone_links(bad)
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="cannot read the curation file"):
        undone_links(bad)
