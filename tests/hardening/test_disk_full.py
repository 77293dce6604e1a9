"""Issue 16 item 4: a store whose disk fills up during ingest.

Each document that cannot be written gets one line, the batch a summary and exit code 1, no
traceback; documents that must fail are not extracted once the store refuses writes; once
space is freed the same command writes them, without anything to repair. Needs root (a small
tmpfs is the full disk); skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hardening.conftest import ROOT, export_nq, fail_lines, kg


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    where = tmp_path / "disk"
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace')}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_disk_full_fails_each_document_cleanly_and_writes_again_once_space_is_freed(
    small_disk: Path, tmp_path: Path
) -> None:
    sample = sorted((ROOT / "data" / "minutes").glob("*.txt"))[0].read_text(encoding="utf-8")
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(12):
        (folder / f"doc{i:02d}.txt").write_text(f"{sample}\nNote {i}.\n", encoding="utf-8")
    store = small_disk / "store"
    out = kg("ingest", str(folder), store=store)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert "documents ingested into" in out.stdout  # the summary
    failed = fail_lines(out.stderr)
    assert failed, "a 1.2 MB disk holds twelve documents: the test disk is too large"
    assert any("No space left" in ln for ln in failed)
    assert all("No space left" in ln or "disk full" in ln for ln in failed)
    assert any("nothing was extracted" in ln for ln in failed)  # not extracted for nothing
    subprocess.run(["mount", "-o", "remount,size=30m", str(small_disk)], check=True)
    again = kg("ingest", str(folder), store=store)
    assert again.returncode == 0, again.stderr
    assert "12 of 12 documents ingested" in again.stdout
    graphs = {q.split()[-2] for q in export_nq(store)}
    assert all(any(f"graph/doc{i:02d}>" in g for g in graphs) for i in range(12))
