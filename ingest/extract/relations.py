"""Relations and decisions read from sentences, with the clean spans that support them.

A relation needs a cue phrase (``data/vocab/cues.yaml``) *and* the dependency parse
to agree on who is the subject and what is the object:

- active cues (``X owns Y``, ``X is responsible for Y``, ``X depends on Y``): the
  subject is an entity in the grammatical subject of the cue's verb, the object an
  entity in its direct object or in the object of the cue's final preposition;
- passive cues (``Y is handled by X``, ``Y are the responsibility of X``): the
  holder is the object of the final preposition, the thing held the subject.

Entities only count in their own role (``X's manager`` is not ``X``), the types must
fit the predicate, and anything unclear yields no relation: a missing edge is
better than a wrong one. ``Jason from NCSA`` states membership without a cue; the
relations minutes write by layout (roll calls, chairs, member lists) are in
:mod:`ingest.extract.layout`.

Decisions are read in :mod:`ingest.extract.decisions`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ingest.model import Relation

if TYPE_CHECKING:  # ingest.extract.nlp imports spaCy
    from ingest.extract.nlp import CueMatch

__all__ = [
    "EntityRef",
    "FoundRelation",
    "ALLOWED",
    "relations_in_sentence",
    "unnamed_components",
    "memberships",
    "merge_relations",
    "AFFILIATION",
]

#: entity types allowed as (subject, object) of each predicate
ALLOWED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "responsibleFor": (
        frozenset({"Person", "Team", "Organization"}),
        frozenset({"Component", "Team", "Document", "Ticket", "Organization"}),
    ),
    "leads": (frozenset({"Person"}), frozenset({"Team", "Organization", "Component"})),
    "memberOf": (frozenset({"Person"}), frozenset({"Team", "Organization"})),
    "dependsOn": (
        frozenset({"Component", "Team", "Ticket", "Document"}),
        frozenset({"Component", "Ticket", "Team", "Document"}),
    ),
    "requests": (
        frozenset({"Person", "Team", "Organization"}),
        frozenset({"Component", "Document", "Ticket"}),
    ),
}

#: dependency cues strong enough to name an unknown component on one side
STRONG_DEPENDENCY_CUES = frozenset(
    {"depends on", "depend on", "dependent on", "relies on", "rely on", "built on", "is built on"}
)
#: cues read by their own pattern: ``bump X to 2.0 in Y`` (Y depends on X)
VERSION_BUMPS = frozenset({"bump", "bumps", "bumped"})
_BUMP = re.compile(
    r"\s+(?:the\s+)?(\S+?)(?:\s+(?:dependency|crate|package|pin))?\s+(?:from\s+\S+\s+)?to\s+"
    r"v?\d[\w.]*\s+in\s+(?:the\s+)?(\S)"
)
#: cues whose predicate follows the subject's type: a person or team that needs something
#: requests it, a component that needs another depends on it ("meshd needs etcd")
REQUEST_OR_DEPENDENCY = frozenset({"needs", "need", "requires", "require"})
#: confidence of a cue whose subject and object both come from the parse
CONFIDENCE = {"active": 0.8, "passive": 0.75}
#: cues that often mean something weaker than the relation
WEAK_CUES = frozenset({"through", "use", "uses", "needs", "want", "requires", "own", "lead"})
_SUBJECT_PATH_DEPS = frozenset({"compound", "conj", "cc", "appos", "amod", "det", "nmod", "poss"})

_OBJECT_PREPS = frozenset({"to", "of", "on", "from"})
_RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})
#: ``Name (Affiliation)`` after an attendee
AFFILIATION = re.compile(r"\s*\(((?:[A-Z][\w&.'-]*)(?: [A-Z][\w&.'-]*){0,4})\)")
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class EntityRef:
    """An entity mentioned at clean span ``[start, end)``."""

    start: int
    end: int
    id: str
    type: str


@dataclass(frozen=True)
class FoundRelation:
    subject: str
    predicate: str
    object: str
    confidence: float
    start: int  # clean span of the supporting text
    end: int


def _tokens_of(doc: Any, offset: int, ref: EntityRef) -> list[Any]:
    s, e = ref.start - offset, ref.end - offset
    return [t for t in doc if t.idx < e and t.idx + len(t.text) > s]


def _root_of(tokens: Sequence[Any]) -> Any:
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return tokens[0]


def _governor(cue_tokens: Sequence[Any]) -> Any:
    """The verb (or copula) a cue phrase hangs from."""
    verbs = [t for t in cue_tokens if t.pos_ == "VERB"]
    v = verbs[0] if verbs else cue_tokens[0]
    steps = 0
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i and steps < 6:
        v, steps = v.head, steps + 1
    if v.dep_ in ("aux", "auxpass") and v.head.i != v.i:
        v = v.head
    return v


def _subject_roots(v: Any) -> list[Any]:
    """The grammatical subjects of ``v`` (all of them: on run-together text the parser
    sometimes gives a verb two, e.g. a noun and the predicate of its relative clause)."""
    for _ in range(3):
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if (  # "sluicegate, which depends on Arrow": the relative pronoun stands for its noun
            v.dep_ == "relcl"
            and len(subjects) == 1
            and subjects[0].lower_ in _RELATIVE_PRONOUNS
            and v.head.i != v.i
        ):
            return [v.head]
        if subjects:
            return subjects
        if v.dep_ in ("xcomp", "conj", "advcl", "ccomp") and v.head.i != v.i:
            v = v.head
        else:
            return []
    return []


def _object_roots(cue_tokens: Sequence[Any], v: Any) -> list[Any]:
    last = cue_tokens[-1]
    if last.pos_ == "ADP" or last.dep_ in ("prep", "agent"):
        return [c for c in last.children if c.dep_ in ("pobj", "pcomp", "obj")]
    cue_ids = {t.i for t in cue_tokens}
    holders = [t for t in cue_tokens if t.pos_ == "VERB"] or [v]
    roots = [
        c
        for h in holders
        for c in h.children
        if c.dep_ in ("dobj", "obj", "attr", "oprd") and c.i not in cue_ids
    ]
    if roots:  # "wants a client to the butler": the parser often hangs "to" off the verb
        after = max(t.i for r in roots for t in r.subtree)
        roots += [
            g
            for h in holders
            for c in h.children
            if c.dep_ == "prep" and c.i == after + 1 and c.lower_ in _OBJECT_PREPS
            for g in c.children
            if g.dep_ == "pobj"
        ]
    return roots


def _copular_relative(token: Any) -> bool:
    """``token`` is the predicate noun of a relative clause ``that is/are <token>``.

    Such a clause identifies its head noun (``components that are VOEvent endpoints``),
    so a name inside the predicate names the head.
    """
    clause = token.head
    return (
        token.dep_ == "attr"
        and clause.dep_ == "relcl"
        and clause.lemma_ == "be"
        and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which", "who") for c in clause.children)
    )


def _reaches(token: Any, root: Any, allow_prep: bool) -> bool:
    """Whether ``token`` hangs from ``root`` through name-internal links only."""
    steps = 0
    while token.i != root.i:
        if token.head.i == token.i or steps > 8:
            return False
        if _copular_relative(token):  # "components that are VOEvent endpoints": X names them
            token, steps = token.head.head, steps + 2
            continue
        if token.dep_ not in _SUBJECT_PATH_DEPS and not (
            allow_prep and token.dep_ in ("prep", "pobj", "compound", "nummod")
        ):
            return False
        if allow_prep and token.dep_ == "appos":
            lo, hi = sorted((token.i, token.head.i))
            # "quarry-k8s, the Kubernetes ..." is another thing; "the release tooling (the
            # heron-release scripts)" says what the tooling is
            if any(t.is_punct and t.text != "(" for t in token.doc[lo:hi]):
                return False
        token, steps = token.head, steps + 1
    return True


def _refs_under(
    doc: Any, offset: int, refs: Iterable[EntityRef], roots: Sequence[Any], allow_prep: bool
) -> list[EntityRef]:
    found = []
    for ref in refs:
        tokens = _tokens_of(doc, offset, ref)
        if tokens and any(_reaches(_root_of(tokens), r, allow_prep) for r in roots):
            found.append(ref)
    return found


def relations_in_sentence(
    doc: Any, offset: int, refs: Sequence[EntityRef], cues: Sequence[CueMatch]
) -> list[FoundRelation]:
    """Relations stated by the cue phrases of one parsed sentence.

    ``doc`` is the parsed sentence, ``offset`` its start in the clean text; ``refs``
    and ``cues`` are in clean-text coordinates. The evidence span is the sentence.
    """
    found: list[FoundRelation] = []
    end = offset + len(doc.text)
    for cue in cues:
        allowed = ALLOWED.get(cue.predicate)
        if allowed is None:
            continue
        cue_tokens = [
            t for t in doc if t.idx < cue.end - offset and t.idx + len(t.text) > cue.start - offset
        ]
        if not cue_tokens:
            continue
        if cue.phrase in VERSION_BUMPS:
            found += _bump(doc.text, offset, refs, cue)
            continue
        cue_ids = {t.i for t in cue_tokens}
        v = _governor(cue_tokens)
        subject_roots = _subject_roots(v)
        object_roots = _object_roots(cue_tokens, v)
        if not subject_roots or not object_roots:
            continue
        outside = [r for r in refs if not cue_ids & {t.i for t in _tokens_of(doc, offset, r)}]
        subjects = _refs_under(doc, offset, outside, subject_roots, allow_prep=False)
        objects = _refs_under(doc, offset, outside, object_roots, allow_prep=True)
        if not subjects and [t.lower_ for t in subject_roots] == ["it"]:
            subjects = _antecedent(doc, offset, outside, subject_roots[0])
        if cue.voice == "passive":
            subjects, objects = objects, subjects
        confidence = CONFIDENCE[cue.voice] - (0.2 if cue.phrase in WEAK_CUES else 0.0)
        for s in subjects:
            for o in objects:
                predicate = _predicate_for(cue, s.type)
                fits = ALLOWED[predicate]
                if s.type in fits[0] and o.type in fits[1] and s.id != o.id:
                    found.append(FoundRelation(s.id, predicate, o.id, confidence, offset, end))
    return found


def _predicate_for(cue: CueMatch, subject_type: str) -> str:
    """The cue's predicate, or ``dependsOn`` for a need stated by a component."""
    if cue.phrase in REQUEST_OR_DEPENDENCY and subject_type == "Component":
        return "dependsOn"
    if cue.phrase in REQUEST_OR_DEPENDENCY and subject_type != "Component":
        return "requests"
    return cue.predicate


