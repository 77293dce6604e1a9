"""The checks a checklist case states about one extraction (``Extraction.to_dict()``).

A case's ``expect`` maps check names to values; the case passes when every check holds.
Each check returns ``None`` when it holds, else one line saying what was missing or wrong.

Names in checks match an entity when they equal its name or one of its aliases,
compared without case, accents, extra spaces or a handle's ``@`` (``Şule Kaya`` matches
``sule kaya``);
Team and Organization count as one type (as in ANNOTATION.md); for Ticket and Document
names spaces and hyphens are ignored too (``PEP 8`` matches ``PEP-8``). Where a check
allows several spellings, it gives a list (``["#42", "PR #42"]``).

Checks
------
``persons``          every name is a Person entity
``not_persons``      no Person entity is named so
``attendees``        every name has an ``attended`` relation to the meeting
``not_attendees``    none of these names attended
``entities``         ``[[type, name], ...]``: each is an entity of that type
``not_entities``     ``[[type, name], ...]``: none is an entity of that type (type ``"*"``: any)
``relations``        ``[[subject, predicate, object], ...]`` (object ``"<meeting>"``: the meeting)
``not_relations``    none of these relations is extracted
``actions``          ``[{assignee|assignees, text_contains, due, status, evidence_contains}]``:
                     each matcher is met by one action item
``not_actions``      no action item meets any of these matchers
``no_actions``       ``true``: no action item at all
``actions_count``    exactly this many action items
``decisions``        ``[{text_contains|evidence_contains}]``: each met by one decision
``not_decisions``    no decision meets any of these matchers
``decisions_min``    at least this many decisions
``no_decisions``     ``true``: no decision at all
``same_entity``      ``[[name, name], ...]``: both names are forms of one entity
``not_same_entity``  ``[[name, name], ...]``: no entity has both names
``evidence_exact``   ``true``: every evidence quote equals the source at its offsets
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["CHECKS", "Outcome", "norm", "run_checks"]

Outcome = str | None
Names = str | list[str]

_PEOPLE_TYPES = {"Person"}
_GROUP_TYPES = {"Team", "Organization"}
_COMPACT_TYPES = {"Ticket", "Document"}


def norm(name: str, compact: bool = False) -> str:
    """Fold case, accents and runs of spaces (and, ``compact``, spaces and hyphens)."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = " ".join(bare.casefold().replace("ı", "i").split()).lstrip("@")
    if compact:
        folded = folded.replace(" ", "").replace("-", "").replace("_", "")
    return folded


def _same_type(wanted: str, actual: str) -> bool:
    if wanted == "*":
        return True
    if wanted in _GROUP_TYPES:
        return actual in _GROUP_TYPES
    return wanted == actual


class _View:
    """An extraction's entities indexed for name look-ups."""

    def __init__(self, extraction: dict[str, Any], source_text: str) -> None:
        self.extraction = extraction
        self.text = source_text
        self.entities: dict[str, dict[str, Any]] = {e["id"]: e for e in extraction["entities"]}
        self.meeting_id: str = extraction["meeting"]["id"]

    def ids(self, names: Names, etype: str = "*") -> set[str]:
        """Ids of entities of ``etype`` any of whose forms is one of ``names``."""
        wanted = [names] if isinstance(names, str) else list(names)
        found: set[str] = set()
        for eid, entity in self.entities.items():
            if not _same_type(etype, entity["type"]):
                continue
            compact = entity["type"] in _COMPACT_TYPES
            forms = {norm(f, compact) for f in [entity["name"], *entity["aliases"]]}
            if any(norm(w, compact) in forms for w in wanted):
                found.add(eid)
        return found

    def label(self, eid: str) -> str:
        entity = self.entities.get(eid)
        return entity["name"] if entity else eid.rsplit("/", 1)[-1]

    def persons(self) -> list[str]:
        return sorted(e["name"] for e in self.entities.values() if e["type"] == "Person")

    def attendee_ids(self) -> set[str]:
        return {r["subject"] for r in self.extraction["relations"] if r["predicate"] == "attended"}

    def relation_holds(self, subject: Names, predicate: str, obj: Names) -> bool:
        subjects = self.ids(subject)
        objects = {self.meeting_id} if obj == "<meeting>" else self.ids(obj)
        return any(
            r["predicate"] == predicate and r["subject"] in subjects and r["object"] in objects
            for r in self.extraction["relations"]
        )

    def relation_lines(self) -> str:
        return (
            "; ".join(
                f"{self.label(r['subject'])} {r['predicate']} {self.label(r['object'])}"
                for r in self.extraction["relations"]
                if r["predicate"] != "attended"
            )
            or "none"
        )


