"""What the web pages show that no API answer gathers in one place.

- :func:`work_about`: the action items and decisions about (or assigned to, or naming the
  ticket of) one entity, each with its assignees, status, due date, meeting and evidence;
- :func:`involvement`: when nobody is named as owner, who is most involved with a thing:
  the assignees of its action items and whoever a statement links to it (each counted);
  :func:`involved_with` gathers it for one entity (the entity page and ``kg owners``);
- :func:`meeting_page`: one meeting's attendees, action items, decisions and every
  statement extracted from its source, in the order of the source;
- :func:`add_work`: draws a focus entity's action items and decisions, and their people,
  into a graph view.

Every value reaches SPARQL as a binding or a ``VALUES`` block of IRIs from the store.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
import pyoxigraph as ox

from graph.evidence import evidence_by_node
from graph.names import NameIndex
from graph.sources import read_text, segments
from graph.store import KnowledgeStore
from ontology import SPARQL_PREFIXES

__all__ = [
    "work_about",
    "involvement",
    "involved_with",
    "meeting_page",
    "add_work",
    "source_meetings",
]

_WORK = (
    SPARQL_PREFIXES
    + """
SELECT ?n ?kind ?rel ?text ?status ?due ?who ?m ?mtitle ?mdate ?ev WHERE {
  VALUES (?p ?rel) { (mkg:assignedTo "assignedTo") (mkg:about "about") (mkg:ticket "ticket") }
  VALUES (?class ?kind) { (mkg:ActionItem "action") (mkg:Decision "decision") }
  ?n ?p ?x ; a ?class ; schema:text ?text .
  OPTIONAL { ?n mkg:status ?status }
  OPTIONAL { ?n mkg:dueDate ?due }
  OPTIONAL { ?n mkg:assignedTo ?who }
  OPTIONAL { ?n mkg:recordedIn|mkg:decidedIn ?m .
             OPTIONAL { ?m dcterms:title ?mtitle } OPTIONAL { ?m schema:startDate ?mdate } }
  OPTIONAL { ?n mkg:evidence ?ev }
}"""
)


def _opt(row: Any, key: str) -> str | None:
    return row[key].value if key in row else None


def _name(index: NameIndex, iri: str) -> dict[str, str]:
    ref = index.by_id.get(iri)
    if ref is not None:
        return {"id": iri, "name": ref.name, "type": ref.type}
    return {"id": iri, "name": iri.rsplit("/", 1)[-1], "type": "Thing"}


def work_about(
    store: KnowledgeStore, iri: str, index: NameIndex
) -> dict[str, list[dict[str, Any]]]:
    """``{"actions": [...], "decisions": [...]}`` about ``iri``, newest meeting first."""
    items: dict[str, dict[str, Any]] = {}
    evs: dict[str, list[str]] = {}
    for row in store.select(_WORK, {"x": ox.NamedNode(iri)}):
        n = row["n"].value
        item = items.setdefault(
            n,
            {
                "id": n,
                "kind": row["kind"].value,
                "text": row["text"].value,
                "relations": [],
                "status": _opt(row, "status"),
                "due": _opt(row, "due"),
                "assignees": {},
                "meeting": {
                    "id": _opt(row, "m"),
                    "title": _opt(row, "mtitle"),
                    "date": _opt(row, "mdate"),
                },
            },
        )
        if row["rel"].value not in item["relations"]:
            item["relations"].append(row["rel"].value)
        if "who" in row:
            item["assignees"][row["who"].value] = None
        if "ev" in row and row["ev"].value not in evs.setdefault(n, []):
            evs[n].append(row["ev"].value)
    said = evidence_by_node(store, [e for found in evs.values() for e in found])
    out: dict[str, list[dict[str, Any]]] = {"actions": [], "decisions": []}
    for n, item in items.items():
        item["assignees"] = [_name(index, who) for who in item["assignees"]]
        item["evidence"] = [said[e].to_dict() for e in evs.get(n, []) if e in said]
        out["actions" if item["kind"] == "action" else "decisions"].append(item)
    for found in out.values():
        found.sort(key=lambda i: (i["meeting"]["date"] or "", i["id"]), reverse=True)
    return out


def involvement(
    work: dict[str, list[dict[str, Any]]], edges: list[dict[str, Any]], iri: str
) -> list[dict[str, Any]]:
    """People and teams most involved with ``iri``, most involved first.

    Counts each action item about it that names them as assignee, and each statement
    linking them to it (``edges``: the entity page's edges in and out). This is
    involvement, not ownership: nobody was named as owner.
    """
    counts: Counter[str] = Counter()
    who: dict[str, dict[str, Any]] = {}
    for item in work["actions"]:
        for person in item["assignees"]:
            if person["id"] == iri:
                continue
            counts[person["id"]] += 1
            entry = who.setdefault(person["id"], {**person, "actions": 0, "relations": []})
            entry["actions"] += 1
    for edge in edges:
        if edge["type"] not in ("Person", "Team", "Organization"):
            continue
        counts[edge["id"]] += max(1, int(edge.get("evidence_count") or 1))
        entry = who.setdefault(
            edge["id"],
            {
                "id": edge["id"],
                "name": edge["name"],
                "type": edge["type"],
                "actions": 0,
                "relations": [],
            },
        )
        if edge["relation"] not in entry["relations"]:
            entry["relations"].append(edge["relation"])
    return [who[i] | {"weight": c} for i, c in counts.most_common()]


def involved_with(store: KnowledgeStore, entity: Any, index: NameIndex) -> list[dict[str, Any]]:
    """:func:`involvement` of one entity (a :class:`graph.names.EntityRef`), gathered from
    the store: what ``kg owners`` prints when nobody is named as owner."""
    from graph.profile import profile

    data = profile(store, entity, index, evidence_limit=1).to_dict()
    return involvement(work_about(store, entity.id, index), data["out"] + data["in"], entity.id)


_MEETING = (
    SPARQL_PREFIXES
    + """
SELECT ?title ?date ?source ?hash WHERE {
  ?m a mkg:Meeting .
  OPTIONAL { ?m dcterms:title ?title }
  OPTIONAL { ?m schema:startDate ?date }
  OPTIONAL { ?m dcterms:source/mkg:path ?source }
  OPTIONAL { ?m dcterms:source/mkg:contentHash ?hash }
} LIMIT 1"""
)

_ATTENDEES = SPARQL_PREFIXES + "SELECT DISTINCT ?p WHERE { ?p mkg:attended ?m }"

_ITEMS = (
    SPARQL_PREFIXES
    + """
SELECT ?n ?kind ?text ?status ?due ?who ?ev WHERE {
  { ?n mkg:recordedIn ?m ; schema:text ?text . BIND("action" AS ?kind)
    OPTIONAL { ?n mkg:status ?status } OPTIONAL { ?n mkg:dueDate ?due } }
  UNION
  { ?n mkg:decidedIn ?m ; schema:text ?text . BIND("decision" AS ?kind) }
  OPTIONAL { ?n mkg:assignedTo ?who }
  OPTIONAL { ?n mkg:evidence ?ev }
}"""
)

#: every statement of the meeting's document graph, with its evidence
_STATEMENTS = (
    SPARQL_PREFIXES
    + """
SELECT ?s ?p ?o ?ev WHERE {
  GRAPH ?g { ?st a mkg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                 mkg:evidence ?ev }
}"""
)


def meeting_page(
    store: KnowledgeStore, doc: str, index: NameIndex, sources: Any = None
) -> dict[str, Any] | None:
    """One meeting (``doc``: its document id) as the meeting page shows it, or None.

    ``sources``: the folder of kept source files (:mod:`graph.sources`); when it holds
    this document's file, ``text`` is the source cut into ``segments`` (each piece with
    the passages highlighting it), else ``text`` is None and the passages stand alone."""
    from graph.profile import RELATION_NAMES

    m = ox.NamedNode(f"https://w3id.org/minutes-kg/id/meeting/{doc}")
    g = ox.NamedNode(f"https://w3id.org/minutes-kg/graph/{doc}")
    rows = store.select(_MEETING, {"m": m})
    if not rows:
        return None
    head = rows[0]
    attendees = [_name(index, r["p"].value) for r in store.select(_ATTENDEES, {"m": m})]
    attendees.sort(key=lambda a: a["name"].casefold())
    items: dict[str, dict[str, Any]] = {}
    evs: dict[str, list[str]] = {}
    for row in store.select(_ITEMS, {"m": m}):
        n = row["n"].value
        item = items.setdefault(
            n,
            {
                "id": n,
                "anchor": "item-" + n.rsplit("/", 1)[-1] + "-" + row["kind"].value,
                "kind": row["kind"].value,
                "text": row["text"].value,
                "status": _opt(row, "status"),
                "due": _opt(row, "due"),
                "assignees": {},
            },
        )
        if "who" in row:
            item["assignees"][row["who"].value] = None
        if "ev" in row and row["ev"].value not in evs.setdefault(n, []):
            evs[n].append(row["ev"].value)
    statements: list[tuple[str, str, str, str]] = []
    for row in store.select(_STATEMENTS, {"g": g}):
        statements.append((row["s"].value, row["p"].value, row["o"].value, row["ev"].value))
    said = evidence_by_node(
        store, [e for found in evs.values() for e in found] + [st[3] for st in statements]
    )
    passages: list[dict[str, Any]] = []
    for n, item in items.items():
        item["assignees"] = [_name(index, w) for w in item["assignees"]]
        item["evidence"] = [said[e].to_dict() for e in evs.get(n, []) if e in said]
        for ev in item["evidence"]:
            passages.append(
                {**ev, "what": item["kind"], "label": item["text"], "item": item["anchor"]}
            )
    for s, p, o, e in statements:
        if e not in said:
            continue
        rel = RELATION_NAMES.get(p, p.rsplit("#", 1)[-1])
        label = f"{_name(index, s)['name']} {rel} {_name(index, o)['name']}"
        passages.append({**said[e].to_dict(), "what": rel, "label": label, "item": None})
    merged: dict[tuple[int, int], dict[str, Any]] = {}
    for p in sorted(passages, key=lambda p: (p["start"], p["end"])):
        key = (p["start"], p["end"])
        if key in merged:
            if p["label"] not in merged[key]["labels"]:
                merged[key]["labels"].append(p["label"])
        else:
            merged[key] = {**p, "labels": [p["label"]]}
    ordered = list(merged.values())
    for i, p in enumerate(ordered):
        p["key"] = f"p{p['start']}-{p['end']}"
        p["first"] = not i or ordered[i - 1]["start"] != p["start"]
    text = read_text(sources, _opt(head, "hash"))
    pieces: list[dict[str, Any]] = []
    if text is not None:
        # only passages whose quote is the text at their offsets are highlighted
        shown = [p for p in ordered if text[p["start"] : p["end"]] == p["quote"]]
        highlighted = {p["key"] for p in shown}
        for p in ordered:
            p["in_source"] = p["key"] in highlighted
        anchored: set[int] = set()
        for piece, keys in segments(text, [(p["start"], p["end"], p) for p in shown]):
            item: dict[str, Any] = {"text": piece}
            if keys:
                inner = keys[-1]
                item["href"] = "#" + inner["key"]
                item["title"] = " · ".join(dict.fromkeys(lb for k in keys for lb in k["labels"]))
                starting = [k for k in keys if k["first"] and k["start"] not in anchored]
                if starting:
                    item["id"] = f"c{starting[0]['start']}"
                    anchored.add(starting[0]["start"])
            pieces.append(item)
    actions = [i for i in items.values() if i["kind"] == "action"]
    decisions = [i for i in items.values() if i["kind"] == "decision"]
    for found in (actions, decisions):
        found.sort(key=lambda i: int(i["id"].rsplit("/", 1)[-1]) if i["id"][-1:].isdigit() else 0)
    return {
        "id": m.value,
        "doc": doc,
        "title": _opt(head, "title"),
        "date": _opt(head, "date"),
        "source": _opt(head, "source"),
        "attendees": attendees,
        "actions": actions,
        "decisions": decisions,
        "passages": ordered,
        "text": text is not None,
        "segments": pieces,
    }


_SOURCES = (
    SPARQL_PREFIXES
    + "SELECT ?m ?source WHERE { ?m a mkg:Meeting ; dcterms:source/mkg:path ?source }"
)


def source_meetings(store: KnowledgeStore) -> dict[str, str]:
    """Source path -> document id of its meeting (to link a quote to its passage)."""
    out: dict[str, str] = {}
    for row in store.select(_SOURCES):
        out.setdefault(row["source"].value, row["m"].value.rsplit("/", 1)[-1])
    return out


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def add_work(
    G: nx.MultiDiGraph, work: dict[str, list[dict[str, Any]]], focus: str, index: NameIndex
) -> None:
    """Draw ``focus``'s action items and decisions (from :func:`work_about`) and their people."""
    for kind, node_type in (("actions", "ActionItem"), ("decisions", "Decision")):
        for item in work[kind]:
            n = item["id"]
            quotes = [e["quote"] for e in item["evidence"]][:3]
            G.add_node(
                n,
                name=_short(item["text"]),
                type=node_type,
                quotes=quotes,
                evidence=item["evidence"][:3],
                dates=sorted({e["date"] for e in item["evidence"] if e.get("date")}),
                text=item["text"],
                status=item.get("status"),
                due=item.get("due"),
            )
            ev = item["evidence"][:3]
            if focus in G and "about" in item["relations"]:
                G.add_edge(n, focus, key="about", relation="about", quotes=quotes, evidence=ev)
            for person in item["assignees"]:
                if person["id"] not in G:
                    G.add_node(
                        person["id"],
                        name=person["name"],
                        type=person["type"],
                        quotes=[],
                        evidence=[],
                        dates=[],
                    )
                G.add_edge(
                    n,
                    person["id"],
                    key="assignedTo",
                    relation="assignedTo",
                    quotes=quotes,
                    evidence=ev,
                )
