"""What meetings produced: action items and decisions, filtered and searched.

Filters are SPARQL fragments chosen by which filters are given, with every value
passed as a binding; a text query (``q``) goes through :class:`graph.search.TextIndex`
first and narrows the SPARQL query to the hits (``VALUES`` of IRIs from the index),
which keeps the index's best-first order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph.errors import AmbiguousEntity, EntityNotFound
from graph.names import NameIndex, normalise
from graph.queries import _EVIDENCE_PATTERN, EvidenceRef, _evidence, values_block
from graph.search import TextIndex
from graph.store import KnowledgeStore, Row
from ontology import SPARQL_PREFIXES

if TYPE_CHECKING:
    from graph.timeline import TimeIndex

__all__ = [
    "MeetingRef",
    "ActionRecord",
    "DecisionRecord",
    "actions",
    "decisions",
    "meetings",
    "resolve_meeting",
]

_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


@dataclass(frozen=True)
class MeetingRef:
    id: str
    title: str | None
    date: str | None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "title": self.title, "date": self.date}
        return out if self.source is None else {**out, "source": self.source}


@dataclass(frozen=True)
class ActionRecord:
    id: str
    text: str
    assignees: tuple[dict[str, str], ...]
    due: str | None
    status: str | None
    tickets: tuple[str, ...]
    about: tuple[dict[str, str], ...]
    meeting: MeetingRef
    evidence: tuple[EvidenceRef, ...] = field(default=())
    score: float | None = None
    #: the action across meetings (graph/timeline.py): its id, how many meetings
    #: mention it, when first, and whether it is open past its due date
    history: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "assignees": list(self.assignees),
            "due": self.due,
            "status": self.status,
            "tickets": list(self.tickets),
            "about": list(self.about),
            "meeting": self.meeting.to_dict(),
            "evidence": [e.to_dict() for e in self.evidence],
            "score": self.score,
            "history": self.history,
        }


@dataclass(frozen=True)
class DecisionRecord:
    id: str
    text: str
    about: tuple[dict[str, str], ...]
    meeting: MeetingRef
    date: str | None
    evidence: tuple[EvidenceRef, ...] = field(default=())
    score: float | None = None
    #: the earlier decision this one replaces and the later one replacing it
    #: (graph/timeline.py): {"id", "method", "cue"}
    supersedes: dict[str, Any] | None = None
    superseded_by: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "about": list(self.about),
            "meeting": self.meeting.to_dict(),
            "date": self.date,
            "evidence": [e.to_dict() for e in self.evidence],
            "score": self.score,
            "current": self.superseded_by is None,
            "supersedes": self.supersedes,
            "superseded_by": self.superseded_by,
        }


# ------------------------------------------------------------------ meetings

MEETINGS_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT ?m ?title ?date ?source WHERE {
  ?m a mkg:Meeting .
  OPTIONAL { ?m dcterms:title ?title }
  OPTIONAL { ?m schema:startDate ?date }
  OPTIONAL { ?m dcterms:source/mkg:path ?source }
}"""
)


def meetings(store: KnowledgeStore) -> list[MeetingRef]:
    """Every meeting of the store, latest first."""
    found: dict[str, MeetingRef] = {}
    for row in store.select(MEETINGS_QUERY):
        iri = row["m"].value
        if iri not in found:
            found[iri] = MeetingRef(iri, _opt(row, "title"), _opt(row, "date"), _opt(row, "source"))
    return sorted(found.values(), key=lambda m: (m.date or "", m.id), reverse=True)


