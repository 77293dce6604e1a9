"""The questions users ask, as SPARQL run by the store's engine, answered as dataclasses.

Every query takes its values as bindings (never pasted into the query text) and
runs over the union of the document graphs, so it works the same on the embedded
store and on a remote SPARQL endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph.claims import (
    NEWEST_QUOTED,
    Claim,
    OwnershipIndex,
    claims_for,
    statement_claims,
)
from graph.dependencies import DependenciesResult, Dependency, dependencies
from graph.evidence import (
    _EVIDENCE_PATTERN,
    EvidenceRef,
    _evidence,
    evidence_by_node,
    values_block,
)
from graph.names import EntityRef, NameIndex
from graph.store import KnowledgeStore
from ontology import PREDICATE_IRIS, SPARQL_PREFIXES

if TYPE_CHECKING:
    from graph.timeline import Period, TimeIndex

__all__ = [
    "EvidenceRef",
    "Related",
    "OwnersResult",
    "Dependency",
    "DependenciesResult",
    "MembersResult",
    "owners",
    "dependencies",
    "members",
    "evidence_for",
    "evidence_by_node",
    "values_block",
    "DEFAULT_EVIDENCE_LIMIT",
    "MEMBER_RELATIONS",
]


@dataclass(frozen=True)
class Related:
    """An entity related to the one asked about, with the evidence for the relation."""

    id: str
    name: str
    type: str
    relation: str
    confidence: float | None = None
    evidence: tuple[EvidenceRef, ...] = field(default=())
    #: how many sentences say so in all (``evidence`` may hold only the newest of them)
    evidence_count: int | None = None
    first_said: str | None = None
    last_said: str | None = None
    #: when the claim held (graph/timeline.py): None when no period was inferred
    valid_from: str | None = None
    valid_to: str | None = None
    opened_by: EvidenceRef | None = None
    closed_by: EvidenceRef | None = None
    method: str | None = None

    def to_dict(self) -> dict[str, Any]:
        dates = sorted(e.date for e in self.evidence if e.date)
        period = {
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "opened_by": self.opened_by.to_dict() if self.opened_by else None,
            "closed_by": self.closed_by.to_dict() if self.closed_by else None,
            "method": self.method,
        }
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "relation": self.relation,
            "confidence": self.confidence,
            "evidence_count": (
                len(self.evidence) if self.evidence_count is None else self.evidence_count
            ),
            "first_said": self.first_said or (dates[0] if dates else None),
            "last_said": self.last_said or (dates[-1] if dates else None),
            "evidence": [e.to_dict() for e in self.evidence],
            **period,
        }


@dataclass(frozen=True)
class OwnersResult:
    entity: EntityRef
    owners: tuple[Related, ...]
    #: owners whose claim a later statement closed (by ``as_of``), newest closed first
    superseded: tuple[Related, ...] = ()
    as_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity.to_dict(),
            "as_of": self.as_of,
            "owners": [o.to_dict() for o in self.owners],
            "superseded": [o.to_dict() for o in self.superseded],
        }


#: quotes per owner in an answer unless asked otherwise (the newest; 0 means all)
DEFAULT_EVIDENCE_LIMIT = NEWEST_QUOTED


def _describe_iri(iri: str, index: NameIndex) -> tuple[str, str]:
    """Name and type of an entity from the name index (else its IRI's last segment)."""
    ref = index.by_id.get(iri)
    if ref is not None:
        return ref.name, ref.type
    return iri.rsplit("/", 1)[-1], "Thing"


def owners(
    store: KnowledgeStore,
    name: str,
    index: NameIndex | None = None,
    *,
    evidence_limit: int = DEFAULT_EVIDENCE_LIMIT,
    ownership: OwnershipIndex | None = None,
    as_of: str | None = None,
    timeline: TimeIndex | None = None,
) -> OwnersResult:
    """Who owns ``name``: people and teams responsible for it, its leads, assignees naming it.

    Owners come ranked: named responsibility, then leading, then assigned work; within
    each, the most recently said first. Each carries how many sentences say so
    (``evidence_count``), when they were first and last said, and the quotes of the
    newest ``evidence_limit`` of them (``0``: all). The claims come from ``ownership``
    when given (a server keeps one), else from the store for this one entity.

    Owners are those whose claim held on ``as_of`` (an ISO date; None: now), each with
    the period it held and the statements that opened and closed it
    (:mod:`graph.timeline`); claims a later handover closed by then are listed apart as
    ``superseded``. As of a past date only what had been said by then counts.

    Raises :class:`graph.errors.EntityNotFound` / :class:`graph.errors.AmbiguousEntity`.
    """
    if evidence_limit < 0:
        raise ValueError("evidence_limit must be 0 (every quote) or a positive number")
    index = index or NameIndex.from_store(store)
    entity = index.resolve(name)
    claims = ownership.claims(entity.id) if ownership is not None else claims_for(store, entity.id)
    if timeline is not None:
        periods = timeline.periods(entity.id)
    else:
        from graph.timeline import periods_for

        periods = periods_for(store, entity.id)
    known = timeline.quotes if timeline is not None else {}
    current, superseded = _as_of(claims, periods, as_of, known)
    marks = [p.opened_by for _, p in current + superseded if p and p.opened_by]
    marks += [p.closed_by for _, p in current + superseded if p and p.closed_by]
    missing = [m for m in marks if m not in known]
    quoted = {m: known[m] for m in marks if m in known}
    if missing:
        quoted.update(evidence_by_node(store, missing))
    found = _with_periods(
        _related(store, tuple(c for c, _ in current), index, evidence_limit),
        [p for _, p in current],
        quoted,
    )
    gone = _with_periods(
        _related(store, tuple(c for c, _ in superseded), index, evidence_limit),
        [p for _, p in superseded],
        quoted,
    )
    return OwnersResult(entity=entity, owners=found, superseded=gone, as_of=as_of)


def _as_of(
    claims: tuple[Claim, ...],
    periods: tuple[Period, ...],
    as_of: str | None,
    known: dict[str, EvidenceRef],
) -> tuple[list[tuple[Claim, Period | None]], list[tuple[Claim, Period | None]]]:
    """The claims holding on ``as_of`` and those closed by then, each with its period;
    ``known`` quotes (of the time index) quote what had been said by ``as_of``."""
    by_claim: dict[tuple[str, str], list[Period]] = {}
    for p in periods:
        by_claim.setdefault((p.who, p.relation), []).append(p)
    current: list[tuple[Claim, Period | None]] = []
    superseded: list[tuple[Claim, Period | None]] = []
    for claim in claims:
        if as_of is not None:
            said = tuple(e for e in claim.evidence if e[0] is None or e[0][:10] <= as_of)
            if not said:
                continue  # nothing said of it yet
            if len(said) != len(claim.evidence):
                keep = {ev for _, ev in said}
                quotes = {ev: q for ev, q in claim.quotes if ev in keep}
                quotes.update((ev, known[ev]) for _, ev in said[:NEWEST_QUOTED] if ev in known)
                claim = replace(claim, evidence=said, quotes=tuple(quotes.items()))
        found = sorted(
            by_claim.get((claim.who, claim.relation), ()), key=lambda p: p.valid_from or ""
        )
        holding = [p for p in found if p.holds(as_of)]
        if holding:
            current.append((claim, holding[-1]))
            continue
        ended = [p for p in found if p.ended_by(as_of)]
        if ended:
            superseded.append((claim, ended[-1]))
        elif not found:
            current.append((claim, None))  # no period (assigned work): said, so it holds
    superseded.sort(key=lambda cp: cp[1].valid_to if cp[1] else "", reverse=True)
    return current, superseded


def _with_periods(
    found: tuple[Related, ...], periods: list[Period | None], quoted: dict[str, EvidenceRef]
) -> tuple[Related, ...]:
    return tuple(
        r
        if p is None
        else replace(
            r,
            valid_from=p.valid_from,
            valid_to=p.valid_to,
            opened_by=quoted.get(p.opened_by) if p.opened_by else None,
            closed_by=quoted.get(p.closed_by) if p.closed_by else None,
            method=p.method,
        )
        for r, p in zip(found, periods, strict=True)
    )


def _related(
    store: KnowledgeStore, claims: tuple[Claim, ...], index: NameIndex, evidence_limit: int
) -> tuple[Related, ...]:
    """One :class:`Related` per claim, quoting its newest ``evidence_limit`` sentences."""
    shown = [c.evidence[:evidence_limit] if evidence_limit else c.evidence for c in claims]
    # quotes the claims already carry (an index keeps the newest few), the rest from the store
    quotes = {ev: quote for c in claims for ev, quote in c.quotes}
    quotes.update(
        evidence_by_node(store, [ev for items in shown for _, ev in items if ev not in quotes])
    )
    found = []
    for claim, items in zip(claims, shown, strict=True):
        name, kind = _describe_iri(claim.who, index)
        found.append(
            Related(
                id=claim.who,
                name=name,
                type=kind,
                relation=claim.relation,
                confidence=claim.confidence,
                evidence=tuple(quotes[ev] for _, ev in items if ev in quotes),
                evidence_count=len(claim.evidence),
                first_said=claim.first_said,
                last_said=claim.last_said,
            )
        )
    return tuple(found)


def evidence_for(store: KnowledgeStore, node: str) -> tuple[EvidenceRef, ...]:
    """The evidence attached to one statement, action item or decision node."""
    query = (
        SPARQL_PREFIXES
        + "SELECT ?n ?quote ?source ?date ?start ?end WHERE { ?n mkg:evidence ?ev ."
        + _EVIDENCE_PATTERN
        + "} ORDER BY ?start"
    )
    return tuple(_evidence(r) for r in store.select(query, {"n": ox.NamedNode(node)}))


# ------------------------------------------------------------------ members

#: the relations that make someone a member of a team or organisation, leads first
MEMBER_RELATIONS = {"leads": PREDICATE_IRIS["leads"], "memberOf": PREDICATE_IRIS["memberOf"]}


@dataclass(frozen=True)
class MembersResult:
    entity: EntityRef
    members: tuple[Related, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity.to_dict(), "members": [m.to_dict() for m in self.members]}


def members(
    store: KnowledgeStore,
    name: str,
    index: NameIndex | None = None,
    *,
    evidence_limit: int = DEFAULT_EVIDENCE_LIMIT,
) -> MembersResult:
    """Who belongs to the team or organisation ``name``: its leads first, then its members.

    Within each, the most recently said first, each with ``evidence_count`` and the
    quotes of its newest ``evidence_limit`` sentences (``0``: all).
    """
    if evidence_limit < 0:
        raise ValueError("evidence_limit must be 0 (every quote) or a positive number")
    index = index or NameIndex.from_store(store)
    entity = index.resolve(name)
    claims = statement_claims(store, entity.id, MEMBER_RELATIONS)
    return MembersResult(entity=entity, members=_related(store, claims, index, evidence_limit))
