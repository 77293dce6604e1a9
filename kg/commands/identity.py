"""``kg resolve``, ``kg people`` / ``teams`` / ``components``, ``kg merge``, ``kg split``,
``kg rename``: who is who across documents, and the user's corrections.

Decisions are written to the curation file (``curation.json`` in the store folder, or
``--curation FILE`` / ``KG_CURATION``), a small JSON file meant for version control;
every command that changes it recomputes the identity graph at once, and every ingest
applies it again, so a decision outlives re-ingesting and re-resolving.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

__all__ = ["register"]

_KINDS = {"people": "Person", "teams": "Team", "components": "Component"}


def _open(args: argparse.Namespace, *, read_only: bool = False) -> tuple[Any, Any]:
    from graph.identity import Curation, curation_path
    from kg.commands.common import store as open_store

    store = open_store(args, read_only=read_only)
    path = args.curation or curation_path(store)
    return store, Curation.load(path)


def cmd_resolve(args: argparse.Namespace) -> int:
    from graph.identity import resolve

    store, curation = _open(args)
    result = resolve(store, curation)
    store.close()
    for link in result.links:
        print(f"{link.member} -> {link.canonical}  [{link.method}] {link.evidence}")
    for short, candidates in result.ambiguous:
        print(f"ambiguous: {short} could be {', '.join(candidates)}")
    print(f"{len(result.links)} identity links, {len(result.ambiguous)} ambiguous names")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from graph.identity import compute

    store, curation = _open(args, read_only=True)
    result = compute(store, curation)
    store.close()
    kind = _KINDS[args.command]
    entities = [e for e in result.entities if e.type == kind]
    if args.json:
        print(json.dumps([e.to_dict() for e in entities], indent=2, ensure_ascii=False))
        return 0
    for e in entities:
        print(e.name)
        if e.aliases:
            print(f"    aliases: {', '.join(e.aliases)}")
        print(f"    documents: {', '.join(e.documents)}")
        if e.ambiguous:
            print(f"    ambiguous, left apart: {', '.join(e.ambiguous)}")
    if not entities:
        print(f"no {args.command} in the store", file=sys.stderr)
    return 0


def cmd_curate(args: argparse.Namespace) -> int:
    from graph.identity import CurationError, curate
    from graph.timeline import derive

    store, curation = _open(args)
    try:
        result = curate(store, curation, args.command, args.entity, args.other)
        # owners over time and action threads read through the canonical nodes
        derive(store, curation.path, canonical=result.canonical())
    except CurationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"{args.command}: {args.entity} / {args.other} (recorded in {curation.path})")
    return 0


def register(sub: Any, parents: list[argparse.ArgumentParser] | None = None) -> None:
    """Add the identity commands to ``kg``'s sub-command parser."""

    def curation_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--curation",
            default=os.environ.get("KG_CURATION"),
            help="curation file (default: $KG_CURATION or curation.json in the store folder)",
        )

    p = sub.add_parser(
        "resolve", parents=parents or [], help="recompute who is who across all documents"
    )
    curation_option(p)
    p.set_defaults(func=cmd_resolve)
    for name in _KINDS:
        p = sub.add_parser(
            name, parents=parents or [], help=f"list {name} with their aliases and documents"
        )
        p.add_argument("--json", action="store_true")
        curation_option(p)
        p.set_defaults(func=cmd_list)
    for name, second, text in (
        ("merge", "OTHER", "record that OTHER is the same entity as ENTITY"),
        ("split", "ALIAS", "record that ALIAS is not ENTITY"),
        ("rename", "NAME", "record ENTITY's preferred name"),
    ):
        p = sub.add_parser(name, parents=parents or [], help=text)
        p.add_argument("entity", metavar="ENTITY")
        p.add_argument("other", metavar=second)
        curation_option(p)
        p.set_defaults(func=cmd_curate)
