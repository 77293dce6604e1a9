"""Extraction of hostile inputs (issue 16): ``kg extract`` of many bullets, one huge line and a
flood of ticket keys must finish or fail cleanly, each under 60 s and 1 GB.

Each input is generated, then ``kg extract FILE`` runs as a user runs it (a new process, the
default per-document budget), and once more with the size limit off at a smaller size, so the
time of the extraction itself (linear in the document) is measured too. Wall seconds and the
peak RSS of the process tree (the forked extraction child included) are recorded.

Usage (run by :mod:`bench.run`)::

    python -m bench.extract_case --dir SCRATCH --scale 1.0 --out R.json
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.measure import PYTHON, emit, run_child

__all__ = ["INPUTS", "write_input", "measure", "main"]

#: name -> (what it is, units at scale 1)
INPUTS = {
    "bullets": ("Markdown of 100,000 bullet lines", 100_000),
    "one-line": ("a single line of 5 MB", 5 * 1024 * 1024),
    "tickets": ("1,000,000 ticket keys on one line", 1_000_000),
}


def write_input(kind: str, path: Path, units: int) -> None:
    """Write ``units`` bullets, characters or ticket keys of input ``kind`` to ``path``."""
    with path.open("w", encoding="utf-8") as fh:
        if kind == "bullets":
            fh.write("# Sync 2024-05-01\n\n")
            for i in range(units):
                fh.write(f"- Ana Lima to review DM-{i} and update the docs by Friday\n")
        elif kind == "one-line":
            words = "the team will review a plan for Ana Lima and DM-123 next week ".split()
            n, i = 0, 0
            while n < units:
                w = words[i % len(words)] + " "
                fh.write(w)
                n += len(w)
                i += 7
        else:
            fh.write(" ".join(f"DM-{10000 + i % 90000}" for i in range(units)))


def _run(path: Path, extra: Sequence[str]) -> dict[str, Any]:
    run = run_child([PYTHON, "-m", "kg.cli", "extract", str(path), *extra], timeout=600)
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    return {
        "seconds": run.seconds,
        "peak_rss_mb": run.peak_rss / 2**20,
        "exit_code": run.returncode,
        "message": (lines[-1] if lines else "")[:200],
        "traceback": "Traceback" in run.stderr,
    }


def measure(folder: Path, scale: float) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {}
    for kind, (what, units) in INPUTS.items():
        n = max(10, int(units * scale))
        path = folder / f"{kind}.md"
        write_input(kind, path, n)
        row = {"what": what, "units": n, "bytes": path.stat().st_size}
        row["default"] = _run(path, [])
        path.unlink()
        if scale >= 0.01:  # the tenth, the size limit off: the time of extraction itself
            small = folder / f"{kind}-small.md"
            write_input(kind, small, max(10, n // 10))
            row["tenth_bytes"] = small.stat().st_size
            row["tenth_no_size_limit"] = _run(small, ["--max-bytes", "0"])
            small.unlink()
            # half of that again: twice the input should take about twice the time (linear)
            half = folder / f"{kind}-twentieth.md"
            write_input(kind, half, max(10, n // 20))
            row["twentieth_bytes"] = half.stat().st_size
            row["twentieth_no_size_limit"] = _run(half, ["--max-bytes", "0"])
            half.unlink()
        out[kind] = row
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.extract_case")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    emit(measure(Path(args.dir), args.scale), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
