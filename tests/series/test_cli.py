"""``kg owners --as-of``, ``kg actions`` and ``kg unlink`` on the Pikestaff series,
through the real CLI."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.api.conftest import KG
from tests.series.score import MINUTES


def kg(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KG), "--store", str(store), *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("series") / "kg"
    assert kg("ingest", str(MINUTES), store=store).returncode == 0
    return store


def test_owners_as_of_and_open_actions_from_the_command_line(series: Path) -> None:
    store = series
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


def test_a_curator_undoes_a_link_from_the_command_line(series: Path) -> None:
    store = series
    listed = json.loads(
        kg("actions", "--status", "done", "--q", "certificates", "--json", store=store).stdout
    )
    ident = listed["actions"][0]["history"]["id"]
    history = json.loads(kg("actions", "--history", ident, "--json", store=store).stdout)
    assert len(history["mentions"]) == 5
    last = history["links"][-1]  # the 'done' mention joined to the one before it
    undone = kg("unlink", last["from"], last["to"], store=store)
    assert undone.returncode == 0, undone.stderr
    assert "text similarity" in undone.stdout and "curation.json" in undone.stdout
    recorded = json.loads((store / "curation.json").read_text(encoding="utf-8"))
    assert recorded["decisions"] == [{"op": "undo", "later": last["from"], "earlier": last["to"]}]
    # the certificates are an open action again (4 mentions), the 'done' one is its own
    after = json.loads(kg("actions", "--history", ident, "--json", store=store).stdout)
    assert len(after["mentions"]) == 4 and after["status"] == "open"
    # the derived graph in the store says so too
    asked = kg(
        "query",
        "ASK { GRAPH ?g { ?a <https://w3id.org/minutes-kg/ontology#restates> "
        f"?b }} FILTER(?a = <{last['from']}>) }}",
        store=store,
    )
    assert asked.returncode == 0 and "false" in asked.stdout.lower()
    again = kg("unlink", last["from"], last["to"], store=store)
    assert again.returncode == 1 and again.stderr.count("\n") == 1
    assert again.stderr.startswith("error: no time link")
    # the rewritten time graph left the merged default graph right
    from graph.store import OxigraphStore
    from tests.helpers import merged_graph_state

    written = OxigraphStore(store, read_only=True)
    default, distinct, stray = merged_graph_state(written)
    written.close()
    assert (default, stray) == (distinct, 0)
