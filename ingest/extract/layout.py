"""What the layout says once names are resolved: the roster, attendance, action items,
and the relations minutes write by convention rather than in sentences.

Conventions: a roll-call line ``SQuaRE (Frossie Economou)`` (the person leads the team),
a signature (a name alone on a line, then ``Secretary, Heliograph PMC``: a member),
``Infra team (Tomasz, Rory)`` (members), ``Chair: X`` / ``X (chair)`` / ``chaired by X``
(X leads the body the title names), ``Raj Patel (Northwind University)`` in the attendee
list (a member), and a request over a list (``SQuaRE wants:`` then items).

The structure step (:mod:`ingest.structure.document`) finds where the roll call, the agenda and
the action items are; this module turns those mentions into people, ``attended``
relations, for :mod:`ingest.pipeline`.
Action items are resolved in :mod:`ingest.extract.items`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence
from typing import TYPE_CHECKING, Any

from ingest.extract.relations import (
    ALLOWED,
    LEADER_NOUNS,
    EntityRef,
    FoundRelation,
    cross,
    relation_words,
)
from ingest.model import Mention, Structure
from ingest.resolve.people import People
from ingest.spans import SpanIndex
from ingest.structure.rollcall import LEAD_ROLES, ROLE_WORDS, affiliated_entries, roll_call_tags
from ontology.ids import entity_iri

if TYPE_CHECKING:  # ingest.extract.nlp imports spaCy
    from ingest.extract.nlp import CueMatch

__all__ = [
    "affiliations",
    "paren_affiliations",
    "prose_affiliations",
    "shared_affiliations",
    "chairs",
    "group_members",
    "group_lines",
    "labelled_groups",
    "list_requests",
    "roll_call_leads",
    "roster",
    "with_affiliations",
    "attendance",
]

#: ``Ann Lee (@alee)``, ``Ann Lee [@alee]``, ``Ann Lee (@alee, Acme)`` in a roster
ROSTER_HANDLE = re.compile(r"\s*[(\[]@([\w.-]+)(?:[,;][^)\]\n]*)?[)\]]")
#: the line under a signature's name: ``Secretary, Heliograph PMC``, ``Chair of the Board``
_SIGNATURE_ROLE = re.compile(
    r"[ \t]*((?:[A-Za-z-]+ ){0,2}[A-Za-z-]+)(?:,| of| at| -| —)[ \t]+(?:the )?"
)
_SLASH = re.compile(r"[ \t]+/[ \t]+")
#: ``@handle`` in prose, not an e-mail address nor a handle inside a roster entry's brackets
_PROSE_HANDLE = re.compile(r"(?<![\w.@-])@[A-Za-z0-9][\w.-]*(?<![.-])")
_LIST_GLUE = re.compile(r"(?:\s*(?:,|&|\band\b)\s*|\s+)*")
_ROLE_AFTER = re.compile(r"\s*\((?:co-)?(?:chair|chairperson|convener|lead)\)", re.IGNORECASE)
_ROLE_LABEL = re.compile(
    r"\W*(?:co-?)?(?:chairs?|chairpersons?|conven[eo]rs?|leads?)\W*:\W*", re.IGNORECASE
)
#: the same label alone on its line, the names on the lines below (scribe headers:
#: ``Chair`` over ``    Ana Lima``)
_ROLE_LABEL_ALONE = re.compile(
    r"[ \t]*\W*(?:co-?)?(?:chairs?|chairpersons?|conven[eo]rs?)\W*:?[ \t]*", re.IGNORECASE
)
#: what separates the names of a list: commas, "and", "&", slashes
_NAME_GLUE = re.compile(r"[ \t]*(?:[,;&/+]|\band\b)?[ \t]*(?:\band\b[ \t]*)?")
_CHAIRED = re.compile(r"\s+(?:chaired|convened|facilitated)\b(?: the (?:meeting|call|session))?")
_CHAIRED_BY = re.compile(r"\b(?:chaired|convened|facilitated|moderated)\s+by\s+$", re.I)
#: letters with dots, ``B.C.``, ``N.Y.``, ``D.C.``: how minutes abbreviate a place after a name
_DOTTED = re.compile(r"[A-Z](?:\.[A-Z])+\.?")


def roster(structure: Structure) -> list[Mention]:
    """Mentions the layout says are people: attendees, absentees, assignees, coordinators,
    moderators, then every ``@handle`` in the text (``Infra WG (@lwtan, @sbrandao)``),
    which names the person whose roll-call entry gave it."""
    from ingest.structure.document import absentees

    mentions = [*structure.attendees, *absentees(structure)]
    for action in structure.actions:
        mentions += action.assignees
    for row in structure.agenda:
        mentions += row.coordinators
        if row.moderator is not None:
            mentions.append(row.moderator)
    text = structure.clean.text
    if "@" in text:
        roll_call = {m.start for m in mentions}
        mentions += [
            Mention(m.group(), m.start(), m.end())
            for m in _PROSE_HANDLE.finditer(text)
            if m.start() not in roll_call
        ]
    return mentions


def _overlaps(start: int, end: int, spans: Sequence[Any]) -> bool:
    return any(start < f.end and f.start < end for f in spans)


def with_affiliations(
    text: str,
    attendees: Sequence[Mention],
    found: list[Any],
    not_affiliations: frozenset[str] = frozenset(),
    group_words: Sequence[str] = (),
) -> list[Any]:
    """``Raj Patel (Northwind University)`` or ``Raj Patel — guest, Northwind University``
    in the attendee list names the person's organisation, known to the vocabulary or not;
    a role (``(Chair)``, ``(Secretary)``) is not one (see :mod:`ingest.structure.rollcall`),
    nor ``(Independent)`` (``not_affiliations``). ``(IBM, TAC)`` names two: a later part
    counts where it is a known name, an acronym or ends in a ``group_words`` word (``End
    User WG``), not a place (``(Quill Institute, Leeds, UK)``). A name the vocabulary
    reads as software (``(GitHub, TAC)``) is an organisation in that place."""
    from ingest.extract.nlp import Found

    endings = {w.lower() for w in group_words}
    labels = relation_words("not_group_labels")
    extra = []
    found = list(found)
    affiliated = affiliated_entries(text.splitlines())
    for mention in attendees:
        for n, span in enumerate(roll_call_tags(text, mention.end, affiliated).affiliations):
            surface = text[span[0] : span[1]]
            if (
                surface.lower() in not_affiliations
                or surface.lower() in labels  # "Other: ana, bo": the roll call's own label
                or initials_of(mention.text, surface)
                or _DOTTED.fullmatch(surface)
            ):
                continue
            same = [f for f in found if (f.start, f.end) == span]
            if same and same[0].type == "Component":
                found.remove(same[0])
                extra.append(Found(*span, "Organization", same[0].name, surface))
                continue
            inner = [  # "(ESA Estec)", "(Acme Technologies)": the whole name, not "ESA"
                f
                for f in found
                if span[0] <= f.start
                and f.end <= span[1]
                and f.end - f.start < span[1] - span[0]
                and f.type in ("Organization", "Team", "Component")
            ]
            if inner and not _overlaps(*span, [f for f in [*found, *extra] if f not in inner]):
                for f in inner:
                    found.remove(f)
            if _overlaps(*span, [*found, *extra]):
                continue
            words = surface.split()
            if n and not (
                (surface.isupper() and len(surface) >= 3)
                or words[-1].lower() in endings
                or (len(words) > 1 and any(w.isupper() and len(w) >= 2 for w in words))
            ):  # "(Data Lab - Quill University)", "(Acme, TSC)", not "(..., London, UK)"
                continue
            known = next(  # "(Calibration Products)": the "Calibration Products team"
                (
                    f
                    for f in found
                    if f.type in ("Team", "Organization")
                    and (f.name == surface or re.fullmatch(rf"{re.escape(surface)} [a-z]+", f.name))
                ),
                None,
            )
            kind, name = (known.type, known.name) if known else ("Organization", surface)
            for other in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
                if not _overlaps(other.start(), other.end(), [*found, *extra]):
                    extra.append(Found(other.start(), other.end(), kind, name, surface))
    return sorted([*found, *extra], key=lambda f: f.start)


#: `` (McGill)``, `` (Red Hat)`` right after a person's name
_PAREN_NAME = re.compile(r" \(([A-Z][\w&.'’-]*(?:[ \t]+[A-Z][\w&.'’-]*){0,3})\)")


def prose_affiliations(
    text: str,
    persons: Sequence[EntityRef],
    found: list[Any],
    is_person: Callable[[str], bool],
    not_affiliations: frozenset[str] = frozenset(),
) -> list[Any]:
    """``organised by Rosa Lindqvist (KTH), Chen Wei (IHEP)``: a capitalised name in
    brackets right after a person's name, in prose as in a roll call, is their
    organisation, unless it is their initials, a role, a person or a name the vocabulary
    reads as something else. Returns ``found`` with those organisations added."""
    from ingest.extract.nlp import Found

    extra: list[Any] = []
    for ref in persons:
        m = _PAREN_NAME.match(text, ref.end)
        if m is None or _overlaps(m.start(1), m.end(1), [*found, *extra]):
            continue
        surface = m.group(1)
        if (
            surface.lower() in not_affiliations
            or _DOTTED.fullmatch(surface)
            or surface.lower().split()[-1] in ROLE_WORDS
            or initials_of(text[ref.start : ref.end], surface)
            or is_person(surface)
        ):
            continue
        extra.append(Found(m.start(1), m.end(1), "Organization", surface, surface))
    return sorted([*found, *extra], key=lambda f: f.start) if extra else found


def paren_affiliations(text: str, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """A person's name, then their organisation in brackets (``Ines Duarte (CERN)``): a member."""
    by_start = {r.start: r for r in refs if r.type in ("Team", "Organization")}
    found = []
    for ref in refs:
        if ref.type != "Person" or text[ref.end : ref.end + 2] != " (":
            continue
        group = by_start.get(ref.end + 2)
        if group is None or initials_of(text[ref.start : ref.end], text[group.start : group.end]):
            continue  # "Paul Strand (PST)": initials that a vocabulary also knows
        if text[group.end : group.end + 1] in (")", ","):
            found.append(FoundRelation(ref.id, "memberOf", group.id, 0.6, ref.start, group.end + 1))
    return found


