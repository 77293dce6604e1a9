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

__all__ = [
    "SUFFIXES",
    "DocumentReport",
    "list_sources",
    "source_names",
    "known_entities",
    "ingest_paths",
]

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
    note: str | None = None  # worth saying about a document that was written
    skipped: str | None = None  # a path passed over on purpose, and why (no failure)

    @property
    def ok(self) -> bool:
        return self.error is None and self.skipped is None


def list_sources(paths: Iterable[str | Path]) -> tuple[list[Path], list[DocumentReport]]:
    """Files to ingest (folders walked for :data:`SUFFIXES`), and reports for the paths that
    are not: missing paths, unreadable folders and symbolic link loops (failures), other
    files and hidden folders (``skipped``): nothing is passed over without a word."""
    files: list[Path] = []
    missing: list[DocumentReport] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, reports = _walk(path)
            missing += reports
            if not found and not any(r.error for r in reports):
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


def _walk(root: Path) -> tuple[list[Path], list[DocumentReport]]:
    """The minutes files under folder ``root`` (symbolic links followed, each real folder
    searched once), and a report for every path not taken."""
    import os

    files: list[Path] = []
    reports: list[DocumentReport] = []
    seen: dict[str, Path] = {}  # real path -> the folder it was searched as
    stack = [root]
    while stack:
        folder = stack.pop()
        real = os.path.realpath(folder)
        if real in seen:
            reports.append(
                DocumentReport(
                    str(folder),
                    None,
                    f"folder not searched: a symbolic link to {seen[real]}, searched already "
                    "(a link loop or a second way to the same folder)",
                )
            )
            continue
        seen[real] = folder
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            reports.append(
                DocumentReport(
                    str(folder),
                    None,
                    f"folder cannot be read ({exc.strerror or exc}); nothing in it was ingested",
                )
            )
            continue
        below = []
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir, is_file = entry.is_dir(), entry.is_file()
            except OSError as exc:
                is_dir = is_file = False
                why = f"cannot be examined ({exc.strerror or exc})"
            else:
                why = "a broken symbolic link" if entry.is_symlink() else "not a regular file"
            if is_dir:
                if entry.name.startswith("."):
                    reports.append(DocumentReport(str(path), None, skipped="hidden folder"))
                else:
                    below.append(path)
            elif is_file and path.suffix.lower() in SUFFIXES:
                files.append(path)
            elif is_file:
                reports.append(
                    DocumentReport(
                        str(path),
                        None,
                        skipped=f"not a minutes file (accepted: {', '.join(SUFFIXES)})",
                    )
                )
            else:
                reports.append(DocumentReport(str(path), None, skipped=why))
        stack.extend(reversed(below))
    return sorted(files), reports


def source_names(paths: Iterable[str | Path]) -> dict[str, str]:
    """Each file's name relative to the path it was given under: a folder's files by their
    path inside it (``2024-05-07/README.md``), a file by its name. The name is the
    document's identity (:func:`ontology.ids.document_id`)."""
    names: dict[str, str] = {}
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            for p in _walk(root)[0]:
                names.setdefault(str(p), p.relative_to(root).as_posix())
        else:
            names.setdefault(str(root), root.name)
    return names


def _held(store: KnowledgeStore, doc_id: str) -> tuple[str, str] | None:
    """``(name, content hash)`` of the source whose document has id ``doc_id`` in ``store``."""
    import pyoxigraph as ox

    from ontology.ids import graph_iri

    rows = store.select(
        "PREFIX mkg: <https://w3id.org/minutes-kg/ontology#> SELECT ?path ?hash WHERE { "
        "GRAPH ?g { ?doc a mkg:SourceDocument ; mkg:path ?path ; mkg:contentHash ?hash } } "
        "LIMIT 1",
        {"g": ox.NamedNode(graph_iri(doc_id))},
    )
    return (rows[0]["path"].value, rows[0]["hash"].value) if rows else None


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
        note="; ".join(extraction.warnings) or None,
    )


