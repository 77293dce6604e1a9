"""Action items and attendance as the layout gives them, names resolved."""

from __future__ import annotations

from ingest.model import SourceText
from ingest.pipeline import extract_source

MINUTES = """\
# Relay sync 2024-10-08

- **Present:** Hana Kobayashi, Mateo Ruiz

## Action items

- [ ] @hkobayashi: write the triage rota for November
- [ ] Mateo to tag relay-cli 0.8.1

### Summary of open actions

| Owner | Action | Due |
| --- | --- | --- |
| Hanna Kobayashi | write the triage rota for November | |
| Mateo Ruiz | tag relay-cli 0.8.1 | 10/25 |
"""


def test_an_action_repeated_in_a_summary_table_is_one_item_with_both_evidences() -> None:
    items = extract_source(SourceText("relay.md", MINUTES, "markdown")).action_items
    assert [(a.text, len(a.evidence)) for a in items] == [
        ("write the triage rota for November", 2),
        ("Mateo to tag relay-cli 0.8.1", 2),
    ]
    assert [a.assignees[0].rsplit("/", 1)[1] for a in items] == ["hana-kobayashi", "mateo-ruiz"]
    assert items[1].due == "2024-10-25"


def test_a_carried_over_list_heads_its_items_and_repeats_merge() -> None:
    text = (
        "# Relay sync 2024-10-08\n\nPresent: Tarik Haddad\n\n## Action items\n\n"
        "- [ ] Tarik to update the Contributor Guide by 2024-12-03\n\n"
        "### Carried over\n\n- [ ] Tarik to update the Contributor Guide\n"
    )
    items = extract_source(SourceText("relay.md", text, "markdown")).action_items
    assert [(a.text, a.due) for a in items] == [
        ("Tarik to update the Contributor Guide", "2024-12-03")
    ]


def test_tasks_that_differ_in_a_version_stay_two_items() -> None:
    text = (
        "# Relay sync 2024-10-08\n\nPresent: Tarik Haddad\n\n## Action items\n\n"
        "- [ ] Tarik to update the docs for 2.1\n- [ ] Tarik to update the docs for 2.2\n"
    )
    items = extract_source(SourceText("relay.md", text, "markdown")).action_items
    assert len(items) == 2


def test_a_handle_written_after_a_roster_name_assigns_its_items() -> None:
    text = (
        "# Relay sync 2024-10-08\n\nPresent: Ann Lee [@zed], Bo Chen (@qq, Acme)\n\n"
        "## Action items\n\n- [ ] @zed: ship it\n- [ ] @qq: test it\n"
    )
    items = extract_source(SourceText("relay.md", text, "markdown")).action_items
    assert [a.assignees[0].rsplit("/", 1)[1] for a in items] == ["ann-lee", "bo-chen"]


ROLL_CALL = """\
# Pondweed Technical Steering Committee call — 2024-05-02

## Roll call

- Odile Marchetti (@omarch) — TSC chair
- Kwame Asante (@kasante) (Secretary)
- Rui Tavares (@rtav) — guest, Lichen Systems

## Action items

- [ ] @kasante @rtav: draft the plugin API note
- [ ] @omarch: book the venue
"""


def test_roll_call_roles_lead_the_body_and_affiliations_are_organisations() -> None:
    extraction = extract_source(SourceText("pondweed.md", ROLL_CALL, "markdown"))
    names = {e.name: e.type for e in extraction.entities}
    assert names["Lichen Systems"] == "Organization"
    assert "Secretary" not in names and "Chair" not in names
    triples = {
        (r.subject.rsplit("/", 1)[1], r.predicate, r.object.rsplit("/", 1)[1])
        for r in extraction.relations
    }
    assert ("rui-tavares", "memberOf", "lichen-systems") in triples
    assert ("odile-marchetti", "leads", "pondweed-technical-steering-committee") in triples
    assert ("kwame-asante", "attended", "pondweed") in triples


