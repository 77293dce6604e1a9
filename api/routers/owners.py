"""``GET /owners?of=X``: who owns X, with the sentences that say so."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from api.deps import NamesDep, OwnershipDep, StoreDep
from graph.queries import DEFAULT_EVIDENCE_LIMIT, owners

router = APIRouter(tags=["questions"])


@router.get("/owners", summary="Who owns X (people and teams responsible, leads, assignees)")
def get_owners(
    store: StoreDep,
    names: NamesDep,
    ownership: OwnershipDep,
    of: str = Query(..., min_length=1, max_length=300, description="a name or alias"),
    evidence_limit: int = Query(
        DEFAULT_EVIDENCE_LIMIT,
        ge=0,
        le=10_000,
        description="quotes per owner, newest first; 0 for every one "
        "(evidence_count says how many there are)",
    ),
) -> dict[str, Any]:
    return owners(store, of, names, evidence_limit=evidence_limit, ownership=ownership).to_dict()
