"""Teams no vocabulary lists, named by how minutes write bodies.

- capitalised names joined by ``of``/``and``/``for`` before a team word (``Code of
  Conduct Committee``; plain runs of capitalised words are found by
  :mod:`ingest.extract.nlp`);
- ``the infra WG`` for the ``Infra WG`` written elsewhere;
- a body in a capitals banner line (``FERNLEAF PROJECT MANAGEMENT COMMITTEE``), named in
  title case, and its acronym (``PMC``);
- the acronym of any spelled-out team (``PMC`` for the ``Marlin Project Management
  Committee``) unless two teams share it;
- ``the Board`` (``body_words``): the board the title names when it names one;
- ``TSC``, ``TAC`` (``governance_acronyms``) alone: a team of that name;
- an acronym said with what only a body has (``body_role_words``: ``the QRB co-lead``,
  ``QRB members``, ``QRB meetings``): a team of that name;
- a name before ``community`` (``community_words``: ``the Quillon community``, ``the Fennel
  and Tarn communities``) is the organisation of that name, and a name before ``project``
  with no article (``project_words``: ``Ana Lima (Quillon project)``) the project as an
  organisation, named with the word (``the Bramble project`` is software: see
  :mod:`ingest.extract.naming`).

>>> from ingest.resolve.vocab import load_vocabulary
>>> text = "Minutes of the Marlin Project Management Committee. 5 PMC members present."
>>> sorted({(t[3], text[t[0]:t[1]]) for t in find_teams(text, load_vocabulary(), None)})
[('Marlin Project Management Committee', 'PMC')]
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from typing import Any

from ingest.resolve.vocab import Vocabulary

__all__ = ["find_teams", "one_name_per_body", "inside_longer_names", "acronym_mentions"]

Named = tuple[int, int, str, str]  # start, end, entity type, canonical name

_CAP_WORD = r"[A-Z][\w'’&-]*"
_CONNECTOR = r"(?:of|for|and|on|&)"
#: a line in capitals, two to eight words (a banner such as the body's name)
_BANNER = re.compile(r"^[ \t]*((?:[A-Z][A-Z'’&-]+ ){1,7}[A-Z][A-Z'’&-]+)[ \t]*$", re.M)
_SMALL_WORDS = frozenset({"of", "for", "and", "on", "the"})


def find_teams(
    text: str, vocabulary: Vocabulary, title: str | None, english: Container[str] = ()
) -> Iterator[Named]:
    """Teams named by the rules of this module (see the module documentation); ``title``
    is the document's title, ``english`` the English words (:class:`naming.Lexicon`)."""
    if vocabulary.team_words:
        ends = "|".join(re.escape(w) for w in sorted(vocabulary.team_words, key=len)[::-1])
        pattern = re.compile(
            rf"(?<![\w-])((?:{_CAP_WORD} {_CONNECTOR} )+(?:{_CAP_WORD} ){{1,3}})(?:{ends})(?![\w-])"
        )
        team_ends = {w.split()[-1].lower() for w in vocabulary.team_words}
        for m in pattern.finditer(text):
            start = m.start()
            first = m.group(1).split()[0]
            if first in vocabulary.determiners:
                start += len(first) + 1
            # "the Smart City IG and Accessible Platform Working Group": two bodies, the
            # second named here
            joined = list(
                re.finditer(r"(\S+) (?:and|&) ", text[start : m.start(1) + len(m.group(1))])
            )
            for j in reversed(joined):
                if j.group(1).lower() in team_ends:
                    start += j.end()
                    break
            yield start, m.end(), "Team", text[start : m.end()]
        acronyms = _acronyms(vocabulary)
        stop = getattr(english, "stop_words", frozenset())
        for m in re.finditer(
            rf"\b(?:[Tt]he|in|of|for|from|with|to|under|at|by) "
            rf"((?:[a-z][a-z-]+ ){{1,2}}(?:{acronyms}))\b(?![-/])",
            text,
        ):
            # "the infra WG": the group written "Infra WG" elsewhere, or as here; also
            # after a preposition ("a page under use case TF", "we use it in webagents CG"),
            # not "to all WG members"
            words = m.group(1).split()[:-1]
            if words[0] in stop or (
                not m.group(0)[:3].lower() == "the" and any(w in stop for w in words)
            ):
                continue  # "the other WG", "as much as any SIG": no group's name
            same = rf"(?<![\w-]){re.escape(m.group(1))}(?![\w-])"
            named = [o.group(0) for o in re.finditer(same, text, re.I) if o.group(0)[0].isupper()]
            yield m.start(1), m.end(1), "Team", named[0] if named else m.group(1)
        yield from _banner_teams(text, ends)
        yield from _acronym_teams(text, vocabulary)
    for body in vocabulary.body_words:  # "Board of Directors Meeting Minutes"
        if " " in body and body[:1].isupper():
            for b in re.finditer(rf"(?<![\w-]){re.escape(body)}(?![\w-])", text):
                yield b.start(), b.end(), "Team", body
    for acronym in vocabulary.governance_acronyms:  # after the document's own acronyms
        for a in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            yield a.start(), a.end(), "Team", acronym
    if vocabulary.body_words:
        bodies = "|".join(re.escape(w) for w in sorted(vocabulary.body_words, key=len)[::-1])
        for m in re.finditer(rf"\b[Tt]he ({bodies})(?![\w-]| [A-Z])", text):
            # "the Board" in the minutes of the "Fenwick Project Board" is that board
            named = re.search(rf"(?:{_CAP_WORD} ){{1,4}}{re.escape(m.group(1))}\b", title or "")
            name = named.group(0) if named else m.group(1)
            if not named:  # "the Board" where the minutes name the "Board of Directors"
                longer = {
                    b
                    for b in vocabulary.body_words
                    if b.startswith(m.group(1) + " ") and re.search(rf"\b{re.escape(b)}\b", text)
                }
                if len(longer) == 1:
                    name = longer.pop()
            yield m.start(1), m.end(1), "Team", name
    yield from headed_organisations(text, english)
    yield from lower_case_bodies(text, vocabulary, title)
    # last: a body another rule names (``PSC`` of a spelt-out committee) keeps that name
    yield from _acronym_bodies(text, vocabulary, getattr(english, "stop_words", frozenset()))
    yield from _community_bodies(text, vocabulary, english)


