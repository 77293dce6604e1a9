"""A direct generator of large stores in the project's own ontology, for query benchmarks.

Rather than running extraction over thousands of documents, this builds
:class:`~ingest.model.Extraction` objects of generated meetings (attendees, ownership,
leadership, membership, dependencies, requests, action items with tickets and due
dates, decisions, all with evidence) and turns them into quads with the very function
the product uses, :func:`ingest.emit.to_quads`, so the store has exactly the shapes
``kg ingest`` writes, one named graph per document. The quads are loaded with
pyoxigraph's ``bulk_extend``.

Component dependencies point from a component to ones a little further down the
(Zipf-ranked) list, so they form a deep acyclic graph: unbounded dependency
queries have real work to do.

Ownership behaves as it does in an organisation's minutes: each component has an
owner (a person or a team), sometimes a co-owner, and changes hands a few times over
the years (:func:`ownership_plan`); a meeting that states who owns a component names
its owner of that day. Much-discussed components so collect hundreds of restated
ownership sentences from a handful of owners, rather than hundreds of owners.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> info = fill_store(store, 2_000, seed=1)
>>> info.triples == len(store) and info.triples >= 2_000
True
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyoxigraph as ox

from bench.corpus import Cast, make_cast
from graph.store import REBUILD_MERGED
from ingest.emit import to_quads
from ingest.model import (
    ActionItem,
    Decision,
    Entity,
    Evidence,
    Extraction,
    Meeting,
    Relation,
)
from ontology.ids import action_iri, decision_iri, entity_iri, meeting_iri

__all__ = [
    "StoreInfo",
    "generate_extractions",
    "fill_store",
    "build_store",
    "query_targets",
    "ownership_plan",
]

_INGESTED_AT = datetime(2026, 1, 1, tzinfo=UTC)
_FIRST_DAY = date(2015, 1, 5)
#: days between generated meetings, and the span of days ownership plans cover
_DAYS_APART = 3
_SPAN = 12_000

#: per component: (from day, owners of that period) in day order
OwnershipPlan = dict[str, tuple[tuple[int, tuple[str, ...]], ...]]
_WORDS = (
    "review upgrade document deprecate migrate benchmark deploy test schedule profile "
    "rewrite port package release validate monitor"
).split()


@dataclass(frozen=True)
class StoreInfo:
    """What was generated: where, how many quads and documents, and names worth querying."""

    path: str | None
    triples: int
    documents: int
    components: tuple[str, ...]  # ordered from most to least mentioned
    people: tuple[str, ...]


def query_targets(cast: Cast, k: int = 5) -> tuple[str, ...]:
    """Component names of ranks 0, 3, 10, 30, 100 ...: from the most talked about to rare."""
    ranks = [0, 3, 10, 30, 100, 200][:k]
    return tuple(cast.components[min(r, len(cast.components) - 1)] for r in ranks)


class _Draw:
    def __init__(self, cast: Cast, rng: random.Random) -> None:
        self.cast, self.rng = cast, rng

    def rank(self, n: int) -> int:
        return min(int(n ** self.rng.random()) - 1, n - 1) if n > 1 else 0

    def person(self) -> str:
        return self.cast.people[self.rank(len(self.cast.people))]

    def team(self) -> str:
        return self.cast.teams[self.rank(len(self.cast.teams))]

    def comp_index(self) -> int:
        return self.rank(len(self.cast.components))


def ownership_plan(cast: Cast, seed: int) -> OwnershipPlan:
    """Who owns each component when: an owner, a co-owner one time in four, 0-3 handovers."""
    plan: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = {}
    for component in cast.components:
        rng = random.Random(f"owners:{seed}:{component}")

        def owners(rng: random.Random = rng) -> tuple[str, ...]:
            first = rng.choice(cast.people) if rng.random() < 0.6 else rng.choice(cast.teams)
            if rng.random() < 0.25:
                return (first, rng.choice(cast.teams if first in cast.people else cast.people))
            return (first,)

        starts = sorted(rng.randrange(1, _SPAN) for _ in range(rng.randint(0, 3)))
        plan[component] = tuple((start, owners()) for start in [0, *starts])
    return plan


def _owners_on(plan: OwnershipPlan, component: str, day: int) -> tuple[str, ...]:
    current = plan[component][0][1]
    for start, owners in plan[component]:
        if start > day:
            break
        current = owners
    return current


def _extraction(i: int, cast: Cast, seed: int, plan: OwnershipPlan) -> Extraction:
    """One generated meeting's extraction; quotes are the sentences it 'said'."""
    rng = random.Random(f"triples:{seed}:{i}")
    draw = _Draw(cast, rng)
    doc_id = f"bench-{i:06d}"
    day = _FIRST_DAY + timedelta(days=_DAYS_APART * i)
    meeting = Meeting(meeting_iri(doc_id), f"{draw.team()} sync {day}", day.isoformat(), None)
    entities: dict[str, Entity] = {meeting.id: Entity(meeting.id, "Meeting", meeting.title or "")}
    offset = 0

    def ent(kind: str, name: str, aliases: tuple[str, ...] = ()) -> str:
        iri = entity_iri(kind, name)
        entities.setdefault(iri, Entity(iri, kind, name, aliases))
        return iri

    def said(text: str) -> tuple[Evidence, ...]:
        nonlocal offset
        ev = Evidence(text, offset, offset + len(text))
        offset += len(text) + 1
        return (ev,)

    relations: list[Relation] = []

    def relate(s: str, p: str, o: str, text: str) -> None:
        relations.append(Relation(s, p, o, round(rng.uniform(0.55, 0.98), 2), said(text)))

    attendees = list(dict.fromkeys(draw.person() for _ in range(rng.randint(4, 10))))
    for name in attendees:
        first = name.split()[0]
        relate(ent("Person", name, (first,)), "attended", meeting.id, f"Attendees: {name}")
    comps = cast.components
    for _ in range(rng.randint(3, 6)):
        c = comps[draw.comp_index()]
        who = rng.choice(_owners_on(plan, c, _DAYS_APART * i))
        kind = "Person" if who in cast.people else "Team"
        relate(ent(kind, who), "responsibleFor", ent("Component", c), f"{who} owns {c}.")
    for _ in range(rng.randint(2, 5)):
        a = draw.comp_index()
        b = min(a + rng.randint(1, 12), len(comps) - 1)
        if a != b:
            ca, cb = comps[a], comps[b]
            relate(
                ent("Component", ca), "dependsOn", ent("Component", cb), f"{ca} depends on {cb}."
            )
    team, lead = draw.team(), draw.person()
    relate(ent("Person", lead), "leads", ent("Team", team), f"{lead} leads the {team} team.")
    member = draw.person()
    relate(ent("Person", member), "memberOf", ent("Team", team), f"{member} joined {team}.")
    c = comps[draw.comp_index()]
    relate(ent("Team", team), "requests", ent("Component", c), f"The {team} team wants {c}.")

    actions = []
    for n in range(1, rng.randint(3, 7)):
        who = draw.person()
        c = comps[draw.comp_index()]
        key = f"{rng.choice(cast.ticket_keys)}-{rng.randint(100, 29999)}"
        text = f"{who} to {rng.choice(_WORDS)} {c} ({key})"
        due = (day + timedelta(days=rng.randint(7, 60))).isoformat() if rng.random() < 0.6 else None
        status = rng.choice(("open", "open", "done", "unknown"))
        actions.append(
            ActionItem(
                action_iri(doc_id, n), text, (ent("Person", who),), due, status, (key,), said(text)
            )
        )
    decisions = []
    for n in range(1, rng.randint(1, 4)):
        a, b = rng.sample(comps[:60], 2)
        text = f"It was agreed that {a} will move to {b}."
        decisions.append(
            Decision(
                decision_iri(doc_id, n),
                text,
                (ent("Component", a), ent("Component", b)),
                said(text),
            )
        )
    return Extraction(
        source=f"bench/minutes/{doc_id}.txt",
        document_id=doc_id,
        meeting=meeting,
        entities=tuple(entities.values()),
        relations=tuple(relations),
        action_items=tuple(actions),
        decisions=tuple(decisions),
        content_hash=hashlib.sha256(doc_id.encode()).hexdigest(),
    )


