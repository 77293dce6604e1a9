"""Bad minutes files, through ``kg ingest`` (a subprocess) and through ``POST /documents``.

Every refused file gets one clear line (what was wrong, what is accepted), the
exit code says something failed, and the store is left exactly as it was.
Files that are odd but readable (Latin-1, cp1252, HTML with scripts, huge lines)
are ingested as text, never executed or parsed as anything else.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from ontology.ids import DERIVED_BASE
from tests.hardening.conftest import (
    GOOD_MINUTES,
    TOKEN,
    Server,
    documents,
    export_nq,
    fail_lines,
    kg,
    minutes,
    upload,
)

FIFTY_MB = 50 * 1024 * 1024


def _png() -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
        b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05"
        b"\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("minutes.txt", GOOD_MINUTES)
    return buffer.getvalue()


#: name -> (file name, content, a word the error line must contain)
REFUSED: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "empty": ("empty.txt", lambda: b"", "empty"),
    "whitespace": ("blank.txt", lambda: b"  \n\r\n\t\n", "empty"),
    "png": ("diagram.txt", _png, "binary"),
    "zip": ("notes.md", _zip, "binary"),
}

LATIN1 = (
    "Café planning 2024-03-04\n"
    "Attendees: José Müller, Ada Lovelace\n"
    "José Müller is responsible for the façade service.\n"
).encode("latin-1")
CP1252 = b"Review \x93ship it\x94 \x96 2024-03-04\nAttendees: Ada Lovelace\nAda said yes.\n"
SCRIPT_HTML = b"""<!doctype html><html><head><title>Sync 2024-03-04</title>
<script>var leaked = "SCRIPT-PAYLOAD-7731";</script>
<style>.x { content: "STYLE-PAYLOAD-7731" }</style></head><body>
<h1>Scheduler sync 2024-03-04</h1>
<p>Attendees: Ada Lovelace, Grace Hopper</p>
<img src=x onerror="alert('ONERROR-PAYLOAD-7731')">
<p onclick="steal('CLICK-PAYLOAD-7731')">Ada Lovelace is responsible for the scheduler.</p>
<script>document.write("SCRIPT-PAYLOAD-7731")</script>
</body></html>
"""
PAYLOADS = ("SCRIPT-PAYLOAD-7731", "STYLE-PAYLOAD-7731", "ONERROR-PAYLOAD-7731", "CLICK-PAYLOAD")
HOSTILE_NAME = "<script>alert(1)</script>"
SPARQL_TEXT = '\'} ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> "z" } #'
INJECTION = (
    "Hostile names 2024-03-04\n"
    f"Attendees: Ada Lovelace, {HOSTILE_NAME}\n"
    f"{HOSTILE_NAME} is responsible for the butler.\n"
    f'Bob "}}; DROP ALL ; #" Smith said {SPARQL_TEXT} about the queue service.\n'
    'Action: Ada Lovelace to check "} ; DROP ALL ; #" WHERE { ?s ?p ?o } by 2024-03-11.\n'
).encode()


def _nested_html(depth: int = 10_000) -> bytes:
    return (
        b"<html><body>"
        + b"<div>" * depth
        + b"Ada Lovelace is responsible for the NESTED-MARKER scheduler."
        + b"</div>" * depth
        + b"</body></html>"
    )


def _one_line() -> bytes:
    words = "the scheduler team reviewed the queue service and agreed on a plan "
    return ("Long line 2024-03-04\n" + words * (1024 * 1024 // len(words)) + "\n").encode()


# ------------------------------------------------------------------ the CLI


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_cli_refuses_a_bad_file_with_one_line_and_leaves_the_store(
    case: str, seeded_store: Path, tmp_path: Path
) -> None:
    name, content, word = REFUSED[case]
    path = tmp_path / name
    path.write_bytes(content())
    before = export_nq(seeded_store)
    out = kg("ingest", str(path), store=seeded_store)
    assert out.returncode == 1
    lines = fail_lines(out.stderr)
    assert len(lines) == 1, out.stderr
    assert name in lines[0] and word in lines[0] and "accepted" in lines[0]
    assert "Traceback" not in out.stderr
    assert export_nq(seeded_store) == before


def test_cli_refuses_a_50_mb_file_as_too_large(seeded_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: no 50 MB written to disk
        fh.truncate(FIFTY_MB)
    before = export_nq(seeded_store)
    out = kg("ingest", str(path), store=seeded_store)
    assert out.returncode == 1
    (line,) = fail_lines(out.stderr)
    assert "limit" in line and "accepted" in line
    assert export_nq(seeded_store) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [(LATIN1, "José Müller"), (CP1252, "\u201cship it\u201d")],
    ids=["latin-1", "cp1252-not-utf-8"],
)
def test_cli_decodes_legacy_encodings(
    content: bytes, expected: str, seeded_store: Path, tmp_path: Path
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(content)
    out = kg("ingest", str(path), store=seeded_store)
    assert out.returncode == 0, out.stderr
    assert any(expected in line for line in export_nq(seeded_store))


def test_cli_html_scripts_and_event_handlers_never_reach_the_graph(
    seeded_store: Path, tmp_path: Path
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(SCRIPT_HTML)
    out = kg("ingest", str(path), store=seeded_store)
    assert out.returncode == 0, out.stderr
    graph = "\n".join(export_nq(seeded_store))
    assert "https://w3id.org/minutes-kg/graph/page>" in graph
    for payload in PAYLOADS:
        assert payload not in graph


def test_cli_deeply_nested_html_is_read_or_refused_cleanly(
    seeded_store: Path, tmp_path: Path
) -> None:
    path = tmp_path / "nested.html"
    path.write_bytes(_nested_html())
    before = export_nq(seeded_store)
    out = kg("ingest", str(path), store=seeded_store)
    assert "Traceback" not in out.stderr
    if out.returncode == 0:
        assert any("NESTED-MARKER" in line for line in export_nq(seeded_store))
    else:
        (line,) = fail_lines(out.stderr)
        assert "accepted" in line
        assert export_nq(seeded_store) == before


def test_cli_one_line_of_a_megabyte_is_read_or_refused_cleanly(
    seeded_store: Path, tmp_path: Path
) -> None:
    path = tmp_path / "long-line.txt"
    path.write_bytes(_one_line())
    before = export_nq(seeded_store)
    out = kg("ingest", str(path), store=seeded_store)
    assert "Traceback" not in out.stderr
    if out.returncode == 0:
        assert any("graph/long-line>" in line for line in export_nq(seeded_store))
    else:
        (line,) = fail_lines(out.stderr)
        assert "accepted" in line
        assert export_nq(seeded_store) == before


def test_cli_same_document_twice_gives_the_same_graph(seeded_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "twice.txt"
    path.write_text(minutes("Twice sync"), encoding="utf-8")
    assert kg("ingest", str(path), store=seeded_store).returncode == 0
    first = export_nq(seeded_store)
    assert kg("ingest", str(path), store=seeded_store).returncode == 0
    second = export_nq(seeded_store)
    assert len(second) == len(first)
    # only the ingestion timestamp may differ
    assert [ln for ln in first if "generatedAtTime" not in ln] == [
        ln for ln in second if "generatedAtTime" not in ln
    ]


def test_cli_hostile_names_and_sparql_are_stored_as_plain_text(
    seeded_store: Path, tmp_path: Path
) -> None:
    path = tmp_path / "hostile.txt"
    path.write_bytes(INJECTION)
    before = export_nq(seeded_store)
    out = kg("ingest", str(path), store=seeded_store)
    assert out.returncode == 0, out.stderr
    after = export_nq(seeded_store)
    # DROP ALL did not run: every document quad is still there (the derived time graph is
    # recomputed from all documents after an ingest, so it may change)
    assert {q for q in before if DERIVED_BASE not in q} <= set(after)
    assert not any("<urn:x>" in line for line in after)  # INSERT DATA did not run
    quads = list(ox.parse("\n".join(after).encode(), format=ox.RdfFormat.N_QUADS))
    hostile = [
        q
        for q in quads
        if any("DROP ALL" in t.value or "alert(1)" in t.value for t in (q.subject, q.object))
    ]
    assert any('"} ; DROP ALL ; #" WHERE { ?s ?p ?o }' in q.object.value for q in hostile)
    assert all(isinstance(q.object, ox.Literal) for q in hostile)  # only ever as text
    owners = kg("owners", "butler", store=seeded_store)
    assert owners.returncode == 0, owners.stderr
    assert "Ada Lovelace" in owners.stdout


def test_cli_folder_of_good_and_bad_files(seeded_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good-one.txt").write_text(minutes("Good one"), encoding="utf-8")
    (folder / "good-two.md").write_text(minutes("Good two", "Grace Hopper"), encoding="utf-8")
    for case in REFUSED.values():
        (folder / case[0]).write_bytes(case[1]())
    out = kg("ingest", str(folder), store=seeded_store)
    assert out.returncode == 1
    lines = fail_lines(out.stderr)
    assert sorted(Path(ln.split(": ")[0].split()[-1]).name for ln in lines) == sorted(
        case[0] for case in REFUSED.values()
    )
    assert all("accepted" in ln for ln in lines)
    graph = "\n".join(export_nq(seeded_store))
    assert "graph/good-one>" in graph and "graph/good-two>" in graph
    for name in ("empty", "blank", "diagram", "notes"):
        assert f"graph/{name}>" not in graph


def test_a_file_that_disappears_after_listing_is_reported_and_skipped(tmp_path: Path) -> None:
    from graph.store import OxigraphStore
    from ingest.batch import DocumentReport, ingest_paths

    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "stays.txt").write_text(minutes("Stays"), encoding="utf-8")
    (folder / "goes.txt").write_text(minutes("Goes"), encoding="utf-8")
    reports: list[DocumentReport] = []

    def on_document(report: DocumentReport) -> None:
        # the first report (for a missing path) comes after listing, before any reading
        if not reports:
            (folder / "goes.txt").unlink()
        reports.append(report)

    store = OxigraphStore(tmp_path / "store")
    ingest_paths(store, [str(tmp_path / "never-there.txt"), str(folder)], on_document=on_document)
    by_name = {Path(r.path).name: r for r in reports}
    assert by_name["stays.txt"].ok
    assert not by_name["goes.txt"].ok
    assert "disappeared" in (by_name["goes.txt"].error or "")
    assert [g.rsplit("/", 1)[-1] for g in store.graphs()] == ["stays"]
    store.close()


def test_cli_store_locked_by_a_server_says_to_use_server(
    seeded_store: Path, tmp_path: Path
) -> None:
    from tests.hardening.conftest import start_server, stop_server

    path = tmp_path / "late.txt"
    path.write_text(minutes("Late"), encoding="utf-8")
    running = start_server(seeded_store)
    try:
        out = kg("ingest", str(path), store=seeded_store)
        assert out.returncode == 1
        assert "--server" in out.stderr and "KG_WRITE_TOKEN" in out.stderr
        sent = kg(
            "ingest",
            "--server",
            running.url,
            str(path),
            store=seeded_store,
            env={"KG_WRITE_TOKEN": TOKEN},
        )
        assert sent.returncode == 0, sent.stderr
        assert "late" in documents(running)
    finally:
        stop_server(running)


# ------------------------------------------------------------------ the HTTP upload


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_upload_refuses_a_bad_file_with_a_clear_message(case: str, server: Server) -> None:
    name, content, word = REFUSED[case]
    before = documents(server)
    response = upload(server, name, content())
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert name in detail and word in detail and "accepted" in detail
    assert "kg-upload-" not in detail  # no server-side paths leak
    assert documents(server) == before


def test_upload_refuses_50_mb_with_413(server: Server) -> None:
    before = documents(server)
    response = httpx.post(
        server.url + "/documents",
        params={"filename": "huge.txt"},
        content=b"\0" * FIFTY_MB,
        headers=server.headers(),
        timeout=120,
    )
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]
    assert documents(server) == before


@pytest.mark.parametrize(
    ("content", "doc"), [(LATIN1, "latin"), (CP1252, "cp1252")], ids=["latin-1", "cp1252"]
)
def test_upload_decodes_legacy_encodings(content: bytes, doc: str, server: Server) -> None:
    response = upload(server, f"{doc}.txt", content)
    assert response.status_code == 201, response.text
    assert documents(server)[doc] == response.json()["triples"]


def test_upload_html_scripts_never_reach_the_graph(server: Server) -> None:
    response = upload(server, "scripted.html", SCRIPT_HTML)
    assert response.status_code == 201, response.text
    for payload in PAYLOADS:
        found = httpx.get(
            server.url + "/sparql",
            params={"query": f'ASK {{ ?s ?p ?o FILTER(CONTAINS(STR(?o), "{payload}")) }}'},
            headers={"Accept": "application/sparql-results+json"},
            timeout=60,
        )
        assert found.status_code == 200, found.text
        assert found.json()["boolean"] is False


def test_upload_nested_html_and_long_line_never_crash(server: Server) -> None:
    for name, content in (("nested.html", _nested_html()), ("long-line.txt", _one_line())):
        before = documents(server)
        response = upload(server, name, content)
        assert response.status_code in (201, 413, 422), response.text
        if response.status_code != 201:
            assert "accepted" in response.json()["detail"]
            assert documents(server) == before


def test_upload_same_document_twice(server: Server) -> None:
    content = minutes("Twice over HTTP").encode()
    first = upload(server, "twice-http.txt", content)
    second = upload(server, "twice-http.txt", content)
    assert first.status_code == second.status_code == 201
    assert second.json()["replaced"] is True
    assert first.json()["triples"] == second.json()["triples"]
    assert documents(server)["twice-http"] == first.json()["triples"]


def test_upload_hostile_text_is_plain_text(server: Server) -> None:
    upload(server, "anchor.txt", GOOD_MINUTES.encode())
    before = documents(server)
    response = upload(server, "hostile-http.txt", INJECTION)
    assert response.status_code == 201, response.text
    after = documents(server)
    assert {k: v for k, v in after.items() if k != "hostile-http"} == before
    owners = httpx.get(server.url + "/owners", params={"of": "butler"}, timeout=60)
    assert owners.status_code == 200, owners.text


def test_kg_ingest_server_folder_of_good_and_bad_files(server: Server, tmp_path: Path) -> None:
    folder = tmp_path / "mixed-http"
    folder.mkdir()
    (folder / "remote-good.txt").write_text(minutes("Remote good"), encoding="utf-8")
    for case in REFUSED.values():
        (folder / case[0]).write_bytes(case[1]())
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(FIFTY_MB)
    before = documents(server)
    out = kg(
        "ingest",
        "--server",
        server.url,
        str(folder),
        str(tmp_path / "gone.txt"),
        store=tmp_path / "unused",
        env={"KG_WRITE_TOKEN": TOKEN},
    )
    assert out.returncode == 1
    lines = fail_lines(out.stderr)
    assert len(lines) == len(REFUSED) + 2, out.stderr
    assert all("accepted" in ln or "gone.txt" in ln for ln in lines)
    assert any("gone.txt" in ln and "no such file" in ln for ln in lines)
    assert any("huge.txt" in ln and "413" in ln for ln in lines)
    after = documents(server)
    assert "remote-good" in after
    assert {k: v for k, v in after.items() if k != "remote-good"} == before


def test_writes_need_the_token(server: Server) -> None:
    assert upload(server, "anon.txt", GOOD_MINUTES.encode(), token=None).status_code == 401
    assert upload(server, "anon.txt", GOOD_MINUTES.encode(), token="wrong").status_code == 401
    out = kg("ingest", "--server", server.url, "x.txt", store="unused", env={})
    assert out.returncode == 2 and "KG_WRITE_TOKEN" in out.stderr
