"""Ends of a cued relation that no vocabulary lists, named by the parse.

``Ana maintains quillsync``, ``meshd depends on Corvid``: the object of a relation cue
(or a component subject of a dependency) is a name when its head or a compound of it is
a proper noun or a coined word no English dictionary lists; that name becomes an entity
of the type the predicate's side calls for. A generic head after the name (``the
quillsync package``) is left out of the name. Ordinary words never become entities.

Minutes writers often name software with rare dictionary words (``the tidemark service``,
``railyard``). Such a word is a name too when the grammar puts it where a name goes -- the
modifier of a generic software head (``the tidemark service``) or a bare singular noun with
no determiner (``Ana owns tidemark``) -- and the statistical model never saw it in its
training text (its string table, read once from the model's files): common words
(``the storage service``, ``Ana owns documentation``) are all in that table.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ingest.extract.relations import (
    ALLOWED,
    STRONG_DEPENDENCY_CUES,
    VERSION_BUMPS,
    WEAK_CUES,
    EntityRef,
    _governor,
    _object_roots,
    _refs_under,
    _root_of,
    _subject_roots,
    _tokens_of,
    part_of,
    relation_words,
)
from ingest.resolve.vocab import default_vocab_dir

__all__ = ["member_ends", "named_ends", "seen_words"]

#: heads that say what kind of software a name is ("the quillsync package")
_GENERIC = relation_words("software_heads")
#: heads that name one system of a project when written alone after "the" ("the scheduler")
_SYSTEMS = relation_words("system_heads")
#: kinds of document a person can own ("the release checklist", "the migration guide")
_DOCUMENT_HEADS = relation_words("document_heads")
_MODIFIERS = frozenset(
    {"det", "poss", "amod", "compound", "nummod", "nmod", "prep", "relcl", "acl"}
)
_TEAM_WORDS = relation_words("group_words")
_NAME_DEPS = frozenset({"compound", "flat", "nmod"})


@lru_cache(maxsize=2)
def _organisation_endings_in(path: str) -> frozenset[str]:
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
    except OSError:
        return frozenset()
    return frozenset(str(w).lower() for w in data.get("organization_endings") or ())


def _organisation_endings() -> frozenset[str]:
    """``organization_endings`` of ``name_rules.yaml``: last words of an organisation's name."""
    return _organisation_endings_in(str(default_vocab_dir() / "name_rules.yaml"))


@lru_cache(maxsize=2)
def _strings_of(path: str) -> frozenset[str]:
    try:
        with open(Path(path) / "vocab" / "strings.json", encoding="utf-8") as f:
            return frozenset(s.lower() for s in json.load(f) if isinstance(s, str))
    except (OSError, ValueError):
        return frozenset()


def seen_words(nlp: Any) -> frozenset[str]:
    """The words the model ``nlp`` saw in its training text (its saved string table), lower
    case; empty when the model has no files (a blank pipeline): then nothing is rare."""
    path = getattr(nlp, "path", None)
    return _strings_of(str(path)) if path else frozenset()


def _rare(token: Any, seen: frozenset[str]) -> bool:
    """A lower-case word the model never saw, written where a name goes: right before a
    generic software head (``the tidemark service``) or as a bare singular noun with no
    determiner or possessive (``owns tidemark``). A hyphenated word counts when one of its
    long parts is unseen (``the sphinx-lumen theme``)."""
    word = token.text
    if not seen or word != word.lower() or len(word) < 4 or not word.isalpha():
        return False
    if word in seen or token.is_stop or token.tag_ == "NNPS":
        return False
    head = token
    while head.dep_ in ("compound", "amod") and head.head.i > head.i:  # sphinx-lumen theme
        head = head.head
    if head.i != token.i:
        return head.lower_ in _GENERIC
    # "The linter, lintwise, which ...": a determiner before a comma is the other noun's
    comma = max((c.i for c in token.children if c.text == "," and c.i < token.i), default=-1)
    return token.tag_ != "NNS" and not any(
        c.dep_ in ("det", "poss", "compound", "nummod") and c.i > comma for c in token.children
    )


def _the_system(root: Any, predicate: str) -> bool:
    """``Bob owns the scheduler``: the one system of its kind the meeting's project has, a
    software head alone after ``the`` as what a person is responsible for."""
    return (
        predicate == "responsibleFor"
        and root.lower_ in _SYSTEMS
        and root.tag_ == "NN"
        and [c.lower_ for c in root.children if c.dep_ in _MODIFIERS] == ["the"]
    )


def _the_document(root: Any, predicate: str) -> bool:
    """``Rangi owns the release checklist``: a document kind after ``the`` and plain noun
    compounds, as what a person is responsible for (``the proposal`` alone is no name: it
    points back to one named earlier)."""
    if predicate != "responsibleFor" or root.lower_ not in _DOCUMENT_HEADS or root.tag_ != "NN":
        return False
    modifiers = [c for c in root.children if c.dep_ in _MODIFIERS]
    compounds = [c for c in modifiers if c.dep_ == "compound"]
    return (
        [c.lower_ for c in modifiers if c.dep_ != "compound"] == ["the"]
        and bool(compounds)
        and all(c.pos_ == "NOUN" and c.is_lower and c.i < root.i for c in compounds)
    )


