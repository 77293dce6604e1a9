"""Resolving what a user typed: names, aliases, first names, typos; unknown and ambiguous names."""

from __future__ import annotations

import pytest

from graph.errors import AmbiguousEntity, EntityNotFound
from graph.names import EntityRef, NameIndex

PEOPLE = [
    EntityRef("urn:p:fe", "Frossie Economou", "Person", ("Fro ssie",)),
    EntityRef("urn:p:rl", "Robert Lupton", "Person"),
    EntityRef("urn:p:rg", "Robert Gruendl", "Person"),
    EntityRef("urn:c:butler", "butler", "Component", ("daf_butler", "Butler")),
    EntityRef("urn:t:suit", "SUIT", "Team"),
    EntityRef("urn:c:suit", "SUIT", "Component"),
]


@pytest.fixture()
def index() -> NameIndex:
    return NameIndex(PEOPLE)


def test_names_and_aliases_match_whatever_the_case(index):
    assert index.resolve("BUTLER").id == "urn:c:butler"
    assert index.resolve("  daf_butler ").id == "urn:c:butler"


def test_a_unique_first_name_finds_the_person(index):
    assert index.resolve("frossie").id == "urn:p:fe"


def test_a_first_name_shared_by_two_people_is_ambiguous(index):
    with pytest.raises(AmbiguousEntity) as err:
        index.resolve("Robert")
    assert {c["name"] for c in err.value.candidates} == {"Robert Lupton", "Robert Gruendl"}


def test_a_small_typo_is_forgiven_but_nonsense_is_not_found(index):
    assert index.resolve("Frossie Economu").id == "urn:p:fe"
    with pytest.raises(EntityNotFound) as err:
        index.resolve("qwertyuiop")
    assert all("name" in s for s in err.value.suggestions)


def test_one_name_for_two_types_is_ambiguous_unless_a_type_is_given(index):
    with pytest.raises(AmbiguousEntity):
        index.resolve("suit")
    assert index.resolve("suit", types=["Team"]).id == "urn:t:suit"
