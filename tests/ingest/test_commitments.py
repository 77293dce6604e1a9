"""Action items said in prose, read from the parse (ingest.extract.commitments)."""

from __future__ import annotations

import pytest

from ingest.model import SourceText
from ingest.pipeline import extract_source

pytestmark = pytest.mark.slow

HEAD = "# Relay sync 2025-03-04\n\nAttendees: Alice Smith, Bob Jones, Carla Diaz\n\n## Notes\n\n"


def _items(body: str) -> list[tuple[str, list[str]]]:
    items = extract_source(SourceText("m.md", HEAD + body, "markdown")).action_items
    return [(a.text, [x.rsplit("/", 1)[1] for x in a.assignees]) for a in items]


def test_a_person_with_a_future_is_given_the_task() -> None:
    assert _items("Alice Smith will write the release plan.\n") == [
        ("write the release plan", ["alice-smith"])
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Bob volunteered to cut the next release.",
        "Bob agreed to cut the next release.",
        "Bob is going to cut the next release.",
        "Bob offered to cut the next release.",
        "Bob to cut the next release.",
        "Bob has been asked to cut the next release.",
    ],
)
def test_verbs_of_commitment_give_the_infinitive_to_their_subject(sentence: str) -> None:
    [(text, owners)] = _items(sentence + "\n")
    assert text.rstrip(".").endswith("cut the next release") and owners == ["bob-jones"]


def test_a_pronoun_stands_for_the_one_person_named_just_before() -> None:
    got = _items("Carla reviewed the draft of the charter. She'll post it on the forum.\n")
    assert got == [("post it on the forum", ["carla-diaz"])]


def test_a_pronoun_after_two_people_is_nobody_in_particular() -> None:
    got = _items("Carla and Bob reviewed the charter. She'll post it on the forum.\n")
    assert [a for _, a in got] == [[]] or got == []


def test_past_reports_negations_and_questions_are_no_tasks() -> None:
    body = (
        "Alice wrote the release plan.\n\nBob will not cut the release.\n\n"
        "Will Carla post the notes?\n"
    )
    assert _items(body) == []


def test_the_group_gives_itself_a_duty_without_an_owner() -> None:
    assert _items("We will start a mailing-list thread about the roadmap.\n") == [
        ("start a mailing-list thread about the roadmap", [])
    ]


def test_a_speaker_promising_in_the_first_person_owns_the_task() -> None:
    got = _items("bob: I will open the tracking issue\n\ncarla: we should say more\n")
    assert got == [("open the tracking issue", ["bob-jones"])]


def test_a_first_name_the_tagger_misreads_still_owns_its_promise() -> None:
    got = _items("Sudhir will give an update at the next meeting.\n")
    assert got == [("give an update at the next meeting", ["sudhir"])]


def test_the_task_stops_before_a_remark_after_a_comma() -> None:
    got = _items("Carla will answer the forum question, which needs a design note first.\n")
    assert got == [("answer the forum question", ["carla-diaz"])]


def test_a_product_name_is_no_owner() -> None:
    assert _items("OpenFrob will bring very different requirements.\n") == []


def test_a_name_the_tagger_reads_as_a_verb_still_owns_work_in_progress() -> None:
    got = _items("Sayed is working on the dispatch rewrite.\n")
    assert [a for _, a in got] == [["sayed"]]


def test_a_speaker_promising_after_a_word_of_assent_owns_the_task() -> None:
    assert _items("bob: ok, will merge the PR\n") == [("merge the PR", ["bob-jones"])]


def test_a_promise_said_with_a_weekday_is_due_that_day_after_the_meeting() -> None:
    items = extract_source(
        SourceText("m.md", HEAD + "Alice Smith will send the budget by Friday.\n", "markdown")
    ).action_items
    assert [(a.text, a.due) for a in items] == [("send the budget by Friday", "2025-03-07")]


def test_a_speaker_named_in_full_thinking_aloud_gives_nobody_work() -> None:
    body = "**Bob Jones:** Can create the pool up front. We may need to change the API.\n"
    assert _items(body) == []


def test_a_handle_in_lower_case_the_document_knows_owns_its_promise() -> None:
    body = (
        "kfox: the split looks fine to me.\n\n"
        "- mempool rework (#20211), kfox will reopen review soon\n"
    )
    assert ("reopen review soon", ["kfox"]) in _items(body)


def test_a_lower_case_word_no_one_is_called_is_no_owner() -> None:
    assert _items("The release will ship soon; nightly will open again tomorrow.\n") in (
        [],
        [("open again tomorrow", [])],
    )


def test_a_person_who_needs_to_do_something_is_given_it() -> None:
    [(text, owners)] = _items("We met. Later Bob needs to rerun the benchmarks, it seems.\n")
    assert "rerun the benchmarks" in text and owners == ["bob-jones"]


