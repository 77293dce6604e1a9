"""Documents minutes name without a series number: by a link to them, or by a noun phrase
whose head says it is a document.

- a link whose target is a document (a file in a repository, a PDF, a wiki or docs page, a
  preprint) names that document by its text, when the text is a title and not a word of
  navigation: ``[project lifecycle](.../process/lifecycle.md)``, ``["About security
  issues"](.../doc/security.md)``, ``[emoji key](https://.../docs/en/emoji-key)``; not
  ``[notes](...)``, ``[here](...)``, ``[the draft](...)``;
- a list entry or line that is a short title, a dash or a colon, and an address: ``- Release
  Policy v2 - https://...``, ``Mobility plan: https://...``: the title names the document at
  the address, unless it is one word, a sentence (stop words other than ``of``/``and``/...),
  or ends with a word that says what the link is, not which document (``link_not_documents``:
  ``Meeting notes: ...``, ``Example file: ...``, ``Zoom link: ...``);
- a noun phrase headed by a ``document_heads`` noun (``data/vocab/name_rules.yaml``: guide,
  roadmap, charter, paper ...) with a modifier that names which one: ``the compiler
  hardening guide``, ``the Kestrel roadmap``, ``the Gannet charter``, ``the GHC warning policy
  document``; not ``the guide``, ``a short report``, ``the meeting notes``, nor a team's
  report (``Legal Team Report``), nor a heading.

>>> [f.name for f in linked_documents_in("See [project lifecycle](https://x.org/a/lifecycle.md).")]
['project lifecycle']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterator, Sequence
from typing import Any

from ingest.extract.identifiers import Found
from ingest.model import CleanText

__all__ = [
    "labelled_links",
    "linked_documents",
    "linked_documents_in",
    "headed_documents",
    "headed_documents_in",
    "quoted_titles",
    "labelled_titles",
    "one_name_per_document",
]

_MD_LINK = re.compile(r"\[([^\[\]\n]{2,200})\]\(((?:https?://|\.{0,2}/)[^)\s]{1,2000})\)")
_HTML_LINK = re.compile(r"<a\s[^>]*?href=[\"']([^\"']{1,2000})[\"'][^>]*>([^<]{2,200})</a>", re.I)
#: where a document lives: a file of a repository, a PDF, a wiki, docs or preprint page
_DOCUMENT_URL = re.compile(
    r"\.(?:md|rst|adoc|pdf|txt|mediawiki|tex)(?:[#?]|$)|/(?:blob|wiki|docs?|pdf|abs)/"
    r"|arxiv\.org/|/(?:19|20)\d\d/[01]\d/(?:[0-3]\d/)?[a-z0-9]+(?:-[a-z0-9]+){2,}/?$"
    # shared documents: Google Docs and Slides, HackMD/HedgeDoc notes, Confluence and Notion
    # pages, Overleaf papers, Dropbox Paper (not a form, a sheet or a calendar)
    r"|docs\.google\.com/(?:document|presentation)/|hackmd\.io/(?!.*badge)|hedgedoc"
    r"|\.atlassian\.net/wiki/|/confluence/|/display/[A-Z]+/|notion\.(?:so|site)/"
    r"|overleaf\.com/|paper\.dropbox\.com/",
    re.I,
)
#: a bare link on a line of its own, right under a heading: the section is about that document
_HEADED_LINK = re.compile(
    r"(?m)^[ \t]*#{1,6}[ \t]+([^\n#]{3,120}?)[ \t#]*\n"
    r"(?:[ \t]*\n){0,2}[ \t]*<?(https?://\S+?)>?[ \t]*$"
)
#: link texts that say where to click, not what is there
_NAVIGATION = frozenset(
    "here this that link the a an see more details info information slides deck agenda "
    "notes minutes log logs summary recording video draft doc docs document page post "
    "comment thread discussion previously above below".split()
)
_DETERMINERS = ("the ", "a ", "an ", "our ", "this ", "that ", "these ", "those ")


def _title(text: str) -> str | None:
    """The document's name a link's text gives, or ``None`` for a word of navigation."""
    words = " ".join(text.split()).strip(" .,:;*_`")
    quoted = re.fullmatch(r"[\"“']([^\"”']{2,})[\"”']", words)
    if quoted:
        return quoted.group(1).strip()
    lowered = words.lower()
    for det in _DETERMINERS:
        if lowered.startswith(det) and not re.match(r"The [A-Z]", words):
            words, lowered = words[len(det) :], lowered[len(det) :]
    parts = lowered.split()
    if len(parts) < 2 or all(p in _NAVIGATION for p in parts):
        return None
    if (
        re.search(r"https?:|www\.|[@#]|^\W|(?<!\b(?:19|20)\d\d)(?<=\d{3})$", words)
        or len(parts) > 12
    ):
        return None  # an address, a handle, a ticket's number
    if re.match(r"[A-Z]{2,8}[ -]?\d+\b", words):
        return None  # "KEP-042: Rework": the key names the document
    if _service_only(parts):
        return None  # "[Google Doc](...)": the service it is kept on, not its name
    return words


def _service_only(words: Sequence[str]) -> bool:
    """Whether lower-case ``words``, words of navigation aside (``minutes``, ``notes``),
    are only the name of a software service documents are kept on (``Google Doc``,
    ``minutes HackMD``): the place, not the document's name."""
    from ingest.extract.software import software_lists

    ranked, extra, _never = software_lists()
    words = list(words)
    while words and words[0] in _NAVIGATION:
        words.pop(0)  # "minutes Google Doc"
    name = " ".join(words)
    return bool(name) and any(n in ranked or n in extra for n in (name, name + "s"))


