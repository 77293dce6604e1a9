"""Decisions read from sentences and outcome lines (ingest.extract.decisions)."""

from __future__ import annotations

import pytest

from ingest.extract.decisions import (
    decision_text,
    decision_wording,
    is_decision_heading,
    is_open,
    objection_polls,
    topic_wording,
)
from ingest.model import SourceText
from ingest.pipeline import extract_source

pytestmark = pytest.mark.slow

HEAD = "# Relay steering 2025-03-04\n\nAttendees: Alice Smith, Bob Jones\n\n"


def _decisions(body: str, fmt: str = "markdown") -> list[str]:
    ext = extract_source(SourceText("m.md", HEAD + body, fmt))
    return [d.text for d in ext.decisions]


def test_a_bare_outcome_reads_as_the_proposal_it_settles() -> None:
    body = (
        "## Mirror hosting\n\nProposal: pay for a second mirror in 2026\n\n"
        "Votes: in favour: Alice, Bob\n\n**Decision**: Approved\n"
    )
    assert _decisions(body) == ["pay for a second mirror in 2026 - approved"]


def test_a_rejected_proposal_is_no_decision() -> None:
    body = "## Logo\n\nProposal: switch to the blue logo\n\n**Decision**: Rejected\n"
    assert _decisions(body) == []


def test_a_labelled_conclusion_runs_to_the_end_of_its_paragraph() -> None:
    body = (
        "## Shift operators\n\n"
        "Conclusion: The request is reasonable. Place it in the backlog milestone.\n"
    )
    assert _decisions(body) == ["The request is reasonable. Place it in the backlog milestone"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A consensus seemed to form around the release cadence.",
        "Consensus appeared to form around the release cadence.",
        "We need to get agreement on the logo first.",
        "The flaky test bugs have been resolved.",
        "DE: we decided back then to keep the old syntax.",
        "It was noted that the cadence is slow, which Bob agreed with.",
        "Conclusion:",
        "The workshop went fine, so the discussion carries on next week.",
    ],
)
def test_hedges_opinions_and_things_still_sought_are_no_decisions(sentence: str) -> None:
    assert _decisions("## Notes\n\n" + sentence + "\n") == []


def test_a_decision_of_the_meeting_stays_one() -> None:
    assert _decisions("## Notes\n\nWe decided to move the call to Thursdays.\n") == [
        "move the call to Thursdays"
    ]


def test_an_outcome_inside_a_list_the_splitter_kept_whole_is_its_entry() -> None:
    body = (
        "## Housekeeping\n\n- Request a scribe\n- Minutes of the last call approved\n"
        "- Update the homework list\n"
    )
    assert _decisions(body) == ["Minutes of the last call approved"]


def test_a_heading_word_that_names_a_stage_is_no_outcome() -> None:
    body = "## Adoption\n\nAdopted stage requirements: a license scan and a security audit.\n"
    assert _decisions(body) == []


def test_items_under_a_conclusion_label_settle_the_topic_above() -> None:
    body = (
        "## Ordinary tickets\n\n### Add Integer#bitcount (ana)\n\n**Discussion:**\n\n"
        "- bo: useful for parsers\n\n**Conclusion:**\n\n- chair: Accepted.\n"
    )
    assert _decisions(body) == ["Add Integer#bitcount (ana) - Accepted"]


def test_a_decision_cut_after_a_word_no_sentence_ends_with_runs_on() -> None:
    body = (
        "Notes\n\n    After a short debate.  By general consent, the council approved of\n"
        "    the new budget and the hosting contract.\n"
    )
    assert _decisions(body, "text") == [
        "By general consent, the council approved of the new budget and the hosting contract"
    ]


