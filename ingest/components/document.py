"""Building the ``minutes`` pipeline and running it over one document."""

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
    "BEFORE_PARSE",
    "annotate",
    "complete",
    "document_of",
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


def make_pipeline(resources: Resources) -> Language:
    """The ``minutes`` pipeline for ``resources`` (built once per resources, then reused)."""
    if "pipeline" in resources.cache:
        return resources.cache["pipeline"]  # type: ignore[no-any-return]
    import ingest.components.actions
    import ingest.components.decisions
    import ingest.components.entities
    import ingest.components.mentions
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
    for name in (*BEFORE_PARSE, *AFTER_PARSE):
        nlp.add_pipe(name)
    resources.cache["pipeline"] = nlp
    return nlp


def annotate(source: SourceText, resources: Resources) -> Doc:
    """One read document as one ``Doc`` of its clean text, annotated by every component."""
    from ingest.read.clean import clean

    nlp = make_pipeline(resources)
    cleaned = clean(source)
    doc = nlp.make_doc(cleaned.text)
    doc._.source = source
    doc._.clean = cleaned
    doc._.resources = resources
    for name in BEFORE_PARSE:
        doc = nlp.get_pipe(name)(doc)
    return doc


def complete(doc: Doc, parsed: Sequence[Doc], resources: Resources) -> Doc:
    """``doc`` after the components that read the parses of its sentence windows
    (``parsed``: the statistical model's Docs of ``doc._.to_parse``, in order)."""
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
