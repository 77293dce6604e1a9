"""The questions users ask, as SPARQL run by the store's engine, answered as dataclasses.

Every query takes its values as bindings (never pasted into the query text) and
runs over the union of the document graphs, so it works the same on the embedded
store and on a remote SPARQL endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graph.evidence import (
    _EVIDENCE_PATTERN,
    EvidenceRef,
    _evidence,
    evidence_by_node,
    values_block,
)
from graph.names import EntityRef, NameIndex
from graph.ownership import (
    NEWEST_QUOTED,
    Claim,
    OwnershipIndex,
    claims_for,
    newest_first,
    statement_claims,
)
from graph.store import KnowledgeStore, Row
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


def _describe(row: Row, key: str, index: NameIndex | None) -> tuple[str, str]:
    """Name and type of the entity in ``row[key]``."""
    iri = row[key].value
    ref = index.by_id.get(iri) if index is not None else None
    if ref is not None:
        return ref.name, ref.type
    name = row["name"].value if "name" in row else iri.rsplit("/", 1)[-1]
    kind = row["class"].value.rsplit("#", 1)[-1] if "class" in row else "Thing"
    return name, kind


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


# ------------------------------------------------------------------ dependencies

#: one hop of the dependency closure: the edges leaving the frontier (``{values}``)
_DEPS_HOP = SPARQL_PREFIXES + "SELECT DISTINCT ?from ?to WHERE { {values} {edge} }"
#: the dated evidence nodes of the statements leaving the frontier (``{values}``: VALUES
#: ?from), kept for the edges the hop newly reached; fetched apart from the walk so edges
#: back into visited nodes cost nothing, and without quotes: only the newest few of each
#: edge are quoted. (Binding both ends of the edge with VALUES made Oxigraph scan every
#: statement naming the far end: four times slower.)
_DEPS_EVIDENCE = (
    SPARQL_PREFIXES
    + """
SELECT ?from ?to ?ev ?date WHERE {
  {values}
  {statement} mkg:evidence ?ev .
  OPTIONAL { ?ev dcterms:date ?date }
}"""
)
_DEPS_EDGES = {
    "out": (
        "?from mkg:dependsOn ?to .",
        "?st rdf:subject ?from ; rdf:predicate mkg:dependsOn ; rdf:object ?to ;",
    ),
    "in": (
        "?to mkg:dependsOn ?from .",
        "?st rdf:object ?from ; rdf:predicate mkg:dependsOn ; rdf:subject ?to ;",
    ),
}


@dataclass(frozen=True)
class Dependency:
    """An entity reached from the one asked about, ``depth`` hops away along ``path``."""

    id: str
    name: str
    type: str
    depth: int
    path: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...] = ()
    #: how many sentences state the last edge of ``path`` (``evidence`` holds the newest)
    evidence_count: int | None = None
    last_said: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "depth": self.depth,
            "path": list(self.path),
            "evidence_count": (
                len(self.evidence) if self.evidence_count is None else self.evidence_count
            ),
            "last_said": self.last_said,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class DependenciesResult:
    entity: EntityRef
    direction: str
    dependencies: tuple[Dependency, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity.to_dict(),
            "direction": self.direction,
            "dependencies": [d.to_dict() for d in self.dependencies],
        }


def dependencies(
    store: KnowledgeStore,
    name: str,
    direction: str = "out",
    depth: int = 1,
    index: NameIndex | None = None,
    *,
    evidence_limit: int = DEFAULT_EVIDENCE_LIMIT,
) -> DependenciesResult:
    """What ``name`` depends on (``out``) or what depends on it (``in``), ``depth`` hops deep.

    ``depth=0`` follows the relation until nothing new is reached. Each hop is one
    SPARQL query over the frontier (``VALUES``), run by the store's engine; an entity
    is reported once, at its shortest distance, so cycles end the walk (a property path
    would give the closure but not the distance or the path). Each dependency quotes
    the newest ``evidence_limit`` sentences stating its edge (``0``: all).
    """
    if direction not in _DEPS_EDGES:
        raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")
    if depth < 0:
        raise ValueError("depth must be 0 (unbounded) or a positive number of hops")
    if evidence_limit < 0:
        raise ValueError("evidence_limit must be 0 (every quote) or a positive number")
    index = index or NameIndex.from_store(store)
    entity = index.resolve(name)
    edge, statement = _DEPS_EDGES[direction]
    paths: dict[str, tuple[str, ...]] = {entity.id: (entity.id,)}
    found: list[Dependency] = []
    frontier = [entity.id]
    hop = 0
    while frontier and (depth == 0 or hop < depth):
        hop += 1
        query = _DEPS_HOP.replace("{values}", values_block("from", frontier)).replace(
            "{edge}", edge
        )
        reached: dict[str, dict[str, Any]] = {}
        for row in sorted(store.select(query), key=lambda r: (r["from"].value, r["to"].value)):
            to = row["to"].value
            if to in paths or to in reached:
                continue
            name, kind = _describe(row, "to", index)
            reached[to] = {"from": row["from"].value, "name": name, "type": kind, "evidence": {}}
        if reached:
            sources = {info["from"] for info in reached.values()}
            evidence_query = _DEPS_EVIDENCE.replace(
                "{values}", values_block("from", sorted(sources))
            ).replace("{statement}", statement)
            for row in store.select(evidence_query):
                info = reached.get(row["to"].value)
                if info is None or info["from"] != row["from"].value:
                    continue  # an edge to a node reached before, or from another parent
                date = row["date"].value if "date" in row else None
                info["evidence"][(date, row["ev"].value)] = None
        newest = {to: sorted(info["evidence"], key=newest_first) for to, info in reached.items()}
        shown = {
            to: items[:evidence_limit] if evidence_limit else items for to, items in newest.items()
        }
        quotes = evidence_by_node(store, [ev for items in shown.values() for _, ev in items])
        for to in sorted(reached, key=lambda i: reached[i]["name"].casefold()):
            info = reached[to]
            paths[to] = paths[info["from"]] + (to,)
            found.append(
                Dependency(
                    id=to,
                    name=info["name"],
                    type=info["type"],
                    depth=hop,
                    path=paths[to],
                    evidence=tuple(quotes[ev] for _, ev in shown[to] if ev in quotes),
                    evidence_count=len(newest[to]),
                    last_said=newest[to][0][0] if newest[to] else None,
                )
            )
        frontier = list(reached)
    return DependenciesResult(entity=entity, direction=direction, dependencies=tuple(found))


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
