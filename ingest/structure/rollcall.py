"""Roll calls: who attended, who sent regrets, and what the roll call says about each person.

- attendees are the entries under an ``Attendees`` / ``Present`` / ``Roll call`` heading
  or after an ``Attendees:`` / ``Present:`` label; a labelled list may wrap over several
  lines (a line ending with a comma, or an indented continuation line);
- absentees are named the same way by ``Regrets`` / ``Absent`` / ``Apologies``, or marked
  ``(regrets)`` in the attendee list;
- a roll-call entry may carry tags after the name: a handle ``(@amaranw)``, a role
  ``(Chair)``, ``(lead)``, ``— TSC chair``, ``— release manager``, and an affiliation
  ``(Northwind University)``, ``— guest, Corvane Systems``, ``(guest, Kestrel Labs)``.
  :func:`roll_call_tags` reads them: a role is never an organisation, an affiliation is
  the capitalised name that is not a role.

>>> text = "Amara Nwosu (@amaranw) — TSC chair"
>>> tags = roll_call_tags(text, 11)
>>> tags.handle, tags.roles, tags.leads, tags.affiliation
('amaranw', ('TSC chair',), True, None)
>>> text = "Tamsin Wright (guest, Ostrava Instruments)"
>>> tags = roll_call_tags(text, 13)
>>> tags.roles, text[slice(*tags.affiliation)]
(('guest',), 'Ostrava Instruments')
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.model import Block, Mention, Structure
from ingest.structure.names import split_names

__all__ = [
    "RollCallTags",
    "absentees",
    "affiliated_entries",
    "attendees",
    "roll_call_tags",
    "role_holders",
    "ROLE_WORDS",
]


def _word_list(file_name: str, key: str) -> frozenset[str]:
    """The words listed under ``key`` in ``data/vocab/<file_name>`` (lower case); none if
    the file or the key is missing."""
    import yaml

    from ingest.resolve.vocab import default_vocab_dir

    path = Path(default_vocab_dir()) / file_name
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    words = data.get(key) if isinstance(data, dict) else None
    return frozenset(" ".join(str(w).lower().split()) for w in words or ())


#: words that name a role in a roll call, never an organisation or a person
#: (``roll_call_roles`` of ``data/vocab/roles.yaml``)
ROLE_WORDS = _word_list("roles.yaml", "roll_call_roles")
#: roles that make the person lead the body whose meeting it is (``lead_roles``)
LEAD_ROLES = _word_list("roles.yaml", "lead_roles")
#: header cells of a roll-call table's person column and affiliation column
#: (``name_columns``, ``affiliation_columns``)
NAME_COLUMNS = _word_list("roles.yaml", "name_columns")
AFFILIATION_COLUMNS = _word_list("roles.yaml", "affiliation_columns")
#: what a person made or said: ``Zofia's review`` (``personal_works``)
PERSONAL_WORKS = _word_list("roles.yaml", "personal_works")
FIRST_NAME_COLUMNS = _word_list("roles.yaml", "first_name_columns")
LAST_NAME_COLUMNS = _word_list("roles.yaml", "last_name_columns")

_ITEM = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]*)?(?=\S)")
#: a word that makes a heading or label an attendance list
_ATTEND_WORD = (
    r"(?:attendees?|attendance|present|participants?|attending|roll[ -]?call|people present|"
    r"who|in attendance)"
)
_ATTENDEE_HEADING = re.compile(
    rf"^(?:{_ATTEND_WORD}|(?:[\w'’-]+[ \t/&]+){{1,4}}{_ATTEND_WORD}|"
    rf"{_ATTEND_WORD}(?:[ \t]*[/&][ \t]*[\w'’-]+){{1,2}})"
    # "Present (4):", "Present [Ana away]:", "Attendees::" (a wiki's or reST's label)
    r"(?:\s*\([^)]*\)|\s*\\?\[[^\[\]\n]{1,40}\\?\])?\s*:{0,2}$"
    # "Who: Data WG:" over the list; "People::" (a label, never a bare "People" heading)
    rf"|^{_ATTEND_WORD}[ \t]*:[ \t]*[\w][\w .&'’-]{{0,30}}:$|^people[ \t]*::?$",
    re.I,
)
_ATTENDEE_LABEL = re.compile(
    # ":   Members present:" (a definition list's entry)
    r"^(?:[-*+•][ \t]+|:[ \t]+)?:?(?:[\w'’-]+[ \t]+){0,3}(?:attendees?|(?:also )?present|"
    r"participants?|attend(?:ing|ed)|guests?|invited(?: guests?)?|observers?|visitors?|"
    r"roll[ -]?call|in attendance|members present|remote(?:ly)?|"
    r"voting members)"
    r"(?:[ \t]*[/&][ \t]*[\w'’-]+){0,2}"
    # "Attendees at the end of the call:", "Present for the vote:"
    r"(?:[ \t]+(?:at|in|for|from|during|on)[ \t]+[\w'’ -]{1,40}?)?"
    r"(?:\s*\([^()\n]{0,30}\)|\s*\\?\[[^\[\]\n]{1,40}\\?\])?\s*:(?!:)\s*(?=\S)"
    # "Attendance (6): Ana, Bo", the word alone ("Location for in-person attendance:" is none)
    r"|^(?:[-*+•][ \t]+)?(?:attendance|on the (?:call|line)|joining|joined|dial(?:l)?ed in)"
    r"(?:[ \t]*\([^()\n]{0,30}\))?[ \t]*:[ \t]*(?=\S)",
    re.I,
)
#: words that make an attendance-like heading a list of the absent ("Not present", "Absent")
#: or of other meetings ("Attended recently in the past")
_NOT_THERE = re.compile(
    r"\b(?:not|absent|regrets|apologies|excused|unable|past|previous|previously|recently|"
    r"earlier|last)\b",
    re.I,
)
MARKED_ABSENT = re.compile(r"\s*\((?:regrets|absent|apologies|excused|sent regrets)\)", re.I)
_ABSENT_HEADING = re.compile(
    r"^(?:[\w'’-]+[ \t]+){0,2}(?:regrets|absent|apologies|excused|not present)\s*:?$", re.I
)  # "Regrets", "Directors absent:"
_ABSENT_LABEL = re.compile(
    r"^(?:[-*+•][ \t]+)?:?(?:regrets?|absent|apologies|excused|unable to attend|not present)"
    r"\s*:\s*(?=\S)",
    re.I,
)
_ANY_LABEL = re.compile(r"^[\w][\w /-]{0,30}:(?:\s|$)")
_SENTENCE_END = re.compile(r"[.!?:]\s*$")
_WRAPS = re.compile(r"(?:[,;&]|\band)\s*$")
_GROUP = re.compile(r"[ \t]*(?:\(([^()\n]*)\)|\[([^\[\]\n]*)\]|<([^<>\s]*@[^<>\s]*)>)")
#: a spaced dash, or the spaces aligning a plain-text roll call's columns
_DASH = re.compile(r"[ \t]+(?:[—–]|-{1,2})[ \t]+(?=\S)| {3,}(?=\S)")
_HANDLE = re.compile(r"@([\w.-]*\w)")
_COMMA_ROLE = re.compile(r",[ \t]+((?:[\w-]+ ){0,3}[\w-]+)(?=[ \t]*(?:$|[,;]))", re.M)
_CAPITALISED = re.compile(r"[A-Z][\w&.'’-]*(?:[ \t]+(?:of|for|and|&|de|the|[A-Z][\w&.'’-]*))*")


@dataclass(frozen=True)
class RollCallTags:
    """What a roll-call entry says after the name: a handle, roles, an affiliation span."""

    handle: str | None = None
    roles: tuple[str, ...] = ()
    affiliation: tuple[int, int] | None = None
    end: int = 0  # where the tags end
    #: every affiliation named (``(IBM, TAC)``: the company and the body); the first is
    #: ``affiliation``
    affiliations: tuple[tuple[int, int], ...] = ()

    @property
    def leads(self) -> bool:
        """Whether a role makes the person lead the meeting's body (``Chair``, ``TSC chair``)."""
        return any(r.lower().split()[-1] in LEAD_ROLES for r in self.roles)


