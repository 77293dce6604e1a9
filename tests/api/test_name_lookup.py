"""Names as people type them resolve to the entity they mean, over the sample minutes
ingested by the real pipeline: case, accents, plurals, typos, surnames, word prefixes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.errors import AmbiguousEntity, EntityNotFound
from graph.names import NameIndex
from graph.store import open_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def names(sample_store: Path) -> NameIndex:
    return NameIndex.from_store(open_store(str(sample_store), read_only=True))


@pytest.mark.parametrize(
    ("typed", "name", "kind"),
    [
        ("Butlr", "butler", "Component"),  # a typo
        ("butlers", "butler", "Component"),  # a plural
        ("qserve", "Qserv", "Component"),
        ("QSERV", "Qserv", "Component"),  # case
        ("Frosie", "Frossie Economou", "Person"),  # a typo of a first name
        ("Swinbank", "John Swinbank", "Person"),  # a surname
        ("alert prod", "Alert Production", "Team"),  # word prefixes
    ],
)
def test_names_as_people_type_them(names: NameIndex, typed: str, name: str, kind: str) -> None:
    found = names.resolve(typed)
    assert (found.name, found.type) == (name, kind)


def test_unknown_and_too_short_names_are_not_guessed(names: NameIndex) -> None:
    with pytest.raises(EntityNotFound):
        names.resolve("nonsense-xyz")
    with pytest.raises((EntityNotFound, AmbiguousEntity)):
        names.resolve("b")


def test_the_cli_resolves_them_too(sample_store: Path, tmp_path: Path) -> None:
    # a copy: the session's `kg serve` may hold the sample store's lock
    copy = tmp_path / "kg"
    shutil.copytree(sample_store, copy, ignore=shutil.ignore_patterns("LOCK"))
    env = {**os.environ, "KG_STORE": str(copy)}
    out = subprocess.run(
        [sys.executable, "-m", "kg.cli", "owners", "alert prod", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["entity"]["name"] == "Alert Production"