def test_a_resolution_record_without_a_proposal_line_reads_as_its_rationale() -> None:
    body = (
        "## Hosting budget\n\nProponent: Alice Smith\n\n"
        "Rationale: Each mirror will be paid from the hosting budget:\n\n"
        "- the main mirror\n- the backup mirror\n\n"
        "Votes: In favour: Alice, Bob\n\n**Decision**: Approved\n\nNotes: none\n"
    )
    assert _decisions(body) == [
        "Hosting budget: Each mirror will be paid from the hosting budget: - the main mirror"
        " - the backup mirror - approved"
    ]


def test_a_list_entry_decision_names_the_topic_it_settles() -> None:
    body = (
        "## Reviewed modules\n\n##relay_queue\n\n- Reviewed with no actions\n\n"
        "## Triage\n\n### Tracing hooks\n\nhttps://example.org/issues/12\n\n"
        "* Conclusion: Place in the backlog milestone.\n\n"
        "## AOB\n\n- Agreed to meet again on 25 April.\n"
    )
    assert _decisions(body) == [
        "relay_queue - Reviewed with no actions",
        "Tracing hooks - Place in the backlog milestone",
        "meet again on 25 April",
    ]


def test_a_matter_still_to_be_decided_is_no_decision() -> None:
    body = "## Process\n\n- A member raises on the mailing list an item that needs deciding.\n"
    assert _decisions(body) == []


def test_agreement_said_in_more_ways() -> None:
    body = (
        "## Board\n\n"
        "By general consent, the council established a licensing committee.\n\n"
        "## Runtime\n\n"
        "Ana warned that splitting the runtime might not help adoption, to which everyone"
        " agreed.\n\n"
        "## Roadmap\n\n"
        "- Broad agreement to go ahead with 3.0, with the changes proposed:\n"
        "    - Range checks disabled\n"
        "    - New coordinates\n\n"
        "#### Conclusion/Resolution\n\n- Rename `Int64Array` to `BigInt64Array`\n"
    )
    assert _decisions(body) == [
        "By general consent, the council established a licensing committee",
        "Ana warned that splitting the runtime might not help adoption, to which everyone agreed",
        "Roadmap - go ahead with 3.0, with the changes proposed: - Range checks disabled"
        " - New coordinates",
        "Roadmap - Rename Int64Array to BigInt64Array",
    ]


def test_an_entry_of_a_decisions_section_still_pending_is_no_decision() -> None:
    body = "## Decisions\n\n- Adopt the new logo\n- Stage 3 pending final review\n"
    assert _decisions(body) == ["Adopt the new logo"]


@pytest.mark.parametrize(
    ("said", "clause"),
    [
        ("**Resolved:** the call moves to Thursdays.", "the call moves to Thursdays"),
        ("RESOLUTION: Publish the draft as a Note", "Publish the draft as a Note"),
        ("Outcome - keep the old wire format", "keep the old wire format"),
        ("Result of the discussion: the API stays frozen", "the API stays frozen"),
        ("We agreed that the budget covers two mirrors.", "the budget covers two mirrors"),
        ("The working group decided to drop Python 3.8.", "drop Python 3.8"),
        ("It was unanimously agreed that releases are monthly.", "releases are monthly"),
        ("Consensus to archive the old wiki", "archive the old wiki"),
        ("There was broad agreement that docs move to Sphinx", "docs move to Sphinx"),
        ("The TSC agreed not to backport the fix", "not to backport the fix"),
        ("All keen and we agree that Lyon hosts it", "All keen and Lyon hosts it"),
        ("ana: Accepted, waiting for a patch.", "Accepted, waiting for a patch"),
        ("[name=Bo] keep the nightly builds (+1)", "keep the nightly builds"),
        ("Adopt the new logo (5 for, 1 against, 0 abstain)", "Adopt the new logo"),
        ("Move the docs to the new theme. Ines seconding.", "Move the docs to the new theme"),
        ("Ship the [release notes](https://example.org/n) in `v2`", "Ship the release notes in v2"),
    ],
)
def test_a_decision_reads_as_the_decided_clause(said: str, clause: str) -> None:
    assert decision_wording(said) == clause