def resolve_meeting(store: KnowledgeStore, text: str) -> MeetingRef:
    """The meeting ``text`` names: its IRI, document id, date, or (part of) its title."""
    every = meetings(store)
    key = normalise(text)
    tests = (
        lambda m: m.id == text,
        lambda m: m.id.rsplit("/", 1)[-1] == key,
        lambda m: m.date == key,
        lambda m: m.title is not None and normalise(m.title) == key,
        lambda m: m.title is not None and key in normalise(m.title),
    )
    for test in tests:
        found = [m for m in every if test(m)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AmbiguousEntity(text, [_meeting_ref(m) for m in found])
    raise EntityNotFound(text, [_meeting_ref(m) for m in every[:10]])


def _meeting_ref(m: MeetingRef) -> dict[str, str]:
    name = f"{m.title or m.id.rsplit('/', 1)[-1]}" + (f" ({m.date})" if m.date else "")
    return {"id": m.id, "name": name, "type": "Meeting"}


def _opt(row: Row, key: str) -> str | None:
    return row[key].value if key in row else None


# ------------------------------------------------------------------ shared

_DETAILS_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT DISTINCT ?n ?kind ?v ?quote ?source ?date ?start ?end WHERE {
  {values}
  {
    ?n mkg:assignedTo ?v . BIND("assignee" AS ?kind)
  } UNION {
    ?n mkg:ticket ?v . BIND("ticket" AS ?kind)
  } UNION {
    ?n mkg:about ?v . BIND("about" AS ?kind)
  } UNION {
    ?n mkg:evidence ?ev . BIND("evidence" AS ?kind)
"""
    + _EVIDENCE_PATTERN
    + """  }
}"""
)


def _details(
    store: KnowledgeStore, nodes: list[str], names: NameIndex
) -> dict[str, dict[str, dict[Any, None]]]:
    """Assignees, tickets, subjects and evidence of many nodes in one query.

    Names come from the name index, not from a label join: every document naming a
    person repeats the label in its own graph, and the union graph multiplies the rows.
    """
    out: dict[str, dict[str, dict[Any, None]]] = defaultdict(lambda: defaultdict(dict))
    if not nodes:
        return out
    for row in store.select(_DETAILS_QUERY.replace("{values}", values_block("n", nodes))):
        kind = row["kind"].value
        slot = out[row["n"].value][kind]
        if kind == "evidence":
            slot[_evidence(row)] = None
            continue
        iri = row["v"].value
        ref = names.by_id.get(iri)
        name = ref.name if ref is not None else iri.rsplit("/", 1)[-1]
        slot[name if kind == "ticket" else (iri, name)] = None
    return out


_MEETING_DATES = (
    SPARQL_PREFIXES
    + "SELECT ?m ?date WHERE { ?m a mkg:Meeting . OPTIONAL { ?m schema:startDate ?date } }"
)


def _newest_rows(
    store: KnowledgeStore, template: str, bindings: dict[str, Any], limit: int
) -> dict[str, Row]:
    """One row per item of the newest meetings, whole meetings, until ``limit`` are found.

    ``template`` is an item query with ``{values}`` where a ``VALUES ?m`` block of
    meetings goes. Reading meetings newest first in growing batches (a batch always
    ends at a change of date) gives the same first ``limit`` items, newest meeting
    first, as reading every item would, without reading every item of the store.
    """
    dated: dict[str, str] = {}
    for row in store.select(_MEETING_DATES):
        dated.setdefault(row["m"].value, _opt(row, "date") or "")
    # newest first, undated last (as the full sort of items orders them)
    order = sorted(dated.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)
    rows: dict[str, Row] = {}
    i, size = 0, 8
    while i < len(order) and len(rows) < limit:
        j = min(i + size, len(order))
        while j < len(order) and order[j][1] == order[j - 1][1]:
            j += 1
        query = template.replace("{values}", values_block("m", [m for m, _ in order[i:j]]))
        for row in store.select(query, bindings):
            rows.setdefault(row["n"].value, row)
        i, size = j, size * 4
    return rows


def _ordered(
    store: KnowledgeStore,
    query: str,
    bindings: dict[str, Any],
    scores: dict[str, float] | None,
    limit: int,
    narrow: bool,
) -> tuple[dict[str, Row], list[str]]:
    """One row per item of ``query`` and the first ``limit`` items in answer order.

    With text scores, the best match first; else the newest meeting first, read in
    batches of meetings unless a ``narrow`` filter already leaves a few items.
    """
    rows: dict[str, Row] = {}
    if scores is None and not narrow:
        rows = _newest_rows(store, query, bindings, limit)
    else:
        query = query.replace("{values}", values_block("n", scores) if scores else "")
        for row in store.select(query, bindings):
            rows.setdefault(row["n"].value, row)

    def newest(i: str) -> tuple[str, tuple[str, int]]:
        return ("~" if "mdate" not in rows[i] else _invert(rows[i]["mdate"].value), _natural(i))

    if scores:
        return rows, sorted(rows, key=lambda i: (-scores[i], _natural(i)))[:limit]
    return rows, sorted(rows, key=newest)[:limit]


def _natural(iri: str) -> tuple[str, int]:
    head, _, tail = iri.rpartition("/")
    return (head, int(tail) if tail.isdigit() else 0)


def _refs(slot: dict[Any, None]) -> tuple[dict[str, str], ...]:
    return tuple({"id": i, "name": n} for i, n in slot)


def _evidence_of(slot: dict[Any, None]) -> tuple[EvidenceRef, ...]:
    return tuple(sorted(slot, key=lambda e: (e.source, e.start)))


def _ranked(
    text_index: TextIndex | None, q: str | None, kind: str, limit: int
) -> dict[str, float] | None:
    """IRIs matching ``q`` with their scores, or ``None`` when there is no ``q``."""
    if not q or not q.strip():
        return None
    if text_index is None:
        raise ValueError("a text query needs a TextIndex")
    return {hit.id: hit.score for hit in text_index.search(q, kinds=[kind], limit=limit)}


# ------------------------------------------------------------------ actions

_ACTIONS_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT ?n ?text ?status ?due ?m ?title ?mdate {projection} WHERE {
  {values}
  ?n a mkg:ActionItem ; schema:text ?text ; mkg:recordedIn ?m .
  {filters}
  OPTIONAL { ?n mkg:status ?status }
  OPTIONAL { ?n mkg:dueDate ?due }
  OPTIONAL { ?m dcterms:title ?title }
  OPTIONAL { ?m schema:startDate ?mdate }
}"""
)


