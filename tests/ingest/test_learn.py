"""The training data of the learned components (ingest.learn): sentences labelled by gold,
grouped by project so cross-validation never tests on a project it trained on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.learn.dataset import dev_documents, group_of, label_documents

MINUTES = """# Relay steering 2025-03-04

Attendees: Alice Smith, Bob Jones

## Mirrors

Bob showed the download numbers of last month.
After some discussion we agreed to pay for a second mirror in 2026.
Alice will write the release plan by Friday.
"""


def test_two_formats_of_one_meeting_and_two_meetings_of_a_project_share_a_group() -> None:
    assert group_of("w3c-wot-irc_2025-10-22.md") == group_of("w3c-wot-ai_2025-10-22.md")
    assert group_of("scikit-learn_2022-11-28.md") == group_of("scikit-learn_2024-10-14.md")
    assert group_of("000_a5daecc12659371c.txt") == group_of("001_ff838e8b1bca4eb2.txt")
    assert group_of("numpy_2022-05-25.md") != group_of("tc39_2017-05-24.md")


@pytest.mark.slow
def test_the_sentence_of_a_gold_decision_is_labelled_and_no_other(tmp_path: Path) -> None:
    (tmp_path / "relay_2025-03-04.md").write_text(MINUTES, encoding="utf-8")
    gold = {
        "document": "relay_2025-03-04.md",
        "entities": [],
        "relations": [],
        "action_items": [
            {
                "text": "Alice writes the release plan",
                "assignees": [],
                "evidence": "Alice will write the release plan by Friday.",
            }
        ],
        "decisions": [
            {
                "text": "Pay for a second mirror in 2026",
                "evidence": "we agreed to pay for a second mirror in 2026",
            }
        ],
    }
    gold_path = tmp_path / "relay.gold.json"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    (doc,) = label_documents(dev_documents(tmp_path / "no-corpus", [gold_path]))
    decided = [s.said for s in doc.sentences if s.decision]
    assert decided == ["After some discussion we agreed to pay for a second mirror in 2026."]
    assert [s.said for s in doc.sentences if s.action] == [
        "Alice will write the release plan by Friday."
    ]
    assert all("h_mirrors" in s.text for s in doc.sentences if s.decision)
