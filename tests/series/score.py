"""Score the time links against the gold of the invented Pikestaff series.

``python -m tests.series.score`` ingests ``tests/series/minutes`` (eight successive
meetings, Markdown and plain text) into an in-memory store and prints four measures:

- owners as of a date: the share of (thing, date) questions whose current owners are
  exactly the gold's;
- action-history links: precision / recall / F1 of the links between successive
  mentions of one action;
- status as of each meeting: the share of (action, meeting) pairs, from the action's
  first mention on, whose status is the gold's;
- supersession links: precision / recall / F1 of (later decision, earlier decision).

The project's components are given to extraction as known entities (as an organisation
gives its catalog), so the series tests the links across meetings, not name finding.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MINUTES = HERE / "minutes"
GOLD = HERE / "gold.json"
COMPONENTS = ("saltmarsh", "tollgate", "ledgerline", "fernlog", "brackenq", "Redis")


def build_store(order: list[Path] | None = None) -> Any:
    """An in-memory store of the series, documents written in ``order`` (default sorted)."""
    from graph.store import open_store
    from graph.timeline import derive
    from ingest.emit import write
    from ingest.model import Entity
    from ingest.pipeline import extract_files, load_resources
    from ontology.ids import entity_iri

    known = [Entity(entity_iri("Component", n), "Component", n) for n in COMPONENTS]
    resources = load_resources(known=known)
    files = order or sorted(MINUTES.iterdir())
    store = open_store("memory")
    for _, extraction in extract_files([str(f) for f in files], resources):
        if isinstance(extraction, Exception):
            raise extraction
        write(store, extraction)
    from graph.identity import resolve

    # as an ingest does: who is who across the documents, then the time links through it
    derive(store, canonical=resolve(store).canonical())
    return store


def _f1(found: set[Any], gold: set[Any]) -> dict[str, float]:
    tp = len(found & gold)
    p = tp / len(found) if found else 0.0
    r = tp / len(gold) if gold else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "tp": tp,
        "fp": len(found - gold),
        "fn": len(gold - found),
    }


def _meetings(store: Any) -> dict[str, str]:
    """document stem -> meeting date."""
    from graph.outcomes import meetings

    return {Path(m.source or m.id).stem: m.date or "" for m in meetings(store)}


def _find(records: list[tuple[str, str, str]], doc: str, text: str) -> str | None:
    """The IRI of the record of ``doc`` whose text contains ``text`` (case-insensitive)."""
    from ontology.ids import document_id

    did = document_id(doc)
    for iri, rdoc, rtext in records:
        if rdoc == did and text.lower() in rtext.lower():
            return iri
    return None


def score(store: Any, gold: dict[str, Any] | None = None) -> dict[str, Any]:
    from graph.names import NameIndex
    from graph.queries import owners
    from graph.timeline import TimeIndex

    gold = gold or json.loads(GOLD.read_text(encoding="utf-8"))
    names = NameIndex.from_store(store)
    timeline = TimeIndex.from_store(store)
    out: dict[str, Any] = {}

    # owners as of a date
    right, wrong = 0, []
    for q in gold["owners_as_of"]:
        result = owners(store, q["of"], names, as_of=q["as_of"], timeline=timeline)
        got = sorted(o.name for o in result.owners if o.relation in ("responsibleFor", "leads"))
        if got == sorted(q["owners"]):
            right += 1
        else:
            wrong.append({**q, "got": got})
    out["owners_as_of"] = {
        "right": right,
        "total": len(gold["owners_as_of"]),
        "accuracy": round(right / len(gold["owners_as_of"]), 3),
        "wrong": wrong,
    }

    # action-history links and status as of each meeting
    rows = store.select(
        "PREFIX mkg: <https://w3id.org/minutes-kg/ontology#> "
        "PREFIX schema: <https://schema.org/> "
        "SELECT ?n ?text WHERE { ?n a mkg:ActionItem ; schema:text ?text }"
    )
    items = [(r["n"].value, r["n"].value.split("/")[-2], r["text"].value) for r in rows]
    found_links = {(link.earlier, link.later) for t in timeline.derived.threads for link in t.links}
    gold_links: set[tuple[Any, Any]] = set()
    dates = _meetings(store)
    all_dates = sorted(set(dates.values()))
    status_right, status_total, status_wrong = 0, 0, []
    for action in gold["actions"]:
        iris = [_find(items, m["doc"], m["text"]) for m in action["mentions"]]
        keys = [
            iri or f"missing:{m['doc']}:{m['text']}"
            for iri, m in zip(iris, action["mentions"], strict=True)
        ]
        gold_links |= set(zip(keys, keys[1:], strict=False))
        first = dates.get(action["mentions"][0]["doc"], "")
        thread = timeline.thread(iris[0]) if iris[0] else None
        by_doc = {dates.get(m["doc"], ""): m["status"] for m in action["mentions"]}
        expected = None
        for day in all_dates:
            if day < first:
                continue
            expected = by_doc.get(day, expected)
            got = thread.status_on(day) if thread else None
            status_total += 1
            if got == expected:
                status_right += 1
            else:
                status_wrong.append(
                    {"action": action["id"], "meeting": day, "want": expected, "got": got}
                )
    out["action_links"] = _f1(found_links, gold_links)
    out["status_as_of_meeting"] = {
        "right": status_right,
        "total": status_total,
        "accuracy": round(status_right / status_total, 3) if status_total else 0.0,
        "wrong": status_wrong,
    }

    # supersession links
    rows = store.select(
        "PREFIX mkg: <https://w3id.org/minutes-kg/ontology#> "
        "PREFIX schema: <https://schema.org/> "
        "SELECT ?n ?text WHERE { ?n a mkg:Decision ; schema:text ?text }"
    )
    decisions = [(r["n"].value, r["n"].value.split("/")[-2], r["text"].value) for r in rows]
    key = {
        d["id"]: _find(decisions, d["doc"], d["text"]) or f"missing:{d['id']}"
        for d in gold["decisions"]
    }
    gold_sup = {(key[a], key[b]) for a, b in gold["supersedes"]}
    found_sup = {(s.later, s.earlier) for s in timeline.derived.supersessions}
    out["supersession_links"] = _f1(found_sup, gold_sup)
    return out


def main() -> int:
    result = score(build_store())
    print(
        f"owners as of a date: {result['owners_as_of']['right']}/{result['owners_as_of']['total']}"
        f" right ({result['owners_as_of']['accuracy']:.0%})"
    )
    a = result["action_links"]
    print(
        f"action-history links: P {a['precision']:.2f} R {a['recall']:.2f} F1 {a['f1']:.2f}"
        f" (tp {a['tp']}, fp {a['fp']}, fn {a['fn']})"
    )
    s = result["status_as_of_meeting"]
    print(f"status as of each meeting: {s['right']}/{s['total']} right ({s['accuracy']:.0%})")
    d = result["supersession_links"]
    print(
        f"supersession links: P {d['precision']:.2f} R {d['recall']:.2f} F1 {d['f1']:.2f}"
        f" (tp {d['tp']}, fp {d['fp']}, fn {d['fn']})"
    )
    if "--verbose" in sys.argv:
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
