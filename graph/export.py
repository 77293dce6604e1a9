"""The store in the files other tools load: RDF with the ontology's prefixes, JSON-LD with
a ``@context``, GraphML (networkx, Gephi, yEd), GEXF (Gephi's own format) and CSV
nodes/edges (Gephi, Neo4j ``LOAD CSV``, a spreadsheet).

RDF formats start from the store's own dump (:meth:`KnowledgeStore.export`), so they
work the same on an embedded store and a remote endpoint. GraphML and CSV are the
entity graph of :func:`graph.project.whole_graph` (entities as nodes, the ontology's
relations as edges), uncapped, with every attribute a plain string or number: GraphML
has no list type, so the quotes of a node or an edge are joined with `` | ``. GEXF is the
same graph, each node and edge labelled (the entity's name, the relation).

>>> from graph.store import open_store
>>> export(open_store("memory"), "graphml").startswith(b"<?xml")
True
"""

from __future__ import annotations

import csv
import io
from typing import Any

import networkx as nx
import pyoxigraph as ox

from ontology.ids import BASE
from ontology.namespace import PREFIXES as ONTOLOGY_PREFIXES

__all__ = [
    "FORMATS",
    "PREFIXES",
    "export",
    "entity_graph",
    "flatten",
    "to_graphml",
    "to_gexf",
    "to_csv",
]

#: prefixes written in Turtle, TriG and the JSON-LD ``@context``: the ontology's, and one
#: per kind of identifier this project mints (``person:frossie-economou``)
PREFIXES: dict[str, str] = {
    **ONTOLOGY_PREFIXES,
    "owl": "http://www.w3.org/2002/07/owl#",
    "time": "http://www.w3.org/2006/time#",
    "graph": BASE + "graph/",
    **{
        kind: f"{BASE}id/{kind}/"
        for kind in (
            "person",
            "team",
            "organization",
            "component",
            "ticket",
            "document",
            "meeting",
            "action",
            "decision",
            "statement",
            "evidence",
        )
    },
}

#: the formats :func:`export` writes (``csv`` is two files: :func:`to_csv`)
FORMATS = ("trig", "ttl", "nq", "nt", "jsonld", "graphml", "gexf")

_QUOTE_SEPARATOR = " | "


def export(store: Any, fmt: str) -> bytes:
    """``store`` serialised as ``fmt`` (a key of :data:`FORMATS` but ``csv``)."""
    if fmt in ("ttl", "trig"):
        raw = store.export("nt" if fmt == "ttl" else "nq")
        source = ox.RdfFormat.N_TRIPLES if fmt == "ttl" else ox.RdfFormat.N_QUADS
        target = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.TRIG
        return ox.serialize(ox.parse(raw, format=source), format=target, prefixes=PREFIXES) or b""
    if fmt == "jsonld":
        return _jsonld(store.export("nq"))
    if fmt == "graphml":
        return to_graphml(entity_graph(store))
    if fmt == "gexf":
        return to_gexf(entity_graph(store))
    return bytes(store.export(fmt))


def _jsonld(nquads: bytes) -> bytes:
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    for prefix, iri in PREFIXES.items():
        dataset.bind(prefix, iri, replace=True)
    text = dataset.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
    return text.encode("utf-8") if isinstance(text, str) else bytes(text)


def entity_graph(store: Any) -> nx.MultiDiGraph:
    """Every entity that takes part in a relation, and the relations, with flat attributes."""
    from graph.project import whole_graph

    return flatten(whole_graph(store, max_nodes=10**9))


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A projection of :mod:`graph.project` with every attribute a string (quotes joined)."""
    flat = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        flat.add_node(
            node,
            label=str(data.get("name", node)),
            type=str(data.get("type", "Thing")),
            quotes=_QUOTE_SEPARATOR.join(data.get("quotes", [])),
        )
    for s, o, key, data in G.edges(keys=True, data=True):
        flat.add_edge(
            s,
            o,
            key=key,
            relation=str(data.get("relation", key)),
            quotes=_QUOTE_SEPARATOR.join(data.get("quotes", [])),
        )
    return flat


def to_graphml(G: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(G, buf, encoding="utf-8")
    return buf.getvalue()


def to_gexf(G: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 of a :func:`flatten` ed graph: nodes labelled by name, edges by relation,
    ``type``, ``relation`` and ``quotes`` as attributes (Gephi's Data Laboratory columns)."""
    labelled = nx.MultiDiGraph()
    labelled.add_nodes_from(G.nodes(data=True))
    for s, o, data in G.edges(data=True):
        labelled.add_edge(s, o, **data, label=data["relation"])
    buf = io.BytesIO()
    nx.write_gexf(labelled, buf, encoding="utf-8")
    return buf.getvalue()


def to_csv(G: nx.MultiDiGraph) -> tuple[bytes, bytes]:
    """``(nodes.csv, edges.csv)``: nodes ``Id,Label,Type,Quotes``, edges
    ``Source,Target,Type,Quotes`` (Gephi's spreadsheet import names; Neo4j's ``LOAD CSV
    WITH HEADERS`` reads any header)."""
    nodes, edges = io.StringIO(), io.StringIO()
    write = csv.writer(nodes, lineterminator="\r\n")
    write.writerow(["Id", "Label", "Type", "Quotes"])
    for node, data in G.nodes(data=True):
        write.writerow([node, data["label"], data["type"], data["quotes"]])
    write = csv.writer(edges, lineterminator="\r\n")
    write.writerow(["Source", "Target", "Type", "Quotes"])
    for s, o, data in G.edges(data=True):
        write.writerow([s, o, data["relation"], data["quotes"]])
    return nodes.getvalue().encode("utf-8"), edges.getvalue().encode("utf-8")
