"""The minutes' own text, kept beside a store so the meeting page can show it.

The graph keeps each statement's quote and its character offsets into the source file,
and the file's SHA-256 (``mkg:contentHash``), but not the file. ``kg ingest`` and
``POST /documents`` keep a copy of every file they ingest in the store's folder,
``sources/<sha256>``, named by its content: two paths with the same content share one
copy, a re-ingested file whose content changed gets a new one, and a copy is only ever
read back for the hash the graph records (and checked against it), so the page never
shows text the statements were not read from. An in-memory or remote store keeps none;
the meeting page then lists the quoted passages alone.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> digest = keep(folder, b"Ana owns the scheduler.\\n")
>>> read_text(folder, digest)
'Ana owns the scheduler.\\n'
>>> read_text(folder, "0" * 64) is None
True
>>> segments("abcdef", [(1, 3, "x"), (2, 5, "y")])
[('a', ()), ('b', ('x',)), ('c', ('x', 'y')), ('de', ('y',)), ('f', ())]
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "keep",
    "keep_file",
    "read_text",
    "decode",
    "segments",
    "forget_unused",
    "folder_of",
    "tidy",
]

_HEX = re.compile(r"^[0-9a-f]{64}$")
_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def folder_of(store: Any) -> Path | None:
    """``sources/`` in the store's folder, or None for an in-memory or remote store."""
    path = getattr(store, "path", None)
    return Path(path) / "sources" if path else None


def _path(folder: str | os.PathLike[str], digest: str) -> Path | None:
    return Path(folder) / digest if _HEX.match(digest) else None


def keep(folder: str | os.PathLike[str], data: bytes) -> str:
    """Keep ``data`` in ``folder`` under its SHA-256 (written once, atomically); the digest."""
    digest = hashlib.sha256(data).hexdigest()
    target = Path(folder) / digest
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = target.with_name(f".{digest}.{os.getpid()}.tmp")
        scratch.write_bytes(data)
        os.replace(scratch, target)
    return digest


def decode(data: bytes) -> str:
    """The text offsets count in: decoded as ingest reads a file (a UTF-16 or UTF-8 byte
    order mark is dropped; UTF-8, else cp1252, else latin-1; newlines untranslated)."""
    for bom, codec in _UTF16_BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_text(folder: str | os.PathLike[str] | None, digest: str | None) -> str | None:
    """The kept text whose SHA-256 is ``digest``, or None (none kept, or not that content)."""
    if folder is None or not digest:
        return None
    path = _path(folder, digest)
    if path is None or not path.is_file():
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != digest:
        return None
    return decode(data)


def forget_unused(folder: str | os.PathLike[str] | None, used: Iterable[str]) -> int:
    """Remove the kept copies no document of the store records any more; how many."""
    if folder is None or not Path(folder).is_dir():
        return 0
    keep_these = set(used)
    gone = 0
    for path in Path(folder).iterdir():
        if _HEX.match(path.name) and path.name not in keep_these:
            path.unlink(missing_ok=True)
            gone += 1
    return gone


def segments(text: str, spans: Sequence[tuple[int, int, Any]]) -> list[tuple[str, tuple[Any, ...]]]:
    """``text`` cut where any span starts or ends: each piece with the keys of the spans
    covering it (in the order given), so overlapping spans highlight without nesting."""
    cuts = {0, len(text)}
    for start, end, _ in spans:
        if 0 <= start < end <= len(text):
            cuts.update((start, end))
    bounds = sorted(cuts)
    out: list[tuple[str, tuple[Any, ...]]] = []
    valid = [(s, e, k) for s, e, k in spans if 0 <= s < e <= len(text)]
    starts: dict[int, list[tuple[int, Any]]] = {}
    for s, e, k in valid:
        starts.setdefault(s, []).append((e, k))
    active: list[tuple[int, Any]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = [(e, k) for e, k in active if e > a] + starts.get(a, [])
        out.append((text[a:b], tuple(k for _, k in active)))
    return out


_HASHES = (
    "PREFIX mkg: <https://w3id.org/minutes-kg/ontology#> "
    "SELECT DISTINCT ?hash WHERE { GRAPH ?g { ?doc a mkg:SourceDocument ; mkg:contentHash ?hash } }"
)


def tidy(store: Any) -> int:
    """Drop the kept copies of ``store`` that no document records any more (a file
    re-ingested with new content, a forgotten document); how many went."""
    folder = folder_of(store)
    if folder is None or not folder.is_dir():
        return 0
    return forget_unused(folder, (row["hash"].value for row in store.select(_HASHES)))


def keep_file(store: Any, path: str | os.PathLike[str]) -> str | None:
    """Keep the file at ``path`` beside ``store`` (nothing for a store with no folder)."""
    folder = folder_of(store)
    if folder is None:
        return None
    try:
        return keep(folder, Path(path).read_bytes())
    except OSError:
        return None  # the copy is for the meeting page: never fails an ingest
