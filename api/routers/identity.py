"""Who is who across documents: the canonical entities with their aliases and documents
(``GET /identity/people``, ``/teams``, ``/components``) and the user's corrections
(``POST /identity/merge|split|rename``, with the write token), recorded in the curation
file and applied at once (graph/identity.py)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep, refresh_indexes
from api.models import CurationOut, IdentitiesOut
from api.routers.documents import _authorise, _writer_lock
from graph.identity import Curation, CurationError, compute, curate, curation_path
from graph.timeline import TimeIndex, derive

__all__ = ["router"]

router = APIRouter(tags=["identity"])

_KINDS = {"people": "Person", "teams": "Team", "components": "Component"}


class Decision(BaseModel):
    entity: str = Field(min_length=1, max_length=300, description="a name of the entity")
    other: str = Field(
        min_length=1,
        max_length=300,
        description="merge: the other entity; split: the alias to part; rename: the new name",
    )


@router.get(
    "/identity/{kind}",
    response_model=IdentitiesOut,
    response_model_exclude_unset=True,  # the list is under the kind asked for only
    summary="Canonical people, teams or components with aliases",
)
def list_identities(
    store: StoreDep, kind: Literal["people", "teams", "components"]
) -> dict[str, Any]:
    result = compute(store, Curation.load(curation_path(store)))
    found = [e.to_dict() for e in result.entities if e.type == _KINDS[kind]]
    return {kind: found, "count": len(found)}


def _decide(request: Request, store: Any, op: str, decision: Decision) -> dict[str, Any]:
    with _writer_lock(request):
        try:
            curation = Curation.load(curation_path(store))
            result = curate(store, curation, op, decision.entity, decision.other)
        except CurationError as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from None
        # owners over time and action threads read through the canonical nodes
        derived = derive(store, curation.path, canonical=result.canonical())
        state = request.app.state
        state.generation = getattr(state, "generation", 0) + 1
        state.timeline = TimeIndex.of(store, derived)
        state.timeline_generation = state.generation
    refresh_indexes(request.app.state)
    return {"recorded": {"op": op, **decision.model_dump()}, "links": len(result.links)}


@router.post(
    "/identity/{op}",
    response_model=CurationOut,
    summary="Record a merge, split or rename (needs the write token)",
)
async def post_decision(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    op: Literal["merge", "split", "rename"],
    decision: Decision,
) -> dict[str, Any]:
    _authorise(request, settings)
    return await run_in_threadpool(_decide, request, store, op, decision)