def test_a_need_of_being_somewhere_or_something_is_no_task() -> None:
    assert _items("We met. To host it, Bob needs to be a licensed user, it seems.\n") == []


def test_a_misread_lemma_of_a_commitment_verb_still_commits() -> None:
    got = _items("Carla hopes to have a PR ready soon.\n")
    assert [a for _, a in got] == [["carla-diaz"]]


@pytest.mark.parametrize(
    "line",
    [
        "- Bob to close the issue once CI passes.",
        "* Bob to close the stale issue.",
        "1. Bob to close the issue before the freeze",
    ],
)
def test_a_listed_name_to_verb_gives_the_name_the_task(line: str) -> None:
    # the parser may read the name as a modifier of the infinitive, not as its subject
    [(text, owners)] = _items(line + "\n")
    assert "close the" in text and owners == ["bob-jones"]


@pytest.mark.parametrize(
    ("sentence", "owners"),
    [
        ("Carla asked Bob to prepare the budget.", ["bob-jones"]),
        ("The chair asked Bob Jones and Alice to review the draft.", ["bob-jones", "alice-smith"]),
        ("Carla has tasked Bob with preparing the budget.", ["bob-jones"]),
    ],
)
def test_a_person_asked_to_do_something_is_given_it(sentence: str, owners: list[str]) -> None:
    [(text, got)] = _items(sentence + "\n")
    assert sorted(got) == sorted(owners) and ("prepar" in text or "review" in text)


def test_being_asked_to_explain_is_no_task() -> None:
    assert _items("Carla asked Bob to explain the numbers.\n") == []


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("The organisers will publish the agenda next week.", "organisers"),
        ("Reviewers to check the new contributor guide.", "reviewers"),
        ("The mentors agreed to rank the proposals.", "mentors"),
        ("The two editors were tasked with setting up the repository.", "editors"),
    ],
)
def test_a_group_named_by_what_its_people_do_is_the_doer(sentence: str, group: str) -> None:
    [(_, owners)] = _items(sentence + "\n")
    assert owners == [group]


@pytest.mark.parametrize(
    "sentence",
    [
        "Type checkers can flag the new attributes.",
        "The maintainers are working with the vendor on support.",
        "Signed integers will be supported in the new API.",
        "Others will copy the layout for their own pages.",
    ],
)
def test_what_a_group_can_do_or_does_or_undergoes_is_no_task(sentence: str) -> None:
    assert _items(sentence + "\n") == []


@pytest.mark.parametrize(
    ("line", "owners"),
    [
        ("- Alice: send the invite to the list", ["alice-smith"]),
        ("- Bob - update the changelog", ["bob-jones"]),
        ("* Bob: Fix the flaky test", ["bob-jones"]),
        ("- Mentors: review the proposals by Friday.", ["mentors"]),
        ("- Reviewers - check the new guide", ["reviewers"]),
    ],
)
def test_a_listed_order_under_a_name_label_is_that_persons_task(
    line: str, owners: list[str]
) -> None:
    [(_, got)] = _items(line + "\n")
    assert got == owners


@pytest.mark.parametrize(
    "text",
    [
        "- Carla: agree with the plan\n",  # a stance in the speaker's own voice
        "- Alice: the mirror is back up.\n",
        "- Bob: fixed the flaky test last week.\n",
        "- Carla: Go ahead.\n",  # a go-ahead
        "Alice: send the invite to the list\n\nBob: sure.\n",  # a transcript's turn, no list
    ],
)
def test_a_label_with_a_stance_a_report_or_a_turn_gives_no_task(text: str) -> None:
    assert _items(text) == []


@pytest.mark.parametrize(
    "line",
    [
        "We agree to cut a patch release.",
        "We agreed to move the notes to the wiki.",
        "We plan to retire the old mirror.",
        "- Outcome: we will measure the overhead of the cache.",
        "* Conclusion: We will measure the overhead of the cache.",
    ],
)
def test_the_meeting_committing_itself_is_an_item_without_an_owner(line: str) -> None:
    [(_, owners)] = _items(line + "\n")
    assert owners == []


@pytest.mark.parametrize(
    "line", ["We did not agree to cut a release.", "KB: we should drop the flag, I think."]
)
def test_no_commitment_or_a_speakers_opinion_is_no_item(line: str) -> None:
    assert _items(line + "\n") == []


def test_software_the_document_names_is_given_no_work() -> None:
    # a lower-case program name as the subject of "needs ... to start" is software, not a
    # handle promising something; a person in the same shape of sentence still is
    body = (
        "## Notes\n\nmeshd needs etcd and CoreDNS to start.\nAna Lima needs to rotate the keys.\n"
    )
    assert [o for _, o in _items(body)] == [["ana-lima"]]