def _names(value: Names) -> str:
    return value if isinstance(value, str) else " | ".join(value)


def _evidence_text(item: dict[str, Any]) -> str:
    return " ".join(e["quote"] for e in item["evidence"])


def _action_matches(view: _View, item: dict[str, Any], m: dict[str, Any]) -> bool:
    wanted = list(m.get("assignees", []))
    if "assignee" in m:
        wanted.append(m["assignee"])
    for name in wanted:
        if not view.ids(name) & set(item["assignees"]):
            return False
    if "text_contains" in m:
        hay = norm(item["text"] + " " + _evidence_text(item))
        if norm(m["text_contains"]) not in hay:
            return False
    if "evidence_contains" in m and norm(m["evidence_contains"]) not in norm(_evidence_text(item)):
        return False
    if "due" in m and item["due"] != m["due"]:
        return False
    if "status" not in m:
        return True
    statuses = [m["status"]] if isinstance(m["status"], str) else m["status"]
    return item["status"] in statuses


def _decision_matches(item: dict[str, Any], m: dict[str, Any]) -> bool:
    hay = norm(item["text"] + " " + _evidence_text(item))
    if "text_contains" in m and norm(m["text_contains"]) not in hay:
        return False
    return not (
        "evidence_contains" in m and norm(m["evidence_contains"]) not in norm(_evidence_text(item))
    )


def _describe_actions(view: _View) -> str:
    items = view.extraction["action_items"]
    if not items:
        return "no action items"
    return "; ".join(
        f"[{', '.join(view.label(a) for a in i['assignees']) or '-'}] {i['text']!r}"
        f" due={i['due']} status={i['status']}"
        for i in items
    )


def _describe_decisions(view: _View) -> str:
    items = view.extraction["decisions"]
    return "; ".join(repr(d["text"]) for d in items) or "no decisions"


# --------------------------------------------------------------------------- the checks


def _persons(view: _View, names: list[Names]) -> Outcome:
    missing = [_names(n) for n in names if not view.ids(n, "Person")]
    return f"persons missing {missing}; found {view.persons()}" if missing else None


def _not_persons(view: _View, names: list[Names]) -> Outcome:
    wrong = [_names(n) for n in names if view.ids(n, "Person")]
    return f"wrongly read as persons {wrong}" if wrong else None


def _attendees(view: _View, names: list[Names]) -> Outcome:
    present = view.attendee_ids()
    missing = [_names(n) for n in names if not view.ids(n, "Person") & present]
    if not missing:
        return None
    found = sorted(view.label(i) for i in present)
    return f"attendees missing {missing}; attended: {found}"


def _not_attendees(view: _View, names: list[Names]) -> Outcome:
    present = view.attendee_ids()
    wrong = [_names(n) for n in names if view.ids(n) & present]
    return f"wrongly read as attendees {wrong}" if wrong else None


def _entities(view: _View, pairs: list[list[Any]]) -> Outcome:
    missing = [f"{t}:{_names(n)}" for t, n in pairs if not view.ids(n, t)]
    if not missing:
        return None
    found = sorted(
        f"{e['type']}:{e['name']}" for e in view.entities.values() if e["type"] != "Meeting"
    )
    return f"entities missing {missing}; found {found}"


def _not_entities(view: _View, pairs: list[list[Any]]) -> Outcome:
    wrong = [f"{t}:{_names(n)}" for t, n in pairs if view.ids(n, t)]
    return f"wrongly read as entities {wrong}" if wrong else None


def _relations(view: _View, triples: list[list[Any]]) -> Outcome:
    missing = [
        f"{_names(s)} {p} {_names(o)}" for s, p, o in triples if not view.relation_holds(s, p, o)
    ]
    return f"relations missing {missing}; found {view.relation_lines()}" if missing else None


def _not_relations(view: _View, triples: list[list[Any]]) -> Outcome:
    wrong = [f"{_names(s)} {p} {_names(o)}" for s, p, o in triples if view.relation_holds(s, p, o)]
    return f"wrong relations {wrong}" if wrong else None


