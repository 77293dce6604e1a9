"""The smoke run of the benchmarks: the whole harness end to end, tiny sizes, once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.measure import ROOT
from bench.report import SECTIONS


def test_smoke_run_writes_a_report_with_every_section_and_leaves_benchmarks_md_alone(
    tmp_path: Path,
) -> None:
    checked_in = ROOT / "BENCHMARKS.md"
    before = checked_in.read_bytes() if checked_in.exists() else None

    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--smoke", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr[-2000:]
    report = (tmp_path / "BENCHMARKS.md").read_text(encoding="utf-8")
    for heading in SECTIONS:
        assert heading in report
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    ingest = next(iter(results["ingest"].values()))
    assert not ingest["errors"], ingest["errors"]
    assert {"raw spaCy, 1 process", "kg ingest, 1 process"} <= set(ingest["variants"])
    queries = next(iter(results["queries"].values()))
    owners = queries["questions"]["/owners"]
    assert owners["server"]["n"] >= 1 and owners["bare"]["n"] >= 1
    assert results["graph"]["sizes"]
    assert results["cold"]["spacy_imported"] is False
    shared = results["shared"]["owners"]  # the API over a real Oxigraph server
    assert shared["oxigraph-server"]["n"] >= 1 and shared["embedded"]["n"] >= 1
    assert "| /owners |" in report and "PASS" in report or "MISS" in report
    after = checked_in.read_bytes() if checked_in.exists() else None
    assert after == before
