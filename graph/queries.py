"""The questions users ask, as SPARQL run by the store's engine, answered as dataclasses.

Every query takes its values as bindings (never pasted into the query text) and
runs over the union of the document graphs, so it works the same on the embedded
store and on a remote SPARQL endpoint.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graph.names import EntityRef, NameIndex
from graph.store import KnowledgeStore, Row
from ontology import SPARQL_PREFIXES

__all__ = ["EvidenceRef", "Related", "OwnersResult", "owners", "evidence_for", "OWNERS_QUERY"]


@dataclass(frozen=True)
class EvidenceRef:
    """A quote with where and when it was said."""

    quote: str
    source: str
    date: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "source": self.source,
            "date": self.date,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Related:
    """An entity related to the one asked about, with the evidence for the relation."""

    id: str
    name: str
    type: str
    relation: str
    confidence: float | None = None
    evidence: tuple[EvidenceRef, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "relation": self.relation,
            "confidence": self.confidence,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class OwnersResult:
    entity: EntityRef
    owners: tuple[Related, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity.to_dict(), "owners": [o.to_dict() for o in self.owners]}


_EVIDENCE_PATTERN = """
    ?ev mkg:quote ?quote ; mkg:start ?start ; mkg:end ?end ; dcterms:source ?doc .
    ?doc mkg:path ?source .
    OPTIONAL { ?ev dcterms:date ?date }
"""

#: who is responsible for ?x (people/teams), team leads, and assignees of action items naming it
OWNERS_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT ?x ?who ?name ?class ?rel ?conf ?quote ?source ?date ?start ?end WHERE {
  {
    ?st rdf:subject ?who ; rdf:predicate mkg:responsibleFor ; rdf:object ?x ;
        mkg:confidence ?conf ; mkg:evidence ?ev .
    BIND("responsibleFor" AS ?rel)
  } UNION {
    ?st rdf:subject ?who ; rdf:predicate mkg:leads ; rdf:object ?x ;
        mkg:confidence ?conf ; mkg:evidence ?ev .
    BIND("leads" AS ?rel)
  } UNION {
    ?item mkg:assignedTo ?who ; mkg:evidence ?ev .
    { ?item mkg:ticket ?x } UNION { ?item mkg:about ?x }
    BIND("assignedTo" AS ?rel)
  }
  ?who skos:prefLabel ?name ; a ?class .
  FILTER(STRSTARTS(STR(?class), "https://w3id.org/minutes-kg/ontology#"))
"""
    + _EVIDENCE_PATTERN
    + "}"
)


def _evidence(row: Row) -> EvidenceRef:
    return EvidenceRef(
        quote=row["quote"].value,
        source=row["source"].value,
        date=row["date"].value if "date" in row else None,
        start=int(row["start"].value),
        end=int(row["end"].value),
    )


def _group(rows: list[Row], key: str = "who") -> tuple[Related, ...]:
    """Fold one row per (entity, evidence) into one ``Related`` per entity and relation."""
    info: dict[tuple[str, str], dict[str, Any]] = {}
    evidence: dict[tuple[str, str], dict[EvidenceRef, None]] = defaultdict(dict)
    for row in rows:
        k = (row[key].value, row["rel"].value)
        conf = float(row["conf"].value) if "conf" in row else None
        cur = info.setdefault(
            k,
            {
                "name": row["name"].value,
                "type": row["class"].value.rsplit("#", 1)[-1],
                "conf": conf,
            },
        )
        if conf is not None and (cur["conf"] is None or conf > cur["conf"]):
            cur["conf"] = conf
        evidence[k][_evidence(row)] = None
    out = [
        Related(
            id=k[0],
            name=v["name"],
            type=v["type"],
            relation=k[1],
            confidence=v["conf"],
            evidence=tuple(sorted(evidence[k], key=lambda e: (e.date or "", e.source, e.start))),
        )
        for k, v in info.items()
    ]
    order = {"responsibleFor": 0, "leads": 1, "assignedTo": 2}
    out.sort(key=lambda r: (order.get(r.relation, 9), -(r.confidence or 0), r.name.casefold()))
    return tuple(out)


def owners(store: KnowledgeStore, name: str, index: NameIndex | None = None) -> OwnersResult:
    """Who owns ``name``: people and teams responsible for it, its leads, assignees naming it.

    Raises :class:`graph.errors.EntityNotFound` / :class:`graph.errors.AmbiguousEntity`.
    """
    index = index or NameIndex.from_store(store)
    entity = index.resolve(name)
    rows = store.select(OWNERS_QUERY, {"x": ox.NamedNode(entity.id)})
    return OwnersResult(entity=entity, owners=_group(rows))


def evidence_for(store: KnowledgeStore, node: str) -> tuple[EvidenceRef, ...]:
    """The evidence attached to one statement, action item or decision node."""
    query = (
        SPARQL_PREFIXES
        + "SELECT ?n ?quote ?source ?date ?start ?end WHERE { ?n mkg:evidence ?ev ."
        + _EVIDENCE_PATTERN
        + "} ORDER BY ?start"
    )
    return tuple(_evidence(r) for r in store.select(query, {"n": ox.NamedNode(node)}))
