"""Who owns X over years of minutes: ranked owners, counted sentences, the newest quoted."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graph.claims import OwnershipIndex, claims_for
from graph.queries import owners
from graph.store import OxigraphStore
from ingest.emit import write
from ingest.model import Entity, Evidence, Extraction, Meeting, Relation
from ontology.ids import meeting_iri
from tests.graph.conftest import build_store, iri

BUTLER = iri("Component", "butler")
MIDDLEWARE = iri("Team", "Middleware")
ARCH = iri("Team", "Architecture")
#: the Middleware team restated as butler's owner at seven meetings, then a handover
DATES = [f"2025-0{m}-10" for m in range(1, 8)]
HANDOVER = "2025-09-01"


def _meeting(day: str, who: str, team: str, sentence: str) -> Extraction:
    doc = f"mw-{day}"
    return Extraction(
        source=f"minutes/{doc}.txt",
        document_id=doc,
        meeting=Meeting(meeting_iri(doc), "Middleware weekly", day, None),
        entities=(
            Entity(who, "Team", team, ()),
            Entity(BUTLER, "Component", "butler", ("daf_butler",)),
        ),
        relations=(
            Relation(who, "responsibleFor", BUTLER, 0.9, (Evidence(sentence, 0, len(sentence)),)),
        ),
    )


@pytest.fixture
def store() -> OxigraphStore:
    store = build_store()  # holds one earlier sentence: Middleware owns butler (2024-03-04)
    for day in DATES:
        sentence = f"Middleware still owns butler ({day})."
        write(store, _meeting(day, MIDDLEWARE, "Middleware", sentence))
    write(store, _meeting(HANDOVER, ARCH, "Architecture", "Architecture takes over butler."))
    return store


def test_newest_owner_first_with_counts_and_the_newest_quotes(store: OxigraphStore) -> None:
    result = owners(store, "daf_butler").to_dict()
    ranked = [(o["name"], o["evidence_count"], o["last_said"]) for o in result["owners"]]
    assert ranked == [("Architecture", 1, HANDOVER), ("Middleware", 8, DATES[-1])]
    middleware = result["owners"][1]
    assert middleware["first_said"] == "2024-03-04"
    # three quotes by default, newest first
    assert [e["date"] for e in middleware["evidence"]] == DATES[::-1][:3]
    assert middleware["evidence"][0]["quote"] == f"Middleware still owns butler ({DATES[-1]})."


def test_evidence_limit_zero_quotes_every_sentence(store: OxigraphStore) -> None:
    middleware = owners(store, "butler", evidence_limit=0).owners[1]
    assert len(middleware.evidence) == middleware.evidence_count == 8
    assert middleware.evidence[-1].quote == "The Middleware team is responsible for butler."
    assert len(owners(store, "butler", evidence_limit=2).owners[1].evidence) == 2
    with pytest.raises(ValueError, match="evidence_limit"):
        owners(store, "butler", evidence_limit=-1)


def test_the_index_answers_as_the_store_does(store: OxigraphStore) -> None:
    index = OwnershipIndex.from_store(store)
    assert [replace(c, quotes=()) for c in index.claims(BUTLER)] == list(claims_for(store, BUTLER))
    for limit in (0, 1, 3, 5):  # within and beyond the quotes the index keeps
        assert owners(store, "butler", ownership=index, evidence_limit=limit) == owners(
            store, "butler", evidence_limit=limit
        )
    # team leads and ticket assignees are claims too
    assert [c.relation for c in index.claims(MIDDLEWARE)] == ["leads"]
    ticket = index.claims(iri("Ticket", "DM-1234"))
    assert [(c.who, c.relation) for c in ticket] == [(iri("Person", "Tim Jenness"), "assignedTo")]


def test_a_thing_nobody_owns_has_no_claims(store: OxigraphStore) -> None:
    assert owners(store, "ctrl_bps").owners == ()
    assert OwnershipIndex.from_store(store).claims(iri("Component", "ctrl_bps")) == ()


def test_a_month_alone_is_older_than_every_day_of_that_month() -> None:
    from graph.claims import Claim, newest_first

    items = [("2025-09", "a"), (None, "b"), ("2025-09-15", "c"), ("2025-08-31", "d")]
    assert [ev for _, ev in sorted(items, key=newest_first)] == ["c", "a", "d", "b"]
    by_month = Claim("who/a", "responsibleFor", 0.9, (("2025-09", "e1"),))
    by_day = Claim("who/b", "responsibleFor", 0.9, (("2025-09-02", "e2"),))
    assert sorted([by_month, by_day], key=Claim.rank) == [by_day, by_month]
