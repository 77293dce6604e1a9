"""Software named by how minutes write it around a name: a product noun after it, a version
after it, a family of packages sharing its first part.

- ``product_heads`` (``data/vocab/name_rules.yaml``): a name followed by one of these is a
  component named with it: ``the Quillmark website``, ``the TSC mailing list``, ``the WASI test
  suite``, ``Tern Desktop``, ``the GHC API``; not when the name is itself known software
  (``the GitHub repo`` is GitHub's), a person, or an English word (``the new website``);
- a version after a capitalised name that is no English word: ``Fenwick 4.2.1``,
  ``Fenwick 5.0``, ``Gdalx.6`` name the software ``Fenwick``, wherever else the minutes write
  it too;
- packages of one family: snake_case names sharing a first part with another such name or
  with a word the minutes use alone (``kelp_whiten``, ``kelp_gate`` and ``kelp``).

>>> [f.name for f in versioned_software("Fenwick 4.2.1 waits for Fenwick 5.0.", frozenset())]
['Fenwick', 'Fenwick']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from typing import Any

from ingest.extract.identifiers import Found

__all__ = [
    "DETERMINERS",
    "names_before",
    "headed_products",
    "versioned_software",
    "package_families",
    "coordinated_software",
]

_CAPITAL = r"[A-Z][\w.+#-]*"
#: a name before a product noun: one to three capitalised words or acronyms, or a
#: lower-case hyphenated word (``core-dev``)
_NAME_BEFORE = re.compile(
    rf"((?:{_CAPITAL}|[a-z][a-z0-9]*-[a-z0-9-]+)(?:[ \t]+{_CAPITAL}){{0,2}})[ \t]+$"
)
#: the same, capitalised words only (``the Quill Tern plugin``)
_CAPITALISED_BEFORE = re.compile(rf"({_CAPITAL}(?:[ \t]+{_CAPITAL}){{0,2}})[ \t]+$")
#: words that open a noun phrase before a name, never part of it (``the``, ``our``)
DETERMINERS = frozenset("The A An This That Our Their Its Any No Some Each Every".split())
#: those and words that describe the product rather than name it (``the New website``)
_NOT_NAMES = DETERMINERS | frozenset(
    "These Those New Old Main Public Private Official Internal External Other Same Whole Next "
    "Last First Current".split()
)


def names_before(
    text: str,
    nouns: Iterable[str],
    known: Iterable[Any],
    *,
    kinds: Iterable[str] = (),
    english: Container[str] = frozenset(),
    hyphenated: bool = True,
    openers: Container[str] = _NOT_NAMES,
    blocked_by: Container[str] = ("Component", "Person"),
    capital_nouns: bool = True,
    generic: Container[str] = frozenset(),
    listed: Callable[[str], bool] | None = None,
    replace: bool = False,
) -> list[Any]:
    """``known`` with the components named by the words before a noun: the name and a noun
    of ``nouns`` (``the Quillmark website``), or the name alone before a noun of ``kinds``
    (``the harbor-sync service``).

    The name is one to three capitalised words (with ``hyphenated``, or a lower-case
    hyphenated word first: ``core-dev``) right before the noun, within 60 characters, past
    the words of ``openers`` that open it (``the``, ``our``, ``New``). It is none where it
    overlaps a name of ``known`` whose type is in ``blocked_by`` (``the GitHub repo`` is
    GitHub's, ``Ana Lima plugin`` hers); with ``capital_nouns`` a noun listed with a capital
    names a product of its own even after known software (``the GHC API``, ``Tern Desktop``)
    and only a person's name stops it. Not English words before a noun of ``nouns`` (``the
    Community website``); not a name after ``/``, ``.``, ``@``, ``#`` or an apostrophe;
    before a noun of ``kinds``, only one coined word (``the Kafka service`` is Kafka's).

    For names that keep their noun whatever the words are (add-ons: ``the Quillmark
    plugin``): ``generic``, lower-case words that say what sort the noun is: a name made only
    of them is none, and a component another rule read ending with the noun is dropped (``a
    GUI plugin``); ``listed``, known software: a component of ``known`` that is the whole
    name and that ``listed`` knows keeps its own mention (``the S3 plugin``, like ``the
    GitHub repo``); ``replace``: the new name replaces the components found inside it."""
    out = list(known)
    nouns, kinds = list(nouns), list(kinds)
    if not nouns and not kinds:
        return out
    taken = [(f.start, f.end) for f in out if f.type in blocked_by]
    people = [(f.start, f.end) for f in out if f.type == "Person"]
    with_head = {h.lower() for h in nouns}
    #: nouns listed with a capital name a product of their own even after known software
    #: ("the GHC API", "ROCm CI", "Tern Desktop"); lower-case ones ("repo") its own part
    own_name = {h.lower() for h in nouns if h[:1].isupper()} if capital_nouns else set()
    name_before = _NAME_BEFORE if hyphenated else _CAPITALISED_BEFORE
    alternatives = "|".join(re.escape(h) for h in sorted({*nouns, *kinds}, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\w-])(?:{alternatives})(?![\w-])", text, re.IGNORECASE):
        before = name_before.search(text, max(0, m.start() - 60), m.start())
        if before is None:
            continue
        words = before.group(1).split()
        while words and words[0] in openers:
            words.pop(0)
        if not words:
            continue
        start = m.start() - len(before.group(0)) + before.group(0).index(words[0])
        name_end = m.start() - len(before.group(0)) + len(before.group(1))
        if generic and all(w.lower() in generic for w in words):
            out = [f for f in out if not (f.type == "Component" and f.end == m.end())]
            continue  # "a GUI plugin": a sort of add-on, whichever rule read a name in it
        kind = m.group(0).lower() not in with_head
        blocking = people if m.group(0).lower() in own_name else taken
        if any(s < m.start() and start < e for s, e in blocking):
            continue  # "the GitHub repo": GitHub's own; "Ana Lima plugin": someone's
        if not kind and any(_english(w, english) for w in words):
            continue  # "the Community website", "Docs mailing list": words, not a name
        if text[start - 1 : start] in ("/", ".", "@", "#", "'", "’"):
            continue
        end = m.end()
        if kind:
            end = name_end
            if len(words) > 1 or not _coined(words[0]) or words[0] in english:
                continue  # "the Kafka service" is Kafka's; only a coined name is new
        if listed is not None and any(
            f.type == "Component" and (f.start, f.end) == (start, name_end) and listed(f.surface)
            for f in out
        ):
            continue  # "the S3 plugin": one known product's own part, as "the GitHub repo"
        if replace:
            out = [
                f for f in out if not (f.type == "Component" and start <= f.start and f.end <= end)
            ]
        name = " ".join(text[start:end].split())
        out.append(Found(start, end, "Component", name, text[start:end]))
    return out


def headed_products(
    text: str,
    heads: Sequence[str],
    kinds: Sequence[str],
    english: Container[str],
    known: Iterable[Any],
) -> Iterator[Found]:
    """``the Quillmark website``, ``the TSC mailing list``: a name and the product noun after it
    (``heads``) are a component; ``the harbor-sync service``: a name before a kind of
    software (``kinds``) is one (:func:`names_before`, its new names).

    ``known`` are matches found before: a known software name before the noun names its
    own product (``the GitHub repo``), a person's name none; a team's does (``the TAC
    repository``, ``the TSC mailing list``)."""
    known = list(known)
    yield from names_before(text, heads, known, kinds=kinds, english=english)[len(known) :]


def _english(word: str, english: Container[str]) -> bool:
    if word.isupper() or any(c.isdigit() for c in word):
        return False
    parts = [p for p in re.split(r"[-_.]", word.lower()) if p]
    return all(p in english for p in parts)


#: first parts that make a hyphenated word an ordinary compound (``pre-ops``, ``non-core``)
_PREFIXES = frozenset(
    "pre post non anti semi inter multi sub self co re cross open high low long short real "
    "well half full user hard soft mid end top".split()
)


def _coined(word: str) -> bool:
    """``harbor-sync``, ``tessera-api``: a lower-case hyphenated name (its parts may be
    English words: the hyphen makes them a name)."""
    parts = word.split("-")
    return bool(re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+", word)) and parts[0] not in _PREFIXES


_VERSIONED = re.compile(
    r"(?<![\w./@#$-])([A-Z][A-Za-z][\w+#-]*)(?: v?|\.)(\d+\.\d+(?:\.\d+)*|\d+(?=\.?\s|$))"
    r"(?![\w.-]*\w)(?![ \t]*(?:mins?|minutes?|hours?|h|days?|weeks?|%|people|pm|am)\b)"
)


def versioned_software(
    text: str, english: Container[str], known: Iterable[Any] = ()
) -> Iterator[Found]:
    """``Fenwick 4.2.1``, ``Scala 3.3``, ``PROJ.6``: a capitalised name (no English word,
    no team, organisation or document found before) and its version name that software,
    and so does the name alone wherever written."""
    others = {f.surface for f in known if f.type in ("Team", "Organization", "Document")}
    names: set[str] = set()
    for m in _VERSIONED.finditer(text):
        name = m.group(1)
        if name.lower() in english or name.rstrip("s").lower() in english or name in others:
            continue
        if re.search(r"[A-Z][\w'’.-]* $", text[max(0, m.start() - 30) : m.start()]):
            continue  # "John Swinbank 30 mins": the end of a person's name, not a product
        if m.group(2).isdigit() and text[m.start(2) - 1] == " " and len(m.group(2)) > 1:
            continue  # "Meeting 12", "Sprint 42": a number, not a version
        if "." not in m.group(2) and text[m.end(1) : m.start(2)].strip():
            continue
        names.add(name)
        yield Found(m.start(), m.end(), "Component", name, m.group(0))
    for name in sorted(names):
        for m in re.finditer(
            rf"(?<![\w./@#$-]){re.escape(name)}(?![\w@/$-]|\.\w|[ \t]+v?\d)", text
        ):
            yield Found(m.start(), m.end(), "Component", name, name)


_SNAKE = re.compile(r"(?<![\w./@$:&=?%-])([a-z][a-z0-9]*)(?:_[a-z0-9]+)+(?![\w/@$-]|\.\w)")


def package_families(text: str, english: Container[str]) -> Iterator[Found]:
    """``kelp_whiten``, ``kelp_gate``: snake_case names whose first part another such
    name shares, or that the minutes write alone (``kelp``), are packages of one family;
    so is the first part alone. Not English first parts (``max_size``, ``test_foo``)."""
    members: dict[str, set[str]] = {}
    for m in _SNAKE.finditer(text):
        members.setdefault(m.group(1), set()).add(m.group(0))
    families = set()
    for prefix, found in members.items():
        if len(prefix) < 3 or prefix in english:
            continue
        alone = re.search(rf"(?<![\w./@#$-]){re.escape(prefix)}(?![\w@/$-]|\.\w)", text)
        if len(found) >= 2 or alone:
            families.add(prefix)
    if not families:
        return
    for m in _SNAKE.finditer(text):
        if m.group(1) in families:
            yield Found(m.start(), m.end(), "Component", m.group(0), m.group(0))
    alone = "|".join(map(re.escape, sorted(families)))
    for m in re.finditer(rf"(?<![\w./@#$-])(?:{alone})(?![\w@/$-]|\.\w)", text):
        yield Found(m.start(), m.end(), "Component", m.group(0), m.group(0))


#: one list entry: a word, with dots, hyphens, digits, ``+`` or ``#`` inside (``TASTy-MiMa``)
_ENTRY = r"[A-Za-z][\w+#]*(?:[-.][\w+#]+)*"
#: what joins two entries of a list: a comma, "and", "or", "&", a slash
#: (a comma may end a wrapped line: "Rucio, Gaudi,\nROOT")
_JOIN = (
    r"(?:[ \t]*,(?:[ \t]*\n)?[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+|[ \t]*/[ \t]*)"
)
_NEXT = re.compile(
    rf"{_JOIN}({_ENTRY})(?=[ \t]*(?:[,/&)?!;:]|\.(?!\w)|$|[ \t]+(?:and|or)\b))", re.M
)
_PREVIOUS = re.compile(rf"(?:^|(?<=[\s(,/]))({_ENTRY}){_JOIN}$")


def coordinated_software(
    text: str, english: Container[str], known: Iterable[Any], never: Container[str] = ()
) -> Iterator[Found]:
    """``Rucio, ROOT``, ``Redis or Valkee``, ``kilnctl and tidemark``: a list entry beside
    known software is software too when it is a name: no English word, no person, team or
    organisation found before, no word of a longer phrase (``Kafka and stream processing``).
    The new entry extends the list in turn (``ROOT, Rucio, Gaudi``)."""
    spans = sorted((f.start, f.end) for f in known if f.type == "Component")
    others = [(f.start, f.end) for f in known if f.type != "Component"]
    seen = set(spans)
    queue = list(spans)
    while queue:
        start, end = queue.pop()
        candidates = []
        m = _NEXT.match(text, end)
        if m is not None:
            candidates.append((m.start(1), m.end(1)))
        line_start = text.rfind("\n", 0, start) + 1
        p = _PREVIOUS.search(text, max(line_start, start - 80), start)
        if p is not None:
            candidates.append((p.start(1), p.end(1)))
        for s, e in candidates:
            word = text[s:e].rstrip(".")
            e = s + len(word)
            if (s, e) in seen or any(a < e and s < b for a, b in others):
                continue
            if len(word) < 3 or word.lower() in never:
                continue
            if _english(word, english) and not (
                word[:1].isupper()
                and word[1:].islower()
                and _between_names(text, s, e, english, seen)
            ):
                continue
            if word[:1].isupper() and word[1:].islower() and word.lower() in english:
                if not _between_names(text, s, e, english, seen):
                    continue  # "Kafka and Streams": a word, unless a name follows it
            if text[max(0, s - 1) : s] in ("@", "#", "/") and text[e : e + 1] != " ":
                continue
            if word[:1].isupper() and _person_like(text, word):
                continue
            seen.add((s, e))
            queue.append((s, e))
            yield Found(s, e, "Component", word, word)


def _between_names(
    text: str, start: int, end: int, english: Container[str], known: set[tuple[int, int]]
) -> bool:
    """``TASTy-MiMa, Metals and Kelpie``: a capitalised English word inside a list, not its
    first word, between software before it (``known``: found so far) and a name after it
    (software found or a word no dictionary lists: ``Kelpie``, ``BSP``) names software
    too; ``GitHub, Email and Phone`` names none."""
    m = _NEXT.match(text, end)
    if m is None:
        return False
    p = _PREVIOUS.search(text, max(0, start - 80), start)
    if p is None or (p.start(1), p.end(1)) not in known:
        return False
    after = m.group(1).rstrip(".")
    span = (m.start(1), m.start(1) + len(after))
    return span in known or (
        after[:1].isupper() and not _english(after, english) and after.lower() not in english
    )


def _person_like(text: str, word: str) -> bool:
    """Whether the minutes use ``word`` as a person's name somewhere: before a capitalised
    word (``Kipp Smith``), as a speaker (``Kipp:`` opening a line) or after ``@``."""
    w = re.escape(word)
    return bool(
        re.search(rf"(?<![\w-]){w}[ \t]+[A-Z][a-z]", text)
        or re.search(rf"(?m)^[ \t*>-]*{w}[ \t]*:", text)
        or re.search(rf"@{w}\b", text)
    )
