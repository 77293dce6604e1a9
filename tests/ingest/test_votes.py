"""Votes that committees record: motion, tally, outcome."""

from __future__ import annotations

import pytest

from ingest.extract.votes import find_votes

BOARD = """\
2. RELEASE 1.8
Piet reported that 1.8 is feature complete.
Vote: ship 1.8.0 from the first RC once TNS-88 is closed, without
a second RC unless a blocker appears.
  +1: Lorna, Emeric, Sunita, Piet
   0: none
  -1: none
Vote passed.
ACTION: Piet Hendriks - tag 1.8.0 - due 2024-06-17

3. WEBSITE
Motion: move the website to the new theme.
  +1: Lorna
  -1: Emeric, Sunita
The motion failed.

4. TRADEMARKS
Vote: register the logo in the EU.
Discussion to continue next month.
"""


def test_a_vote_that_passed_reads_as_motion_and_outcome() -> None:
    first = find_votes(BOARD)[0]
    assert first.passed
    assert first.text == (
        "Vote: ship 1.8.0 from the first RC once TNS-88 is closed, without a second RC "
        "unless a blocker appears. Vote passed."
    )
    assert BOARD[first.start : first.end].startswith("Vote: ship")
    assert BOARD[first.start : first.end].endswith("Vote passed.")
    s, e = first.motion
    assert BOARD[s:e].endswith("blocker appears.")


def test_a_failed_vote_is_found_but_did_not_pass_and_a_motion_without_outcome_is_none() -> None:
    votes = find_votes(BOARD)
    assert [(v.text.split(":")[0], v.passed) for v in votes] == [("Vote", True), ("Motion", False)]


@pytest.mark.parametrize(
    "outcome",
    ["Vote passed.", "Motion carried (4-0-1).", "Result: approved", "Carried unanimously."],
)
def test_ways_minutes_write_that_a_vote_passed(outcome: str) -> None:
    text = f"Motion: adopt the charter.\n+1: Ana, Bo\n{outcome}\n"
    (vote,) = find_votes(text)
    assert vote.passed
    assert vote.text.startswith("Motion: adopt the charter.")


def test_a_sentence_mentioning_a_vote_is_not_a_vote_block() -> None:
    assert find_votes("We will vote on it next month. The vote passed last year.\n") == ()
