"""Settings of the HTTP API, read once at the entry point (``kg serve``, ``create_app``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

__all__ = ["Settings"]


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    return float(raw) if raw else default


@dataclass(frozen=True)
class Settings:
    """Operator settings; every one has an environment variable (``KG_...``)."""

    #: bearer token for writes (POST/DELETE /documents); writes are off when unset
    write_token: str | None = None
    #: origins allowed by CORS; closed when empty
    cors_origins: tuple[str, ...] = field(default=())
    #: seconds a SPARQL query may run
    query_timeout: float = 10.0
    #: rows (or triples) a SPARQL query may return
    max_results: int = 10_000
    #: bytes an uploaded minutes file may have
    max_upload_bytes: int = 5_000_000
    #: nodes drawn at most by /graph
    max_graph_nodes: int = 2_000
    #: allow SERVICE (federated queries) in /sparql
    allow_service: bool = False
    #: SPARQL queries evaluated at once (one worker process each)
    query_slots: int = 2
    #: megabytes of address space a SPARQL query's worker process may use
    query_memory_mb: int = 2048
    #: seconds the extraction of one uploaded document may run (POST /documents)
    ingest_timeout: float = 300.0
    #: reference files given to server-side extraction: people directory, glossary, catalog
    directory: str | None = None
    glossary: str | None = None
    catalog: str | None = None

    @classmethod
    def from_env(cls) -> Settings:
        origins = os.environ.get("KG_CORS_ORIGINS", "")
        return cls(
            write_token=os.environ.get("KG_WRITE_TOKEN") or None,
            cors_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
            query_timeout=_float("KG_QUERY_TIMEOUT", cls.query_timeout),
            max_results=_int("KG_MAX_RESULTS", cls.max_results),
            max_upload_bytes=_int("KG_MAX_UPLOAD_BYTES", cls.max_upload_bytes),
            max_graph_nodes=_int("KG_MAX_GRAPH_NODES", cls.max_graph_nodes),
            allow_service=os.environ.get("KG_ALLOW_SERVICE", "") == "1",
            query_slots=_int("KG_QUERY_SLOTS", cls.query_slots),
            query_memory_mb=_int("KG_QUERY_MEMORY_MB", cls.query_memory_mb),
            ingest_timeout=_float("KG_INGEST_TIMEOUT", cls.ingest_timeout),
            directory=os.environ.get("KG_DIRECTORY") or None,
            glossary=os.environ.get("KG_GLOSSARY") or None,
            catalog=os.environ.get("KG_CATALOG") or None,
        )
