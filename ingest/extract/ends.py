"""Ends of a cued relation that no vocabulary lists, named by the parse.

``Ana maintains quillsync``, ``meshd depends on Corvid``: the object of a relation cue
(or a component subject of a dependency) is a name when its head or a compound of it is
a proper noun or a coined word no English dictionary lists; that name becomes an entity
of the type the predicate's side calls for. A generic head after the name (``the
quillsync package``) is left out of the name. Ordinary words never become entities.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ingest.extract.relations import (
    ALLOWED,
    VERSION_BUMPS,
    WEAK_CUES,
    EntityRef,
    _governor,
    _object_roots,
    _refs_under,
    _subject_roots,
)

__all__ = ["named_ends"]

#: heads that say what kind of software a name is ("the quillsync package")
_GENERIC = frozenset(
    "package library service pipeline tool plugin module crate repo repository app "
    "server database project framework component client backend".split()
)
_TEAM_WORDS = frozenset("team wg sig committee group board council taskforce".split())
_NAME_DEPS = frozenset({"compound", "flat", "nmod"})


def _name_tokens(root: Any) -> list[Any]:
    """The root and the compounds written right before it."""
    tokens = [root]
    for child in reversed(list(root.lefts)):
        if child.dep_ in _NAME_DEPS and child.i == tokens[0].i - 1:
            tokens.insert(0, child)
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
    doc: Any, offset: int, refs: Sequence[EntityRef], cues: Sequence[Any], lexicon: Any
) -> list[tuple[int, int, str]]:
    """Clean spans ``(start, end, type)`` of unknown names at the ends of cued relations."""
    spans: list[tuple[int, int, str]] = []
    for cue in cues:
        allowed = ALLOWED.get(cue.predicate)
        if allowed is None or cue.phrase in VERSION_BUMPS:
            continue
        if cue.voice != "active" and cue.predicate != "dependsOn":
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
        if cue.phrase in WEAK_CUES:
            continue  # "uses", "needs": too often ordinary words on both sides
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
        if holders:  # an unknown object only beside a known holder, and the other way round
            sides += [("object", r) for o in objects for r in (o, *o.conjuncts)]
        if held and cue.predicate == "dependsOn":
            sides += [("subject", r) for s in subjects for r in (s, *s.conjuncts)]
        for side, root in sides:
            if root.pos_ not in ("NOUN", "PROPN") or _refs_under(
                doc, offset, refs, [root], allow_prep=False
            ):
                continue
            tokens = _name_tokens(root)
            if len(tokens) > 1 and root.lower_ in _GENERIC:
                tokens = tokens[:-1]
            if not any(_is_name(t, lexicon) for t in tokens) or _inside_word(doc, tokens):
                continue
            words = {t.lower_ for t in _name_tokens(root)}
            if cue.predicate in ("memberOf", "leads"):
                kind = "Team" if words & _TEAM_WORDS else "Organization"
            elif words & _TEAM_WORDS:
                continue
            else:
                kind = "Component"
            if kind not in allowed[1 if side == "object" else 0]:
                continue
            start = offset + tokens[0].idx
            spans.append((start, offset + tokens[-1].idx + len(tokens[-1].text), kind))
    return spans
