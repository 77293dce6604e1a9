"""Building the ``minutes`` pipeline, the Docs it reads, and its two sides run apart.

:func:`make_pipeline` (the registered components in order: :data:`BEFORE_PARSE`,
:data:`PARSE`, :data:`AFTER_PARSE`), :func:`make_doc` (one read document's Doc),
:func:`annotate` and :func:`complete` (the components before and after the parse one at a
time, for stage timings and the training harness)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from ingest.model import SourceText
from ingest.resolve.resources import Resources

__all__ = [
    "AFTER_PARSE",
    "BATCH_SIZE",
    "BEFORE_PARSE",
    "PARSE",
    "annotate",
    "complete",
    "document_of",
    "make_doc",
    "make_pipeline",
    "set_group",
]

#: the components that run before the statistical model reads the sentence windows, in order
BEFORE_PARSE = (
    "minutes_structure",
    "minutes_terms",
    "minutes_people",
    "minutes_sentences",
)
#: the statistical model over the sentence windows (``doc._.parses``)
PARSE = "minutes_parse"
#: the components that read the parses (``doc._.parses``), in order
AFTER_PARSE = (
    "minutes_mentions",
    "minutes_relations",
    "minutes_decisions",
    "minutes_actions",
    "minutes_responsibility",  # after the actions: both name owners, in this order
    "minutes_entities",
)

#: what each component leaves on the Doc besides span groups
_EXTENSIONS = (
    "source",  # SourceText, set before the pipeline runs
    "clean",  # CleanText (the Doc's text is its .text)
    "resources",  # Resources the components read
    "structure",  # Structure
    "found",  # nlp.Found: vocabulary terms, tickets, documents, packages, affiliations
    "cues",  # nlp.CueMatch
    "people",  # resolve.people.People
    "runs",  # nlp.NameRun: capitalised name-shaped runs
    "handles",  # lower-case handles the document uses for people
    "sentences",  # (clean start, end, block index or -1)
    "to_parse",  # (clean start, end) windows the statistical model reads
    "parse_text",  # the clean text with known names masked, for the parser
    "parses",  # {(clean start, end): the statistical model's Doc of that window}
    "error",  # the exception a component raised on this Doc (minutes.pipe goes on without it)
    "refs",  # relations.EntityRef: every entity reference, by start
    "lexicon",  # naming.Lexicon: the English words, for telling names from words
    "found_relations",  # relations.FoundRelation, in the order they were read
    "decisions",  # model.Decision
    "action_items",  # model.ActionItem
    "relations",  # model.Relation: found_relations merged
    "entities",  # model.Entity: every entity referenced, then the meeting
)
for _name in _EXTENSIONS:
    Doc.set_extension(_name, default=None, force=True)


def set_group(doc: Doc, name: str, spans: Iterable[tuple[int, int, str]]) -> None:
    """Write ``doc.spans[name]`` from character spans ``(start, end, label)``.

    Spans are widened to whole tokens (the exact offsets stay on the records in ``doc._``);
    an empty span is left out.
    """
    group: list[Span] = []
    for start, end, label in spans:
        if end <= start:
            continue
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            group.append(span)
    doc.spans[name] = SpanGroup(doc, name=name, spans=group)


#: windows the statistical model reads at once (``minutes.pipe``'s default ``batch_size``)
BATCH_SIZE = 64


def _skip_failed(name: str, proc: Any, docs: list[Doc], exc: Exception) -> None:
    """The ``minutes`` pipeline's error handler: a document a component raised on keeps the
    exception in ``doc._.error`` and ``minutes.pipe`` goes on without it (spaCy's way of
    skipping a document), so one bad document never stops the others."""
    for doc in docs:
        if doc._.error is None:
            doc._.error = exc


def make_pipeline(resources: Resources) -> Language:
    """The ``minutes`` pipeline for ``resources`` (built once per resources, then reused).

    ``minutes.pipe(docs)`` over Docs made by :func:`make_doc` runs every component, the
    statistical model's work batched across the documents, and yields the Docs in order;
    a Doc a component raised on is left out, its exception in ``doc._.error``. Run it with
    ``pipe`` (as :mod:`ingest.pipeline` does): spaCy's ``nlp(doc)`` calls the same error
    handler and would go on to the next component after a failure.
    """
    if "pipeline" in resources.cache:
        return resources.cache["pipeline"]  # type: ignore[no-any-return]
    import ingest.components.actions
    import ingest.components.decisions
    import ingest.components.entities
    import ingest.components.mentions
    import ingest.components.parse
    import ingest.components.people
    import ingest.components.relations
    import ingest.components.sentences
    import ingest.components.structure
    import ingest.components.terms  # noqa: F401

    nlp = spacy.blank("en")
    nlp.meta["name"] = "minutes"
    # only the tokenizer reads the whole document (linear; the statistical model reads
    # sentence windows); its size is bounded by the document budget (ingest.budget)
    nlp.max_length = sys.maxsize
    nlp.batch_size = BATCH_SIZE
    for name in (*BEFORE_PARSE, PARSE, *AFTER_PARSE):
        nlp.add_pipe(name)
    nlp.set_error_handler(_skip_failed)
    resources.cache["pipeline"] = nlp
    return nlp


def make_doc(source: SourceText, resources: Resources) -> Doc:
    """One read document as one ``Doc`` of its clean text, ready for the ``minutes``
    pipeline (no component has run)."""
    from ingest.read.clean import clean

    cleaned = clean(source)
    doc = make_pipeline(resources).make_doc(cleaned.text)
    doc._.source = source
    doc._.clean = cleaned
    doc._.resources = resources
    return doc


def annotate(source: SourceText, resources: Resources) -> Doc:
    """One read document as one ``Doc`` of its clean text, annotated by the components
    before the parse (:data:`BEFORE_PARSE`); a component's error is raised."""
    nlp = make_pipeline(resources)
    doc = make_doc(source, resources)
    for name in BEFORE_PARSE:
        doc = nlp.get_pipe(name)(doc)
    return doc


def complete(doc: Doc, parsed: Sequence[Doc], resources: Resources) -> Doc:
    """``doc`` after the components that read the parses of its sentence windows
    (``parsed``: the statistical model's Docs of ``doc._.to_parse``, in order, as
    ``minutes_parse`` makes them); a component's error is raised."""
    nlp = make_pipeline(resources)
    doc._.parses = dict(zip(doc._.to_parse, parsed, strict=True))
    for name in AFTER_PARSE:
        doc = nlp.get_pipe(name)(doc)
    return doc


def document_of(doc: Doc) -> str:
    """The document id of ``doc``'s source (the slug of its name, see :mod:`ontology.ids`)."""
    from ontology.ids import document_id

    source = doc._.source
    return document_id(source.name or Path(source.path).name)


def resources_of(doc: Doc) -> Any:
    """The resources ``annotate`` attached to ``doc`` (an error if it was not called)."""
    if doc._.resources is None:
        raise ValueError("the minutes components need doc._.resources: run annotate()")
    return doc._.resources
