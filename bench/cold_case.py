"""Cold start of the query path: wall time of ``kg owners X`` and whether it imported spaCy.

Each repetition is a new process running the ``kg`` console script, as a user types
it. One more run under ``python -X importtime`` lists every module the command
imported, which shows whether spaCy (or anything of ``ingest``) was loaded.

Usage (run by :mod:`bench.run`)::

    python -m bench.cold_case --store DIR --name butler --reps 5 --out R.json
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.measure import PYTHON, emit, run_child, summarise

__all__ = ["imported_modules", "measure", "main"]


def imported_modules(importtime_stderr: str) -> dict[str, int]:
    """Top-level module -> cumulative import microseconds, from ``-X importtime`` output."""
    out: dict[str, int] = {}
    for line in importtime_stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [p.strip() for p in line.split(":", 1)[1].split("|")]
        if len(parts) != 3 or not parts[1].isdigit():
            continue
        name = parts[2].strip()
        if name.startswith(" ") or "." in name:
            continue
        top = parts[2].lstrip().split(".")[0]
        out[top] = max(out.get(top, 0), int(parts[1]))
    return out


def measure(store: str | Path, name: str, reps: int = 5) -> dict[str, Any]:
    """Wall seconds of ``kg --store S owners NAME`` (``reps`` new processes) and its imports."""
    kg = str(Path(PYTHON).parent / "kg")
    cmd = [kg, "--store", str(store), "owners", name]
    times = []
    code = None
    for _ in range(reps):
        run = run_child(cmd, timeout=600)
        code = run.returncode
        times.append(run.seconds)
    traced = run_child(
        [PYTHON, "-X", "importtime", "-m", "kg.cli", "--store", str(store), "owners", name],
        timeout=600,
    )
    mods = imported_modules(traced.stderr)
    heavy = sorted(mods.items(), key=lambda kv: -kv[1])[:8]
    return {
        "command": " ".join(["kg", "--store", "STORE", "owners", name]),
        "exit_code": code,
        "seconds": summarise(times),
        "spacy_imported": "spacy" in mods,
        "ingest_imported": "ingest" in mods,
        "heaviest_imports_ms": [(m, us / 1000) for m, us in heavy],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.cold_case")
    parser.add_argument("--store", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    emit(measure(args.store, args.name, args.reps), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