def generate_extractions(seed: int = 7, cast: Cast | None = None) -> Iterator[Extraction]:
    """An endless, deterministic stream of generated meeting extractions."""
    cast = cast or make_cast(seed, people=2_000, teams=60, components=340)
    plan = ownership_plan(cast, seed)
    i = 0
    while True:
        yield _extraction(i, cast, seed, plan)
        i += 1


def fill_store(
    store: ox.Store, target: int, seed: int = 7, cast: Cast | None = None, batch: int = 200
) -> StoreInfo:
    """Add generated documents to ``store`` until it holds at least ``target`` quads."""
    cast = cast or make_cast(seed, people=2_000, teams=60, components=340)
    total = len(store)
    docs = 0
    pending: list[ox.Quad] = []
    stream = generate_extractions(seed, cast)
    while total + len(pending) < target:
        quads = to_quads(next(stream), ingested_at=_INGESTED_AT)
        pending.extend(quads)
        docs += 1
        if docs % batch == 0:
            store.bulk_extend(pending)
            total += len(pending)
            pending = []
    if pending:
        store.bulk_extend(pending)
    store.flush()
    return StoreInfo(
        path=None,
        triples=len(store),
        documents=docs,
        components=query_targets(cast),
        people=cast.people[:5],
    )


def build_store(path: str | Path, target: int, seed: int = 7) -> StoreInfo:
    """A new on-disk store at ``path`` holding at least ``target`` generated quads in its
    documents' named graphs, and their merged graph (``info.triples`` counts the former)."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(folder))
    try:
        info = fill_store(store, target, seed)
        # the merged default graph, as `kg ingest` keeps it (graph/store.py), in one update
        store.update(REBUILD_MERGED)
        # compacted as `kg ingest` leaves a store: a bulk-loaded store opened read-only
        # would otherwise read uncompacted files (the bare side of the query benchmarks)
        store.optimize()
    finally:
        store.flush()
        del store
    return StoreInfo(str(folder), info.triples, info.documents, info.components, info.people)
