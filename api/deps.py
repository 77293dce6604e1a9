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
from graph.timeline import TimeIndex

__all__ = [
    "INDEX_BUILDERS",
    "refresh_indexes",
    "get_store",
    "get_settings",
    "get_names",
    "get_text_index",
    "get_ownership",
    "get_timeline",
    "get_runner",
    "generation",
    "StoreDep",
    "SettingsDep",
    "NamesDep",
    "TextIndexDep",
    "OwnershipDep",
    "TimelineDep",
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


def _build_lock(attr: str) -> threading.Lock:
    with _BUILD_LOCK:
        return _INDEX_LOCKS.setdefault(attr, threading.Lock())


def _rebuild(state: Any, attr: str, build: Callable[[Any], Any]) -> Any:
    """Build ``attr`` for the store as it is now and swap it in; one build at a time."""
    with _build_lock(attr):
        current = int(getattr(state, "generation", 0))
        if getattr(state, f"{attr}_generation", -1) == current:
            return getattr(state, attr)
        index = build(state.store)
        setattr(state, attr, index)  # readers switch to it in one assignment
        setattr(state, f"{attr}_generation", current)
        return index


def _current(request: Request, attr: str, build: Callable[[Any], Any]) -> Any:
    """``app.state.<attr>``, rebuilt by ``build(store)`` after the store has changed.

    Writes never stall reads: when the store changed since the index was built, this
    request still answers from the index it has while one background thread builds the
    new one and swaps it in. Only the very first build (nothing to answer from yet) is
    waited for, by one request; others asking meanwhile wait for that build.
    """
    index = _fresh(request, attr)
    if index is not None:
        return index
    state = request.app.state
    stale = getattr(state, attr, None)
    if stale is None:
        return _rebuild(state, attr, build)
    if not _build_lock(attr).locked():
        threading.Thread(
            target=_rebuild, args=(state, attr, build), name=f"rebuild-{attr}", daemon=True
        ).start()
    return stale


INDEX_BUILDERS: dict[str, Callable[[Any], Any]] = {
    "names": NameIndex.from_store,
    "text_index": TextIndex.from_store,
    "ownership": OwnershipIndex.from_store,
    "timeline": TimeIndex.from_store,
}
"""The server's in-memory indexes and how each is built from the store."""


def refresh_indexes(state: Any) -> None:
    """Rebuild every index for the store as it is now (a writer calls this after its
    write, so it reads what it wrote; readers keep answering from the old indexes while
    it runs)."""
    for attr, build in INDEX_BUILDERS.items():
        if getattr(state, attr, None) is not None:
            _rebuild(state, attr, build)


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


async def get_timeline(request: Request) -> TimeIndex:
    """Claim periods, action threads and supersessions (graph/timeline.py), rebuilt after writes."""
    timeline: TimeIndex = await _dependency(request, "timeline", TimeIndex.from_store)
    return timeline


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
TimelineDep = Annotated[TimeIndex, Depends(get_timeline)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]
