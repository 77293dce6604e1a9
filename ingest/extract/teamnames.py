"""Teams no vocabulary lists, named by how minutes write bodies.

- capitalised names joined by ``of``/``and``/``for`` before a team word (``Code of
  Conduct Committee``; plain runs of capitalised words are found by
  :mod:`ingest.extract.nlp`);
- ``the infra WG`` for the ``Infra WG`` written elsewhere;
- a body in a capitals banner line (``FERNLEAF PROJECT MANAGEMENT COMMITTEE``), named in
  title case, and its acronym (``PMC``);
- the acronym of any spelled-out team (``PMC`` for the ``Marlin Project Management
  Committee``) unless two teams share it;
- ``the Board`` (``body_words``): the board the title names when it names one;
- ``TSC``, ``TAC`` (``governance_acronyms``) alone: a team of that name.

>>> from ingest.resolve.vocab import load_vocabulary
>>> text = "Minutes of the Marlin Project Management Committee. 5 PMC members present."
>>> sorted({(t[3], text[t[0]:t[1]]) for t in find_teams(text, load_vocabulary(), None)})
[('Marlin Project Management Committee', 'PMC')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.resolve.vocab import Vocabulary

__all__ = ["find_teams"]

Named = tuple[int, int, str, str]  # start, end, entity type, canonical name

_CAP_WORD = r"[A-Z][\w'’&-]*"
_CONNECTOR = r"(?:of|for|and|on|&)"
#: a line in capitals, two to eight words (a banner such as the body's name)
_BANNER = re.compile(r"^[ \t]*((?:[A-Z][A-Z'’&-]+ ){1,7}[A-Z][A-Z'’&-]+)[ \t]*$", re.M)
_SMALL_WORDS = frozenset({"of", "for", "and", "on", "the"})


def find_teams(text: str, vocabulary: Vocabulary, title: str | None) -> Iterator[Named]:
    """Teams named by the rules of this module (see the module documentation); ``title``
    is the document's title."""
    if vocabulary.team_words:
        ends = "|".join(re.escape(w) for w in sorted(vocabulary.team_words, key=len)[::-1])
        pattern = re.compile(
            rf"(?<![\w-])((?:{_CAP_WORD} {_CONNECTOR} )+(?:{_CAP_WORD} ){{1,3}})(?:{ends})(?![\w-])"
        )
        for m in pattern.finditer(text):
            start = m.start()
            first = m.group(1).split()[0]
            if first in vocabulary.determiners:
                start += len(first) + 1
            yield start, m.end(), "Team", text[start : m.end()]
        acronyms = _acronyms(vocabulary)
        for m in re.finditer(rf"\b[Tt]he ((?:[a-z][a-z-]+ ){{1,2}}(?:{acronyms}))\b", text):
            # "the infra WG": the group written "Infra WG" elsewhere, or as here
            same = rf"(?<![\w-]){re.escape(m.group(1))}(?![\w-])"
            named = [o.group(0) for o in re.finditer(same, text, re.I) if o.group(0)[0].isupper()]
            yield m.start(1), m.end(1), "Team", named[0] if named else m.group(1)
        yield from _banner_teams(text, ends)
        yield from _acronym_teams(text, vocabulary)
    for body in vocabulary.body_words:  # "Board of Directors Meeting Minutes"
        if " " in body and body[:1].isupper():
            for b in re.finditer(rf"(?<![\w-]){re.escape(body)}(?![\w-])", text):
                yield b.start(), b.end(), "Team", body
    for acronym in vocabulary.governance_acronyms:  # after the document's own acronyms
        for a in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            yield a.start(), a.end(), "Team", acronym
    if vocabulary.body_words:
        bodies = "|".join(re.escape(w) for w in sorted(vocabulary.body_words, key=len)[::-1])
        for m in re.finditer(rf"\b[Tt]he ({bodies})(?![\w-]| [A-Z])", text):
            # "the Board" in the minutes of the "Fenwick Project Board" is that board
            named = re.search(rf"(?:{_CAP_WORD} ){{1,4}}{re.escape(m.group(1))}\b", title or "")
            name = named.group(0) if named else m.group(1)
            yield m.start(1), m.end(1), "Team", name


def _acronym_teams(text: str, vocabulary: Vocabulary) -> Iterator[Named]:
    """``PMC`` where the minutes name the ``Marlin Project Management Committee`` (an
    acronym of its last three or more words); an acronym two teams share names neither."""
    words = [w for w in vocabulary.team_words if w[:1].isupper() and not w.isupper()]
    if not words:
        return
    ends = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    teams: dict[str, set[str]] = {}
    for m in re.finditer(rf"(?<![\w-])(?:{_CAP_WORD} ){{2,4}}(?:{ends})(?![\w-])", text):
        name = m.group(0).split()
        while name and name[0] in vocabulary.determiners:
            name = name[1:]
        for k in range(len(name) - 2):
            teams.setdefault("".join(w[0] for w in name[k:]), set()).add(" ".join(name))
    for acronym, names in teams.items():
        if len(names) != 1 or not acronym.isalpha():
            continue
        (name,) = names
        for a in re.finditer(rf"(?<![\w-]){acronym}(?![\w-])", text):  # not "Quarry" of
            yield a.start(), a.end(), "Team", name  # "Quarry TSC": that is the project


def _acronyms(vocabulary: Vocabulary) -> str:
    """The team words written in capitals (``WG``, ``SIG``) as a regex alternation."""
    words = [w for w in vocabulary.team_words if w.isupper() and len(w) >= 2]
    return "|".join(re.escape(w) for w in words) or "(?!)"


def _banner_teams(text: str, ends: str) -> Iterator[Named]:
    """A body named in a capitals banner line (``FERNLEAF PROJECT MANAGEMENT COMMITTEE``),
    and its acronym wherever the minutes use it (``PMC``)."""
    for m in _BANNER.finditer(text):
        banner = m.group(1)
        title = " ".join(
            w.lower() if w.lower() in _SMALL_WORDS else w.capitalize() for w in banner.split()
        )
        body = re.search(rf"(?:{_CAP_WORD} (?:{_CONNECTOR} )?){{1,5}}(?:{ends})$", title)
        if body is None or banner != " ".join(banner.split()):  # spans must line up
            continue
        # "REPORT FROM THE SECURITY TEAM": the body is "Security Team", not the whole line
        yield m.start(1) + body.start(), m.start(1) + body.end(), "Team", body.group(0)
        words = body.group(0).split()
        capitals = [w for w in words if w[0].isupper()]
        acronyms = {"".join(w[0] for w in capitals[k:]) for k in range(len(capitals) - 2)}
        if not acronyms:
            continue
        either = "|".join(sorted(acronyms, key=len, reverse=True))
        pattern = rf"(?<![\w-])(?:{either})(?![\w-])"
        for a in re.finditer(pattern, text):
            yield a.start(), a.end(), "Team", body.group(0)
