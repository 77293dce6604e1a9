"""``python -m ingest.worker``: the extraction subprocess the server runs for an upload."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from ontology.ids import graph_iri
from tests.hardening.conftest import GOOD_MINUTES, ROOT


def worker(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "ingest.worker", *args], capture_output=True, cwd=ROOT, timeout=600
    )


def test_worker_prints_the_documents_quads_as_n_quads(tmp_path: Path) -> None:
    path = tmp_path / "upload-1.txt"
    path.write_text(GOOD_MINUTES, encoding="utf-8")
    done = worker(str(path), "--source", "minutes/sync.txt")
    assert done.returncode == 0, done.stderr
    quads = list(ox.parse(done.stdout, format=ox.RdfFormat.N_QUADS))
    assert quads
    assert {q.graph_name.value for q in quads} == {graph_iri("upload-1")}
    paths = {q.object.value for q in quads if q.predicate.value.endswith("#path")}
    assert paths == {"minutes/sync.txt"}  # the upload's name, not the temporary file


def test_worker_json_is_the_extraction(tmp_path: Path) -> None:
    path = tmp_path / "sync.txt"
    path.write_text(GOOD_MINUTES, encoding="utf-8")
    done = worker(str(path), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["meeting"]["id"].endswith("/meeting/sync")
    for item in data["action_items"]:
        for ev in item["evidence"]:
            assert GOOD_MINUTES[ev["start"] : ev["end"]] == ev["quote"]


def test_worker_resolves_names_to_known_entities(tmp_path: Path) -> None:
    path = tmp_path / "known.txt"
    path.write_text("Sync 2024-03-04\nAda is responsible for butler.\n", encoding="utf-8")
    known = tmp_path / "known.json"
    ada = "https://w3id.org/minutes-kg/id/person/ada-lovelace"
    known.write_text(
        json.dumps([{"id": ada, "type": "Person", "name": "Ada Lovelace", "aliases": ["Ada"]}])
    )
    done = worker(str(path), "--json", "--known", str(known))
    assert done.returncode == 0, done.stderr
    assert ada in {e["id"] for e in json.loads(done.stdout)["entities"]}


def test_worker_refuses_bad_input_with_one_line_and_exit_code_2(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    done = worker(str(path))
    assert done.returncode == 2
    assert done.stdout == b""
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "accepted" in lines[0]


def test_the_api_never_imports_spacy_or_ingest() -> None:
    code = (
        "import sys, api.app, api.routers.documents\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'ingest'))\n"
        "print(bad)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_an_extraction_past_the_ingest_time_limit_writes_nothing() -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings
    from graph.store import open_store

    store = open_store("memory")
    app = create_app(store, Settings(write_token="t", ingest_timeout=0.001))
    response = TestClient(app).post(
        "/documents",
        files={"file": ("slow.txt", GOOD_MINUTES.encode())},
        headers={"Authorization": "Bearer t"},
    )
    assert response.status_code == 504
    assert "KG_INGEST_TIMEOUT" in response.json()["detail"]
    assert store.graphs() == []


def test_uploads_are_extracted_with_the_servers_reference_files(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings
    from graph.store import open_store

    directory = tmp_path / "authordb.yaml"
    directory.write_text(
        "affiliations: {}\n"
        "authors:\n"
        "  swinbank:\n"
        "    affil: []\n"
        "    email: swinbank\n"
        "    family_name: Swinbank\n"
        "    given_name: John\n"
    )
    minutes = (
        "Pipelines sync 2021-04-01\n\nAttendees\n\n- Unknown User (swinbank)\n- Ada Lovelace\n\n"
        "Actions\n\n- Unknown User (swinbank) to review the plan.\n"
    )

    def people(settings: Settings) -> set[str]:
        store = open_store("memory")
        client = TestClient(create_app(store, settings))
        response = client.post(
            "/documents",
            files={"file": ("sync.txt", minutes.encode())},
            headers={"Authorization": "Bearer t"},
        )
        assert response.status_code in (200, 201), response.text
        rows = store.select(
            "SELECT DISTINCT ?n WHERE { ?p a <https://w3id.org/minutes-kg/ontology#Person> ; "
            "<http://www.w3.org/2004/02/skos/core#prefLabel> ?n }"
        )
        return {r["n"].value for r in rows}

    assert "John Swinbank" in people(Settings(write_token="t", directory=str(directory)))
    assert "John Swinbank" not in people(Settings(write_token="t"))
