"""Action items as minutes write them, found in the layout without a list of names.

An action item is:

- a line under an ``Actions`` / ``Action items`` / ``Next steps`` heading (a
  bullet always; another line only when it opens with a name that is given work,
  so "Next meeting: 4 June" and "Rafael reported that ..." are not one). The list
  ends at an upper-case section line ("2. RELEASE 3.2"), a vote ("+1: Ana, Bo",
  "Vote passed.") or prose after a blank line;
- a line marked as one anywhere: ``✓`` / ``☑`` / ``☐`` / ``[x]`` / ``[ ]`` /
  ``[DONE]``, ``Action:``, ``AI:``, ``ACTION``, ``TODO:``, or a note such as
  "(action item that isn't owned)";
- a short line of its own that assigns work: "Jason and Gregory to talk", or a
  sentence of the notes giving work to people the document names ("DV to redo the
  alerts.", see :mod:`ingest.structure.delegations`) unless it restates a listed item;
- a row of an action table (``Description | Due date | Assignee | Status``).

Assignees are the names that open the item (see :mod:`ingest.structure.names`); a table's
assignee column wins when there is one. Deciding that a name is a person is left
to the resolver. The due date is a date closing the item or following "by" /
"due" (the table's due column wins), or one written relative to the meeting ("by
Friday", see :func:`ingest.structure.dates.find_relative_dates`); the status comes from the
mark, a ``DONE``/``TODO`` label, a note ("carried over", "still open", which is
cut from the text) or the status column. Tickets are keys like ``DM-123``
whose prefix is not a document series (see :mod:`ingest.structure.tickets`). A line
that only finishes the previous item (an open parenthesis, a lone due date, a
wrapped line in lower case) is joined to it; an item repeated in a summary table
is kept once.

>>> find_tickets("RFC-45, DMTN-148 and #1423", frozenset({"DMTN"}))
('RFC-45', '#1423')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ingest.extract.owners import (
    ACTION_HEADING,
    FOR_OWNER,
    OWNER_LINE,
    PLAN_HEADING,
    QUOTED_ITEM,
    for_owner,
    in_actions,
    joins,
    ticked,
    with_group_owners,
)
from ingest.model import Block, CleanText, Mention, RawAction
from ingest.resolve.people import _group_noun
from ingest.structure.action_lines import (
    ARROW,
    BULLET,
    LABEL,
    MARK,
    TRAILER,
    assigns,
    bullet_kind,
    closes_list,
    continues,
    marked,
)
from ingest.structure.dates import find_dates, find_relative_dates, numeric_orders
from ingest.structure.delegations import KnownNames, find_delegations, known_names, restates
from ingest.structure.names import leading_names, split_names
from ingest.structure.tickets import (
    DOCUMENT_PREFIXES_PATH,
    find_tickets,
    load_document_prefixes,
)

__all__ = [
    "DOCUMENT_PREFIXES_PATH",
    "find_actions",
    "find_tickets",
    "load_document_prefixes",
]

_ROLL_CALL_SECTION = re.compile(
    r"\b(?:attendance|attendees?|present|participants|roll[ -]?call|regrets|apologies)\b", re.I
)
#: an item that only reports the one above it done: "complete", "Done - sent to the list"
_STATUS_ONLY = re.compile(
    r"(?i:done|complete|completed|closed|finished)[.!]?(?:[ \t]+[-–—:][^\n]*)?"
)
_DONE_WORD = re.compile(
    r"(?i:\((?:done|completed?|closed|merged)\))|\bDONE\b|~~"
    r"|(?i:(?:[.;,]|[ \t](?:--?|[–—]))\s*(?:done|completed?)[.!]?\s*$)"
    r"|(?i:\balready\s+(?:done|completed?|merged|finished)\b)"
)
_OPEN_WORD = re.compile(
    r"\bTODO\b|(?i:\((?:open|ongoing|in progress)\)"
    r"|\bcarried\s+(?:over|forward)\b|\bstill\s+(?:open|pending|in progress)\b)"
)
# a status note closing the item: "(carried over", "-- still open, carried over"
_STATUS_TAIL = re.compile(
    r"\s*(?:--?|[–—,;(])\s*(?:(?:still |now )?(?:open|pending|ongoing|in progress|done|closed"
    r"|completed?)|carried (?:over|forward)(?: from [\w ]{1,20})?)"
    r"(?:\s*[,;]\s*(?:(?:still |now )?(?:open|pending|ongoing|in progress)"
    r"|carried (?:over|forward)(?: from [\w ]{1,20})?))*[\s,;)]*$",
    re.I,
)
_DUE_CUE = re.compile(
    r"(?:\bby|\bfor|\bdue(?: date)?|\bbefore|\buntil|\bdeadline|\bon or before)\s*:?\s*$", re.I
)
# when a page was edited or a mail sent ("Date: Thu, 7 Mar 2024 18:02"), not the meeting
_NEXT_MEETING = re.compile(r"\bnext (?:meeting|call|sync|session|telecon)\b", re.I)
_BY_NEXT_MEETING = re.compile(
    r"\b(?:by|before|until|for|in|at)\s+(?:the\s+)?next\s+(?:meeting|call|sync|session|telecon)\b",
    re.I,
)
_STAMP = re.compile(
    r"(?i:last (?:modified|updated|edited)|modified on|updated on|created (?:on|by)|edited by"
    r"|^[ \t>]*(?:date|sent)[ \t]*:[^\n]*\d{1,2}:\d{2})"
)
_HEADER_DESCRIPTION = re.compile(
    r"^\s*(?:description|action(?: item)?|task|summary|item|what|follow[- ]?ups?|to[- ]?dos?"
    r"|next steps?|work items?|deliverables?)\b",
    re.I,
)
_HEADER_ASSIGNEE = re.compile(
    r"^\s*(?:assignees?|owners?|who|responsible|assigned(?: to)?|actionee|person|by whom"
    r"|driver|dri|poc|point of contact)\b",
    re.I,
)
_HEADER_STATUS = re.compile(r"^\s*(?:status|state|done\??)\s*$", re.I)
_STATUS_CELL = {
    **dict.fromkeys("done closed complete completed finished resolved yes ✓ ✔ ☑ x".split(), "done"),
    **dict.fromkeys("open todo pending ongoing started new no ☐".split(), "open"),
    "in progress": "open",
    "not started": "open",
    **dict.fromkeys("✅ ✔️ ☑️ 🟢".split(), "done"),
    **dict.fromkeys("⏳ 🚧 🔄 ⬜ 🔲 🟡".split(), "open"),
}
_ACTION_NOTE = re.compile(r"\((?:[^()]{0,80}\b)?action item\b[^()]{0,80}\)", re.I)
_TICKET_NOTE = re.compile(
    r"(?i:(?:on |see |in |for )?(?:the )?(?:ticket|jira|issue|epic|pr|pull request|branch)s?)\b"
    r"|(?:see|cf\.) [A-Z][A-Z0-9]+-\d+"
)
_HEADER_DUE = re.compile(
    r"^\s*(?:(?:due(?: date| by)?|deadline|by when|when|eta)\b|target(?: date)?\s*$)", re.I
)


def find_actions(
    clean: CleanText,
    blocks: Iterable[Block],
    year: int | None = None,
    document_prefixes: frozenset[str] = frozenset(),
    meeting_date: str | None = None,
) -> tuple[RawAction, ...]:
    """Every action item of the document, once each, in document order.

    ``meeting_date`` (ISO) resolves due dates written relative to the meeting ("by
    Friday"); without it the first date near the top of the document stands for it.
    """
    text = clean.text
    blocks = list(blocks)
    anchor = meeting_date or _meeting_day(text, blocks)
    if year is None and anchor:
        year = int(anchor[:4])
    names = known_names(text)
    spans = _candidate_spans(text, blocks, names)
    orders = numeric_orders(text)
    ctx = _Context(year, document_prefixes, orders, anchor, _next_meeting(text, year, anchor))
    found: list[RawAction] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    prose = _prose_spans(text, blocks, names, spans)
    # listed items first: a sentence of the notes may restate one listed further down
    for span in sorted([*spans, *prose], key=lambda c: c.in_notes):
        action = _parse(text, span, ctx)
        if action is None:
            continue
        key = (
            _normal(action.text, action.assignees),
            tuple(sorted(m.text.lower() for m in action.assignees)),
        )
        if key in seen:
            continue
        if span.in_notes and restates(
            action.text,
            [m.text for m in action.assignees],
            [(a.text, [m.text for m in a.assignees]) for a in found],
        ):
            continue
        seen.add(key)
        found.append(action)
    found.sort(key=lambda a: a.start)
    found = with_group_owners(text, blocks, found)
    if not any(ticked(text, c.start) for c in spans):  # no item ticked: a stated one is open
        found = [replace(a, status="open") if a.status == "unknown" else a for a in found]
    return tuple(found)


@dataclass(frozen=True)
class _Context:
    """What reading one item needs to know about its document."""

    year: int | None
    prefixes: frozenset[str]
    day_first: dict[str, bool | None]  # numeric date order per separator
    anchor: str | None  # the meeting's ISO date, for "by Friday"
    next_meeting: str | None = None  # the next meeting's ISO date, for "by the next call"


@dataclass
class _Candidate:
    """Where an action item may be: its span, and what its layout says."""

    start: int
    end: int
    cells: tuple[tuple[int, int], ...] = ()
    cols: dict[str, int] = field(default_factory=dict)  # action table columns
    needs_name: bool = False  # an unmarked line is an action only if it opens with a name
    notes_end: int = -1  # a following ticket note ("See DM-123") ends here
    in_notes: bool = False  # a sentence of the notes, not a listed item ("DV to redo it.")
    planned: bool = False  # a line under a person's plans ("### Next week")
    done: bool = False  # a line after it says it is done ("- complete", "** done.")


def _meeting_day(text: str, blocks: list[Block]) -> str | None:
    """The first day written near the top (the title's first), not a page-edit stamp."""
    for block in blocks[:25]:
        line = text[block.start : block.end]
        if _STAMP.search(line):
            continue
        days = [d for d in find_dates(line) if d.precision == "day"]
        if days:
            return days[0].first
    return None


def _candidate_spans(text: str, blocks: list[Block], names: KnownNames) -> list[_Candidate]:
    spans: list[_Candidate] = []
    table: dict[str, int] | None = None
    ended: tuple[str, ...] | None = None  # an action section whose list has ended
    listed: tuple[tuple[str, ...], str] | None = None  # a section's list and its bullet kind
    plans: tuple[tuple[str, ...], int] | None = None  # a plans label's section and level
    labelled = False  # under a label line of its own ("**Actions**", "Next steps:")
    # "- Previous call's action items": its section, its indent, the indent of its items
    heading_item: list | None = None
    prev_end = 0
    for block in blocks:
        line = text[block.start : block.end]
        after_blank = text.count("\n", min(prev_end, block.start), block.start) >= 2
        prev_end = max(prev_end, block.end)
        if block.kind in ("heading", "title") or (after_blank and block.kind != "item"):
            labelled = False
        if block.kind == "paragraph" and _actions_label(line):
            labelled = True  # the lines below it, up to a blank line or a heading, are items
            continue
        if block.kind == "row":
            header = _summary_header(text, block.cells)
            if header is not None:
                table = header
                continue
            if table is not None and "\n" not in line:
                spans.append(_Candidate(block.start, block.end, block.cells, table))
                continue
            if marked(text, block.start):
                spans.append(_Candidate(block.start, block.end))
            continue
        table = None
        if block.kind not in ("item", "paragraph", "heading"):
            continue
        if heading_item is not None and (
            heading_item[0] != block.section
            or block.kind != "item"
            or block.level <= heading_item[1]
        ):
            heading_item = None  # the items under "- [ ] Previous call's actions" are over
        body = _item_body(text, block) if block.kind == "item" else ""
        if _actions_label(body) and _TASK_WORD.search(body):
            heading_item = [block.section, block.level, None]
            continue  # "- [ ] Previous call's actions" heads the items nested under it
        is_marked = (marked(text, block.start) or for_owner(text, block.start)) and not any(
            _ROLL_CALL_SECTION.search(h) for h in block.section[-1:]
        )  # "[x] Ana Lima, Acme" under "Attendance" ticks who came, not a task
        in_section = (
            block.section != ended and in_actions(block.section) or labelled or bool(heading_item)
        )
        if is_marked and not in_section and _ticked_topic(text, block):
            continue  # "* [x] KW: release train kick-off" under "Agenda": a topic, no task
        if not is_marked and closes_list(text, block):
            ended = block.section if in_section else ended
            continue  # "2. RELEASE 3.2", "Vote passed.": the list is over, not an item
        if in_section and block.kind == "item" and not is_marked:
            kind = bullet_kind(text, block.start)
            if listed is None or listed[0] != block.section:
                listed = (block.section, kind)
            elif after_blank and kind != listed[1]:  # "- Ana to ..." then "2. Release"
                ended, in_section = block.section, False
        if spans and _is_ticket_note(text, spans[-1], block):
            spans[-1].notes_end = block.end
            continue
        if (
            block.kind == "item"
            and spans
            and not spans[-1].cols
            and block.start - spans[-1].end < 400
            and _STATUS_ONLY.fullmatch(_item_body(text, block).strip())
        ):
            spans[-1].done = True  # "* Jim to send the list" then "** complete."
            continue
        if spans and not spans[-1].cols and continues(text, spans[-1].start, spans[-1].end, block):
            spans[-1].end = block.end
            continue
        if plans is not None and (plans[0] != block.section or block.level <= plans[1]):
            plans = None  # the list under "* Upcoming talks:" is over
        label = line[BULLET.match(line).end() if BULLET.match(line) else 0 :].strip("*#: \t")
        if block.kind != "row" and PLAN_HEADING.match(label):
            plans = (block.section, block.level)
            continue  # "### Next week", "* Upcoming talks:" heads a person's plans
        planned = plans is not None or any(
            PLAN_HEADING.match(h.strip("*#: ")) for h in block.section[-1:]
        )
        if planned and not is_marked and not in_section:
            if _name_label(text, block):  # "- Mira: Widget Studio", "* Ravi - PyCon talk"
                spans.append(_Candidate(block.start, block.end, needs_name=True, planned=True))
            continue
        if (
            block.kind == "heading"
            and ACTION_HEADING.match(line.strip("*# "))
            and not _labelled_task(text, block)
        ):
            continue  # "Summary of open actions" heads the items, it is not one
        quoted = QUOTED_ITEM.match(line) if in_section else None  # "> * open the issue"
        if heading_item is not None and heading_item[2] is None:
            heading_item[2] = block.level  # the first item under it sets its items' indent
        base = heading_item[2] if heading_item else 0  # items under "- Previous call's actions"
        nested = (block.kind == "item" and block.level > base) or bool(
            quoted and len(quoted.group(1)) > 1
        )  # a heading's level is no nesting
        if in_section and nested and spans and joins(text, spans[-1], block):
            if not _gives_work(text, block):  # "  - @ines to draft the plan": its own
                spans[-1].end = block.end  # a note under the item ("- waiting on the refactor")
                continue
        if quoted:
            spans.append(_Candidate(block.start + quoted.end(1), block.end))
        elif is_marked or _ACTION_NOTE.search(line) or block.kind == "item" and in_section:
            spans.append(_Candidate(block.start, block.end))
        elif _lead_in(line):
            continue  # "the following items came out of it:" opens the list
        elif in_section and _owner_label(text, block):
            continue  # "Alice:" over her items heads them (see owners.with_group_owners)
        elif _arrowed(text, block):  # "-> Julian Weber to propose text for #312"
            spans.append(_Candidate(block.start, block.end, needs_name=True))
        elif (in_section or _assignment(text, block, names)) and assigns(text, block):
            # an unmarked line needs a name to be an action ("Next meeting: ..." is not)
            spans.append(
                _Candidate(block.start, block.end, needs_name=True, in_notes=not in_section)
            )
        elif in_section and after_blank and not OWNER_LINE.fullmatch(line):
            ended = block.section  # prose after the list: "Rafael reported that ..."
    return spans


#: what may stand before an actions label: "Previous call's action items", "Last month's"
_LABEL_WHEN = re.compile(
    r"(?i:(?:last|previous|past|this)\s+(?:week|meeting|call|sync|time|month)['’]?s?\s+"
    r"|(?:previous|last)\s+)"
)


def _actions_label(line: str) -> bool:
    """A paragraph that is only an actions label: "**Actions**", "Action items:", "Next
    steps", "Previous call's action items" (bold or plain, a heading the Markdown does not mark
    as one)."""
    label = line.strip("*_#:= \t")
    when = _LABEL_WHEN.match(label)
    label = label[when.end() :] if when else label
    m = ACTION_HEADING.match(label)
    return m is not None and m.end() == len(label)


def _item_body(text: str, block: Block) -> str:
    """A list item's words after its bullet and its checkbox or tick."""
    b = BULLET.match(text, block.start, block.end)
    pos = b.end() if b else block.start
    mark = MARK.match(text, pos, block.end)
    return text[mark.end() if mark else pos : block.end]


#: an item that heads actions names them so ("Action items", "To-dos"); "Next steps" as an
#: item is a topic of the agenda
_TASK_WORD = re.compile(r"(?i:\baction|\bto-?dos?\b|\bfollow[- ]?ups?\b|\btasks\b)")
#: a heading over the meeting's topics: "Agenda", "New agenda items"
_AGENDA = re.compile(r"\bagenda\b", re.I)
#: after the names opening an item, what gives them work: "Ana to ...", "Bo will ..."
_GIVES = re.compile(r"[ \t]*(?:to[ \t]+[a-z]|will\b|shall\b|(?:is|are)[ \t]+going[ \t]+to\b)")


def _gives_work(text: str, block: Block) -> bool:
    """Whether an item opens with names given work: "@ines to draft the plan", "Ana
    and Bo will review it"."""
    body = _item_body(text, block)
    lead, _ = leading_names(text, block.end - len(body), block.end)
    return bool(lead) and _GIVES.match(text, lead[-1].end, block.end) is not None


def _ticked_topic(text: str, block: Block) -> bool:
    """A ticked or boxed item under an agenda heading that names a topic: a few words
    ("- [x] Style sheet") or a presenter's label and the topic ("* [x] KW: release train",
    "* [x] PD: reopening the licence question"); the box marks it as covered. A task
    stays one: its names are given the work ("- [ ] Ana to send the notes") or the label is
    followed by what to do ("✓ Ana Lima — update the technote")."""
    if block.kind != "item" or not any(_AGENDA.search(h) for h in block.section[-1:]):
        return False
    if not ticked(text, block.start):
        return False
    body = _item_body(text, block)
    if LABEL.match(body) or _gives_work(text, block):
        return False  # "- [ ] Action: ...", "- [ ] Ana to ...": a task
    if len(body.split()) <= 4:
        return True
    lead, rest = leading_names(text, block.end - len(body), block.end)
    mark = re.match(r"[ \t]*([:—–-])", text[lead[-1].end : rest]) if lead else None
    if mark is None:
        return False
    words = re.match(r"[ \t]*([A-Za-z]+)(?:[ \t]+([A-Za-z]+))?", text[rest : block.end])
    if words is None or words.group(1).lower() not in _base_verbs():
        return True  # "KW: mirror cleanup report", "PD: reopening the question"
    # a presenter's "X: topic" names a verb's work only with its object's determiner ("Ana:
    # update the docs"; "TB: mirror cleanup report" is a topic); an owner's dash gives work
    return mark.group(1) == ":" and (words.group(2) or "").lower() not in _OBJECT_OPENERS


#: words that open a verb's object or particle: "update the docs", "clean up", "write it"
_OBJECT_OPENERS = frozenset(
    """the a an this that these those our its their his her my your all any some each every
    it them up out to with on for off back""".split()
)


@lru_cache(maxsize=1)
def _base_verbs() -> frozenset[str]:
    """Verbs in their base form, as the model's lemmatizer lists them ("update", "draft")."""
    from ingest.extract.nlp import word_class

    return word_class("verb")


def _labelled_task(text: str, block: Block) -> bool:
    """Whether a line read as a heading is an item behind its label: "TODO(Ana Lima): fix
    the script", "Action: Bo to tag 2.0" (two words or more after the label)."""
    b = BULLET.match(text, block.start, block.end)
    pos = b.end() if b else block.start
    while pos < block.end and text[pos] in "*_#":
        pos += 1
    lb = LABEL.match(text, pos, block.end)
    return lb is not None and len(text[lb.end() : block.end].strip(" *_").split()) >= 2


def _owner_label(text: str, block: Block) -> bool:
    """A line that is only people's names ("Alice:", "**Bob Jones**"): it heads items."""
    m = OWNER_LINE.fullmatch(text, block.start, block.end)
    return m is not None and bool(split_names(text, m.start(1), m.end(1)))


def _lead_in(line: str) -> bool:
    """A sentence that introduces the list below it ("Several action items were
    identified:"), not an item: several words, closing with a colon."""
    return line.rstrip().endswith(":") and len(line.split()) >= 5


_LABEL_MARK = re.compile(r"[ \t]*(?::|[—–]|-(?=[ \t]))")


def _name_label(text: str, block: Block) -> bool:
    """Whether the line opens with people's names as its label: "Mira: ...", "Ravi - ..."."""
    b = BULLET.match(text, block.start, block.end)
    pos = b.end() if b else block.start
    lead, _ = leading_names(text, pos, block.end)
    return bool(lead) and _LABEL_MARK.match(text, lead[-1].end, block.end) is not None


def _prose_spans(
    text: str, blocks: list[Block], names: KnownNames, taken: list[_Candidate]
) -> list[_Candidate]:
    """Sentences of the notes that give known people work, outside the listed items."""
    spans = []
    covered = [(c.start, max(c.end, c.notes_end)) for c in taken]
    heads = [(b.start, b.end) for b in blocks if b.kind in ("heading", "title")]
    for s, e in find_delegations(text, names):
        if any(cs <= s < ce for cs, ce in covered) or any(hs <= s < he for hs, he in heads):
            continue
        spans.append(_Candidate(s, e, needs_name=True, in_notes=True))
    return spans


def _assignment(text: str, block: Block, names: KnownNames) -> bool:
    """A short line of its own that assigns work: "Jason and Gregory to talk", or one
    person the document names in full elsewhere ("Ottilie to send the invitation")."""
    if (
        block.kind not in ("paragraph", "heading")
        or len(text[block.start : block.end].split()) > 12
    ):
        return False
    lead, rest = leading_names(text, block.start, block.end)
    full = len(lead) >= 2 or any(" " in m.text or m.text[0] == "@" for m in lead)
    known = len(lead) == 1 and names.knows(lead[0].text)
    return (full or known) and re.match(r"\s*to\s+[a-z]", text[rest - 3 : rest + 3]) is not None


def _arrowed(text: str, block: Block) -> bool:
    """A line marked with an arrow whose names open a task: "-> Julian to propose text",
    "=> Editors to fold it in", "→ chairs to schedule an interim" (plain-text minutes mark
    what came out of a discussion so)."""
    arrow = ARROW.match(text, block.start, block.end)
    if arrow is None:
        return False
    lead, rest = leading_names(text, arrow.end(), block.end)
    if not lead:
        group = _LABELLED_NICK.match(text, arrow.end(), block.end)
        return group is not None and _group_noun(group.group(1)) and "to" in group.group()
    return re.match(r"\s*to\s+[a-z]", text[rest - 3 : rest + 3]) is not None


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


def _parse(text: str, span: _Candidate, ctx: _Context) -> RawAction | None:
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
    labelled: tuple[int, int] | None = None  # "TODO(Rivka Cohen): ...": the owner's span
    label_end = 0  # where an action label ("ACTION:", "#action") ends, if the item has one
    pos = start
    logged = _LOGGED.search(text, start, end)
    end = logged.start() if logged else end  # "... (tamsin, 15:09:44)": who logged it, when
    b = BULLET.match(text, pos, end)
    if b:
        pos = b.end()
    arrow = ARROW.match(text, pos, end)  # "-> Julian to propose text": a conclusion's mark
    pos = arrow.end() if arrow else pos
    for _ in range(2):
        mk = MARK.match(text, pos, end)
        if mk and mk.group().strip():
            status = "done" if (mk.group(1) or mk.group(3)) else "open"
            pos = mk.end()
        lb = LABEL.match(text, pos, end)
        if lb:
            word = lb.group().strip(" :-–—").upper()
            status = {"DONE": "done", "TODO": "open"}.get(word.split("(")[0].strip(), status)
            if lb.group("owner"):
                labelled = lb.span("owner")
            pos = label_end = lb.end()
    while pos < end and text[pos].isspace():
        pos += 1
    struck = text.startswith("~~", pos)  # "~~Lea will rename the branch~~": done
    pos += 2 if struck else 0
    if pos >= end:
        return None
    body = text[pos:end]
    if status == "unknown":
        status = (
            "done"
            if struck or span.done or _DONE_WORD.search(body)
            else "open"
            if _OPEN_WORD.search(body)
            else status
        )
    owner = FOR_OWNER.match(text, pos, end)
    if cols and "who" in cols:
        who = cells[cols["who"]] if cols["who"] < len(cells) else (end, end)
        assignees = split_names(text, *who)
    elif owner:  # "For Cody: check the compilers"
        assignees = (Mention(owner.group(1), owner.start(1), owner.end(1)),)
        pos = owner.end()
    elif labelled:  # "AI(Kiran Patel): collect the numbers"
        assignees = split_names(text, *labelled)
    elif bracket := _BRACKET_OWNER.match(text, pos, end):  # "[Keoni] file the contract"
        assignees = split_names(text, *bracket.span(1))
        pos = bracket.end() if assignees else pos
    else:
        assignees, rest = leading_names(text, pos, end)
        if assignees and _OWNER_COLON.fullmatch(text, pos, rest + 1):
            pos = rest  # "Dana: book the room": the label names the owner, the task follows
        handle = None if assignees else _HANDLE_LABEL.match(text, pos, end)
        if handle and _not_english(handle.group(1).lstrip("@")):
            # "mmccool: clean up the HTML": a handle in lower case labels the owner's line
            assignees = [Mention(handle.group(1), handle.start(1), handle.end(1))]
            pos = handle.end()
        after_mark = bool(label_end or arrow)  # an action label or an arrow opens the line
        nick = None if assignees or not after_mark else _LABELLED_NICK.match(text, pos, end)
        if nick and (_not_english(nick.group(1)) or _group_noun(nick.group(1))):
            # "#action obrien bisect the job", "Action item: chairs to schedule an interim"
            assignees = [Mention(nick.group(1), nick.start(1), nick.end(1))]
            pos = nick.end()
    year, day_first = ctx.year, ctx.day_first
    due, text_end = _due(text, pos, end, ctx)
    if cols and "due" in cols and cols["due"] < len(cells):
        cell = cells[cols["due"]]
        cell_due = [
            d
            for d in find_dates(text, *cell, year, day_first, short_numeric=True)
            if d.precision == "day"
        ]
        if not cell_due and (compact := _COMPACT_DAY.fullmatch(text, *cell)):
            due = "-".join(compact.groups())  # "20240827": the day written without separators
        due = cell_due[0].first if cell_due else due
    if cols and "status" in cols and cols["status"] < len(cells):
        cell = text[slice(*cells[cols["status"]])].strip(" .").lower()
        # "Done 20240820", "closed - merged": the cell's first word says it
        status = _STATUS_CELL.get(cell) or _STATUS_CELL.get(cell.split(" ", 1)[0], status)
    words = " ".join(text[pos:text_end].split()).rstrip(" ;,:([-–—")
    words = words[:-2].rstrip() if struck and words.endswith("~~") else words
    if text_end < end:  # a due date was cut off the end: no dangling full stop either
        words = words.rstrip(" .")
    tail = _STATUS_TAIL.search(words)
    if tail and len(words[: tail.start()].split()) >= 2:  # "... (carried over": a status
        words = words[: tail.start()]
    if not words or (not assignees and (needs_name or len(words.split()) < 2)):
        return None
    tickets = find_tickets(text[start : max(end, span.notes_end)], ctx.prefixes)
    return RawAction(pos, end, words, tuple(assignees), due, status, tickets, span.planned)


#: names labelling an item with a colon: "Dana:", "Li & Bo:" (not "Devel::Module")
_OWNER_COLON = re.compile(r"[^:\n]*[^:\s][ \t]*:\s")
#: a line labelled with a handle in lower case: "mmccool: clean up the HTML"
_HANDLE_LABEL = re.compile(r"(@?[a-z][a-z0-9_.-]{1,30})[ \t]*:[ \t]+(?=\S)")
#: after an action label, the nick of the one who does it: "#action obrien bisect the job"
_LABELLED_NICK = re.compile(r"([a-z][a-z0-9_.-]{1,30})[ \t]+(?:to[ \t]+)?(?=[a-z])")
#: an owner in brackets opening an item: "[Keoni] file the contract", "[Ana, Bo] ..."
_BRACKET_OWNER = re.compile(r"\[([A-Z@][^\[\]\n]{0,60}[a-z][^\[\]\n]{0,20})\][ \t]*:?[ \t]+(?=\S)")
#: a due cell holding a day with no separators: "20240827"
_COMPACT_DAY = re.compile(r"[ \t]*((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[ \t]*")
#: who logged an item and when, closing a MeetBot summary line: "(tamsin, 15:09:44)"
_LOGGED = re.compile(r"\s*\([\w.@|-]{1,30},[ \t]*\d{1,2}:\d{2}(?::\d{2})?\)[ \t]*$")


def _not_english(word: str) -> bool:
    """A lower-case word no English dictionary lists: a handle ("mmccool"), not a topic
    label ("note", "update", "backports")."""
    from ingest.extract.naming import load_lexicon
    from ingest.extract.nlp import load_language

    lexicon = load_lexicon(load_language())
    return (
        len(word) >= 2 and word not in lexicon and not (word.endswith("s") and word[:-1] in lexicon)
    )


def _next_meeting(text: str, year: int | None, anchor: str | None) -> str | None:
    """The day the minutes give for the next meeting ("Next meeting: Thursday 13 Jun")."""
    for m in _NEXT_MEETING.finditer(text):
        if _DUE_CUE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "by the next call" refers to it, it does not date it
        stop = min(text.find("\n", m.end()) % (len(text) + 1), m.end() + 80)
        days = [
            d for d in find_dates(text, m.end(), stop, year) if d.precision == "day"
        ] or find_relative_dates(text, m.end(), stop, anchor)
        if days and (anchor is None or days[0].first > anchor):
            return days[0].first
    return None


def _due(text: str, start: int, end: int, ctx: _Context) -> tuple[str | None, int]:
    """The due date and where the action's text ends (before a closing date).

    A date written relative to the meeting ("by Friday", "end of month") counts when
    no calendar date does, after a due cue or closing the item; "by the next meeting"
    is the day the minutes give for it.
    """
    dates = [
        d
        for d in find_dates(text, start, end, ctx.year, ctx.day_first, short_numeric=True)
        if d.precision == "day"
    ] or find_relative_dates(text, start, end, ctx.anchor)
    for d in reversed(dates):
        if TRAILER.match(text[d.end : end]):
            cue = _DUE_CUE.search(text, max(start, d.start - 20), d.start)
            return d.first, cue.start() if cue else d.start
        if _DUE_CUE.search(text, max(start, d.start - 20), d.start):
            return d.first, end
    by_next = _BY_NEXT_MEETING.search(text, start, end)
    if by_next and ctx.next_meeting:
        closes = TRAILER.match(text[by_next.end() : end]) is not None
        return ctx.next_meeting, by_next.start() if closes else end
    return None, end


def _normal(words: str, assignees: tuple[Mention, ...]) -> str:
    for m in assignees:
        words = words.replace(m.text, " ")
    return " ".join(re.findall(r"[a-z0-9]+", words.lower()))
