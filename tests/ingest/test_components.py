"""The ``minutes`` pipeline: one Doc per document, structure as span groups."""

from __future__ import annotations

import pytest

from ingest.model import SourceText
from ingest.pipeline import Resources, load_resources

MINUTES = (
    "Storage sync 2024-03-12\n\n"
    "Attendees: Alice Smith, Bo Chen\n\n"
    "## Notes\n\n"
    "Bo is working on Qserv.\n\n"
    "## Action items\n\n"
    "- Alice Smith to write the release plan\n"
)


@pytest.fixture(scope="module")
def resources() -> Resources:
    return load_resources()


@pytest.fixture(scope="module")
def doc(resources: Resources):  # noqa: ANN201 - a spaCy Doc
    from ingest.components import annotate

    return annotate(SourceText(path="sync.md", text=MINUTES, format="markdown"), resources)


def test_the_pipeline_is_the_registered_components_in_order(resources: Resources) -> None:
    from ingest.components import make_pipeline

    nlp = make_pipeline(resources)
    assert nlp.pipe_names == [
        "minutes_structure",
        "minutes_terms",
        "minutes_people",
        "minutes_sentences",
        "minutes_mentions",
    ]
    assert make_pipeline(resources) is nlp  # built once per resources


def test_one_doc_holds_the_whole_clean_text(doc) -> None:  # noqa: ANN001
    assert doc.text == doc._.clean.text
    assert "release plan" in doc.text


def test_roll_call_and_action_lines_are_span_groups(doc) -> None:  # noqa: ANN001
    assert [s.text for s in doc.spans["attendees"]] == ["Alice Smith", "Bo Chen"]
    assert [s.text for s in doc.spans["headings"]] == ["Notes", "Action items"]
    actions = [s.text for s in doc.spans["actions"]]
    assert actions == ["Alice Smith to write the release plan"]
    assert doc.spans["actions"][0].label_ == "open"


def test_later_components_read_the_earlier_ones(doc) -> None:  # noqa: ANN001
    terms = {s.text: s.label_ for s in doc.spans["terms"]}
    assert terms.get("Qserv") == "Component"
    assert doc._.people.resolve("Bo") == "Bo Chen"  # a roll call name, first name resolved
    sentences = [s.text for s in doc.spans["sentences"]]
    assert "Bo is working on Qserv." in sentences
    # the parser's text masks the known term, keeping every offset
    start = doc.text.index("Qserv")
    assert doc._.parse_text[start : start + 5] == "Xxxxx"
    assert len(doc._.parse_text) == len(doc.text)


def test_after_the_parse_every_entity_reference_is_a_span(resources: Resources) -> None:
    from ingest.components import annotate, complete
    from ingest.extract.nlp import parse

    source = SourceText(path="sync.md", text=MINUTES, format="markdown")
    doc = annotate(source, resources)
    texts = [(doc._.parse_text[s:e], i) for i, (s, e) in enumerate(doc._.to_parse)]
    doc = complete(doc, [d for d, _ in parse(texts)], resources)
    entities = {(s.text, s.label_) for s in doc.spans["entities"]}
    assert {("Alice Smith", "Person"), ("Bo", "Person"), ("Qserv", "Component")} <= entities
    assert [r.start for r in doc._.refs] == sorted(r.start for r in doc._.refs)
