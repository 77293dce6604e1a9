"""``GET /docs``: the OpenAPI page, served with Swagger UI from the installed package.

FastAPI's stock page loads Swagger UI from a CDN, which a machine without internet
cannot reach; here its files come from the ``swagger-ui-bundle-v2`` wheel (Swagger
UI 5, which reads OpenAPI 3.1), mounted at ``/static/swagger``, so the page works
offline like the rest of the API.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["mount"]

_STATIC = "/static/swagger"


def mount(app: FastAPI) -> None:
    """Serve Swagger UI's files and the ``/docs`` page on ``app`` (made with ``docs_url=None``)."""
    from swagger_ui_bundle import swagger_ui_path

    app.mount(_STATIC, StaticFiles(directory=swagger_ui_path), name="swagger")
    router = APIRouter(include_in_schema=False)

    @router.get("/docs", response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} - API docs",
            swagger_js_url=f"{_STATIC}/swagger-ui-bundle.js",
            swagger_css_url=f"{_STATIC}/swagger-ui.css",
            swagger_favicon_url=f"{_STATIC}/favicon-32x32.png",
        )

    app.include_router(router)