#: what closes a list of names before the organisation they share: " (" or a dash
_SHARED_OPEN = re.compile(r"[ \t]*(?:\(|[-–—][ \t]*)")


def shared_affiliations(text: str, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """A line listing only people, then one organisation for them all, in brackets or
    after a dash (``- Ana Lima, Bo Chen, Kim Park (Acme)``, ``* Ana Lima, Bo Chen -
    Quill Labs``): every person listed is a member (``paren_affiliations`` reads the name
    right before the brackets only)."""
    found: list[FoundRelation] = []
    lines: dict[int, list[EntityRef]] = {}
    for r in sorted(refs, key=lambda r: r.start):
        lines.setdefault(text.rfind("\n", 0, r.start) + 1, []).append(r)
    for start, inside in lines.items():
        if len(inside) < 3 or inside[-1].type not in ("Team", "Organization"):
            continue
        group, people = inside[-1], inside[:-1]
        if any(p.type != "Person" for p in people):
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        opening = _LINE_OPEN.match(text, start).end()  # type: ignore[union-attr]
        close = _SHARED_OPEN.fullmatch(text, people[-1].end, group.start)
        if close is None or not _only_people(text, opening, people[-1].end, people):
            continue
        rest = text[group.end : line_end].strip(" \t")
        if rest not in ((")",) if "(" in close.group() else ("",)):
            continue
        found += cross(people, "memberOf", [group], 0.6, start, line_end)
    return found


def initials_of(name: str, tag: str) -> bool:
    """Whether ``tag`` is the initials a roll call gives a person (``Anna Weber-Berg
    (AWB)``, ``Mark Best (MBS)``, ``Leo Ortiz (LEO)``): two to five capitals that start
    with the given name's initial and hold another name's initial, or the given name."""
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isalpha()]
    if not (2 <= len(tag) <= 5 and tag.isalpha() and tag.isupper() and len(words) >= 2):
        return False
    if tag == words[0].upper():
        return True
    rest = {w[0].upper() for w in words[1:]}
    return tag[0] == words[0][0].upper() and any(c in rest for c in tag[1:])


