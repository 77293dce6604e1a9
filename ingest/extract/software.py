"""Widely used software named in minutes: a list built from package indexes, plus name shape.

- ``data/vocab/software_names.txt``: names from the PyPI and npm download rankings, English
  words removed (built by ``scripts/build_software_names.py``), matched in any case;
- ``data/vocab/software_extra.txt``: platforms, languages and services no index ranks
  (GitHub, Slack, Linux), written by hand; a name that is also an English word ("Zoom") is
  matched only as spelt there;
- ``data/vocab/software_service_nouns.txt``: nouns after which such a name counts in
  lower case too (``a new zoom link``, ``the same zoom call``);
- ``data/vocab/not_software.txt``: abbreviations minutes use as words (``args``, ``json``);
- shape: a word with a capital inside it that no dictionary lists (``OpenEXR``,
  ``IlmBase``, ``LibHalf``), and a name ending in a language's package suffix (``Pluto.jl``,
  ``Node.js``). Not: names of people (``McCool``, ``DeVries``), ``PhD``-like words.

A website named by its bare host name (``numpy.org``, ``forum.example.org``, ``zoom.us``)
is a component too; the host of a URL, an e-mail address or ``example.org`` is none.

A name inside a URL, an e-mail address or a file path is not a mention of the software.
Each function reads the clean text only; the lists load once per process.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ingest.extract.identifiers import Found

__all__ = [
    "find_software",
    "is_bot_name",
    "software_lists",
    "employers",
    "installed_packages",
    "owner_repositories",
]

_DATA = Path(__file__).resolve().parents[2] / "data" / "vocab"
#: a name as minutes write it: words joined by - _ . + (``scikit-learn``, ``Node.js``, ``C++``)
_TOKEN = re.compile(
    r"(?<![\w@/\\#$%-])[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*(?:\+\+|#)?(?![\w@/\\-]|\.\w)"
)
#: a capital inside a word: OpenEXR, IlmBase, siminspiralFDTD (not Mc/Mac/De/Van names)
_INNER_CAPITAL = re.compile(
    r"[A-Za-z][a-z]+[A-Z][A-Za-z0-9]*|[A-Z]{2,}[a-z]+[A-Z][A-Za-z0-9]*"
    r"|[A-Z]{2,}[a-z]{3,}[A-Za-z0-9]*"  # an acronym and a word run together: OSPray, ASTViewer
    r"|[a-z][A-Z][a-z0-9]{3,}"  # a lower-case letter before a name: iMath, eGrid
)
#: capitalised parts joined by hyphens, one of mixed case: ``TASTy-MiMa``, ``QuillDB-Sync``
_HYPHENED_CAPITALS = re.compile(r"[A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)+")
_NAME_PREFIX = re.compile(
    r"(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Vander|St|O|Al|El|Ben|Abu|Ibn)[A-Z]"
)
#: a capitalised word that may be a name's other half ("Monty Widenius", "Jose Garmilla")
_NAME_WORD = re.compile(r"[A-Z][a-z'’-]+")
_PACKAGE_SUFFIX = re.compile(r"[A-Za-z][\w-]*\.(?:jl|js|rs|py|rb|NET|net)")
#: a host name written alone: labels joined by dots, ending with a common top-level domain
_HOST = re.compile(
    r"(?<![\w@/\\:.%-])((?:www\.)?[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*"
    r"\.(?:org|com|net|io|dev|app|ai|us|sc|edu|gov|info|eu|co))(?![\w/@-]|\.\w)"
)
#: hosts reserved for examples (RFC 2606), never a real site
_EXAMPLE_HOSTS = ("example.", "localhost.")


def _lines(name: str) -> list[str]:
    path = _DATA / name
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@cache
def software_lists() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    """``(ranked names, hand-written names by lower case, never software)``."""
    ranked = frozenset(n.lower() for n in _lines("software_names.txt"))
    extra = {n.lower(): n for n in _lines("software_extra.txt")}
    never = frozenset(n.lower() for n in _lines("not_software.txt"))
    return ranked, extra, never


@cache
def _phrases() -> re.Pattern[str] | None:
    """The hand-written names of more than one word, longest first, in any case."""
    multi = sorted((k for k in software_lists()[1] if " " in k), key=len, reverse=True)
    if not multi:
        return None
    body = "|".join(re.escape(p).replace(r"\ ", r"[ \t]+") for p in multi)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.I)


_CAMEL_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
#: endings of identifiers in code and of events, not of components
_SYMBOL_ENDINGS = ("Error", "Exception", "Warning", "Array", "Con", "Conf")


def _mixed_hyphened(word: str, english: Container[str]) -> bool:
    """``TASTy-MiMa``, ``QuillDB-Sync``: capitalised parts joined by hyphens, the first of
    mixed case past its first letter and no identifier of English words (not ``Jean-Luc``,
    ``McKay-Smith``, ``X-Ray``, ``PST-SciCollab``, ``BigInt-Number``, ``Dev-2025``)."""
    if not _HYPHENED_CAPITALS.fullmatch(word) or word.lower() in english:
        return False
    first = word.split("-")[0]
    return (
        any(c.isupper() for c in first[1:])
        and any(c.islower() for c in first)
        and not _NAME_PREFIX.match(first)
        and not _code_symbol(first, english)
    )


def _code_symbol(word: str, english: Container[str]) -> bool:
    """``UnaryExpression``, ``TypedArray``, ``ValueError``: a name made of English words
    only is an identifier in code (or an event: ``KubeCon``), not a product's name."""
    if word.endswith(_SYMBOL_ENDINGS):
        return True
    parts = _CAMEL_PART.findall(word)
    return len(parts) >= 2 and all(len(p) >= 3 and p.lower() in english for p in parts)


