"""Spans of text found by position in constant time per query: the extraction's interval index.

Extraction asks, for every sentence, which names lie inside it and whether a new match
overlaps one found before. Asked of a list, each question costs the length of the list, and a
document of 100,000 lines asks it 100,000 times. :class:`SpanIndex` files each span under the
fixed-width buckets of text it covers, so a question looks only at the spans near its
position. Answers are exactly those of the list scans they replace, in the same order.

>>> from collections import namedtuple
>>> S = namedtuple("S", "start end")
>>> index = SpanIndex([S(0, 3), S(10, 14), S(12, 20)])
>>> index.overlaps(3, 10), index.overlaps(13, 13), index.within(10, 20)
(False, True, [S(start=10, end=14), S(start=12, end=20)])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["SpanIndex"]

_WIDTH = 64


class SpanIndex:
    """Objects with ``start`` and ``end`` (or ``(start, end, ...)`` tuples with
    ``tuples=True``), kept in the order they were added; :meth:`prepend` puts spans before
    every span added so far, as ``list[:0] = spans`` does."""

    def __init__(self, spans: Iterable[Any] = (), *, tuples: bool = False) -> None:
        self._tuples = tuples
        self._buckets: dict[int, list[tuple[int, int, int, Any]]] = {}
        self._odd: list[tuple[int, int, int, Any]] = []  # end < start: scanned every time
        self._last = 0
        self._first = 0
        for span in spans:
            self.add(span)

    def _bounds(self, span: Any) -> tuple[int, int]:
        return (span[0], span[1]) if self._tuples else (span.start, span.end)

    def _file(self, span: Any, seq: int) -> None:
        start, end = self._bounds(span)
        entry = (seq, start, end, span)
        if end < start:
            self._odd.append(entry)
            return
        for b in range(start // _WIDTH, max(start, end - 1) // _WIDTH + 1):
            self._buckets.setdefault(b, []).append(entry)

    def add(self, span: Any) -> None:
        """Add ``span`` after every span added so far."""
        self._file(span, self._last)
        self._last += 1

    def prepend(self, spans: list[Any]) -> None:
        """Put ``spans`` (in their order) before every span added so far."""
        self._first -= len(spans)
        for i, span in enumerate(spans):
            self._file(span, self._first + i)

    def _near(self, start: int, end: int) -> Iterable[tuple[int, int, int, Any]]:
        """Entries filed in the buckets ``start``..``end`` touch, each once, and the odd ones."""
        lo, hi = start // _WIDTH, max(start, end - 1) // _WIDTH
        if hi < lo:
            hi = lo
        buckets = self._buckets
        if hi - lo > len(buckets):  # a span wider than the index: look at every bucket
            keys = sorted(b for b in buckets if lo <= b <= hi)
        else:
            keys = [b for b in range(lo, hi + 1) if b in buckets]
        seen: set[int] = set()
        for b in keys:
            for entry in buckets[b]:
                if entry[0] not in seen:
                    seen.add(entry[0])
                    yield entry
        yield from self._odd

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span overlaps ``start``..``end`` (``start < s.end and s.start < end``)."""
        if end < start:
            return any(start < e and s < end for _, s, e, _ in self._all())
        return any(start < e and s < end for _, s, e, _ in self._near(start, end))

    def overlapping(self, start: int, end: int) -> list[Any]:
        """The spans overlapping ``start``..``end``, in order."""
        near = self._all() if end < start else self._near(start, end)
        return [x for _, _, _, x in sorted(v for v in near if start < v[2] and v[1] < end)]

    def within(self, start: int, end: int) -> list[Any]:
        """The spans inside ``start``..``end`` (``start <= s.start and s.end <= end``), in order."""
        if end < start:
            return [x for _, s, e, x in sorted(self._all()) if start <= s and e <= end]
        hits = [v for v in self._near(start, end + 1) if start <= v[1] and v[2] <= end]
        return [x for _, _, _, x in sorted(hits, key=lambda v: v[0])]

    def _all(self) -> list[tuple[int, int, int, Any]]:
        entries: dict[int, tuple[int, int, int, Any]] = {}
        for bucket in self._buckets.values():
            for entry in bucket:
                entries[entry[0]] = entry
        for entry in self._odd:
            entries[entry[0]] = entry
        return list(entries.values())