@pytest.mark.parametrize(
    "said",
    [
        "Alice Smith agreed to provide two build machines.",  # who commits stays said
        "Consensus on the 2025 goals was confirmed.",  # the noun phrase is what was settled
        "Decision making: each member may call a vote.",  # a topic, not a label
    ],
)
def test_a_subject_that_says_what_was_decided_stays(said: str) -> None:
    assert decision_wording(said) == said.rstrip(".")


@pytest.mark.parametrize(
    ("topic", "plain"),
    [
        ("15.iv Storage backends", "Storage backends"),
        ("3) Logo refresh (10 min)", "Logo refresh"),
        ("[Issue 12](https://example.org/12) - New docs WG - _15min_", "Issue 12 - New docs WG"),
        ("1. Roadmap for the CLI (15m, Priya)", "Roadmap for the CLI"),
        ("Confirm the survey dates (*tmk* **Time**: 2 minutes)", "Confirm the survey dates"),
        ("[x] RKO: Should we skip the holiday call?", "Should we skip the holiday call?"),
    ],
)
def test_a_topic_loses_its_agenda_numbering_and_time_box(topic: str, plain: str) -> None:
    assert topic_wording(topic) == plain


def test_a_scribed_outcome_names_its_topic_without_the_speaker() -> None:
    body = (
        "## Tickets\n\n### 4.ii [Ticket 88](https://example.org/88) Add `Queue#peek` - 5 min\n\n"
        "Conclusion:\n\n* ana: Not useful enough. Will reject.\n"
    )
    assert _decisions(body) == ["Ticket 88 Add Queue#peek - Not useful enough. Will reject"]


def test_the_rooms_plus_one_beside_an_item_is_a_decision_but_one_persons_is_not() -> None:
    body = (
        "## Plans\n\n"
        "- Retire the old dashboard and send people to the new one. A how-to page? +1\n"
        "- Move the nightly builds to the new runners (+1)\n"
        "- Switch the docs theme [name=Bo] +1\n"
        "- [name=Ana] +1, sounds right\n"
        "- Bob Jones +1\n"
    )
    assert _decisions(body) == [
        "Retire the old dashboard and send people to the new one",
        "Move the nightly builds to the new runners",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- Adopt the new formatter (resounding no in the room)", "resounding no"),
        ("Outcome: keep the old wire format for 2.x", "keep the old wire format for 2.x"),
        ("RESOLUTION - publish the draft as a Note", "publish the draft as a Note"),
        ("The storage proposal is accepted.", "The storage proposal is accepted"),
        ("all: agreed to hold the sprint in Lyon", "hold the sprint in Lyon"),
        ("ana: AGREED: invites use Central European time", "invites use Central European time"),
    ],
)
def test_outcomes_said_in_more_ways(line: str, expected: str) -> None:
    (found,) = _decisions("## Notes\n\n" + line + "\n")
    assert expected in found


@pytest.mark.parametrize(
    "line",
    [
        "We should line up with the docs team on tooling (the docs leads agree!).",
        "We should line up with the docs team on tooling (the docs leads\n    agree!).",
        "Enable trials of new syntax before they are accepted into the language.",
        "Unless required by law or agreed to in writing, the files are provided as is.",
        "The handle is passed to the callback as its first argument.",
        "By contributing, you agree that your patches are licensed under the MIT license.",
        "Classifier: License :: OSI Approved :: MIT License",
    ],
)
def test_asides_conditions_and_handing_on_are_no_decisions(line: str) -> None:
    assert _decisions("## Notes\n\n" + line + "\n") == []


