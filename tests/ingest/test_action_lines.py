"""Reading one line of minutes beside a list of action items."""

from __future__ import annotations

import pytest

from ingest.model import Block
from ingest.structure.action_lines import assigns, closes_list


def _line(text: str) -> Block:
    return Block("paragraph", 0, len(text))


@pytest.mark.parametrize(
    "line",
    [
        "Ana Lopez to fix the build",
        "Ana: fixes the build",
        "Ana is going to send the deck",
        "Ana has agreed to review it",
        "Ana volunteered to write the guide",
        "Ana has to send it",
        "Jacek Becla coordinate the discussions",
    ],
)
def test_lines_that_give_work(line: str) -> None:
    assert assigns(line, _line(line))


@pytest.mark.parametrize(
    "line",
    [
        "Rafael reported that 3.2 is feature complete",
        "Casimir leads the security team",
        "Imogen maintains the Contributor Guide",
        "Tamsin left the call after this item.",
        "Ana was in favour, provided it is tested",
        "Wendell's employer; nothing to decide now",
        "Ostrava Instruments would like a headless mode",
    ],
)
def test_lines_that_report(line: str) -> None:
    assert not assigns(line, _line(line))


@pytest.mark.parametrize(
    ("line", "closes"),
    [
        ("2. RELEASE 3.2", True),
        ("ANY OTHER BUSINESS", True),
        ("DOWNSTREAM REQUESTS (guest: Tamsin Wright)", True),
        ("Vote: release 3.2.0 from the first RC", True),
        ("+1: Ana, Bo, Cy", True),
        ("0: none", True),
        ("Vote passed.", True),
        ("HSDM-4127.", False),
        ("Ana to fix DM-12", False),
        ("Release 3.2", False),
    ],
)
def test_lines_that_end_a_list_of_actions(line: str, closes: bool) -> None:
    assert closes_list(line, _line(line)) is closes


@pytest.mark.parametrize(
    "line", ["[ACTION] Ana: renew the domain", "[action item] Ana to renew it", "[AI]: renew it"]
)
def test_a_bracketed_action_label_marks_the_line(line: str) -> None:
    from ingest.structure.action_lines import marked

    assert marked(line, 0)


@pytest.mark.parametrize(
    ("heading", "is_actions"),
    [
        ("Decisions and action items", True),
        ("Outcomes / next steps", True),
        ("Decisions & Actions", True),
        ("Key actions", True),
        ("Decisions", False),
        ("Outcomes", False),
    ],
)
def test_a_heading_that_joins_decisions_and_actions_heads_actions(
    heading: str, is_actions: bool
) -> None:
    from ingest.extract.owners import ACTION_HEADING

    assert bool(ACTION_HEADING.match(heading)) is is_actions
