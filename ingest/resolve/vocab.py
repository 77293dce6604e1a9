"""The domain vocabulary: teams, organisations, components, documents and cue phrases.

Vocabulary lives in editable data files (``data/vocab`` by default) so that minutes of
another organisation need new data, not new code:

- ``teams.yaml``, ``organizations.yaml``, ``documents.yaml``: lists of
  ``{name, aliases, match}`` entries (``match: lower`` ignores capitalisation);
- ``components.yaml``: ``components`` (same entries), ``package_prefixes`` and
  ``placeholders`` for snake_case package names such as ``ctrl_pool``;
- ``document_prefixes.txt``: numbered document series (``DMTN`` for ``DMTN-148``);
- ``not_persons.txt``, ``not_tickets.txt``: words never a person's name, keys never a ticket;
- ``name_rules.yaml``: words that make a run of capitalised words a team or an
  organisation (``Docs team``, ``Northwind University``), a document (``Contributor
  Guide``), software (``the Bramble project``), or a body (``the Board``);
- ``common_words.txt``: English words the built-in lexicon lacks, never taken for a
  coined software name (``tooling``);
- ``cues.yaml``: relation cue phrases;
- ``decision_words.yaml``: decision cue phrases and the headings of decision sections
  (besides the words :mod:`ingest.extract.decisions` reads with :func:`word_list`).

>>> vocabulary = load_vocabulary()
>>> any(t.name == "Data Access" and "DAX" in t.aliases for t in vocabulary.terms)
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "Term",
    "RelationCue",
    "Vocabulary",
    "VocabularyError",
    "default_vocab_dir",
    "load_vocabulary",
    "merge_terms",
]

DEFAULT_DOCUMENT_PREFIXES: tuple[str, ...] = (
    "DMTN",
    "LDM",
    "PSTN",
    "SQR",
    "RTN",
    "LSE",
    "LPM",
    "DMTR",
    "SITCOMTN",
    "ITTN",
    "TSTN",
    "SMTN",
    "CTN",
    "OPSTN",
    "PTN",
    "DMR",
)


class VocabularyError(ValueError):
    """A vocabulary file is malformed; the message names the file and what is accepted."""


@dataclass(frozen=True)
class Term:
    """A named thing of the vocabulary: canonical ``name`` plus the ``aliases`` minutes use.

    ``lower``: match any capitalisation (otherwise the exact spelling).
    """

    type: str
    name: str
    aliases: tuple[str, ...] = ()
    lower: bool = False

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class RelationCue:
    """A phrase signalling ``predicate``; ``voice`` is ``"active"`` or ``"passive"``."""

    predicate: str
    phrase: str
    voice: str


@dataclass(frozen=True)
class Vocabulary:
    """Everything the extractor knows about the domain before reading a document."""

    terms: tuple[Term, ...] = ()
    document_prefixes: tuple[str, ...] = DEFAULT_DOCUMENT_PREFIXES
    package_prefixes: tuple[str, ...] = ()
    placeholders: tuple[str, ...] = ()
    relation_cues: tuple[RelationCue, ...] = ()
    decision_cues: tuple[str, ...] = ()
    not_decision_cues: tuple[str, ...] = ()
    decision_sections: tuple[str, ...] = ()
    generic_sections: tuple[str, ...] = ()
    not_persons: frozenset[str] = field(default_factory=frozenset)
    not_tickets: frozenset[str] = field(default_factory=frozenset)
    team_words: tuple[str, ...] = ()
    organization_words: tuple[str, ...] = ()
    determiners: frozenset[str] = field(default_factory=frozenset)
    generic_modifiers: frozenset[str] = field(default_factory=frozenset)
    document_words: tuple[str, ...] = ()
    software_words: tuple[str, ...] = ()
    body_words: tuple[str, ...] = ()
    governance_acronyms: tuple[str, ...] = ()
    common_words: frozenset[str] = field(default_factory=frozenset)
    #: nouns a name takes into its own as a component (``the Quillmark website``)
    product_heads: tuple[str, ...] = ()
    #: kinds of software after which a hyphenated name is one (``the harbor-sync service``)
    kind_words: tuple[str, ...] = ()
    #: nouns that head a document's name (``the compiler hardening guide``)
    document_heads: frozenset[str] = field(default_factory=frozenset)
    #: heads that need a name to say which document (``the Q1 report``, not ``the crash report``)
    document_weak_heads: frozenset[str] = field(default_factory=frozenset)
    #: modifiers that do not say which document is meant (``the final report``)
    document_generic: frozenset[str] = field(default_factory=frozenset)
    #: what a roll call writes where an affiliation goes but that names no organisation
    #: (``(Independent)``, ``(self)``)
    not_affiliations: frozenset[str] = field(default_factory=frozenset)
    #: what a body holds or takes part in, named after it (``the Acme Workshop``): the
    #: body is still named there
    event_words: frozenset[str] = field(default_factory=frozenset)
    #: what only a body has, after its acronym (``the QRB co-lead``, ``QRB members``)
    body_role_words: tuple[str, ...] = ()
    #: a name before one of these is an organisation (``the Quillon community``)
    community_words: tuple[str, ...] = ()
    #: a name before one of these, with no article, is a project as an organisation
    #: (``Ana Lima (Quillon project)``)
    project_words: tuple[str, ...] = ()
    #: last words of a title before an address that say what the link is, not which
    #: document (``Meeting notes: https://...``, ``Example file: https://...``)
    link_not_documents: frozenset[str] = field(default_factory=frozenset)
    #: words of a remark on a link, not of a title (``Namespace discussion tomorrow - ...``)
    link_not_titles: frozenset[str] = field(default_factory=frozenset)

    def with_terms(self, extra: Iterable[Term]) -> Vocabulary:
        """This vocabulary with ``extra`` terms merged in (same name and type: aliases join)."""
        return replace(self, terms=merge_terms((*self.terms, *extra)))


def default_vocab_dir() -> Path:
    """``$KG_VOCAB_DIR`` if set, else the repository's ``data/vocab``."""
    env = os.environ.get("KG_VOCAB_DIR")
    if env:
        return Path(env)
    return _REPOSITORY_VOCAB  # resolved once: rules ask for it once per name they test


