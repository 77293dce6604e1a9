"""Ingesting many files: list the sources, extract each, write each document's graph atomically.

A document that fails (unreadable, binary, empty ...) is reported and skipped; the
others of the batch are still ingested, and nothing of the failed one reaches the
store (each document is one transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.names import load_entities
from graph.store import KnowledgeStore
from ingest.model import Entity, Extraction

__all__ = ["SUFFIXES", "DocumentReport", "list_sources", "known_entities", "ingest_paths"]

#: file suffixes picked up when a folder is ingested
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass(frozen=True)
class DocumentReport:
    """What happened to one document of a batch."""

    path: str
    document_id: str | None
    error: str | None = None
    entities: int = 0
    relations: int = 0
    action_items: int = 0
    decisions: int = 0
    quads: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def list_sources(paths: Iterable[str | Path]) -> tuple[list[Path], list[DocumentReport]]:
    """Files to ingest (folders walked for :data:`SUFFIXES`), and reports for missing paths."""
    files: list[Path] = []
    missing: list[DocumentReport] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
            if not found:
                missing.append(
                    DocumentReport(
                        str(path),
                        None,
                        f"no minutes files in this folder (accepted: {', '.join(SUFFIXES)})",
                    )
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            missing.append(
                DocumentReport(
                    str(path),
                    None,
                    "no such file or folder (give minutes files or folders holding "
                    f"{', '.join(SUFFIXES)} files)",
                )
            )
    return list(dict.fromkeys(files)), missing


def known_entities(store: KnowledgeStore) -> list[Entity]:
    """Entities already in the store, so names in a new document resolve across documents."""
    return [
        Entity(e.id, e.type, e.name, e.aliases) for e in load_entities(store) if e.type != "Meeting"
    ]


def _report(path: str, extraction: Extraction, quads: int) -> DocumentReport:
    return DocumentReport(
        path=path,
        document_id=extraction.document_id,
        entities=len(extraction.entities),
        relations=len(extraction.relations),
        action_items=len(extraction.action_items),
        decisions=len(extraction.decisions),
        quads=quads,
    )


_WORKER_RESOURCES: Any = None


def _init_worker(resources: Any) -> None:
    global _WORKER_RESOURCES
    _WORKER_RESOURCES = resources


def _extract_one(path: str) -> tuple[str, Extraction | str]:
    """In a worker: the whole extraction of one file (read, clean, parse, resolve)."""
    from ingest.pipeline import extract_files

    for _, result in extract_files([path], _WORKER_RESOURCES):
        if isinstance(result, Exception):
            return path, str(result) or type(result).__name__
        return path, result
    return path, "nothing was extracted"


def _extract_in_workers(
    paths: list[str], resources: Any, n_process: int
) -> Iterator[tuple[str, Extraction | Exception]]:
    """Whole documents extracted in ``n_process`` worker processes, yielded in order.

    Every step of the chain runs in the workers (spaCy's own ``n_process`` would move
    only the parse there, leaving most of the work in this process); this process only
    writes to the store. Workers are forked, so they share the loaded vocabulary.
    """
    import multiprocessing

    from ingest.errors import IngestError
    from ingest.extract.nlp import load_language

    load_language()  # loaded once here, shared by the forked workers
    context = multiprocessing.get_context("fork")
    with context.Pool(n_process, initializer=_init_worker, initargs=(resources,)) as pool:
        for path, result in pool.imap(_extract_one, paths, chunksize=1):
            yield path, IngestError(result) if isinstance(result, str) else result


def ingest_paths(
    store: KnowledgeStore,
    paths: Sequence[str | Path],
    *,
    directory: str | None = None,
    glossary: str | None = None,
    catalog: str | None = None,
    n_process: int = 1,
    on_document: Callable[[DocumentReport], None] | None = None,
) -> list[DocumentReport]:
    """Extract every source under ``paths`` and replace its document graph in ``store``."""
    from ingest.emit import write
    from ingest.pipeline import extract_files, load_resources

    files, reports = list_sources(paths)
    for report in reports:
        if on_document:
            on_document(report)
    resources = load_resources(
        directory=directory, glossary=glossary, catalog=catalog, known=known_entities(store)
    )
    if n_process > 1 and len(files) > 1:
        results = _extract_in_workers([str(f) for f in files], resources, n_process)
    else:
        results = extract_files([str(f) for f in files], resources)
    for path, result in results:
        if isinstance(result, Exception):
            report = DocumentReport(str(path), None, str(result) or type(result).__name__)
        else:
            try:
                report = _report(str(path), result, write(store, result))
            except Exception as exc:  # the store refused the write: nothing was written
                report = DocumentReport(str(path), result.document_id, f"store error: {exc}")
        reports.append(report)
        if on_document:
            on_document(report)
    return reports
