"""Actions written as sentences: "DV to regenerate the alerts once the pin is in."."""

from __future__ import annotations

from ingest.structure.delegations import find_delegations, known_names, restates, same_person

ROSTER = "Attendees: Dana Voss, Kian-Tat Lim, Ruth Okoye\n"


def _found(notes: str) -> list[str]:
    text = ROSTER + notes
    return [text[s:e] for s, e in find_delegations(text, known_names(text))]


def test_known_people_initials_and_first_names_lead_prose_actions() -> None:
    notes = "Two nights were bad. DV to regenerate the alerts. KTL to review. Ruth to check.\n"
    assert _found(notes) == ["DV to regenerate the alerts.", "KTL to review.", "Ruth to check."]


def test_unknown_words_and_passives_are_not_people_given_work() -> None:
    notes = "Windows to be dropped. QA to follow later. Thanks to Dana for the slides.\n"
    assert _found(notes) == []


def test_a_sentence_wrapped_onto_a_lower_case_line_continues() -> None:
    notes = "The vote passed. Ruth to send the\ninvitation to the new committer.\nNext item.\n"
    assert _found(notes) == ["Ruth to send the\ninvitation to the new committer."]


def test_one_person_written_three_ways() -> None:
    assert same_person("DV", "Dana Voss")
    assert same_person("Dana", "Dana Voss")
    assert not same_person("RO", "Dana Voss")


def test_a_note_that_restates_a_listed_item_of_the_same_person() -> None:
    listed = [("ask the centre whether the cluster upgrade can move to 27 Jun", ["Ruth Okoye"])]
    assert restates("RO to check whether the upgrade can slip a day", ["RO"], listed)
    assert not restates("RO to book the meeting room", ["RO"], listed)
    assert not restates("DV to check whether the upgrade can slip", ["DV"], listed)


def test_a_handle_leads_a_prose_action() -> None:
    assert _found("Release is close. @rokoye to cut rc1 on Friday.\n") == [
        "@rokoye to cut rc1 on Friday."
    ]
