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

import re
import time
from pathlib import Path
from typing import Any

import pytest

from ingest.model import SourceText
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
    "irc_meetbot_2024-11-06.txt": {
        # #action / #agreed of a MeetBot log; the bot is nobody
        "actions": [
            {"assignee": "sunwoo", "text_contains": "arm64 builder failures"},
            {"assignee": "oyelaran", "text_contains": "build farm runbook"},
            {"text_contains": "disk usage alert"},
        ],
        "decisions": [{"text_contains": "new storage cluster"}],
        "not_persons": ["quillbot"],
        "not_decisions": [{"text_contains": "Useful Commands"}],
        "evidence_exact": True,
    },
    "irc_plain_2024-09-18.txt": {
        "actions": [{"assignee": "rkapoor", "text_contains": "glossary export script"}],
        "decisions": [{"text_contains": "PDF build"}],
        "evidence_exact": True,
    },
    "mediawiki_2024-06-04.wiki": {
        "attendees": ["Amara Nwosu", "Lukas Brandt", "Sofia Ferreira", "Wei Zhang"],
        "not_attendees": ["Dmitri Volkov"],
        "actions": [
            {"assignee": "Amara Nwosu", "text_contains": "release date", "status": "open"},
            {"assignee": "Wei Zhang", "text_contains": "translators"},
            {"assignee": "Sofia Ferreira", "text_contains": "Debian changelog", "status": "done"},
        ],
        "not_actions": [{"text_contains": "Category"}, {"text_contains": "~~"}],
        "decisions": [{"text_contains": "without the GUI package"}],
        "evidence_exact": True,
    },
    "trac_wiki_2024-02-20.txt": {
        # Trac markup in a .txt: headings, ||cell|| rows with an owner column
        "attendees": ["Joaquin Ibarra", "Ngozi Adeyemi", "Pekka Lahti", "Sara Lindqvist"],
        "actions": [
            {"assignee": "Pekka Lahti", "text_contains": "Jenkins jobs", "due": "2024-03-01"},
            {"assignee": "Ngozi Adeyemi", "text_contains": "artifact cache", "due": "2024-03-15"},
            {"assignee": "Joaquin Ibarra", "text_contains": "freeze announcement"},
            {"assignee": "Sara Lindqvist", "text_contains": "release calendar"},
        ],
        "not_actions": [{"text_contains": "freeze announcement. - Sara"}],
        "decisions": [{"text_contains": "plugin API is frozen"}],
        "evidence_exact": True,
    },
    "ietf_style_2024-07-23.txt": {
        "attendees": [
            "Rosalind Achebe",
            "Chiara Benedetti",
            "Yusuf Demirci",
            "Anjali Mehta",
            "Kwame Asante",
        ],
        "actions": [
            {"assignee": "Anjali Mehta", "text_contains": "interop matrix"},
            {"assignee": "Yusuf Demirci", "text_contains": "retry timer"},
        ],
        "decisions": [{"text_contains": "adopts draft-ietf-palisade-transport"}],
        "evidence_exact": True,
    },
    "rst_minutes_2024-04-16.rst": {
        "attendees": ["Henrike Olsen", "Tariq Haddad", "Valentina Rossi", "Jun Watanabe"],
        "not_attendees": ["Piotr Zielinski"],
        "relations": [["Henrike Olsen", "leads", "Kittiwake Technical Committee"]],
        "actions": [
            {"assignee": "Tariq Haddad", "text_contains": "installation guide"},
            {"assignee": "Jun Watanabe", "text_contains": "benchmark results"},
            {"assignee": "Henrike Olsen", "text_contains": "retrospective"},
            {"assignee": "Valentina Rossi", "text_contains": "storage bugs"},
        ],
        "decisions": [{"text_contains": "RocksDB the default backend"}],
        "evidence_exact": True,
    },
    "org_mode_2024-03-05.org": {
        "attendees": [
            "Clementine Dubois",
            "Rafael Mendes",
            "Oluwaseun Adebayo",
            "Ingrid Halvorsen",
        ],
        "relations": [
            ["Rafael Mendes", "responsibleFor", "parser"],
            ["parser", "dependsOn", "tree-sitter"],
        ],
        # TODO / DONE headlines are open / done items, DEADLINE their due date
        "actions": [
            {
                "assignee": "Oluwaseun Adebayo",
                "text_contains": "new theme",
                "status": "open",
                "due": "2024-03-19",
            },
            {"assignee": "Ingrid Halvorsen", "text_contains": "stale issues", "status": "done"},
            {"assignee": "Clementine Dubois", "text_contains": "roadmap", "status": "open"},
        ],
        "evidence_exact": True,
    },
    "asciidoc_2024-12-10.adoc": {
        "attendees": ["Natalia Ivanova", "Emeka Nwachukwu", "Chloé Lambert", "Daniel Kuhn"],
        "relations": [["Natalia Ivanova", "leads", "Puffin SDK working group"]],
        "actions": [
            {"assignee": "Daniel Kuhn", "text_contains": "release candidate", "due": "2024-12-17"},
            {"assignee": "Chloé Lambert", "text_contains": "changelog", "due": "2024-12-13"},
            {"assignee": "Natalia Ivanova", "text_contains": "deprecation"},
            {"assignee": "Daniel Kuhn", "text_contains": "nightly build"},
        ],
        "decisions": [{"text_contains": "Java 8"}],
        "evidence_exact": True,
    },
    "wiki_irc_log_2011-03-02.wiki": {
        # a chat log pasted into the page (<pre>, Trac's {{{ }}}) is read as one
        "attendees": ["Ottilie Brandvold", "Rasmus Egede", "Nkechi Obi"],
        "actions": [
            {"assignee": "Nkechi Obi", "text_contains": "tutorials"},
            {"assignee": "Rasmus Egede", "text_contains": "autoconf"},
        ],
        "decisions": [{"text_contains": "read-only"}],
        "evidence_exact": True,
    },
    "email_minutes_2024-01-25.txt": {
        "attendees": ["Oskar Lindgren", "Amina Yusuf", "Fabio Conti", "Mei Lin Tan"],
        "not_attendees": ["Grigor Petrosyan"],
        "relations": [["scheduler", "dependsOn", "Redis"]],
        "actions": [
            {"assignee": "Mei Lin Tan", "text_contains": "new site", "due": "2024-02-08"},
            {"assignee": "Fabio Conti", "text_contains": "benchmark"},
            {"assignee": "Oskar Lindgren", "text_contains": "release schedule"},
        ],
        # the quoted mail below the signature is not these minutes
        "not_actions": [{"text_contains": "packaging"}],
        "decisions": [{"text_contains": "keep Redis"}],
        "evidence_exact": True,
    },
    # a Notion export: middle-dot roll call, a titled name, "Role — Name" lines, a table
    # without leading pipes, thanks in a link's text, a one-word product after "on"
    "notion_export_2024-09-03.md": {
        "attendees": ["Reza Tehrani", "Malin Holm", "Jonas Becker", "Amina Yusuf"],
        "persons": ["Ngaio Parata"],
        "not_persons": ["Dr. Amina Yusuf", "Memcached", "Facilitator", "Note taker"],
        "relations": [["Reza Tehrani", "responsibleFor", "ingest-gateway"]],
        "actions": [
            {"assignee": "Jonas Becker", "text_contains": "rollout checklist"},
            {"assignee": "Amina Yusuf", "text_contains": "export schema", "due": "2024-09-10"},
        ],
        "evidence_exact": True,
    },
    # a mail reply that quotes the minutes whole: the quoted lines are the minutes
    "mail_reply_quoted_2024-02-20.txt": {
        "attendees": ["Ingrid Holm", "Mateus Rocha", "Adaeze Nwosu"],
        "not_attendees": ["Colm Walsh"],
        "actions": [{"assignee": "Ingrid Holm", "text_contains": "annual report"}],
        "decisions": [{"text_contains": "budget was approved"}],
        "evidence_exact": True,
    },
    # a short MeetBot log without time stamps: whoever starts the meeting chairs it
    "irc_short_2024-10-01.txt": {
        "persons": ["hollis", "ferreira"],
        "actions": [{"assignee": "ferreira", "text_contains": "mirror setup"}],
        "decisions": [{"text_contains": "primary"}],
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
            # "Farida_Osei" of a scribe's roll call is Farida Osei ("ilse_v" is a handle)
            assert not re.search(r"[A-Z][a-z]+_[A-Z]", form), form


def _headings(name: str) -> list[str]:
    s = _structure(name)
    return [s.clean.text[b.start : b.end] for b in s.blocks if b.kind == "heading"]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("irc_meetbot_2024-11-06.txt", "irc"),
        ("irc_plain_2024-09-18.txt", "irc"),
        ("trac_wiki_2024-02-20.txt", "wiki"),
        ("mediawiki_2024-06-04.wiki", "wiki"),
        ("ietf_style_2024-07-23.txt", "text"),
        ("email_minutes_2024-01-25.txt", "text"),
        ("rst_minutes_2024-04-16.rst", "rst"),
        ("org_mode_2024-03-05.org", "org"),
        ("asciidoc_2024-12-10.adoc", "asciidoc"),
    ],
)
def test_the_format_is_read_from_the_suffix_then_the_content(name: str, fmt: str) -> None:
    assert read_source(FORMATS / name).format == fmt


