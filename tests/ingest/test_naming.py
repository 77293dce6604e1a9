"""Names no vocabulary lists: coined software names, titled documents, committees."""

from __future__ import annotations

import pytest

from ingest.extract.nlp import build_matchers, find_terms
from ingest.resolve.vocab import load_vocabulary


@pytest.fixture(scope="module")
def matchers():  # type: ignore[no-untyped-def]
    return build_matchers(load_vocabulary())


def _named(matchers, text: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(f.type, f.name) for f in find_terms(text, matchers)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Wren maintains graftlib and fixed a bug.", "graftlib"),
        ("The foo-store uses pebblekv for state.", "pebblekv"),
        ("Note that `lint-rules` changed.", "lint-rules"),
        ("We moved tidepool_cache to the new host.", "tidepool_cache"),
        ("Hollis is the point of contact for Seedbank now.", "Seedbank"),
        ("Kofi presented the Pippin project roadmap.", "Pippin"),
        ("Carmen requested access to bench-runner today.", "bench-runner"),
    ],
)
def test_software_nobody_listed_is_a_component(matchers, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert ("Component", name) in _named(matchers, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ann maintains documentation and uses tooling every day.",
        "We might use usno for astrometry.",
        "The read-only mirror is a follow-up item.",
        "Ann is working on the read-only mirror and the long-term plan.",
        "Bo owns the api and the json output.",
        "Set `max_retries` to 5 and `timeout` to 30.",
        "Ann works on Monday and is responsible for Marketing.",
        "The new plugin backend for butler.",
    ],
)
def test_ordinary_words_are_never_components(matchers, text: str) -> None:  # type: ignore[no-untyped-def]
    found = _named(matchers, text)
    assert not {n for t, n in found if t == "Component" and n != "butler"}, found


def test_titled_documents_and_committees_with_small_words(matchers) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Code of Conduct Committee will review the Plugin Authoring Guide "
        "and Trademark Policy v2.1 before RFC 12 goes to the Board."
    )
    assert _named(matchers, text) >= {
        ("Team", "Code of Conduct Committee"),
        ("Document", "Plugin Authoring Guide"),
        ("Document", "Trademark Policy v2.1"),
        ("Document", "RFC 12"),
        ("Team", "Board"),
    }


def test_the_board_in_a_boards_minutes_is_the_board_the_title_names(matchers) -> None:  # type: ignore[no-untyped-def]
    title = "Fenwick Project Board - minutes, 14 November 2024"
    found = find_terms(title + "\n\nThe Board agreed to fund CI.", matchers, title)
    assert {f.name for f in found if f.type == "Team"} == {"Fenwick Project Board"}


def test_a_committee_named_short_is_the_committee_the_title_names(matchers) -> None:  # type: ignore[no-untyped-def]
    title = "Corvid Technical Steering Committee meeting 2024-08-20"
    found = find_terms(title + "\n\nThe Technical Steering Committee approved it.", matchers, title)
    assert {f.name for f in found if f.type == "Team"} == {"Corvid Technical Steering Committee"}


def test_a_board_of_directors_is_one_team(matchers) -> None:  # type: ignore[no-untyped-def]
    found = find_terms("Notes\n\nThe Board of Directors met on Friday.", matchers)
    assert [(f.type, f.name) for f in found] == [("Team", "Board of Directors")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We will pin Quenya to 0.59 in the weekly stack.", "Quenya"),
        ("The batch jobs wait for the Flyte upgrade next week.", "Flyte"),
        ("grist_fit uses Numba for the inner loop.", "Numba"),
        ("The docs (vellox-docs) still build with Sphinx 5.", "Sphinx"),
        ("We need to bump zlib-ng to 2.1 in vellox-core.", "zlib-ng"),
    ],
)
def test_software_named_by_its_versions_or_builds_is_a_component(  # type: ignore[no-untyped-def]
    matchers, text: str, name: str
) -> None:
    assert ("Component", name) in _named(matchers, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ravi maintains the template-building code for now.",
        "Nobody depends on the page-v3 flag yet, which uses big-endian targets.",
        "Tobias maintains the Windows installer (vellox-msi).",
        "We will upgrade Python to 3.12 next year.",
    ],
)
def test_descriptions_and_english_words_are_not_components(  # type: ignore[no-untyped-def]
    matchers, text: str
) -> None:
    found = {n for t, n in _named(matchers, text) if t == "Component"}
    assert found <= {"vellox-msi"}, found


def test_company_and_computing_centre_names_are_organisations(matchers) -> None:  # type: ignore[no-untyped-def]
    text = "Jobs run at Tarn Computing Centre; Lichen Systems funds the port."
    assert _named(matchers, text) >= {
        ("Organization", "Tarn Computing Centre"),
        ("Organization", "Lichen Systems"),
    }


