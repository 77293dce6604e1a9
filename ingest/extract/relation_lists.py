"""Relations a labelled list states, entry by entry, without a verb.

Minutes of every kind keep who owns, leads or needs what as short entries under a label:

- under a heading or label naming the relation (``## Owners``, ``Maintainers``,
  ``Dependency changes``, ``Working group chairs``), entries ``thing: Ana Lima``, ``thing -
  Ana Lima, Bo Chen``, ``thing -> PostgreSQL 16``, ``Docs WG: Ana Lima``;
- anywhere, an entry that opens with a thing and marks one of its people as its holder
  (``shoalgate: Ines Duarte (owner), Pavel Ionescu``);
- label lines naming a group and a role (``Docs WG lead: Ana Lima``, ``Chair of the Finance
  Committee: Bo Chen``, ``New TSC members: Ana Lima, Kim Park``).

:func:`list_names` gives the names such entries hold that nothing else named (the layout says
what each side is), :func:`list_relations` the relations once every name is resolved. The
label words are ``list_labels`` and ``holder_marks`` of ``data/vocab/relation_words.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ingest.extract.relations import (
    ALLOWED,
    LEADER_NOUNS,
    EntityRef,
    FoundRelation,
    common_words,
    cross,
    relation_words,
)
from ingest.resolve.people import looks_like_full_name
from ingest.resolve.vocab import word_file

__all__ = ["list_names", "list_relations", "label_lines", "presented_works"]

#: a list entry's bullet (or a heading's marks, bold) before its first word
_OPEN = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+•◦][ \t]+|\d{1,2}[.)][ \t]+)?(?:\*\*|__)?[ \t]*")
#: between an entry's thing and what it says of it: a colon, a spaced dash, an arrow
_ENTRY = re.compile(
    r"(?P<left>[^:\n]{1,60}?)(?:\*\*|__)?[ \t]*(?P<sep>:|[ \t][-–—][ \t]|->|→|=>)[ \t]*"
    r"(?:\*\*|__)?(?P<right>[^\n]+)"
)
#: the parts of a list of names or things: commas, semicolons, "&", slashes, "and"
_PART = re.compile(r"[^,;&/]+")
_AND = re.compile(r"\s+and\s+")
#: a remark in brackets after a part ("Ines Duarte (owner)", "PostgreSQL 16 (new)")
_REMARK = re.compile(r"\s*\(([^()\n]*)\)")
#: a software name: one to three words, the first with a letter; a version after it is
#: left out ("PostgreSQL 16", "NumPy >= 2.0")
_THING = re.compile(
    r"(?P<name>[A-Za-z][\w.+-]*(?: [A-Za-z][\w.+-]*){0,2}?)"
    r"(?:\s+(?:v|>=|<=|==|~=|>|<)?\s*\d[\w.*-]*)?"
)


@dataclass(frozen=True)
class _Entry:
    """One entry of a labelled list: ``predicate``, the span of the thing (or group) it opens
    with, and the spans of the parts after the separator, each with its bracketed remark."""

    predicate: str
    start: int
    end: int
    left: tuple[int, int]
    right: tuple[tuple[int, int, str], ...]


def _labels() -> dict[str, frozenset[str]]:
    """``list_labels``: predicate -> the words of a label that heads such a list."""
    labels = word_file("relation_words.yaml").get("list_labels") or {}
    return {
        p: frozenset(" ".join(str(w).lower().split()) for w in ws or ()) for p, ws in labels.items()
    }


def _label_predicate(label: str, labels: dict[str, frozenset[str]]) -> str | None:
    """The relation a heading or label names (``Owners``, ``Code owners``, ``Dependency
    changes``, ``WG chairs``): one of its words or two-word phrases is a label word."""
    words = re.findall(r"[a-z][a-z'-]*", label.lower())
    if not words or len(words) > 6:
        return None
    grams = set(words) | {" ".join(p) for p in zip(words, words[1:], strict=False)}
    found = [p for p, ws in labels.items() if grams & ws]
    return found[0] if len(found) == 1 else None


def _parts(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """``(start, end, remark)`` of each part of ``text[start:end]``, split at commas, ``&``,
    slashes and ``and``, a bracketed remark cut off the part (and returned)."""
    segment = text[start:end]
    pieces: list[tuple[int, int]] = []
    for m in _PART.finditer(segment):
        lo = m.start()
        for a in _AND.finditer(m.group()):
            pieces.append((lo, m.start() + a.start()))
            lo = m.start() + a.end()
        pieces.append((lo, m.end()))
    for lo, hi in pieces:
        piece = segment[lo:hi]
        remark = ""
        r = _REMARK.search(piece)
        if r is not None:
            remark = r.group(1).strip().lower()
            hi = lo + r.start()
            piece = segment[lo:hi]
        stripped = piece.strip(" \t*_`.")
        if stripped:
            s = start + lo + piece.index(stripped)
            yield s, s + len(stripped), remark


def _entries(text: str, blocks: Sequence[Any]) -> Iterator[_Entry]:
    """The entries of labelled lists, and the entries that mark a holder in brackets."""
    labels = _labels()
    marks = relation_words("holder_marks")
    for block in blocks:
        if block.kind not in ("item", "paragraph"):
            continue
        line_end = text.find("\n", block.start)
        line_end = block.end if line_end < 0 or line_end > block.end else line_end
        opening = _OPEN.match(text, block.start, line_end)
        m = _ENTRY.fullmatch(text, opening.end() if opening else block.start, line_end)
        if m is None:
            continue
        left = (m.start("left"), m.start("left") + len(m.group("left").rstrip(" *_`")))
        parts = tuple(_parts(text, m.start("right"), m.end("right")))
        predicate = _label_predicate(block.section[-1], labels) if block.section else None
        if predicate == "dependsOn" and m.group("sep") == ":" and len(parts) > 4:
            continue  # a sentence after a colon, not a list of what the thing needs
        if predicate is None and any(p[2] in marks for p in parts) and m.group("sep") == ":":
            predicate = "responsibleFor"  # "shoalgate: Ines Duarte (owner), Pavel Ionescu"
            parts = tuple(p for p in parts if p[2] in marks)
        if predicate is not None and parts:
            yield _Entry(predicate, block.start, line_end, left, parts)


def _coined_or_named(word: str) -> bool:
    common = common_words()
    return any(c.isupper() for c in word[1:]) or all(
        p.lower() not in common for p in re.split(r"[-_.]", word) if p
    )


def _person_span(text: str, s: int, e: int) -> tuple[int, int, str] | None:
    name = text[s:e]
    if not looks_like_full_name(name):
        return None
    if name.split()[-1].lower() in relation_words("group_words"):
        return None
    common = common_words()
    if all(w.lower() in common for w in name.split()):
        return None  # "Release Notes": words, not a name
    return s, e, "Person"


def _thing_span(text: str, s: int, e: int) -> tuple[int, int, str] | None:
    m = _THING.fullmatch(text, s, e)
    if m is None:
        return None
    name = m.group("name")
    words = name.split()
    if len(words) > 1 and not all(w[:1].isupper() for w in words):
        return None  # "the new scheduler": a phrase, not a name
    package_like = len(words) == 1 and re.search(r"[a-z][-_.][a-z]|\d", name) is not None
    if not (_coined_or_named(name.replace(" ", "-")) or package_like) and not (
        name[:1].isupper() and len(words) == 1
    ):
        return None  # "website", "release notes": words, not a name
    return m.start("name"), m.end("name"), "Component"


def list_names(text: str, blocks: Sequence[Any]) -> list[tuple[int, int, str]]:
    """Clean spans ``(start, end, type)`` of the names labelled lists hold: the thing an
    ownership or dependency entry opens with and what it depends on are software
    (``quillpress``, ``PostgreSQL``, not ``the new scheduler``); the people after an
    ownership or leadership entry's separator, and after a role label (``Chair of the
    Finance Committee: Ana Lima``), are people when written as full names."""
    spans: list[tuple[int, int, str]] = []
    for entry in _entries(text, blocks):
        name = _thing_span if entry.predicate == "dependsOn" else _person_span
        right = [name(text, s, e) for s, e, _remark in entry.right]
        if not all(right):
            continue  # an entry holds only names: "Conclusion: place it in the backlog" none
        if entry.predicate in ("responsibleFor", "dependsOn"):
            thing = _thing_span(text, *entry.left)
            if thing is None:
                continue
            spans.append(thing)
        spans += [r for r in right if r is not None]
    for label, predicate in _label_line_matches(text):
        people = [
            _person_span(text, s, e)
            for s, e, _remark in _parts(text, label.start("names"), label.end("names"))
        ]
        if not people or not all(people):
            continue
        spans += [p for p in people if p is not None]
        if predicate == "responsibleFor":
            thing = _label_thing(text, label)
            if thing is not None:
                spans.append(thing)
    spans += _headed_things(text, blocks)
    spans += _member_label_bodies(text)
    for m in _LINE_END_PEOPLE.finditer(text):  # "## RFC 12: streaming exports (Ana Lima)"
        line_start = text.rfind("\n", 0, m.start()) + 1
        opening = _OPEN.match(text, line_start, m.start())
        if not opening or not _WORK_KEY.match(text, opening.end(), m.start()):
            continue
        people = [_person_span(text, s, e) for s, e, _ in _parts(text, m.start(1), m.end(1))]
        if people and all(people):
            spans += [p for p in people if p is not None]
    for m, thing in _bracket_holders(text):
        people = [
            _person_span(text, s, e) for s, e, _ in _parts(text, m.start("names"), m.end("names"))
        ]
        if people and all(people):
            spans += [thing, *(p for p in people if p is not None)]
    return spans


#: a label over a roll call of a body's members: "Board members:", "## Committee members
#: present", "**Council members in attendance:**" (the body word is checked in the code)
_MEMBER_LABEL = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+|\*\*|__)?(?:(?:Voting|Current|Non-voting|Elected)[ \t]+)?"
    r"(?P<body>[A-Z][a-z]+(?: [A-Z][a-z]+)?)[ \t]+[Mm]embers?\b[^\n]{0,30}?:?(?:\*\*|__)?[ \t]*$",
    re.M,
)


#: "the rimefrost maintainers (Hana Sato, Lars Berg)": holders named in brackets after them
_HOLDERS_IN_BRACKETS = re.compile(
    r"(?P<thing>[A-Za-z][\w.+-]*)[ \t]+(?:maintainers|owners|maintainer|owner|leads|lead)"
    r"[ \t]*\((?P<names>[^()\n]{3,120})\)"
)


def _bracket_holders(text: str) -> Iterator[tuple[re.Match[str], tuple[int, int, str]]]:
    for m in _HOLDERS_IN_BRACKETS.finditer(text):
        thing = _thing_span(text, m.start("thing"), m.end("thing"))
        if thing is not None:
            yield m, thing


def _member_label_bodies(text: str) -> list[tuple[int, int, str]]:
    """``Board members:`` over a roll call: the body (a ``member_label_bodies`` word) is a
    group of its own name, unless the minutes give it a fuller one (``Board of Directors``,
    ``Governing Board``), which the vocabulary then finds."""
    bodies = relation_words("member_label_bodies")
    spans: list[tuple[int, int, str]] = []
    for m in _MEMBER_LABEL.finditer(text):
        body = m.group("body")
        if body.lower() not in bodies:
            continue
        fuller = re.compile(rf"\b{body} (?:of|for) [A-Z]|\b[A-Z][\w-]* {body}\b")
        if fuller.search(text):
            continue
        spans.append((m.start("body"), m.end("body"), "Team"))
    return spans


def _headed_things(text: str, blocks: Sequence[Any]) -> list[tuple[int, int, str]]:
    """``## gullstore`` over ``- Contact: Marta Kowalczyk``: a heading of one software-like
    name over a holder label line names software (the role line itself is read by
    :func:`ingest.extract.responsibility.heading_roles`); the names after the label are
    people."""
    holders = relation_words("holder_labels")
    spans: list[tuple[int, int, str]] = []
    heading: tuple[int, int] | None = None
    for block in blocks:
        if block.kind in ("heading", "title"):
            heading = (block.start, block.end) if block.kind == "heading" else None
            continue
        if heading is None or block.kind not in ("item", "paragraph"):
            continue
        m = _LABEL_LINE.match(text, block.start, block.end)
        if m is None or " ".join(m.group("label").lower().split()) not in holders:
            continue
        people = [
            _person_span(text, s, e) for s, e, _ in _parts(text, m.start("names"), m.end("names"))
        ]
        if not people or not all(people):
            continue
        opening = _OPEN.match(text, *heading)
        thing = _thing_span(text, opening.end() if opening else heading[0], heading[1])
        if thing is None:
            continue
        spans += [thing, *(p for p in people if p is not None)]
        heading = None  # named once
    return spans


def list_relations(
    text: str, blocks: Sequence[Any], refs: Sequence[EntityRef]
) -> list[FoundRelation]:
    """The relations of labelled lists' entries: ``quillpress: Ana Lima`` under ``Owners``
    (Ana is responsible for quillpress), ``brinefold -> PostgreSQL`` under ``Dependencies``
    (brinefold depends on PostgreSQL), ``Docs WG: Ana Lima`` under ``Chairs`` (Ana leads
    the Docs WG). Each side must be a name resolved to an entity of the type the relation
    takes; the evidence is the entry."""
    found: list[FoundRelation] = []

    def inside(s: int, e: int, types: frozenset[str]) -> list[EntityRef]:
        return [r for r in refs if s <= r.start and r.end <= e and r.type in types]

    for entry in _entries(text, blocks):
        subject_types, object_types = ALLOWED[entry.predicate]
        left = inside(*entry.left, subject_types | object_types)
        if len({r.id for r in left}) != 1:
            continue
        right = [r for s, e, _ in entry.right for r in inside(s, e, subject_types | object_types)]
        if entry.predicate == "responsibleFor":
            subjects = [r for r in right if r.type in subject_types]
            objects = [r for r in left if r.type in ("Component", "Document", "Ticket")]
        elif entry.predicate == "leads":
            subjects = [r for r in right if r.type == "Person"]
            objects = [r for r in left if r.type in ("Team", "Organization")]
        else:
            subjects = [r for r in left if r.type in subject_types]
            objects = [r for r in right if r.type == "Component"]
        found += cross(subjects, entry.predicate, objects, 0.65, entry.start, entry.end)
    for m, _thing in _bracket_holders(text):  # "the rimefrost maintainers (Hana, Lars)"
        held = inside(m.start("thing"), m.end("thing"), frozenset({"Component", "Document"}))
        people = inside(m.start("names"), m.end("names"), frozenset({"Person"}))
        found += cross(people, "responsibleFor", held, 0.6, m.start(), m.end())
    return found + label_lines(text, refs) + presented_works(text, refs)


#: a proposal's or ticket's key opening a line: "RFC 12", "PEP-999", "#4521"
_WORK_KEY = re.compile(r"(?:[A-Z][A-Za-z]{1,9}[- ]?\d+|#\d+)\b")
#: the people in brackets that end a line: "(Ana Lima)", "(Ana Lima, Bo Chen)"
_LINE_END_PEOPLE = re.compile(r"\(([^()\n]{2,80})\)[ \t*_.:]*$", re.M)


def presented_works(text: str, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``## RFC 12: streaming exports (Ana Lima)``, ``- PEP 999 (Bo Chen, Kim Park)``: an
    agenda heading or entry that opens with a document or ticket and ends with only people
    in brackets names who brings it; they are responsible for it."""
    found: list[FoundRelation] = []
    for m in _LINE_END_PEOPLE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        opening = _OPEN.match(text, line_start, m.start())
        first = min(
            (r for r in refs if line_start <= r.start < m.start()),
            key=lambda r: r.start,
            default=None,
        )
        if first is None or first.type not in ("Document", "Ticket") or not opening:
            continue
        if first.start != opening.end():
            continue
        named = [r for r in refs if m.start(1) <= r.start and r.end <= m.end(1)]
        people = [r for r in named if r.type == "Person"]
        if not people or len(people) != len(named):
            continue
        rest = text[m.start(1) : m.end(1)]
        for r in sorted(people, key=lambda r: r.start, reverse=True):
            rest = rest[: r.start - m.start(1)] + rest[r.end - m.start(1) :]
        if re.sub(r"\band\b|[\s,;&/]", "", rest):
            continue  # "(see Ana's notes)": a remark, not the people who bring it
        found += cross(people, "responsibleFor", [first], 0.6, line_start, m.end())
    return found


