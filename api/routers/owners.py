"""``GET /owners?of=X``: who owns X, with the sentences that say so."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from api.deps import NamesDep, StoreDep
from graph.queries import owners

router = APIRouter(tags=["questions"])


@router.get("/owners", summary="Who owns X (people and teams responsible, leads, assignees)")
def get_owners(
    store: StoreDep,
    names: NamesDep,
    of: str = Query(..., min_length=1, max_length=300, description="a name or alias"),
) -> dict[str, Any]:
    return owners(store, of, names).to_dict()
