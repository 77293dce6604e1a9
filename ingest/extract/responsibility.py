"""Who is responsible for a ticket, proposal or component, read from how minutes lay it out.

Minutes rarely say "Ana is responsible for #42" in a sentence; they write it in the layout
(ANNOTATION.md: responsibleFor is "owns, maintains, is working on, point of contact for ..."):

- an author mark after an item: ``Add a reject filter [#19681](...) (ana)``,
  ``[#19569 comment](...) (to be opened by ana)``, ``[Issue 217](...) - Logos - Ana Lima``;
- a status report under a person's label: ``ana: BIP155 (#19628), #19610`` or
  ``[name=Ana] Release 1.2 ... https://host/pull/25045`` — the reporter works on each
  ticket the report names (not a remark in a discussion: a label whose text is a sentence
  in the first or second person, a question or an opinion is a speaker's turn);
- a possessive: ``Ana Lima's proposal [#47](...)``, ``Ana's morphology PR (#6695)``.

Each function reads the clean text and the entity mentions found so far; ``person_of``
turns a label that only a person can stand in ("ana", "Ana Lima") into the id of that
person (adding it to the document's people), or ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator, Sequence

from ingest.extract.relations import EntityRef, FoundRelation, cross, relation_words

__all__ = [
    "author_marks",
    "heading_roles",
    "possessive_owners",
    "report_speakers",
    "role_holders",
    "status_reports",
]

#: what a person can be responsible for, as a layout names it
_OBJECTS = ("Ticket", "Document")
_OWNERS = ("Person", "Team", "Organization")

_WORD = r"[^\W\d_][\w'’.-]{0,30}"
_CAP = r"[A-Z\u00C0-\u024F][\w'’.-]{0,30}"
#: ``(ana)``, ``(@ana)``, ``(by Ana Lima)``, ``(to be opened by ana)``, ``(author: ana)``
_AUTHOR_PAREN = re.compile(
    r"\((?:(?:to be \w+ |proposed |opened |written |filed |raised |started |led )?by |"
    rf"author:? |owner:? |@)?(?P<name>{_WORD}(?: {_CAP}){{0,2}})"
    r"(?:,\s*\d+\s*(?:min|mins|minutes|m)\.?)?\)[\s.;,]*$"  # an agenda's time box: "(Ana, 15 min)"
)
#: `` - Ana Lima``, `` – Ana`` or `` - @ana`` closing an item line (an agenda's time box may
#: follow)
_NAME_WORD = r"[A-Z\u00C0-\u024F][\w'’.]*(?:-[A-Z][\w'’.]*)?"
_AUTHOR_DASH = re.compile(
    rf"\s[-–—]\s*(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{0,2}}|@[A-Za-z0-9][\w.-]*\w)\s*"
    r"(?:[-–—]?\s*[_*]?\(?\d+\s*(?:min|mins|minutes|m)(?![a-z])\)?\s*[_*]?)?[\s.;,]*$"
)
#: ``ana:`` / ``Ana Lima:`` / ``[name=Ana]`` / ``[Ana]`` opening a line (after a bullet and a
#: checkbox: ``- [x] ana: drafted the roadmap, see #5``)
_LABEL = re.compile(
    r"[ \t>]*(?:[-*+•◦][ \t]+)?(?:\[[ xX✓✔]\][ \t]+)?(?:\[(?:name=)?(?P<b>[^\]\n]{1,40})\]|"
    rf"\*{{0,2}}(?P<c>@?{_WORD}(?: {_CAP}){{0,2}})\*{{0,2}}:\*{{0,2}})[ \t]+(?=\S)"
)
#: words of a sentence said in a discussion, not of a status report's title
_TALK = frozenset(
    "i we you he she they i'm we're i'll we'll i've we've should could would might "
    "think agree agreed suggest suggested asks asked says said wonder maybe".split()
)
#: words of an opinion anywhere in a line ("X: the charter, I think, will change"): a
#: discussion turn, not a report
_OPINION = frozenset("think thinks agree agrees disagree suggest suggests wonder wonders".split())
#: labels that head a line but name no person ("Action: ...", "Note: ...")
NOT_NAME_LABELS = frozenset(
    "action actions ai todo note notes task tasks decision decisions resolution next topic "
    "topics update updates status summary agenda minutes question questions answer comment "
    "comments pr prs issue issues proposal link links attendees present regrets chair "
    "scribe discussion outcome conclusion result results background context".split()
)


def _objects(text: str, refs: Sequence[EntityRef]) -> list[EntityRef]:
    """The tickets and documents among ``refs``, but a document whose ticket follows it
    ("BIP155 (#19628)": the ticket is the work)."""
    tickets = [r for r in refs if r.type == "Ticket"]
    out = []
    for r in refs:
        if r.type == "Document" and any(
            0 <= t.start - r.end <= 3 and text[r.end : t.start].strip() in ("(", "([", "[")
            for t in tickets
        ):
            continue
        if r.type in _OBJECTS:
            out.append(r)
    return out


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _plausible(name: str, english: Container[str]) -> bool:
    """A label only a person's name or handle fills: no English word, no label word."""
    words = name.lstrip("@").split()
    if not words or any(w.lower().rstrip(".") in NOT_NAME_LABELS for w in words):
        return False
    if re.fullmatch(r"[A-Z]{2,}", name):
        return False  # "(NCSA)", "(NSF)": an organisation's acronym, or initials nobody spelt
    if re.search(r"_\d", name) or (name.islower() and name.endswith("s")):
        return False  # "Smith_2000" cites; "backports:" is a plural noun heading a list
    for w in words:
        low = w.lower().strip(".’'")
        if low in english or (low.endswith("s") and low[:-1] in english):
            return False
    return True