def _bump(
    sentence: str, offset: int, refs: Sequence[EntityRef], cue: CueMatch
) -> list[FoundRelation]:
    """``bump zstd-sys to 2.0 in libwick``: the component after ``in`` depends on the one
    bumped (the sentence's subject is whoever does the bumping)."""
    m = _BUMP.match(sentence, cue.end - offset)
    if m is None:
        return []
    bumped = [r for r in refs if r.start == offset + m.start(1) and r.type == "Component"]
    holder = [r for r in refs if r.start == offset + m.start(2) and r.type == "Component"]
    if not bumped or not holder or bumped[0].id == holder[0].id:
        return []
    return [
        FoundRelation(holder[0].id, "dependsOn", bumped[0].id, 0.7, offset, offset + len(sentence))
    ]


def _antecedent(doc: Any, offset: int, refs: Sequence[EntityRef], it: Any) -> list[EntityRef]:
    """What ``it`` stands for: the one component named earlier in the sentence
    (``Oona maintains corvid-lsp; it depends on treeparse``)."""
    before = {r.id: r for r in refs if r.type == "Component" and r.end <= offset + it.idx}
    return list(before.values()) if len(before) == 1 else []


def unnamed_components(
    doc: Any, offset: int, refs: Sequence[EntityRef], cues: Sequence[CueMatch]
) -> list[tuple[int, int]]:
    """Clean spans of software the vocabulary does not know, named by a dependency on a
    known component: ``metadata depends on butler``, ``tessellate-io depends on fsspec``.

    Only the strong dependency cues count, the other side must be a known component and
    the unknown side a single noun or name (not a pronoun, not a phrase).
    """
    spans: list[tuple[int, int]] = []
    for cue in cues:
        if cue.predicate != "dependsOn" or cue.phrase not in STRONG_DEPENDENCY_CUES:
            continue
        cue_tokens = [
            t for t in doc if t.idx < cue.end - offset and t.idx + len(t.text) > cue.start - offset
        ]
        if not cue_tokens:
            continue
        v = _governor(cue_tokens)
        subject_roots, object_roots = _subject_roots(v), _object_roots(cue_tokens, v)
        if len(subject_roots) != 1 or len(object_roots) != 1:
            continue
        subject_root = subject_roots[0]
        sides = [
            (root, _refs_under(doc, offset, refs, [root], allow_prep=False))
            for root in (subject_root, object_roots[0])
        ]
        for (root, named), (_, other) in (sides, sides[::-1]):
            known = any(r.type == "Component" for r in other)
            modifiers = [c for c in root.children if c.dep_ in ("compound", "amod", "poss")]
            if named or not known or modifiers or root.pos_ not in ("NOUN", "PROPN"):
                continue
            if not any(c.isalpha() for c in root.text) or root.is_stop or root.tag_ == "NNS":
                continue  # "repositories that depend on X": a kind of thing, in the plural
            spans.append((offset + root.idx, offset + root.idx + len(root.text)))
    return spans