#: a label line naming a group's role holders or members: ``Docs WG lead: Ana``, ``Chair of
#: the Finance Committee: Bo``, ``New TSC members: Ana, Kim`` (group and role are checked
#: against the references in :func:`label_lines`)
_LABEL_LINE = re.compile(
    r"^[ \t]*(?:[-*+•][ \t]+)?(?:\*\*|__)?(?P<label>[^:\n]{2,60}?)(?:\*\*|__)?[ \t]*:"
    r"(?:\*\*|__)?[ \t]*(?P<names>[^\n]+)$",
    re.M,
)


#: words of a label around the thing and the role: "quillsync has a new maintainer:"
_LABEL_GLUE = frozenset({"has", "have", "a", "an", "new", "the", "of", "for", "is", "are", "now"})


def _role_of_label(label: str) -> str | None:
    """``leads`` for a label with a leader noun (``Docs WG lead``, ``Chair of the TSC``),
    ``memberOf`` for one ending in members (``New TSC members``), ``responsibleFor`` for one
    with a holder noun (``quillsync maintainer``, ``Owner of the runbook``)."""
    words = re.findall(r"[a-z]+", label.lower().replace("co-", ""))
    if any(w in LEADER_NOUNS for w in words):
        return "leads"
    if words and words[-1] in ("member", "members"):
        return "memberOf"
    if any(w in relation_words("holder_labels") for w in words):
        return "responsibleFor"
    return None


