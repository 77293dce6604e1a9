"""The networkx projection: neighbourhoods, the capped whole graph, and the layout."""

from __future__ import annotations

from graph.project import layout, neighbourhood, node_link, whole_graph
from graph.store import OxigraphStore
from tests.graph.conftest import XSS_NAME, iri


def test_neighbourhood_follows_relations_both_ways(store: OxigraphStore) -> None:
    G = neighbourhood(store, iri("Component", "butler"), depth=1)
    names = {d["name"] for _, d in G.nodes(data=True)}
    assert names == {"butler", "Middleware", "pipe_base", "obs_base"}
    (edge,) = G.get_edge_data(iri("Team", "Middleware"), iri("Component", "butler")).values()
    assert edge["relation"] == "responsibleFor"
    assert edge["quotes"] == ["The Middleware team is responsible for butler."]
    assert G.nodes[iri("Component", "butler")]["type"] == "Component"


def test_deeper_neighbourhoods_reach_further(store: OxigraphStore) -> None:
    G = neighbourhood(store, iri("Component", "butler"), depth=2)
    assert iri("Person", "Tim Jenness") in G  # leads Middleware
    assert iri("Component", "ctrl_bps") in G  # depends on pipe_base


def test_a_capped_neighbourhood_says_so(store: OxigraphStore) -> None:
    G = neighbourhood(store, iri("Component", "butler"), depth=3, max_nodes=3)
    assert G.number_of_nodes() == 3
    assert G.graph["truncated"] is True


def test_whole_graph_keeps_the_best_connected(store: OxigraphStore) -> None:
    full = whole_graph(store)
    assert full.graph["truncated"] is False
    assert XSS_NAME in {d["name"] for _, d in full.nodes(data=True)}
    capped = whole_graph(store, max_nodes=2)
    assert capped.graph["truncated"] is True
    assert capped.graph["total_nodes"] == full.number_of_nodes()
    top = max(d for _, d in full.degree())
    assert all(full.degree(n) == top for n in capped)


def test_layout_places_every_node_apart(store: OxigraphStore) -> None:
    G = whole_graph(store)
    pos = layout(G)
    assert set(pos) == set(G)
    assert len(set(pos.values())) == len(pos)
    data = node_link(G, pos)
    assert {"x", "y", "name", "type"} <= set(data["nodes"][0])
    assert {link["relation"] for link in data["links"]} >= {"dependsOn", "memberOf", "leads"}