def _hyphenated(tokens: Sequence[Any], lexicon: Any) -> bool:
    """A lower-case hyphen-joined name right before a generic head (``the nightly-reports
    job``, ``the session-broker service``) that no dictionary lists as one word."""
    if len(tokens) < 3 or not any(t.text == "-" for t in tokens):
        return False
    word = "".join(t.text for t in tokens)
    head = tokens[-1].head
    return (
        word == word.lower()
        and all(t.whitespace_ == "" for t in tokens[:-1])
        and head.i == tokens[-1].i + 1
        and head.lower_ in _GENERIC
        and word.replace("-", "").isalpha()
        and word not in lexicon
    )


def _name_tokens(root: Any) -> list[Any]:
    """The root and the compounds written right before it, with the parts of a hyphenated
    word among them (``nightly-reports`` of ``the nightly-reports job``)."""
    doc = root.doc
    tokens = [root]
    while tokens[0].i > 0:
        before = doc[tokens[0].i - 1]
        if before.head.i == root.i and before.dep_ in _NAME_DEPS:
            tokens.insert(0, before)
        elif (
            before.text == "-"
            and not before.whitespace_
            and before.i > 0
            and not doc[before.i - 1].whitespace_
            and doc[before.i - 1].is_alpha
            and doc[before.i - 1].is_lower
            and tokens[0].is_lower
        ):
            tokens[:0] = [doc[before.i - 1], before]
        else:
            break
    return tokens


def _is_name(token: Any, lexicon: Any) -> bool:
    word = token.text
    if not any(c.isalpha() for c in word) or token.is_stop:
        return False
    if token.pos_ == "PROPN" and word[0].isupper():
        return word.lower() not in lexicon or any(c.isupper() for c in word[1:])
    return (
        len(word) >= 4
        and word.replace("-", "").replace("_", "").isalnum()
        and word == word.lower()
        and all(part not in lexicon for part in word.replace("_", "-").split("-") if part)
    )


def _inside_word(doc: Any, tokens: Sequence[Any]) -> bool:
    """Whether the tokens are part of a longer written word (``TN-148`` of ``DM-TN-148``)."""
    first, last = tokens[0], tokens[-1]
    before = first.i > 0 and not doc[first.i - 1].whitespace_
    after = last.i + 1 < len(doc) and not last.whitespace_ and not doc[last.i + 1].is_punct
    glued = last.i + 1 < len(doc) and doc[last.i + 1].text in ("-", "_", "/")
    return before or after or glued


