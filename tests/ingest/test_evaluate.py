"""The scorer behind ``kg eval``: small literal extractions against small literal gold."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ingest.evaluate.matching import combine, format_report, normalize, score
from ingest.model import ENTITY_TYPES, PREDICATES, STATUSES

SOURCE = (
    "Team sync 2024-03-01\n"
    "Attendees: Ada Lovelace, Grace Hopper\n"
    "Ada will own the parser.\n"
    "We agreed to drop Python 3.8 support.\n"
    "- [ ] Grace: release 2.0 by 2024-03-15\n"
)
MEETING = "https://w3id.org/minutes-kg/id/meeting/sync"
ADA = "https://w3id.org/minutes-kg/id/person/ada-lovelace"
GRACE = "https://w3id.org/minutes-kg/id/person/grace-hopper"
PARSER = "https://w3id.org/minutes-kg/id/component/parser"


def _ev(quote: str) -> dict[str, Any]:
    start = SOURCE.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote)}


GOLD: dict[str, Any] = {
    "document": "tests/fixtures/none.txt",
    "entities": [
        {"type": "Person", "name": "Ada Lovelace", "aliases": ["Ada"]},
        {"type": "Person", "name": "Grace Hopper", "aliases": ["Grace"]},
        {"type": "Component", "name": "parser", "aliases": []},
        {"type": "Meeting", "name": "Team sync 2024-03-01", "aliases": []},
    ],
    "relations": [
        {
            "subject": "Ada",
            "predicate": "responsibleFor",
            "object": "parser",
            "evidence": "Ada will own the parser.",
        },
        {
            "subject": "Ada Lovelace",
            "predicate": "attended",
            "object": "Team sync 2024-03-01",
            "evidence": "Ada Lovelace",
        },
        {
            "subject": "Grace Hopper",
            "predicate": "attended",
            "object": "Team sync 2024-03-01",
            "evidence": "Grace Hopper",
        },
    ],
    "action_items": [
        {
            "text": "Grace: release 2.0 by 2024-03-15",
            "assignees": ["Grace Hopper"],
            "due": "2024-03-15",
            "status": "open",
            "tickets": [],
        },
    ],
    "decisions": [{"text": "We agreed to drop Python 3.8 support.", "about": []}],
}

PERFECT: dict[str, Any] = {
    "source": "tests/fixtures/none.txt",
    "meeting": {
        "id": MEETING,
        "title": "Team sync 2024-03-01",
        "start": "2024-03-01",
        "end": "2024-03-01",
    },
    "entities": [
        {"id": ADA, "type": "Person", "name": "Ada Lovelace", "aliases": ["Ada"]},
        {"id": GRACE, "type": "Person", "name": "Grace Hopper", "aliases": []},
        {"id": PARSER, "type": "Component", "name": "parser", "aliases": []},
    ],
    "relations": [
        {
            "subject": ADA,
            "predicate": "responsibleFor",
            "object": PARSER,
            "confidence": 0.9,
            "evidence": [_ev("Ada will own the parser.")],
        },
        {
            "subject": ADA,
            "predicate": "attended",
            "object": MEETING,
            "confidence": 1.0,
            "evidence": [_ev("Ada Lovelace")],
        },
        {
            "subject": GRACE,
            "predicate": "attended",
            "object": MEETING,
            "confidence": 1.0,
            "evidence": [_ev("Grace Hopper")],
        },
    ],
    "action_items": [
        {
            "id": "a1",
            "text": "release 2.0",
            "assignees": [GRACE],
            "due": "2024-03-15",
            "status": "open",
            "tickets": [],
            "evidence": [_ev("Grace: release 2.0 by 2024-03-15")],
        },
    ],
    "decisions": [
        {
            "id": "d1",
            "text": "We agreed to drop Python 3.8 support.",
            "about": [],
            "evidence": [_ev("We agreed to drop Python 3.8 support.")],
        },
    ],
}


def _perfect() -> dict[str, Any]:
    return copy.deepcopy(PERFECT)


def test_a_perfect_prediction_scores_one_everywhere() -> None:
    s = score(_perfect(), GOLD, source_text=SOURCE)
    assert s.entities["all"].f1 == 1.0
    assert s.entities["Person"].f1 == 1.0
    assert s.entities["Meeting"].f1 == 1.0
    assert s.relations["all"].f1 == 1.0
    assert s.relations["attended"].f1 == 1.0
    assert s.assignees.f1 == 1.0
    assert s.decisions.f1 == 1.0
    assert (s.due.value, s.status.value) == (1.0, 1.0)
    assert s.quote_violations == ()
    assert not any(s.misses.values()) and not any(s.false_hits.values())


def test_a_missing_person_lowers_recall_not_precision() -> None:
    ext = _perfect()
    ext["entities"] = [e for e in ext["entities"] if e["id"] != GRACE]
    s = score(ext, GOLD, source_text=SOURCE)
    assert s.entities["Person"].precision == 1.0
    assert s.entities["Person"].recall == 0.5
    assert "Person: Grace Hopper" in s.misses["entities"]


def test_an_invented_person_lowers_precision_not_recall() -> None:
    ext = _perfect()
    ext["entities"].append({"id": "x", "type": "Person", "name": "Python", "aliases": []})
    s = score(ext, GOLD, source_text=SOURCE)
    assert s.entities["Person"].recall == 1.0
    assert s.entities["Person"].precision == pytest.approx(2 / 3)
    assert s.false_hits["entities"] == ("Person: Python",)


def test_an_alias_matches_whatever_its_case_and_spacing() -> None:
    ext = _perfect()
    ext["entities"][1] = {"id": GRACE, "type": "Person", "name": "grace ", "aliases": []}
    s = score(ext, GOLD, source_text=SOURCE)
    assert s.entities["Person"].f1 == 1.0
    assert s.relations["attended"].f1 == 1.0


def test_the_same_name_with_another_type_does_not_match() -> None:
    ext = _perfect()
    ext["entities"][2]["type"] = "Team"
    s = score(ext, GOLD, source_text=SOURCE)
    assert s.entities["Component"].recall == 0.0
    assert s.entities["Team/Organization"].precision == 0.0


def test_one_person_split_in_two_counts_one_false_hit() -> None:
    ext = _perfect()
    ext["entities"].append({"id": "p/ada", "type": "Person", "name": "Ada", "aliases": []})
    s = score(ext, GOLD, source_text=SOURCE)
    assert s.entities["Person"].tp == 2
    assert s.entities["Person"].fp == 1


def test_a_relation_with_the_wrong_predicate_is_a_miss_and_a_false_hit() -> None:
    ext = _perfect()
    ext["relations"][0]["predicate"] = "leads"
    s = score(ext, GOLD, source_text=SOURCE)
    assert s.relations["responsibleFor"].recall == 0.0
    assert s.relations["leads"].precision == 0.0
    assert s.misses["relations"] == ("Ada responsibleFor parser",)
    assert s.false_hits["relations"] == ("Ada Lovelace leads parser",)


def test_a_missing_assignee_lowers_assignee_recall() -> None:
    ext = _perfect()
    ext["action_items"][0]["assignees"] = []
    s = score(ext, GOLD, source_text=SOURCE)
    assert s.actions.f1 == 1.0
    assert s.assignees.recall == 0.0
    assert s.misses["assignees"] == ("Grace Hopper <- Grace: release 2.0 by 2024-03-15",)


def test_wrong_due_date_and_status_lower_their_accuracy() -> None:
    ext = _perfect()
    ext["action_items"][0].update(due="2024-03-16", status="done")
    s = score(ext, GOLD, source_text=SOURCE)
    assert (s.due.correct, s.due.total) == (0, 1)
    assert (s.status.correct, s.status.total) == (0, 1)


def _with_tickets(pred: list[str], gold: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    ext, gold_doc = _perfect(), copy.deepcopy(GOLD)
    ext["action_items"][0]["tickets"] = pred
    ext["entities"].append(
        {"id": "t/1", "type": "Ticket", "name": "heron/heron#12", "aliases": ["#12", "PR 12"]}
    )
    gold_doc["action_items"][0]["tickets"] = gold
    gold_doc["entities"].append({"type": "Ticket", "name": "#12", "aliases": ["PR 12"]})
    return ext, gold_doc


@pytest.mark.parametrize(
    ("pred", "gold", "correct"),
    [
        (["heron/heron#12"], ["#12"], 1),  # one ticket, two spellings of it
        (["#12"], ["PR 12"], 1),
        (["heron/heron#12"], ["heron/heron#12"], 1),
        ([], ["#12"], 0),
        (["#13"], ["#12"], 0),
        (["heron/heron#12", "#13"], ["#12"], 0),  # a ticket too many
    ],
)
def test_an_items_tickets_match_through_the_spellings_of_their_entities(
    pred: list[str], gold: list[str], correct: int
) -> None:
    ext, gold_doc = _with_tickets(pred, gold)
    s = score(ext, gold_doc, source_text=SOURCE)
    assert (s.tickets.correct, s.tickets.total) == (correct, 1)


def test_an_unrelated_action_is_not_paired() -> None:
    ext = _perfect()
    ext["action_items"][0]["text"] = "Order pizza for the sprint demo"
    s = score(ext, GOLD, source_text=SOURCE)
    assert s.actions.tp == 0
    assert s.assignees.fp == 1 and s.assignees.fn == 1


def test_punctuation_stuck_to_a_word_does_not_stop_a_pairing() -> None:
    # gold "We agreed to drop Python 3.8 support."; the same words with a label's colon, quotes
    # and a dash stuck to them are the same decision
    ext = _perfect()
    ext["decisions"][0]["text"] = "Agreed: 'drop' Python-3.8 support!"
    s = score(ext, GOLD, source_text=SOURCE)
    assert s.decisions.tp == 1


def test_a_missing_decision_lowers_decision_recall() -> None:
    ext = _perfect()
    ext["decisions"] = []
    s = score(ext, GOLD, source_text=SOURCE)
    assert s.decisions.recall == 0.0
    assert s.decisions.precision == 1.0


def test_a_quote_off_by_one_character_is_reported() -> None:
    ext = _perfect()
    ev = ext["relations"][0]["evidence"][0]
    ev["start"] += 1
    ev["end"] += 1
    s = score(ext, GOLD, source_text=SOURCE)
    assert len(s.quote_violations) == 1
    assert "Ada will own the parser." in s.quote_violations[0]


def test_quotes_are_checked_against_the_decoded_file(tmp_path: Path) -> None:
    text = "Réunion\nZoë will own the parser.\n"
    (tmp_path / "m.txt").write_bytes(text.encode("utf-8"))
    quote = "Zoë will own the parser."
    start = text.index(quote)
    gold = {
        "document": "m.txt",
        "entities": [],
        "relations": [],
        "action_items": [],
        "decisions": [],
    }
    ext = {
        "meeting": {},
        "entities": [],
        "action_items": [],
        "decisions": [],
        "relations": [
            {
                "subject": "a",
                "predicate": "leads",
                "object": "b",
                "evidence": [{"quote": quote, "start": start, "end": start + len(quote)}],
            }
        ],
    }
    assert score(ext, gold, root=tmp_path).quote_violations == ()


def test_totals_are_micro_averaged_over_documents() -> None:
    good = score(_perfect(), GOLD, source_text=SOURCE)
    bad_ext = _perfect()
    bad_ext["entities"] = []
    bad = score(bad_ext, GOLD, source_text=SOURCE)
    total = combine([good, bad])
    # `bad` still finds the meeting (from its title), nothing else of the 4 gold entities
    assert (total.entities["all"].tp, total.entities["all"].fn) == (4 + 1, 0 + 3)
    assert total.entities["all"].recall == pytest.approx(5 / 8)


def test_the_report_names_misses_and_is_json_serialisable() -> None:
    ext = _perfect()
    ext["entities"] = ext["entities"][:1]
    s = score(ext, GOLD, source_text=SOURCE)
    assert "Grace Hopper" in format_report(s)
    json.dumps(s.to_dict())


def test_normalize_folds_case_accents_and_spaces() -> None:
    assert normalize("  Željko   IVEZIĆ ") == "zeljko ivezic"


def test_the_documents_meeting_counts_besides_other_meetings_it_names() -> None:
    ext = _perfect()
    ext["entities"].append(
        {"id": "m/next", "type": "Meeting", "name": "Team sync 2024-03-15", "aliases": []}
    )
    s = score(ext, GOLD, source_text=SOURCE)
    assert s.entities["Meeting"].tp == 1
    assert s.false_hits["entities"] == ("Meeting: Team sync 2024-03-15",)
    assert s.relations["attended"].f1 == 1.0


ROOT = Path(__file__).resolve().parents[2]
GOLD_FILES = sorted((ROOT / "tests" / "gold").glob("*.json")) + sorted(
    (ROOT / "tests" / "fixtures").glob("*.gold.json")
)


def _as_extraction(gold: dict[str, Any]) -> dict[str, Any]:
    """What a perfect extractor would return for ``gold`` (without evidence)."""
    iri = {
        normalize(n): f"e/{i}"
        for i, e in enumerate(gold["entities"])
        for n in (e["name"], *e["aliases"])
    }
    return {
        "meeting": {},
        "entities": [{"id": f"e/{i}", **e} for i, e in enumerate(gold["entities"])],
        "relations": [
            {
                "subject": iri[normalize(r["subject"])],
                "predicate": r["predicate"],
                "object": iri[normalize(r["object"])],
                "evidence": [],
            }
            for r in gold["relations"]
        ],
        "action_items": [
            {**a, "assignees": [iri[normalize(x)] for x in a["assignees"]], "evidence": []}
            for a in gold["action_items"]
        ],
        "decisions": [{**d, "evidence": []} for d in gold["decisions"]],
    }


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_files_are_well_formed(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert (ROOT / gold["document"]).is_file()
    keys = [k for e in gold["entities"] for k in {normalize(n) for n in (e["name"], *e["aliases"])}]
    assert len(keys) == len(set(keys)), "a name or alias belongs to two entities"
    assert {e["type"] for e in gold["entities"]} <= set(ENTITY_TYPES)
    assert {r["predicate"] for r in gold["relations"]} <= set(PREDICATES)
    named = [x for r in gold["relations"] for x in (r["subject"], r["object"])]
    named += [x for a in gold["action_items"] for x in (*a["assignees"], *a["tickets"])]
    named += [x for d in gold["decisions"] for x in d["about"]]
    assert [x for x in named if normalize(x) not in keys] == []
    for a in gold["action_items"]:
        assert a["status"] in STATUSES
        assert a["due"] is None or date.fromisoformat(a["due"])


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_a_gold_file_scores_perfectly_against_itself(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    s = score(_as_extraction(gold), gold, source_text="")
    assert (s.entities["all"].f1, s.relations["all"].f1) == (1.0, 1.0)
    assert (s.assignees.f1, s.decisions.f1, s.due.value, s.status.value) == (1.0,) * 4


def test_pairing_by_quote_counts_an_item_found_in_the_minutes_own_words() -> None:
    """Gold texts are paraphrases: under ``pair="quote"`` an extracted decision whose quote
    overlaps the gold's evidence pairs with it; by text alone it does not."""
    gold = copy.deepcopy(GOLD)
    gold["decisions"] = [
        {
            "text": "Support for the oldest interpreter line ends",
            "about": [],
            "evidence": "We agreed to drop Python 3.8 support.",
        }
    ]
    assert score(_perfect(), gold, source_text=SOURCE).decisions.f1 == 0.0
    assert score(_perfect(), gold, source_text=SOURCE, pair="quote").decisions.f1 == 1.0
    # a quote elsewhere in the file pairs with nothing
    far = _perfect()
    far["decisions"][0]["evidence"] = [_ev("Ada will own the parser.")]
    assert score(far, gold, source_text=SOURCE, pair="quote").decisions.f1 == 0.0
