"""``GET /graph?focus=X&depth=N&format=html|json[&as_of=YYYY-MM-DD]``: the neighbourhood
of X, to look at (as of a day: only the relations that held then).

Without ``focus``, the whole graph, capped at ``max_graph_nodes`` (the best-connected
entities) with a note saying so. The projection and its layout are computed on the
server and cached per store generation, so a view is drawn at once with physics off.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from threading import Lock
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import NamesDep, SettingsDep, StoreDep, TimelineDep, generation
from api.models import GraphOut
from api.pages import entity_path
from api.routers.entities import find_entity
from graph.export import flatten, to_gexf, to_graphml
from graph.project import layout, neighbourhood, node_link, whole_graph
from graph.render import to_html
from graph.webviews import add_work, work_about

__all__ = ["router"]

router = APIRouter(tags=["graph"])

_CACHE_SIZE = 32
_CACHE_LOCK = Lock()


def _cached(request: Request, key: tuple[Any, ...]) -> Any:
    cache: OrderedDict[tuple[Any, ...], Any] | None = getattr(request.app.state, "layouts", None)
    if not isinstance(cache, OrderedDict):
        return None
    with _CACHE_LOCK:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    return None


def _remember(request: Request, key: tuple[Any, ...], value: Any) -> None:
    cache = getattr(request.app.state, "layouts", None)
    if not isinstance(cache, OrderedDict):
        cache = OrderedDict()
        request.app.state.layouts = cache
    with _CACHE_LOCK:
        cache[key] = value
        while len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)


#: /graph's file formats: how each is written and its media type
_FILES = {
    "graphml": (to_graphml, "application/graphml+xml"),
    "gexf": (to_gexf, "application/gexf+xml"),
}


@router.get(
    "/graph",
    response_model=GraphOut,
    response_model_exclude_unset=True,  # depth with a focus, total_nodes without
    summary="The graph around X (or all of it, capped) as an HTML page or node-link JSON",
)
def get_graph(
    request: Request,
    store: StoreDep,
    names: NamesDep,
    settings: SettingsDep,
    timeline: TimelineDep,
    focus: Annotated[
        str | None, Query(max_length=500, description="a name, alias or entity id")
    ] = None,
    depth: Annotated[int, Query(ge=1, le=6, description="relation hops around focus")] = 1,
    format: Annotated[
        Literal["html", "json", "graphml", "gexf"],
        Query(
            description="html (a page), json (node-link), graphml (networkx, Gephi, yEd) "
            "or gexf (Gephi)"
        ),
    ] = "html",
    as_of: Annotated[
        date | None,
        Query(
            description="ISO date: only the relations that held that day (said by then, "
            "and not handed over by then)"
        ),
    ] = None,
) -> HTMLResponse | Response | dict[str, Any]:
    entity = find_entity(names, focus) if focus else None
    cap = settings.max_graph_nodes
    on = as_of.isoformat() if as_of else None
    key = (generation(request), entity.id if entity else None, depth if entity else 0, cap, on)
    hit = _cached(request, key)
    if hit is None:
        G = (
            neighbourhood(store, entity.id, depth, cap, names, as_of=on, timeline=timeline)
            if entity
            else whole_graph(store, cap, names, as_of=on, timeline=timeline)
        )
        if entity:  # its action items and decisions, and the people they name
            add_work(G, work_about(store, entity.id, names), entity.id, names)
        hit = (G, layout(G))
        _remember(request, key, hit)
    G, positions = hit
    note = None
    if G.graph.get("truncated"):
        total = G.graph.get("total_nodes")
        of = f" of {total}" if total else ""
        note = (
            f"Showing {G.number_of_nodes()}{of} entities (the view is capped at {cap}; "
            "set KG_MAX_GRAPH_NODES to change it). Focus on one entity to see its surroundings."
        )
    if format in ("graphml", "gexf"):
        headers = {"Content-Disposition": f'attachment; filename="minutes-kg.{format}"'}
        if note:
            headers["X-Graph-Note"] = note
        write, media = _FILES[format]
        return Response(write(flatten(G)), media_type=media, headers=headers)
    if format == "json":
        data = node_link(G, positions)
        data["note"] = note
        return data
    day = f"&as_of={on}" if on else ""
    if entity:
        title = f"{entity.name} ({entity.type}) and what is around it"
        focused = f"/graph?focus={quote(entity.id, safe='')}"
        links = {
            "entity page": entity_path(entity.id),
            "depth +1": f"{focused}&depth={min(depth + 1, 6)}{day}",
            "whole graph": "/graph" + (f"?as_of={on}" if on else ""),
        }
        if on:
            links["today"] = f"{focused}&depth={depth}"
    else:
        title = "The whole graph"
        links = {"home": "/"}
        if on:
            links["today"] = "/graph"
    if on:
        title += f", as of {on}"
    return HTMLResponse(
        to_html(
            G, positions, title=title, note=note, focus=entity.id if entity else None, links=links
        )
    )
