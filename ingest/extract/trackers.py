"""Issue and pull-request references as minutes write them, beyond ``#1234`` and ``KEY-12``.

- a tracker's address: ``https://github.com/org/repo/issues/56`` and ``.../pull/56`` are
  ``org/repo#56`` (also ``#56``), a GitLab merge request ``org/repo!7``, and any other
  tracker's ``.../issues/1916`` (Redmine, Gitea) is ``#1916``;
- a link whose target is such an address (``[PR 1049](https://github.com/o/r/pull/1049)``,
  ``[outage](.../issues/7202)``): the link text names the ticket;
- a ticket said in words: ``PR 42``, ``PR #42``, ``pull request 42``, ``issue 45``,
  ``Bug #2164``, ``MR !789``, and a tracker's name before ``Issue 121`` (``TAC Issue 121``,
  ``GitHub issue 1272``).

>>> [(f.name, f.surface) for f in worded_tickets("see PR 42 and TAC Issue 121")]
[('#42', 'PR 42'), ('#121', 'TAC Issue 121')]
>>> [f.name for f in tracker_urls("https://github.com/acme/widgets/pull/7/files")]
['acme/widgets#7']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ingest.extract.identifiers import Found
from ingest.model import CleanText

__all__ = [
    "tracker_urls",
    "worded_tickets",
    "linked_tickets",
    "ticket_of_url",
    "one_name_per_ticket",
]

_GITHUB = re.compile(
    r"(?:https?://)?(?:www\.)?github\.com/([\w.-]+)/([\w.-]+)/(?:issues|pull|pulls)/(\d{1,7})"
    r"(?![\w-])"
)
_GITLAB = re.compile(
    r"(?:https?://)?(?:www\.)?gitlab\.com/([\w.-]+(?:/[\w.-]+)*?)/([\w.-]+)/-/"
    r"(issues|merge_requests)/(\d{1,7})(?![\w-])"
)
#: any other tracker's issue page: Redmine, Gitea, a self-hosted GitLab
_ISSUE_PAGE = re.compile(r"https?://[\w.-]+(?:/[\w.~-]+)*?/issues/(\d{1,7})(?![\w-])")
_URL = re.compile(r"(?:https?://|(?:www\.)?git(?:hub|lab)\.com/)\S+")
#: "PR 42", "issue #45", "Bug #2164", "merge request !7"; group 1: a tracker's name before
_WORDED = re.compile(
    r"(?<![\w#!/-])(?:((?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]{2,}|GitHub|Github|Gitlab|GitLab|"
    r"Jira|JIRA|Redmine|Trac) )?)"
    r"(?:PR|PRs|MR|pull request|Pull Request|pull|issue|Issue|bug|Bug|ticket|Ticket|"
    r"Feature|Misc|merge request|Merge Request|Merge request|Pull request)"
    r"[ \t]?(?:#|(!))?(\d{2,7})(?![\w-]|\.\d)"
)
_TRACKER_WORDS = frozenset({"PR", "PRs", "MR"})
#: forges and trackers named before a ticket ("GitHub issue 1272"): software of its own,
#: named beside the ticket
_FORGES = frozenset({"GitHub", "Github", "Gitlab", "GitLab", "Jira", "JIRA", "Redmine", "Trac"})
#: "gh-1234": a GitHub issue or pull request as projects that moved there write it
_GH = re.compile(r"(?<![\w/#-])(?:gh|GH)-(\d{2,7})(?![\w-]|\.\d)")


def ticket_of_url(url: str) -> tuple[str, tuple[str, ...]] | None:
    """``(name, aliases)`` of the ticket an address points at, or ``None``.

    >>> ticket_of_url("https://gitlab.com/acme/tools/widgets/-/merge_requests/12")
    ('acme/tools/widgets!12', ('!12',))
    """
    m = _GITHUB.match(url)
    if m:
        return f"{m.group(1)}/{m.group(2)}#{m.group(3)}", (f"#{m.group(3)}",)
    m = _GITLAB.match(url)
    if m:
        mark = "!" if m.group(3) == "merge_requests" else "#"
        return f"{m.group(1)}/{m.group(2)}{mark}{m.group(4)}", (f"{mark}{m.group(4)}",)
    m = _ISSUE_PAGE.match(url)
    if m:
        return f"#{m.group(1)}", ()
    return None


def tracker_urls(text: str) -> Iterator[Found]:
    """Tickets written as their tracker's address."""
    for m in _URL.finditer(text):
        ticket = ticket_of_url(m.group(0))
        if ticket is not None:
            name, aliases = ticket
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:)]>'\"":
                end -= 1
            yield Found(m.start(), end, "Ticket", name, name, aliases)


