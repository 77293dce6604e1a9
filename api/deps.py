"""FastAPI dependencies: the store, settings and in-memory indexes, injected (no globals).

The name, text and ownership indexes are built from the store on first use and rebuilt
when ``app.state.generation`` changes (the documents router bumps it on every write).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from api.query_runner import QueryRunner
from api.settings import Settings
from graph.claims import OwnershipIndex
from graph.names import NameIndex
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


async def get_store(request: Request) -> Any:
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    settings: Settings | None = getattr(request.app.state, "settings", None)
    return settings or Settings()


def generation(request: Request) -> int:
    """How many times the store has been written through this app."""
    return int(getattr(request.app.state, "generation", 0))


def _fresh(request: Request, attr: str) -> Any:
    """``app.state.<attr>`` if it was built at the store's current generation, else None."""
    state = request.app.state
    if getattr(state, f"{attr}_generation", -1) != generation(request):
        return None
    return getattr(state, attr, None)


_INDEX_LOCKS: dict[str, threading.Lock] = {}


def _current(request: Request, attr: str, build: Callable[[Any], Any]) -> Any:
    """``app.state.<attr>``, rebuilt by ``build(store)`` after the store has changed.

    One request builds it; others asking meanwhile wait for that build, not start their own.
    """
    index = _fresh(request, attr)
    if index is not None:
        return index
    with _BUILD_LOCK:
        lock = _INDEX_LOCKS.setdefault(attr, threading.Lock())
    with lock:
        index = _fresh(request, attr)
        if index is None:
            state = request.app.state
            current = generation(request)
            index = build(state.store)
            setattr(state, attr, index)
            setattr(state, f"{attr}_generation", current)
    return index


async def _dependency(request: Request, attr: str, build: Callable[[Any], Any]) -> Any:
    """:func:`_current` for a dependency: no worker thread unless the index must be built.

    (FastAPI runs a plain ``def`` dependency in the thread pool on every request; these
    are looked up on every question, and the hop costs more than the lookup.)
    """
    index = _fresh(request, attr)
    if index is None:
        index = await run_in_threadpool(_current, request, attr, build)
    return index


async def get_names(request: Request) -> NameIndex:
    """The name index, rebuilt when the store has changed since it was built."""
    names: NameIndex = await _dependency(request, "names", NameIndex.from_store)
    return names


def get_text_index(request: Request) -> TextIndex:
    """The text index behind ``q=`` (call from a handler's thread), rebuilt after writes."""
    text_index: TextIndex = _current(request, "text_index", TextIndex.from_store)
    return text_index


async def get_ownership(request: Request) -> OwnershipIndex:
    """Every thing's ownership claims (behind ``/owners``), rebuilt when the store has changed."""
    ownership: OwnershipIndex = await _dependency(request, "ownership", OwnershipIndex.from_store)
    return ownership


async def get_runner(request: Request) -> QueryRunner:
    """The bounded SPARQL runner of this app (made on first use, from the settings)."""
    state = request.app.state
    runner: QueryRunner | None = getattr(state, "sparql_runner", None)
    if runner is None:
        with _BUILD_LOCK:
            runner = getattr(state, "sparql_runner", None)
            if runner is None:
                settings = getattr(state, "settings", None) or Settings()
                runner = QueryRunner(
                    state.store,
                    timeout=settings.query_timeout,
                    max_results=settings.max_results,
                    allow_service=settings.allow_service,
                    slots=settings.query_slots,
                    memory_mb=settings.query_memory_mb,
                    generation=lambda: int(getattr(state, "generation", 0)),
                )
                state.sparql_runner = runner
    return runner


StoreDep = Annotated[Any, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
NamesDep = Annotated[NameIndex, Depends(get_names)]
TextIndexDep = Annotated[TextIndex, Depends(get_text_index)]
OwnershipDep = Annotated[OwnershipIndex, Depends(get_ownership)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]
