"""How one line of minutes reads beside a list of action items.

- :func:`marked`: the line says it is an action (``☐``, ``✓``, ``[DONE]``, ``ACTION:``);
- :func:`closes_list`: no list of actions runs through it: an upper-case section line
  ("2. RELEASE 3.2", "ANY OTHER BUSINESS (guest: X)") or a vote ("Vote: ...",
  "+1: Ana, Bo", "Vote passed.");
- :func:`assigns`: the names opening it give work ("Ana to ...", "Bo: fix ...") rather
  than report ("Rafael reported that ...", "Casimir leads the team");
- :func:`continues`: it only finishes the item above it (a wrapped line);
- :func:`bullet_kind`: what opens an item (a bullet, a number, a letter), so a list of
  ``-`` items followed by ``2. Release planning`` is two lists.

>>> from ingest.model import Block
>>> text = "Vote passed."
>>> closes_list(text, Block("paragraph", 0, len(text)))
True
"""

from __future__ import annotations

import re

from ingest.model import Block
from ingest.structure.dates import find_dates
from ingest.structure.names import leading_names
from ingest.structure.tickets import KEY

__all__ = [
    "ARROW",
    "BULLET",
    "LABEL",
    "MARK",
    "TRAILER",
    "assigns",
    "bullet_kind",
    "closes_list",
    "continues",
    "marked",
]

#: an arrow marking a line as what came of a discussion: "-> Ana to propose text", "=> ..."
ARROW = re.compile(r"[ \t]*(?:->|=>|→|⇒)[ \t]+")
BULLET = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)]|[a-zA-Z][.)])[ \t]+")
MARK = re.compile(
    r"[ \t]*(?:([✓✔☑☒✅]\ufe0f?)|(☐)|\[((?i:x|done|closed))\]|\[((?i: |todo|open))\])[ \t]*"
)
LABEL = re.compile(
    r"[ \t]*(?:\[NEW\][ \t]*)?"
    r"(?:(?i:(?:new )?action(?: items?)?|AI|todo|done|tasks?|follow[- ]?ups?)"
    r"[ \t]*(?:\((?P<owner>[^()\n]{1,60})\)[ \t]*)?[:\-–—][ \t]*"
    r"|(?:ACTION|TODO|DONE)\b[ \t]*:?[ \t]*"
    r"|\[(?i:action(?: items?)?|ai|todo)\][ \t]*:?[ \t]*"
    r"|\#(?i:action)\b[ \t]*:?[ \t]*)"
)
"""An action label opening a line: "Action:", "TODO", "AI:", "[ACTION]", a scribe tool's
"[NEW] ACTION:" or a MeetBot command "#action"; its owner may stand in
parentheses: "TODO(Rivka Cohen): ...", "AI(Kiran): ..." (group ``owner``)."""
# a line that heads a section in plain text: "RELEASE 3.2", "4. ANY OTHER BUSINESS (guest: X)"
_UPPER_HEAD = re.compile(
    r"(?=[^a-z\n]*?(?<![\w-])[A-Z]{3,}(?![\w-]))[^a-z()\n]*(?:\([^()\n]*\))?[ \t.:]*$"
)
# the lines of a vote: "Vote: ...", "+1: Ana, Bo", "0: none", "Vote passed."
_VOTE = re.compile(
    r"[ \t]*(?:(?i:votes?|voting|motion|result|tally|in favou?r|against|abstentions?)\b"
    r"|[+-]1\b|0[ \t]*:)"
)
# after the names of a line, a verb that reports rather than assigns: "Rafael reported that"
_REPORTING = re.compile(
    r"(?:'s\b|’s\b|[ \t]+(?!needs\b)(?:[a-z]+ed|[a-z]+[^s\W]s|was|were|is|are|has|have|had"
    r"|did|does|left|said|says|felt|thought|took|gave|made|went|came|sent|wrote|told|saw|met"
    r"|led|would|could|might|may|can|cannot|also|just|still|then)\b"
    r"(?![ \t]+(?:going[ \t]+|agreed[ \t]+|offered[ \t]+|volunteered[ \t]+)?to\b))"
)
TRAILER = re.compile(r"^[\s.;,)\]]*$")
# a line opening with a label in lower case ("mmccool: clean up ..."): a line of its own
_LOWER_LABEL = re.compile(r"@?[a-z][\w.-]{1,30}:[ \t]+\S")
# a line that opens an item of its own: "Emeric to update ...", "Ana and Bo to ..."
_GIVES_WORK = re.compile(r"[A-Z][\w'’.-]*(?:(?: |, | and | & )[A-Z][\w'’.-]*)* to [a-z]")
# a line closing with its due date: "Foundation - due 2024-03-13", "board (by Friday)"
_DUE_AT_END = re.compile(
    r"\b(?:due|by|before|until)\b[ \t:]*(?=[^\n]*\d|[^\n]*(?:day|week|month)\b)[^\n]{1,30}$",
    re.I,
)