def test_a_table_of_resolutions_gives_one_decision_per_row_that_passed() -> None:
    body = (
        "## Log\n\n"
        "| Topic | Decision | Owner |\n| --- | --- | --- |\n"
        "| Logo | Adopt the blue logo | Ana |\n| Venue | TBD | Bo |\n\n"
        "## Votes\n\n"
        "| # | Resolution | Vote |\n| --- | --- | --- |\n"
        "| 1 | Fund two more mirrors | Approved 5-0 |\n"
        "| 2 | Move the call to Fridays | Rejected |\n"
    )
    ext = extract_source(SourceText("m.md", HEAD + body, "markdown"))
    assert [d.text for d in ext.decisions] == [
        "Logo - Adopt the blue logo",
        "Fund two more mirrors",
    ]
    assert [d.evidence[0].quote for d in ext.decisions] == [
        "Logo | Adopt the blue logo | Ana",
        "1 | Fund two more mirrors | Approved 5-0",
    ]


def test_hedge_words_are_read_from_the_users_vocabulary(tmp_path, monkeypatch) -> None:
    import shutil
    from pathlib import Path

    vocab = tmp_path / "vocab"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data" / "vocab", vocab)
    words = vocab / "decision_words.yaml"
    words.write_text(
        words.read_text(encoding="utf-8").replace("hedges: [", "hedges: [reportedly, "),
        encoding="utf-8",
    )
    body = "## Notes\n\nThe group reportedly agreed to move the call to Thursdays.\n"
    assert _decisions(body) != []  # the shipped list: "reportedly" hedges nothing
    monkeypatch.setenv("KG_VOCAB_DIR", str(vocab))
    assert _decisions(body) == []


@pytest.mark.parametrize(
    ("entry", "still_open"),
    [
        ("Venue: open", True),
        ("Naming of the flag is still open.", True),
        ("The Foundation joins the Open Source Initiative as an affiliate member.", False),
        ("Keep the extension registry open.", False),
        ("Adopt an open governance model.", False),
    ],
)
def test_open_is_a_status_not_a_word_of_a_name(entry: str, still_open: bool) -> None:
    assert is_open(entry) is still_open


@pytest.mark.parametrize(
    ("heading", "holds_decisions"),
    [
        ("Outcomes", True),
        ("Agreed", True),
        ("Decisions made", True),
        ("Key decisions", True),
        ("Outcomes and next steps", False),
        ("Agreed stage requirements", False),
    ],
)
def test_a_heading_of_decision_words_alone_heads_decisions(
    heading: str, holds_decisions: bool
) -> None:
    assert is_decision_heading(heading) is holds_decisions


def test_meetbot_commands_and_stamps_are_no_part_of_the_decision() -> None:
    assert decision_wording("#agreed retire the eu2 mirror") == "retire the eu2 mirror"
    assert (
        decision_wording("AGREED: retire the eu2 mirror  (ngozi, 15:09:44)")
        == "retire the eu2 mirror"
    )
    assert decision_wording("Move the call to 16:00 UTC: +1 from all") == (
        "Move the call to 16:00 UTC"
    )


def test_one_persons_agreement_to_do_something_is_a_task_unless_it_completes_a_decision() -> None:
    assert _decisions("## Notes\n\nZainab Okafor agreed to take the notes.\n") == []
    found = _decisions(
        "## Notes\n\nWe agreed that the staging cluster is rebuilt next month. "
        "Alice Smith agreed to provide the budget for it.\n"
    )
    assert len(found) == 2


def test_a_decision_of_an_earlier_meeting_reported_is_none_of_this_one() -> None:
    assert _decisions("## Notes\n\nLast week we decided to drop the legacy theme.\n") == []
    assert _decisions("## Notes\n\nMinutes of the last meeting approved.\n") == [
        "Minutes of the last meeting approved"
    ]


@pytest.mark.parametrize(
    ("said", "decided"),
    [
        ("All told, the conclusion is to deprecate the old flag", "deprecate the old flag"),
        ("The TSC voted to approve the new charter", "approve the new charter"),
        ("Chairs find rough consensus to keep it open", "keep it open"),
        ("14:06:02 <kofi> RESOLVED: create a registry", "create a registry"),
        ("✅ Decision: drop the legacy theme", "drop the legacy theme"),
    ],
)
def test_the_framing_of_a_decision_is_no_part_of_it(said: str, decided: str) -> None:
    assert decision_wording(said) == decided


