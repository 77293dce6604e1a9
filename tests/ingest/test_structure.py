"""The layout of minutes: title, dates, attendees, blocks, agenda and action items."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.model import SourceText, Structure
from ingest.read.clean import clean
from ingest.read.source import read_source
from ingest.structure.document import parse_structure

MINUTES = Path(__file__).parents[2] / "data" / "minutes"

JUPYTER_MD = """\
# Jupyter Server Weekly Meeting — May 12, 2022

## Attendees

- Zach Sailer
- Kevin Bates
- Steven Silvester (Apple)

## Agenda

| Time | Topic | Presenter |
|------|-------|-----------|
| 5 min | Release 2.0 status | Kevin Bates |
| 10 min | Kernel restarts | Steven Silvester & Zach Sailer |

## Notes

Kernel restarts were discussed at length; see jupyter_server#790.

## Action items

- [ ] Kevin Bates: cut 2.0.0rc1 by 20 May 2022
- [x] Zach Sailer & Steven Silvester — review JS-123 and PEP-8 update
- Steven Silvester to write the upgrade guide
"""

ARROW_TXT = """\
Arrow Community Sync 2021-03-04

Attendees: Wes McKinney, Antoine Pitrou and Neal Richardson

Discussion

Flight SQL is progressing. The C++ release is blocked on ARROW-11789.

Action: Antoine Pitrou to file a follow-up for ARROW-11790
AI: Neal Richardson to draft release notes by 10 Mar
TODO: update the website
DONE: Wes McKinney — announce the vote on the mailing list
"""

K8S_MD = """\
# SIG Node Weekly Meeting

## Jan 5, 2023

**Attendees:**
- @alice (Google)
- Chen Wei

**Agenda:**

1. [bob] KEP-1234 review — swap support
   - Decision: move to beta in 1.27
   - AI: @alice to follow up with sig-storage
2. Flaky test triage (Chen Wei)
\t- Chen will file issues for each flake

**Action items**

