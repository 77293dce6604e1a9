"""``/documents``: list, upload (ingest) and remove minutes documents through the server.

The embedded store is opened by one process at a time, so the running server is
the single writer: ``POST /documents`` runs the extraction in a subprocess
(``python -m ingest.worker``; the API never imports spaCy or ``ingest``), reads back
the document's quads as N-Quads and replaces the document's named graph in one
transaction. Queries keep being answered meanwhile; they see the document whole
or not at all.

Writes need ``Authorization: Bearer <token>`` where the token is the operator's
``KG_WRITE_TOKEN``; with no token configured, writes are off.
"""

from __future__ import annotations

import hmac
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.types import Message

from api.deps import SettingsDep, StoreDep, generation, refresh_indexes
from api.models import DeletedOut, DocumentOut, DocumentsOut, IngestedOut
from api.settings import Settings
from graph.errors import CurationError
from graph.identity import curation_path
from graph.sources import folder_of, keep, tidy
from graph.timeline import TimeIndex, derive, undone_links
from ontology import SPARQL_PREFIXES
from ontology.ids import document_id, document_id_of_graph, graph_iri

__all__ = ["router", "DOCUMENT_ID_PATTERN"]

router = APIRouter(tags=["documents"])

#: what a document id looks like (the slug of a file name, see ``ontology.ids.slug``)
DOCUMENT_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,119}$"
#: room for the multipart envelope around an uploaded file
_MULTIPART_SLACK = 64 * 1024
_EXIT_BAD_INPUT = 2
_LOCK_GUARD = threading.Lock()

DOCUMENTS_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT ?g ?path ?title ?ingested ?n WHERE {
  { SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g }
  OPTIONAL {
    GRAPH ?g { ?doc a mkg:SourceDocument ; mkg:path ?path .
               OPTIONAL { ?doc dcterms:title ?title }
               OPTIONAL { ?doc prov:generatedAtTime ?ingested } }
  }
} ORDER BY ?g
"""
)

#: one document: its triple count and its source description (``?g`` bound)
_ONE_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
_ONE_DETAILS = (
    SPARQL_PREFIXES
    + """
SELECT ?path ?title ?ingested WHERE {
  GRAPH ?g { ?doc a mkg:SourceDocument ; mkg:path ?path .
             OPTIONAL { ?doc dcterms:title ?title }
             OPTIONAL { ?doc prov:generatedAtTime ?ingested } }
}"""
)

_UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
        "text/plain": {"schema": {"type": "string"}},
    },
}


# ------------------------------------------------------------------ helpers


def _extraction_slot(request: Request) -> threading.BoundedSemaphore:
    """The app's bound on extractions running at once (one per core)."""
    state = request.app.state
    with _LOCK_GUARD:
        slots = getattr(state, "extraction_slots", None)
        if slots is None:
            slots = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))
            state.extraction_slots = slots
    return slots


def _writer_lock(request: Request) -> threading.Lock:
    """One write (the store's replace of a document's graph) at a time per app."""
    state = request.app.state
    with _LOCK_GUARD:
        lock = getattr(state, "documents_lock", None)
        if lock is None:
            lock = threading.Lock()
            state.documents_lock = lock
    return lock


