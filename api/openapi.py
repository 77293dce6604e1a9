"""The OpenAPI document, completed: the error responses every operation can give, the
bearer scheme that guards writes, and the media types ``/sparql`` answers in.

FastAPI documents only a 200 and a 422; the handlers of :mod:`api.app` also answer
400 (bad query or value), 404 (no such entity), 409 (a name that means several
entities), 503 (store or query slots unavailable) and more. Every error body is
``{"detail": ...}`` (:data:`ERROR_SCHEMA`).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

__all__ = ["install"]

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {"description": "what was wrong, in one sentence (or the invalid fields)"},
        "candidates": {"type": "array", "items": {"type": "object"}},
        "suggestions": {"type": "array", "items": {"type": "object"}},
        "accepted": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["detail"],
}

#: what every operation may answer besides its own responses
_COMMON = {
    "400": "bad parameter, value or query",
    "404": "no entity, document or page by that name",
    "409": "the name means several entities: the candidates are listed",
    "503": "the store or every query slot is busy, or a query ran past its time limit",
}
#: what some operations answer, by (method, path prefix)
_SPECIFIC: dict[tuple[str, str], dict[str, str]] = {
    ("post", "/documents"): {
        "401": "no or wrong write token",
        "403": "writes are off (no KG_WRITE_TOKEN on the server)",
        "413": "the document is over KG_MAX_UPLOAD_BYTES",
        "415": "not a text document",
        "429": "too many failed write tokens from this address",
        "504": "extraction ran past KG_INGEST_TIMEOUT",
    },
    ("delete", "/documents"): {
        "401": "no or wrong write token",
        "403": "writes are off (no KG_WRITE_TOKEN on the server)",
        "429": "too many failed write tokens from this address",
    },
    ("post", "/identity"): {
        "401": "no or wrong write token",
        "403": "writes are off (no KG_WRITE_TOKEN on the server)",
        "429": "too many failed write tokens from this address",
    },
    ("get", "/sparql"): {"403": "an update or SERVICE: refused", "406": "no acceptable format"},
    ("post", "/sparql"): {
        "403": "an update or SERVICE: refused",
        "406": "no acceptable format",
        "415": "the body is neither application/sparql-query nor a form",
    },
}
_SPARQL_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "text/n3",
    "text/html",
)


#: GET operations that answer a browser (Accept: text/html) with a page, and other media
#: types their 200 may have besides JSON
_OTHER_TYPES: dict[str, tuple[str, ...]] = {
    "/entities": ("text/html",),
    "/entities/{entity_id}": ("text/html",),
    "/graph": ("text/html", "application/graphml+xml", "application/gexf+xml"),
}


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` return the completed document (built once)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = complete(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    description=app.description,
                    routes=app.routes,
                )
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def complete(doc: dict[str, Any]) -> dict[str, Any]:
    components = doc.setdefault("components", {})
    components.setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    components.setdefault("securitySchemes", {})["bearer"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "the server's KG_WRITE_TOKEN; needed for writes (documents, identity)",
    }
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, item in doc.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            extra = dict(_COMMON)
            for (m, prefix), codes in _SPECIFIC.items():
                if m == method and path.startswith(prefix):
                    extra.update(codes)
            for code, why in extra.items():
                responses.setdefault(code, {"description": why, "content": error})
            if method == "get":  # a browser asking for a missing entity gets a page
                responses["404"].setdefault("content", {}).setdefault("text/html", {"schema": {}})
            if method == "get" and path in _OTHER_TYPES:
                ok = responses.setdefault("200", {"description": "the answer"})
                content = ok.setdefault("content", {})
                for media in _OTHER_TYPES[path]:
                    content.setdefault(media, {"schema": {"type": "string"}})
            if method in ("post", "delete") and path.startswith(("/documents", "/identity")):
                operation["security"] = [{"bearer": []}]
            if path == "/sparql" and method in ("get", "post", "head"):
                ok = responses.setdefault("200", {"description": "the results"})
                ok["content"] = {media: {"schema": {}} for media in _SPARQL_TYPES}
    return doc
