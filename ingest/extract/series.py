"""Numbered documents as minutes write them: a series prefix and a number, with a space,
a hyphen or nothing between (``PEP 8``, ``RFC 7231``, ``BIP155``, ``SLEP019``, ``KEP-1287``,
``DO-178C``, ``IEC 62304``, ``ISO/IEC 27001``).

The series are ``data/vocab/document_prefixes.txt`` and any proposal series (a prefix of
at most four capitals ending in ``EP``: ``PEP``, ``NEP``, ``KEP``); ``RFC`` names a document
when a space or nothing separates it from the number (``RFC-45`` is a tracker key in
some projects). One document written two ways (``RFC 7231``, ``rfc7231``) is one entity,
named as first written. The key as the last part of an address names the document too
(``https://www.rfc-editor.org/rfc/rfc7231``, ``https://peps.python.org/pep-0008/``:
``RFC 7231``, ``PEP 8``).

>>> [(f.name, f.surface) for f in numbered_documents("see PEP 8, BIP155 and pep8", ("PEP", "BIP"))]
[('PEP 8', 'PEP 8'), ('BIP155', 'BIP155'), ('PEP 8', 'pep8')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ingest.extract.identifiers import Found

__all__ = ["numbered_documents", "role_documents"]

_KEY = re.compile(
    r"(?<![\w/.-])((?:[A-Z]{2,5}/)?[A-Za-z]{2,8})([ \t]?|-)(\d{1,6}[A-Z]?)(?![\w-]|\.\d)"
)


def _series(prefix: str, separator: str, prefixes: frozenset[str]) -> bool:
    upper = prefix.upper()
    if upper != prefix and prefix != prefix.lower():
        return False  # "Pep8" is no series' spelling
    last = upper.rsplit("/", 1)[-1]
    if last in prefixes or (last.endswith("EP") and len(last) <= 4):
        return True
    return last == "RFC" and separator != "-"


def numbered_documents(text: str, prefixes: Iterable[str]) -> Iterator[Found]:
    """Documents of a numbered series in ``text``; ``prefixes`` are the listed series."""
    listed = frozenset(p.upper() for p in prefixes)
    names: dict[tuple[str, int, str], str] = {}
    for m in _KEY.finditer(text):
        prefix, separator, number = m.groups()
        if not _series(prefix, separator, listed):
            continue
        if prefix.islower() and separator:
            continue  # "do 12", "sep 3": words, not series
        if prefix.upper() == "SEP" and (
            len(number) == 4 or int(number.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) <= 31
        ):
            continue  # "12 SEP 2023": a date
        digits = re.match(r"\d+", number)
        key = (prefix.upper(), int(digits.group(0)) if digits else 0, number[len(number) - 1 :])
        key = key if number[-1].isalpha() else key[:2] + ("",)
        name = names.setdefault(key, m.group(0))
        yield Found(m.start(), m.end(), "Document", name, m.group(0))
    for m in _PLURAL.finditer(text):  # "PEPs 484-487", "RFCs 7230–7235": a range of a series
        if _series(m.group(1), " ", listed):
            yield Found(m.start(), m.end(), "Document", m.group(0), m.group(0))
    for m in _DRAFT.finditer(text):  # "draft-ietf-tarn-fencing-03": an Internet-Draft
        if m.group(0) == m.group(1) and m.group(1).count("-") < 3:
            continue  # "draft-quality-bar": without a revision, three parts after "draft"
        yield Found(m.start(), m.end(), "Document", m.group(1), m.group(0), (m.group(0),))
    for m in _IN_ADDRESS.finditer(text):  # ".../rfc/rfc7231#section-4", ".../pep-0008/"
        prefix, number = m.group(1), m.group(2).lstrip("0") or "0"
        if not _series(prefix.lower(), "", listed) or prefix.upper() == "SEP":
            continue
        key = (prefix.upper(), int(number), "")
        name = names.setdefault(key, f"{prefix.upper()} {number}")
        yield Found(m.start(1), m.end(2), "Document", name, m.group(0))


#: a series' key as the last part of an address: ``rfc-editor.org/rfc/rfc7231``,
#: ``peps.python.org/pep-0008/``
_IN_ADDRESS = re.compile(
    r"(?<=/)([A-Za-z]{2,5})-?(\d{1,6})(?=$|[/#?)\]\s>\"']|\.(?:html?|txt|pdf)\b)"
)

#: a series' reStructuredText role: ``:pep:`621```, ``:rfc:`9110```
_ROLE = re.compile(r":(pep|rfc|PEP|RFC):`(\d{1,5})(?:#[\w-]*)?`")
#: an Internet-Draft by its name: ``draft-``, its parts and maybe a two-digit revision
#: (``draft-ietf-tarn-fencing-03``; named without the revision, which is an alias)
_DRAFT = re.compile(r"(?<![\w./-])(draft-[a-z0-9]+(?:-[a-z0-9]+)+?)(?:-\d\d)?(?![\w-])")


def role_documents(clean: Any) -> Iterator[Found]:
    """Series documents said by a reStructuredText role (``:pep:`621```, ``:rfc:`9110```),
    which cleaning turns into the bare number: the number's clean span names the document.

    >>> from ingest.read.clean import clean
    >>> from ingest.read.source import SourceText
    >>> c = clean(SourceText("x.rst", "Follow :pep:`621` now.", "rst"))
    >>> [(f.name, c.text[f.start:f.end]) for f in role_documents(c)]
    [('PEP 621', '621')]
    """
    import bisect

    source, offsets = clean.source.text, clean.offsets
    for m in _ROLE.finditer(source):
        s, e = m.span(2)
        start = bisect.bisect_left(offsets, s, 0, len(clean.text))
        end = bisect.bisect_left(offsets, e, start, len(clean.text))
        if clean.text[start:end] != m.group(2):
            continue  # cleaning kept no exact span of the number
        prefix, number = m.group(1).upper(), m.group(2).lstrip("0") or "0"
        yield Found(start, end, "Document", f"{prefix} {number}", m.group(2))


#: a range of a series' documents: ``PEPs 484-487``, ``RFCs7230-7235``
_PLURAL = re.compile(r"(?<![\w/.-])([A-Z]{2,5})s[ \t]?\d{1,6}[ \t]?[-–][ \t]?\d{1,6}(?![\w-])")
