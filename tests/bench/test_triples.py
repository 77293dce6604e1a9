"""The direct triple generator: the shapes ingest writes, one named graph per document."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from bench.triples import build_store, fill_store
from graph.store import OxigraphStore
from graph.validate import validate


def test_generated_store_conforms_to_the_shacl_shapes(tmp_path: Path) -> None:
    info = build_store(tmp_path / "store", 3_000, seed=3)
    store = OxigraphStore(info.path, read_only=True)

    result = validate(store)

    assert result.conforms, [str(v) for v in result.violations[:5]]
    assert len(store.graphs()) == info.documents
    assert info.triples == store.triple_count() >= 3_000


def test_generation_is_deterministic_and_reaches_the_asked_size() -> None:
    a, b = ox.Store(), ox.Store()
    info_a = fill_store(a, 5_000, seed=9)
    info_b = fill_store(b, 5_000, seed=9)
    assert info_a == info_b
    assert set(a) == set(b)
    assert 5_000 <= info_a.triples < 6_000


def test_the_store_answers_the_questions_the_benchmarks_ask(tmp_path: Path) -> None:
    from bench.query_case import QUESTIONS, _fill, bare_query, pick_targets

    info = build_store(tmp_path / "store", 20_000, seed=1)
    store = ox.Store.read_only(str(info.path))
    targets = pick_targets(store)
    assert len(targets) >= 3
    rows = {
        label: bare_query(store, _fill(q, targets[0], "review"))
        for label, (_, _, q) in QUESTIONS.items()
    }
    assert all(n > 0 for n in rows.values()), rows


def test_components_keep_a_few_owners_while_their_ownership_is_restated(tmp_path: Path) -> None:
    from bench.corpus import make_cast
    from bench.triples import ownership_plan
    from graph.claims import OwnershipIndex
    from ontology.ids import entity_iri

    info = build_store(tmp_path / "store", 60_000, seed=5)
    cast = make_cast(5, people=2_000, teams=60, components=340)  # build_store's own cast
    plan = ownership_plan(cast, 5)
    index = OwnershipIndex.from_store(OxigraphStore(info.path, read_only=True))
    top = cast.components[0]
    claims = [
        c for c in index.claims(entity_iri("Component", top)) if c.relation == "responsibleFor"
    ]
    planned = {
        entity_iri("Person" if who in cast.people else "Team", who)
        for _, owners in plan[top]
        for who in owners
    }
    assert claims and {c.who for c in claims} <= planned  # only the owners of its plan ...
    assert sum(len(c.evidence) for c in claims) > 3 * len(claims)  # ... said again and again
