"""What every command shares: the store it opens, the global options, argument types."""

from __future__ import annotations

import argparse
import os
from typing import Any

__all__ = [
    "ENV_HELP",
    "count",
    "global_options",
    "iso_date",
    "print_evidence",
    "reference_options",
    "store",
]

ENV_HELP = """environment variables:
  KG_STORE              default for --store (default: .kg)
  KG_WRITE_TOKEN        bearer token for writes (kg serve; kg ingest --server)
  KG_MAX_UPLOAD_BYTES   largest document kg serve accepts
"""


def global_options(parser: argparse.ArgumentParser, *, subcommand: bool) -> None:
    """``--store``: on the main parser with its default; on each subcommand with no default
    (``SUPPRESS``), so ``kg --store S owners X`` and ``kg owners X --store S`` mean the same."""
    parser.add_argument(
        "--store",
        default=argparse.SUPPRESS if subcommand else os.environ.get("KG_STORE", ".kg"),
        metavar="STORE",
        help="store folder, 'memory', or a SPARQL endpoint URL (default: $KG_STORE or .kg)",
    )


def store(args: argparse.Namespace, *, read_only: bool = False, create: bool = False) -> Any:
    """The store ``--store`` names. Read commands pass ``read_only=True``: an existing store
    opened for reading, also while ``kg serve`` holds it. Only ``create=True`` (ingest,
    init, serve) makes a new on-disk store; otherwise a folder without one is an error
    and nothing is created."""
    import sys

    from graph.errors import StoreMissingError
    from graph.store import is_store, open_store

    spec = str(args.store)
    local = spec != "memory" and not spec.startswith(("http://", "https://"))
    if local and not read_only and not create and not is_store(spec):
        raise StoreMissingError(
            f"no store at {spec!r}; create one with `kg --store {spec} init` or "
            f"`kg --store {spec} ingest PATH`"
        )
    if local and create and not is_store(spec) and args.command == "serve":
        print(f"note: no store at {spec!r}; serving a new, empty one", file=sys.stderr)
    return open_store(spec, read_only=read_only)


def print_evidence(evidence: list[dict[str, Any]], indent: str = "    ") -> None:
    for ev in evidence:
        quote = " ".join(ev["quote"].split())
        if len(quote) > 300:
            quote = quote[:297] + "..."
        when = ev.get("date") or "date unknown"
        print(f'{indent}"{quote}"')
        print(f"{indent}  -- {ev['source']}, {when}, chars {ev['start']}-{ev['end']}")


def reference_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--directory", help="people directory (authordb.yaml format)")
    p.add_argument("--glossary", help="glossary of acronyms (glossarydefs.csv format)")
    p.add_argument("--catalog", help="software component catalog (repos.yaml format)")


def iso_date(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date {text!r}: write YYYY-MM-DD") from None


def count(text: str) -> int:
    """A whole number >= 0 (argparse type); 0 means "no limit" where it is used."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (no limit) or more, not {value}")
    return value
