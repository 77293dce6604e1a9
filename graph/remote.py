"""A ``KnowledgeStore`` on a remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, ...).

``http://host:7878`` (a URL without a path) names an Oxigraph server
(``oxigraph serve``): queries go to ``/query`` (with ``union-default-graph``, so the
default graph is the union of the documents' graphs, as in the embedded store),
updates to ``/update``. Any other URL
is the query endpoint itself (``kg serve``'s ``/sparql``, Fuseki's ``/ds/query``).
Each document's graph is written in one update request (drop and insert, one
transaction on the server), so readers see the old graph or the new one.

Bindings become a ``VALUES`` block of terms serialised in N-Triples form (escaped
by pyoxigraph), placed at the start of the query's outermost ``WHERE`` group, so
user text still never becomes SPARQL syntax.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox

from graph.errors import QueryError, StoreError
from graph.store import EXPORT_FORMATS, Row, Term, _insert_data
from graph.store import bind as _bind
from ontology.ids import is_derived_graph

__all__ = ["SparqlEndpointStore"]


def _term(binding: dict[str, str]) -> Term:
    kind = binding["type"]
    if kind == "uri":
        return ox.NamedNode(binding["value"])
    if kind == "bnode":
        return ox.BlankNode(binding["value"])
    if "xml:lang" in binding:
        return ox.Literal(binding["value"], language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(binding["value"], datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(binding["value"])


class SparqlEndpointStore:
    """Queries and updates over the SPARQL 1.1 Protocol with httpx."""

    def __init__(self, query_url: str, update_url: str | None = None, *, timeout: float = 30.0):
        #: an Oxigraph server's root: the default graph is asked to be the union per query
        self.oxigraph = urlsplit(query_url).path in ("", "/")
        if self.oxigraph:
            query_url = query_url.rstrip("/") + "/query"
        self.query_url = query_url
        self.update_url = update_url or re.sub(r"/query/?$", "/update", query_url)
        self._client = httpx.Client(timeout=timeout)

    def raw_query(
        self,
        query: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> Any:
        """A user's query (the API's ``/sparql``, ``kg query``): solutions or a boolean as
        pyoxigraph parses them, triples as a list."""
        params = [("default-graph-uri", g) for g in default_graphs]
        params += [("named-graph-uri", g) for g in named_graphs]
        response = self._post_query(
            query,
            "application/sparql-results+json, application/n-triples;q=0.9",
            params=params,
        )
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        try:
            if kind == "application/n-triples":
                return list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"the endpoint's answer could not be read ({kind}): {exc}") from exc

    def _post_query(
        self, query: str, accept: str, params: list[tuple[str, str]] | None = None
    ) -> httpx.Response:
        try:
            response = self._client.post(
                self.query_url,
                params=params or ([("union-default-graph", "")] if self.oxigraph else None),
                content=query.encode("utf-8"),
                headers={"Content-Type": "application/sparql-query", "Accept": accept},
            )
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {self.query_url}: {exc}") from exc
        if response.status_code >= 400:
            raise QueryError(
                f"the endpoint refused the query ({response.status_code}): {response.text[:300]}"
            )
        return response

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        data = json.loads(
            self._post_query(_bind(query, bindings), "application/sparql-results+json").content
        )
        return [{k: _term(v) for k, v in b.items()} for b in data["results"]["bindings"]]

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        data = json.loads(
            self._post_query(_bind(query, bindings), "application/sparql-results+json").content
        )
        return bool(data["boolean"])

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        body = self._post_query(_bind(query, bindings), "application/n-triples").content
        return list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))  # type: ignore[arg-type]

    def _update(self, update: str) -> None:
        try:
            response = self._client.post(
                self.update_url,
                content=update.encode("utf-8"),
                headers={"Content-Type": "application/sparql-update"},
            )
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {self.update_url}: {exc}") from exc
        if response.status_code >= 400:
            raise StoreError(
                f"the endpoint refused the update ({response.status_code}): {response.text[:300]}"
            )

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        self._update(_insert_data(graph, quads))

    def remove_graph(self, graph: str) -> bool:
        if graph not in self.graphs():
            return False
        self._update(f"DROP GRAPH {ox.NamedNode(graph)}")
        return True

    def graphs(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(
            r["g"].value
            for r in rows
            if isinstance(r.get("g"), ox.NamedNode) and not is_derived_graph(r["g"].value)
        )

    def export(self, fmt: str) -> bytes:
        try:
            rdf_format, with_graphs = EXPORT_FORMATS[fmt]
        except KeyError:
            raise StoreError(
                f"unknown export format {fmt!r}; accepted: {', '.join(EXPORT_FORMATS)}"
            ) from None
        if not with_graphs:
            triples = self.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
            return ox.serialize(triples, format=rdf_format) or b""
        rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]  # type: ignore[arg-type]
        return ox.serialize(quads, format=rdf_format) or b""

    def triple_count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].value) if rows else 0

    def optimize(self) -> None:
        """Nothing to do: the server compacts its own storage."""

    def close(self) -> None:
        self._client.close()
