"""``minutes_people``: who the document names by its layout (roll calls, role lines, handles)."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.document import resources_of, set_group
from ingest.extract.layout import ROSTER_HANDLE, initials_of, roster, with_affiliations
from ingest.model import Mention, Structure
from ingest.resolve.people import (
    LISTED_NICK,
    PROSE,
    USERNAME,
    People,
    common_phrase,
    initials,
)
from ingest.resolve.resources import Resources
from ingest.structure.handles import NAME_TAG, speaker_handles
from ingest.structure.rollcall import ROLE_WORDS, absentees, role_holders

__all__ = ["PeopleComponent", "is_software_name", "person_of"]


#: initials in brackets after a roll-call name: ``Rosalind Achterberg (RA)``
_INITIALS_TAG = re.compile(r"[ \t]*\(([A-Z]{2,5})\)")


def _one_name(text: str) -> bool:
    """A person's one name as a roll call lists it: ``Kent``, ``Cody M.``, ``mk``."""
    if text.lower() in ROLE_WORDS or text.lower() in ("present", "attendees", "attendance"):
        return False  # "Chair", "Scribe", "Present" label the lines of a scribe's roll call
    if re.fullmatch(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{2,4}", text):
        return True  # "王小明": a name in a script without capitals
    if re.fullmatch(r"[A-Z][a-z'’-]{2,}(?: [A-Z]\.?)?|[a-z][a-z0-9_-]{1,15}", text):
        return True
    # a chat nick with an inner capital or digits: ``DrWoo``, ``SimAV``, ``K900``
    return bool(LISTED_NICK.fullmatch(text)) and not is_software_name(text)


def is_software_name(word: str) -> bool:
    """Whether the software lists (data/vocab/software_*.txt) name ``word``."""
    from ingest.extract.software import software_lists

    ranked, extra, _never = software_lists()
    return word.lower() in ranked or word.lower() in extra


def person_of(doc: Doc) -> Callable[[str], str | None]:
    """The person id a name in prose stands for, its owner added to ``doc._.people`` if the
    name is new (``None``: not a person's name)."""
    from ontology.ids import entity_iri

    people = doc._.people

    def of(name: str) -> str | None:
        canonical = people.add_owner(name, PROSE)
        return entity_iri("Person", canonical) if canonical else None

    return of


def _handles(text: str, structure: Structure, resources: Resources) -> set[str]:
    """Lower-case handles the document uses for people (see :mod:`ingest.structure.handles`)."""
    from ingest.extract.naming import load_lexicon
    from ingest.extract.nlp import load_language
    from ingest.extract.responsibility import NOT_NAME_LABELS

    vocabulary = resources.vocabulary
    english = load_lexicon(load_language(), vocabulary.common_words)
    listed = [m.text for m in (*structure.attendees, *absentees(structure))]
    return speaker_handles(text, listed, english, NOT_NAME_LABELS | vocabulary.not_persons)


def _role_holders(text: str, structure: Structure, resources: Resources) -> list[Mention]:
    """The people role lines name (see :func:`ingest.structure.rollcall.role_holders`) that
    the roll call does not list already."""
    from ingest.extract.naming import load_lexicon
    from ingest.extract.nlp import load_language

    english = load_lexicon(load_language(), resources.vocabulary.common_words)
    listed = [(m.start, m.end) for m in (*structure.attendees, *absentees(structure))]
    return [
        m
        for m in role_holders(text, structure.blocks, english)
        if not any(m.start < e and s < m.end for s, e in listed)
    ]


#: a handle after a roll-call name without brackets: ``Ana Lima @alima (TSC)``
_BARE_HANDLE = re.compile(r"[ \t]+@([A-Za-z0-9][\w.-]*\w)(?=[ \t]*(?:$|[(,;\n]))")

#: a roll-call entry that is a forge or chat handle alone: ``@mira-s``
_AT_HANDLE = re.compile(r"@([A-Za-z0-9][\w.-]{1,38})")


#: a forge or chat account mentioned in prose: ``@kdrost``, ``[@Tamsin-W][tw]``; not a mail
#: address, a package scope (``@types/node``), a decorator in code (`` `@cache` ``) or a
#: version pin (``pkg@2.1``); ``@Eric F`` is a name after an at sign, not an account
_MENTION = re.compile(r"(?<![\w@/.`#+-])@([A-Za-z][\w-]{1,38}[A-Za-z0-9])(?![\w/@`-]|\.\w|\()")


#: the name a bracketed account follows: ``Stan Lo (@slo)``
_NAME_BEFORE = re.compile(
    r"([A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3})(?:[ \t]*\[[^\[\]\n]{1,40}\])?[ \t]*\($"
)  # "Ana Lima [Acme] (@alima)"


def _named_before(people: People, words: list[str]) -> str | None:
    """The person the capitalised ``words`` before an account's bracket end with: the known
    one their last three or two words name, else a new person of the last two unless they
    are common words (``Propose Ana Lima (@al)``: Ana Lima; ``Thanks Bo (@bo)``: none)."""
    from ingest.resolve.people import not_a_prose_name

    for n in (3, 2):
        if len(words) >= n:
            owner = people.resolve(" ".join(words[-n:]))
            if owner:
                return owner
    last = " ".join(words[-2:])
    if len(words) < 2 or not_a_prose_name(last) or common_phrase(last):
        return None
    return people.add(last, PROSE)


def _add_mentioned(
    text: str, resources: Resources, people: People, listed_at: list[tuple[int, str]]
) -> None:
    """Add the accounts ``text`` mentions as ``@name`` outside code to ``people``: the one
    account on a roll-call or role line is its person's (``| Ana Lima | Acme | @alima |``),
    an account in brackets after a name is that name's (``Ana Lima (@alima)``), any other
    is a person of its own unless it is an English word (``@use``, ``@param``), software
    (``@angular``), code-shaped, or an account the document already knows by a longer
    spelling (``@ana`` where ``@analima`` is listed)."""
    if "@" not in text:
        return
    from ingest.extract.naming import load_lexicon
    from ingest.extract.nlp import load_language
    from ingest.resolve.people import code_shaped, dictionary

    english = load_lexicon(load_language(), resources.vocabulary.common_words)
    common, _proper = dictionary()
    for m in _MENTION.finditer(text):
        handle = m.group(1)
        low = handle.lower()
        if low in english or low in common or low in resources.vocabulary.not_persons:
            continue
        if is_software_name(handle) or code_shaped(handle):
            continue
        if handle[0].isupper() and re.match(r"[ \t]+[A-Z]", text[m.end() : m.end() + 2]):
            continue  # "@Ana Lima", "@Acme Bank": a name or a place after an at sign
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        owners = {name for at, name in listed_at if line_start <= at < line_end}
        line = text[line_start:line_end]
        if len(owners) == 1 and line.count("@") == 1:
            people.add_handle(owners.pop(), handle)
            continue
        before = _NAME_BEFORE.search(text, line_start, m.start())
        owner = _named_before(people, before.group(1).split()) if before else None
        if owner:
            people.add_handle(owner, handle)
        elif people.resolve("@" + handle) is None:
            longer = {
                p.name
                for p in people.persons.values()
                if len(low) >= 4 and any(u.startswith(low) and u != low for u in p.usernames)
            }
            if len(longer) == 1:  # "@ana" where only "@analima" is listed: a short spelling
                people.add_handle(longer.pop(), handle)
            else:
                people.add_username(handle, "@" + handle, PROSE)


def _turns(text: str, handle: str) -> int:
    """How many lines ``handle:`` opens: a speaker of three turns is a person even where a
    term of the same spelling was found (``kees: ...`` in a chat log)."""
    return len(re.findall(rf"(?im)^[ \t]*{re.escape(handle)}:[ \t]+\S", text))


class PeopleComponent:
    """Reads ``doc._.structure`` and ``doc._.found``; writes ``doc._.people``, the roll call's
    affiliations into ``doc._.found``, ``doc._.runs`` and ``doc._.handles``."""

    def __call__(self, doc: Doc) -> Doc:
        from ingest.extract.nlp import find_name_runs

        resources = resources_of(doc)
        structure = doc._.structure
        text = structure.clean.text
        vocabulary = resources.vocabulary
        people = People(
            directory=resources.people,
            known=[(e.name, e.aliases) for e in resources.known if e.type == "Person"],
            not_persons=vocabulary.not_persons,
        )
        listed = {m.start for m in (*structure.attendees, *absentees(structure))}
        names = []
        listed_at: list[tuple[int, str]] = []  # where a roll call or role line names whom
        for mention in roster(structure):
            if common_phrase(mention.text):
                continue  # "Board Roles", "Other Business": agenda words where names are listed
            name = people.add(mention.text, 1)
            at = _AT_HANDLE.fullmatch(mention.text) if mention.start in listed else None
            if name is None and at and _AT_HANDLE.fullmatch(text, mention.start, mention.end):
                name = people.add_username(at.group(1), mention.text, 1)  # "Present: @mira"
            if name is None and mention.start in listed and _one_name(mention.text):
                name = people.add_listed(mention.text, 1)  # "Kent", "Cody M." in a roll call
            handle = ROSTER_HANDLE.match(text, mention.end) or (
                _BARE_HANDLE.match(text, mention.end) if mention.start in listed else None
            )
            if name and handle:
                people.add_handle(name, handle.group(1))
            short = _INITIALS_TAG.match(text, mention.end)
            if name and short and (
                short.group(1) == initials(name) or initials_of(mention.text, short.group(1))
            ):  # "Rosalind Achterberg (RA)", "Ron Buckton (RBN)", "Leo Ortiz (LEO)"
                people.add_short_name(name, short.group(1))
            if name:
                names.append((mention.start, mention.end, "roster"))
                listed_at.append((mention.start, name))
        for mention in _role_holders(text, structure, resources):  # "Chair: Ana Lima"
            name = people.add(mention.text, 1)
            if name is None:
                name = people.add_listed(mention.text, 1)  # "Scribe: Kent", "Host: jdoe"
            handle = ROSTER_HANDLE.match(text, mention.end)
            if name and handle:
                people.add_handle(name, handle.group(1))
            if name:
                names.append((mention.start, mention.end, "role"))
                listed_at.append((mention.start, name))
        for m in USERNAME.finditer(text):
            people.add_username(m.group(1), m.group(0), 2)
        for m in NAME_TAG.finditer(text):  # HackMD's "[name=Chiara]" marks a person
            people.add_listed(m.group(1), 2)
        _add_mentioned(text, resources, people, listed_at)
        doc._.found = with_affiliations(
            text,
            (*structure.attendees, *absentees(structure)),
            doc._.found,
            vocabulary.not_affiliations,
            (*vocabulary.team_words, *vocabulary.organization_words),
        )
        doc._.runs = [r for r in find_name_runs(text) if not USERNAME.fullmatch(r.text)]
        handles = _handles(text, structure, resources)
        terms = {text[f.start : f.end].lower() for f in doc._.found}
        for handle in sorted(handles):  # "nobu: ..." speaking more than once: a person
            if (handle not in terms or _turns(text, handle) >= 3) and not is_software_name(handle):
                people.add_owner(handle, 2)
        doc._.people = people
        doc._.handles = handles
        set_group(doc, "names", names)
        return doc


@Language.factory("minutes_people")
def make_people(nlp: Language, name: str) -> PeopleComponent:
    return PeopleComponent()
