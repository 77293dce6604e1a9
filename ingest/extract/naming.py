"""How minutes name things no vocabulary lists: coined software names, titled documents,
committees whose names have small words in them.

Rules over the clean text, run by :func:`ingest.extract.nlp.find_terms` (the longest match
wins there, a vocabulary term over a rule):

- software: a name in backticks (`` `heron-router` ``); a lower-case package-like name
  (``foo-resolver``, ``tidepool_cache``) one of whose parts is not an English word; the
  word next to a relation cue (``X maintains graftlib``, ``foo-store uses pebblekv``,
  ``point of contact for Seedbank``) when it is package-like or a coined word; the
  capitalised word before a software word after "the" (``the Bramble project``); the
  word after ``pin``/``bump``/``upgrade`` when a version follows (``pin Numba to 0.59``),
  in ``the Slurm upgrade``, after ``builds with``, or after ``uses`` beside a package
  (``kelp_fit uses Numba``); ``the CLI`` when one ``*-cli`` package is named. Not
  software: a word describing the noun after it (``the Windows installer``, ``an arm64
  build``, ``template-building code``, ``page-v3 flag``).
  A name found once is found wherever it is written again;
- documents: capitalised titles ending with a ``document_words`` entry, with an
  optional version (``the Plugin Authoring Guide``, ``Trademark Policy v2.1``), and
  ``RFC 12``;
- teams: capitalised names joined by ``of``/``and``/``for`` before a team word
  (``Code of Conduct Committee``), ``the Board`` (``body_words``), a body in a capitals
  banner (``FERNLEAF PROJECT MANAGEMENT COMMITTEE``), the acronym of a spelled-out team
  (``PMC``), and ``the infra WG`` for the ``Infra WG``.

"English word" means the lemmatizer tables of the spaCy model (WordNet lemmas),
spaCy's stop words and ``data/vocab/common_words.txt``, with plural and verb endings
taken off. An ordinary English word is never made software.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ingest.extract.products import DETERMINERS, names_before
from ingest.extract.software import (
    employer_names,
    employers,
    linked_repositories,
    repositories,
    software_lists,
)
from ingest.extract.teamnames import acronym_mentions, find_teams, inside_longer_names
from ingest.resolve.vocab import Vocabulary

__all__ = ["Named", "Lexicon", "load_lexicon", "find_named", "settle_names"]

Named = tuple[int, int, str, str]  # start, end, entity type, canonical name

_PACKAGE_SHAPE = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+")
_LOWER_NAME = re.compile(r"(?<![\w./@#$?&=%-])([a-z][a-z0-9]*(?:[-_][a-z0-9]+)+)(?![\w/-]|\.\w)")
_BACKTICKED = re.compile(r"`([a-z][a-z0-9]*(?:[-_][a-z0-9]+)*|[A-Z][a-z0-9]+[A-Za-z0-9]*)`")
_PHRASE = re.compile(r"[^.,;:()\n!?]{0,60}")  # the rest of a phrase, up to punctuation
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*")
_SKIP_BEFORE_OBJECT = frozenset({"the", "a", "an", "our", "its", "their", "on", "to", "all"})
_SKIP_BEFORE_CUE = frozenset({"also", "still", "now", "already", "currently", "only", "directly"})
_PREFIXES = frozenset(
    {
        "non",
        "pre",
        "anti",
        "semi",
        "inter",
        "multi",
        "sub",
        "self",
        "co",
        "re",
        "post",
        "cross",
        "open",
        "high",
        "low",
        "long",
        "short",
        "real",
        "well",
        "half",
        "full",
        "user",
        "hard",
    }
)
#: last parts that make a hyphenated word an adjective: ``taproot-enabled``,
#: ``timezone-aware``, ``wheel-based``, ``gpu-only``
_ADJECTIVE_ENDS = frozenset(
    "enabled disabled aware based compatible specific friendly only free like related driven "
    "oriented powered backed agnostic dependent independent safe ready native centric "
    "delimited separated encoded formatted style wise".split()
)
_CAP_WORD = r"[A-Z][\w'’&-]*"
_CONNECTOR = r"(?:of|for|and|on|&)"
#: "pin Numba to 0.59", "bump zstd-sys to 2.0", "upgrade Slurm to 23.11": the word after
#: the verb is software that has versions
_VERSIONED = re.compile(
    r"\b(?:pin|pins|pinned|pinning|bump|bumps|bumped|bumping|upgrade|upgrades|upgraded|"
    r"upgrading|downgrade|downgraded)\s+(?:the\s+)?([A-Z][a-z][A-Za-z0-9]+|[a-z][\w-]*[a-z0-9])"
    r"\s+(?:to|from)\s+v?\d"
)
#: "the Slurm upgrade", "the Kafka cluster": a capitalised word naming what is upgraded
_SOFTWARE_EVENT = re.compile(
    r"\b[Tt]he (?:(?:next|new|latest|upcoming|last|first|current|stable|final) )?"
    r"([A-Z][a-z][A-Za-z0-9]+) (?:upgrade|downgrade|migration|release|install|"
    r"installation|update|deployment|cluster|version|pin)\b"
)
#: "the grobbet library", "the next quenchr release", "our tarpin crate": a lower-case word
#: no dictionary lists, between a determiner and a kind of software or one of its events
_COINED_KIND = (
    r"\b(?:[Tt]he|[Aa]|[Aa]n|[Oo]ur|[Tt]heir|[Ii]ts|[Tt]his|[Tt]hat)"
    r"(?: (?:next|new|latest|upcoming|last|first|current|stable|final|old|existing))?"
    r" ([a-z][a-z0-9]{3,}) (?:{kinds}|release|releases|upgrade|version|versions|deployment|"
    r"rollout|maintainers|codebase)\b"
)
_TIME_WORDS = frozenset("today tomorrow yesterday tonight soon later earlier meanwhile".split())
#: words that follow a name used as a modifier without ending the phrase
_FUNCTION_WORDS = frozenset(
    "and or to for in on is are was were be will with which that as by from at of but "
    "has have had can could should would may might must not so then than also shall ought "
    "shan't".split()
)
_ENDINGS = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("er", ""),
    ("er", "e"),
    ("ers", ""),
    ("ers", "e"),
    ("ly", ""),
)


class Lexicon:
    """English words: is ``word`` (any case) an ordinary word?"""

    def __init__(self, words: Iterable[str], stop_words: Iterable[str] = ()) -> None:
        self.words = frozenset(w.lower() for w in words)
        self.stop_words = frozenset(w.lower() for w in stop_words)

    def __bool__(self) -> bool:
        return bool(self.words)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        w = word.lower()
        if w in self.words:
            return True
        for end, add in _ENDINGS:
            stem = w[: -len(end)]
            if not w.endswith(end) or len(stem) < 3:
                continue
            if stem + add in self.words:
                return True
            doubled = end in ("ed", "ing") and stem[-1] == stem[-2] and stem[-1] not in "aeiouls"
            if doubled and stem[:-1] in self.words:
                return True  # "flopped", "planning": a doubled last consonant
        return False


_LEXICONS: dict[tuple[int, frozenset[str]], Lexicon] = {}


def load_lexicon(nlp: Any, extra: Iterable[str] = ()) -> Lexicon:
    """The English words of ``nlp`` (lemmatizer tables, stop words) plus ``extra``."""
    key = (id(nlp), frozenset(extra))
    if key not in _LEXICONS:
        stop_words = set(getattr(nlp.Defaults, "stop_words", ()))
        words = stop_words | key[1]
        try:
            index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
            for entries in index.values():
                words.update(w for w in entries if "_" not in w)
        except (KeyError, ValueError, AttributeError):
            pass
        _LEXICONS[key] = Lexicon(words, stop_words)
    return _LEXICONS[key]


def _coined(word: str, lexicon: Lexicon) -> bool:
    """A lower-case word no dictionary lists (``graftlib``, ``pebblekv``)."""
    return (
        bool(lexicon)
        and len(word) >= 4
        and word not in _FUNCTION_WORDS  # "shall" (no dictionary lists modal verbs)
        and word.isalnum()
        and word[0].isalpha()
        and word == word.lower()
        and word not in lexicon
    )


def _package_like(word: str, lexicon: Lexicon, near_cue: bool) -> bool:
    """``foo-resolver``, ``quux_store``: any such name next to a cue; elsewhere one
    with a part that is not an English word (``read-only`` is not software)."""
    if not _PACKAGE_SHAPE.fullmatch(word) or word in lexicon:
        return False
    parts = re.split(r"[-_]", word)
    if parts[0] in _PREFIXES or any(p in lexicon.stop_words for p in parts):
        return False  # "self-hosted", "read-only", "sign-off", "up-to-date"
    if any(len(p) < 2 and not p.isdigit() for p in parts):
        return False
    if "-" in word and parts[-1] in _ADJECTIVE_ENDS:
        return False  # "taproot-enabled", "timezone-aware": what a thing is, not its name
    if near_cue:
        return True
    alpha = [p for p in parts if p.isalpha()]
    return (
        bool(lexicon)
        and parts[0].isalpha()
        and len(parts[0]) >= 3
        and any(p not in lexicon for p in alpha)
    )


def _near_cues(text: str, cues: Iterable[Any]) -> Iterator[tuple[Any, int, int, bool]]:
    """Words right after (``True``) or right before (``False``) a relation cue, as spans.

    After an active cue: the first word past determiners, and any package-like name
    further on in the same phrase (``requested access to bench-runner``).
    """
    for cue in cues:
        if cue.predicate not in ("dependsOn", "responsibleFor", "requests"):
            continue
        if cue.voice == "active":
            phrase = _PHRASE.match(text, cue.end)
            first = True
            for m in _TOKEN.finditer(text, cue.end, phrase.end() if phrase else cue.end):
                word = m.group(0)
                if first and word.lower() in _SKIP_BEFORE_OBJECT:
                    continue
                if first or _PACKAGE_SHAPE.fullmatch(word):
                    yield cue, m.start(), m.end(), True
                first = False
        before = text[max(0, cue.start - 60) : cue.start]
        words = list(_TOKEN.finditer(before))
        while words and words[-1].group(0).lower() in _SKIP_BEFORE_CUE:
            words.pop()
        if words and not before[words[-1].end() :].strip(" \t`*"):
            offset = cue.start - len(before)
            yield cue, offset + words[-1].start(), offset + words[-1].end(), False


def _first_after(text: str, pos: int) -> int:
    """Where the first word after ``pos`` starts, past determiners."""
    for m in _TOKEN.finditer(text, pos, min(len(text), pos + 40)):
        if m.group(0).lower() not in _SKIP_BEFORE_OBJECT:
            return m.start()
    return -1


def _software(
    text: str, cues: Iterable[Any], vocabulary: Vocabulary, lexicon: Lexicon
) -> Iterator[Named]:
    from ingest.resolve.vocab import word_list

    #: cues after which even a capitalised English word names software ("owns Kestrel")
    naming_cues = word_list("relation_words.yaml", "naming_cues")
    #: cues that also join ordinary words ("we might use it")
    weak_cues = word_list("relation_words.yaml", "naming_weak_cues")
    names: dict[str, str] = {}  # surface -> canonical name
    for m in _BACKTICKED.finditer(text):  # `heron-router`, `pytest`; not `max_retries`
        word = m.group(1)
        versioned = re.search(r"-v?\d+$", word)  # "the `page-v3` feature flag" is a flag
        if (
            word.lower() in lexicon
            or (versioned and _attributive(text, word, m.end(), lexicon, vocabulary))
            or _code_symbol(word, lexicon)
        ):
            continue
        if "-" in word or (
            _package_like(word, lexicon, near_cue=False) if "_" in word else bool(lexicon)
        ):
            names[word] = word
    for m in _LOWER_NAME.finditer(text):
        if _package_like(m.group(1), lexicon, near_cue=False):
            names[m.group(1)] = m.group(1)
    placeholders = {p.lower() for p in vocabulary.placeholders}
    names = {w: n for w, n in names.items() if re.split(r"[-_]", w)[-1] not in placeholders}
    for cue, start, end, after in _near_cues(text, cues):
        word = text[start:end]
        if _attributive(text, word, end, lexicon, vocabulary) or _indefinite(text, start, end):
            continue  # "the template-building code", "an arm64 build": describes, names nothing
        if not (_package_like(word, lexicon, near_cue=True) or _coined(word, lexicon)):
            if (
                after
                and cue.predicate != "requests"
                and (cue.phrase not in weak_cues or _beside_software(text, cue, word, lexicon))
                and start == _first_after(text, cue.end)
                and word[:1].isupper()
                and word[1:].islower()
                and len(word) >= 4
                and word.lower() not in vocabulary.not_persons
                and (word.lower() not in lexicon or cue.phrase in naming_cues)
                and not re.match(r"\s+[A-Z]", text[end : end + 2])  # "Consolidated DB"
                and not re.search(rf"(?<![\w-]){word}\s+[A-Z][a-z]", text)  # a person's name
                and not _modifier(text, start, end)  # "the Windows installer (wkb-msi)"
            ):
                names[word] = word  # "the point of contact for Seedbank", "owns Nightjar"
            continue
        if cue.phrase in weak_cues:  # "might use usno": only between two software names
            other = [text[s:e] for c, s, e, a in _near_cues(text, [cue]) if a != after]
            if not any(
                o in names or _package_like(o, lexicon, True) or _coined(o, lexicon) for o in other
            ):
                continue
        names[word] = word
    for pattern in (_VERSIONED, _SOFTWARE_EVENT):
        for m in pattern.finditer(text):
            word = m.group(1)
            if word[0].isupper():
                person = re.search(rf"(?<![\w-]){word}\s+[A-Z][a-z]", text)
                if word.lower() in lexicon or word.lower() in vocabulary.not_persons or person:
                    continue
            elif not (_package_like(word, lexicon, near_cue=True) or _coined(word, lexicon)):
                continue
            names.setdefault(word, word)
    if vocabulary.software_words:
        kinds = "|".join(re.escape(w) for w in vocabulary.software_words)
        for m in re.finditer(rf"\b[Tt]he ({_CAP_WORD}) (?:{kinds})\b", text):
            if m.group(1) not in vocabulary.determiners:
                names[m.group(1)] = m.group(1)
        never = software_lists()[2]
        for m in re.finditer(_COINED_KIND.replace("{kinds}", kinds), text):
            word = m.group(1)
            if _coined(word, lexicon) and word not in never:
                names.setdefault(word, word)
    for word in (
        *_described(text, vocabulary, lexicon),
        *_title_prefixes(text, lexicon),
        *_before_references(text, lexicon),
        *_backticked_kinds(text, vocabulary, names),
    ):
        names.setdefault(word, word)
    for surface, name in names.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
            yield m.start(), m.end(), "Component", name
    yield from _kinds_named(text, vocabulary)


#: a name, then in brackets what kind of software it is: ``quillcheck (an Emacs syntax check
#: plugin)``, ``Tessel (library for meshes)``
_DESCRIBED = re.compile(r"(?<![\w./@#-])([A-Za-z][\w.+-]*[\w+])[ \t]*\(([^()\n]{3,100})\)")
#: what kind of software a phrase is, then its acronym in brackets: ``the event data
#: delivery service (EDS)``
_ACRONYM_AFTER = re.compile(r"\b([a-z]+)[ \t]+\(([A-Za-z][A-Za-z0-9-]{1,9})\)")


def _described(text: str, vocabulary: Vocabulary, lexicon: Lexicon) -> Iterator[str]:
    """Names the minutes say the kind of in brackets: ``quillcheck (Emacs syntax check plugin
    for Lisp)``: the name before the brackets, when the first noun phrase inside is headed
    by a kind of software (``kind_words``); not ``Nadia (maintainer of the X library)``
    (a person described), nor an English word. And ``the event delivery service (EDS)``:
    an acronym (two capitals or more) in brackets after a kind of software."""
    kinds = {w.lower() for w in (*vocabulary.kind_words, *vocabulary.software_words)}
    kinds |= {k + "s" for k in kinds} | {"bindings", "compiler", "linter", "editor", "database"}
    kinds -= {"project", "projects"}  # "Ana Lima (Quill project)": an affiliation
    never = software_lists()[2]
    for m in _DESCRIBED.finditer(text):
        name, inside = m.groups()
        words = [w.strip(",;:") for w in inside.split()[:7]]
        if words and words[0].lower() in ("a", "an", "the"):
            words.pop(0)
        head = next((i for i, w in enumerate(words[:6]) if w in kinds), None)
        if head is None or any(w.lower() in _FUNCTION_WORDS for w in words[:head]):
            continue  # "(maintainer of the X library)": the kind is not what the name is
        low = name.lower()
        if low in lexicon or low in never or len(name) < 3:
            continue
        if name[:1].isupper() and (
            re.search(rf"(?<![\w-]){re.escape(name)}[ \t]+[A-Z][a-z]", text)
            or re.search(r"[A-Z][a-z]+[ \t]+$", text[max(0, m.start() - 30) : m.start()])
        ):
            continue  # a person's name ("Nadia Kaya (library maintainer)")
        yield name
    for m in _ACRONYM_AFTER.finditer(text):
        head, acronym = m.groups()
        if (
            head in kinds
            and sum(c.isupper() for c in acronym) >= 2
            and acronym.lower() not in never
        ):
            yield acronym


#: a name, then in brackets the pull request or issue about it: ``tarnv2 (#18261)``,
#: ``QuillNet ([#188](...))``, ``quill-sync (PR #12)``
_BEFORE_REFERENCE = re.compile(
    r"(?<![\w./@#-])([A-Za-z][\w.-]*[A-Za-z0-9])(?:[ \t]+(?:refactor|refactoring|rework|rewrite|"
    r"fix|fixes|cleanup|support|migration|changes|split|work|PR))?"
    r"[ \t]+\(\[?(?:(?:PR|pr|issue|Issue)[ \t]*)?#\d+"
)


def _before_references(text: str, lexicon: Lexicon) -> Iterator[str]:
    """The feature or part a pull request is about, named before its number in brackets
    (``tarnv2 (#18261)``, ``the QuillNet refactor (#188)``), as status reports of developer
    calls list them: a name no dictionary lists, with a digit or a capital inside or
    package-shaped; not an English word (``merged (#12)``), jargon (``writeup (#12)``) or a
    person's (``Ana (#12)``)."""
    never = software_lists()[2]
    for m in _BEFORE_REFERENCE.finditer(text):
        name = m.group(1)
        low = name.lower()
        if low in lexicon or low in never or len(name) < 3:
            continue
        shaped = any(c.isdigit() for c in name) or any(c.isupper() for c in name[1:])
        if shaped or _PACKAGE_SHAPE.fullmatch(name):
            yield name  # not a coined word alone: "writeup (#12)" is jargon


def _backticked_kinds(text: str, vocabulary: Vocabulary, names: dict[str, str]) -> Iterator[str]:
    """A word in backticks that a kind of software follows (```viewer` submodule``,
    ```tidy` package``), or that stands in a list with a name in backticks already found
    (```isort` and `black```): software, even when it is an English word."""
    kinds = {w.lower() for w in (*vocabulary.kind_words, *vocabulary.software_words)}
    kinds |= {"submodule", "subpackage", "module", "crate", "gem", "formula"}
    kinds -= {"project", "app"}
    for m in re.finditer(r"`([a-z][a-z0-9_]*)`[ \t]+([a-z]+)\b", text):
        if m.group(2) in kinds:
            yield m.group(1)
    ranked, extra, _never = software_lists()

    def known(word: str) -> bool:
        return word in names or word.lower() in ranked or word.lower() in extra

    for m in re.finditer(r"`([a-z][\w-]*)`[ \t]+(?:and|or|&)[ \t]+`([a-z][\w-]*)`", text):
        first, second = m.groups()
        if known(first) and not known(second):
            yield second
        elif known(second) and not known(first):
            yield first


#: an issue's title after its reference, opened by the part of the software it is about:
#: ``.../issues/21619 logger: Context API``, ``#412 net/http: keep-alive``, ``GH-7 fsck: ...``
_TITLE_PREFIX = re.compile(
    r"(?:/(?:issues|pull|pulls|merge_requests)/\d+|(?<![\w&])#\d+|\b[A-Z][A-Z0-9]+-\d+)"
    r"[)\]>]*:?[ \t]+(?:[-–—][ \t]+)?([a-z][\w.-]*(?:/[a-z][\w.-]*)?[a-z0-9]):[ \t]"
)
#: kinds of change that open titles by convention (``fix: ...``, ``docs: ...``), no software
_CHANGE_KINDS = frozenset(
    "fix fixes feat feature features docs doc chore ci test tests refactor build perf style "
    "revert deps dep bug bugs wip proposal question rfc discussion meta bump release update "
    "breaking security typo cleanup misc other todo note idea".split()
)


def _title_prefixes(text: str, lexicon: Lexicon) -> Iterator[str]:
    """The software part an issue's title opens with (``logger: Context API`` after an
    issue's address or number), as projects title issues by the part they touch; not a
    kind of change (``fix:``, ``docs:``)."""
    for m in _TITLE_PREFIX.finditer(text):
        name = m.group(1)
        if name not in _CHANGE_KINDS and name.split("/")[0] not in _CHANGE_KINDS:
            yield name


_CAMEL_PARTS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def _code_symbol(word: str, lexicon: Lexicon) -> bool:
    """``ParticleList``, ``LinkedHashMap``, ``BigInt64Array``: a CamelCase word made only of
    English words (and numbers) is an identifier in code, not a component's name."""
    parts = _CAMEL_PARTS.findall(word)
    words = [p for p in parts if not p.isdigit()]
    return (
        len(parts) >= 2
        and word[:1].isupper()
        and any(c.islower() for c in word)
        and all(len(p) >= 2 and p.lower() in lexicon for p in words)
    )


def _kinds_named(text: str, vocabulary: Vocabulary) -> Iterator[Named]:
    """``the CLI`` where the minutes name one package of that kind (``wkb-cli``): that
    package; with two (``a-cli``, ``b-cli``) or none, nothing."""
    kinds = {k.lower(): k for k in vocabulary.software_words if len(k) >= 3}
    if not kinds:
        return
    either = "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True))
    packages: dict[str, set[str]] = {}
    pattern = rf"(?<![\w./-])[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*?[-_]({either})(?![\w-])"
    for m in re.finditer(pattern, text):
        packages.setdefault(m.group(1), set()).add(m.group(0))
    for kind, found in packages.items():
        if len(found) != 1:
            continue
        (package,) = found
        for m in re.finditer(rf"\b[Tt]he ({re.escape(kinds[kind])})\b(?![-_])", text):
            yield m.start(1), m.end(1), "Component", package


def _modifier(text: str, start: int, end: int) -> bool:
    """``the Windows installer``: a capitalised word after an article and before a noun
    describes that noun (``the Nightjar docs`` too); the noun is what is named."""
    before = text[max(0, start - 4) : start].lower()
    after = re.match(r" ([a-z]+)\b", text[end : end + 30])
    return before.endswith(("the ", " a ", "an ")) and bool(
        after and after.group(1) not in _FUNCTION_WORDS
    )


def _indefinite(text: str, start: int, end: int) -> bool:
    """``an arm64 build``, ``a graftlib plugin``: after "a"/"an" and before a noun, a
    word says what kind of thing is meant; software is named, not described so."""
    before = text[max(0, start - 4) : start].lower()
    after = re.match(r" ([a-z]+)\b", text[end : end + 30])
    article = before.endswith((" a ", " an ")) or before in ("a ", "an ")
    return article and bool(after and after.group(1) not in _FUNCTION_WORDS)


def _attributive(text: str, word: str, end: int, lexicon: Lexicon, vocabulary: Vocabulary) -> bool:
    """A hyphenated compound of English words (or a word and a version tag) used before a
    noun: ``template-building code``, ``big-endian targets``, ``page-v3 flag``."""
    if "-" not in word or not lexicon:
        return False
    parts = word.split("-")
    if not all(p in lexicon or re.fullmatch(r"v?\d+", p) for p in parts):
        return False
    after = re.match(r" ([a-z]+)\b", text[end : end + 30])
    software = {w.lower() for w in vocabulary.software_words}
    follower = after.group(1) if after else ""
    if follower.endswith("ed"):  # "`lint-rules` changed": a verb follows a name
        return False
    return bool(follower) and follower not in (
        _FUNCTION_WORDS | software | lexicon.stop_words | _TIME_WORDS
    )


def _beside_software(text: str, cue: Any, word: str, lexicon: Lexicon) -> bool:
    """After a weak cue (``uses``), a capitalised word that is no English word names
    software when a package-like name holds the cue: ``kelp_fit uses Numba``."""
    if word.lower() in lexicon:
        return False
    before = list(_TOKEN.finditer(text[max(0, cue.start - 60) : cue.start]))
    return bool(before) and (
        _package_like(before[-1].group(0), lexicon, near_cue=True)
        or _coined(before[-1].group(0), lexicon)
    )


#: capitalised words going on with a title after its head (``License List``), up to two
_TITLE_GOES_ON = re.compile(r"(?: [A-Z][a-z]+){1,2}(?![\w-])")


def _documents(text: str, vocabulary: Vocabulary) -> Iterator[Named]:
    teams = {w.lower() for w in vocabulary.team_words}
    # words after a document's name that make a name of their own (a team, an event, a
    # body): "Code of Conduct Committee", "the Roadmap Review"
    stops = teams | {w.lower() for w in vocabulary.organization_words} | vocabulary.event_words
    stops |= {w.lower() for w in vocabulary.document_words} | {"the", "and", "of", "for"}
    from ingest.resolve.people import dictionary

    common, proper = dictionary()
    if vocabulary.document_words:
        ends = "|".join(re.escape(w) for w in sorted(vocabulary.document_words, key=len)[::-1])
        pattern = re.compile(
            rf"(?<![\w-])({_CAP_WORD} (?:(?:(?:of|for|on|to) )?"
            rf"(?:{_CAP_WORD}|\d+(?:\.\d+)+) ){{0,5}})(?:{ends})"
            rf"(?: v?\d+(?:\.\d+)*)?(?![\w-])"
        )
        for m in pattern.finditer(text):
            start = m.start()
            words = m.group(1).split()
            while words and words[0] in vocabulary.determiners:
                start += len(words.pop(0)) + 1
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", m.end()) % (len(text) + 1)
            lead = text[line_start:start]
            if (
                not words
                or not lead.strip(" #*-")
                and not lead.strip(" ").startswith(("-", "*", "+"))
                and not text[m.end() : line_end].strip(" *:")
            ):
                continue  # a heading, not a mention (a list entry is one)
            if words and words[-1].lower() in teams:
                continue  # "the Legal Team Report": a team reporting, no named document
            end = m.end()
            more = _TITLE_GOES_ON.match(text, end)  # "the Quill License List": a longer title
            if more and all(
                w.lower() not in stops and w.lower() in common and w not in proper
                for w in more.group(0).split()
            ):
                end = more.end()  # not "the Release Plan Ana wrote", "the Policy Monday"
            yield start, end, "Document", text[start:end]
    for m in re.finditer(r"(?<![\w-])RFC (\d{1,5})(?![\w-])", text):
        yield m.start(), m.end(), "Document", m.group(0)


def find_named(
    text: str,
    cues: Iterable[Any],
    vocabulary: Vocabulary,
    lexicon: Lexicon,
    title: str | None = None,
) -> list[Named]:
    """Software, documents and teams named by the rules of this module (may overlap);
    ``title`` is the document's title (``the Board`` is the board it names)."""
    teams = list(find_teams(text, vocabulary, title, lexicon))
    team_names = {name for _s, _e, _kind, name in teams}
    software = [
        n for n in _software(text, list(cues), vocabulary, lexicon) if n[3] not in team_names
    ]
    from ingest.extract.documents import (
        governance_documents,
        labelled_links,
        labelled_titles,
        quoted_titles,
    )

    labelled = labelled_links(
        text,
        vocabulary.link_not_documents,
        lexicon,
        vocabulary.link_not_titles,
        {*vocabulary.document_heads, "proposal", "proposals"},
    )
    # a team is no software guess; a title before an address is its document's name
    titled = [*quoted_titles(text, vocabulary.document_heads)]
    titled += labelled_titles(text, vocabulary.document_heads)
    titled += governance_documents(text, getattr(lexicon, "stop_words", frozenset()), lexicon)
    quoted = [(f.start, f.end, f.type, f.name) for f in titled]
    return [*software, *_documents(text, vocabulary), *teams, *labelled, *quoted]


def _one_type_per_employer(found: list[Any]) -> list[Any]:
    """A name the rules made software only by its shape (``ROpenSci``), written elsewhere as
    someone's employer (``an editor at rOpenSci``), is that organisation there too, in any
    case; a vocabulary's software (``GitHub``) keeps both readings."""
    orgs = {f.name.lower(): f.name for f in found if f.type == "Organization"}
    if not orgs:
        return found
    ranked, extra, _never = software_lists()
    out = []
    for f in found:
        low = f.name.lower()
        if f.type == "Component" and low in orgs and low not in ranked and low not in extra:
            f = type(f)(f.start, f.end, "Organization", orgs[low], f.surface, f.aliases)
        out.append(f)
    return out


def _titled_subjects(
    text: str, found: list[Any], lexicon: Lexicon, event_words: Iterable[str]
) -> list[Any]:
    """``found`` without organisations and teams that are a title's words, not a body:

    - a name inside a quoted title with more words (``"Scheduling for Distributed Storage
      Systems"``);
    - a name ending with a weak organisation word (``organization_forms.yaml``:
      ``Systems``, ``Technologies``) whose other words are all English (``Distributed Storage
      Systems``, ``Control Systems``), or that an event word follows (``Harbour Systems
      Conference``): a subject or an event, where ``Cisco Systems`` is a company."""
    from ingest.extract.documents import _QUOTED
    from ingest.resolve.vocab import word_list

    weak = word_list("organization_forms.yaml", "weak_endings")
    events = {w.lower() for w in event_words}
    quotes = [(m.start(2), m.end(2)) for m in _QUOTED.finditer(text)]
    out = []
    for f in found:
        if f.type in ("Organization", "Team"):
            if any(s <= f.start and f.end <= e and (s, e) != (f.start, f.end) for s, e in quotes):
                continue
            words = f.name.split()
            if f.type == "Organization" and len(words) >= 2 and words[-1].lower() in weak:
                after = re.match(r"[ \t]+([A-Za-z]+)", text[f.end : f.end + 30])
                named = [
                    w
                    for w in words[:-1]
                    if any(
                        p.lower() not in lexicon or p.isupper() for p in re.split(r"[-/]", w) if p
                    )
                ]
                if not named or (after and after.group(1).lower() in events):
                    continue
        out.append(f)
    return out


#: a clock time just before a word in capitals: ``10a PDT``, ``9:30am ET``, ``16:00 UTC``
_CLOCK_BEFORE = re.compile(
    r"\b\d{1,2}(?::\d\d[ \t]*(?:[ap]\.?m\.?)?|[ \t]*[ap]\.?m?\.?)[ \t]*$", re.I
)
#: a person's full name, then in brackets what stands after it: ``Ana B. Lima (ABL)``
_NAME_BEFORE_BRACKET = re.compile(
    r"([A-Z][\w'’-]+)(?:[ \t]+[A-Z][\w'’.-]*)*[ \t]+([A-Z][\w'’-]+)[ \t]*\($"
)


def _no_zones_or_initials(text: str, found: list[Any]) -> list[Any]:
    """``found`` without an acronym that is a time zone or someone's initials, whatever a
    list makes of it: the zone after a clock time (``10a PDT``, ``9am ET``) and the
    initials in brackets after a person's name that open with the name's first letter and
    hold its last name's (``Ana B. Lima (ABL)``, ``Rui Costa (RCO)``)."""
    out = []
    for f in found:
        word = f.surface
        if f.type != "Person" and 2 <= len(word) <= 4 and word.isupper() and word.isalpha():
            if _CLOCK_BEFORE.search(text, max(0, f.start - 12), f.start):
                continue
            named = _NAME_BEFORE_BRACKET.search(text, max(0, f.start - 60), f.start)
            if (
                named is not None
                and text.startswith(")", f.end)
                and word[0] == named.group(1)[0]
                and named.group(2)[0] in word[1:]
            ):
                continue
        out.append(f)
    return out


def _platforms(text: str, found: list[Any]) -> list[Any]:
    """``found`` without an operating system named as the platform something runs on
    (``data/vocab/software_platforms.yaml``): beside another platform (``Windows, Linux
    and macOS``, ``Linux/FreeBSD``), after ``on`` (``fails on Windows``) or before a
    word of builds (``the Linux installers``). Named otherwise (``adopting Linux``) it stays
    software."""
    from ingest.resolve.vocab import word_list

    names = word_list("software_platforms.yaml", "platforms")
    if not names or not any(f.type == "Component" and f.name.lower() in names for f in found):
        return found
    builds = word_list("software_platforms.yaml", "build_words")
    either = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    other = re.compile(rf"(?<![\w-])(?:{either})(?![\w-])", re.I)
    out = []
    for f in found:
        if f.type == "Component" and f.name.lower() in names:
            line_start = text.rfind("\n", 0, f.start) + 1
            line_end = text.find("\n", f.end) % (len(text) + 1)
            near = [
                m
                for m in other.finditer(text, line_start, line_end)
                if m.start() != f.start and abs(m.start() - f.start) < 40
            ]
            joined = any(
                re.fullmatch(r"[ \t]*(?:[,/&+]|or|and)[ \t]*(?:or[ \t]+|and[ \t]+)?", between)
                for m in near
                for between in (text[min(f.end, m.end()) : max(f.start, m.start())],)
            )
            after = re.match(r"[ \t]+([\w-]+)", text[f.end : f.end + 30])
            on = re.search(r"\bon[ \t]+$", text[max(0, f.start - 10) : f.start])
            if joined or on or (after and after.group(1).lower() in builds):
                continue  # "Windows and Linux", "the Linux installers": a platform
        out.append(f)
    return out


def _opening_words(text: str, found: list[Any], lexicon: Lexicon) -> list[Any]:
    """A team or organisation whose name opens its sentence with a function word (``Per
    Tooling WG advice, ...``, ``Once Steering Council signs off, ...``, ``Unless Board
    objects, ...``) is named without that word: a capital that only opens a sentence
    names nothing. Only a stop word of English (``see``, ``after``, ``should``), never a
    noun or an adjective (``Release Team``, ``Security Council``)."""
    stop = getattr(lexicon, "stop_words", frozenset())
    if not stop:
        return found
    out = []
    for f in found:
        if f.type in ("Team", "Organization") and f.surface == f.name and " " in f.name:
            first, rest = f.name.split(" ", 1)
            # read near the name only: a regex over the whole line before it made a
            # megabyte-long line quadratic
            line_start = text.rfind("\n", 0, f.start) + 1
            lead = text[max(line_start, f.start - 400) : f.start]
            blank = not lead.strip(" \t#*>-+") and (
                f.start - line_start <= 400 or not text[line_start : f.start].strip(" \t#*>-+")
            )
            ended = lead.rstrip(" \t")
            opens = blank or (len(ended) < len(lead) and ended[-1:] in (".", "!", "?", ":", ";"))
            if opens and first.lower() in stop and first[0].isupper() and first[1:].islower():
                start = f.start + len(first) + 1
                f = type(f)(start, f.end, f.type, rest, rest, f.aliases)
        out.append(f)
    return out


def _addons(text: str, found: list[Any], terms: Any = ()) -> list[Any]:
    """``the Quillmark plugin``, ``Tarn SDK``, ``USD Quill plugin``: capitalised words before
    a kind of add-on (``data/vocab/software_kinds.yaml``) name a component with the kind,
    over the names found inside them (the add-on is not the product it extends); not a
    word of its sort alone (``a GUI plugin``), a person's or a body's name (``Ana Lima
    plugin``) or one known product alone (``the S3 plugin`` stays a mention of S3, like
    ``the GitHub repo``). The look-back is :func:`ingest.extract.products.names_before`'s."""
    from ingest.resolve.vocab import word_list

    ranked, extra, _ = software_lists()

    def listed(name: str) -> bool:  # software the lists know whatever the sentence says
        return name.lower() in ranked or name.lower() in extra or name in terms

    kinds = word_list("software_kinds.yaml", "addon_kinds")
    low = text.lower()
    if not kinds or not any(k.lower() in low for k in kinds):
        return found
    return names_before(
        text,
        kinds,
        found,
        hyphenated=False,
        openers=DETERMINERS,
        blocked_by=("Person", "Team", "Organization"),
        capital_nouns=False,
        generic=word_list("software_kinds.yaml", "not_addon_names"),
        listed=listed,
        replace=True,
    )


def settle_names(text: str, found: list[Any], matchers: Any, clean: Any = None) -> list[Any]:
    """A last look over the names the rules found in ``text`` (``matchers`` of
    :func:`ingest.extract.nlp.build_matchers`; ``clean`` the clean text, for its links):

    - an organisation that only opens a longer name (``Acme Summer of Code``) is none;
    - a service said as someone's employer (``representing Acmebook``) is its company, and
      so is a name no rule knows said so (``an editor at rQuill``);
    - the acronym of a team or organisation found (``QTF`` of the ``Quillon Trust
      Foundation``) names it too;
    - a repository named by its address or by a link to it is a component
      (``github.com/acme/tidewatch``, ``[Tide Watch](https://github.com/acme/tidewatch)``),
      over the names inside its link's text (``GitHub`` of ``[Better GitHub](...)``)."""
    vocabulary = matchers.vocabulary
    lexicon = load_lexicon(matchers.nlp, vocabulary.common_words)
    found = _titled_subjects(text, found, lexicon, vocabulary.event_words)
    found = _addons(text, found, matchers.terms)
    found = _opening_words(text, _no_zones_or_initials(text, _platforms(text, found)), lexicon)
    found = employers(text, inside_longer_names(text, found, vocabulary))
    found = [*found, *acronym_mentions(text, found)]
    found += employer_names(text, found, lexicon)
    found = _one_type_per_employer(found)
    repos = list(repositories(text))
    if clean is not None:
        repos += linked_repositories(clean)
    for repo in repos:
        inside = [f for f in found if f.start < repo.end and repo.start < f.end]
        if all(repo.start <= f.start and f.end <= repo.end and f.type != "Ticket" for f in inside):
            found = [f for f in found if f not in inside]
            found.append(repo)
    return sorted(found, key=lambda f: f.start)
