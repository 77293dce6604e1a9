"""Ticket references in action items: tracker keys, CVE ids and GitHub issue numbers.

Tickets are keys like ``DM-123`` whose prefix is not a document series listed in
``data/vocab/document_prefixes.txt`` (``DMTN-148`` is a document), CVE ids, and
issue references ``#1423`` or ``org/repo#56``.

>>> find_tickets("RFC-45, DMTN-148 and #1423", frozenset({"DMTN"}))
('RFC-45', '#1423')
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = [
    "DOCUMENT_PREFIXES_PATH",
    "KEY",
    "find_tickets",
    "load_document_prefixes",
    "is_document_key",
]

DOCUMENT_PREFIXES_PATH = (
    Path(__file__).resolve().parents[2] / "data" / "vocab" / "document_prefixes.txt"
)

#: a tracker key, ``DM-123``: group 1 is the project prefix
KEY = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*[A-Z])-(\d+)(?![\w-]|\.\d)")
_NOT_TICKETS = frozenset({"UTF", "ISO", "COVID", "SHA", "ECMA", "IEC", "IEEE", "MD", "ANSI"})
_CVE = re.compile(r"\bCVE-\d{4}-\d{4,7}\b")
_GITHUB_REF = re.compile(r"(?<![\w&#])(?:[\w.-]+/[\w.-]+)?#\d{2,7}\b")


def load_document_prefixes(path: Path | None = None) -> frozenset[str]:
    """Prefixes of document identifiers (``DMTN``, ``LDM`` ...), one per line; ``#`` comments."""
    p = DOCUMENT_PREFIXES_PATH if path is None else path
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(
        s.split("#", 1)[0].strip().upper() for s in lines if s.split("#", 1)[0].strip()
    )


def is_document_key(prefix: str, number: str, document_prefixes: frozenset[str]) -> bool:
    """Whether ``PREFIX-NUMBER`` names a document rather than a ticket.

    A document series listed in ``document_prefixes`` (``DMTN-148``), a proposal series
    (``PEP-8``, ``QEP-12``), a technical-note series (a prefix ending in ``TN``:
    ``SITCOMTN-12``), or a zero-padded number (``HSTN-031``: trackers never pad their
    issue numbers, document series often do).

    >>> [is_document_key(*k.split("-"), frozenset()) for k in ("DM-42", "PSTN-031", "PEP-8")]
    [False, True, True]
    """
    prefix = prefix.upper()
    return (
        prefix in document_prefixes
        or (prefix.endswith("EP") and len(prefix) <= 4)
        or (prefix.endswith("TN") and len(prefix) >= 4)
        or (len(number) > 1 and number.startswith("0"))
    )


def find_tickets(text: str, document_prefixes: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Ticket keys (``DM-123``, ``RFC-45``) without document ids, then issue refs (``#1423``)."""
    seen: dict[str, None] = {}
    for m in KEY.finditer(text):
        prefix = m.group(1)
        if (
            is_document_key(prefix, m.group(2), document_prefixes)
            or prefix in _NOT_TICKETS
            or not prefix[0].isalpha()
        ):
            continue
        seen.setdefault(m.group(0), None)
    for m in _CVE.finditer(text):
        seen.setdefault(m.group(0), None)
    for m in _GITHUB_REF.finditer(text):
        seen.setdefault(m.group(0), None)
    return tuple(seen)
