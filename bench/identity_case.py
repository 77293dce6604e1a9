"""Corpus-level resolution (graph/identity.py) over a generated store of N documents.

Each document is a meeting of one of N/20 series and names 15 people: some by their
full name, some by a first name, initials or a username that one person of the series
accounts for, some by a first name two people share (ambiguous), and teams by a name
or an acronym another document defines. ``resolve`` (read every document's names,
decide, write the identity graph) is timed ``--reps`` times.

Usage (run by :mod:`bench.run`)::

    python -m bench.identity_case --docs 1000 --reps 5 --out R.json
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox

from bench.measure import emit, summarise

__all__ = ["build", "measure", "main"]

_MKG = "https://w3id.org/minutes-kg/ontology#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_FIRST = "Ana Bo Cyrus Dana Eli Fay Gus Hana Ivo Jun Kai Lea Mo Nia Oli Pia Raj Sol Tao Uma".split()
_LAST = "Lima Chen Park Ruiz Okafor Novak Silva Berg Tan Moreau Kaur Ito Weiss Costa Haas".split()


def build(n_docs: int, seed: int = 7) -> Any:
    from graph.store import OxigraphStore
    from ontology.ids import document_iri, entity_iri, graph_iri

    rng = random.Random(seed)
    store = OxigraphStore(None)
    people = [f"{f} {last}" for f in _FIRST for last in _LAST]
    for d in range(n_docs):
        series = "series" + "abcdefghijklmnopqrstuvwxy"[d % 25] + "ab"[(d // 25) % 2]
        doc_id = f"{series}-{d}"
        g = graph_iri(doc_id)
        quads = []

        def add(
            s: str, p: str, o: ox.NamedNode | ox.Literal, quads: list = quads, g: str = g
        ) -> None:
            quads.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, ox.NamedNode(g)))

        doc = document_iri(doc_id)
        add(doc, _RDF + "type", ox.NamedNode(_MKG + "SourceDocument"))
        add(doc, _MKG + "path", ox.Literal(f"{series}_2025-{d % 12 + 1:02d}-01.md"))
        for name in rng.sample(people, 15):
            first, last = name.split()
            label = rng.choice([name, name, first, first[0] + last[0], (first[0] + last).lower()])
            iri = entity_iri("Person", label)
            add(iri, _RDF + "type", ox.NamedNode(_MKG + "Person"))
            add(iri, _SKOS + "prefLabel", ox.Literal(label))
        team = f"Team {_LAST[d % len(_LAST)]} Operations"
        acronym = "T" + _LAST[d % len(_LAST)][0] + "O"
        iri = entity_iri("Team", team if d % 2 else acronym)
        add(iri, _RDF + "type", ox.NamedNode(_MKG + "Team"))
        add(iri, _SKOS + "prefLabel", ox.Literal(team if d % 2 else acronym))
        if d % 2:
            add(iri, _SKOS + "altLabel", ox.Literal(acronym))
        store.replace_graph(g, quads)
    return store


def measure(n_docs: int, reps: int) -> dict[str, Any]:
    from graph.identity import resolve

    store = build(n_docs)
    times, links, ambiguous = [], 0, 0
    for _ in range(reps):
        t0 = time.perf_counter()
        result = resolve(store)
        times.append(time.perf_counter() - t0)
        links, ambiguous = len(result.links), len(result.ambiguous)
    return {
        "documents": n_docs,
        "triples": store.triple_count(),
        "links": links,
        "ambiguous": ambiguous,
        "seconds": summarise(times),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.identity_case", description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    emit(measure(args.docs, args.reps), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
