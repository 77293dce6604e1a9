"""Name resolution: every way minutes name a person, resolved to one canonical name.

Minutes name people by full name, first name ("Jacek"), initials ("KTL", "JDS"),
nickname ("K-T" for Kian-Tat), deactivated account ("Unknown User (npease)") or with
a typo ("Fro ssie", "Margret"). :class:`People` holds the people a document supports,
in *tiers* of how strongly the document supports them:

- tier 1, the roster: attendees, action-item assignees, agenda coordinators;
- tier 2, other full names in the document's prose;
- tier 3, people already in the store (``known``) from other documents;
- tier 4, a people directory.

A short name resolves when exactly one person of the best tier that has any
candidate fits it; otherwise it stays unresolved (two Roberts: no guess).

>>> people = People()
>>> _ = people.add("Kian-Tat Lim", tier=1)
>>> _ = people.add("John Swinbank", tier=1)
>>> _ = people.add("Jonathan Sick", tier=2)
>>> people.resolve("KTL"), people.resolve("K-T"), people.resolve("JDS")
('Kian-Tat Lim', 'Kian-Tat Lim', 'John Swinbank')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ingest.resolve.reference import PersonRecord

__all__ = [
    "ROSTER",
    "PROSE",
    "KNOWN",
    "DIRECTORY",
    "USERNAME",
    "Person",
    "People",
    "name_key",
    "initials",
    "looks_like_full_name",
    "dictionary",
    "not_a_prose_name",
    "common_phrase",
    "LISTED_NICK",
    "code_shaped",
]

#: a deactivated account as Confluence writes it
USERNAME = re.compile(r"Unknown User \(([\w.-]+)\)")
#: tiers of support (see the module doc)
ROSTER, PROSE, KNOWN, DIRECTORY = 1, 2, 3, 4
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday".split()
)
_HANDLE = re.compile(r"@([\w.-]+)")
_NAME_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")


def _name_part(token: str) -> bool:
    """A capitalised word of a name in any cased script (``Ana``, ``Şule``, ``Дарья``, ``Ó``)."""
    return token[:1].isupper() and _NAME_WORD.fullmatch(token) is not None


#: lower-case particles inside a family name (``Ilse de Vries``, ``Pieter van der Berg``)
PARTICLES = frozenset(
    "van von der den de da das do dos di du del della la le ter ten bin ibn al y zu".split()
)


#: letters that no accent decomposition turns into a plain Latin one
_PLAIN = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "ħ": "h",
    }
)


@lru_cache(maxsize=65536)  # a pure function of the name, asked again for every pair compared
def name_key(text: str) -> str:
    """Lower-case letters only, accents dropped: ``"Fro ssie Economou"`` and ``"Frossie
    Economou"`` agree, ``"Şule"`` is ``"sule"``; other scripts keep their letters
    (``"Дарья"`` is ``"дарья"``)."""
    plain = unicodedata.normalize("NFKD", text.lower().translate(_PLAIN))
    return "".join(c for c in plain if c.isalpha())


def initials(name: str) -> str:
    """``"Kian-Tat Lim"`` -> ``"KTL"``; ``"John D. Swinbank"`` -> ``"JDS"``."""
    letters = []
    for token in name.split():
        for part in token.split("-"):
            part = part.strip(".")
            if part:
                letters.append(part[0].upper())
    return "".join(letters)


def looks_like_full_name(text: str) -> bool:
    """Two to four capitalised words, no digits: the shape of a person's full name."""
    tokens = text.split()
    return (
        2 <= len(tokens) <= 5
        and _name_part(tokens[0])
        and _name_part(tokens[-1])
        and all(_name_part(t) or t in PARTICLES for t in tokens[1:-1])
        and sum(t in PARTICLES for t in tokens) <= 2
        and len(tokens) - sum(t in PARTICLES for t in tokens) <= 4
        and len(name_key(tokens[-1])) > 1  # "Yuki T." is a short form, not a full name
        and not any(c.isdigit() for c in text)
    )


@lru_cache(maxsize=4)
def _dictionary(directory: str) -> tuple[frozenset[str], frozenset[str]]:
    path = Path(directory) / "dictionary.txt"
    common: set[str] = set()
    proper: set[str] = set()
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.strip()
            if word and not word.startswith("#"):
                (common if word.islower() else proper).add(word)
    return frozenset(common), frozenset(proper)


def dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """``data/vocab/dictionary.txt`` (built by ``scripts/build_dictionary.py``): the words an
    English dictionary writes in lower case (common words) and capitalised (proper nouns:
    given names, surnames, places, brands)."""
    from ingest.resolve.vocab import default_vocab_dir

    return _dictionary(str(default_vocab_dir()))


#: endings of abstract nouns: a heading's last word ("Schema Bundling", "Proxy Support" does
#: not end so), never a surname the dictionary does not also write capitalised
_TOPIC_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ing", "ism", "ship")


def _common(word: str, common: frozenset[str], proper: frozenset[str]) -> bool:
    """A capitalised word that is a common word and never a proper noun (``Update``)."""
    return word.lower() in common and word[:1].upper() + word[1:].lower() not in proper


def _common_noun(word: str, common: frozenset[str], proper: frozenset[str]) -> str | None:
    """``"word"``: a capitalised word that is a common word, never a proper noun (``Baker``,
    ``Stone`` are) nor an adjective (``Sick``, ``Fine``: surnames more often than products);
    ``"derived"``: a plural or agent noun made of one of five letters or more (``Installer``,
    ``Attributes``, ``Pusher``; not ``Gruber``, ``Lopes``); else ``None``."""
    from ingest.extract.nlp import word_class

    low = word.lower()
    if len(low) < 4 or word[:1].upper() + low[1:] in proper:
        return None  # "Lo", "Ng": short surnames are often words too
    if low in common:
        if low in word_class("adj"):
            return None
        return "word"
    nouns = word_class("noun")
    derived = any(
        low.endswith(end)
        and len(low) - len(end) >= 5
        and low[: -len(end)] in common
        and (end != "s" or low[:-1] in nouns)
        for end in ("s", "er", "ers", "r", "rs")
    )
    return "derived" if derived else None


def not_a_prose_name(text: str) -> bool:
    """Whether capitalised words read in prose are a phrase of common words, not a name:
    the first word is one the dictionary writes in lower case and never capitalised
    (``Quick Start``, ``Pure Python``, ``Update``; not ``Mark Baker``, ``Will``, ``Tony
    Lopes``), unless a surname no dictionary lists follows it (``Saber Quennell``); or the
    last is such a word with an abstract noun's ending (``Focus Node Filtering``), or any such
    word after a first word no dictionary writes capitalised (``Kube Proxy``, ``Interop
    Call``, ``Hotfix Installer``; not ``Rose Judge``, ``Ann Painter``); or a word
    ends in a possessive's apostrophe (``Don Libes' Expect``); or a one-word name is common
    words run together (``Typehint``, ``Restyle``, ``Keycloak``)."""
    common, proper = dictionary()
    if not common:
        return False
    words = [w for w in text.split() if w not in PARTICLES and len(w.rstrip(".")) > 1]
    if not words or any(w.isupper() or not w[:1].isupper() for w in words):
        return False  # initials, handles: judged elsewhere
    if any(w.endswith(("'", "\u2019")) for w in words):
        return True
    last = words[-1]
    low = last.lower()
    known = (  # a word, or one with an ending: "Profiler", "Stores"; not "Darko"
        last in proper
        or low in common
        or (low[-1:] in ("s", "r") and low[:-1] in common)
        or (low[-2:] in ("es", "er", "ed") and low[:-2] in common)
    )
    if _common(words[0], common, proper) and (len(words) != 2 or known):
        return True  # a given name the dictionary never writes capitalised is rare, and
        # then its surname is no dictionary word ("Saber Quennell")
    if len(words) > 1 and last.lower().endswith(_TOPIC_ENDINGS) and _common(last, common, proper):
        return True
    particle = any(w in PARTICLES for w in text.split())  # "Sanne van der Linden"
    noun = _common_noun(last, common, proper) if len(words) > 1 and not particle else None
    if noun and words[0] not in proper:
        return True  # "Kube Proxy", "Interop Call"; not "Rose Judge", "Ann Painter"
    if len(words) == 1 and last[1:].islower() and last not in proper and last.lower() not in common:
        return _run_together(last.lower(), common)
    return False


def common_phrase(text: str) -> bool:
    """Whether ``text`` is two words or more that are all words the dictionary writes only in
    lower case (``Board Roles``, ``Other Business``, ``Communication Tools``): a topic read
    where a list of names was expected, never a person (``Will Price``, ``Bin Chen``, ``Mark
    Baker`` each have a word written as a name)."""
    words = text.split()
    if len(words) < 2 or any(not w[:1].isupper() for w in words):
        return False
    common, proper = dictionary()
    return bool(common) and all(_common(w, common, proper) for w in words)


