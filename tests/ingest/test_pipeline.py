"""The pipeline's public contract: extract_file / extract_source / extract_files."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from ingest.model import Entity, Extraction, SourceText
from ingest.pipeline import Resources, extract_file, extract_files, extract_source, load_resources
from ontology.ids import document_id, entity_iri, meeting_iri

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "data" / "minutes").glob("*.txt"))
FIXTURES = sorted(
    p for p in (ROOT / "tests" / "fixtures").glob("*.*") if not p.name.endswith(".json")
)
SCHEMA = json.loads((ROOT / "ingest" / "extraction.schema.json").read_text(encoding="utf-8"))
SMALL = "Sync 2024-03-12\n\nAttendees: Alice Smith, Bo Chen\n\nNotes\n\nBo is working on Qserv.\n"


@pytest.fixture(scope="session")
def resources() -> Resources:
    return load_resources()


@pytest.fixture(scope="session")
def samples(resources: Resources) -> dict[str, Extraction]:
    return {p.name: extract_file(p, resources) for p in SAMPLES}


def _evidence(extraction: dict) -> list[dict]:
    return [
        e
        for key in ("relations", "action_items", "decisions")
        for item in extraction[key]
        for e in item["evidence"]
    ]


def test_importing_the_pipeline_does_not_load_spacy() -> None:
    code = "import sys, ingest.pipeline; assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


@pytest.mark.slow
def test_extractions_follow_the_schema_and_quote_the_source_exactly(
    samples: dict[str, Extraction], resources: Resources
) -> None:
    from ingest.read.source import read_source

    extractions = {**samples, **{p.name: extract_file(p, resources) for p in FIXTURES}}
    for path in SAMPLES + FIXTURES:
        data = extractions[path.name].to_dict()
        jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
        text = read_source(str(path)).text
        evidence = _evidence(data)
        assert evidence
        for e in evidence:
            assert text[e["start"] : e["end"]] == e["quote"]


@pytest.mark.slow
def test_sample_ids_and_hash_come_from_the_file(samples: dict[str, Extraction]) -> None:
    for path in SAMPLES:
        extraction = samples[path.name]
        assert extraction.document_id == document_id(str(path))
        assert extraction.meeting.id == meeting_iri(extraction.document_id)
        assert extraction.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_jds_is_point_of_contact_because_the_document_names_john_swinbank(
    samples: dict[str, Extraction],
) -> None:
    extraction = samples["000_a5daecc12659371c.txt"]
    (relation,) = [
        r
        for r in extraction.relations
        if r.predicate == "responsibleFor" and r.object == entity_iri("Team", "SQuaRE")
    ]
    assert relation.subject == entity_iri("Person", "John Swinbank")
    assert relation.evidence[0].quote == "JDS will act as point of contact for SQuaRE on this."


@pytest.mark.slow
def test_sample_action_items_keep_assignees_due_dates_and_status(
    samples: dict[str, Extraction],
) -> None:
    extraction = samples["001_ff838e8b1bca4eb2.txt"]
    item = next(a for a in extraction.action_items if "LDM-153" in a.text)
    assert item.assignees == (entity_iri("Person", "Colin Slater"),)
    assert (item.due, item.status, item.tickets) == ("2020-07-06", "done", ("DM-25926",))
    unowned = next(a for a in extraction.action_items if a.text.startswith("DMTN-148 is almost"))
    assert unowned.assignees == ()  # never invented


def test_extract_source_needs_no_file_on_disk(resources: Resources) -> None:
    extraction = extract_source(SourceText("notes/sync.txt", SMALL), resources)
    assert extraction.document_id == "sync"
    bo = entity_iri("Person", "Bo Chen")
    assert (bo, "responsibleFor", entity_iri("Component", "Qserv")) in {
        (r.subject, r.predicate, r.object) for r in extraction.relations
    }


def test_extract_files_reports_a_bad_file_and_goes_on(tmp_path: Path, resources: Resources) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SMALL, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    results = list(extract_files([missing, good], resources))
    assert [path for path, _ in results] == [missing, good]
    assert isinstance(results[0][1], Exception)
    assert isinstance(results[1][1], Extraction)


@pytest.mark.slow
def test_two_processes_give_the_same_extractions(tmp_path: Path, resources: Resources) -> None:
    one = {str(p): x.to_dict() for p, x in extract_files(SAMPLES, resources, n_process=1)}
    two = {str(p): x.to_dict() for p, x in extract_files(SAMPLES, resources, n_process=2)}
    assert one == two


def test_a_directory_names_the_person_behind_an_account(tmp_path: Path) -> None:
    directory = tmp_path / "authordb.yaml"
    directory.write_text(
        "authors:\n  bchen:\n    affil: []\n    email: bchen\n"
        "    family_name: Chen\n    given_name: Bo\n"
    )
    text = "Sync 2024-03-12\n\nNotes\n\nUnknown User (bchen) is working on Qserv.\n"
    extraction = extract_source(SourceText("s.txt", text), load_resources(directory=directory))
    bo = next(e for e in extraction.entities if e.type == "Person")
    assert bo.name == "Bo Chen"
    assert "Unknown User (bchen)" in bo.aliases


def test_known_entities_resolve_first_names_across_documents() -> None:
    known = [Entity(entity_iri("Person", "Jacek Becla"), "Person", "Jacek Becla")]
    text = "Sync 2024-03-12\n\nNotes\n\nJacek is responsible for Qserv.\n"
    extraction = extract_source(SourceText("s.txt", text), load_resources(known=known))
    assert (entity_iri("Person", "Jacek Becla"), "responsibleFor") in {
        (r.subject, r.predicate) for r in extraction.relations
    }


VOTES = """Brambling PMC monthly meeting, 2024-04-11

