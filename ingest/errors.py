"""Errors raised by the ingest chain.

A small hierarchy so callers (the CLI, the API upload handler) can tell a bad
input file (:class:`InputError`, show the message to the user) from a bug.

>>> try:
...     raise InputError("empty file: a.txt; expected meeting minutes as text, markdown or HTML")
... except IngestError as err:
...     print(err)
empty file: a.txt; expected meeting minutes as text, markdown or HTML
"""

from __future__ import annotations

__all__ = ["IngestError", "InputError"]


class IngestError(Exception):
    """Base class of every error the ingest chain raises on purpose."""


class InputError(IngestError, ValueError):
    """The input file cannot be read as minutes.

    The message is one line: what was wrong and what is accepted.
    """