def _is_role(part: str) -> bool:
    words = part.lower().replace("(", " ").split()
    return bool(words) and (words[-1] in ROLE_WORDS or words[0] in ROLE_WORDS or part[0].islower())


def _header_word(cell: str) -> str:
    """A header cell as a column name: ``**Affiliation**`` -> ``affiliation``."""
    return " ".join(cell.strip(" \t*_:`").lower().replace("/", " / ").split())


def split_name_columns(header: Sequence[str]) -> tuple[int, int] | None:
    """The given-name and family-name columns of a roll-call table that splits the name
    (``First Name | Last Name | Company``), or ``None``."""
    words = [_header_word(cell) for cell in header]
    first = next((n for n, w in enumerate(words) if w in FIRST_NAME_COLUMNS), None)
    last = next((n for n, w in enumerate(words) if w in LAST_NAME_COLUMNS), None)
    if first is None or last is None or last != first + 1:
        return None
    return first, last


def table_columns(header: Sequence[str]) -> tuple[int, int] | None:
    """The person and affiliation columns of a roll-call table's header row
    (``Name | Affiliation``, ``Attendee | Organization | Role``; the family-name column of
    ``First Name | Last Name | Company``), or ``None``."""
    words = [_header_word(cell) for cell in header]
    split = split_name_columns(header)
    name = split[1] if split else next((n for n, w in enumerate(words) if w in NAME_COLUMNS), None)
    org = next((n for n, w in enumerate(words) if w in AFFILIATION_COLUMNS), None)
    return None if name is None or org is None else (name, org)


#: a roll-call table's column that marks each row present or not ("Attended", "Present?")
_MARK_COLUMN = re.compile(r"(?:attended|present|attendance|here|in attendance)\??", re.I)


def mark_columns(header: Sequence[str]) -> tuple[int, int] | None:
    """The person column and the presence-mark column of a roll-call table whose rows say
    who came (``Member | Attended``, ``Name | Org | Present``), or ``None``."""
    words = [_header_word(cell) for cell in header]
    name = next((n for n, w in enumerate(words) if w in NAME_COLUMNS), None)
    mark = next((n for n, w in enumerate(words) if _MARK_COLUMN.fullmatch(w)), None)
    return None if name is None or mark is None else (name, mark)


def _cell_affiliation(text: str, end: int) -> tuple[int, int] | None:
    """The affiliation cell of the table row whose person cell ends at ``end``: the row's
    cell in the column its table's header names ``Affiliation`` / ``Company`` ..."""
    if not re.match(r"[ \t*_]*\t", text[end : end + 40]):
        return None
    line_start = text.rfind("\n", 0, end) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    column = text.count("\t", line_start, end)
    header_start = line_start
    for _ in range(200):  # up the table to its header row: the first line with a tab
        if header_start == 0:
            break
        prev = text.rfind("\n", 0, header_start - 1) + 1
        if prev == header_start - 1 and prev > 0:  # a Markdown table's "| --- |" line, gone
            prev = text.rfind("\n", 0, prev - 1) + 1
            above = text.rfind("\n", 0, prev - 1) + 1 if prev else prev
            if "\t" in text[prev : header_start - 2] and (
                prev == 0 or "\t" not in text[above : prev - 1]
            ):  # a one-line header above the blank
                header_start = prev
            break
        if "\t" not in text[prev : header_start - 1]:
            break
        header_start = prev
    header_end = text.find("\n", header_start)
    header = text[header_start : len(text) if header_end < 0 else header_end].split("\t")
    columns = table_columns(header)
    if columns is None or columns[0] != column or header_start == line_start:
        return None
    cells = text[line_start:line_end].split("\t")
    if columns[1] >= len(cells):
        return None
    s = line_start + sum(len(c) + 1 for c in cells[: columns[1]])
    e = s + len(cells[columns[1]])
    while s < e and text[s] in " \t*_":
        s += 1
    while e > s and text[e - 1] in " \t*_.":
        e -= 1
    return (s, e) if s < e and (text[s].isupper() or text[s].isdigit()) else None


def roll_call_tags(text: str, end: int, affiliated: bool = False) -> RollCallTags:
    """The tags written after the name ending at ``end``, up to the end of its line.

    ``affiliated``: the roll call writes ``Name, Affiliation`` on its lines (see
    :func:`affiliated_entries`), so the part after the comma is an affiliation whatever
    its shape (``Hana Sato, Northwind Labs``)."""
    handle: str | None = None
    roles: list[str] = []
    affiliation: tuple[int, int] | None = None
    spans: list[tuple[int, int]] = []
    parts: list[tuple[int, int]] = []
    pos = end
    cell = _cell_affiliation(text, end)
    if cell is not None:  # "Ana Lima <tab> Acme Labs" under "Name <tab> Affiliation"
        return RollCallTags(None, (), cell, cell[1], (cell,))
    line_start = text.rfind("\n", 0, end) + 1
    bullet = _ITEM.match(text, line_start, end)
    group = _group_label(text, bullet.end() if bullet else line_start, end)
    if group and group[1] < end:  # "- Hollow Labs: Ines Duarte, Magnus Berg"
        return RollCallTags(None, (), group, end, (group,))
    joined = _JOINED_NAMES.match(text, pos)
    if joined and _AFFILIATION_REST.match(text, joined.end()):
        pos = joined.end()  # "Ana Lima & Bo Chen, Acme": the tags are both people's
    while True:
        m = _GROUP.match(text, pos)
        if not m:
            break
        if m.group(3) is not None:  # "<ana@example.org>": a mail address, no tag
            pos = m.end()
            continue
        g = 1 if m.group(1) is not None else 2
        parts += _parts(text, m.start(g), m.end(g), dash=True)
        pos = m.end()
    comma = _COMMA_ROLE.match(text, pos)
    last = _LAST_PART.match(text, pos)
    if comma and comma.group(1).lower().split()[-1] in ROLE_WORDS:  # "Ann Lee, TSC chair"
        parts.append((comma.start(1), comma.end(1)))
        pos = comma.end()
    elif (
        last
        and _organisation_shaped(last.group(1))
        and "," not in text[text.rfind("\n", 0, end) + 1 : end]
    ):  # "Gordon Lee, Autodesk" alone on its line (not the last of "Ana, Bo, Cy")
        parts.append((last.start(1), last.end(1)))
        pos = last.end(1)
    elif affiliated and "," not in text[text.rfind("\n", 0, end) + 1 : end]:
        whole = _AFFILIATION_REST.match(text, pos)
        if whole:  # "Tom Reyes, Acme Pictures, Inc." in a "Name, Affiliation" list
            s, e = whole.start(1), whole.end(1)
            tail = _TRAILING_GROUP.search(text, s, e)
            if tail and tail.start() > s:  # "Ana Lima, Acme Labs (chair)": a role after it
                parts += _parts(text, tail.start(1), tail.end(1), dash=True)
                e = tail.start()
            spans.append((s, e))
            affiliation = affiliation or spans[0]
            pos = whole.end(1)
    dash = _DASH.match(text, pos)
    if dash:
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        parts += _parts(text, dash.end(), line_end)
        pos = line_end
    line_start = max(text.rfind("\n", 0, end), text.rfind(",", 0, end), text.rfind(":", 0, end))
    name_initials = "".join(w[:1] for w in re.split(r"[\s-]+", text[line_start + 1 : end]) if w)
    for s, e in parts:
        part = text[s:e]
        h = _HANDLE.fullmatch(part)
        if len(part) >= 2 and part.isupper() and part.isalpha() and part == name_initials.upper():
            continue  # "Rosalind Achterberg (RA)": her initials, no organisation
        if h:
            handle = handle or h.group(1)
        elif _is_role(part):
            roles.append(part)
        else:
            m = _CAPITALISED.fullmatch(part)
            if m and not any(c.isdigit() for c in part):
                affiliation = affiliation or (s, e)
                spans.append((s, e))
    return RollCallTags(handle, tuple(roles), affiliation, pos, tuple(spans))


