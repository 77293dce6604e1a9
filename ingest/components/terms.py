"""``minutes_terms``: vocabulary terms, tickets, documents, packages and cue phrases."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.document import resources_of, set_group

__all__ = ["TermsComponent", "outside_mail_headers"]


def outside_mail_headers(text: str, found: list[Any]) -> list[Any]:
    """``found`` without what stands in a forwarded mail's headers, but for its subject.

    Addresses and list tags (``[marlin-private]``, ``private@marlin.example.org``) name
    no software or team; the subject (the meeting's title) names what the title names.
    """
    from ingest.structure.document import mail_head

    head_end, subject = mail_head(text)
    if not head_end:
        return found
    keep = (0, 0)
    if subject is not None:
        line_end = text.find("\n", subject[1])
        keep = (subject[1], len(text) if line_end < 0 else line_end)
    return [f for f in found if f.start >= head_end or (keep[0] <= f.start and f.end <= keep[1])]


class TermsComponent:
    """Reads ``doc._.structure``; writes ``doc._.found``, ``doc._.cues`` and their groups."""

    def __call__(self, doc: Doc) -> Doc:
        from ingest.extract.naming import settle_names
        from ingest.extract.nlp import find_cues, find_terms

        structure = doc._.structure
        text = structure.clean.text
        matchers = resources_of(doc).matchers()
        found = find_terms(text, matchers, structure.title, structure.clean)
        found = settle_names(text, found, matchers, structure.clean)
        doc._.found = outside_mail_headers(text, found)
        doc._.cues = find_cues(text, matchers)
        set_group(doc, "terms", ((f.start, f.end, f.type) for f in doc._.found))
        set_group(doc, "cues", ((c.start, c.end, c.predicate) for c in doc._.cues))
        return doc


@Language.factory("minutes_terms")
def make_terms(nlp: Language, name: str) -> TermsComponent:
    return TermsComponent()
