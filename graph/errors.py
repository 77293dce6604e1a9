"""The small exception hierarchy of ``graph/`` (the API maps each to one HTTP status)."""

from __future__ import annotations

__all__ = [
    "GraphError",
    "StoreError",
    "StoreLockedError",
    "StoreMissingError",
    "QueryError",
    "EntityNotFound",
    "AmbiguousEntity",
]


class GraphError(Exception):
    """Base class of every error raised by ``graph/``."""


class StoreError(GraphError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """The on-disk store is held by another process."""


class StoreMissingError(StoreError):
    """A read command named a folder that holds no store (nothing is created)."""


class QueryError(GraphError):
    """A SPARQL query is invalid or not allowed."""


class EntityNotFound(GraphError):
    """No entity has that name; ``suggestions`` are the nearest names."""

    def __init__(self, name: str, suggestions: list[dict[str, str]] | None = None):
        self.name = name
        self.suggestions = suggestions or []
        hint = ""
        if self.suggestions:
            hint = "; did you mean " + ", ".join(repr(s["name"]) for s in self.suggestions) + "?"
        super().__init__(f"no entity named {name!r}{hint}")


class AmbiguousEntity(GraphError):
    """Several entities fit the name equally well; ``candidates`` lists them."""

    def __init__(self, name: str, candidates: list[dict[str, str]]):
        self.name = name
        self.candidates = candidates
        listed = ", ".join(f"{c['name']} ({c['type']})" for c in candidates)
        super().__init__(f"{name!r} names several entities: {listed}")


class CurationError(GraphError, ValueError):
    """A curation file that cannot be read or says something malformed."""
