"""What extraction knows before it reads a document: vocabulary, people, known entities.

:func:`load_resources` reads the editable vocabulary (``data/vocab`` or
``$KG_VOCAB_DIR``) and the optional imports (a people directory, a glossary, a
package catalog), and adds the entities a store already holds, so that names
resolve across documents. The spaCy matchers compiled from the vocabulary are
built on first use and kept with the resources.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ingest.model import Entity
from ingest.resolve.reference import (
    PersonRecord,
    load_catalog,
    load_directory,
    load_glossary,
    merge_glossary,
)
from ingest.resolve.vocab import Term, Vocabulary, load_vocabulary

__all__ = ["Resources", "load_resources"]


@dataclass(frozen=True)
class Resources:
    """What extraction knows before reading: vocabulary, directory people, known entities."""

    vocabulary: Vocabulary
    people: tuple[PersonRecord, ...] = ()
    known: tuple[Entity, ...] = ()
    cache: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def matchers(self) -> Any:
        """The vocabulary compiled into spaCy matchers (built once, loads spaCy)."""
        if "matchers" not in self.cache:
            from ingest.extract.nlp import build_matchers

            self.cache["matchers"] = build_matchers(self.vocabulary)
        return self.cache["matchers"]


def _spellings(terms: Iterable[Term]) -> set[str]:
    return {s for t in terms for s in t.spellings}


def load_resources(
    vocab_dir: str | Path | None = None,
    directory: str | Path | None = None,
    glossary: str | Path | None = None,
    catalog: str | Path | None = None,
    known: Iterable[Entity] = (),
) -> Resources:
    """Vocabulary (``vocab_dir``, default ``$KG_VOCAB_DIR`` or ``data/vocab``) plus imports.

    ``directory``: a people directory (authordb.yaml format); ``glossary``: acronyms
    (glossarydefs.csv); ``catalog``: package names (repos.yaml); ``known``: entities
    already in the store, so names resolve across documents. All optional.
    """
    vocabulary = load_vocabulary(vocab_dir)
    extra: list[Term] = []
    people: tuple[PersonRecord, ...] = ()
    if directory:
        found = load_directory(directory)
        people = found.people
        taken = _spellings(vocabulary.terms)
        extra += [
            org
            for org in found.organizations
            if not (set(org.spellings) & taken) and org.name != org.name.lower()
        ]
    if catalog:
        taken = _spellings(vocabulary.terms)
        extra += [t for t in load_catalog(catalog, vocabulary.placeholders) if t.name not in taken]
    known = tuple(known)
    taken = _spellings((*vocabulary.terms, *extra))
    for entity in known:
        if entity.type in ("Team", "Organization", "Component", "Document") and (
            entity.name not in taken
        ):
            aliases = tuple(a for a in entity.aliases if a not in taken)
            extra.append(Term(entity.type, entity.name, aliases))
    vocabulary = vocabulary.with_terms(extra)
    if glossary:
        terms = merge_glossary(vocabulary.terms, load_glossary(glossary))
        vocabulary = replace(vocabulary, terms=terms)
    return Resources(vocabulary, people, known)