_REPOSITORY_VOCAB = Path(__file__).resolve().parents[2] / "data" / "vocab"


def word_file(name: str) -> dict[str, Any]:
    """The mapping of word lists in the vocabulary file ``name`` (``relation_words.yaml``,
    ``decision_words.yaml``, ``action_words.yaml`` ...) of ``$KG_VOCAB_DIR``, else of the
    repository's ``data/vocab`` (also when that folder has no copy of the file)."""
    return _word_file(_word_path(os.environ.get("KG_VOCAB_DIR") or "", name))


def word_list(name: str, key: str) -> frozenset[str]:
    """The list ``key`` of the vocabulary file ``name`` (see :func:`word_file`), lower case,
    inner spaces collapsed; a missing key is an empty list. Cached per folder, file and key:
    rules ask for their words once per token they test."""
    return _word_list(os.environ.get("KG_VOCAB_DIR") or "", name, key)


@lru_cache(maxsize=512)
def _word_list(vocab_dir: str, name: str, key: str) -> frozenset[str]:
    data = _word_file(_word_path(vocab_dir, name))
    return frozenset(" ".join(str(w).lower().split()) for w in data.get(key) or ())


@lru_cache(maxsize=64)
def _word_path(vocab_dir: str, name: str) -> str:
    path = Path(vocab_dir) / name if vocab_dir else _REPOSITORY_VOCAB / name
    return str(path if path.is_file() else _REPOSITORY_VOCAB / name)


@lru_cache(maxsize=16)
def _word_file(path: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError:
        return {}
    except yaml.YAMLError as exc:
        raise VocabularyError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, Mapping):
        raise VocabularyError(f"{path}: expected a mapping of word lists")
    return dict(data)


def merge_terms(terms: Iterable[Term]) -> tuple[Term, ...]:
    """One term per (type, name), aliases unioned in first-seen order."""
    merged: dict[tuple[str, str], Term] = {}
    for term in terms:
        key = (term.type, term.name)
        old = merged.get(key)
        if old is None:
            merged[key] = term
            continue
        aliases = tuple(dict.fromkeys((*old.aliases, *term.aliases)))
        merged[key] = replace(old, aliases=aliases, lower=old.lower or term.lower)
    return tuple(merged.values())


def _read_yaml(path: Path) -> Any:
    if not path.exists():
        return None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise VocabularyError(f"{path}: not valid YAML ({exc})") from exc


def _read_lines(path: Path) -> tuple[str, ...]:
    if not path.exists():
        return ()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def _terms(entries: Any, entity_type: str, path: Path) -> list[Term]:
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise VocabularyError(f"{path}: expected a list of {{name, aliases}} entries")
    terms = []
    for entry in entries:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            raise VocabularyError(
                f"{path}: entry {entry!r} has no name; expected name: str, aliases: [str]"
            )
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            raise VocabularyError(f"{path}: aliases of {entry['name']!r} must be a list")
        lower = entry.get("match", "exact") == "lower"
        terms.append(Term(entity_type, entry["name"], tuple(map(str, aliases)), lower))
    return terms


def _cues(data: Any, path: Path) -> tuple[RelationCue, ...]:
    if data is None:
        return ()
    if not isinstance(data, Mapping):
        raise VocabularyError(f"{path}: expected a mapping with 'relations'")
    moved = [old for old in _MOVED_DECISION_KEYS if old in data]
    if moved:  # a vocabulary folder written before the decision words had their own file
        where = ", ".join(f"'{old}' -> '{_MOVED_DECISION_KEYS[old]}'" for old in moved)
        raise VocabularyError(
            f"{path}: decision words are no longer read here; move them to"
            f" decision_words.yaml beside it ({where})"
        )
    cues = []
    for predicate, voices in (data.get("relations") or {}).items():
        for voice in ("active", "passive"):
            for phrase in (voices or {}).get(voice) or []:
                cues.append(RelationCue(predicate, str(phrase).lower(), voice))
    return tuple(cues)


