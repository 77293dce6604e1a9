"""Issue 16 item 5: nothing is passed over without a word, and no file name can forge output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hardening.conftest import export_nq, fail_lines, kg, minutes


def test_symlink_loops_and_other_files_are_reported_and_the_rest_ingested(
    seeded_store: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(minutes("Loop sync"), encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not minutes")
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    out = kg("ingest", str(folder), store=seeded_store)
    assert "Traceback" not in out.stderr
    assert out.returncode == 1  # a folder that was not searched is a failure
    (loop,) = fail_lines(out.stderr)
    assert "loop" in loop and "symbolic link" in loop
    skips = [ln for ln in out.stderr.splitlines() if ln.startswith("skip")]
    assert any("photo.jpg" in ln and "not a minutes file" in ln for ln in skips)
    assert "1 of 1 documents ingested" in out.stdout
    assert any("graph/good>" in q for q in export_nq(seeded_store))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its mode")
def test_an_unreadable_folder_is_a_failure_not_a_silence(
    seeded_store: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "inside.txt").write_text(minutes("Locked"), encoding="utf-8")
    (folder / "good.txt").write_text(minutes("Open sync"), encoding="utf-8")
    (folder / "locked").chmod(0)
    try:
        out = kg("ingest", str(folder), store=seeded_store)
    finally:
        (folder / "locked").chmod(0o755)
    assert out.returncode == 1
    (line,) = fail_lines(out.stderr)
    assert "locked" in line and "cannot be read" in line


def test_a_newline_in_a_file_name_cannot_forge_an_ok_line(
    seeded_store: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "x.txt\nok    forged.txt").write_text(minutes("Forged sync"), encoding="utf-8")
    out = kg("ingest", str(folder), store=seeded_store)
    assert out.returncode == 0, out.stderr
    ok_lines = [ln for ln in out.stdout.splitlines() if ln.startswith("ok")]
    assert len(ok_lines) == 1
    assert "x.txt\\nok    forged.txt" in ok_lines[0]


def test_bytes_that_are_not_utf8_are_reported_with_the_encoding_chosen(
    seeded_store: Path, tmp_path: Path
) -> None:
    path = tmp_path / "legacy.txt"
    quoted = "\u201cship it\u201d\n".encode("cp1252")  # not UTF-8
    path.write_bytes(minutes("Legacy sync").encode("utf-8") + quoted)
    out = kg("ingest", str(path), store=seeded_store)
    assert out.returncode == 0, out.stderr
    (line,) = [ln for ln in out.stdout.splitlines() if ln.startswith("ok")]
    assert "not valid UTF-8: decoded as cp1252" in line
