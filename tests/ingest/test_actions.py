"""Reading assignees, tickets and names the way minutes write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract.actions import find_tickets, load_document_prefixes
from ingest.structure.names import leading_names, split_names


@pytest.mark.parametrize(
    ("item", "names"),
    [
        ("Jacek Becla coordinate Data Access discussions", ["Jacek Becla"]),
        ("Eric Bellm — update time-series technote", ["Eric Bellm"]),
        ("Tim Jenness - section on middleware", ["Tim Jenness"]),
        ("Frossie Economou: write the draft", ["Frossie Economou"]),
        ("John Swinbank to setup feedback system", ["John Swinbank"]),
        ("Jason and Gregory to talk", ["Jason", "Gregory"]),
        ("Wil O'Mullane & Colin Slater — Complete DM-23658.", ["Wil O'Mullane", "Colin Slater"]),
        (
            "John Swinbank, Jacek Becla, Simon Krughoff Arrange a walkthrough",
            ["John Swinbank", "Jacek Becla", "Simon Krughoff"],
        ),
        ("Frossie Economou Will recommend milestones", ["Frossie Economou"]),
        ("Unknown User (ciardi) What does the community want?", ["Unknown User (ciardi)"]),
        (
            "Unknown User (xiuqin), Jacek Becla butler in Java?",
            ["Unknown User (xiuqin)", "Jacek Becla"],
        ),
        ("Ludwig van Beethoven / Ana to compose", ["Ludwig van Beethoven", "Ana"]),
        ("Cristián Silva - section on summit", ["Cristián Silva"]),
        ("DMTN-148 is almost there", []),
        ("Convene a group to redo the diagram", []),
        ("The group agreed to wait", []),
        ("DMLT Meeting - 2024-04-22 UKDF part", []),
        ("Python 3 migration plan", []),
    ],
)
def test_leading_names(item: str, names: list[str]) -> None:
    found, _ = leading_names(item, 0, len(item))
    assert [m.text for m in found] == names
    for m in found:
        assert item[m.start : m.end] == m.text


def test_rest_of_the_item_starts_after_the_separator() -> None:
    item = "Eric Bellm — update the note"
    _, rest = leading_names(item, 0, len(item))
    assert item[rest:].strip() == "update the note"


def test_split_names_keeps_unknown_users_and_drops_affiliations() -> None:
    text = "Unknown User (mbutler) , Robert Lupton , etc."
    assert [m.text for m in split_names(text, 0, len(text))] == [
        "Unknown User (mbutler)",
        "Robert Lupton",
    ]
    text = "Kian-Tat Lim /Robert Gruendl; Jane Doe (Acme) and Bo"
    assert [m.text for m in split_names(text, 0, len(text))] == [
        "Kian-Tat Lim",
        "Robert Gruendl",
        "Jane Doe",
        "Bo",
    ]


def test_tickets_are_keys_that_are_not_documents() -> None:
    prefixes = frozenset({"DMTN", "LDM", "PSTN", "SQR", "RTN"})
    text = "DM-123, RFC-45 and ITRFC-6; DMTN-148, LDM-153, PSTN-017, SQR-001, RTN-011, "
    text += "COVID-19, DM-123"
    assert find_tickets(text, prefixes) == ("DM-123", "RFC-45", "ITRFC-6")


def test_document_prefixes_come_from_an_editable_file(tmp_path: Path) -> None:
    p = tmp_path / "prefixes.txt"
    p.write_text("# documents\nabc\n\nXYZ  # trailing comment\n", encoding="utf-8")
    assert load_document_prefixes(p) == frozenset({"ABC", "XYZ"})
    assert find_tickets("ABC-1 XYZ-2 QQ-3", load_document_prefixes(p)) == ("QQ-3",)


def test_shipped_document_prefixes_cover_the_usual_series() -> None:
    prefixes = load_document_prefixes()
    assert {"DMTN", "LDM", "PSTN", "SQR", "RTN"} <= prefixes
    assert "DM" not in prefixes and "RFC" not in prefixes


def _due_dates(text: str) -> list[str | None]:
    from ingest.model import SourceText
    from ingest.read.clean import clean
    from ingest.structure.document import parse_structure

    s = parse_structure(clean(SourceText("m.md", text, "markdown")))
    return [a.due for a in s.actions]


def test_due_month_day_takes_the_year_of_the_meeting() -> None:
    text = "# Sync 2024-10-08\n\n## Action items\n\n- [ ] Mateo to tag 0.8.1, due 10/25\n"
    assert _due_dates(text) == ["2024-10-25"]


def test_ambiguous_numeric_due_dates_follow_the_order_of_their_own_separator() -> None:
    dotted = "## Action items\n\n- [ ] Ann: ship it by 03.12.2024\n"
    assert _due_dates("# Sync 2024-10-08\n\n" + dotted) == ["2024-12-03"]  # dots: day first
    us = "# Sync 2024-10-08\n\nElection opens 1/15/2025.\n\n"
    assert _due_dates(us + dotted) == ["2024-12-03"]  # slashes say nothing about dots
    slashed = "## Action items\n\n- [ ] Ann: ship it by 03/12/2024\n"
    assert _due_dates("# Sync 2024-10-08\n\n" + slashed) == [None]  # US or UK: unsettled
    assert _due_dates(us + slashed) == ["2024-03-12"]


def _actions(text: str, name: str = "m.txt", fmt: str = "text") -> list[tuple[str, ...]]:
    from ingest.model import SourceText
    from ingest.read.clean import clean
    from ingest.structure.document import parse_structure

    s = parse_structure(clean(SourceText(name, text, fmt)))
    return [(a.text, ",".join(m.text for m in a.assignees), a.due, a.status) for a in s.actions]


PMC_MINUTES = """\
Subject: Tansy PMC monthly meeting, June 2024
Date: Mon, 10 Jun 2024 09:12:40 +0200

