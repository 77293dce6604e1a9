"""kg actions, decisions, entities, documents, show: the API's listings on the command line.

Each prints what the matching endpoint answers (``GET /actions``, ``/decisions``, ``/entities``,
``/documents``, ``/entities/{id}``), from the same ``graph/`` functions: a table by
default, the API's JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from kg.commands.common import count as _count
from kg.commands.common import iso_date as _iso_date
from kg.commands.common import print_evidence as _print_evidence
from kg.commands.common import store as _store

#: entity types ``--type`` accepts (as ``GET /entities?type=``)
ENTITY_TYPES = ("Person", "Team", "Organization", "Component", "Ticket", "Document", "Meeting")
_MIN_SCORE = 70  # as GET /entities


def _clip(text: Any, width: int) -> str:
    flat = " ".join(str(text if text is not None else "").split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def print_table(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]
) -> None:
    """Rows under a header, each column clipped to its width; a count line at the end."""
    line = "  ".join(f"{h:<{w}}" for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        cells = [_clip(c, w) for c, w in zip(row, widths, strict=True)]
        print("  ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)).rstrip())
    print(f"({len(rows)} {'row' if len(rows) == 1 else 'rows'})")


def _dump(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _names_of(items: Sequence[Any]) -> str:
    return ", ".join(i["name"] if isinstance(i, dict) else str(i) for i in items)


def cmd_actions(args: argparse.Namespace) -> int:
    from graph.names import NameIndex
    from graph.outcomes import actions
    from graph.search import TextIndex
    from graph.timeline import TimeIndex, action_history

    store = _store(args, read_only=True)
    timeline = TimeIndex.from_store(store)
    if args.history:
        found = action_history(store, timeline, args.history)
        if found is None:
            print(
                f"error: no action {args.history!r}; use an id `kg actions` prints", file=sys.stderr
            )
            return 1
        if args.json:
            _dump(found)
            return 0
        _print_history(found)
        return 0
    result = actions(
        store,
        q=args.q,
        assignee=args.assignee,
        ticket=args.ticket,
        status=args.status,
        meeting=args.meeting,
        names=NameIndex.from_store(store),
        text_index=TextIndex.from_store(store) if args.q and args.q.strip() else None,
        limit=args.limit or 10**9,
        timeline=timeline,
        overdue=args.overdue,
        as_of=args.as_of.isoformat() if args.as_of else None,
    )
    data = {"count": len(result), "actions": [a.to_dict() for a in result]}
    if args.json:
        _dump(data)
        return 0
    rows = []
    for a in data["actions"]:
        history = a.get("history") or {}
        late = history.get("overdue") and a["status"] == "open"
        rows.append(
            (
                (a.get("meeting") or {}).get("date") or "?",
                "OVERDUE" if late else a["status"] or "",
                a["text"],
                _names_of(a["assignees"]),
                a["due"] or "",
                _seen(history),
                history.get("id", ""),
            )
        )
    print_table(
        ["date", "status", "action", "assignees", "due", "meetings", "id (--history)"],
        rows,
        [10, 7, 60, 24, 10, 18, 16],
    )
    return 0


def _seen(history: dict[str, Any]) -> str:
    """'3 since 2025-01-07': an action said in 3 meetings, the first on that day."""
    n = history.get("mentions") or 1
    if n < 2:
        return ""
    return f"{n} since {history.get('first_mentioned') or '?'}"


def _print_history(found: dict[str, Any]) -> None:
    """One action across meetings: each mention with its date, status and quote, then the
    links that joined them (method, and score when it rests on text similarity)."""
    print(
        f"action {found['id']}: {found['status']}"
        + (f", due {found['due']}" if found["due"] else "")
        + (" (overdue)" if found["overdue"] else "")
    )
    for m in found["mentions"]:
        print(f"  {m['date'] or '?'}  {m['status']:<7} {_clip(m['text'], 100)}")
        _print_evidence(m["evidence"][:1], indent="        ")
    day = {m["id"]: m["date"] or "?" for m in found["mentions"]}
    for link in found["links"]:
        score = f" {link['score']:.2f}" if link.get("score") is not None else ""
        ends = f"{day.get(link['from'], '?')} -> {day.get(link['to'], '?')}"
        print(f"  link {ends}: {link['method']}{score}")


def cmd_decisions(args: argparse.Namespace) -> int:
    from graph.names import NameIndex
    from graph.outcomes import decisions
    from graph.search import TextIndex

    store = _store(args, read_only=True)
    names = NameIndex.from_store(store)
    found = decisions(
        store,
        about=args.about,
        q=args.q,
        since=args.since,
        until=args.until,
        names=names,
        text_index=TextIndex.from_store(store) if args.q and args.q.strip() else None,
        limit=args.limit or 10**9,
    )
    data = {"count": len(found), "decisions": [d.to_dict() for d in found]}
    if args.json:
        _dump(data)
        return 0
    rows = [
        (
            d["date"] or "?",
            d["text"],
            _names_of(d["about"]),
            "" if d["current"] else "superseded",
        )
        for d in data["decisions"]
    ]
    print_table(["date", "decision", "about", "state"], rows, [10, 70, 30, 10])
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    from graph.names import NameIndex

    names = NameIndex.from_store(_store(args, read_only=True))
    types = [args.type] if args.type else None
    limit = args.limit or 10**9
    if args.q:
        hits = [(e, s) for e, s in names.search(args.q, types, limit=limit) if s >= _MIN_SCORE]
    else:
        hits = [(e, None) for e in names.entities if types is None or e.type in types][:limit]
    found = [{**e.to_dict(), "aliases": list(e.aliases), "score": s} for e, s in hits]
    if args.json:
        _dump({"query": args.q or "", "entities": found})
        return 0
    rows = [(e["name"], e["type"], ", ".join(e["aliases"]), e["id"]) for e in found]
    print_table(["name", "type", "aliases", "id"], rows, [30, 12, 30, 60])
    return 0


def cmd_documents(args: argparse.Namespace) -> int:
    from api.routers.documents import _documents

    found = _documents(_store(args, read_only=True))
    if args.json:
        _dump({"documents": found})
        return 0
    rows = [(d["id"], d["title"] or "", d["source"] or "", d["triples"]) for d in found]
    print_table(["id", "title", "source", "triples"], rows, [28, 50, 40, 8])
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from graph.names import NameIndex
    from graph.profile import profile

    store = _store(args, read_only=True)
    names = NameIndex.from_store(store)
    entity = names.resolve(args.name)
    data = profile(store, entity, names, evidence_limit=args.evidence).to_dict()
    if args.json:
        _dump(data)
        return 0
    e = data["entity"]
    print(f"{e['name']} ({e['type']})  {e['id']}")
    if data["aliases"]:
        print(f"  also: {', '.join(data['aliases'])}")
    for title, key, arrow in (("relations", "out", "->"), ("related from", "in", "<-")):
        if data[key]:
            print(f"  {title}:")
        for r in data[key]:
            print(
                f"    {arrow} {r['relation']} {r['name']} ({r['type']}), "
                f"said {r['evidence_count']}x"
            )
            _print_evidence(r["evidence"], indent="        ")
    if data["actions"]:
        print("  action items:")
    for a in data["actions"]:
        print(f"    - {_clip(a['text'], 110)}")
    if data["decisions"]:
        print("  decisions:")
    for d in data["decisions"]:
        print(f"    - {_clip(d['text'], 110)}")
    if data["meetings"]:
        print("  mentioned in:")
    for m in data["meetings"]:
        print(f"    {m.get('date') or '?'}  {m.get('title') or m['id']}")
    return 0


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "actions",
        parents=parents,
        help="action items, by assignee, status, words, ticket or meeting",
        description="Action items, as GET /actions answers: every mention, or with --status "
        "open|done or --overdue each action once, in its latest state across meetings "
        "(OVERDUE: open past its due date); --history ID prints one action's mentions and "
        "the links between them (--json: GET /actions/{id}).",
    )
    p.add_argument("--assignee", metavar="NAME", help="a person or team")
    p.add_argument("--status", choices=("open", "done", "unknown"), help="latest state")
    p.add_argument("--q", metavar="WORDS", help="words of the action")
    p.add_argument("--ticket", metavar="KEY", help="a ticket key (DM-1234)")
    p.add_argument("--meeting", metavar="M", help="document id, date or title of a meeting")
    p.add_argument("--overdue", action="store_true", help="only open actions past their due date")
    p.add_argument("--as-of", type=_iso_date, metavar="DATE", help="the state on this day")
    p.add_argument("--history", metavar="ID", help="one action's history (an id it prints)")
    p.add_argument("--limit", type=_count, default=100, help="at most N (default 100; 0: all)")
    p.add_argument("--json", action="store_true", help="print the API's JSON")
    p.set_defaults(func=cmd_actions)

    p = sub.add_parser(
        "decisions",
        parents=parents,
        help="decisions, by subject, words or date",
        description="Decisions recorded in the minutes, as GET /decisions answers: about=X "
        "gives the chain (in force first, then what they replaced).",
    )
    p.add_argument("--about", metavar="NAME", help="decisions about this entity")
    p.add_argument("--q", metavar="WORDS", help="words of the decision")
    p.add_argument("--since", type=_iso_date, metavar="DATE", help="from this day (YYYY-MM-DD)")
    p.add_argument("--until", type=_iso_date, metavar="DATE", help="to this day (YYYY-MM-DD)")
    p.add_argument("--limit", type=_count, default=100, help="at most N (default 100; 0: all)")
    p.add_argument("--json", action="store_true", help="print the API's JSON")
    p.set_defaults(func=cmd_decisions)

    p = sub.add_parser(
        "entities",
        parents=parents,
        help="people, teams, components... by name (fuzzy) or type",
        description="Entities by name or alias (fuzzy), as GET /entities answers; without "
        "words, all of them (of --type).",
    )
    p.add_argument("q", nargs="?", default="", help="words of a name (default: list all)")
    p.add_argument("--type", choices=ENTITY_TYPES, help="only entities of this type")
    p.add_argument("--limit", type=_count, default=50, help="at most N (default 50; 0: all)")
    p.add_argument("--json", action="store_true", help="print the API's JSON")
    p.set_defaults(func=cmd_entities)

    p = sub.add_parser(
        "documents",
        parents=parents,
        help="the ingested documents",
        description="The ingested documents with their titles, sources and triple counts, "
        "as GET /documents answers.",
    )
    p.add_argument("--json", action="store_true", help="print the API's JSON")
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser(
        "show",
        parents=parents,
        help="everything known about one entity",
        description="One entity: its names, relations in and out with the evidence, action "
        "items, decisions and meetings, as GET /entities/{id} answers. The name may be "
        "misspelt, a surname or the start of its words ('alert prod').",
    )
    p.add_argument("name", help="entity name, alias or id")
    p.add_argument(
        "--evidence",
        type=_count,
        default=3,
        metavar="N",
        help="quotes per relation, newest first (default 3; 0 for all)",
    )
    p.add_argument("--json", action="store_true", help="print the API's JSON")
    p.set_defaults(func=cmd_show)
