"""User text never becomes SPARQL, and the API never loads spaCy or the ingest chain."""

from __future__ import annotations

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from graph.store import OxigraphStore

INJECTIONS = [
    '"} } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o',
    "butler> } UNION { ?s ?p ?o } #",
    "' ; DELETE WHERE { ?s ?p ?o } ; '",
    '\\" ) } INSERT DATA { <urn:x> <urn:y> "z" } #',
    "?x\nSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
]

ENDPOINTS = [
    ("/owners", "of"),
    ("/dependencies", "of"),
    ("/members", "of"),
    ("/actions", "q"),
    ("/actions", "assignee"),
    ("/actions", "ticket"),
    ("/actions", "meeting"),
    ("/decisions", "about"),
    ("/decisions", "q"),
    ("/entities", "q"),
    ("/graph", "focus"),
]


@pytest.mark.parametrize("path,param", ENDPOINTS)
def test_injection_strings_are_only_ever_names(
    client: TestClient, store: OxigraphStore, path: str, param: str
) -> None:
    before = store.triple_count()
    for text in INJECTIONS:
        r = client.get(path, params={param: text})
        assert r.status_code in (200, 404, 409), (path, param, text, r.text)
        if r.status_code == 200 and path in ("/actions", "/decisions") and param != "q":
            assert r.json()["count"] == 0
    assert store.triple_count() == before
    assert client.get(f"/entities/{INJECTIONS[0]}").status_code == 404


def test_importing_the_api_loads_neither_spacy_nor_ingest() -> None:
    code = (
        "import sys, api.app, api.routers.sparql, api.routers.graph\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'ingest'))\n"
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
