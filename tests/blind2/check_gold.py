"""Check the third blind set's gold files against their minutes.

For each ``*.gold.json`` in this folder:

- the ``document`` exists and every relation ``evidence`` occurs verbatim in the
  text a reader sees (HTML: comments and tags dropped, entities decoded; all
  files: runs of whitespace read as one space);
- every entity name and alias occurs in that text (case-insensitive), and no
  name or alias belongs to two entities;
- every name used as a relation subject/object, an assignee, a ticket or a
  decision ``about`` is a name or alias of an entity of the file; tickets must
  be Ticket entities;
- types, predicates and statuses come from the gold format, dues are ISO dates
  (or null), and no relation triple is listed twice.

    .venv/bin/python tests/blind2/check_gold.py
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TYPES = {"Person", "Team", "Organization", "Component", "Ticket", "Document", "Meeting"}
PREDICATES = {"memberOf", "leads", "responsibleFor", "dependsOn", "requests", "attended"}
STATUSES = {"done", "open", "unknown"}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def visible_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix in {".html", ".htm"}:
        raw = re.sub(r"<!--.*?-->", " ", raw, flags=re.S)
        raw = re.sub(r"<[^>]+>", " ", raw)
        raw = html.unescape(raw)
    return norm(raw)


def problems_of(gold_path: Path) -> list[str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    out: list[str] = []
    doc = ROOT / gold["document"]
    if not doc.is_file():
        return [f"document missing: {gold['document']}"]
    text = visible_text(doc)

    owner: dict[str, dict] = {}
    for ent in gold["entities"]:
        if ent["type"] not in TYPES:
            out.append(f"bad type: {ent}")
        for name in [ent["name"], *ent["aliases"]]:
            key = norm(name)
            if key in owner and owner[key] is not ent:
                out.append(f"name {name!r} used by two entities")
            owner[key] = ent
            if key not in text:
                out.append(f"entity name/alias not in document: {name!r}")

    def entity(name: str, where: str) -> dict | None:
        ent = owner.get(norm(name))
        if ent is None:
            out.append(f"{where}: {name!r} is not an entity name or alias")
        return ent

    seen = set()
    for rel in gold["relations"]:
        s = entity(rel["subject"], "relation subject")
        o = entity(rel["object"], "relation object")
        if rel["predicate"] not in PREDICATES:
            out.append(f"bad predicate: {rel}")
        if norm(rel["evidence"]) not in text:
            out.append(f"evidence not in document: {rel['evidence']!r}")
        if s and o:
            triple = (s["name"], rel["predicate"], o["name"])
            if triple in seen:
                out.append(f"duplicate relation: {triple}")
            seen.add(triple)

    for item in gold["action_items"]:
        for name in item["assignees"]:
            entity(name, "assignee")
        for name in item["tickets"]:
            ent = entity(name, "ticket")
            if ent and ent["type"] != "Ticket":
                out.append(f"ticket {name!r} is a {ent['type']}")
        if item["status"] not in STATUSES:
            out.append(f"bad status: {item}")
        if item["due"] is not None:
            try:
                dt.date.fromisoformat(item["due"])
            except ValueError:
                out.append(f"bad due: {item}")

    for dec in gold["decisions"]:
        for name in dec["about"]:
            entity(name, "decision about")
    return out


def main() -> int:
    failed = False
    for gold_path in sorted(HERE.glob("*.gold.json")):
        problems = problems_of(gold_path)
        print(f"{gold_path.name}: " + (f"{len(problems)} problem(s)" if problems else "ok"))
        for p in problems:
            print("   ", p)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
