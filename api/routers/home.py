"""``GET /``: a small page linking the API, the graph and SPARQL, with an entity search box."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.pages import page

__all__ = ["router"]

router = APIRouter(tags=["service"])


@router.get("/", summary="Home page", response_class=HTMLResponse, include_in_schema=False)
def home(store: StoreDep) -> HTMLResponse:
    return page("home.html", documents=len(store.graphs()))
