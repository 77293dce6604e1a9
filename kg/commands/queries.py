"""kg owners, kg deps, kg query: questions over the store."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kg.commands.common import count as _count
from kg.commands.common import iso_date as _iso_date
from kg.commands.common import print_evidence as _print_evidence
from kg.commands.common import store as _store


def cmd_owners(args: argparse.Namespace) -> int:
    from graph.names import NameIndex
    from graph.queries import owners

    as_of = args.as_of.isoformat() if args.as_of else None
    store = _store(args, read_only=True)
    index = NameIndex.from_store(store)
    found = owners(store, args.name, index, evidence_limit=args.evidence, as_of=as_of)
    result = found.to_dict()
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    entity = result["entity"]
    print(f"{entity['name']} ({entity['type']})")
    if not result["owners"]:
        print("  no owner recorded in the minutes")
        _print_involvement(store, found.entity, index)
    for owner in result["owners"]:
        conf = f", confidence {owner['confidence']:.2f}" if owner.get("confidence") else ""
        said = f"; said {owner['evidence_count']}x"
        if owner["first_said"] and owner["first_said"] != owner["last_said"]:
            said += f", {owner['first_said']} to {owner['last_said']}"
        elif owner["last_said"]:
            said += f", {owner['last_said']}"
        print(f"  {owner['name']} ({owner['type']}) -- {owner['relation']}{conf}{said}")
        _print_evidence(owner["evidence"])
    if result["superseded"]:
        print("  superseded:")
    for owner in result["superseded"]:
        print(
            f"    {owner['name']} ({owner['type']}) -- {owner['relation']}, "
            f"{owner['valid_from'] or '?'} to {owner['valid_to']} ({owner['method']})"
        )
        if owner.get("closed_by"):
            _print_evidence([owner["closed_by"]], indent="      ")
    return 0


#: how many of the people and teams most involved ``kg owners`` lists when nobody owns it
_INVOLVED_SHOWN = 5


def _print_involvement(store: Any, entity: Any, index: Any) -> None:
    """When no owner is stated: who is most involved (assignees of its action items, who
    the minutes link to it), labelled as involvement, as the entity page shows it."""
    from graph.webviews import involved_with

    involved = involved_with(store, entity, index)
    if not involved:
        print("  and no action item or statement links a person or team to it")
        return
    print("  most involved (not ownership):")
    for who in involved[:_INVOLVED_SHOWN]:
        why = []
        if who["actions"]:
            why.append(f"assignee of {_count_of(who['actions'], 'action item')} about it")
        if who["relations"]:
            why.append(", ".join(who["relations"]))
        print(f"    {who['name']} ({who['type']}) -- {'; '.join(why)}")
    if len(involved) > _INVOLVED_SHOWN:
        print(f"    and {len(involved) - _INVOLVED_SHOWN} more")
    print(f"  see: kg show {_shell_word(entity.name)}")


def _count_of(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _shell_word(name: str) -> str:
    import shlex

    return shlex.quote(name)


def cmd_deps(args: argparse.Namespace) -> int:
    from graph.queries import dependencies

    direction = "in" if args.reverse else "out"
    result = dependencies(
        _store(args, read_only=True),
        args.name,
        direction=direction,
        depth=args.depth,
        evidence_limit=args.evidence,
    ).to_dict()
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    entity = result["entity"]
    verb = "is depended on by" if args.reverse else "depends on"
    print(f"{entity['name']} ({entity['type']}) {verb}:")
    if not result["dependencies"]:
        print("  nothing recorded in the minutes")
    for dep in result["dependencies"]:
        print(f"  {'  ' * (dep['depth'] - 1)}{dep['name']} ({dep['type']}), depth {dep['depth']}")
        _print_evidence(dep["evidence"], indent="      " + "  " * (dep["depth"] - 1))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from graph.results import format_result

    if args.file:
        with open(args.file, encoding="utf-8") as fh:
            query = fh.read()
    elif args.sparql:
        query = args.sparql
    else:
        print("error: give a query, or --file F", file=sys.stderr)
        return 2
    store = _store(args, read_only=True)
    sys.stdout.write(format_result(store, query, args.format))
    return 0


def register(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "owners",
        parents=parents,
        help="who owns X, with the evidence",
        description="Who owns X (a component, team, document...), with the sentences that "
        "say so. The same answer as GET /owners?of=X.",
    )
    p.add_argument("name", help="entity name, alias or id")
    p.add_argument(
        "--evidence",
        type=_count,
        default=3,
        metavar="N",
        help="quotes per owner, newest first (default 3; 0 for all)",
    )
    p.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="DATE",
        help="who owned it on this day (YYYY-MM-DD; default: now); owners replaced "
        "by then are listed apart",
    )
    p.add_argument("--json", action="store_true", help="print the API's JSON")
    p.set_defaults(func=cmd_owners)

    p = sub.add_parser(
        "deps",
        parents=parents,
        help="what X depends on (or, with --reverse, what depends on X)",
        description="What X depends on, or with --reverse what depends on X, with the "
        "evidence. The same answer as GET /dependencies?of=X.",
    )
    p.add_argument("name", help="entity name, alias or id")
    p.add_argument("--reverse", action="store_true", help="what depends on X")
    p.add_argument("--depth", type=_count, default=1, help="hops to follow; 0 = all (default 1)")
    p.add_argument(
        "--evidence",
        type=_count,
        default=3,
        metavar="N",
        help="quotes per dependency, newest first (default 3; 0 for all)",
    )
    p.add_argument("--json", action="store_true", help="print the API's JSON")
    p.set_defaults(func=cmd_deps)

    p = sub.add_parser(
        "query",
        parents=parents,
        help="run a SPARQL query over the union of all documents",
        description="Run a SPARQL query over the union of all documents' graphs.",
    )
    p.add_argument("sparql", nargs="?", help="the query (or --file)")
    p.add_argument("--file", help="read the query from a file")
    p.add_argument(
        "--format", choices=["table", "json", "csv"], default="table", help="(default: table)"
    )
    p.set_defaults(func=cmd_query)
