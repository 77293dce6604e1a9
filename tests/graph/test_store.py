"""The embedded store: one named graph per document, atomic replacement, bound values, export."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib

from graph.errors import StoreLockedError
from graph.store import OxigraphStore, open_store
from ingest.emit import write
from ontology.ids import graph_iri
from tests.helpers import team_sync


def test_ingesting_the_same_document_twice_leaves_the_same_triples():
    store = open_store("memory")
    write(store, team_sync())
    first = store.triple_count()
    write(store, team_sync())
    assert store.triple_count() == first
    assert store.graphs() == [graph_iri("team-sync")]


def test_forgetting_one_document_keeps_the_others():
    store = open_store("memory")
    write(store, team_sync("a", "minutes/a.txt"))
    write(store, team_sync("b", "minutes/b.txt"))
    both = store.triple_count()
    assert store.remove_graph(graph_iri("a"))
    assert store.graphs() == [graph_iri("b")]
    assert 0 < store.triple_count() < both
    # the shared person is still known through document b
    rows = store.select("SELECT ?n WHERE { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> ?n }")
    assert "Ada Lovelace" in {r["n"].value for r in rows}
    assert not store.remove_graph(graph_iri("a"))


def test_bound_values_are_never_read_as_sparql():
    store = open_store("memory")
    write(store, team_sync())
    query = "SELECT ?x ?p WHERE { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> ?x }"
    evil = ox.Literal('x" } ; DROP ALL ; SELECT * WHERE { "')
    assert store.select(query, {"x": evil}) == []
    ok = store.select(query, {"x": ox.Literal("Grace Hopper")})
    assert [r["p"].value for r in ok] == ["https://w3id.org/minutes-kg/id/person/grace-hopper"]
    assert store.triple_count() > 0


def test_quotes_with_any_characters_survive_the_round_trip():
    from dataclasses import replace

    from ingest.model import Evidence

    tricky = 'He said "}" ; DROP ALL <x> \\ \n\t' + "é ✓"
    ex = team_sync()
    rel = replace(ex.relations[0], evidence=(Evidence(tricky, 0, len(tricky)),))
    ex = replace(ex, relations=(rel,) + ex.relations[1:])
    store = open_store("memory")
    write(store, ex)
    rows = store.select("SELECT ?q WHERE { ?e <https://w3id.org/minutes-kg/ontology#quote> ?q }")
    assert tricky in {r["q"].value for r in rows}


@pytest.mark.parametrize(
    ("fmt", "rdflib_format", "dataset"),
    [
        ("ttl", "turtle", False),
        ("nt", "nt", False),
        ("trig", "trig", True),
        ("nq", "nquads", True),
        ("jsonld", "json-ld", True),
    ],
)
def test_export_parses_back_with_every_triple(fmt, rdflib_format, dataset):
    store = open_store("memory")
    write(store, team_sync())
    data = store.export(fmt)
    parsed = rdflib.Dataset() if dataset else rdflib.Graph()
    parsed.parse(data=data, format=rdflib_format)
    count = sum(1 for _ in parsed.quads()) if dataset else len(parsed)
    assert count == store.triple_count()


def test_on_disk_store_persists_and_is_held_by_one_process(tmp_path):
    path = tmp_path / "kg"
    store = OxigraphStore(path)
    write(store, team_sync())
    count = store.triple_count()
    code = (
        "import sys\n"
        "from graph.store import OxigraphStore\n"
        "from graph.errors import StoreLockedError\n"
        "try:\n"
        f"    OxigraphStore({str(path)!r})\n"
        "except StoreLockedError as e:\n"
        "    print('LOCKED', e); sys.exit(3)\n"
    )
    held = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert held.returncode == 3, held.stderr
    assert "in use by another process" in held.stdout
    store.close()
    again = OxigraphStore(path)
    assert again.triple_count() == count


def test_locked_error_is_a_store_error():
    assert issubclass(StoreLockedError, Exception)


def test_a_read_only_store_reads_and_closes(tmp_path):
    path = tmp_path / "kg"
    store = OxigraphStore(path)
    write(store, team_sync())
    count = store.triple_count()
    store.close()
    reader = OxigraphStore(path, read_only=True)
    assert reader.triple_count() == count
    reader.close()