def test_a_body_named_in_a_capitals_banner_is_a_team_and_so_is_its_acronym(matchers) -> None:  # type: ignore[no-untyped-def]
    text = "QUILLMOSS PROJECT MANAGEMENT COMMITTEE\n\n5 of 7 PMC members present.\n\nRELEASE 2\n"
    named = [(f.type, f.name, f.surface) for f in find_terms(text, matchers)]
    assert ("Team", "Quillmoss Project Management Committee", "PMC") in named
    assert not [n for n in named if n[2] == "RELEASE"]


def test_a_lower_case_working_group_is_the_one_written_capitalised(matchers) -> None:  # type: ignore[no-untyped-def]
    text = "Infra WG reported. The infra WG maintains the runners."
    named = [(f.type, f.name) for f in find_terms(text, matchers)]
    assert named.count(("Team", "Infra WG")) == 2


def test_the_cli_is_the_one_cli_package_the_minutes_name(matchers) -> None:  # type: ignore[no-untyped-def]
    one = "The CLI depends on vellox-core. vellox-cli 2.0 is out."
    assert ("Component", "vellox-cli", "CLI") in {
        (f.type, f.name, f.surface) for f in find_terms(one, matchers)
    }
    two = "The CLI depends on vellox-core. vellox-cli and ferro-cli are out."
    assert not [f for f in find_terms(two, matchers) if f.surface == "CLI"]


def test_a_capitals_heading_names_only_the_body_it_ends_with(matchers) -> None:  # type: ignore[no-untyped-def]
    text = "REPORT FROM THE SECURITY TEAM\n\nAll quiet.\n"
    teams = {(f.name, f.surface) for f in find_terms(text, matchers) if f.type == "Team"}
    assert teams == {("Security Team", "SECURITY TEAM")}


def test_a_word_after_a_or_an_describes_what_follows(matchers) -> None:  # type: ignore[no-untyped-def]
    text = "Oakbridge Labs would like an arm64 build of vellox-agent."
    components = {f.name for f in find_terms(text, matchers) if f.type == "Component"}
    assert components == {"vellox-agent"}


def test_an_acronym_names_the_team_spelled_out_elsewhere(matchers) -> None:  # type: ignore[no-untyped-def]
    text = "Minutes of the Marlin Project Management Committee.\n\nQuorum: 5 of 7 PMC members."
    assert ("Team", "Marlin Project Management Committee", "PMC") in {
        (f.type, f.name, f.surface) for f in find_terms(text, matchers)
    }