TANSY PROJECT MANAGEMENT COMMITTEE
Thursday 6 June 2024, 15:00 UTC

Present:  Lorna Vickers (Chair), Emeric Daudet (Secretary),
          Sunita Rao, Piet Hendriks
Absent:   Marta Kowal

Open actions from May:
- [DONE] Lorna to renew the signing key.
- Sunita to retire the old download mirror (carried over,
    due 2024-07-04)

1. RELEASE 1.8
Piet reported that 1.8 is feature complete apart from TNS-88 (slow
index rebuild).
Sunita confirmed that the parser fix is in.
Vote: ship 1.8.0 from the first RC once TNS-88 is closed.
  +1: Lorna, Emeric, Sunita, Piet
  -1: none
Vote passed.
ACTION: Piet Hendriks - tag 1.8.0 and announce it - due 2024-06-17
Emeric to update the changelog (by Friday).

2. NEW COMMITTER
Marta Kowal's employer; nothing to decide now.
Lorna leads the security team and maintains the website.
The committee decided to invite Odile Brun. Lorna to send the
invitation.

3. ANY OTHER BUSINESS
Next meeting Thursday 4 July.
"""


def test_a_list_of_open_actions_ends_where_the_next_section_starts() -> None:
    found = _actions(PMC_MINUTES)
    assert found == [
        ("Lorna to renew the signing key.", "Lorna", None, "done"),
        ("Sunita to retire the old download mirror", "Sunita", "2024-07-04", "open"),
        (
            "Piet Hendriks - tag 1.8.0 and announce it",
            "Piet Hendriks",
            "2024-06-17",
            "unknown",
        ),
        ("Emeric to update the changelog", "Emeric", "2024-06-07", "unknown"),
        ("Lorna to send the invitation.", "Lorna", None, "unknown"),
    ]


def test_reports_votes_and_section_lines_are_not_actions() -> None:
    texts = " | ".join(a[0] for a in _actions(PMC_MINUTES))
    for words in ("RELEASE", "reported", "confirmed", "Vote", "+1", "leads", "employer"):
        assert words not in texts


def test_a_prose_action_led_by_initials_of_an_attendee_is_an_item() -> None:
    text = (
        "# Pipelines weekly 2024-06-18\n\n"
        "Attendees: Dana Voss, Ruth Okoye\n\n"
        "## Notes\n\n"
        "The nightly alerts were wrong for two nights. DV to regenerate the alerts for those "
        "two nights once the pin is in. QA to follow up later.\n\n"
        "## Action items\n\n"
        "- [ ] Ruth Okoye: ask the computing centre whether the cluster upgrade can move\n\n"
        "## Discussion\n\n"
        "RO to check whether the upgrade can slip by one day.\n"
    )
    found = _actions(text, "m.md", "markdown")
    assert [(a[0], a[1]) for a in found] == [
        ("DV to regenerate the alerts for those two nights once the pin is in.", "DV"),
        ("ask the computing centre whether the cluster upgrade can move", "Ruth Okoye"),
    ]


def test_a_status_note_closing_an_item_is_its_status_not_its_text() -> None:
    text = (
        "# Sync 2024-10-14\n\n## Action items\n\n"
        "- [ ] @kai: write up the retry semantics -- still open, carried over (due Oct 21)\n"
    )
    assert _actions(text, "m.md", "markdown") == [
        ("write up the retry semantics", "@kai", "2024-10-21", "open")
    ]


def test_confluence_task_list_items_are_done_when_ticked_else_open() -> None:
    text = (
        "<html><body><h1>Pipelines weekly 2024-06-18</h1><h2>Action items</h2>"
        '<ul class="inline-task-list"><li data-inline-task-id="1" class="checked">'
        '<a class="confluence-userlink">Dana Voss</a> circulate the draft</li>'
        '<li data-inline-task-id="2"><a class="confluence-userlink">Ruth Okoye</a> '
        "send the visit list by Friday</li></ul></body></html>"
    )
    assert _actions(text, "m.html", "html") == [
        ("Dana Voss circulate the draft", "Dana Voss", None, "done"),
        ("Ruth Okoye send the visit list", "Ruth Okoye", "2024-06-21", "open"),
    ]


def test_a_numbered_section_after_a_bulleted_action_list_is_not_an_action() -> None:
    text = (
        "Sorrel dev call, 2024-04-02\n\n"
        "Attendees: Iris Tamm, Goran Petrov\n\n"
        "Carried-over actions:\n"
        "- Iris to publish the wheels\n\n"
        "2. Release planning\n"
        "Goran thinks 0.4 can go out next week.\n\n"
        "3. Any other business\n"
        "Corrections to me by 15/04.\n"
    )
    assert [a[0] for a in _actions(text)] == ["Iris to publish the wheels"]


def test_an_action_line_wrapped_before_its_due_date_keeps_the_date() -> None:
    text = (
        "Sorrel board, 2024-04-02\n\n"
        "ACTION: Iris Tamm - send the annual report to the Open Sorrel\n"
        "Foundation - due 2024-04-12\n"
        "ACTION: Goran Petrov - renew the domain - due\n"
        "2024-05-01\n"
    )
    assert [(a[1], a[2]) for a in _actions(text)] == [
        ("Iris Tamm", "2024-04-12"),
        ("Goran Petrov", "2024-05-01"),
    ]


def test_an_unbulleted_carried_over_item_keeps_its_wrapped_due_date() -> None:
    text = (
        "Tansy PMC, 6 June 2024\n\n"
        "Present: Lorna Vickers, Sunita Rao\n\n"
        "Open actions from May:\n"
        "  [DONE] Lorna to renew the signing key.\n"
        "  Sunita to retire the old download mirrors and the stale release tarballs (carried\n"
        "    over, due 2024-07-04)\n"
    )
    assert _actions(text)[1][1:] == ("Sunita", "2024-07-04", "open")


def test_by_the_next_meeting_is_the_day_the_minutes_give_for_it() -> None:
    text = (
        "# Sorrel dev call 2024-04-02\n\n"
        "## Action items\n\n"
        "- [ ] Iris Tamm: draft the release notes by the next call\n"
        "- [ ] Goran Petrov: fix the docs build\n\n"
        "Next call: Tuesday 16 April.\n"
    )
    assert [(a[0], a[2]) for a in _actions(text, "m.md", "markdown")] == [
        ("draft the release notes", "2024-04-16"),
        ("fix the docs build", None),
    ]


def test_an_item_pointing_back_keeps_what_it_points_to() -> None:
    from ingest.extract.items import _referent, _with_context

    text = "1. Plugin API: the loader needs a rewrite. Mira is working on this.\n"
    start = text.index("working")
    context = _referent(text, start, "working on this")
    assert context == "Plugin API: the loader needs a rewrite."
    assert _with_context("working on this", context).startswith("working on this (Plugin API")
    # an item that names its own object needs nothing more
    assert _referent(text, start, "working on the loader rewrite") is None
