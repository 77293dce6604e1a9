"""The graph as networkx sees it: entities as nodes, relations as edges, with their quotes.

:func:`neighbourhood` walks out from one entity hop by hop (one SPARQL query per hop,
both directions, the frontier as ``VALUES``); :func:`whole_graph` takes every relation
and keeps the best-connected entities up to a cap. Both return a ``MultiDiGraph``
whose nodes carry ``name``, ``type`` and ``quotes`` and whose edges carry
``relation`` and ``quotes``; ``G.graph`` says whether the view was capped.
:func:`layout` places the nodes (networkx spring layout per connected component,
a radial layout for very large components) so the browser need not simulate physics.

>>> from graph.store import open_store
>>> G = whole_graph(open_store("memory"), max_nodes=10)
>>> (G.number_of_nodes(), G.graph["truncated"])
(0, False)
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx

from graph.evidence import evidence_by_node, values_block
from graph.names import NameIndex
from graph.store import KnowledgeStore
from graph.timeline import TimeIndex, edges_on
from ontology import PREDICATE_IRIS, SPARQL_PREFIXES

__all__ = [
    "neighbourhood",
    "whole_graph",
    "layout",
    "node_link",
    "node_size",
    "RELATIONS",
    "INSIDE_TYPES",
]

#: predicate IRI -> relation name, the edges drawn
RELATIONS: dict[str, str] = {iri: name for name, iri in PREDICATE_IRIS.items()}
_PREDICATES = "VALUES ?p { " + " ".join(f"<{iri}>" for iri in RELATIONS) + " }"
_MAX_QUOTES = 3
_SPRING_MAX = 400

_HOP = (
    SPARQL_PREFIXES
    + """
SELECT DISTINCT ?s ?p ?o WHERE {
  { {values_s} {predicates} ?s ?p ?o . }
  UNION
  { {values_o} {predicates} ?s ?p ?o . }
}"""
)

_ALL_EDGES = SPARQL_PREFIXES + "SELECT DISTINCT ?s ?p ?o WHERE { {predicates} ?s ?p ?o . }"

_NODES = (
    SPARQL_PREFIXES
    + """
SELECT DISTINCT ?e ?name ?class WHERE {
  {values}
  GRAPH ?g {
    ?e a ?class .
    FILTER(STRSTARTS(STR(?class), "https://w3id.org/minutes-kg/ontology#"))
    OPTIONAL { ?e skos:prefLabel|dcterms:title ?name }
  }
}"""
)

#: the statements of the drawn nodes, newest first, for a few quotes per edge (a type and
#: its label are joined inside one document's graph: across the union default graph, every
#: document naming an entity would multiply the other's rows)
_QUOTES = (
    SPARQL_PREFIXES
    + """