_WORKER_RESOURCES: Any = None


def _init_worker(resources: Any) -> None:
    global _WORKER_RESOURCES
    _WORKER_RESOURCES = resources


def _extract_one(job: tuple[str, str | None]) -> tuple[str, Extraction | str]:
    """In a worker: the whole extraction of one file (read, clean, parse, resolve)."""
    from ingest.pipeline import extract_files

    path, name = job
    names = {path: name} if name else None
    for _, result in extract_files([path], _WORKER_RESOURCES, names=names):
        if isinstance(result, Exception):
            return path, str(result) or type(result).__name__
        return path, result
    return path, "nothing was extracted"


def _extract_in_workers(
    paths: list[str], resources: Any, n_process: int, names: dict[str, str] | None = None
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
    jobs = [(p, (names or {}).get(p)) for p in paths]
    with context.Pool(n_process, initializer=_init_worker, initargs=(resources,)) as pool:
        for path, result in pool.imap(_extract_one, jobs, chunksize=1):
            yield path, IngestError(result) if isinstance(result, str) else result


def _extract_budgeted(
    paths: list[str], resources: Any, n_process: int, names: dict[str, str], budget: Any
) -> Iterator[tuple[str, Extraction | Exception]]:
    """Each document extracted in a forked child held to ``budget`` (size, time, memory):
    one over budget fails with a clear message and the next file is extracted."""
    from ingest.budget import run_budgeted
    from ingest.errors import IngestError
    from ingest.extract.nlp import load_language
    from ingest.pipeline import extract_files

    load_language()  # loaded once here, shared by the forked children
    resources.matchers()

    def work(path: str) -> Extraction:
        budget.check_size(path)
        named = {path: names[path]} if path in names else None
        for _, result in extract_files([path], resources, names=named):
            if isinstance(result, Exception):
                raise result
            return result
        raise IngestError("nothing was extracted")

    def work_many(batch: list[str]) -> Iterator[tuple[str, Any]]:
        """Several documents through one ``extract_files``: the parser batches across them."""
        refused: dict[str, Exception] = {}
        for path in batch:
            try:
                budget.check_size(path)
            except Exception as exc:  # noqa: BLE001 - that document's own verdict
                refused[path] = exc
        fine = [p for p in batch if p not in refused]
        named = {p: names[p] for p in fine if p in names} or None
        results = extract_files(fine, resources, names=named)
        for path in batch:
            if path in refused:
                yield "error", refused[path]
                continue
            _, result = next(results)
            yield ("error", result) if isinstance(result, Exception) else ("ok", result)

    yield from run_budgeted(work, paths, budget, n_process, work_many=work_many)


def ingest_paths(
    store: KnowledgeStore,
    paths: Sequence[str | Path],
    *,
    directory: str | None = None,
    glossary: str | None = None,
    catalog: str | None = None,
    n_process: int = 1,
    on_document: Callable[[DocumentReport], None] | None = None,
    budget: Any = None,
) -> list[DocumentReport]:
    """Extract every source under ``paths`` and replace its document graph in ``store``.

    ``budget`` (:class:`ingest.budget.Budget`, from the environment when ``None``): each
    document's size, time and memory limit; with a time or memory limit each document is
    extracted in a child process of its own that is killed at the deadline."""
    from ingest.budget import Budget
    from ingest.pipeline import extract_files, load_resources

    files, reports = list_sources(paths)
    for report in reports:
        if on_document:
            on_document(report)
    resources = load_resources(directory=directory, glossary=glossary, catalog=catalog)
    names = source_names(paths)
    from ontology.ids import document_id

    claimed: dict[str, str] = {}  # document id -> the file of this batch that names it
    batch: list[str] = []
    for f in files:
        doc_id = document_id(names.get(str(f), f.name))
        if doc_id in claimed:
            report = DocumentReport(
                str(f),
                doc_id,
                f"names the same document ({doc_id!r}) as {claimed[doc_id]}; nothing was "
                "written for it (ingest both from one folder, so their paths inside it differ)",
            )
            reports.append(report)
            if on_document:
                on_document(report)
            continue
        claimed[doc_id] = str(f)
        batch.append(str(f))
    budget = budget if budget is not None else Budget.from_env()
    if budget.seconds or budget.memory_mb:
        results = _extract_budgeted(batch, resources, n_process, names, budget)
    elif n_process > 1 and len(batch) > 1:
        results = _extract_in_workers(batch, resources, n_process, names)
    else:
        results = extract_files(batch, resources, names=names)
    seen: dict[str, str] = {}  # content hash -> the source that had it first in this batch
    done = 0
    refused: str | None = None
    for path, result in results:
        done += 1
        if isinstance(result, Exception):
            report = DocumentReport(str(path), None, str(result) or type(result).__name__)
        else:
            report = _write_checked(store, str(path), result, seen)
            refused = _store_refuses(report.error)
        reports.append(report)
        if on_document:
            on_document(report)
        if refused:
            break  # the disk is full, read-only or not ours: the next writes would fail too
        if done % FLUSH_EVERY == 0 and hasattr(store, "flush"):
            store.flush()
    if refused:
        if hasattr(results, "close"):
            results.close()  # stops the extraction of documents that could not be written
        for path in batch[done:]:
            report = DocumentReport(
                path,
                None,
                f"not ingested: the store refused an earlier write ({refused}); nothing was "
                "extracted or written for it (free the space or fix the store's permissions, "
                "then ingest again)",
            )
            reports.append(report)
            if on_document:
                on_document(report)
    if hasattr(store, "flush"):
        store.flush()
    if any(r.ok for r in reports):
        from graph.identity import resolve
        from graph.timeline import derive

        # who is who across documents (every document and the curation), then claim
        # periods, action threads and supersessions read through those identities, which
        # are computed once, not again by the time pass
        resolution = resolve(store)
        derive(store, canonical=resolution.canonical())
    return reports


#: documents written between two flushes of the store's write buffers to disk: unflushed,
#: RocksDB's memtables grew this process by ~1 MB a document up to ~650 MB, and every
#: worker forked from it afterwards counted that memory again
FLUSH_EVERY = 32

#: what an OS error says when no write to the store can succeed until someone acts
_REFUSALS = (
    ("No space left", "disk full"),
    ("Disk quota exceeded", "disk quota exceeded"),
    ("Read-only file system", "read-only file system"),
    ("Permission denied", "permission denied"),
    ("os error 28", "disk full"),
    ("os error 30", "read-only file system"),
    ("os error 13", "permission denied"),
)


def _store_refuses(error: str | None) -> str | None:
    """Why the store refuses every write, if a store error says so (``None`` otherwise)."""
    if not error or not error.startswith("store error"):
        return None
    return next((why for key, why in _REFUSALS if key.lower() in error.lower()), None)


def _write_checked(
    store: KnowledgeStore, path: str, result: Extraction, seen: dict[str, str]
) -> DocumentReport:
    """Write ``result`` unless another source already holds its document id."""
    from dataclasses import replace

    from ingest.emit import write

    try:
        held = _held(store, result.document_id)
        if held is not None and held[0] != result.source:
            return DocumentReport(
                path,
                result.document_id,
                f"the store's document {result.document_id!r} comes from {held[0]}; {path} "
                "would overwrite it, so nothing was written (forget it first, or ingest "
                "from a folder where the two paths differ)",
            )
        report = _report(path, result, write(store, result))
        if held is not None and held[1] != result.content_hash:
            report = replace(
                report, note=_and(report.note, "replaces the earlier version of this document")
            )
    except Exception as exc:  # the store refused the write: nothing was written
        return DocumentReport(path, result.document_id, f"store error: {exc}")
    twin = seen.setdefault(result.content_hash, result.source)
    if twin != result.source:
        report = replace(report, note=_and(report.note, f"same content as {twin}"))  # both kept
    return report


def _and(note: str | None, more: str) -> str:
    return f"{note}; {more}" if note else more
