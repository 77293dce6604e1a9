"""``minutes_entities``: the document's relations merged and its entities typed and named."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.document import document_of, resources_of, set_group
from ingest.extract.relations import EntityRef, merge_relations
from ingest.model import ActionItem, Entity, Relation
from ingest.resolve.people import People
from ontology.ids import entity_iri, meeting_iri

__all__ = ["EntitiesComponent", "entities_of"]


def entities_of(
    people: People,
    found: Iterable[Any],
    refs: Sequence[EntityRef],
    actions: Sequence[ActionItem],
    relations: Sequence[Relation],
) -> list[Entity]:
    """One entity per id referenced, with its canonical name and the aliases used."""
    used = {r.id for r in refs}
    used |= {a for item in actions for a in item.assignees}
    used |= {r.subject for r in relations} | {r.object for r in relations}
    ticket_ids = {entity_iri("Ticket", t): t for item in actions for t in item.tickets}
    entities: dict[str, Entity] = {}
    for person in people.persons.values():
        iri = entity_iri("Person", person.name)
        if iri in used:
            entities[iri] = Entity(iri, "Person", person.name, tuple(person.aliases))
    surfaces: dict[str, list[str]] = {}
    for f in found:
        iri = entity_iri(f.type, f.name)
        if iri not in used or (iri in entities and iri not in surfaces):
            continue  # unused, or a person
        aliases = surfaces.setdefault(iri, [])
        aliases[:] = dict.fromkeys((*aliases, *f.aliases, f.surface))
        if f.name in aliases:
            aliases.remove(f.name)
        entities.setdefault(iri, Entity(iri, f.type, f.name))
    for iri, aliases in surfaces.items():
        entities[iri] = Entity(iri, entities[iri].type, entities[iri].name, tuple(aliases))
    for iri, key in ticket_ids.items():
        entities.setdefault(iri, Entity(iri, "Ticket", key))
    return list(entities.values())


def opening_bodies(entities: Sequence[Entity], terms: dict[str, Any]) -> list[Entity]:
    """Organisations and teams of the vocabulary that open the name of a document
    (``CNCF landscape guidelines``, ``NIST review notice``): the name mentions the body too,
    as its author, though only the longer name was matched there. (A product's name does
    not: ``Acme Docs`` is the product, not a mention of Acme.)

    >>> from ingest.resolve.vocab import Term
    >>> e = Entity("d", "Document", "QTF hosting guidelines")
    >>> [b.name for b in opening_bodies([e], {"QTF": Term("Organization", "QTF")})]
    ['QTF']
    """
    out: dict[str, Entity] = {}
    for entity in entities:
        if entity.type != "Document":
            continue
        words = entity.name.split()
        for k in (3, 2, 1):
            if len(words) <= k:
                continue
            head = " ".join(words[:k])
            head = head[:-2] if head.endswith(("'s", "’s")) else head
            term = terms.get(head)
            if term is not None and term.type in ("Organization", "Team"):
                iri = entity_iri(term.type, term.name)
                out.setdefault(iri, Entity(iri, term.type, term.name))
                break
    return list(out.values())


#: an acronym opening a team's name: ``QTF`` of ``QTF Storage Working Group``
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")


def opening_acronyms(
    entities: Sequence[Entity], text: str, not_bodies: Collection[str] = ()
) -> list[Entity]:
    """The body whose acronym opens a team's name (``QTF Storage Working Group``,
    ``QTF Board``) and that the minutes also name by the acronym alone (``QTF pays for
    hosting``, twice or more): the team is a part of that organisation, which the minutes
    name too. Not an acronym that is itself a kind of team or a document series
    (``not_bodies``: ``SIG Docs``, ``WG``), one named already, nor one the minutes count
    or number (``two QEPs``, ``QEP 12``, ``QTF-123``: proposals or tickets, not a body).

    >>> e = Entity("t", "Team", "QTF Storage Working Group")
    >>> [b.name for b in opening_acronyms([e], "QTF Storage Working Group. QTF pays; ask QTF.")]
    ['QTF']
    """
    named = {e.name for e in entities} | {a for e in entities for a in e.aliases}
    blocked = {w.upper() for w in not_bodies}
    out: dict[str, Entity] = {}
    for entity in entities:
        words = entity.name.split()
        if entity.type != "Team" or len(words) < 2 or not _ACRONYM.fullmatch(words[0]):
            continue
        acronym = words[0]
        if acronym in named or acronym in blocked or acronym in out:
            continue
        if re.search(rf"(?<![\w./@#-]){acronym}(?:s\b|-\d|[ \t]+\d)", text):
            continue  # "QEPs", "QEP 12", "QTF-123": things counted or numbered, no body
        rest = re.escape(words[1])
        alone = re.findall(rf"(?<![\w./@#-]){acronym}(?![\w@/-]|\.\w|[ \t]+{rest}\b)", text)
        if len(alone) >= 2:
            iri = entity_iri("Organization", acronym)
            out[acronym] = Entity(iri, "Organization", acronym)
    return list(out.values())


class EntitiesComponent:
    """Reads ``doc._.found_relations``, ``doc._.refs``, ``doc._.people``, ``doc._.found`` and
    ``doc._.action_items``; writes ``doc._.relations`` (one per subject, predicate and object,
    every distinct evidence; span group ``relations``, label: predicate) and
    ``doc._.entities`` (every entity referenced, typed and named, then the meeting)."""

    def __call__(self, doc: Doc) -> Doc:
        structure = doc._.structure
        found_relations = doc._.found_relations
        relations = merge_relations(found_relations, structure.clean.evidence)
        entities = entities_of(doc._.people, doc._.found, doc._.refs, doc._.action_items, relations)
        known = {e.id for e in entities}
        terms = resources_of(doc).matchers().terms
        entities += [b for b in opening_bodies(entities, terms) if b.id not in known]
        vocabulary = resources_of(doc).matchers().vocabulary
        not_bodies = (*vocabulary.team_words, *vocabulary.document_prefixes)
        known = {e.id for e in entities}
        entities += [
            b
            for b in opening_acronyms(entities, structure.clean.text, not_bodies)
            if b.id not in known
        ]
        doc_id = document_of(doc)
        entities.append(Entity(meeting_iri(doc_id), "Meeting", structure.title or doc_id))
        doc._.relations = relations
        doc._.entities = entities
        set_group(doc, "relations", ((r.start, r.end, r.predicate) for r in found_relations))
        return doc


@Language.factory("minutes_entities")
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    return EntitiesComponent()
