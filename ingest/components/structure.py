"""``minutes_structure``: the layout of the document (sections, lists, roll calls, action lines)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.document import set_group
from ingest.structure.document import parse_structure
from ingest.structure.rollcall import absentees

__all__ = ["StructureComponent"]


class StructureComponent:
    """Parses the layout of ``doc._.clean`` into ``doc._.structure`` and span groups."""

    def __call__(self, doc: Doc) -> Doc:
        structure = parse_structure(doc._.clean)
        doc._.structure = structure
        blocks = structure.blocks
        set_group(doc, "blocks", ((b.start, b.end, b.kind) for b in blocks))
        set_group(
            doc, "headings", ((b.start, b.end, b.kind) for b in blocks if b.kind == "heading")
        )
        set_group(doc, "attendees", ((m.start, m.end, "attendee") for m in structure.attendees))
        set_group(doc, "absentees", ((m.start, m.end, "absent") for m in absentees(structure)))
        set_group(doc, "action_lines", ((a.start, a.end, a.status) for a in structure.actions))
        set_group(doc, "agenda", ((r.start, r.end, "agenda") for r in structure.agenda))
        return doc


@Language.factory("minutes_structure")
def make_structure(nlp: Language, name: str) -> StructureComponent:
    return StructureComponent()