def attendance(
    text: str, attendees: Sequence[Mention], people: People, meeting_id: str
) -> list[FoundRelation]:
    """``attended`` for every attendee who resolves to a person; the evidence is the line."""
    found = []
    for mention in attendees:
        name = people.resolve(mention.text, promote_to=1)
        if name:
            ls = text.rfind("\n", 0, mention.start) + 1
            le = text.find("\n", mention.end) % (len(text) + 1)
            found.append(
                FoundRelation(entity_iri("Person", name), "attended", meeting_id, 0.95, ls, le)
            )
    return found


# --------------------------------------------------------------------------- layout relations


def roll_call_leads(text: str, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``SQuaRE (Frossie Economou)`` as a list entry: the person leads the team.

    The entry must stand alone: at a line start or after another entry, a colon or a
    comma, and end the line or run straight into the next entry (exports often drop
    the separators of list items). ``advise pipelines (John Swinbank) how`` is prose.
    """
    found = []
    ordered = sorted(refs, key=lambda r: r.start)
    for team, person in zip(ordered, ordered[1:], strict=False):
        if team.type not in ("Team", "Organization") or person.type != "Person":
            continue
        if text[team.end : person.start] != " (" or text[person.end : person.end + 1] != ")":
            continue
        before = text[: team.start].rstrip(" \t-*•◦")
        after = text[person.end + 1 : person.end + 3]
        starts = not before or before[-1] in "\n):,;"
        ends = not after or after[0] in "\n,;" or after[0].isupper() or after.isspace()
        if starts and ends:
            found.append(
                FoundRelation(person.id, "leads", team.id, 0.6, team.start, person.end + 1)
            )
    return found


def list_requests(
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    is_item: Callable[[int], bool],
    refs: Sequence[EntityRef],
    cues: Sequence[CueMatch],
) -> list[FoundRelation]:
    """``SQuaRE wants`` (or ``... would like:``) over a list: each listed thing is requested.

    ``sentences`` are ``(start, end, block)``; ``is_item(block)`` says whether a block is a
    list entry. The evidence of each relation is the entry that names the object.
    """
    found: list[FoundRelation] = []
    ref_index = SpanIndex(refs)  # by position: linear in the document, not refs x sentences
    cue_index = SpanIndex(c for c in cues if c.predicate == "requests")
    for n, (s, e, k) in enumerate(sentences):
        cue = next(iter(cue_index.within(s, e)), None)
        if cue is None:
            continue
        inside = ref_index.within(s, e)
        if cue is None or len(inside) != 1 or inside[0].end > cue.start:
            continue
        if text[cue.end : e].strip(" :") or inside[0].type not in ALLOWED["requests"][0]:
            continue  # the request must end the line: its objects are the entries below
        block = k
        for s2, e2, k2 in sentences[n + 1 : n + 40]:
            if k2 != block and (k2 != block + 1 or not is_item(k2)):
                break
            block = k2
            for r in ref_index.within(s2, e2):
                if r.type in ALLOWED["requests"][1]:
                    found.append(FoundRelation(inside[0].id, "requests", r.id, 0.6, s2, e2))
    return found


#: a member noun between a group and the people it lists: "several Build WG members (Ana, Bo)"
_MEMBERS_WORD = re.compile(r"[ \t]+(?:members?|folks|people|maintainers)\b", re.I)


def group_members(text: str, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``The Docs team (Priya, Carmen)``, ``two Infra WG members (Ana, Bo and Kim)``:
    people listed in parentheses after a team (or after its members)."""
    found = []
    ordered = sorted(refs, key=lambda r: r.start)
    for i, group in enumerate(ordered):
        if group.type not in ("Team", "Organization"):
            continue
        word = _MEMBERS_WORD.match(text, group.end)
        opening = word.end() if word else group.end
        if text[opening : opening + 2] != " (":
            continue
        close = text.find(")", opening)
        if close < 0 or "\n" in text[opening:close]:
            continue
        inside = [r for r in ordered[i + 1 :] if r.end <= close]
        rest = text[opening + 2 : close]
        for r in sorted(inside, key=lambda r: r.start, reverse=True):
            rest = rest[: r.start - opening - 2] + rest[r.end - opening - 2 :]
        people = [r for r in inside if r.type == "Person"]
        if len(people) >= 2 and len(people) == len(inside) and _LIST_GLUE.fullmatch(rest):
            found += cross(people, "memberOf", [group], 0.7, group.start, close + 1)
    return found


#: what may open a line before a group's name: a heading's marks, a bullet, bold
_LINE_OPEN = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+•][ \t]+)?(?:\*\*|__)?")
#: between a group's name and the people of it: a dash or a colon (bold closing around it)
_GROUP_SEP = re.compile(r"(?:\*\*|__)?[ \t]*(?:[-–—]|:)[ \t]*(?:\*\*|__)?[ \t]*")
_WORDS = re.compile(r"(?:[ \t]+([A-Za-z-]+))")
#: a person's entry of a name list: tags in brackets after the name ("Ana Lima (Acme)")
_ENTRY_TAGS = re.compile(r"[ \t]*(?:\([^()\n]*\))?")