Present: Ana Lopes (Chair), Bo Chen, Cyrus Adeyemi

1. RELEASE 2.4

Vote: release Brambling 2.4.0 from the second release candidate.
  +1: Ana, Bo, Cyrus
   0: none
  -1: none
Vote passed.

Motion: move the weekly call to Thursdays.
  +1: Bo
  -1: Ana, Cyrus
The motion failed.

2. WEBSITE

It was agreed that the website moves to the new theme.
Vote: adopt the new theme as agreed above.
Vote passed.
"""


def test_a_vote_that_passed_is_a_decision_and_one_that_failed_is_not(
    resources: Resources,
) -> None:
    extraction = extract_source(SourceText("pmc/2024-04-11.txt", VOTES), resources)
    texts = [d.text for d in extraction.decisions]
    release = [t for t in texts if "2.4.0" in t]
    # the motion, then its outcome ("<motion> - passed" since the vote blocks of b3bee3a)
    (decided,) = release
    assert decided.startswith("release Brambling 2.4.0 from the second release candidate")
    assert decided.endswith("passed")
    assert not [t for t in texts if "Thursdays" in t]
    (evidence,) = next(d for d in extraction.decisions if "2.4.0" in d.text).evidence
    assert VOTES[evidence.start : evidence.end] == evidence.quote
    assert evidence.quote.startswith("Vote: release") and evidence.quote.endswith("Vote passed.")
    assert sum("theme" in t for t in texts) >= 1


def test_technotes_and_zero_padded_keys_are_documents_not_tickets(resources: Resources) -> None:
    text = (
        "Survey sync 2024-02-02\n\nAttendees: Mara Quist, Teo Lind\n\n"
        "Mara has drafted PXTN-014 on the new calibration flow.\n"
        "Teo to review PX-4412 and the note in CAL-007 by Friday.\n"
    )
    extraction = extract_source(SourceText("survey/2024-02-02.txt", text), resources)
    kinds = {e.name: e.type for e in extraction.entities}
    assert kinds.get("PXTN-014") == "Document"
    assert kinds.get("CAL-007") == "Document"
    assert kinds.get("PX-4412") == "Ticket"


def test_repository_files_are_documents_and_other_repositories_issues_are_tickets(
    resources: Resources,
) -> None:
    text = (
        "Dev call 2024-05-06\n\nAttendees: Mara Quist, Teo Lind\n\n"
        "Mara will own SECURITY.md and the new docs/release-process.rst.\n"
        "Teo to fix gullfoss/gull-cli#56 before the release; slides in Update.pdf.\n"
    )
    extraction = extract_source(SourceText("dev/2024-05-06.txt", text), resources)
    kinds = {e.name: e.type for e in extraction.entities}
    assert kinds.get("SECURITY.md") == "Document"
    assert kinds.get("docs/release-process.rst") == "Document"
    assert kinds.get("gullfoss/gull-cli#56") == "Ticket"
    assert "Update.pdf" not in kinds  # an attachment, not a document the minutes discuss


def test_mail_headers_of_forwarded_minutes_name_no_software(resources: Resources) -> None:
    text = (
        "-------- Forwarded Message --------\n"
        "Subject: [larkspur-private] Larkspur TSC meeting, 2023-05-12\n"
        "From: Jonas Weber <jonas@larkspur.example.org>\n"
        "To: larkspur-private@lists.example.org\n\n"
        "LARKSPUR TECHNICAL STEERING COMMITTEE, 2023-05-12\n\n"
        "Present: Jonas Weber, Ines Carvalho\n\n"
        "Ines reported that larkspur-core depends on larkspur-codec.\n"
    )
    extraction = extract_source(SourceText("larkspur.txt", text), resources)
    names = {e.name for e in extraction.entities if e.type == "Component"}
    assert {"larkspur-core", "larkspur-codec"} <= names
    assert not {n for n in names if "private" in n}


WRAPPED = """Larkspur TSC meeting 2023-05-12

