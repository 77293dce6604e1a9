"""Response models of the JSON endpoints, for the OpenAPI document and its clients.

Each names the fields a client can rely on with their types, nested records too (owners,
evidence, dependencies, action items, decisions, histories, timeline events, graph nodes
and links). Every model stays open (``extra="allow"``) so a field ``graph/`` adds to a
record reaches clients before its model is updated; a field a record has only sometimes
(a timeline event's fields by kind) is optional, and its route leaves it out when unset.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Health",
    "EvidenceOut",
    "NamedRefOut",
    "MeetingOut",
    "RelatedOut",
    "DependencyOut",
    "ActionOut",
    "DecisionOut",
    "MentionOut",
    "TimelineEvent",
    "GraphNodeOut",
    "GraphLinkOut",
    "GraphMetaOut",
    "IdentityEntityOut",
    "IdentitiesOut",
    "CurationOut",
    "EntityRefOut",
    "OwnersOut",
    "DependenciesOut",
    "MembersOut",
    "ActionsOut",
    "ActionHistoryOut",
    "DecisionsOut",
    "EntityHit",
    "EntitiesOut",
    "EntityProfileOut",
    "TimelineOut",
    "GraphOut",
    "DocumentOut",
    "DocumentsOut",
    "IngestedOut",
    "DeletedOut",
]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Health(_Open):
    status: str = Field(description="'ok' while the server answers")
    documents: int = Field(description="documents in the store")
    indexes: str = Field(description="'ready', or 'building' just after start")


# ---------------------------------------------------------------- nested records


class EvidenceOut(_Open):
    """A sentence that says so: its quote, the file, the meeting date, character offsets."""

    quote: str
    source: str = Field(description="the document's path as ingested")
    date: str | None = Field(description="the meeting's date (ISO), when known")
    start: int = Field(description="offset of the quote's first character in the source")
    end: int = Field(description="offset just past the quote's last character")


class EntityRefOut(_Open):
    id: str = Field(description="the entity's IRI")
    name: str
    type: str | None = Field(None, description="Person, Team, Organization, Component, ...")


class NamedRefOut(_Open):
    id: str = Field(description="the entity's IRI")
    name: str


class MeetingOut(_Open):
    id: str = Field(description="the meeting's IRI")
    title: str | None
    date: str | None = Field(description="ISO date, when the minutes give one")


class RelatedOut(_Open):
    """An entity related to the one asked about (an owner, a member, an edge in or out)."""

    id: str
    name: str
    type: str
    relation: str = Field(description="responsibleFor, leads, memberOf, dependsOn, ...")
    confidence: float | None = Field(description="the extractor's confidence, 0-1")
    evidence_count: int = Field(description="how many sentences say so in all")
    first_said: str | None
    last_said: str | None
    evidence: list[EvidenceOut] = Field(description="the newest evidence_limit sentences")
    valid_from: str | None = Field(description="when the claim started to hold, if inferred")
    valid_to: str | None = Field(description="when a later statement closed it, if any")
    opened_by: EvidenceOut | None
    closed_by: EvidenceOut | None
    method: str | None = Field(description="how the period was inferred")


class DependencyOut(_Open):
    id: str
    name: str
    type: str
    depth: int = Field(description="hops from the entity asked about")
    path: list[str] = Field(description="the IRIs from the entity to this one")
    evidence_count: int = Field(description="sentences stating the last edge of path")
    last_said: str | None
    evidence: list[EvidenceOut]


class HistoryRefOut(_Open):
    id: str = Field(description="the action's history id: GET /actions/{id}")
    path: str
    mentions: int = Field(description="meetings that mention the action")
    first_mentioned: str | None
    overdue: bool


class ActionOut(_Open):
    id: str = Field(description="the action item's IRI")
    text: str
    assignees: list[NamedRefOut]
    due: str | None
    status: str | None = Field(description="'open' or 'done'")
    tickets: list[str]
    about: list[NamedRefOut] = Field(description="components, teams, documents it names")
    meeting: MeetingOut
    evidence: list[EvidenceOut]
    score: float | None = Field(description="text match score with q=, else null")
    history: HistoryRefOut | None


class SupersessionOut(_Open):
    id: str = Field(description="the other decision's IRI")
    method: str
    cue: str | None
    subjects: list[str]


class DecisionOut(_Open):
    id: str = Field(description="the decision's IRI")
    text: str
    about: list[NamedRefOut]
    meeting: MeetingOut
    date: str | None
    evidence: list[EvidenceOut]
    score: float | None = Field(description="text match score with q=, else null")
    current: bool = Field(description="false once a later decision replaced it")
    supersedes: SupersessionOut | None
    superseded_by: SupersessionOut | None


class MentionOut(_Open):
    id: str = Field(description="the action item's IRI in that meeting")
    date: str | None
    status: str | None
    text: str
    due: str | None
    meeting: MeetingOut | None
    evidence: list[EvidenceOut]


class ThreadLinkOut(_Open):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    from_: str = Field(alias="from", description="the later mention")
    to: str = Field(description="the earlier mention")
    method: str
    score: float | None = Field(description="text similarity, when linked by text")


class WorkRefOut(_Open):
    id: str
    text: str
    relations: list[str] = Field(description="about, assignedTo, ticket")


class TimelineEvent(_Open):
    """One dated event. ``kind`` says which fields it has: ``statement`` (relation,
    other, subject_is_entity, evidence), ``claim_opened``/``claim_closed`` (relation,
    other, method, evidence), ``action`` (id, text, status, history, mentions),
    ``decision`` (id, text, supersedes, superseded_by)."""

    date: str | None
    kind: str = Field(description="statement, claim_opened, claim_closed, action, decision")
    relation: str | None = None
    other: NamedRefOut | None = None
    subject_is_entity: bool | None = None
    method: str | None = None
    evidence: EvidenceOut | None = None
    id: str | None = None
    text: str | None = None
    status: str | None = None
    history: str | None = None
    mentions: int | None = None
    supersedes: str | None = None
    superseded_by: str | None = None


class GraphNodeOut(_Open):
    id: str
    name: str
    type: str = Field(description="Person, Team, Component, ..., ActionItem, Decision")
    quotes: list[str]
    evidence: list[EvidenceOut] = []
    dates: list[str] = []
    x: float | None = None
    y: float | None = None


class GraphLinkOut(_Open):
    source: str
    target: str
    relation: str
    quotes: list[str]
    evidence: list[EvidenceOut] = []


# ---------------------------------------------------------------- answers


class OwnersOut(_Open):
    entity: EntityRefOut
    as_of: str | None = Field(None, description="the day asked about, if any")
    owners: list[RelatedOut] = Field(description="current owners with their evidence")
    superseded: list[RelatedOut] = Field(description="owners replaced by then")


class DependenciesOut(_Open):
    entity: EntityRefOut
    direction: str = Field(description="'out' (what it depends on) or 'in'")
    dependencies: list[DependencyOut]


class MembersOut(_Open):
    entity: EntityRefOut
    members: list[RelatedOut]


class ActionsOut(_Open):
    count: int
    actions: list[ActionOut]


class ActionHistoryOut(_Open):
    id: str
    status: str = Field(description="'open' or 'done', from the latest mention")
    due: str | None = None
    overdue: bool = False
    first_mentioned: str | None = None
    last_mentioned: str | None = None
    mentions: list[MentionOut] = Field(description="each mention: date, status, quote")
    links: list[ThreadLinkOut] = Field(description="how the mentions were linked")


class DecisionsOut(_Open):
    count: int
    decisions: list[DecisionOut]


class EntityHit(_Open):
    id: str
    name: str
    type: str
    aliases: list[str] = []
    score: float | None = Field(None, description="match score 0-100; none when listing")
    path: str = Field(description="the entity's page and JSON")


class EntitiesOut(_Open):
    query: str
    entities: list[EntityHit]


class EntityProfileOut(_Open):
    entity: EntityRefOut
    aliases: list[str]
    out: list[RelatedOut] = Field(description="relations from this entity, with evidence")
    in_: list[RelatedOut] = Field(alias="in", description="relations to this entity")
    meetings: list[MeetingOut]
    actions: list[WorkRefOut]
    decisions: list[WorkRefOut]
    links: dict[str, str] = {}


class TimelineOut(_Open):
    entity: EntityRefOut
    events: list[TimelineEvent]


class GraphMetaOut(_Open):
    focus: str | None = Field(description="the entity drawn around; null for the whole graph")
    truncated: bool = Field(description="true when the view was capped at max_nodes")
    max_nodes: int
    depth: int | None = Field(None, description="relation hops around focus")
    total_nodes: int | None = Field(None, description="entities in the whole graph")


class GraphOut(_Open):
    directed: bool
    graph: GraphMetaOut
    nodes: list[GraphNodeOut]
    links: list[GraphLinkOut]
    note: str | None = Field(None, description="set when the view was capped")


class DocumentOut(_Open):
    id: str
    graph: str = Field(description="the document's named graph")
    source: str | None = None
    title: str | None = None
    ingested: str | None = None
    triples: int


class DocumentsOut(_Open):
    documents: list[DocumentOut]


class IngestedOut(_Open):
    id: str
    graph: str
    source: str
    triples: int
    replaced: bool
    action_items: int
    decisions: int
    statements: int


class DeletedOut(_Open):
    deleted: str


class IdentityEntityOut(_Open):
    id: str = Field(description="the canonical entity's IRI")
    type: str
    name: str
    aliases: list[str]
    members: list[str] = Field(description="the IRIs merged into it")
    documents: list[str]
    ambiguous: list[str] = Field(description="its short names other entities also fit")


class IdentitiesOut(_Open):
    count: int
    people: list[IdentityEntityOut] | None = None
    teams: list[IdentityEntityOut] | None = None
    components: list[IdentityEntityOut] | None = None


class CurationRecordOut(_Open):
    op: str = Field(description="merge, split or rename")
    entity: str
    other: str


class CurationOut(_Open):
    recorded: CurationRecordOut
    links: int = Field(description="identity links after the decision")
