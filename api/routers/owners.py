"""``GET /owners?of=X[&as_of=YYYY-MM-DD]``: who owns X (on a day), with the sentences saying so."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

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
    request: Request,
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
) -> Response:
    # the answer comes from the in-memory indexes alone (names, ownership claims with
    # their newest quotes, claim periods with the quotes of their statements); the JSON
    # text of each question is kept with the time index it came from, which is rebuilt
    # after every write, so a kept answer is never stale (the builds of the other two
    # indexes are part of the key: each is swapped whole after a write)
    entity = names.resolve(of)
    on = as_of.isoformat() if as_of else None
    state = request.app.state
    built = (getattr(state, "names_generation", -1), getattr(state, "ownership_generation", -1))
    key = ("owners", entity.id, evidence_limit, on, *built)
    kept = timeline.answers.get(key)
    if kept is not None:
        return Response(kept, media_type="application/json")
    found: dict[str, Any] = owners(
        store,
        of,
        names,
        evidence_limit=evidence_limit,
        ownership=ownership,
        as_of=on,
        timeline=timeline,
    ).to_dict()
    text = OwnersOut.model_validate(found).model_dump_json(by_alias=True)
    timeline.keep_answer(key, text)
    return Response(text, media_type="application/json")