#: a bracketed tag closing an entry: `` (chair)``
_TRAILING_GROUP = re.compile(r"[ \t]*\(([^()\n]*)\)[ \t]*$", re.M)
#: ``, Acme Pictures, Inc.`` or ``, 42 Robotics`` closing a line of a ``Name, Affiliation``
#: roll call
_AFFILIATION_REST = re.compile(r",[ \t]+([A-Z0-9][^;\n]*?)[ \t]*$", re.M)
#: more names joined to an entry's name before its tags: `` & Bo Chen`` in ``Ana Lima &
#: Bo Chen, Acme``
_JOINED_NAMES = re.compile(
    r"(?:[ \t]*(?:&|\+|\band\b)[ \t]*[A-Z\u00C0-\u00DE][\w'’.-]*"
    r"(?:[ \t]+[A-Z\u00C0-\u00DE][\w'’.-]*){1,3})+"
)
#: the first name of a roll-call entry (``Ana Lima``, ``- [x] Ana Lima``)
_ENTRY_NAME = re.compile(
    r"[ \t]*(?:[-*+•][ \t]+)?(?:\[[ xX]\][ \t]*)?[A-Z\u00C0-\u00DE][\w'’.-]*"
    r"(?:[ \t]+[A-Z\u00C0-\u00DE][\w'’.-]*){1,3}"
)


#: what follows the name of a ``Name, Affiliation`` entry (a role in brackets may close it)
_ENTRY_REST = re.compile(r",[ \t]+([^,;()]+?)[ \t.]*(?:\([^()\n]*\)[ \t.]*)?")
_BULLETED = re.compile(r"[ \t]*[-*+•][ \t]")


def affiliated_entries(entries: Sequence[str]) -> bool:
    """Whether the entries of a roll call (``Ana Lima, Acme``, one per line or list item)
    write ``Name, Affiliation``: two or more of those with one comma after a full name
    end in an organisation-shaped part (one word, an organisation word, a number:
    ``Acme``, ``Quill Corporation``, ``42 Bridges``), or three or more bullets do with any
    capitalised part (a bullet lists one person), and at least half of them do."""
    shaped = total = bulleted = 0
    for entry in entries:
        name = _ENTRY_NAME.match(entry)
        rest = entry[name.end() :] if name else ""
        m = _ENTRY_REST.fullmatch(rest) if name else None
        if m is None:
            continue
        total += 1
        part = m.group(1)
        shaped += part[:1].isdigit() or (part[:1].isupper() and _organisation_shaped(part))
        bulleted += bool(_BULLETED.match(entry)) and bool(_CAPITALISED.fullmatch(part))
    # "- Ana Lima, Acme Labs" on three bullets or more: one person a bullet, and an affiliation
    return (shaped >= 2 or bulleted >= 3) and 2 * max(shaped, bulleted) >= total


#: ``, Acme`` or ``, Quill Pictures Pty Ltd`` closing a roll-call line
_LAST_PART = re.compile(r",[ \t]+([A-Z][^,;\n]*?)[ \t.]*$", re.M)
#: words that end an organisation's name (``organization_endings`` of
#: ``data/vocab/name_rules.yaml``)
_ORG_ENDINGS = _word_list("name_rules.yaml", "organization_endings")


def _organisation_shaped(part: str) -> bool:
    """Whether the last comma part of a roll-call line names an organisation rather than
    another person: one word (``Autodesk``), or a name ending in an organisation word."""
    words = part.split()
    return len(words) == 1 or words[-1].lower() in _ORG_ENDINGS


def _parts(text: str, start: int, end: int, dash: bool = False) -> list[tuple[int, int]]:
    """The comma-separated parts of ``text[start:end]``, stripped; ``dash``: a spaced dash
    separates parts too (``(Data Lab - Quill University)``)."""
    parts = []
    pattern = r"(?:[^,;\s]|\s(?![-–—]\s))+" if dash else r"[^,;]+"
    for m in re.finditer(pattern, text[start:end]):
        s, e = start + m.start(), start + m.end()
        while s < e and (
            text[s] in " \t" or (dash and text[s] in "-–—" and s + 1 < e and text[s + 1] == " ")
        ):
            s += 1
        while e > s and text[e - 1] in " \t.":
            e -= 1
        if s < e:
            parts.append((s, e))
    return parts


def _bare_label(
    block: Block,
    line: str,
    heading: re.Pattern[str],
    text: str = "",
    following: Block | None = None,
) -> bool:
    """``Present:`` alone on its line, its names on the lines below; or ``Present`` without
    its colon, the names indented on the lines below (a scribe's log)."""
    if block.kind != "paragraph" or not heading.match(line.strip("*_# \t")):
        return False
    if line.endswith(":"):
        return True
    if following is not None and _list_below(text, block, following):
        return True  # "__Participants__", a blank line, then "* ana" "* bo"
    if following is None or "\n\n" in text[block.end : following.start]:
        return False
    lead = text[text.rfind("\n", 0, following.start) + 1 : following.start]
    return bool(lead) and not lead.strip(" \t")


def _list_below(text: str, block: Block, following: Block) -> bool:
    """Whether the one-line label ``block`` stands over the list that starts at
    ``following`` with a blank line between them (plain-text and AsciiDoc minutes)."""
    return (
        following.kind == "item"
        and "\n" not in text[block.start : block.end]
        and not text[block.end : following.start].strip()
    )


#: a list item that is only an attendance label, its names nested below it: ``* **Attendees**``
_LABEL_ITEM = re.compile(r"[ \t]*[-*+•][ \t]+[*_]{0,2}([^*_\n]{3,40}?)[*_]{0,2}[ \t]*:?[ \t]*")


def _label_item(text: str, blocks: Sequence[Block], k: int, heading: re.Pattern[str]) -> bool:
    """Whether item ``k`` holds only a label ``heading`` matches, with items nested deeper
    below it (``* **Attendees**`` over ``    * Ana Lima``)."""
    block = blocks[k]
    if block.kind != "item" or k + 1 >= len(blocks):
        return False
    m = _LABEL_ITEM.fullmatch(text, block.start, block.end)
    nxt = blocks[k + 1]
    return bool(
        m
        and heading.match(m.group(1))
        and not (heading is _ATTENDEE_HEADING and _NOT_THERE.search(m.group(1)))
        and nxt.kind in ("item", "row")
        and nxt.level > block.level
    )


#: a scribe bot's roll call: ``present+ Ana_Lima``, ``<ana> present+ Bo, Cy``
_PLUS = re.compile(r"^[ \t]*(?:<[^<>\n]{1,30}>[ \t]*)?(present|regrets)\+[ \t]*(?=\S)", re.I | re.M)