SELECT ?s ?p ?o ?ev WHERE {
  {values}
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; mkg:evidence ?ev .
}"""
)


def _edges_query(template: str, **parts: str) -> str:
    query = template.replace("{predicates}", _PREDICATES)
    for key, value in parts.items():
        query = query.replace("{" + key + "}", value)
    return query


def _build(
    store: KnowledgeStore,
    nodes: list[str],
    edges: Iterable[tuple[str, str, str]],
    index: NameIndex | None = None,
) -> nx.MultiDiGraph:
    """A graph of ``nodes`` (in order) and the ``edges`` between them, named and quoted.

    Names and types come from ``index`` when given, else (and for nodes it lacks) from the
    store.
    """
    G = nx.MultiDiGraph()
    keep = set(nodes)
    if not nodes:
        return G
    info: dict[str, tuple[str, str]] = {}
    if index is not None:
        for iri in nodes:
            ref = index.by_id.get(iri)
            if ref is not None:
                info[iri] = (ref.name, ref.type)
    unknown = [iri for iri in nodes if iri not in info]
    rows = store.select(_NODES.replace("{values}", values_block("e", unknown))) if unknown else []
    for row in rows:
        iri = row["e"].value
        name = row["name"].value if "name" in row else iri.rsplit("/", 1)[-1]
        if iri not in info or "name" in row and info[iri][0] == iri.rsplit("/", 1)[-1]:
            info[iri] = (name, row["class"].value.rsplit("#", 1)[-1])
    for iri in nodes:
        name, kind = info.get(iri, (iri.rsplit("/", 1)[-1], "Thing"))
        G.add_node(iri, name=name, type=kind, quotes=[], evidence=[], dates=[])
    # the evidence of every statement between drawn nodes, then the quotes of a few per edge
    chosen: dict[tuple[str, str, str], list[str]] = {}
    for row in store.select(_QUOTES.replace("{values}", values_block("s", nodes))):
        if row["o"].value not in keep:
            continue
        key = (row["s"].value, row["p"].value, row["o"].value)
        found = chosen.setdefault(key, [])
        if len(found) < _MAX_QUOTES:
            found.append(row["ev"].value)
    said = evidence_by_node(store, [ev for evs in chosen.values() for ev in evs])
    quotes: dict[tuple[str, str, str], list[str]] = {}
    evidence: dict[tuple[str, str, str], list[dict[str, object]]] = {}
    for key, evs in chosen.items():
        quotes[key] = list(dict.fromkeys(said[ev].quote for ev in evs if ev in said))
        evidence[key] = [said[ev].to_dict() for ev in evs if ev in said]
    for s, p, o in dict.fromkeys(edges):
        if s in keep and o in keep:
            quoted = quotes.get((s, p, o), [])
            cited = evidence.get((s, p, o), [])
            G.add_edge(s, o, key=RELATIONS[p], relation=RELATIONS[p], quotes=quoted, evidence=cited)
            for end in (s, o):
                node = G.nodes[end]
                for q in quoted:
                    if len(node["quotes"]) < _MAX_QUOTES and q not in node["quotes"]:
                        node["quotes"].append(q)
                for ev in cited:
                    if len(node["evidence"]) < _MAX_QUOTES and ev not in node["evidence"]:
                        node["evidence"].append(ev)
                    if ev.get("date") and ev["date"] not in node["dates"]:
                        node["dates"].append(ev["date"])
                        node["dates"].sort()
    return G


def neighbourhood(
    store: KnowledgeStore,
    focus: str,
    depth: int = 1,
    max_nodes: int = 2000,
    index: NameIndex | None = None,
    as_of: str | None = None,
    timeline: TimeIndex | None = None,
) -> nx.MultiDiGraph:
    """Entities within ``depth`` relation hops of ``focus`` (either direction), capped.

    ``index`` (a :class:`~graph.names.NameIndex`) names the nodes without a store query.
    ``as_of`` (an ISO date): only the relations that held that day
    (:func:`graph.timeline.edges_on`, with the claim periods of ``timeline``).
    """
    order = [focus]
    seen = {focus}
    edges: list[tuple[str, str, str]] = []
    frontier = [focus]
    truncated = False
    for _ in range(max(depth, 0)):
        if not frontier:
            break
        query = _edges_query(
            _HOP, values_s=values_block("s", frontier), values_o=values_block("o", frontier)
        )
        reached: list[str] = []
        hop = [(row["s"].value, row["p"].value, row["o"].value) for row in store.select(query)]
        if as_of is not None:
            hop = edges_on(store, hop, as_of, timeline)
        for s, p, o in hop:
            edges.append((s, p, o))
            for end in (s, o):
                if end not in seen:
                    if len(order) >= max_nodes:
                        truncated = True
                        continue
                    seen.add(end)
                    order.append(end)
                    reached.append(end)
        frontier = reached
    G = _build(store, order, edges, index)
    G.graph.update(focus=focus, depth=depth, truncated=truncated, max_nodes=max_nodes, as_of=as_of)
    return G


def whole_graph(
    store: KnowledgeStore,
    max_nodes: int = 2000,
    index: NameIndex | None = None,
    as_of: str | None = None,
    timeline: TimeIndex | None = None,
) -> nx.MultiDiGraph:
    """Every entity linked by a relation; past ``max_nodes``, the best-connected ones.
    ``as_of``: only the relations that held that day, as :func:`neighbourhood`."""
    edges = [
        (row["s"].value, row["p"].value, row["o"].value)
        for row in store.select(_edges_query(_ALL_EDGES))
    ]
    if as_of is not None:
        edges = edges_on(store, edges, as_of, timeline)
    degree: dict[str, int] = {}
    for s, _, o in edges:
        degree[s] = degree.get(s, 0) + 1
        degree[o] = degree.get(o, 0) + 1
    ranked = sorted(degree, key=lambda n: (-degree[n], n))
    G = _build(store, ranked[:max_nodes], edges, index)
    G.graph.update(
        focus=None,
        truncated=len(ranked) > max_nodes,
        total_nodes=len(ranked),
        max_nodes=max_nodes,
        as_of=as_of,
    )
    return G


def _radial(H: nx.Graph, spacing: float) -> dict[str, tuple[float, float]]:
    """Rings of BFS distance from the best-connected node, children near their parent, in
    pixels: rings ``spacing`` apart at least, and each wide enough that its nodes are
    ``spacing / 2`` apart along it."""
    root = max(H.nodes, key=lambda n: (H.degree(n), str(n)))
    angle: dict[str, float] = {root: 0.0}
    pos: dict[str, tuple[float, float]] = {root: (0.0, 0.0)}
    layers = list(nx.bfs_layers(H, [root]))
    parent = dict(nx.bfs_predecessors(H, root))
    radius = 0.0
    for layer in layers[1:]:
        radius = max(radius + spacing, len(layer) * spacing / 2 / (2 * math.pi))
        layer = sorted(layer, key=lambda n: (angle[parent[n]], str(n)))
        for i, n in enumerate(layer):
            angle[n] = 2 * math.pi * i / len(layer)
            pos[n] = (radius * math.cos(angle[n]), radius * math.sin(angle[n]))
    return pos


#: node types whose shape holds their label (a box, an ellipse): as wide as their text
INSIDE_TYPES = frozenset({"ActionItem", "Decision"})
_SEPARATE_MAX = 1200  # nodes (pairwise, in numpy: ~1 s at 1,000 nodes; bigger views are ringed)


def node_size(degree: int, focus: bool = False) -> float:
    """A node's radius in canvas pixels: grows with its relations, so hubs stand out."""
    return 22.0 if focus else round(9.0 + min(13.0, 2.2 * math.sqrt(degree)), 1)


