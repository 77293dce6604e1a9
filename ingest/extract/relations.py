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

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ingest.model import Relation
from ingest.resolve.vocab import word_file, word_list

if TYPE_CHECKING:  # ingest.extract.nlp imports spaCy
    from ingest.extract.nlp import CueMatch

__all__ = [
    "EntityRef",
    "FoundRelation",
    "cross",
    "ALLOWED",
    "relations_in_sentence",
    "unnamed_components",
    "memberships",
    "role_leads",
    "part_of",
    "table_names",
    "table_relations",
    "merge_relations",
    "AFFILIATION",
    "relation_words",
]

#: the file of words the relation rules read (leader nouns, table headers, software heads)
WORDS_FILE = "relation_words.yaml"


def relation_words(key: str) -> frozenset[str]:
    """The lower-case word list ``key`` of ``relation_words.yaml`` (in ``$KG_VOCAB_DIR``, else
    the repository's ``data/vocab``); a missing key is an empty list."""
    return word_list(WORDS_FILE, key)


def relation_headers() -> dict[str, frozenset[str]]:
    """``table_relation_headers``: predicate -> header cells stating it."""
    headers = word_file(WORDS_FILE).get("table_relation_headers") or {}
    return {
        p: frozenset(" ".join(str(w).lower().split()) for w in ws or ())
        for p, ws in headers.items()
    }


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

#: dependency cues strong enough to name an unknown component on one side ("depends on")
STRONG_DEPENDENCY_CUES = relation_words("strong_dependency_cues")
#: passive dependency cues as strong: ``libgullwing is a dependency of marshview``
STRONG_PASSIVE_DEPENDENCY_CUES = relation_words("strong_passive_dependency_cues")
#: cues read by their own pattern: ``bump X to 2.0 in Y`` (Y depends on X)
VERSION_BUMPS = relation_words("version_bumps")
_BUMP = re.compile(
    r"\s+(?:the\s+)?(\S+?)(?:\s+(?:dependency|crate|package|pin))?\s+(?:from\s+\S+\s+)?to\s+"
    r"v?\d[\w.]*\s+in\s+(?:the\s+)?(\S)"
)
#: cues whose predicate follows the subject's type: a person or team that needs something
#: requests it, a component that needs another depends on it ("meshd needs etcd")
REQUEST_OR_DEPENDENCY = relation_words("request_or_dependency")
#: confidence of a cue whose subject and object both come from the parse
CONFIDENCE = {"active": 0.8, "passive": 0.75}
#: cues that often mean something weaker than the relation
WEAK_CUES = relation_words("weak_relation_cues")
_SUBJECT_PATH_DEPS = frozenset({"compound", "conj", "cc", "appos", "amod", "det", "nmod", "poss"})

_OBJECT_PREPS = frozenset({"to", "of", "on", "from"})
#: nouns of a role that leads a group ("the new manager of the Infrastructure team")
LEADER_NOUNS = relation_words("leader_nouns")
#: of those, the roles that lead the meeting's own body when no group is named
#: ("Ana and Bo were confirmed as co-chairs")
BODY_LEADER_NOUNS = relation_words("body_leader_nouns")
#: verbs of leaving a role ("stepped down as chair of X", "resigned as lead")
LEAVING_VERBS = relation_words("leaving_verbs")
#: words before a role that say it is not (or no longer) held
_NOT_HELD = relation_words("not_held")
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


def cross(
    subjects: Iterable[EntityRef],
    predicate: str,
    objects: Iterable[EntityRef],
    confidence: float,
    start: int,
    end: int,
) -> list[FoundRelation]:
    """``predicate`` from each subject to each object (never from an entity to itself), all
    with one confidence and the evidence span ``[start, end)``."""
    objects = list(objects)
    return [
        FoundRelation(a.id, predicate, b.id, confidence, start, end)
        for a in subjects
        for b in objects
        if a.id != b.id
    ]


