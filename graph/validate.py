"""SHACL validation of the whole store (the union of the document graphs) with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph.store import KnowledgeStore
from ontology import SHAPES_TTL

__all__ = ["Violation", "ValidationResult", "validate"]


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str
    shape: str | None

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int


def validate(store: KnowledgeStore) -> ValidationResult:
    """Validate the union graph against ``ontology/shapes.ttl``.

    Returns the violations found (none when ``conforms``).
    """
    import pyshacl
    from rdflib import Graph, Namespace

    triples = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    data = Graph()
    if triples:
        data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = Graph().parse(SHAPES_TTL, format="turtle")
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True
    )
    sh = Namespace("http://www.w3.org/ns/shacl#")
    violations = []
    for result in report.subjects(sh.resultSeverity, None):
        focus = report.value(result, sh.focusNode)
        path = report.value(result, sh.resultPath)
        message = report.value(result, sh.resultMessage)
        shape = report.value(result, sh.sourceShape)
        violations.append(
            Violation(
                focus=str(focus),
                path=None if path is None else str(path),
                message=str(message),
                shape=None if shape is None else str(shape),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationResult(bool(conforms), tuple(violations), len(data))