def test_a_carried_motion_reads_as_the_motion_without_its_procedure() -> None:
    text = (
        "## Trademark policy\nMotion to adopt the revised trademark policy.\n"
        "Moved: Ingrid Solberg. Seconded: Matteo Ricci.\nAyes: 5. Nays: 0.\nMotion carried.\n"
    )
    at = text.index("Motion carried")
    assert decision_text(text, at, at + 15, ("Trademark policy",)) == (
        "adopt the revised trademark policy - carried"
    )


def test_a_motions_table_gives_the_motions_that_passed() -> None:
    body = (
        "| Motion | For | Against | Result |\n|---|---|---|---|\n"
        "| Accept the linter into incubation | 7 | 0 | Carried |\n"
        "| Raise the quorum | 2 | 5 | Failed |\n"
    )
    assert _decisions(body) == ["Accept the linter into incubation - carried"]


@pytest.mark.parametrize(
    ("said", "decided"),
    [
        (
            "Ana: Ready to poll. Any objections? None. Great, the proposal is at phase 2!",
            "the proposal is at phase 2",
        ),
        (
            "<kofi> any objections to closing issue 57?\n<kofi> hearing none, closing it\n",
            "closing issue 57",
        ),
        ("Any objections? No, but I object to the name.", None),
        ("Any objections to phase 3? Tomás objects until the tests land.", None),
    ],
)
def test_a_question_for_objections_answered_by_none_is_a_decision(
    said: str, decided: str | None
) -> None:
    assert [p.text for p in objection_polls(said)] == ([decided] if decided else [])


def test_news_of_another_organisations_decision_is_none_of_the_meetings() -> None:
    assert (
        _decisions("## Hosting\n\nThe University of Tartu has decided to end its mirror.\n") == []
    )


def test_a_tally_then_its_outcome_settles_the_motion_before_it() -> None:
    found = _decisions(
        "## Sponsors\n\nRenew the CI sponsorship for 2026. Vote: 4 yes, 0 no - approved.\n"
    )
    assert found == ["Renew the CI sponsorship for 2026 - approved"]


def test_an_outcome_label_with_what_it_settles_reads_as_that() -> None:
    (found,) = _decisions("## Budget\n\n- Approved: the 2026 budget as circulated.\n")
    assert found.endswith("the 2026 budget as circulated") and "Approved" not in found


def test_a_poll_that_passes_reads_as_the_poll() -> None:
    body = "## Phase 4\n\nPOLL: advance memory tagging to phase 4\n\nThe poll passes.\n"
    assert _decisions(body) == ["advance memory tagging to phase 4 - passed"]


def test_a_typed_table_gives_its_decision_rows() -> None:
    body = (
        "| Type | Item | Owner |\n|---|---|---|\n"
        "| Decision | Ship 6.1 without the new importer | |\n"
        "| Action | Write the upgrade notes | Alice Smith |\n"
    )
    assert _decisions(body) == ["Ship 6.1 without the new importer"]


def test_room_consensus_to_be_confirmed_on_the_list_is_a_decision() -> None:
    found = _decisions(
        "## Adoption\n\nConsensus in the room to adopt the draft (to be confirmed on the list).\n"
    )
    assert len(found) == 1 and "adopt the draft" in found[0]
    assert _decisions("## Dates\n\nThe venue is to be confirmed.\n") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "CI passed on all platforms after the linker fix.",
        "PR #4512 was approved by two reviewers and merged.",
        "The grant application was approved by the funder.",
        "Our tutorial was accepted at the spring conference.",
    ],
)
def test_passed_approved_accepted_without_a_body_or_a_vote_are_news(sentence: str) -> None:
    assert _decisions("## Updates\n\n- " + sentence + "\n") == []


def test_approved_by_a_body_stays_a_decision() -> None:
    (found,) = _decisions(
        "## Governance\n\n- The contributor guide was approved by the committee.\n"
    )
    assert "contributor guide" in found


