"""``GET /actions``: action items by text, assignee, ticket, status and meeting;
``GET /actions/{id}``: one action's history across meetings."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response

from api.deps import NamesDep, StoreDep, TimelineDep, get_text_index
from api.models import ActionHistoryOut, ActionsOut
from graph.outcomes import actions
from graph.timeline import action_history, today

__all__ = ["router"]

router = APIRouter(tags=["questions"])


@router.get(
    "/actions", response_model=ActionsOut, summary="Action items; with q=, best text match first"
)
def get_actions(
    request: Request,
    store: StoreDep,
    names: NamesDep,
    timeline: TimelineDep,
    q: Annotated[str | None, Query(max_length=300, description="words of the text")] = None,
    assignee: Annotated[str | None, Query(max_length=300, description="a person or team")] = None,
    ticket: Annotated[str | None, Query(max_length=300, description="a ticket key")] = None,
    status: Annotated[
        Literal["done", "open", "unknown"] | None,
        Query(
            description="done or open: each action's latest state across meetings (listed "
            "once, by its latest mention); unknown: items whose minutes say nothing"
        ),
    ] = None,
    overdue: Annotated[
        bool, Query(description="only open actions past their due date (as of as_of, or today)")
    ] = False,
    as_of: Annotated[
        date | None, Query(description="ISO date: the state of each action on that day")
    ] = None,
    meeting: Annotated[
        str | None, Query(max_length=300, description="document id, date or title of a meeting")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    # answers of the same question are kept with the time index they came from (it is
    # rebuilt after every write, so a kept answer is never stale); today's date is part
    # of the key because "overdue" depends on it
    key = (q, assignee, ticket, status, overdue, as_of, meeting, limit, today())
    kept = timeline.answers.get(key)
    if kept is not None:
        return Response(kept, media_type="application/json")
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
        timeline=timeline,
        overdue=overdue,
        as_of=as_of.isoformat() if as_of else None,
    )
    body = {"count": len(found), "actions": [a.to_dict() for a in found]}
    # plain JSON types already: written at once, not walked again by FastAPI's encoder
    text = json.dumps(body, ensure_ascii=False)
    timeline.keep_answer(key, text)
    return Response(text, media_type="application/json")


@router.get(
    "/actions/{action_id:path}",
    response_model=ActionHistoryOut,
    summary="One action across meetings: its history",
)
def get_action(
    store: StoreDep,
    timeline: TimelineDep,
    action_id: Annotated[
        str,
        Path(
            min_length=1,
            max_length=500,
            description="the history id of /actions, or an action item's IRI or "
            "'document/number' id",
        ),
    ],
) -> dict[str, Any]:
    found = action_history(store, timeline, action_id)
    if found is None:
        raise HTTPException(
            status_code=404,
            detail=f"no action {action_id!r}: use the history id or item id that /actions gives",
        )
    return found
