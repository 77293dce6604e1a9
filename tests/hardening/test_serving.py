"""Ingest while serving: the running server is the store's single writer.

Queries keep being answered (200) while documents are uploaded; new documents
become visible to queries; DELETE removes one; writes need the token.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.hardening.conftest import (
    Server,
    documents,
    minutes,
    start_server,
    stop_server,
    upload,
)
from tests.helpers import DEFAULT_COUNT, DISTINCT_UNION_COUNT, STRAY_COUNT

QUERIES = [
    ("/healthz", {}),
    ("/documents", {}),
    ("/owners", {"of": "butler"}),
]


@pytest.fixture()
def serving(seeded_store: Path) -> Iterator[Server]:
    running = start_server(seeded_store)
    yield running
    stop_server(running)


def _sparql_count(server: Server, query: str) -> int:
    response = httpx.get(server.url + "/sparql", params={"query": query}, timeout=60)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _query_loop(server: Server, stop: threading.Event, seen: Counter[int], bodies: list) -> None:
    with httpx.Client(base_url=server.url, timeout=120) as client:
        while not stop.is_set():
            for path, params in QUERIES:
                response = client.get(path, params=params)
                seen[response.status_code] += 1
                if response.status_code != 200:
                    bodies.append((path, response.status_code, response.text))


def test_queries_answer_while_documents_are_uploaded(serving: Server) -> None:
    stop = threading.Event()
    seen: Counter[int] = Counter()
    bad: list[tuple[str, int, str]] = []
    thread = threading.Thread(target=_query_loop, args=(serving, stop, seen, bad))
    thread.start()
    try:
        new = {
            "served-one": minutes("Served one", "Barbara Liskov", "Firefly"),
            "served-two": minutes("Served two", "Edsger Dijkstra", "Qserv"),
            "served-three": minutes("Served three", "Donald Knuth", "pipe_base"),
        }
        for doc, text in new.items():
            response = upload(serving, f"{doc}.txt", text.encode())
            assert response.status_code == 201, response.text
            assert response.json()["id"] == doc
    finally:
        stop.set()
        thread.join()
    assert not bad, bad[:3]
    assert seen[200] >= len(QUERIES)

    listed = documents(serving)
    assert set(new) <= set(listed)
    owners = httpx.get(serving.url + "/owners", params={"of": "Firefly"}, timeout=60)
    assert owners.status_code == 200, owners.text
    assert "Barbara Liskov" in owners.text  # the new document is visible to queries


def test_delete_removes_one_document(serving: Server) -> None:
    assert upload(serving, "short-lived.txt", minutes("Short lived").encode()).status_code == 201
    before = documents(serving)
    gone = httpx.delete(serving.url + "/documents/short-lived", headers=serving.headers())
    assert gone.status_code == 200, gone.text
    after = documents(serving)
    assert "short-lived" not in after
    assert after == {k: v for k, v in before.items() if k != "short-lived"}
    assert httpx.get(serving.url + "/healthz").json()["documents"] == len(after)
    again = httpx.delete(serving.url + "/documents/short-lived", headers=serving.headers())
    assert again.status_code == 404
    # /sparql's default graph still holds each distinct triple once after POST and DELETE
    counts = [_sparql_count(serving, q) for q in (DEFAULT_COUNT, DISTINCT_UNION_COUNT)]
    assert counts[0] == counts[1] > 0 and _sparql_count(serving, STRAY_COUNT) == 0


def test_writes_without_the_token_are_refused(serving: Server) -> None:
    before = documents(serving)
    assert upload(serving, "anon.txt", minutes("Anon").encode(), token=None).status_code == 401
    assert upload(serving, "anon.txt", minutes("Anon").encode(), token="nope").status_code == 401
    doc = next(iter(before))
    assert httpx.delete(serving.url + f"/documents/{doc}").status_code == 401
    assert documents(serving) == before


def test_writes_are_off_when_no_token_is_configured(seeded_store: Path) -> None:
    running = start_server(seeded_store, token=None)
    try:
        before = documents(running)
        response = upload(running, "x.txt", minutes("X").encode(), token="anything")
        assert response.status_code == 403
        assert "KG_WRITE_TOKEN" in response.json()["detail"]
        doc = next(iter(before))
        deleted = httpx.delete(running.url + f"/documents/{doc}")
        assert deleted.status_code == 403
        assert documents(running) == before
    finally:
        stop_server(running)


def test_raw_body_upload_and_path_parts_in_the_name(serving: Server) -> None:
    raw = httpx.post(
        serving.url + "/documents",
        params={"filename": "raw-body.md"},
        content=minutes("Raw body").encode(),
        headers={**serving.headers(), "Content-Type": "text/markdown"},
        timeout=httpx.Timeout(30.0, read=900.0),
    )
    assert raw.status_code == 201, raw.text
    assert raw.json()["id"] == "raw-body"
    sneaky = upload(serving, "../../../tmp/sneaky.txt", minutes("Sneaky").encode())
    assert sneaky.status_code == 201, sneaky.text
    assert sneaky.json()["id"] == "sneaky" and sneaky.json()["source"] == "sneaky.txt"
    nameless = httpx.post(
        serving.url + "/documents", content=b"Sync\nAda to fix it.\n", headers=serving.headers()
    )
    assert nameless.status_code == 400 and "filename" in nameless.json()["detail"]
    listed = documents(serving)
    assert {"raw-body", "sneaky"} <= set(listed)


def test_one_document_reads_as_its_entry_in_the_list(serving: Server) -> None:
    assert (
        upload(serving, "single.txt", minutes("Single", "Grace Hopper").encode()).status_code == 201
    )
    listed = httpx.get(serving.url + "/documents", timeout=60).json()["documents"]
    entry = next(d for d in listed if d["id"] == "single")
    one = httpx.get(serving.url + "/documents/single", timeout=60)
    assert one.status_code == 200 and one.json() == entry
    assert entry["triples"] > 0 and entry["source"].endswith("single.txt")
    missing = httpx.get(serving.url + "/documents/never-ingested", timeout=60)
    assert missing.status_code == 404 and "never-ingested" in missing.json()["detail"]