def _beside_name(text: str, start: int, end: int, english: Container[str]) -> bool:
    """Whether a capitalised word no dictionary lists stands right before or after
    ``text[start:end]`` (the two read as a person's name)."""
    after = _NAME_WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    before = re.search(r"([A-Z][a-z'’-]+) $", text[max(0, start - 40) : start])
    return any(
        m is not None and m.group(m.lastindex or 0).lower() not in english for m in (after, before)
    )


#: verbs after a person's name in minutes (``Winston asked``), seldom after software's
_SAID = re.compile(
    r"[ \t]+(?:asked|said|says|suggested|noted|mentioned|agreed|volunteered|explained|"
    r"presented|reported|proposed|thinks|thought|wondered|replied|answered|commented)\b"
)


def _person_word(text: str, word: str, english: Container[str], seen: dict[str, bool]) -> bool:
    """Whether the minutes use the capitalised ``word`` as a person's name anywhere: beside
    a capitalised word no dictionary lists (``Winston Moyo``), as a speaker (``Winston:``),
    a handle (``@Winston``), or the subject of a verb of speech (``Winston asked``); not
    ``Django Software Foundation``."""
    if word not in seen:
        w = re.escape(word)
        seen[word] = bool(
            re.search(rf"(?m)^[ \t*>-]*{w}[ \t]*:", text)
            or re.search(rf"@{w}\b", text)
            or re.search(rf"(?<![\w-]){w}{_SAID.pattern}", text)
            or any(
                _beside_name(text, m.start(), m.end(), english)
                for m in re.finditer(rf"(?<![\w-]){w}(?![\w-])", text)
            )
        )
    return seen[word]


@cache
def _service_nouns() -> frozenset[str]:
    return frozenset(n.lower() for n in _lines("software_service_nouns.txt"))


def _service_noun_after(text: str, end: int) -> bool:
    """Whether a noun of a service's use follows (``zoom link``, ``teams call``)."""
    m = re.match(r"[ \t]+([a-z]+)\b", text[end : end + 20])
    return m is not None and m.group(1) in _service_nouns()


