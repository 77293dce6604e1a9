"""``GET /entities?q=&type=`` (search) and ``GET /entities/{id}`` (one entity, everything known).

An entity's id in the path is its IRI's segments after ``/id/``, e.g.
``/entities/person/frossie-economou`` for
``https://w3id.org/minutes-kg/id/person/frossie-economou``; a whole IRI, URL-encoded,
works too. Both answer HTML to a browser and JSON to everything else.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request

from api.deps import NamesDep, StoreDep, TimelineDep
from api.models import EntitiesOut, EntityProfileOut, TimelineOut
from api.pages import ENTITY_BASE, entity_path, page, wants_html
from graph.names import EntityRef, NameIndex
from graph.profile import profile
from graph.queries import DEFAULT_EVIDENCE_LIMIT
from graph.timeline import entity_timeline

__all__ = ["router", "find_entity"]

router = APIRouter(tags=["entities"])

#: fuzzy score (0-100) below which a name is not offered as a match
_MIN_SCORE = 70

EntityType = Literal["Person", "Team", "Organization", "Component", "Ticket", "Document", "Meeting"]


def find_entity(names: NameIndex, text: str) -> EntityRef:
    """An entity by IRI, by ``type/slug`` id, or else by name (exact, then fuzzy)."""
    for candidate in (text, ENTITY_BASE + text.strip("/")):
        if candidate in names.by_id:
            return names.by_id[candidate]
    return names.resolve(text)


@router.get(
    "/entities",
    response_model=EntitiesOut,
    summary="Search entities by name or alias (fuzzy), optionally by type",
)
def search_entities(
    request: Request,
    names: NamesDep,
    q: Annotated[str, Query(max_length=300, description="words of a name; empty lists all")] = "",
    type: Annotated[EntityType | None, Query(description="only entities of this type")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> Any:
    types = [type] if type else None
    if q.strip():
        ranked = names.search(q, types, limit=limit)
        hits = [(e, score) for e, score in ranked if score >= _MIN_SCORE]
    else:
        hits = [(e, None) for e in names.entities if types is None or e.type in types][:limit]
    found = [
        {**e.to_dict(), "aliases": list(e.aliases), "score": s, "path": entity_path(e.id)}
        for e, s in hits
    ]
    if wants_html(request):
        return page("entities.html", q=q, entities=found)
    return {"query": q, "entities": found}


@router.get(
    "/entities/{entity_id:path}/timeline",
    response_model=TimelineOut,
    response_model_exclude_unset=True,  # an event has the fields of its kind only
    summary="What the minutes said about one entity, by date: statements, when its claims "
    "opened and closed, its actions and decisions",
)
def get_entity_timeline(
    store: StoreDep,
    names: NamesDep,
    timeline: TimelineDep,
    entity_id: Annotated[
        str, Path(min_length=1, max_length=500, description="e.g. component/saltmarsh")
    ],
) -> dict[str, Any]:
    entity = find_entity(names, entity_id)
    return entity_timeline(store, timeline, entity.id, names)


@router.get(
    "/entities/{entity_id:path}",
    response_model=EntityProfileOut,
    summary="Everything known about one entity: names, edges in and out, meetings, work",
)
def get_entity(
    request: Request,
    store: StoreDep,
    names: NamesDep,
    timeline: TimelineDep,
    entity_id: Annotated[
        str, Path(min_length=1, max_length=500, description="e.g. person/frossie-economou")
    ],
    evidence_limit: Annotated[
        int,
        Query(ge=0, le=10_000, description="quotes per edge, newest first; 0 for every one"),
    ] = DEFAULT_EVIDENCE_LIMIT,
) -> Any:
    entity = find_entity(names, entity_id)
    data: dict[str, Any] = profile(store, entity, names, evidence_limit=evidence_limit).to_dict()
    data["links"] = {
        "graph": "/graph?focus=" + quote(entity.id, safe=""),
        "self": entity_path(entity.id),
    }
    data["links"]["timeline"] = entity_path(entity.id) + "/timeline"
    if wants_html(request):
        from api.routers.web import entity_extras

        events = entity_timeline(store, timeline, entity.id, names)["events"]
        extras = entity_extras(request, store, names, entity, data)
        return page("entity.html", p=data, x=extras, timeline=events)
    return data