def _links(source: str) -> Iterator[tuple[int, int, str]]:
    for m in _MD_LINK.finditer(source):
        yield m.start(1), m.end(1), m.group(2)
    for m in _HTML_LINK.finditer(source):
        yield m.start(2), m.end(2), m.group(1)


def linked_documents(clean: CleanText) -> Iterator[Found]:
    """Documents named by the text of a link to them (clean spans of the link texts)."""
    source = clean.source.text
    offsets = clean.offsets
    for s, e, url in _links(source):
        if not _DOCUMENT_URL.search(url):
            continue
        title = _title(source[s:e])
        if title is None:
            continue
        start = bisect.bisect_left(offsets, s, 0, len(clean.text))
        end = bisect.bisect_left(offsets, e, start, len(clean.text))
        if start >= end or clean.text[start:end] != source[s:e]:
            continue  # the text was changed by cleaning: no exact span to point at
        inner = clean.text.find(title, start, end)
        if inner < 0:
            continue
        yield Found(inner, inner + len(title), "Document", title, title)
    yield from headed_links(clean.text)
    from ingest.extract.series import role_documents

    yield from role_documents(clean)


def headed_links(text: str) -> Iterator[Found]:
    """``### Pattern matching syntax`` over a line holding only the address of a
    document (``https://github.com/org/lang/blob/main/proposals/shift.md``): the heading
    is the name of the document the section discusses; a closing ``(cont'd)`` or other
    parenthesis is no part of it."""
    for m in _HEADED_LINK.finditer(text):
        if not _DOCUMENT_URL.search(m.group(2)):
            continue
        heading = m.group(1).strip(" *_`")
        title = re.sub(r"\s*\([^()]*\)$", "", heading)
        if _title(title) is None or re.match(r"\d", title):
            continue
        start = text.index(heading, m.start(1))
        yield Found(start, start + len(heading), "Document", title, heading)


#: ``- Release Policy v2 - https://...``, ``Mobility plan: <https://...>``: a list entry or a
#: line holding a short title, a dash or a colon, then an address (and maybe a remark)
_LABELLED_LINK = re.compile(
    r"(?m)^[ \t>]*(?:[-*+•][ \t]+|\d{1,2}[.)][ \t]+)?"
    r"(?P<label>[^\s:<>\[\]()|#*`._\-][^\n:<>\[\]|`]{1,58}?)"
    r"[ \t]*(?::|[ \t]-|[ \t]–|[ \t]—)[ \t]*<?(?P<url>https?://[^\s>]+)>?"
    r"[ \t]*(?:$|[-–—,(;][^\n]*$)"
)
#: small words a title may hold ("Gives and Gets proposal for TIs", "Code of Conduct")
_TITLE_SMALL = frozenset("of for and & on the to in a an + with".split())


