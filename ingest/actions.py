"""Action items as minutes write them, found in the layout without a list of names.

An action item is:

- a line under an ``Actions`` / ``Action items`` / ``Next steps`` heading (a
  bullet always; another line only when it opens with a name, so "Next meeting:
  4 June" is not one);
- a line marked as one anywhere: ``✓`` / ``☑`` / ``☐`` / ``[x]`` / ``[ ]`` /
  ``[DONE]``, ``Action:``, ``AI:``, ``ACTION``, ``TODO:``, or a note such as
  "(action item that isn't owned)";
- a short line of its own that assigns work: "Jason and Gregory to talk";
- a row of an action table (``Description | Due date | Assignee | Status``).

Assignees are the names that open the item (see :mod:`ingest.names`); a table's
assignee column wins when there is one. Deciding that a name is a person is left
to the resolver. The due date is a date closing the item or following "by" /
"due" (the table's due column wins); the status comes from the mark, a
``DONE``/``TODO`` label or the status column. Tickets are keys like ``DM-123``
whose prefix is not a document series listed in ``data/vocab/document_prefixes.txt``
(``DMTN-148`` is a document), CVE ids, and issue references ``#1423``. A line
that only finishes the previous item (an open parenthesis, a lone due date) is
joined to it; an item repeated in a summary table is kept once.

>>> find_tickets("RFC-45, DMTN-148 and #1423", frozenset({"DMTN"}))
('RFC-45', '#1423')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.dates import find_dates, numeric_convention
from ingest.model import Block, CleanText, Mention, RawAction
from ingest.names import leading_names, split_names

__all__ = [
    "DOCUMENT_PREFIXES_PATH",
    "find_actions",
    "find_tickets",
    "load_document_prefixes",
]

DOCUMENT_PREFIXES_PATH = (
    Path(__file__).resolve().parents[1] / "data" / "vocab" / "document_prefixes.txt"
)

_KEY = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*[A-Z])-(\d+)(?![\w-]|\.\d)")
_NOT_TICKETS = frozenset({"UTF", "ISO", "COVID", "SHA", "ECMA", "IEC", "IEEE", "MD", "ANSI"})
_CVE = re.compile(r"\bCVE-\d{4}-\d{4,7}\b")
_ACTION_HEADING = re.compile(
    r"^(?:(?:new|open|outstanding|summary of|list of|carried[- ]over|previous|pending|"
    r"review of|status of)\s+)*(?:action items?|actions?(?: list)?|carried[- ]over(?: items)?"
    r"|action item summary|next steps|to-?dos?|follow[- ]ups?|tasks)\b",
    re.I,
)
_BULLET = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)]|[a-zA-Z][.)])[ \t]+")
_MARK = re.compile(r"[ \t]*(?:([✓✔☑☒])|(☐)|\[((?i:x|done|closed))\]|\[((?i: |todo|open))\])[ \t]*")
_LABEL = re.compile(
    r"[ \t]*(?:(?i:(?:new )?action(?: items?)?|AI|todo|done)[ \t]*[:\-–—][ \t]*"
    r"|(?:ACTION|TODO|DONE)\b[ \t]*:?[ \t]*)"
)
_DONE_WORD = re.compile(r"(?i:\((?:done|completed?|closed)\))|\bDONE\b|~~")
_OPEN_WORD = re.compile(r"\bTODO\b|(?i:\((?:open|ongoing|in progress)\))")
_DUE_CUE = re.compile(
    r"(?:\bby|\bdue(?: date)?|\bbefore|\buntil|\bdeadline|\bon or before)\s*:?\s*$", re.I
)
_TRAILER = re.compile(r"^[\s.;,)\]]*$")
_HEADER_DESCRIPTION = re.compile(
    r"^\s*(?:description|action(?: item)?|task|summary|item|what)\b", re.I
)
_HEADER_ASSIGNEE = re.compile(
    r"^\s*(?:assignees?|owners?|who|responsible|assigned to|actionee)\b", re.I
)
_HEADER_STATUS = re.compile(r"^\s*(?:status|state|done\??)\s*$", re.I)
_STATUS_CELL = {
    **dict.fromkeys("done closed complete completed finished resolved yes ✓ ✔ ☑ x".split(), "done"),
    **dict.fromkeys("open todo pending ongoing started new no ☐".split(), "open"),
    "in progress": "open",
    "not started": "open",
}
_ACTION_NOTE = re.compile(r"\((?:[^()]{0,80}\b)?action item\b[^()]{0,80}\)", re.I)
_GITHUB_REF = re.compile(r"(?<![\w&#])(?:[\w.-]+/[\w.-]+)?#\d{2,7}\b")
_TICKET_NOTE = re.compile(
    r"(?i:(?:on |see |in |for )?(?:the )?(?:ticket|jira|issue|epic|pr|pull request|branch)s?)\b"
    r"|(?:see|cf\.) [A-Z][A-Z0-9]+-\d+"
)
_HEADER_DUE = re.compile(r"^\s*(?:due(?: date)?|deadline|by when|when|target date)\b", re.I)


def load_document_prefixes(path: Path | None = None) -> frozenset[str]:
    """Prefixes of document identifiers (``DMTN``, ``LDM`` ...), one per line; ``#`` comments."""
    p = DOCUMENT_PREFIXES_PATH if path is None else path
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(
        s.split("#", 1)[0].strip().upper() for s in lines if s.split("#", 1)[0].strip()
    )


