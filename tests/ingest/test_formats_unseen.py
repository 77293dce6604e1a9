"""Minutes in the formats they are really published in, read end to end.

The files of ``tests/ingest/formats/`` were written for these tests (invented projects and
people), each in one publishing format with a roll call, topics, a decision, action items
and an owner or dependency sentence: W3C scribe HTML, IRC logs, MediaWiki and Trac wiki,
IETF-style plain text, reStructuredText, Google Docs / Word / Confluence HTML, Org-mode,
AsciiDoc and minutes sent by mail. What each must yield is stated below per file: the
headings the structure step finds, table rows kept as rows of cells, the roll call, the
action items and decisions, no markup inside a name, and evidence quotes that are the
source text at their offsets.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ingest.pipeline import Resources, extract_files, load_resources
from ingest.read.clean import clean
from ingest.read.source import read_source
from ingest.structure.document import parse_structure
from tests.ingest.checklist.checks import run_checks

FORMATS = Path(__file__).resolve().parent / "formats"

#: what each file must yield (checks of tests.ingest.checklist.checks)
EXPECT: dict[str, dict[str, Any]] = {
    "w3c_scribe_2025-03-12.html": {
        # <dt>Present</dt><dd>...</dd>: the roll call; Regrets are not attendees
        "attendees": [
            "Farida Osei",
            "Tomasz Wilk",
            "Heloise Marchand",
            "Kenji Arakawa",
            "Priya Raman",
        ],
        "not_attendees": ["Magnus Ekberg", "Magnus"],
        "not_persons": ["Present", "Regrets", "Chair", "Scribe"],
        "relations": [["Farida Osei", "leads", "Lattice Maps WG"]],
        "actions": [
            {"assignee": "Heloise Marchand", "text_contains": "publication request"},
            {"assignee": "Priya Raman", "text_contains": "pull requests", "due": "2025-03-19"},
        ],
        "decisions": [{"text_contains": "First Public Working Draft"}],
        "evidence_exact": True,
    },
    "gdocs_2024-08-27.html": {
        "attendees": ["Beatriz Ortega", "Callum Fraser", "Ifeoma Okafor", "Ryo Takahashi"],
        # the owner column of a table whose every cell is a <p>
        "actions": [
            {"assignee": "Ryo Takahashi", "text_contains": "migration guide", "due": "2024-09-10"},
            {"assignee": "Beatriz Ortega", "text_contains": "read-only window"},
            {"assignee": "Callum Fraser", "text_contains": "staging registry"},
        ],
        "decisions": [{"text_contains": "read-only during the migration"}],
        "evidence_exact": True,
    },
    "word_export_2024-05-14.htm": {
        "attendees": ["Edith Mwangi", "Gustavo Pereira", "Hannah Schultz", "Arjun Nair"],
        "not_attendees": ["Zofia Kowalczyk"],
        "actions": [
            {"assignee": "Gustavo Pereira", "text_contains": "insurance policy"},
            {"assignee": "Hannah Schultz", "text_contains": "volunteer policy"},
        ],
        "decisions": [{"text_contains": "2024 budget"}],
        "evidence_exact": True,
    },
    "confluence_2024-10-01.html": {
        "attendees": ["Greta Lindahl", "Adaeze Okonkwo", "Marco Rossi"],
        "actions": [
            {"assignee": "Adaeze Okonkwo", "text_contains": "Grafana", "status": "open"},
            {"assignee": "Greta Lindahl", "text_contains": "upgrade notice", "status": "done"},
        ],
        "decisions": [{"text_contains": "Graphite dashboards"}],
        "evidence_exact": True,
    },
}


@pytest.fixture(scope="module")
def resources() -> Resources:
    return load_resources()


@pytest.fixture(scope="module")
def extractions(resources: Resources) -> dict[str, dict[str, Any]]:
    paths = [FORMATS / name for name in EXPECT]
    out: dict[str, dict[str, Any]] = {}
    for path, result in extract_files(paths, resources):
        assert not isinstance(result, Exception), f"{path}: {result}"
        out[Path(path).name] = result.to_dict()
    return out


def _structure(name: str):
    return parse_structure(clean(read_source(FORMATS / name)))


def _lines(name: str, kind: str) -> list[str]:
    s = _structure(name)
    text = s.clean.text
    return [text[b.start : b.end] for b in s.blocks if b.kind == kind]


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_each_format_yields_roll_call_actions_decisions_and_exact_quotes(
    name: str, extractions: dict[str, dict[str, Any]]
) -> None:
    source = (FORMATS / name).read_text(encoding="utf-8")
    assert run_checks(extractions[name], source, EXPECT[name]) == []


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_no_markup_inside_a_name(name: str, extractions: dict[str, dict[str, Any]]) -> None:
    for entity in extractions[name]["entities"]:
        for form in [entity["name"], *entity.get("aliases", [])]:
            assert not any(mark in form for mark in "<>{}[]|'`="), (entity["type"], form)
            assert "_" not in form or entity["type"] != "Person", form


def test_html_definition_list_is_one_labelled_line_per_term() -> None:
    rows = _lines("w3c_scribe_2025-03-12.html", "paragraph")
    assert "Regrets: Magnus_Ekberg" in rows
    assert "Chair: Farida" in rows
    assert not any(r in ("Present", "Regrets") for r in rows)


def test_html_table_cells_made_of_paragraphs_stay_one_row() -> None:
    for name in ("gdocs_2024-08-27.html", "word_export_2024-05-14.htm"):
        s = _structure(name)
        text = s.clean.text
        rows = [[text[c0:c1] for c0, c1 in b.cells] for b in s.blocks if b.kind == "row"]
        assert rows[0][:2] == ["Action", "Owner"], name
        assert all(len(r) == len(rows[0]) for r in rows), rows
        assert all("\n" not in cell for r in rows for cell in r), rows


def test_office_namespace_tags_are_markup_not_text() -> None:
    c = clean(read_source(FORMATS / "word_export_2024-05-14.htm"))
    assert "<o:p>" not in c.text and "o:p" not in c.text
    assert "Present: Edith Mwangi (Chair)" in c.text


def test_a_generated_diagnostics_block_is_not_minutes() -> None:
    c = clean(read_source(FORMATS / "w3c_scribe_2025-03-12.html"))
    assert "Maybe present" not in c.text and "Succeeded:" not in c.text
    assert "Diagnostics" not in c.text


def test_struck_through_html_and_wiki_items_are_done(tmp_path: Path, resources: Resources) -> None:
    html = tmp_path / "wg_2024-06-04.html"
    html.write_text(
        "<html><body><h1>Kestrel WG 2024-06-04</h1><h2>Action items</h2><ul>"
        "<li><del>Aroha Ngata to publish the agenda</del></li>"
        "<li>Tevita Fifita to book the room</li></ul></body></html>",
        encoding="utf-8",
    )
    wiki = tmp_path / "wg_2024-06-04.wiki"
    wiki.write_text(
        "= Kestrel WG 2024-06-04 =\n== Action items ==\n"
        "* <s>Aroha Ngata to publish the agenda</s>\n* Tevita Fifita to book the room\n",
        encoding="utf-8",
    )
    for path, result in extract_files([html, wiki], resources):
        assert not isinstance(result, Exception)
        items = result.to_dict()["action_items"]
        status = {a["text"].split(" to ")[0].strip("~ "): a["status"] for a in items}
        assert status == {"Aroha Ngata": "done", "Tevita Fifita": "open"}, path