@pytest.mark.parametrize(
    "sentence",
    [
        "Bob Jones will own the upload service from now on.",
        "Carla will take the lead on the storage migration.",
        "Alice will take over maintenance of the CLI bindings.",
        "Bob agreed to be the point of contact for the packagers.",
    ],
)
def test_taking_on_a_role_is_a_responsibility_not_a_task(sentence: str) -> None:
    assert _items(sentence + "\n") == []


def test_a_body_that_agrees_decides_and_is_given_no_task() -> None:
    body = "The Technical Steering Committee agreed to retire the legacy exporter.\n"
    assert _items(body) == []


def test_a_body_that_will_do_something_is_given_the_task() -> None:
    [(text, owners)] = _items("The Docs team will rewrite the tutorial.\n")
    assert "rewrite the tutorial" in text and owners == ["docs-team"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Should we discuss the plugin registry at the next call: it is where questions go.",
        "Bob suggested we need to rewrite the config loader before 2.0.",
        "It was generally agreed that we need to do a better job of triaging issues.",
    ],
)
def test_questions_and_proposals_are_no_tasks(sentence: str) -> None:
    assert _items(sentence + "\n") == []


def test_a_passive_gives_its_subject_no_task() -> None:
    body = "The core team can be found on the wiki.\n\nBob Jones will be told about the outage.\n"
    assert _items(body) == []


def test_a_changelog_author_of_a_passive_infinitive_is_no_assignee() -> None:
    body = "- Allow `Secret` to be used as a parameter by @kpatel in #1377\n"
    assert _items(body) == []


def test_an_agent_of_a_bare_passive_infinitive_is_given_the_task() -> None:
    [(_, owners)] = _items("- [backport comment](https://example.org/x) (to be opened by carla)\n")
    assert owners == ["carla-diaz"]


def test_what_a_named_thing_can_do_is_no_offer() -> None:
    body = (
        "Clementine is a library for styled terminal text.\n\n"
        "Clementine can render flexible tables with box characters.\n"
    )
    assert _items(body) == []


def test_can_offers_the_help_of_a_person_the_minutes_label() -> None:
    body = "- Teodor: venue options\n\nTeodor can call the library to ask about a room.\n"
    [(text, owners)] = _items(body)
    assert "call the library" in text and owners == ["teodor"]


@pytest.mark.parametrize(
    "body",
    [
        "- Parallel builds: also very important and we need to work on it.\n",
        "Bob: sure, will do\n",
        "Carla is willing to help.\n",
    ],
)
def test_a_task_that_names_nothing_is_no_item(body: str) -> None:
    assert _items(body) == []


def test_help_with_something_is_an_item() -> None:
    [(text, owners)] = _items("Carla is happy to help with the ARM port.\n")
    assert "ARM port" in text and owners == ["carla-diaz"]


@pytest.mark.parametrize(
    "body",
    [
        "We will open a fediverse account this week; Bob stepped up to do so.\n",
        "We need someone to open a fediverse account. Bob volunteered to do it.\n",
    ],
)
def test_who_takes_on_the_task_just_said_owns_it(body: str) -> None:
    [(text, owners)] = _items(body)
    assert "fediverse account" in text and owners == ["bob-jones"]


def test_a_taker_in_a_listed_item_owns_it_instead_of_the_asker() -> None:
    body = "- ACTION - Alice asked for help with the style checker. Bob said he will take it on.\n"
    [(text, owners)] = _items(body)
    assert "style checker" in text and owners == ["bob-jones"]


def test_one_who_declines_takes_nothing_on() -> None:
    got = _items("We need someone to open a fediverse account. Bob will not do it.\n")
    assert [owners for _, owners in got] == [[]]


def test_i_on_a_line_nested_under_a_labelled_item_is_the_labels_person() -> None:
    body = "* [x] Bob: release cadence\n    * I will write the proposal this week.\n"
    got = [owners for text, owners in _items(body) if "write the proposal" in text]
    assert got == [["bob-jones"]]


def test_i_under_a_topic_label_is_nobody() -> None:
    body = "* [x] Release: cadence\n    * I will write the proposal this week.\n"
    assert all(owners == [] for _, owners in _items(body))


@pytest.mark.parametrize("clock", ["[18:42:07] ", "(06:42:07 PM) ", "[18:42] "])
def test_a_chat_turn_after_its_time_stamp_is_its_speakers(clock: str) -> None:
    body = f"{clock}carla: i will rebase the parser branch tonight\n"
    assert _items(body) == [("rebase the parser branch tonight", ["carla-diaz"])]
