"""Who a list of action items gives each item to, and how the list is laid out.

- an actions section: a heading such as "Action items", "Next steps", "Follow-ups"
  (:data:`ACTION_HEADING`), or an owner's part of one ("Action items" > "Ilse");
- an owner line: a name on a line of its own in an actions section ("**Erik**") gives the
  items below it that name nobody to that person (:func:`with_group_owners`);
- "For Cody: check the flags" gives the line to the person named (:data:`FOR_OWNER`);
- a nested bullet under an item that states a task is a note joined to it
  (:func:`joins`); a list inside a quote ("> * update the page") is a list
  (:data:`QUOTED_ITEM`);
- a ticked item (✓, ``[x]``, ``[ ]``): a list that ticks its items says nothing of the
  unticked ones (:func:`ticked`).

>>> bool(ACTION_HEADING.match("Summary of open action items"))
True
>>> bool(ACTION_HEADING.match("Decisions and action items"))
True
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ingest.model import Block, Mention, RawAction
from ingest.structure.action_lines import BULLET, MARK
from ingest.structure.names import leading_names, split_names

__all__ = [
    "ACTION_HEADING",
    "PLAN_HEADING",
    "FOR_OWNER",
    "OWNER_LINE",
    "QUOTED_ITEM",
    "for_owner",
    "in_actions",
    "joins",
    "ticked",
    "with_group_owners",
]

ACTION_HEADING = re.compile(
    r"^(?:(?:new|open|outstanding|summary of|list of|carried[- ]over|previous|pending|"
    r"review of|status of|key|agreed)\s+"
    r"|(?:decisions?|outcomes?|resolutions?)\s*(?:and\s+|&\s*|/\s*|,\s*))*"
    r"(?:action items?|actions?(?: list)?|carried[- ]over(?: items)?"
    r"|action item summary|next steps|to-?dos?|to dos?(?: list| items)?\b(?![ \t]+\w)"
    r"|follow[- ]ups?|tasks)\b",
    re.I,
)
#: a heading or label over what each person will do next, one line per person ("### Next
#: week" then "- Mira: Widget Studio", "* Upcoming talks:" then "* Ravi - PyCon talk")
PLAN_HEADING = re.compile(
    r"^(?:(?:plans?|goals?|work)\s+for\s+)?(?:the\s+)?(?:next|this|coming|upcoming)\s+"
    r"(?:week|weeks|sprint|month|cycle|iteration)\b|^upcoming\s+(?:talks|presentations|work)\b"
    r"|^(?:plans|planned work)\s*:?\s*$",
    re.I,
)
OWNER_LINE = re.compile(r"[\s*_#]*([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})[\s*_:]*")


def with_group_owners(text: str, blocks: list[Block], found: list[RawAction]) -> list[RawAction]:
    """Items listed under an owner's line give that owner work ("***Erik***" then "- open
    the issue"): an item naming nobody gets the nearest owner line above it in its section."""
    owners: list[tuple[int, tuple[str, ...], Mention]] = []
    for block in blocks:
        if block.kind not in ("paragraph", "heading"):
            continue  # a line of its own, a bold line ("**Ilse**") or a heading ("### Ilse")
        if not any(ACTION_HEADING.match(h.strip("*# ")) for h in block.section[-1:]):
            continue  # owner lines head items in an actions section only
        m = OWNER_LINE.fullmatch(text, block.start, block.end)
        if m is None or not split_names(text, m.start(1), m.end(1)):
            continue
        owners.append((block.end, block.section, Mention(m.group(1), m.start(1), m.end(1))))
    if not owners:
        return found
    out = []
    for action in found:
        home = next((b.section for b in blocks if b.start <= action.start < b.end), None)
        above = [
            mention
            for end, section, mention in owners
            if end <= action.start and home is not None and home[: len(section)] == section
        ]
        if not action.assignees and above:
            action = replace(action, assignees=(above[-1],))
        out.append(action)
    return out


QUOTED_ITEM = re.compile(r"[ \t]*>([ \t]*)(?=[-*+][ \t])")


def in_actions(section: tuple[str, ...]) -> bool:
    """Whether a section path is an actions section, or an owner's part of one
    ("Action items" > "Ilse")."""
    if any(ACTION_HEADING.match(h.strip("*# ")) for h in section[-1:]):
        return True
    return (
        len(section) >= 2
        and ACTION_HEADING.match(section[-2].strip("*# ")) is not None
        and OWNER_LINE.fullmatch(section[-1]) is not None
    )


def joins(text: str, prev: Any, block: Block) -> bool:
    """Whether a nested item is a note to the item above it: that item says a task of its
    own (more than a name: "- Erik" then "  - open the issue" gives Erik the task)."""
    if prev.cols or block.start - prev.end > 400:
        return False
    words = text[prev.start : prev.end].split()
    lead, rest = leading_names(text, prev.start, prev.end)
    return len(words) >= 3 and len(text[rest : prev.end].split()) >= 2


# "For Cody: check ...": the work that follows is the named person's
FOR_OWNER = re.compile(r"For ((?:@[\w.-]+|[A-Z][\w'’.-]*)(?: [A-Z][\w'’.-]*){0,2}):[ \t]+(?=\S)")


def for_owner(text: str, pos: int) -> bool:
    """Whether the line at ``pos`` opens "For Name: ..." (after a bullet)."""
    b = BULLET.match(text, pos)
    return FOR_OWNER.match(text, b.end() if b else pos) is not None


def ticked(text: str, pos: int) -> bool:
    """Whether the item at ``pos`` carries a tick mark or checkbox: a list that ticks its
    items says nothing of the unticked ones (their status stays unknown)."""
    b = BULLET.match(text, pos)
    mark = MARK.match(text, b.end() if b else pos)
    return bool(mark and mark.group().strip())
