"""Optional reference imports: a people directory, a glossary and a component catalog.

The formats are those an organisation already keeps (see ``shared/reference``):

- a people directory like lsst-texmf ``authordb.yaml``: ``authors`` with ``given_name``,
  ``family_name``, ``email`` (a username or address) and ``affil`` keys into
  ``affiliations`` (which become :class:`~ingest.resolve.vocab.Term` Organizations);
- a glossary like ``glossarydefs.csv``: ``Term`` (acronym) and ``Description``;
  it never adds entities, it only joins an acronym to a vocabulary term
  (``DAX`` and ``Data Access Services`` to the team ``Data Access``);
- a component catalog like lsst/repos ``repos.yaml``: package name -> repository.

Nothing here is required: extraction works without any of these files.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ingest.resolve.vocab import Term, VocabularyError

__all__ = [
    "PersonRecord",
    "Directory",
    "load_directory",
    "load_glossary",
    "load_catalog",
    "merge_glossary",
]

# An expansion names the same thing as a term when it only adds one of these words.
_GENERIC_SUFFIXES = ("", " services", " team", " group", " system", " working group")
_LATEX_ACCENT = re.compile(r"\\(?:[\'\"`^~=.]|[a-zA-Z](?=\{))\{?([A-Za-z])\}?")
_LATEX = re.compile(r"\\[a-zA-Z]+\{?|[{}\\]")


@dataclass(frozen=True)
class PersonRecord:
    """A person of a directory: full ``name``, ``usernames``, affiliation ids."""

    name: str
    given: str
    family: str
    usernames: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Directory:
    """A people directory: its people and the organisations they belong to."""

    people: tuple[PersonRecord, ...] = ()
    organizations: tuple[Term, ...] = ()


def _plain(text: str | None) -> str:
    """Text without LaTeX markup (``Juri\\'c`` -> ``Juric``), spaces normalised."""
    text = (text or "").replace("{\\i}", "i").replace("\\i ", "i").replace("\\i", "i")
    text = _LATEX_ACCENT.sub(r"\1", text)
    return " ".join(_LATEX.sub("", text).split())


def _load_yaml(path: str | Path) -> Any:
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise VocabularyError(f"{path}: not valid YAML ({exc})") from exc


def load_directory(path: str | Path) -> Directory:
    """People and organisations of an authordb-style YAML file.

    A username is the ``email`` field when it has no ``@`` or the part before ``@``.
    Group entries (no given name) are skipped: they are not people.
    """
    data = _load_yaml(path)
    if not isinstance(data, Mapping) or not isinstance(data.get("authors"), Mapping):
        raise VocabularyError(f"{path}: expected a mapping with 'authors' (and 'affiliations')")
    people = []
    for key, entry in data["authors"].items():
        if not isinstance(entry, Mapping):
            continue
        given, family = _plain(entry.get("given_name")), _plain(entry.get("family_name"))
        if not given or not family:
            continue
        usernames = [str(key)]
        email = entry.get("email")
        if isinstance(email, str) and email:
            usernames.append(email.split("@")[0])
        people.append(
            PersonRecord(
                name=f"{given} {family}",
                given=given,
                family=family,
                usernames=tuple(dict.fromkeys(u.lower() for u in usernames)),
                affiliations=tuple(map(str, entry.get("affil") or ())),
            )
        )
    organizations = []
    for key, entry in (data.get("affiliations") or {}).items():
        if not isinstance(entry, Mapping):
            continue
        names = [_plain(entry.get("department")), _plain(entry.get("institute"))]
        aliases = tuple(n for n in dict.fromkeys(names) if n and n != key)
        organizations.append(Term("Organization", str(key), aliases[:1]))
    return Directory(tuple(people), tuple(organizations))


def load_glossary(path: str | Path) -> dict[str, str]:
    """Acronym -> expansion from a CSV with ``Term`` and ``Description`` columns."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"Term", "Description"} <= set(reader.fieldnames):
            raise VocabularyError(f"{path}: expected CSV columns 'Term' and 'Description'")
        glossary: dict[str, str] = {}
        for row in reader:
            term, text = (row.get("Term") or "").strip(), _plain(row.get("Description"))
            if term and text and term not in glossary:
                glossary[term] = text
    return glossary


def load_catalog(path: str | Path, placeholders: Iterable[str] = ()) -> tuple[Term, ...]:
    """Component terms from a package catalog (a YAML mapping of package name -> repo).

    Only names that cannot be an ordinary word are kept (``ctrl_pool``, ``daf_butler``,
    ``sconsUtils``): plain lower-case names (``lua``, ``twisted``) would match prose.
    """
    data = _load_yaml(path)
    if not isinstance(data, Mapping):
        raise VocabularyError(f"{path}: expected a mapping of package name -> repository")
    skip = {p.lower() for p in placeholders}
    terms = []
    for name in map(str, data):
        distinctive = "_" in name or (name != name.lower() and name != name.capitalize())
        if distinctive and name.rsplit("_", 1)[-1].lower() not in skip:
            terms.append(Term("Component", name))
    return tuple(terms)


def _is_name(text: str) -> bool:
    """A short title-case phrase (``Data Access Services``), not a sentence."""
    words = text.split()
    return 0 < len(words) <= 8 and not any(c in text for c in ";,()") and words[0][:1].isupper()


def _spells(acronym: str, expansion: str) -> bool:
    """Whether ``expansion`` is a name whose capitals spell ``acronym`` (APDB, Alert
    Production DataBase), not a sentence describing it."""
    if any(c in expansion for c in ";,()") or len(expansion) > 80:
        return False
    letters = iter(c for c in expansion if c.isupper())
    return all(c in letters for c in acronym.upper() if c.isalpha())


def merge_glossary(terms: Iterable[Term], glossary: Mapping[str, str]) -> tuple[Term, ...]:
    """Terms with glossary acronyms and expansions joined as aliases.

    A term gains an expansion when one of its spellings is a glossary acronym, and an
    acronym when its name closely matches that acronym's expansion
    (``Data Access`` ~ ``Data Access Services``). No new term is created.
    """
    by_expansion: dict[str, str] = {}
    for acronym, expansion in glossary.items():
        if _is_name(expansion) and 2 <= len(acronym) <= 10 and " " not in acronym:
            by_expansion.setdefault(expansion.lower(), acronym)
    merged = []
    for term in terms:
        extra: list[str] = []
        for spelling in term.spellings:
            if spelling in glossary and _spells(spelling, glossary[spelling]):
                extra.append(glossary[spelling])
        if " " in term.name:
            name = term.name.lower()
            for suffix in _GENERIC_SUFFIXES:
                acronym = by_expansion.get(f"{name}{suffix}")
                if acronym:
                    extra += [acronym, glossary[acronym]]
        aliases = tuple(a for a in dict.fromkeys((*term.aliases, *extra)) if a != term.name)
        merged.append(replace(term, aliases=aliases))
    return tuple(merged)
