"""What the layout says once names are resolved: the roster, attendance, action items.

The structure step (:mod:`ingest.structure`) finds where the roll call, the agenda and
the action items are; this module turns those mentions into people, ``attended``
relations and :class:`~ingest.model.ActionItem` s, for :mod:`ingest.pipeline`.

An action item written twice (in the notes and again in a summary table, or carried
over into a list of open actions) is one item: the first is kept, with the evidence of
both.

>>> from ingest.model import ActionItem, Evidence
>>> a = ActionItem("a1", "Mateo to tag heron-cli 0.8.1", ("p:mateo",), None, "open", (),
...                (Evidence("x", 0, 1),))
>>> b = ActionItem("a2", "tag heron-cli 0.8.1", ("p:mateo",), "2024-10-25", "open", (),
...                (Evidence("y", 5, 6),))
>>> [(i.id, i.due, len(i.evidence)) for i in dedupe_actions([a, b], {"p:mateo": ["Mateo"]})]
[('a1', '2024-10-25', 2)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from rapidfuzz import fuzz

from ingest.model import ActionItem, Evidence, Mention, RawAction, Structure
from ingest.relations import AFFILIATION, FoundRelation
from ingest.resolve import People
from ontology.ids import action_iri, entity_iri

__all__ = [
    "roster",
    "with_affiliations",
    "attendance",
    "build_actions",
    "dedupe_actions",
]

ROSTER_HANDLE = re.compile(r"\s*\(@([\w.-]+)\)")
# the words before one of these open an action item with its assignee ("DV — write ...")
_LEADING_ASSIGNEE = re.compile(r"^\W*(@?[\w.'-]+(?: [\w.'-]+){0,2}?)(?:\s*[—:–]|\s+-\s|\s+to\s)")
_FILLER = frozenset({"to", "will", "should", "shall", "must", "and", "the", "a", "an", "please"})


def roster(structure: Structure) -> list[Mention]:
    """Mentions the layout says are people: attendees, absentees, assignees, coordinators,
    moderators."""
    from ingest.structure import absentees

    mentions = [*structure.attendees, *absentees(structure)]
    for action in structure.actions:
        mentions += action.assignees
    for row in structure.agenda:
        mentions += row.coordinators
        if row.moderator is not None:
            mentions.append(row.moderator)
    return mentions


def _overlaps(start: int, end: int, spans: Sequence[Any]) -> bool:
    return any(start < f.end and f.start < end for f in spans)


def with_affiliations(text: str, attendees: Sequence[Mention], found: list[Any]) -> list[Any]:
    """``Raj Patel (Northwind University)`` in the attendee list: the parentheses name the
    person's organisation, known to the vocabulary or not."""
    from ingest.nlp import Found

    extra = []
    for mention in attendees:
        m = AFFILIATION.match(text, mention.end)
        if m and not _overlaps(m.start(1), m.end(1), found):
            name = m.group(1)
            for other in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                if not _overlaps(other.start(), other.end(), [*found, *extra]):
                    extra.append(Found(other.start(), other.end(), "Organization", name, name))
    return sorted([*found, *extra], key=lambda f: f.start)


def attendance(
    text: str, attendees: Sequence[Mention], people: People, meeting_id: str
) -> list[FoundRelation]:
    """``attended`` for every attendee who resolves to a person; the evidence is the line."""
    found = []
    for mention in attendees:
        name = people.resolve(mention.text, promote_to=1)
        if name:
            ls = text.rfind("\n", 0, mention.start) + 1
            le = text.find("\n", mention.end) % (len(text) + 1)
            found.append(
                FoundRelation(entity_iri("Person", name), "attended", meeting_id, 0.95, ls, le)
            )
    return found


def build_actions(
    raws: Sequence[RawAction],
    people: People,
    found: Sequence[Any],
    doc_id: str,
    evidence: Callable[[int, int], Evidence],
    is_ticket: Callable[[str], bool],
) -> list[ActionItem]:
    """Action items with their assignees resolved (never guessed), repeats merged."""
    actions = []
    for n, raw in enumerate(raws, 1):
        assignees: list[str] = []
        if not raw.assignees:  # the layout found none: a person may open the item
            lead = _LEADING_ASSIGNEE.match(raw.text) or re.match(r"^\W*(@[\w.-]+)", raw.text)
            name = lead and people.resolve(lead.group(1), 1, short_initials=True)
            if name:
                assignees.append(entity_iri("Person", name))
        for mention in raw.assignees:
            name = people.resolve(mention.text, promote_to=1, short_initials=True)
            if name:
                assignees.append(entity_iri("Person", name))
                continue
            teams = [
                f for f in found
                if f.type == "Team" and f.start <= mention.start and mention.end <= f.end
            ]
            if teams:
                assignees.append(entity_iri("Team", teams[0].name))
        actions.append(
            ActionItem(
                action_iri(doc_id, n),
                " ".join(raw.text.split()),
                tuple(dict.fromkeys(assignees)),
                raw.due,
                raw.status,
                tuple(t for t in raw.tickets if is_ticket(t)),
                (evidence(raw.start, raw.end),),
            )
        )
    names = {
        entity_iri("Person", p.name): [p.name, *p.aliases] for p in people.persons.values()
    }
    kept = dedupe_actions(actions, names)
    return [replace(a, id=action_iri(doc_id, n)) for n, a in enumerate(kept, 1)]


def _words(item: ActionItem, names: Mapping[str, Sequence[str]]) -> list[str]:
    """The item's words without its assignees' names or filler."""
    skip = {
        w for a in item.assignees for n in names.get(a, ()) for w in re.findall(r"\w+", n.lower())
    }
    return [
        w for w in re.findall(r"[a-z0-9]+", item.text.lower()) if w not in skip and w not in _FILLER
    ]


def _same(a: list[str], b: list[str]) -> bool:
    if a == b:
        return bool(a)
    numbers_a = [w for w in a if any(c.isdigit() for c in w)]
    numbers_b = [w for w in b if any(c.isdigit() for c in w)]
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return False  # "docs for 2.1" and "docs for 2.2" are two tasks
    short, long = sorted((" ".join(a), " ".join(b)), key=len)
    if len(short.split()) < 3:
        return False
    return fuzz.ratio(short, long) >= 90 or (
        fuzz.partial_ratio(short, long) >= 97 and len(short) >= 0.6 * len(long)
    )


def dedupe_actions(
    actions: Sequence[ActionItem], names: Mapping[str, Sequence[str]]
) -> list[ActionItem]:
    """One item per task: an item with the same assignees and nearly the same words as an
    earlier one joins it (its evidence added, a due date or ticket it adds kept)."""
    kept: list[ActionItem] = []
    words: list[list[str]] = []
    for item in actions:
        mine = _words(item, names)
        for k, (other, theirs) in enumerate(zip(kept, words, strict=True)):
            if item.assignees and set(item.assignees) == set(other.assignees) and _same(
                mine, theirs
            ):
                kept[k] = replace(
                    other,
                    due=other.due or item.due,
                    status=other.status if other.status != "unknown" else item.status,
                    tickets=tuple(dict.fromkeys((*other.tickets, *item.tickets))),
                    evidence=(*other.evidence, *item.evidence),
                )
                break
        else:
            kept.append(item)
            words.append(mine)
    return kept
