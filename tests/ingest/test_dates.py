"""Dates as minutes write them."""

from __future__ import annotations

import pytest

from ingest.dates import find_dates, parse_date


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
    from ingest.dates import find_dates

    assert [d.first for d in find_dates("due 2024/12/03, not 1.2.3")] == ["2024-12-03"]
