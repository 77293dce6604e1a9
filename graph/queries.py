"""The questions users ask, as SPARQL run by the store's engine, answered as dataclasses.

Every query takes its values as bindings (never pasted into the query text) and
runs over the union of the document graphs, so it works the same on the embedded
store and on a remote SPARQL endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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

    def to_dict(self) -> dict[str, Any]:
        dates = sorted(e.date for e in self.evidence if e.date)
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
        }


@dataclass(frozen=True)
class OwnersResult:
    entity: EntityRef
    owners: tuple[Related, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity.to_dict(), "owners": [o.to_dict() for o in self.owners]}


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
) -> OwnersResult:
    """Who owns ``name``: people and teams responsible for it, its leads, assignees naming it.

    Owners come ranked: named responsibility, then leading, then assigned work; within
    each, the most recently said first. Each carries how many sentences say so
    (``evidence_count``), when they were first and last said, and the quotes of the
    newest ``evidence_limit`` of them (``0``: all). The claims come from ``ownership``
    when given (a server keeps one), else from the store for this one entity.

    Raises :class:`graph.errors.EntityNotFound` / :class:`graph.errors.AmbiguousEntity`.
    """
    if evidence_limit < 0:
        raise ValueError("evidence_limit must be 0 (every quote) or a positive number")
    index = index or NameIndex.from_store(store)
    entity = index.resolve(name)
    claims = ownership.claims(entity.id) if ownership is not None else claims_for(store, entity.id)
    found = _related(store, claims, index, evidence_limit)
    return OwnersResult(entity=entity, owners=found)


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