def _by_line(refs: Sequence[EntityRef], text: str) -> dict[int, list[EntityRef]]:
    lines: dict[int, list[EntityRef]] = {}
    for r in refs:
        lines.setdefault(text.rfind("\n", 0, r.start) + 1, []).append(r)
    return lines


def author_marks(
    text: str,
    refs: Sequence[EntityRef],
    person_of: Callable[[str], str | None],
    english: Container[str],
) -> list[FoundRelation]:
    """An item line that names tickets or documents and ends with its author."""
    found: list[FoundRelation] = []
    for start, inside in _by_line(refs, text).items():
        objects = _objects(text, inside)
        if not objects:
            continue
        _, end = _line_bounds(text, start)
        line = text[start:end]
        mark = _AUTHOR_PAREN.search(line) or _AUTHOR_DASH.search(line)
        if mark is None or start + mark.start() < max(r.end for r in objects):
            continue  # the mark must follow what it marks
        name = mark.group("name")
        owner = next((r for r in inside if r.start == start + mark.start("name")), None)
        if owner is not None and owner.type in _OWNERS:
            subject: str | None = owner.id
        elif owner is None and _plausible(name, english):
            subject = person_of(name)
        else:
            subject = None
        if subject is None:
            continue
        for o in objects:
            if not _TOPIC_OF.search(text, start, o.start):
                found.append(FoundRelation(subject, "responsibleFor", o.id, 0.6, start, end))
    return found


#: a document or ticket named as what a topic is about, right before it: "Incident procedure
#: in the code of conduct (Ana)", "Questions about #42 (Bo)": the mark names who brings the
#: topic, not who holds the work
_TOPIC_OF = re.compile(r"\w[\w ]*\s(?:in|about|regarding|concerning|around)\s+(?:the\s+)?$", re.I)


def _reported(
    text: str, start: int, end: int, objects: Sequence[EntityRef], turn: bool = False
) -> bool:
    """Whether line ``[start, end)`` reports work on ``objects`` rather than asks or argues.

    With ``turn`` (the text after a label on the same line, ``ana: ...``), a statement
    before the first object (``ana: these are based on #12``, ``bo: the impression the
    board had was that #7 ...``: a finite ``be`` or ``had`` not followed by an -ing form)
    says something about the thing, as a speaker's turn does, not that the speaker works
    on it; ``ana: is working on #12`` still reports. The items of a list under a label are
    the reporter's own entries and are read whatever their wording."""
    lead = text[start : min(r.start for r in objects)]
    words = re.findall(r"[\w'’]+", lead.lower())
    if any(w in _OPINION for w in re.findall(r"[\w'’]+", text[start:end].lower())):
        return False
    if turn and _states(words):
        return False
    return not text[start:end].rstrip().endswith("?") and not any(w in _TALK for w in words)


#: finite forms of "be" and "had" that make the words before an object a statement
_STATING = frozenset("is are was were had".split())


def _states(words: Sequence[str]) -> bool:
    """Whether ``words`` hold a finite ``be``/``had`` whose next two words hold no -ing form
    (``are based on``, not ``is still working on``)."""
    return any(
        w in _STATING and not any(n.endswith("ing") for n in words[i + 1 : i + 3])
        for i, w in enumerate(words)
    )