def test_handles_in_the_roll_call_assign_items_and_two_handles_are_two_people() -> None:
    items = extract_source(SourceText("pondweed.md", ROLL_CALL, "markdown")).action_items
    assert [[a.rsplit("/", 1)[1] for a in item.assignees] for item in items] == [
        ["kwame-asante", "rui-tavares"],
        ["odile-marchetti"],
    ]


def test_two_names_run_together_by_an_export_are_two_assignees() -> None:
    text = (
        "# Kelp weekly 2024-07-02\n\n## Attendees\n\n- Lena Doss\n- Bora Kim\n\n"
        "## Action items\n\n- Lena Doss Bora Kim write up the schema notes\n"
    )
    extraction = extract_source(SourceText("kelp.md", text, "markdown"))
    assert [e.name for e in extraction.entities if e.type == "Person"] == ["Lena Doss", "Bora Kim"]
    assert [a.rsplit("/", 1)[1] for a in extraction.action_items[0].assignees] == [
        "lena-doss",
        "bora-kim",
    ]


def test_a_signature_with_a_role_and_a_body_makes_the_signer_a_member() -> None:
    text = (
        "QUILLMOSS PROJECT MANAGEMENT COMMITTEE\nMinutes, 4 June 2024\n\n"
        "Present: Berit Halvorsen (Chair), Tobiah Mensah (Secretary)\n\n"
        "Nothing else to report.\n\n--\nTobiah Mensah\nSecretary, Quillmoss PMC\n"
    )
    extraction = extract_source(SourceText("quillmoss.txt", text))
    triples = {
        (r.subject.rsplit("/", 1)[1], r.predicate, r.object.rsplit("/", 1)[1])
        for r in extraction.relations
    }
    body = "quillmoss-project-management-committee"
    assert ("tobiah-mensah", "memberOf", body) in triples
    one_line = text.replace("Tobiah Mensah\nSecretary,", "Tobiah Mensah / Secretary,")
    extraction = extract_source(SourceText("quillmoss.txt", one_line))
    assert any(
        r.predicate == "memberOf" and r.subject.endswith("/tobiah-mensah")
        for r in extraction.relations
    )
    assert ("berit-halvorsen", "leads", body) in triples
    assert ("berit-halvorsen", "memberOf", body) not in triples  # attendance alone is not


def test_an_affiliation_that_names_a_known_team_is_that_team() -> None:
    text = (
        "# Kelp weekly 2024-07-02\n\n## Attendees\n\n- Lena Doss (Survey Operations)\n"
        "- Bora Kim\n\n## Notes\n\n- The Survey Operations team met on Monday.\n"
    )
    extraction = extract_source(SourceText("kelp.md", text, "markdown"))
    groups = [(e.type, e.name) for e in extraction.entities if e.type in ("Team", "Organization")]
    assert groups == [("Team", "Survey Operations team")]
    assert any(
        r.predicate == "memberOf" and r.object.endswith("/survey-operations-team")
        for r in extraction.relations
    )


def test_a_role_that_names_a_team_leads_that_team_not_the_meeting_body() -> None:
    text = (
        "# Pondweed Technical Steering Committee call — 2024-05-02\n\n## Roll call\n\n"
        "- Odile Marchetti (@omarch) — TSC chair\n- Kwame Asante (@kasante) — Docs WG lead\n"
    )
    extraction = extract_source(SourceText("pondweed.md", text, "markdown"))
    leads = {
        (r.subject.rsplit("/", 1)[1], r.object.rsplit("/", 1)[1])
        for r in extraction.relations
        if r.predicate == "leads"
    }
    assert leads == {
        ("odile-marchetti", "pondweed-technical-steering-committee"),
        ("kwame-asante", "docs-wg"),
    }


def test_an_inline_roll_call_with_a_dash_role_keeps_names_and_employers_apart() -> None:
    text = (
        "# Thornfield sync 2024-11-12\n\n**Present:** Ingrid Solvang (@isolvang),\n"
        "Priya Raman (@praman) — guest, Oakbridge Labs, Dara Quinn (@dquinn)\n\nNotes.\n"
    )
    extraction = extract_source(SourceText("thornfield.md", text, "markdown"))
    people = [e.name for e in extraction.entities if e.type == "Person"]
    assert people == ["Ingrid Solvang", "Priya Raman", "Dara Quinn"]
    attended = {
        r.subject.rsplit("/", 1)[1] for r in extraction.relations if r.predicate == "attended"
    }
    assert attended == {"ingrid-solvang", "priya-raman", "dara-quinn"}