#: an acronym as minutes write a body's: two to six capitals, maybe a digit or ``&`` inside
_BODY_ACRONYM = r"[A-Z][A-Z0-9&]{1,5}"
#: a name before "community" / "project": one to three capitalised words or acronyms
#: (``Quillon``, ``Tarn-Rose``, ``OpenQuill``), joined by nothing but spaces
_BODY_NAME = r"[A-Z][\w.+-]*[\w+](?: [A-Z][\w.+-]*[\w+]){0,2}"
#: words before a name that make "X project" a kind of software, not a project as a body
_ARTICLES = frozenset(
    "the a an this that these those our their its his her my your each every any no which "
    "what whose".split()
)


def _acronym_bodies(
    text: str, vocabulary: Vocabulary, stop: Container[str] = frozenset()
) -> Iterator[Named]:
    """``QRB co-lead``, ``QRB members``, ``the QRB meetings``: an acronym in capitals
    before a word only a body goes with (``body_role_words``) is a team of that name
    (``CG members``: the minutes' own community group), not a word of minutes
    (``common_words``: ``CI meetings``) nor a document series' key."""
    words = vocabulary.body_role_words
    if not words:
        return
    either = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    own = {w.upper() for w in vocabulary.common_words}  # "CI meetings": a word of minutes
    series = set(vocabulary.document_prefixes)
    kinds = {w for w in vocabulary.team_words if w.isupper()}
    pattern = rf"(?<![\w@#/.&-])({_BODY_ACRONYM})[ \t]+(?:{either})(?![\w-])"
    for m in re.finditer(pattern, text):
        acronym = m.group(1)
        if acronym in own or acronym in series or not re.search(r"[A-Z].*[A-Z]", acronym):
            continue
        if acronym in kinds and not _one_body(text, acronym, stop, either):
            continue  # "ask the WG chairs and SIG leads": those of any SIG, no one body
        yield m.start(1), m.end(1), "Team", acronym