#: prefixes that make a verb or noun of a common word (``Restyle``, ``Unblock``)
_PREFIXES = ("re", "un", "pre", "dis", "mis", "sub", "non", "out", "over", "under")


def _run_together(low: str, common: frozenset[str]) -> bool:
    """Whether ``low`` is common words run together: two of four letters or more
    (``typehint``), a prefix and one (``restyle``), or ends in one of five letters or more
    (``keycloak``); ``connor`` or ``meekail`` are not."""
    if any(low[:i] in common and low[i:] in common for i in range(4, len(low) - 3)):
        return True
    if any(
        low.startswith(p) and len(low) - len(p) >= 4 and low[len(p) :] in common for p in _PREFIXES
    ):
        return True
    return any(low[i:] in common for i in range(3, len(low) - 4))


#: shapes of code, never of a person's name or handle: a dotted path with a capital or a
#: digit (``varLib.instancer``, ``py2.py3``), lowerCamelCase (``fontBuilder``), an inner
#: capitalised word not after a name prefix (``HTMLRenderer``, ``DecomposedTransform``, not
#: ``McCool``), capitals with digits (``UTF-7``, ``CFF2``), two or more underscores
_CODE_SHAPES = (
    re.compile(r"\w+\.\w+", re.ASCII),
    re.compile(r"[a-z][a-z0-9]*[A-Z]\w*"),
    re.compile(r"[A-Z]{2,}[a-z]\w*"),
    re.compile(r"\w*[A-Z]{2,}\w*\d[\w-]*|\w*\d\w*[A-Z]{2,}\w*|[A-Z]{2,}-\d+"),
    re.compile(r"\w*_\w*_\w*"),
)
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Da|Le|La|Van|Von|Fitz|O')[A-Z][a-z]+")


#: a chat nick a roll call lists, with inner capitals or digits (``DrWoo``, ``CRob``, ``K900``):
#: code shapes in prose, a person where the roll call lists it
LISTED_NICK = re.compile(
    r"(?=[A-Za-z]*[a-z])[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z][A-Za-z]*[0-9]+[A-Za-z0-9]*"
)


def code_shaped(word: str) -> bool:
    """Whether ``word`` is written as code (see ``_CODE_SHAPES``), not as a name or handle.

    >>> [code_shaped(w) for w in ("varLib.instancer", "UTF-7", "HTMLRenderer", "jdoe_42")]
    [True, True, True, False]
    >>> [code_shaped(w) for w in ("McCool", "MarcoF", "Yuki", "br1an67", "Jean-Luc")]
    [False, False, False, False, False]
    """
    word = word.lstrip("@").rstrip(".")
    if _NAME_PREFIX.fullmatch(word):
        return False
    if re.search(r"[a-z][A-Z][a-z]", word) and not _NAME_PREFIX.fullmatch(word):
        return True
    dotted = _CODE_SHAPES[0].fullmatch(word)
    if dotted:  # "john.doe" may be a handle; "misc.psLib", "py2.py3" are modules
        return bool(re.search(r"[A-Z\d]", word)) or word.count(".") > 1
    return any(p.fullmatch(word) for p in _CODE_SHAPES[1:])


@dataclass
class Person:
    """A person while a document is read: canonical ``name`` and every other name used."""

    name: str
    tier: int
    aliases: list[str] = field(default_factory=list)
    usernames: set[str] = field(default_factory=set)
    #: short names the document gives beside the full name (``"Sasha"``, ``(RA)``)
    short_names: set[str] = field(default_factory=set)

    @property
    def given(self) -> str:
        return self.name.split()[0]

    def given_keys(self) -> list[str]:
        """Keys of every given name: ``K. Simon Krughoff`` -> ``["k", "simon"]``."""
        return [name_key(g) for g in re.split(r"[\s.]+", self.name)[:-1] if name_key(g)]

    @property
    def family(self) -> str:
        tokens = self.name.split()
        return tokens[-1] if len(tokens) > 1 else ""

    def keys(self) -> set[str]:
        return {name_key(n) for n in (self.name, *self.aliases)} - {""}

    def nicknames(self) -> set[str]:
        """``Kian-Tat`` -> ``{"K-T", "KT"}``: minutes shorten hyphenated first names."""
        parts = [p for p in self.given.split("-") if p]
        if len(parts) < 2:
            return set()
        letters = [p[0].upper() for p in parts]
        return {"-".join(letters), "".join(letters)}

    def add_alias(self, alias: str) -> None:
        alias = " ".join(alias.split())
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)


