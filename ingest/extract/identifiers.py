"""Names that say what they are by their form: tracker keys, issue references, repository
files and package names (found on characters, before any language model runs).

>>> from ingest.resolve.vocab import load_vocabulary
>>> [(f.type, f.name) for f in tickets("See DM-123 and DMTN-148.", load_vocabulary())]
[('Ticket', 'DM-123'), ('Document', 'DMTN-148')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ingest.resolve.vocab import Vocabulary
from ingest.structure.tickets import is_document_key

__all__ = ["Found", "tickets", "hash_tickets", "document_files", "project_packages", "packages"]

_TICKET = re.compile(r"(?<![\w.-])([A-Z][A-Z0-9]{1,15})-(\d{1,7}(?:-\d{1,7})?)(?![\w-])")
_HASH_TICKET = re.compile(r"(?<![\w&#])#(\d{3,7})(?![\w-])")  # "#2" is a number
#: a word numbering a series of events or editions ("Meeting #163", "Sprint #12")
_NUMBERED = re.compile(
    r"\b(?:[Mm]eeting|[Cc]all|[Ss]print|[Ee]pisode|[Ii]ssue of|[Ww]eek|[Nn]o\.|[Ee]dition)\s*$"
)
#: an issue of another repository: ``org/repo#56`` (the repository makes a short number safe)
_REPO_TICKET = re.compile(r"(?<![\w./-])[A-Za-z][\w.-]*/[\w.-]+#\d{1,7}(?![\w-])")
#: a repository document by its file name: ``SECURITY.md``, ``docs/release-process.rst`` (not
#: slide or PDF attachments, which minutes list by the dozen)
_DOCUMENT_FILE = re.compile(
    r"(?<![\w/.:-])(?:[\w-]+/)*[A-Za-z][\w-]*\.(?:md|rst|adoc)(?![\w-]|\.\w)"
)
_HYPHENATED = re.compile(r"(?<![\w./-])([a-z][a-z0-9]*)(?:-[a-z0-9]+)+(?![\w/-])")
#: the word before a capitalised one, and its line before it
_WORD_BEFORE = re.compile(r"([^\n]*?)(?<![\w'’-])([\w'’-]+,?)[ \t]+$")
_WORD_PREFIXES = frozenset({"self", "cross", "multi", "well", "high", "long", "short", "full"})
_PACKAGE = re.compile(r"(?<![\w$/.-])([a-z][a-zA-Z0-9]*)(?:_[a-zA-Z0-9]+)+(?![\w$/-])")


@dataclass(frozen=True)
class Found:
    """A vocabulary or rule match in clean text: ``text[start:end]`` names ``name``."""

    start: int
    end: int
    type: str
    name: str
    surface: str
    aliases: tuple[str, ...] = ()


def tickets(text: str, vocabulary: Vocabulary) -> Iterator[Found]:
    """``KEY-123`` keys: documents when KEY is a document series, else tickets, except
    keys that are a team's name (``DAX-9`` is a team milestone, not an issue)."""
    prefixes = {p.upper() for p in vocabulary.document_prefixes}
    teams = {s for t in vocabulary.terms if t.type == "Team" for s in t.spellings}
    for m in _TICKET.finditer(text):
        key, number = m.group(1), m.group(2)
        if key in vocabulary.not_tickets or key in teams or not any(c.isalpha() for c in key):
            continue
        if is_document_key(key, number, prefixes):  # DMTN-148, PEP-8, PSTN-031
            yield Found(m.start(), m.end(), "Document", f"{key}-{number}", m.group(0))
        elif key.isalpha():
            yield Found(m.start(), m.end(), "Ticket", m.group(0), m.group(0))


def hash_tickets(text: str) -> Iterator[Found]:
    """GitHub issues and pull requests: ``#1423``, ``PR #1431``, ``org/repo#56``."""
    for m in _HASH_TICKET.finditer(text):
        if _NUMBERED.search(text, max(0, m.start() - 12), m.start()):
            continue  # "Weekly Meeting #163": the meeting's number
        yield Found(m.start(), m.end(), "Ticket", m.group(0), m.group(0))
    for m in _REPO_TICKET.finditer(text):
        yield Found(m.start(), m.end(), "Ticket", m.group(0), m.group(0))


def document_files(text: str) -> Iterator[Found]:
    """Documents named by their file: ``SECURITY.md``, ``docs/release-process.rst``."""
    for m in _DOCUMENT_FILE.finditer(text):
        yield Found(m.start(), m.end(), "Document", m.group(0), m.group(0))


def project_packages(text: str, title: str | None, english: Any = frozenset()) -> Iterator[Found]:
    """``quarry-core``, ``quarry-k8s``: lower-case hyphenated names sharing a first part
    with another such name or with the first word of the title are a project's
    packages; that first part alone (``Quarry``) is the project's software. Names sharing
    an ``english`` first part (``block-relay``, ``block-only``, ``free-threading``) are
    compounds, not packages, unless the title names the project so or the minutes write it
    alone as a name (``Quarry: quarry-core is ...``)."""
    names: dict[str, set[str]] = {}
    for m in _HYPHENATED.finditer(text):
        names.setdefault(m.group(1), set()).add(m.group(0))
    first = (title or "").split()[:1]
    project = first[0].lower() if first and first[0].isalpha() else None
    prefixes = {
        p
        for p, found in names.items()
        if ((len(found) >= 2 and (p not in english or _proper(text, p))) or p == project)
        and len(p) >= 4
        and p not in _WORD_PREFIXES
        and re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text, re.IGNORECASE)
    }
    if not prefixes:
        return
    for m in _HYPHENATED.finditer(text):
        if m.group(1) in prefixes:
            yield Found(m.start(), m.end(), "Component", m.group(0), m.group(0))
    alone = re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, prefixes))})(?![\w-])", re.IGNORECASE)
    for m in alone.finditer(text):
        yield Found(m.start(), m.end(), "Component", m.group(0).lower(), m.group(0))


def _proper(text: str, word: str) -> bool:
    """Whether ``word`` is written capitalised alone inside a sentence (``we use Quarry``,
    ``Is Quarry 2 out?``), as a name is: after a lower-case word, a comma or a word that
    opens its sentence; not where any word may take a capital (``Time & place:`` opening
    a line, ``Dana: Release soon`` after a label, ``Yet Another Time`` among capitals)."""
    capital = word[:1].upper() + word[1:]
    for m in re.finditer(rf"(?<=[ \t]){re.escape(capital)}(?![\w-])", text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 80), m.start())
        if before is None:
            continue
        prev = before.group(2)
        if prev[0].islower() or prev[0].isdigit() or prev.endswith(","):
            return True
        lead = before.group(1).rstrip(" \t")
        if (
            prev[0].isupper()
            and prev.isalpha()
            and (not lead.strip(" \t*>#-+") or lead[-1:] in ".!?")
        ):
            return True  # "Is Quarry 2 out?": the word before opens the sentence
    return False


def packages(text: str, vocabulary: Vocabulary) -> Iterator[Found]:
    prefixes = set(vocabulary.package_prefixes)
    placeholders = {p.lower() for p in vocabulary.placeholders}
    for m in _PACKAGE.finditer(text):
        name = m.group(0)
        parts = name.split("_")
        if parts[0] in prefixes and parts[-1].lower() not in placeholders and len(parts[-1]) > 1:
            yield Found(m.start(), m.end(), "Component", name, name)