def actions(
    store: KnowledgeStore,
    *,
    q: str | None = None,
    assignee: str | None = None,
    ticket: str | None = None,
    status: str | None = None,
    meeting: str | None = None,
    names: NameIndex | None = None,
    text_index: TextIndex | None = None,
    limit: int = 100,
    timeline: TimeIndex | None = None,
    overdue: bool = False,
    as_of: str | None = None,
) -> list[ActionRecord]:
    """Action items matching every filter given; best text match first when ``q`` is given.

    ``assignee`` and ``ticket`` are names resolved through the name index;
    ``meeting`` as in :func:`resolve_meeting`; ``status`` is done, open or unknown.

    With a ``timeline`` (:class:`graph.timeline.TimeIndex`), ``status`` and ``overdue``
    answer from each action's latest state (as of ``as_of``, default now): an action
    restated in later meetings is listed once, by its latest mention, with the status that
    mention leaves it in; ``overdue`` keeps the open ones past their due date.
    """
    if timeline is not None and (status in ("open", "done") or overdue) and not meeting:
        return _latest_actions(
            store,
            timeline,
            q=q,
            assignee=assignee,
            ticket=ticket,
            status=status,
            overdue=overdue,
            as_of=as_of,
            names=names,
            text_index=text_index,
            limit=limit,
        )
    bindings: dict[str, ox.NamedNode | ox.Literal] = {}
    filters: list[str] = []
    if assignee:
        names = names or NameIndex.from_store(store)
        bindings["assignee"] = ox.NamedNode(names.resolve(assignee, ["Person", "Team"]).id)
        filters.append("?n mkg:assignedTo ?assignee .")
    if ticket:
        names = names or NameIndex.from_store(store)
        bindings["ticket"] = ox.NamedNode(names.resolve(ticket, ["Ticket"]).id)
        filters.append("?n mkg:ticket ?ticket .")
    if status:
        bindings["wanted"] = ox.Literal(status)
        # a FILTER, not a pattern: as a pattern, Oxigraph starts from every item of that status
        filters.append("FILTER(?status = ?wanted)")
    if meeting:
        bindings["m"] = ox.NamedNode(resolve_meeting(store, meeting).id)
    # with other filters, more text matches are read, since the filters drop some
    scores = _ranked(text_index, q, "action", limit * 5 if bindings else limit)
    if scores is not None and not scores:
        return []
    query = _ACTIONS_QUERY.replace("{filters}", "\n  ".join(filters)).replace(
        "{projection}", " ".join(f"?{k}" for k in bindings if k != "m")
    )
    # newest meetings first unless a filter already narrows the items to a few
    narrow = bool({"m", "assignee", "ticket"} & set(bindings))
    rows, order = _ordered(store, query, bindings, scores, limit, narrow)
    detail = _details(store, order, names or NameIndex.from_store(store))
    out = []
    for iri in order:
        row, info = rows[iri], detail[iri]
        out.append(
            ActionRecord(
                id=iri,
                text=row["text"].value,
                assignees=_refs(info["assignee"]),
                due=_opt(row, "due"),
                status=_opt(row, "status"),
                tickets=tuple(info["ticket"]),
                about=_refs(info["about"]),
                meeting=MeetingRef(row["m"].value, _opt(row, "title"), _opt(row, "mdate")),
                evidence=_evidence_of(info["evidence"]),
                score=scores[iri] if scores else None,
                history=_history_ref(timeline.thread(iri), as_of) if timeline else None,
            )
        )
    return out


