"""Response models of the JSON endpoints, for the OpenAPI document and its clients.

Each names the fields a client can rely on with their types; nested records the
``graph/`` functions produce (owners, evidence, action histories...) are typed where
their shape is fixed and kept open (``extra="allow"``) so a field added to a record
reaches clients before its model is updated.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Health",
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


class EntityRefOut(_Open):
    id: str = Field(description="the entity's IRI")
    name: str
    type: str | None = Field(None, description="Person, Team, Organization, Component, ...")


class OwnersOut(_Open):
    entity: EntityRefOut
    as_of: str | None = Field(None, description="the day asked about, if any")
    owners: list[dict[str, Any]] = Field(description="current owners with their evidence")
    superseded: list[dict[str, Any]] = Field(description="owners replaced by then")


class DependenciesOut(_Open):
    entity: EntityRefOut
    direction: str = Field(description="'out' (what it depends on) or 'in'")
    dependencies: list[dict[str, Any]]


class MembersOut(_Open):
    entity: EntityRefOut
    members: list[dict[str, Any]]


class ActionsOut(_Open):
    count: int
    actions: list[dict[str, Any]]


class ActionHistoryOut(_Open):
    id: str
    status: str = Field(description="'open' or 'done', from the latest mention")
    due: str | None = None
    overdue: bool = False
    first_mentioned: str | None = None
    last_mentioned: str | None = None
    mentions: list[dict[str, Any]] = Field(description="each mention: date, status, quote")
    links: list[dict[str, Any]] = Field(description="how the mentions were linked")


class DecisionsOut(_Open):
    count: int
    decisions: list[dict[str, Any]]


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
    out: list[dict[str, Any]] = Field(description="relations from this entity, with evidence")
    in_: list[dict[str, Any]] = Field(alias="in", description="relations to this entity")
    meetings: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    links: dict[str, str] = {}


class TimelineOut(_Open):
    entity: EntityRefOut
    events: list[dict[str, Any]]


class GraphOut(_Open):
    directed: bool
    graph: dict[str, Any]
    nodes: list[dict[str, Any]]
    links: list[dict[str, Any]]
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
