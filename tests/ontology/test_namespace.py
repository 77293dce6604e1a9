"""The Python namespace and the Turtle vocabulary name exactly the same terms."""

from __future__ import annotations

import rdflib

from ontology import ONTOLOGY_TTL, PREDICATE_IRIS, SHAPES_TTL, TYPE_IRIS
from ontology.namespace import MKG

NS = "https://w3id.org/minutes-kg/ontology#"


def _defined_in_turtle() -> set[str]:
    g = rdflib.Graph().parse(ONTOLOGY_TTL, format="turtle")
    return {str(s)[len(NS) :] for s in g.subjects() if str(s).startswith(NS)}


def test_namespace_and_turtle_agree():
    in_python = {name for name in MKG.__annotations__}
    assert in_python == _defined_in_turtle()


def test_contract_names_map_to_defined_terms():
    defined = _defined_in_turtle()
    for iri in list(PREDICATE_IRIS.values()) + list(TYPE_IRIS.values()):
        assert iri.startswith(NS) and iri[len(NS) :] in defined or iri.endswith("org#memberOf")


def test_shapes_parse_and_target_the_vocabulary():
    shapes = rdflib.Graph().parse(SHAPES_TTL, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targets = {str(o)[len(NS) :] for o in shapes.objects(None, sh.targetClass)}
    assert targets <= _defined_in_turtle()
    assert {"Statement", "Evidence", "ActionItem", "Decision", "Meeting"} <= targets
