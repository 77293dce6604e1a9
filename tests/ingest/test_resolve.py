"""Name resolution: short names resolve only when the document supports one person."""

from __future__ import annotations

from ingest.model import Entity
from ingest.resolve.people import PROSE, ROSTER, People, initials, name_key
from ingest.resolve.reference import PersonRecord


def _people(*roster: str) -> People:
    people = People()
    for name in roster:
        people.add(name, tier=1)
    return people


def test_initials_and_nicknames_resolve_to_the_one_person_they_fit() -> None:
    people = _people("Kian-Tat Lim", "Simon Krughoff", "John Swinbank")
    assert people.resolve("KTL") == "Kian-Tat Lim"
    assert people.resolve("K-T") == "Kian-Tat Lim"
    assert people.resolve("KT") == "Kian-Tat Lim"
    assert people.resolve("JDS") == "John Swinbank"  # a middle initial the roster omits
    assert people.resolve("KSK") == "Simon Krughoff"


def test_initials_that_fit_two_people_stay_unresolved() -> None:
    people = _people("John Ames Smith", "Jane Anne Smith")
    assert people.resolve("JAS") is None


def test_an_ambiguous_first_name_stays_unresolved() -> None:
    people = _people("Robert Lupton", "Robert Gruendl", "Jim Bosch")
    assert people.resolve("Robert") is None
    assert people.resolve("Jim") == "Jim Bosch"


def test_the_roster_outranks_names_only_seen_in_prose() -> None:
    people = _people("John Swinbank")
    people.add("Jonathan Sick", tier=2)
    assert people.resolve("JDS") == "John Swinbank"
    assert people.resolve("Jonathan") == "Jonathan Sick"


def test_typos_resolve_to_the_attendee_but_near_words_do_not() -> None:
    people = _people("Margaret Gelman", "Frossie Economou", "Wil O'Mullane")
    assert people.resolve("Margret") == "Margaret Gelman"
    assert people.resolve("Fro ssie Economou") == "Frossie Economou"
    assert people.resolve("Will") is None  # an English word, not Wil
    assert "Margret" in people.get("Margaret Gelman").aliases


def test_a_short_form_of_a_full_name_joins_that_person() -> None:
    people = _people("Christopher Waters")
    assert people.add("Chris Waters", tier=2) == "Christopher Waters"
    assert people.get("Christopher Waters").aliases == ["Chris Waters"]


def test_a_deactivated_account_is_a_person_named_by_the_username() -> None:
    people = _people("Unknown User (npease)")
    assert people.resolve("Unknown User (npease)") == "npease"
    assert "Unknown User (npease)" in people.get("npease").aliases


def test_a_directory_names_the_person_behind_an_account() -> None:
    record = PersonRecord("John D. Swinbank", "John D.", "Swinbank", ("swinbank",))
    people = People(directory=[record])
    assert people.add("Unknown User (swinbank)", tier=1) == "John D. Swinbank"


def test_known_people_from_other_documents_resolve_first_names() -> None:
    known = Entity("https://w3id.org/minutes-kg/id/person/jacek-becla", "Person", "Jacek Becla")
    people = People(known=[(known.name, known.aliases)])
    assert people.resolve("Jacek") == "Jacek Becla"


def test_names_that_are_not_people_are_never_resolved() -> None:
    people = People(not_persons=["moderator"])
    assert people.add("Moderator Team", tier=1) is None
    assert people.persons == {}


def test_keys_and_initials() -> None:
    assert name_key("Zeljko Ivezić") == name_key("zeljko ivezic")
    assert initials("Gregory Dubois-Felsmann") == "GDF"


def test_an_initial_and_a_surname_name_the_roster_person() -> None:
    people = _people("Marcus Bell", "Olusegun Adeyemi")
    assert people.add("M. Bell", tier=1) == "Marcus Bell"
    assert people.resolve("O. Adeyemi") == "Olusegun Adeyemi"
    assert set(people.persons) == {"Marcus Bell", "Olusegun Adeyemi"}


def test_a_handle_from_the_roster_names_its_person() -> None:
    people = _people("Alice Nakamura")
    people.add_handle("Alice Nakamura", "anakamura")
    assert people.resolve("@anakamura") == "Alice Nakamura"
    assert people.resolve("@someone") is None


def test_two_letter_initials_only_where_a_name_is_expected() -> None:
    people = _people("Dmitri Volkov")
    assert people.resolve("DV") is None
    assert people.resolve("DV", short_initials=True) == "Dmitri Volkov"


def test_a_word_one_edit_from_a_surname_is_not_that_person() -> None:
    people = _people("Ben Carter")
    assert people.resolve("Charter") is None