def _one_body(
    text: str, kind: str, stop: Container[str] = frozenset(), roles: str = "(?!)"
) -> bool:
    """Whether the minutes speak of one body by its kind's word alone: they say ``the CG``
    (``our WG``; not before a word of ``roles``, a regex of ``body_role_words``), or they
    name exactly one body of that kind (``Kelp Community Group``, ``Lantern SIG``); then
    ``CG members`` are that body's members. Minutes naming several SIGs, or none, mean any
    SIG by ``SIG chairs``."""
    the = rf"\b(?:[Tt]he|[Oo]ur|[Tt]his)[ \t]+{re.escape(kind)}(?![\w-])"
    the += rf"(?![ \t]+(?:{roles})\b)"
    if re.search(the, text):  # "join the CG", not "the SIG chairs" (of every SIG)
        return True
    named = {
        m.group(1).strip()
        for m in re.finditer(rf"((?:{_CAP_WORD}[ \t]+){{1,4}}){re.escape(kind)}(?![\w-])", text)
    }
    run = rf"{_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{{len(kind) - 1},5}}(?![\w'’&-])"
    for m in re.finditer(run, text):
        words = m.group(0).split()
        if "".join(w[0] for w in words[-len(kind) :]) == kind:
            named.add(" ".join(words[: -len(kind)]))
    # "Every WG reports ...": a sentence's word before the kind names no body
    named = {n for n in named if not all(w.lower() in stop for w in n.split())}
    return len(named) == 1


def _community_bodies(
    text: str, vocabulary: Vocabulary, english: Container[str]
) -> Iterator[Named]:
    """``the Quillon community``, ``the Fennel and Tarn communities``: the organisation
    named before ``community``; ``Quillon project`` with no article before it: the project
    as an organisation, ``Quillon project``. Not known software (``the Python
    community``), a name of English words only (``the Open Source community``), a name
    opening its sentence, nor a name before a product noun (``the Quillon community
    repository`` names a repository)."""
    from ingest.extract.software import software_lists

    ranked, extra, _never = software_lists()
    stop_words = getattr(english, "stop_words", frozenset())
    known = {
        spelling.lower()
        for term in vocabulary.terms
        if term.type == "Component"
        for spelling in term.spellings
    }
    heads = {w.lower() for w in (*vocabulary.product_heads, *vocabulary.kind_words)}
    for words, named_with in (
        (vocabulary.community_words, False),
        (vocabulary.project_words, True),
    ):
        if not words:
            continue
        either = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        listed = rf"(?:{_BODY_NAME}(?:,[ \t]+|[ \t]+(?:and|&)[ \t]+))*" if not named_with else ""
        pattern = re.compile(
            rf"(?<![\w@#/.-])({listed}{_BODY_NAME})[ \t]+({either})(?![\w-])(?:[ \t]+(\w+))?"
        )
        for m in pattern.finditer(text):
            if m.group(3) and m.group(3).lower() in heads:
                continue  # "the Quillon community repository": a repository's name
            opening = m.group(1).split(" ", 1)
            if opening[0] in vocabulary.determiners and len(opening) == 2:  # "The Quillon"
                start1 = m.start(1) + len(opening[0]) + 1
                before = re.search(r"(\S+)[ \t]+$", text[max(0, start1 - 30) : start1])
                before_word = opening[0].lower()
            else:
                start1 = m.start(1)
                before = re.search(r"(\S+)[ \t]+$", text[max(0, m.start() - 30) : m.start()])
                before_word = before.group(1) if before else ""
            first_word = before is None or re.search(r"[.!?:;]$|^[#*>|-]+$", before.group(1))
            first_word = first_word or start1 != m.start(1)  # "The Quillon community ..."
            if named_with and (
                m.group(3)
                and m.group(3)[:1].isupper()
                or re.fullmatch(r"[a-z]\w*", before_word)
                and (before_word in _ARTICLES or before_word not in stop_words)
            ):
                continue  # "the Bramble project" (software: naming.py), "a special X project"
            names = [(n.start(), n.end()) for n in re.finditer(_BODY_NAME, text[start1 : m.end(1)])]
            for k, (s, e) in enumerate(names):
                start, end = start1 + s, start1 + e
                name = text[start:end]
                low = name.lower()
                if name in vocabulary.determiners:
                    continue
                if low in ranked or low in extra or low in known:
                    continue  # "the Python community": the language's users
                if " " in name and all(w.lower() in english for w in name.split()):
                    continue  # "the Open Source community"
                if k == 0 and first_word and name.lower() in english:
                    continue  # "Community members ...": a sentence's first word
                if named_with:
                    yield start, m.end(2), "Organization", text[start : m.end(2)]
                else:
                    yield start, end, "Organization", name


