"""Time read through the identity work's canonical nodes (graph/identity.py): one person
under two spellings across a series is one owner, one assignee, one action."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.api.conftest import KG

# an invented series: 'Priya' alone in the first meeting, 'Priya Raman' afterwards
HERON = {
    "heron_sync_2025-03-04.md": """# Heron sync — 4 March 2025

**Attendees:** Priya, Oskar Lund

## Updates

- Priya owns quillstore, the archive service.

## Action items

- [ ] Priya to write the quillstore backup runbook
""",
    "heron_sync_2025-03-11.md": """# Heron sync — 11 March 2025

**Attendees:** Priya Raman, Oskar Lund

## Updates

- Priya Raman is responsible for quillstore; the backups now run nightly.

## Action items

- [ ] Priya Raman: quillstore backup runbook - carried over
""",
    "heron_sync_2025-03-18.md": """# Heron sync — 18 March 2025

**Attendees:** Priya Raman, Oskar Lund

## Updates

- Oskar Lund now owns quillstore, taking over from Priya.

## Action items

- [x] Priya Raman: quillstore backup runbook (done)
""",
}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("heron")
    for name, text in HERON.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = folder / "kg"
    done = subprocess.run(
        [str(KG), "--store", str(store), "ingest", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return store


def test_one_person_under_two_spellings_is_one_owner_over_time(store_dir: Path) -> None:
    from graph.queries import owners
    from graph.store import open_store
    from graph.timeline import TimeIndex

    store = open_store(store_dir, read_only=True)
    try:
        timeline = TimeIndex.from_store(store)

        def on(day: str | None) -> tuple[list[str], list[tuple[str, str | None, str | None]]]:
            found = owners(store, "quillstore", as_of=day, timeline=timeline)
            return (
                [o.name for o in found.owners],
                [(o.name, o.valid_from, o.valid_to) for o in found.superseded],
            )

        # she owned it from the first meeting, when the minutes wrote her first name only
        assert on("2025-03-05") == (["Priya Raman"], [])
        assert on("2025-03-12") == (["Priya Raman"], [])
        # one period, opened by 'Priya' and closed by the handover
        assert on(None) == (["Oskar Lund"], [("Priya Raman", "2025-03-04", "2025-03-18")])
    finally:
        store.close()


def test_one_assignee_under_two_spellings_is_one_action(store_dir: Path) -> None:
    from graph.outcomes import actions
    from graph.store import open_store
    from graph.timeline import TimeIndex

    store = open_store(store_dir, read_only=True)
    try:
        timeline = TimeIndex.from_store(store)
        (done,) = actions(store, status="done", assignee="Priya", timeline=timeline)
        assert done.history is not None and done.history["mentions"] == 3
        assert done.history["first_mentioned"] == "2025-03-04"
        assert actions(store, status="open", timeline=timeline) == []
    finally:
        store.close()