Present: Jonas Weber, Ines Carvalho, Paul Ndiaye

2. RELEASE TOOLING

After some discussion the committee moved on. Ines noted that larkspur-core depends on
larkspur-codec for all of its decoding, so the two must be released
together.
Decision: adopt larkspur-codec 2.0
Paul asked whether larkspur-cli depends on larkspur-core.
"""


def test_a_sentence_wrapped_over_lines_of_plain_text_is_read_whole(resources: Resources) -> None:
    extraction = extract_source(SourceText("larkspur/2023-05-12.txt", WRAPPED), resources)
    core = entity_iri("Component", "larkspur-core")
    codec = entity_iri("Component", "larkspur-codec")
    (relation,) = [r for r in extraction.relations if (r.subject, r.object) == (core, codec)]
    assert relation.predicate == "dependsOn"
    quote = relation.evidence[0].quote
    assert quote.startswith("Ines noted") and quote.endswith("released\ntogether.")
    # a line that starts a new statement is not glued to the one before it
    assert [d.text for d in extraction.decisions] == ["adopt larkspur-codec 2.0"]
    assert extraction.decisions[0].evidence[0].quote == "Decision: adopt larkspur-codec 2.0"


OTHER = (
    "Storage sync 2024-04-02\n\nAttendees: Dana Reyes, Omar Haddad\n\n"
    "Omar will review the cache patch. Dana owns the scheduler.\n\n"
    "## Action items\n\n- Dana Reyes to write the migration notes\n"
)


def test_the_statistical_model_is_a_component_between_the_sentences_and_the_mentions(
    resources: Resources,
) -> None:
    from ingest.components import make_pipeline

    names = list(make_pipeline(resources).pipe_names)
    assert "minutes_parse" in names
    assert names.index("minutes_sentences") + 1 == names.index("minutes_parse")
    assert names.index("minutes_parse") + 1 == names.index("minutes_mentions")


def test_a_document_after_the_pipeline_carries_the_parses_of_its_windows(
    resources: Resources,
) -> None:
    from ingest.components import make_doc, make_pipeline

    (doc,) = make_pipeline(resources).pipe([make_doc(SourceText("s.txt", SMALL), resources)])
    assert list(doc._.parses) == doc._.to_parse
    said = next(p for (s, _e), p in doc._.parses.items() if doc.text[s:].startswith("Bo is"))
    assert said.text == "Bo is working on Xxxxx."  # the known term masked for the parser
    assert said[0].dep_ == "nsubj" and said[1].head == said[2]  # parsed: "Bo" acts


def test_batching_documents_gives_the_same_extraction_as_one_at_a_time(
    tmp_path: Path, resources: Resources
) -> None:
    paths = []
    for name, text in (("a.txt", SMALL), ("b.md", OTHER), ("c.txt", SMALL + OTHER)):
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    alone = [extract_file(p, resources).to_dict() for p in paths]
    for batch_size in (1, 3, 64):  # windows of several documents in one batch of the model
        batched = list(extract_files(paths, resources, batch_size=batch_size))
        assert [p for p, _ in batched] == paths
        assert [x.to_dict() for _, x in batched] == alone  # type: ignore[union-attr]


def test_a_document_a_component_raises_on_is_reported_and_the_others_go_on(
    tmp_path: Path, resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ingest.components.decisions import DecisionsComponent

    original = DecisionsComponent.__call__

    def fails_on_storage(self, doc):  # noqa: ANN001, ANN202 - a spaCy component
        if "Storage" in doc.text:
            raise RuntimeError("the decisions component failed")
        return original(self, doc)

    monkeypatch.setattr(DecisionsComponent, "__call__", fails_on_storage)
    paths = [tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt", tmp_path / "d.txt"]
    for path, text in zip(paths, (SMALL, OTHER, SMALL, OTHER), strict=True):
        path.write_text(text, encoding="utf-8")
    results = list(extract_files(paths, resources))
    assert [p for p, _ in results] == paths
    kinds = [type(x).__name__ for _, x in results]
    assert kinds == ["Extraction", "RuntimeError", "Extraction", "RuntimeError"]
    assert results[2][1].to_dict() == extract_file(paths[2], resources).to_dict()  # type: ignore[union-attr]
    with pytest.raises(RuntimeError, match="decisions component"):
        extract_source(SourceText("b.txt", OTHER), resources)