def _acronym_teams(text: str, vocabulary: Vocabulary) -> Iterator[Named]:
    """``PMC`` where the minutes name the ``Marlin Project Management Committee`` (an
    acronym of its last three or more words); an acronym two teams share names neither."""
    words = [w for w in vocabulary.team_words if w[:1].isupper() and not w.isupper()]
    if not words:
        return
    ends = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    teams: dict[str, set[str]] = {}
    for m in re.finditer(rf"(?<![\w-])(?:{_CAP_WORD} ){{2,4}}(?:{ends})(?![\w-])", text):
        name = m.group(0).split()
        while name and name[0] in vocabulary.determiners:
            name = name[1:]
        for k in range(len(name) - 2):
            teams.setdefault("".join(w[0] for w in name[k:]), set()).add(" ".join(name))
    for acronym, names in teams.items():
        if len(names) != 1 or not acronym.isalpha():
            continue
        (name,) = names
        for a in re.finditer(rf"(?<![\w-]){acronym}(?![\w-])", text):  # not "Quarry" of
            yield a.start(), a.end(), "Team", name  # "Quarry TSC": that is the project


def _acronyms(vocabulary: Vocabulary) -> str:
    """The team words written in capitals (``WG``, ``SIG``) as a regex alternation."""
    words = [w for w in vocabulary.team_words if w.isupper() and len(w) >= 2]
    return "|".join(re.escape(w) for w in words) or "(?!)"


def _banner_teams(text: str, ends: str) -> Iterator[Named]:
    """A body named in a capitals banner line (``FERNLEAF PROJECT MANAGEMENT COMMITTEE``),
    and its acronym wherever the minutes use it (``PMC``)."""
    for m in _BANNER.finditer(text):
        banner = m.group(1)
        title = " ".join(
            w.lower() if w.lower() in _SMALL_WORDS else w.capitalize() for w in banner.split()
        )
        body = re.search(rf"(?:{_CAP_WORD} (?:{_CONNECTOR} )?){{1,5}}(?:{ends})$", title)
        if body is None or banner != " ".join(banner.split()):  # spans must line up
            continue
        # "REPORT FROM THE SECURITY TEAM": the body is "Security Team", not the whole line
        yield m.start(1) + body.start(), m.start(1) + body.end(), "Team", body.group(0)
        words = body.group(0).split()
        capitals = [w for w in words if w[0].isupper()]
        acronyms = {"".join(w[0] for w in capitals[k:]) for k in range(len(capitals) - 2)}
        if not acronyms:
            continue
        either = "|".join(sorted(acronyms, key=len, reverse=True))
        pattern = rf"(?<![\w-])(?:{either})(?![\w-])"
        for a in re.finditer(pattern, text):
            yield a.start(), a.end(), "Team", body.group(0)


# --------------------------------------------------------------------------- one body, one name

#: words an acronym skips: ``LF`` for ``Linux Foundation``, ``CoC`` aside
_ACRONYM_SKIPS = frozenset({"of", "for", "and", "on", "the", "&", "in", "to"})
#: nouns that say "a group of people" alike: ``the Pallet team`` is ``the Pallet group``
_GROUP_NOUNS = ("team", "group")


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s/-]+", name) if w and w.lower() not in _ACRONYM_SKIPS]
    return "".join(w[0] for w in words if w[0].isupper()) if len(words) >= 2 else ""


