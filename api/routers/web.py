"""The web app's own pages (HTML for a browser, the same data as JSON otherwise).

- ``GET /search?q=``: one ranked, typo-tolerant search over people, teams,
  organisations, components, tickets, documents, meetings, action items and decisions;
- ``GET /meetings``, ``GET /meetings/{doc}``: a meeting's attendees, decisions, action
  items, and its source as text with every extracted passage highlighted in place (each
  linked to what was read from it), when the store kept the file (``graph.sources``);
- ``GET /passages?source=&start=``: the meeting page at one quoted passage;
- ``GET /open-actions``: open action items by person; ``GET /decisions-by-date``;
- ``GET /static/...``: the page scripts and styles, and vis-network (from pyvis), so
  every page loads everything from this server.
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from api.deps import NamesDep, StoreDep, TimelineDep, get_text_index
from api.pages import entity_path, page, wants_html
from graph.errors import AmbiguousEntity, EntityNotFound
from graph.outcomes import actions, decisions, meetings
from graph.queries import owners
from graph.sources import folder_of
from graph.webviews import involvement, meeting_page, source_meetings, work_about

__all__ = ["router", "mount_static", "entity_extras", "search"]

router = APIRouter(tags=["web"], include_in_schema=False)

_STATIC = FsPath(__file__).resolve().parents[1] / "static"
_MIN_SCORE = 70.0


def mount_static(app: FastAPI) -> None:
    """Serve ``api/static`` and vis-network at ``/static``."""
    import pyvis

    vis = FsPath(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2" / "vis-network.min.js"

    @app.get("/static/vis-network.min.js", include_in_schema=False)
    def _vis() -> FileResponse:
        return FileResponse(vis, media_type="text/javascript")

    app.mount("/static", StaticFiles(directory=_STATIC), name="static")


def _item_path(iri: str) -> str:
    """The meeting page anchor of an action item or decision IRI."""
    parts = iri.rsplit("/", 3)
    kind, doc, n = parts[-3], parts[-2], parts[-1]
    return f"/meetings/{doc}#item-{n}-{kind}"


def search(request: Request, names: Any, store: Any, q: str, limit: int = 30) -> list[dict]:
    """Entities, meetings, action items and decisions matching ``q``, best first.

    Names are matched fuzzily (rapidfuzz WRatio over names and aliases, so a typo still
    finds them); texts by word prefixes ranked by rarity, falling back to fuzzy matching.
    Each score is brought to 0-100 so the kinds rank together.
    """
    q = q.strip()
    if not q:
        return []
    hits: list[dict[str, Any]] = []
    for e, score in names.search(q, None, limit=limit):
        if score < _MIN_SCORE:
            continue
        path = entity_path(e.id)
        if e.type == "Meeting":
            path = "/meetings/" + e.id.rsplit("/", 1)[-1]
        hits.append({"kind": e.type, "id": e.id, "name": e.name, "score": score, "path": path})
    for m in meetings(store):
        if m.title and q.casefold() in m.title.casefold():
            doc = m.id.rsplit("/", 1)[-1]
            if not any(h["id"] == m.id for h in hits):
                title = m.title + (f" ({m.date})" if m.date else "")
                hits.append(
                    {
                        "kind": "Meeting",
                        "id": m.id,
                        "name": title,
                        "score": 90.0,
                        "path": f"/meetings/{doc}",
                    }
                )
    texts = get_text_index(request).search(q, ["action", "decision"], limit=limit)
    top = max((h.score for h in texts), default=1.0) or 1.0
    for rank, h in enumerate(texts):
        kind = "ActionItem" if h.kind == "action" else "Decision"
        # the best text hit ranks with a good name match, the rest follow in order
        score = round(85.0 * h.score / top - rank * 0.01, 2)
        hits.append(
            {"kind": kind, "id": h.id, "name": h.text, "score": score, "path": _item_path(h.id)}
        )
    hits.sort(key=lambda h: -h["score"])
    return hits[:limit]


@router.get("/search")
def search_page(
    request: Request,
    store: StoreDep,
    names: NamesDep,
    q: Annotated[str, Query(max_length=300)] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 30,
) -> Any:
    hits = search(request, names, store, q, limit)
    if wants_html(request):
        return page("search.html", q=q, hits=hits)
    return {"query": q, "hits": hits}


def entity_extras(
    request: Request, store: Any, names: Any, entity: Any, data: dict[str, Any]
) -> dict[str, Any]:
    """What the entity page adds to the profile: owners now and those a handover replaced
    (with their period and the statement that closed it), or involvement when no owner is
    stated; its action items (with assignees) and decisions; its statements by meeting."""
    ownership = getattr(request.app.state, "ownership", None)
    timeline = getattr(request.app.state, "timeline", None)
    found: list[dict[str, Any]] = []
    before: list[dict[str, Any]] = []
    for name in (entity.id, entity.name):
        try:
            result = owners(store, name, names, ownership=ownership, timeline=timeline)
        except (EntityNotFound, AmbiguousEntity):
            continue
        if result.entity.id == entity.id:
            found = [o.to_dict() for o in result.owners]
            before = [o.to_dict() for o in result.superseded]
            break
    work = work_about(store, entity.id, names)
    involved = [] if found else involvement(work, data["out"] + data["in"], entity.id)
    statements: list[dict[str, Any]] = []
    for direction in ("out", "in"):
        for edge in data[direction]:
            for ev in edge["evidence"]:
                statements.append(
                    {**ev, "relation": edge["relation"], "other": edge, "direction": direction}
                )
    statements.sort(key=lambda s: (s.get("date") or "", s["source"], s["start"]), reverse=True)
    docs = source_meetings(store)
    for s in statements:
        s["meeting"] = docs.get(s["source"])
    return {
        "owners": found,
        "owners_before": before,
        "involvement": involved,
        "work": work,
        "statements": statements,
    }


@router.get("/meetings")
def meetings_page(request: Request, store: StoreDep) -> Any:
    found = [{**m.to_dict(), "doc": m.id.rsplit("/", 1)[-1]} for m in meetings(store)]
    if wants_html(request):
        return page("meetings.html", meetings=found)
    return {"meetings": found}


@router.get("/meetings/{doc}")
def meeting_view(
    request: Request,
    store: StoreDep,
    names: NamesDep,
    doc: Annotated[str, Path(min_length=1, max_length=300, pattern=r"^[\w.-]+$")],
) -> Any:
    found = meeting_page(store, doc, names, folder_of(store))
    if found is None:
        raise HTTPException(status_code=404, detail=f"no meeting {doc!r}: see /meetings")
    if wants_html(request):
        return page("meeting.html", m=found)
    found.pop("segments", None)  # the page's rendering of the source; JSON has passages
    return found


@router.get("/passages")
def passage(
    store: StoreDep,
    source: Annotated[str, Query(min_length=1, max_length=1000)],
    start: Annotated[int, Query(ge=0)],
) -> RedirectResponse:
    doc = source_meetings(store).get(source)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"no document from {source!r}")
    return RedirectResponse(f"/meetings/{doc}#c{start}", status_code=303)


@router.get("/open-actions")
def open_actions(request: Request, store: StoreDep, names: NamesDep, timeline: TimelineDep) -> Any:
    found = actions(store, status="open", names=names, timeline=timeline, limit=1000)
    people: dict[str, dict[str, Any]] = {}
    for a in found:
        item = a.to_dict()
        item["path"] = _item_path(a.id)
        for who in a.assignees or ({"id": "", "name": "(nobody named)"},):
            entry = people.setdefault(
                who["id"], {"id": who["id"], "name": who["name"], "actions": []}
            )
            entry["actions"].append(item)
    ordered = sorted(people.values(), key=lambda p: (-len(p["actions"]), p["name"].casefold()))
    if wants_html(request):
        return page("open_actions.html", people=ordered, count=len(found))
    return {"count": len(found), "people": ordered}


@router.get("/decisions-by-date")
def decisions_by_date(
    request: Request, store: StoreDep, names: NamesDep, timeline: TimelineDep
) -> Any:
    found = decisions(store, names=names, timeline=timeline, limit=1000)
    days: dict[str, list[dict[str, Any]]] = {}
    for d in found:
        item = d.to_dict()
        item["path"] = _item_path(d.id)
        days.setdefault(d.date or "undated", []).append(item)
    ordered = [{"date": k, "decisions": days[k]} for k in sorted(days, reverse=True)]
    if wants_html(request):
        return page("decisions_by_date.html", days=ordered, count=len(found))
    return {"count": len(found), "days": ordered}
