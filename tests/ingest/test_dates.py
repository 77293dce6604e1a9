"""Dates as minutes write them."""

from __future__ import annotations

import pytest

from ingest.structure.dates import find_dates, find_relative_dates, parse_date


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2020-05-12", "2020-05-12", "2020-05-12"),
        ("Meeting, 2020-05-12/14", "2020-05-12", "2020-05-14"),
        ("Joint Technical Meeting 2016-02-22 to 24", "2016-02-22", "2016-02-24"),
        ("2016-02-22 - 2016-02-24", "2016-02-22", "2016-02-24"),
        ("12 May 2020 – 14 May 2020", "2020-05-12", "2020-05-14"),
        ("12–14 May 2020", "2020-05-12", "2020-05-14"),
        ("May 12, 2020", "2020-05-12", "2020-05-12"),
        ("May 12-14, 2020", "2020-05-12", "2020-05-14"),
        ("July 1, 2020", "2020-07-01", "2020-07-01"),
        ("01 Jul 2020", "2020-07-01", "2020-07-01"),
        ("on the 3rd of nothing, 3rd March 2021", "2021-03-03", "2021-03-03"),
        ("2023-Oct-24", "2023-10-24", "2023-10-24"),
        ("(DMTN-148).21 May 2020", "2020-05-21", "2020-05-21"),
        ("due 3/29/2024", "2024-03-29", "2024-03-29"),
        ("am 29/3/2024", "2024-03-29", "2024-03-29"),
    ],
)
def test_dates_and_ranges(text: str, first: str, last: str) -> None:
    spans = find_dates(text)
    assert [(spans[0].first, spans[0].last, spans[0].precision)] == [(first, last, "day")]


def test_span_points_at_the_written_date() -> None:
    text = "Due 15 Jun 2020."
    (span,) = find_dates(text)
    assert text[span.start : span.end] == "15 Jun 2020"


def test_month_only_has_month_precision() -> None:
    (span,) = find_dates("DM JTM 2016-02 Meeting Notes")
    assert (span.first, span.last, span.precision) == ("2016-02", "2016-02", "month")
    assert find_dates("in May 2020")[0].first == "2020-05"


@pytest.mark.parametrize(
    "text",
    [
        "2020-02-30",
        "ME20-03 variance narratives",
        "T-12 month DRP diagram",
        "this may 2020 help",
        "DMTN-148",
        "at 09:00",
        "version 2.12.1",
        "4/5/2024",
    ],
)
def test_no_date_is_invented(text: str) -> None:
    assert [s for s in find_dates(text) if s.precision == "day"] == []


def test_day_and_month_without_year_need_the_meeting_year() -> None:
    assert parse_date("finish by 15 Jun") is None
    assert parse_date("finish by 15 Jun", default_year=2020) == "2020-06-15"
    assert parse_date("by June 15", default_year=2021) == "2021-06-15"


def test_dates_do_not_overlap_and_come_in_order() -> None:
    spans = find_dates("Virtual, 2020-11-16/19. Tucson, 2021-02-22/25.")
    assert [(s.first, s.last) for s in spans] == [
        ("2020-11-16", "2020-11-19"),
        ("2021-02-22", "2021-02-25"),
    ]


def test_year_first_slashed_dates_are_read() -> None:
    from ingest.structure.dates import find_dates

    assert [d.first for d in find_dates("due 2024/12/03, not 1.2.3")] == ["2024-12-03"]


@pytest.mark.parametrize(
    ("text", "meeting", "due"),
    [
        ("send it (by Friday)", "2024-09-17", "2024-09-20"),  # a Tuesday call
        ("by Friday", "2024-09-20", "2024-09-27"),  # said on a Friday: the next one
        ("next Tuesday", "2024-09-17", "2024-09-24"),
        ("next Friday", "2024-09-17", "2024-09-27"),
        ("by tomorrow", "2024-09-30", "2024-10-01"),
        ("by the end of the week", "2024-09-17", "2024-09-20"),
        ("by end of month", "2024-02-07", "2024-02-29"),
        ("by the end of next month", "2024-12-03", "2025-01-31"),
        ("in two weeks", "2024-09-17", "2024-10-01"),
    ],
)
def test_due_dates_relative_to_the_meeting(text: str, meeting: str, due: str) -> None:
    assert [d.first for d in find_relative_dates(text, anchor=meeting)] == [due]


@pytest.mark.parametrize(
    "text", ["Thursday 28 Mar", "Monday, 3 June", "the monthly sync", "we sat down", "wed"]
)
def test_words_that_are_not_relative_dates(text: str) -> None:
    assert find_relative_dates(text, anchor="2024-03-07") == []


def test_an_abbreviated_weekday_counts_when_capitalised() -> None:
    assert [d.first for d in find_relative_dates("due Wed", anchor="2024-03-07")] == ["2024-03-13"]


def test_relative_dates_need_the_meeting_date() -> None:
    assert find_relative_dates("by Friday") == []


def test_eow_and_eom_are_the_end_of_the_meeting_week_and_month() -> None:
    from ingest.structure.dates import find_relative_dates

    assert [d.first for d in find_relative_dates("send the survey EOW", anchor="2024-05-07")] == [
        "2024-05-10"
    ]
    assert [d.first for d in find_relative_dates("close it by EOM", anchor="2024-02-07")] == [
        "2024-02-29"
    ]
    assert find_relative_dates("the eow-tool crashed", anchor="2024-05-07") == []
