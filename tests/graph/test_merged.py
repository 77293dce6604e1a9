"""Set semantics for the default graph (issue 14 item 3), on the embedded store and on a real
Oxigraph server: a query that names no dataset sees each distinct triple of the documents
once, however many documents state it, after every kind of write; ``GRAPH`` / ``FROM NAMED``
still say which document states what."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest

from graph.store import FORMAT_VERSION, OxigraphStore, open_store
from ingest.emit import write
from ontology.ids import graph_iri
from tests.graph.conftest import build_store, extractions, iri
from tests.helpers import (
    DEFAULT_COUNT,
    QUAD_COUNT,
    endpoint_count,
    merged_graph_state,
)

SKOS_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")


def _in_default(store: Any, s: str, o: str) -> int:
    """How often the default graph holds ``<s> skos:prefLabel "o"``, as /sparql counts it."""
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {ox.NamedNode(s)} {SKOS_LABEL} {ox.Literal(o)} }}"
    return endpoint_count(store, query)


def test_count_star_over_the_default_graph_is_the_number_of_distinct_triples(store):
    default, distinct, stray = merged_graph_state(store)
    quads = endpoint_count(store, QUAD_COUNT)
    assert quads > distinct  # the two documents state some triples both (a person, a team)
    assert (default, stray) == (distinct, 0)
    assert store.triple_count() == quads
    frossie = iri("Person", "Frossie Economou")
    assert _in_default(store, frossie, "Frossie Economou") == 1  # stated by both documents


def test_named_graphs_stay_addressable(store):
    middleware, square = graph_iri("middleware-2024-03-04"), graph_iri("square-2024-05-10")
    frossie = ox.NamedNode(iri("Person", "Frossie Economou"))
    which = f"SELECT ?g WHERE {{ GRAPH ?g {{ {frossie} {SKOS_LABEL} ?n }} }} ORDER BY ?g"
    assert [r["g"].value for r in store.raw_query(which)] == sorted([middleware, square])
    only = store.raw_query(which, named_graphs=[square])  # FROM NAMED <square>
    assert [r["g"].value for r in only] == [square]
    from_one = store.raw_query(DEFAULT_COUNT, default_graphs=[square])  # FROM <square>
    assert int(next(iter(from_one))["n"].value) == len(
        store.select(f"SELECT ?s WHERE {{ GRAPH {ox.NamedNode(square)} {{ ?s ?p ?o }} }}")
    )


def test_rewriting_and_forgetting_a_document_keep_the_default_graph_right(store):
    middleware, square = extractions()
    pipe_base = iri("Component", "pipe_base")
    frossie = iri("Person", "Frossie Economou")
    # a new version of the middleware minutes that no longer names pipe_base
    kept = tuple(e for e in middleware.entities if e.id != pipe_base)
    rels = tuple(r for r in middleware.relations if pipe_base not in (r.subject, r.object))
    write(store, replace(middleware, entities=kept, relations=rels))
    default, distinct, stray = merged_graph_state(store)
    assert (default, stray) == (distinct, 0)
    assert _in_default(store, pipe_base, "pipe_base") == 0
    assert _in_default(store, frossie, "Frossie Economou") == 1
    # forgetting it keeps what the other document says, once
    assert store.remove_graph(graph_iri("middleware-2024-03-04"))
    default, distinct, stray = merged_graph_state(store)
    assert (default, stray) == (distinct, 0)
    assert _in_default(store, frossie, "Frossie Economou") == 1
    assert _in_default(store, iri("Component", "butler"), "butler") == 0
    # and writing it back restores the first state
    write(store, middleware)
    assert merged_graph_state(store) == merged_graph_state(build_store())
    assert store.remove_graph(graph_iri("middleware-2024-03-04"))
    assert store.remove_graph(graph_iri("square-2024-05-10"))
    assert merged_graph_state(store) == (0, 0, 0)


def test_exports_and_counts_leave_the_merged_graph_out(store):
    assert store.triple_count() == endpoint_count(store, QUAD_COUNT)
    quads = list(ox.parse(store.export("nq"), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == store.triple_count()
    assert not any(isinstance(q.graph_name, ox.DefaultGraph) for q in quads)
    triples = list(ox.parse(store.export("nt"), format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == len(set(triples)) == endpoint_count(store, DEFAULT_COUNT)


def _format_1_store(path: Path) -> int:
    """A store as minutes-kg 0.x left it: the documents' named graphs, no merged graph,
    no marker. Returns its quad count."""
    raw = ox.Store(str(path))
    built = build_store()
    for q in built.quads():
        raw.add(q)
    count = len(raw)
    raw.flush()
    del raw
    return count


def test_a_store_from_before_the_merged_graph_is_read_right_and_rebuilt_on_writing(tmp_path):
    path = tmp_path / "kg"
    quads = _format_1_store(path)
    reader = OxigraphStore(path, read_only=True)  # cannot write: reads through the union
    assert not reader.merged and reader.triple_count() == quads
    label = "SELECT ?n WHERE { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> ?n }"
    assert "Tim Jenness" in {r["n"].value for r in reader.select(label)}
    reader.close()
    writer = OxigraphStore(path)  # opened to write: the merged graph is built at once
    assert writer.merged and writer.triple_count() == quads
    default, distinct, stray = merged_graph_state(writer)
    assert (default, stray) == (distinct, 0) and distinct < quads
    writer.close()
    marker = json.loads((path / "minutes-kg.json").read_text(encoding="utf-8"))
    assert marker == {"format": FORMAT_VERSION} and FORMAT_VERSION >= 2
    again = OxigraphStore(path, read_only=True)
    assert again.merged and merged_graph_state(again) == (default, distinct, 0)
    again.close()


def test_a_server_filled_before_the_merged_graph_gets_it_with_the_first_write(oxigraph_server):
    from tests.servers import clear

    clear(oxigraph_server)
    built = build_store()
    body = ox.serialize(list(built.quads()), format=ox.RdfFormat.N_QUADS)
    loaded = httpx.post(  # named graphs only, as an older kg left them
        oxigraph_server + "/store",
        content=body,
        headers={"Content-Type": "application/n-quads"},
        timeout=30,
    )
    assert loaded.status_code < 300, loaded.text
    old = open_store(oxigraph_server)
    assert not old.merged
    label = "SELECT ?n WHERE { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> ?n }"
    assert "Tim Jenness" in {r["n"].value for r in old.select(label)}
    write(old, extractions()[1])  # the first write builds it, in the same request
    assert old.merged
    default, distinct, stray = merged_graph_state(open_store(oxigraph_server))
    assert (default, stray) == (distinct, 0)
    assert merged_graph_state(old) == merged_graph_state(built)
    clear(oxigraph_server)


@pytest.mark.parametrize("spec", ["memory"])
def test_an_empty_store_is_merged_from_the_start(spec):
    assert open_store(spec).merged
