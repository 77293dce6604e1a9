"""How minutes name teams, organisations and software: one body written several ways is one
entity; an organisation's name inside a longer name is no mention of it; a service named as
an employer or funder is its company. Sentences written for these tests."""

from __future__ import annotations

import pytest

from ingest.extract.software import is_bot_name
from ingest.model import SourceText
from ingest.pipeline import extract_source

HEAD = "# Weekly sync\n\nAttendees: Ana Lima, Bo Chen\n\n"


def _entities(body: str) -> dict[str, tuple[str, set[str]]]:
    found = extract_source(SourceText("m.md", HEAD + body, "markdown")).entities
    return {e.name: (e.type, set(e.aliases)) for e in found}


def test_an_acronym_beside_the_name_it_abbreviates_is_one_organisation() -> None:
    names = _entities(
        "- The Quillon Trust Foundation pays for hosting.\n"
        "- QTF staff will send the invoice; Ana asked QTF for a receipt.\n"
    )
    assert "QTF" not in names
    assert names["Quillon Trust Foundation"][0] == "Organization"
    assert "QTF" in names["Quillon Trust Foundation"][1]


def test_team_and_group_of_one_name_are_one_team() -> None:
    names = _entities("- The Lantern team shipped it.\n- Bo will ask the Lantern group.\n")
    teams = [n for n, (t, _) in names.items() if t == "Team" and n.startswith("Lantern")]
    assert len(teams) == 1


@pytest.mark.parametrize(
    "body",
    [
        "- Ana will mentor for the Google Summer of Code this year.\n",
        "- We keep the agenda in a shared Google Docs folder.\n",
        "- Bo is looking for projects for Google\n  Season of Docs applications.\n",
    ],
)
def test_an_organisation_opening_a_longer_name_is_not_named(body: str) -> None:
    assert "Google" not in _entities(body)


@pytest.mark.parametrize(
    "body",
    [
        "- Bo reported on the Google Workshop in Lyon.\n",
        "- Ana will ask Google, Intel and IBM for hardware.\n",
        "- The Google PoC slides are ready.\n",
    ],
)
def test_an_organisation_before_an_event_a_list_or_an_acronym_is_named(body: str) -> None:
    assert names_type(body, "Google") == "Organization"


def names_type(body: str, name: str) -> str | None:
    found = _entities(body).get(name)
    return found[0] if found else None


def test_a_platform_is_software_but_its_company_when_it_employs_or_funds() -> None:
    assert names_type("- Post the release notes on Twitter.\n", "Twitter") == "Component"
    assert names_type("- Eve joined the call representing Twitter.\n", "Twitter") == "Organization"
    assert names_type("- AWS funding for the CI runners came through.\n", "AWS") == "Organization"
    assert names_type("- Bo moved the CI runners to AWS.\n", "AWS") == "Component"


def _components(body: str) -> set[str]:
    return {n for n, (t, _) in _entities(body).items() if t == "Component"}


def test_words_of_code_in_backticks_are_no_software() -> None:
    found = _components(
        "- Bo: store the `timestamp` as `int`, not `str`; `tmpdir` is the pytest fixture.\n"
        "- Ana will rename `func` and `func_extra` in the `struct` docs.\n"
    )
    assert not found & {"timestamp", "int", "str", "tmpdir", "func", "func_extra", "struct"}


def test_a_package_named_like_a_person_is_the_person_the_minutes_name() -> None:
    body = (
        "Also present: Jose Ruiz, Winston Moyo\n\n"
        "- Jose: I will update the docs.\n"
        "- Winston asked about the release; Madge said it can wait.\n"
    )
    assert not _components(body) & {"Jose", "Winston", "Madge"}


def test_a_name_before_a_link_on_the_next_line_is_still_named() -> None:
    body = "- Improve logging, e.g. by using spdlog\n  (https://example.com/spdlog) or glog.\n"
    assert "spdlog" in _components(body)


def test_a_project_website_is_a_component_of_its_own() -> None:
    found = _components("- Bo showed the NumPy website rebuild; NumPy 2.1 is out.\n")
    assert {"NumPy website", "NumPy"} <= found


def test_a_repository_named_by_its_address_or_a_link_to_it_is_a_component() -> None:
    names = _entities(
        "- Ana tried https://github.com/acme/tidewatch and liked it.\n"
        "- Consider [Refined Gizmo](https://github.com/acme/refined-gizmo) for merging.\n"
        "- Bo keeps [Tidepool on GitHub](https://github.com/acme/tidepool).\n"
    )
    assert names["tidewatch"][0] == "Component"
    assert names["Refined Gizmo"][0] == "Component"
    assert names["tidepool"][0] == "Component"


def test_issues_forge_pages_and_paperwork_repositories_are_no_components() -> None:
    found = _components(
        "- See https://github.com/acme/tidewatch/issues/12 and https://github.com/orgs/acme/people.\n"
        "- Minutes live in https://github.com/acme/meetings now.\n"
        "- Read [the Gizmo Enhancement Proposals](https://github.com/acme/gizmo-proposals).\n"
    )
    assert not found & {"tidewatch", "acme", "meetings", "gizmo-proposals", "people"}