def test_a_directory_supports_full_names_not_bare_words() -> None:
    directory = [
        PersonRecord("Morgan May", "Morgan", "May", ("mmay",)),
        PersonRecord("K. Simon Krughoff", "K. Simon", "Krughoff", ("krughoff",)),
    ]
    people = People(directory=directory)
    assert people.resolve("May") is None  # a month, whatever the directory says
    assert people.add("Simon Krughoff", tier=1) == "Simon Krughoff"  # the document's spelling
    assert "K. Simon Krughoff" in people.get("Simon Krughoff").aliases
    assert people.resolve("Simon") == "Simon Krughoff"


def test_a_first_name_and_an_initial_name_the_roster_person() -> None:
    people = _people("Yuki Tanaka", "Yuki Sato")
    assert people.add("Yuki T.", tier=1) == "Yuki Tanaka"
    assert set(people.persons) == {"Yuki Tanaka", "Yuki Sato"}


def test_a_handle_resolves_to_the_one_listed_person_whose_name_it_spells() -> None:
    people = People()
    people.add("Hana Kobayashi", 1)
    people.add("Anna Berg", 1)
    assert people.resolve("@hkobayashi") == "Hana Kobayashi"
    assert people.resolve("@anna") == "Anna Berg"
    assert people.resolve("@zed") is None


def test_a_misspelt_first_name_with_the_same_surname_is_the_listed_person() -> None:
    people = People()
    people.add("Margarethe Lindqvist", 1)
    assert people.add("Margret Lindqvist", 1) == "Margarethe Lindqvist"
    assert people.add("Jon Lindqvist", 1) == "Jon Lindqvist"


def test_given_names_without_the_family_name_are_the_same_person() -> None:
    people = People()
    people.add("Li Wei Tan", ROSTER)
    assert people.add("Li Wei", PROSE) == "Li Wei Tan"
    assert people.resolve("Li Wei") == "Li Wei Tan"


def test_two_known_names_side_by_side_are_not_a_new_person() -> None:
    people = People()
    people.add("Lena Doss", ROSTER)
    people.add("Bora Kim", ROSTER)
    assert people.add("Lena Doss Bora Kim", ROSTER) is None
    assert people.split_pair("Lena Doss Bora Kim") == ("Lena Doss", "Bora Kim")
    assert people.split_pair("Anna Maria Lopez") is None


def test_a_handle_spelled_from_every_given_name_names_the_person() -> None:
    people = People()
    people.add("Li Wei Tan", ROSTER)
    assert people.resolve("@lwtan") == "Li Wei Tan"
    assert people.resolve("@liweitan") == "Li Wei Tan"


def test_names_in_any_script_are_full_names_and_keep_their_letters() -> None:
    people = People()
    assert people.add("Дарья Соколова", PROSE) == "Дарья Соколова"
    assert people.add("Şule Kaya", PROSE) == "Şule Kaya"
    assert name_key("Şule") == "sule" and name_key("Łukasz") == "lukasz"
    assert people.resolve("Sule Kaya") == "Şule Kaya"
    assert people.resolve("Соколова") == "Дарья Соколова"


def test_a_quoted_nickname_and_roll_call_initials_name_the_person() -> None:
    people = People()
    assert people.add('Alexandra "Sasha" Ivanova', ROSTER) == "Alexandra Ivanova"
    people.add("Rosalind Achterberg", ROSTER)
    people.add_short_name("Rosalind Achterberg", "RA")
    assert people.resolve("Sasha") == "Alexandra Ivanova"
    assert people.resolve("RA") == "Rosalind Achterberg"


def test_a_longer_given_name_is_another_person_and_a_shorter_one_its_short_form() -> None:
    people = People()
    people.add("Daniel Kim", ROSTER)
    people.add("Andrew Bowden", ROSTER)
    assert people.resolve("Daniela") is None  # one letter more: another name, not a typo
    assert people.resolve("Dan") == "Daniel Kim"  # the start of one given name
    assert people.resolve("And") is None  # an English word is no short name


def test_usual_short_forms_and_a_misspelt_surname_resolve_to_the_full_name() -> None:
    from ingest.resolve.people import People

    people = People()
    for name in ("Michael Dolan", "Omer Husain", "Ana Lima"):
        people.add(name, 1)
    assert people.resolve("Mike Dolan") == "Michael Dolan"
    assert people.resolve("Mike") == "Michael Dolan"
    assert people.resolve("Omer Husein") == "Omer Husain"
    assert people.resolve("Ana Lina") is None  # a short surname one letter off: another name
    assert people.resolve("Bob") is None


def test_a_usual_short_form_names_a_person_known_by_one_name() -> None:
    from ingest.resolve.people import People

    people = People()
    people.add_listed("Stephen", 1)
    people.add_listed("Kent", 1)
    assert people.resolve("Steve") == "Stephen"


def test_a_phrase_of_lower_case_dictionary_words_is_no_name() -> None:
    from ingest.resolve.people import common_phrase

    assert common_phrase("Board Roles") and common_phrase("Other Business")
    assert not any(common_phrase(n) for n in ("Will Price", "Bin Chen", "Mark Baker", "Ana"))