@pytest.mark.parametrize(
    "body",
    [
        "- Alice Smith: the council sets priorities.\n    - Bob Jones agrees\n",
        "- @asmith: the council sets priorities.\n    - @bjones agrees\n",
        "Alice Smith wants one more pass over the charter. Bob Jones agrees.\n",
    ],
)
def test_one_person_assenting_to_a_point_is_no_decision(body: str) -> None:
    assert _decisions(body) == []


def test_two_people_assenting_to_a_recommendation_is_one() -> None:
    body = "Alice Smith suggests an open forum next week. Bob Jones and Alice Smith agree.\n"
    assert _decisions(body) != []


@pytest.mark.parametrize(
    "sentence",
    [
        "Bob went through the spending against the actual approved budget.",
        "The charter covers the drafting of agreed conventions for audits.",
        "The list of accepted talks is on the site.",
    ],
)
def test_a_participle_before_its_noun_is_no_decision(sentence: str) -> None:
    assert _decisions(sentence + "\n") == []


@pytest.mark.parametrize(
    "sentence, said",
    [
        ("The devs agreed to meet on Saturday to fix the preview.", "meet on Saturday"),
        ("Board agrees to join the sponsors programme.", "join the sponsors programme"),
    ],
)
def test_a_group_named_by_a_noun_decides_for_the_meeting(sentence: str, said: str) -> None:
    assert any(said in d for d in _decisions(sentence + "\n"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Consensus is what we aim for, not a rule.",
        "Consensus means nobody blocks; consensus doesn't require unanimity.",
        "Lazy consensus for everyday business.",
        "We're mostly in agreement on the charter.",
        "For the most part there is agreement on the bylaws.",
    ],
)
def test_talk_about_consensus_or_partial_agreement_is_no_decision(sentence: str) -> None:
    assert _decisions(sentence + "\n") == []


def test_the_consensus_is_to_still_states_an_outcome() -> None:
    assert _decisions("The consensus is to move the call to Thursdays.\n") != []


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("## Roadmap\n\n1. Old backends: let's drop the Tk backend\n", "drop the Tk backend"),
        ("Let's start with the curation of the gallery.\n", "start with the curation"),
        ("Alice and Bob said let's wait for the vendor's reply.\n", "wait for the vendor"),
    ],
)
def test_the_rooms_lets_settles_the_matter(body: str, said: str) -> None:
    assert any(said in d for d in _decisions(body))


@pytest.mark.parametrize(
    "body",
    [
        "Nothing new on the builds, let's move on.\n",
        "Let's take this offline.\n",
        "Let's update the contributors page.\n",
        "The new scheduler lets jobs finish early.\n",
        "- Bob Jones: let's ship it now\n",
    ],
)
def test_lets_that_moves_the_meeting_or_sets_a_task_is_no_decision(body: str) -> None:
    assert _decisions(body) == []


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("Unanimous vote of present members to move forward with the handover.", "handover"),
        ("Everybody was in favor of archiving the old forum.", "archiving the old forum"),
        ("All in favour of the new logo.", "new logo"),
    ],
)
def test_the_whole_room_in_favour_is_a_decision(sentence: str, said: str) -> None:
    assert any(said in d for d in _decisions(sentence + "\n"))


def test_a_unanimous_vote_still_needed_is_no_decision() -> None:
    assert _decisions("The bylaws change needs a unanimous vote of the board.\n") == []


@pytest.mark.parametrize(
    "body",
    [
        "Bob Jones said the docs are thin, and he agrees with Alice about shorter release notes.\n",
        "Alice Smith spoke in favour of nightly wheels, with agreement from Bob Jones.\n",
        "Alice Smith asked for the slides, and Bob Jones agreed to check the shared folder.\n",
        "Alice Smith noted the risk; she agreed that the mirror is slow.\n",
    ],
)
def test_one_persons_agreement_reported_in_a_longer_sentence_is_no_decision(body: str) -> None:
    assert _decisions(body) == []


