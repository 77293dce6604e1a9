"""Actions written as sentences in the notes: "DV to regenerate the alerts once the pin is in."

Minutes assign work in prose as well as in lists: a sentence that opens with people
the document names and "to <verb>" ("Ottilie to send the invitation.", "MO and Kai
to check the numbers") is an action item. The people must be known from the document
itself, so "Windows to be dropped" or "Release to follow" are not read as work given
to someone:

- a full name ("Ada Brandt") that the document writes;
- a first name of such a full name ("Ada");
- initials of such a full name ("AB"), as notes often write them;
- a handle ("@abrandt").

A sentence that restates an item the document lists (the same person, two content
words in common: "MO to check whether the upgrade can slip" beside the listed "ask the
computing centre whether the upgrade can move") is that item, not a second one.

>>> text = "Present: Dana Voss, Ari Lind\\nThe pin is in. DV to redo the alerts. Ari to check."
>>> names = known_names(text)
>>> [text[s:e] for s, e in find_delegations(text, names)]
['DV to redo the alerts.', 'Ari to check.']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["KnownNames", "find_delegations", "known_names", "restates", "same_person"]

_WORD = r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff\u0100-\u024f'’]+(?:-[A-Z]?[a-z\u00df-\u024f]+)?"
_PARTICLE = r"(?: (?:van|von|de|der|den|da|di|del|la|le|du|dos|bin|al))?"
_FULL_NAME = re.compile(rf"(?<![\w@.'’-])({_WORD}){_PARTICLE} ({_WORD})(?![\w'’-])")
# words that open a sentence or name a thing, never a person's first name
_NOT_FIRST = frozenset(
    """The This That These Those There Then When Where What Which While With Without We Our
    They Their It Its If In On At For From By To Of As An And But Or So Not No All Any Each
    Every Some Next Last New Open Please Note Action Actions Vote Motion Item Topic Agenda
    Minutes Meeting Decision Agreed Present Absent Regrets Chair Secretary Project Team""".split()
)
_PERSON = rf"(?:{_WORD}(?: {_WORD})?|[A-Z]{{2,4}}|@[A-Za-z0-9][\w.-]*(?<![.-]))"
_DELEGATION = re.compile(
    rf"(?:(?<=[.!?;][ \t])|(?<=[.!?;][ \t]{{2}})|^[ \t]*)"
    rf"(?P<who>{_PERSON}(?:(?:, | and | & | ?/ ?){_PERSON}){{0,3}}) to\s+(?!be\b)[a-z]{{2,}}\b",
    re.M,
)
_WHO_SPLIT = re.compile(r", | and | & | ?/ ?")
_SENTENCE_END = re.compile(r"(?<!\b[A-Za-z])[.!?](?=[\s)]|$)|\t|\n")
_CONTENT = re.compile(r"[a-z][a-z0-9-]{3,}")
_STOP = frozenset(
    """that this with from into once when what will would should could have been they them
    their there then than also about after before over under each some more most other such
    only just very make made take sure check send write need needs done""".split()
)
_LIMIT = 400


@dataclass(frozen=True)
class KnownNames:
    """Who a document names in full: full names, their first names and initials."""

    full: frozenset[str]
    first: frozenset[str]
    initials: frozenset[str]

    def knows(self, name: str) -> bool:
        """Whether ``name`` is a full name, first name or initials the document gives, or
        a handle (``@rholt``, a person wherever it is written)."""
        return (
            name.startswith("@") or name in self.full or name in self.first or name in self.initials
        )


def known_names(text: str) -> KnownNames:
    """The people ``text`` names in full ("Ada Brandt"), with first names and initials."""
    full, first, initials = set(), set(), set()
    for m in _FULL_NAME.finditer(text):
        a, b = m.group(1), m.group(2)
        if a in _NOT_FIRST or b in _NOT_FIRST:
            continue
        full.add(m.group())
        first.add(a)
        initials.add("".join(p[0] for p in a.split("-")) + b[0])
    return KnownNames(frozenset(full), frozenset(first), frozenset(initials))


def find_delegations(
    text: str, names: KnownNames, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Spans of sentences in ``text[start:end]`` that give known people work ("X to do Y")."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for m in _DELEGATION.finditer(text, start, stop):
        who = [w.strip() for w in _WHO_SPLIT.split(m.group("who")) if w.strip()]
        if not who or not all(names.knows(w) for w in who):
            continue
        spans.append((m.start("who"), _sentence_end(text, m.end(), stop)))
    return spans


def _sentence_end(text: str, pos: int, stop: int) -> int:
    """Where the sentence running through ``pos`` ends: a full stop, a cell or a line
    (a wrapped line continues when it starts in lower case)."""
    limit = min(stop, pos + _LIMIT)
    while pos < limit:
        m = _SENTENCE_END.search(text, pos, limit)
        if m is None:
            return limit
        if m.group() != "\n":
            return m.end() if m.group() != "\t" else m.start()
        nxt = text[m.end() : m.end() + 40].lstrip(" \t")[:1]
        if not (nxt.islower() or nxt == "("):
            return m.start()
        pos = m.end()
    return limit


def same_person(a: str, b: str) -> bool:
    """Whether two ways of writing a name may be one person: equal, a first name or the
    initials of the other ("Ada" / "AB" / "Ada Brandt")."""
    if a == b:
        return True
    short, long = sorted((a.lstrip("@"), b.lstrip("@")), key=len)
    parts = long.split()
    if len(parts) < 2:
        return False
    return short == parts[0] or short == "".join(p[0] for p in parts)


def restates(words: str, who: Iterable[str], listed: Iterable[tuple[str, Iterable[str]]]) -> bool:
    """Whether an action (``words``, assigned to ``who``) repeats one of the ``listed``
    ``(words, assignees)``: one person in common and two content words in common."""
    mine = _content(words)
    people = list(who)
    for other_words, other_who in listed:
        if not any(same_person(a, b) for a in people for b in other_who):
            continue
        if len(mine & _content(other_words)) >= 2:
            return True
    return False


@lru_cache(maxsize=4096)
def _content(words: str) -> frozenset[str]:
    return frozenset(w for w in _CONTENT.findall(words.lower()) if w not in _STOP)
