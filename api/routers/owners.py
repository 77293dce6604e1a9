"""``GET /owners?of=X[&as_of=YYYY-MM-DD]``: who owns X (on a day), with the sentences saying so."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import NamesDep, OwnershipDep, StoreDep, TimelineDep
from api.models import OwnersOut
from graph.queries import DEFAULT_EVIDENCE_LIMIT, owners

router = APIRouter(tags=["questions"])


@router.get(
    "/owners",
    response_model=OwnersOut,
    summary="Who owns X (people and teams responsible, leads, assignees)",
)
def get_owners(
    store: StoreDep,
    names: NamesDep,
    ownership: OwnershipDep,
    timeline: TimelineDep,
    of: str = Query(..., min_length=1, max_length=300, description="a name or alias"),
    evidence_limit: int = Query(
        DEFAULT_EVIDENCE_LIMIT,
        ge=0,
        le=10_000,
        description="quotes per owner, newest first; 0 for every one "
        "(evidence_count says how many there are)",
    ),
    as_of: Annotated[
        date | None,
        Query(
            description="ISO date: the owners whose claim held that day (default: now); "
            "owners a later handover replaced by then are listed apart as `superseded`",
        ),
    ] = None,
) -> dict[str, Any]:
    return owners(
        store,
        of,
        names,
        evidence_limit=evidence_limit,
        ownership=ownership,
        as_of=as_of.isoformat() if as_of else None,
        timeline=timeline,
    ).to_dict()