@pytest.mark.parametrize(
    "body, said",
    [
        ("Alice Smith proposed nightly wheels, with agreement from everyone.\n", "nightly"),
        ("Alice Smith proposed nightly wheels, with agreement from the board.\n", "nightly"),
        (
            "Alice Smith asked about wheels, and Bob Jones and Carol Diaz agreed to drop them.\n",
            "drop",
        ),
    ],
)
def test_the_rooms_agreement_after_one_persons_turn_stays_a_decision(body: str, said: str) -> None:
    assert any(said in d for d in _decisions(body))


@pytest.mark.parametrize(
    "body, said",
    [
        ("Board appoints Alice Smith as acting treasurer until the elections.\n", "treasurer"),
        ("With too few members present, the TSC chose to hold the vote by email.\n", "by email"),
        ("After a long debate we opted to keep the old logo for another year.\n", "old logo"),
        ("The council selects the spring venue: Lisbon.\n", "Lisbon"),
    ],
)
def test_a_body_choosing_in_a_verb_of_choice_is_a_decision(body: str, said: str) -> None:
    assert any(said in d for d in _decisions(body))


@pytest.mark.parametrize(
    "body",
    [
        "Bob Jones chose to skip the sprint.\n",
        "The committee had selected a venue before the pandemic.\n",
        "You can choose the theme from the settings page.\n",
        "Most users opt to install the wheels from the mirror.\n",
    ],
)
def test_a_choice_not_made_by_the_meeting_is_no_decision(body: str) -> None:
    assert _decisions(body) == []


@pytest.mark.parametrize(
    "body, said",
    [
        (
            "- Talk went on for a while, leading to the outcome that Bob Jones will draft"
            " the charter.\n",
            "Bob Jones will draft the charter",
        ),
        ("- Result of discussions: the plugin API stays frozen until 3.0\n", "plugin API stays"),
        (
            "- Which tracker for docs bugs? The answer is to keep them in the main repo\n",
            "main repo",
        ),
    ],
)
def test_the_outcome_of_a_discussion_is_a_decision(body: str, said: str) -> None:
    assert any(said in d for d in _decisions(body))


@pytest.mark.parametrize(
    "body",
    [
        "It goes back to the agreement with Acme, under which a board had to oversee the"
        " grant, unlike our own board.\n",
        "- Everyone must sign the Contributor License Agreement before the sprint.\n",
        "- [Corporate Membership Agreement](https://example.org/cma.pdf)\n",
    ],
)
def test_an_agreement_that_is_a_contract_or_a_document_is_no_decision(body: str) -> None:
    assert _decisions(body) == []


@pytest.mark.parametrize(
    "body, said",
    [
        ("- Agreement with the plan to cut the release on Friday.\n", "Friday"),
        ("- After a short debate, agreement to move the call to Tuesdays.\n", "Tuesdays"),
    ],
)
def test_the_rooms_agreement_stays_a_decision(body: str, said: str) -> None:
    assert any(said in d for d in _decisions(body))


@pytest.mark.parametrize(
    "body",
    [
        "- Autumn sprint\n\n    - We are still aiming at Lyon in October.  We will\n"
        "    update once the venue is confirmed.\n",
        "- Docs\n\n    - Reviews pile up - we will address these as we go.\n",
    ],
)
def test_we_will_with_a_task_or_nothing_after_it_is_no_decision(body: str) -> None:
    assert _decisions(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "- Letter\n    - Here is how we will welcome first-time speakers.\n",
        "- Letter\n    - I think we will need a bigger room next year.\n",
        "- Plugins\n    - By moving them under one namespace, we will cut the accounts.\n",
        "- Docs\n    - While the site is frozen, we will also tidy the landing page.\n",
        "- Beta\n    - We will not be able to tag the beta before June.\n",
    ],
)
def test_we_will_reported_as_means_or_as_ability_is_no_decision(body: str) -> None:
    assert _decisions(body) == []