def one_name_per_body(found: list[Any]) -> list[Any]:
    """One team or organisation written several ways is one entity:

    - an acronym the minutes use beside the spelt-out name it abbreviates (``LF`` and
      ``Linux Foundation``, ``PDC`` and ``Pallet Documentation Council``): the long name,
      the acronym kept as an alias, when exactly one body of the minutes has those
      initials;
    - ``the Pallet team`` and ``the Pallet group``: one team, named as first written;
    - ``the Ossian community`` and ``Ossian project``: one organisation, the project.

    >>> from ingest.extract.identifiers import Found
    >>> fs = [Found(0, 16, "Organization", "Linux Foundation", "Linux Foundation"),
    ...       Found(20, 22, "Organization", "LF", "LF")]
    >>> [(f.name, f.aliases) for f in one_name_per_body(fs)]
    [('Linux Foundation', ()), ('Linux Foundation', ('LF',))]
    """
    bodies = [f for f in found if f.type in ("Team", "Organization")]
    if len(bodies) < 2:
        return found
    names = list(dict.fromkeys(f.name for f in bodies))
    kind = {f.name: f.type for f in bodies}
    by_initials: dict[str, set[str]] = {}
    for name in names:
        if " " in name:
            by_initials.setdefault(_initials(name), set()).add(name)
    canonical: dict[str, str] = {}
    for name in names:
        longs = by_initials.get(name, set()) if re.fullmatch(r"[A-Z]{2,6}", name) else set()
        if len(longs) == 1:
            canonical[name] = next(iter(longs))
    projects = {
        m.group(1): name
        for name in names
        if (m := re.fullmatch(r"(.+) [Pp]roject", name)) and kind[name] == "Organization"
    }
    for name in names:  # "the Ossian community" beside "Mirela (Ossian project)": one body
        if name in projects and kind[name] == "Organization" and name not in canonical:
            canonical[name] = projects[name]
    first_of: dict[str, str] = {}
    for name in names:
        m = re.fullmatch(rf"(.+) (?:{'|'.join(_GROUP_NOUNS)})", name, re.I)
        if m is None or name in canonical:
            continue
        key = m.group(1).lower()
        if key in first_of:
            canonical[name] = first_of[key]
        else:
            first_of[key] = name
    if not canonical:
        return found
    out = []
    for f in found:
        target = canonical.get(f.name) if f.type in ("Team", "Organization") else None
        if target:
            f = type(f)(f.start, f.end, kind[target], target, f.surface, (*f.aliases, f.name))
        out.append(f)
    return out


#: a capitalised word going on with a name (``Summer``, ``Docs``), not a sentence's next word
_NAME_GOES_ON = re.compile(r"(?:[ \t]|\n[ \t]*(?=[A-Z]))([A-Z][a-z]+)(?![\w-])")


def inside_longer_names(text: str, found: list[Any], vocabulary: Vocabulary) -> list[Any]:
    """``found`` without an organisation that is only the first word of a longer name:
    ``Acme Summer of Code``, ``Acme Docs``, ``Acme Highway`` name a programme or a product
    of Acme's, not Acme itself, also across a line wrapped in a sentence. A name going
    on with an organisation, team or event word (``Acme Foundation``, ``Acme Team``,
    ``the Acme Workshop``), an acronym (``the Acme PoC``) or another name found is still
    Acme's; so is one alone on its line (a list of companies).

    >>> from ingest.extract.identifiers import Found
    >>> from ingest.resolve.vocab import load_vocabulary
    >>> text = "Ideas for Acme Summer of Code; Acme Foundation\\nAcme\\nFunds"
    >>> fs = [Found(m.start(), m.end(), "Organization", "Acme", "Acme")
    ...       for m in re.finditer("Acme", text)]
    >>> [f.start for f in inside_longer_names(text, fs, load_vocabulary())]
    [31, 47]
    """
    ends = {w.lower() for w in (*vocabulary.organization_words, *vocabulary.team_words)}
    ends |= vocabulary.event_words
    ends |= {w.lower().split()[0] for w in ends if " " in w}
    starts = {f.start for f in found}
    out = []
    for f in found:
        if f.type == "Organization":
            m = _NAME_GOES_ON.match(text, f.end)
            line_start = text.rfind("\n", 0, f.start) + 1
            if m is not None and text[f.end] == "\n" and not text[line_start : f.start].strip():
                m = None  # a name alone on its line (a list), the next line another
            if m is not None and m.group(1).lower() not in ends and m.start(1) not in starts:
                continue  # "Acme Docs"; not "Acme NVIDIA", a list of two names
        out.append(f)
    return out


