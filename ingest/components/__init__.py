"""The minutes pipeline: spaCy components over one ``Doc`` per document.

``make_pipeline(resources)`` builds the registered ``minutes`` pipeline; ``make_doc(source,
resources)`` makes one read document's ``Doc`` (its clean text), and ``minutes.pipe(docs)``
runs every component over many of them, in order, the statistical model's work batched
across the documents (a Doc a component raised on is left out, its exception in
``doc._.error``). Each component reads what the earlier ones wrote (span groups and ``doc._``
attributes) instead of scanning the raw text again:

==========================  ==========================================================
component                   writes
==========================  ==========================================================
``minutes_structure``       ``doc._.structure``; span groups ``headings``, ``blocks``,
                            ``attendees``, ``absentees``, ``action_lines`` (raw action
                            lines, label: status), ``agenda``
``minutes_terms``           ``doc._.found``, ``doc._.cues``; span groups ``terms``
                            (label: the entity type), ``cues``
``minutes_people``          ``doc._.people`` (roll calls, role lines, usernames,
                            handles), affiliations added to ``doc._.found``,
                            ``doc._.runs``, ``doc._.handles``; span group ``names``
``minutes_sentences``       ``doc._.sentences``, ``doc._.to_parse`` (the windows the
                            statistical model reads), ``doc._.parse_text``; span group
                            ``sentences``
``minutes_parse``           ``doc._.parses``: the statistical model's (parser and NER)
                            Doc of each window; over many documents the windows of all
                            of them are one stream, ``batch_size`` windows at a time
``minutes_mentions``        people named in prose, components and relation ends the
                            parse names, titled documents (into ``doc._.found``);
                            ``doc._.refs``, every entity reference (span group
                            ``entities``); ``doc._.lexicon``
``minutes_relations``       ``doc._.found_relations``: what each parsed sentence and
                            the layout (roll calls, tables, member lists) state
``minutes_decisions``       ``doc._.decisions`` (span group ``decisions``)
``minutes_actions``         ``doc._.action_items``, listed and said in prose, their
                            assignees resolved (span group ``actions``, label: status)
``minutes_responsibility``  authors, status reports, possessive owners and role holders
                            added to ``doc._.found_relations``
``minutes_entities``        ``doc._.relations`` (merged; span group ``relations``,
                            label: predicate) and ``doc._.entities``
==========================  ==========================================================

and :mod:`ingest.pipeline` assembles the ``kg extract`` contract from what they wrote.
``annotate(source, resources)`` (the components before the parse) and ``complete(doc, parsed,
resources)`` (those after it, given the parses) run the stages one at a time, for stage
timings and the training harness. Importing this package loads spaCy; ``import ingest`` does
not import it.
"""

from __future__ import annotations

from ingest.components.document import (
    PARSE,
    annotate,
    complete,
    document_of,
    make_doc,
    make_pipeline,
)

__all__ = ["PARSE", "annotate", "complete", "document_of", "make_doc", "make_pipeline"]
