"""The extractor reaches the quality bars on the hand-written gold.

Runs the whole extraction (spaCy included) on the two LSST sample minutes
(``tests/gold``) and on the fixture minutes of other projects
(``tests/fixtures/*.gold.json``) and scores it with :mod:`ingest.evaluate.matching`.
On failure the message is the readable report, misses and false hits included.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from ingest.evaluate.matching import Scores, combine, format_report, score

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_GOLD = sorted((ROOT / "tests" / "gold").glob("*.json"))
FIXTURE_GOLD = sorted((ROOT / "tests" / "fixtures").glob("*.gold.json"))


@cache
def _scores(gold_path: Path) -> Scores:
    from ingest.pipeline import extract_file

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    extraction = extract_file(str(ROOT / gold["document"])).to_dict()
    return score(extraction, gold, root=ROOT)


def _total(paths: list[Path]) -> Scores:
    assert paths, "no gold files found"
    return combine(_scores(p) for p in paths)


def test_samples_reach_the_entity_and_relation_bars() -> None:
    s = _total(SAMPLE_GOLD)
    report = format_report(s)
    assert s.entities["all"].f1 >= 0.90, report
    assert s.entities["Person"].precision >= 0.95, report
    assert s.relations["all"].f1 >= 0.75, report


def test_samples_reach_the_action_item_bars() -> None:
    s = _total(SAMPLE_GOLD)
    report = format_report(s)
    assert s.assignees.f1 >= 0.90, report
    assert s.due.value >= 0.9, report
    assert s.status.value >= 0.9, report


def test_every_quote_is_the_source_text_at_its_offsets() -> None:
    s = _total(SAMPLE_GOLD + FIXTURE_GOLD)
    assert s.quote_violations == (), "\n".join(s.quote_violations)


@pytest.mark.parametrize("gold_path", FIXTURE_GOLD, ids=lambda p: p.name)
def test_minutes_of_other_projects_give_sensible_people_actions_and_decisions(
    gold_path: Path,
) -> None:
    s = _scores(gold_path)
    report = format_report(s)
    assert s.entities["Person"].precision >= 0.95, report
    assert s.entities["Person"].recall >= 0.8, report
    assert s.assignees.f1 >= 0.8, report
    assert s.decisions.recall >= 0.5, report


def test_kg_eval_prints_per_document_scores_and_totals_as_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ingest.evaluate.matching import main

    gold = FIXTURE_GOLD[0]
    assert main([str(gold), "--json", "--root", str(ROOT)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [d["document"] for d in out["documents"]] == [
        json.loads(gold.read_text(encoding="utf-8"))["document"]
    ]
    assert set(out["total"]["entities"]["all"]) >= {"precision", "recall", "f1"}