def labelled_links(
    text: str,
    not_documents: Container[str],
    english: Any,
    not_titles: Container[str] = (),
    heads: Container[str] = (),
) -> Iterator[tuple[int, int, str, str]]:
    """``- Release Policy v2 - https://...``, ``Mobility plan: https://...``: the short title
    before an address on its own line (or list entry) names the document there: two to six
    words with a capital, no sentence (no stop word but small ones of titles), the last
    word not one that says what the link is (``not_documents``: ``notes``, ``example``,
    ``update``, ``link``), no word of a remark (``not_titles``: ``Namespace discussion
    tomorrow``), no person's name (``Ana Lima: https://github.com/alima``); before the
    address of a pull request or an issue, only a title with a document noun (``heads``:
    ``Gives and Gets proposal - .../pull/9``). ``english`` is a
    :class:`ingest.extract.naming.Lexicon`."""
    stop_words = english.stop_words
    for m in _LABELLED_LINK.finditer(text):
        label = m.group("label").rstrip(" ,;")
        if label.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", label):
            label = label[:-1]  # a full stop, not the last of "L.C."
        words = label.split()
        named = [w for w in words if not re.fullmatch(r"[\d.]+|[+&]", w)]
        if not 2 <= len(words) <= 6 or len(named) < 2 or not any(c.isupper() for c in label):
            continue  # "Pt 1: https://...": a part, no title
        if re.search(r"[()—–]|['’]s\b", label):
            continue  # "X fix (merged): ...", "Ross's repos — ...": a remark, not a title
        lowered = [w.lower().strip(".,'’\"") for w in words]
        if lowered[-1] in not_documents or lowered[-1] in _NAVIGATION or _service_only(lowered):
            continue  # "Meeting notes: ...", "Example file: ...", "Minutes Google Doc: ..."
        if any(w in not_titles for w in lowered):
            continue  # "Namespace discussion tomorrow - ...": a remark on a link
        if any(w.isalpha() and w.islower() and w not in english for w in words):
            continue  # "PREFIX mkg: <https://...>": code, not a title
        url = m.group("url").rstrip(".,;)")
        if not re.match(r"https?://[^/]+/[^/?#]", url) or re.search(
            r"/(?:issues|pulls|actions|wiki|discussions)/?$", url
        ):
            continue  # a site ("Open Collective: https://opencollective.com"), a tracker
        from ingest.extract.software import _repository

        if _repository(url) is not None:
            continue  # "Project home: https://github.com/acme/tidewatch": software
        if re.search(r"/(?:pull|pulls|issues|merge_requests)/\d", url) and not any(
            w in heads for w in lowered
        ):
            continue  # a pull request's title ("Label setting fix - .../pull/12"): a ticket
        if any(w in stop_words and w not in _TITLE_SMALL for w in lowered):
            continue  # "Have some language in the template: ...": a sentence, not a title
        if lowered[0] in _TITLE_SMALL or re.search(r"https?:|www\.|@", label):
            continue
        if all(re.fullmatch(r"[A-Z][a-z'’-]+", w) and w.lower() not in english for w in words):
            continue  # "Ana Lima: https://github.com/alima": a person and her page
        if re.fullmatch(
            r"https?://(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)"
            r"/[\w.-]+/?",
            m.group("url"),
        ):
            continue  # "Wen Li: https://github.com/wenli": a forge's page of a person
        start = m.start("label")
        yield start, start + len(label), "Document", " ".join(words)


def linked_documents_in(text: str) -> list[Found]:
    """:func:`linked_documents` of a text that cleaning leaves as it is (for examples)."""
    from ingest.model import SourceText

    source = SourceText(path="-", text=text, encoding="utf-8", format="markdown")
    return list(linked_documents(CleanText(source, text, tuple(range(len(text) + 1)))))


# --------------------------------------------------------------------------- noun phrases

#: parts of speech of the words that say which document is meant
_MODIFIER_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "CD", "VBG", "HYPH", "FW"})


