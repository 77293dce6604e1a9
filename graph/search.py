"""The text index behind ``q=``: action and decision texts, entity names and aliases.

A SPARQL ``REGEX`` scan over every label takes half a second at a million triples,
so the index is built once from one SPARQL query, kept in memory, and rebuilt by
its owner (the API) when the store changes. Matching is by words: every word of
the query must start a word of the text (so ``migr`` finds "migration"), and hits
are ranked by how rare the matched words are (idf), earlier matches first. When
no text holds every word, the best fuzzy matches (rapidfuzz) are returned instead,
so a typo still finds something.

>>> index = TextIndex([Document("urn:a:1", "action", "Write the butler migration plan"),
...                    Document("urn:a:2", "action", "Review the butler tests")])
>>> [hit.id for hit in index.search("migration butler")]
['urn:a:1']
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph.store import KnowledgeStore
from ontology import SPARQL_PREFIXES

__all__ = ["Document", "Hit", "TextIndex", "tokenize", "load_documents", "TEXTS_QUERY"]

_WORD = re.compile(r"\w+", re.UNICODE)
_FUZZY_CUTOFF = 75.0


def tokenize(text: str) -> list[str]:
    """Case-folded words of ``text``; ``DM-1234`` gives ``dm`` and ``1234``."""
    return [w.casefold() for w in _WORD.findall(text)]


@dataclass(frozen=True)
class Document:
    """One searchable text: ``kind`` is ``action``, ``decision`` or ``entity``."""

    id: str
    kind: str
    text: str


@dataclass(frozen=True)
class Hit:
    id: str
    kind: str
    text: str
    score: float


TEXTS_QUERY = (
    SPARQL_PREFIXES
    + """
SELECT DISTINCT ?id ?kind ?text WHERE {
  {
    ?id a mkg:ActionItem ; schema:text ?text . BIND("action" AS ?kind)
  } UNION {
    ?id a mkg:Decision ; schema:text ?text . BIND("decision" AS ?kind)
  } UNION {
    ?id skos:prefLabel|skos:altLabel ?text . BIND("entity" AS ?kind)
  }
}
"""
)


def load_documents(store: KnowledgeStore) -> list[Document]:
    """Every searchable text of the store, from one SPARQL query."""
    seen: dict[tuple[str, str, str], None] = {}
    for row in store.select(TEXTS_QUERY):
        seen[(row["id"].value, row["kind"].value, row["text"].value)] = None
    return [Document(i, k, t) for i, k, t in seen]


class TextIndex:
    """An inverted index of words with prefix matching and a fuzzy fallback."""

    def __init__(self, documents: Iterable[Document]):
        self.documents = list(documents)
        postings: dict[str, dict[int, int]] = defaultdict(dict)
        for n, doc in enumerate(self.documents):
            for position, word in enumerate(tokenize(doc.text)):
                postings[word].setdefault(n, position)
        self._postings = dict(postings)
        self._words = sorted(self._postings)
        self._fuzzy_texts = [" ".join(tokenize(d.text)) for d in self.documents]

    @classmethod
    def from_store(cls, store: KnowledgeStore) -> TextIndex:
        return cls(load_documents(store))

    def __len__(self) -> int:
        return len(self.documents)

    def _expand(self, word: str) -> dict[int, int]:
        """Documents holding a word that starts with ``word``, with its first position."""
        found: dict[int, int] = {}
        i = bisect_left(self._words, word)
        while i < len(self._words) and self._words[i].startswith(word):
            for n, position in self._postings[self._words[i]].items():
                if n not in found or position < found[n]:
                    found[n] = position
            i += 1
        return found

    def search(self, query: str, kinds: Iterable[str] | None = None, limit: int = 50) -> list[Hit]:
        """Documents matching ``query``, best first; ``kinds`` keeps some kinds only."""
        wanted = set(kinds) if kinds else None
        words = list(dict.fromkeys(tokenize(query)))
        if not words or not self.documents:
            return []
        total = len(self.documents)
        scores: dict[int, float] | None = None
        for word in words:
            docs = self._expand(word)
            idf = math.log(1 + total / (1 + len(docs)))
            step = {n: idf + 0.5 / (1 + position) for n, position in docs.items()}
            if scores is None:
                scores = step
            else:
                scores = {n: s + step[n] for n, s in scores.items() if n in step}
        ranked = [
            (n, s)
            for n, s in (scores or {}).items()
            if wanted is None or self.documents[n].kind in wanted
        ]
        if not ranked:
            ranked = self._fuzzy(" ".join(words), wanted, limit)
        ranked.sort(key=lambda t: (-t[1], len(self.documents[t[0]].text), t[0]))
        hits: list[Hit] = []
        seen: set[str] = set()
        for n, score in ranked:
            doc = self.documents[n]
            if doc.id in seen:
                continue
            seen.add(doc.id)
            hits.append(Hit(doc.id, doc.kind, doc.text, round(score, 4)))
            if len(hits) >= limit:
                break
        return hits

    def _fuzzy(self, query: str, wanted: set[str] | None, limit: int) -> list[tuple[int, float]]:
        from rapidfuzz import fuzz, process

        choices = {
            n: text
            for n, text in enumerate(self._fuzzy_texts)
            if wanted is None or self.documents[n].kind in wanted
        }
        hits = process.extract(
            query, choices, scorer=fuzz.partial_ratio, limit=limit, score_cutoff=_FUZZY_CUTOFF
        )
        return [(n, float(score) / 100.0) for _, score, n in hits]