#: keys ``cues.yaml`` held before the decision lists moved to ``decision_words.yaml``
_MOVED_DECISION_KEYS = {
    "decisions": "decision_cues",
    "not_decisions": "not_decision_cues",
    "decision_sections": "decision_sections",
    "generic_sections": "generic_sections",
}

#: the lists of ``decision_words.yaml`` the vocabulary holds (the cue matcher reads them)
_DECISION_LISTS = ("decision_cues", "not_decision_cues", "decision_sections", "generic_sections")


def _decision_lists(data: Any, path: Path) -> dict[str, tuple[str, ...]]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise VocabularyError(f"{path}: expected a mapping of word lists")
    return {key: tuple(str(p).lower() for p in data.get(key) or []) for key in _DECISION_LISTS}


def load_vocabulary(vocab_dir: str | Path | None = None) -> Vocabulary:
    """Read the vocabulary files of ``vocab_dir`` (default :func:`default_vocab_dir`).

    Missing files are empty vocabularies: the extractor then relies on rules alone.
    """
    directory = Path(vocab_dir) if vocab_dir is not None else default_vocab_dir()
    terms: list[Term] = []
    for file_name, entity_type in (
        ("teams.yaml", "Team"),
        ("organizations.yaml", "Organization"),
        ("documents.yaml", "Document"),
    ):
        path = directory / file_name
        terms += _terms(_read_yaml(path), entity_type, path)
    components_path = directory / "components.yaml"
    components = _read_yaml(components_path) or {}
    if isinstance(components, list):
        components = {"components": components}
    terms += _terms(components.get("components"), "Component", components_path)
    relation_cues = _cues(_read_yaml(directory / "cues.yaml"), directory / "cues.yaml")
    decisions_path = directory / "decision_words.yaml"
    lists = _decision_lists(_read_yaml(decisions_path), decisions_path)
    prefixes = _read_lines(directory / "document_prefixes.txt")
    rules = _read_yaml(directory / "name_rules.yaml") or {}
    if not isinstance(rules, Mapping):
        raise VocabularyError(f"{directory / 'name_rules.yaml'}: expected a mapping of lists")
    return Vocabulary(
        terms=merge_terms(terms),
        document_prefixes=tuple(p.split()[0] for p in prefixes) or DEFAULT_DOCUMENT_PREFIXES,
        package_prefixes=tuple(map(str, components.get("package_prefixes") or [])),
        placeholders=tuple(map(str, components.get("placeholders") or [])),
        relation_cues=relation_cues,
        decision_cues=lists.get("decision_cues", ()),
        not_decision_cues=lists.get("not_decision_cues", ()),
        decision_sections=lists.get("decision_sections", ()),
        generic_sections=lists.get("generic_sections", ()),
        not_persons=frozenset(w.lower() for w in _read_lines(directory / "not_persons.txt")),
        not_tickets=frozenset(w.upper() for w in _read_lines(directory / "not_tickets.txt")),
        team_words=tuple(map(str, rules.get("team_words") or ())),
        organization_words=tuple(map(str, rules.get("organization_words") or ())),
        determiners=frozenset(map(str, rules.get("determiners") or ())),
        generic_modifiers=frozenset(map(str, rules.get("generic_modifiers") or ())),
        document_words=tuple(map(str, rules.get("document_words") or ())),
        software_words=tuple(map(str, rules.get("software_words") or ())),
        body_words=tuple(map(str, rules.get("body_words") or ())),
        governance_acronyms=tuple(map(str, rules.get("governance_acronyms") or ())),
        common_words=frozenset(w.lower() for w in _read_lines(directory / "common_words.txt")),
        product_heads=tuple(map(str, rules.get("product_heads") or ())),
        kind_words=tuple(map(str, rules.get("kind_words") or ())),
        document_heads=frozenset(str(w).lower() for w in rules.get("document_heads") or ()),
        not_affiliations=frozenset(str(w).lower() for w in rules.get("not_affiliations") or ()),
        document_weak_heads=frozenset(
            str(w).lower() for w in rules.get("document_weak_heads") or ()
        ),
        document_generic=frozenset(str(w).lower() for w in rules.get("document_generic") or ()),
        event_words=frozenset(str(w).lower() for w in rules.get("event_words") or ()),
        body_role_words=tuple(map(str, rules.get("body_role_words") or ())),
        community_words=tuple(map(str, rules.get("community_words") or ())),
        project_words=tuple(map(str, rules.get("project_words") or ())),
        link_not_documents=frozenset(str(w).lower() for w in rules.get("link_not_documents") or ()),
        link_not_titles=frozenset(str(w).lower() for w in rules.get("link_not_titles") or ()),
    )
