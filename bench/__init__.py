"""Benchmarks of minutes-kg: ingest throughput, query latency, graph pages, cold CLI start.

``python -m bench.run`` measures every case in its own process and writes
``BENCHMARKS.md``; ``python -m bench.run --smoke`` runs tiny sizes once into a
temporary folder, so the harness itself is exercised by the test suite.

Modules: :mod:`bench.corpus` generates minutes documents, :mod:`bench.triples`
generates a store of a given size directly in the project's ontology, and one
module per case measures (``ingest_case``, ``query_case``, ``graph_case``,
``cold_case``); :mod:`bench.report` turns their JSON into the Markdown report.
"""

__all__: list[str] = []
