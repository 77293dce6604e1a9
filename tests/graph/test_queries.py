"""Who owns, what depends on what, who belongs: answers with the sentences behind them."""

from __future__ import annotations

import pytest

from graph.errors import EntityNotFound
from graph.queries import dependencies, members, owners
from graph.store import OxigraphStore
from tests.graph.conftest import iri


def _names(items: object) -> list[str]:
    return [i.name for i in items]  # type: ignore[attr-defined]


def test_owners_of_a_component_found_by_alias_with_the_quote(store: OxigraphStore) -> None:
    result = owners(store, "daf_butler")
    assert result.entity.name == "butler"
    team = result.owners[0]
    assert (team.name, team.relation) == ("Middleware", "responsibleFor")
    assert team.evidence[0].quote == "The Middleware team is responsible for butler."
    # an assignee of work that merely names a component does not own it (only tickets and
    # documents are owned through action items)
    assert "Tim Jenness" not in _names(result.owners)


def test_direct_dependencies_only_by_default(store: OxigraphStore) -> None:
    result = dependencies(store, "ctrl_bps")
    assert [(d.name, d.depth) for d in result.dependencies] == [("pipe_base", 1)]
    assert result.dependencies[0].evidence[0].quote == "ctrl_bps depends on pipe_base."


def test_unbounded_closure_stops_at_a_cycle_with_shortest_paths(store: OxigraphStore) -> None:
    result = dependencies(store, "ctrl_bps", depth=0).to_dict()
    got = [(d["name"], d["depth"]) for d in result["dependencies"]]
    assert got == [("pipe_base", 1), ("butler", 2), ("obs_base", 3)]
    last = result["dependencies"][-1]
    assert last["path"] == [
        iri("Component", n) for n in ("ctrl_bps", "pipe_base", "butler", "obs_base")
    ]
    assert last["evidence"][0]["quote"] == "butler depends on obs_base"


def test_reverse_dependencies_list_what_depends_on_x(store: OxigraphStore) -> None:
    result = dependencies(store, "butler", direction="in", depth=2)
    assert sorted((d.name, d.depth) for d in result.dependencies) == [
        ("ctrl_bps", 2),
        ("obs_base", 2),
        ("pipe_base", 1),
    ]


def test_depth_limits_the_walk(store: OxigraphStore) -> None:
    assert _names(dependencies(store, "ctrl_bps", depth=2).dependencies) == [
        "pipe_base",
        "butler",
    ]


def test_a_bad_direction_is_refused(store: OxigraphStore) -> None:
    with pytest.raises(ValueError, match="'out' or 'in'"):
        dependencies(store, "butler", direction="sideways")


def test_members_put_leads_first(store: OxigraphStore) -> None:
    result = members(store, "squaRE")
    assert [(m.name, m.relation) for m in result.members][0] == ("Frossie Economou", "leads")
    assert ("Frossie Economou", "memberOf") in [(m.name, m.relation) for m in result.members]
    assert all(m.evidence for m in result.members)


def test_unknown_names_suggest_the_nearest(store: OxigraphStore) -> None:
    with pytest.raises(EntityNotFound) as err:
        dependencies(store, "pipe_tasks")
    assert "pipe_base" in [s["name"] for s in err.value.suggestions]


def test_injection_text_is_only_ever_a_name(store: OxigraphStore) -> None:
    evil = '"} } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o'
    with pytest.raises(EntityNotFound):
        owners(store, evil)
    assert store.triple_count() > 0


def test_a_restated_dependency_is_counted_and_its_newest_sentences_quoted(
    store: OxigraphStore,
) -> None:
    from ingest.emit import write
    from ingest.model import Entity, Evidence, Extraction, Meeting, Relation
    from ontology.ids import meeting_iri

    ctrl_bps, pipe_base = iri("Component", "ctrl_bps"), iri("Component", "pipe_base")
    days = ["2024-06-03", "2024-07-01", "2024-08-05", "2024-09-02"]
    for day in days:
        sentence = f"ctrl_bps still depends on pipe_base ({day})."
        write(
            store,
            Extraction(
                source=f"minutes/bps-{day}.txt",
                document_id=f"bps-{day}",
                meeting=Meeting(meeting_iri(f"bps-{day}"), "BPS", day, None),
                entities=(
                    Entity(ctrl_bps, "Component", "ctrl_bps"),
                    Entity(pipe_base, "Component", "pipe_base"),
                ),
                relations=(
                    Relation(
                        ctrl_bps,
                        "dependsOn",
                        pipe_base,
                        0.9,
                        (Evidence(sentence, 0, len(sentence)),),
                    ),
                ),
            ),
        )
    (dep,) = dependencies(store, "ctrl_bps").dependencies
    assert (dep.name, dep.evidence_count, dep.last_said) == ("pipe_base", 5, days[-1])
    assert [e.date for e in dep.evidence] == days[::-1][:3]  # the newest three by default
    every = dependencies(store, "ctrl_bps", evidence_limit=0).dependencies[0].evidence
    assert every[-1].quote == "ctrl_bps depends on pipe_base."
    back = dependencies(store, "pipe_base", direction="in", evidence_limit=1).dependencies
    assert {(d.name, len(d.evidence)) for d in back} >= {("ctrl_bps", 1)}