def _plus_lines(text: str, block: Block, kind: str) -> list[Mention]:
    """The people ``present+`` (``kind`` "present") or ``regrets+`` lines of ``block`` name."""
    found: list[Mention] = []
    for m in _PLUS.finditer(text, block.start, block.end):
        if m.group(1).lower() == kind:
            nl = text.find("\n", m.end(), block.end)
            found += split_names(text, m.end(), block.end if nl < 0 else nl)
    return found


def _names_line(line: str) -> bool:
    """A line that only lists full names, comma-separated (``Ana Lima, Bo Chen, Cy Diaz``)."""
    parts = [p.strip() for p in line.split(",")]
    return len(parts) >= 2 and all(
        1 < len(p.split()) <= 4 and all(w[:1].isupper() for w in p.split()) for p in parts
    )


def _lone_name(line: str) -> bool:
    """A line that is one full name and nothing else (``Ana Lima``): two to four capitalised
    words, none of them a common word (``Next Steps`` is no name)."""
    from ingest.resolve.people import dictionary

    words = line.split()
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.fullmatch(w) for w in words):
        return False
    common, proper = dictionary()
    return not any(w.lower() in common and w not in proper for w in words)


_NAME_WORD = re.compile(r"[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF'’-]+")
#: a plain-text heading's underline (``=====``, ``-----``)
_UNDERLINE = re.compile(r"[ \t]*([=~^-])\1{2,}[ \t]*")


def _underlined(text: str, following: Block | None) -> bool:
    """Whether ``following`` is only the underline of a plain-text heading."""
    return (
        following is not None
        and following.kind == "paragraph"
        and bool(_UNDERLINE.fullmatch(text, following.start, following.end))
    )


def _continues(text: str, prev: Block, block: Block) -> bool:
    """Whether ``block`` wraps the labelled list of ``prev`` onto another line."""
    if block.kind not in ("paragraph", "heading") or "\n\n" in text[prev.end : block.start]:
        return False
    line = text[block.start : block.end]
    if _ANY_LABEL.match(line) or len(line.split()) > 30:
        return False
    lead = text[text.rfind("\n", 0, block.start) + 1 : block.start]
    indented = bool(lead) and not lead.strip(" \t")  # not "## Notes"
    if indented or _WRAPS.search(text[prev.start : prev.end]):
        return True
    # "..., Casimir" / "Nowak, Nadia Haddad": a name broken over two lines
    return (
        text[prev.end - 1].isalpha()
        and line[:1].isupper()
        and not _SENTENCE_END.search(line)
        and "," in line
        and all(len(piece.split()) <= 5 for piece in re.split(r"[,;]", line))
    )


def _labelled(
    text: str, blocks: Sequence[Block], k: int, label_end: int
) -> tuple[list[Mention], int]:
    """The names of a labelled list starting in block ``k``, and the last block it spans."""
    first = k
    while k + 1 < len(blocks) and _continues(text, blocks[k], blocks[k + 1]):
        k += 1
    if k == first:
        names = split_names(text, label_end, blocks[k].end, roles=True)
        return _with_nicks(text, label_end, blocks[k].end, list(names)), k
    return list(split_names(text, label_end, blocks[k].end, wrapped=True)), k


#: a roll-call bullet that is a lower-case nick, maybe with the lines it said: ``ylopez (30)``
_NICK_ENTRY = re.compile(r"([a-z][a-z0-9_.|-]{1,24})(?:[ \t]+\(\d+\))?[ \t]*")
#: a chat nick in a roll call: ``rdesai``, ``tolu_a``, ``lea-f``, ``Ana_Lima``
_NICK = re.compile(
    r"[a-z][a-z0-9_.|-]{1,24}|[A-Za-z][\w.-]*_[\w.-]+"
    r"|[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z][A-Za-z]*[0-9]+[A-Za-z0-9]*"  # "DrWoo", "K900"
)


def _with_nicks(text: str, start: int, end: int, names: list[Mention]) -> list[Mention]:
    """``names`` and the chat nicks of a one-line comma list that holds nothing else (an IRC
    meeting's ``present: hkowalczyk, amartins, tolu_a``): a nick is no capitalised name."""
    pieces = [
        (start + m.start(), start + m.end())
        for m in re.finditer(r"[^,;]+", text[start:end])
        if m.group(0).strip()
    ]
    extra: list[Mention] = []
    for s, e in pieces:
        while text[s] in " \t":
            s += 1
        while text[e - 1] in " \t.":
            e -= 1
        if any(s <= n.start < e for n in names):
            continue
        if not _NICK.fullmatch(text, s, e):
            return names  # a piece that is neither a name nor a nick: not a plain list
        extra.append(Mention(text[s:e], s, e))
    if len(pieces) < 2 or not extra:
        return names
    return sorted([*names, *extra], key=lambda m: m.start)


#: the last documents' absentees: eight components ask for them per document, and reading
#: them is 7% of extraction's CPU; a Structure is frozen, so the answer for one stays right
_ABSENTEES: dict[int, tuple[Structure, tuple[Mention, ...]]] = {}


def absentees(structure: Structure) -> tuple[Mention, ...]:
    """People a ``Regrets:`` / ``Absent:`` / ``Apologies:`` line names: people, not attendees.
    (Computed once per document: see :func:`_absentees`.)"""
    held = _ABSENTEES.get(id(structure))
    if held is not None and held[0] is structure:
        return held[1]
    found = _absentees(structure)
    if len(_ABSENTEES) >= 8:
        _ABSENTEES.pop(next(iter(_ABSENTEES)))
    _ABSENTEES[id(structure)] = (structure, found)
    return found


def _absentees(structure: Structure) -> tuple[Mention, ...]:
    """People a ``Regrets:`` / ``Absent:`` / ``Apologies:`` line names: people, not attendees.

    >>> from ingest.read.clean import clean
    >>> from ingest.model import SourceText
    >>> from ingest.structure.document import parse_structure
    >>> s = parse_structure(clean(SourceText("m.md", "Sync\\n\\n- **Regrets:** Bo Chen\\n")))
    >>> [m.text for m in absentees(s)], s.attendees
    (['Bo Chen'], ())
    """
    text = structure.clean.text
    blocks = structure.blocks
    found: list[Mention] = []
    in_section = False  # under a "Regrets" / "Apologies" heading
    bare = False
    listed = {m.start for m in structure.attendees}
    skip_to = -1
    affiliated = affiliated_entries(text.splitlines())
    for k, block in enumerate(blocks):
        if block.kind in ("paragraph", "item") and any(
            _attendance_heading(h) for h in block.section
        ):
            found += _unticked(text, block.start, block.end, affiliated)
        if block.kind != "row":  # "Tom Whitfield (regrets)" in the attendee list
            found += [
                m
                for m in split_names(text, block.start, block.end)
                if m.start not in listed and MARKED_ABSENT.match(text, m.end)
            ]
        if k <= skip_to:
            continue
        line = text[block.start : block.end]
        if block.kind != "row":
            found += _plus_lines(text, block, "regrets")
        following = blocks[k + 1] if k + 1 < len(blocks) else None
        if (
            block.kind in ("heading", "title")
            or _bare_label(block, line, _ABSENT_HEADING, text, following)
            or _bare_label(block, line, _ATTENDEE_HEADING, text, following)
        ):
            in_section = bool(_ABSENT_HEADING.match(line.strip("*# "))) or (
                block.kind == "heading"
                and any(_attendance_heading(h) for h in block.section)
                and bool(_NOT_THERE.search(line))
            )  # "# Roll call" / "## Attended recently in the past"
            bare = block.kind == "paragraph"
            continue
        if in_section and bare and "\n\n" in text[blocks[k - 1].end : block.start]:
            in_section = False  # a bare "Absent:" list ends at a blank line
        m = _ABSENT_LABEL.match(line)
        if m and block.kind != "row":
            names, skip_to = _labelled(text, blocks, k, block.start + m.end())
            found.extend(names)
        elif in_section and block.kind == "item":
            s = _ITEM.match(text, block.start)
            found.extend(_entries(text, s.end() if s else block.start, block.end))
        elif in_section and block.kind == "paragraph" and len(line.split()) <= 20:
            found.extend(split_names(text, block.start, block.end, roles=True))
        else:
            in_section = False
    return tuple(found)


