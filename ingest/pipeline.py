"""The extraction pipeline: a minutes file in, an :class:`~ingest.model.Extraction` out.

>>> from ingest.pipeline import extract_file            # doctest: +SKIP
>>> extract_file("data/minutes/000_a5daecc12659371c.txt").to_dict()["meeting"]  # doctest: +SKIP

Steps (see ``ARCHITECTURE.md``): read, then one spaCy ``Doc`` per document, annotated by
the registered ``minutes`` pipeline (:mod:`ingest.components`). Before the statistical
model: the layout, vocabulary terms and cue phrases, the people the layout names, and the
sentence windows the model reads (every sentence, list item and table cell, known names
masked as placeholder words of the same length). Then ``minutes_parse``: the parser and
NER over those windows. After it, one component per capability: mentions, relations,
decisions, action items (assignees resolved, never guessed), responsibility, entities.
Many documents are one ``minutes.pipe`` over their Docs, the model's work batched across
them. This module only reads the files, hands their Docs to the pipeline and assembles the
``kg extract`` contract from what the last component wrote.

Importing this module does not import spaCy; the first extraction does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ingest.model import (
    Extraction,
    Meeting,
    SourceText,
    Structure,
)
from ingest.resolve.resources import Resources, load_resources
from ontology.ids import meeting_iri

__all__ = [
    "Resources",
    "load_resources",
    "extract_file",
    "extract_source",
    "extract_files",
]


def _content_hash(source: SourceText) -> str:
    path = Path(source.path)
    data = path.read_bytes() if path.is_file() else source.text.encode(source.encoding)
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Prepared:
    """One document after the components before the parse (:func:`_prepare`), waiting for
    its sentence windows to be parsed: the stages one at a time, for the stage timings of
    ``scripts/extract_cost.py`` and the training harness (``ingest/learn``); extraction
    itself runs the whole pipeline (:func:`extract_files`)."""

    source: SourceText
    doc: Any  # spaCy Doc

    @property
    def structure(self) -> Structure:
        return self.doc._.structure  # type: ignore[no-any-return]

    @property
    def sentences(self) -> list[tuple[int, int, int]]:
        """Every sentence, list item and table cell: clean start, end, block index (-1: none)."""
        return self.doc._.sentences  # type: ignore[no-any-return]

    @property
    def to_parse(self) -> list[tuple[int, int]]:
        """The clean spans the statistical model reads, in order."""
        return self.doc._.to_parse  # type: ignore[no-any-return]

    @property
    def parse_text(self) -> str:
        """The clean text with known names masked, for the parser (offsets kept)."""
        return self.doc._.parse_text  # type: ignore[no-any-return]


def _prepare(source: SourceText, resources: Resources) -> Prepared:
    """The fast pass: one ``Doc`` of the document annotated by the ``minutes`` pipeline
    (:mod:`ingest.components`), its sentence windows waiting for the statistical model."""
    from ingest.components import annotate

    return Prepared(source, annotate(source, resources))


def _finish(prepared: Prepared, parsed_docs: Sequence[Any], resources: Resources) -> Extraction:
    """The ``kg extract`` contract of a prepared document given the parses of its sentence
    windows (the stages one at a time, for ``scripts/extract_cost.py`` and the training
    harness; extraction itself runs the whole pipeline, :func:`extract_files`)."""
    from ingest.components import complete

    return _extraction(complete(prepared.doc, parsed_docs, resources))


def _extraction(doc: Any) -> Extraction:
    """The ``kg extract`` contract of a ``Doc`` the whole ``minutes`` pipeline has read."""
    from ingest.components import document_of

    structure = doc._.structure
    source = doc._.source
    doc_id = document_of(doc)
    return Extraction(
        source=source.name or source.path,
        document_id=doc_id,
        meeting=Meeting(meeting_iri(doc_id), structure.title, structure.start, structure.end),
        entities=tuple(doc._.entities),
        relations=doc._.relations,
        action_items=tuple(doc._.action_items),
        decisions=tuple(doc._.decisions),
        content_hash=_content_hash(source),
        warnings=_decoding_warnings(source),
    )


def _decoding_warnings(source: SourceText) -> tuple[str, ...]:
    """What a reader should know about how the file was decoded: not UTF-8 (or UTF-16 with
    its byte order mark), so some characters may be read wrong."""
    if source.encoding in ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"):
        return ()
    return (f"not valid UTF-8: decoded as {source.encoding}",)


def extract_source(source: SourceText, resources: Resources | None = None) -> Extraction:
    """Everything extracted from one read source (an error of any step is raised)."""
    from ingest.components import make_doc, make_pipeline

    resources = resources or load_resources()
    doc = make_doc(source, resources)
    for done in make_pipeline(resources).pipe([doc]):
        return _extraction(done)
    raise doc._.error  # the pipeline left the document out: a component raised on it


def extract_file(path: str | Path, resources: Resources | None = None) -> Extraction:
    """Everything extracted from the minutes file at ``path``."""
    from ingest.read.source import read_source

    return extract_source(read_source(str(path)), resources)


def extract_files(
    paths: Iterable[str | Path],
    resources: Resources | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    names: Mapping[str, str] | None = None,
) -> Iterator[tuple[str | Path, Extraction | Exception]]:
    """Extract many files: one ``minutes.pipe`` over their Docs, the statistical model's
    work batched across them (``batch_size`` sentence windows at a time, in ``n_process``
    processes).

    Yields ``(path, Extraction)`` per file in order, or ``(path, exception)`` for a file
    that could not be read or extracted; one failure never stops the others. ``names``:
    each path's name relative to the folder it was ingested from (its document's identity;
    the file name where none is given). Files are
    read as the parser asks for sentences and yielded as soon as theirs are parsed, so a
    large folder is never held in memory at once.
    """
    from collections import deque

    from ingest.components import PARSE, make_doc, make_pipeline
    from ingest.read.source import read_source

    resources = resources or load_resources()
    # each file, in order: its Doc while the pipeline reads it, or why it could not be read
    waiting: deque[tuple[str | Path, Any]] = deque()

    def docs() -> Iterator[Any]:
        for path in paths:
            try:
                source = read_source(str(path))
                if names and str(path) in names:
                    source = replace(source, name=names[str(path)])
                doc = make_doc(source, resources)
            except Exception as exc:  # reported per document, never raised
                waiting.append((path, exc))
                continue
            waiting.append((path, doc))
            yield doc

    def left_out(item: Any) -> Exception:
        """Why a file has no extraction: it could not be read, or a component raised."""
        if isinstance(item, Exception):
            return item
        error: Exception = item._.error
        _release(item)
        return error

    def result(doc: Any) -> Extraction | Exception:
        try:
            return _extraction(doc)
        except Exception as exc:  # reported per document, never raised
            return exc
        finally:
            _release(doc)

    done = make_pipeline(resources).pipe(
        docs(), batch_size=batch_size, component_cfg={PARSE: {"n_process": n_process}}
    )
    for doc in done:
        path, item = waiting.popleft()
        while item is not doc:  # the pipeline yields in order and leaves out failures
            yield path, left_out(item)
            path, item = waiting.popleft()
        yield path, result(doc)
    while waiting:
        path, item = waiting.popleft()
        yield path, left_out(item)


def _release(doc: Any) -> None:
    """Let go of what a ``Doc`` carries (its parses, records and span groups) once its
    extraction is made: the pipeline's generators each hold the last Doc they passed on
    until the next one comes, which would keep two documents' annotations in memory."""
    doc.user_data.clear()
    doc.spans.clear()
