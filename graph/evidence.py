"""Evidence: the quote, source, date and offsets behind every statement, read from the store.

Shared by every question: each answer item carries the sentences that say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from graph.store import KnowledgeStore, Row
from ontology import SPARQL_PREFIXES

__all__ = ["EvidenceRef", "evidence_by_node", "values_block", "EVIDENCE_PATTERN"]


@dataclass(frozen=True, slots=True)
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


#: the pattern that reads evidence node ``?ev`` into ?quote ?start ?end ?source ?date
EVIDENCE_PATTERN = """
    ?ev mkg:quote ?quote ; mkg:start ?start ; mkg:end ?end ; dcterms:source ?doc .
    ?doc mkg:path ?source .
    OPTIONAL { ?ev dcterms:date ?date }
"""
_EVIDENCE_PATTERN = EVIDENCE_PATTERN


def values_block(var: str, iris: Iterable[str]) -> str:
    """``VALUES ?var { <a> <b> }`` of IRIs that came from the store.

    Each IRI is written by pyoxigraph's N-Triples serialiser (``str(NamedNode)``),
    never pasted from user text.
    """
    terms = " ".join(str(ox.NamedNode(i)) for i in iris)
    return f"VALUES ?{var} {{ {terms} }}"


def _evidence(row: Row) -> EvidenceRef:
    return EvidenceRef(
        quote=row["quote"].value,
        source=row["source"].value,
        date=row["date"].value if "date" in row else None,
        start=int(row["start"].value),
        end=int(row["end"].value),
    )


def evidence_by_node(
    store: KnowledgeStore, nodes: Iterable[str], batch: int = 2_000
) -> dict[str, EvidenceRef]:
    """The quote, source, date and offsets of each evidence node in ``nodes``."""
    wanted = list(dict.fromkeys(nodes))
    found: dict[str, EvidenceRef] = {}
    for i in range(0, len(wanted), batch):
        query = (
            SPARQL_PREFIXES
            + "SELECT ?ev ?quote ?source ?date ?start ?end WHERE { "
            + values_block("ev", wanted[i : i + batch])
            + EVIDENCE_PATTERN
            + "}"
        )
        found.update((row["ev"].value, _evidence(row)) for row in store.select(query))
    return found