#: a ticked or unticked box opening a roll-call line ("[x] Ana Lima", "- [ ] Bo Chen")
_BOX = re.compile(r"[ \t]*(?:[-*+•][ \t]+)?\[([ xX✓✔])\][ \t]*")


def _first_comma(text: str, start: int, end: int) -> int:
    """Where the first comma outside brackets of ``text[start:end]`` is (``end``: none)."""
    depth = 0
    for i in range(start, end):
        depth += text[i] == "("
        depth -= text[i] == ")" and depth > 0
        if text[i] == "," and depth == 0:
            return i
    return end


def _unticked(text: str, start: int, end: int, affiliated: bool) -> list[Mention]:
    """The people of a ticked roll call's unticked lines (``[ ] Ana Lima, Acme``): members
    who were not there."""
    found: list[Mention] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        box = _BOX.match(text, start + line.start(), start + line.end())
        if box and box.group(1) == " ":
            found += _entries(text, box.end(), start + line.end(), False, affiliated)
    return found


def _top_level_commas(line: str) -> int:
    depth = n = 0
    for ch in line:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        n += ch == "," and depth == 0
    return n


#: an organisation labelling the people of its roll-call line: ``Hollow Labs: Ana, Bo``
_GROUP_LABEL = re.compile(r"[ \t]*([A-Z][\w&.'’-]*(?:[ \t]+[\w&.'’-]+){0,4}?)[ \t]*:[ \t]+(?=\S)")


