"""Action items with their owners resolved: :class:`~ingest.model.RawAction` s found in the
layout (:mod:`ingest.extract.actions`) and in sentences (:mod:`ingest.extract.commitments`)
become :class:`~ingest.model.ActionItem` s.

An owner is the person (or team) the item names; a name the layout puts where only an
owner stands ("Ilse: ...", an owner column or line) becomes a person even when the
document names nobody else so; an item that opens with a body the document names as its
doer ("The docs team will ...", "Release team to ...", "The TSC (via Oscar) will ...") is
that body's, and the people speaking for it. A sentence's item that restates a listed one
is dropped, and an item written twice (in the notes and again in a summary table, or carried over
into a list of open actions) is one item: the first is kept, with the evidence of both.

>>> from ingest.model import ActionItem, Evidence
>>> a = ActionItem("a1", "Mateo to tag heron-cli 0.8.1", ("p:mateo",), None, "open", (),
...                (Evidence("x", 0, 1),))
>>> b = ActionItem("a2", "tag heron-cli 0.8.1", ("p:mateo",), "2024-10-25", "open", (),
...                (Evidence("y", 5, 6),))
>>> [(i.id, i.due, len(i.evidence)) for i in dedupe_actions([a, b], {"p:mateo": ["Mateo"]})]
[('a1', '2024-10-25', 2)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from ingest.model import ActionItem, Evidence, RawAction
from ingest.resolve.people import PROSE, People, _group_noun
from ingest.structure.delegations import restates
from ontology.ids import action_iri, entity_iri

__all__ = ["build_actions", "dedupe_actions"]

#: names in parentheses closing an item: "update the reviewer guide (Kylen)", "(Ana, Bo)",
#: handles too: "check the flaky test (@jdoe)"
_OWNER_AT_END = re.compile(
    r"\(((?:@[A-Za-z0-9][\w.-]*(?<![.-])|[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})"
    r"(?:(?:, | and | & | ?/ ?)(?:@[A-Za-z0-9][\w.-]*(?<![.-])|[A-Z][\w'’.-]*"
    r"(?: [A-Z][\w'’.-]*){0,2})){0,3})\)[ \t.;]*$"
)
#: an owner's note closing an item: "draft the policy (owner: Isha)", "(assignee: @bo)"
_OWNER_NOTE = re.compile(
    r"\((?i:owners?|assignees?|assigned to|who|lead|poc|dri)[ \t]*[:=][ \t]*([^()\n]{1,80})\)"
    r"[ \t.;]*$"
)
#: handles closing an item, as task lists write them: "- [ ] update the doc @isha-k"
_HANDLES_AT_END = re.compile(
    r"[ \t]((?:@[A-Za-z0-9][\w.-]*(?<![.-])(?:,?[ \t]+(?:(?:and|&)[ \t]+)?|$))+)[ \t.;]*$"
)
#: names closing an item after a dash or an arrow: "update the FAQ — Carla", "tag 2.0 ->
#: Ana, Bo", "move the tutorials → Lucia"
_SIGNED = re.compile(
    r"[ \t](?:[—–→]|--?>?)[ \t]*(@?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}(?:(?:, | and | & | ?/ ?)"
    r"@?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}){0,3})[ \t.;]*$"
)
# the words before one of these open an action item with its assignee ("DV — write ...")
_LEADING_ASSIGNEE = re.compile(r"^\W*(@?[\w.'-]+(?: [\w.'-]+){0,2}?)(?:\s*[—:–]|\s+-\s|\s+to\s)")
# what follows an owner's name at the head of an item: "Ana: ...", "Ana - ...", "Ana to ..."
_OWNER_MARK = re.compile(r"\s*(?:[:—–]|->|-\s|\s(?:to|will|shall|should)\b)")
_FILLER = frozenset({"to", "will", "should", "shall", "must", "and", "the", "a", "an", "please"})


#: a listed item opening with a person, then the task: "Marta draft a note" (its verb
#: in the base form), "Ana Lima. Send the budget", "Lio -- glossary wording"
_PERSON_THEN = re.compile(
    r"^\W*(@?[^\W\d_][\w'’-]*(?: (?:[^\W\d_]\.|[^\W\d_][\w'’-]*)){0,2}?)"
    r"(?:[ \t]*--[ \t]*(?=\w)|\.[ \t]+(?=[A-Z][a-z])|[ \t]+(?=([a-z]+)[ \t]))"
)


def _person_then_task(words: str, people: People) -> str | None:
    """The person the document already knows who opens a listed item, written without a
    mark between the name and the task ("oren open the PR", "Ana Lima. Send the
    budget", "Lio Brandt -- trim the glossary"); ``None`` otherwise. No new person is
    read from it."""
    m = _PERSON_THEN.match(words)
    if m is None or (m.group(2) is not None and m.group(2) not in _base_verbs()):
        return None
    return people.resolve(m.group(1), short_initials=True)


@lru_cache(maxsize=1)
def _base_verbs() -> frozenset[str]:
    from ingest.extract.nlp import word_class  # lazy: imports spaCy

    return word_class("verb")


#: the text of a Markdown link whose target the cleaner dropped: "[PR 1000]" reads "PR 1000"
_LINK_TEXT = re.compile(r"(?<![\w\]])\[(?![ xX]\])([^\[\]\n]{2,80})\](?!\()")


#: a bare web address inside an item: the evidence keeps it, the item's title need not
_URL = re.compile(r"\s*\(?<?\bhttps?://[^\s<>()]+[>)]?")


def _first_line(text: str, raw: RawAction) -> str:
    """The first line of an item's own words (``raw.text`` when the clean text is not given
    or the item is one line)."""
    if not text:
        return raw.text
    stop = text.find("\n", raw.start, raw.end)
    return raw.text if stop < 0 else " ".join(text[raw.start : stop].split())


def _title(text: str) -> str:
    """An item's text as a title: one line, link texts without brackets, bare web
    addresses dropped ("refresh the wiki soon, https://wiki.example.org/")."""
    words = " ".join(text.split())
    bare = _URL.sub("", words).strip(" ,;:-–—")
    return _LINK_TEXT.sub(r"\1", bare if len(bare.split()) >= 2 else words)


def build_actions(
    raws: Sequence[RawAction],
    people: People,
    found: Sequence[Any],
    doc_id: str,
    evidence: Callable[[int, int], Evidence],
    is_ticket: Callable[[str], bool],
    prose: Sequence[RawAction] = (),
    text: str = "",
) -> list[ActionItem]:
    """Action items with their assignees resolved (never guessed), repeats merged.

    ``prose``: items said in the notes' sentences (see :mod:`ingest.extract.commitments`),
    dropped where they restate a listed item (an owner and two content words in common).
    ``text``: the clean text the items' offsets count in; the tickets an item names are
    the ones the document found on the item's lines (see :func:`_line_tickets`).
    """
    actions = []
    listed = len(raws)
    for n, raw in enumerate([*raws, *prose], 1):
        assignees: list[str] = []
        if not raw.assignees:  # the layout found none: a person may open the item
            lead = _LEADING_ASSIGNEE.match(raw.text) or re.match(r"^\W*(@[\w.-]+)", raw.text)
            name = lead and people.resolve(lead.group(1), 1, short_initials=True)
            if name:
                assignees.append(entity_iri("Person", name))
        for mention in raw.assignees:
            name = people.resolve(mention.text, promote_to=1, short_initials=True)
            teams = [
                f
                for f in found
                if f.type == "Team" and f.start <= mention.start and mention.end <= f.end
            ]
            owner = (
                mention.end <= raw.start
                or mention.start >= raw.end  # a table's owner column after the task's cell
                or mention.text.startswith("@")  # "- [ ] @qzhou close the stale PRs"
                or _OWNER_MARK.match(raw.text, mention.end - raw.start)
            )
            if not name and not teams and owner:  # "Sebastian: ...", an owner column or line
                name = people.add_owner(mention.text, PROSE)
            if name:
                assignees.append(entity_iri("Person", name))
                continue
            pair = people.split_pair(mention.text)  # two @mentions run together
            if pair:
                assignees += [entity_iri("Person", n) for n in pair]
                continue
            teams = [
                f
                for f in found
                if f.type == "Team" and f.start <= mention.start and mention.end <= f.end
            ]
            if teams:
                assignees.append(entity_iri("Team", teams[0].name))
            elif owner and _group_noun(mention.text):
                # "Chairs: organise the joint meetings": the group named is the doer
                from ingest.extract.nlp import Found  # lazy: imports spaCy

                team = Found(mention.start, mention.end, "Team", mention.text, mention.text)
                if isinstance(found, list):
                    found.append(team)  # the document's entities: the group becomes one
                    assignees.append(entity_iri("Team", mention.text))
        if not assignees and n <= listed:  # "Marta draft a note", "Ana Lima. Send it"
            name = _person_then_task(raw.text, people)
            assignees += [entity_iri("Person", name)] if name else []
        if not assignees and text:  # "The TSC (via Oscar) will send ...": the body named
            assignees += _leading_team(raw, found, text, people)
        closing = None
        # the item's own line, then the whole item: its notes may be joined below the line
        # whose brackets close with the owner ("- fix the build (@jdoe)" then "  - flaky")
        for words in dict.fromkeys((_first_line(text, raw), raw.text)) if not assignees else ():
            closing = (
                _OWNER_AT_END.search(words)
                or _SIGNED.search(words)
                or _OWNER_NOTE.search(words)
                or _HANDLES_AT_END.search(words)
            )
            if closing:
                break
        if closing:  # "update the reviewer guide (Kylen)": a person the document names
            parts = [
                p.removeprefix("and ").removeprefix("& ").strip(" ,")
                for p in re.split(r", | and | & | ?/ ?|[ \t]+(?=@)", closing.group(1).strip())
            ]
            # a listed item's closing brackets hold only its owners: "- Mirrors (Ines/Kofi)"
            owners_only = n <= listed and closing.re is _OWNER_AT_END and len(parts) >= 2
            for part in parts:
                name = people.resolve(part, short_initials=True)
                if not name and (owners_only or re.fullmatch(r"@[A-Za-z0-9][\w.-]*", part)):
                    name = people.add_owner(part, PROSE)  # "... @isha-k": a handle is a person
                if name:
                    assignees.append(entity_iri("Person", name))
        actions.append(
            ActionItem(
                action_iri(doc_id, n),
                _title(raw.text),
                tuple(dict.fromkeys(assignees)),
                raw.due,
                raw.status,
                _line_tickets(raw, found, text, is_ticket),
                (evidence(raw.start, raw.end),),
            )
        )
    # what "this" / "that issue" of an item stands for, read before it (kept out of the
    # comparisons below, which compare what the items themselves say)
    contexts = (
        {
            a.evidence[0]: _referent(text, r.start, a.text)
            for a, r in zip(actions, [*raws, *prose], strict=True)
        }
        if text
        else {}
    )
    actions = actions[:listed] + [
        a for a in actions[listed:] if not any(_restates(a, b) for b in actions[:listed])
    ]
    actions.sort(key=lambda a: a.evidence[0].start)
    names = {entity_iri("Person", p.name): [p.name, *p.aliases] for p in people.persons.values()}
    kept = dedupe_actions(actions, names)
    return [
        replace(
            a,
            id=action_iri(doc_id, n),
            text=_with_context(a.text, contexts.get(a.evidence[0])),
        )
        for n, a in enumerate(kept, 1)
    ]


#: an item whose object only points back: "working on this", "help Rasmus with that issue",
#: "opened by jnewbery" (a passive whose subject came before it)
_POINTS_BACK = re.compile(
    r"\b(?:this|that|these|those)(?:[ \t]+(?:issue|one|problem|topic|item|work|idea|PR))?"
    r"[ \t]*(?:[.!;,)]|$|[ \t]+(?:on|in|to|for|with|again|soon|forward|first|now|further)\b)"
    r"|^[a-z]+ed[ \t]+by\b",
    re.I,
)
_TO_BE = re.compile(r"[\s(]*(?:(?:is |are )?to be|will be|(?:is|are) being)?[\s(]*$")
_SENTENCE_GAP = re.compile(r"(?<=[.!?])[ \t\n]+(?=[A-Z(\[*_])")
_ITEM_START = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")


def _referent(text: str, start: int, words: str) -> str | None:
    """What an item pointing back ("working on this", "that issue") refers to: the first
    sentence of the item or paragraph it is written in and the sentence just before its
    own, when the item is not itself that first sentence; ``None`` otherwise."""
    if not _POINTS_BACK.search(words):
        return None
    line = text.rfind("\n", 0, start) + 1
    begin = line
    while not _ITEM_START.match(text, begin) and begin > 0:  # a wrapped paragraph's lines
        above = text.rfind("\n", 0, begin - 1) + 1
        prev = text[above : begin - 1]
        if not prev.strip() or begin - above > 400:
            break
        begin = above
        if _ITEM_START.match(prev):
            break
    before = text[begin:start]
    item = _ITEM_START.match(before)
    before = before[item.end() :] if item else before
    sentences = [p.strip() for p in _SENTENCE_GAP.split(before) if p.strip()]
    if len(sentences) < 2 and not words.lower().split()[0].endswith("ed"):
        return None  # the item opens its line: nothing before it to point back to
    if len(sentences) < 2:  # "[19569 comment] (to be opened by jnewbery)": its subject
        picked = [_TO_BE.sub("", s) for s in sentences]
    else:
        picked = list(dict.fromkeys([sentences[0], sentences[-2]]))
    context = " ".join(" ".join(picked).split())
    return context if 2 <= len(context.split()) <= 60 else None


def _with_context(words: str, context: str | None) -> str:
    return f"{words} ({context})" if context else words


#: what may stand before a body opening an item: "The docs team will ...", "- the TSC to ..."
_BEFORE_BODY = re.compile(r"[\W_]*(?:the[ \t]+)?", re.I)
#: after the body: who speaks for it, "(via Oscar)", then what gives it the work
_AFTER_BODY = re.compile(
    r"[ \t]*(?:\((?:via|through|led by|represented by)[ \t]+([^()\n]{1,60})\)[ \t]*)?"
    r"(?:[:—–]|->|-[ \t]|(?:will|to|shall|should|must|is going to|are going to)\b)",
    re.I,
)


def _leading_team(raw: RawAction, found: Sequence[Any], text: str, people: People) -> list[str]:
    """The team (or organisation) an item opens with as its doer ("The docs team will
    publish the notes", "The TSC (via Oscar) will send the list", "Release team: tag 4.1"),
    and the people speaking for it in parentheses; ``[]`` when the item opens otherwise."""
    for f in found:
        if f.type not in ("Team", "Organization") or not raw.start <= f.start < raw.end:
            continue
        before = _BEFORE_BODY.match(text, raw.start, f.start)
        if before is None or before.end() != f.start:
            continue
        after = _AFTER_BODY.match(text, f.end, raw.end)
        if after is None:
            return []
        out = [entity_iri(f.type, f.name)]
        for part in re.split(r", | and | & ", after.group(1) or ""):
            name = people.resolve(part.strip(), short_initials=True) if part.strip() else None
            if name:
                out.append(entity_iri("Person", name))
        return out
    return []


_KEY = re.compile(r"#\d+|\b[A-Z][A-Z0-9]+-\d+\b")


_ITEM_LINE = re.compile(r"([ \t]*)(?:[-*+•]|\d{1,3}[.)])[ \t]")


def _parent_line(text: str, start: int, limit: int = 12) -> tuple[int, int] | None:
    """The line of the list item a nested item at line ``start`` hangs under (the nearest
    item above it indented less), or ``None`` when the item is not nested."""
    own = _ITEM_LINE.match(text, start)
    if own is None or not own.group(1):
        return None
    indent = len(own.group(1).expandtabs(4))
    end = start - 1
    for _ in range(limit):
        if end <= 0:
            return None
        s = text.rfind("\n", 0, end) + 1
        line = _ITEM_LINE.match(text, s)
        if line is not None and len(line.group(1).expandtabs(4)) < indent:
            return s, end
        if text[s:end].strip() and line is None and not text[s].isspace():
            return None  # a paragraph of its own: the list is over
        end = s - 1
    return None


def _line_tickets(
    raw: RawAction, found: Sequence[Any], text: str, is_ticket: Callable[[str], bool]
) -> tuple[str, ...]:
    """The tickets an item names: the ticket entities the document found on the item's lines
    ("Review PR 42 (Ana)", "tx overhaul (#19), Bo will reopen it", a link to an issue), by
    their entity names, then the keys the layout read beside it ("See DM-7" below the item)
    that no such entity already stands for."""
    if text:
        start = text.rfind("\n", 0, raw.start) + 1
        stop = text.find("\n", raw.end)
        end = len(text) if stop < 0 else stop
    else:
        start, end = raw.start, raw.end
    out: dict[str, None] = {}
    spellings: set[str] = set()
    lines = [(start, end)]
    parent = _parent_line(text, start) if text else None
    if parent is not None:
        lines.append(parent)  # "* PR #12 - new parser" over "  * Ana will review it"
    for s, e in lines:
        for f in found:
            if f.type == "Ticket" and s <= f.start and f.end <= e and is_ticket(f.name):
                out.setdefault(f.name, None)
                spellings |= {f.name, f.surface, *f.aliases}
        if out:
            break  # the item's own line names its tickets: the parent's are other work
    for key in raw.tickets:
        if is_ticket(key) and key not in spellings:
            out.setdefault(key, None)
    return tuple(out)


def _restates(said: ActionItem, item: ActionItem) -> bool:
    """Whether a sentence's item repeats a listed one: an owner in common and the same
    ticket, two content words or mostly the same words."""
    if not set(said.assignees) & set(item.assignees):
        return False
    if set(_KEY.findall(said.text)) & set(_KEY.findall(item.text)):
        return True
    return restates(said.text, ["x"], [(item.text, ["x"])]) or (
        fuzz.token_set_ratio(said.text.lower(), item.text.lower()) >= 60
    )


def _words(item: ActionItem, names: Mapping[str, Sequence[str]]) -> list[str]:
    """The item's words without its assignees' names or filler."""
    skip = {
        w for a in item.assignees for n in names.get(a, ()) for w in re.findall(r"\w+", n.lower())
    }
    return [
        w for w in re.findall(r"[a-z0-9]+", item.text.lower()) if w not in skip and w not in _FILLER
    ]


def _same(a: list[str], b: list[str]) -> bool:
    if a == b:
        return bool(a)
    numbers_a = [w for w in a if any(c.isdigit() for c in w)]
    numbers_b = [w for w in b if any(c.isdigit() for c in w)]
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return False  # "docs for 2.1" and "docs for 2.2" are two tasks
    short, long = sorted((" ".join(a), " ".join(b)), key=len)
    if len(short.split()) < 3:
        return False
    return fuzz.ratio(short, long) >= 90 or (
        fuzz.partial_ratio(short, long) >= 97 and len(short) >= 0.6 * len(long)
    )


def dedupe_actions(
    actions: Sequence[ActionItem], names: Mapping[str, Sequence[str]]
) -> list[ActionItem]:
    """One item per task: an item with the same assignees and nearly the same words as an
    earlier one joins it (its evidence added, a due date or ticket it adds kept)."""
    kept: list[ActionItem] = []
    words: list[list[str]] = []
    for item in actions:
        mine = _words(item, names)
        for k, (other, theirs) in enumerate(zip(kept, words, strict=True)):
            if (
                item.assignees
                and set(item.assignees) == set(other.assignees)
                and _same(mine, theirs)
            ):
                kept[k] = replace(
                    other,
                    due=other.due or item.due,
                    status=other.status if other.status != "unknown" else item.status,
                    tickets=tuple(dict.fromkeys((*other.tickets, *item.tickets))),
                    evidence=(*other.evidence, *item.evidence),
                )
                break
        else:
            kept.append(item)
            words.append(mine)
    return kept