def acronym_mentions(text: str, found: list[Any]) -> Iterator[Any]:
    """``QTF`` where the minutes name the ``Quillon Trust Foundation``, ``SWG`` beside the
    ``Stability Working Group``: an acronym in capitals (three letters or more) of the
    capitalised words of a team or organisation found names that body wherever it is
    written, when no other body found has those initials and no other name found is
    written so."""
    bodies: dict[str, set[tuple[str, str]]] = {}
    for f in found:
        if f.type in ("Team", "Organization") and " " in f.name:
            initials = _initials(f.name)
            if len(initials) >= 3 and initials.isalpha():
                bodies.setdefault(initials, set()).add((f.type, f.name))
    if not bodies:
        return
    written = {f.surface for f in found}
    taken = sorted((f.start, f.end) for f in found)
    for initials, names in bodies.items():
        if len(names) != 1 or initials in written:
            continue
        ((kind, name),) = names
        for m in re.finditer(rf"(?<![\w@#/.-]){initials}(?![\w/-]|\.\w)", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            yield type(found[0])(m.start(), m.end(), kind, name, m.group(0))


#: a capitalised word of a name, or an acronym
_NAME_WORD = r"[A-Z][\w'’&.-]*[\w&]|[A-Z]"


def headed_organisations(text: str, english: Container[str] = ()) -> Iterator[Named]:
    """Organisations and groups named by a head word (``data/vocab/organization_forms.yaml``):

    - ``University of Eastmarch``, ``the Marrow Institute for Data Science``: an ``of_heads``
      word, maybe after a capitalised name, then ``of``/``for`` and capitalised words
      (joined by ``and``/``&``/``of``), an organisation;
    - ``the Tarnhelm Collaboration``: capitalised words before a ``name_heads`` word, one
      of them no English word or an acronym (not ``the Science Collaboration``);
    - ``SIG Storage``, ``WG Batch``, ``sig-storage``: a ``group_prefixes`` word before the
      group's topic, a team.

    >>> sorted(n[3] for n in headed_organisations("Ana (University of Eastmarch), SIG Storage"))
    ['SIG Storage', 'University of Eastmarch']
    """
    from ingest.resolve.vocab import word_list

    forms = "organization_forms.yaml"
    of_heads = {w.title() if w.islower() else w for w in word_list(forms, "of_heads")}
    name_heads = word_list(forms, "name_heads")
    prefixes = word_list(forms, "group_prefixes")
    if of_heads:
        heads = "|".join(sorted((re.escape(h) for h in of_heads), key=len, reverse=True))
        pattern = re.compile(
            rf"(?<![\w-])((?:(?:{_NAME_WORD}) ){{0,3}}(?i:{heads}) (?:of|for) (?:the )?"
            rf"(?:{_NAME_WORD})(?:(?: (?:and|&|of|for))? (?:{_NAME_WORD})){{0,4}})(?![\w-])"
        )
        for m in pattern.finditer(text):
            name = m.group(1)
            first = name.split()[0]
            if first in ("The", "A", "An", "Our", "Their", "This"):
                name = name[len(first) + 1 :]
            if not name[:1].isupper():
                continue
            end = m.start(1) + len(m.group(1))
            yield end - len(name), end, "Organization", name
    if name_heads:
        heads = "|".join(re.escape(h.title()) for h in name_heads)
        for m in re.finditer(
            rf"(?<![\w-])((?:(?:{_NAME_WORD}) ){{1,3}})(?:{heads})(?![\w-])", text
        ):
            words = m.group(1).split()
            while words and words[0] in ("The", "A", "An", "Our", "Their", "This"):
                words.pop(0)
            if not words or all(w.lower() in english and not w.isupper() for w in words):
                continue  # "the Science Collaboration": no name
            start = m.start(1) + m.group(1).index(words[0])
            yield start, m.end(), "Organization", text[start : m.end()]
    if prefixes:
        roles = set(word_list(forms, "not_topics"))
        upper = "|".join(re.escape(p.upper()) for p in prefixes)
        lower = "|".join(re.escape(p.lower()) for p in prefixes)
        for m in re.finditer(
            rf"(?<![\w-])(?:(?:{upper}) [A-Z][a-z]+(?: [A-Z][a-z]+)?"
            rf"|(?:{lower})-[a-z]+(?:-[a-z]+)?)(?![\w-])",
            text,
        ):
            if "/" in text[max(0, m.start() - 1) : m.start()] or _in_address(text, m.start()):
                continue  # ".../process/sig-lifecycle.md": a file, not the group
            topic = re.split(r"[ -]", m.group(0), maxsplit=1)[1].lower()
            if topic.split()[0].split("-")[0] in roles:
                continue  # "SIG Leads", "WG Chairs", "WG Meeting": the groups' people or events
            yield m.start(), m.end(), "Team", m.group(0)


def _in_address(text: str, start: int) -> bool:
    """Whether the word at ``start`` stands in an address or a path."""
    from ingest.extract.software import _in_link

    return _in_link(text, start, start + 1)


def lower_case_bodies(text: str, vocabulary: Vocabulary, title: str | None) -> Iterator[Named]:
    """Governing bodies written in lower case after ``the``/``our`` (``lower_bodies`` of
    ``organization_forms.yaml``): ``the steering council``, ``the board``, ``our core devs``
    are a team, named as the minutes (or their title) write it in capitals when they do so
    once (``the board`` of a ``Board of Directors``), else as written.

    >>> from ingest.resolve.vocab import load_vocabulary
    >>> t = "Minutes of the Board of Directors. Ana asked the board to vote; the core devs agree."
    >>> [(t[s:e], n) for s, e, _k, n in lower_case_bodies(t, load_vocabulary(), None)]
    [('board', 'Board of Directors'), ('core devs', 'core devs')]
    """
    from ingest.resolve.vocab import word_list

    bodies = word_list("organization_forms.yaml", "lower_bodies")
    if not bodies:
        return
    many = "|".join(re.escape(b) for b in sorted(bodies, key=len, reverse=True) if " " in b)
    one = "|".join(re.escape(b) for b in bodies if " " not in b)
    capitals = {*vocabulary.body_words, *vocabulary.team_words}
    # a body of one word ("board") only after a determiner; of two or more anywhere
    # ("docs for the core devs and the steering council")
    either = "|".join(
        p for p in (one and rf"(?<=\b[Tt]he |\b[Oo]ur |\b[Ii]ts )(?:{one})", many) if p
    )
    for m in re.finditer(rf"(?<![\w-])({either})(?![\w-])", text):
        words = m.group(1)
        if words != words.lower():
            continue  # capitalised: the rules for names read it
        # the body named in capitals: the words themselves, one of the vocabulary's bodies
        # they open ("Board of Directors"), or a longer name they end ("Technical Steering
        # Committee")
        listed = [
            b
            for b in vocabulary.body_words
            if b.lower().startswith(words + " ")
            and any(re.search(rf"\b{re.escape(b)}\b", src) for src in (text, title or ""))
        ]
        if len(listed) == 1:  # "the board" of the minutes' "Board of Directors"
            yield m.start(1), m.end(1), "Team", listed[0]
            continue
        pattern = rf"(?:{_CAP_WORD} ){{0,3}}{re.escape(words.title())}"
        named = {
            " ".join(n.group(0).split())
            for source in (text, title or "")
            for n in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", source)
        }
        named = {n for n in named if n.split()[0] not in vocabulary.determiners}
        longer = {n for n in named if n != words.title()}
        name = words
        if len(longer) == 1:
            name = longer.pop()
        elif len(named) == 1:
            name = named.pop()
        elif words.title() in capitals or words in capitals:
            name = words.title() if words.title() in named else words
        yield m.start(1), m.end(1), "Team", name
