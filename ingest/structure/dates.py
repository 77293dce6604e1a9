"""Finding dates and date ranges in minutes text.

Minutes write dates in many ways: ``2020-05-12``, ``2020-05-12/14``,
``2016-02-22 to 24``, ``12 May 2020 – 14 May 2020``, ``12-14 May 2020``,
``May 12, 2020``, ``01 Jul 2020``, ``2023-Oct-24``, ``3/29/2024`` (only when
the day cannot be taken for the month, or the document's other slashed dates settle
the order; dotted ``03.12.2024`` reads day first, see :func:`numeric_orders`), a month
``2016-02`` or
``May 2020``, and, for due dates, ``by 15 Jun`` (no year: the year comes from the
meeting). Every match is checked to be a real calendar date; nothing is guessed.

Due dates are also written relative to the meeting: ``by Friday``, ``next Tuesday``,
``tomorrow``, ``end of the week`` (``EOW``), ``end of month`` (``EOM``), ``in two weeks``;
:func:`find_relative_dates` resolves them against the meeting's date (a weekday is
the first one after the meeting, ``next Tuesday`` the Tuesday of the following week).

>>> [(d.first, d.last) for d in find_dates("Meeting 2020-05-12/14, next: 16 Nov 2020")]
[('2020-05-12', '2020-05-14'), ('2020-11-16', '2020-11-16')]
>>> find_dates("DM JTM 2016-02 notes")[0].precision
'month'
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "DateSpan",
    "find_dates",
    "find_relative_dates",
    "numeric_convention",
    "numeric_orders",
    "parse_date",
    "MONTHS",
    "WEEKDAYS",
]

MONTHS: dict[str, int] = {
    name: n
    for n, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

WEEKDAYS: dict[str, int] = {
    name: n
    for n, names in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}


@dataclass(frozen=True)
class DateSpan:
    """A date or date range found at ``text[start:end]``.

    ``first`` and ``last`` are ISO dates (``YYYY-MM-DD``), or ``YYYY-MM`` when
    ``precision`` is ``"month"``; ``last == first`` for a single date.
    """

    start: int
    end: int
    first: str
    last: str
    precision: str = "day"  # day | month


_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # noqa: E501
_TO = r"\s*(?:/|–|—|-|\bto\b|\buntil\b|\bthrough\b|\bthru\b)\s*"
_ORD = r"(?:st|nd|rd|th)?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(p, re.I))
    for name, p in (
        (
            "iso",
            r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d])"
            r"(?:(?:\s*(?:/|–|—|\bto\b|\buntil\b|\bthrough\b)\s*|\s+-\s+)"
            r"(?:(?P<y2>\d{4})-(?P<m2>\d{1,2})-)?(?P<d2>\d{1,2})(?![\d:]))?",
        ),
        (
            "ymd_slash",
            r"(?<![\w/.-])(?P<y>\d{4})(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\w/-]|\.\d)",
        ),
        (
            "iso_mon",
            rf"(?<![\w-])(?P<y>\d{{4}})-(?P<mon>{_MON})-(?P<d>\d{{1,2}})(?![\d])",
        ),
        (
            "dmy",
            rf"(?<![\w-])(?:(?P<d0>\d{{1,2}}){_ORD}{_TO})?(?P<d>\d{{1,2}}){_ORD}\s+(?P<mon>{_MON})\.?,?"
            rf"(?:\s+(?P<y>\d{{4}}))?(?:{_TO}(?P<d2>\d{{1,2}}){_ORD}\s+(?P<mon2>{_MON})\.?,?"
            rf"\s+(?P<y2>\d{{4}}))?(?![\w])",
        ),
        (
            "mdy",
            rf"(?<![\w-])(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}}){_ORD}(?:{_TO}(?:(?P<mon2>{_MON})\.?\s+)?"
            rf"(?P<d2>\d{{1,2}}){_ORD})?(?:,?\s+(?P<y>\d{{4}}))?(?![\w:])",
        ),
        (
            "numeric",
            r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\w/-])",
        ),
        ("numeric_short", r"(?<![\w/.-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/-]|[.,]\d)"),
        ("iso_month", r"(?<![\w-])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])(?![\w-])"),
        ("month_year", rf"(?<![\w-])(?P<mon>{_MON})\.?,?\s+(?P<y>\d{{4}})(?![\w-])"),
    )
)

_PATTERNS_BY_NAME = dict(_PATTERNS)


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    default_year: int | None = None,
    day_first: bool | None | Mapping[str, bool | None] = None,
    short_numeric: bool = False,
) -> list[DateSpan]:
    """Dates and ranges in ``text[start:end]``, in order, not overlapping.

    A day and month without a year (``15 Jun``) counts only when ``default_year``
    is given; a bare ``10/25`` (month/day, or day/month) only when ``short_numeric``
    is set too (a due date: elsewhere it is as likely a fraction). A numeric date whose
    day could be its month (``03.12.2024``) counts only when ``day_first`` settles it
    (see :func:`numeric_convention`); ``day_first`` may also map a separator (``"/"``,
    ``"."``) to its order (see :func:`numeric_orders`).

    >>> [d.first for d in find_dates("due 10/25", default_year=2024, short_numeric=True)]
    ['2024-10-25']
    >>> [d.first for d in find_dates("03.12.2024 and 03.12.2024", day_first=True)]
    ['2024-12-03', '2024-12-03']
    >>> find_dates("03.12.2024")
    []
    >>> [d.first for d in find_dates("by 2024/12/03")]
    ['2024-12-03']
    """
    stop = len(text) if end is None else end
    found: list[DateSpan] = []
    starts: list[int] = []  # spans taken so far, sorted and disjoint
    ends: list[int] = []
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, stop):
            i = bisect.bisect_right(starts, m.start())
            if (i > 0 and ends[i - 1] > m.start()) or (i < len(starts) and starts[i] < m.end()):
                continue
            if name == "numeric_short" and not (short_numeric and default_year):
                continue
            span = _to_span(name, m, default_year, day_first)
            if span is not None:
                found.append(span)
                starts.insert(i, m.start())
                ends.insert(i, m.end())
    found.sort(key=lambda d: d.start)
    return found


def parse_date(text: str, default_year: int | None = None) -> str | None:
    """The first day-precision date in ``text`` as ISO, or ``None``."""
    for span in find_dates(text, default_year=default_year):
        if span.precision == "day":
            return span.first
    return None


def _month(token: str | None) -> int | None:
    if token is None:
        return None
    if token == "may":
        return None  # the verb "may", not the month
    return MONTHS.get(token.lower().rstrip("."))


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def numeric_convention(text: str) -> bool | None:
    """Whether the numeric dates of ``text`` put the day first (``25.10.2024``: ``True``),
    the month first (``10/25/2024``: ``False``), or nothing settles it (``None``)."""
    orders: set[bool] = set()
    for m in _PATTERNS_BY_NAME["numeric"].finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 and b <= 12:
            orders.add(True)
        elif b > 12 and a <= 12:
            orders.add(False)
    return orders.pop() if len(orders) == 1 else None


def numeric_orders(text: str) -> dict[str, bool | None]:
    """The order of numeric dates per separator: slashed dates as the document's slashed
    dates settle it (``10/25/2024`` and ``25/10/2024`` are both common); dotted dates as
    its dotted dates do, else day first, the order of every locale that writes dots
    (``03.12.2024`` is 3 December even beside a US ``1/15/2025``).

    >>> numeric_orders("due 1/15/2025, then 03.12.2024")
    {'/': False, '.': True}
    """
    orders: dict[str, set[bool]] = {"/": set(), ".": set()}
    for m in _PATTERNS_BY_NAME["numeric"].finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 and b <= 12:
            orders[m.group("sep")].add(True)
        elif b > 12 and a <= 12:
            orders[m.group("sep")].add(False)
    slash, dot = orders["/"], orders["."]
    return {
        "/": slash.pop() if len(slash) == 1 else None,
        ".": dot.pop() if len(dot) == 1 else (None if dot else True),
    }


def _to_span(
    name: str,
    m: re.Match[str],
    default_year: int | None,
    day_first: bool | None | Mapping[str, bool | None] = None,
) -> DateSpan | None:
    g = m.groupdict()
    if isinstance(day_first, Mapping):
        day_first = day_first.get(g.get("sep") or "/")
    if name in ("numeric", "numeric_short"):  # 3/29/2024 or 29.3.2024; 4/5/2024 is ambiguous
        a, b = int(g["a"]), int(g["b"])
        if a <= 12 and b <= 12 and a != b:
            if day_first is None:
                return None
            mo, d = (b, a) if day_first else (a, b)
        else:
            mo, d = (a, b) if b > 12 else (b, a)
        y = int(g["y"]) if g.get("y") else int(default_year or 0)
        iso = _iso(y, mo, d)
        return DateSpan(m.start(), m.end(), iso, iso) if iso else None
    if name == "iso_month":
        y, mo = int(g["y"]), int(g["m"])
        if not 1900 <= y <= 2200:
            return None
        iso = f"{y:04d}-{mo:02d}"
        return DateSpan(m.start(), m.end(), iso, iso, "month")
    if name == "month_year":
        mo = _month(g["mon"])
        if mo is None:
            return None
        iso = f"{int(g['y']):04d}-{mo:02d}"
        return DateSpan(m.start(), m.end(), iso, iso, "month")
    if name == "ymd_slash":
        iso = _iso(int(g["y"]), int(g["m"]), int(g["d"]))
        return DateSpan(m.start(), m.end(), iso, iso) if iso else None
    if name in ("iso", "iso_mon"):
        y = int(g["y"])
        mo = int(g["m"]) if name == "iso" else _month(g["mon"])
        if mo is None:
            return None
        first = _iso(y, mo, int(g["d"]))
        last = first
        if g.get("d2"):
            y2 = int(g["y2"]) if g.get("y2") else y
            m2 = int(g["m2"]) if g.get("m2") else mo
            last = _iso(y2, m2, int(g["d2"]))
            if last is None or first is None or last < first:
                return DateSpan(m.start(), m.end("d"), first, first) if first else None
        if first is None or last is None:
            return None
        return DateSpan(m.start(), m.end(), first, last)
    mo = _month(g["mon"])
    if mo is None:
        return None
    year_token = g.get("y") or g.get("y2")
    if year_token is None and default_year is None:
        return None
    y = int(year_token) if year_token else int(default_year or 0)
    if name == "dmy":
        d_first = int(g["d0"]) if g.get("d0") else int(g["d"])
        first = _iso(y, mo, d_first)
        if g.get("d2"):
            m2 = _month(g["mon2"]) or mo
            last = _iso(int(g["y2"]), m2, int(g["d2"]))
            if g.get("y") is None and first is not None:
                first = _iso(int(g["y2"]), mo, d_first)
        else:
            last = _iso(y, mo, int(g["d"]))
    else:  # mdy
        first = _iso(y, mo, int(g["d"]))
        last = first
        if g.get("d2"):
            m2 = _month(g["mon2"]) if g.get("mon2") else mo
            last = _iso(y, m2 or mo, int(g["d2"]))
    if first is None or last is None or last < first:
        return None
    return DateSpan(m.start(), m.end(), first, last)


_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_RELATIVE = re.compile(
    rf"(?<![\w-])(?:"
    rf"(?P<next>next\s+|this\s+|coming\s+)?(?P<wd>{_WEEKDAY})\b\.?(?!\s*,?\s*\d|\s+(?:{_MON})\b)"
    r"(?P<after>\s+(?:of\s+)?next\s+week\b)?"
    r"|(?P<day>today|tonight|tomorrow|end of (?:the )?day|eod|cob)\b"
    r"|(?:the\s+)?end\s+of\s+(?P<which>this\s+|the\s+|next\s+)?(?P<unit>week|month)\b"
    r"|(?P<abbr>eow|eom)\b(?!-)"
    r"|in\s+(?P<n>a|one|two|three|four|five|six|\d)\s+(?P<span>days?|weeks?)\b"
    r"|(?:by|for|before|until)\s+(?P<nw>next\s+week)\b(?!\s*'s)"
    r")",
    re.I,
)


def find_relative_dates(
    text: str, start: int = 0, end: int | None = None, anchor: str | None = None
) -> list[DateSpan]:
    """Dates written relative to ``anchor`` (the meeting's ISO date) in ``text[start:end]``.

    A weekday is the first such day after the meeting ("by Friday" said on a Friday is
    a week later); ``next Tuesday`` is the Tuesday of the following week; ``end of
    the week`` its Friday; ``end of month`` the month's last day; ``by / for next week``
    the meeting's day a week later. Without an anchor,
    nothing is found. A weekday written before a calendar date (``Thursday 28 Mar``)
    is that date's, not a relative one.

    >>> [d.first for d in find_relative_dates("send it by Friday", anchor="2024-09-17")]
    ['2024-09-20']
    >>> [d.first for d in find_relative_dates("by Friday next week", anchor="2024-01-31")]
    ['2024-02-09']
    >>> [d.first for d in find_relative_dates("next Tuesday", anchor="2024-09-17")]
    ['2024-09-24']
    >>> [d.first for d in find_relative_dates("by end of month", anchor="2024-02-07")]
    ['2024-02-29']
    """
    if not anchor or len(anchor) != 10:
        return []
    try:
        day = dt.date.fromisoformat(anchor)
    except ValueError:
        return []
    found = []
    for m in _RELATIVE.finditer(text, start, len(text) if end is None else end):
        when = _relative_day(m, day)
        if when is not None:
            iso = when.isoformat()
            found.append(DateSpan(m.start(), m.end(), iso, iso))
    return found


def _relative_day(m: re.Match[str], day: dt.date) -> dt.date | None:
    g = {k: (v.lower().strip() if v else v) for k, v in m.groupdict().items()}
    if g["wd"]:
        wd = WEEKDAYS.get(g["wd"].rstrip("."))
        if wd is None or (not g["wd"].endswith("day") and m.group("wd")[0].islower()):
            return None
        if g["next"] == "next" or g["after"]:  # "next Friday", "Friday next week"
            monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=7)
            return monday + dt.timedelta(days=wd)
        return day + dt.timedelta(days=(wd - day.weekday() - 1) % 7 + 1)
    if g["day"]:
        return day + dt.timedelta(days=1) if g["day"] == "tomorrow" else day
    unit = g["unit"] or {"eow": "week", "eom": "month"}.get(g["abbr"] or "")
    if unit == "week":  # "end of the week", "EOW"
        friday = day + dt.timedelta(days=4 - day.weekday())
        if g["which"] == "next" or friday < day:
            friday += dt.timedelta(days=7)
        return friday
    if unit == "month":  # "end of month", "EOM"
        y, mo = day.year, day.month + (1 if g["which"] == "next" else 0)
        y, mo = (y + 1, 1) if mo == 13 else (y, mo)
        first_of_next = dt.date(y + (mo == 12), mo % 12 + 1, 1)
        return first_of_next - dt.timedelta(days=1)
    if g["nw"]:  # "put it in the repo for next week": a week after the meeting
        return day + dt.timedelta(days=7)
    if g["n"]:
        n = int(g["n"]) if g["n"].isdigit() else _COUNT[g["n"]]
        return day + dt.timedelta(days=n * (7 if g["span"].startswith("week") else 1))
    return None
