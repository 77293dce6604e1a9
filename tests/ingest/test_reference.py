"""Optional imports of a people directory, a glossary and a component catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.resolve.reference import load_catalog, load_directory, load_glossary, merge_glossary
from ingest.resolve.vocab import Term, VocabularyError

AUTHORDB = """\
affiliations:
  NCSA:
    department: National Center for Supercomputing Applications
    institute: University of Illinois at Urbana-Champaign
authors:
  swinbank:
    affil: [NCSA]
    email: swinbank
    family_name: Swinbank
    given_name: John D.
  DMLT:
    affil: [NCSA]
    email: null
    family_name: Data Management Leadership Team
    given_name: ''
  economou:
    affil: []
    email: frossie@example.org
    family_name: Economou
    given_name: Frossie
"""


def test_directory_people_carry_their_usernames(tmp_path: Path) -> None:
    path = tmp_path / "authordb.yaml"
    path.write_text(AUTHORDB)
    directory = load_directory(path)
    by_name = {p.name: p for p in directory.people}
    assert set(by_name) == {"John D. Swinbank", "Frossie Economou"}  # groups are not people
    assert by_name["John D. Swinbank"].usernames == ("swinbank",)
    assert "frossie" in by_name["Frossie Economou"].usernames
    assert by_name["John D. Swinbank"].affiliations == ("NCSA",)


def test_directory_affiliations_become_organizations(tmp_path: Path) -> None:
    path = tmp_path / "authordb.yaml"
    path.write_text(AUTHORDB)
    (ncsa,) = load_directory(path).organizations
    assert ncsa == Term(
        "Organization", "NCSA", ("National Center for Supercomputing Applications",)
    )


def test_a_file_that_is_not_a_directory_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("- just a list\n")
    with pytest.raises(VocabularyError, match="authors"):
        load_directory(path)


def test_glossary_joins_an_acronym_to_the_team_it_expands_to(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text(
        "\ufeffTerm,Description\n"
        "DAX,Data Access Services\n"
        "DAC,Data Access Center\n"
        "APDB,Alert Production DataBase\n",
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    terms = merge_glossary([Term("Team", "Data Access"), Term("Component", "APDB")], glossary)
    data_access, apdb = terms
    assert "DAX" in data_access.aliases
    assert "DAC" not in data_access.aliases  # a data access *center* is another thing
    assert apdb.aliases == ("Alert Production DataBase",)


def test_catalog_keeps_only_names_that_cannot_be_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "repos.yaml"
    path.write_text(
        "ctrl_pool: https://example.org/ctrl_pool.git\n"
        "lua: https://example.org/lua.git\n"
        "sconsUtils: https://example.org/sconsUtils.git\n"
        "obs_foo: https://example.org/obs_foo.git\n"
    )
    names = {t.name for t in load_catalog(path, placeholders=["foo"])}
    assert names == {"ctrl_pool", "sconsUtils"}
