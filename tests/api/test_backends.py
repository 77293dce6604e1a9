"""The API over the embedded store and over a real Oxigraph server gives the same answers.

Both stores hold the samples of data/minutes, each ingested by ``kg ingest`` (the real
pipeline): the embedded one into a folder, the other into ``oxigraph serve`` through
``kg --store http://127.0.0.1:PORT ingest``.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from graph.store import open_store
from tests.api.conftest import KG, ROOT, serve_app
from tests.helpers import DEFAULT_COUNT, DISTINCT_UNION_COUNT, QUAD_COUNT, STRAY_COUNT
from tests.servers import oxigraph_serve

QUESTIONS = [
    "/owners?of=VOEvent",
    "/owners?of=SQuaRE",
    "/owners?of=butler",
    "/dependencies?of=butler",
    "/dependencies?of=butler&direction=in&depth=0",
    "/actions",
    "/actions?status=open",
    "/decisions",
]


def kg_ingest(store: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KG), "--store", store, "ingest", str(ROOT / "data" / "minutes")],
        capture_output=True,
        text=True,
    )


def quad_count(base: str) -> int:
    rows = open_store(base).select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(rows[0]["n"].value)


@pytest.fixture(scope="session")
def samples_on_oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_serve(tmp_path_factory.mktemp("shared") / "data") as base:
        done = kg_ingest(base)
        assert done.returncode == 0, done.stderr
        yield base


@pytest.fixture(scope="session")
def apis(sample_store: Path, samples_on_oxigraph: str) -> Iterator[dict[str, str]]:
    """A real uvicorn server over each backend."""
    embedded = create_app(open_store(sample_store, read_only=True), Settings())
    shared = create_app(open_store(samples_on_oxigraph), Settings())
    with serve_app(embedded) as a, serve_app(shared) as b:
        yield {"embedded": a, "oxigraph-server": b}


def answer(base: str, path: str) -> Any:
    response = httpx.get(base + path, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("path", QUESTIONS)
def test_the_api_answers_the_same_on_an_oxigraph_server(apis: dict[str, str], path: str) -> None:
    assert answer(apis["oxigraph-server"], path) == answer(apis["embedded"], path)


def test_the_shared_answers_are_not_empty(apis: dict[str, str]) -> None:
    owners = answer(apis["oxigraph-server"], "/owners?of=VOEvent")
    assert any(o["name"] == "Alert Production" for o in owners["owners"])
    assert answer(apis["oxigraph-server"], "/actions")


def test_ingesting_the_same_files_twice_leaves_the_server_unchanged(
    samples_on_oxigraph: str,
) -> None:
    before = quad_count(samples_on_oxigraph)
    assert before > 1000
    again = kg_ingest(samples_on_oxigraph)
    assert again.returncode == 0, again.stderr
    assert quad_count(samples_on_oxigraph) == before


def test_sparql_through_the_api_reaches_the_server(apis: dict[str, str]) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    counts = [
        httpx.get(apis[b] + "/sparql", params={"query": query}, timeout=60).json()
        for b in ("embedded", "oxigraph-server")
    ]
    assert counts[0]["results"] == counts[1]["results"]


def sparql_count(base: str, query: str) -> int:
    response = httpx.get(base + "/sparql", params={"query": query}, timeout=60)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_count_star_through_sparql_is_the_number_of_distinct_triples(apis: dict[str, str]) -> None:
    """Issue 14's bar: ``SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }`` through /sparql is the
    number of distinct triples of the union, on both backends (the samples state some
    triples in several documents, so a bag would count more)."""
    seen = {}
    for backend, base in apis.items():
        counts = {q: sparql_count(base, q) for q in (DEFAULT_COUNT, DISTINCT_UNION_COUNT)}
        quads, stray = sparql_count(base, QUAD_COUNT), sparql_count(base, STRAY_COUNT)
        assert quads > counts[DISTINCT_UNION_COUNT], backend
        assert counts[DEFAULT_COUNT] == counts[DISTINCT_UNION_COUNT], backend
        assert stray == 0, backend
        seen[backend] = counts[DEFAULT_COUNT]
    assert seen["embedded"] == seen["oxigraph-server"]
