"""The minutes-kg vocabulary as an rdflib ``DefinedNamespace``: a typo is an error.

``tests/ontology/test_namespace.py`` keeps this list and ``minutes.ttl`` in sync.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["MKG", "PREFIXES"]


class MKG(DefinedNamespace):
    _NS = Namespace("https://w3id.org/minutes-kg/ontology#")
    _fail = True

    # classes
    Person: URIRef
    Team: URIRef
    Organization: URIRef
    Component: URIRef
    Ticket: URIRef
    Document: URIRef
    Meeting: URIRef
    Decision: URIRef
    ActionItem: URIRef
    SourceDocument: URIRef
    Statement: URIRef
    Evidence: URIRef
    # relations
    leads: URIRef
    responsibleFor: URIRef
    dependsOn: URIRef
    requests: URIRef
    attended: URIRef
    assignedTo: URIRef
    about: URIRef
    decidedIn: URIRef
    recordedIn: URIRef
    ticket: URIRef
    dueDate: URIRef
    status: URIRef
    mentions: URIRef
    # provenance
    evidence: URIRef
    quote: URIRef
    start: URIRef
    end: URIRef
    confidence: URIRef
    path: URIRef
    contentHash: URIRef
    # time (graph/timeline.py)
    ClaimPeriod: URIRef
    ActionThread: URIRef
    InferredLink: URIRef
    validFrom: URIRef
    validTo: URIRef
    openedBy: URIRef
    closedBy: URIRef
    method: URIRef
    score: URIRef
    cue: URIRef
    mention: URIRef
    inThread: URIRef
    statusAfter: URIRef
    position: URIRef
    restates: URIRef
    supersedes: URIRef
    # identity (graph/identity.py)
    IdentityLink: URIRef
    ambiguousWith: URIRef


PREFIXES: dict[str, str] = {
    "mkg": "https://w3id.org/minutes-kg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
}
