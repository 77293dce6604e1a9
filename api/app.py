"""``create_app(store, settings)``: the FastAPI application over a ``KnowledgeStore``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.routers import documents, owners
from api.settings import Settings
from graph.errors import AmbiguousEntity, EntityNotFound, QueryError, StoreError

__all__ = ["create_app"]


def create_app(store: Any, settings: Settings | None = None) -> FastAPI:
    """Build the app; ``store`` is injected into every handler, nothing is global."""
    app = FastAPI(
        title="minutes-kg",
        description="Meeting minutes as a knowledge graph: who owns what, what depends on "
        "what, what was decided, and who was assigned what, with the sentences that say so.",
        version="0.1.0",
    )
    app.state.store = store
    app.state.settings = settings or Settings()
    app.state.names = None
    app.state.names_generation = -1
    app.state.generation = 0

    @app.exception_handler(EntityNotFound)
    def _not_found(request: Request, exc: EntityNotFound) -> JSONResponse:
        return JSONResponse(
            status_code=404, content={"detail": str(exc), "suggestions": exc.suggestions}
        )

    @app.exception_handler(AmbiguousEntity)
    def _ambiguous(request: Request, exc: AmbiguousEntity) -> JSONResponse:
        return JSONResponse(
            status_code=409, content={"detail": str(exc), "candidates": exc.candidates}
        )

    @app.exception_handler(QueryError)
    def _bad_query(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(exc)})

    @app.exception_handler(StoreError)
    def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.get("/healthz", tags=["service"], summary="Liveness and store size")
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "documents": len(store.graphs())}

    app.include_router(owners.router)
    app.include_router(documents.router)
    return app
