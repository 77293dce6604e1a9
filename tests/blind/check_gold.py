"""Check the blind gold files against their minutes.

Every relation evidence must occur verbatim in the document (for HTML, in the
text a reader sees: tags removed, entities decoded, runs of whitespace as one
space); every name used in a relation, assignee, ticket or ``about`` must be a
name or alias of an entity of the same file; dates must be ISO; statuses and
predicates must be from the gold format.

    python tests/blind/check_gold.py
"""

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PREDICATES = {"memberOf", "leads", "responsibleFor", "dependsOn", "requests", "attended"}
TYPES = {"Person", "Team", "Organization", "Component", "Ticket", "Document", "Meeting"}
STATUSES = {"done", "open", "unknown"}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def reader_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
        raw = re.sub(r" +([).,])", r"\1", raw)
    return squash(raw)


def check(gold_path: Path) -> list[str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    doc = ROOT / gold["document"]
    text = reader_text(doc)
    problems = []
    names = {}
    for entity in gold["entities"]:
        if entity["type"] not in TYPES:
            problems.append(f"bad type {entity}")
        for name in [entity["name"], *entity["aliases"]]:
            key = squash(name).casefold()
            if key in names and names[key] != entity["name"]:
                problems.append(f"name {name!r} used by two entities")
            names[key] = entity["name"]

    def known(name: str, where: str) -> None:
        if squash(name).casefold() not in names:
            problems.append(f"{where}: {name!r} is not an entity name or alias")

    for rel in gold["relations"]:
        known(rel["subject"], "relation subject")
        known(rel["object"], "relation object")
        if rel["predicate"] not in PREDICATES:
            problems.append(f"bad predicate {rel}")
        if squash(rel["evidence"]) not in text:
            problems.append(f"evidence not in document: {rel['evidence']!r}")
    for item in gold["action_items"]:
        for name in item["assignees"]:
            known(name, "assignee")
        for ticket in item["tickets"]:
            known(ticket, "ticket")
        if item["status"] not in STATUSES:
            problems.append(f"bad status {item}")
        if item["due"] is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["due"]):
            problems.append(f"bad due {item}")
    for decision in gold["decisions"]:
        for name in decision["about"]:
            known(name, "decision about")
    for entity in gold["entities"]:
        for name in [entity["name"], *entity["aliases"]]:
            if squash(name).casefold() not in text.casefold():
                problems.append(f"entity name not in document: {name!r}")
    return problems


def main() -> int:
    failed = False
    for gold_path in sorted(HERE.glob("*.gold.json")):
        problems = check(gold_path)
        print(f"{gold_path.name}: " + (f"{len(problems)} problem(s)" if problems else "ok"))
        for problem in problems:
            print("   ", problem)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
