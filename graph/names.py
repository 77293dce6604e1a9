"""Turning a name a user typed into an entity: exact names and aliases, then fuzzy.

The index is built from one SPARQL query over the store's labels and kept in memory
(a SPARQL regex scan over labels is far too slow at a million triples); it is rebuilt
when the store's ``generation`` changes.

>>> index = NameIndex([EntityRef("urn:x:butler", "butler", "Component", ("Butler",))])
>>> index.resolve("BUTLER").id
'urn:x:butler'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph.errors import AmbiguousEntity, EntityNotFound
from graph.store import KnowledgeStore
from ontology import SPARQL_PREFIXES

__all__ = ["EntityRef", "NameIndex", "normalise", "fold_words", "load_entities"]

_SPACE = re.compile(r"\s+")
_MKG = "https://w3id.org/minutes-kg/ontology#"


def normalise(name: str) -> str:
    """Case-folded, whitespace-collapsed form used for matching names."""
    return _SPACE.sub(" ", name).strip().casefold()


_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold_words(name: str) -> list[str]:
    """The words of ``name`` without case, accents, punctuation or a plural ``s``:
    ``"Qservs"``, ``"qserv"`` and ``"QSERV"`` fold alike, as do ``"Jérôme"`` and ``"Jerome"``.

    >>> fold_words("Data-Butlers' Gen3")
    ['data', 'butler', 'gen3']
    """
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = [w for w in _NOT_WORD.sub(" ", plain.casefold()).replace("_", " ").split() if w]
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]


@dataclass(frozen=True)
class EntityRef:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "type": self.type}


_TYPES = ("Person", "Team", "Organization", "Component", "Ticket", "Document", "Meeting")

# Three flat queries, each inside GRAPH ?g: the union default graph repeats a triple once
# per document that states it, so joining labels, types and aliases over the union grows
# with the square of the documents naming an entity (150 s at a million triples; these
# take well under a second together).
TYPES_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT DISTINCT ?e ?class WHERE {
  GRAPH ?g { ?e a ?class }
  FILTER(?class IN (mkg:Person, mkg:Team, mkg:Organization, mkg:Component, mkg:Ticket,
                    mkg:Document, mkg:Meeting))
}
"""
)
LABELS_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT DISTINCT ?e ?name WHERE { GRAPH ?g { ?e skos:prefLabel ?name } }
"""
)
ALIASES_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT DISTINCT ?e ?alt WHERE { GRAPH ?g { ?e skos:altLabel ?alt } }
"""
)


def load_entities(store: KnowledgeStore) -> list[EntityRef]:
    """Every named entity of the store with its type and aliases.

    An entity given two names by two documents keeps the first (in name order) and
    has the other as an alias.
    """
    types: dict[str, str] = {}
    for row in store.select(TYPES_QUERY):
        local = row["class"].value.rsplit("#", 1)[-1]
        if local in _TYPES:
            types.setdefault(row["e"].value, local)
    names: dict[str, list[str]] = defaultdict(list)
    for row in store.select(LABELS_QUERY):
        if row["e"].value in types:
            names[row["e"].value].append(row["name"].value)
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in store.select(ALIASES_QUERY):
        aliases[row["e"].value].append(row["alt"].value)
    # read through the identity graph (graph/identity.py): a node resolved to another
    # entity is no entity of its own; its names are the canonical entity's aliases
    from graph.identity import canonical_map

    for member, canonical in canonical_map(store).items():
        if member in names and canonical in types:
            aliases[canonical].extend(names.pop(member) + aliases.pop(member, []))
    entities = []
    for iri, labels in names.items():
        first, *others = sorted(labels)
        extra = tuple(dict.fromkeys(others + sorted(aliases.get(iri, ()))))
        entities.append(EntityRef(iri, first, types[iri], extra))
    return sorted(entities, key=lambda e: (e.type, e.name.casefold()))