def _authorise(request: Request, settings: Settings) -> None:
    """403 when writes are off, 401 without the right bearer token."""
    if not settings.write_token:
        raise HTTPException(
            status_code=403,
            detail="writes are off on this server: start it with KG_WRITE_TOKEN=<secret> "
            "to enable POST/DELETE /documents, and send 'Authorization: Bearer <secret>'",
        )
    failures = getattr(request.app.state, "failed_tokens", None)
    client = request.client.host if request.client else ""
    wait = failures.wait(client) if failures is not None else 0.0
    if wait > 0:
        raise HTTPException(
            status_code=429,
            detail=f"too many failed write tokens from this address; try again in {wait:.0f} s",
            headers={"Retry-After": str(max(1, round(wait)))},
        )
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode("utf-8"), settings.write_token.encode("utf-8")
    ):
        if failures is not None:
            failures.failed(client)
        raise HTTPException(
            status_code=401,
            detail="a write needs 'Authorization: Bearer <token>' with the server's KG_WRITE_TOKEN",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if failures is not None:
        failures.succeeded(client)


def _too_large(limit: int) -> HTTPException:
    return HTTPException(
        status_code=413,
        detail=f"the upload is over the limit of {limit} bytes (KG_MAX_UPLOAD_BYTES); "
        "accepted: one minutes file (text, markdown or HTML) per request",
    )


async def _read_capped(request: Request, cap: int, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``cap`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _safe_name(raw: str | None) -> str:
    """The base name of an uploaded file, or 400 when there is none to make an id from."""
    name = PurePosixPath((raw or "").replace("\\", "/")).name.strip()
    if not name or name in {".", ".."} or "\x00" in name or len(name) > 255:
        raise HTTPException(
            status_code=400,
            detail="give the file's name: a multipart field 'file' with a filename, or "
            "?filename=NAME.txt with the file as the raw body (text, markdown or HTML)",
        )
    return name


async def _upload(request: Request, limit: int) -> tuple[str, bytes]:
    """``(file name, content)`` from a multipart upload or a raw body with ``?filename=``."""
    body = await _read_capped(request, limit + _MULTIPART_SLACK, limit)
    ctype = request.headers.get("content-type", "")
    if ctype.lower().startswith("multipart/form-data"):
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        try:
            form = await Request(request.scope, replay).form(max_files=1, max_fields=10)
        except Exception as exc:  # malformed multipart
            raise HTTPException(status_code=400, detail=f"cannot read the upload: {exc}") from exc
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise HTTPException(
                status_code=400,
                detail="a multipart upload needs one field 'file' holding the minutes file",
            )
        name = _safe_name(upload.filename)
        data = await upload.read()
        await form.close()
    else:
        name = _safe_name(request.query_params.get("filename"))
        data = body
    if len(data) > limit:
        raise _too_large(limit)
    return name, data


def _extract(name: str, data: bytes, timeout: float, references: Sequence[str] = ()) -> bytes:
    """Run ``python -m ingest.worker`` on the upload; its N-Quads, or an HTTP error.

    The extraction reads the upload and the server's reference files only, never the
    store: the same file gives the same graph whatever was ingested before it."""
    with tempfile.TemporaryDirectory(prefix="kg-upload-") as tmp:
        (Path(tmp) / "upload").mkdir()
        path = Path(tmp) / "upload" / name  # alone in its folder: no name can collide
        path.write_bytes(data)
        command = [
            sys.executable,
            "-m",
            "ingest.worker",
            str(path),
            "--source",
            name,
            *references,
        ]
        env = {k: v for k, v in os.environ.items() if k != "KG_WRITE_TOKEN"}
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=timeout, env=env, check=False
            )
        except subprocess.TimeoutExpired:
            raise HTTPException(
                status_code=504,
                detail=f"extracting {name} took longer than {timeout:g} s (KG_INGEST_TIMEOUT); "
                "nothing was written",
            ) from None
    errors = [ln for ln in done.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    message = next((ln for ln in reversed(errors) if ln.startswith("error:")), None)
    message = message or (errors[-1] if errors else "no message")
    message = message.removeprefix("error:").strip().replace(str(path), name)
    message = message.replace(tmp, "<upload>")
    if done.returncode == _EXIT_BAD_INPUT:
        raise HTTPException(status_code=422, detail=f"{name}: {message}")
    if done.returncode != 0:
        raise HTTPException(
            status_code=500, detail=f"extraction of {name} failed; nothing was written: {message}"
        )
    return done.stdout


def _ingest(
    request: Request, store: Any, settings: Settings, name: str, data: bytes
) -> dict[str, Any]:
    doc_id = document_id(name)
    graph = graph_iri(doc_id)
    timeout = float(getattr(settings, "ingest_timeout", 300.0))
    references = [
        arg
        for option in ("directory", "glossary", "catalog")
        if getattr(settings, option, None)
        for arg in (f"--{option}", str(getattr(settings, option)))
    ]
    # extraction runs outside the writer lock (a slow upload never holds up other writes),
    # at most as many at once as the machine has cores
    with _extraction_slot(request):
        output = _extract(name, data, timeout, references)
    quads = [
        ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph))
        for q in ox.parse(output, format=ox.RdfFormat.N_QUADS)
    ]
    try:
        # identity and time links are recomputed with the curation file after the write:
        # a malformed one refuses the upload before anything is written
        undone_links(curation_path(store))
    except CurationError as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from None
    with _writer_lock(request):
        replaced = graph in store.graphs()
        folder = folder_of(store)
        if folder is not None:
            keep(folder, data)  # the meeting page shows the source, highlighted
        store.replace_graph(graph, quads)
        _rederive(request, store)
        tidy(store)
    refresh_indexes(request.app.state)  # the writer reads its write; readers never wait
    types: dict[str, int] = {}
    for q in quads:
        if q.predicate.value.endswith("#type") and isinstance(q.object, ox.NamedNode):
            local = q.object.value.rsplit("#", 1)[-1]
            types[local] = types.get(local, 0) + 1
    return {
        "id": doc_id,
        "graph": graph,
        "source": name,
        "triples": len(quads),
        "replaced": replaced,
        "action_items": types.get("ActionItem", 0),
        "decisions": types.get("Decision", 0),
        "statements": types.get("Statement", 0),
    }


def _documents(store: Any) -> list[dict[str, Any]]:
    out = []
    for row in store.select(DOCUMENTS_QUERY):
        doc_id = document_id_of_graph(row["g"].value)
        if doc_id is None:
            continue
        out.append(
            {
                "id": doc_id,
                "graph": row["g"].value,
                "source": row["path"].value if "path" in row else None,
                "title": row["title"].value if "title" in row else None,
                "ingested": row["ingested"].value if "ingested" in row else None,
                "triples": int(row["n"].value),
            }
        )
    return out


DocumentId = Annotated[
    str, PathParam(pattern=DOCUMENT_ID_PATTERN, max_length=120, description="a document id")
]


def _rederive(request: Request, store: Any) -> None:
    """After a write (under the writer lock): recompute the derived time graph from every
    document, bump the generation, and keep the computed links as the new time index."""
    from graph.identity import resolve

    # who is who across documents, recomputed from every document; then the time links,
    # read through those canonical nodes
    canonical = resolve(store).canonical()
    derived = derive(store, canonical=canonical)
    state = request.app.state
    state.generation = getattr(state, "generation", 0) + 1
    state.timeline = TimeIndex.of(store, derived)
    state.timeline_generation = state.generation


# ------------------------------------------------------------------ routes


@router.get(
    "/documents",
    response_model=DocumentsOut,
    summary="The ingested documents, with their triple counts",
)
def list_documents(request: Request, store: StoreDep) -> dict[str, Any]:
    # counting every graph's triples takes a while on a big store: the listing is kept
    # until the next write through this server
    state = request.app.state
    cached = getattr(state, "documents_listing", None)
    if cached is None or cached[0] != generation(request):
        cached = (generation(request), _documents(store))
        state.documents_listing = cached
    return {"documents": cached[1]}


@router.get("/documents/{doc_id}", response_model=DocumentOut, summary="One ingested document")
def get_document(store: StoreDep, doc_id: DocumentId) -> dict[str, Any]:
    graph = ox.NamedNode(graph_iri(doc_id))
    details = store.select(_ONE_DETAILS, {"g": graph})
    count = int(store.select(_ONE_COUNT, {"g": graph})[0]["n"].value)
    if not count:
        raise HTTPException(status_code=404, detail=f"no document {doc_id!r} in the store")
    row = details[0] if details else {}
    return {
        "id": doc_id,
        "graph": graph.value,
        "source": row["path"].value if "path" in row else None,
        "title": row["title"].value if "title" in row else None,
        "ingested": row["ingested"].value if "ingested" in row else None,
        "triples": count,
    }


@router.post(
    "/documents",
    response_model=IngestedOut,
    status_code=201,
    summary="Ingest one minutes file (needs the write token)",
    description="Send the file as multipart field `file`, or as the raw body with "
    "`?filename=NAME.txt`. The document's graph is replaced whole, in one transaction. "
    "Needs `Authorization: Bearer <KG_WRITE_TOKEN>`.",
    openapi_extra={
        "requestBody": _UPLOAD_BODY,
        "parameters": [
            {
                "name": "filename",
                "in": "query",
                "required": False,
                "schema": {"type": "string", "maxLength": 255},
                "description": "the file's name, when the body is the raw file",
            }
        ],
    },
)
async def post_document(request: Request, store: StoreDep, settings: SettingsDep) -> dict[str, Any]:
    _authorise(request, settings)
    name, data = await _upload(request, settings.max_upload_bytes)
    return await run_in_threadpool(_ingest, request, store, settings, name, data)


@router.delete(
    "/documents/{doc_id}",
    response_model=DeletedOut,
    summary="Remove one document (needs the write token)",
)
def delete_document(
    request: Request, store: StoreDep, settings: SettingsDep, doc_id: DocumentId
) -> dict[str, Any]:
    _authorise(request, settings)
    with _writer_lock(request):
        if not store.remove_graph(graph_iri(doc_id)):
            raise HTTPException(status_code=404, detail=f"no document {doc_id!r} in the store")
        _rederive(request, store)
        tidy(store)
    refresh_indexes(request.app.state)
    return {"deleted": doc_id}
