"""``create_app(store, settings)``: the FastAPI application over a ``KnowledgeStore``.

Every domain exception is mapped to one HTTP status here, once: an unknown name
is a 404 with suggestions, an ambiguous one a 409 with candidates, a bad query a
400, a refused query (SPARQL Update, SERVICE) a 403, a query past its time limit
or an endpoint with every query slot busy a 503, an unavailable result format a 406.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response

from api.guards import FailedTokens, SecurityHeaders
from api.models import Health
from api.pages import page, wants_html
from api.query_runner import EndpointBusy, QueryRefused, QueryTimeout
from api.result_formats import NotAcceptable
from api.routers import (
    actions,
    decisions,
    dependencies,
    docs,
    documents,
    entities,
    graph,
    home,
    identity,
    members,
    owners,
    sparql,
    web,
)
from api.settings import Settings
from graph.errors import AmbiguousEntity, EntityNotFound, QueryError, StoreError

__all__ = ["create_app"]


def _error(status: int, exc: Exception, **extra: Any) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": str(exc), **extra})


def _warm(app: FastAPI) -> None:
    """Build the name, text, ownership and time indexes before the first question needs them
    (``/owners`` reads all four: without the time index its first answer at 1M triples
    waited ~20 s after /healthz said ready, measured by bench/shared_case.py)."""
    from graph.claims import OwnershipIndex
    from graph.names import NameIndex
    from graph.search import TextIndex
    from graph.timeline import TimeIndex

    state = app.state
    generation = state.generation
    builders = {
        "names": NameIndex,
        "text_index": TextIndex,
        "ownership": OwnershipIndex,
        "timeline": TimeIndex,
    }
    try:
        built = {attr: kind.from_store(state.store) for attr, kind in builders.items()}
    except Exception:  # noqa: BLE001 - the first request builds them (and reports) instead
        state.warm = True
        return
    if state.generation == generation:
        for attr, index in built.items():
            if getattr(state, attr, None) is None:
                setattr(state, attr, index)
                setattr(state, f"{attr}_generation", generation)
    state.warm = True


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    threading.Thread(target=_warm, args=(app,), name="warm-indexes", daemon=True).start()
    yield
    runner = getattr(app.state, "sparql_runner", None)
    if runner is not None:  # the SPARQL worker processes end with the server
        runner.close()


def create_app(store: Any, settings: Settings | None = None) -> FastAPI:
    """Build the app; ``store`` is injected into every handler, nothing is global."""
    app = FastAPI(
        lifespan=_lifespan,
        docs_url=None,  # served offline by api.routers.docs
        redoc_url=None,
        title="minutes-kg",
        description="Meeting minutes as a knowledge graph: who owns what, what depends on "
        "what, what was decided, and who was assigned what, with the sentences that say so.",
        version="0.1.0",
    )
    settings = settings or Settings()
    app.state.store = store
    app.state.settings = settings
    app.state.names = None
    app.state.names_generation = -1
    app.state.text_index = None
    app.state.text_index_generation = -1
    app.state.ownership = None
    app.state.ownership_generation = -1
    app.state.warm = False
    app.state.generation = 0
    app.state.layouts = {}

    app.add_middleware(SecurityHeaders)
    app.state.failed_tokens = FailedTokens()
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "HEAD", "POST"],
            allow_headers=["Accept", "Content-Type", "Authorization"],
            expose_headers=["X-Result-Truncated", "Warning"],
        )

    @app.exception_handler(EntityNotFound)
    def _not_found(request: Request, exc: EntityNotFound) -> Response:
        if wants_html(request):
            return page(
                "error.html",
                404,
                heading="Not found",
                message=str(exc),
                choices=exc.suggestions,
                choices_label="The nearest names:",
            )
        return _error(404, exc, suggestions=exc.suggestions)

    @app.exception_handler(AmbiguousEntity)
    def _ambiguous(request: Request, exc: AmbiguousEntity) -> Response:
        if wants_html(request):
            return page(
                "error.html",
                409,
                heading="Which one?",
                message=str(exc),
                choices=exc.candidates,
                choices_label="Pick one:",
            )
        return _error(409, exc, candidates=exc.candidates)

    @app.exception_handler(QueryRefused)
    def _refused(request: Request, exc: QueryRefused) -> JSONResponse:
        return _error(403, exc)

    @app.exception_handler(QueryTimeout)
    def _timeout(request: Request, exc: QueryTimeout) -> JSONResponse:
        return _error(503, exc)

    @app.exception_handler(EndpointBusy)
    def _busy(request: Request, exc: EndpointBusy) -> JSONResponse:
        return JSONResponse(
            status_code=503, content={"detail": str(exc)}, headers={"Retry-After": "5"}
        )

    @app.exception_handler(QueryError)
    def _bad_query(request: Request, exc: QueryError) -> JSONResponse:
        return _error(400, exc)

    @app.exception_handler(NotAcceptable)
    def _not_acceptable(request: Request, exc: NotAcceptable) -> JSONResponse:
        return _error(406, exc, accepted=exc.accepted)

    @app.exception_handler(ValueError)
    def _bad_value(request: Request, exc: ValueError) -> JSONResponse:
        return _error(400, exc)

    @app.exception_handler(StoreError)
    def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        return _error(503, exc)

    @app.get(
        "/healthz",
        response_model=Health,
        tags=["service"],
        summary="Liveness, store size, index readiness",
    )
    def healthz() -> dict[str, Any]:
        # the document count is kept per store generation: listing thousands of graphs
        # on every probe would make the liveness check the slowest call of the server
        state = app.state
        cached = getattr(state, "documents_count", None)
        if cached is None or cached[0] != state.generation:
            cached = (state.generation, len(store.graphs()))
            state.documents_count = cached
        return {
            "status": "ok",
            "documents": cached[1],
            "indexes": "ready" if state.warm else "building",
        }

    for module in (
        home,
        owners,
        dependencies,
        members,
        actions,
        decisions,
        entities,
        graph,
        sparql,
        documents,
        identity,
        web,
    ):
        app.include_router(module.router)
    docs.mount(app)
    web.mount_static(app)
    from api.openapi import install

    install(app)
    return app
