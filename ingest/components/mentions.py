"""``minutes_mentions``: every entity the parsed document names, as references by position."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.document import resources_of, set_group
from ingest.extract.layout import prose_affiliations, roster
from ingest.extract.relations import EntityRef, table_names, unnamed_components
from ingest.spans import SpanIndex
from ontology.ids import entity_iri

__all__ = ["MentionsComponent"]


class MentionsComponent:
    """Reads the parses (``doc._.parses``), ``doc._.people``, ``doc._.found``, ``doc._.cues``
    and ``doc._.runs``; adds people named in prose, components and relation ends the parse
    names, names a table's column holds and titled documents to ``doc._.found``, and writes
    ``doc._.refs`` (every entity reference, by start; span group ``entities``, label: entity
    type) and ``doc._.lexicon`` (the English words the later components read)."""

    def __call__(self, doc: Doc) -> Doc:
        from ingest.extract.documents import headed_documents_in, one_name_per_document
        from ingest.extract.ends import named_ends, seen_words
        from ingest.extract.naming import load_lexicon
        from ingest.extract.nlp import Found, add_prose_people, find_person_mentions
        from ingest.extract.teamnames import one_name_per_body

        resources = resources_of(doc)
        structure = doc._.structure
        text = structure.clean.text
        parsed = doc._.parses
        found = doc._.found
        vocabulary = resources.vocabulary
        team_words = {w.lower() for w in vocabulary.team_words}
        lexicon = load_lexicon(resources.matchers().nlp, vocabulary.common_words)
        seen = seen_words(resources.matchers().nlp)
        people = doc._.people
        add_prose_people(people, text, parsed, found)
        refs = [
            EntityRef(s, e, entity_iri("Person", name), "Person")
            for s, e, name in find_person_mentions(
                text, people, roster(structure), doc._.runs, found
            )
        ]
        # spans indexed by position: each sentence looks only at the names near it, so the
        # work stays linear in the document (a list scan per sentence was quadratic)
        ref_index = SpanIndex(refs)
        found_index = SpanIndex(found)
        cue_index = SpanIndex(doc._.cues)
        found[:] = prose_affiliations(
            text,
            refs,
            found,
            lambda n: people.resolve(n) is not None,
            vocabulary.not_affiliations,
        )
        for (s, e), sent in parsed.items():
            inside = ref_index.within(s, e)
            inside += [
                EntityRef(f.start, f.end, entity_iri(f.type, f.name), f.type)
                for f in found_index.within(s, e)
            ]
            cues = cue_index.within(s, e)
            for cs, ce in unnamed_components(sent, s, inside, cues):
                if text[cs:ce].lower() in team_words:
                    continue  # "the team relies on GitHub Actions": a group, not software
                if not found_index.overlaps(cs, ce):
                    new = Found(cs, ce, "Component", text[cs:ce], text[cs:ce])
                    found.append(new)
                    found_index.add(new)
            for cs, ce, kind in named_ends(sent, s, inside, cues, lexicon, seen):
                if not found_index.overlaps(cs, ce) and not ref_index.overlaps(cs, ce):
                    new = Found(cs, ce, kind, text[cs:ce], text[cs:ce])
                    found.append(new)
                    found_index.add(new)
            headed = headed_documents_in(  # only what overlaps the sentence can touch its names
                sent,
                s,
                text,
                found_index.overlapping(s, e),
                ref_index.overlapping(s, e),
                vocabulary,
            )
            found[:0] = headed
            found_index.prepend(headed)
        for cs, ce, kind in table_names(text, structure.blocks):  # "| fluxgate | Ana |"
            if not found_index.overlaps(cs, ce) and not ref_index.overlaps(cs, ce):
                new = Found(cs, ce, kind, text[cs:ce], text[cs:ce])
                found.append(new)
                found_index.add(new)
        found[:] = one_name_per_body(one_name_per_document(found))
        for f in found:
            if not ref_index.overlaps(f.start, f.end):
                ref = EntityRef(f.start, f.end, entity_iri(f.type, f.name), f.type)
                refs.append(ref)
                ref_index.add(ref)
        refs.sort(key=lambda r: r.start)
        doc._.refs = refs
        doc._.lexicon = lexicon
        set_group(doc, "entities", ((r.start, r.end, r.type) for r in refs))
        return doc


@Language.factory("minutes_mentions")
def make_mentions(nlp: Language, name: str) -> MentionsComponent:
    return MentionsComponent()
