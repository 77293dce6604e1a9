"""Names of people as minutes write them, read from the layout without a list of names.

Two readings:

- :func:`split_names` reads a span that lists names: an attendee line, an agenda
  coordinator cell, an assignee cell (``Ana Lopez, Bo & Unknown User (x) / Cy``);
- :func:`leading_names` reads the names that open an action item: "Name do X",
  "Name, Name2 do X", "@a @b: do X", "Name — do X", "Name: do X", "Name to do X", "@handle do X",
  "DV — do X" (initials before a separator), "Unknown User (x) do X".

A name is up to four capitalised words (particles such as "van" or "de" allowed),
not an all-capital acronym and not a leading verb ("Convene a group ..."). A
deactivated Confluence account is kept whole (``Unknown User (npease)``) for the
resolver, which makes the final call on who is a person.

>>> text = "Alice Smith, Bob to fix DM-12 by 15 Jun"
>>> [m.text for m in leading_names(text, 0, len(text))[0]]
['Alice Smith', 'Bob']
"""

from __future__ import annotations

import re

from ingest.model import Mention

__all__ = ["leading_names", "split_names"]

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
_SPACE_BEFORE_HANDLE = re.compile(r"[ \t]+(?=@)")
_ROLE_DASH = re.compile(r"[ \t]+(?:[—–]|-{1,2})[ \t]+(?=\S)")
#: a handle written after a listed name without brackets: ``Ana Lima @alima``
_TRAILING_HANDLE = re.compile(r"[ \t]+@[A-Za-z0-9][\w.-]*(?<![.-])$")
#: spaces that align a plain-text roll call's columns: the name's column ends there
_COLUMN_GAP = re.compile(r" {3,}(?=\S)")
_LOWER_WORD = re.compile(r"[ \t]+[a-z]")
_INITIALS = re.compile(r"[A-Z]{2,4}(?=[ \t]*(?:[—–:]|-[ \t]|\bto\b))")

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


def split_names(
    text: str, start: int, end: int, roles: bool = False, wrapped: bool = False
) -> tuple[Mention, ...]:
    """Names listed in ``text[start:end]`` (separated by ``,`` ``;`` ``&`` ``/`` ``and``).

    ``roles``: the span is a roll call, where a dash ends a name and starts its role or
    affiliation up to the end of the line (``Amara Nwosu — guest, Corvane Systems``).
    ``wrapped``: the list is wrapped over lines, a line break is a space (a name may be
    broken over two lines).

    >>> text = "Ann Lee (@alee) — guest, Acme Labs"
    >>> [m.text for m in split_names(text, 0, len(text), roles=True)]
    ['Ann Lee']
    """
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
            dash = _ROLE_DASH.match(text, i, end) if roles and ch in " \t" else None
            if roles and dash is None and ch == " " and text[i - 1] not in " \t\n,;:&/":
                dash = _COLUMN_GAP.match(text, i, end)  # "Ana Lima     Acme Labs"
            if dash:
                nl = text.find("\n", i, end)
                sep = (end if nl < 0 else nl) - i
            elif ch in ",;&/\t\u00b7\u2022" or (ch == "\n" and not wrapped):
                sep = 1
            elif text.startswith(" and ", i) and i + 5 <= end:
                sep = 5
            elif ch == " " and text.startswith("@", i + 1) and _HANDLE.fullmatch(
                text[piece_start:i].strip(" \t\n-•*")
            ):
                sep = 1  # "@ana @bo-c @cy": handles listed with spaces between
        if sep:
            mention = _name_mention(text, piece_start, i)
            last = mention.text.split()[-1] if mention is not None else ""
            if mention is not None and not (roles and last.isalpha() and last.islower()):
                names.append(mention)  # in a roll call "TSC chair" is a role, not a name
            i += sep
            piece_start = i
            continue
        i += 1
    return tuple(names)


#: a courtesy or academic title before a listed name (``Dr. Ana Lima``, ``Prof Bo Chen``)
_TITLE = re.compile(r"(?:Dr|Prof|Mr|Mrs|Ms|Mx|Sir|Dame)\.?[ \t]+(?=[A-Z\u00C0-\u00DE])")


#: a Markdown reference link: ``[Ana Lima][]``, ``[Ana][ana]``
_REFERENCE_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")


def _name_mention(text: str, start: int, end: int) -> Mention | None:
    while start < end and text[start] in " \t\n-•*\u2022":
        start += 1
    while end > start and text[end - 1] in " \t\n.:" and not _initial_at(text, start, end):
        end -= 1
    dash = _ROLE_DASH.search(text, start, end)
    before = text[start : dash.start()] if dash else ""
    if dash and before.count("(") == before.count(")"):  # "Ann Lee (@alee) — guest": a
        end = dash.start()  # name never runs on past a dash outside brackets
    link = _REFERENCE_LINK.fullmatch(text, start, end)
    if link:  # "[Ana][]", "[Ana Lima][al]": a Markdown reference link's text is the name
        start, end = link.span(1)
    title = _TITLE.match(text, start, end)
    if title and title.end() < end:  # "Dr. Hana Novak": the name is "Hana Novak"
        start = title.end()
    piece = text[start:end]
    if not piece:
        return None
    if not _UNKNOWN_USER.fullmatch(piece):
        for opening, closing in ((" (", ")"), (" [", "]"), (" <", ">")):
            # "Ann Lee (Acme)", "[@alee]", "Ann Lee <alee@example.org>"
            paren = piece.find(opening)
            if paren > 0 and piece.endswith(closing):
                end = start + paren
                piece = text[start:end]
    if _HANDLE.fullmatch(piece):
        return Mention(piece, start, end)
    handle = _TRAILING_HANDLE.search(piece)
    if handle and handle.start() > 0 and "@" not in piece[: handle.start()]:
        end = start + handle.start()  # "Rod Vagg @rvagg": the name, its handle after it
        piece = text[start:end]
    words = piece.split()
    uncased = piece[0].isalpha() and not piece[0].isupper() and not piece[0].islower()
    if not words or len(words) > 6 or not (piece[0].isupper() or uncased) or any(
        c.isdigit() for c in piece
    ):  # a name opens with a capital, or with a letter of a script without case (王小明)
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


#: "For Ana:" opening an item addressed to the people it names
_FOR = re.compile(r"(?:[Ff]or|FOR)[ \t]+(?=[A-Z@][^:\n]{0,40}:)")


def leading_names(text: str, start: int, end: int) -> tuple[tuple[Mention, ...], int]:
    """Names starting ``text[start:end]`` and where the rest of the item starts.

    Returns ``((), start)`` when the item does not start with names followed by
    what an assignment looks like (a verb, ``—``, ``:``, ``to``, ``will``).
    """
    names: list[Mention] = []
    addressed = _FOR.match(text, start, end)  # "For Jolien: check the raise function"
    pos = start = addressed.end() if addressed else start
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
        if names[-1].text[0] == "@" and not j:  # "@chwu @pvos: ..." lists two people
            j = _SPACE_BEFORE_HANDLE.match(text, pos, end)
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
