"""Action items as minutes write them, found in the layout without a list of names.

An action item is:

- a line under an ``Actions`` / ``Action items`` / ``Next steps`` heading;
- a line marked as one anywhere: ``✓`` / ``☑`` / ``☐`` / ``[x]`` / ``[ ]``,
  ``Action:``, ``AI:``, ``ACTION``, ``TODO:``;
- a row of an action-summary table (``Description | Due date | Assignee ...``).

Assignees are read from how minutes are written: the names that start the item
("Name do X", "Name, Name2 do X", "Name — do X", "Name: do X", "Name to do X",
"Unknown User (x) do X"), names being capitalised words (not all-capital
acronyms, not a leading verb). The table's assignee column wins when there is
one. Deciding that a name is a person is left to the resolver. Due dates are
dates closing the item or following "by" / "due"; tickets are keys like
``DM-123`` whose prefix is not a document series listed in
``data/vocab/document_prefixes.txt`` (``DMTN-148`` is a document).

>>> text = "Alice Smith, Bob to fix DM-12 by 15 Jun"
>>> [m.text for m in leading_names(text, 0, len(text))[0]]
['Alice Smith', 'Bob']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ingest.dates import find_dates
from ingest.model import Block, CleanText, Mention, RawAction

__all__ = [
    "DOCUMENT_PREFIXES_PATH",
    "find_actions",
    "find_tickets",
    "leading_names",
    "load_document_prefixes",
    "split_names",
]

DOCUMENT_PREFIXES_PATH = (
    Path(__file__).resolve().parents[1] / "data" / "vocab" / "document_prefixes.txt"
)

_KEY = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*[A-Z])-(\d+)(?![\w-]|\.\d)")
_NOT_TICKETS = frozenset({"UTF", "ISO", "COVID", "SHA", "ECMA", "IEC", "IEEE", "MD", "ANSI"})
_CVE = re.compile(r"\bCVE-\d{4}-\d{4,7}\b")
_ACTION_HEADING = re.compile(
    r"^(?:new |open |outstanding |summary of |list of )?(?:action items?|actions?(?: list)?"
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
_UNKNOWN_USER = re.compile(r"Unknown User \([^()\s]+\)")
_HANDLE = re.compile(r"@[A-Za-z0-9][\w.-]*(?<![.-])")
_NAME_TOKEN = re.compile(r"[A-Z\u00c0-\u024f][\w'’.\-]*|[A-Z]\.")
_PARTICLES = frozenset("de van von der den da di del la le du dos bin al".split())
_NAME_GAP = re.compile(r" (?:(?:" + "|".join(sorted(_PARTICLES)) + r") )?")
_JOIN = re.compile(r"[ \t]*(?:,|&|\+|/|\band\b)[ \t]*(?:and[ \t]+)?")
_STRONG = re.compile(
    r"[ \t]*(?:[—–:]|-(?=\s)|\bto\b|\bwill\b|\bshould\b|\bshall\b|\bmust\b|\bneeds? to\b"
    r"|\bis going to\b|\bto\b)",
)
_LOWER_WORD = re.compile(r"[ \t]+[a-z]")
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
_INITIALS = re.compile(r"[A-Z]{2,4}(?=[ \t]*(?:[—–:]|-[ \t]|\bto\b))")
_HEADER_DUE = re.compile(r"^\s*(?:due(?: date)?|deadline|by when|when|target date)\b", re.I)
_NOT_NAMES = frozenset(
    """A An The This That These Those There It Its We Our They Their He She His Her You Your I
    All Each Every Some Any No Not Nobody Everyone Everybody Somebody Someone What Who Why How
    When Where Which If Also And But Or So Then Note Notes Please Action Actions Item Items
    Discussion Decision Decisions Agreed Agreement Follow Next Done Todo TBD Re See Status
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Tomorrow Yesterday
    FYI TBD TBC NB PS QA AOB""".split()
)
_VERBS = frozenset(
    """Add Agree Analyse Analyze Arrange Ask Assign Augment Build Check Circulate Clarify Close
    Collect Compile Complete Confirm Consider Contact Convene Convert Coordinate Create Decide
    Define Deliver Deploy Design Determine Discuss Document Draft Email Engage Ensure Estimate
    Evaluate Explore File Find Finish Fix Follow Form Get Give Handle Help Hold Identify Implement
    Include Install Investigate Invite Keep Lead Look Make Merge Migrate Monitor Move Obtain Open
    Organise Organize Outline Pick Ping Plan Post Prepare Present Produce Propose Provide Publish
    Push Put Raise Reach Read Recommend Record Refine Release Remove Rename Reply Report Request
    Reschedule Resolve Respond Review Revisit Run Schedule Seek Send Set Setup Share Sign Sort
    Specify Start Study Submit Summarise Summarize Supply Support Sync Take Talk Tell Test Think
    Track Transfer Try Turn Understand Update Upload Use Validate Verify Work Write Will Should
    Shall Must Can Could Would To Needs Need""".split()
)


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


def split_names(text: str, start: int, end: int) -> tuple[Mention, ...]:
    """Names listed in ``text[start:end]`` (separated by ``,`` ``;`` ``&`` ``/`` ``and``)."""
    names: list[Mention] = []
    depth = 0
    piece_start = start
    i = start
    while i <= end:
        ch = text[i] if i < end else ","
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        sep = 0
        if depth == 0:
            if ch in ",;&/\n\t":
                sep = 1
            elif text.startswith(" and ", i) and i + 5 <= end:
                sep = 5
        if sep:
            mention = _name_mention(text, piece_start, i)
            if mention is not None:
                names.append(mention)
            i += sep
            piece_start = i
            continue
        i += 1
    return tuple(names)


def _name_mention(text: str, start: int, end: int) -> Mention | None:
    while start < end and text[start] in " -•*\u2022":
        start += 1
    while end > start and text[end - 1] in " .:" and not _initial_at(text, start, end):
        end -= 1
    piece = text[start:end]
    if not piece:
        return None
    if not _UNKNOWN_USER.fullmatch(piece):
        paren = piece.find(" (")
        if paren > 0 and piece.endswith(")"):
            end = start + paren
            piece = text[start:end]
    if _HANDLE.fullmatch(piece):
        return Mention(piece, start, end)
    words = piece.split()
    if not words or len(words) > 6 or not (piece[0].isupper()) or any(c.isdigit() for c in piece):
        return None
    return Mention(piece, start, end)


def _initial_at(text: str, start: int, end: int) -> bool:
    """``"Yuki T."``: the full stop closes an initial and belongs to the name."""
    return (
        text[end - 1] == "."
        and end - start >= 3
        and text[end - 2].isupper()
        and text[end - 3] in " \t"
    )


def leading_names(text: str, start: int, end: int) -> tuple[tuple[Mention, ...], int]:
    """Names starting ``text[start:end]`` and where the rest of the item starts.

    Returns ``((), start)`` when the item does not start with names followed by
    what an assignment looks like (a verb, ``—``, ``:``, ``to``, ``will``).
    """
    names: list[Mention] = []
    pos = start
    while True:
        m = _UNKNOWN_USER.match(text, pos, end) or _HANDLE.match(text, pos, end)
        if m:
            names.append(Mention(m.group(), m.start(), m.end()))
            pos = m.end()
        else:
            span = _name_run(text, pos, end)
            if span is None:
                break
            names.append(Mention(text[span[0] : span[1]], span[0], span[1]))
            pos = span[1]
        j = _JOIN.match(text, pos, end)
        if not j or not (
            _UNKNOWN_USER.match(text, j.end(), end)
            or _HANDLE.match(text, j.end(), end)
            or _name_run(text, j.end(), end)
        ):
            break
        pos = j.end()
    if not names:
        initials = _INITIALS.match(text, start, end)
        if initials is None or initials.group().title() in _NOT_NAMES:
            return (), start
        names.append(Mention(initials.group(), initials.start(), initials.end()))
        pos = initials.end()
    strong = _STRONG.match(text, pos, end)
    if strong:
        return tuple(names), strong.end()
    rest = text[pos:end]
    first_word = rest.split(maxsplit=1)[0] if rest.strip() else ""
    if _LOWER_WORD.match(text, pos, end) or first_word.strip(".,") in _VERBS:
        return tuple(names), pos
    if (_UNKNOWN_USER.fullmatch(names[-1].text) or names[-1].text[0] == "@") and rest.strip():
        return tuple(names), pos
    return (), start


def _name_run(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """A person-like name at ``pos``: up to four capitalised tokens (particles allowed)."""
    tokens: list[tuple[int, int]] = []
    i = pos
    while len(tokens) < 4:
        m = _NAME_TOKEN.match(text, i, end)
        word = m.group() if m else ""
        if m and (word.rstrip(".") in _VERBS or word in _NOT_NAMES) and tokens:
            break
        if not m or not any(c.islower() for c in word) and not re.fullmatch(r"[A-Z]\.", word):
            break
        if not tokens and (word in _NOT_NAMES or word.rstrip(".") in _VERBS):
            return None
        tokens.append((m.start(), m.end()))
        i = m.end()
        sp = _NAME_GAP.match(text, i, end)
        if not sp or not _NAME_TOKEN.match(text, sp.end(), end):
            break
        i = sp.end()
    if not tokens:
        return None
    s, e = tokens[0][0], tokens[-1][1]
    while e > s and text[e - 1] in ".'’-":
        e -= 1
    return (s, e)


def find_actions(
    clean: CleanText,
    blocks: Iterable[Block],
    year: int | None = None,
    document_prefixes: frozenset[str] = frozenset(),
) -> tuple[RawAction, ...]:
    """Every action item of the document, once each, in document order."""
    text = clean.text
    spans = _candidate_spans(text, list(blocks))
    found: list[RawAction] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for span in spans:
        action = _parse(text, span, year, document_prefixes)
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


_Span = tuple[int, int, tuple[tuple[int, int], ...], dict[str, int], bool]  # ..., needs a name


def _candidate_spans(text: str, blocks: list[Block]) -> list[_Span]:
    spans: list[_Span] = []
    table: dict[str, int] | None = None
    for block in blocks:
        line = text[block.start : block.end]
        if block.kind == "row":
            header = _summary_header(text, block.cells)
            if header is not None:
                table = header
                continue
            if table is not None and "\n" not in line:
                spans.append((block.start, block.end, block.cells, table, False))
                continue
            if _marked(text, block.start):
                spans.append((block.start, block.end, (), {}, False))
            continue
        table = None
        if block.kind not in ("item", "paragraph", "heading"):
            continue
        in_section = any(_ACTION_HEADING.match(s.strip("*# ")) for s in block.section[-1:])
        if spans and _continues(text, spans[-1], block):
            s, _, cells, cols, needs_name = spans[-1]
            spans[-1] = (s, block.end, cells, cols, needs_name)
            continue
        line = text[block.start : block.end]
        if (
            _marked(text, block.start)
            or _ACTION_NOTE.search(line)
            or block.kind == "item"
            and in_section
        ):
            spans.append((block.start, block.end, (), {}, False))
        elif in_section or _assignment(text, block):
            # an unmarked line needs a name to be an action ("Next meeting: ..." is not)
            spans.append((block.start, block.end, (), {}, True))
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


def _continues(text: str, prev: _Span, block: Block) -> bool:
    """A line that only finishes the previous action (open parenthesis, a lone due date)."""
    if prev[3] or block.start - prev[1] > 400:
        return False
    line = text[block.start : block.end]
    before = text[prev[0] : prev[1]]
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


def _parse(text: str, span: _Span, year: int | None, prefixes: frozenset[str]) -> RawAction | None:
    start, end, cells, cols, needs_name = span
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
    due, text_end = _due(text, pos, end, year)
    if cols and "due" in cols and cols["due"] < len(cells):
        cell_due = [
            d
            for d in find_dates(text, *cells[cols["due"]], default_year=year)
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
    tickets = find_tickets(text[start:end], prefixes)
    return RawAction(pos, end, words, tuple(assignees), due, status, tickets)


def _due(text: str, start: int, end: int, year: int | None) -> tuple[str | None, int]:
    """The due date and where the action's text ends (before a closing date)."""
    dates = [d for d in find_dates(text, start, end, default_year=year) if d.precision == "day"]
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