def named_ends(
    doc: Any,
    offset: int,
    refs: Sequence[EntityRef],
    cues: Sequence[Any],
    lexicon: Any,
    seen: frozenset[str] = frozenset(),
) -> list[tuple[int, int, str]]:
    """Clean spans ``(start, end, type)`` of unknown names at the ends of cued relations;
    ``seen``: :func:`seen_words` of the model (rare dictionary words count as names)."""
    spans: list[tuple[int, int, str]] = []
    for cue in cues:
        allowed = ALLOWED.get(cue.predicate)
        if allowed is None or cue.phrase in VERSION_BUMPS:
            continue
        if cue.voice != "active" and cue.predicate not in ("dependsOn", "responsibleFor"):
            continue
        cue_tokens = [
            t for t in doc if t.idx < cue.end - offset and t.idx + len(t.text) > cue.start - offset
        ]
        if not cue_tokens:
            continue
        v = _governor(cue_tokens)
        subjects = _subject_roots(v)
        if not subjects:
            continue
        # "uses", "needs": too often ordinary words on both sides; only a word the model
        # never saw is named there ("dovetail now uses SQLAlchemy")
        weak = cue.phrase in WEAK_CUES
        objects = _object_roots(cue_tokens, v)
        if cue.voice != "active":  # "Memcached is used by X", "SQLite is the backend for X"
            subjects, objects = objects, subjects
        holders = [
            r
            for r in _refs_under(doc, offset, refs, subjects, allow_prep=False)
            if r.type in allowed[0]
        ]
        held = [
            r
            for r in _refs_under(doc, offset, refs, objects, allow_prep=True)
            if r.type in allowed[1]
        ]
        sides = []
        strong = cue.phrase in STRONG_DEPENDENCY_CUES and cue.voice == "active"
        if (held or strong) and cue.predicate == "dependsOn":
            # "stormvane now depends on tokio": a strong cue names two unknown names; "the new
            # dashboard, gannetview, is built on React": the name in apposition is the subject
            sides += [
                ("subject", r)
                for s in subjects
                for r in (s, *s.conjuncts, *(c for c in s.children if c.dep_ == "appos"))
            ]
            if cue.voice == "active" and not _refs_under(
                doc, offset, refs, subjects, allow_prep=False
            ):  # "the 2.0 release of vellum is blocked on pydantic"
                sides += [("subject", r) for r in part_of(subjects)]
        # an unknown object only beside a known (or just named) holder, and the other way
        sides += [("object", r) for o in objects for r in (o, *o.conjuncts)]
        if cue.predicate in ("responsibleFor", "dependsOn") and not weak:
            # "will take over maintenance of quillsync": what the work is of
            sides += [("object", r) for r in part_of(objects)]
        # "on RabbitMQ, MinIO and Consul": a capitalised name listed with known ones
        listed = {
            c.i
            for o in objects
            for c in (o, *o.conjuncts)
            if _refs_under(doc, offset, refs, [c], allow_prep=False)
        }
        named_subject = False
        for side, root in sides:
            if side == "object" and not (holders or named_subject):
                continue
            if root.pos_ not in ("NOUN", "PROPN"):
                continue
            tokens = _name_tokens(root)
            lo, hi = offset + tokens[0].idx, offset + root.idx + len(root.text)
            if any(r.start < hi and lo < r.end for r in refs):
                continue  # already named ("kilnctl and the kiln-agent": only the first is new)
            if len(tokens) > 1 and root.lower_ in _GENERIC and tokens[-2].text != "-":
                tokens = tokens[:-1]  # "the quillsync package", not "the kiln-agent"
            named = (
                any(_rare(t, seen) for t in tokens)
                or (
                    not weak
                    and (any(_is_name(t, lexicon) for t in tokens) or _hyphenated(tokens, lexicon))
                )
                or (side == "object" and not weak and _the_system(root, cue.predicate))
                or (side == "object" and not weak and _the_document(root, cue.predicate))
                or (
                    side == "object"
                    and root.pos_ == "PROPN"
                    and root.text[:1].isupper()
                    and len(tokens) == 1
                    and any(c.i in listed for c in root.conjuncts)
                )
            )
            if not named or _inside_word(doc, tokens):
                continue
            words = {t.lower_ for t in _name_tokens(root)}
            if cue.predicate in ("memberOf", "leads"):
                kind = "Team" if words & _TEAM_WORDS else "Organization"
            elif words & _TEAM_WORDS:
                continue
            elif root.lower_ in _DOCUMENT_HEADS and side == "object":
                kind = "Document"
            else:
                kind = "Component"
            if kind not in allowed[1 if side == "object" else 0]:
                continue
            start = offset + tokens[0].idx
            spans.append((start, offset + tokens[-1].idx + len(tokens[-1].text), kind))
            if side == "subject":
                named_subject = True
    return spans + member_ends(doc, offset, refs)


#: prepositions that put a person in an organisation: "Ana from Quillworks", "Bo of Acme Labs"
_MEMBER_PREPS = frozenset({"from", "of", "at"})


def member_ends(doc: Any, offset: int, refs: Sequence[EntityRef]) -> list[tuple[int, int, str]]:
    """``Yara Haddad from Quillworks``, ``Tomas Berg and Ilka Maier of Brightline Systems``:
    the capitalised name after ``from``/``of``/``at`` hanging on a person's name is an
    organisation when no dictionary lists it (a coined name), it ends in an organisation word
    (``Systems``, ``Labs``, ``University``) or it is an acronym; a place or a given name the
    dictionary knows (``Ana from Berlin``, ``Bo of Gwen's team``) is not one."""
    from ingest.resolve.people import dictionary

    people = {
        _root_of(tokens).i
        for r in refs
        if r.type == "Person" and (tokens := _tokens_of(doc, offset, r))
    }
    if not people:
        return []
    common, proper = dictionary()
    endings = _organisation_endings()
    spans: list[tuple[int, int, str]] = []
    for prep in doc:
        if prep.lower_ not in _MEMBER_PREPS or prep.dep_ != "prep" or prep.head.i not in people:
            continue
        for root in (c for c in prep.children if c.dep_ == "pobj"):
            tokens = _name_tokens(root)
            words = [t.text for t in tokens]
            if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha for t in tokens):
                continue
            last = words[-1]
            coined = all(w.lower() not in common and w not in proper for w in words)
            acronym = len(words) == 1 and last.isupper() and 2 <= len(last) <= 6
            ending = len(words) > 1 and last.lower() in endings
            if not (coined or acronym or ending) or _inside_word(doc, tokens):
                continue
            lo = offset + tokens[0].idx
            hi = offset + tokens[-1].idx + len(tokens[-1].text)
            if any(r.start < hi and lo < r.end for r in refs):
                continue
            spans.append((lo, hi, "Team" if last.lower() in _TEAM_WORDS else "Organization"))
    return spans
