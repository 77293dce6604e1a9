"""The extraction pipeline: a minutes file in, an :class:`~ingest.model.Extraction` out.

>>> from ingest.pipeline import extract_file            # doctest: +SKIP
>>> extract_file("data/minutes/000_a5daecc12659371c.txt").to_dict()["meeting"]  # doctest: +SKIP

Steps (see ``ARCHITECTURE.md``): read, clean, structure, then per document a fast
pass over all of its text (vocabulary and rule matches, name runs, cue phrases) which
picks the sentences worth parsing: those with a relation cue or a capitalised name no
known person accounts for. The statistical parser and NER run on those sentences only,
with known names masked as placeholder words of the same length, batched over all
documents with ``nlp.pipe``. Then names are resolved (:mod:`ingest.resolve.people`), and
relations and decisions read (:mod:`ingest.extract.relations`). Action items come from the
layout; their assignees are resolved, never guessed.

Importing this module does not import spaCy; the first extraction does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ingest.extract.commitments import find_commitments
from ingest.extract.decisions import (
    assents,
    decision_end,
    decision_span,
    decision_text,
    decision_topic,
    decision_wording,
    is_decision,
    is_decision_section,
    is_open,
    is_outcome,
    is_rejection,
    table_decisions,
    topic_wording,
)
from ingest.extract.items import build_actions
from ingest.extract.layout import (
    affiliations,
    attendance,
    chairs,
    group_members,
    list_requests,
    member_lists,
    paren_affiliations,
    roll_call_leads,
)
from ingest.extract.relations import (
    EntityRef,
    FoundRelation,
    memberships,
    merge_relations,
    relations_in_sentence,
    role_leads,
    table_relations,
)
from ingest.extract.responsibility import (
    author_marks,
    heading_roles,
    possessive_owners,
    report_speakers,
    role_holders,
    status_reports,
)
from ingest.extract.votes import find_votes
from ingest.model import (
    ActionItem,
    Decision,
    Entity,
    Extraction,
    Meeting,
    Relation,
    SourceText,
    Structure,
)
from ingest.resolve.people import PROSE, People
from ingest.resolve.resources import Resources, load_resources
from ingest.resolve.vocab import Vocabulary
from ingest.spans import SpanIndex
from ingest.structure.rollcall import absentees
from ingest.structure.tickets import is_document_key
from ontology.ids import decision_iri, document_id, entity_iri, meeting_iri

__all__ = [
    "Resources",
    "load_resources",
    "extract_file",
    "extract_source",
    "extract_files",
]


#: what a decision is not "about": who took it and the meeting it was taken in
_NOT_ABOUT = ("Person", "Meeting")


def _content_hash(source: SourceText) -> str:
    path = Path(source.path)
    data = path.read_bytes() if path.is_file() else source.text.encode(source.encoding)
    return hashlib.sha256(data).hexdigest()


@dataclass
class Prepared:
    """One document after the fast pass, waiting for its sentences to be parsed."""

    source: SourceText
    structure: Structure
    found: list[Any]  # nlp.Found: vocabulary terms, tickets, documents, packages
    cues: list[Any]  # nlp.CueMatch
    sentences: list[tuple[int, int, int]]  # clean start, end, block index (-1: none)
    runs: list[Any]  # nlp.NameRun
    people: People
    to_parse: list[tuple[int, int]]
    parse_text: str = ""  # the clean text with known names masked, for the parser
    doc: Any = None  # the annotated spaCy Doc (span groups: ingest/components)


def _overlaps(start: int, end: int, spans: Iterable[Any]) -> bool:
    return any(start < f.end and f.start < end for f in spans)


def _prepare(source: SourceText, resources: Resources) -> Prepared:
    """The fast pass: one ``Doc`` of the document annotated by the ``minutes`` pipeline
    (:mod:`ingest.components`), its sentence windows waiting for the statistical model."""
    from ingest.components import annotate

    doc = annotate(source, resources)
    x = doc._
    return Prepared(
        source,
        x.structure,
        x.found,
        x.cues,
        x.sentences,
        x.runs,
        x.people,
        x.to_parse,
        x.parse_text,
        doc,
    )


def _is_item(structure: Structure, k: int) -> bool:
    """Whether block ``k`` is a list entry (by kind, or by the bullet it starts with)."""
    if k < 0:
        return False
    block = structure.blocks[k]
    return block.kind == "item" or structure.clean.text[block.start : block.start + 1] in "-*•·◦"


def _indent(text: str, pos: int) -> int:
    line = text.rfind("\n", 0, pos) + 1
    return len(text[line:pos].expandtabs()) - len(text[line:pos].expandtabs().lstrip())


def _parent_item(structure: Structure, k: int, limit: int = 300) -> str | None:
    """The text of the list entry that entry ``k`` is nested in (``None`` if it is not):
    what a short answer under it ("Agreement.", "Approved") settles."""
    if k < 0 or not _is_item(structure, k):
        return None
    text = structure.clean.text
    own = _indent(text, structure.blocks[k].start)
    for j in range(k - 1, max(-1, k - 50), -1):
        block = structure.blocks[j]
        if block.kind == "heading":
            return None
        if _is_item(structure, j) and _indent(text, block.start) < own:
            end = min(block.end, structure.blocks[j + 1].start, block.start + limit)
            words = " ".join(text[block.start : end].split()).lstrip("-*•0123456789.) ")
            return words or None
    return None


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


def _finish(prepared: Prepared, parsed_docs: Sequence[Any], resources: Resources) -> Extraction:
    structure, clean = prepared.structure, prepared.structure.clean
    text = clean.text
    source = prepared.source
    doc_id = document_id(source.name or Path(source.path).name)
    meeting_id = meeting_iri(doc_id)
    from ingest.components import complete
    from ingest.extract.naming import load_lexicon

    doc = complete(prepared.doc, parsed_docs, resources)
    parsed = doc._.parses
    refs = doc._.refs
    lexicon = load_lexicon(resources.matchers().nlp, resources.vocabulary.common_words)
    people = prepared.people
    cue_index = SpanIndex(prepared.cues)
    ref_index = SpanIndex(refs)

    found_relations: list[FoundRelation] = []
    decisions: list[Decision] = []
    decided: list[tuple[int, int]] = []
    sections = resources.vocabulary.decision_sections
    generic = resources.vocabulary.generic_sections
    votes = find_votes(text)
    decided_index = SpanIndex(tuples=True)
    header = structure.title_span
    if structure.attendees:  # the lines above the attendee list name the meeting's body
        header = (0, min(m.start for m in structure.attendees))
    bodies = {
        r.id: r for r in refs if r.type == "Team" and header and header[0] <= r.start < header[1]
    }
    body = next(iter(bodies.values())) if len(bodies) == 1 else None
    for row in table_decisions(text, structure.blocks):  # "| Logo | Adopt the blue logo |"
        about = [r.id for r in ref_index.within(*row.row) if r.type not in _NOT_ABOUT]
        decided.append(row.row)
        decided_index.add(row.row)
        decisions.append(
            Decision(
                decision_iri(doc_id, len(decisions) + 1),
                row.text,
                tuple(dict.fromkeys(about)),
                (clean.evidence(*row.row),),
            )
        )
    for s, e, k in prepared.sentences:
        inside = ref_index.within(s, e)
        cues = cue_index.within(s, e)
        if (s, e) in parsed:
            found_relations += relations_in_sentence(parsed[(s, e)], s, inside, cues)
            found_relations += role_leads(parsed[(s, e)], s, inside, body)
        found_relations += memberships(text, inside)
        block = structure.blocks[k] if k >= 0 else None
        heading = block.section[-1].lower() if block is not None and block.section else ""
        in_section = (  # "## Decisions" lists one decision per item
            block is not None
            and block.kind == "item"
            and is_decision_section(heading, sections)
            and not text[s:e].rstrip().endswith(("?", ":"))
        )
        persons = [r for r in inside if r.type == "Person"]
        line = text[text.rfind("\n", 0, s) + 1 : e]
        concluded = (  # "Conclusion:" heads the items that settle the topic above it
            block.section[-2]
            if in_section and heading.startswith("conclusion") and len(block.section) >= 2
            else None
        )
        if decided_index.overlaps(s, s + 1) or (
            is_outcome(text[s:e]) and any(v.start <= s < v.end for v in votes)
        ):
            continue  # the rest of a labelled decision, or a vote's outcome (read below)
        in_section = in_section and not is_open(text[s:e])
        if (is_decision(text[s:e], s, cues, persons, line) or in_section) and not is_rejection(
            text[s:e]
        ):
            s, e = decision_span(text, s, e, cues)
            e = decision_end(
                text, s, e, block.end if block is not None else e, concluded is not None
            )
            about = [r.id for r in inside if r.type not in _NOT_ABOUT]
            speakers = [text[r.start : r.end] for r in persons]
            decided.append((s, e))
            decided_index.add((s, e))
            said = decision_text(text, s, e, block.section if block is not None else ())
            if concluded is None and _is_item(structure, k) and len(text[s:e].split()) <= 8:
                # "Vote on X. Bill seconding. Approved." in one entry: the entry says what;
                # "3. Agreement." alone under its question: the question does
                before = " ".join(text[block.start : s].split()).lstrip("-*•0123456789.) ")
                concluded = (
                    before[:300]
                    or _parent_item(structure, k)
                    or decision_topic(structure, k, sections, generic)
                )
            elif (
                concluded is None and _is_item(structure, k) and said == " ".join(text[s:e].split())
            ):
                concluded = decision_topic(structure, k, sections, generic)
            decisions.append(
                Decision(
                    decision_iri(doc_id, len(decisions) + 1),
                    decision_wording(said, speakers)
                    if concluded is None
                    else f"{topic_wording(concluded)} - {decision_wording(text[s:e], speakers)}",
                    tuple(dict.fromkeys(about)),
                    (clean.evidence(s, e),),
                )
            )
    for k in assents(text, structure.blocks, refs):  # "- Drop the old viewer +1"
        s, e = structure.blocks[k].start, structure.blocks[k].end
        if decided_index.overlaps(s, e):
            continue
        s += len(text[s:e]) - len(text[s:e].lstrip(" \t-*•"))
        about = [r.id for r in ref_index.within(s, e) if r.type not in _NOT_ABOUT]
        decided.append((s, e))
        decisions.append(
            Decision(
                decision_iri(doc_id, len(decisions) + 1),
                decision_wording(text[s:e]),
                tuple(dict.fromkeys(about)),
                (clean.evidence(s, e),),
            )
        )
    # a vote that passed is a decision, unless a sentence of it already said what was decided
    for vote in votes:
        if not vote.passed or any(s < vote.end and vote.start < e for s, e in decided):
            continue
        ms, me = vote.motion
        about = [r.id for r in refs if ms <= r.start and r.end <= me and r.type not in _NOT_ABOUT]
        decisions.append(
            Decision(
                decision_iri(doc_id, len(decisions) + 1),
                decision_wording(vote.text),
                tuple(dict.fromkeys(about)),
                (clean.evidence(vote.start, vote.end),),
            )
        )
    found_relations += roll_call_leads(text, refs)
    found_relations += table_relations(text, structure.blocks, refs)
    found_relations += group_members(text, refs)
    found_relations += list_requests(
        text, prepared.sentences, lambda k: _is_item(structure, k), refs, prepared.cues
    )
    found_relations += chairs(text, refs, header)
    listed_people = (*structure.attendees, *absentees(structure))  # absent is still a member
    found_relations += affiliations(text, listed_people, refs)
    found_relations += member_lists(text, listed_people, refs, header)
    found_relations += paren_affiliations(text, refs)
    found_relations += attendance(text, structure.attendees, prepared.people, meeting_id)

    def person_of(name: str) -> str | None:
        canonical = people.add_owner(name, PROSE)
        return entity_iri("Person", canonical) if canonical else None

    listed = [  # a ticked roll call ("[x] Ana Lima, Acme") lists people, not tasks
        a for a in structure.actions if not _overlaps(a.start, a.end, structure.attendees)
    ]
    said = find_commitments(
        text,
        parsed,
        refs,
        listed,
        lambda name: people.add_owner(name, PROSE),
        structure.start,
        report_speakers(text, refs, person_of, lexicon),
        lambda name: people.resolve(name, short_initials=True),
    )
    actions = build_actions(
        listed,
        prepared.people,
        prepared.found,
        doc_id,
        clean.evidence,
        lambda key: not _not_a_ticket(key, resources.vocabulary),
        said,
        text,
    )

    found_relations += author_marks(text, refs, person_of, lexicon)
    found_relations += status_reports(text, refs, person_of, lexicon)
    found_relations += possessive_owners(text, refs)
    found_relations += role_holders(text, refs)
    found_relations += heading_roles(text, structure.blocks, refs)
    relations = merge_relations(found_relations, clean.evidence)
    entities = _entities(prepared, refs, actions, relations)
    title = structure.title
    entities.append(Entity(meeting_id, "Meeting", title or doc_id))
    return Extraction(
        source=source.name or source.path,
        document_id=doc_id,
        meeting=Meeting(meeting_id, title, structure.start, structure.end),
        entities=tuple(entities),
        relations=relations,
        action_items=tuple(actions),
        decisions=tuple(decisions),
        content_hash=_content_hash(source),
        warnings=_decoding_warnings(source),
    )


def _decoding_warnings(source: SourceText) -> tuple[str, ...]:
    """What a reader should know about how the file was decoded: not UTF-8 (or UTF-16 with
    its byte order mark), so some characters may be read wrong."""
    if source.encoding in ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"):
        return ()
    return (f"not valid UTF-8: decoded as {source.encoding}",)


def _entities(
    prepared: Prepared,
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
    for person in prepared.people.persons.values():
        iri = entity_iri("Person", person.name)
        if iri in used:
            entities[iri] = Entity(iri, "Person", person.name, tuple(person.aliases))
    surfaces: dict[str, list[str]] = {}
    for f in prepared.found:
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


def extract_source(source: SourceText, resources: Resources | None = None) -> Extraction:
    """Everything extracted from one read source."""
    from ingest.extract.nlp import parse

    resources = resources or load_resources()
    prepared = _prepare(source, resources)
    texts = [(prepared.parse_text[s:e], i) for i, (s, e) in enumerate(prepared.to_parse)]
    parsed = [doc for doc, _ in parse(texts)]
    return _finish(prepared, parsed, resources)


def extract_file(path: str | Path, resources: Resources | None = None) -> Extraction:
    """Everything extracted from the minutes file at ``path``."""
    from ingest.read.source import read_source

    return extract_source(read_source(str(path)), resources)


@dataclass
class _Pending:
    """A document of a batch waiting for its parsed sentences."""

    key: int
    path: str | Path
    item: Prepared | Exception
    parsed: list[Any] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return isinstance(self.item, Exception) or len(self.parsed) == len(self.item.to_parse)


def extract_files(
    paths: Iterable[str | Path],
    resources: Resources | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    names: Mapping[str, str] | None = None,
) -> Iterator[tuple[str | Path, Extraction | Exception]]:
    """Extract many files, the spaCy work of all of them batched through ``nlp.pipe``.

    Yields ``(path, Extraction)`` per file in order, or ``(path, exception)`` for a file
    that could not be read or extracted; one failure never stops the others. ``names``:
    each path's name relative to the folder it was ingested from (its document's identity;
    the file name where none is given). Files are
    read as the parser asks for sentences and yielded as soon as theirs are parsed, so a
    large folder is never held in memory at once.
    """
    from collections import deque

    from ingest.extract.nlp import parse
    from ingest.read.source import read_source

    resources = resources or load_resources()
    pending: deque[_Pending] = deque()
    entries: dict[int, _Pending] = {}

    def sentences() -> Iterator[tuple[str, int]]:
        for k, path in enumerate(paths):
            try:
                source = read_source(str(path))
                if names and str(path) in names:
                    source = replace(source, name=names[str(path)])
                entry = _Pending(k, path, _prepare(source, resources))
            except Exception as exc:  # reported per document, never raised
                entry = _Pending(k, path, exc)
            pending.append(entry)
            entries[k] = entry
            if isinstance(entry.item, Prepared):
                text = entry.item.parse_text
                for s, e in entry.item.to_parse:
                    yield text[s:e], k  # an int: contexts travel to worker processes

    def finish(entry: _Pending) -> tuple[str | Path, Extraction | Exception]:
        del entries[entry.key]
        if isinstance(entry.item, Exception):
            return entry.path, entry.item
        try:
            return entry.path, _finish(entry.item, entry.parsed, resources)
        except Exception as exc:  # reported per document, never raised
            return entry.path, exc

    for doc, k in parse(sentences(), n_process=n_process, batch_size=batch_size):
        entries[k].parsed.append(doc)
        while pending and pending[0].ready:
            yield finish(pending.popleft())
    while pending:
        yield finish(pending.popleft())