def _speaker(text: str, word: str) -> bool:
    """Whether the minutes use ``word`` as someone who speaks: the subject of a verb of
    speech (``MarcoZed noted``) or a handle (``@MarcoZed``). (A label opening a line is not
    enough: ``JaVerT: a verification toolchain`` introduces software.)"""
    w = re.escape(word)
    return bool(re.search(rf"@{w}\b", text) or re.search(rf"(?<![\w-]){w}{_SAID.pattern}", text))


#: who speaks in a chat log or is credited by a meeting bot: ``<+MiraQ> ...``, ``<MiraQ>``,
#: ``* a point made  (MiraQ, 14:05:30)``
_CHAT_SPEAKER = re.compile(r"<[@+%&~]?([A-Za-z][\w|^`-]*)>|\(([A-Za-z][\w|^`-]*),\s+\d\d?:\d\d\b")


def _chat_speakers(text: str) -> frozenset[str]:
    """The nicknames a chat log or a meeting bot's summary writes as speakers: in such
    minutes a mixed-case word (``MiraQ``, ``DevKestrel``) is far more often a person's
    handle than a product's name."""
    if "<" not in text and "(" not in text:
        return frozenset()
    return frozenset(n for m in _CHAT_SPEAKER.finditer(text) for n in m.groups() if n)


