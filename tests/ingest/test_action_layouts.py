"""Action items as lists lay them out: plans per person, owner labels, groups as doers."""

from __future__ import annotations

import pytest

from ingest.model import SourceText
from ingest.pipeline import extract_source

pytestmark = pytest.mark.slow

HEAD = "# Heron sync 2025-03-04\n\nAttendees: Alice Smith, Bob Jones, Carla Diaz\n\n"


def _items(body: str) -> list[tuple[str, list[str]]]:
    items = extract_source(SourceText("m.md", HEAD + body, "markdown")).action_items
    return [(a.text, [x.rsplit("/", 1)[1] for x in a.assignees]) for a in items]


def test_a_plans_section_gives_each_person_their_line() -> None:
    got = _items("## Next week\n\n- Bob: packaging docs\n- Carla: release notes\n")
    assert [owners for _, owners in got] == [["bob-jones"], ["carla-diaz"]]


def test_a_plans_label_item_gives_the_lines_nested_under_it() -> None:
    body = "## Outreach\n\n* Upcoming talks:\n  * Alice - PackagingCon keynote\n* Website rebuilt\n"
    assert [(o) for _, o in _items(body)] == [["alice-smith"]]


def test_plans_name_nobody_means_no_items() -> None:
    assert _items("## Upcoming talks\n\n- 27 Feb workshop in Lines\n- 2 Mar conference\n") == []


def test_a_plans_list_does_not_silence_the_promises_of_the_discussion() -> None:
    body = (
        "## Notes\n\nAlice will book the room.\n\n"
        "## Next week\n\n- Bob: docs\n- Carla: tests\n- Bob: packaging\n"
    )
    assert ("book the room", ["alice-smith"]) in _items(body)


def test_a_handle_in_lower_case_labels_its_owners_line_in_an_actions_list() -> None:
    body = (
        "bsmith said the release is close.\n\n## Next steps\n"
        "Alice: tag the release\nbsmith: Clean up the changelog\n"
    )
    got = _items(body)
    assert [o for t, o in got if "changelog" in t] == [["bsmith"]]


def test_a_topic_label_in_lower_case_is_no_owner() -> None:
    got = _items("## Action items\n\n- docs: rewrite the install page\n")
    assert [o for _, o in got] == [[]]


def test_a_group_labelling_an_item_is_its_doer() -> None:
    got = _items("## Action items\n\n- Chairs: organise the joint meetings\n")
    assert got == [("organise the joint meetings", ["chairs"])]


def test_a_name_closing_an_item_in_parentheses_owns_it() -> None:
    got = _items("## Action items\n\n- Reviewer guide update: clearer expectations (Carla)\n")
    assert [o for _, o in got] == [["carla-diaz"]]


def test_a_willing_person_named_before_the_adjective_offers_the_task() -> None:
    assert ("help with the migration", ["bob-jones"]) in _items(
        "## Notes\n\n- Bob: always willing to help with the migration.\n"
    )


def test_a_name_dash_line_reports_that_persons_work_under_way() -> None:
    got = _items("## Updates\n\n* Carla - looking to update the wiki soon\n")
    assert got == [("update the wiki soon", ["carla-diaz"])]


def test_a_speaker_offering_in_the_first_person_owns_the_task() -> None:
    body = (
        "## Discussion\n\n"
        "**Carla Diaz:** Sure, and I can reword the paragraph so it reads more clearly.\n"
    )
    assert [o for t, o in _items(body) if "reword the paragraph" in t] == [["carla-diaz"]]


def test_a_need_without_subject_in_a_persons_report_is_theirs() -> None:
    body = (
        "## Progress reports\n\n- [name=Bob]\n"
        "  - Found a few real hangs and segfaults (would need to investigate).\n"
    )
    assert [o for t, o in _items(body) if "investigate" in t] == [["bob-jones"]]


def test_a_sentence_introducing_the_list_is_no_item() -> None:
    body = (
        "## Action items\n\nA few follow-up tasks came out of this:\n* Alice will book the room.\n"
    )
    assert _items(body) == [("Alice will book the room.", ["alice-smith"])]


def test_offering_ones_help_is_a_task() -> None:
    body = (
        "## Notes\n\n"
        "Bob mentioned that this is common. He offered his help in reviewing the docs.\n"
    )
    assert [o for _, o in _items(body)] == [["bob-jones"]]


def test_a_bare_web_address_stays_out_of_the_items_text() -> None:
    got = _items(
        "## Updates\n\n* Carla - looking to update the wiki soon, https://wiki.example.org/\n"
    )
    assert got == [("update the wiki soon", ["carla-diaz"])]


def test_a_speakers_label_is_not_the_subject_of_a_later_clause() -> None:
    body = (
        "## Notes\n\n"
        "- Alice: lines up with our situation, Quillstore will bring new requirements.\n"
    )
    assert all(o != ["alice-smith"] for _, o in _items(body))


def test_a_clause_as_subject_gives_the_speaker_no_task() -> None:
    body = "## Reports\n\n- [name=Bob]\n  - Handcrafting a dataset can make it easier.\n"
    assert _items(body) == []


def test_getting_into_a_state_is_no_task() -> None:
    body = "## Notes\n\nBob points out calling free functions can get complicated with objects.\n"
    assert _items(body) == []


def test_an_owner_column_after_the_task_names_its_owner_in_initials_too() -> None:
    body = (
        "## Action items\n\n| Task | Assignee | Due | Status |\n| --- | --- | --- | --- |\n"
        "| Rename the mirror host | QX | 20250311 | Done 20250306 |\n"
        "| Draft the budget | BJ (Lead) | 20250318 | |\n"
    )
    assert _items(body) == [("Rename the mirror host", ["qx"]), ("Draft the budget", ["bob-jones"])]
    assert _dated(body) == [("2025-03-11", "done"), ("2025-03-18", "open")]