#: a nickname quoted inside a full name: ``Alexandra "Sasha" Ivanova``, ``Robert (Bob) Lee``
_QUOTED_NICKNAME = re.compile(
    r"([^\s\"“”'‘’()]+(?: [^\s\"“”'‘’()]+)?) [\"“'‘(]([^\s\"“”'‘’()]+)[\"”'’)] (\S.*)"
)


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(c in letters for c in short)


#: a full name whose spaces a chat or scribe tool wrote as underscores (``Ben_Francis``)
_UNDERSCORED = re.compile(r"[A-Z][^\W\d_]*(?:_(?:[A-Z][^\W\d_]*|[a-z]{1,3}))*_[A-Z][^\W\d_'’-]*")


def _spaced(text: str) -> str:
    """``Ana_Lima`` -> ``Ana Lima``; any other text unchanged."""
    if not _UNDERSCORED.fullmatch(text) or any(w.isupper() and len(w) > 1 for w in text.split("_")):
        return text  # "OCPS_Config": an identifier
    return text.replace("_", " ")


def _short_form(short: str, given: str) -> bool:
    """Whether ``short`` is a usual short form of the given name ``given`` that is not its
    start (``mike`` of ``michael``; ``name_rules.yaml``: given_name_short_forms); keys."""
    import os

    return short in _short_forms(os.environ.get("KG_VOCAB_DIR") or "").get(given, ())


def _all_short_forms() -> frozenset[str]:
    """Every short form of :func:`_short_form`'s table, for a quick first test."""
    import os

    return _every_short_form(os.environ.get("KG_VOCAB_DIR") or "")


@lru_cache(maxsize=4)
def _every_short_form(folder: str) -> frozenset[str]:
    return frozenset(s for shorts in _short_forms(folder).values() for s in shorts)


@lru_cache(maxsize=4)
def _short_forms(_folder: str) -> dict[str, frozenset[str]]:
    from ingest.resolve.vocab import word_file

    table = word_file("name_rules.yaml").get("given_name_short_forms") or {}
    return {
        name_key(str(given)): frozenset(name_key(str(s)) for s in shorts or ())
        for given, shorts in table.items()
    }


def _english(word: str) -> bool:
    """Whether the English lexicon lists ``word`` (any case)."""
    from ingest.extract.naming import load_lexicon
    from ingest.extract.nlp import load_language

    return word.lower() in load_lexicon(load_language())


def _software(word: str) -> bool:
    """Whether the software lists (``data/vocab/software_*.txt``) name ``word``."""
    from ingest.extract.software import software_lists

    ranked, extra, _never = software_lists()
    return word.lower().lstrip("@") in ranked or word.lower().lstrip("@") in extra


def _group_noun(word: str) -> bool:
    """A plural noun of people by what they do (``Chairs``, ``Reviewers``, ``Organisers``,
    ``Mentors``): names a group, never one person."""
    low = word.lower().lstrip("@")
    if not re.fullmatch(r"[a-z-]{2,}(?:ers|ors|irs|ees|ists|ants|ents)", low):
        return False
    from ingest.extract.naming import load_lexicon
    from ingest.extract.nlp import load_language

    english = load_lexicon(load_language())
    return low[:-1] in english


