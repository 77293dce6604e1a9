"""The ``kg`` command line: thin over the functions of ``ingest/`` and ``graph/``.

The commands live in ``kg/commands/`` (one module per family, listed in
``kg.commands.MODULES``); this module builds the parser and runs one. Every command
imports only what it needs, so the query commands (``kg owners``, ``kg deps``,
``kg query``) never load spaCy. ``--store DIR`` (or ``KG_STORE``) names the store
everywhere, before or after the subcommand: a folder, ``memory``, or a SPARQL
endpoint URL.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from kg.commands import MODULES
from kg.commands.common import ENV_HELP, global_options

__all__ = ["main", "build_parser"]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("minutes-kg")
    except PackageNotFoundError:
        return "unknown"


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``kg: error: ...`` and a pointer to ``--help``."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kg",
        description="Meeting minutes as a knowledge graph you can query.",
        epilog=ENV_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    global_options(parser, subcommand=False)
    common = argparse.ArgumentParser(add_help=False)
    global_options(common, subcommand=True)
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    for name in MODULES:
        importlib.import_module(name).register(sub, [common])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from graph.errors import GraphError

    try:
        return int(args.func(args))
    except GraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file named on the command line that cannot be read or written
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line for the user; KG_DEBUG=1 for the traceback
        import os

        if os.environ.get("KG_DEBUG"):
            raise
        print(
            f"error: {type(exc).__name__}: {exc} (a bug in kg; KG_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
