"""``GET /actions``: action items by text, assignee, ticket, status and meeting."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from api.deps import NamesDep, StoreDep, get_text_index
from graph.outcomes import actions

__all__ = ["router"]

router = APIRouter(tags=["questions"])


@router.get("/actions", summary="Action items; with q=, best text match first")
def get_actions(
    request: Request,
    store: StoreDep,
    names: NamesDep,
    q: Annotated[str | None, Query(max_length=300, description="words of the text")] = None,
    assignee: Annotated[str | None, Query(max_length=300, description="a person or team")] = None,
    ticket: Annotated[str | None, Query(max_length=300, description="a ticket key")] = None,
    status: Annotated[Literal["done", "open", "unknown"] | None, Query()] = None,
    meeting: Annotated[
        str | None, Query(max_length=300, description="document id, date or title of a meeting")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    found = actions(
        store,
        q=q,
        assignee=assignee,
        ticket=ticket,
        status=status,
        meeting=meeting,
        names=names,
        text_index=get_text_index(request) if q and q.strip() else None,
        limit=limit,
    )
    return {"count": len(found), "actions": [a.to_dict() for a in found]}
