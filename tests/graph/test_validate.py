"""SHACL validation: the shapes hold on what ingest writes and catch a graph broken on purpose."""

from __future__ import annotations

import pyoxigraph as ox

from graph.store import open_store
from graph.validate import validate
from ingest.emit import write
from ontology.ids import graph_iri
from tests.helpers import team_sync

MKG = "https://w3id.org/minutes-kg/ontology#"


def test_what_ingest_writes_conforms():
    store = open_store("memory")
    write(store, team_sync())
    result = validate(store)
    assert result.conforms, [str(v) for v in result.violations]


def test_a_statement_without_evidence_is_a_violation():
    store = open_store("memory")
    write(store, team_sync())
    g = graph_iri("team-sync")
    statements = {r["s"] for r in store.select(f"SELECT ?s WHERE {{ ?s a <{MKG}Statement> }}")}
    broken = [
        q
        for q in store.quads(g)
        if not (q.subject in statements and q.predicate.value == MKG + "evidence")
    ]
    store.replace_graph(g, broken)  # through the store, so its merged graph follows
    result = validate(store)
    assert not result.conforms
    assert any(v.path == MKG + "evidence" for v in result.violations)


def test_a_confidence_above_one_and_a_bad_status_are_violations():
    store = open_store("memory")
    write(store, team_sync())
    g = ox.NamedNode(graph_iri("team-sync"))
    st = next(iter(store.select(f"SELECT ?s WHERE {{ ?s a <{MKG}Statement> }} LIMIT 1")))["s"]
    item = next(iter(store.select(f"SELECT ?s WHERE {{ ?s a <{MKG}ActionItem> }} LIMIT 1")))["s"]
    quads = [
        q
        for q in store.quads(g.value)
        if not (q.subject == st and q.predicate.value == MKG + "confidence")
        and not (q.subject == item and q.predicate.value == MKG + "status")
    ]
    quads.append(
        ox.Quad(
            st,
            ox.NamedNode(MKG + "confidence"),
            ox.Literal("1.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")),
            g,
        )
    )
    quads.append(ox.Quad(item, ox.NamedNode(MKG + "status"), ox.Literal("maybe"), g))
    store.replace_graph(g.value, quads)  # through the store, so its merged graph follows
    result = validate(store)
    paths = {v.path for v in result.violations}
    assert MKG + "confidence" in paths
    assert MKG + "status" in paths


def test_a_meeting_known_only_to_the_month_is_valid_and_typed_as_a_month():
    from dataclasses import replace

    ex = team_sync()
    ex = replace(ex, meeting=replace(ex.meeting, start="2016-02", end="2016-02"))
    store = open_store("memory")
    write(store, ex)
    result = validate(store)
    assert result.conforms, [str(v) for v in result.violations]
    rows = store.select("SELECT ?d WHERE { ?m <https://schema.org/startDate> ?d }")
    assert rows[0]["d"].datatype.value == "http://www.w3.org/2001/XMLSchema#gYearMonth"
