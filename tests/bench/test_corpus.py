"""The generated minutes: deterministic, varied, and read as minutes by the ingest chain."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus import generate_documents, make_cast, write_corpus
from ingest.read.clean import clean
from ingest.read.source import read_source
from ingest.structure.document import parse_structure


def test_same_seed_same_documents_and_document_i_does_not_depend_on_corpus_size() -> None:
    assert generate_documents(3, seed=5) == generate_documents(3, seed=5)
    assert generate_documents(2, seed=5)[1] == generate_documents(6, seed=5)[1]
    assert generate_documents(2, seed=5) != generate_documents(2, seed=6)


def test_documents_are_not_copies_of_one_another() -> None:
    texts = [text for _, text in generate_documents(30)]
    assert len(set(texts)) == len(texts)


def test_names_are_generated_not_taken_from_the_sample_minutes() -> None:
    cast = make_cast()
    samples = "".join(p.read_text(encoding="utf-8") for p in Path("data/minutes").glob("*.txt"))
    assert not [name for name in cast.people if name in samples]


def test_documents_parse_as_minutes_with_title_date_attendees_and_action_items(
    tmp_path: Path,
) -> None:
    for path in write_corpus(tmp_path, 5):
        structure = parse_structure(clean(read_source(path)))
        assert structure.title
        assert structure.start, path
        assert len(structure.attendees) >= 3, path
        assert structure.actions, path
        assert any(a.assignees for a in structure.actions), path


@pytest.mark.slow
def test_extraction_finds_people_components_relations_and_actions(tmp_path: Path) -> None:
    from ingest.pipeline import extract_files, load_resources

    paths = [str(p) for p in write_corpus(tmp_path, 2)]
    results = [r for _, r in extract_files(paths, load_resources())]
    for extraction in results:
        assert not isinstance(extraction, Exception), extraction
        types = {e.type for e in extraction.entities}
        assert {"Person", "Component"} <= types
        assert extraction.relations
        assert extraction.action_items