def memberships(text: str, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``Jason from NCSA``, ``Hsin-Fang at NCSA``: a person of a team or organisation."""
    found = []
    ordered = sorted(refs, key=lambda r: r.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.type != "Person" or b.type not in ("Team", "Organization"):
            continue
        between = text[a.end : b.start]
        if re.fullmatch(r"\s+(?:from|of)\s+(?:the\s+)?", between):
            found.append(FoundRelation(a.id, "memberOf", b.id, 0.65, a.start, b.end))
    return found


def merge_relations(
    found: Iterable[FoundRelation], evidence: Callable[[int, int], Any]
) -> tuple[Relation, ...]:
    """One relation per (subject, predicate, object): every distinct evidence, best confidence.

    ``evidence(start, end)`` turns a clean span into an :class:`~ingest.model.Evidence`.
    """
    merged: dict[tuple[str, str, str], tuple[float, list[Any]]] = {}
    for r in found:
        key = (r.subject, r.predicate, r.object)
        quote = evidence(r.start, r.end)
        confidence, quotes = merged.get(key, (0.0, []))
        if quote not in quotes:
            quotes.append(quote)
        merged[key] = (max(confidence, r.confidence), quotes)
    return tuple(Relation(s, p, o, c, tuple(q)) for (s, p, o), (c, q) in merged.items())