class People:
    """The people of one document (plus known and directory people), and name resolution."""

    def __init__(
        self,
        directory: Iterable[PersonRecord] = (),
        known: Iterable[tuple[str, Iterable[str]]] = (),
        not_persons: Iterable[str] = (),
    ) -> None:
        self.persons: dict[str, Person] = {}
        self.not_persons = {w.lower() for w in not_persons}
        for name, aliases in known:
            person = self._create(name, KNOWN)
            for alias in aliases:
                m = USERNAME.fullmatch(alias)
                if m:
                    person.usernames.add(m.group(1).lower())
                person.add_alias(alias)
        for record in directory:
            name = record.name
            if name_key(name) in self._all_keys():
                continue
            person = self._create(name, DIRECTORY)
            person.usernames.update(u.lower() for u in record.usernames)

    # ------------------------------------------------------------------ building

    def _all_keys(self) -> set[str]:
        return {k for p in self.persons.values() for k in p.keys()}

    def _create(self, name: str, tier: int) -> Person:
        person = self.persons.get(name)
        if person is None:
            person = self.persons[name] = Person(name, tier)
        person.tier = min(person.tier, tier)
        return person

    def add(self, text: str, tier: int) -> str | None:
        """Add the person named by ``text`` (a full name or ``Unknown User (x)``).

        A name that is another spelling of someone already known (``Chris Waters`` for
        ``Christopher Waters``, a typo) joins that person. Returns the canonical name,
        or ``None`` if ``text`` is neither a full name nor an account.
        """
        text = _spaced(" ".join(text.split()))
        account = USERNAME.fullmatch(text)
        if account:
            return self.add_username(account.group(1), text, tier)
        quoted = _QUOTED_NICKNAME.fullmatch(text)
        if quoted:  # 'Alexandra "Sasha" Ivanova': the name, and the nickname as an alias
            name = self.add(f"{quoted.group(1)} {quoted.group(3)}", tier)
            if name is not None:
                self.add_short_name(name, quoted.group(2))
            return name
        if not looks_like_full_name(text) or self._blocked(text):
            return self.resolve(text, promote_to=tier) if text else None
        if tier >= PROSE and not_a_prose_name(text):  # "Quick Start" read in prose
            return self.resolve(text, promote_to=tier)
        if self.split_pair(text) is not None:  # "Lena Doss Bora Kim": two people side by side
            return None
        existing = self._full_name_candidates(text)
        if len(existing) > 1:  # a document name may fit a directory name and its own
            existing = [p for p in existing if p.tier < DIRECTORY] or existing
        if len(existing) == 1:
            person = existing[0]
            from_directory = person.tier == DIRECTORY and tier < DIRECTORY
            person.tier = min(person.tier, tier)
            if from_directory or (
                person.tier == tier
                and len(text) > len(person.name)
                and name_key(text).endswith(name_key(person.family))
                and Levenshtein.distance(name_key(text.split()[0]), name_key(person.given)) > 2
            ):  # the document's own spelling, not a typo ("Hanna" for "Hana")
                self._rename(person, text)
            else:
                person.add_alias(text)
            return person.name
        if existing:
            return None
        spelt = self._handles_spelling(text) or self._short_forms(text)
        if len(spelt) == 1:  # "mbrandt" spoke before "Maria Brandt" was named
            person = spelt[0]
            self._rename(person, text)
            person.tier = min(person.tier, tier)
            return person.name
        return self._create(text, tier).name

    def _short_forms(self, name: str) -> list[Person]:
        """People known so far only by a short form only ``name`` accounts for: its
        surname alone (``Lindqvist``) or its given name and initial (``Rosa L``), when
        no other person of the document fits that form. A bare given name is never
        taken: two people may share it."""
        tokens = name.split()
        given, family = name_key(tokens[0]), name_key(tokens[-1])
        found = []
        for p in self.persons.values():
            if p.tier >= KNOWN or p.usernames:
                continue
            words = p.name.split()
            key = name_key(p.name)
            surname = len(words) == 1 and key == family and len(family) >= 3
            initial = (
                len(words) == 2
                and name_key(words[0]) == given
                and len(name_key(words[1])) == 1
                and family.startswith(name_key(words[1]))
            )
            if surname or initial:
                found.append(p)
        if not found:
            return []
        others = [
            p
            for p in self.persons.values()
            if p.family
            and len(p.name.split()) > 1
            and p not in found
            and (
                name_key(p.family) == family
                or name_key(p.given) == given
                and name_key(p.family)[:1] == family[:1]
            )
        ]
        return [] if others else found

    def _handles_spelling(self, name: str) -> list[Person]:
        """People known so far only by a handle that spells ``name`` (see
        :meth:`_handle_candidates`; three letters or more)."""
        probe = Person(name, PROSE)
        if not probe.family:
            return []
        found = []
        for p in self.persons.values():
            if p.family or not p.usernames or p.tier >= DIRECTORY:
                continue
            key = re.sub(r"[^a-z]", "", p.name.lower())
            if len(key) >= 3 and probe in self._spelt_by(key, [probe]):
                found.append(p)
        return found

    def add_listed(self, text: str, tier: int) -> str | None:
        """A person a roll call lists by one name, with or without an initial (``Kent``,
        ``Cody M.``): the one ``text`` resolves to, else a new person of that name."""
        name = self.resolve(text, promote_to=tier)
        if name is not None or self._blocked(text.strip(" .")):
            return name
        if " " not in text.strip():
            name = self.add_owner(text, tier)
            word = text.strip()
            if name is None and tier == ROSTER and LISTED_NICK.fullmatch(word):
                person = self._create(word, tier)  # "DrWoo", "K900" listed present: a nick
                person.add_alias(word)
                return person.name
            return name
        person = self._create(" ".join(text.split()), tier)
        return person.name

    def add_owner(self, text: str, tier: int) -> str | None:
        """The person named where only a person stands (an action's owner: "Sebastian: ...",
        "jdoe: ..."): the one ``text`` resolves to, else a new person of that one-word name
        or handle. ``None`` for a blocked word or a name of more than one word not known."""
        name = self.resolve(text, promote_to=tier, short_initials=True)
        word = text.strip(" .,:;()")
        if name or not re.fullmatch(r"@?[^\W\d_][\w'’.-]*", word) or self._blocked(word):
            return name or (self.add(text, tier) if " " in word else None)
        if _group_noun(word):
            return None  # "Chairs: organise ...", "Reviewers to ...": a group, not a person
        if code_shaped(word):
            return None  # "[varLib.instancer] Add ...", "HTMLRenderer can ...": code
        if tier >= PROSE and (not_a_prose_name(word) or _software(word)):
            return None  # "Update the docs", "Default is ...", "pip will ...": no person
        if word[0] == "@" or word.islower():  # a handle: the roster person it spells
            key = word.lstrip("@")
            name = self.resolve("@" + key, promote_to=tier)
            return name or self.add_username(key, word, tier)
        given = name_key(word)
        if sum(p.family != "" and name_key(p.given) == given for p in self.persons.values()) > 1:
            return None  # "Robert" where Robert Lupton and Robert Gruendl are named: either
        person = self._create(word, tier)
        person.add_alias(word)
        return person.name

    def _rename(self, person: Person, name: str) -> None:
        del self.persons[person.name]
        old, person.name = person.name, name
        person.add_alias(old)
        if name in person.aliases:
            person.aliases.remove(name)
        self.persons[name] = person

    def add_username(self, username: str, surface: str, tier: int) -> str:
        """The person behind account ``username`` (a new one named ``username`` if unknown)."""
        spelt = username
        username = username.lower()
        matches = [p for p in self.persons.values() if username in p.usernames]
        person = self._best(matches) if matches else None
        if person is None:
            person = self._create(spelt, tier)  # "@Kestrel-W": the account as it is spelt
            person.usernames.add(username)
        person.tier = min(person.tier, tier)
        person.add_alias(surface)
        return person.name

    def add_short_name(self, name: str, short: str) -> None:
        """Record that ``short`` (a nickname, initials the roll call gives) names ``name``."""
        person = self.persons[name]
        person.short_names.add(name_key(short))
        person.add_alias(short)

    def add_handle(self, name: str, handle: str) -> None:
        """Record that ``@handle`` names ``name`` (a roster entry ``Alice (@alice)``)."""
        person = self.persons[name]
        person.usernames.add(handle.lower())
        person.add_alias(f"@{handle}")

    def _blocked(self, text: str) -> bool:
        return any(t.lower().strip(".,:;") in self.not_persons for t in text.split())

    # ------------------------------------------------------------------ resolving

    def _best(self, candidates: list[Person]) -> Person | None:
        """The one candidate of the best tier present, or ``None`` when that tier has two."""
        if not candidates:
            return None
        top = min(p.tier for p in candidates)
        best = {p.name: p for p in candidates if p.tier == top}
        return next(iter(best.values())) if len(best) == 1 else None

    def _full_name_candidates(self, text: str) -> list[Person]:
        key = name_key(text)
        people = list(self.persons.values())
        exact = [p for p in people if key in p.keys()]
        if exact:
            return exact
        tokens = text.split()
        keys = [name_key(t) for t in tokens]
        shorter = [  # "Li Wei" for "Li Wei Tan": the given names without the family name
            p
            for p in people
            if len(p.name.split()) > len(tokens)
            and [name_key(t) for t in p.name.split()[: len(tokens)]] == keys
        ]
        if shorter:
            return shorter
        first, last = name_key(tokens[0]), name_key(tokens[-1])
        if len(last) == 1 and len(tokens) == 2:  # "Yuki T.": a first name and an initial
            return [
                p
                for p in people
                if p.family and name_key(p.given) == first and name_key(p.family)[:1] == last
            ]
        if len(first) == 1 and len(tokens) == 2:  # "M. Bell": an initial and the surname
            return [
                p
                for p in people
                if p.family and name_key(p.family) == last and name_key(p.given)[:1] == first
            ]
        prefix = [
            p
            for p in people
            if p.family
            and name_key(p.family) == last
            and any(
                (min(len(first), len(g)) >= 3 and (g.startswith(first) or first.startswith(g)))
                or (first in _all_short_forms() and _short_form(first, g))
                for g in p.given_keys()
            )
        ]
        if prefix:
            return prefix
        if len(tokens) == 2 and len(last) >= 5:  # "Omer Husein" for "Omer Husain": a typo
            surname_typo = [  # in the surname of a given name the document spells alike
                p
                for p in people
                if p.family
                and len(p.name.split()) == 2
                and name_key(p.given) == first
                and len(name_key(p.family)) >= 5
                and name_key(p.family)[:1] == last[:1]
                and Levenshtein.distance(name_key(p.family), last) == 1
            ]
            if surname_typo:
                return surname_typo
        similar_given = [  # "Margret Lindqvist" for "Margarethe Lindqvist": a typo
            p
            for p in people
            if p.family
            and name_key(p.family) == last
            and len(first) >= 4
            and any(
                g[:1] == first[:1] and len(g) >= 4 and fuzz.ratio(g, first) >= 80
                for g in p.given_keys()
            )
        ]
        if similar_given:
            return similar_given
        return [
            p
            for p in people
            if p.family
            and p.given[:1].lower() == text[:1].lower()
            and fuzz.ratio(key, name_key(p.name)) >= 92
        ]

    def _single_token_finders(
        self, short_initials: bool = False
    ) -> list[Callable[[str], list[Person]]]:
        # a directory supports full names and accounts, never a bare first name or
        # initials: among hundreds of people those fit someone by chance
        people = [p for p in self.persons.values() if p.tier < DIRECTORY]

        def given(tok: str) -> list[Person]:
            return [p for p in people if p.family and name_key(p.given) == name_key(tok)]

        def nickname(tok: str) -> list[Person]:
            """``K-T`` for Kian-Tat; a short name the document gave (``"Sasha"``, ``(RA)``);
            a usual short form of a given name (``Mike`` for Michael)."""
            key = name_key(tok)
            usual = tok[:1].isupper() and key in _all_short_forms()
            return [
                p
                for p in people
                if tok in p.nicknames()
                or key in p.short_names
                or (usual and _short_form(key, name_key(p.given)))
            ]

        def single(tok: str) -> list[Person]:
            """A person the document knows by one name only ("Ganesh", "mk")."""
            return [p for p in people if not p.family and name_key(p.name) == name_key(tok)]

        def family(tok: str) -> list[Person]:
            if not tok[:1].isupper() or tok.isupper() or len(tok) < 3:
                return []
            return [p for p in people if p.family and name_key(p.family) == name_key(tok)]

        def exact_initials(tok: str) -> list[Person]:
            shortest = 2 if short_initials else 3
            if not (tok.isupper() and tok.isalpha() and shortest <= len(tok) <= 4):
                return []
            return [p for p in people if p.family and p.tier != 2 and initials(p.name) == tok]

        def loose_initials(tok: str) -> list[Person]:
            """One extra initial: a middle name the document does not spell (JDS, KSK)."""
            if not (tok.isupper() and tok.isalpha() and 3 <= len(tok) <= 4):
                return []
            found = []
            for p in people:
                mine = initials(p.name)
                if (
                    p.tier == 1
                    and p.family
                    and len(mine) == len(tok) - 1
                    and mine[-1] == tok[-1]
                    and _is_subsequence(mine, tok)
                ):
                    found.append(p)
            return found

        def typo(tok: str) -> list[Person]:
            """A first name one edit away (Margret), long enough to be safe. Surnames are
            left out: they are often words too (Carter, Charter)."""
            key = name_key(tok)
            if len(key) < 6 or not tok[:1].isupper() or tok.isupper():
                return []
            return [
                p
                for p in people
                if p.family
                and name_key(p.given)[:1] == key[:1]
                and Levenshtein.distance(name_key(p.given), key) == 1
                # "Daniela" is not "Daniel", nor "Marco" "Marc": another name, not a typo
                and not (key.startswith(name_key(p.given)) or name_key(p.given).startswith(key))
            ]

        def given_prefix(tok: str) -> list[Person]:
            """``Dan`` for Daniel, ``Chris`` for Christopher: the start of one given name."""
            key = name_key(tok)
            if len(key) < 3 or not tok[:1].isupper() or tok.isupper() or _english(tok):
                return []  # "And", "Max": words, not short names
            return [
                p
                for p in people
                if p.family
                and len(name_key(p.given)) > len(key)
                and name_key(p.given).startswith(key)
            ]

        return [given, nickname, single, family, exact_initials, loose_initials, typo, given_prefix]

    def resolve(
        self, text: str, promote_to: int | None = None, short_initials: bool = False
    ) -> str | None:
        """Canonical name of the one person ``text`` names, or ``None`` (unknown, ambiguous).

        ``promote_to``: the tier the mention's place gives (a first name in the roster
        makes the person a roster person). ``short_initials``: two-letter initials
        count too (``DV``), for places where a name is expected, such as an assignee.
        A handle (``@anakamura``) names the person whose roster entry gave it.
        """
        text = _spaced(" ".join(text.split()))
        account = USERNAME.fullmatch(text) or _HANDLE.fullmatch(text)
        if not account:
            text = text.strip(" .,:;()")
        if not text or (not account and self._blocked(text)):
            return None
        if account:
            username = account.group(1).lower()
            person = self._best([p for p in self.persons.values() if username in p.usernames])
            if person is None and text.startswith("@"):
                person = self._best(self._handle_candidates(username))
        elif len(text.split()) > 1:
            person = self._best(self._full_name_candidates(text))
        elif text.lower() in _CALENDAR_WORDS:  # "May", "August": a date, not a first name
            person = None
        else:
            person = None
            for finder in self._single_token_finders(short_initials):
                candidates = finder(text)
                if candidates:
                    person = self._best(candidates)
                    break
        if person is None:
            return None
        if person.tier == DIRECTORY and not account and len(text.split()) > 1:
            self._rename(person, text)  # named in the document: its spelling, its support
            person.tier = PROSE
        if promote_to is not None:
            person.tier = min(person.tier, promote_to)
        person.add_alias(text)
        return person.name

    def split_pair(self, text: str) -> tuple[str, str] | None:
        """Two people written side by side (``Lena Doss Bora Kim``, as an export runs two
        @mentions together): their canonical names, when both halves are full names
        already known by their exact spelling."""
        tokens = text.split()
        for i in range(2, len(tokens) - 1):
            halves = [" ".join(tokens[:i]), " ".join(tokens[i:])]
            found = [
                next((p for p in self.persons.values() if name_key(h) in p.keys()), None)
                for h in halves
            ]
            if found[0] is not None and found[1] is not None and found[0] is not found[1]:
                return found[0].name, found[1].name
        return None

    def _handle_candidates(self, handle: str) -> list[Person]:
        """Document people whose name a handle spells (``@hkobayashi``, ``@hana``,
        ``@hana-k``, ``@kobayashih``): given name, surname, or one of them whole with
        the other whole or as an initial."""
        key = re.sub(r"[^a-z]", "", handle.lower())
        if len(key) < 2:
            return []
        if len(key) <= 3 and key == handle.lower():  # "mk:" of a scribe: initials
            return [
                p
                for p in self.persons.values()
                if p.tier < DIRECTORY and p.family and initials(p.name).lower() == key
            ]
        return self._spelt_by(key, list(self.persons.values()))

    @staticmethod
    def _spelt_by(key: str, people: list[Person]) -> list[Person]:
        found = []
        for p in people:
            if p.tier >= DIRECTORY or not p.family:
                continue
            given, family = name_key(p.given), name_key(p.family)
            givens = p.given_keys()  # "Li Wei Tan": @lwtan, @liweitan, @liwei
            firsts = "".join(g[:1] for g in givens)
            pairs = ((given, family), (family, given), (given[:1], family), (given, family[:1]))
            spellings = {given, family, firsts + family, "".join(givens) + family}
            spellings |= {"".join(givens)} | {a + b for a, b in pairs} | {family + given[:1]}
            if key in spellings:
                found.append(p)
        return found

    def get(self, name: str) -> Person:
        return self.persons[name]
