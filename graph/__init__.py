"""The RDF store of minutes-kg: loading, SPARQL queries, validation, projections."""
