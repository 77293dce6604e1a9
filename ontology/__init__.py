"""The vocabulary (Turtle), the SHACL shapes and the IRI rules of minutes-kg.

This package imports nothing heavy: ``ontology.namespace`` (rdflib) is imported
only by code that needs the ``MKG`` namespace object.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ONTOLOGY_TTL", "SHAPES_TTL", "PREDICATE_IRIS", "TYPE_IRIS", "SPARQL_PREFIXES"]

_HERE = Path(__file__).resolve().parent
ONTOLOGY_TTL = _HERE / "minutes.ttl"
SHAPES_TTL = _HERE / "shapes.ttl"

_MKG = "https://w3id.org/minutes-kg/ontology#"
ORG_MEMBER_OF = "http://www.w3.org/ns/org#memberOf"

#: contract predicate name -> IRI
PREDICATE_IRIS: dict[str, str] = {
    "memberOf": ORG_MEMBER_OF,
    "leads": _MKG + "leads",
    "responsibleFor": _MKG + "responsibleFor",
    "dependsOn": _MKG + "dependsOn",
    "requests": _MKG + "requests",
    "attended": _MKG + "attended",
}

#: contract type name -> class IRI
TYPE_IRIS: dict[str, str] = {
    t: _MKG + t
    for t in ("Person", "Team", "Organization", "Component", "Ticket", "Document", "Meeting")
}

SPARQL_PREFIXES = """\
PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <https://schema.org/>
"""