@pytest.mark.parametrize(
    ("name", "title", "headings"),
    [
        (
            "ietf_style_2024-07-23.txt",
            "Minutes of the PALISADE Working Group",
            [
                "1. Agenda bashing",
                "2. draft-ietf-palisade-transport",
                "3. Interoperability testing",
            ],
        ),
        (
            "rst_minutes_2024-04-16.rst",
            "Kittiwake Technical Committee, 2024-04-16",
            ["Attendance", "Storage backend", "Documentation", "Action items"],
        ),
        (
            "trac_wiki_2024-02-20.txt",
            "Heronsbill steering meeting 2024-02-20",
            ["Attendees", "Agenda", "CI migration", "Plugin API freeze", "Action items"],
        ),
        ("irc_meetbot_2024-11-06.txt", "quillstack-infra", ["roll call", "mirror outage"]),
        (
            "org_mode_2024-03-05.org",
            "Saltmarsh maintainers meeting",
            ["Attendees", "Topics", "Parser rewrite", "Action items"],
        ),
        (
            "asciidoc_2024-12-10.adoc",
            "Puffin SDK working group: 2024-12-10",
            ["Attendees", "Discussion", "Telemetry", "Release", "Action items"],
        ),
    ],
)
def test_headings_of_each_format_are_headings(name: str, title: str, headings: list[str]) -> None:
    s = _structure(name)
    assert s.title == title
    found = _headings(name)
    assert all(h in found for h in headings), found
    rules = [
        ln for ln in s.clean.text.splitlines() if ln.strip() and set(ln.strip()) <= set("=-~^#*")
    ]
    assert rules == []