def _extent(G: nx.MultiDiGraph, n: str) -> tuple[float, float]:
    """The width and height a node is drawn at (its label too, when inside its shape)."""
    data = G.nodes[n]
    if data.get("type") in INSIDE_TYPES:
        return 7.4 * len(str(data.get("name", n))) + 18.0, 28.0
    side = 2 * node_size(G.degree(n), n == G.graph.get("focus")) + 8.0
    return side, side


def _separate(
    G: nx.MultiDiGraph, pos: dict[str, tuple[float, float]], passes: int = 40, pad: float = 6.0
) -> dict[str, tuple[float, float]]:
    """Push apart nodes whose drawn shapes overlap (each pair along the axis it overlaps
    least on), so no node hides another: a wide action item box over a component."""
    import numpy as np

    ids = list(pos)
    if len(ids) < 2 or len(ids) > _SEPARATE_MAX:
        return pos
    P = np.array([pos[n] for n in ids], dtype=float)
    size = np.array([_extent(G, n) for n in ids], dtype=float)
    W, H = size[:, 0], size[:, 1]
    order = np.arange(len(ids))
    tie = np.where(order[:, None] < order[None, :], -1.0, 1.0)  # coincident nodes part too
    for _ in range(passes):
        dx = P[:, 0][:, None] - P[:, 0][None, :]
        dy = P[:, 1][:, None] - P[:, 1][None, :]
        ox = (W[:, None] + W[None, :]) / 2 + pad - np.abs(dx)
        oy = (H[:, None] + H[None, :]) / 2 + pad - np.abs(dy)
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        sx = np.where(dx != 0, np.sign(dx), tie)
        sy = np.where(dy != 0, np.sign(dy), tie)
        along_x = hit & (ox < oy)
        along_y = hit & ~along_x
        P[:, 0] += np.where(along_x, ox * sx, 0.0).sum(axis=1) / 2
        P[:, 1] += np.where(along_y, oy * sy, 0.0).sum(axis=1) / 2
    return {n: (float(x), float(y)) for n, (x, y) in zip(ids, P, strict=True)}


def layout(G: nx.MultiDiGraph, spacing: float = 90.0) -> dict[str, tuple[float, float]]:
    """Pixel positions for every node: each component laid out alone, then packed in rows,
    then any two nodes whose shapes would overlap pushed apart (:func:`_separate`)."""
    H = nx.Graph(G.to_undirected(as_view=True))
    comps = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(map(str, c))))
    out: dict[str, tuple[float, float]] = {}
    x_cursor, y_cursor, row_height = 0.0, 0.0, 0.0
    width_limit = spacing * 4 * math.sqrt(max(len(H), 1))
    for comp in comps:
        sub = H.subgraph(comp)
        if len(sub) == 1:
            local = {next(iter(comp)): (0.0, 0.0)}
        elif len(sub) <= _SPRING_MAX:
            local = {
                n: (float(x), float(y))
                for n, (x, y) in nx.spring_layout(sub, seed=7, iterations=60).items()
            }
        else:
            local = _radial(sub, spacing)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        scale = 2.0 * spacing * math.sqrt(len(sub)) / span if len(sub) > 1 else 0.0
        if len(sub) > _SPRING_MAX:
            scale = 1.0  # the rings are in pixels already
        width = (max(xs) - min(xs)) * scale + spacing
        height = (max(ys) - min(ys)) * scale + spacing
        if x_cursor > 0 and x_cursor + width > width_limit:
            x_cursor, y_cursor, row_height = 0.0, y_cursor + row_height, 0.0
        for n, (x, y) in local.items():
            out[n] = (x_cursor + (x - min(xs)) * scale, y_cursor + (y - min(ys)) * scale)
        x_cursor += width
        row_height = max(row_height, height)
    out = _separate(G, out)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in out.items()}


def node_link(
    G: nx.MultiDiGraph, positions: dict[str, tuple[float, float]] | None = None
) -> dict[str, object]:
    """Node-link data of ``G`` (JSON-ready), with positions when given."""
    nodes = []
    for n, data in G.nodes(data=True):
        item: dict[str, object] = {"id": n, **data}
        if positions and n in positions:
            item["x"], item["y"] = positions[n]
        nodes.append(item)
    links = [
        {
            "source": s,
            "target": o,
            "relation": d["relation"],
            "quotes": d["quotes"],
            "evidence": d.get("evidence", []),
        }
        for s, o, d in G.edges(data=True)
    ]
    return {"directed": True, "graph": dict(G.graph), "nodes": nodes, "links": links}
