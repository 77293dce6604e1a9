"""FastAPI dependencies: the store, settings and in-memory indexes, injected (no globals).

The name index and the text index are built from the store on first use and rebuilt
when ``app.state.generation`` changes (the documents router bumps it on every write).
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import Depends, Request

from api.query_runner import QueryRunner
from api.settings import Settings
from graph.names import NameIndex
from graph.search import TextIndex

__all__ = [
    "get_store",
    "get_settings",
    "get_names",
    "get_text_index",
    "get_runner",
    "generation",
    "StoreDep",
    "SettingsDep",
    "NamesDep",
    "TextIndexDep",
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


def get_names(request: Request) -> NameIndex:
    """The name index, rebuilt when the store has changed since it was built."""
    state = request.app.state
    current = generation(request)
    if getattr(state, "names", None) is None or state.names_generation != current:
        names = NameIndex.from_store(state.store)
        state.names, state.names_generation = names, current
    names_now: NameIndex = state.names
    return names_now


def get_text_index(request: Request) -> TextIndex:
    """The text index behind ``q=``, rebuilt when the store has changed."""
    state = request.app.state
    current = generation(request)
    if getattr(state, "text_index", None) is None or state.text_generation != current:
        index = TextIndex.from_store(state.store)
        state.text_index, state.text_generation = index, current
    text_index: TextIndex = state.text_index
    return text_index


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
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]