1. Bob Smith will update the KEP by Jan 12
2. @alice: ping approvers
3. [ ] Niko Matsakis, Josh Triplett: schedule design meeting (due 2023-01-30)
"""


def _parse(text: str, fmt: str = "text") -> Structure:
    return parse_structure(clean(SourceText("m", text, fmt)))


@pytest.fixture(scope="module")
def jtm() -> Structure:
    return parse_structure(clean(read_source(MINUTES / "000_a5daecc12659371c.txt")))


@pytest.fixture(scope="module")
def dmlt() -> Structure:
    return parse_structure(clean(read_source(MINUTES / "001_ff838e8b1bca4eb2.txt")))


def _names(mentions: object) -> list[str]:
    return [m.text for m in mentions]  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- title and dates


def test_title_is_the_first_meaningful_line_with_its_span(jtm: Structure) -> None:
    assert jtm.title == "DM JTM 2016-02 Meeting Notes"
    assert jtm.title_span is not None
    assert jtm.clean.text[jtm.title_span[0] : jtm.title_span[1]] == jtm.title


def test_markdown_title_drops_the_hash() -> None:
    s = _parse(JUPYTER_MD, "markdown")
    assert s.title == "Jupyter Server Weekly Meeting — May 12, 2022"
    assert (s.start, s.end) == ("2022-05-12", "2022-05-12")


def test_front_matter_label_is_not_part_of_the_title() -> None:
    s = _parse("---\ntitle: Release sync\ndate: 2021-03-04\n---\n\n# Notes\n", "markdown")
    assert s.title == "Release sync"
    assert (s.start, s.end) == ("2021-03-04", "2021-03-04")
    assert _parse("Subject: Re: Weekly sync\n\nHi all").title == "Weekly sync"


def test_a_month_in_the_title_gives_way_to_a_range_written_below(jtm: Structure) -> None:
    assert (jtm.start, jtm.end) == ("2016-02-22", "2016-02-24")


def test_range_in_the_title(dmlt: Structure) -> None:
    assert (dmlt.start, dmlt.end) == ("2020-05-12", "2020-05-14")


def test_month_only_when_no_day_is_written() -> None:
    s = _parse("DM JTM 2016-02 Meeting Notes\n\nWe talked.\n")
    assert (s.start, s.end) == ("2016-02", "2016-02")


def test_date_under_a_date_heading() -> None:
    s = _parse("Leadership meeting\n\nDate\n\n12 May 2020 – 14 May 2020\n\nNotes\n")
    assert (s.start, s.end) == ("2020-05-12", "2020-05-14")


def test_no_date_is_invented() -> None:
    s = _parse("Weekly sync\n\n- Ana to review the design\n")
    assert (s.start, s.end) == (None, None)


# --------------------------------------------------------------------------- attendees


def test_attendees_under_a_heading_with_unknown_users_kept_whole(dmlt: Structure) -> None:
    names = _names(dmlt.attendees)
    assert len(names) == 20
    assert names[:3] == ["Wil O'Mullane", "Leanne Guy", "Unknown User (mbutler)"]
    assert "Unknown User (npease)" in names and "Zeljko Ivezić" in names
    for m in dmlt.attendees:
        assert dmlt.clean.text[m.start : m.end] == m.text


def test_attendees_from_a_label_line_and_a_markdown_list() -> None:
    assert _names(_parse(ARROW_TXT).attendees) == [
        "Wes McKinney",
        "Antoine Pitrou",
        "Neal Richardson",
    ]
    assert _names(_parse(JUPYTER_MD, "markdown").attendees) == [
        "Zach Sailer",
        "Kevin Bates",
        "Steven Silvester",
    ]


def test_minutes_without_attendees_have_none(jtm: Structure) -> None:
    assert jtm.attendees == ()


# --------------------------------------------------------------------------- blocks


def test_blocks_carry_their_section_path() -> None:
    s = _parse(JUPYTER_MD, "markdown")
    text = s.clean.text
    notes = next(b for b in s.blocks if text[b.start : b.end].startswith("Kernel restarts were"))
    assert notes.kind == "paragraph"
    assert notes.section == ("Notes",)
    heading = next(b for b in s.blocks if text[b.start : b.end] == "Action items")
    assert (heading.kind, heading.level) == ("heading", 2)


def test_standalone_short_lines_are_headings_in_plain_text_exports(jtm: Structure) -> None:
    text = jtm.clean.text
    headings = [text[b.start : b.end] for b in jtm.blocks if b.kind == "heading"]
    assert "Continuous Integration" in headings and "Actions" in headings
    items = [b for b in jtm.blocks if b.kind == "item" and b.section == ("Actions",)]
    assert len(items) >= 15


def test_table_rows_have_cell_spans_and_a_header(dmlt: Structure) -> None:
    text = dmlt.clean.text
    rows = [b for b in dmlt.blocks if b.kind == "row"]
    header = next(b for b in rows if text[b.start : b.end].startswith("Description\tDue date"))
    assert header.level == 1
    cells = [text[s:e] for s, e in header.cells]
    assert cells == ["Description", "Due date", "Assignee", "Task appears on"]


# --------------------------------------------------------------------------- agenda


def test_agenda_rows_with_day_and_moderator(dmlt: Structure) -> None:
    first = dmlt.agenda[0]
    assert (first.day, first.time, first.topic) == ("2020-05-12", "09:00", "Welcome")
    assert _names(first.coordinators) == ["Wil O'Mullane"]
    assert first.moderator is not None and first.moderator.text == "Leanne Guy"
    middleware = next(r for r in dmlt.agenda if r.topic == "Middleware status update")
    assert _names(middleware.coordinators) == ["Tim Jenness", "Robert Gruendl"]
    apdb = next(r for r in dmlt.agenda if r.topic == "APDB Update")
    assert apdb.day == "2020-05-13"
    assert apdb.moderator is not None and apdb.moderator.text == "Gregory Dubois-Felsmann"
    team = next(r for r in dmlt.agenda if r.topic == "Team status")
    assert team.day == "2020-05-14"
    assert team.moderator is not None and team.moderator.text == "Wil O'Mullane"
    assert {r.day for r in dmlt.agenda} == {"2020-05-12", "2020-05-13", "2020-05-14"}


def test_planning_tables_are_not_agenda(dmlt: Structure) -> None:
    assert all(r.topic != "Status of the APDB" for r in dmlt.agenda)


def test_markdown_agenda_table() -> None:
    rows = _parse(JUPYTER_MD, "markdown").agenda
    assert [(r.time, r.topic) for r in rows] == [
        ("5 min", "Release 2.0 status"),
        ("10 min", "Kernel restarts"),
    ]
    assert _names(rows[1].coordinators) == ["Steven Silvester", "Zach Sailer"]


# --------------------------------------------------------------------------- actions


def test_every_item_of_the_actions_section_with_its_assignees(jtm: Structure) -> None:
    got = [tuple(_names(a.assignees)) for a in jtm.actions]
    assert got == [
        (),  # "**SUTI would like ... (action item that isn't owned)"
        ("Jason", "Gregory"),  # "Jason and Gregory to talk", a line of its own
        ("Jacek Becla",),
        ("Unknown User (npease)",),
        ("Kian-Tat Lim",),
        ("Frossie Economou",),
        ("Frossie Economou",),
        ("Frossie Economou",),
        ("Unknown User (xiuqin)",),
        ("Unknown User (xiuqin)",),
        ("Unknown User (xiuqin)", "Frossie Economou", "Gregory Dubois-Felsmann", "Fritz Mueller"),
        ("Unknown User (xiuqin)", "Jacek Becla", "Fritz Mueller"),
        ("Unknown User (ciardi)",),
        ("Simon Krughoff",),
        ("Simon Krughoff",),
        ("Simon Krughoff",),
        ("Simon Krughoff",),
        ("Tim Jenness",),
        ("John Swinbank", "Jacek Becla", "Simon Krughoff"),
        ("John Swinbank",),
        ("Unknown User (xiuqin)", "John Swinbank"),
        ("John Swinbank", "Jim Bosch"),
        ("John Swinbank", "Margaret Gelman"),
    ]
    for a in jtm.actions:
        for m in a.assignees:
            assert jtm.clean.text[m.start : m.end] == m.text


def test_check_marked_action_is_done_and_continuation_lines_join_it(jtm: Structure) -> None:
    iplant = next(a for a in jtm.actions if "iPlant" in a.text)
    assert iplant.status == "done"
    assert iplant.tickets == ("DM-6663",)
    assert iplant.text.endswith("is created for this action)")
    firefly = next(a for a in jtm.actions if "Firefly-as-a-service" in a.text)
    assert firefly.tickets == ("DM-5591",)


def test_actions_inside_agenda_cells_with_due_dates(dmlt: Structure) -> None:
    bellm = next(a for a in dmlt.actions if a.text.startswith("Eric Bellm"))
    assert (bellm.status, bellm.due, _names(bellm.assignees)) == (
        "done",
        "2020-07-01",
        ["Eric Bellm"],
    )
    assert not bellm.text.endswith("2020")
    swinbank = next(a for a in dmlt.actions if a.text.startswith("John Swinbank to setup"))
    assert swinbank.due == "2020-05-21"
    assert swinbank.tickets == ()  # DMTN-148 is a document
    pair = next(a for a in dmlt.actions if "DM-23658" in a.text)
    assert _names(pair.assignees) == ["Wil O'Mullane", "Colin Slater"]
    ticketed = next(a for a in dmlt.actions if "operational procedures" in a.text)
    assert ticketed.tickets == ("DM-26341",) and ticketed.due == "2020-08-03"
    slater = next(a for a in dmlt.actions if "LDM-153" in a.text)
    assert slater.tickets == ("DM-25926",) and slater.due == "2020-07-06"


def test_action_summary_table_rows(dmlt: Structure) -> None:
    summary = [a for a in dmlt.actions if a.due and a.due >= "2022"]
    assert len(summary) == 11
    assert all(a.status == "open" for a in summary)
    yusra = next(a for a in summary if "T-12 month" in a.text)
    assert (_names(yusra.assignees), yusra.due) == (["Yusra AlSayyad"], "2023-11-30")
    unassigned = next(a for a in summary if "UKDF" in a.text)
    assert unassigned.assignees == ()
    assert next(a for a in summary if "Silva" in a.text).assignees[0].text == "Cristián Silva"


def test_action_forms_of_other_projects() -> None:
    s = _parse(ARROW_TXT)
    got = [(_names(a.assignees), a.status, a.due, a.tickets) for a in s.actions]
    assert got == [
        (["Antoine Pitrou"], "open", None, ("ARROW-11790",)),  # stated, not ticked: open
        (["Neal Richardson"], "open", "2021-03-10", ()),
        ([], "open", None, ()),
        (["Wes McKinney"], "done", None, ()),
    ]
    md = _parse(JUPYTER_MD, "markdown").actions
    assert [(_names(a.assignees), a.status, a.due) for a in md] == [
        (["Kevin Bates"], "open", "2022-05-20"),
        (["Zach Sailer", "Steven Silvester"], "done", None),
        (["Steven Silvester"], "unknown", None),
    ]
    assert md[1].tickets == ("JS-123",)  # PEP-8 is a document


def test_narrative_lines_are_not_actions() -> None:
    s = _parse(ARROW_TXT)
    assert all("Flight SQL" not in a.text for a in s.actions)


def test_an_item_repeated_in_a_summary_table_is_kept_once() -> None:
    text = (
        "Sync 2020-05-12\n\nActions\n\n- Ana Lopez to review DM-1\n\n"
        "Action Item Summary\n\nDescription\tDue date\tAssignee\n"
        "☐ Ana Lopez to review DM-1\t\tAna Lopez\n"
        "☐ Bo Chen to merge DM-2\t\tBo Chen\n"
    )
    actions = _parse(text).actions
    assert [(_names(a.assignees), a.tickets) for a in actions] == [
        (["Ana Lopez"], ("DM-1",)),
        (["Bo Chen"], ("DM-2",)),
    ]


def test_handles_dates_from_a_dated_heading_and_due_cues() -> None:
    s = _parse(K8S_MD, "markdown")
    assert (s.start, s.end) == ("2023-01-05", "2023-01-05")
    assert _names(s.attendees) == ["@alice", "Chen Wei"]
    got = [(_names(a.assignees), a.due, a.text) for a in s.actions]
    assert got == [
        (["@alice"], None, "@alice to follow up with sig-storage"),
        (["Bob Smith"], "2023-01-12", "Bob Smith will update the KEP"),
        (["@alice"], None, "ping approvers"),
        (
            ["Niko Matsakis", "Josh Triplett"],
            "2023-01-30",
            "schedule design meeting",
        ),
    ]
    assert s.actions[3].status == "open"


def test_a_tab_indented_item_is_not_a_table_row() -> None:
    s = _parse(K8S_MD, "markdown")
    flake = next(b for b in s.blocks if "file issues" in s.clean.text[b.start : b.end])
    assert flake.kind == "item"


def test_unowned_action_note_and_standalone_assignment(jtm: Structure) -> None:
    suit = jtm.actions[0]
    assert suit.text.startswith("SUTI would like to have a two / three day meeting")
    assert suit.assignees == ()
    assert jtm.actions[1].text == "Jason and Gregory to talk"
    assert all(not a.text.startswith("Issues to discuss") for a in jtm.actions)


def test_action_table_with_owner_due_and_status_columns() -> None:
    page = (
        "<html><body><h1>TSC Meeting – 2024-05-07</h1><h2>Action items</h2><table>"
        "<tr><th>#</th><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr>"
        "<tr><td>1</td><td>Publish 4.1.2</td><td>Marcus Bell</td>"
        "<td>14 May 2024</td><td>Open</td></tr>"
        "<tr><td>2</td><td>Backport the CVE-2024-3321 fix</td><td>M. Bell, Yuki T.</td>"
        "<td>&mdash;</td><td>Done</td></tr>"
        "</table><p>Next meeting: 4 June 2024, 15:00 UTC.</p></body></html>"
    )
    got = [
        (a.text, _names(a.assignees), a.due, a.status, a.tickets)
        for a in _parse(page, "html").actions
    ]
    assert got == [
        ("Publish 4.1.2", ["Marcus Bell"], "2024-05-14", "open", ()),
        (
            "Backport the CVE-2024-3321 fix",
            ["M. Bell", "Yuki T."],
            None,
            "done",
            ("CVE-2024-3321",),
        ),
    ]


def test_scribe_style_labels_initials_and_issue_refs() -> None:
    text = (
        "WG minutes 2024-03-12\n\n"
        "ACTION: Sofia to add a JSON report (issue LUM-214)\n"
        "[DONE] ACTION: Raj to share the test matrix\n\n"
        "Action items\n\n"
        "- [ ] DV — write the deprecation note\n"
        "- [ ] @anakamura cut 2.3rc1 once #1423 is merged — due 2024-03-19\n"
        "- [ ] Priya and Carmen: draft the sprint plan (due 3/29/2024)\n\n"
        "Next call: 26 March 2024.\n"
    )
    got = [(_names(a.assignees), a.status, a.due, a.tickets) for a in _parse(text).actions]
    assert got == [
        (["Sofia"], "unknown", None, ("LUM-214",)),
        (["Raj"], "done", None, ()),
        (["DV"], "open", None, ()),
        (["@anakamura"], "open", "2024-03-19", ("#1423",)),
        (["Priya", "Carmen"], "open", "2024-03-29", ()),
    ]


def test_confluence_page_metadata_is_neither_title_nor_meeting_date() -> None:
    text = (
        "Skip to end of metadata\n"
        "Created by Unknown User (jdoe), last modified by Ana Lopez on Mar 09, 2021\n"
        "Go to start of metadata\n\n"
        "Pipelines sync\n\nDate\n\n04 Mar 2021\n"
    )
    s = _parse(text)
    assert s.title == "Pipelines sync"
    assert (s.start, s.end) == ("2021-03-04", "2021-03-04")
    assert "metadata" not in s.clean.text


def test_ticket_note_after_an_action_joins_it(dmlt: Structure) -> None:
    bellm = next(a for a in dmlt.actions if a.text.startswith("Eric Bellm"))
    assert bellm.tickets == ("DM-19593",)
    assert bellm.due == "2020-07-01"


_LINES = st.sampled_from(
    [
        "Attendees",
        "Attendees: Ana Lopez, Bo",
        "- Ana Lopez",
        "Actions",
        "Action items:",
        "- [ ] Ana to fix DM-1 by 15 Jun",
        "✓ Bo — merge. 01 Jul 2020",
        "☐ Cy Dee Write it",
        "Time\tTopic\tCoordinator",
        "09:00\tWelcome\tAna",
        "Day 2: 2020-05-13\t\t",
        "Moderator: Bo\t\t",
        "Description\tDue date\tAssignee",
        "☐ Do it 1 May 2020\t1 May 2020\tAna",
        "# Title 2020-05-12/14",
        "## Notes",
        "",
        "  ",
        "\t",
        "Unknown User (x) visit",
        "(Epic",
        " DM-5591",
        "action)",
        "2016-02",
        "Date",
        "On ticket DM-9",
        "@al: ping",
        "DV — note",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=12)), max_size=25))
def test_any_text_gives_a_structure_whose_spans_quote_the_clean_text(lines: list[str]) -> None:
    s = _parse("\n".join(lines))
    text = s.clean.text
    n = len(text)
    mentions = list(s.attendees) + [m for a in s.actions for m in a.assignees]
    mentions += [m for r in s.agenda for m in r.coordinators]
    for m in mentions:
        assert text[m.start : m.end] == m.text
    for b in s.blocks:
        assert 0 <= b.start <= b.end <= n
        assert all(b.start <= cs <= ce <= b.end for cs, ce in b.cells)
    for a in s.actions:
        assert 0 <= a.start <= a.end <= n and a.status in ("done", "open", "unknown")
    if s.title_span is not None:
        assert text[s.title_span[0] : s.title_span[1]] == s.title
    for value in (s.start, s.end):
        assert value is None or len(value) in (7, 10)


def test_markdown_roll_call_bullets_name_attendees_and_regrets_name_absentees() -> None:
    from ingest.structure.document import absentees

    text = (
        "# Board call 2024-02-01\n\n"
        "- **Present:** Ann Lee, Bo Chen (Acme)\n"
        "- **Also present:** Cy Diaz\n"
        "- Guests: Di Egan\n"
        "- **Regrets:** Ed Fox\n"
        "Apologies: Flo Gray\n"
    )
    s = parse_structure(clean(SourceText("board.md", text, "markdown")))
    assert [m.text for m in s.attendees] == ["Ann Lee", "Bo Chen", "Cy Diaz", "Di Egan"]
    assert [m.text for m in absentees(s)] == ["Ed Fox", "Flo Gray"]


def test_people_under_a_regrets_heading_are_absentees_not_attendees() -> None:
    from ingest.structure.document import absentees

    text = (
        "# Sync 2024-02-01\n\n## Attendees\n\n- Ann Lee\n\n"
        "## Regrets\n\n- Ed Fox\n\n## Notes\n\n- ok\n"
    )
    s = parse_structure(clean(SourceText("sync.md", text, "markdown")))
    assert [m.text for m in s.attendees] == ["Ann Lee"]
    assert [m.text for m in absentees(s)] == ["Ed Fox"]


def test_a_name_marked_regrets_in_the_attendee_list_did_not_attend() -> None:
    from ingest.structure.document import absentees

    text = "# Sync 2024-02-01\n\n## Attendees\n\n- Ann Lee\n- Tom Whitfield (regrets)\n"
    s = parse_structure(clean(SourceText("sync.md", text, "markdown")))
    assert [m.text for m in s.attendees] == ["Ann Lee"]
    assert [m.text for m in absentees(s)] == ["Tom Whitfield"]


def test_a_forwarded_mail_with_tab_aligned_headers_takes_its_title_from_the_subject() -> None:
    # Thunderbird forwards with a tab between each header's name and its value
    text = (
        "-------- Forwarded Message --------\n"
        "Subject: \t[minutes] Larkspur TSC meeting, May 2023\n"
        "Date: \tMon, 15 May 2023 10:02:11 +0200\n"
        "From: \tJonas Weber <jonas@larkspur.example.org>\n"
        "To: \ttsc@larkspur.example.org\n\n"
        "Minutes attached below, corrections welcome.\n\n"
        "LARKSPUR TECHNICAL STEERING COMMITTEE\n"
        "Friday 12 May 2023\n\n"
        "Present: Jonas Weber, Ines Carvalho\n"
    )
    from ingest.model import SourceText
    from ingest.read.clean import clean
    from ingest.structure.document import parse_structure

    s = parse_structure(clean(SourceText("larkspur.txt", text, "text")))
    assert s.title == "Larkspur TSC meeting, May 2023"
    assert s.start == "2023-05-12"


def test_a_name_cut_by_a_wrapped_line_keeps_its_paragraph_whole() -> None:
    from ingest.model import SourceText
    from ingest.read.clean import clean
    from ingest.structure.document import parse_structure

    text = (
        "Sync, 2024-03-12\n\n"
        "Staffing was unchanged this quarter, but the fellowship of Marisol\n"
        "Echeverría ends in April.\n\n"
        "Attendees: Ana Lima, Bo Chen\n"
        "Cy Diaz joined late.\n"
    )
    s = parse_structure(clean(SourceText("m.txt", text, "text")))
    paragraphs = [s.clean.text[b.start : b.end] for b in s.blocks if b.kind == "paragraph"]
    assert paragraphs[0].endswith("Marisol\nEcheverría ends in April.")
    assert "Cy Diaz joined late." in paragraphs  # a short labelled line above: no wrap


def test_a_list_item_wrapped_at_its_bullets_indent_stays_one_item() -> None:
    text = (
        "# Sync\n\n"
        "- Ana will check whether the old mirror\n"
        "is still needed after the move.\n"
        "- Bo to rotate the keys.\n"
        "Decisions are listed below.\n"
    )
    s = parse_structure(clean(SourceText("m.md", text, "markdown")))
    items = [s.clean.text[b.start : b.end] for b in s.blocks if b.kind == "item"]
    assert items[0].endswith("old mirror\nis still needed after the move.")
    assert items[1] == "- Bo to rotate the keys."  # a capitalised line after a full stop: not


def test_the_wrapped_lines_of_a_list_item_are_one_sentence() -> None:
    from ingest.components.sentences import wrapped_runs

    text = (
        "- The runners move to the new hosts next month, and Ilse\n"
        "  Varga will migrate the build cache before the\n"
        "  switch.\n"
        "  Owner: Bo\n"
        "  Ana Lima\n"
        "  Cy Diaz"
    )
    runs = [text[s:e].split("\n") for s, e in wrapped_runs(text, 0, len(text))]
    assert [len(r) for r in runs] == [3, 1, 1, 1]


def test_a_list_item_cut_mid_sentence_before_a_capitalised_line_stays_one_item() -> None:
    text = (
        "# Sync\n\n"
        "    - After some talk it was settled that the release team will work with\n"
        "    Dana Reyes to find two more reviewers.\n"
        "    - Bo to rotate the keys and tell the list\n"
        "Decisions follow\n"
    )
    s = parse_structure(clean(SourceText("m.md", text, "markdown")))
    items = [s.clean.text[b.start : b.end] for b in s.blocks if b.kind == "item"]
    assert items[0].endswith("will work with\n    Dana Reyes to find two more reviewers.")
    assert items[1] == "- Bo to rotate the keys and tell the list"  # a short line: not a wrap