def _latest_actions(
    store: KnowledgeStore,
    timeline: TimeIndex,
    *,
    q: str | None,
    assignee: str | None,
    ticket: str | None,
    status: str | None,
    overdue: bool,
    as_of: str | None,
    names: NameIndex | None,
    text_index: TextIndex | None,
    limit: int,
) -> list[ActionRecord]:
    """The latest mention of each action whose state (as of ``as_of``) matches, answered
    from the time index alone (no query): newest first, or best text match first."""
    from graph.timeline import today

    names = names or NameIndex.from_store(store)
    want_assignee = names.resolve(assignee, ["Person", "Team"]).id if assignee else None
    want_ticket = names.resolve(ticket, ["Ticket"]).id if ticket else None
    scores = _ranked(text_index, q, "action", 10_000) if q and q.strip() else None
    on = as_of or (today() if overdue else None)
    found: list[tuple[Any, Any]] = []
    threads = timeline.by_recency
    if as_of is None and status and not overdue:
        threads = timeline.latest_with_status(status)  # kept by the index, newest first
    for t in threads:
        latest = t.latest(as_of)
        if latest is None or (status and t.status_on(as_of) != status):
            continue
        if overdue and not t.overdue(on or today()):
            continue
        item = timeline.items.get(latest.item)
        if item is None:
            continue
        if want_assignee and want_assignee not in item.assignees:
            continue
        if want_ticket and want_ticket not in item.tickets:
            continue
        if scores is not None and item.iri not in scores:
            continue
        found.append((t, item))
        if scores is None and as_of is None and len(found) >= limit:
            break  # newest first already
    if scores is not None:
        found.sort(key=lambda ti: (-scores[ti[1].iri], _natural(ti[1].iri)))
    elif as_of is not None:
        found.sort(key=lambda ti: (_invert(ti[1].date or "0"), _natural(ti[1].iri)))

    def ref(iri: str) -> dict[str, str]:
        entity = names.by_id.get(iri)
        return {"id": iri, "name": entity.name if entity else iri.rsplit("/", 1)[-1]}

    return [
        ActionRecord(
            id=item.iri,
            text=item.text,
            assignees=tuple(ref(a) for a in sorted(item.assignees)),
            due=t.due or item.due,
            status=t.status_on(as_of),
            tickets=tuple(ref(k)["name"] for k in sorted(item.tickets)),
            about=tuple(ref(b) for b in sorted(item.about)),
            meeting=MeetingRef(item.meeting, item.title, item.date),
            evidence=item.evidence,
            score=scores.get(item.iri) if scores else None,
            history=_history_ref(t, on),
        )
        for t, item in found[:limit]
    ]