def test_a_backticked_english_compound_before_a_noun_is_not_software(matchers) -> None:  # type: ignore[no-untyped-def]
    text = "We keep the `page-v3` feature flag off; `vellox-core` ships it."
    components = {f.name for f in find_terms(text, matchers) if f.type == "Component"}
    assert components == {"vellox-core"}


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("We met with the Quillmark community about packaging.", "Organization", "Quillmark"),
        ("Reach out to the Brindle and Korvex communities.", "Organization", "Korvex"),
        ("Guests: Priya Raman (Tarnwick project)", "Organization", "Tarnwick project"),
        ("Lior Ben-Ami (KVR co-lead) presented the model.", "Team", "KVR"),
        ("KVR members will review it next week.", "Team", "KVR"),
        ("Publishing the recordings of open QPC meetings was agreed.", "Team", "QPC"),
        ("The call is open to CG members; join the CG first.", "Team", "CG"),
        ("The crash happened again on Github Issue 1272.", "Component", "GitHub"),
    ],
)
def test_bodies_named_by_what_goes_with_them(matchers, text: str, kind: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert (kind, name) in _named(matchers, text)


def test_a_kind_of_group_alone_names_no_body_when_the_minutes_name_several(matchers) -> None:  # type: ignore[no-untyped-def]
    text = "- Storage SIG and Batch SIG met.\n- Ask the WG chairs and SIG leads for names."
    assert not {name for kind, name in _named(matchers, text) if name in ("SIG", "WG")}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Bramble project now depends on graftlib.", "Bramble project"),
        ("Talks gave the Open Source community a first look.", "Open Source"),
        ("Community members asked for a forum.", "Community"),
        ("The plugins move to a Quillmark community repository.", "Quillmark"),
        ("It was a special Tarnwick project for the year.", "Tarnwick project"),
        ("CI meetings move to Tuesdays.", "CI"),
    ],
)
def test_no_body_where_the_words_name_none(matchers, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert not {(k, n) for k, n in _named(matchers, text) if n == name} - {("Component", name)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "- Incubation Criteria - https://github.com/q/tsc/blob/main/incubation.md",
            "Incubation Criteria",
        ),
        (
            "  * Vendor outreach plan: https://q.example.net/outreach-plan/ - stream 2",
            "Vendor outreach plan",
        ),
        ("1. WG Charter v2 - <https://q.example.net/wg/charter-v2>", "WG Charter v2"),
        ("* Shared runners proposal - https://github.com/q/tac/pull/88", "Shared runners proposal"),
    ],
)
def test_a_title_before_an_address_names_its_document(matchers, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert ("Document", name) in _named(matchers, text)


@pytest.mark.parametrize(
    "text",
    [
        "- Meeting notes: https://hackmd.io/kelp-0402",
        "- Aino Virtanen: https://github.com/avirtanen/notes-site",
        "- Project home: https://github.com/kelp-dev/kelp",
        "- Label sync fix (merged): https://github.com/kelp-dev/kelp/pull/412",
        "- Cache warmup tweaks - https://github.com/kelp-dev/kelp/pull/415",
        "- Open Collective: https://opencollective.com",
        "Pt 1: https://drive.example.net/file/d/77/view",
        ".. _Release process: https://kelp.example.net/dev/release-process/",
        "PREFIX mkg: <https://w3id.org/minutes-kg/ontology#>",
    ],
)
def test_no_document_in_a_link_that_names_none(matchers, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not {n for k, n in _named(matchers, text) if k == "Document"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Work went into numpy and pandas, Drover and Quillmark,\nTessdex and docs.",
            "Tessdex",
        ),
        ("Maintenance of TASTy-Zorb and Kelp-Zorb, Harbor and QXP.", "Harbor"),
        ("Reminder: there is a new zoom link for the call.", "Zoom"),
        ("Bump scikit-learn; the sklearn import stays.", "scikit-learn"),
    ],
)
def test_software_in_lists_and_services_in_use(matchers, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert ("Component", name) in _named(matchers, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Reach users on GitHub, Email and Phone first.", "Email"),
        ("Ana will zoom in on the axes.", "Zoom"),
        ("We use GitHub, Email and Phone.", "Phone"),
    ],
)
def test_no_software_in_words_of_a_list(matchers, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert ("Component", name) not in _named(matchers, text)


def test_two_bodies_joined_by_and_are_two(matchers) -> None:  # type: ignore[no-untyped-def]
    named = _named(matchers, "Meet the Harbor City IG and Quiet Transit Working Group.")
    assert ("Team", "Quiet Transit Working Group") in named
    assert ("Team", "Harbor City IG and Quiet Transit Working Group") not in named


def test_the_board_is_the_board_the_minutes_spell_out(matchers) -> None:  # type: ignore[no-untyped-def]
    text = "Board of Directors members present: Ana.\nThe motion passed; the Board approved it."
    assert {n for k, n in _named(matchers, text) if k == "Team"} == {"Board of Directors"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Later in June, Quill License List\n", "Quill License List"),
        ("We read the Release Plan Ana wrote.", "Release Plan"),
        ("Per the Quill Security Policy Monday morning.", "Quill Security Policy"),
    ],
)
def test_a_title_goes_on_with_common_nouns_only(matchers, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert {n for k, n in _named(matchers, text) if k == "Document"} == {name}


def test_a_documents_acronym_names_it() -> None:
    from ingest.extract.documents import one_name_per_document
    from ingest.extract.identifiers import Found

    found = [
        Found(0, 9, "Document", "use case and requirements document", "x"),
        Found(20, 32, "Document", "UCR document", "UCR document"),
    ]
    assert {f.name for f in one_name_per_document(found)} == {"use case and requirements document"}


def test_shape_software_said_as_an_employer_is_the_organisation(matchers) -> None:  # type: ignore[no-untyped-def]
    from ingest.extract.naming import settle_names

    text = "Bea is an editor at qTessera.\n- the QTessera forum is busy"
    found = settle_names(text, find_terms(text, matchers), matchers)
    assert {(f.type, f.name) for f in found if "essera" in f.name} == {("Organization", "qTessera")}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("fanquake commented, but MarcoZed noted that it is the last one.", "MarcoZed"),
        ("Thanks to @TorstenQu for the review of the parser.", "TorstenQu"),
    ],
)
def test_a_speaker_shaped_like_software_is_none(matchers, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert ("Component", name) not in _named(matchers, text)


def test_a_label_opening_a_line_may_still_be_software(matchers) -> None:  # type: ignore[no-untyped-def]
    assert ("Component", "QuVerT") in _named(matchers, "- QuVerT: a verification toolchain")


def test_a_talks_repository_is_no_software() -> None:
    from ingest.extract.software import repositories

    text = (
        "Slides: https://github.com/ana/role-of-x-in-y\nCode: https://github.com/acme/tidewatch\n"
    )
    assert [f.name for f in repositories(text)] == ["tidewatch"]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("    * Mara Lindqvist [Quellware Labs]\n", "Quellware Labs"),
        ("* Asha Menon, Rui Costa - KelpData Partners, Lisbon\n", "KelpData Partners"),
        ("- [x] Tomasz Wilk (BrightLedger)\n", "BrightLedger"),
    ],
)
def test_software_in_a_roll_calls_affiliation_is_the_company(line: str, name: str) -> None:
    from ingest.extract.identifiers import Found
    from ingest.extract.software import employers

    start = line.index(name)
    first = name.split()[0]
    found = [Found(start, start + len(first), "Component", first, first)]
    assert [(f.type, f.name) for f in employers(line, found)] == [("Organization", name)]


