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


def test_the_held_out_split_is_never_learned_from(tmp_path: Path) -> None:
    from ingest.learn.dataset import gold_pairs

    with pytest.raises(SystemExit, match="held-out"):
        gold_pairs([f"{tmp_path}:heldout"])


def test_gold_names_become_mentions_as_whole_words_longest_first() -> None:
    from ingest.learn.entities import _mentions

    text = "Alice Smith said Relayd and Relay both start; Alice agreed."
    names = [("Alice Smith", "PERSON"), ("Alice", "PERSON"), ("Relay", "COMPONENT")]
    got = [(text[s:e], tag) for s, e, tag in _mentions(text, names)]
    assert got == [("Alice Smith", "PERSON"), ("Relay", "COMPONENT"), ("Alice", "PERSON")]


def test_a_tagged_name_the_rules_lack_is_added_and_a_known_alias_is_not() -> None:
    from ingest.learn.entities import combine

    rules = {
        "entities": [{"id": "p1", "type": "Person", "name": "Alice Smith", "aliases": ["Alice"]}]
    }
    mentions = [
        ("Alice", "PERSON"),
        ("relayd", "COMPONENT"),
        ("relayd", "COMPONENT"),
        ("Zed", "ORG"),
    ]
    added = combine(rules, mentions)["entities"][1:]
    assert [(e["type"], e["name"]) for e in added] == [
        ("Component", "relayd"),
        ("Organization", "Zed"),
    ]
    twice = combine(rules, mentions, min_count=2)["entities"][1:]
    assert [e["name"] for e in twice] == ["relayd"]
    assert rules["entities"][1:] == []  # the rules' extraction is not changed


def test_a_classified_sentence_becomes_an_action_of_the_first_person_it_names() -> None:
    from ingest.learn.actions import combine_actions
    from ingest.learn.dataset import Document, Sentence

    text = "Ping Bob and Alice about mirrors.\nCarol will fix the build."
    first, second = text.split("\n")
    sentences = [
        Sentence(0, len(first), first, first),
        Sentence(len(first) + 1, len(text), second, second),
    ]
    rule_action = {
        "text": "Carol fixes the build",
        "assignees": ["p3"],
        "evidence": [{"quote": second, "start": len(first) + 1, "end": len(text)}],
    }
    people = [
        {"id": f"p{i}", "type": "Person", "name": n, "aliases": []}
        for i, n in enumerate(("Alice", "Bob", "Carol"), 1)
    ]
    doc = Document(
        "d.md", "d", sentences, {"entities": people, "action_items": [rule_action]}, {}, text
    )
    got = combine_actions(doc, [0.9, 0.9], add=0.5)
    assert got[0] is rule_action and len(got) == 2  # a covered sentence is not added twice
    assert got[1]["assignees"] == ["p2"] and got[1]["evidence"][0]["quote"] == first
    assert combine_actions(doc, [0.9, 0.001], add=None, reject=0.01) == []
    assert combine_actions(doc, [0.9, 0.9], add=0.95) == [rule_action]


def test_a_corpus_folder_without_gold_is_an_error_not_an_empty_corpus(tmp_path: Path) -> None:
    from ingest.learn.dataset import gold_pairs

    with pytest.raises(SystemExit, match="no gold"):
        gold_pairs([str(tmp_path / "nowhere")])