def _group_label(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the organisation that labels a roll-call line (``Acme Labs: Ana Lima,
    Bo Chen``), or ``None``: a role (``Chair:``) or attendance label (``Guests:``) is none."""
    m = _GROUP_LABEL.match(text, start, end)
    if not m:
        return None
    label = m.group(1)
    words = label.lower().split()
    if (
        _is_role(label)
        or words[-1].rstrip("s") in ROLE_WORDS  # "Directors: Ana, Bo"
        or _ATTENDEE_LABEL.match(text[m.start(1) : m.end()])
        or _ABSENT_LABEL.match(text[m.start(1) : m.end()])
        or _attendance_heading(label)
        or words[-1] in ("notes", "minutes", "note", "agenda", "date", "time", "location")
    ):
        return None
    return m.start(1), m.end(1)


def _entries(
    text: str, start: int, end: int, item: bool = False, affiliated: bool = False
) -> list[Mention]:
    """The people of roll-call lines ``[start, end)``: an unticked box is someone absent;
    where every line holds one entry, ``Ana Lima, Acme`` is a name and its affiliation
    (read by the affiliation step), not two people."""
    lines: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        lines.append((pos, end if nl < 0 else nl))
        pos = end if nl < 0 else nl + 1
    one_per_line = len(lines) > 1 or any(text[s:e].lstrip()[:1] == "[" for s, e in lines)
    one_per_line = one_per_line and all(_top_level_commas(text[s:e]) <= 1 for s, e in lines)
    found: list[Mention] = []
    for s, e in lines:
        box = _BOX.match(text, s, e)
        if box and box.group(1) == " ":
            continue  # "[ ] Ken Lee": not ticked present
        s = box.end() if box else s
        group = _group_label(text, s, e)
        if group:  # "Hollow Labs: Ines Duarte, Magnus Berg": the people after the label
            s = group[1] + 1
            found.extend(_with_nicks(text, s, e, list(split_names(text, s, e, roles=True))))
            continue
        names = split_names(text, s, e, roles=True)
        label = _GROUP_LABEL.match(text, s, e)
        if label:  # "Core team: ana, bo_c, Cy": the nicks after a role's label too
            names = _with_nicks(text, label.end(), e, list(names))
        if (
            len(names) == 2
            and len(names[0].text.split()) >= 2
            and _top_level_commas(text[s:e]) == 1
        ):
            if (
                one_per_line
                or affiliated
                or (
                    item
                    and (len(names[1].text.split()) == 1 or _organisation_shaped(names[1].text))
                )
            ):
                names = names[:1]  # "Gordon Lee, Autodesk"
        elif item and names and len(names[0].text.split()) >= 2 and _titled_entry(text, s, e):
            names = names[:1]  # "- Ana Lima, Director of Engineering, Acme Cloud"
        elif affiliated and len(names) > 2 and len(names[0].text.split()) >= 2:
            comma = _first_comma(text, s, e)  # "Tom Reyes, Acme Pictures, Inc."
            names = [n for n in names if n.start < comma]  # "Ann Lee & Bo Chen, Acme"
        if names and len(names[0].text.split()) >= 2:  # "Wei Zhang, Runtime Maintainer": a role
            names = [
                names[0],
                *(n for n in names[1:] if n.text.lower().split()[-1] not in ROLE_WORDS),
            ]
        found.extend(names)
    return found


def _titled_entry(text: str, start: int, end: int) -> bool:
    """A bullet ``Name, Title, Company``: two commas or more after a full name, and the part
    after the first a job title (a role word, an acronym such as ``CTO``, or lower-case
    words such as ``of``, ``at``: ``Director of Engineering``, ``Member at large``)."""
    parts = [p.strip(" \t.") for p in text[start:end].split(",")]
    if len(parts) < 3 or not parts[1]:
        return False
    title = parts[1]
    return (
        _is_role(title)
        or (title.isupper() and title.isalpha() and len(title) <= 5)
        or any(w.islower() for w in title.split()[1:])
    )


#: a cell that marks a roll-call row present ("x", "✓", "yes")
_PRESENT_MARK = re.compile(r"[xX✓✔☑]|yes|y|present", re.I)
#: a header cell of a roll-call table ("Name/Affiliation", "Attendee", "Who")
_HEADER_CELL = re.compile(r"(?:names?|attendees?|participants?|who|person)\b", re.I)


def _name_cell(text: str, cells: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The cell of a roll-call table row that names the person: the first that is neither
    empty nor a presence mark (``x`` in a "put an x if present" column); ``None`` for
    a header row (``Name/Affiliation``)."""
    for cs, ce in cells:
        cell = text[cs:ce].strip(" \t*_")
        if not cell or _PRESENT_MARK.fullmatch(cell):
            continue
        return None if _HEADER_CELL.match(cell) else (cs, ce)
    return None


def _near_top(text: str, pos: int) -> bool:
    """Whether ``pos`` is where minutes give their roll call: the first third of the text, or
    its first 2,000 characters."""
    return pos < max(len(text) / 3, 2000)


def _split_name(
    text: str, cells: Sequence[tuple[int, int]], columns: tuple[int, int]
) -> list[Mention]:
    """The person a row of a ``First Name | Last Name`` table names: one mention over both
    cells, its text the two names joined by a space."""
    if columns[1] >= len(cells):
        return []
    (fs, fe), (ls, le) = cells[columns[0]], cells[columns[1]]
    first, last = text[fs:fe].strip(" \t*_"), text[ls:le].strip(" \t*_")
    if not first or not last or not (first[:1].isupper() and last[:1].isupper()):
        return []
    fs += len(text[fs:fe]) - len(text[fs:fe].lstrip(" \t*_"))
    le -= len(text[ls:le]) - len(text[ls:le].rstrip(" \t*_"))
    return [Mention(f"{first} {last}", fs, le)]


#: an attendance label after a sentence on the same line: ``Date: 3 May. Present: Ana, Bo``
_INLINE_ATTENDEES = re.compile(
    r"(?<=[.;][ \t])(?:present|attendees|attending|participants|in attendance)[ \t]*:[ \t]*"
    r"(?=[A-Z\u00C0-\u00DE])",
    re.I,
)
#: a full stop that ends a sentence, not an initial (``J. Doe``)
_FULL_STOP = re.compile(r"(?<![\s.][A-Z])\.(?=\s|$)")


def _list_end(text: str, start: int, end: int) -> int:
    """Where a list of names that runs on in a sentence ends: its full stop or ``end``."""
    stop = _FULL_STOP.search(text, start, end)
    return stop.start() if stop else end


def _attendance_heading(line: str) -> bool:
    """``Attendees``, ``Other Attendees``, ``Voting member attendance``, ``Present/Guests``."""
    line = line.strip("*#_ \t")
    return bool(_ATTENDEE_HEADING.match(line)) and not _NOT_THERE.search(line)


def attendees(text: str, blocks: Sequence[Block]) -> tuple[Mention, ...]:
    """The people the roll call lists as present (see the module documentation)."""
    found: list[Mention] = []
    in_section = False
    bare = False
    items_seen = False
    skip_to = -1
    column: int | None = None  # a table's "Attendees" column
    split: tuple[int, int] | None = None  # its "First Name" and "Last Name" columns
    marked: tuple[int, int] | None = None  # its name and "Attended" (yes / no) columns
    affiliated = affiliated_entries(text.splitlines())
    nest: int | None = None  # the level of an item that labels the items nested below it
    for k, block in enumerate(blocks):
        if k <= skip_to:
            continue
        if nest is not None and block.kind == "item" and block.level > nest:
            s = _ITEM.match(text, block.start)
            if s and "[ ]" in text[s.start() : s.end()]:
                continue  # not ticked present
            found.extend(_entries(text, s.end() if s else block.start, block.end, True))
            continue
        nest = None
        if _label_item(text, blocks, k, _ATTENDEE_HEADING):  # "* **Attendees**" over names
            nest = block.level
            continue
        line = text[block.start : block.end]
        if block.kind == "row":
            marks = mark_columns([text[cs:ce] for cs, ce in block.cells])
            if marks:  # "Member | Attended": the rows marked present are the roll call
                marked = marks
                continue
            if marked and max(marked) < len(block.cells):
                ms, me = block.cells[marked[1]]
                if _PRESENT_MARK.fullmatch(text[ms:me].strip(" \t*_")):
                    found.extend(split_names(text, *block.cells[marked[0]]))
                continue
            header = split_name_columns([text[cs:ce] for cs, ce in block.cells])
            if header:  # "First Name | Last Name | Company": the rows below are people
                split = header
                continue
            if split and (in_section or _near_top(text, block.start)):
                found.extend(_split_name(text, block.cells, split))
                continue
        else:
            split = marked = None
        if block.kind != "row":
            column = None
        elif column is not None and column < len(block.cells):
            found.extend(split_names(text, *block.cells[column]))
            continue
        elif not in_section:
            column = next(
                (
                    n
                    for n, (cs, ce) in enumerate(block.cells)
                    if _attendance_heading(text[cs:ce]) and len(block.cells) > 1
                ),
                None,
            )
            roster_columns = table_columns([text[cs:ce] for cs, ce in block.cells])
            if column is None and roster_columns and _near_top(text, block.start):
                column = roster_columns[0]  # "Name | Affiliation" near the top: the roll call
            continue
        m = _ATTENDEE_LABEL.match(line)
        if m and _NOT_THERE.search(line, 0, m.end()):
            m = None  # "Not present:", "Attendees at the last meeting:"
        if m and block.kind != "row":
            names, skip_to = _labelled(text, blocks, k, block.start + m.end())
            found.extend(names)
            in_section = False
            continue
        inline = _INLINE_ATTENDEES.search(line, 0, 400) if block.kind == "paragraph" else None
        if inline:  # "Date: 2023-05-30. Present: Ana Lima, Bo Chen."
            start = block.start + inline.end()
            found.extend(split_names(text, start, _list_end(text, start, block.end), roles=True))
        if block.kind != "row":
            found += _plus_lines(text, block, "present")
        following = blocks[k + 1] if k + 1 < len(blocks) else None
        if _ABSENT_LABEL.match(line) or _bare_label(block, line, _ABSENT_HEADING, text, following):
            in_section = False
            continue
        if (
            in_section
            and block.kind == "heading"
            and not _attendance_heading(line)
            and (_names_line(line) or (block.level == 7 and _lone_name(line)))
        ):  # "## Attendees" over "Ana Lima, Bo Chen" that the layout read as a heading; a
            # bold "Attendees" over one linked name a paragraph
            found.extend(_entries(text, block.start, block.end, False, affiliated))
            continue
        if in_section and _underlined(text, following):
            in_section = False  # "Next Topic" over "=====": a plain-text heading ends the list
            continue
        if block.kind in ("heading", "title") or _bare_label(
            block, line, _ATTENDEE_HEADING, text, following
        ):
            in_section = _attendance_heading(line) or (
                block.kind == "heading"
                and any(_attendance_heading(h) for h in block.section)
                and not _NOT_THERE.search(line)
            )  # "## Attendees" / "Officers:" lists attendees by role
            bare = block.kind == "paragraph" and not (
                following is not None and _list_below(text, block, following)
            )
            items_seen = False
            continue
        if in_section and bare and "\n\n" in text[blocks[k - 1].end : block.start]:
            in_section = False  # a bare "Present:" list ends at a blank line
        if not in_section:
            continue
        if block.kind == "item":
            items_seen = True
            s = _ITEM.match(text, block.start)
            if s and "[ ]" in text[s.start() : s.end()]:
                continue  # "- [ ] Phil Tully": not ticked present
            start = s.end() if s else block.start
            nick = _NICK_ENTRY.fullmatch(text, start, block.end)
            if nick and not nick.group(1).lower().endswith("bot"):
                # MeetBot's "People present (lines said)": "- ylopez (30)"
                found.append(Mention(nick.group(1), nick.start(1), nick.end(1)))
                continue
            found.extend(_entries(text, start, block.end, True, affiliated))
        elif block.kind == "paragraph" and not items_seen and len(line.split()) <= 40:
            found.extend(_entries(text, block.start, block.end, False, affiliated))
        elif block.kind == "row":
            cell = _name_cell(text, block.cells)
            if cell is not None:
                found.extend(split_names(text, *cell))
        else:
            in_section = False
    if not found:
        found = _opening_list(text, blocks)
    return tuple(m for m in found if not MARKED_ABSENT.match(text, m.end))


#: a roll-call entry of an unlabelled list: a full name, its initials in brackets after it
#: ("Anna Weber-Berg (AWB)")
_LISTED_NAME = re.compile(
    r"[ \t]*[A-Z\u00C0-\u00DE][\w'’.-]*(?:[ \t]+(?:[A-Z\u00C0-\u00DE][\w'’.-]*|"
    r"van|von|der|de|da|di|du|del|la|le)){1,4}(?:[ \t]*\([A-Z]{1,5}\))?[ \t]*"
)


def _opening_list(text: str, blocks: Sequence[Block]) -> list[Mention]:
    """Minutes with no attendance label that open with the roll call: the first paragraph
    after the title is a comma list of five or more full names (each with its initials,
    ``Anna Weber-Berg (AWB), Walter Hahn (WH), ...``, or none) and nothing else."""
    for block in blocks[:4]:
        if block.kind in ("title", "heading") and block is blocks[0]:
            continue
        if block.kind != "paragraph":
            return []
        parts = text[block.start : block.end].split(",")
        if len(parts) >= 5 and all(_LISTED_NAME.fullmatch(p) for p in parts):
            return list(split_names(text, block.start, block.end, roles=True))
        return []
    return []


# --------------------------------------------------------------------------- role lines


@dataclass(frozen=True)
class _RoleWords:
    """``data/vocab/roles.yaml``: the labels and verbs by which minutes say who held a role."""

    label: re.Pattern[str] | None
    by: re.Pattern[str] | None
    strict: frozenset[str]
    loose: frozenset[str]
    vacant: frozenset[str]
    #: lemmas of verbs that report what a person said ("comment", "ask")
    speech: frozenset[str] = frozenset()
    #: a vote's tally line: ``In favour: Ana, Bo``, ``**Votes**: Against: Cy``
    vote: re.Pattern[str] | None = None
    #: lemmas of verbs and nouns whose ``to``/``from``/``with`` names a person ("spoke to
    #: Almar", "mail from Adrin")
    contact: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def _role_words(directory: str) -> _RoleWords:
    import yaml

    path = Path(directory) / "roles.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    data = data if isinstance(data, dict) else {}

    def words(key: str) -> list[str]:
        return [" ".join(str(w).lower().split()) for w in data.get(key) or []]

    strict, loose = words("labels"), words("loose_labels")

    def alternatives(phrases: list[str]) -> str:
        ordered = sorted(set(phrases), key=len, reverse=True)
        return "|".join(r"[ \t]+".join(map(re.escape, p.split())) for p in ordered)

    label = by = None
    if strict or loose:  # "- **Chair(s)** (rotating):", ":Scribe:", "<ana> scribenick:"
        label = re.compile(
            r"[ \t]*(?:<[\w.@|-]{1,30}>[ \t]*)?(?:[-*+•][ \t]+)?:?"
            rf"({alternatives(strict + loose)})(?:s|\(s\))?(?:[ \t]*\([^()\n]{{0,30}}\))?"
            # "Chair: Ana", "Facilitator — Ana", "Scribe - Bo"
            r"(?:[ \t]*[:=]|[ \t]+(?:[—–]|--?)(?=[ \t]))[ \t]*(?=\S)",
            re.I,
        )
    if words("by_verbs"):
        by = re.compile(rf"(?<![\w-])(?:{alternatives(words('by_verbs'))})[ \t]+by:?[ \t]+", re.I)
    vote = None
    if words("vote_labels"):  # "In favour: Ana, Bo", "- **Votes**: Abstain: Cy"
        vote = re.compile(
            r"[ \t]*(?:[-*+•][ \t]+)?(?:\*\*[^*\n]{1,30}\*\*[ \t]*:?[ \t]*|[\w ]{1,30}:[ \t]+)?"
            rf"(?:\*\*)?(?:{alternatives(words('vote_labels'))})(?:\*\*)?"
            r"[ \t]*:(?:\*\*)?[ \t]*(?=\S)",
            re.I,
        )
    return _RoleWords(
        label,
        by,
        frozenset(strict),
        frozenset(loose),
        frozenset(words("vacant")),
        frozenset(words("speech_verbs")),
        vote,
        frozenset(words("contact_words")),
    )


def role_words(vocab_dir: str | Path | None = None) -> _RoleWords:
    from ingest.resolve.vocab import default_vocab_dir

    return _role_words(str(vocab_dir or default_vocab_dir()))


#: a token of a person's name in any script: ``Ana``, ``Wiśniewska``, ``Ó``, ``K.``,
#: ``Eun-ji``, ``李娜``, ``Алексей``
_ROLE_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")
_HOLDER_HANDLE = re.compile(r"@?[a-z][a-z0-9_.-]{1,24}")
_ROLE_JOIN = re.compile(r"[ \t]*(?:,|;|&|/|\+|\band\b)[ \t]*(?:and[ \t]+)?")


def _holder_shaped(piece: str, loose: bool, english: Container[str]) -> bool:
    """Whether ``piece`` (one entry of a role line) is written as a person's name: one to
    five words each opening with a capital or a letter of a script without case (particles
    such as ``de``, ``van der`` inside), or, on a strict label, a lower-case handle that is
    no English word (``jnewbery``). ``loose``: full names only, not all English words."""
    from ingest.resolve.people import PARTICLES

    tokens = piece.split()
    if not tokens or len(tokens) > 5 or any(c.isdigit() for c in piece):
        return False
    if len(tokens) == 1 and _HOLDER_HANDLE.fullmatch(piece):
        return not loose and piece.lstrip("@").lower() not in english
    for n, token in enumerate(tokens):
        if not _ROLE_NAME_TOKEN.fullmatch(token):
            return False
        if token in PARTICLES and 0 < n < len(tokens) - 1:
            continue
        if token[0].islower():
            return False
    words = [t for t in tokens if t not in PARTICLES]
    if len(words) == 1:  # "Scribe: Kent": a strict label's one word is a name
        return not loose and len(words[0].rstrip(".")) >= 2
    if loose:
        return not all(w.lower().strip(".") in english for w in words)
    return True


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` split at ``,`` ``;`` ``&`` ``/`` ``+`` and ``and`` outside brackets."""
    pieces = []
    depth = 0
    piece = i = start
    while i < end:
        ch = text[i]
        depth += ch in "(["
        depth -= ch in ")]" and depth > 0
        if depth == 0 and ch in ",;&/+":
            pieces.append((piece, i))
            piece = i = i + 1
            continue
        if depth == 0 and re.match(r"[ \t]and[ \t]", text[i : i + 5]):
            pieces.append((piece, i))
            piece = i = i + 5
            continue
        i += 1
    pieces.append((piece, end))
    return pieces


#: where a name on a role line ends and its tags begin: brackets or a spaced dash
_TAGS = re.compile(r"[ \t]*(?:[(\[]|[ \t][—–-][ \t])")


def _holders(
    text: str, start: int, end: int, loose: bool, words: _RoleWords, english: Container[str]
) -> list[Mention]:
    """The people a role line lists in ``text[start:end]``; none unless every entry of it
    is a name (``Chairs: organise the joint meetings`` lists nobody)."""
    found: list[Mention] = []
    for ps, pe in _pieces(text, start, end):
        tags = _TAGS.search(text, ps, pe)
        s, e = ps, tags.start() if tags else pe
        if tags and text[tags.end() - 1] in "([":
            rest = re.fullmatch(r"(?:[ \t]*[(\[][^()\[\]\n]*[)\]])+[ \t.]*", text[e:pe])
            if rest is None:
                return []  # "Ana (who chairs) will ...": more than a name and its tags
        while s < e and text[s] in " \t":
            s += 1
        while (
            e > s
            and text[e - 1] in " \t.:"
            and not (text[e - 1] == "." and _initial_at(text, s, e))
        ):
            e -= 1
        piece = text[s:e]
        if not piece or piece.lower() in words.vacant:
            continue
        if not _holder_shaped(piece, loose, english):
            return []
        found.append(Mention(piece, s, e))
    return found


def _initial_at(text: str, start: int, end: int) -> bool:
    """``Robert K.``: the full stop closes an initial and belongs to the name."""
    return end - start >= 3 and text[end - 2].isupper() and text[end - 3] in " \t"


def _by_holders(text: str, pos: int, end: int, english: Container[str]) -> list[Mention]:
    """The names after "chaired by" at ``pos``: capitalised runs joined by ``and`` or ``,``."""
    from ingest.resolve.people import PARTICLES

    found: list[Mention] = []
    while pos < end:
        tokens = []
        i = pos
        for m in re.finditer(r"[^\s,;()]+", text[pos:end]):
            token = m.group().rstrip(".") if not re.fullmatch(r"[A-Z]\.", m.group()) else m.group()
            gap = text[i : pos + m.start()]
            if tokens and gap.strip(" \t"):
                break
            if not (token[:1].isupper() or (token in PARTICLES and tokens)):
                break
            if not _ROLE_NAME_TOKEN.fullmatch(token) or any(c.isdigit() for c in token):
                break
            tokens.append((pos + m.start(), pos + m.start() + len(token)))
            i = pos + m.start() + len(token)
            if len(tokens) == 5 or token != m.group():
                break
        while tokens and text[tokens[-1][0] : tokens[-1][1]] in PARTICLES:
            tokens.pop()
        if not tokens:
            break
        s, e = tokens[0][0], tokens[-1][1]
        piece = text[s:e]
        if not _holder_shaped(piece, False, english) or (
            len(tokens) < 2 and piece.lower() in english
        ):
            break
        found.append(Mention(piece, s, e))
        join = _ROLE_JOIN.match(text, e, end)
        if not join:
            break
        nxt = re.match(r"[ \t]*([\w-]+)", text[join.end() : end])
        if nxt and nxt.group(1)[:1].islower():
            break  # "chaired by Ana and minuted by Bo": the next verb says its own role
        pos = join.end()
    return found


#: names closing a heading after a spaced dash: ``Budget report - Ana/Bo Chen``
_PRESENTERS = re.compile(r"[ \t]+[-–—][ \t]+([^\n]*[^\s*_#])[ \t*_#]*$")
#: the presenters in brackets closing an agenda line, after its time: ``(15m, Marcelo)``,
#: ``(Brian/Todd)``
_PAREN_PRESENTERS = re.compile(
    r"\w[^()\n]*[ \t]\((?:[ \t]*\d{1,3}[ \t]?(?:m|min|mins|minutes)\b[ \t]*[,;:-]?[ \t]*)?"
    r"([A-Z][^()\n]{0,60}?)[ \t]*\)[ \t*_]*$"
)


def _acts_elsewhere(text: str, mention: Mention) -> bool:
    """Whether the one word ``mention`` names someone elsewhere in ``text``: opening a line
    or a sentence (``- Marcelo added ...``, ``Marcelo: ...``) or as the given name of a full
    name (``Jonathan Meadows``), not only in brackets (``(Berlin)``, ``(Monday)``)."""
    word = re.escape(mention.text)
    pattern = (
        rf"(?:^[ \t]*(?:[-*+•][ \t]+|\d{{1,3}}[.)][ \t]+)?[*_]{{0,2}}|[.!?][ \t]+){word}\b(?!\))"
        rf"|\b{word}[ \t]+[A-Z][a-z]"
    )
    return any(
        m.start() != mention.start and not (m.start() <= mention.start < m.end())
        for m in re.finditer(pattern, text, re.M)
    )


def _presenters(
    text: str, start: int, end: int, words: _RoleWords, english: Container[str]
) -> list[Mention]:
    """The people closing a heading (``- Ana/Bo Chen``): every entry is a name of one or two
    capitalised words, none of them a common word, code, software or an acronym
    (``- Planning``, ``- Windows/Linux``, ``- GitHub`` name nobody)."""
    from ingest.resolve.people import _software, code_shaped, dictionary, not_a_prose_name

    common, _proper = dictionary()
    found = _holders(text, start, end, False, words, english)
    for m in found:
        tokens = m.text.split()
        if (
            len(tokens) > 2
            or not_a_prose_name(m.text)
            or any(
                t.isupper() or t.lower() in common or code_shaped(t) or _software(t) for t in tokens
            )
        ):
            return []
    return found


def role_holders(
    text: str,
    blocks: Sequence[Block],
    english: Container[str] = frozenset(),
    vocab_dir: str | Path | None = None,
) -> tuple[Mention, ...]:
    """The people role lines name: ``Chair: Ana Lima``, ``**Scribe:** Bo Chen (@bchen)``,
    ``:Secretary: Cy Diaz``, a ``| Chair | Ana Lima |`` row, ``Minutes by Dee Ek.``, "the
    meeting was chaired by Ana Lima and minuted by Bo Chen" (labels and verbs:
    ``data/vocab/roles.yaml``). ``english``: words that are no one-word name or handle.

    >>> text = "Sync\\n\\nChair: Ana de Lima\\nScribe(s): Bo Chen (@bchen), Cy\\nNotes: none"
    >>> from ingest.model import Block
    >>> blocks = [Block("paragraph", m.start(), m.end()) for m in re.finditer(".+", text)]
    >>> [m.text for m in role_holders(text, blocks)]
    ['Ana de Lima', 'Bo Chen', 'Cy']
    """
    words = role_words(vocab_dir)
    found: list[Mention] = []
    for block in blocks:
        if block.kind == "row" and len(block.cells) >= 2:
            label = text[block.cells[0][0] : block.cells[0][1]].strip(" \t*_:").lower()
            label = re.sub(r"\(s\)$|s$", "", " ".join(label.split()))
            if label in words.strict or label in words.loose or label + "s" in words.strict:
                cs, ce = block.cells[1]
                found += _holders(text, cs, ce, label in words.loose, words, english)
            continue
        if block.kind not in ("paragraph", "item", "heading"):
            continue
        for line in re.finditer(r"[^\n]+", text[block.start : block.end]):
            ls, le = block.start + line.start(), block.start + line.end()
            m = words.label.match(text, ls, le) if words.label else None
            if m:
                role = " ".join(m.group(1).lower().split())
                found += _holders(text, m.end(), le, role in words.loose, words, english)
                continue
            vote = words.vote.match(text, ls, le) if words.vote else None
            if vote:  # the people a vote's tally names
                found += _holders(text, vote.end(), le, False, words, english)
                continue
            dash = _PRESENTERS.search(text, ls, le) if block.kind == "heading" else None
            if dash:  # "## Tech report - Ana/Bo": who presents the topic
                found += _presenters(text, dash.start(1), dash.end(1), words, english)
            paren = (
                _PAREN_PRESENTERS.search(text, ls, le)
                if block.kind in ("heading", "item") and text[le - 1 : le] in ")*_"
                else None
            )
            topic = text[ls : paren.start(1)] if paren else ""
            topic = re.sub(r"^[ \t#*_>-]*(?:\d{1,3}[.)][ \t]*)?|[ \t]*\([^()]*$", "", topic)
            if (
                paren
                and not _LISTED_NAME.fullmatch(topic)  # "Ann Lee (Acme)": a roster line
                and len(re.findall(r"[A-Za-z]{2,}", topic)) >= 2
                and not re.search(r"\d{3}", topic)  # "+1 253 215 8782 US (Tacoma)": a place
            ):
                # "1. Roadmap (15m, Marcelo)", "- Tools (Brian/Todd)": who presents the topic
                found += [
                    m
                    for m in _presenters(text, paren.start(1), paren.end(1), words, english)
                    if " " in m.text or _acts_elsewhere(text, m)
                ]
            if words.by:
                for b in words.by.finditer(text, ls, le):
                    found += _by_holders(text, b.end(), le, english)
    return tuple(found)
