"""FastAPI dependencies: the store and settings, injected (no module-level globals)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from api.settings import Settings
from graph.names import NameIndex

__all__ = ["get_store", "get_settings", "get_names", "StoreDep", "SettingsDep", "NamesDep"]


def get_store(request: Request) -> Any:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_names(request: Request) -> NameIndex:
    """The name index, rebuilt when the store has changed since it was built."""
    state = request.app.state
    generation = getattr(state, "generation", 0)
    if state.names is None or state.names_generation != generation:
        state.names = NameIndex.from_store(state.store)
        state.names_generation = generation
    names: NameIndex = state.names
    return names


StoreDep = Annotated[Any, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
NamesDep = Annotated[NameIndex, Depends(get_names)]