def headed_documents(
    doc: Any,
    offset: int,
    heads: Container[str],
    generic: Container[str],
    team_words: Container[str],
    taken: Sequence[Any],
    clean: str,
    weak: Container[str] = (),
) -> Iterator[tuple[int, int]]:
    """Clean spans ``(start, end)`` of documents named by a noun phrase of one parsed
    sentence (``doc`` starts at clean offset ``offset``); ``taken`` are spans found before
    (a software name may be a modifier, ``Kestrel roadmap``, but no span may cut one). A
    ``weak`` head (``report``, ``plan``) needs a name or two modifiers to say which one
    (``the Q1 activity report``, not ``the crash report``)."""
    text = clean[offset : offset + len(doc.text)]  # the parser read known names masked

    def said(t: Any) -> str:
        return text[t.idx : t.idx + len(t.text)]

    for head in doc:
        word = said(head).lower()
        if word not in heads:
            continue
        if head.tag_ not in ("NN", "NNS", "NNP", "NNPS") and not (
            head.i > 0 and doc[head.i - 1].tag_ in ("NN", "NNP")  # "contributor handbook/VBP"
        ):
            continue
        if head.i + 1 < len(doc) and doc[head.i + 1].tag_ in ("NN", "NNS", "NNP", "NNPS"):
            continue  # "the policy document": the head is the last noun
        first = head.i
        while first > 0 and head.i - first < 5:
            t = doc[first - 1]
            if t.tag_ not in _MODIFIER_TAGS or said(t).lower() in ("'s", "’s"):
                break
            if t.tag_ == "HYPH" and not (first - 2 >= 0 and not t.whitespace_):
                break
            first -= 1
            if (  # "the Scope and Priorities document": two words joined name it
                first >= 2
                and said(doc[first - 1]).lower() in ("and", "&")
                and doc[first - 2].tag_ in ("NN", "NNS", "NNP", "NNPS")
                and said(doc[first - 2])[:1].isupper() == said(doc[first])[:1].isupper()
            ):
                first -= 2
        while (
            first < head.i
            and doc[first].tag_ in ("HYPH", "CD", "JJ")
            and _generic_word(said(doc[first]).lower(), generic)
            and not _compound_number(doc, first)  # "the 90-day plan": which plan
        ):
            first += 1
        while first < head.i and doc[first].tag_ == "HYPH":
            first += 1  # a name never opens on a hyphen
        modifiers = [t for t in doc[first : head.i] if t.tag_ not in ("HYPH", "CC")]
        if not modifiers:
            continue
        words = [said(t).lower() for t in modifiers]
        if any(w in team_words for w in words) or all(_generic_word(w, generic) for w in words):
            continue
        named = any(  # a capital that is not the sentence's first letter, or a number
            (said(t)[:1].isupper() and not _opens(doc, t)) or any(c.isdigit() for c in said(t))
            for t in modifiers
        )
        before = said(doc[first - 1]).lower() if first > 0 else ""
        specific = len([w for w in words if not _generic_word(w, generic)]) >= 2
        if (
            not named
            and not specific
            and (before not in ("the", "our", "their", "its") or word in weak)
        ):
            continue  # "a short design doc", "White paper", "the crash report": which one?
        if _service_only([said(t).lower() for t in doc[first : head.i + 1]]):
            continue  # "the minutes Google Doc": the service it is kept on
        start, end = doc[first].idx, head.idx + len(head.text)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end) % (len(text) + 1)
        if not text[line_start:start].strip(" #*-_>|") and not text[end:line_end].strip(" *:_|"):
            continue  # a heading, not a mention
        cs, ce = offset + start, offset + end
        if any(cs < f.end and f.start < ce and not (cs <= f.start and f.end <= ce) for f in taken):
            continue
        yield cs, ce


def _compound_number(doc: Any, i: int) -> bool:
    """``90-day``, ``2-year``, ``90 day``: a number joined by a hyphen to the word after it,
    or before a singular noun (a plural number before a singular noun is one modifier)."""
    if doc[i].tag_ != "CD" or i + 2 >= len(doc):
        return False
    if doc[i + 1].tag_ == "HYPH":
        return not doc[i].whitespace_ and not doc[i + 1].whitespace_
    return doc[i + 1].tag_ == "NN" and doc[i].text not in ("1", "one")


def _opens(doc: Any, token: Any) -> bool:
    """Whether ``token`` opens its sentence (or a clause after a colon, a dash, a bullet)."""
    i = token.i
    while i > 0 and doc[i - 1].is_punct and doc[i - 1].text in "*_`\"'([":
        i -= 1
    return i == 0 or doc[i - 1].text in (":", "-", "–", ".", "•", "*", ";", "|", ">")


