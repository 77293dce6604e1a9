"""Minting of IRIs: one place decides how every node of the graph is named.

Entities get IRIs from their type and canonical name, so the same person named
in two documents is one node. Things that belong to one document (its meeting,
action items, decisions, statements, evidence) get IRIs under the document id,
so replacing a document replaces all of them.

>>> entity_iri("Person", "Frossie Economou")
'https://w3id.org/minutes-kg/id/person/frossie-economou'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath

__all__ = [
    "BASE",
    "ONTOLOGY",
    "slug",
    "entity_iri",
    "document_id",
    "graph_iri",
    "document_iri",
    "meeting_iri",
    "action_iri",
    "decision_iri",
    "statement_iri",
    "evidence_iri",
    "document_id_of_graph",
    "DERIVED_BASE",
    "is_derived_graph",
]

BASE = "https://w3id.org/minutes-kg/"
ONTOLOGY = BASE + "ontology#"

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """Lower-case ASCII words joined by ``-``; never empty."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    s = _NON_WORD.sub("-", ascii_name.lower()).strip("-")
    if not s:
        s = "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    return s[:120]


def entity_iri(entity_type: str, name: str) -> str:
    """IRI of an entity of ``entity_type`` (Person, Team, ...) with canonical ``name``."""
    return f"{BASE}id/{entity_type.lower()}/{slug(name)}"


def document_id(path: str) -> str:
    """Stable id of a source document: the slug of its path relative to the folder it was
    ingested from, without suffix (``2024-05-07/README.md`` -> ``2024-05-07-readme``); for a
    bare file name, of its stem."""
    pure = PurePath(path)
    if pure.is_absolute():
        return slug(pure.stem)
    return slug(str(pure.with_suffix("").as_posix()))


def graph_iri(doc_id: str) -> str:
    """The named graph holding everything extracted from one document."""
    return f"{BASE}graph/{doc_id}"


def document_iri(doc_id: str) -> str:
    """The source document (the minutes file) as a node."""
    return f"{BASE}doc/{doc_id}"


#: named graphs computed from the documents' graphs (graph/timeline.py), not documents
DERIVED_BASE = f"{BASE}derived/"


def is_derived_graph(iri: str) -> bool:
    return iri.startswith(DERIVED_BASE)


def document_id_of_graph(iri: str) -> str | None:
    prefix = f"{BASE}graph/"
    return iri[len(prefix) :] if iri.startswith(prefix) else None


def meeting_iri(doc_id: str) -> str:
    return f"{BASE}id/meeting/{doc_id}"


def action_iri(doc_id: str, n: int) -> str:
    return f"{BASE}id/action/{doc_id}/{n}"


def decision_iri(doc_id: str, n: int) -> str:
    return f"{BASE}id/decision/{doc_id}/{n}"


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def statement_iri(doc_id: str, subject: str, predicate: str, obj: str) -> str:
    return f"{BASE}id/statement/{doc_id}/{_digest(subject, predicate, obj)}"


def evidence_iri(doc_id: str, start: int, end: int) -> str:
    return f"{BASE}id/evidence/{doc_id}/{start}-{end}"
