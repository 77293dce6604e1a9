"""The extraction pipeline: a minutes file in, an :class:`~ingest.model.Extraction` out.

>>> from ingest.pipeline import extract_file            # doctest: +SKIP
>>> extract_file("data/minutes/000_a5daecc12659371c.txt").to_dict()["meeting"]  # doctest: +SKIP

Steps (see ``ARCHITECTURE.md``): read, then one spaCy ``Doc`` per document, annotated by
the ``minutes`` pipeline (:mod:`ingest.components`) in two halves. Before the parse: the
layout, vocabulary terms and cue phrases, the people the layout names, and the sentence
windows the statistical model reads (every sentence, list item and table cell, known names
masked as placeholder words of the same length). The parser and NER read those windows,
batched over all documents with ``nlp.pipe``. After the parse, one component per
capability: mentions, relations, decisions, action items (assignees resolved, never
guessed), responsibility, entities. This module only moves documents through the two
halves and assembles the ``kg extract`` contract from what the last component wrote.

Importing this module does not import spaCy; the first extraction does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
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
    """One document after the fast pass, waiting for its sentence windows to be parsed: its
    ``Doc`` annotated by the components before the parse (:mod:`ingest.components`)."""

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
    """The ``kg extract`` contract of a document whose sentence windows have been parsed:
    the components after the parse (:func:`ingest.components.complete`) read everything."""
    from ingest.components import complete, document_of

    doc = complete(prepared.doc, parsed_docs, resources)
    structure = doc._.structure
    source = prepared.source
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
    """Everything extracted from one read source."""
    from ingest.extract.nlp import parse

    resources = resources or load_resources()
    prepared = _prepare(source, resources)
    texts = [(prepared.parse_text[s:e], i) for i, (s, e) in enumerate(prepared.to_parse)]
    parsed = [doc for doc, _ in parse(texts)]
    return _finish(prepared, parsed, resources)


def extract_file(path: str | Path, resources: Resources | None = None) -> Extraction:
    """Everything extracted from the minutes file at ``path``."""
    from ingest.read.source import read_source

    return extract_source(read_source(str(path)), resources)


@dataclass
class _Pending:
    """A document of a batch waiting for its parsed sentences."""

    key: int
    path: str | Path
    item: Prepared | Exception
    parsed: list[Any] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return isinstance(self.item, Exception) or len(self.parsed) == len(self.item.to_parse)


def extract_files(
    paths: Iterable[str | Path],
    resources: Resources | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    names: Mapping[str, str] | None = None,
) -> Iterator[tuple[str | Path, Extraction | Exception]]:
    """Extract many files, the spaCy work of all of them batched through ``nlp.pipe``.

    Yields ``(path, Extraction)`` per file in order, or ``(path, exception)`` for a file
    that could not be read or extracted; one failure never stops the others. ``names``:
    each path's name relative to the folder it was ingested from (its document's identity;
    the file name where none is given). Files are
    read as the parser asks for sentences and yielded as soon as theirs are parsed, so a
    large folder is never held in memory at once.
    """
    from collections import deque

    from ingest.extract.nlp import parse
    from ingest.read.source import read_source

    resources = resources or load_resources()
    pending: deque[_Pending] = deque()
    entries: dict[int, _Pending] = {}

    def sentences() -> Iterator[tuple[str, int]]:
        for k, path in enumerate(paths):
            try:
                source = read_source(str(path))
                if names and str(path) in names:
                    source = replace(source, name=names[str(path)])
                entry = _Pending(k, path, _prepare(source, resources))
            except Exception as exc:  # reported per document, never raised
                entry = _Pending(k, path, exc)
            pending.append(entry)
            entries[k] = entry
            if isinstance(entry.item, Prepared):
                text = entry.item.parse_text
                for s, e in entry.item.to_parse:
                    yield text[s:e], k  # an int: contexts travel to worker processes

    def finish(entry: _Pending) -> tuple[str | Path, Extraction | Exception]:
        del entries[entry.key]
        if isinstance(entry.item, Exception):
            return entry.path, entry.item
        try:
            return entry.path, _finish(entry.item, entry.parsed, resources)
        except Exception as exc:  # reported per document, never raised
            return entry.path, exc

    for doc, k in parse(sentences(), n_process=n_process, batch_size=batch_size):
        entries[k].parsed.append(doc)
        while pending and pending[0].ready:
            yield finish(pending.popleft())
    while pending:
        yield finish(pending.popleft())