def _doc_len(doc: Any) -> int:
    """``len(doc.text)`` without building the text (every rule asks it of every sentence)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _says_any(doc: Any, words: Iterable[str]) -> bool:
    """Whether the sentence has one of ``words`` (lower case), asked of the token array in one
    call instead of a Python walk over tokens: a rule that needs a word the sentence lacks is
    skipped (the sentence's lower-case forms are read once and kept with it)."""
    held = doc.user_data.get("_lower_forms")
    if held is None:
        from spacy.attrs import LOWER

        held = doc.user_data["_lower_forms"] = set(doc.to_array(LOWER).tolist())
    strings = doc.vocab.strings
    return any(strings[w] in held for w in words if w in strings)


def _tokens_of(doc: Any, offset: int, ref: EntityRef) -> list[Any]:
    """The tokens of ``doc`` the reference overlaps (found by the character index, not by a
    walk over every token: rules ask this for every reference of every sentence)."""
    s, e = ref.start - offset, ref.end - offset
    if 0 <= s < e <= _doc_len(doc):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            return [t for t in span if t.idx < e and t.idx + len(t.text) > s]
    return [t for t in doc if t.idx < e and t.idx + len(t.text) > s]


def _root_of(tokens: Sequence[Any]) -> Any:
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return tokens[0]


def _governor(cue_tokens: Sequence[Any]) -> Any:
    """The verb (or copula) a cue phrase hangs from."""
    verbs = [t for t in cue_tokens if t.pos_ == "VERB" and not t.is_punct]
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
    if v.dep_ == "ROOT" and v.pos_ == "NOUN" and v.tag_ == "NNS" and v.i > 0:
        # "The lapwing-native extension links against OpenSSL": the cue's verb read as a
        # plural noun heading the sentence; the words before it are its subject
        return [c for c in v.children if c.i < v.i and c.dep_ in ("compound", "amod", "nmod")]
    for _ in range(3):
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if (  # "sluicegate, which depends on Arrow": the relative pronoun stands for its noun
            v.dep_ == "relcl"
            and len(subjects) == 1
            and subjects[0].lower_ in _RELATIVE_PRONOUNS
            and v.head.i != v.i
        ):
            return [v.head]
        if not subjects:  # "The WG is co-chaired by X": the parser hung it on the auxiliary
            auxiliaries = [c for c in v.children if c.dep_ in ("aux", "auxpass") and c.i < v.i]
            auxiliaries += [
                g for c in auxiliaries for g in c.children if g.dep_ in ("aux", "auxpass")
            ]
            subjects = [
                g for c in auxiliaries for g in c.children if g.dep_ in ("nsubj", "nsubjpass")
            ]
        if subjects:
            return subjects
        if v.dep_ == "acl" and v.tag_ in ("VBN", "VBG") and v.head.i != v.i:
            # "the flowgate pipeline, maintained by Kenji", "Ana, leading the Docs WG, ...":
            # a participle clause says its verb of the noun it hangs on
            return [v.head]
        if v.dep_ in ("xcomp", "conj", "advcl", "ccomp") and v.head.i != v.i:
            v = v.head
        else:
            return []
    return []


def _object_roots(cue_tokens: Sequence[Any], v: Any) -> list[Any]:
    last = cue_tokens[-1]
    if last.pos_ == "DET" and len(cue_tokens) > 1:  # "is on the": the preposition's object
        last = cue_tokens[-2]
    # "will take over quillsync": a verb's particle has no object of its own; the verb's is
    if (last.pos_ == "ADP" and last.dep_ != "prt") or last.dep_ in ("prep", "agent"):
        return [c for c in last.children if c.dep_ in ("pobj", "pcomp", "obj")]
    cue_ids = {t.i for t in cue_tokens}
    holders = [t for t in cue_tokens if t.pos_ == "VERB"] or [v]
    roots = [
        c
        for h in holders
        for c in h.children
        if c.dep_ in ("dobj", "obj", "attr", "oprd") and c.i not in cue_ids
    ]
    if not roots:  # "Ana maintains Xxxxx.": a masked name after the verb, misparsed
        roots = [
            c
            for h in holders
            for c in h.children
            if c.dep_ in ("npadvmod", "dep")
            and c.i == h.i + 1
            and c.pos_ in ("PROPN", "NOUN")
            and c.i not in cue_ids
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
    # "will own the mirror rotation tool, mirrorwheel": the name in apposition to a software
    # or document head is what the head is
    heads = _software_heads() | _document_heads()
    roots += [a for r in roots if r.lower_ in heads for a in r.children if a.dep_ == "appos"]
    return roots


def part_of(roots: Sequence[Any]) -> list[Any]:
    """``release`` of ``the 2.0 release of vellum``, ``layer`` of ``the plotting layer of
    skyframe``: for common-noun roots, the nouns after their ``of``."""
    return [
        g
        for r in roots
        if r.pos_ == "NOUN"
        for c in r.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
    ]


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
    end = offset + _doc_len(doc)
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
        if _leaving(v):
            continue  # "stepped down as chair of X", "left the Docs team", "no longer uses X"
        if cue.predicate == "leads" and any(
            c.lower_ in _NOT_HELD
            for t in cue_tokens
            for c in t.children
            if c.dep_ in ("amod", "compound")
        ):
            continue  # "former chair of X"
        subject_roots = _subject_roots(v)
        object_roots = _object_roots(cue_tokens, v)
        if not subject_roots or not object_roots:
            continue
        outside = [r for r in refs if not cue_ids & {t.i for t in _tokens_of(doc, offset, r)}]
        # "Certificate rotation for certbot-hooks is handled by Lina": what a passive cue's
        # subject is about is what is held
        held_subject = cue.voice == "passive" and cue.predicate == "responsibleFor"
        subjects = _refs_under(doc, offset, outside, subject_roots, allow_prep=held_subject)
        if cue.predicate == "dependsOn" and cue.voice == "active":
            # "the new release of gridplot requires numpy", "the plotting layer of skyframe is
            # built on Matplotlib": a part of X needs what X needs
            wholes = _refs_under(doc, offset, outside, part_of(subject_roots), allow_prep=False)
            subjects = [r for r in wholes if r.type == "Component"] or subjects
        objects = _refs_under(doc, offset, outside, object_roots, allow_prep=True)
        if not subjects and [t.lower_ for t in subject_roots] == ["it"]:
            subjects = _antecedent(doc, offset, outside, subject_roots[0])
        elif not subjects and [t.lower_ for t in subject_roots] in (["he"], ["she"]):
            subjects = _person_antecedent(outside, offset + subject_roots[0].idx)
        elif not subjects and [t.lower_ for t in subject_roots] == ["i"]:
            speaker = _speaker(doc, offset, refs)  # "ana: I maintain quillsync"
            subjects = [speaker] if speaker is not None else []
        opened = [t for t in doc[: cue_tokens[0].i] if t.text == "("]
        if subjects and opened and not any(t.text == ")" for t in doc[opened[-1].i : v.i]):
            # "Ana, Bo, Kim (also working on the guide)": a remark in brackets is said of the
            # name right before them
            at = offset + opened[-1].idx
            subjects = [r for r in subjects if r.end in (at, at - 1)]
        if cue.voice == "passive":
            subjects, objects = objects, subjects
        confidence = CONFIDENCE[cue.voice] - (0.2 if cue.phrase in WEAK_CUES else 0.0)
        for s in subjects:
            for o in objects:
                found += _fitting(cue, s, o, confidence, offset, end)
    return found


def _fitting(
    cue: CueMatch, s: EntityRef, o: EntityRef, confidence: float, start: int, end: int
) -> list[FoundRelation]:
    """The relation ``cue`` states between subject ``s`` and object ``o``, if their types fit."""
    predicate = _predicate_for(cue, s.type, o.type)
    if cue.phrase in REQUEST_OR_DEPENDENCY and o.type != "Component":
        return []  # "the quillsync PR needs review <link>": the ticket is no need
    fits = ALLOWED[predicate]
    if s.type in fits[0] and o.type in fits[1] and s.id != o.id:
        return [FoundRelation(s.id, predicate, o.id, confidence, start, end)]
    return []


def _leaving(verb: Any) -> bool:
    """``stepped down``, ``resigned``, ``will not be``, ``no longer maintains``: the role
    (or the use) is given up, not held."""
    return verb.lemma_.lower() in LEAVING_VERBS or any(
        c.dep_ == "neg"
        or (c.dep_ == "prt" and c.lower_ in ("down", "aside"))
        or (c.lower_ in ("longer", "more") and any(g.lower_ in ("no", "not") for g in c.children))
        for c in verb.children
    )


def _role_holders(role: Any) -> list[Any]:
    """The tokens the grammar makes holders of the role noun ``role``:

    - ``X is (the new) manager of Y``, ``X was elected chair of Y``: subject of the verb the
      role completes;
    - ``X was selected as co-lead for Y``, ``the board named X as chair``: the object of an
      appointing verb, else its subject;
    - ``X, chair of Y, ...``: the noun the role is in apposition to;
    - ``X and Z co-chair Y`` (the parser reads the verb as a noun with a subject).
    """
    head = role.head
    if role.dep_ in ("attr", "oprd", "xcomp") and head.i != role.i:
        verb = head
    elif role.dep_ == "pobj" and head.lower_ == "as" and head.head.i != head.i:
        verb = head.head
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < head.i]
        if objects and not _leaving(verb):
            return objects
    elif role.dep_ == "appos" and head.i != role.i and head.i < role.i:
        return [head]
    else:
        verb = role  # "X and Z co-chair the SIG"
    if _leaving(verb):
        return []
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


def _said_of_one(role: Any) -> bool:
    """A singular role noun in apposition (``Ana Lima (chair)``, ``Bo, the lead``)."""
    return role.dep_ == "appos" and role.tag_ not in ("NNS", "NNPS")


def _holder_roots(role: Any) -> list[Any]:
    """The holders of ``role`` with the names listed with them (``Ana and Bo were elected
    co-chairs``), except for a singular role in apposition, which is said of one name only
    (``Present: Ana Lima (chair), Bo Chen, Kim Park``: Ana alone chairs)."""
    alone = _said_of_one(role)
    return [t for h in _role_holders(role) for t in ((h,) if alone else (h, *h.conjuncts))]


def _role_groups(role: Any) -> tuple[list[Any], bool]:
    """The tokens naming the group led, and whether they are only a compound before the role
    (``the TSC chair``)."""
    groups = [
        g
        for c in role.children
        if c.dep_ == "prep" and c.lower_ in ("of", "for")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if role.dep_ == "ROOT" or not groups:
        groups += [c for c in role.children if c.dep_ == "dobj"]
    if groups:
        return groups, False
    return [c for c in role.children if c.dep_ == "compound"], True


_NAME_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def _verb_use(
    doc: Any, offset: int, refs: Sequence[EntityRef], role: Any
) -> tuple[list[EntityRef], list[EntityRef]] | None:
    """``Ana and Bo co-chair the Docs WG``: ``co-chair``/``co-lead`` used as a verb, which
    the parser reads as a noun (and then hangs the names anywhere). The people are the
    names listed right before it from the start of the sentence, the group the name right
    after it; ``None`` when the words are not written that way."""
    i = role.i
    if i < 2 or doc[i - 1].text != "-" or doc[i - 2].lower_ != "co" or i + 1 >= len(doc):
        return None
    text = doc.text
    start = offset + doc[i - 2].idx
    after = offset + role.idx + len(role.text)
    before = sorted((r for r in refs if r.end <= start), key=lambda r: r.start)
    people: list[EntityRef] = []
    gap_end = start
    for r in reversed(before):
        gap = text[r.end - offset : gap_end - offset]
        if r.type != "Person" or not (
            gap.strip() == "" if not people else _NAME_LIST_GLUE.fullmatch(gap)
        ):
            break
        people.insert(0, r)
        gap_end = r.start
    if not people or text[: gap_end - offset].strip(" \t-*•:"):
        return None  # the names must open the sentence
    following = [r for r in refs if r.start >= after]
    if not following:
        return None
    group = min(following, key=lambda r: r.start)
    if group.type not in ("Team", "Organization") or not re.fullmatch(
        r"\s+(?:the\s+)?", text[after - offset : group.start - offset]
    ):
        return None
    return people, [group]


def _plain_role(role: Any) -> bool:
    """A role noun said of a person plainly: ``X, a developer at Y`` (right after the name),
    ``X is a member of Y``, ``X joined as a member of Y``."""
    head = role.head
    if role.dep_ == "appos":
        return head.i < role.i <= head.i + 6 and any(
            t.text == "," for t in role.doc[head.i : role.i]
        )
    if role.dep_ == "attr":
        return head.lemma_ == "be"
    return role.dep_ == "pobj" and head.lower_ == "as"


def _member_groups(role: Any) -> list[Any]:
    """``a developer at Mozilla``, ``the newest member of the PSC``, ``a committer on the Docs
    WG``: the group a role noun is held in."""
    return [
        g
        for c in role.children
        if c.dep_ == "prep" and c.lower_ in ("at", "of", "from", "with", "in", "on")
        for g in c.children
        if g.dep_ == "pobj"
    ]


def role_leads(
    doc: Any, offset: int, refs: Sequence[EntityRef], body: EntityRef | None = None
) -> list[FoundRelation]:
    """``leads`` said by a role noun: ``Kemal is the new manager of the Infrastructure team``,
    ``Valentina was elected chair of the TSC``, ``Farah picked as the new co-lead of the
    Outreach Team``, ``Li and Sunniva co-chair the Observability SIG``, ``Ana, chair of the
    Board``. With no group named, a chair is chair of ``body`` (the team the meeting's
    title names), if given. A role given up or not held (``stepped down as chair``, ``former
    chair``) leads nothing.

    Any other role noun said of a person the same way, with the group after ``at``, ``of``,
    ``from``, ``with`` or ``in``, is ``memberOf``: ``Aleksandra, a developer at Mozilla``,
    ``Agustín, the newest member of the PSC``."""
    found: list[FoundRelation] = []
    end = offset + _doc_len(doc)
    for role in doc:
        if role.pos_ not in ("NOUN", "PROPN") or not role.is_alpha:
            continue
        leader = role.lower_ in LEADER_NOUNS
        if not leader and (role.pos_ != "NOUN" or role.tag_ == "NNS"):
            continue
        if any(c.lower_ in _NOT_HELD for c in role.children if c.dep_ in ("amod", "compound")):
            continue
        verb_use = _verb_use(doc, offset, refs, role) if leader else None
        if verb_use is not None:
            people, groups = verb_use
        else:
            if not leader and not _plain_role(role):
                continue
            holder_roots = _holder_roots(role)
            people = [
                r
                for r in _refs_under(doc, offset, refs, holder_roots, allow_prep=False)
                if r.type == "Person"
            ]
            if _said_of_one(role):  # not the names listed after it either
                ids = {t.i for t in holder_roots}
                people = [p for p in people if _root_of(_tokens_of(doc, offset, p)).i in ids]
            if not people:
                continue
            if leader:
                group_roots, compound = _role_groups(role)
                groups = _refs_under(doc, offset, refs, group_roots, allow_prep=not compound)
            else:  # the group itself after the preposition, not something inside it
                group_roots = _member_groups(role)
                roots = {t.i for t in group_roots}
                groups = [
                    r for r in refs if _root_of(_tokens_of(doc, offset, r) or [role]).i in roots
                ]
            groups = [r for r in groups if r.type in ("Team", "Organization")]
            others = [
                r
                for r in refs
                if r.type in ("Team", "Organization") and (body is None or r.id != body.id)
            ]
            if not groups and not group_roots and body is not None and not others:
                # "Docs WG: Kim Park (chair)" names the group chaired; only a sentence naming
                # no group leaves the meeting's own body ("Ana was confirmed as chair")
                if role.lower_ in BODY_LEADER_NOUNS:
                    groups = [body]
        predicate = "leads" if leader else "memberOf"
        for p in people:
            found += cross([p], predicate, groups, 0.7, offset, end)
            if leader:  # "Ken Abe, ..., lead on Vortex": responsible for X
                held = [
                    h
                    for h in _refs_under(doc, offset, refs, _prep_objects(role, "on"), True)
                    if h.type in ALLOWED["responsibleFor"][1] and h.type != "Team"
                ]
                found += cross([p], "responsibleFor", held, 0.65, offset, end)
    found += _made_by(doc, offset, refs)
    found += _chair_in_parentheses(doc, offset, refs)
    found += _holder_in_parentheses(doc, offset, refs)
    found += _prose_members(doc, offset, refs)
    found += _possessed(doc, offset, refs)
    found += _waits(doc, offset, refs)
    found += _authored(doc, offset, refs)
    found += _held_roles(doc, offset, refs)
    found += _made_for(doc, offset, refs)
    return found


def _made_for(doc: Any, offset: int, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``pytest-cov is a plugin for pytest``, ``quillcheck (an Emacs plugin)``, ``the
    gitbind bindings of libgit2``: software said to be a ``dependent_nouns`` kind of thing
    (by the copula, in apposition, or as the noun's own name) depends on the software named
    before that noun, else after its ``for``/``of``/``to``."""
    found: list[FoundRelation] = []
    end = offset + _doc_len(doc)
    nouns = relation_words("dependent_nouns")
    for role in doc:
        if role.lower_ not in nouns or role.pos_ not in ("NOUN", "PROPN"):
            continue
        holders = _holder_roots(role)
        users = [
            r
            for r in _refs_under(doc, offset, refs, holders, allow_prep=False)
            if r.type == "Component"
        ]
        before = [
            c for c in role.children if c.dep_ in ("compound", "nmod", "amod") and c.i < role.i
        ]
        named = [
            r
            for r in _refs_under(doc, offset, refs, before, allow_prep=False)
            if r.type == "Component"
        ]
        after = [g for p in ("for", "of", "to") for g in _prep_objects(role, p)]
        following = [
            r
            for r in _refs_under(
                doc, offset, refs, [t for g in after for t in (g, *g.conjuncts)], allow_prep=False
            )
            if r.type == "Component"
        ]
        if not users:  # "the gitbind bindings of libgit2": the one name before the noun is it
            if len(named) != 1 or not following:
                continue
            users, named = named, following
        elif not named:
            named = following
        found += cross(users, "dependsOn", named, 0.6, offset, end)
    return found


def _held_roles(doc: Any, offset: int, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``Priya, the quillsync maintainer, ...``, ``Priya (quillsync maintainer)``, ``Bo is
    the tidemark lead``, ``Kim, author of PEP 703``: a ``holder_nouns`` role said of a person,
    the software or document named before it or after ``of``/``for``."""
    found: list[FoundRelation] = []
    end = offset + _doc_len(doc)
    nouns = relation_words("holder_nouns")
    for role in doc:
        if role.lower_ not in nouns or role.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(c.lower_ in _NOT_HELD for c in role.children if c.dep_ in ("amod", "compound")):
            continue
        holders = _holder_roots(role)
        people = [
            r
            for r in _refs_under(doc, offset, refs, holders, allow_prep=False)
            if r.type in ALLOWED["responsibleFor"][0]
        ]
        if _said_of_one(role):  # "Present: Ana (quillsync maintainer), Bo": Ana alone
            ids = {t.i for t in holders}
            people = [p for p in people if _root_of(_tokens_of(doc, offset, p)).i in ids]
        if not people:
            continue
        named = [c for c in role.children if c.dep_ in ("compound", "nmod") and c.i < role.i]
        named += _prep_objects(role, "of") + _prep_objects(role, "for")
        held = [
            r
            for r in _refs_under(doc, offset, refs, named, allow_prep=True)
            if r.type in ("Component", "Document")
        ]
        found += cross(people, "responsibleFor", held, 0.6, offset, end)
    return found


def _speaker(doc: Any, offset: int, refs: Sequence[EntityRef]) -> EntityRef | None:
    """The person whose label opens the sentence: ``ana: I made a PR``, ``<ana> I will``."""
    text = doc.text
    for r in refs:
        if r.type != "Person":
            continue
        before = text[: r.start - offset]
        after = text[r.end - offset : r.end - offset + 3]
        if before.strip(" \t-*•<[") == "" and after[:1] in (":", ">", "]"):
            return r
    return None


def _authored(doc: Any, offset: int, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``Ana opened #4521``, ``Bo wrote PEP 703``, ``ana: I made a PR <link>``, ``Ana is
    working on some PRs for this: <link>``: the maker of a ticket or document (a verb of
    ``authoring_verbs``, or working on a work item) is responsible for it. ``I`` is the
    speaker whose label opens the line."""
    found: list[FoundRelation] = []
    end = offset + _doc_len(doc)
    verbs = relation_words("authoring_verbs")
    items = relation_words("work_item_nouns")
    works = [r for r in refs if r.type in ("Ticket", "Document")]
    software = [r for r in refs if r.type in ("Component", "Ticket", "Document")]
    if not software:
        return found
    heads = _document_heads()
    for v in doc:
        if v.pos_ != "VERB":
            continue
        lemma = v.lemma_.lower()
        if lemma in verbs:
            roots = [c for c in v.children if c.dep_ in ("dobj", "obj")]
            # "presented her proposal, NEP 99": the work named in apposition to its noun
            roots += [
                a
                for r in roots
                if r.lower_ in items | heads
                for a in r.children
                if a.dep_ == "appos"
            ]
        elif lemma == "work":
            roots = _prep_objects(v, "on")
        else:
            continue
        if not roots or any(c.dep_ == "neg" for c in v.children):
            continue
        subject_roots = _subject_roots(v)
        makers = [
            r
            for r in _refs_under(doc, offset, refs, subject_roots, allow_prep=False)
            if r.type in ("Person", "Team", "Organization")
        ]
        opened = [t for t in doc[: v.i] if t.text == "("]
        if makers and opened and not any(t.text == ")" for t in doc[opened[-1].i : v.i]):
            # "Ana, Bo, Kim (also working on the guide)": a remark in parentheses is said
            # of the name right before it
            makers = [
                r
                for r in makers
                if r.end == offset + opened[-1].idx - 1 or r.end == offset + opened[-1].idx
            ]
        if not makers and [t.lower_ for t in subject_roots] == ["i"]:
            speaker = _speaker(doc, offset, refs)
            makers = [speaker] if speaker is not None else []
        if not makers:
            continue
        # "Olu Bankole: working on saltgrass packaging": a status said without a verb's
        # subject holds software too (a verb of making holds only tickets and documents)
        status = lemma == "work" and _status_work(v)
        held = [r for r in _refs_under(doc, offset, software if status else works, roots, True)]
        if not held and any(t.lower_ in items for r in roots for t in (r, *r.conjuncts)):
            after = offset + max(t.idx for r in roots for t in r.subtree)
            held = [r for r in works if r.start >= after][:3]  # "a PR: <link>"
        found += cross(makers, "responsibleFor", held, 0.6, offset, end)
    return found


def _status_work(v: Any) -> bool:
    """``working`` said of the name it follows, with no auxiliary: ``Ana: working on X``,
    ``Ana - working on X``, ``Ana, working on X``."""
    return (
        v.tag_ == "VBG"
        and v.dep_ in ("acl", "ROOT")
        and not any(c.dep_ in ("aux", "nsubj") for c in v.children)
    )


def _waits(doc: Any, offset: int, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``meshd is waiting for etcd 3.6``, ``the tidemark release is pending on quillsync``:
    a component that waits for (on) components depends on each; both ends already named
    as software (people and teams wait for each other too)."""
    found: list[FoundRelation] = []
    end = offset + _doc_len(doc)
    waiting = relation_words("waiting_verbs")
    outside = list(refs)
    for verb in doc:
        if waiting.isdisjoint({verb.lemma_.lower(), verb.lower_}) or verb.pos_ not in (
            "VERB",
            "ADJ",
        ):
            continue
        subjects = [
            r
            for r in _refs_under(
                doc,
                offset,
                outside,
                _subject_roots(verb.head if verb.dep_ == "acomp" else verb),  # is pending on
                allow_prep=False,
            )
            if r.type == "Component"
        ]
        roots = [
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("for", "on")
            for g in c.children
            if g.dep_ in ("pobj", "pcomp")
        ]
        objects = [
            r
            for r in _refs_under(
                doc, offset, outside, [t for g in roots for t in (g, *g.conjuncts)], allow_prep=True
            )
            if r.type == "Component"
        ]
        found += cross(subjects, "dependsOn", objects, 0.6, offset, end)
    return found


def _root_index(doc: Any, offset: int, refs: Sequence[EntityRef]) -> dict[int, list[EntityRef]]:
    """Entity mentions by the index of their root token in ``doc``."""
    by_root: dict[int, list[EntityRef]] = {}
    for r in refs:
        tokens = _tokens_of(doc, offset, r)
        if tokens:
            by_root.setdefault(_root_of(tokens).i, []).append(r)
    return by_root


def _chair_in_parentheses(doc: Any, offset: int, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``the Infra WG (chair: Kenji Sato)``, ``the Docs team (lead: Ana)``: a leader noun in
    apposition to a group, its holder in apposition to the noun."""
    found: list[FoundRelation] = []
    if not _says_any(doc, ("(",)) or not _says_any(doc, LEADER_NOUNS):
        return found
    end = offset + _doc_len(doc)
    by_root = _root_index(doc, offset, refs)
    for role in doc:
        if role.lower_ not in LEADER_NOUNS or role.i == 0 or doc[role.i - 1].text != "(":
            continue
        if role.dep_ == "appos" and role.head.i < role.i:
            named = [role.head]
        else:  # the parser may hang the group on the role instead ("WG" nmod of "chair")
            named = [c for c in role.children if c.dep_ in ("nmod", "compound") and c.i < role.i]
        groups = [
            r for t in named for r in by_root.get(t.i, []) if r.type in ("Team", "Organization")
        ]
        holders = [c for c in role.children if c.dep_ == "appos" and c.i > role.i]
        people = [
            r
            for h in holders
            for t in (h, *h.conjuncts)
            for r in by_root.get(t.i, [])
            if r.type == "Person"
        ]
        found += cross(people, "leads", groups, 0.65, offset, end)
    return found


def _holder_in_parentheses(doc: Any, offset: int, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``Qserv packaging (owner: Hugo Laine)``, ``the PEP 12 draft (author: Ana)``: a
    ``holder_nouns`` role in brackets after a thing, its holder after the colon, holds the
    software, document or ticket the bracket follows."""
    found: list[FoundRelation] = []
    end = offset + _doc_len(doc)
    nouns = relation_words("holder_nouns")
    by_root = _root_index(doc, offset, refs)
    for role in doc:
        if role.lower_ not in nouns or role.i == 0 or doc[role.i - 1].text != "(":
            continue
        if role.dep_ != "appos" or role.head.i >= role.i:
            continue
        people = [
            r
            for h in role.children
            if h.dep_ == "appos" and h.i > role.i
            for t in (h, *h.conjuncts)
            for r in by_root.get(t.i, [])
            if r.type in ALLOWED["responsibleFor"][0]
        ]
        held = [
            r
            for r in _refs_under(doc, offset, refs, [role.head], allow_prep=False)
            if r.type in ("Component", "Document", "Ticket") and r.end <= offset + role.idx
        ]
        found += cross(people, "responsibleFor", held, 0.6, offset, end)
    return found


#: prepositions that put a person in a group: "Ana from Acme", "Bo of the Infra WG"
_MEMBER_PREPS = frozenset({"from", "of", "at"})


def _prose_members(doc: Any, offset: int, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """A person said to be of a group without a cue: ``Priya and Kenji of Google presented``
    (every name of the coordination before the preposition), ``Bob Jones, Infra WG,
    reported`` (a group in apposition to a person)."""
    found: list[FoundRelation] = []
    end = offset + _doc_len(doc)
    by_root = _root_index(doc, offset, refs)
    for i, group_refs in by_root.items():
        groups = [r for r in group_refs if r.type in ("Team", "Organization")]
        if not groups:
            continue
        g = doc[i]
        prep = g.head
        if (
            g.dep_ == "pobj"
            and prep.lower_ in ("at", "with")
            and prep.head.lemma_ == "be"
            and prep.head.tag_ in ("VBZ", "VBP")  # not "was at Google for the summit"
            and prep.dep_ == "prep"
        ):  # "Maria is now at Google", "Bo is with Red Hat"
            subjects = _subject_roots(prep.head)
            if len(subjects) != 1:
                continue
            person = subjects[0]
        elif g.dep_ == "pobj" and prep.lower_ in _MEMBER_PREPS:
            person = prep.head
        elif g.dep_ == "appos" and g.head.i < g.i:
            person = g.head
            if not any(t.text == "," for t in doc[person.i : g.i]):
                continue  # "the Acme Infra WG": one name, not a person and a group
        else:
            continue
        tokens = [person] + [
            c
            for c in person.conjuncts
            if c.i < person.i and not any(d.dep_ in ("prep", "appos") for d in c.children)
        ]
        people = [r for t in tokens for r in by_root.get(t.i, []) if r.type == "Person"]
        if person.i not in {
            r_i for r_i, rs in by_root.items() if any(r.type == "Person" for r in rs)
        }:
            continue
        found += cross(people, "memberOf", groups, 0.65, offset, end)
    return found


def _possessed(doc: Any, offset: int, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``Maria Garcia's corvid library``, ``the Infra Team's flowgate service``, ``NASA's
    archive database``: a person's or group's possessive on software or a document they
    hold. The possessive must hang on the named thing itself or on a software or document
    head it names (``Ana's numpy install``, ``Bo's review of quillsync`` hold nothing)."""
    found: list[FoundRelation] = []
    end = offset + _doc_len(doc)
    by_root = _root_index(doc, offset, refs)
    heads = _software_heads() | _document_heads()
    for owner in doc:
        if owner.dep_ != "poss" or owner.head.i == owner.i:
            continue
        owners = [r for r in by_root.get(owner.i, []) if r.type in ALLOWED["responsibleFor"][0]]
        if not owners:
            continue
        thing = owner.head
        held = [
            r for r in by_root.get(thing.i, []) if r.type in ("Component", "Document", "Ticket")
        ]
        if not held and thing.lower_ in heads:
            held = [
                r
                for r in _refs_under(doc, offset, refs, [thing], allow_prep=False)
                if r.type in ("Component", "Document")
                and r not in owners
                and _root_of(_tokens_of(doc, offset, r)).i < thing.i
            ]
        found += cross(owners, "responsibleFor", held, 0.6, offset, end)
    return found


def _software_heads() -> frozenset[str]:
    return relation_words("software_heads")


def _document_heads() -> frozenset[str]:
    return relation_words("document_heads")


def _prep_objects(token: Any, prep: str) -> list[Any]:
    return [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == prep
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _made_by(doc: Any, offset: int, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``orbit fitting by Jo Marsh``, ``[PEP 999 follow-up by Ana]``: a work named
    with its maker after ``by`` hanging on the work's noun (not on a verb: ``handled by`` is
    a cue, ``by Friday`` names no person)."""
    found: list[FoundRelation] = []
    if not _says_any(doc, ("by",)):
        return found
    end = offset + _doc_len(doc)
    for by in doc:
        if by.lower_ != "by" or by.dep_ != "prep" or by.head.pos_ not in ("NOUN", "PROPN"):
            continue
        makers = [
            r
            for r in _refs_under(doc, offset, refs, _prep_objects(by.head, "by"), allow_prep=False)
            if r.type == "Person"
        ]
        works = [
            r
            for r in _refs_under(doc, offset, refs, [by.head], allow_prep=False)
            if r.type in ("Component", "Document", "Ticket")
        ]
        found += cross(makers, "responsibleFor", works, 0.65, offset, end)
    return found


def _predicate_for(cue: CueMatch, subject_type: str, object_type: str = "") -> str:
    """The cue's predicate, or ``dependsOn`` for a need stated by a component, or
    ``responsibleFor`` for a person who leads or runs software rather than a group
    (``Kenji runs the build farm``, ``Ana leads the rewrite of quillsync``)."""
    if cue.predicate == "leads" and object_type in ("Component", "Document", "Ticket"):
        return "responsibleFor"
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


def _person_antecedent(refs: Sequence[EntityRef], before: int) -> list[EntityRef]:
    """Who ``he`` / ``she`` stands for: the one person named earlier in the sentence
    (``Ana mentioned that she is working on quillsync``)."""
    people = {r.id: r for r in refs if r.type == "Person" and r.end <= before}
    return list(people.values()) if len(people) == 1 else []


def unnamed_components(
    doc: Any, offset: int, refs: Sequence[EntityRef], cues: Sequence[CueMatch]
) -> list[tuple[int, int]]:
    """Clean spans of software the vocabulary does not know, named by a dependency on a
    known component: ``metadata depends on butler``, ``tessellate-io depends on fsspec``.

    Only the strong dependency cues count, the other side must be a known component and
    the unknown side a single noun or name (not a pronoun, not a phrase); with any dependency
    cue, a coined name of a ``part_nouns`` head (``the mudflat 1.4 release is blocked by
    the gravelrs upgrade``) beside a known component. Said with a strong
    passive cue (``libgullwing is a dependency of marshview``), two coined words no
    dictionary lists are both named.
    """
    spans: list[tuple[int, int]] = _worked_on(doc, offset, refs, cues)
    parts = relation_words("part_nouns")
    for cue in cues:
        passive = cue.phrase in STRONG_PASSIVE_DEPENDENCY_CUES
        strong = passive or cue.phrase in STRONG_DEPENDENCY_CUES
        if cue.predicate != "dependsOn" or cue.phrase in VERSION_BUMPS:
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
            # "the mudflat 1.4 release is blocked by the gravelrs upgrade": the coined name of
            # a release (an upgrade, a build) beside a known component, whatever the cue
            compounds = [
                c for c in root.children if c.dep_ in ("compound", "amod", "nmod") and c.i < root.i
            ]
            if (
                not named
                and root.lower_ in parts
                and len(compounds) == 1
                and _coined(compounds[0])
                and any(r.type == "Component" for r in other)
            ):
                c = compounds[0]
                spans.append((offset + c.idx, offset + c.idx + len(c.text)))
        if not strong:
            continue
        coined = passive and all(not named and _coined(root) for root, named in sides)
        for (root, named), (_, other) in (sides, sides[::-1]):
            known = any(r.type == "Component" for r in other) or coined
            modifiers = [c for c in root.children if c.dep_ in ("compound", "amod", "poss")]
            if named or not known or modifiers or root.pos_ not in ("NOUN", "PROPN"):
                continue
            if not any(c.isalpha() for c in root.text) or root.is_stop or root.tag_ == "NNS":
                continue  # "repositories that depend on X": a kind of thing, in the plural
            spans.append((offset + root.idx, offset + root.idx + len(root.text)))
    return spans


def _worked_on(
    doc: Any, offset: int, refs: Sequence[EntityRef], cues: Sequence[CueMatch]
) -> list[tuple[int, int]]:
    """Software named only as what a held piece of work is about: ``is working on the
    quillsync rewrite``, ``will take care of the tidewater-cli release``, ``is leading the
    effort on quillsync``, ``leads development of quillsync``. The object of an ownership
    (or leading) cue is a ``work_nouns`` noun; a coined word before it, or after its
    ``of``/``on``/``for``, is the software (the parse then links the relation)."""
    spans: list[tuple[int, int]] = []
    works = relation_words("work_nouns") | relation_words("part_nouns")
    held: list[tuple[Any, list[Any], bool]] = []  # verb, object roots, bare names count
    for cue in cues:
        if cue.predicate not in ("responsibleFor", "leads") or cue.voice != "active":
            continue
        cue_tokens = [
            t for t in doc if t.idx < cue.end - offset and t.idx + len(t.text) > cue.start - offset
        ]
        if cue_tokens:
            v = _governor(cue_tokens)
            held.append((v, _object_roots(cue_tokens, v), False))
    # "Olu Bankole: working on saltgrass packaging": no cue, a status said of a name
    held += [
        (v, _prep_objects(v, "on"), True) for v in doc if v.lemma_ == "work" and _status_work(v)
    ]
    for v, roots, bare in held:
        holders = _refs_under(doc, offset, refs, _subject_roots(v), allow_prep=False)
        if not any(r.type in ALLOWED["responsibleFor"][0] for r in holders):
            continue
        for root in roots:
            if _refs_under(doc, offset, refs, [root], True):
                continue
            if bare and root.lower_ not in works:
                if _coined(root) and not any(d.dep_ in ("det", "poss") for d in root.children):
                    spans.append((offset + root.idx, offset + root.idx + len(root.text)))
                continue
            if root.lower_ not in works:
                continue
            named = [
                c for c in root.children if c.dep_ in ("compound", "amod", "nmod") and c.i < root.i
            ]
            named += [g for p in ("of", "on", "for") for g in _prep_objects(root, p)]
            for c in named:
                if _coined(c) and not any(
                    d.dep_ in ("compound", "det", "amod", "poss") for d in c.children
                ):  # a bare name, not "the existing middleware"
                    spans.append((offset + c.idx, offset + c.idx + len(c.text)))
    return spans


def common_words() -> frozenset[str]:
    """The words an English dictionary writes in lower case (``data/vocab/dictionary.txt``),
    read once per vocabulary folder."""
    return _common_words_in(os.environ.get("KG_VOCAB_DIR") or "")


@lru_cache(maxsize=4)
def _common_words_in(_vocab_dir: str) -> frozenset[str]:
    from ingest.resolve.people import dictionary

    return dictionary()[0]


def _coined(token: Any) -> bool:
    """A lower-case word of four letters or more (hyphens and digits allowed) that no
    English dictionary lists: a name someone made up (``libgullwing``, ``marsh-view2``)."""
    word = token.text
    if word != word.lower() or len(word) < 4 or not word.replace("-", "").isalnum():
        return False
    common = common_words()
    return all(part not in common for part in word.split("-") if part)


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


# --------------------------------------------------------------------------- tables

#: header cells of a column that lists things (software, projects)
_THING_HEADERS = relation_words("table_thing_headers")
#: header cells of a column that lists people
_PERSON_HEADERS = relation_words("table_person_headers")
#: header cells of a column that states a relation of the row's thing or person
_RELATION_HEADERS = relation_headers()
#: last words of a group's name, never a person's
_GROUP_WORDS = relation_words("group_words")
_PERSON_CELL = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}")
_CELL_NAME = re.compile(r"[\w][\w.+-]*(?: [\w.+-]+){0,2}")


def _header(text: str, block: Any) -> dict[str, int] | None:
    """The roles of a table header's columns: ``thing``, ``person`` and relation names."""
    if block.kind != "row" or len(block.cells) < 2:
        return None
    roles: dict[str, int] = {}
    for n, (s, e) in enumerate(block.cells):
        cell = " ".join(text[s:e].lower().strip(" *_`:").split())
        if cell.replace("co-", "") in LEADER_NOUNS:  # "| Group | Chair |": who leads it
            roles.setdefault("leader", n)
        if cell in _THING_HEADERS:
            roles.setdefault("thing", n)
        elif cell in _PERSON_HEADERS:
            roles.setdefault("person", n)
        else:
            for predicate, words in _RELATION_HEADERS.items():
                if cell in words:
                    roles.setdefault(predicate, n)
    return roles if len(roles) >= 2 else None


def _table_rows(text: str, blocks: Sequence[Any]) -> Iterable[tuple[dict[str, int], Any]]:
    """``(header roles, row)`` for every body row of a table whose header names a relation:
    ``| Component | Owner |``, ``| Component | Depends on |``, ``| Name | Team |``."""
    roles: dict[str, int] | None = None
    width = 0
    for block in blocks:
        if block.kind != "row":
            roles = None
            continue
        found = _header(text, block)
        if found is not None:
            roles, width = found, len(block.cells)
        elif roles is not None and len(block.cells) == width:
            yield roles, block


def table_names(text: str, blocks: Sequence[Any]) -> list[tuple[int, int, str]]:
    """Clean spans ``(start, end, type)`` of the cells of a table whose header names a
    relation (``| Component | Owner |`` over ``| fluxgate | Ana Lima |``): the header says what
    a cell is. A thing column's cell of one to three plain words is a Component; a full
    name (two or three capitalised words, not a group's name) in a person, owner or chair
    column is a Person. Then the names of labelled lists
    (:func:`ingest.extract.relation_lists.list_names`)."""
    from ingest.extract.relation_lists import list_names

    spans = list_names(text, blocks)  # the same for the entries of labelled lists
    for roles, row in _table_rows(text, blocks):
        for n in (roles.get("person"), roles.get("responsibleFor"), roles.get("leader")):
            if n is None:
                continue
            s, e = row.cells[n]
            for part in re.finditer(r"[^,;&/]+", text[s:e]):
                name = part.group().strip(" *_`")
                if _PERSON_CELL.fullmatch(name) and name.split()[-1].lower() not in _GROUP_WORDS:
                    start = s + part.start() + part.group().index(name)
                    spans.append((start, start + len(name), "Person"))
        if "thing" not in roles:
            continue
        cells = [roles["thing"]]
        if "dependsOn" in roles:
            cells.append(roles["dependsOn"])
        for n in cells:
            s, e = row.cells[n]
            for part in re.finditer(r"[^,;]+", text[s:e]):
                word = part.group().strip(" *_`")
                if _CELL_NAME.fullmatch(word) and any(c.isalpha() for c in word):
                    start = s + part.start() + part.group().index(word)
                    spans.append((start, start + len(word), "Component"))
    return spans


def table_relations(
    text: str, blocks: Sequence[Any], refs: Sequence[EntityRef]
) -> list[FoundRelation]:
    """The relations a table's header states of each row: the owner column owns the row's
    thing, the thing depends on what its ``Depends on`` cell lists, the person of a ``Name``
    column is a member of the ``Team`` cell's team. The evidence is the row."""
    found: list[FoundRelation] = []

    def in_cell(row: Any, n: int | None, types: frozenset[str]) -> list[EntityRef]:
        if n is None:
            return []
        s, e = row.cells[n]
        return [r for r in refs if s <= r.start and r.end <= e and r.type in types]

    for roles, row in _table_rows(text, blocks):
        for predicate in ("responsibleFor", "dependsOn", "memberOf"):
            if predicate not in roles:
                continue
            subject_types, object_types = ALLOWED[predicate]
            if predicate == "responsibleFor":
                subjects = in_cell(row, roles[predicate], subject_types)
                objects = in_cell(row, roles.get("thing"), object_types)
            elif predicate == "dependsOn":
                subjects = in_cell(row, roles.get("thing"), subject_types)
                objects = in_cell(row, roles[predicate], object_types)
            else:
                subjects = in_cell(row, roles.get("person"), subject_types)
                objects = in_cell(row, roles[predicate], object_types)
            found += cross(subjects, predicate, objects, 0.7, row.start, row.end)
        if "leader" in roles and "memberOf" in roles:
            # "| Outreach WG | Nomvula Khumalo |" under "| Group | Chair |"
            leaders = in_cell(row, roles["leader"], frozenset({"Person"}))
            groups = in_cell(row, roles["memberOf"], frozenset({"Team", "Organization"}))
            found += cross(leaders, "leads", groups, 0.7, row.start, row.end)
    return found
