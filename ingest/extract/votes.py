"""Votes as minutes record them: a motion, its tally, its outcome.

Committees (PMCs, boards, steering councils) record a decision as a vote block
rather than as an "agreed" sentence::

    Vote: release 3.2.0 from the first RC once HGR-512 is closed.
      +1: Ana, Bo, Cy
       0: none
      -1: none
    Vote passed.

:func:`find_votes` finds each block: the motion (a line opening with ``Vote:``,
``Motion:``, ``Proposal to vote:`` and the lines that wrap it), the tally lines, and
the outcome ("Vote passed.", "Motion carried", "Result: approved", "Carried
unanimously", "The vote failed"). A motion with no outcome is not a vote that was
taken. A vote that passed is a decision of the meeting; its text is the motion and
the outcome, as a reader would quote it.

>>> text = "Vote: adopt the new logo.\\n  +1: Ana, Bo\\n  -1: none\\nVote passed.\\n"
>>> [(v.text, v.passed) for v in find_votes(text)]
[('Vote: adopt the new logo. Vote passed.', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Vote", "find_votes"]

_MOTION = re.compile(
    r"^[ \t>*#-]*(?:(?:formal |proposal to |call for a )?vote|motion|ballot)\b"
    r"(?:[ \t]+on)?[ \t]*[:\-–—][ \t]*(?=\S)",
    re.I | re.M,
)
_SUBJECT = r"(?:(?:the )?(?:vote|motion|proposal|ballot|resolution)[ \t]+)"
_OUTCOME = re.compile(
    r"[ \t>*-]*(?:"
    rf"{_SUBJECT}(?:was[ \t]+)?(?P<yes>passed|passes|carried|carries|approved|adopted)"
    rf"|{_SUBJECT}(?:was[ \t]+)?(?P<no>failed|fails|rejected|defeated|did not pass)"
    r"|(?:result|outcome)[ \t]*:[ \t]*(?:(?P<yes2>passed|carried|approved|adopted)"
    r"|(?P<no2>failed|rejected|defeated))"
    r"|(?P<yes3>(?:carried|approved|passed|adopted)[ \t]+(?:unanimously|by consensus))"
    r")\b[^\n.;]*[.;]?",
    re.I,
)
_TALLY = re.compile(
    r"[ \t>*-]*(?:[+±-]?[01]|for|against|abstain(?:ed|ing|s)?|abstentions?|in favou?r|yes|no"
    r"|ayes?|nays?)[ \t]*[:(=]",
    re.I,
)
_LINES_AFTER = 12  # an outcome further below the motion belongs to something else


@dataclass(frozen=True)
class Vote:
    """A vote found at ``text[start:end]`` (motion line to outcome).

    ``motion`` is the span of the motion's words; ``text`` the motion and the outcome
    as one line; ``passed`` whether the outcome says it passed.
    """

    start: int
    end: int
    motion: tuple[int, int]
    text: str
    passed: bool


def find_votes(text: str, start: int = 0, end: int | None = None) -> tuple[Vote, ...]:
    """Every vote block of ``text[start:end]`` that records an outcome, in order."""
    stop = len(text) if end is None else end
    votes: list[Vote] = []
    for m in _MOTION.finditer(text, start, stop):
        if votes and m.start() < votes[-1].end:
            continue
        vote = _vote(text, m.start(), m.end(), stop)
        if vote is not None:
            votes.append(vote)
    return tuple(votes)


def _vote(text: str, line_start: int, words: int, stop: int) -> Vote | None:
    motion_end = _line_end(text, words, stop)
    pos = motion_end
    for _ in range(_LINES_AFTER):
        if pos >= stop:
            return None
        pos += 1  # past the newline
        line_end = _line_end(text, pos, stop)
        line = text[pos:line_end]
        outcome = _outcome_in(text, pos, line_end)
        if outcome is not None:
            passed = bool(outcome.group("yes") or outcome.group("yes2") or outcome.group("yes3"))
            said = " ".join(text[line_start:motion_end].split())
            said = said.lstrip(">*#- ") + " " + " ".join(outcome.group().split()).lstrip(">*- ")
            return Vote(line_start, outcome.end(), (words, motion_end), said, passed)
        if _MOTION.match(text, pos, line_end) and not _COUNTS.search(line):
            return None  # the next motion: this one has no outcome ("Vote: 6-0-1" is a tally)
        if line.strip() and not _TALLY.match(text, pos, line_end) and _continues(line):
            motion_end = line_end  # the motion wraps onto this line
        pos = line_end
    return None


#: a line that counts votes ("Vote: 6 in favour, 0 against", "Votes: 5-0-1", "+1: 4")
_COUNTS = re.compile(
    r"\b\d+[ \t]*(?:in favou?r|for|against|yes|no|ayes?|nays?|abstentions?|abstain\w*)\b"
    r"|\b\d+[ \t]*[-/][ \t]*\d+(?:[ \t]*[-/][ \t]*\d+)?\b",
    re.I,
)
#: where a sentence starts inside a line ("Vote: 6-0-1. The motion passes.")
_SENTENCE_START = re.compile(r"[.;][ \t]+(?=\S)")


def _outcome_in(text: str, pos: int, line_end: int) -> re.Match[str] | None:
    """The outcome that opens the line at ``pos``, or opens a sentence of it after a tally."""
    outcome = _OUTCOME.match(text, pos, line_end)
    if outcome is not None or not _COUNTS.search(text, pos, line_end):
        return outcome
    for m in _SENTENCE_START.finditer(text, pos, line_end):
        outcome = _OUTCOME.match(text, m.end(), line_end)
        if outcome is not None:
            return outcome
    return None


def _line_end(text: str, pos: int, stop: int) -> int:
    nl = text.find("\n", pos, stop)
    return stop if nl < 0 else nl


def _continues(line: str) -> bool:
    """A wrapped line of the motion: indented or in lower case, not a new sentence."""
    s = line.lstrip()
    return bool(s) and (s[0].islower() or line[:1] in " \t") and s[0] not in "+-"
