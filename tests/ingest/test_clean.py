"""Cleaning exports into readable lines, with offsets that lead back to the source."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.model import CleanText, SourceText
from ingest.read.clean import clean, clean_traced, is_row_break
from ingest.read.source import read_source

SAMPLES = sorted((Path(__file__).parents[2] / "data" / "minutes").glob("*.txt"))


def _clean(text: str, fmt: str = "text") -> CleanText:
    return clean(SourceText("m.txt", text, fmt))


def _assert_offsets_hold(source: SourceText) -> CleanText:
    c, copied = clean_traced(source)
    n = len(source.text)
    assert len(c.offsets) == len(c.text) + 1
    assert c.offsets[-1] == n
    assert all(0 <= o <= n for o in c.offsets)
    assert all(a <= b for a, b in zip(c.offsets, c.offsets[1:], strict=False))
    for i, ch in enumerate(c.text):
        if copied[i]:
            assert source.text[c.offsets[i]] == ch, (i, ch)
    return c


_PIECES = st.sampled_from(
    [
        "<ul>",
        "</ul>",
        "<li>",
        "</li>",
        "<p>",
        "</p>",
        "<br>",
        "<br/>",
        "<div class='x'>",
        '<input type="checkbox"/>',
        '<input checked="checked" type="checkbox"/>',
        "<script>x<y</script>",
        "<style>",
        "<!-- c -->",
        "&amp;",
        "&lt;",
        "&nbsp;",
        "&#337;",
        "&bogus;",
        "·",
        "•",
        "◦",
        "°",
        "^o",
        "✓",
        "☐",
        "\t",
        "\n",
        "\r\n",
        "\r",
        " ",
        "  ",
        "- ",
        "* ",
        "# ",
        "**",
        "*",
        "_",
        "|",
        "| a | b |\n",
        "|---|---|\n",
        "[Text](#)",
        "\\(",
        "\\",
        "DM-6663 - Getting issue details... STATUS",
        "Getting issue details",
        "Error rendering macro 'toc'\n",
        "[com.ctc.wstx.exc.WstxLazyException] x\n",
        "Ana",
        "Bo to fix DM-1",
        "2020-05-12",
        "\u200b",
        "\ufeff",
        "\u00a0",
        "<",
        ">",
        "&",
        "<td>",
        "<tr>",
        "<h2>",
        "</h2>",
        "<table>",
        "Unknown User \\(npease\\)",
        "------\t--",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=30),
    st.sampled_from(["text", "markdown", "html"]),
)
def test_offsets_lead_back_to_the_source_for_any_input(parts: list[str], fmt: str) -> None:
    _assert_offsets_hold(SourceText("m", "".join(parts), fmt))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_offsets_hold_on_the_sample_minutes(path: Path) -> None:
    c = _assert_offsets_hold(read_source(path))
    assert "Error rendering macro" not in c.text
    assert "Getting issue details" not in c.text
    assert "<ul" not in c.text and "](#)" not in c.text


def test_evidence_of_a_clean_span_quotes_the_source() -> None:
    src = SourceText("m.txt", "<ul><li>Tim Jenness to prepare RFC-45</li></ul>")
    c = clean(src)
    start = c.text.index("Tim")
    ev = c.evidence(start, start + len("Tim Jenness to prepare RFC-45"))
    assert ev.quote == "Tim Jenness to prepare RFC-45"
    assert src.text[ev.start : ev.end] == ev.quote


def test_html_fragments_in_cells_become_lines_and_checkbox_marks() -> None:
    c = _clean(
        'Description\tAssignee\n<input type="checkbox"/> Ana Write the note\tAna\n'
        '<input checked="checked" type="checkbox"/> Bo Merge it\tBo\n'
    )
    assert c.text.splitlines()[1:] == ["☐ Ana Write the note\tAna", "☑ Bo Merge it\tBo"]


def test_list_inside_a_table_cell_splits_into_items_but_stays_one_row() -> None:
    c = _clean('09:00\tWelcome\tWil\t<ul style="x">• Remarks• Review agenda\tnotes\n10:00\tBreak\n')
    assert c.text == "09:00\tWelcome\tWil\t- Remarks\n- Review agenda\tnotes\n10:00\tBreak\n"
    breaks = [i for i, ch in enumerate(c.text) if ch == "\n" and is_row_break(c, i)]
    assert [c.text[i - 5 : i] for i in breaks] == ["notes", "Break"]


def test_done_marks_in_the_middle_of_a_line_start_new_lines() -> None:
    c = _clean("notes ✓ Eric — update note. 01 Jul 2020 ✓ Gregory — test PyVO. 01 Jul 2020\n")
    assert c.text.splitlines() == [
        "notes",
        "✓ Eric — update note. 01 Jul 2020",
        "✓ Gregory — test PyVO. 01 Jul 2020",
    ]


def test_check_mark_followed_by_a_tab_is_not_a_table_row() -> None:
    assert (
        _clean("✓\tUnknown User (xiuqin) study iPlant\n").text
        == "✓ Unknown User (xiuqin) study iPlant\n"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("- · Abstracting access\n", "- Abstracting access\n"),
        (" - ° Launch python\n", " - Launch python\n"),
        (" - ^o Internal format\n", " - Internal format\n"),
        ("◦ nested point\n", "- nested point\n"),
        ("* star item\n", "- star item\n"),
        ("Weather at 20° today\n", "Weather at 20° today\n"),
    ],
)
def test_bullet_glyphs_become_list_items(raw: str, expected: str) -> None:
    assert _clean(raw).text == expected


def test_confluence_and_jira_noise_is_dropped_but_ticket_keys_kept() -> None:
    c = _clean(
        "Title\n\nError rendering macro 'toc'\n\n"
        "[com.ctc.wstx.exc.WstxLazyException] com.ctc.wstx.exc. Unexpected character\n\n"
        "study iPlant (DM-6663 - Getting issue details\tSTATUS\tis created)\n"
        "(This is\n DM-6662 Getting issue details...\n STATUS ; removing)\n"
    )
    assert "Error" not in c.text and "wstx" not in c.text
    assert "(DM-6663 is created)" in c.text
    assert "(This is\n DM-6662; removing)" in c.text
    assert "\t" not in c.text


def test_markdown_links_escapes_and_emphasis_are_read_as_text() -> None:
    c = _clean(
        "- [Unknown User \\(mbutler\\)](#)\nthis will be **virtual**, *not* \\$3.5M\n", "markdown"
    )
    assert c.text == "- Unknown User (mbutler)\nthis will be virtual, not $3.5M\n"


def test_underscores_of_python_names_are_kept() -> None:
    c = _clean("Fix __init__.py and __all__; this is __very important__\n", "markdown")
    assert c.text == "Fix __init__.py and __all__; this is very important\n"


def test_markdown_table_rows_become_tab_separated_cells() -> None:
    c = _clean("| Time | Topic |\n|------|-------|\n| 09:00 | Welcome |\n", "markdown")
    assert c.text == "Time\tTopic\n\n09:00\tWelcome\n"


def test_entities_are_decoded_and_script_and_style_dropped() -> None:
    c = _clean("A &amp; B&nbsp;C <script>alert('x')</script><style>p{}</style>D", "text")
    assert c.text == "A & B C D"


def test_whole_html_page_reads_as_lines() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Sync &ndash; 2021-03-04</title>"
        "<script>var a = '<p>';</script></head><body>\n<h2>Attendees</h2>\n"
        "<ul><li>Pey Lian Lim</li>\n<li>Tom Aldcroft</li></ul>"
        "<table><tr><th>Time</th><th>Topic</th></tr><tr><td>10:00</td><td>CI</td></tr></table>"
        '<p><input type="checkbox" checked/> Tom to tag v1.0</p></body></html>'
    )
    c = _clean(page, "html")
    assert c.text.splitlines() == [
        "Sync – 2021-03-04",
        "## Attendees",
        "- Pey Lian Lim",
        "- Tom Aldcroft",
        "Time\tTopic",
        "10:00\tCI",
        "☑ Tom to tag v1.0",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "word " * 200_000,
        "x" + " " * 1_000_000 + "y",
        "<" * 1_000_000,
        '<p a="' * 150_000,
        "-" * 1_000_000 + "x",
        "[" * 1_000_000,
        "• x " * 250_000,
        "2020-05-12 " * 90_000,
    ],
    ids=["words", "spaces", "lt", "open-quotes", "dashes", "brackets", "bullets", "dates"],
)
def test_a_one_megabyte_line_cleans_in_seconds(text: str) -> None:
    for fmt in ("text", "html"):
        began = time.monotonic()
        c = _clean(text, fmt)
        assert c.offsets[-1] == len(text)
        # generous bound: the point is "not quadratic", which would take minutes
        assert time.monotonic() - began < 30


CONFLUENCE_TASKS = (
    '<h2>Action items</h2><ul class="inline-task-list" data-inline-tasks-content-id="9">'
    '<li data-inline-task-id="1" class="checked"><span>Ana Lopez circulate the draft</span></li>'
    '<li data-inline-task-id="2"><span>Bo Chen bisect the regression</span></li></ul>'
    "<ul><li>Cy said the dashboard is up</li></ul>"
)


def test_confluence_task_list_ticks_become_done_and_open_marks() -> None:
    source = SourceText("m.html", CONFLUENCE_TASKS, "html")
    c = _assert_offsets_hold(source)
    assert c.text.splitlines()[1:] == [
        "- ☑ Ana Lopez circulate the draft",
        "- ☐ Bo Chen bisect the regression",
        "- Cy said the dashboard is up",
    ]


def test_a_task_list_item_without_an_id_is_still_a_task() -> None:
    text = '<ul class="inline-task-list"><li>Ana to go</li><li class="checked">Bo to stay</li></ul>'
    assert _clean(text, "html").text.splitlines() == ["- ☐ Ana to go", "- ☑ Bo to stay"]


def test_confluence_storage_format_tasks_read_their_status() -> None:
    text = (
        "<ac:task-list><ac:task><ac:task-id>7</ac:task-id><ac:task-status>complete"
        "</ac:task-status><ac:task-body>Cy to ship</ac:task-body></ac:task><ac:task>"
        "<ac:task-id>8</ac:task-id><ac:task-status>incomplete</ac:task-status>"
        "<ac:task-body>Di to test</ac:task-body></ac:task></ac:task-list>"
    )
    assert _clean(text, "html").text.splitlines() == ["- ☑ Cy to ship", "- ☐ Di to test"]
    _assert_offsets_hold(SourceText("m.txt", "Actions\t" + text))


def test_task_list_fragment_in_a_text_export_cell() -> None:
    text = 'Actions\t<ul class="inline-task-list"><li data-inline-task-id="1" class="checked">'
    text += 'Ana to go</li><li data-inline-task-id="2">Bo to stay</li></ul>'
    lines = _clean(text).text.splitlines()
    assert lines[-2:] == ["- ☑ Ana to go", "- ☐ Bo to stay"]


def test_two_user_mentions_side_by_side_read_as_two_names() -> None:
    text = (
        '<p><a class="confluence-userlink user-mention" data-username="dvolkov">Dana Voss</a> '
        '<a class="confluence-userlink user-mention" data-username="rokoye">Ruth Okoye</a> '
        'write up the schema changes</p><p><a class="confluence-userlink">Ana Lopez</a> and '
        '<a href="/x">the wiki</a> page</p>'
    )
    c = _assert_offsets_hold(SourceText("m.html", text, "html"))
    assert c.text.splitlines() == [
        "Dana Voss, Ruth Okoye write up the schema changes",
        "Ana Lopez and the wiki page",
    ]


def test_markdown_table_without_leading_pipes_becomes_rows() -> None:
    text = (
        "Intro\n\nName | Org\n--- | ---\nAiko Mori | Kestrel Labs\nFarid Haddad | None |\n\nEnd\n"
    )
    out = clean(SourceText("t.md", text, "markdown")).text
    assert "Name\tOrg\n" in out and "\nAiko Mori\tKestrel Labs\nFarid Haddad\tNone\n" in out
    assert "---" not in out
