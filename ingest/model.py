"""Plain frozen dataclasses passed between the steps of the ingest chain.

The chain is::

    read (SourceText) -> clean (CleanText) -> structure (Structure)
        -> nlp + resolve + relations -> Extraction -> emit (quads)

Offsets
-------
``SourceText.text`` is the file exactly as decoded (newlines untouched), so an
``Evidence(start, end)`` always satisfies ``source.text[start:end] == quote``.
``CleanText`` carries ``offsets``: ``offsets[i]`` is the index in the source text
of clean character ``i`` (characters inserted by cleaning, such as a newline
standing for ``<li>``, point at the source construct they replace); it has one
extra entry at the end equal to the source length so ``offsets[len(text)]`` is
defined.

The JSON of :class:`Extraction` (``to_dict``) is the ``kg extract`` contract,
kept as a JSON Schema in ``ingest/extraction.schema.json``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "ENTITY_TYPES",
    "PREDICATES",
    "STATUSES",
    "SourceText",
    "CleanText",
    "Mention",
    "Block",
    "AgendaRow",
    "RawAction",
    "Structure",
    "Evidence",
    "Entity",
    "Relation",
    "ActionItem",
    "Decision",
    "Meeting",
    "Extraction",
]

EntityType = Literal["Person", "Team", "Organization", "Component", "Ticket", "Document", "Meeting"]
ENTITY_TYPES: tuple[str, ...] = (
    "Person",
    "Team",
    "Organization",
    "Component",
    "Ticket",
    "Document",
    "Meeting",
)
Predicate = Literal["memberOf", "leads", "responsibleFor", "dependsOn", "requests", "attended"]
PREDICATES: tuple[str, ...] = (
    "memberOf",
    "leads",
    "responsibleFor",
    "dependsOn",
    "requests",
    "attended",
)
Status = Literal["done", "open", "unknown"]
STATUSES: tuple[str, ...] = ("done", "open", "unknown")


# --------------------------------------------------------------------------- read / clean


@dataclass(frozen=True)
class SourceText:
    """A minutes file as read: ``text`` is the decoded file, newlines untouched.

    ``format`` is ``"text"``, ``"markdown"`` or ``"html"``; ``encoding`` the codec
    that decoded it; ``name`` the path relative to the folder it was ingested from, which
    names the document (:func:`ontology.ids.document_id`); the file name when not given.
    """

    path: str
    text: str
    format: str = "text"
    encoding: str = "utf-8"
    name: str | None = None  # the path relative to the ingest root: the document's identity


@dataclass(frozen=True)
class CleanText:
    """Normalised text plus the map back into ``source.text``."""

    source: SourceText
    text: str
    offsets: tuple[int, ...]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map the clean span ``[start, end)`` to a source span ``[s, e)``.

        The source span covers every source character the clean span came from,
        so it may include markup that cleaning removed from the middle.
        """
        if end <= start:
            s = self.offsets[start]
            return s, s
        return self.offsets[start], self.offsets[end - 1] + 1

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """The clean span the source span ``[start, end)`` was cleaned into (the inverse of
        :meth:`to_source`, for spans that begin and end on characters cleaning kept)."""
        s = bisect_left(self.offsets, start)
        e = bisect_right(self.offsets, end - 1, s) if end > start else s
        return s, max(s, e)

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the clean span ``[start, end)``, stripped of outer whitespace."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        s, e = self.to_source(start, end)
        return Evidence(quote=self.source.text[s:e], start=s, end=e)


# --------------------------------------------------------------------------- structure


@dataclass(frozen=True)
class Mention:
    """A span of clean text naming something (a person, a ticket ...)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A unit of the document layout, a span of the clean text.

    ``kind``: ``"title"``, ``"heading"``, ``"paragraph"``, ``"item"`` (a bullet
    or list entry), ``"row"`` (a table row; its cells are ``cells``).
    ``section`` is the path of headings the block sits under.
    """

    kind: str
    start: int
    end: int
    section: tuple[str, ...] = ()
    level: int = 0
    cells: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class AgendaRow:
    """One row of an agenda table: time, topic, coordinator(s), moderator."""

    start: int
    end: int
    time: str | None
    topic: str | None
    coordinators: tuple[Mention, ...] = ()
    moderator: Mention | None = None
    day: str | None = None  # ISO date when the agenda is split by day


@dataclass(frozen=True)
class RawAction:
    """An action item as found in the layout, names not yet resolved."""

    start: int
    end: int
    text: str
    assignees: tuple[Mention, ...]
    due: str | None  # ISO date
    status: str  # done | open | unknown
    tickets: tuple[str, ...] = ()
    planned: bool = False  # a line of a person's plans ("### Next week"), not a listed action


@dataclass(frozen=True)
class Structure:
    """What the layout of a minutes document says, before NLP."""

    clean: CleanText
    title: str | None
    start: str | None  # ISO date of the meeting's first day
    end: str | None  # ISO date of its last day
    attendees: tuple[Mention, ...] = ()
    blocks: tuple[Block, ...] = ()
    agenda: tuple[AgendaRow, ...] = ()
    actions: tuple[RawAction, ...] = ()
    title_span: tuple[int, int] | None = None


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class Evidence:
    """Where a statement comes from: ``source_text[start:end] == quote``."""

    quote: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"quote": self.quote, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "name": self.name, "aliases": list(self.aliases)}


@dataclass(frozen=True)
class Relation:
    subject: str
    predicate: str
    object: str
    confidence: float
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "confidence": round(self.confidence, 3),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class ActionItem:
    id: str
    text: str
    assignees: tuple[str, ...]
    due: str | None
    status: str
    tickets: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "assignees": list(self.assignees),
            "due": self.due,
            "status": self.status,
            "tickets": list(self.tickets),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Decision:
    id: str
    text: str
    about: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "about": list(self.about),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Meeting:
    id: str
    title: str | None
    start: str | None
    end: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one minutes document (the ``kg extract`` contract)."""

    source: str
    document_id: str
    meeting: Meeting
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    action_items: tuple[ActionItem, ...] = ()
    decisions: tuple[Decision, ...] = ()
    content_hash: str = ""
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "meeting": self.meeting.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "relations": [r.to_dict() for r in self.relations],
            "action_items": [a.to_dict() for a in self.action_items],
            "decisions": [d.to_dict() for d in self.decisions],
        }