def _items(text: str) -> list[tuple[str, list[str], str]]:
    items = extract_source(SourceText("m.md", text, "markdown")).action_items
    return [(a.text, [x.rsplit("/", 1)[1] for x in a.assignees], a.status) for a in items]


def test_a_first_name_heading_an_item_is_its_owner_even_if_named_nowhere_else() -> None:
    text = (
        "# Mesh sync 2025-03-04\n\n## Next steps\n\n"
        "Ilse: draft the migration guide\nTobias to rerun the load test\n"
    )
    got = _items(text)
    assert [a for _, a, _ in got] == [["ilse"], ["tobias"]]


def test_a_capitalised_word_opening_an_imperative_item_is_no_owner() -> None:
    text = "# Mesh sync 2025-03-04\n\n## Action items\n\n- Advertise the survey on the forum\n"
    assert [a for _, a, _ in _items(text)] == [[]]


def test_an_item_stated_without_marks_is_open_and_ticked_lists_keep_unticked_unknown() -> None:
    plain = "# Mesh sync 2025-03-04\n\n## Action items\n\n- Ilse to draft the guide\n"
    assert [s for *_, s in _items(plain)] == ["open"]
    ticked = (
        "# Mesh sync 2025-03-04\n\n## Action items\n\n"
        "- [x] Ilse to draft the guide\n- Tobias to rerun the load test\n"
    )
    assert [s for *_, s in _items(ticked)] == ["done", "unknown"]


def test_an_owner_line_in_an_actions_section_gives_the_items_below_it() -> None:
    text = (
        "# Mesh sync 2025-03-04\n\n## Action Items\n\n**Ilse**\n\n"
        "- open an issue for the flaky test\n  - waiting on the CI refactor first\n"
        "- review the parser PR\n\n**Tobias**\n\n> * update the roadmap page\n"
    )
    got = [(t, a) for t, a, _ in _items(text)]
    assert [a for _, a in got] == [["ilse"], ["ilse"], ["tobias"]]
    assert "waiting on the CI refactor" in got[0][0]  # a nested note joins its item
    assert got[2][0] == "update the roadmap page"  # a list inside a quote is listed too


def test_for_name_colon_gives_the_line_to_that_person() -> None:
    text = (
        "# Mesh sync 2025-03-04\n\n## Notes\n\n"
        "- For Ilse: check the compiler flags on the build farm\n"
        "- For discussion next time: the ranking statistic\n"
    )
    assert [(t, a) for t, a, _ in _items(text)] == [
        ("check the compiler flags on the build farm", ["ilse"])
    ]


def test_a_struck_through_or_green_ticked_item_is_done_and_keeps_its_owner() -> None:
    text = (
        "# Mesh sync 2025-03-04\n\n## Action items\n\n"
        "- ~~Ilse Berg will rename the default branch~~\n- ✅ Tobias Falk: renew the certificate\n"
    )
    assert [(a, s) for _, a, s in _items(text)] == [
        (["ilse-berg"], "done"),
        (["tobias-falk"], "done"),
    ]


BOARD_LISTS = """\
Orchard Foundation Board of Directors, minutes of 3 March 2024

Board members present:
  Halima Yusuf
  Pedro Almeida

Board members absent:
  Yuki Tanaka

Non-members present:
  Marek Nowak
"""


def test_members_listed_under_a_members_label_are_members_present_or_not() -> None:
    extraction = extract_source(SourceText("orchard.txt", BOARD_LISTS, "text"))
    members = {
        r.subject.rsplit("/", 1)[1] for r in extraction.relations if r.predicate == "memberOf"
    }
    assert {"halima-yusuf", "pedro-almeida", "yuki-tanaka"} <= members
    assert "marek-nowak" not in members