def test_a_hyphenated_adjective_is_no_software_name() -> None:
    found = _components("- Only taproot-enabled nodes parse timezone-aware dates.\n")
    assert not found & {"taproot-enabled", "timezone-aware"}


def test_names_of_mixed_case_shapes_are_software() -> None:
    found = _components(
        "- Bo compared QuillDB-Sync and QuillDB-Query with OSPray, ASTViewer and iMath.\n"
    )
    assert {"QuillDB-Sync", "QuillDB-Query", "OSPray", "ASTViewer", "iMath"} <= found


def test_names_with_hyphens_and_capitals_that_are_no_software() -> None:
    found = _components(
        "- Jean-Luc and McKay-Smith read the X-Ray notes, BigInt-Number and vRecvGetData.\n"
    )
    assert not found & {"Jean-Luc", "McKay-Smith", "X-Ray", "BigInt-Number", "vRecvGetData"}


def test_a_document_series_key_in_an_address_names_the_document() -> None:
    names = _entities("- The format follows https://www.rfc-editor.org/rfc/rfc7231#section-4.\n")
    assert names["RFC 7231"][0] == "Document"


def test_an_organisation_said_as_someones_employer_is_one() -> None:
    names = _entities(
        "- Eve joined the board, representing Zorblax.\n"
        "- Hi, I am an editor at rQuill and reviewed the package.\n"
    )
    assert names["Zorblax"][0] == "Organization"
    assert names["rQuill"][0] == "Organization"


# ---------------------------------------------------------------- ways other projects write names


def test_an_install_command_names_its_packages_not_its_options_or_files() -> None:
    from ingest.extract.software import installed_packages

    text = (
        "run `pip install -U loamwise fenn-io`; pip install -r requirements.txt; npm i quelltab now"
    )
    english = {"now"}
    assert [f.name for f in installed_packages(text, english)] == [
        "loamwise",
        "fenn-io",
        "quelltab",
    ]


def test_owner_and_repository_said_as_a_repository_but_not_an_alternative() -> None:
    from ingest.extract.software import owner_repositories

    text = "Merged into brambleworks/fernctl; `acme/tide` too. Use read/write and/or w3c/x#12."
    found = list(owner_repositories(text, {"read", "write", "and", "or"}))
    assert [(f.name, f.aliases) for f in found] == [
        ("brambleworks/fernctl", ("fernctl",)),
        ("acme/tide", ("tide",)),
    ]


def test_a_software_name_heading_a_table_column_is_no_mention() -> None:
    names = _entities(
        "| Name | GitHub | Affiliation |\n| --- | --- | --- |\n| Nora Lind | @nlind | Kestrel |\n"
    )
    assert "GitHub" not in names
    assert "GitHub" in _entities("- The release moved to GitHub.\n")


def test_listed_software_written_as_alternatives_is_named() -> None:
    names = _entities("- Images run on Podman/Docker now; docs/source is untouched.\n")
    assert names["Podman"][0] == "Component" and names["Docker"][0] == "Component"
    assert "docs" not in names and "source" not in names


def test_a_quoted_title_beside_a_document_noun_names_a_document() -> None:
    names = _entities(
        '- Tove walked through the "Deprecation Windows" proposal.\n'
        "- Farid drafted the blog post “Ten Years of Quillmark”.\n"
        '- Bo said "Hanging" PRs need a label.\n'
    )
    assert names["Deprecation Windows"][0] == "Document"
    assert names["Ten Years of Quillmark"][0] == "Document"
    assert "Hanging" not in names


def test_series_roles_and_internet_drafts_are_documents() -> None:
    from ingest.extract.series import numbered_documents

    text = "draft-ietf-tarn-fencing-03 and draft-ietf-tarn-fencing-04; the draft-quality bar"
    assert {(f.name, f.surface) for f in numbered_documents(text, ())} == {
        ("draft-ietf-tarn-fencing", "draft-ietf-tarn-fencing-03"),
        ("draft-ietf-tarn-fencing", "draft-ietf-tarn-fencing-04"),
    }
    found = extract_source(
        SourceText("m.rst", "Notes\n=====\n\n* Follow :pep:`621` here.\n", "rst")
    ).entities
    assert ("Document", "PEP 621") in {(e.type, e.name) for e in found}


@pytest.mark.parametrize(
    ("body", "name", "kind"),
    [
        (
            "- Lukas (University of Eastmarch) presented.\n",
            "University of Eastmarch",
            "Organization",
        ),
        (
            "- The Marrow Institute for Data Science hosts.\n",
            "Marrow Institute for Data Science",
            "Organization",
        ),
        (
            "- The Tarnhelm Collaboration asked for the code.\n",
            "Tarnhelm Collaboration",
            "Organization",
        ),
        ("- SIG Storage will review the change.\n", "SIG Storage", "Team"),
        ("- Ask sig-storage for a reviewer.\n", "sig-storage", "Team"),
    ],
)
def test_bodies_named_by_a_head_word(body: str, name: str, kind: str) -> None:
    assert _entities(body)[name][0] == kind


