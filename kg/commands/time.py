"""``kg unlink LATER EARLIER``: undo a time link the inference made (issue 13).

The pair names two mentions ``kg actions --history ID`` joined into one action, or a
decision and the earlier one it was said to replace (``kg decisions --about X --json``),
by IRI or ``action/DOCUMENT/N`` / ``decision/DOCUMENT/N``. The undo is recorded in the
identity work's curation file (``curation.json`` in the store folder, or ``--curation
FILE`` / ``KG_CURATION``) as ``{"op": "undo", "later": ..., "earlier": ...}``, and the
derived time graph is recomputed at once; every later ingest applies it again.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from kg.commands.common import store as _store

__all__ = ["register"]


def cmd_unlink(args: argparse.Namespace) -> int:
    from graph.identity import Curation, canonical_map, curation_path
    from graph.timeline import TimeIndex, derive, link_between

    store = _store(args)
    try:
        path = args.curation or curation_path(store)
        curation = Curation.load(path)
        index = TimeIndex.from_store(store)
        found = link_between(index, args.later, args.earlier)
        if found is None:
            print(
                f"error: no time link from {args.later!r} to {args.earlier!r}; "
                "`kg actions --history ID --json` lists an action's links (from, to)",
                file=sys.stderr,
            )
            return 1
        later, earlier, what = found
        curation.decisions.append({"op": "undo", "later": later, "earlier": earlier})
        curation.save()
        derive(store, path, canonical=canonical_map(store))
    finally:
        store.close()
    print(f"undone: {what} ({later} -> {earlier}); recorded in {curation.path}")
    return 0


def register(sub: Any, parents: list[argparse.ArgumentParser] | None = None) -> None:
    p = sub.add_parser(
        "unlink",
        parents=parents or [],
        help="undo a time link: two mentions that are not one action, or a supersession",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("later", metavar="LATER", help="the later action item or decision")
    p.add_argument("earlier", metavar="EARLIER", help="the earlier one it was linked to")
    p.add_argument(
        "--curation",
        default=os.environ.get("KG_CURATION"),
        help="curation file (default: $KG_CURATION or curation.json in the store folder)",
    )
    p.set_defaults(func=cmd_unlink)
