"""``kg owners --as-of`` and ``kg actions`` on the Pikestaff series, through the real CLI."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.api.conftest import KG
from tests.series.score import MINUTES


def kg(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KG), "--store", str(store), *args], capture_output=True, text=True, timeout=300
    )


def test_owners_as_of_and_open_actions_from_the_command_line(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    assert kg("ingest", str(MINUTES), store=store).returncode == 0
    before = kg("owners", "saltmarsh", "--as-of", "2025-01-30", store=store)
    assert before.returncode == 0, before.stderr
    assert "Dev Raghunathan" in before.stdout and "Lena" not in before.stdout
    now = kg("owners", "saltmarsh", store=store).stdout
    head, _, superseded = now.partition("superseded:")
    assert "Lena Fischer" in head and "Dev Raghunathan" in superseded
    assert "2025-01-07 to 2025-02-04" in superseded
    bad = kg("owners", "saltmarsh", "--as-of", "soon", store=store)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    open_now = kg("actions", "--status", "open", store=store).stdout
    handover = next(line for line in open_now.splitlines() if "PIK-130" in line)
    assert "ledgerline handover notes" in handover and "3 since 2025-02-11" in handover
    assert "TLS certificates" not in open_now
    late = kg("actions", "--overdue", "--as-of", "2025-02-11", store=store).stdout
    row = next(line for line in late.splitlines() if "TLS certificates" in line)
    assert row.split()[1] == "OVERDUE"
    ident = row.split()[-1]  # the id column, for --history
    history = kg("actions", "--history", ident, store=store).stdout
    assert history.count(" open ") >= 4 and " done " in history
    assert "link 2025-02-25 -> 2025-02-18: text similarity" in history


def test_a_malformed_curation_file_is_one_message_and_nothing_written(tmp_path: Path) -> None:
    import os

    bad = tmp_path / "curation.json"
    bad.write_text('{"decisions": [{"op": "undo", "later": "action/x/1"}]}', encoding="utf-8")
    store = tmp_path / "kg"
    done = subprocess.run(
        [str(KG), "--store", str(store), "ingest", str(MINUTES)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "KG_CURATION": str(bad)},
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"error: curation file {bad}: an undo names two links by 'later' and 'earlier'"
    ]
    listed = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", store=store).stdout
    assert "0" in listed.split()
