"""``minutes_actions``: action items, listed (the layout's action lines) and said in prose."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.document import document_of, resources_of, set_group
from ingest.components.people import person_of
from ingest.extract.commitments import find_commitments, take_ups
from ingest.extract.items import build_actions
from ingest.extract.responsibility import report_speakers
from ingest.resolve.people import PROSE
from ingest.resolve.vocab import Vocabulary
from ingest.structure.tickets import is_document_key

__all__ = ["ActionItemsComponent"]


def _overlaps(start: int, end: int, spans: Iterable[Any]) -> bool:
    return any(start < f.end and f.start < end for f in spans)


def _not_a_ticket(key: str, vocabulary: Vocabulary) -> bool:
    """Keys of documents (DMTN-148, QEP-12), team milestones (DAX-9) or known non-tickets."""
    prefix, _, number = key.partition("-")
    teams = {s for t in vocabulary.terms if t.type == "Team" for s in t.spellings}
    documents = frozenset(p.upper() for p in vocabulary.document_prefixes)
    return (
        prefix in teams
        or prefix in vocabulary.not_tickets
        or is_document_key(prefix, number, documents)
    )


class ActionItemsComponent:
    """Reads the raw action lines of ``doc._.structure``, the parses, ``doc._.refs``,
    ``doc._.people`` and ``doc._.found``; writes ``doc._.action_items`` (span group
    ``actions``, label: status): the listed items and the commitments sentences state, their
    assignees resolved (never guessed)."""

    def __call__(self, doc: Doc) -> Doc:
        resources = resources_of(doc)
        structure = doc._.structure
        clean = structure.clean
        text = clean.text
        refs = doc._.refs
        people = doc._.people
        listed = [  # a ticked roll call ("[x] Ana Lima, Acme") lists people, not tasks
            a for a in structure.actions if not _overlaps(a.start, a.end, structure.attendees)
        ]
        # "- Bo asked for help with X. Ana said she will take it on": Ana's item
        listed = take_ups(
            text, doc._.parses, refs, listed, lambda name: people.add_owner(name, PROSE)
        )
        said = find_commitments(
            text,
            doc._.parses,
            refs,
            listed,
            lambda name: people.add_owner(name, PROSE),
            structure.start,
            report_speakers(text, refs, person_of(doc), doc._.lexicon),
            lambda name: people.resolve(name, short_initials=True),
        )
        actions = build_actions(
            listed,
            people,
            doc._.found,
            document_of(doc),
            clean.evidence,
            lambda key: not _not_a_ticket(key, resources.vocabulary),
            said,
            text,
        )
        doc._.action_items = actions
        set_group(
            doc,
            "actions",
            ((*clean.to_clean(ev.start, ev.end), a.status) for a in actions for ev in a.evidence),
        )
        return doc


@Language.factory("minutes_actions")
def make_actions(nlp: Language, name: str) -> ActionItemsComponent:
    return ActionItemsComponent()