@pytest.mark.parametrize(
    "body, said",
    [
        ("- Wheels\n    - After comparing both, we will publish one wheel per OS.\n", "wheel"),
        ("- Next\n    - At the next call we will pick the first tools to port.\n", "first tools"),
        ("- Plan\n    - So we will keep the old theme for 3.0.\n", "old theme"),
    ],
)
def test_we_will_opening_its_clause_stays_a_decision(body: str, said: str) -> None:
    assert any(said in d for d in _decisions(body))


@pytest.mark.parametrize(
    "body",
    [
        "- Formats\n    - This assumes the maintainers can agree on one formatter.\n",
        "- Joining\n    - Nobody in the SIG has to agree with every proposal.\n",
        "- Docs\n    - Small fixes do not need to be reviewed or approved by the board.\n",
    ],
)
def test_a_verb_cue_after_a_modal_is_no_decision(body: str) -> None:
    assert _decisions(body) == []


def test_a_cue_before_the_modal_still_decides() -> None:
    body = "- Vision\n    - The board agrees that the vision should be adopted through a SEP.\n"
    assert any("vision" in d for d in _decisions(body))


@pytest.mark.parametrize(
    "body",
    [
        "Conclusion\n~~~~~~~~~~\n\n * _kestrel_ volunteers to set up the wiki.\n",
        "## Decisions\n\n- Marta Olsen offered to maintain the wiki.\n",
        "Board agrees to open a sponsorship page. Tomasz agrees to check the payout settings.\n",
    ],
)
def test_one_person_taking_a_task_on_is_no_decision(body: str) -> None:
    assert not any("wiki" in d or "payout" in d for d in _decisions(body))


def test_a_persons_part_in_the_decision_just_stated_stays_one() -> None:
    body = "We agreed to hire a second editor. Tomasz agreed to fund it from the travel budget.\n"
    assert any("fund it" in d for d in _decisions(body))


@pytest.mark.parametrize(
    "body, said",
    [
        ("- Spec\n    - The members present gave approval to merge the extension.\n", "merge"),
        ("- Repos\n    - It was determined that the examples live apart.\n", "examples"),
        ("- Input\n    - We reaffirmed the value of hearing from absent members.\n", "absent"),
        ("Calls\n\nAfter some juggling we arrived at:\n\n* Thursdays, 15:00 UTC\n", "Thursdays"),
    ],
)
def test_a_decision_said_in_other_words(body: str, said: str) -> None:
    assert any(said in d for d in _decisions(body))


def test_one_person_reaffirming_is_no_decision() -> None:
    assert _decisions("- Talks\n    - Bo reaffirmed the proposal's importance.\n") == []


@pytest.mark.parametrize(
    "body, said",
    [
        (
            "## Sprint venue\n\nKaja - I would like the club to pay the deposit for the hall "
            "in Lund. It is about 300 EUR, paid back later -\nAPPROVED overwhelmingly.\n",
            "deposit for the hall",
        ),
        ("## Bylaws\n\nUnanimously agreed that:\n\nThe quorum drops to four members.\n", "quorum"),
    ],
)
def test_a_bare_outcome_takes_what_it_settles(body: str, said: str) -> None:
    assert any(said in d for d in _decisions(body))


def test_a_summary_restating_a_decision_is_not_a_second_one() -> None:
    body = (
        "Summary of the meeting\n\nRFC 12: Approved.\n\n## RFC 12\n\n"
        "Talked through the open comments.\n\nSummary: Approved.\n"
    )
    found = _decisions(body)
    assert len(found) == 1 and "RFC 12" in found[0]


def test_an_agreed_colon_over_a_heading_takes_nothing_below() -> None:
    body = "## Mirrors\n\nAgreed that:\n\n## Next topic\n\nWe talked about the logo.\n"
    assert not any("logo" in d for d in _decisions(body))
