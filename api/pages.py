"""The few HTML pages of the API: Jinja2 with autoescaping on, so every label is text.

A handler answers HTML when the browser asks for it (``Accept`` ranks ``text/html``
above JSON) and JSON otherwise, from the same data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

__all__ = ["wants_html", "page", "entity_path", "ENTITY_BASE"]

ENTITY_BASE = "https://w3id.org/minutes-kg/id/"

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(["html"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def entity_path(iri: str) -> str:
    """The ``/entities/{id}`` path of an entity IRI (its segments after ``/id/``)."""
    if iri.startswith(ENTITY_BASE):
        return "/entities/" + quote(iri[len(ENTITY_BASE) :], safe="/")
    return "/entities/" + quote(iri, safe="")


_ENV.filters["entity_path"] = entity_path
_ENV.filters["urlquote"] = lambda text: quote(str(text), safe="")


def wants_html(request: Request) -> bool:
    """Whether the client prefers HTML to JSON (a browser, not curl or a script)."""
    if request.query_params.get("format") == "json":
        return False
    accept = request.headers.get("accept", "").lower()
    if "text/html" not in accept:
        return False
    json_at = accept.find("application/json")
    return json_at < 0 or accept.find("text/html") < json_at


def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``api/templates/{name}`` (autoescaped) as a response."""
    html = _ENV.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code)