def _label_thing(text: str, m: re.Match[str]) -> tuple[int, int, str] | None:
    """The software a holder label names (``quillsync`` of ``quillsync has a new maintainer``,
    ``Maintainer of quillsync``): the label's words less the role and glue words."""
    holders = relation_words("holder_labels") | LEADER_NOUNS
    words = list(re.finditer(r"[\w.+-]+", m.group("label")))
    kept = [w for w in words if w.group().lower() not in holders | _LABEL_GLUE]
    if not kept or len(kept) > 2 or len(kept) == len(words):
        return None
    base = m.start("label")
    return _thing_span(text, base + kept[0].start(), base + kept[-1].end())


def _label_line_matches(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Label lines naming a role and what it is held in, with the predicate."""
    for m in _LABEL_LINE.finditer(text):
        label = m.group("label")
        predicate = _role_of_label(label)
        if predicate is None or len(label.split()) > 7:
            continue
        grouped = re.search(r"[A-Z]{2}|\b[A-Z][a-z]+ (?:WG|SIG|[A-Z][a-z]+)\b", label)
        if predicate == "responsibleFor" or (predicate == "leads" and not grouped):
            if _label_thing(text, m) is not None:
                yield m, "responsibleFor"
            continue
        if grouped:  # "Chair:" alone names no group: the role lines of the roll call
            yield m, predicate


def label_lines(text: str, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``Docs WG lead: Ana Lima``, ``Chair of the Finance Committee: Bo Chen``, ``New TSC
    members: Ana Lima, Kim Park``, ``quillsync has a new maintainer: Ana Lima``: a label
    naming one group (or one piece of software) and a role, then only names: each person
    leads (is a member of, is responsible for) what the label names."""
    found: list[FoundRelation] = []
    for m, predicate in _label_line_matches(text):
        kinds = (
            ("Component", "Document") if predicate == "responsibleFor" else ("Team", "Organization")
        )
        held = {
            r.id: r
            for r in refs
            if m.start("label") <= r.start and r.end <= m.end("label") and r.type in kinds
        }
        named = [r for r in refs if m.start("names") <= r.start and r.end <= m.end("names")]
        people = [r for r in named if r.type == "Person"]
        if len(held) != 1 or not people or len(people) != len(named):
            continue
        rest = text[m.start("names") : m.end("names")]
        for r in sorted(people, key=lambda r: r.start, reverse=True):
            lo, hi = r.start - m.start("names"), r.end - m.start("names")
            rest = rest[:lo] + rest[hi:]
        if re.sub(r"\([^()]*\)|\band\b|[\s,;&/.*_]", "", rest):
            continue  # something else after the label: a sentence, not a list of names
        found += cross(people, predicate, list(held.values()), 0.65, m.start(), m.end())
    return found
