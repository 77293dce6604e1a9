"""The store a command opens: read commands never create one, and never need the writer's lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.api.conftest import kg_serve
from tests.kg.test_cli import kg, store_dir  # noqa: F401  (the fixture)

READ_COMMANDS = [
    ("owners", "butler"),
    ("deps", "butler"),
    ("query", "SELECT * WHERE { ?s ?p ?o }"),
    ("export",),
    ("validate",),
    ("actions",),
    ("decisions",),
    ("entities",),
    ("documents",),
    ("show", "butler"),
    ("people",),
    ("forget", "team-sync"),
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_mistyped_store_path_is_an_error_and_nothing_is_created(tmp_path: Path, command):
    missing = tmp_path / "no" / "such" / "dir"
    out = kg("--store", str(missing), *command, store=tmp_path / "unused")
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "no store at" in lines[0] and "kg" in lines[0], out.stderr
    assert not (tmp_path / "no").exists()
    assert not (tmp_path / "unused").exists()


def test_init_creates_an_empty_store_that_read_commands_accept(tmp_path: Path):
    store = tmp_path / "new"
    assert kg("init", store=store).returncode == 0
    valid = kg("validate", store=store)
    assert valid.returncode == 0 and "0 triples" in valid.stdout
    again = kg("init", store=store)
    assert again.returncode == 0 and "already" in again.stdout


def test_ingest_creates_the_store_but_not_in_a_folder_of_other_files(tmp_path: Path):
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "thesis.txt").write_text("mine", encoding="utf-8")
    refused = kg("ingest", "data/minutes", store=tmp_path / "papers")
    assert refused.returncode != 0 and "not a minutes-kg store" in refused.stderr
    assert sorted(p.name for p in (tmp_path / "papers").iterdir()) == ["thesis.txt"]


def test_a_store_written_by_a_newer_version_is_refused(store_dir):  # noqa: F811
    (store_dir / "minutes-kg.json").write_text(json.dumps({"format": 99}), encoding="utf-8")
    for command in (("owners", "Scheduler"), ("ingest", "data/minutes")):
        out = kg(*command, store=store_dir)
        assert out.returncode != 0
        assert "newer minutes-kg" in out.stderr and "99" in out.stderr, out.stderr


def test_read_commands_work_while_kg_serve_holds_the_store(store_dir):  # noqa: F811
    with kg_serve(store_dir):
        owners = kg("owners", "Scheduler", store=store_dir)
        assert owners.returncode == 0, owners.stderr
        assert "Ada Lovelace (Person)" in owners.stdout
        assert kg("validate", store=store_dir).returncode == 0
        assert kg("export", "--format", "nq", store=store_dir).stdout.strip()
        for command in (("actions",), ("decisions",), ("documents",), ("people",)):
            done = kg(*command, store=store_dir)
            assert done.returncode == 0 and done.stdout.strip(), (command, done.stderr)
        # a second writer is still refused with a pointer to the running server
        ingest = kg("ingest", "data/minutes", store=store_dir)
        assert ingest.returncode != 0 and "kg serve" in ingest.stderr