def worded_tickets(text: str) -> Iterator[Found]:
    """Tickets said in words: ``PR 42``, ``issue #45``, ``TAC Issue 121``, ``MR !7``,
    ``gh-1234``."""
    for m in _WORDED.finditer(text):
        start = m.start()
        if m.group(1) and m.group(1).strip() in _TRACKER_WORDS | _FORGES:
            # "PR issue 5": the tracker is not a name; "GitHub issue 5": GitHub is its own
            start = m.start() + len(m.group(1))
        mark = "!" if m.group(2) else "#"
        surface = text[start : m.end()]
        yield Found(start, m.end(), "Ticket", f"{mark}{m.group(3)}", surface)
    for m in _GH.finditer(text):
        yield Found(m.start(), m.end(), "Ticket", f"#{m.group(1)}", m.group(0))


_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(((?:https?://|(?:www\.)?git)[^)\s]{1,2000})\)")
_DOCUMENT_KEY = re.compile(r"(?!PRs?\b|MRs?\b)[A-Z]{2,8}[ -]?\d+\b")
_HTML_LINK = re.compile(r"<a\s[^>]*?href=[\"']([^\"']{1,2000})[\"'][^>]*>([^<]{1,300})</a>", re.I)


def linked_tickets(clean: CleanText) -> Iterator[Found]:
    """Tickets named by a link's text whose target is a tracker's address
    (``[PR 1049](https://github.com/o/r/pull/1049)``): the clean span of the link text."""
    source = clean.source.text
    links = [(m.start(1), m.end(1), m.group(2)) for m in _MD_LINK.finditer(source)]
    links += [(m.start(2), m.end(2), m.group(1)) for m in _HTML_LINK.finditer(source)]
    offsets = clean.offsets
    for s, e, url in links:
        ticket = ticket_of_url(url)
        if ticket is None or _DOCUMENT_KEY.match(source, s, e):
            continue  # "[PEP 3333: Server gateway](.../pull/3858)": the text names a document
        start = bisect.bisect_left(offsets, s, 0, len(clean.text))
        end = bisect.bisect_left(offsets, e, start, len(clean.text))
        if start >= end or clean.text[start:end] != source[s:e]:
            continue  # the text was changed by cleaning: no exact span to point at
        name, aliases = ticket
        surface = clean.text[start:end]
        number = re.search(r"\d+$", name)
        said = [f.surface for f in worded_tickets(surface) if number and f.name[1:] == number[0]]
        yield Found(start, end, "Ticket", name, said[0] if said else name, aliases)


def one_name_per_ticket(found: list[Found]) -> list[Found]:
    """``#1049`` where the minutes also give ``org/repo#1049`` (a link, an address) is that
    ticket, when one repository has that number; a short form is kept as an alias."""
    full: dict[str, set[str]] = {}
    for f in found:
        if f.type == "Ticket" and re.fullmatch(r"\S+/\S+[#!]\d+", f.name):
            full.setdefault(f.name[len(f.name.rstrip("0123456789")) - 1 :], set()).add(f.name)
    out = []
    for f in found:
        names = full.get(f.name, set()) if f.type == "Ticket" else set()
        if len(names) == 1:
            (name,) = names
            f = Found(f.start, f.end, "Ticket", name, f.surface, (*f.aliases, f.name))
        out.append(f)
    return out
