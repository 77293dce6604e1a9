"""What depends on what: the dependencies of one entity, near or transitive, with evidence.

The edges are found by the store's engine: an unbounded walk (``depth=0``) takes the
edges of the whole closure in one query with a SPARQL property path
(``mkg:dependsOn*``), a bounded one asks one query per hop over the frontier (a
closure can be far bigger than a few hops of it). A breadth-first pass over those
edges then gives each entity once, at its shortest distance, with the path that
reaches it, so cycles end the walk. The evidence of the edges kept is read in one
query, and each dependency quotes the newest ``evidence_limit`` sentences stating its
edge, with how many there are.

>>> from graph.store import open_store
>>> from graph.names import EntityRef, NameIndex
>>> butler = EntityRef("https://w3id.org/minutes-kg/id/component/butler", "butler", "Component")
>>> dependencies(open_store(None), "butler", index=NameIndex([butler])).dependencies
()
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from graph.claims import NEWEST_QUOTED, newest_first
from graph.evidence import EvidenceRef, evidence_by_node, values_block
from graph.names import EntityRef, NameIndex
from graph.store import KnowledgeStore
from ontology import PREDICATE_IRIS, SPARQL_PREFIXES

__all__ = ["Dependency", "DependenciesResult", "dependencies", "DEFAULT_EVIDENCE_LIMIT"]

#: quotes per dependency unless asked otherwise (the newest; 0 means all)
DEFAULT_EVIDENCE_LIMIT = NEWEST_QUOTED

_DEPENDS_ON = PREDICATE_IRIS["dependsOn"]

#: the edges of the closure of ``?x``, one query: ``?from`` is reachable, ``?to`` one step on
_CLOSURE = {
    "out": "SELECT DISTINCT ?from ?to WHERE { ?x mkg:dependsOn* ?from . ?from mkg:dependsOn ?to }",
    "in": "SELECT DISTINCT ?from ?to WHERE { ?from mkg:dependsOn* ?x . ?to mkg:dependsOn ?from }",
}
#: the edges leaving a frontier (``{values}``: VALUES ?from), one hop
_HOP = {
    "out": "SELECT DISTINCT ?from ?to WHERE { {values} ?from mkg:dependsOn ?to }",
    "in": "SELECT DISTINCT ?from ?to WHERE { {values} ?to mkg:dependsOn ?from }",
}
#: the dated evidence of every statement with a parent of the walk at its near end. The
#: predicate is read, not bound: binding it made Oxigraph start from every dependsOn
#: statement of the store (four times slower)
_EVIDENCE = {
    end: """SELECT ?from ?to ?p ?ev ?date WHERE {
  {values}
  ?st """
    + f"{near} ?from ; {far} ?to ;"
    + """ rdf:predicate ?p ; mkg:evidence ?ev .
  OPTIONAL { ?ev dcterms:date ?date }
}"""
    for end, near, far in (
        ("out", "rdf:subject", "rdf:object"),
        ("in", "rdf:object", "rdf:subject"),
    )
}
_BATCH = 500


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


def _edges_by_hop(
    store: KnowledgeStore, direction: str, depth: int
) -> Callable[[list[str]], Iterable[tuple[str, str]]]:
    """The edges leaving a frontier, sorted: from the closure (depth 0) or one query a hop."""
    if depth == 0:
        closure: dict[str, list[str]] = defaultdict(list)
        loaded: list[bool] = []

        def from_closure(frontier: list[str]) -> Iterable[tuple[str, str]]:
            if not loaded:  # the root is the first frontier
                query = SPARQL_PREFIXES + _CLOSURE[direction]
                for row in store.select(query, {"x": ox.NamedNode(frontier[0])}):
                    closure[row["from"].value].append(row["to"].value)
                loaded.append(True)
            return sorted((f, t) for f in frontier for t in closure.get(f, ()))

        return from_closure

    def one_hop(frontier: list[str]) -> Iterable[tuple[str, str]]:
        query = SPARQL_PREFIXES + _HOP[direction].replace(
            "{values}", values_block("from", frontier)
        )
        return sorted((row["from"].value, row["to"].value) for row in store.select(query))

    return one_hop


def _walk(
    root: str, edges: Callable[[list[str]], Iterable[tuple[str, str]]], depth: int
) -> list[dict[str, str]]:
    """Breadth first from ``root``: per hop, each newly reached entity and its parent."""
    levels: list[dict[str, str]] = []
    seen = {root}
    frontier = [root]
    while frontier and (depth == 0 or len(levels) < depth):
        level: dict[str, str] = {}
        for parent, child in edges(frontier):
            if child not in seen and child not in level:
                level[child] = parent
        if not level:
            break
        levels.append(level)
        seen.update(level)
        frontier = list(level)
    return levels


def _evidence(
    store: KnowledgeStore, direction: str, kept: set[tuple[str, str]]
) -> dict[str, list[tuple[str | None, str]]]:
    """(date, evidence IRI) of each kept edge, by its far end, newest first."""
    found: dict[str, dict[tuple[str | None, str], None]] = defaultdict(dict)
    parents = sorted({parent for parent, _ in kept})
    for i in range(0, len(parents), _BATCH):
        chunk = values_block("from", parents[i : i + _BATCH])
        query = SPARQL_PREFIXES + _EVIDENCE[direction].replace("{values}", chunk)
        for row in store.select(query):
            edge = (row["from"].value, row["to"].value)
            if row["p"].value != _DEPENDS_ON or edge not in kept:
                continue  # another relation, or an edge to an entity reached another way
            date = row["date"].value if "date" in row else None
            found[edge[1]][(date, row["ev"].value)] = None
    return {child: sorted(items, key=newest_first) for child, items in found.items()}


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

    ``depth=0`` follows the relation until nothing new is reached. Within a hop,
    entities come by name. Each dependency quotes the newest ``evidence_limit``
    sentences stating its edge (``0``: all).
    """
    if direction not in _HOP:
        raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")
    if depth < 0:
        raise ValueError("depth must be 0 (unbounded) or a positive number of hops")
    if evidence_limit < 0:
        raise ValueError("evidence_limit must be 0 (every quote) or a positive number")
    index = index or NameIndex.from_store(store)
    entity = index.resolve(name)
    levels = _walk(entity.id, _edges_by_hop(store, direction, depth), depth)
    kept = {(parent, child) for level in levels for child, parent in level.items()}
    newest = _evidence(store, direction, kept)
    shown = {
        child: items[:evidence_limit] if evidence_limit else items
        for child, items in newest.items()
    }
    quotes = evidence_by_node(store, [ev for items in shown.values() for _, ev in items])

    def describe(iri: str) -> tuple[str, str]:
        ref = index.by_id.get(iri) if index is not None else None
        return (ref.name, ref.type) if ref is not None else (iri.rsplit("/", 1)[-1], "Thing")

    paths: dict[str, tuple[str, ...]] = {entity.id: (entity.id,)}
    found: list[Dependency] = []
    for hop, level in enumerate(levels, start=1):
        named = {child: describe(child) for child in level}
        for child in sorted(level, key=lambda c: named[c][0].casefold()):
            paths[child] = paths[level[child]] + (child,)
            items = newest.get(child, [])
            found.append(
                Dependency(
                    id=child,
                    name=named[child][0],
                    type=named[child][1],
                    depth=hop,
                    path=paths[child],
                    evidence=tuple(quotes[ev] for _, ev in shown.get(child, []) if ev in quotes),
                    evidence_count=len(items),
                    last_said=items[0][0] if items else None,
                )
            )
    return DependenciesResult(entity=entity, direction=direction, dependencies=tuple(found))
