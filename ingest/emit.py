"""The last step of the chain: an ``Extraction`` becomes the quads of its document's named graph.

Every relation is written twice: the direct triple (``:a mkg:responsibleFor :b``), which
queries and property paths use, and an ``mkg:Statement`` that carries the confidence and
the evidence (exact quote, character offsets into the source file, meeting date).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pyoxigraph as ox

from graph.store import KnowledgeStore
from ingest.model import Evidence, Extraction
from ontology import PREDICATE_IRIS, TYPE_IRIS
from ontology.ids import document_iri, evidence_iri, graph_iri, statement_iri

__all__ = ["to_quads", "write"]

_MKG = "https://w3id.org/minutes-kg/ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
_SCHEMA = "https://schema.org/"

A = ox.NamedNode(_RDF + "type")
PREF = ox.NamedNode(_SKOS + "prefLabel")
ALT = ox.NamedNode(_SKOS + "altLabel")
LABEL = ox.NamedNode(_RDFS + "label")
TEXT = ox.NamedNode(_SCHEMA + "text")
TITLE = ox.NamedNode(_DCT + "title")
SOURCE = ox.NamedNode(_DCT + "source")
DATE = ox.NamedNode(_DCT + "date")


def _m(local: str) -> ox.NamedNode:
    return ox.NamedNode(_MKG + local)


def _date(value: str) -> ox.Literal:
    """An ISO day, or a month (``2016-02``) or year when that is all the minutes say."""
    kind = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(value), "date")
    return ox.Literal(value, datatype=ox.NamedNode(_XSD + kind))


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))


def to_quads(extraction: Extraction, *, ingested_at: datetime | None = None) -> list[ox.Quad]:
    """All quads of one document's named graph (no duplicates)."""
    doc_id = extraction.document_id
    g = ox.NamedNode(graph_iri(doc_id))
    doc = ox.NamedNode(document_iri(doc_id))
    meeting = ox.NamedNode(extraction.meeting.id)
    meeting_date = extraction.meeting.start
    out: dict[ox.Quad, None] = {}

    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        out[ox.Quad(s, p, o, g)] = None

    def evidence(items: tuple[Evidence, ...]) -> Iterator[ox.NamedNode]:
        for ev in items:
            node = ox.NamedNode(evidence_iri(doc_id, ev.start, ev.end))
            add(node, A, _m("Evidence"))
            add(node, _m("quote"), ox.Literal(ev.quote))
            add(node, _m("start"), _int(ev.start))
            add(node, _m("end"), _int(ev.end))
            add(node, SOURCE, doc)
            if meeting_date:
                add(node, DATE, _date(meeting_date))
            yield node

    # the source document and its meeting
    add(doc, A, _m("SourceDocument"))
    add(doc, _m("path"), ox.Literal(extraction.source))
    add(doc, _m("contentHash"), ox.Literal(extraction.content_hash))
    when = (ingested_at or datetime.now(UTC)).replace(microsecond=0).isoformat()
    add(
        doc,
        ox.NamedNode(_PROV + "generatedAtTime"),
        ox.Literal(when, datatype=ox.NamedNode(_XSD + "dateTime")),
    )
    add(meeting, A, _m("Meeting"))
    add(meeting, SOURCE, doc)
    if extraction.meeting.title:
        add(meeting, TITLE, ox.Literal(extraction.meeting.title))
        add(doc, TITLE, ox.Literal(extraction.meeting.title))
    if extraction.meeting.start:
        add(meeting, ox.NamedNode(_SCHEMA + "startDate"), _date(extraction.meeting.start))
    if extraction.meeting.end:
        add(meeting, ox.NamedNode(_SCHEMA + "endDate"), _date(extraction.meeting.end))

    # entities
    for entity in extraction.entities:
        node = ox.NamedNode(entity.id)
        add(node, A, ox.NamedNode(TYPE_IRIS[entity.type]))
        add(node, PREF, ox.Literal(entity.name))
        add(node, LABEL, ox.Literal(entity.name))
        for alias in entity.aliases:
            if alias != entity.name:
                add(node, ALT, ox.Literal(alias))
        if entity.id != extraction.meeting.id:
            add(meeting, _m("mentions"), node)

    # relations: direct triple + reified statement with evidence
    for rel in extraction.relations:
        s, o = ox.NamedNode(rel.subject), ox.NamedNode(rel.object)
        p = ox.NamedNode(PREDICATE_IRIS[rel.predicate])
        add(s, p, o)
        st = ox.NamedNode(statement_iri(doc_id, rel.subject, rel.predicate, rel.object))
        add(st, A, _m("Statement"))
        add(st, ox.NamedNode(_RDF + "subject"), s)
        add(st, ox.NamedNode(_RDF + "predicate"), p)
        add(st, ox.NamedNode(_RDF + "object"), o)
        add(
            st,
            _m("confidence"),
            ox.Literal(repr(float(rel.confidence)), datatype=ox.NamedNode(_XSD + "double")),
        )
        add(st, ox.NamedNode(_PROV + "wasDerivedFrom"), doc)
        for ev in evidence(rel.evidence):
            add(st, _m("evidence"), ev)

    mentionable = _mention_patterns(extraction)
    for item in extraction.action_items:
        node = ox.NamedNode(item.id)
        for iri in _mentioned(item.text, mentionable):
            add(node, _m("about"), ox.NamedNode(iri))
        add(node, A, _m("ActionItem"))
        add(node, TEXT, ox.Literal(item.text))
        add(node, _m("status"), ox.Literal(item.status))
        add(node, _m("recordedIn"), meeting)
        if item.due:
            add(node, _m("dueDate"), _date(item.due))
        for who in item.assignees:
            add(node, _m("assignedTo"), ox.NamedNode(who))
        for key in item.tickets:
            ticket = ox.NamedNode(_ticket_iri(key))
            add(ticket, A, _m("Ticket"))
            add(ticket, PREF, ox.Literal(key))
            add(ticket, LABEL, ox.Literal(key))
            add(node, _m("ticket"), ticket)
        for ev in evidence(item.evidence):
            add(node, _m("evidence"), ev)

    for decision in extraction.decisions:
        node = ox.NamedNode(decision.id)
        add(node, A, _m("Decision"))
        add(node, TEXT, ox.Literal(decision.text))
        add(node, _m("decidedIn"), meeting)
        for about in decision.about:
            add(node, _m("about"), ox.NamedNode(about))
        for ev in evidence(decision.evidence):
            add(node, _m("evidence"), ev)
    return list(out)


_ABOUT_TYPES = ("Component", "Document", "Team", "Organization")


def _mention_patterns(extraction: Extraction) -> list[tuple[re.Pattern[str], str]]:
    """Word-bounded patterns for the names of things an action item can be about."""
    out = []
    for entity in extraction.entities:
        if entity.type not in _ABOUT_TYPES:
            continue
        names = sorted({entity.name, *entity.aliases}, key=len, reverse=True)
        alternation = "|".join(re.escape(n) for n in names if len(n) >= 2)
        if alternation:
            out.append((re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), entity.id))
    return out


def _mentioned(text: str, patterns: list[tuple[re.Pattern[str], str]]) -> list[str]:
    return [iri for pattern, iri in patterns if pattern.search(text)]


def _ticket_iri(key: str) -> str:
    from ontology.ids import entity_iri

    return entity_iri("Ticket", key)


def write(store: KnowledgeStore, extraction: Extraction) -> int:
    """Replace the document's named graph with this extraction; returns the quad count."""
    quads = to_quads(extraction)
    store.replace_graph(graph_iri(extraction.document_id), quads)
    return len(quads)
