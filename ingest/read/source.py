"""Reading a minutes file into a :class:`~ingest.model.SourceText`.

The file is read as bytes and decoded without translating newlines, so evidence
offsets point into the text exactly as it is on disk (after decoding).

Decoding: UTF-8 first. A UTF-8 byte order mark is not part of the text: it is
left out of ``SourceText.text`` (encoding ``"utf-8-sig"``), and every offset is
an offset into ``SourceText.text``, never into the raw bytes. Files that are not
valid UTF-8 are decoded as cp1252 (the usual Windows export), and as latin-1 when
cp1252 cannot decode them; ``SourceText.encoding`` records which.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "notes.md"
>>> _ = p.write_bytes(b"# Sync\\r\\n- Ana to review DM-1\\r\\n")
>>> src = read_source(p)
>>> src.format, src.text[:7]
('markdown', '# Sync\\r')
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ingest.errors import InputError
from ingest.model import SourceText
from ingest.read.hidden import PLUTO_HEADER
from ingest.read.irc import looks_like_irc

__all__ = ["DEFAULT_MAX_BYTES", "read_source", "decode", "detect_format"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_ACCEPTED = "accepted: UTF-8 (or cp1252/latin-1) text, markdown or HTML minutes"
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_WIKI_SUFFIXES = frozenset({".wiki", ".mediawiki", ".wikitext", ".trac", ".moin"})
_RST_SUFFIXES = frozenset({".rst", ".rest"})
_ORG_SUFFIXES = frozenset({".org"})
_ASCIIDOC_SUFFIXES = frozenset({".adoc", ".asciidoc", ".asc"})
#: a wiki heading (``== Topic ==``, closed as it opens) and markup only wikis write
_WIKI_HEADING_LINE = re.compile(
    r"^(={1,6})[ \t]{0,20}[^=\s][^\n]{0,300}?[ \t]{0,20}\1(?:[ \t]+#\S+)?[ \t]*$", re.M
)
_WIKI_SIGNAL = re.compile(
    r"'''[^'\n]+'''|^[ \t]*\|\|.*\|\|[ \t]*$|^\{\||\[\[[^\]\n]+\]\]", re.M
)
#: AsciiDoc's document title and sections: ``= Title``, ``== Section`` (never closed)
_ADOC_HEADING_LINE = re.compile(r"^={1,6}[ \t]+[^\n]*[^=\s][ \t]*$", re.M)
_ADOC_SIGNAL = re.compile(r"^(?::[\w-]+:(?:[ \t]|$)|\|===|\[[\w, .=\"-]*\]$|\.{1,2}[ \t]+\S)", re.M)
_ORG_SIGNAL = re.compile(
    r"^(?:#\+(?:TITLE|AUTHOR|DATE|STARTUP|OPTIONS|BEGIN_\w+):?|\*+[ \t]+(?:TODO|DONE)[ \t])",
    re.M | re.I,
)
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
# Magic numbers of common binary files people drop by mistake.
_BINARY_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"%PDF",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",
)
_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
_SNIFF = 8192


def read_source(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode the minutes file at ``path``.

    Raises :class:`~ingest.errors.InputError` for a missing, unreadable, empty,
    binary or too large file, or for a directory.
    """
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{p} is a directory; {_ACCEPTED} files, one path each")
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"{p} is {size} bytes, over the limit of {max_bytes}; {_ACCEPTED}")
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{p} does not exist (or disappeared); {_ACCEPTED}") from None
    except IsADirectoryError:
        raise InputError(f"{p} is a directory; {_ACCEPTED} files, one path each") from None
    except OSError as err:
        raise InputError(f"{p} cannot be read ({err.strerror or err}); {_ACCEPTED}") from None
    if len(data) > max_bytes:
        raise InputError(f"{p} is over the limit of {max_bytes} bytes; {_ACCEPTED}")
    text, encoding = decode(data, name=str(p))
    return SourceText(path=str(p), text=text, format=detect_format(p, text), encoding=encoding)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of a minutes file; return ``(text, encoding)``.

    Refuses empty, whitespace-only and binary content with ``InputError``.
    """
    if not data.strip():
        raise InputError(f"{name} is empty or only whitespace; {_ACCEPTED}")
    for bom, codec in _UTF16_BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), codec
            except UnicodeDecodeError:
                raise InputError(
                    f"{name} has a {codec} byte order mark but is not {codec}; {_ACCEPTED}"
                ) from None
    if _looks_binary(data):
        raise InputError(f"{name} looks like a binary file (image, archive ...); {_ACCEPTED}")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding = data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data[3:])
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data)
    if not text.strip():
        raise InputError(f"{name} is empty or only whitespace; {_ACCEPTED}")
    return text, encoding


def detect_format(path: str | os.PathLike[str], text: str) -> str:
    """The markup a minutes file is written in, from its suffix, then its content.

    ``"markdown"`` (also a Pluto.jl notebook: a ``.jl`` starting with its header),
    ``"html"``, ``"wiki"`` (MediaWiki, Trac), ``"rst"``, ``"org"``, ``"asciidoc"``,
    ``"irc"`` (a chat log) or ``"text"``. A file whose suffix names no markup (``.txt``,
    ``.log``, none) is read by its content: an IRC log, wiki headings (``== Topic ==``),
    Org keywords (``#+TITLE:``) or AsciiDoc sections (``== Topic``).

    >>> detect_format("notes.txt", "== Attendees ==\\n* Ana\\n== Actions ==\\n* Bo to fix it\\n")
    'wiki'
    >>> detect_format("notes.txt", "Attendees: Ana, Bo\\n\\nBo to fix it.\\n")
    'text'
    """
    suffix = Path(path).suffix.lower()
    if suffix in _MARKDOWN_SUFFIXES or text.lstrip("\ufeff").startswith(PLUTO_HEADER):
        return "markdown"
    if suffix in _WIKI_SUFFIXES:
        return "wiki"
    if suffix in _HTML_SUFFIXES or _HTML_START.match(text[:_SNIFF]):
        return "html"
    for suffixes, name in (
        (_RST_SUFFIXES, "rst"),
        (_ORG_SUFFIXES, "org"),
        (_ASCIIDOC_SUFFIXES, "asciidoc"),
    ):
        if suffix in suffixes:
            return name
    return _format_of_content(text[: _SNIFF * 8])


def _format_of_content(head: str) -> str:
    if looks_like_irc(head):
        return "irc"
    wiki_headings = len(_WIKI_HEADING_LINE.findall(head))
    if wiki_headings >= 2 or (wiki_headings and _WIKI_SIGNAL.search(head)):
        return "wiki"
    if len(_ORG_SIGNAL.findall(head)) >= 2:
        return "org"
    if (
        not wiki_headings
        and len(_ADOC_HEADING_LINE.findall(head)) >= 2
        and _ADOC_SIGNAL.search(head)
    ):
        return "asciidoc"
    return "text"


def _decode_legacy(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if head.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(8, len(head) // 20)