def _generic_word(word: str, generic: Container[str]) -> bool:
    return word in generic or word.isdigit() and len(word) < 3


def headed_documents_in(
    doc: Any, offset: int, text: str, found: Sequence[Found], refs: Sequence[Any], vocabulary: Any
) -> list[Found]:
    """The documents :func:`headed_documents` reads in one parsed sentence, not yet in
    ``found``, named as the clean ``text`` writes them (the parser reads known names
    masked). Put them before the names inside them (``Kestrel`` of ``the Kestrel roadmap``),
    which still name their own entity wherever else they are written."""
    heads = vocabulary.document_heads
    if not heads:
        return []
    team_words = {w.lower() for w in vocabulary.team_words}
    people = [r for r in refs if r.type == "Person"]
    new: list[Found] = []
    generic = vocabulary.document_generic
    weak = vocabulary.document_weak_heads
    for cs, ce in headed_documents(doc, offset, heads, generic, team_words, found, text, weak):
        if any(cs < r.end and r.start < ce for r in people):
            continue  # "Ana's report", "the Ana Lima report": a person's, named by her
        if any(cs < f.end and f.start < ce and f.type == "Document" for f in found):
            continue
        name = " ".join(text[cs:ce].split())
        if "`" in name or re.search(r"(?<!\w)_(?!\w)", name):
            continue  # "the `x` proposal", "`Spec <url>`_ specification": markup, cut apart
        words = name.split()
        aliases: tuple[str, ...] = ()
        if (
            len(words) > 2
            and words[-1].lower() in ("document", "doc")
            and words[-2].lower() in heads
        ):
            aliases = (" ".join(words[:-1]),)  # "the project lifecycle document"
        new.append(Found(cs, ce, "Document", name, text[cs:ce], aliases))
    return new


#: a series' key or a name and its version: ``PEP 8``, ``SPDX 2.3``, ``Changelog 2.1.0``
_NUMBERED = re.compile(r"\S+(?:[ -]\S+)?[ -]?v?\d[\w.]*")
_NOT_KEY = frozenset({"document", "doc", "the", "and", "&", "of", "on", "for"})


def _doc_initials(name: str, head: str | None) -> str:
    """``use case and requirements document`` -> ``UCR`` (small words and ``head`` aside)."""
    words = [w for w in re.findall(r"[\w'’-]+", name) if w.lower() not in _NOT_KEY]
    if head and words and words[-1].lower() == head.lower():
        words = words[:-1]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


def one_name_per_document(found: list[Found]) -> list[Found]:
    """One document written several ways is one entity: a name whose words are all words of
    a longer one (``the lifecycle document``, ``project lifecycle`` and ``the project
    lifecycle document``; ``scope document`` and ``scope and priorities
    document``) takes the longest name, its own kept as an alias. Series keys
    and versions (``PEP 8``, ``SPDX 2.3``) are left as they are."""

    def key(name: str) -> frozenset[str]:
        return frozenset(w for w in re.findall(r"[\w'’-]+", name.lower()) if w not in _NOT_KEY)

    names = {
        f.name
        for f in found
        if f.type == "Document" and not _NUMBERED.fullmatch(f.name) and key(f.name)
    }
    canonical: dict[str, str] = {}
    for name in names:
        best = max(
            (n for n in names if key(name) <= key(n)), key=lambda n: (len(key(n)), len(n), n)
        )
        if best != name:
            canonical[name] = best
    for name in names:  # "the UCR document" beside "the use case and requirements document"
        m = re.fullmatch(r"([A-Z]{2,6})(?: (document|doc|\w+))?", name)
        if m is None or name in canonical:
            continue
        longer = [n for n in names if n != name and _doc_initials(n, m.group(2)) == m.group(1)]
        if len(longer) == 1:
            canonical[name] = canonical.get(longer[0], longer[0])
    if not canonical:
        return found
    out = []
    for f in found:
        target = canonical.get(f.name)
        if f.type == "Document" and target:
            f = Found(f.start, f.end, "Document", target, f.surface, (*f.aliases, f.name))
        out.append(f)
    return out


