"""Small literal extractions for tests of the store, the queries and the CLI."""

from __future__ import annotations

from ingest.model import ActionItem, Decision, Entity, Evidence, Extraction, Meeting, Relation
from ontology.ids import action_iri, decision_iri, entity_iri, meeting_iri

SOURCE_TEXT = (
    "Team sync 2021-03-04\n"
    "Attendees: Ada Lovelace, Grace Hopper\n"
    "Ada Lovelace is responsible for the scheduler.\n"
    "The scheduler depends on the queue.\n"
    "- [ ] Grace Hopper to review DM-42. 2021-03-11\n"
    "We agreed to retire the queue.\n"
)


def span(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(quote, start, start + len(quote))


def team_sync(doc_id: str = "team-sync", source: str = "minutes/team-sync.txt") -> Extraction:
    """A tiny but complete extraction whose quotes are spans of :data:`SOURCE_TEXT`."""
    t = SOURCE_TEXT
    ada = entity_iri("Person", "Ada Lovelace")
    grace = entity_iri("Person", "Grace Hopper")
    scheduler = entity_iri("Component", "scheduler")
    queue = entity_iri("Component", "queue")
    meeting = Meeting(meeting_iri(doc_id), "Team sync", "2021-03-04", "2021-03-04")
    return Extraction(
        source=source,
        document_id=doc_id,
        meeting=meeting,
        entities=(
            Entity(ada, "Person", "Ada Lovelace", ("Ada",)),
            Entity(grace, "Person", "Grace Hopper"),
            Entity(scheduler, "Component", "scheduler"),
            Entity(queue, "Component", "queue"),
            Entity(meeting.id, "Meeting", "Team sync"),
        ),
        relations=(
            Relation(
                ada,
                "responsibleFor",
                scheduler,
                0.9,
                (span(t, "Ada Lovelace is responsible for the scheduler."),),
            ),
            Relation(
                scheduler,
                "dependsOn",
                queue,
                0.8,
                (span(t, "The scheduler depends on the queue."),),
            ),
            Relation(ada, "attended", meeting.id, 1.0, (span(t, "Ada Lovelace"),)),
            Relation(grace, "attended", meeting.id, 1.0, (span(t, "Grace Hopper"),)),
        ),
        action_items=(
            ActionItem(
                action_iri(doc_id, 1),
                "review DM-42",
                (grace,),
                "2021-03-11",
                "open",
                ("DM-42",),
                (span(t, "- [ ] Grace Hopper to review DM-42. 2021-03-11"),),
            ),
        ),
        decisions=(
            Decision(
                decision_iri(doc_id, 1),
                "We agreed to retire the queue.",
                (queue,),
                (span(t, "We agreed to retire the queue."),),
            ),
        ),
        content_hash="0" * 64,
    )


# ------------------------------------------------------------------ the merged default graph
#: what a client of /sparql counts over the default graph
DEFAULT_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: the distinct triples of the union of the named graphs
DISTINCT_UNION_COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
)
#: the quads of the named graphs (a triple once per graph stating it)
QUAD_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
#: default-graph triples no named graph states
STRAY_COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
)


def endpoint_count(store, query: str) -> int:
    """``query`` (a COUNT) as the API's /sparql runs it on ``store`` (no dataset named)."""
    return int(next(iter(store.raw_query(query)))["n"].value)


def merged_graph_state(store) -> tuple[int, int, int]:
    """(default-graph triples, distinct triples of the named graphs, stray default triples):
    the default graph is the distinct union exactly when the first two agree and the third
    is 0."""
    return (
        endpoint_count(store, DEFAULT_COUNT),
        endpoint_count(store, DISTINCT_UNION_COUNT),
        endpoint_count(store, STRAY_COUNT),
    )
