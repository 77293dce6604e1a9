"""Issue 16 item 2: a document over its size or time budget fails with one clear line, nothing
of it reaches the store, and the batch goes on with the next file."""

from __future__ import annotations

from pathlib import Path

from tests.hardening.conftest import export_nq, fail_lines, kg, minutes


def _bullets(n: int) -> str:
    return "# Sync 2024-05-01\n\n" + "".join(
        f"- Ana Lima to review DM-{i} and update the docs by Friday\n" for i in range(n)
    )


def test_a_document_over_the_size_budget_fails_and_the_next_file_is_ingested(
    seeded_store: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-big.md").write_text(_bullets(2_000), encoding="utf-8")
    (folder / "b-good.txt").write_text(minutes("Budget sync"), encoding="utf-8")
    out = kg("ingest", str(folder), store=seeded_store, env={"KG_DOCUMENT_MAX_BYTES": "20000"})
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    (line,) = fail_lines(out.stderr)
    assert "a-big.md" in line and "size limit of 20,000 bytes" in line
    assert "1 of 2 documents ingested" in out.stdout
    graph = "\n".join(export_nq(seeded_store))
    assert "graph/b-good>" in graph and "graph/a-big>" not in graph


def test_a_document_over_the_time_budget_is_stopped_and_the_next_file_is_ingested(
    seeded_store: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-slow.md").write_text(_bullets(20_000), encoding="utf-8")  # minutes of parsing
    (folder / "b-good.txt").write_text(minutes("Time budget sync"), encoding="utf-8")
    before = set(export_nq(seeded_store))
    out = kg("ingest", str(folder), "--max-seconds", "8", store=seeded_store)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    (line,) = fail_lines(out.stderr)
    assert "a-slow.md" in line and "time budget of 8 s" in line
    after = set(export_nq(seeded_store))
    assert not any("graph/a-slow>" in q for q in after)
    assert any("graph/b-good>" in q for q in after - before)


def test_kg_extract_of_a_document_over_budget_says_so_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "slow.md"
    path.write_text(_bullets(20_000), encoding="utf-8")
    out = kg("extract", str(path), "--max-seconds", "5", store="memory")
    assert out.returncode == 1
    assert out.stdout == ""
    (line,) = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert line.startswith("error: ") and "time budget of 5 s" in line


def test_a_slow_document_among_good_ones_fails_alone(seeded_store: Path, tmp_path: Path) -> None:
    """Documents are extracted several at a time (the parser batches across them); a slow
    one among them fails on its own and its neighbours, before and after, are ingested."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-good.txt").write_text(minutes("First sync"), encoding="utf-8")
    (folder / "b-slow.md").write_text(_bullets(20_000), encoding="utf-8")
    (folder / "c-good.txt").write_text(minutes("Third sync"), encoding="utf-8")
    before = set(export_nq(seeded_store))
    out = kg("ingest", str(folder), "--max-seconds", "8", store=seeded_store)
    assert out.returncode == 1
    (line,) = fail_lines(out.stderr)
    assert "b-slow.md" in line and "time budget of 8 s" in line
    assert "2 of 3 documents ingested" in out.stdout
    added = set(export_nq(seeded_store)) - before
    assert any("graph/a-good>" in q for q in added) and any("graph/c-good>" in q for q in added)