class NameIndex:
    """Exact and fuzzy lookup of entities by name or alias."""

    def __init__(self, entities: Iterable[EntityRef]):
        self.entities = list(entities)
        self.by_id = {e.id: e for e in self.entities}
        self._pref: dict[str, list[EntityRef]] = defaultdict(list)
        self._alias: dict[str, list[EntityRef]] = defaultdict(list)
        self._choices: dict[str, list[EntityRef]] = defaultdict(list)
        self._first: dict[str, list[EntityRef]] = defaultdict(list)
        self._folded: dict[str, list[EntityRef]] = defaultdict(list)
        self._last: dict[str, list[EntityRef]] = defaultdict(list)
        #: (folded words of a name or alias, entity), for word-prefix and typo matching
        self._words: list[tuple[tuple[str, ...], EntityRef]] = []
        for e in self.entities:
            for label in (e.name, *e.aliases):
                folded = tuple(fold_words(label))
                if folded:
                    self._folded[" ".join(folded)].append(e)
                    self._words.append((folded, e))
            folded_name = fold_words(e.name)
            if e.type == "Person" and len(folded_name) > 1:
                self._last[folded_name[-1]].append(e)
            words = normalise(e.name).split()
            if e.type == "Person" and len(words) > 1:
                self._first[words[0]].append(e)
            self._pref[normalise(e.name)].append(e)
            self._choices[normalise(e.name)].append(e)
            for a in e.aliases:
                self._alias[normalise(a)].append(e)
                self._choices[normalise(a)].append(e)

    @classmethod
    def from_store(cls, store: KnowledgeStore) -> NameIndex:
        return cls(load_entities(store))

    def exact(self, name: str, types: Iterable[str] | None = None) -> list[EntityRef]:
        """Entities whose name (else alias) equals ``name``, case-insensitively."""
        key = normalise(name)
        wanted = set(types) if types else None
        for table in (self._pref, self._alias):
            found = [e for e in table.get(key, []) if wanted is None or e.type in wanted]
            if found:
                return list(dict.fromkeys(found))
        return []

    def first_name(self, name: str, types: Iterable[str] | None = None) -> list[EntityRef]:
        """People whose full name starts with the single word ``name`` ("Frossie")."""
        key = normalise(name)
        if not key or " " in key or (types and "Person" not in set(types)):
            return []
        return self._first.get(key, [])

    def lenient(self, name: str, types: Iterable[str] | None = None) -> list[EntityRef]:
        """What ``name`` means when it is not a name or alias as written, first rule that finds
        anything: the same words but for case, accents, punctuation and plurals
        (``Qservs``); a person's surname (``Swinbank``); every word the start of a word of
        a name, in order (``alert prod`` for "Alert Production"); one typo-sized edit of a
        name or of one word of it (``Butlr``, ``qserve``, ``Frosie``, by rapidfuzz).
        """
        wanted = set(types) if types else None

        def keep(found: Iterable[EntityRef]) -> list[EntityRef]:
            return list(dict.fromkeys(e for e in found if wanted is None or e.type in wanted))

        words = fold_words(name)
        if not words:
            return []
        for found in (
            self._folded.get(" ".join(words), []),
            self._last.get(words[0], []) if len(words) == 1 else [],
            [e for label, e in self._words if _prefixes_of(words, label)]
            if len(words) > 1 or len(words[0]) >= 3
            else [],
        ):
            if keep(found):
                return keep(found)
        return keep(self._typo(" ".join(words), wanted))

    def _typo(self, key: str, wanted: set[str] | None) -> list[EntityRef]:
        """Entities with a name, alias or word of a name within a typo of ``key``: rapidfuzz
        ratio >= 85 (``butlr``/``butler`` 91), the best ones if clearly ahead (by 5)."""
        from rapidfuzz import fuzz

        if len(key) < 4:
            return []
        best: dict[str, tuple[float, EntityRef]] = {}
        single = " " not in key
        for label, e in self._words:
            if wanted is not None and e.type not in wanted:
                continue
            candidates = [" ".join(label)] + (list(label) if single and len(label) > 1 else [])
            score = max(fuzz.ratio(key, c) for c in candidates)
            if score >= 85 and (e.id not in best or best[e.id][0] < score):
                best[e.id] = (score, e)
        if not best:
            return []
        ranked = sorted(best.values(), key=lambda t: -t[0])
        top = ranked[0][0]
        return [e for score, e in ranked if score > top - 5]

    def search(
        self, query: str, types: Iterable[str] | None = None, limit: int = 10
    ) -> list[tuple[EntityRef, float]]:
        """Best fuzzy matches of ``query`` over names and aliases, best first."""
        from rapidfuzz import fuzz, process

        wanted = set(types) if types else None
        key = normalise(query)
        if not key:
            return []
        hits = process.extract(key, list(self._choices), scorer=fuzz.WRatio, limit=limit * 4)
        best: dict[str, tuple[EntityRef, float]] = {}
        for choice, score, _ in hits:
            for e in self._choices[choice]:
                if wanted is not None and e.type not in wanted:
                    continue
                if e.id not in best or best[e.id][1] < score:
                    best[e.id] = (e, float(score))
        ranked = sorted(best.values(), key=lambda t: (-t[1], t[0].name.casefold()))
        return ranked[:limit]

    def resolve(self, name: str, types: Iterable[str] | None = None) -> EntityRef:
        """The one entity ``name`` means.

        Raises :class:`EntityNotFound` (with suggestions) or :class:`AmbiguousEntity`.
        """
        types = list(types) if types else None
        found = self.exact(name, types)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AmbiguousEntity(name, [e.to_dict() for e in found])
        by_first_name = self.first_name(name, types)
        if len(by_first_name) == 1:
            return by_first_name[0]
        if len(by_first_name) > 1:  # "Robert" when two Roberts are known: ask, never guess
            raise AmbiguousEntity(name, [e.to_dict() for e in by_first_name])
        lenient = self.lenient(name, types)
        if len(lenient) == 1:
            return lenient[0]
        if len(lenient) > 1:
            raise AmbiguousEntity(name, [e.to_dict() for e in lenient])
        ranked = self.search(name, types, limit=5)
        if ranked and ranked[0][1] >= 92 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            return ranked[0][0]
        if len(ranked) > 1 and ranked[0][1] >= 92 and ranked[1][1] == ranked[0][1]:
            tied = [e.to_dict() for e, s in ranked if s == ranked[0][1]]
            raise AmbiguousEntity(name, tied)
        raise EntityNotFound(name, [e.to_dict() for e, _ in ranked if _ >= 50])


def _prefixes_of(words: list[str], label: tuple[str, ...]) -> bool:
    """Whether each of ``words`` starts a word of ``label``, in order, the first word
    starting the label (``alert prod`` in "alert production"); every word counts."""
    if len(words) > len(label) or not label[0].startswith(words[0]):
        return False
    at = 1
    for word in words[1:]:
        while at < len(label) and not label[at].startswith(word):
            at += 1
        if at == len(label):
            return False
        at += 1
    return True
