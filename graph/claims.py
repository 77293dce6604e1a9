"""What the minutes claim about a thing, one claim per (other party, relation, thing),
with every sentence that says so, dated: who owns it, who leads or belongs to it, and
its edges in and out (:func:`statement_claims`, :func:`edge_claims`).

Ownership is the question asked most. A claim is everything the minutes say about one
owner of one thing: each sentence that says so is an evidence node with the meeting's
date. Years of minutes repeat
"the Middleware team owns butler" many times, so answering "who owns butler?" takes
two steps: the claims (who, how, how often, since and until when, which evidence),
then the quotes of only the newest few sentences per owner
(:func:`graph.queries.owners`).

The claims of one thing come from the store with one query per way of owning
(:func:`claims_for`), or, on a server answering many questions, from an
:class:`OwnershipIndex` of every thing's claims, built by the same queries
unbound and rebuilt when the store changes (like the name index).

>>> from graph.store import open_store
>>> index = OwnershipIndex.from_store(open_store(None))
>>> index.claims("https://w3id.org/minutes-kg/id/component/butler")
()
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

import pyoxigraph as ox

from graph.evidence import EvidenceRef, evidence_by_node
from graph.identity import canonical_map, members_of
from graph.store import KnowledgeStore, Row
from ontology import SPARQL_PREFIXES

__all__ = [
    "Claim",
    "OwnershipIndex",
    "claims_for",
    "statement_claims",
    "edge_claims",
    "CLAIM_QUERIES",
    "RELATION_ORDER",
    "NEWEST_QUOTED",
    "newest_first",
]

#: quotes per owner in an answer unless asked otherwise (the newest), and how many of
#: each claim's quotes an :class:`OwnershipIndex` keeps at hand
NEWEST_QUOTED = 3

#: how owning is ranked: named responsibility, then leading (teams), then assigned work
RELATION_ORDER = {"responsibleFor": 0, "leads": 1, "assignedTo": 2}

_HEAD = SPARQL_PREFIXES + "SELECT ?x ?who ?rel ?conf ?ev ?date WHERE {"
_DATE = " OPTIONAL { ?ev dcterms:date ?date } }"

#: one query per way of owning, so a bound ?x is joined first (Oxigraph does not push a
#: binding into UNION branches). Unbound, they list every claim of the store. No labels
#: or quotes are joined: the union default graph repeats a label once per document.
CLAIM_QUERIES: tuple[str, ...] = tuple(
    _HEAD + pattern + _DATE
    for pattern in (
        """
    ?st rdf:object ?x ; rdf:predicate mkg:responsibleFor ; rdf:subject ?who ;
        mkg:confidence ?conf ; mkg:evidence ?ev .
    BIND("responsibleFor" AS ?rel)""",
        """
    ?st rdf:object ?x ; rdf:predicate mkg:leads ; rdf:subject ?who ;
        mkg:confidence ?conf ; mkg:evidence ?ev .
    BIND("leads" AS ?rel)""",
        # only tickets and documents are "owned" by whoever is assigned the work naming them
        """
    ?item mkg:ticket ?x ; mkg:assignedTo ?who ; mkg:evidence ?ev .
    BIND("assignedTo" AS ?rel)""",
        """
    ?item mkg:about ?x ; mkg:assignedTo ?who ; mkg:evidence ?ev .
    ?x a mkg:Document .
    BIND("assignedTo" AS ?rel)""",
    )
)


@dataclass(frozen=True)
class Claim:
    """``who`` owns the thing by ``relation``; ``evidence``: (date, evidence IRI), newest first."""

    who: str
    relation: str
    confidence: float | None
    evidence: tuple[tuple[str | None, str], ...]
    #: (evidence IRI, quote) of the newest evidence, when read with the claim (an index
    #: keeps a few)
    quotes: tuple[tuple[str, EvidenceRef], ...] = ()

    @property
    def last_said(self) -> str | None:
        return self.evidence[0][0] if self.evidence else None

    @property
    def first_said(self) -> str | None:
        dates = [d for d, _ in self.evidence if d]
        return min(dates) if dates else None

    def rank(self) -> tuple[int, int, str, int]:
        """Sort key: the way of owning, then the most recently and most often said."""
        dated, inverted, _ = newest_first((self.last_said, ""))
        return (RELATION_ORDER.get(self.relation, 9), dated, inverted, -len(self.evidence))


def newest_first(item: tuple[str | None, str]) -> tuple[int, str, str]:
    """Sort key of (date, evidence IRI): dated newest first, then undated.

    A month or a year alone ("2024-05") counts as its first day's eve, so it sorts
    after every day of that month.

    >>> sorted([("2024-05", "a"), (None, "b"), ("2024-05-07", "c")], key=newest_first)
    [('2024-05-07', 'c'), ('2024-05', 'a'), (None, 'b')]
    """
    date, ev = item
    if not date:
        return (1, "", ev)
    padded = date + "-00" * (2 - date.count("-"))  # "2024-05" -> "2024-05-00"
    # the ISO date inverted character by character: a plain ascending sort puts it newest first
    return (0, "".join(chr(0x7F - ord(c)) for c in padded), ev)


def _fold(rows: list[Row], canonical: dict[str, str] | None = None) -> dict[str, tuple[Claim, ...]]:
    """One :class:`Claim` per (thing, owner, relation) from rows of :data:`CLAIM_QUERIES`;
    things and owners read through ``canonical`` (graph/identity.py) when given."""
    c = canonical or {}
    conf: dict[tuple[str, str, str], float | None] = {}
    evidence: dict[tuple[str, str, str], dict[tuple[str | None, str], None]] = defaultdict(dict)
    for row in rows:
        x, who = row["x"].value, row["who"].value
        key = (c.get(x, x), c.get(who, who), row["rel"].value)
        value = float(row["conf"].value) if "conf" in row else None
        best = conf.get(key)
        conf[key] = value if best is None or (value is not None and value > best) else best
        date = row["date"].value if "date" in row else None
        evidence[key][(date, row["ev"].value)] = None
    claims: dict[str, list[Claim]] = defaultdict(list)
    for key, best in conf.items():
        items = tuple(sorted(evidence[key], key=newest_first))
        claims[key[0]].append(Claim(who=key[1], relation=key[2], confidence=best, evidence=items))
    return {x: tuple(sorted(found, key=Claim.rank)) for x, found in claims.items()}


#: the statements of one relation (``?p``, named ``?rel``) about ``?x``, all bound
_STATEMENT_CLAIMS = (
    _HEAD
    + """
    ?st rdf:object ?x ; rdf:predicate ?p ; rdf:subject ?who ;
        mkg:confidence ?conf ; mkg:evidence ?ev ."""
    + _DATE
)


def statement_claims(
    store: KnowledgeStore, iri: str, relations: dict[str, str]
) -> tuple[Claim, ...]:
    """Claims of the statements ``? <relation> iri``, for each name -> predicate IRI given."""
    canonical = canonical_map(store)
    rows = []
    for member in members_of(canonical, iri):
        for rel, predicate in relations.items():
            bound = {
                "x": ox.NamedNode(member),
                "p": ox.NamedNode(predicate),
                "rel": ox.Literal(rel),
            }
            rows += store.select(_STATEMENT_CLAIMS, bound)
    return _fold(rows, canonical).get(iri, ())


#: every statement with ``?x`` at one end (``{end}``: rdf:subject or rdf:object), any relation
_EDGE_CLAIMS = (
    SPARQL_PREFIXES
    + """SELECT ?x ?who ?p ?conf ?ev ?date WHERE {
    ?st {end} ?x ; rdf:predicate ?p ; {other} ?who ;
        mkg:confidence ?conf ; mkg:evidence ?ev .
    OPTIONAL { ?ev dcterms:date ?date } }"""
)


def edge_claims(
    store: KnowledgeStore, iri: str, relations: dict[str, str], direction: str
) -> tuple[Claim, ...]:
    """Claims of the statements with ``iri`` as subject (``out``) or object (``in``).

    ``relations`` maps predicate IRIs to the relation names kept; ``who`` is the other end.
    """
    ends = {"out": ("rdf:subject", "rdf:object"), "in": ("rdf:object", "rdf:subject")}
    end, other = ends[direction]
    query = _EDGE_CLAIMS.replace("{end}", end).replace("{other}", other)
    canonical = canonical_map(store)
    rows = []
    for member in members_of(canonical, iri):
        for row in store.select(query, {"x": ox.NamedNode(member)}):
            rel = relations.get(row["p"].value)
            if rel is not None:
                rows.append({**row, "rel": ox.Literal(rel)})
    return _fold(rows, canonical).get(iri, ())


def claims_for(store: KnowledgeStore, iri: str) -> tuple[Claim, ...]:
    """The ownership claims about one thing, ranked, read from the store."""
    canonical = canonical_map(store)
    rows = [
        row
        for member in members_of(canonical, iri)
        for query in CLAIM_QUERIES
        for row in store.select(query, {"x": ox.NamedNode(member)})
    ]
    return _fold(rows, canonical).get(iri, ())


class OwnershipIndex:
    """Every thing's ownership claims, read once from the store (rebuild after writes).

    Each claim keeps the quotes of its ``quoted`` newest sentences, so the usual answer
    to "who owns X?" needs no query at all; older quotes are read when asked for.
    """

    def __init__(self, by_thing: dict[str, tuple[Claim, ...]], quoted: int = 0):
        self.by_thing = by_thing
        self.quoted = quoted

    @classmethod
    def from_store(cls, store: KnowledgeStore, quoted: int = NEWEST_QUOTED) -> OwnershipIndex:
        rows = [row for query in CLAIM_QUERIES for row in store.select(query)]
        by_thing = _fold(rows, canonical_map(store))
        if quoted:
            newest = [ev for cs in by_thing.values() for c in cs for _, ev in c.evidence[:quoted]]
            quotes = evidence_by_node(store, newest)
            by_thing = {
                x: tuple(
                    replace(
                        c,
                        quotes=tuple(
                            (ev, quotes[ev]) for _, ev in c.evidence[:quoted] if ev in quotes
                        ),
                    )
                    for c in cs
                )
                for x, cs in by_thing.items()
            }
        return cls(by_thing, quoted)

    def claims(self, iri: str) -> tuple[Claim, ...]:
        return self.by_thing.get(iri, ())

    def __len__(self) -> int:
        return sum(len(c) for c in self.by_thing.values())
