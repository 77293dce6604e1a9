"""Relations labelled lists state entry by entry (``ingest/extract/relation_lists.py``)."""

from __future__ import annotations

from ingest.extract.relation_lists import list_names, list_relations
from ingest.extract.relations import EntityRef
from ingest.model import SourceText
from ingest.read.clean import clean
from ingest.structure.document import parse_structure


def _layout(text: str) -> tuple[str, list]:
    structure = parse_structure(clean(SourceText("m.md", text, "markdown")))
    return structure.clean.text, list(structure.blocks)


def _named(text: str) -> list[tuple[str, str]]:
    clean_text, blocks = _layout(text)
    return sorted((clean_text[s:e], kind) for s, e, kind in list_names(clean_text, blocks))


def _refs(text: str, names: dict[str, str]) -> list[EntityRef]:
    return [
        EntityRef(text.index(name), text.index(name) + len(name), name, kind)
        for name, kind in names.items()
    ]


def test_entries_under_an_owners_heading_name_software_and_people() -> None:
    text = "# Sync 2025-02-03\n\n## Owners\n- quillpress: Thandiwe Dube\n- stilt-cli: Rasmus Holm\n"
    assert _named(text) == [
        ("Rasmus Holm", "Person"),
        ("Thandiwe Dube", "Person"),
        ("quillpress", "Component"),
        ("stilt-cli", "Component"),
    ]


def test_an_entry_that_is_a_sentence_names_nothing() -> None:
    text = "# Sync\n\n## Dependency changes\n- Conclusion: we keep the old parser for now.\n"
    assert _named(text) == []


def test_arrow_entries_under_a_dependency_heading_are_dependencies() -> None:
    text = "# Build\n\n## Dependency changes\n- brinefold -> PostgreSQL 16\n"
    clean_text, blocks = _layout(text)
    refs = _refs(clean_text, {"brinefold": "Component", "PostgreSQL": "Component"})
    found = list_relations(clean_text, blocks, refs)
    assert [(r.subject, r.predicate, r.object) for r in found] == [
        ("brinefold", "dependsOn", "PostgreSQL")
    ]


def test_a_group_and_role_label_makes_the_people_after_it_leaders_or_members() -> None:
    text = "# Call\n\nDocs WG lead: Ana Lima\nNew TSC members: Bo Chen, Kim Park\n"
    clean_text, blocks = _layout(text)
    refs = _refs(
        clean_text,
        {"Docs WG": "Team", "Ana Lima": "Person", "TSC": "Team", "Bo Chen": "Person"},
    )
    refs += _refs(clean_text, {"Kim Park": "Person"})
    found = {(r.subject, r.predicate, r.object) for r in list_relations(clean_text, blocks, refs)}
    assert found == {
        ("Ana Lima", "leads", "Docs WG"),
        ("Bo Chen", "memberOf", "TSC"),
        ("Kim Park", "memberOf", "TSC"),
    }


def test_a_mention_of_both_in_a_sentence_states_no_relation() -> None:
    text = "# Call\n\n## Owners\n- Ana Lima asked about quillpress and its tests.\n"
    clean_text, blocks = _layout(text)
    refs = _refs(clean_text, {"Ana Lima": "Person", "quillpress": "Component"})
    assert list_relations(clean_text, blocks, refs) == []


def test_a_board_members_label_names_the_board_unless_it_has_a_fuller_name() -> None:
    text = "# Quill Center\n\nBoard members:\n\n* Diego Alvarez, Nimbus Labs\n"
    assert ("Board", "Team") in _named(text)
    fuller = text + "\nThe Board of Directors met in May.\n"
    assert ("Board", "Team") not in _named(fuller)


def test_prose_names_software_in_apposition_and_before_a_release() -> None:
    from ingest.pipeline import extract_source

    text = (
        "# Sync 2025-05-20\n\n"
        "- Kofi Mensah will own the package mirror rotation tool, mirrorwheel.\n"
        "- The mudflat 1.4 release is blocked by the gravelrs upgrade.\n"
    )
    extraction = extract_source(SourceText("sync.md", text, "markdown"))
    found = {
        (r.subject.rsplit("/", 1)[1], r.predicate, r.object.rsplit("/", 1)[1])
        for r in extraction.relations
    }
    assert ("kofi-mensah", "responsibleFor", "mirrorwheel") in found
    assert ("mudflat", "dependsOn", "gravelrs") in found