def _dated(body: str) -> list[tuple[str | None, str]]:
    items = extract_source(SourceText("m.md", HEAD + body, "markdown")).action_items
    return [(a.due, a.status) for a in items]


def test_a_task_for_next_week_is_due_a_week_after_the_meeting() -> None:
    assert _dated("Bob will clean up the notes and put them in the repo for next week.\n") == [
        ("2025-03-11", "open")
    ]


def test_a_task_for_next_tuesday_in_an_actions_list_is_due_that_day() -> None:
    got = _dated(
        "## Next steps\n\nBob: Put the documents through publication for next Tuesday, then ask\n"
    )
    assert got == [("2025-03-11", "open")]


def test_a_promise_for_the_next_meeting_is_due_on_its_day() -> None:
    body = "Alice will report back at the next meeting.\n\nNext meeting: 18 March 2025.\n"
    assert ("2025-03-18", "open") in _dated(body)


def test_a_promise_marked_done_on_its_line_is_done() -> None:
    assert _dated("- Bob to show an example PR. DONE: https://example.org/pr/4464\n") == [
        (None, "done")
    ]


def test_an_item_already_completed_is_done() -> None:
    got = _dated(
        "## Next steps\n\nCarla: Create the PR for the minutes - already completed during meeting\n"
    )
    assert got == [(None, "done")]


def _tickets(body: str) -> list[tuple[list[str], tuple[str, ...]]]:
    items = extract_source(SourceText("m.md", HEAD + body, "markdown")).action_items
    return [([x.rsplit("/", 1)[1] for x in a.assignees], a.tickets) for a in items]


def test_an_item_carries_the_tickets_named_on_its_line() -> None:
    body = (
        "## Notes\n\n"
        "- Parser rewrite ([#412](https://github.com/heron/heron/pull/412)), Bob will review it.\n"
        "- Alice will look at PR 77 before the release.\n"
        "- Carla will update the roadmap.\n"
    )
    assert _tickets(body) == [
        (["bob-jones"], ("heron/heron#412",)),
        (["alice-smith"], ("#77",)),
        (["carla-diaz"], ()),
    ]


def test_a_nested_item_carries_the_ticket_of_the_item_it_hangs_under() -> None:
    body = (
        "## Review\n\n"
        "* [Issue 57](https://github.com/heron/community/issues/57) - a docs WG\n"
        "    * Vote passed.\n"
        "    * Carla will set up the channel.\n"
        "* Website refresh\n"
        "    * Alice will draft the page.\n"
    )
    assert _tickets(body) == [(["carla-diaz"], ("heron/community#57",)), (["alice-smith"], ())]


@pytest.mark.parametrize(
    "line",
    [
        "TODO(Bob Jones): fix the release script",
        "**Action:** Bob to fix the release script",
        "ACTION: Bob Jones to fix the release script",
    ],
)
def test_a_labelled_line_read_as_a_heading_is_still_an_item(line: str) -> None:
    [(text, owners)] = _items(line + "\n")
    assert "fix the release script" in text and owners == ["bob-jones"]


@pytest.mark.parametrize("heading", ["To do", "To-do list", "TODO", "Next steps"])
def test_a_to_do_heading_heads_a_list_of_items(heading: str) -> None:
    got = _items(f"## {heading}\n\n- Migrate the wiki\n- Carla: archive the old site\n")
    assert got == [("Migrate the wiki", []), ("archive the old site", ["carla-diaz"])]


@pytest.mark.parametrize("mark", ["### {}", "**{}**", "{}:"])
def test_a_persons_heading_under_actions_gives_them_the_items_below(mark: str) -> None:
    body = (
        "## Action items\n\n"
        + mark.format("Alice")
        + "\n\n- tag the release\n- update the docs\n\n"
        + mark.format("Bob Jones")
        + "\n\n- rotate the keys\n"
    )
    assert _items(body) == [
        ("tag the release", ["alice-smith"]),
        ("update the docs", ["alice-smith"]),
        ("rotate the keys", ["bob-jones"]),
    ]


def test_a_topic_heading_under_actions_is_no_owner() -> None:
    assert _items("## Next steps\n\n### Release\n\n- tag 2.0\n") == [("tag 2.0", [])]


@pytest.mark.parametrize(
    "line", ["Update the FAQ — Carla", "Update the FAQ -- Carla Diaz", "Update the FAQ - Carla"]
)
def test_a_name_signed_after_a_dash_owns_the_item(line: str) -> None:
    [(_, owners)] = _items(f"## Action items\n\n- {line}\n")
    assert owners == ["carla-diaz"]


def test_a_dash_before_a_date_or_a_word_gives_nobody_the_item() -> None:
    got = _items("## Action items\n\n- Update the FAQ - Friday\n- Tag the release - Done\n")
    assert [o for _, o in got] == [[], []]


@pytest.mark.parametrize(
    ("line", "owners"),
    [
        ("* The docs team will publish the migration notes.", ["docs-team"]),
        ("* The Release team to tag 4.1 after the freeze", ["release-team"]),
        ("* The TSC (via Carla) will send the list of concerns.", ["tsc", "carla-diaz"]),
    ],
)
def test_a_listed_item_opening_with_a_body_gives_it_the_work(line: str, owners: list[str]) -> None:
    [(_, got)] = _items("## Action items\n\n" + line + "\n")
    assert got == owners


def test_a_body_named_inside_a_listed_item_is_not_its_owner() -> None:
    [(_, got)] = _items("## Action items\n\n* Ask the docs team whether the tutorial can move.\n")
    assert got == []