def _label_blocks(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Each label that stands alone on its line (``ana:``) with the end of the indented
    list under it."""
    for label in _BARE_LABEL.finditer(text):
        pos = label.end() + 1
        last = label.end()
        indent = len(label.group("indent").expandtabs())
        while pos < len(text):
            _, end = _line_bounds(text, pos)
            line = text[pos:end]
            body = line.lstrip()
            if not body or body[:1] == "#":
                break  # a blank line or a heading ends the report
            if len(line) - len(body) <= indent and (body[:1] in "-*+•◦" or _LABEL.match(line)):
                break  # the next entry of the list the label is in
            last = end
            pos = end + 1
        if last > label.end():
            yield label, last


def _report_blocks(
    text: str, lines: dict[int, list[EntityRef]]
) -> Iterator[tuple[re.Match[str], list[tuple[int, int, list[EntityRef]]]]]:
    """Each label alone on its line with the list lines under it that name tickets or
    documents."""
    for label, last in _label_blocks(text):
        items = []
        pos = label.end() + 1
        while pos < last:
            _, end = _line_bounds(text, pos)
            inside = _objects(text, lines.get(pos, []))
            if inside:
                items.append((pos, end, inside))
            pos = end + 1
        if items:
            yield label, items


#: a label alone on its line: ``ana:``, ``**Ana Lima:**``, ``- [name=Ana]``
_BARE_LABEL = re.compile(
    rf"^(?P<indent>[ \t]*)(?:[-*+•◦][ \t]+)?(?:\[(?:name=)?(?P<b>{_WORD}(?: {_CAP}){{0,2}})\]|"
    rf"\*{{0,2}}(?P<c>@?{_WORD}(?: {_CAP}){{0,2}})\*{{0,2}}:\*{{0,2}})[ \t]*$",
    re.MULTILINE,
)


def _label_owner(
    at: int,
    name: str,
    refs: Sequence[EntityRef],
    person_of: Callable[[str], str | None],
    english: Container[str],
) -> str | None:
    """The person or team a label at ``at`` names: the entity found there, else a name or
    handle only a person fills; ``None`` for a ticket or product as label ("PR 42: ...")."""
    there = next((r for r in refs if r.start == at), None)
    if there is not None:
        return there.id if there.type in _OWNERS else None
    return person_of(name) if _plausible(name, english) else None


def status_reports(
    text: str,
    refs: Sequence[EntityRef],
    person_of: Callable[[str], str | None],
    english: Container[str],
    known: Callable[[str], str | None] | None = None,
) -> list[FoundRelation]:
    """``name: title (#ticket), #ticket`` (or ``name:`` over a list of such lines, or a
    labelled item over a deeper list naming them): the reporter works on each ticket named.
    ``known`` resolves a label in capitals (``AS:``) to a person the document names, if
    given (no other rule reads such a label as a person: an acronym is no name)."""
    found: list[FoundRelation] = []
    lines = _by_line(refs, text)
    for label, items in _report_blocks(text, lines):
        which = "b" if label.group("b") else "c"
        name = label.group(which)
        explicit = "name=" in label.group(0)  # HackMD's "[name=Ana]" names a person
        subject = _label_owner(
            label.start(which), name, refs, person_of, () if explicit else english
        )
        if subject is None:
            continue
        for start, end, objects in items:
            if _reported(text, start, end, objects):
                found += [
                    FoundRelation(subject, "responsibleFor", o.id, 0.6, start, end) for o in objects
                ]
    found += _name_sections(text, refs, lines)
    found += _labelled_items(text, lines, person_of, english, known)
    for start, inside in lines.items():
        objects = _objects(text, inside)
        if not objects:
            continue
        label = _LABEL.match(text, start)
        if label is None:
            continue
        _, end = _line_bounds(text, start)
        which = "b" if label.group("b") else "c"
        name = label.group(which).strip()
        if not _reported(text, label.end(), end, objects, turn=True):
            continue  # a turn in a discussion, not a report
        subject = _label_owner(label.start(which), name, inside, person_of, english)
        subject = subject or _initials_owner(name, known)
        if subject is None:
            continue
        for o in objects:
            if o.start >= label.end():
                found.append(FoundRelation(subject, "responsibleFor", o.id, 0.6, start, end))
    return found


def _initials_owner(name: str, known: Callable[[str], str | None] | None) -> str | None:
    """The person of the document a capitals label stands for (``AS:`` where Ana Silva is
    named), by ``known`` (which resolves a name to a person already found, adding none);
    ``None`` for no such label or person."""
    if known is None or not (2 <= len(name) <= 5 and name.isalpha() and name.isupper()):
        return None
    return known(name)


def _labelled_items(
    text: str,
    lines: dict[int, list[EntityRef]],
    person_of: Callable[[str], str | None],
    english: Container[str],
    known: Callable[[str], str | None] | None,
) -> list[FoundRelation]:
    """A list item opening with a person's label, over a deeper list (``- [x] ana: drafted
    the roadmap`` over ``    - https://host/org/repo/issues/5``): the tickets and documents
    the lines under it name are the labelled person's work (not a line that asks or argues,
    nor one opening with a label of its own)."""
    found: list[FoundRelation] = []
    pos = 0
    while (at := text.find("\n", pos)) >= 0:
        start, pos = pos, at + 1
        label = _LABEL.match(text, start, at)
        if label is None or not text[label.end() : at].strip():
            continue
        nested = text[pos : text.find("\n", pos) if "\n" in text[pos:] else len(text)]
        indent = len(text[start:at]) - len(text[start:at].lstrip())
        if not nested.strip() or len(nested) - len(nested.lstrip()) <= indent:
            continue  # nothing under the item
        if "?" in text[start:at] or any(
            w in _OPINION for w in re.findall(r"[\w'’]+", text[start:at].lower())
        ):
            continue
        if label.group("b") and "name=" not in label.group(0):
            continue  # "- [Ana] topic": who brings an agenda's topic (HackMD's [name=] reports)
        which = "b" if label.group("b") else "c"
        name = label.group(which).strip()
        subject = _label_owner(label.start(which), name, lines.get(start, []), person_of, english)
        subject = subject or _initials_owner(name, known)
        if subject is None:
            continue
        line = pos
        while line < len(text):
            _, end = _line_bounds(text, line)
            body = text[line:end].lstrip()
            if not body or len(text[line:end]) - len(body) <= indent:
                break  # the next item of the labelled one's list
            objects = _objects(text, lines.get(line, []))
            own_label = _LABEL.match(text, line, end)  # "- Bo: ..." under it is Bo's turn
            if objects and not own_label and _reported(text, line, end, objects):
                found += [
                    FoundRelation(subject, "responsibleFor", o.id, 0.6, start, end) for o in objects
                ]
            line = end + 1
    return found


_ITEM_START = re.compile(r"(?:[-*+•◦]|\d{1,3}[.)])\s")
#: what may open a line before a name standing alone: a heading's marks or a bullet, bold
_NAME_OPEN = re.compile(r"(?P<indent>[ \t]*)(?P<mark>#{1,6}[ \t]+|[-*+•◦][ \t]+)?(?:\*\*|__)?")


def _name_sections(
    text: str, refs: Sequence[EntityRef], lines: dict[int, list[EntityRef]]
) -> list[FoundRelation]:
    """A person's name alone on a heading (``### Ana Lima``) over a list, or a bullet with a
    deeper list under it (``- Ana Lima`` over ``    - opened #431``): the entries of that
    list report the person's work, and each ticket or document a line names is theirs
    (not a line that asks or argues)."""
    found: list[FoundRelation] = []
    for ref in refs:
        if ref.type != "Person":
            continue
        start, end = _line_bounds(text, ref.start)
        opening = _NAME_OPEN.match(text, start, ref.start)
        if opening is None or opening.end() != ref.start:
            continue
        if text[ref.end : end].strip(" \t*_:") or not opening.group("mark"):
            continue
        heading = opening.group("mark").startswith("#")
        indent = len(opening.group("indent").expandtabs())
        pos = end + 1
        while pos < len(text):
            _, line_end = _line_bounds(text, pos)
            line = text[pos:line_end]
            body = line.lstrip()
            if heading and (body.startswith("#") or (body and not _ITEM_START.match(body))):
                break  # the next heading ends the section, or a paragraph after its list
            if not heading and body and len(line) - len(body) <= indent:
                break  # the next entry of the list the name is in
            objects = _objects(text, lines.get(pos, []))
            if objects and _reported(text, pos, line_end, objects):
                found += [
                    FoundRelation(ref.id, "responsibleFor", o.id, 0.6, pos, line_end)
                    for o in objects
                ]
            pos = line_end + 1
    return found


#: ``'s`` / ``’s`` (or a bare ``'`` after an s) making a name a possessive
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)(?=\s)")


def possessive_owners(text: str, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``Ana Lima's proposal [#47](...)``: a person's possessive whose noun phrase names a
    ticket or document (within a few words, in the same line)."""
    found: list[FoundRelation] = []
    ordered = sorted(refs, key=lambda r: r.start)
    for n, r in enumerate(ordered):
        if r.type != "Person" or not _POSSESSIVE.match(text, r.end):
            continue
        line_end = _line_bounds(text, r.end)[1]
        for o in ordered[n + 1 : n + 3]:
            if o.start >= line_end or o.type in _OWNERS:
                break
            gap = text[r.end : o.start]
            if len(gap.split()) > 5 or re.search(r"[.;:!?]\s", gap):
                break
            if o.type in _OBJECTS:
                found.append(FoundRelation(r.id, "responsibleFor", o.id, 0.6, r.start, o.end))
                break
    return found


def report_speakers(
    text: str,
    refs: Sequence[EntityRef],
    person_of: Callable[[str], str | None],
    english: Container[str],
) -> list[tuple[int, int, EntityRef]]:
    """``(start, end, person)`` for each list under a label alone on its line (``ana:``,
    ``- [name=Ana]``): what the list says it will do or is doing, the person does."""
    out: list[tuple[int, int, EntityRef]] = []
    for label, end in _label_blocks(text):
        which = "b" if label.group("b") else "c"
        explicit = "name=" in label.group(0)
        subject = _label_owner(
            label.start(which), label.group(which), refs, person_of, () if explicit else english
        )
        if subject is not None:
            ref = EntityRef(label.start(which), label.end(which), subject, "Person")
            out.append((label.end(), end, ref))
    return out


#: roles a roll call gives a person over a component: "Ana Lima, OpenVDB Representative"
_HOLDER_ROLES = re.compile(
    r"[ \t]*(?:representative|maintainer|maintainers|lead|owner|developer|author|"
    r"release manager)\b",
    re.I,
)


def role_holders(text: str, refs: Sequence[EntityRef]) -> list[FoundRelation]:
    """``Ana Lima, OpenVDB Representative`` / ``Bo Chen - WAMR maintainer`` on a line of its
    own: the person is responsible for the component the role names."""
    found: list[FoundRelation] = []
    ordered = sorted(refs, key=lambda r: r.start)
    for person, thing in zip(ordered, ordered[1:], strict=False):
        if person.type != "Person" or thing.type not in ("Component", "Document"):
            continue
        gap = text[person.end : thing.start]
        if not re.fullmatch(r"\s*(?:\([^()\n]*\)\s*)?(?:,|[-–—])\s*", gap):
            continue
        role = _HOLDER_ROLES.match(text, thing.end)
        line_start, line_end = _line_bounds(text, person.start)
        if role is None or text[line_start : person.start].strip(" \t-*•[]xX") != "":
            continue  # the entry must open its line: a roll call, not prose
        found.append(
            FoundRelation(person.id, "responsibleFor", thing.id, 0.6, line_start, line_end)
        )
    return found


_ROLE_LINE = re.compile(
    r"[ \t>]*(?:[-*+•◦][ \t]+)?\**(?P<label>[A-Za-z][A-Za-z ]{0,24}?)\**[ \t]*:\**[ \t]*"
)


def heading_roles(
    text: str, blocks: Sequence[object], refs: Sequence[EntityRef]
) -> list[FoundRelation]:
    """``## quillsync`` over ``- Owner: Ana Lima``, ``## Docs WG`` over ``Chair: Bo``: a role
    line (a ``holder_labels`` or ``leader_nouns`` label and the people after it) under a
    heading that names one piece of software, a document or a group. The person is
    responsible for the software or document, and leads the group. Only the section's own
    lines count (a deeper heading starts another section)."""
    holders = relation_words("holder_labels")
    leaders = relation_words("leader_nouns")
    found: list[FoundRelation] = []
    heading: tuple[int, int] | None = None
    for block in blocks:
        kind = getattr(block, "kind", "")
        start, end = getattr(block, "start", 0), getattr(block, "end", 0)
        if kind in ("heading", "title"):
            heading = (start, end)
            continue
        if heading is None or kind not in ("item", "paragraph"):
            continue
        named = {r.id: r for r in refs if heading[0] <= r.start and r.end <= heading[1]}
        if len(named) != 1:
            continue
        (thing,) = named.values()
        pos = start
        while pos < end:
            line_end = text.find("\n", pos, end)
            line_end = end if line_end < 0 else line_end
            m = _ROLE_LINE.match(text, pos, line_end)
            if m is not None:
                label = " ".join(m.group("label").lower().split())
                people = [
                    r
                    for r in refs
                    if r.type == "Person" and m.end() <= r.start and r.end <= line_end
                ]
                if thing.type in ("Component", "Document") and label in holders:
                    predicate = "responsibleFor"
                elif thing.type == "Team" and label in leaders:
                    predicate = "leads"
                else:
                    predicate = ""
                if predicate:
                    found += cross(people, predicate, [thing], 0.6, pos, line_end)
            pos = line_end + 1
    return found
