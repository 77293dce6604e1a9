"""FastAPI dependencies: the store, settings and in-memory indexes, injected (no globals).

The name, text and ownership indexes are built from the store on first use and rebuilt
when ``app.state.generation`` changes (the documents router bumps it on every write).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request

from api.query_runner import QueryRunner
from api.settings import Settings
from graph.names import NameIndex
from graph.ownership import OwnershipIndex
from graph.search import TextIndex

__all__ = [
    "get_store",
    "get_settings",
    "get_names",
    "get_text_index",
    "get_ownership",
    "get_runner",
    "generation",
    "StoreDep",
    "SettingsDep",
    "NamesDep",
    "TextIndexDep",
    "OwnershipDep",
    "RunnerDep",
]

_BUILD_LOCK = threading.Lock()


def get_store(request: Request) -> Any:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    settings: Settings | None = getattr(request.app.state, "settings", None)
    return settings or Settings()


def generation(request: Request) -> int:
    """How many times the store has been written through this app."""
    return int(getattr(request.app.state, "generation", 0))


def _current(request: Request, attr: str, build: Callable[[Any], Any]) -> Any:
    """``app.state.<attr>``, rebuilt by ``build(store)`` after the store has changed."""
    state = request.app.state
    current = generation(request)
    if getattr(state, attr, None) is None or getattr(state, f"{attr}_generation", -1) != current:
        setattr(state, attr, build(state.store))
        setattr(state, f"{attr}_generation", current)
    return getattr(state, attr)


def get_names(request: Request) -> NameIndex:
    """The name index, rebuilt when the store has changed since it was built."""
    names: NameIndex = _current(request, "names", NameIndex.from_store)
    return names


def get_text_index(request: Request) -> TextIndex:
    """The text index behind ``q=``, rebuilt when the store has changed."""
    text_index: TextIndex = _current(request, "text_index", TextIndex.from_store)
    return text_index


def get_ownership(request: Request) -> OwnershipIndex:
    """Every thing's ownership claims (behind ``/owners``), rebuilt when the store has changed."""
    ownership: OwnershipIndex = _current(request, "ownership", OwnershipIndex.from_store)
    return ownership


def get_runner(request: Request) -> QueryRunner:
    """The bounded SPARQL runner of this app (made on first use, from the settings)."""
    state = request.app.state
    runner: QueryRunner | None = getattr(state, "sparql_runner", None)
    if runner is None:
        with _BUILD_LOCK:
            runner = getattr(state, "sparql_runner", None)
            if runner is None:
                settings = get_settings(request)
                runner = QueryRunner(
                    state.store,
                    timeout=settings.query_timeout,
                    max_results=settings.max_results,
                    allow_service=settings.allow_service,
                )
                state.sparql_runner = runner
    return runner


StoreDep = Annotated[Any, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
NamesDep = Annotated[NameIndex, Depends(get_names)]
TextIndexDep = Annotated[TextIndex, Depends(get_text_index)]
OwnershipDep = Annotated[OwnershipIndex, Depends(get_ownership)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]