def _history_ref(t: Any, on: str | None) -> dict[str, Any] | None:
    if t is None:
        return None
    from graph.timeline import today

    return {
        "id": t.id,
        "path": f"/actions/{t.id}",
        "mentions": len(t.mentions),
        "first_mentioned": t.mentions[0].date,
        "overdue": t.overdue(on or today()),
    }


def _invert(iso: str) -> str:
    """A key that sorts ISO dates latest first."""
    return "".join(chr(0x7E - ord(c)) if c.isdigit() else c for c in iso)


# ------------------------------------------------------------------ decisions

_DECISIONS_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT ?n ?text ?m ?title ?mdate {projection} WHERE {
  {values}
  ?n a mkg:Decision ; schema:text ?text ; mkg:decidedIn ?m .
  {filters}
  OPTIONAL { ?m dcterms:title ?title }
  OPTIONAL { ?m schema:startDate ?mdate }
  {date_filters}
}"""
)


def decisions(
    store: KnowledgeStore,
    *,
    about: str | None = None,
    q: str | None = None,
    since: date | None = None,
    until: date | None = None,
    names: NameIndex | None = None,
    text_index: TextIndex | None = None,
    limit: int = 100,
    timeline: TimeIndex | None = None,
) -> list[DecisionRecord]:
    """Decisions about ``about`` (a name), matching ``q``, taken between ``since`` and ``until``.

    The date of a decision is the start date of its meeting; with ``since`` or
    ``until`` given, decisions of undated meetings are left out.
    """
    bindings: dict[str, ox.NamedNode | ox.Literal] = {}
    filters: list[str] = []
    date_filters: list[str] = []
    if about:
        names = names or NameIndex.from_store(store)
        bindings["subject"] = ox.NamedNode(names.resolve(about).id)
        filters.append("?n mkg:about ?subject .")
    if since:
        bindings["since"] = ox.Literal(since.isoformat(), datatype=_XSD_DATE)
        date_filters.append("FILTER(BOUND(?mdate) && ?mdate >= ?since)")
    if until:
        bindings["until"] = ox.Literal(until.isoformat(), datatype=_XSD_DATE)
        date_filters.append("FILTER(BOUND(?mdate) && ?mdate <= ?until)")
    scores = _ranked(text_index, q, "decision", limit * 5 if bindings else limit)
    if scores is not None and not scores:
        return []
    query = (
        _DECISIONS_QUERY.replace("{filters}", "\n  ".join(filters))
        .replace("{date_filters}", "\n  ".join(date_filters))
        .replace("{projection}", " ".join(f"?{k}" for k in bindings))
    )
    rows, order = _ordered(store, query, bindings, scores, limit, "subject" in bindings)
    detail = _details(store, order, names or NameIndex.from_store(store))
    if timeline is not None and about and not scores:
        # the chain about one subject: decisions still in force first, each newest first
        order = sorted(order, key=lambda i: i in timeline.superseded_by)
    return [
        DecisionRecord(
            id=iri,
            text=rows[iri]["text"].value,
            about=_refs(detail[iri]["about"]),
            meeting=MeetingRef(
                rows[iri]["m"].value, _opt(rows[iri], "title"), _opt(rows[iri], "mdate")
            ),
            date=_opt(rows[iri], "mdate"),
            evidence=_evidence_of(detail[iri]["evidence"]),
            score=scores[iri] if scores else None,
            supersedes=_link_ref(timeline.supersedes.get(iri), "earlier") if timeline else None,
            superseded_by=(
                _link_ref(timeline.superseded_by.get(iri), "later") if timeline else None
            ),
        )
        for iri in order
    ]


def _link_ref(link: Any, end: str) -> dict[str, Any] | None:
    if link is None:
        return None
    return {
        "id": getattr(link, end),
        "method": link.method,
        "cue": link.cue,
        "subjects": list(link.subjects),
    }
