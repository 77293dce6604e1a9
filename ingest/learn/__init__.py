"""Learned components: small spaCy models trained on annotated minutes (issue 11 item 4).

The rules of :mod:`ingest.extract` propose; a classifier trained on the development split
of the corpus (and the project's own samples) scores every sentence, and the extraction
combines both. Models ship in ``ingest/learn/models/`` and load from disk: nothing is
downloaded at run time. ``make train-decisions`` rebuilds them (see ``README.md`` here).

Importing this package does not import spaCy.
"""
