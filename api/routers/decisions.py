"""``GET /decisions``: decisions about X, matching words, between two dates."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import NamesDep, StoreDep, TextIndexDep
from graph.outcomes import decisions

__all__ = ["router"]

router = APIRouter(tags=["questions"])


@router.get("/decisions", summary="Decisions; about=X, q= words, since/until (meeting dates)")
def get_decisions(
    store: StoreDep,
    names: NamesDep,
    text_index: TextIndexDep,
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
        text_index=text_index,
        limit=limit,
    )
    return {"count": len(found), "decisions": [d.to_dict() for d in found]}