def test_software_after_a_topic_is_still_software() -> None:
    from ingest.extract.identifiers import Found
    from ingest.extract.software import employers

    line = "- release notes: QuellDB\n"
    found = [Found(17, 24, "Component", "QuellDB", "QuellDB")]
    assert [f.type for f in employers(line, found)] == ["Component"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Next call at 9a PST, with Ravi.", set()),
        ("Present: Nadia Okafor (NOK), Piet Smeets (PST)\n", set()),
        ("The PST agreed to the plan.", {"PST"}),
    ],
)
def test_a_time_zone_or_someones_initials_is_no_body(text: str, kept: set[str]) -> None:
    from ingest.extract.identifiers import Found
    from ingest.extract.naming import _no_zones_or_initials

    s = text.index("PST")
    found = [Found(s, s + 3, "Team", "Project Review Team", "PST")]
    assert {f.surface for f in _no_zones_or_initials(text, found)} == kept


def test_a_sentences_opening_word_is_no_part_of_a_body(matchers) -> None:  # type: ignore[no-untyped-def]
    from ingest.extract.naming import settle_names

    text = "- Per Sampling SIG advice, we wait.\n- The Release Team met.\n"
    found = settle_names(text, find_terms(text, matchers), matchers)
    teams = {f.name for f in found if f.type == "Team"}
    assert "Sampling SIG" in teams and "See Sampling SIG" not in teams


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("- Discuss the charter before the vote.", {"charter"}),
        ("Tova will finalize bylaws; a report under the CoC was filed.", {"bylaws", "CoC"}),
        ("We plan to charter a docs task force.", set()),
        ("A charter review slot; see https://charter.example.org/", set()),
    ],
)
def test_a_governing_document_named_by_its_kind(matchers, text: str, names: set[str]) -> None:  # type: ignore[no-untyped-def]
    kinds = {"charter", "bylaws", "Code of Conduct"}
    found = {(f.name, f.surface) for f in find_terms(text, matchers) if f.type == "Document"}
    assert {surface for name, surface in found if name in kinds} == names


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Apps for Windows, Linux, iOS and Android: https://meet.example.org/1", []),
        ("- The Linux installers moved.\n- It fails on Linux.", []),
        ("- We discussed adopting Linux for the rover.", ["Linux"]),
    ],
)
def test_a_platform_things_run_on_is_no_component(text: str, kept: list[str]) -> None:
    import re

    from ingest.extract.identifiers import Found
    from ingest.extract.naming import _platforms

    found = [
        Found(m.start(), m.end(), "Component", m.group(0), m.group(0))
        for m in re.finditer(r"Linux|iOS|Android|Mac\b", text)
    ]
    assert [f.name for f in _platforms(text, found)] == kept


def test_software_after_an_agenda_topic_and_a_dash_is_still_software() -> None:
    from ingest.extract.identifiers import Found
    from ingest.extract.software import employers

    line = "- Release Planning - QuellDB\n"
    found = [Found(22, 29, "Component", "QuellDB", "QuellDB")]
    assert [f.type for f in employers(line, found)] == ["Component"]


@pytest.mark.parametrize(
    ("text", "title"), [("Google Doc", None), ("Release Plan", "Release Plan")]
)
def test_a_link_named_by_its_service_names_no_document(text: str, title: str | None) -> None:
    from ingest.extract.documents import _title

    assert _title(text) == title


def test_a_name_before_a_kind_of_add_on_names_the_add_on(matchers) -> None:  # type: ignore[no-untyped-def]
    from ingest.extract.naming import settle_names

    text = (
        "Rafa: we will ship the Harrow plugin next month.\n"
        "Harbor SDK docs need an owner; a GUI plugin is out of scope.\n"
        "The Kubernetes plugin stays as it is.\n"
    )
    named = {(f.type, f.name) for f in settle_names(text, find_terms(text, matchers), matchers)}
    assert {("Component", "Harrow plugin"), ("Component", "Harbor SDK")} <= named
    assert ("Component", "GUI plugin") not in named
    assert ("Component", "Kubernetes") in named  # a known product's own plugin
    assert ("Component", "Kubernetes plugin") not in named