_OPEN_QUOTES, _CLOSE_QUOTES = "\"“‘'", "\"”’'"
#: a quoted title: a capital or a digit first, no sentence inside, one to twelve words
_QUOTED = re.compile(
    r"([\"“‘'])([A-Z0-9][^\"“”‘’\n.!;]{0,100}?(?:[?:][^\"“”‘’\n.!;]{1,60}?)?)([\"”’'])"
)


def _title_heads(heads: Sequence[str]) -> re.Pattern[str]:
    from ingest.extract.software import _lines

    words = {*heads, *_lines("document_title_heads.txt")}
    body = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(words, key=len)[::-1])
    return re.compile(rf"(?:{body})", re.I)


def quoted_titles(text: str, heads: Sequence[str]) -> Iterator[Found]:
    """A quoted title beside a noun saying it is a document's: ``the "Deprecation Windows"
    proposal``, ``the blog post “Ten Years of Quillmark”``, ``a paper titled "Fast X"``; the
    title without its quotes names the document. Not a quoted remark (``"Hanging" PRs``,
    ``he said "I will"``), nor a title far from such a noun.

    >>> [f.name for f in quoted_titles('Tove shared the "Deprecation Windows" proposal.', ())]
    ['Deprecation Windows']
    """
    head = _title_heads(heads)
    for m in _QUOTED.finditer(text):
        opening, title, closing = m.groups()
        if _OPEN_QUOTES.index(opening) != _CLOSE_QUOTES.index(closing):
            continue
        words = title.split()
        if not words or len(words) > 12 or title != title.strip():
            continue
        if opening == "'" and re.match(r"\w", text[m.start() - 1 : m.start()] or " "):
            continue  # an apostrophe: "Ana's 'Fix' ..."
        after = re.match(r"[ \t]+(\w[\w ]{0,20})", text[m.end() : m.end() + 24])
        before = text[max(0, m.start() - 40) : m.start()]
        head_after = (
            after
            and head.match(after.group(1))
            and re.search(r"\b(?:the|a|an|our|their|his|her|its|this|my|your)[ \t]+$", before, re.I)
        )
        head_before = re.search(
            rf"\b(?:{head.pattern})(?:,)?(?:[ \t]+(?:titled|called|named|entitled|on|about))?"
            r"[ \t]+$",
            before,
            re.I,
        )
        if not (head_after or head_before):
            continue
        if head_after and after:
            word = head.match(after.group(1))
            if word and re.match(r"\w", after.group(1)[word.end() : word.end() + 1] or " "):
                continue  # "the 'Draft' postgres ..." : the noun is the start of another word
        yield Found(m.start(2), m.end(2), "Document", title, title)


#: small words a title keeps in lower case
_TITLE_LOWER_WORDS = frozenset(
    "a an the of on in for to and or with from by at as vs via into over under without".split()
)
_LABELLED_LINE = re.compile(
    r"(?m)^[ \t]*(?:[-*+•][ \t]+)?(?:\*\*)?((?:[A-Za-z]+[ \t]){0,2}[A-Za-z]+)(?:\*\*)?[ \t]*:"
    r"(?:\*\*)?[ \t]+([^\n]{3,160}?)[ \t]*(?:\((?:[^()\n]*)\))?[ \t]*$"
)


def labelled_titles(text: str, heads: Sequence[str]) -> Iterator[Found]:
    """A line that is a document's kind, a colon and a title: ``- Design doc: Offline Sync
    for Mobile Clients``, ``White paper: Trust Boundaries in Plugin Hosts (draft)``: the
    title names the document when it is written as one (each word capitalised but small
    words, the first capitalised); not a sentence (``Proposal: we move the call``), nor an
    address (a labelled link: :func:`labelled_links`).

    >>> [f.name for f in labelled_titles("- Design doc: Offline Sync for Clients", ["doc"])]
    ['Offline Sync for Clients']
    """
    head = _title_heads(heads)
    for m in _LABELLED_LINE.finditer(text):
        label, title = m.group(1), m.group(2).strip(" *_`")
        last = label.split()[-1]
        if not head.fullmatch(last) and not head.fullmatch(label):
            continue
        words = title.split()
        if not words or len(words) > 14 or not words[0][:1].isupper() or "://" in title:
            continue
        if (
            not all(
                w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_LOWER_WORDS for w in words
            )
            or len([w for w in words if w[:1].isupper()]) < 2
        ):
            continue  # a sentence, or a single word
        if re.search(r"[.!?;,]$|[.;!?] ", title):
            continue
        start = m.start(2) + m.group(2).index(title)
        yield Found(start, start + len(title), "Document", title, title)


