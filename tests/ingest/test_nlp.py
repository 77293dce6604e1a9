"""The fast pass: vocabulary terms, tickets, documents, packages and cue phrases."""

from __future__ import annotations

import pytest

from ingest.extract.nlp import (
    Matchers,
    build_matchers,
    find_cues,
    find_name_runs,
    find_terms,
    split_sentences,
)
from ingest.resolve.vocab import load_vocabulary


@pytest.fixture(scope="session")
def matchers() -> Matchers:
    return build_matchers(load_vocabulary())


def _terms(text: str, matchers: Matchers) -> list[tuple[str, str, str]]:
    return [(f.type, f.name, text[f.start : f.end]) for f in find_terms(text, matchers)]


def test_vocabulary_terms_are_found_with_their_canonical_names(matchers: Matchers) -> None:
    text = "DAX wants Qserv behind the Butler."
    assert _terms(text, matchers) == [
        ("Team", "Data Access", "DAX"),
        ("Component", "Qserv", "Qserv"),
        ("Component", "butler", "Butler"),
    ]


def test_exact_terms_keep_their_case(matchers: Matchers) -> None:
    assert _terms("future architectures skew towards many cores", matchers) == []


def test_tickets_and_numbered_documents_are_told_apart(matchers: Matchers) -> None:
    text = "See DMTN-148 and DM-6663; COVID-19 is no ticket."
    assert _terms(text, matchers) == [
        ("Document", "DMTN-148", "DMTN-148"),
        ("Ticket", "DM-6663", "DM-6663"),
    ]


def test_package_names_follow_the_prefixes_but_not_placeholders(matchers: Matchers) -> None:
    text = "Port meas_base to the new API, unlike obs_foo."
    assert _terms(text, matchers) == [("Component", "meas_base", "meas_base")]


def test_entries_run_together_by_an_export_are_still_found(matchers: Matchers) -> None:
    text = "SQuaRE (Frossie Economou)Data Facility (Unknown User (mbutler))DAX (Fritz Mueller)"
    names = [name for _, name, _ in _terms(text, matchers)]
    assert names == ["SQuaRE", "LSST Data Facility", "Data Access"]


def test_cue_phrases_are_found_longest_first(matchers: Matchers) -> None:
    text = "JDS will act as point of contact for SQuaRE."
    (cue,) = [c for c in find_cues(text, matchers) if c.predicate != "decision"]
    assert (cue.predicate, text[cue.start : cue.end]) == (
        "responsibleFor",
        "act as point of contact for",
    )


def test_decision_and_not_decision_cues(matchers: Matchers) -> None:
    assert {c.predicate for c in find_cues("It was agreed that we drop Gen2.", matchers)} == {
        "decision"
    }
    assert "not_decision" in {c.predicate for c in find_cues("We will need to see.", matchers)}


def test_sentences_split_at_stops_and_lines_without_their_bullets() -> None:
    text = "- First point. Second point\n· Third.Fourth"
    spans = split_sentences(text, [(0, len(text))])
    assert [text[s:e] for s, e in spans] == ["First point.", "Second point", "Third.", "Fourth"]


def test_name_runs_allow_a_stray_fragment_between_capitalised_words() -> None:
    runs = [r.text for r in find_name_runs("Moderator: Fro ssie Economou; then KTL spoke")]
    assert runs == ["Moderator", "Fro ssie Economou", "KTL"]


def test_named_teams_and_organisations_need_no_vocabulary(matchers: Matchers) -> None:
    text = "Alice leads the Release team; Priya Raman from Larkspur Labs helps the DAX team."
    assert _terms(text, matchers) == [
        ("Team", "Release team", "Release team"),
        ("Organization", "Larkspur Labs", "Larkspur Labs"),
        ("Team", "Data Access", "DAX"),  # a known team keeps its name
    ]


def test_github_and_cve_keys_are_tickets_and_proposals_documents(matchers: Matchers) -> None:
    text = "Fix #1423 (CVE-2024-3321) per QEP-12; Rehearsal #2 is not an issue."
    assert _terms(text, matchers) == [
        ("Ticket", "#1423", "#1423"),
        ("Ticket", "CVE-2024-3321", "CVE-2024-3321"),
        ("Document", "QEP-12", "QEP-12"),
    ]


def test_a_projects_hyphenated_packages_are_components(matchers: Matchers) -> None:
    # the project's name written as a name is (inside a sentence; a capital opening a line or
    # a label proves nothing since 98e79f1), its packages by the name and a hyphen
    text = (
        "We build Quarry: quarry-core is used by quarry-ci. "
        "A self-describing, self-maintained format."
    )
    assert [name for _, name, _ in _terms(text, matchers)] == [
        "quarry",
        "quarry-core",
        "quarry-ci",
    ]


def test_a_lower_case_team_follows_the(matchers: Matchers) -> None:
    text = "Olusegun leads the security response team; the whole team agreed."
    assert _terms(text, matchers) == [("Team", "security response team", "security response team")]


def test_a_one_letter_typo_of_a_component_the_document_names_is_that_component(
    matchers: Matchers,
) -> None:
    text = "The butler API. Butler users want a butter dev demo; the docket is full."
    assert _terms(text, matchers) == [
        ("Component", "butler", "butler"),
        ("Component", "butler", "Butler"),
        ("Component", "butler", "butter"),
    ]


def test_an_initial_or_a_title_ends_no_sentence() -> None:
    text = "Dr. Ifeoma Chukwu and Robert K. Abernathy gave the report. Then we left."
    assert [text[s:e] for s, e in split_sentences(text, [(0, len(text))])] == [
        "Dr. Ifeoma Chukwu and Robert K. Abernathy gave the report.",
        "Then we left.",
    ]


def test_a_handle_reported_speaking_is_a_person_and_a_software_name_is_not() -> None:
    from ingest.model import SourceText
    from ingest.pipeline import extract_source

    text = (
        "# P2P meeting 2024-08-25\n\n"
        "- qorvath said the backport is not urgent at all.\n"
        "- numpy noted nothing, of course.\n"
    )
    entities = extract_source(SourceText("m.md", text)).entities
    people = {e.name for e in entities if e.type == "Person"}
    assert "qorvath" in people and "numpy" not in people
