"""What ingest writes: direct triples for queries plus statements that keep their evidence."""

from __future__ import annotations

import pyoxigraph as ox

from graph.store import open_store
from ingest.emit import to_quads, write
from ontology.ids import graph_iri
from tests.helpers import SOURCE_TEXT, team_sync

PREFIX = """
PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def _store():
    store = open_store("memory")
    write(store, team_sync())
    return store


def test_every_quad_is_in_the_document_graph():
    quads = to_quads(team_sync())
    assert {q.graph_name for q in quads} == {ox.NamedNode(graph_iri("team-sync"))}
    assert len(quads) == len(set(quads))


def test_a_relation_is_a_direct_triple_and_a_statement_with_its_quote():
    rows = _store().select(
        PREFIX
        + """
        SELECT ?quote ?start ?end ?date ?path ?conf WHERE {
          ?a mkg:responsibleFor ?c .
          ?st rdf:subject ?a ; rdf:predicate mkg:responsibleFor ; rdf:object ?c ;
              mkg:confidence ?conf ; mkg:evidence ?ev .
          ?ev mkg:quote ?quote ; mkg:start ?start ; mkg:end ?end ; dcterms:date ?date ;
              dcterms:source ?doc . ?doc mkg:path ?path .
        }"""
    )
    assert len(rows) == 1
    row = rows[0]
    start, end = int(row["start"].value), int(row["end"].value)
    assert SOURCE_TEXT[start:end] == row["quote"].value
    assert row["quote"].value == "Ada Lovelace is responsible for the scheduler."
    assert row["date"].value == "2021-03-04"
    assert row["path"].value == "minutes/team-sync.txt"
    assert float(row["conf"].value) == 0.9


def test_dependency_closure_follows_property_paths():
    store = _store()
    rows = store.select(
        PREFIX
        + """
        SELECT ?n WHERE { ?s skos:prefLabel "scheduler" ; mkg:dependsOn+ ?d . ?d skos:prefLabel ?n }
    """
    )
    assert [r["n"].value for r in rows] == ["queue"]


def test_action_items_keep_assignee_due_status_ticket_and_what_they_name():
    rows = _store().select(
        PREFIX
        + """
        PREFIX schema: <https://schema.org/>
        SELECT ?who ?due ?status ?ticket WHERE {
          ?a a mkg:ActionItem ; schema:text ?t ; mkg:assignedTo ?p ; mkg:dueDate ?due ;
             mkg:status ?status ; mkg:ticket ?k ; mkg:recordedIn ?m .
          ?p skos:prefLabel ?who . ?k skos:prefLabel ?ticket .
        }"""
    )
    assert [
        (r["who"].value, r["due"].value, r["status"].value, r["ticket"].value) for r in rows
    ] == [("Grace Hopper", "2021-03-11", "open", "DM-42")]


def test_aliases_become_alt_labels_and_the_meeting_mentions_entities():
    store = _store()
    rows = store.select(PREFIX + 'SELECT ?p WHERE { ?p skos:altLabel "Ada" }')
    assert [r["p"].value for r in rows] == ["https://w3id.org/minutes-kg/id/person/ada-lovelace"]
    mentioned = store.select(PREFIX + "SELECT ?e WHERE { ?m a mkg:Meeting ; mkg:mentions ?e }")
    assert len(mentioned) == 4
