"""The layout of a cleaned minutes document: title, dates, attendees, blocks, agenda, actions.

:func:`parse_structure` reads a :class:`~ingest.model.CleanText` line by line:

- blocks: ``heading`` (markdown ``#`` or a short title-like line standing alone),
  ``item`` (bullets, numbered entries, checkbox and ``✓`` lines), ``row`` (a
  tab-separated table row, ``cells`` are its cell spans; ``level == 1`` marks a
  table's first row, its header) and ``paragraph``. The pieces of a multi-line
  table cell (list items inside a cell) are blocks of their own too. Every block
  carries its ``section``, the path of headings it sits under;
- the title is the first meaningful line; minutes forwarded by mail start with quoted
  headers (``-------- Forwarded Message --------``, ``Subject:``, ``From:``, ``Date:``,
  ``> `` quoted lines): those lines are no block at all, the ``Subject`` is the title and
  the mail's ``Date`` a meeting date only when the minutes themselves give none. Lines
  quoted with ``>`` in plain text are not the minutes either;
- meeting dates come from the title, else from the first lines, a ``Date``
  heading or ``Date:`` label; a date range wins over a lone month ("2016-02"
  gives ``start == end == "2016-02"`` only when no day is written anywhere
  near the top); nothing is invented;
- attendees and absentees: see :mod:`ingest.structure.rollcall`. Each name is a
  :class:`Mention`; a deactivated Confluence account is kept whole
  (``Unknown User (npease)``) so the resolver can read the user name inside;
- agenda rows come from tables whose header names a time, topic or coordinator
  column; ``Moderator: X`` rows set the moderator and ``Day 2: 2020-05-13`` rows
  the day of the rows that follow;
- action items: see :mod:`ingest.extract.actions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.extract.actions import find_actions, load_document_prefixes
from ingest.model import AgendaRow, Block, CleanText, Mention, Structure
from ingest.read.clean import is_row_break
from ingest.structure.dates import DateSpan, find_dates
from ingest.structure.names import split_names
from ingest.structure.rollcall import absentees, attendees

__all__ = ["absentees", "mail_head", "parse_structure"]

# used with .match(text, pos): no "^", which would only match at the string's start
_MD_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(?=\S)")
#: Doxygen's sectioning commands: ``\section name Title`` (the name is a label, not text)
_DOXYGEN_HEADING = re.compile(
    r"[ \t]*[\\@](page|section|subsection|subsubsection|paragraph)[ \t]+\S+[ \t]+(?=\S)"
)
_ITEM = re.compile(
    r"[ \t]*(?:(?:[-*+•]|\d{1,3}[.)]|[a-zA-Z][.)])[ \t]+(?:\[[ xX]\][ \t]*)?"
    r"|[✓✔☐☑☒][ \t]*|\[[ xX]\][ \t]+)(?=\S)"
)
_LABEL_VALUE = re.compile(r"^[\w ]{1,30}:\s+\S")
_SENTENCE_END = re.compile(r"[.!?;,]\s*$")
_TITLE_LABEL = re.compile(  # "Subject: Re: [pmc] Heliograph PMC meeting": the list tag goes too
    r"(?i:title|subject|meeting)[ \t]*:[ \t]*(?:(?i:re|fwd?|aw):[ \t]*|\[[^\]\n]{1,40}\][ \t]*)*"
    r"(?=\S)"
)
_MAIL_BANNER = re.compile(
    r"^(?:-{2,}\s*(?:forwarded|original) message\s*-{2,}|begin forwarded message:?)$", re.I
)
_MAIL_HEADER = re.compile(
    r"(subject|from|to|cc|bcc|date|sent|reply-to|message-id|in-reply-to|references"
    r"|newsgroups|list-id|organi[sz]ation)[ \t]*:(?:[ \t]|$)",
    re.I,
)
_QUOTE = re.compile(r"[ \t]*(?:>[ \t]*)*")
_MAIL_WROTE = re.compile(r"^on\b.{4,120}\bwrote:$", re.I)
_METADATA = re.compile(
    r"(?i:created by|last (?:modified|updated|edited)|added by|edited by|page history|"
    r"printed|exported)\b"
)
#: a role line is never the title: "Chair: ana" above an IRC log's "Meeting: x"
_ROLE_OPENING = re.compile(
    r"(?i:chairs?|co-chairs?|scribe(?:nick)?|facilitators?|moderators?)[ \t]*:"
)
_STAMP = re.compile(r"(?i:last (?:modified|updated|edited)|modified on|updated on|created on)")
_DATE_LABEL = re.compile(r"^(?:date|when|date and time|dates?)\s*:?", re.I)
_DAY_CELL = re.compile(r"^\s*day\s*\d+\b", re.I)
_MODERATOR = re.compile(r"^\s*(?:moderator|chair|facilitator)s?\b\s*:?\s*", re.I)
_HEADER_TIME = re.compile(
    r"^\s*(?:time|when|start|slot|schedule)\b(?!.*(?:required|estimate))", re.I
)
_HEADER_TOPIC = re.compile(r"^\s*(?:topic|subject|item|agenda item|session|title|what)\b", re.I)
_HEADER_WHO = re.compile(
    r"^\s*(?:coordinators?|presenters?|speakers?|leads?|owners?|who|moderators?|facilitators?"
    r"|presented by|led by)\b",
    re.I,
)
_HEAD_LINES = 25
#: the number of a numbered section ("2.", "3.1", "4)", "B.", "IV."), not part of its name
_SECTION_NUMBER = re.compile(
    r"(?:\d{1,2}[.)]|\d{1,2}(?:\.\d{1,2}){1,3}\.?|[A-Z][.)]|[IVX]{1,5}\.)[ \t]+(?=\S)"
)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


def _lines_of(text: str, start: int = 0, end: int | None = None) -> Iterator[_Line]:
    """The lines of ``text[start:end]`` with their spans (newline excluded)."""
    stop = len(text) if end is None else end
    pos = start
    while pos <= stop:
        nl = text.find("\n", pos, stop)
        e = stop if nl < 0 else nl
        yield _Line(pos, e, text[pos:e])
        if nl < 0:
            break
        pos = nl + 1


def parse_structure(clean: CleanText, document_prefixes: frozenset[str] | None = None) -> Structure:
    """Find the layout of ``clean``: see the module documentation.

    ``document_prefixes`` (``DMTN``, ``LDM`` ...) tell documents from tickets; by
    default they are read from ``data/vocab/document_prefixes.txt``.

    >>> from ingest.read.clean import clean
    >>> from ingest.model import SourceText
    >>> text = "Sync 2021-03-04\\n\\nAttendees: Ana Lopez, Bo Chen\\n\\nActions\\n\\n"
    >>> text += "- Bo Chen to fix DM-7"
    >>> s = parse_structure(clean(SourceText("sync.txt", text)))
    >>> s.title, s.start, [m.text for m in s.attendees]
    ('Sync 2021-03-04', '2021-03-04', ['Ana Lopez', 'Bo Chen'])
    >>> [(a.text, [m.text for m in a.assignees], a.tickets) for a in s.actions]
    [('Bo Chen to fix DM-7', ['Bo Chen'], ('DM-7',))]
    """
    blocks, title_span, head_end = _blocks(clean)
    text = clean.text
    title = text[title_span[0] : title_span[1]] if title_span else None
    start, end = _meeting_dates(text, blocks, title_span)
    if start is None or len(start) == 7:  # only the forwarding mail's Date: header says when
        sent = [d for d in find_dates(text, 0, head_end) if d.precision == "day"]
        sent = [d for d in sent if start is None or d.first.startswith(start)]
        start, end = (sent[0].first, sent[0].last) if sent else (start, end)
    if start is None:  # minutes are often filed by date: 2024-05-07.md, notes_2024-05-07/
        start = end = date_in_path(clean.source.path)
    year = int(start[:4]) if start else None
    prefixes = load_document_prefixes() if document_prefixes is None else document_prefixes
    return Structure(
        clean=clean,
        title=title,
        start=start,
        end=end,
        attendees=attendees(text, blocks),
        blocks=tuple(blocks),
        agenda=_agenda(text, blocks),
        actions=find_actions(clean, blocks, year=year, document_prefixes=prefixes),
        title_span=title_span,
    )


# --------------------------------------------------------------------------- blocks


def _logical_lines(clean: CleanText) -> Iterator[tuple[int, int]]:
    """Spans of source lines: a table row broken by in-cell line breaks is one span."""
    text = clean.text
    start = 0
    pos = text.find("\n")
    while pos >= 0:
        if is_row_break(clean, pos):
            yield start, pos
            start = pos + 1
        pos = text.find("\n", pos + 1)
    yield start, len(text)


_SPEAKER_LABEL = re.compile(r"@?[a-z][\w.-]{1,30}:[ \t]+\S")


def _continues(
    text: str, raw: list[tuple[str, int, int, int, tuple[tuple[int, int], ...]]], start: int
) -> bool:
    """Whether the line at ``start`` continues the paragraph line just before it.

    Plain-text and mail minutes wrap prose at a fixed width: a line that starts with a
    lower-case word, right below a prose line that ends no sentence, carries on its
    sentence ("... will own the release" / "tooling going forward.").
    """
    if not raw or raw[-1][0] != "paragraph":
        return False
    if not text[start].islower():
        return _name_wrapped(text, raw[-1][1], raw[-1][2], start)
    if _SPEAKER_LABEL.match(text, start):
        return False  # "mmccool: clean up the HTML": a line of its own, labelled in lower case
    previous_end = raw[-1][2]
    between = text[previous_end:start]
    ends_sentence = text[previous_end - 1] in ".!?:;"
    return between.count("\n") == 1 and not between.strip() and not ends_sentence


#: a wrapped prose line that ends with a capitalised word, maybe half a name ("... of Quinn")
_ENDS_CAPITALISED = re.compile(r"[a-z,.;][ \t]+[A-Z\u00C0-\u00DE][a-z\u00DF-\u017F'’-]+$")
#: the line below, opening with the other half and running on in prose ("Barlow ended")
_OPENS_CAPITALISED = re.compile(r"[A-Z\u00C0-\u00DE][a-z\u00DF-\u017F'’-]+[ \t]+[a-z]")


def _name_wrapped(text: str, prev_start: int, prev_end: int, start: int) -> bool:
    """Whether a prose line wrapped at a fixed width cut a name in two: a long line (40
    characters or more, no label) ending in a capitalised word right above a line that opens
    with one and runs on in lower case ("... The internship of Quinn" / "Barlow ended")."""
    between = text[prev_end:start]
    if between.count("\n") != 1 or between.strip():
        return False
    line = text[text.rfind("\n", 0, prev_end) + 1 : prev_end]
    return (
        len(line) >= 40
        and not _LINE_LABEL_START.match(line)
        and bool(_ENDS_CAPITALISED.search(line))
        and bool(_OPENS_CAPITALISED.match(text, start))
    )


_LINE_LABEL_START = re.compile(r"[ \t]*[\w][\w /-]{0,30}:[ \t]")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _blocks(clean: CleanText) -> tuple[list[Block], tuple[int, int] | None, int]:
    text = clean.text
    raw: list[tuple[str, int, int, int, tuple[tuple[int, int], ...]]] = []  # kind, s, e, level
    title_span: tuple[int, int] | None = None
    prev_row = False
    head_end, subject = mail_head(text)
    quoting = clean.source.format == "text"
    for ls, le in _logical_lines(clean):
        # a tab inside a line is a table's cell break, except in mail headers ("Subject:\tX")
        if ls >= head_end and "\t" in text[ls:le].lstrip() and text[ls:le].strip("\t \n"):
            cells = _cells(text, ls, le)
            raw.append(("row", ls, le, 0 if prev_row else 1, cells))
            prev_row = True
            if "\n" in text[ls:le]:
                for cs, ce in cells:
                    for line in _lines_of(text, cs, ce):
                        s, e = _strip(text, line.start, line.end)
                        if s < e:
                            kind = "item" if _ITEM.match(text, s) else "paragraph"
                            raw.append((kind, s, e, 0, ()))
            continue
        for line in _lines_of(text, ls, le):
            s, e = _strip(text, line.start, line.end)
            if s == e:
                raw.append(("blank", s, e, 0, ()))
                continue
            prev_row = False
            if subject is not None and subject[0] == s:  # "Subject: PMC meeting, March"
                title_span = (subject[1], e)
                raw.append(("title", s, e, 0, ()))
                continue
            if s < head_end or (quoting and text.startswith(">", s)):
                raw.append(("quote", s, e, 0, ()))
                continue
            if (
                title_span is None
                and not _METADATA.match(text, s)
                and not _ROLE_OPENING.match(text, s)
            ):
                m = (
                    _MD_HEADING.match(text, s)
                    or _DOXYGEN_HEADING.match(text, s, e)
                    or _TITLE_LABEL.match(text, s)
                )
                title_span = (m.end() if m else s, e)
                raw.append(("title", s, e, 0, ()))
                continue
            m = _MD_HEADING.match(text, s)
            doxygen = _DOXYGEN_HEADING.match(text, s, e)
            if m:
                raw.append(("heading", m.end(), e, len(m.group(1)), ()))
            elif doxygen:  # "\section attendance Attendance": its title is the heading
                level = {"page": 1, "section": 2, "subsection": 3}.get(doxygen.group(1), 4)
                raw.append(("heading", doxygen.end(), e, level, ()))
            elif _ITEM.match(text, s):
                indent = len(line.text) - len(line.text.lstrip(" \t"))
                raw.append(("item", s, e, indent, ()))
            elif _continues_item(text, raw, s, line.text):
                raw[-1] = ("item", raw[-1][1], e, raw[-1][3], ())  # a wrapped list item
            elif _continues(text, raw, s):
                raw[-1] = ("paragraph", raw[-1][1], e, 0, ())  # a wrapped line of prose
            else:
                raw.append(("paragraph", s, e, 0, ()))
        if "\t" not in text[ls:le]:
            prev_row = False
    return _sections(text, _list_levels(raw)), title_span, head_end


def _continues_item(
    text: str,
    raw: list[tuple[str, int, int, int, tuple[tuple[int, int], ...]]],
    start: int,
    line: str,
) -> bool:
    """Whether the line at ``start`` wraps the list item just above it: no blank line
    between, and indented deeper than the item's bullet ("- Ana will rewrite the guide" /
    "  before the next release."), or, at the bullet's own indent or less (Markdown's lazy
    continuation), carrying on a sentence the item's last line left open: a lower-case
    word after a line that ends no sentence ("- Bo will check whether the mirror" /
    "is still needed"), or the other half of a name a long line cut."""
    if not raw or raw[-1][0] != "item":
        return False
    previous_end = raw[-1][2]
    between = text[previous_end:start]
    if between.count("\n") != 1 or between.strip():
        return False
    indent = len(line) - len(line.lstrip(" \t"))
    first = line.lstrip(" \t")[:1]
    if indent > raw[-1][3]:
        return first.isalnum() or first in "(\"'“‘"  # words, never a lone "*" or a rule
    if not text[start].islower():
        return _name_wrapped(text, raw[-1][1], previous_end, start) or _prose_wrapped(
            text, previous_end, start, line
        )
    return text[previous_end - 1] not in ".!?:;" and not _SPEAKER_LABEL.match(text, start)


#: a line cut at a fixed width mid-sentence: a word or comma last
_CUT_MID_SENTENCE = re.compile(r"[a-z,][ \t]*$")


def _prose_wrapped(text: str, previous_end: int, start: int, line: str) -> bool:
    """Whether ``line`` (opening with a capital) carries on a list item's sentence that a
    fixed-width wrap cut: the item's last line is as long as wrapped text is (40 characters
    or more) and ends in a lower-case word or a comma, and ``line`` runs on in prose (three
    words or more, no label, no heading's closing colon): "... will work with" /
    "Dana Reyes to find two more reviewers"."""
    last = text[text.rfind("\n", 0, previous_end) + 1 : previous_end].strip()
    words = line.split()
    return (
        len(last) >= 40
        and bool(_CUT_MID_SENTENCE.search(last))
        and len(words) >= 3
        and (words[0][:1].isalnum() or words[0][:1] in "(_")
        and not line.rstrip().endswith(":")
        and not _LINE_LABEL_START.match(line)
    )


def _list_levels(
    raw: list[tuple[str, int, int, int, tuple[tuple[int, int], ...]]],
) -> list[tuple[str, int, int, int, tuple[tuple[int, int], ...]]]:
    """An item's level counts from its list's first item: a list indented as a whole
    (`` * Ana to ...`` in Trac or plain text) is not nested under anything."""
    out = []
    base: int | None = None
    for kind, s, e, level, cells in raw:
        if kind == "item":
            base = level if base is None else min(base, level)
            level -= base
        elif kind != "blank":
            base = None
        out.append((kind, s, e, level, cells))
    return out


def mail_head(text: str) -> tuple[int, tuple[int, int] | None]:
    """The quoted mail headers a forwarded message starts with: where they end, and the
    ``(line start, value start)`` of its ``Subject:`` line (``(0, None)`` when none)."""
    pos = 0
    subject: tuple[int, int] | None = None
    headers: set[str] = set()
    end = 0
    after_blank = False
    for line in _lines_of(text):
        stripped = line.text.strip()
        quote = _QUOTE.match(line.text)  # "> Subject: ...": quoted headers count too
        body = line.text[quote.end() :]
        header = _MAIL_HEADER.match(body)
        if not stripped or (quote.group().strip() and not header and not _MAIL_BANNER.match(body)):
            pos = line.end + 1
            after_blank = after_blank or not stripped
            continue
        if _MAIL_BANNER.match(body.strip()):
            headers.add("banner")
        elif header is not None:
            headers.add(header.group(1).lower())
            if header.group(1).lower() == "subject" and subject is None:
                value = _TITLE_LABEL.match(body)
                lead = len(line.text) - len(line.text.lstrip())
                if value:
                    subject = (line.start + lead, line.start + quote.end() + value.end())
        elif not headers or not (
            _MAIL_WROTE.match(stripped) or (line.text[:1] in " \t" and not after_blank)
        ):
            break  # an indented line continues a header, not after a blank line
        pos = end = line.end + 1
        after_blank = False
    if "banner" not in headers and not ("from" in headers and len(headers) >= 2):
        return 0, None  # "Date: ..." atop ordinary minutes is a label, not a mail header
    return max(end, min(pos, len(text))), subject


def _cells(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    cells = []
    pos = start
    while True:
        tab = text.find("\t", pos, end)
        stop = end if tab < 0 else tab
        cells.append(_strip(text, pos, stop))
        if tab < 0:
            return tuple(cells)
        pos = tab + 1


def _looks_like_heading(text: str, s: int, e: int) -> bool:
    line = text[s:e]
    words = line.split()
    if len(words) > 10 or len(line) > 90 or not (line[0].isupper() or line[0].isdigit()):
        return False
    if line.endswith(":"):
        return len(words) <= 5
    if _LABEL_VALUE.search(line):  # "Attendees: Ana, Bo" is a labelled line, not a heading
        return False
    return not _SENTENCE_END.search(line)


def _sections(
    text: str, raw: list[tuple[str, int, int, int, tuple[tuple[int, int], ...]]]
) -> list[Block]:
    """Turn short standalone lines into headings and give every block its section path."""
    blocks: list[Block] = []
    stack: list[tuple[int, str]] = []
    for i, (kind, s, e, level, cells) in enumerate(raw):
        if kind in ("blank", "quote"):  # mail headers and quoted mail are not the minutes
            continue
        if kind == "paragraph":
            before = raw[i - 1][0] if i > 0 else "blank"
            after = raw[i + 1][0] if i + 1 < len(raw) else "blank"
            before, after = (("blank" if k == "quote" else k) for k in (before, after))
            standalone = before in ("blank", "title", "heading") and after in (
                "blank",
                "item",
                "row",
            )
            if standalone and _looks_like_heading(text, s, e):
                kind, level = "heading", 7
        section = tuple(name for _, name in stack)
        if kind == "heading":
            while stack and stack[-1][0] >= level:
                stack.pop()
            section = tuple(name for _, name in stack)
            name = text[s:e].rstrip(": ")
            number = _SECTION_NUMBER.match(name)  # "2. Action items" heads action items
            stack.append((level, name[number.end() :] if number else name))
        blocks.append(Block(kind, s, e, section, level, cells))
    return blocks


# --------------------------------------------------------------------------- dates

_PATH_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)"
)


def date_in_path(path: str) -> str | None:
    """The ``YYYY-MM-DD`` a minutes file's name (or its folder's) gives, if one does.

    >>> date_in_path("minutes/2024-05-07/README.md"), date_in_path("tsc_20240507.md")
    ('2024-05-07', '2024-05-07')
    >>> date_in_path("notes.md") is None
    True
    """
    for part in reversed(Path(path).parts[-2:]):
        m = _PATH_DATE.search(part)
        if m:
            return "-".join(m.groups())
    return None


def _meeting_dates(
    text: str, blocks: list[Block], title_span: tuple[int, int] | None
) -> tuple[str | None, str | None]:
    title_dates = find_dates(text, *title_span) if title_span else []
    days = [d for d in title_dates if d.precision == "day"]
    if days:
        return days[0].first, days[0].last
    month = next((d.first for d in title_dates if d.precision == "month"), None)
    best: DateSpan | None = None
    for block in _date_blocks(text, blocks, title_span):
        for d in find_dates(text, block.start, block.end):
            if d.precision != "day" or (month and not d.first.startswith(month)):
                continue
            if best is None or (best.first == best.last and d.last > d.first):
                best = d
        if best is not None and best.last > best.first:
            break
    if best is not None:
        return best.first, best.last
    return month, month


def _date_blocks(
    text: str, blocks: list[Block], title_span: tuple[int, int] | None
) -> Iterator[Block]:
    """Blocks that may state the meeting's dates: labelled, under ``Date``, or near the top."""
    seen = 0
    for block in blocks:
        if block.kind == "title":
            continue
        line = text[block.start : block.end]
        if _METADATA.match(line) or _STAMP.search(line):
            continue  # when the page was edited, not when the meeting was
        labelled = bool(_DATE_LABEL.match(line)) or any(
            _DATE_LABEL.match(s) for s in block.section[-1:]
        )
        if labelled or block.kind == "heading" or seen < _HEAD_LINES:
            yield block
        seen += 1


