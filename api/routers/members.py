"""``GET /members?of=X``: the leads and members of a team or organisation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import NamesDep, StoreDep
from api.models import MembersOut
from graph.queries import DEFAULT_EVIDENCE_LIMIT, members

__all__ = ["router"]

router = APIRouter(tags=["questions"])


@router.get(
    "/members",
    response_model=MembersOut,
    summary="Who leads and who belongs to team or organisation X",
)
def get_members(
    store: StoreDep,
    names: NamesDep,
    of: Annotated[str, Query(min_length=1, max_length=300, description="a team or organisation")],
    evidence_limit: Annotated[
        int,
        Query(
            ge=0,
            le=10_000,
            description="quotes per member, newest first; 0 for every one "
            "(evidence_count says how many there are)",
        ),
    ] = DEFAULT_EVIDENCE_LIMIT,
) -> dict[str, Any]:
    return members(store, of, names, evidence_limit=evidence_limit).to_dict()