def _only_people(text: str, start: int, end: int, people: Sequence[EntityRef]) -> bool:
    """Whether ``text[start:end]`` is the names ``people`` (in order), their bracketed tags
    and list glue, nothing else."""
    pos = start
    for p in people:
        if not _NAME_GLUE.fullmatch(text, pos, p.start):
            return False
        pos = _ENTRY_TAGS.match(text, p.end).end()
    return text[pos:end].strip(" \t.*_") == ""


def group_lines(text: str, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """A line that opens with a group's name and lists only people after a dash or a colon
    (``## Tech Team Report - Ana/Bo/Cy``, ``Infra WG: Ana Lima, Bo Chen``, ``- Security
    team — Kim Park``): the people are members of the group. A few ``report_words`` may
    follow the group's name (report, update, status). A roll call's label that a name
    finder read as an organisation (``not_group_labels``: ``Other: ana, bo``) is no group."""
    report = relation_words("report_words")
    labels = relation_words("not_group_labels")
    found: list[FoundRelation] = []
    lines: dict[int, list[EntityRef]] = {}
    for r in sorted(refs, key=lambda r: r.start):
        lines.setdefault(text.rfind("\n", 0, r.start) + 1, []).append(r)
    for start, inside in lines.items():
        group, people = inside[0], inside[1:]
        if group.type not in ("Team", "Organization") or not people:
            continue
        if any(p.type != "Person" for p in people):
            continue
        if text[group.start : group.end].lower() in labels:
            continue  # "Other: ana, bo": a roll call's label read as an organisation
        if _LINE_OPEN.match(text, start).end() != group.start:  # type: ignore[union-attr]
            continue
        pos, words = group.end, 0
        while (w := _WORDS.match(text, pos)) and w.group(1).lower() in report and words < 2:
            pos, words = w.end(), words + 1
        sep = _GROUP_SEP.match(text, pos)
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        if sep is None or not _only_people(text, sep.end(), line_end, people):
            continue
        found += cross(people, "memberOf", [group], 0.6, start, line_end)
    return found


def labelled_groups(
    text: str, refs: Sequence[EntityRef], headings: Container[int] = ()
) -> list[FoundRelation]:
    """A list of names under a label that names one group (``The Advisory Committee will
    be:`` over ``- Ana Lima (Acme), Bo Chen (Quill Labs)``, ``### Infra WG`` over ``- Ana
    Lima``): each entry holds only names and their bracketed tags, and every person of it is
    a member of the group."""
    found: list[FoundRelation] = []
    lines: dict[int, list[EntityRef]] = {}
    for r in sorted(refs, key=lambda r: r.start):
        lines.setdefault(text.rfind("\n", 0, r.start) + 1, []).append(r)
    for start, inside in lines.items():
        # a name inside a person's brackets ("(Acme)") is a tag of the entry, not an entry
        entries = [
            r for r in inside if text.count("(", start, r.start) <= text.count(")", start, r.start)
        ]
        people = [r for r in entries if r.type == "Person"]
        if not people or len(people) != len(entries):
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        opening = _LINE_OPEN.match(text, start).end()  # type: ignore[union-attr]
        if not _only_people(text, opening, line_end, people):
            continue
        label = _label_above(text, start, headings=headings)
        if label is None or label[1] > start:
            continue
        named = {r.id: r for r in lines.get(label[0], []) if label[0] <= r.start < label[1]}
        groups = [r for r in named.values() if r.type in ("Team", "Organization")]
        if len(groups) != 1 or len(named) != 1:
            continue
        found += cross(people, "memberOf", groups, 0.6, label[0], line_end)
    return found


def chairs(
    text: str, refs: Sequence[EntityRef], title_span: tuple[int, int] | None
) -> list[FoundRelation]:
    """``Chair: Ines Moreau``, ``Hannah Schultz (chair)`` or ``chaired by Ines``: the person
    leads the team the title names (``Lumen Accessibility Working Group -- Minutes of ...``)."""
    found: list[FoundRelation] = []
    member_roles = relation_words("member_roles")
    for ref in refs:  # "Chen Hao Wu (@chwu) — Build WG lead" names the team led
        if ref.type != "Person" or not _entry_start(text, ref.start):
            continue
        tags = roll_call_tags(text, ref.end)
        roles, end = tags.roles, tags.end
        rest = _ROLES_REST.match(text, ref.end)
        if not roles and rest:  # "Ama Owusu, Security WG chair and TSC member"
            roles, end = (rest.group(1),), rest.end(1)
        held = _role_relations(text, ref, roles, end, refs)
        if held:  # "CRob (Intel, BEST WG facilitator & End User WG member)": role by role
            found += held
            continue
        # "Chiara Romano, TSC member": a member of the team the role names
        member = any(r.lower().split()[-1] in member_roles for r in tags.roles)
        if not tags.leads and not member:
            continue
        named = [r for r in refs if r.type == "Team" and ref.end < r.start and r.end <= tags.end]
        if len({r.id for r in named}) == 1:
            predicate = "leads" if tags.leads else "memberOf"
            found.append(FoundRelation(ref.id, predicate, named[0].id, 0.7, ref.start, tags.end))
    if title_span is None:
        return found
    teams = [r for r in refs if r.type == "Team" and title_span[0] <= r.start < title_span[1]]
    if len({t.id for t in teams}) != 1:  # an HTML <title> and <h1> name the team twice
        return found
    for ref in refs:
        if ref.type != "Person":
            continue
        role = _ROLE_AFTER.match(text, ref.end)
        tags = roll_call_tags(text, ref.end) if _entry_start(text, ref.start) else None
        line_start = text.rfind("\n", 0, ref.start) + 1
        label = _labelled(text, line_start, ref, refs)
        by = _CHAIRED_BY.search(text, line_start, ref.start)
        chaired = _CHAIRED.match(text, ref.end)
        if by:  # "The meeting was chaired by Ingrid"
            found.append(FoundRelation(ref.id, "leads", teams[0].id, 0.7, by.start(), ref.end))
        elif chaired:  # "Mira chaired the meeting"
            found.append(FoundRelation(ref.id, "leads", teams[0].id, 0.7, ref.start, chaired.end()))
        elif role:  # "Infra WG: Ana Lima (lead), Bo Chen": the group the line opens with
            team = _line_group(text, line_start, ref, refs) or teams[0]
            found.append(FoundRelation(ref.id, "leads", team.id, 0.7, ref.start, role.end()))
        elif tags is not None and tags.leads:  # "Amara Nwosu (@amaranw) — TSC chair"
            named = [r for r in refs if r.type == "Team" and ref.end < r.start <= tags.end]
            team = _line_group(text, line_start, ref, refs) or teams[0]
            if not named:  # a team named in the role was read above
                found.append(FoundRelation(ref.id, "leads", team.id, 0.7, ref.start, tags.end))
        elif label is not None:
            found.append(FoundRelation(ref.id, "leads", teams[0].id, 0.7, label, ref.end))
    return found


def _line_group(
    text: str, line_start: int, person: EntityRef, refs: Sequence[EntityRef]
) -> EntityRef | None:
    """The group a line opens with before a dash or a colon (``- Infra WG: Ana Lima (lead),
    Bo Chen``), when ``person`` is listed after it; ``None`` otherwise."""
    opening = _LINE_OPEN.match(text, line_start)
    at = opening.end() if opening else line_start
    group = next((r for r in refs if r.start == at and r.end <= person.start), None)
    if group is None or group.type not in ("Team", "Organization"):
        return None
    return group if _GROUP_SEP.match(text, group.end) else None


#: the rest of a roll-call line after the name: ``, Security WG chair and TSC member``
_ROLES_REST = re.compile(r"[ \t]*(?:,|[-–—])[ \t]+([^\n,;()]+?)[ \t.]*$", re.M)
#: what joins two roles of one roll-call tag: "BEST WG facilitator & Docs WG member"
_ROLE_JOIN = re.compile(r"\s*(?:&|/|\band\b)\s*")


def _role_predicate(role: str) -> str | None:
    """``leads`` for a role that heads a group (``chair``, ``co-lead``, ``facilitator``,
    ``executive director``), ``memberOf`` for one held in it (``member``, ``director``)."""
    words = role.lower().split()
    if not words:
        return None
    titles = relation_words("leader_titles")
    if " ".join(words[-2:]) in titles or words[-1] in titles or words[-1] in LEAD_ROLES:
        return "leads"
    if words[-1] in LEADER_NOUNS:
        return "leads"
    if words[-1] in relation_words("member_roles"):
        return "memberOf"
    return None


def _role_relations(
    text: str, ref: EntityRef, roles: Sequence[str], end: int, refs: Sequence[EntityRef]
) -> list[FoundRelation]:
    """What each role of a roll-call entry says of the one group written inside it: ``CTI
    co-lead`` leads CTI, ``TSC member`` is a member of the TSC; a role naming no group or
    two gives nothing."""
    found: list[FoundRelation] = []
    pos = ref.end
    for role in roles:
        at = text.find(role, pos, end)
        if at < 0:
            continue
        pos = at + len(role)
        cuts = [0, *(x for m in _ROLE_JOIN.finditer(role) for x in (m.start(), m.end())), len(role)]
        for lo, hi in zip(cuts[::2], cuts[1::2], strict=False):
            predicate = _role_predicate(role[lo:hi])
            if predicate is None:
                continue
            named = {
                r.id: r
                for r in refs
                if r.type in ("Team", "Organization") and at + lo <= r.start and r.end <= at + hi
            }
            if len(named) == 1:
                (group,) = named.values()
                found.append(FoundRelation(ref.id, predicate, group.id, 0.7, ref.start, end))
    return found


def _labelled(text: str, line_start: int, ref: EntityRef, refs: Sequence[EntityRef]) -> int | None:
    """Where the chair label of a name list holding ``ref`` starts: ``Chair: Ana Lima``,
    ``Co-chairs: Ana Lima and Bo Chen`` (every name of the list, not only the first), or a
    label alone on the line above the list (``Chair`` over ``    Ana Lima``); ``None``
    when the name is not in such a list."""
    label = _ROLE_LABEL.match(text, line_start, ref.start)
    start = label.end() if label else line_start
    people = [r for r in refs if r.type == "Person" and start <= r.start and r.end <= ref.start]
    for r in sorted(people, key=lambda r: r.start):
        if not _NAME_GLUE.fullmatch(text, start, r.start):
            return None
        start = r.end
    if not _NAME_GLUE.fullmatch(text, start, ref.start):
        return None
    if label is not None:
        return line_start
    above = text.rfind("\n", 0, line_start - 1) + 1
    if line_start > 0 and _ROLE_LABEL_ALONE.fullmatch(text, above, line_start - 1):
        return above
    return None


def _signatures(text: str, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """A signature: a person's name alone on a line, then ``Secretary, Heliograph PMC``
    (a role, then the body), or both on one line (``Imogen Carr / Secretary, Heliograph
    PMC``): the person is a member of that body."""
    found = []
    by_start = {r.start: r for r in refs if r.type in ("Team", "Organization")}
    for ref in refs:
        if ref.type != "Person":
            continue
        line_start = text.rfind("\n", 0, ref.start) + 1
        line_end = text.find("\n", ref.end)
        slash = _SLASH.match(text, ref.end)
        if slash and not text[line_start : ref.start].strip(" \t-"):
            role_start = slash.end()
        elif line_end >= 0 and text[line_start:line_end].strip(" \t-") == text[ref.start : ref.end]:
            role_start = line_end + 1
        else:
            continue
        m = _SIGNATURE_ROLE.match(text, role_start)
        words = m.group(1).lower().split() if m else []
        stop = text.find("\n", m.end()) % (len(text) + 1) if m else 0
        group = next(  # "Secretary, Quillmoss PMC": the body may follow the project's name
            (by_start[i] for i in sorted(by_start) if m and m.end() <= i < stop), None
        )
        if group is not None and words and words[-1] in ROLE_WORDS:
            found.append(FoundRelation(ref.id, "memberOf", group.id, 0.7, ref.start, group.end))
    return found


def _entry_start(text: str, start: int) -> bool:
    """Whether a name at ``start`` opens a line or a list entry (a roll-call entry)."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if line.endswith("\t"):  # a table cell's start ("x\tAna Lima (Acme)" in a roll-call table)
        return True
    before = line.rstrip(" \t")
    before = re.sub(r"\[[ xX✓✔]?\]", "", before)  # "[x] Ana Lima - Chair": a ticked entry
    return not before.strip("-*+•·◦ \t") or before.endswith((",", ":", ";"))


def affiliations(
    text: str, roster: Sequence[Any], refs: Sequence[EntityRef]
) -> list[FoundRelation]:
    """``Raj Patel (Northwind University)``, ``Raj Patel — guest, Northwind University``
    in the attendee list: a member of it."""
    found = _signatures(text, refs)
    labels = relation_words("not_group_labels")
    affiliated = affiliated_entries(text.splitlines())
    for mention in roster:
        tags = roll_call_tags(text, mention.end, affiliated)
        person = next((r for r in refs if r.start == mention.start and r.type == "Person"), None)
        for span in tags.affiliations if person else ():
            if initials_of(mention.text, text[span[0] : span[1]]):
                continue
            group = next((r for r in refs if r.start == span[0]), None)
            if group and text[group.start : group.end].lower() in labels:
                continue  # "Attended: Ana, Bo": the roll call's label, no organisation
            if group and group.type in ("Organization", "Team"):
                found.append(
                    FoundRelation(person.id, "memberOf", group.id, 0.7, mention.start, tags.end)
                )
    return found


#: a roll call's label that lists members of the body: "Board members in attendance:",
#: "## Voting member attendance", "TSC members present"
_MEMBER_LABEL = re.compile(r"\bmembers?\b", re.I)
#: a label of those who are not members: "Non-members", "Guests (not members)"
_NON_MEMBER_LABEL = re.compile(r"\bnon[- ]?members?\b|\bnot (?:a )?members?\b", re.I)
#: a line that labels the list below it: a heading, or a line ending with a colon
_LIST_LABEL = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+.*|.*:[ \t]*|\*\*[^*\n]+\*\*[ \t]*)$")


def member_lists(
    text: str,
    listed: Sequence[Any],
    refs: Sequence[EntityRef],
    header: tuple[int, int] | None,
    headings: Container[int] = (),
) -> list[FoundRelation]:
    """``Board members in attendance: ...``, ``## Voting member attendance``: everyone a
    roll call lists under a label that calls them members (present or not) is a member
    of the body the label names, else of the one team the document's header names.
    ``headings`` holds the starts of the document's heading lines (a bold line over a
    table of names is a label though its marks are gone from ``text``)."""
    people = {r.start: r for r in refs if r.type == "Person"}
    teams = [r for r in refs if r.type == "Team"]
    header_teams = {t.id: t for t in teams if header[0] <= t.start < header[1]} if header else {}
    found: list[FoundRelation] = []
    starts = {m.start for m in listed} | set(_alone_on_line(text, refs))
    for start in sorted(starts):
        person = people.get(start)
        if person is None:
            continue
        label = _label_above(text, start, headings=headings)
        if label is None or not _MEMBER_LABEL.search(text, label[0], label[1]):
            continue
        if _NON_MEMBER_LABEL.search(text, label[0], label[1]):
            continue
        named = {t.id: t for t in teams if label[0] <= t.start < label[1]}
        body = named if len(named) == 1 else header_teams
        if len(body) == 1:
            (team,) = body.values()
            found.append(FoundRelation(person.id, "memberOf", team.id, 0.6, label[0], person.end))
    return found


def _alone_on_line(text: str, refs: Sequence[EntityRef]) -> list[int]:
    """The starts of the people named alone on their line (a list mark before, bracketed
    tags after) or alone in the first cell of a table row: the entries of a name list a
    roll call may not have read (``Board members not in attendance:`` over one name a line,
    a members table's row marked absent)."""
    lines: dict[int, list[EntityRef]] = {}
    for r in refs:
        lines.setdefault(text.rfind("\n", 0, r.start) + 1, []).append(r)
    alone = []
    for start, inside in lines.items():
        if len(inside) != 1 or inside[0].type != "Person":
            continue
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        cell = text.find("\t", inside[0].end, end)  # a table row: the name is its first cell
        opening = _LINE_OPEN.match(text, start).end()  # type: ignore[union-attr]
        if _only_people(text, opening, end if cell < 0 else cell, inside):
            alone.append(inside[0].start)
    return alone


def heading_starts(blocks: Sequence[Any]) -> frozenset[int]:
    """The starts of the heading lines among ``blocks`` (the structure's blocks)."""
    return frozenset(b.start for b in blocks if b.kind == "heading")


def _label_above(
    text: str, pos: int, lines: int = 60, headings: Container[int] = ()
) -> tuple[int, int] | None:
    """The span of the nearest line above ``pos`` (or the start of its own line) that
    labels a list: a heading (a line starting at one of ``headings``, or written with its
    marks) or a line ending with a colon."""
    line_start = text.rfind("\n", 0, pos) + 1
    own = text[line_start:pos]
    if ":" in own:
        return line_start, line_start + own.index(":") + 1
    end = line_start - 1
    for _ in range(lines):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip() and (start in headings or _LIST_LABEL.match(text[start:end])):
            return start, end
        end = start - 1
    return None