# --------------------------------------------------------------------------- agenda


def _agenda(text: str, blocks: list[Block]) -> tuple[AgendaRow, ...]:
    rows: list[AgendaRow] = []
    columns: dict[str, int] | None = None
    day: str | None = None
    moderator: Mention | None = None
    for block in blocks:
        if block.kind == "heading":
            columns = None
            continue
        if block.kind != "row":
            continue
        cells = [c for c in block.cells]
        first = text[cells[0][0] : cells[0][1]] if cells else ""
        filled = [c for c in cells if c[1] > c[0]]
        if _DAY_CELL.match(first):
            days = [d for d in find_dates(text, cells[0][0], cells[0][1]) if d.precision == "day"]
            if days:
                day, moderator = days[0].first, None
            continue
        m = _MODERATOR.match(first)
        if m and len(filled) == 1:
            names = split_names(text, cells[0][0] + m.end(), cells[0][1])
            moderator = names[0] if names else None
            continue
        header = _header_columns(text, cells)
        if header is not None:
            columns = header
            continue
        if columns is None or not filled:
            continue
        rows.append(_agenda_row(text, block, columns, day, moderator))
    return tuple(rows)


def _header_columns(text: str, cells: list[tuple[int, int]]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, (s, e) in enumerate(cells):
        cell = text[s:e]
        for name, pattern in (
            ("time", _HEADER_TIME),
            ("topic", _HEADER_TOPIC),
            ("who", _HEADER_WHO),
        ):
            if name not in columns and pattern.match(cell) and len(cell) < 40:
                columns[name] = i
                break
    if "topic" in columns and len(columns) >= 2:
        return columns
    return None


def _agenda_row(
    text: str, block: Block, columns: dict[str, int], day: str | None, moderator: Mention | None
) -> AgendaRow:
    def cell(name: str) -> tuple[int, int] | None:
        i = columns.get(name)
        if i is None or i >= len(block.cells):
            return None
        s, e = block.cells[i]
        nl = text.find("\n", s, e)
        return (s, e if nl < 0 else _strip(text, s, nl)[1])

    time_cell, topic_cell, who_cell = cell("time"), cell("topic"), cell("who")
    time = text[time_cell[0] : time_cell[1]] or None if time_cell else None
    topic = text[topic_cell[0] : topic_cell[1]] or None if topic_cell else None
    coordinators = split_names(text, *who_cell) if who_cell else ()
    return AgendaRow(block.start, block.end, time, topic, tuple(coordinators), moderator, day)