@pytest.mark.parametrize(
    "body",
    [
        '- Kim presented "Scheduling for Distributed Storage Systems" last week.\n',
        "- Talks at the Marine Harbour Systems Conference were good.\n",
        "- A survey of Distributed Storage Systems was shared.\n",
    ],
)
def test_a_subject_or_title_ending_in_systems_is_no_organisation(body: str) -> None:
    assert not [n for n, (t, _) in _entities(body).items() if t == "Organization"]


def test_software_said_with_its_kind_in_brackets_or_as_an_issues_part() -> None:
    names = _entities(
        "- Ravi moved the checks to tarnlint (a linter for Lua configs).\n"
        "- The artifact caching service (ACS) is back up.\n"
        "- https://tracker.quill.dev/issues/4411 quillstore: flaky compaction test\n"
        "- #5120 fix: typo in the guide\n"
        "- Nadia Kaya (plugin maintainer) joined; one project (QUEST) got funding.\n"
    )
    for name in ("tarnlint", "ACS", "quillstore"):
        assert names[name][0] == "Component", name
    for name in ("fix", "Kaya", "QUEST"):
        assert name not in names, name


def test_a_document_kind_a_colon_and_a_title_name_a_document() -> None:
    names = _entities(
        "- Design doc: Offline Sync for Mobile Clients\n- Proposal: we move the call to Thursday.\n"
    )
    assert names["Offline Sync for Mobile Clients"][0] == "Document"
    assert not [n for n, (t, _) in names.items() if t == "Document" and "Thursday" in n]


def test_a_feature_before_its_pull_request_and_backticked_tools() -> None:
    names = _entities(
        "- reviewing tarnv2 (#20411) and the QuillNet refactor (#20388); the writeup (#20402)\n"
        "- Should the `viewer` submodule move? Run `ruff` and `black` first.\n"
        "- PEPs 695-697 are on the reading list.\n"
    )
    for name in ("tarnv2", "QuillNet", "viewer", "black"):
        assert names[name][0] == "Component", name
    assert "writeup" not in names
    assert names["PEPs 695-697"][0] == "Document"


def test_governing_bodies_in_lower_case_are_teams() -> None:
    names = _entities("- Docs for the core devs and the steering council; ask the board first.\n")
    assert names["core devs"][0] == "Team"
    assert names["steering council"][0] == "Team"
    assert names["board"][0] == "Team"
    assert "board" not in _entities("- Cards moved on the project board; all on board.\n")


def test_a_lower_case_group_before_a_team_acronym_after_a_preposition() -> None:
    names = _entities("- We tried it in testing WG; send it to all WG members.\n")
    assert names["testing WG"][0] == "Team"
    leads = _entities("- SIG Leads will meet on Friday.\n").get("SIG Leads", ("", set()))
    assert leads[0] != "Team"
    assert "all WG" not in names


def test_a_mixed_case_nickname_speaking_in_a_chat_log_is_no_software() -> None:
    from ingest.extract.software import find_software

    log = (
        "09:01 <+TeoVance> the mirror sync is back\n"
        "09:02 <rkovac> TeoVance: thanks, and QuillDesk builds again\n"
        "  * mirror outage closed  (BelaMorn, 09:03:12)\n"
        "BelaMorn and TeoVance will check the logs\n"
    )
    names = {f.name for f in find_software(log, set())}
    assert "QuillDesk" in names
    assert not names & {"TeoVance", "BelaMorn"}


def test_a_coined_name_ending_in_bot_is_software_not_a_speaker() -> None:
    names = _entities(
        "- [10:02] Fernbot: Task #77: rotate the mirror keys\n"
        "- Ana will ask tallymergebot to retry; the chatbot idea is parked.\n"
    )
    assert names["Fernbot"][0] == "Component"
    assert names["tallymergebot"][0] == "Component"
    assert "chatbot" not in names
    assert is_bot_name("@tallymergebot", frozenset()) and not is_bot_name("chatbot", frozenset())


def test_an_english_first_part_capitalised_only_where_any_word_is_names_no_project() -> None:
    names = _entities(
        "Time & place: the usual channel.\n\n"
        "- The fix is not time-critical; time-wise next week is fine.\n"
        "- We moved the CLI from tern-core into tern-tools; users of Tern see no change.\n"
    )
    assert not {"time", "time-critical", "time-wise"} & set(names)
    assert names["tern-core"][0] == "Component"


def test_an_acronym_opening_a_team_name_and_written_alone_is_its_organisation() -> None:
    names = _entities(
        "- The KELP Storage Working Team met; KELP will fund two nodes.\n"
        "- Ana asked whether KELP hosts the mirror.\n"
    )
    assert names["KELP"][0] == "Organization"
