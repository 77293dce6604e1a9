"""The ``minutes`` pipeline: one Doc per document, structure as span groups."""

from __future__ import annotations

import pytest

from ingest.model import SourceText
from ingest.pipeline import Resources, load_resources

MINUTES = (
    "Storage sync 2024-03-12\n\n"
    "Attendees: Alice Smith, Bo Chen\n\n"
    "## Notes\n\n"
    "Bo is working on Qserv. Bo Chen owns the Qserv ingest service.\n\n"
    "## Decisions\n\n"
    "- The team agreed to ship release 2.0 in April.\n\n"
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
        "minutes_parse",
        "minutes_mentions",
        "minutes_relations",
        "minutes_decisions",
        "minutes_actions",
        "minutes_responsibility",
        "minutes_entities",
    ]
    assert make_pipeline(resources) is nlp  # built once per resources


def test_one_doc_holds_the_whole_clean_text(doc) -> None:  # noqa: ANN001
    assert doc.text == doc._.clean.text
    assert "release plan" in doc.text


def test_roll_call_and_action_lines_are_span_groups(doc) -> None:  # noqa: ANN001
    assert [s.text for s in doc.spans["attendees"]] == ["Alice Smith", "Bo Chen"]
    assert [s.text for s in doc.spans["headings"]] == ["Notes", "Decisions", "Action items"]
    actions = [s.text for s in doc.spans["action_lines"]]
    assert actions == ["Alice Smith to write the release plan"]
    assert doc.spans["action_lines"][0].label_ == "open"


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


@pytest.fixture(scope="module")
def parsed(resources: Resources):  # noqa: ANN201 - a spaCy Doc
    """The document after every component, the parses of its sentence windows included."""
    from ingest.components import annotate, complete
    from ingest.extract.nlp import parse

    source = SourceText(path="sync.md", text=MINUTES, format="markdown")
    doc = annotate(source, resources)
    texts = [(doc._.parse_text[s:e], i) for i, (s, e) in enumerate(doc._.to_parse)]
    return complete(doc, [d for d, _ in parse(texts)], resources)


def test_after_the_parse_every_entity_reference_is_a_span(parsed) -> None:  # noqa: ANN001
    entities = {(s.text, s.label_) for s in parsed.spans["entities"]}
    assert {("Alice Smith", "Person"), ("Bo", "Person"), ("Qserv", "Component")} <= entities
    assert [r.start for r in parsed._.refs] == sorted(r.start for r in parsed._.refs)


def test_each_capability_writes_its_own_span_group(parsed) -> None:  # noqa: ANN001
    # the final action items, each spanning its evidence ("Bo is working on Qserv" is one)
    actions = [(s.text, s.label_) for s in parsed.spans["actions"]]
    assert ("Alice Smith to write the release plan", "open") in actions
    assert [s.text for s in parsed.spans["actions"]] == [
        ev.quote for item in parsed._.action_items for ev in item.evidence
    ]
    alice = next(a for a in parsed._.action_items if a.text.startswith("Alice"))
    assert alice.assignees == ("https://w3id.org/minutes-kg/id/person/alice-smith",)
    decisions = [s.text for s in parsed.spans["decisions"]]
    assert decisions == ["The team agreed to ship release 2.0 in April."]
    relations = {(s.text, s.label_) for s in parsed.spans["relations"]}
    assert ("Bo Chen owns the Qserv ingest service.", "responsibleFor") in relations


def test_the_last_component_leaves_the_extraction_contract(parsed) -> None:  # noqa: ANN001
    names = {(e.type, e.name) for e in parsed._.entities}
    assert {("Person", "Alice Smith"), ("Person", "Bo Chen"), ("Component", "Qserv")} <= names
    assert parsed._.entities[-1].type == "Meeting"
    (owns,) = [r for r in parsed._.relations if r.predicate == "responsibleFor"]
    assert owns.subject.endswith("/person/bo-chen") and owns.object.endswith("/qserv")
    assert all(MINUTES[ev.start : ev.end] == ev.quote for ev in owns.evidence)
