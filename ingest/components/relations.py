"""``minutes_relations`` and ``minutes_responsibility``: who owns, leads, depends on, belongs to
or attended what, from the parse of each sentence and from the layout."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.blocks import is_item
from ingest.components.document import document_of
from ingest.components.people import person_of
from ingest.extract.layout import (
    affiliations,
    attendance,
    chairs,
    group_lines,
    group_members,
    heading_starts,
    labelled_groups,
    list_requests,
    member_lists,
    paren_affiliations,
    roll_call_leads,
    shared_affiliations,
)
from ingest.extract.relation_lists import list_relations
from ingest.extract.relations import (
    FoundRelation,
    memberships,
    relations_in_sentence,
    role_leads,
    table_relations,
)
from ingest.extract.responsibility import (
    author_marks,
    heading_roles,
    possessive_owners,
    role_holders,
    status_reports,
)
from ingest.spans import SpanIndex
from ingest.structure.rollcall import absentees
from ontology.ids import entity_iri, meeting_iri

__all__ = ["RelationsComponent", "ResponsibilityComponent"]


class RelationsComponent:
    """Reads the parses, ``doc._.sentences``, ``doc._.structure``, ``doc._.cues``,
    ``doc._.refs`` and ``doc._.people``; writes ``doc._.found_relations``: the relations each
    parsed sentence states and those the layout states (roll calls, tables, member lists,
    chairs, affiliations, attendance)."""

    def __call__(self, doc: Doc) -> Doc:
        structure = doc._.structure
        text = structure.clean.text
        parsed = doc._.parses
        refs = doc._.refs
        meeting_id = meeting_iri(document_of(doc))
        cue_index = SpanIndex(doc._.cues)
        ref_index = SpanIndex(refs)
        found_relations: list[FoundRelation] = []
        header = structure.title_span
        if structure.attendees:  # the lines above the attendee list name the meeting's body
            header = (0, min(m.start for m in structure.attendees))
        bodies = {
            r.id: r
            for r in refs
            if r.type == "Team" and header and header[0] <= r.start < header[1]
        }
        body = next(iter(bodies.values())) if len(bodies) == 1 else None
        for s, e, _k in doc._.sentences:
            inside = ref_index.within(s, e)
            cues = cue_index.within(s, e)
            if (s, e) in parsed:
                found_relations += relations_in_sentence(parsed[(s, e)], s, inside, cues)
                found_relations += role_leads(parsed[(s, e)], s, inside, body)
            found_relations += memberships(text, inside)
        found_relations += roll_call_leads(text, refs)
        found_relations += table_relations(text, structure.blocks, refs)
        found_relations += list_relations(text, structure.blocks, refs)
        found_relations += group_members(text, refs)
        found_relations += group_lines(text, refs)
        headings = heading_starts(structure.blocks)
        found_relations += labelled_groups(text, refs, headings)
        found_relations += list_requests(
            text, doc._.sentences, lambda k: is_item(structure, k), refs, doc._.cues
        )
        found_relations += chairs(text, refs, header)
        listed_people = (*structure.attendees, *absentees(structure))  # absent is still a member
        found_relations += affiliations(text, listed_people, refs)
        found_relations += member_lists(text, listed_people, refs, header, headings)
        found_relations += paren_affiliations(text, refs)
        found_relations += shared_affiliations(text, refs)
        found_relations += attendance(text, structure.attendees, doc._.people, meeting_id)
        doc._.found_relations = found_relations
        return doc


class ResponsibilityComponent:
    """Reads ``doc._.refs`` and ``doc._.people`` (after the action items, which name owners
    first); adds to ``doc._.found_relations`` the works an item line credits to its author,
    what a status report's reporter works on, possessive owners (``Ana's scheduler``), the
    holders of named roles and what a role line under a heading holds."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc._.structure.clean.text
        refs = doc._.refs
        lexicon = doc._.lexicon
        found_relations = doc._.found_relations
        found_relations += author_marks(text, refs, person_of(doc), lexicon)
        found_relations += status_reports(text, refs, person_of(doc), lexicon, known_person(doc))
        found_relations += possessive_owners(text, refs)
        found_relations += role_holders(text, refs)
        found_relations += heading_roles(text, doc._.structure.blocks, refs)
        return doc


def known_person(doc: Doc) -> Callable[[str], str | None]:
    """The id of the person of ``doc._.people`` a name (or initials) stands for, adding
    nobody; ``None`` if unknown or ambiguous."""
    people = doc._.people

    def of(name: str) -> str | None:
        canonical = people.resolve(name, short_initials=True)
        return entity_iri("Person", canonical) if canonical else None

    return of


@Language.factory("minutes_relations")
def make_relations(nlp: Language, name: str) -> RelationsComponent:
    return RelationsComponent()


@Language.factory("minutes_responsibility")
def make_responsibility(nlp: Language, name: str) -> ResponsibilityComponent:
    return ResponsibilityComponent()