def _actions(view: _View, matchers: list[dict[str, Any]]) -> Outcome:
    items = view.extraction["action_items"]
    missing = [m for m in matchers if not any(_action_matches(view, i, m) for i in items)]
    return f"no action item like {missing}; found {_describe_actions(view)}" if missing else None


def _not_actions(view: _View, matchers: list[dict[str, Any]]) -> Outcome:
    items = view.extraction["action_items"]
    wrong = [m for m in matchers if any(_action_matches(view, i, m) for i in items)]
    return f"wrong action items like {wrong}: {_describe_actions(view)}" if wrong else None


def _no_actions(view: _View, flag: bool) -> Outcome:
    if flag and view.extraction["action_items"]:
        return f"expected no action items; found {_describe_actions(view)}"
    return None


def _actions_count(view: _View, count: int) -> Outcome:
    n = len(view.extraction["action_items"])
    return (
        None
        if n == count
        else f"expected {count} action items, found {n}: {_describe_actions(view)}"
    )


def _decisions(view: _View, matchers: list[dict[str, Any]]) -> Outcome:
    items = view.extraction["decisions"]
    missing = [m for m in matchers if not any(_decision_matches(i, m) for i in items)]
    return f"no decision like {missing}; found {_describe_decisions(view)}" if missing else None


def _not_decisions(view: _View, matchers: list[dict[str, Any]]) -> Outcome:
    items = view.extraction["decisions"]
    wrong = [m for m in matchers if any(_decision_matches(i, m) for i in items)]
    return f"wrong decisions like {wrong}: {_describe_decisions(view)}" if wrong else None


def _decisions_min(view: _View, count: int) -> Outcome:
    n = len(view.extraction["decisions"])
    return None if n >= count else f"expected at least {count} decisions, found {n}"


def _no_decisions(view: _View, flag: bool) -> Outcome:
    if flag and view.extraction["decisions"]:
        return f"expected no decisions; found {_describe_decisions(view)}"
    return None


def _same_entity(view: _View, pairs: list[list[str]]) -> Outcome:
    apart = [f"{a} / {b}" for a, b in pairs if not view.ids(a) & view.ids(b)]
    return f"not resolved to one entity: {apart}; persons {view.persons()}" if apart else None


def _not_same_entity(view: _View, pairs: list[list[str]]) -> Outcome:
    merged = [f"{a} / {b}" for a, b in pairs if view.ids(a) & view.ids(b)]
    return f"wrongly resolved to one entity: {merged}" if merged else None


def _evidence_exact(view: _View, flag: bool) -> Outcome:
    if not flag:
        return None
    items: Iterable[dict[str, Any]] = [
        *view.extraction["relations"],
        *view.extraction["action_items"],
        *view.extraction["decisions"],
    ]
    for item in items:
        for ev in item["evidence"]:
            if view.text[ev["start"] : ev["end"]] != ev["quote"]:
                got = view.text[ev["start"] : ev["end"]]
                return f"evidence {ev['quote']!r} at {ev['start']}:{ev['end']} reads {got!r}"
    return None


CHECKS: dict[str, Callable[[_View, Any], Outcome]] = {
    "persons": _persons,
    "not_persons": _not_persons,
    "attendees": _attendees,
    "not_attendees": _not_attendees,
    "entities": _entities,
    "not_entities": _not_entities,
    "relations": _relations,
    "not_relations": _not_relations,
    "actions": _actions,
    "not_actions": _not_actions,
    "no_actions": _no_actions,
    "actions_count": _actions_count,
    "decisions": _decisions,
    "not_decisions": _not_decisions,
    "decisions_min": _decisions_min,
    "no_decisions": _no_decisions,
    "same_entity": _same_entity,
    "not_same_entity": _not_same_entity,
    "evidence_exact": _evidence_exact,
}


def run_checks(extraction: dict[str, Any], source_text: str, expect: dict[str, Any]) -> list[str]:
    """The failures of ``expect`` on ``extraction`` (empty when the case passes).

    >>> ex = {"meeting": {"id": "m"}, "entities": [{"id": "p", "type": "Person",
    ...       "name": "Şule Kaya", "aliases": []}], "relations": [],
    ...       "action_items": [], "decisions": []}
    >>> run_checks(ex, "", {"persons": ["sule kaya"], "no_actions": True})
    []
    """
    view = _View(extraction, source_text)
    failures = []
    for name, value in expect.items():
        outcome = CHECKS[name](view, value)
        if outcome:
            failures.append(f"{name}: {outcome}")
    return failures
