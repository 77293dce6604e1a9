"""``GET /decisions``: decisions about X (the chain, current first), matching words,
between two dates."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.deps import NamesDep, StoreDep, TimelineDep, get_text_index
from api.models import DecisionsOut
from graph.outcomes import decisions

__all__ = ["router"]

router = APIRouter(tags=["questions"])


@router.get(
    "/decisions",
    response_model=DecisionsOut,
    summary="Decisions; about=X gives the chain (in force first, then what they replaced), "
    "q= words, since/until (meeting dates)",
)
def get_decisions(
    request: Request,
    store: StoreDep,
    names: NamesDep,
    timeline: TimelineDep,
    about: Annotated[str | None, Query(max_length=300, description="a name or alias")] = None,
    q: Annotated[str | None, Query(max_length=300, description="words of the decision")] = None,
    since: Annotated[date | None, Query(description="ISO date, inclusive")] = None,
    until: Annotated[date | None, Query(description="ISO date, inclusive")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    found = decisions(
        store,
        about=about,
        q=q,
        since=since,
        until=until,
        names=names,
        text_index=get_text_index(request) if q and q.strip() else None,
        limit=limit,
        timeline=timeline,
    )
    return {"count": len(found), "decisions": [d.to_dict() for d in found]}
