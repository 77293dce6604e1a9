"""Relations and decisions read from sentences, each with its exact evidence quote.

These run the real chain (clean, structure, spaCy) on small literal minutes.
"""

from __future__ import annotations

import pytest

from ingest.model import Extraction, SourceText
from ingest.pipeline import Resources, extract_source, load_resources
from ontology.ids import entity_iri

ROSTER = "Attendees: Alice Smith, Robert Lupton, Robert Gruendl, Kian-Tat Lim, Margaret Gelman\n\n"


@pytest.fixture(scope="session")
def resources() -> Resources:
    return load_resources()


def _extract(body: str, resources: Resources) -> tuple[Extraction, str]:
    text = "Weekly sync 2024-03-12\n\n" + ROSTER + "Notes\n\n" + body + "\n"
    return extract_source(SourceText("sync.txt", text), resources), text


def _triples(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {
        (r.subject, r.predicate, r.object)
        for r in extraction.relations
        if r.predicate != "attended"
    }


PERSON = lambda name: entity_iri("Person", name)  # noqa: E731
COMPONENT = lambda name: entity_iri("Component", name)  # noqa: E731
TEAM = lambda name: entity_iri("Team", name)  # noqa: E731


def test_is_responsible_for_gives_responsible_for_with_the_exact_quote(
    resources: Resources,
) -> None:
    extraction, text = _extract("Alice Smith is responsible for Qserv.", resources)
    (relation,) = [r for r in extraction.relations if r.predicate == "responsibleFor"]
    assert (relation.subject, relation.object) == (PERSON("Alice Smith"), COMPONENT("Qserv"))
    (evidence,) = relation.evidence
    assert evidence.quote == "Alice Smith is responsible for Qserv."
    assert text[evidence.start : evidence.end] == evidence.quote


def test_a_dependency_sentence_points_from_the_user_to_the_used(resources: Resources) -> None:
    extraction, _ = _extract("Qserv depends on the butler.", resources)
    assert _triples(extraction) == {(COMPONENT("Qserv"), "dependsOn", COMPONENT("butler"))}


def test_a_passive_cue_makes_the_agent_the_owner(resources: Resources) -> None:
    extraction, _ = _extract("Firefly is maintained by SUIT.", resources)
    assert _triples(extraction) == {(TEAM("SUIT"), "responsibleFor", COMPONENT("Firefly"))}


def test_a_request_names_what_is_wanted(resources: Resources) -> None:
    extraction, _ = _extract("SUIT really wants a Java client to the remote Butler.", resources)
    assert _triples(extraction) == {(TEAM("SUIT"), "requests", COMPONENT("butler"))}


def test_an_ambiguous_first_name_gives_no_person_and_no_relation(resources: Resources) -> None:
    extraction, _ = _extract("Robert is responsible for Firefly.", resources)
    assert _triples(extraction) == set()
    names = {e.name for e in extraction.entities if e.type == "Person"}
    assert "Robert" not in names


def test_unique_initials_resolve_to_the_attendee(resources: Resources) -> None:
    extraction, _ = _extract("KTL will act as point of contact for SQuaRE on this.", resources)
    assert _triples(extraction) == {(PERSON("Kian-Tat Lim"), "responsibleFor", TEAM("SQuaRE"))}


def test_a_typo_resolves_to_the_attendee_and_is_kept_as_an_alias(resources: Resources) -> None:
    extraction, _ = _extract("Margret is working on Firefly.", resources)
    assert _triples(extraction) == {
        (PERSON("Margaret Gelman"), "responsibleFor", COMPONENT("Firefly"))
    }
    margaret = next(e for e in extraction.entities if e.name == "Margaret Gelman")
    assert "Margret" in margaret.aliases


def test_every_attendee_attended_the_meeting_with_the_attendee_line_as_evidence(
    resources: Resources,
) -> None:
    extraction, _ = _extract("Nothing else.", resources)
    attended = [r for r in extraction.relations if r.predicate == "attended"]
    assert len(attended) == 5
    assert all(r.object == extraction.meeting.id for r in attended)
    assert attended[0].evidence[0].quote == ROSTER.strip()


def test_a_roll_call_entry_names_the_team_lead(resources: Resources) -> None:
    body = "Status by team:\n- SQuaRE (Alice Smith)\n- DAX (Kian-Tat Lim)"
    extraction, _ = _extract(body, resources)
    assert _triples(extraction) == {
        (PERSON("Alice Smith"), "leads", TEAM("SQuaRE")),
        (PERSON("Kian-Tat Lim"), "leads", TEAM("Data Access")),
    }


def test_a_person_from_an_organisation_is_a_member(resources: Resources) -> None:
    extraction, _ = _extract("Alice from NCSA called in.", resources)
    assert _triples(extraction) == {
        (PERSON("Alice Smith"), "memberOf", entity_iri("Organization", "NCSA"))
    }


def test_a_decision_sentence_is_a_decision_about_the_components_it_names(
    resources: Resources,
) -> None:
    extraction, _ = _extract("It was agreed that Qserv will move to MariaDB.", resources)
    (decision,) = extraction.decisions
    assert decision.text == "Qserv will move to MariaDB"
    assert decision.about == (COMPONENT("Qserv"), COMPONENT("MariaDB"))
    assert decision.evidence[0].quote == "It was agreed that Qserv will move to MariaDB."


def test_negated_and_questioned_agreements_are_not_decisions(resources: Resources) -> None:
    extraction, _ = _extract(
        "A consensus was not reached on Qserv.\nWas it agreed that Firefly stays?", resources
    )
    assert extraction.decisions == ()


def test_people_listed_after_a_team_are_its_members(resources: Resources) -> None:
    extraction, _ = _extract("The Docs team (Alice, Margaret) asks for a freeze.", resources)
    docs = entity_iri("Team", "Docs team")
    assert _triples(extraction) == {
        (PERSON("Alice Smith"), "memberOf", docs),
        (PERSON("Margaret Gelman"), "memberOf", docs),
    }


def test_a_request_over_a_list_requests_each_listed_component(resources: Resources) -> None:
    body = "SQuaRE wants\n- remote access to butler\n- a Firefly service\n- more coffee"
    extraction, text = _extract(body, resources)
    assert _triples(extraction) == {
        (TEAM("SQuaRE"), "requests", COMPONENT("butler")),
        (TEAM("SQuaRE"), "requests", COMPONENT("Firefly")),
    }
    quotes = {r.evidence[0].quote for r in extraction.relations if r.predicate == "requests"}
    assert quotes == {"remote access to butler", "a Firefly service"}


def test_the_attendee_list_names_affiliations_and_the_chair(resources: Resources) -> None:
    text = (
        "Lumen Accessibility Working Group -- Minutes of 3 Sept 2024\n\n"
        "Present: Ines Moreau, Raj Patel (Northwind University)\n"
        "Chair: Ines Moreau\n\nTopic: contrast\n\nRaj: we need it.\n"
    )
    extraction = extract_source(SourceText("wg.txt", text), resources)
    assert _triples(extraction) == {
        (PERSON("Raj Patel"), "memberOf", entity_iri("Organization", "Northwind University")),
        (PERSON("Ines Moreau"), "leads", TEAM("Lumen Accessibility Working Group")),
    }


def test_a_dependency_on_a_known_component_names_the_unknown_side(resources: Resources) -> None:
    extraction, _ = _extract("metadata depends on butler. Our pipeline depends on it.", resources)
    assert _triples(extraction) == {(COMPONENT("metadata"), "dependsOn", COMPONENT("butler"))}
    assert "metadata" in {e.name for e in extraction.entities if e.type == "Component"}


def test_items_under_a_decisions_heading_are_decisions_but_not_questions(
    resources: Resources,
) -> None:
    text = (
        "# Dev call 2024-03-12\n\n## Decisions\n\n"
        "- The docs sprint keeps the Sphinx theme.\n- Is Qserv frozen?\n"
    )
    extraction = extract_source(SourceText("call.md", text, format="markdown"), resources)
    assert [d.text for d in extraction.decisions] == ["The docs sprint keeps the Sphinx theme"]


def test_package_names_the_parser_would_misread_still_give_their_relation(
    resources: Resources,
) -> None:
    extraction, _ = _extract(
        "daf_skymap relies on ctrl_pool for the release schedule, which makes upgrades slow.",
        resources,
    )
    assert _triples(extraction) == {(COMPONENT("daf_skymap"), "dependsOn", COMPONENT("ctrl_pool"))}


@pytest.mark.parametrize(
    "sentence",
    [
        "Components that are Qserv endpoints are the responsibility of the SUIT team.",
        '"Reader" services that are Firefly endpoints are the responsibility of SUIT.',
    ],
)
def test_a_thing_named_in_a_that_is_clause_is_owned_with_its_head(
    sentence: str, resources: Resources
) -> None:
    extraction, _ = _extract(sentence, resources)
    owned = {o for s, p, o in _triples(extraction) if p == "responsibleFor" and s == TEAM("SUIT")}
    assert owned & {COMPONENT("Qserv"), COMPONENT("Firefly")}


def test_a_name_in_any_other_relative_clause_is_not_owned(resources: Resources) -> None:
    extraction, _ = _extract(
        "Services that depend on Qserv are the responsibility of the SUIT team.", resources
    )
    assert (TEAM("SUIT"), "responsibleFor", COMPONENT("Qserv")) not in _triples(extraction)


def test_one_person_agreeing_that_is_an_opinion_but_we_agreed_is_a_decision(
    resources: Resources,
) -> None:
    ex, _ = _extract(
        "- Alice agreed that the new logo reads better.\n"
        "- We agreed to drop Python 3.8.\n"
        "- Alice Smith and Robert Lupton agreed that the release waits.\n",
        resources,
    )
    assert [d.text for d in ex.decisions] == [
        "drop Python 3.8",
        "Alice Smith and Robert Lupton agreed that the release waits",
    ]


def test_the_person_who_chaired_the_meeting_leads_the_body_the_title_names(
    resources: Resources,
) -> None:
    text = (
        "Quill Steering Council, 2024-05-02\n\nPresent: Ingrid Solberg, Bo Chen\n\n"
        "The meeting was chaired by Ingrid.\n"
    )
    ex = extract_source(SourceText("quill.txt", text), resources)
    assert (PERSON("Ingrid Solberg"), "leads", TEAM("Quill Steering Council")) in _triples(ex)


def test_coined_software_names_carry_their_relations(resources: Resources) -> None:
    ex, _ = _extract(
        "- Alice maintains graftlib.\n- graftlib uses pebblekv for storage.\n", resources
    )
    assert {
        (PERSON("Alice Smith"), "responsibleFor", COMPONENT("graftlib")),
        (COMPONENT("graftlib"), "dependsOn", COMPONENT("pebblekv")),
    } <= _triples(ex)


def test_a_parenthesis_saying_what_the_owned_thing_is_names_it(resources: Resources) -> None:
    ex, _ = _extract("- Alice owns the release tooling (the quillo-release scripts).\n", resources)
    assert (PERSON("Alice Smith"), "responsibleFor", COMPONENT("quillo-release")) in _triples(ex)


def test_chaired_the_meeting_and_a_capitalised_project_after_a_strong_cue(
    resources: Resources,
) -> None:
    html = (
        "<html><head><title>Corvid Steering Council 2024-08-20</title></head><body>"
        "<h1>Corvid Steering Council 2024-08-20</h1><ul>"
        "<li><strong>Present:</strong> Mira Solis, Lars Eide</li></ul>"
        "<ul><li>Mira chaired the meeting.</li>"
        "<li>Lars is the point of contact for Nightjar.</li></ul></body></html>"
    )
    ex = extract_source(SourceText("corvid.html", html, "html"), resources)
    assert {
        (PERSON("Mira Solis"), "leads", TEAM("Corvid Steering Council")),
        (PERSON("Lars Eide"), "responsibleFor", COMPONENT("Nightjar")),
    } <= _triples(ex)


def test_a_group_on_one_side_of_a_dependency_is_not_software(resources: Resources) -> None:
    ex, _ = _extract("- The team relies on GitHub Actions for CI.\n", resources)
    assert not [e for e in ex.entities if e.type == "Component" and e.name == "team"]


def test_it_after_one_named_component_in_the_sentence_stands_for_it(
    resources: Resources,
) -> None:
    ex, _ = _extract("- Alice maintains quillo-lsp; it depends on treeparse.\n", resources)
    assert (COMPONENT("quillo-lsp"), "dependsOn", COMPONENT("treeparse")) in _triples(ex)
    ex, _ = _extract("- It depends on treeparse, says Alice.\n", resources)
    assert not [t for t in _triples(ex) if t[1] == "dependsOn"]


def test_bumping_a_dependency_in_a_component_is_a_dependency_of_that_component(
    resources: Resources,
) -> None:
    extraction, _ = _extract("We need to bump zlib-ng to 2.1 in vellox-core.", resources)
    assert (COMPONENT("vellox-core"), "dependsOn", COMPONENT("zlib-ng")) in _triples(extraction)


def test_a_component_that_builds_with_a_tool_depends_on_it(resources: Resources) -> None:
    extraction, _ = _extract("The docs site (vellox-docs) still builds with Sphinx 5.", resources)
    assert (COMPONENT("vellox-docs"), "dependsOn", COMPONENT("Sphinx")) in _triples(extraction)


def test_maintaining_the_windows_installer_is_maintaining_the_installer(
    resources: Resources,
) -> None:
    extraction, _ = _extract("Alice Smith maintains the Windows installer (vellox-msi).", resources)
    triples = _triples(extraction)
    assert (PERSON("Alice Smith"), "responsibleFor", COMPONENT("vellox-msi")) in triples
    assert not {t for t in triples if t[2] == COMPONENT("Windows")}


def test_handles_in_brackets_after_a_team_are_its_members(resources: Resources) -> None:
    text = (
        "# Grist TSC call 2024-06-04\n\n## Roll call\n\n- Lia Moreno (@lmoreno)\n"
        "- Tariq Aziz (@taziz)\n\n## Notes\n\n"
        "The Packaging WG (@lmoreno, @taziz) reported on the wheels.\n"
    )
    extraction = extract_source(SourceText("grist.md", text, "markdown"), resources)
    triples = _triples(extraction)
    assert (PERSON("Lia Moreno"), "memberOf", TEAM("Packaging WG")) in triples
    assert (PERSON("Tariq Aziz"), "memberOf", TEAM("Packaging WG")) in triples


def test_the_author_of_a_document_is_responsible_for_it(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith has drafted the Plugin Authoring Guide.", resources)
    assert (
        PERSON("Alice Smith"),
        "responsibleFor",
        entity_iri("Document", "Plugin Authoring Guide"),
    ) in _triples(extraction)


def test_sitting_on_a_committee_is_membership(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith sits on the Packaging Committee.", resources)
    assert (PERSON("Alice Smith"), "memberOf", TEAM("Packaging Committee")) in _triples(extraction)


def test_a_component_that_needs_another_depends_on_it(resources: Resources) -> None:
    extraction, _ = _extract("Qserv needs the butler to start.", resources)
    assert _triples(extraction) == {(COMPONENT("Qserv"), "dependsOn", COMPONENT("butler"))}


def test_taking_the_lead_on_a_component_is_responsibility(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith will take the lead on Qserv.", resources)
    assert _triples(extraction) == {(PERSON("Alice Smith"), "responsibleFor", COMPONENT("Qserv"))}


def test_an_unlisted_package_maintained_by_a_person_becomes_a_component(
    resources: Resources,
) -> None:
    extraction, _ = _extract("Alice Smith maintains the quillsync package.", resources)
    assert _triples(extraction) == {
        (PERSON("Alice Smith"), "responsibleFor", COMPONENT("quillsync"))
    }


def test_unlisted_coordinated_dependencies_give_one_edge_each(resources: Resources) -> None:
    extraction, _ = _extract("Qserv depends on Corvid and Lumenflow.", resources)
    assert _triples(extraction) == {
        (COMPONENT("Qserv"), "dependsOn", COMPONENT("Corvid")),
        (COMPONENT("Qserv"), "dependsOn", COMPONENT("Lumenflow")),
    }


def test_joining_an_unlisted_team_is_membership(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith joined the Nightjar team.", resources)
    assert _triples(extraction) == {(PERSON("Alice Smith"), "memberOf", TEAM("Nightjar team"))}


def test_an_ordinary_word_after_a_cue_is_no_entity(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith is working on the budget.", resources)
    assert _triples(extraction) == set()
    assert not [e for e in extraction.entities if e.type == "Component"]


def test_a_rare_dictionary_word_where_a_name_goes_is_software(resources: Resources) -> None:
    # "tidemark", "wheelhouse": dictionary words the model never saw, in a name's place
    ex, _ = _extract(
        "- The tidemark service depends on PostgreSQL.\n"
        "- Alice is the point of contact for the wheelhouse mirror.\n",
        resources,
    )
    assert {
        (COMPONENT("tidemark"), "dependsOn", COMPONENT("PostgreSQL")),
        (PERSON("Alice Smith"), "responsibleFor", COMPONENT("wheelhouse")),
    } <= _triples(ex)


def test_common_words_before_a_software_head_stay_unnamed(resources: Resources) -> None:
    ex, _ = _extract(
        "- The storage service depends on PostgreSQL.\n- Alice owns the build job.\n", resources
    )
    names = {e.name.lower() for e in ex.entities if e.type == "Component"}
    assert not names & {"storage", "build", "storage service", "build job"}


def test_passive_ownership_names_the_thing_owned(resources: Resources) -> None:
    ex, _ = _extract(
        "- pyspline is maintained by Alice Smith.\n"
        "- The nightly-reports job is the responsibility of Robert Lupton.\n",
        resources,
    )
    assert {
        (PERSON("Alice Smith"), "responsibleFor", COMPONENT("pyspline")),
        (PERSON("Robert Lupton"), "responsibleFor", COMPONENT("nightly-reports")),
    } <= _triples(ex)


def test_a_new_name_coordinated_with_a_known_one_is_named_too(resources: Resources) -> None:
    ex, _ = _extract("Alice maintains both kilnctl and the kiln-agent.", resources)
    assert {
        (PERSON("Alice Smith"), "responsibleFor", COMPONENT("kilnctl")),
        (PERSON("Alice Smith"), "responsibleFor", COMPONENT("kiln-agent")),
    } <= _triples(ex)


def test_a_role_noun_says_who_leads_which_group(resources: Resources) -> None:
    ex, _ = _extract(
        "- Alice Smith is the new manager of the Infrastructure team.\n"
        "- Robert Lupton and Kian-Tat Lim co-chair the Observability SIG.\n"
        "- Margaret Gelman was picked as new co-lead of the Outreach Team.\n",
        resources,
    )
    assert {
        (PERSON("Alice Smith"), "leads", TEAM("Infrastructure team")),
        (PERSON("Robert Lupton"), "leads", TEAM("Observability SIG")),
        (PERSON("Kian-Tat Lim"), "leads", TEAM("Observability SIG")),
        (PERSON("Margaret Gelman"), "leads", TEAM("Outreach Team")),
    } <= _triples(ex)


def test_a_role_given_up_or_past_leads_nothing(resources: Resources) -> None:
    ex, _ = _extract(
        "- Alice Smith stepped down as chair of the Finance Committee.\n"
        "- Robert Lupton, former chair of the Outreach Team, joined the call.\n",
        resources,
    )
    assert not [t for t in _triples(ex) if t[1] == "leads"]


def test_a_chair_with_no_group_named_chairs_the_meetings_body(resources: Resources) -> None:
    text = (
        "Quill Steering Council, 2024-05-02\n\nPresent: Ingrid Solberg, Bo Chen\n\n"
        "Ingrid Solberg and Bo Chen were confirmed as co-chairs.\n"
    )
    ex = extract_source(SourceText("quill.txt", text), resources)
    assert {
        (PERSON("Ingrid Solberg"), "leads", TEAM("Quill Steering Council")),
        (PERSON("Bo Chen"), "leads", TEAM("Quill Steering Council")),
    } <= _triples(ex)


def test_a_role_held_at_a_group_is_membership(resources: Resources) -> None:
    ex, _ = _extract(
        "- Alice Smith, a developer at Mozilla, introduced herself.\n"
        "- Welcome to Robert Lupton, the newest member of the Outreach Team.\n",
        resources,
    )
    triples = _triples(ex)
    assert (PERSON("Robert Lupton"), "memberOf", TEAM("Outreach Team")) in triples
    assert [t for t in triples if t[0] == PERSON("Alice Smith") and t[1] == "memberOf"]


def test_a_part_of_a_component_needs_what_the_component_needs(resources: Resources) -> None:
    ex, _ = _extract(
        "- The new release of gridplot requires numpy 2.\n"
        "- The 2.0 release of vellum is blocked on the new version of pydantic.\n",
        resources,
    )
    assert {
        (COMPONENT("gridplot"), "dependsOn", COMPONENT("numpy")),
        (COMPONENT("vellum"), "dependsOn", COMPONENT("pydantic")),
    } <= _triples(ex)


def test_what_a_passive_cues_subject_is_about_is_held(resources: Resources) -> None:
    ex, _ = _extract(
        "- Certificate rotation for certbot-hooks is handled by Alice Smith.", resources
    )
    assert (PERSON("Alice Smith"), "responsibleFor", COMPONENT("certbot-hooks")) in _triples(ex)


def test_owning_the_one_system_of_its_kind(resources: Resources) -> None:
    ex, _ = _extract(
        "- Alice Smith owns the scheduler.\n- Robert Lupton owns the agenda.", resources
    )
    triples = _triples(ex)
    assert (PERSON("Alice Smith"), "responsibleFor", COMPONENT("scheduler")) in triples
    assert not [t for t in triples if t[0] == PERSON("Robert Lupton")]


def test_a_capitalised_name_listed_with_known_software_is_software(
    resources: Resources,
) -> None:
    ex, _ = _extract("- The railyard scheduler depends on RabbitMQ, MinIO and Consul.", resources)
    assert (COMPONENT("railyard"), "dependsOn", COMPONENT("Consul")) in _triples(ex)


def test_the_author_of_a_work_holds_it(resources: Resources) -> None:
    ex, _ = _extract(
        "- The package, Qserv by Alice Smith, reads TOML.\n- PR #412 by Robert Lupton fixes it.\n",
        resources,
    )
    assert {
        (PERSON("Alice Smith"), "responsibleFor", COMPONENT("Qserv")),
        (PERSON("Robert Lupton"), "responsibleFor", entity_iri("Ticket", "#412")),
    } <= _triples(ex)


def test_a_table_header_states_each_rows_relation(resources: Resources) -> None:
    text = (
        "# Component review 2024-03-05\n\n"
        "| Component | Owner | Depends on |\n| --- | --- | --- |\n"
        "| fluxgate | Tomasz Lewandowski | etcd |\n| ringbuf | Adanna Nwachukwu | fluxgate |\n\n"
        "| Name | Team |\n| --- | --- |\n| Nkechi Obi | Web team |\n"
    )
    ex = extract_source(SourceText("review.md", text, "md"), resources)
    assert {
        (PERSON("Tomasz Lewandowski"), "responsibleFor", COMPONENT("fluxgate")),
        (PERSON("Adanna Nwachukwu"), "responsibleFor", COMPONENT("ringbuf")),
        (COMPONENT("fluxgate"), "dependsOn", COMPONENT("etcd")),
        (COMPONENT("ringbuf"), "dependsOn", COMPONENT("fluxgate")),
        (PERSON("Nkechi Obi"), "memberOf", TEAM("Web team")),
    } <= _triples(ex)


def test_an_action_table_owner_owns_no_thing(resources: Resources) -> None:
    text = (
        "# Sync 2024-03-05\n\n| Action | Owner |\n| --- | --- |\n"
        "| Update the fluxgate docs | Tomasz Lewandowski |\n"
    )
    ex = extract_source(SourceText("sync.md", text, "md"), resources)
    assert not [t for t in _triples(ex) if t[1] == "responsibleFor"]


def test_owning_a_named_kind_of_document(resources: Resources) -> None:
    ex, _ = _extract(
        "- Alice owns the release checklist.\n- The proposal was submitted by Robert Lupton.\n",
        resources,
    )
    assert (
        PERSON("Alice Smith"),
        "responsibleFor",
        entity_iri("Document", "release checklist"),
    ) in _triples(ex)
    assert not [e for e in ex.entities if e.name.lower() == "proposal"]


# ------------------------------------------------------------ grammar in any wording (issue 11)

ORG = lambda name: entity_iri("Organization", name)  # noqa: E731


@pytest.mark.parametrize(
    "sentence",
    [
        "Alice Smith will take over Qserv.",
        "Alice Smith will take over maintenance of Qserv.",
        "Alice Smith has been maintaining Qserv since March.",
        "Qserv, maintained by Alice Smith, was upgraded.",
        "The Qserv service, owned by Alice Smith, needs a release.",
    ],
)
def test_who_holds_software_in_other_wordings(sentence: str, resources: Resources) -> None:
    extraction, _ = _extract(sentence, resources)
    assert (PERSON("Alice Smith"), "responsibleFor", COMPONENT("Qserv")) in _triples(extraction)


def test_he_or_she_is_the_one_person_named_before(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith mentioned that she is working on Qserv.", resources)
    assert (PERSON("Alice Smith"), "responsibleFor", COMPONENT("Qserv")) in _triples(extraction)
    two, _ = _extract("Alice Smith told Robert Lupton that he is working on Qserv.", resources)
    assert not any(p == "responsibleFor" for _, p, _ in _triples(two))


@pytest.mark.parametrize(
    ("sentence", "team"),
    [
        ("Alice Smith runs the Release Team.", "Release Team"),
        ("Alice Smith is chairing the Docs WG this quarter.", "Docs WG"),
        ("The Docs WG (chair: Alice Smith) met on Monday.", "Docs WG"),
        ("The Release Team is chaired by Alice Smith.", "Release Team"),
    ],
)
def test_who_leads_a_group_in_other_wordings(
    sentence: str, team: str, resources: Resources
) -> None:
    extraction, _ = _extract(sentence, resources)
    assert (PERSON("Alice Smith"), "leads", TEAM(team)) in _triples(extraction)


def test_running_software_is_holding_it_not_leading_it(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith runs Qserv now.", resources)
    assert (PERSON("Alice Smith"), "leads", COMPONENT("Qserv")) not in _triples(extraction)


@pytest.mark.parametrize(
    "sentence",
    [
        "Alice Smith and Robert Lupton of Google presented the design.",
        "Alice Smith and Robert Lupton from Google presented the design.",
    ],
)
def test_every_name_before_of_or_from_belongs_to_the_group(
    sentence: str, resources: Resources
) -> None:
    triples = _triples(_extract(sentence, resources)[0])
    assert (PERSON("Alice Smith"), "memberOf", ORG("Google")) in triples
    assert (PERSON("Robert Lupton"), "memberOf", ORG("Google")) in triples


def test_a_group_in_apposition_to_a_person_is_theirs(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith, Release Team, reported on the outage.", resources)
    assert (PERSON("Alice Smith"), "memberOf", TEAM("Release Team")) in _triples(extraction)


def test_whom_someone_represents_is_their_organisation(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith, representing Google, asked for a delay.", resources)
    assert (PERSON("Alice Smith"), "memberOf", ORG("Google")) in _triples(extraction)


@pytest.mark.parametrize(
    "sentence",
    [
        "Qserv is waiting for Kafka.",
        "Qserv is still pending on Kafka.",
        "Kafka is required by Qserv.",
    ],
)
def test_waiting_and_being_required_are_dependencies(sentence: str, resources: Resources) -> None:
    extraction, _ = _extract(sentence, resources)
    assert (COMPONENT("Qserv"), "dependsOn", COMPONENT("Kafka")) in _triples(extraction)


def test_a_possessive_on_software_names_its_holder(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith's Qserv service is down again.", resources)
    assert (PERSON("Alice Smith"), "responsibleFor", COMPONENT("Qserv")) in _triples(extraction)
    other, _ = _extract("Alice Smith's review of Qserv is done.", resources)
    assert not any(p == "responsibleFor" for _, p, _ in _triples(other))


@pytest.mark.parametrize(
    ("sentence", "held"),
    [
        ("Alice Smith opened #4521 to fix the leak.", entity_iri("Ticket", "#4521")),
        ("Alice Smith fixed issue #4521 last week.", entity_iri("Ticket", "#4521")),
        (
            "Alice Smith is working on some PRs for this: https://github.com/acme/widget/pull/4521",
            entity_iri("Ticket", "acme/widget#4521"),
        ),
        ("Alice Smith: I opened #4521 yesterday.", entity_iri("Ticket", "#4521")),
    ],
)
def test_the_maker_of_a_ticket_is_responsible_for_it(
    sentence: str, held: str, resources: Resources
) -> None:
    extraction, _ = _extract(sentence, resources)
    assert (PERSON("Alice Smith"), "responsibleFor", held) in _triples(extraction)


@pytest.mark.parametrize(
    "sentence",
    [
        "Alice Smith reviewed #4521.",
        "Alice Smith did not open #4521.",
        "Robert Lupton asked Alice Smith to review #4521.",
        "Alice Smith: we should open #4521 again?",
    ],
)
def test_reviewing_or_not_making_a_ticket_holds_nothing(
    sentence: str, resources: Resources
) -> None:
    extraction, _ = _extract(sentence, resources)
    assert not any(p == "responsibleFor" for _, p, _ in _triples(extraction))


@pytest.mark.parametrize(
    "sentence",
    [
        "Alice Smith, the Qserv maintainer, reported a regression.",
        "Alice Smith (Qserv maintainer) reported a regression.",
        "Alice Smith is the Qserv lead.",
    ],
)
def test_a_holder_role_names_what_is_held(sentence: str, resources: Resources) -> None:
    extraction, _ = _extract(sentence, resources)
    assert (PERSON("Alice Smith"), "responsibleFor", COMPONENT("Qserv")) in _triples(extraction)


def test_a_former_holder_or_a_user_holds_nothing(resources: Resources) -> None:
    for sentence in (
        "Alice Smith, a former Qserv maintainer, joined.",
        "Alice Smith, a Qserv user, asked.",
    ):
        extraction, _ = _extract(sentence, resources)
        assert not any(p == "responsibleFor" for _, p, _ in _triples(extraction))


def test_co_chaired_by_names_every_chair(resources: Resources) -> None:
    extraction, _ = _extract(
        "The Security WG is co-chaired by Alice Smith and Robert Lupton.", resources
    )
    triples = _triples(extraction)
    assert (PERSON("Alice Smith"), "leads", TEAM("Security WG")) in triples
    assert (PERSON("Robert Lupton"), "leads", TEAM("Security WG")) in triples


def test_being_on_a_team_is_membership(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith is on the Release Team.", resources)
    assert (PERSON("Alice Smith"), "memberOf", TEAM("Release Team")) in _triples(extraction)


def test_a_remark_in_parentheses_is_said_of_the_name_before_it(resources: Resources) -> None:
    extraction, _ = _extract(
        "Docs - Alice Smith, Robert Lupton, Margaret Gelman (also working on PEP 703)", resources
    )
    held = {s for s, p, _ in _triples(extraction) if p == "responsibleFor"}
    assert held == {PERSON("Margaret Gelman")}


@pytest.mark.parametrize(
    "sentence",
    [
        "pytest-cov is a plugin for Qserv.",
        "pytest-cov, a Qserv plugin, was released.",
        "The pytest-cov bindings of Qserv are slow.",
        "Qserv is used in pytest-cov.",
    ],
)
def test_software_made_for_or_used_in_other_software_depends_on_it(
    sentence: str, resources: Resources
) -> None:
    extraction, _ = _extract(sentence, resources)
    assert (COMPONENT("pytest-cov"), "dependsOn", COMPONENT("Qserv")) in _triples(extraction)


@pytest.mark.parametrize(
    "sentence",
    ["We discussed the plugin for Qserv.", "Firefly ships built-in Qserv and Kafka extensions."],
)
def test_a_plugin_nobody_names_depends_on_nothing(sentence: str, resources: Resources) -> None:
    extraction, _ = _extract(sentence, resources)
    assert not any(p == "dependsOn" for _, p, _ in _triples(extraction))


def test_being_at_an_organisation_now_is_membership(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith is now at Google.", resources)
    assert (PERSON("Alice Smith"), "memberOf", ORG("Google")) in _triples(extraction)
    visit, _ = _extract("Alice Smith was at Google for the summit.", resources)
    assert not any(p == "memberOf" for _, p, _ in _triples(visit))


def _extract_md(body: str, resources: Resources) -> Extraction:
    text = "# Weekly sync 2024-03-12\n\n" + ROSTER + body + "\n"
    return extract_source(SourceText("sync.md", text), resources)


def test_a_role_line_under_a_heading_holds_what_the_heading_names(
    resources: Resources,
) -> None:
    triples = _triples(
        _extract_md(
            "## Qserv\n\n- Owner: Alice Smith\n- Compaction is slow.\n\n"
            "## Release Team\n\n- Chair: Robert Lupton\n",
            resources,
        )
    )
    assert (PERSON("Alice Smith"), "responsibleFor", COMPONENT("Qserv")) in triples
    assert (PERSON("Robert Lupton"), "leads", TEAM("Release Team")) in triples


def test_a_role_line_under_a_heading_naming_two_things_holds_neither(
    resources: Resources,
) -> None:
    triples = _triples(_extract_md("## Qserv and Firefly\n\n- Owner: Alice Smith\n", resources))
    assert not any(p == "responsibleFor" for _, p, _ in triples)


@pytest.mark.parametrize(
    "sentence",
    [
        "Alice Smith: I maintain Qserv these days.",
        "Alice Smith: I am working on Qserv.",
        "Alice Smith: I'm working on Qserv now.",
        "Alice Smith will handle the Qserv release.",
        "Alice Smith is taking care of Qserv.",
        "Alice Smith is the point person for Qserv.",
    ],
)
def test_the_speaker_and_other_ways_of_holding_software(
    sentence: str, resources: Resources
) -> None:
    extraction, _ = _extract(sentence, resources)
    assert (PERSON("Alice Smith"), "responsibleFor", COMPONENT("Qserv")) in _triples(extraction)


def test_i_in_a_speakers_turn_about_someone_else(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith: I think Robert Lupton maintains Qserv.", resources)
    held = {s for s, p, _ in _triples(extraction) if p == "responsibleFor"}
    assert held == {PERSON("Robert Lupton")}


def _extract_file(name: str, text: str, resources: Resources) -> set[tuple[str, str, str]]:
    return _triples(extract_source(SourceText(name, text), resources))


@pytest.mark.parametrize(
    "label",
    [
        "Co-chairs: Ana Lima and Bo Chen",
        "Chairs: Ana Lima, Bo Chen",
        "Chair\n    Ana Lima, Bo Chen",
    ],
)
def test_every_name_a_chair_label_lists_leads_the_body(label: str, resources: Resources) -> None:
    text = (
        "Plover Working Group - 2024-04-02\n\n"
        f"{label}\nAttendees: Ana Lima, Bo Chen, Cy Okafor\n\nCy Okafor presented the budget.\n"
    )
    triples = _extract_file("plover.txt", text, resources)
    body = TEAM("Plover Working Group")
    assert (PERSON("Ana Lima"), "leads", body) in triples
    assert (PERSON("Bo Chen"), "leads", body) in triples
    assert (PERSON("Cy Okafor"), "leads", body) not in triples


def test_a_roll_call_role_naming_a_team_makes_a_member_of_it(resources: Resources) -> None:
    text = (
        "# Falcon call, 2024-11-05\n\nAttendees:\n- Bruno Costa, Infra WG lead\n"
        "- Chiara Romano, TSC member\n- Grace Mbeki - Security Team member\n- Diego Herrera\n"
    )
    triples = _extract_file("falcon.md", text, resources)
    assert (PERSON("Chiara Romano"), "memberOf", TEAM("TSC")) in triples
    assert (PERSON("Grace Mbeki"), "memberOf", TEAM("Security Team")) in triples
    assert (PERSON("Bruno Costa"), "leads", TEAM("Infra WG")) in triples
    assert not any(s == PERSON("Diego Herrera") for s, _, _ in triples)


def test_taking_ownership_of_software_is_responsibility(resources: Resources) -> None:
    extraction, _ = _extract("Alice Smith has taken ownership of Qserv.", resources)
    assert (PERSON("Alice Smith"), "responsibleFor", COMPONENT("Qserv")) in _triples(extraction)


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        ("Alice Smith from Quillworks demoed the importer.", "Quillworks"),
        ("A talk by Alice Smith and Robert Lupton of Brightline Systems.", "Brightline Systems"),
        ("Alice Smith at NASA will help.", "NASA"),
    ],
)
def test_an_unlisted_organisation_after_a_persons_from_or_of_is_theirs(
    sentence: str, organisation: str, resources: Resources
) -> None:
    extraction, _ = _extract(sentence, resources)
    assert (PERSON("Alice Smith"), "memberOf", entity_iri("Organization", organisation)) in (
        _triples(extraction)
    )


@pytest.mark.parametrize(
    "sentence",
    ["Alice Smith from Berlin joined the call.", "Alice Smith of Margaret's team reported."],
)
def test_a_place_or_a_persons_name_after_from_is_no_organisation(
    sentence: str, resources: Resources
) -> None:
    extraction, _ = _extract(sentence, resources)
    assert not any(p == "memberOf" for _, p, _ in _triples(extraction))


def test_people_after_a_groups_name_opening_a_line_are_its_members(
    resources: Resources,
) -> None:
    text = (
        "# Dunlin call, 2024-02-13\n\nAttendees: Ana Lima, Bo Chen, Cy Park, Dee Kim\n\n"
        "## Packaging Team Report - Ana/Bo\n- Wheels are built.\n\n"
        "Docs WG: Cy Park\n\n## Budget and Travel Fund - Dee Kim\n- Open again.\n"
    )
    members = {(s, o) for s, p, o in _extract_file("dunlin.md", text, resources) if p == "memberOf"}
    assert members == {
        (PERSON("Ana Lima"), TEAM("Packaging Team")),
        (PERSON("Bo Chen"), TEAM("Packaging Team")),
        (PERSON("Cy Park"), TEAM("Docs WG")),
    }


def test_names_listed_under_a_label_naming_one_group_are_its_members(
    resources: Resources,
) -> None:
    text = (
        "# Workshop, 2024-04-09\n\n- The Programme Committee will be:\n"
        "    - Ines Duarte (INFN), Marco Bianchi\n- Abstracts are due on 1 June.\n\n"
        "## Attendance\n### Release team\n- Noor Hassan\n### Guests\n- Yara Haddad\n"
    )
    members = {
        (s, o) for s, p, o in _extract_file("workshop.md", text, resources) if p == "memberOf"
    }
    committee, release = TEAM("Programme Committee"), TEAM("Release team")
    assert {(PERSON("Ines Duarte"), committee), (PERSON("Marco Bianchi"), committee)} <= members
    assert (PERSON("Noor Hassan"), release) in members
    assert not any(s == PERSON("Yara Haddad") for s, _ in members)


def test_each_role_of_a_roll_call_entry_says_what_it_holds_of_the_group_it_names(
    resources: Resources,
) -> None:
    text = (
        "# Falcon TAC meeting, 2024-11-05\n\n## Attendees\n| Present | Name |\n| --- | --- |\n"
        "| x | Rui Sousa (Intel, Build WG facilitator & Docs WG member) |\n"
        "| x | Carla Mendes (Red Hat, Infra WG co-lead) |\n\n"
        "Attendees:\n  Ama Owusu, Security WG chair and TSC member\n"
    )
    triples = _extract_file("falcon.md", text, resources)
    roles = {(s, p, o) for s, p, o in triples if p in ("leads", "memberOf") and "team" in o}
    assert roles == {
        (PERSON("Rui Sousa"), "leads", TEAM("Build WG")),
        (PERSON("Rui Sousa"), "memberOf", TEAM("Docs WG")),
        (PERSON("Carla Mendes"), "leads", TEAM("Infra WG")),
        (PERSON("Ama Owusu"), "leads", TEAM("Security WG")),
        (PERSON("Ama Owusu"), "memberOf", TEAM("TSC")),
    }


@pytest.mark.parametrize(
    "section",
    [
        "### Bo Chen\n- wrote the migration notes, PR #433\n",
        "- Bo Chen\n    - working on #433\n- Ana Lima\n    - on leave\n",
        "| PR | Owner |\n| --- | --- |\n| #433 | Bo Chen |\n",
        "1. VEP 14: typed configuration (Bo Chen, 15 min)\n2. Release planning\n",
        "- Bo Chen presented VEP 14; questions about startup time.\n",
    ],
)
def test_the_layouts_of_a_status_report_give_the_work_to_its_reporter(
    section: str, resources: Resources
) -> None:
    text = f"# Vireo weekly, 2024-03-12\n\nAttendees: Ana Lima, Bo Chen\n\n## Updates\n{section}"
    held = {
        (s, o) for s, p, o in _extract_file("vireo.md", text, resources) if p == "responsibleFor"
    }
    assert {s for s, _ in held} == {PERSON("Bo Chen")}
    assert len(held) == 1


def test_a_question_under_a_persons_heading_is_no_report(resources: Resources) -> None:
    text = (
        "# Vireo weekly, 2024-03-12\n\nAttendees: Ana Lima, Bo Chen\n\n## Discussion\n"
        "### Ana Lima\n- should we close #433?\n"
    )
    assert not any(p == "responsibleFor" for _, p, _ in _extract_file("v.md", text, resources))


@pytest.mark.parametrize(
    "line",
    [
        "- Ana Lima: these notes are drawn from the recording of #433\n",
        "- [Ana Lima] the feeling the board had was that #433 never got a review\n",
        "- **Ana Lima:** the old cache was the reason for #433\n",
    ],
)
def test_a_statement_about_a_thing_is_no_report_of_work_on_it(
    line: str, resources: Resources
) -> None:
    text = f"# Vireo weekly, 2024-03-12\n\nAttendees: Ana Lima, Bo Chen\n\n## Round table\n{line}"
    assert not any(p == "responsibleFor" for _, p, _ in _extract_file("v.md", text, resources))


@pytest.mark.parametrize(
    "line", ["- Bo Chen: is still working on #433\n", "- Bo Chen: was porting #433 to ARM\n"]
)
def test_a_progressive_report_still_gives_the_work(line: str, resources: Resources) -> None:
    text = f"# Vireo weekly, 2024-03-12\n\nAttendees: Ana Lima, Bo Chen\n\n## Round table\n{line}"
    held = [(s, o) for s, p, o in _extract_file("v.md", text, resources) if p == "responsibleFor"]
    assert [s for s, _ in held] == [PERSON("Bo Chen")]


def test_a_holder_in_brackets_after_software_holds_it(resources: Resources) -> None:
    extraction, _ = _extract("Qserv packaging (owner: Alice Smith) still fails on ARM.", resources)
    assert (PERSON("Alice Smith"), "responsibleFor", COMPONENT("Qserv")) in _triples(extraction)


@pytest.mark.parametrize(
    ("sentence", "user", "used"),
    [
        ("The formatter, tidyquill, which uses libcst, ships next week.", "tidyquill", "libcst"),
        ("The new dashboard, gannetview, is built on React.", "gannetview", "React"),
        ("brackenfs now depends on quelldb for its metadata.", "brackenfs", "quelldb"),
    ],
)
def test_unlisted_names_in_apposition_or_after_a_strong_cue_carry_the_dependency(
    sentence: str, user: str, used: str, resources: Resources
) -> None:
    extraction, _ = _extract(sentence, resources)
    assert (COMPONENT(user), "dependsOn", COMPONENT(used)) in _triples(extraction)


def test_ordinary_words_around_depends_on_are_no_software(resources: Resources) -> None:
    extraction, _ = _extract("The schedule depends on staffing; this depends on timing.", resources)
    assert not any(e.type == "Component" for e in extraction.entities)


def test_people_a_team_s_members_lists_in_brackets_are_its_members(resources: Resources) -> None:
    extraction, _ = _extract("Two Docs team members (Alice, Margaret) will review it.", resources)
    docs = entity_iri("Team", "Docs team")
    assert (PERSON("Alice Smith"), "memberOf", docs) in _triples(extraction)
    assert (PERSON("Margaret Gelman"), "memberOf", docs) in _triples(extraction)


def test_names_listed_before_one_organisation_all_belong_to_it(resources: Resources) -> None:
    text = "Sync 2024-03-12\n\nAttendees:\n\n- Dana Okafor, Emil Brandt, Fatima Noor (Quillworks)\n"
    extraction = extract_source(SourceText("sync.md", text), resources)
    org = entity_iri("Organization", "Quillworks")
    for name in ("Dana Okafor", "Emil Brandt", "Fatima Noor"):
        assert (PERSON(name), "memberOf", org) in _triples(extraction)


def test_a_labelled_item_owns_the_tickets_listed_under_it(resources: Resources) -> None:
    body = (
        "- [x] Alice Smith: wrote the cache plan\n"
        "    - https://github.com/acme/quill/issues/12\n"
        "- [ ] KTL: review it\n"
        "- Robert Lupton: can we ship it? not yet\n"
        "    - https://github.com/acme/quill/issues/14\n"
    )
    triples = _triples(_extract(body, resources)[0])
    ticket = lambda n: entity_iri("Ticket", f"acme/quill#{n}")  # noqa: E731
    assert (PERSON("Alice Smith"), "responsibleFor", ticket(12)) in triples
    assert (PERSON("Robert Lupton"), "responsibleFor", ticket(14)) not in triples


def test_a_handle_after_a_dash_closing_a_ticket_item_is_its_author(resources: Resources) -> None:
    body = "1. PR: [#58 RFC: load order](https://github.com/acme/rfcs/pull/58) - @okwuosa\n"
    triples = _triples(_extract(body, resources)[0])
    assert any(
        p == "responsibleFor" and o == entity_iri("Ticket", "acme/rfcs#58") and "okwuosa" in s
        for s, p, o in triples
    )
