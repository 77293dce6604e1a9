"""``GET /dependencies?of=X&direction=out|in&depth=N``: what X depends on, or what depends on X."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from api.deps import NamesDep, StoreDep
from api.models import DependenciesOut
from graph.queries import DEFAULT_EVIDENCE_LIMIT, dependencies

__all__ = ["router"]

router = APIRouter(tags=["questions"])


@router.get(
    "/dependencies",
    response_model=DependenciesOut,
    summary="What X depends on (out) or what depends on X (in), transitively to a depth",
)
def get_dependencies(
    store: StoreDep,
    names: NamesDep,
    of: Annotated[str, Query(min_length=1, max_length=300, description="a name or alias")],
    direction: Annotated[
        Literal["out", "in"], Query(description="out: what X depends on; in: what depends on X")
    ] = "out",
    depth: Annotated[int, Query(ge=0, le=100, description="hops to follow; 0 = all")] = 1,
    evidence_limit: Annotated[
        int,
        Query(
            ge=0,
            le=10_000,
            description="quotes per dependency, newest first; 0 for every "
            "one (evidence_count says how many there are)",
        ),
    ] = DEFAULT_EVIDENCE_LIMIT,
) -> dict[str, Any]:
    return dependencies(
        store, of, direction=direction, depth=depth, index=names, evidence_limit=evidence_limit
    ).to_dict()
