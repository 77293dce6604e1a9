"""Everything the minutes say about one entity: names, edges in and out, meetings, work.

>>> from graph.store import open_store
>>> profile(open_store("memory"), EntityRef("urn:x:a", "a", "Component")).edges_out
()
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from graph.claims import edge_claims
from graph.names import EntityRef, NameIndex
from graph.queries import DEFAULT_EVIDENCE_LIMIT, Related, _related
from graph.store import KnowledgeStore
from ontology import PREDICATE_IRIS, SPARQL_PREFIXES

__all__ = ["EntityProfile", "profile", "RELATION_NAMES"]

#: predicate IRI -> contract name (memberOf, leads, ...)
RELATION_NAMES: dict[str, str] = {iri: name for name, iri in PREDICATE_IRIS.items()}

_MEETINGS = (
    SPARQL_PREFIXES
    + """
SELECT ?x ?m ?title ?date WHERE {
  ?m mkg:mentions ?x .
  OPTIONAL { ?m dcterms:title ?title }
  OPTIONAL { ?m schema:startDate ?date }
} ORDER BY DESC(?date)"""
)

_WORK = (
    SPARQL_PREFIXES
    + """
SELECT ?x ?n ?kind ?rel ?text WHERE {
  VALUES (?p ?rel) { (mkg:assignedTo "assignedTo") (mkg:about "about") (mkg:ticket "ticket") }
  ?n ?p ?x ; schema:text ?text ; a ?class .
  VALUES (?class ?kind) { (mkg:ActionItem "action") (mkg:Decision "decision") }
}"""
)

_NAMES = (
    SPARQL_PREFIXES
    + """
SELECT ?x ?label WHERE { ?x skos:prefLabel|skos:altLabel ?label }"""
)


@dataclass(frozen=True)
class EntityProfile:
    entity: EntityRef
    aliases: tuple[str, ...]
    edges_out: tuple[Related, ...]
    edges_in: tuple[Related, ...]
    meetings: tuple[dict[str, Any], ...]
    actions: tuple[dict[str, Any], ...]
    decisions: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity.to_dict(),
            "aliases": list(self.aliases),
            "out": [r.to_dict() for r in self.edges_out],
            "in": [r.to_dict() for r in self.edges_in],
            "meetings": list(self.meetings),
            "actions": list(self.actions),
            "decisions": list(self.decisions),
        }


def profile(
    store: KnowledgeStore,
    entity: EntityRef,
    index: NameIndex | None = None,
    *,
    evidence_limit: int = DEFAULT_EVIDENCE_LIMIT,
) -> EntityProfile:
    """Edges in and out with evidence, the meetings that mention it, and work about it.

    Each edge carries ``evidence_count`` and the quotes of its newest ``evidence_limit``
    sentences (``0``: all). The names of related entities come from ``index`` (built
    from the store when not given).
    """
    if evidence_limit < 0:
        raise ValueError("evidence_limit must be 0 (every quote) or a positive number")
    index = index or NameIndex.from_store(store)
    x = {"x": ox.NamedNode(entity.id)}
    meetings: dict[str, dict[str, Any]] = {}
    for row in store.select(_MEETINGS, x):
        meetings.setdefault(
            row["m"].value,
            {
                "id": row["m"].value,
                "title": row["title"].value if "title" in row else None,
                "date": row["date"].value if "date" in row else None,
            },
        )
    work: dict[str, dict[str, dict[str, Any]]] = {"action": {}, "decision": {}}
    for row in store.select(_WORK, x):
        item = work[row["kind"].value].setdefault(
            row["n"].value, {"id": row["n"].value, "text": row["text"].value, "relations": []}
        )
        if row["rel"].value not in item["relations"]:
            item["relations"].append(row["rel"].value)
    names = {row["label"].value for row in store.select(_NAMES, x)}
    return EntityProfile(
        entity=entity,
        aliases=tuple(sorted(names - {entity.name}, key=str.casefold)),
        edges_out=_related(
            store, edge_claims(store, entity.id, RELATION_NAMES, "out"), index, evidence_limit
        ),
        edges_in=_related(
            store, edge_claims(store, entity.id, RELATION_NAMES, "in"), index, evidence_limit
        ),
        meetings=tuple(meetings.values()),
        actions=tuple(sorted(work["action"].values(), key=lambda i: i["id"])),
        decisions=tuple(sorted(work["decision"].values(), key=lambda i: i["id"])),
    )