def _in_link(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands inside a URL, an address or a path."""
    before = re.search(r"\S*$", text[max(0, start - 200) : start])
    left = start - len(before.group(0)) if before else start
    after = re.match(r"\S*", text[end : end + 200])
    word = text[left : end + (len(after.group(0)) if after else 0)]
    return "://" in word or "www." in word or "@" in word[: start - left]


def bare_hosts(text: str) -> Iterator[Found]:
    """Websites named by host name alone: ``numpy.org``, ``docs.example.org``."""
    for m in _HOST.finditer(text):
        host = m.group(1)
        if host.startswith(_EXAMPLE_HOSTS) or ".example." in host:
            continue
        yield Found(m.start(), m.end(), "Component", host, host)


#: the end of a bot's name: ``Quillbot``, ``@mergebot``, ``triage-bot``
_BOT_END = re.compile(r"bot(?![\w-])", re.I)
_BOT_NAME = re.compile(r"@?([A-Za-z][A-Za-z0-9]*(?:-)?bot)$", re.I)


def is_bot_name(word: str, english: Container[str]) -> bool:
    """Whether ``word`` (an at sign before it or not) is a bot's name: a coined word ending
    in ``bot`` (``Quillbot``, ``@mergebot``, ``review-bot``), not an English word (``robot``)
    nor a generic one the lists name (``chatbot``)."""
    low = word.lstrip("@").lower()
    return (
        _BOT_NAME.fullmatch(low) is not None
        and len(low) >= 5
        and low not in english
        and low not in software_lists()[2]
    )


def bot_names(text: str, english: Container[str]) -> Iterator[Found]:
    """Bots by their names, as minutes write them: a coined word ending in ``bot``
    (``Quillbot``, ``mergebot``, ``@triagebot``, ``review-bot``) is software that merges,
    triages or records, whether the minutes write it as a speaker or a handle; an English
    word (``robot``, ``chatbot``) names none."""
    for end in _BOT_END.finditer(text):
        m = _BOT_NAME.search(text, max(0, end.start() - 30), end.end())
        if m is None or (m.start() > 0 and not re.match(r"[^\w/\\#$%.]", text[m.start() - 1])):
            continue
        name = m.group(1)
        if not is_bot_name(name, english):
            continue
        if _in_link(text, m.start(1), m.end(1)) and not text[m.start() : m.start() + 1] == "@":
            continue
        yield Found(m.start(1), m.end(1), "Component", name, name)


#: names joined by slashes, as minutes write alternatives (``Zulip/Discourse``):
#: each part is read as a word of its own; a path or an address is none
_SLASHED = re.compile(
    r"(?<![\w@/\\#$%.:~-])[A-Za-z][A-Za-z0-9+#-]*(?:/[A-Za-z][A-Za-z0-9+#-]*){1,2}"
    r"(?![\w@/\\-]|\.\w)"
)


def _slashed_parts(text: str) -> Iterator[re.Match[str]]:
    for m in _SLASHED.finditer(text):
        if "#" in m.group(0) or _in_link(text, m.start(), m.end()):
            continue
        yield from _TOKEN_IN_SLASH.finditer(text, m.start(), m.end())


_TOKEN_IN_SLASH = re.compile(r"[A-Za-z][A-Za-z0-9-]*(?:\+\+|#)?")


def _table_row(text: str, line_start: int) -> list[str] | None:
    """The cells of the line starting at ``line_start`` when it is a table's row (the clean
    text writes a row's cells between tabs), else ``None``."""
    end = text.find("\n", line_start)
    line = text[line_start : end if end >= 0 else len(text)]
    return line.split("\t") if "\t" in line.strip("\t ") else None


def _table_header_cell(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole cell of a table's first row, a row of short
    labels over rows of as many cells (``Name | GitHub | Affiliation``): a column's name,
    not a mention of the platform."""
    line_start = text.rfind("\n", 0, start) + 1
    cells = _table_row(text, line_start)
    if cells is None or text[start - 1 : start] not in ("\t", "\n", "") and start != line_start:
        return False
    if text[end : end + 1] not in ("\t", "\n", ""):
        return False
    if any(len(c.split()) > 3 or re.search(r"\d", c) for c in cells):
        return False
    previous = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    above = _table_row(text, previous) if line_start else None
    if above is not None and len(above) == len(cells):
        return False  # a row inside the table, not its head
    pos = text.find("\n", end)
    while pos >= 0 and pos + 1 < len(text) and text[pos + 1] == "\n":
        pos += 1  # the rule under the head is a blank line in the clean text
    below = _table_row(text, pos + 1) if pos >= 0 else None
    return below is not None and len(below) == len(cells)


@cache
def _installers() -> re.Pattern[str] | None:
    commands = sorted(_lines("software_installers.txt"), key=len, reverse=True)
    if not commands:
        return None
    body = "|".join(re.escape(c).replace(r"\ ", r"[ \t]+") for c in commands)
    return re.compile(rf"(?<![\w-])(?:{body})\b")


#: what follows an install command: options (``-U``, ``--user``) and package names, each
#: maybe with a version (``loamwise==1.2``, ``quelltab@3``, ``"tarpin>=0.4"``)
_INSTALL_ARG = re.compile(
    r"[ \t]+(?:(-{1,2}[\w-]+(?:=\S+)?)|[\"']?([A-Za-z@][\w.@/-]*?)"
    r"(?:\[[\w,]+\])?(?:[=<>~!@^]=?[\w.*]+)?[\"']?(?=[\s`,;)]|$))"
)


def installed_packages(text: str, english: Container[str] = frozenset()) -> Iterator[Found]:
    """Packages named in an install command minutes quote: ``pip install loamwise``,
    ``npm install quelltab``, ``cargo add tarpin``; not options, paths or requirement files.

    >>> [f.name for f in installed_packages("run `pip install -U loamwise fenn-io` first")]
    ['loamwise', 'fenn-io']
    """
    installers = _installers()
    if installers is None:
        return
    for m in installers.finditer(text):
        pos, named = m.end(), 0
        for _ in range(6):  # a few packages at most follow one command
            arg = _INSTALL_ARG.match(text, pos)
            if arg is None:
                break
            pos = arg.end()
            name = arg.group(2)
            if not name:
                continue  # an option
            if name.endswith((".txt", ".toml", ".cfg", ".lock", ".")) or len(name) < 2:
                break  # a requirements file, the end of a sentence
            if "/" in name and not name.startswith("@") or re.search(r"\.\w+\.", name):
                break  # a path or an address (a scoped npm package "@quill/tab" is a name)
            if named and name.lower() in english:
                break  # "npm install quelltab the build ...": the sentence goes on
            start = arg.start(2)
            named += 1
            yield Found(start, start + len(name), "Component", name, name)
            if text[pos : pos + 1] in (",", ";"):
                break


#: ``owner/repo``, a repository said by its forge path, with what makes it one: backticks
#: around it or a word for repositories or merging before it
_OWNER_REPO = re.compile(
    r"(?<![\w@/\\#$%.:~-])([A-Za-z0-9][\w.-]*[A-Za-z0-9])/([A-Za-z0-9][\w.-]*[A-Za-z0-9])"
    r"(?=[^\w@/\\.-]|\.(?!\w)|$)"
)
_REPO_BEFORE = re.compile(
    r"(?:\b(?:repo|repos|repository|repositories|fork|forked|forks|merged|landed|lands|moved|"
    r"moving|move|transferred|archived|mirrored|cloned?|vendored|submodule|upstream|org)"
    r"(?:[ \t]+(?:in|into|to|from|at|of|on))?[ \t]+(?:the[ \t]+)?|`)$",
    re.I,
)


def owner_repositories(text: str, english: Container[str]) -> Iterator[Found]:
    """Repositories written as ``owner/repo``: in backticks (``quillhaven/tallow-exporter``),
    after a word for repositories or moving code (``landed in brambleworks/fernctl``,
    ``the repo acme/tide``); named ``owner/repo``, the repository's part an alias. Not
    alternatives (``and/or``, ``read/write``, ``Zulip/Discourse``), a path, an address or an
    issue's reference (``acme/tide#4`` is a ticket).

    >>> [f.name for f in owner_repositories("fixed in `acme/tide`, and/or acme/tide#4", set())]
    ['acme/tide']
    """
    for m in _OWNER_REPO.finditer(text):
        owner, repo = m.group(1), m.group(2)
        if _in_link(text, m.start(), m.end()) or owner.lower() in _MEDIA_TYPES:
            continue
        if text.startswith("#", m.end()):
            continue  # a ticket of the repository
        backticked = text[m.start() - 1 : m.start()] == "`" and text[m.end() : m.end() + 1] == "`"
        said = _REPO_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if not (backticked or said):
            continue
        if all(p.lower() in english for p in (owner, repo)):
            continue  # "merged and/or", "moved docs/guides": words, not a repository
        yield Found(m.start(), m.end(), "Component", m.group(0), m.group(0), (repo,))


_MEDIA_TYPES = frozenset("text application image audio video multipart font model".split())


def find_software(text: str, english: Container[str]) -> Iterator[Found]:
    """Software names in ``text`` (see the module documentation)."""
    ranked, extra, never = software_lists()
    taken: list[tuple[int, int]] = []
    people: dict[str, bool] = {}
    for found in bare_hosts(text):
        taken.append((found.start, found.end))
        yield found
    for found in (
        *owner_repositories(text, english),
        *installed_packages(text, english),
        *bot_names(text, english),
    ):
        taken.append((found.start, found.end))
        yield found
    phrases = _phrases()
    if phrases is not None:
        for m in phrases.finditer(text):  # "Read the Docs", "GitHub Actions"
            taken.append((m.start(), m.end()))
            name = extra[" ".join(m.group(0).lower().split())]
            yield Found(m.start(), m.end(), "Component", name, m.group(0))
    slashed = list(_slashed_parts(text))
    matches = sorted([*_TOKEN.finditer(text), *slashed], key=lambda m: m.start())
    parts = {m.start() for m in slashed}
    speakers: frozenset[str] | None = None
    for m in matches:
        word = m.group(0).rstrip(".")
        start, end = m.start(), m.start() + len(word)
        low = word.lower()
        if low in never or any(s <= start < e for s, e in taken) or len(word) < 2:
            continue
        if start in parts and low not in extra and low not in ranked:
            continue  # "AVX2/NeonX": only a listed name is software beside a slash
        plain = low in english or (low.endswith("s") and low[:-1] in english)
        if low in extra:
            spelt = extra[low]
            if plain and word != spelt and not _service_noun_after(text, end):
                continue  # "zoom in" is no Zoom; "a new zoom link" is
            name = spelt
        elif low in ranked and len(low) >= 3 and not plain:
            if word[:1].isupper() and _beside_name(text, start, end, english):
                continue  # "Monty Widenius": a person whose name a package also has
            if (
                word[:1].isupper()
                and word[1:].islower()
                and _person_word(text, word, english, people)
            ):
                continue  # "Jose:", "Winston asked": the minutes use it as a person's name
            name = word
        elif (
            (
                len(word) >= 5
                and _INNER_CAPITAL.fullmatch(word)
                and not _NAME_PREFIX.match(word)
                and not plain
                and not _code_symbol(word, english)
                and not _speaker(text, word)  # "MarcoZed noted that ...", "@MarcoZed"
                and word not in (speakers := speakers or _chat_speakers(text))
            )
            or _PACKAGE_SUFFIX.fullmatch(word)
            or _mixed_hyphened(word, english)
        ):
            name = word
        else:
            continue
        if _in_link(text, start, end) or _table_header_cell(text, start, end):
            continue  # in an address; "| Name | GitHub |": a column's name, not the platform
        yield Found(start, end, "Component", name, word)


#: words before a name that make it the employer of someone (``representing Acme``,
#: ``works for Acme``, ``engineers at Acme``), not the software or service of that name
_EMPLOYER_BEFORE = re.compile(
    r"(?:\brepresent(?:s|ed|ing)?|\bon behalf of|\bemploy(?:ed|ee|ees) (?:by|of|at)|"
    r"\bwork(?:s|ed|ing)? at|\bhired by|"
    r"\b(?:engineers?|developers?|folks|people|colleagues|staff|someone|somebody) (?:at|from)|"
    r"\b(?:funded|sponsored) by|\b(?:grants?|funding|sponsorship|donations?) from)"
    r"[ \t]+$",
    re.I,
)
#: words after a name that make it a funder (``Acmebook funding``, ``the Acmebook grant``)
_FUNDER_AFTER = re.compile(r"[ \t]+(?:funding|grants?|sponsorship)\b", re.I)


def employers(text: str, found: list[Any]) -> list[Any]:
    """A capitalised software or service name said as someone's employer or as a funder
    is the company of that name: ``representing Acmebook``, ``she works at Acmebook``,
    ``engineers at Acmebook``, ``funded by Acmebook``, ``the Acmebook grant`` (elsewhere
    the minutes may mean its platform: ``post it on Acmebook``).

    >>> fs = [Found(14, 22, "Component", "Acmebook", "Acmebook")]
    >>> [f.type for f in employers("Ann, hired by Acmebook", fs)]
    ['Organization']
    """
    out = []
    for f in found:
        if f.type == "Component" and any(c.isupper() for c in f.surface):
            if (
                _EMPLOYER_BEFORE.search(text, max(0, f.start - 40), f.start)
                or _ROLE_AT.search(text, max(0, f.start - 60), f.start)
                or _FUNDER_AFTER.match(text, f.end)
            ):
                f = Found(f.start, f.end, "Organization", f.name, f.surface, f.aliases)
            elif (slot := _affiliation(text, f.start)) is not None and f.end <= slot[1]:
                name = text[f.start : slot[1]]
                f = Found(f.start, slot[1], "Organization", name, name, f.aliases)
        out.append(f)
    return out


#: a roll-call line up to where a person's affiliation starts: a bullet, people's full
#: names (commas between), then ``[``, ``(``, `` - `` or `` @ ``: ``- Ann Lee [Acmebook]``,
#: ``* Bo Chan, Di Wu - Quillworks Labs``
_AFFILIATED = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?:\[[ xX]?\][ \t]*)?"
    r"(?:[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3}(?:,[ \t]*|[ \t]+and[ \t]+))*"
    r"[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3}[ \t]*(?:[\[(]|[ \t]+[-–@][ \t]*)$"
)
#: what an affiliation is: capitalised words (``JPMorgan Chase``, ``Samsung SDS``)
_AFFILIATION = re.compile(r"[A-Z][\w&'’.-]*(?:[ \t]+(?:[A-Z][\w&'’.-]*|&|of))*")


def _affiliation(text: str, start: int) -> tuple[int, int] | None:
    """The span of the affiliation that starts at ``start`` in a roll call's line
    (``- Ann Lee [Acmebook]``, ``* Ann Lee - Quillworks Labs, Berlin``), or ``None``: a
    name there is someone's employer, not the software of that name."""
    from ingest.resolve.people import dictionary

    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start]
    if start - line_start > 200 or not _AFFILIATED.match(lead):
        return None
    common = dictionary()[0]
    listed = re.sub(r"^[ \t]*(?:[-*+][ \t]+)?(?:\[[ xX]?\])?", "", lead)
    names = [
        re.sub(r"[\[(@–-]+[ \t]*$", "", n).split() for n in re.split(r",|[ \t]and[ \t]", listed)
    ]
    if not all(any(w.lower() not in common for w in n) for n in names if n):
        return None  # "- Release Planning - Quellbook": a topic, then what it is about
    m = _AFFILIATION.match(text, start)
    if m is None:
        return None
    end = m.end()
    while text[end - 1] in ".'’-":
        end -= 1
    after = text[end : end + 1]
    if after not in ("", "\n", "]", ")", ",", ";", " ", "\t"):
        return None
    if after in (" ", "\t") and text[end : end + 40].lstrip(" \t")[:1].islower():
        return None  # "Ann Lee (Quillstore maintainer)": a role held, not an employer
    return start, end


# --------------------------------------------------------------------------- repositories

#: a repository's own address (not an issue, a file or a user): ``github.com/owner/repo``
_REPOSITORY = re.compile(
    r"(?:https?://)?(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)/"
    r"([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?(?:#[\w-]*)?"
    r"(?=$|[\s)\]>\"'<,;]|\.(?:\s|$))"
)
#: first path parts of a forge that are pages of the forge, not owners of repositories
_FORGE_PAGES = frozenset(
    "orgs sponsors features settings marketplace apps topics collections enterprise about "
    "pricing login users search notifications pulls issues explore site security".split()
)
_MD_LINK = re.compile(r"\[([^\[\]\n]{2,80})\]\(([^)\s]{1,2000})\)")
_HTML_LINK = re.compile(r"<a\s[^>]*?href=[\"']([^\"']{1,2000})[\"'][^>]*>([^<]{2,80})</a>", re.I)


def _repository(url: str) -> str | None:
    """The name of the repository ``url`` is the address of, or ``None``: none for a
    forge's own pages, a repository of minutes, notes or governance (``not_software.txt``:
    ``meetings``) or a proposal's repository (a document's, not software's)."""
    m = _REPOSITORY.fullmatch(url.strip())
    if m is None or m.group(1).lower() in _FORGE_PAGES:
        return None
    name = m.group(2).rstrip(".")
    parts = [p for p in re.split(r"[-_.]", name.lower()) if p]
    never = software_lists()[2]
    if not parts or name.lower() in never or "proposal" in parts or "proposals" in parts:
        return None
    return name


def _loose(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


#: a label before an address that says the repository holds a talk or notes, not software
_SLIDES_LABEL = re.compile(
    r"(?i)\b(?:slides|slide deck|deck|presentation|talk|notes|minutes|agenda|recording)"
    r"[ \t]*[:-]?[ \t]*<?$"
)


def repositories(text: str) -> Iterator[Found]:
    """Repositories named by their bare address (``https://github.com/acme/tidewatch``):
    the repository's name in the address is a component; not after a label saying it holds
    a talk (``Slides: https://github.com/ana/talk-on-x``)."""
    for m in re.finditer(
        r"(?:https?://)?(?:www\.)?(?:github|gitlab|codeberg|bitbucket)\.\S+", text
    ):
        url = m.group(0).rstrip(").,;>]'\"")
        name = _repository(url)
        if name is None:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _SLIDES_LABEL.search(text, line_start, m.start()):
            continue  # "Slides: https://github.com/ana/talk-on-x": a talk's slides
        start = m.start() + url.index("/" + name, url.index(".")) + 1
        yield Found(start, start + len(name), "Component", name, name)


def linked_repositories(clean: Any) -> Iterator[Found]:
    """``[Tide Watch](https://github.com/acme/tidewatch)``: a link to a repository names it
    by its text when the text is the repository's name (in any case and spacing); otherwise
    (``[Tidewatch on GitHub](...)``, ``[our notes](...)``, three words at most) by the
    repository's own name, the text an alias; a longer text is a title, which names
    something else (a document, an item of work)."""
    import bisect

    source = clean.source.text
    links = [(m.start(1), m.end(1), m.group(2)) for m in _MD_LINK.finditer(source)]
    links += [(m.start(2), m.end(2), m.group(1)) for m in _HTML_LINK.finditer(source)]
    for s, e, url in links:
        repo = _repository(url)
        if repo is None:
            continue
        start = bisect.bisect_left(clean.offsets, s, 0, len(clean.text))
        end = bisect.bisect_left(clean.offsets, e, start, len(clean.text))
        said = clean.text[start:end]
        if start >= end or said != source[s:e] or not said.strip(" `*_'\""):
            continue
        inner = said.strip(" `*_'\"")  # "[`tidewatch`](...)": the name inside the marks
        start += said.index(inner)
        end = start + len(inner)
        said = inner
        words = said.split()
        if _loose(said) == _loose(repo):
            yield Found(start, end, "Component", " ".join(words), said, (repo,))
        elif len(words) <= 3 and not re.search(r"https?:|[#@]|\d{3}", said):
            named = words[0][:1].isupper()  # "Tidepool on GitHub"; not "our notes"
            yield Found(start, end, "Component", repo, said, (" ".join(words),) if named else ())


#: a name after an employer's cue: capitalised words (``Northwind``, ``Quill Labs``, ``rQuill``)
_EMPLOYER_NAME = re.compile(
    r"(?:[A-Z]|[a-z][A-Z])[\w&'’.-]*[A-Za-z0-9](?:[ \t][A-Z][\w&'’-]*[A-Za-z0-9]){0,2}"
)
_ROLE_AT = re.compile(
    r"\b(?:an?|the)[ \t]+(?:[a-z]+[ \t]+)?(?:editor|engineer|developer|maintainer|researcher|"
    r"scientist|professor|student|manager|director|employee|member|lead|intern|consultant)"
    r"[ \t]+(?:at|with|from)[ \t]+$"
)


def employer_names(text: str, found: list[Any], english: Container[str]) -> Iterator[Any]:
    """Organisations no list knows, named as someone's employer: ``representing
    Northwind``, ``on behalf of Quill Labs``, ``I'm an editor at rQuill``: the capitalised
    words after such a cue (not an English word alone, not a name found before)."""
    taken = sorted((f.start, f.end) for f in found)
    for m in _EMPLOYER_NAME.finditer(text):
        before = text[max(0, m.start() - 60) : m.start()]
        if not (_EMPLOYER_BEFORE.search(before) or _ROLE_AT.search(before)):
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        words = m.group(0).split()
        if all(w.lower() in english for w in words):
            continue  # "representing Europe", "on behalf of Marketing"
        yield Found(m.start(), m.end(), "Organization", m.group(0), m.group(0))