def bullet_kind(text: str, pos: int) -> str:
    """What opens a list item: a bullet glyph, a number or a letter."""
    b = BULLET.match(text, pos)
    mark = b.group().strip()[:1] if b else ""
    return "number" if mark.isdigit() else "letter" if mark.isalpha() else "bullet"


def closes_list(text: str, block: Block) -> bool:
    """A line no list of actions runs through: an upper-case section heading ("4. ANY
    OTHER BUSINESS"), a vote ("+1: Ana, Bo", "Vote passed.")."""
    b = BULLET.match(text, block.start, block.end)
    pos = b.end() if b else block.start
    return bool(
        _UPPER_HEAD.match(text, pos, block.end) or _VOTE.match(text, block.start, block.end)
    )


def assigns(text: str, block: Block) -> bool:
    """Whether the names opening the line give work, rather than report ("Rafael reported
    that ...", "Casimir leads the team", "Wendell's employer ...")."""
    names, _ = leading_names(text, block.start, block.end)
    if not names:
        return True  # the item's own check asks for a name
    if names[-1].text.endswith(("'s", "’s")):
        return False  # "Wendell's employer": a possessive, not a person given work
    return _REPORTING.match(text, names[-1].end, block.end) is None


def marked(text: str, pos: int) -> bool:
    """Whether the line at ``pos`` says it is an action: a checkbox, ✓, or an action label."""
    b = BULLET.match(text, pos)
    p = b.end() if b else pos
    mark = MARK.match(text, p)
    return bool(mark and mark.group().strip()) or bool(LABEL.match(text, p))


def continues(text: str, prev_start: int, prev_end: int, block: Block) -> bool:
    """Whether ``block`` only finishes the item at ``text[prev_start:prev_end]``: it closes
    an open parenthesis, is a lone due date, or is a wrapped line (in lower case, or
    closing with the due date: "Foundation - due 2024-03-13")."""
    if block.start - prev_end > 400:
        return False
    line = text[block.start : block.end]
    before = text[prev_start:prev_end]
    if (
        before.count("(") > before.count(")")
        and not BULLET.match(line)
        and not marked(text, block.start)
        and (not line[:1].isupper() or len(line.split()) <= 3 or KEY.match(line))
    ):
        return True
    if (  # a wrapped line: no blank line, the item unfinished, the line in lower case
        block.kind == "paragraph"
        and text.count("\n", prev_end, block.start) == 1
        and not before.rstrip().endswith((".", "!", "?", ":", ";"))
        and not marked(text, block.start)
        and (
            line[:1].islower()
            and not _LOWER_LABEL.match(line)
            or line[:1] == "("
            or (
                len(line.split()) <= 8
                and _DUE_AT_END.search(line) is not None
                and _DUE_AT_END.search(before) is None
                and _GIVES_WORK.match(line) is None
            )
        )
    ):
        return True
    dates = find_dates(text, block.start, block.end)
    return (
        len(dates) == 1
        and dates[0].start == block.start
        and TRAILER.match(text[dates[0].end : block.end]) is not None
    )
