"""A ``KnowledgeStore`` on a remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, ...).

``http://host:7878`` (a URL without a path) names an Oxigraph server
(``oxigraph serve``): queries go to ``/query``, updates to ``/update``. Any other URL
is the query endpoint itself (``kg serve``'s ``/sparql``, Fuseki's ``/ds/query``).

As in the embedded store, the server's default graph holds the merged graph (each
distinct triple of the documents' named graphs once), kept right by every write: each
graph is written in one update request (take its triples out of the merged graph unless
another graph states them, drop, insert, add to the merged graph: one transaction on
Oxigraph server), so readers see the old graph or the new one. A server filled before
the merged graph existed is read through the union of its named graphs (Oxigraph's
``union-default-graph``) until the first write, which rebuilds the merged graph first in
the same request.

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
from graph.store import (
    EXPORT_FORMATS,
    HAS_DEFAULT,
    HAS_NAMED,
    REBUILD_MERGED,
    Row,
    Term,
    _write_update,
)
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
        #: whether the server's default graph holds the merged graph (None: not asked yet)
        self._merged: bool | None = None

    @property
    def merged(self) -> bool:
        """Whether the default graph holds the merged graph. Asked of the server until it
        does (a format-1 server is merged by the first write, maybe another process's)."""
        if not self._merged:
            self._merged = self._ask_plain(HAS_DEFAULT) or not self._ask_plain(HAS_NAMED)
        return self._merged

    def _ask_plain(self, query: str) -> bool:
        response = self._post_query(query, "application/sparql-results+json", params=[])
        return bool(json.loads(response.content)["boolean"])

    def _default_params(self) -> list[tuple[str, str]]:
        """The protocol parameters of a query over the default graph."""
        if self.oxigraph and not self.merged:
            return [("union-default-graph", "")]
        return []

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
        if not default_graphs:
            params += self._default_params()
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
                params=self._default_params() if params is None else params,
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
        """Replace one named graph and keep the merged graph right, in one request."""
        merged = self.merged
        self._update(_write_update(graph, quads, rebuild=not merged))
        self._merged = True

    def remove_graph(self, graph: str) -> bool:
        if not self.ask("ASK WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(graph)}):
            return False
        merged = self.merged
        self._update(_write_update(graph, None, rebuild=not merged))
        self._merged = True
        return True

    def rebuild_merged(self) -> None:
        """Recompute the merged graph from the named graphs (one request)."""
        self._update(REBUILD_MERGED)
        self._merged = True

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
        """The quads of the named graphs (a triple counts once per graph stating it)."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].value) if rows else 0

    def merged_count(self) -> int:
        """The distinct triples of the named graphs."""
        query = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
        rows = self.select(query)
        return int(rows[0]["n"].value) if rows else 0

    def optimize(self) -> None:
        """Nothing to do: the server compacts its own storage."""

    def close(self) -> None:
        self._client.close()