def test_markup_of_each_format_does_not_reach_the_text() -> None:
    gone = {
        "rst_minutes_2024-04-16.rst": [".. ", ":Date:", "kittiwake bench", ":local:", "#."],
        "org_mode_2024-03-05.org": ["#+", "parse(tree", "<2024", "** "],
        "asciidoc_2024-12-10.adoc": [":toc:", "|===", "[cols", "NOTE:", "= "],
        "trac_wiki_2024-02-20.txt": ["[[PageOutline]]", "||", "'" * 3, "== "],
        "mediawiki_2024-06-04.wiki": ["Category", "[[", "{{", "__NOTOC__"],
        "irc_meetbot_2024-11-06.txt": ["[16:", "<marisol>", "#topic", "#action", "#chair"],
        "irc_plain_2024-09-18.txt": ["[14:"],
        "wiki_irc_log_2011-03-02.wiki": ["def main", "[15:", "<pre>", "{{{", "#action"],
    }
    for name, marks in gone.items():
        text = clean(read_source(FORMATS / name)).text
        assert not [m for m in marks if m in text], name


def test_table_rows_of_wiki_and_asciidoc_are_rows_of_cells() -> None:
    for name in (
        "trac_wiki_2024-02-20.txt",
        "asciidoc_2024-12-10.adoc",
        "mediawiki_2024-06-04.wiki",
    ):
        s = _structure(name)
        text = s.clean.text
        rows = [[text[c0:c1] for c0, c1 in b.cells] for b in s.blocks if b.kind == "row"]
        assert len(rows) == 3 and all(len(r) == 3 for r in rows), (name, rows)
        assert all(cell and "|" not in cell and "'" not in cell for r in rows for cell in r)


