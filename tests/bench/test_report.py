"""The report: statistics, and targets marked PASS or MISS by how much."""

from __future__ import annotations

from bench.measure import percentile, summarise
from bench.report import SECTIONS, evaluate_targets, render, render_section_alone


def test_percentiles_interpolate_and_summaries_give_median_and_spread() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([5.0], 99) == 5.0
    assert summarise([3.0, 1.0, 2.0]) == {"median": 2.0, "min": 1.0, "max": 3.0, "n": 3}


def _results(owners_p50: float, kg_wps: float) -> dict:
    stats = lambda v: {"median": v, "min": v, "max": v, "n": 5}  # noqa: E731
    return {
        "ingest": {
            "100": {
                "variants": {
                    "raw spaCy, 1 process": {"words_per_s": stats(1000.0)},
                    "kg ingest, 1 process": {"words_per_s": stats(kg_wps)},
                    "kg ingest, 2 process": {"words_per_s": stats(kg_wps * 1.8)},
                }
            }
        },
        "queries": {
            "1000000": {
                "triples": 1_000_000,
                "questions": {
                    "/owners": {"server": {"p50_ms": owners_p50, "p99_ms": owners_p50 * 2}},
                    "sparql: x": {"ratio_p50": 1.2},
                },
            }
        },
    }


def test_targets_met_pass_and_missed_ones_say_by_how_much() -> None:
    good = dict((t, v) for t, _, v in evaluate_targets(_results(1.5, 900.0)))
    bad = dict((t, v) for t, _, v in evaluate_targets(_results(40.0, 250.0)))

    assert [v for t, v in good.items() if t.startswith("ingest >= 0.5x")] == ["PASS"]
    assert [v for t, v in good.items() if t.startswith("/owners")] == ["PASS"]
    assert [v for t, v in bad.items() if t.startswith("ingest >= 0.5x")] == [
        "MISS (50% of the target)"
    ]
    assert [v for t, v in bad.items() if t.startswith("/owners")] == ["MISS (p50 20x the target)"]


def test_a_report_of_an_empty_run_still_has_every_section() -> None:
    text = render({})
    for heading in SECTIONS:
        assert heading in text
    assert "not measured" in text


def test_each_missed_target_gets_a_note_and_met_ones_do_not() -> None:
    from bench.notes import explain

    missed = explain(_results(40.0, 900.0))
    met = explain(_results(1.5, 900.0))

    assert any(note.startswith("/owners") for note in missed)
    assert not any(note.startswith("/owners") for note in met)


def _shared(p50: float) -> dict:
    return {
        "machine": {"date": "2026-12-05 18:00 UTC"},
        "load_average": "3.0 2.0 1.0",
        "total_seconds": 600.0,
        "shared": {
            "triples": 1_000_382,
            "owners": {"oxigraph-server": {"p50_ms": p50, "p99_ms": 9.0, "n": 50}},
            "ingest": {"oxigraph-server": {"docs_per_s": 1.25}},
            "load_average": {"owners": "4.0 3.0 2.0", "ingest": "5.0 4.0 3.0"},
        },
    }


def test_the_shared_section_measured_alone_replaces_only_that_section() -> None:
    whole = render(_results(1.5, 900.0))
    once = render_section_alone(whole, _shared(2.5))
    twice = render_section_alone(once, _shared(7.5))
    for report in (once, twice):
        assert report.count(SECTIONS[10]) == 1
        assert "Measured alone" in report and "load average at its start 3.0 2.0 1.0" in report
        assert "4.0 3.0 2.0" in report  # the load when /owners was timed, beside the figure
    assert "| oxigraph-server | 7.5 |" in twice and "| oxigraph-server | 2.5 |" not in twice
    # everything outside the section is as the whole run wrote it
    strip = lambda text: text.split(SECTIONS[10])[0] + text.split(SECTIONS[5])[1]  # noqa: E731
    assert strip(twice) == strip(whole)
    # a report without the section gets it before the graph page's
    without = whole.replace(SECTIONS[10], "## (gone)")
    added = render_section_alone(without, _shared(2.5))
    assert added.index(SECTIONS[10]) < added.index(SECTIONS[5])