def find_tickets(text: str, document_prefixes: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Ticket keys (``DM-123``, ``RFC-45``) without document ids, then issue refs (``#1423``)."""
    seen: dict[str, None] = {}
    for m in _KEY.finditer(text):
        prefix = m.group(1)
        if prefix in document_prefixes or prefix in _NOT_TICKETS or not prefix[0].isalpha():
            continue
        seen.setdefault(m.group(0), None)
    for m in _CVE.finditer(text):
        seen.setdefault(m.group(0), None)
    for m in _GITHUB_REF.finditer(text):
        seen.setdefault(m.group(0), None)
    return tuple(seen)


def find_actions(
    clean: CleanText,
    blocks: Iterable[Block],
    year: int | None = None,
    document_prefixes: frozenset[str] = frozenset(),
) -> tuple[RawAction, ...]:
    """Every action item of the document, once each, in document order."""
    text = clean.text
    spans = _candidate_spans(text, list(blocks))
    day_first = numeric_convention(text)
    found: list[RawAction] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for span in spans:
        action = _parse(text, span, year, document_prefixes, day_first)
        if action is None:
            continue
        key = (
            _normal(action.text, action.assignees),
            tuple(sorted(m.text.lower() for m in action.assignees)),
        )
        if key in seen:
            continue
        seen.add(key)
        found.append(action)
    found.sort(key=lambda a: a.start)
    return tuple(found)


@dataclass
class _Candidate:
    """Where an action item may be: its span, and what its layout says."""

    start: int
    end: int
    cells: tuple[tuple[int, int], ...] = ()
    cols: dict[str, int] = field(default_factory=dict)  # action table columns
    needs_name: bool = False  # an unmarked line is an action only if it opens with a name
    notes_end: int = -1  # a following ticket note ("See DM-123") ends here


def _candidate_spans(text: str, blocks: list[Block]) -> list[_Candidate]:
    spans: list[_Candidate] = []
    table: dict[str, int] | None = None
    for block in blocks:
        line = text[block.start : block.end]
        if block.kind == "row":
            header = _summary_header(text, block.cells)
            if header is not None:
                table = header
                continue
            if table is not None and "\n" not in line:
                spans.append(_Candidate(block.start, block.end, block.cells, table))
                continue
            if _marked(text, block.start):
                spans.append(_Candidate(block.start, block.end))
            continue
        table = None
        if block.kind not in ("item", "paragraph", "heading"):
            continue
        in_section = any(_ACTION_HEADING.match(s.strip("*# ")) for s in block.section[-1:])
        if spans and _is_ticket_note(text, spans[-1], block):
            spans[-1].notes_end = block.end
            continue
        if spans and _continues(text, spans[-1], block):
            spans[-1].end = block.end
            continue
        line = text[block.start : block.end]
        if block.kind == "heading" and _ACTION_HEADING.match(line.strip("*# ")):
            continue  # "Summary of open actions" heads the items, it is not one
        if (
            _marked(text, block.start)
            or _ACTION_NOTE.search(line)
            or block.kind == "item"
            and in_section
        ):
            spans.append(_Candidate(block.start, block.end))
        elif in_section or _assignment(text, block):
            # an unmarked line needs a name to be an action ("Next meeting: ..." is not)
            spans.append(_Candidate(block.start, block.end, needs_name=True))
    return spans


def _assignment(text: str, block: Block) -> bool:
    """A short line of its own that assigns work: "Jason and Gregory to talk"."""
    if (
        block.kind not in ("paragraph", "heading")
        or len(text[block.start : block.end].split()) > 12
    ):
        return False
    names, rest = leading_names(text, block.start, block.end)
    full = len(names) >= 2 or any(" " in m.text or m.text[0] == "@" for m in names)
    return full and re.match(r"\s*to\s+[a-z]", text[rest - 3 : rest + 3]) is not None


def _marked(text: str, pos: int) -> bool:
    """Whether the line at ``pos`` says it is an action: a checkbox, ✓, or an action label."""
    b = _BULLET.match(text, pos)
    p = b.end() if b else pos
    mark = _MARK.match(text, p)
    return bool(mark and mark.group().strip()) or bool(_LABEL.match(text, p))


def _is_ticket_note(text: str, prev: _Candidate, block: Block) -> bool:
    """A short line right after an item naming its ticket: "On ticket branch at .../DM-19593"."""
    line = text[block.start : block.end]
    return (
        not prev.cols
        and not prev.needs_name
        and block.kind == "paragraph"
        and block.start - max(prev.end, prev.notes_end) < 200
        and len(line.split()) <= 15
        and _TICKET_NOTE.match(line) is not None
        and bool(find_tickets(line))
    )


def _continues(text: str, prev: _Candidate, block: Block) -> bool:
    """A line that only finishes the previous action (open parenthesis, a lone due date)."""
    if prev.cols or block.start - prev.end > 400:
        return False
    line = text[block.start : block.end]
    before = text[prev.start : prev.end]
    if (
        before.count("(") > before.count(")")
        and not _BULLET.match(line)
        and not _marked(text, block.start)
        and (not line[:1].isupper() or len(line.split()) <= 3 or _KEY.match(line))
    ):
        return True
    dates = find_dates(text, block.start, block.end)
    return (
        len(dates) == 1
        and dates[0].start == block.start
        and _TRAILER.match(text[dates[0].end : block.end]) is not None
    )


def _summary_header(text: str, cells: tuple[tuple[int, int], ...]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, (s, e) in enumerate(cells):
        cell = text[s:e]
        if len(cell) > 40:
            continue
        for name, pattern in (
            ("status", _HEADER_STATUS),
            ("due", _HEADER_DUE),
            ("who", _HEADER_ASSIGNEE),
            ("what", _HEADER_DESCRIPTION),
        ):
            if name not in cols and pattern.match(cell):
                cols[name] = i
                break
    return cols if "what" in cols and len(cols) >= 2 else None


def _parse(
    text: str,
    span: _Candidate,
    year: int | None,
    prefixes: frozenset[str],
    day_first: bool | None = None,
) -> RawAction | None:
    start, end, cells, cols, needs_name = (
        span.start,
        span.end,
        span.cells,
        span.cols,
        span.needs_name,
    )
    if cols:
        start, end = cells[cols["what"]] if cols["what"] < len(cells) else (start, start)
    status = "unknown"
    pos = start
    b = _BULLET.match(text, pos, end)
    if b:
        pos = b.end()
    for _ in range(2):
        mk = _MARK.match(text, pos, end)
        if mk and mk.group().strip():
            status = "done" if (mk.group(1) or mk.group(3)) else "open"
            pos = mk.end()
        lb = _LABEL.match(text, pos, end)
        if lb:
            word = lb.group().strip(" :-–—").upper()
            status = {"DONE": "done", "TODO": "open"}.get(word, status)
            pos = lb.end()
    while pos < end and text[pos].isspace():
        pos += 1
    if pos >= end:
        return None
    body = text[pos:end]
    if status == "unknown":
        status = (
            "done" if _DONE_WORD.search(body) else "open" if _OPEN_WORD.search(body) else status
        )
    if cols and "who" in cols:
        who = cells[cols["who"]] if cols["who"] < len(cells) else (end, end)
        assignees = split_names(text, *who)
    else:
        assignees, _ = leading_names(text, pos, end)
    due, text_end = _due(text, pos, end, year, day_first)
    if cols and "due" in cols and cols["due"] < len(cells):
        cell = cells[cols["due"]]
        cell_due = [
            d
            for d in find_dates(text, *cell, year, day_first, short_numeric=True)
            if d.precision == "day"
        ]
        due = cell_due[0].first if cell_due else due
    if cols and "status" in cols and cols["status"] < len(cells):
        cell = text[slice(*cells[cols["status"]])].strip(" .").lower()
        status = _STATUS_CELL.get(cell, status)
    words = " ".join(text[pos:text_end].split()).rstrip(" ;,:([-–—")
    if text_end < end:  # a due date was cut off the end: no dangling full stop either
        words = words.rstrip(" .")
    if not words or (not assignees and (needs_name or len(words.split()) < 2)):
        return None
    tickets = find_tickets(text[start : max(end, span.notes_end)], prefixes)
    return RawAction(pos, end, words, tuple(assignees), due, status, tickets)


def _due(
    text: str, start: int, end: int, year: int | None, day_first: bool | None = None
) -> tuple[str | None, int]:
    """The due date and where the action's text ends (before a closing date)."""
    dates = [
        d
        for d in find_dates(text, start, end, year, day_first, short_numeric=True)
        if d.precision == "day"
    ]
    for d in reversed(dates):
        if _TRAILER.match(text[d.end : end]):
            cue = _DUE_CUE.search(text, max(start, d.start - 20), d.start)
            return d.first, cue.start() if cue else d.start
        if _DUE_CUE.search(text, max(start, d.start - 20), d.start):
            return d.first, end
    return None, end


def _normal(words: str, assignees: tuple[Mention, ...]) -> str:
    for m in assignees:
        words = words.replace(m.text, " ")
    return " ".join(re.findall(r"[a-z0-9]+", words.lower()))
