"""The ``kg`` subcommands, one module per family.

Each module has ``register(sub, parents)``: it adds its subparsers to ``sub`` (built
with ``parents=parents`` so the global options such as ``--store`` are accepted after
the subcommand as well as before it) and sets ``func`` on each. ``MODULES`` is the
order they appear in ``kg --help``. A new command family is a new module listed here.
"""

from __future__ import annotations

MODULES = (
    "kg.commands.ingest",
    "kg.commands.queries",
    "kg.commands.browse",
    "kg.commands.store",
    "kg.commands.identity",
    "kg.commands.time",
    "kg.commands.serve",
)