#: words before a governance document's kind that make it a verb's, not the document:
#: "to charter a task force", "we will charter it"
_VERB_BEFORE = frozenset(
    "to will would should shall can could may might must we they i you".split()
)


#: words that point a kind in lower case at one document: "the charter", "in code of conduct"
_POINTING = frozenset(
    "the our its their this that your in of under per to with from by on about "
    "draft final current new updated revised proposed".split()
)
#: a capitalised word of a body's name before a kind written in capitals: ``Quillon
#: Charter``, ``QTF Code of Conduct``
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w.&'’-]*[ \t]+){1,3})$")


def governance_documents(
    text: str, stop_words: Container[str] = (), english: Container[str] = ()
) -> Iterator[Found]:
    """Documents named by their kind alone (``data/vocab/documents_governance.yaml``):
    ``the charter``, ``finalize bylaws``, ``in the code of conduct``, ``CoC``: the
    governing document of the minutes' own body, named by the kind (``charter``,
    ``Code of Conduct``). In lower case a singular kind needs a word pointing at one
    document (``the``, ``our``, ``in``): ``slides and code of conduct`` lists topics. Not
    the kind as a modifier (``the charter review``: a noun follows
    it), a verb (``to charter a group``), nor a word of an address.

    >>> text = "Ana will update the CoC; see the charter and the Quillon Vision Statement."
    >>> sorted((f.name, f.surface) for f in governance_documents(text))[:2]
    [('Code of Conduct', 'CoC'), ('Quillon Vision Statement', 'Quillon Vision Statement')]
    """
    from ingest.extract.software import _in_link
    from ingest.resolve.vocab import word_file, word_list

    kinds = word_list("documents_governance.yaml", "kinds")
    acronyms = word_file("documents_governance.yaml").get("acronyms") or {}
    if not kinds:
        return
    either = "|".join(
        re.escape(k).replace(r"\ ", r"[ \t]+") for k in sorted(kinds, key=len, reverse=True)
    )
    spellings = [(re.compile(rf"(?<![\w./@#-])(?:{either})(?![\w@-]|\.\w)", re.I), None)]
    for acronym, kind in acronyms.items():
        exact = rf"(?<![\w./@#-]){re.escape(str(acronym))}(?![\w@-]|\.\w)"
        spellings.append((re.compile(exact), kind))
    for pattern, kind in spellings:
        for m in pattern.finditer(text):
            word = " ".join((kind or m.group(0)).lower().split())
            before = re.search(r"([\w'’]+)[ \t]+$", text[max(0, m.start() - 30) : m.start()])
            if word == "charter" and before and before.group(1).lower() in _VERB_BEFORE:
                continue  # "to charter a task force"
            if (
                kind is None
                and m.group(0).islower()
                and not word.endswith("s")
                and not (before and before.group(1).lower() in _POINTING)
            ):
                continue  # "slides and code of conduct": a topic; "the code of conduct": one
            after = re.match(r"[ \t]+([A-Za-z][\w-]*)", text[m.end() : m.end() + 40])
            if (
                after
                and after.group(1).lower() not in stop_words
                and (m.group(0).islower() or after.group(1)[:1].isupper())
            ):
                continue  # "the charter review", "the CoC Committee": a modifier, a longer name
            if _in_link(text, m.start(), m.end()):
                continue
            name = word.title().replace(" Of ", " of ") if " " in word else word
            if name == "by-laws":
                name = "bylaws"
            start = m.start()
            owner = _NAME_BEFORE.search(text, max(0, start - 60), start)
            if kind is None and m.group(0)[:1].isupper() and owner:
                words = owner.group(1).split()
                while words and (words[0].lower() in stop_words or words[0].lower() in english):
                    words.pop(0)  # "Review Charter", "The Code of Conduct": no body's name
                if words and all(w.lower() not in english or w.isupper() for w in words):
                    start = m.start() - len(" ".join(words)) - 1  # "Quillon Charter"
                    name = f"{' '.join(words)} {m.group(0)}"
            yield Found(start, m.end(), "Document", name, text[start : m.end()])