def test_irc_messages_read_as_speaker_lines() -> None:
    text = clean(read_source(FORMATS / "irc_meetbot_2024-11-06.txt")).text
    lines = text.splitlines()
    assert "sunwoo: I will look into the arm64 builder failures" in lines
    assert "ACTION: oyelaran to update the build farm runbook" in lines
    assert "AGREED: move the package mirror to the new storage cluster after the freeze" in lines
    assert "present: marisol, dvorak_j, oyelaran, sunwoo" in lines
    assert not any("quillbot" in line for line in lines)


def test_a_wrapped_list_item_is_one_item_and_an_indented_list_is_not_nested() -> None:
    text = (
        "Sync 2024-02-20\n\nAction items\n\n"
        "   * Ana Lima will rewrite the guide\n     before the next release.\n"
        "   * Bo Chen to book the room.\n"
    )
    s = parse_structure(clean(SourceText("sync.txt", text)))
    items = [(s.clean.text[b.start : b.end], b.level) for b in s.blocks if b.kind == "item"]
    assert items == [
        ("- Ana Lima will rewrite the guide\n     before the next release.", 0),
        ("- Bo Chen to book the room.", 0),
    ]
    assert [[m.text for m in a.assignees] for a in s.actions] == [["Ana Lima"], ["Bo Chen"]]


def test_setext_headings_in_markdown_and_underlines_in_text() -> None:
    md = "Sync\n====\n\nNotes\n-----\n\nAna will fix it.\n\n---\n\nEnd of notes\n"
    s = parse_structure(clean(SourceText("m.md", md, format="markdown")))
    assert s.title == "Sync"
    assert "Notes" in [s.clean.text[b.start : b.end] for b in s.blocks if b.kind == "heading"]
    txt = "Sync 2024-01-02\n\nTopics\n~~~~~~\n\nAna said the build\nwas slow, so\n======\n"
    s = parse_structure(clean(SourceText("m.txt", txt)))
    assert [s.clean.text[b.start : b.end] for b in s.blocks if b.kind == "heading"] == ["Topics"]


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


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (".org", "#+BEGIN_SRC python\n" * 60_000),
        (".org", "* TODO a :x:y:\n:PROPERTIES:\n" * 40_000),
        (".adoc", "= a" + " " * 1_000_000 + "x"),
        (".adoc", "----\n....\n" * 100_000),
        (".wiki", "{{{\n" * 200_000),
        (".wiki", "= a" + " " * 1_000_000 + "=x"),
        (".wiki", "|| a || b ||\n" * 80_000),
        (".txt", "== a" + " " * 1_000_000 + "=="),
        (".txt", "[16:00] <ana> #a #b x\n" * 50_000),
        (".txt", "Topic\n=====\n" * 90_000),
        (".rst", ".. code::\n" + "   x = 1\n" * 100_000),
        (".rst", "`a <" * 250_000),
    ],
    ids=[
        "org-unclosed-blocks",
        "org-drawers",
        "adoc-spaces",
        "adoc-listings",
        "wiki-unclosed-code",
        "wiki-heading-spaces",
        "trac-rows",
        "txt-heading-spaces",
        "irc-commands",
        "underlines",
        "rst-code",
        "rst-links",
    ],
)
def test_a_megabyte_of_any_format_cleans_in_seconds(tmp_path: Path, suffix: str, text: str) -> None:
    path = tmp_path / f"big{suffix}"
    path.write_text(text, encoding="utf-8")
    began = time.monotonic()
    c = clean(read_source(path))
    assert c.offsets[-1] == len(c.source.text)
    # generous bound: the point is "not quadratic", which would take minutes
    assert time.monotonic() - began < 30


def test_rfc_bullets_are_items_and_section_numbers_are_not_section_names() -> None:
    text = (
        "PALISADE WG minutes, 2024-07-23\n\n2. Action items\n===============\n\n"
        "   o  Anjali Mehta to set up the interop matrix.\n"
        "   o  Yusuf Demirci to revise the transport draft.\n"
    )
    s = parse_structure(clean(SourceText("wg.txt", text)))
    items = [b for b in s.blocks if b.kind == "item"]
    assert [b.section for b in items] == [("Action items",), ("Action items",)]
    assert [[m.text for m in a.assignees] for a in s.actions] == [
        ["Anjali Mehta"],
        ["Yusuf Demirci"],
    ]
    one = "Notes 2024-07-23\n\nWe met at o clock.\no well\n"  # a lone "o" line is no list
    assert "- well" not in clean(SourceText("n.txt", one)).text
