"""HTML markup as text edits: which tags become line breaks, items, cells or marks.

Used by :mod:`ingest.read.clean` for whole HTML pages and for the HTML fragments that
Confluence text exports leave inside table cells. Every function returns edits
``(start, end, replacement)`` on the text it is given, so offsets stay exact.

Two user mentions side by side (``<a class="confluence-userlink">``) get a comma
between them, so they read as two names. A task list item is an item with its mark:
a Confluence ``<li>`` of an ``inline-task-list`` (or with a ``data-inline-task-id``)
is ``- ☑`` when its class is ``checked``, else ``- ☐``; storage-format
``<ac:task-status>complete`` is ``☑``.

A bounded regular expression finds tags, rather than :mod:`html.parser`, whose
scan of an unterminated attribute quote is quadratic (11 s for 30 KB of
``<p a="`` on Python 3.11); minutes exports are often malformed.

>>> text = "<ul><li>Ana</li></ul>"
>>> html_page_edits(text)[:2]
[(0, 4, '\\n'), (4, 8, '\\n- ')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = [
    "CHECKED",
    "UNCHECKED",
    "DROPPED_ELEMENT",
    "TAG",
    "Edit",
    "fragment_tag_edits",
    "html_page_edits",
]

CHECKED = "☑"
UNCHECKED = "☐"

Edit = tuple[int, int, str]  # replace text[start:end] by an inserted string

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details div dl dt fieldset "
    "figcaption figure footer form head header hr html li main nav ol p pre section summary "
    "table tbody tfoot thead title tr ul br ac:task-list".split()
)
_INLINE_TAGS = frozenset(
    "a abbr acronym b bdi bdo big cite code data del dfn em font i img ins kbd label link mark "
    "meta q samp small span strong sub sup time tt u var wbr col colgroup input button "
    "select option textarea iframe video audio source picture svg path ac:structured-macro "
    "ac:parameter ac:rich-text-body ac:link ri:user ri:page ac:task-body ac:task-status "
    "ac:task-id".split()
)
_CELL_TAGS = frozenset({"td", "th"})
#: struck-through text opens with Markdown's ``~~``, which action items take for done
_STRUCK_TAGS = frozenset({"s", "del", "strike"})
_DROPPED_TAGS = frozenset({"script", "style", "noscript", "template"})
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_KNOWN_TAGS = (
    _BLOCK_TAGS
    | _INLINE_TAGS
    | _CELL_TAGS
    | _STRUCK_TAGS
    | frozenset(_HEADING_TAGS)
    | {"ac:task"}
)
TAG = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9]*(?::[A-Za-z-]+)?)((?:[\s/][^<>]{0,4000}?)?)>",
)
DROPPED_ELEMENT = re.compile(
    r"<(script|style|noscript|template)\b[^>]*>.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)",
    re.I | re.S,
)
_ATTR_TYPE_CHECKBOX = re.compile(r"""\btype\s*=\s*["']?checkbox""", re.I)
_ATTR_CHECKED = re.compile(r"""\bchecked\b""", re.I)
_SPACE_RUN = re.compile(r"[ \t\n\f\v]+")
# Confluence task lists: <ul class="inline-task-list"><li data-inline-task-id="3"
# class="checked">; in storage format <ac:task-status>complete</ac:task-status>
_ATTR_TASK_LIST = re.compile(r"""\bclass\s*=\s*["']?[^"'>]*\binline-task-list\b""", re.I)
_ATTR_TASK_ITEM = re.compile(r"""\bdata-inline-task-id\b""", re.I)
_ATTR_CLASS_CHECKED = re.compile(r"""\bclass\s*=\s*["']?(?:[^"'>]*\s)?checked\b""", re.I)
# two user mentions side by side are two people: "<a class=userlink>Ana Lopez</a>
# <a class=userlink>Bo Chen</a> write up ..." reads "Ana Lopez, Bo Chen write up ..."
_USER_ATTR = r"[^<>]{0,2000}?(?:userlink|user-mention|data-username|data-account-id)[^<>]{0,2000}"
_ADJACENT_MENTION = re.compile(
    rf"<a\b{_USER_ATTR}>[^<>]{{1,100}}(</a>)(?=\s*<a\b{_USER_ATTR}>)", re.I
)
_TASK_FIELD = re.compile(r"\s*+([\w-]{1,40})\s*+(?=</ac:task-(?:status|id)\s*>)")


def _known(name: str) -> bool:
    """A tag of HTML, or of an XML namespace inside it: Word's ``<o:p>``, ``<w:sdt>``,
    ``<v:shape>`` are markup too (inline: they vanish), never text."""
    return name in _KNOWN_TAGS or ":" in name


def fragment_tag_edits(m: re.Match[str]) -> list[Edit]:
    name = m.group(2).lower()
    if not _known(name):
        return []
    text = m.string
    repl = _tag_replacement(name, bool(m.group(1)), m.group(3), at_cell_edge=_at_cell_edge(text, m))
    end = m.end()
    if not m.group(1):
        repl, end = _task_field(name, text, end, repl)
    return [(m.start(), end, _before(repl, text, end))]


def _task_field(name: str, text: str, end: int, repl: str) -> tuple[str, int]:
    """``<ac:task-status>complete`` is a mark, ``<ac:task-id>4`` nothing: the edit
    takes the word after the tag too."""
    if name not in ("ac:task-status", "ac:task-id"):
        return repl, end
    f = _TASK_FIELD.match(text, end)
    if f is None:
        return repl, end
    if name == "ac:task-id":
        return "", f.end()
    done = f.group(1).lower() in ("complete", "completed", "done", "checked")
    return (CHECKED if done else UNCHECKED) + " ", f.end()


def _before(repl: str, text: str, end: int) -> str:
    """An inserted ``"☐ "`` or ``"- "`` needs no space of its own before source whitespace."""
    if repl.endswith(" ") and (end >= len(text) or text[end] in " \t\n"):
        return repl[:-1]
    return repl


def _at_cell_edge(text: str, m: re.Match[str]) -> bool:
    """A tag right after a tab or right before a tab sits at a table cell's edge."""
    i = m.start() - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i >= 0 and text[i] == "\t":
        return True
    j = m.end()
    n = len(text)
    while j < n and text[j] == " ":
        j += 1
    return j < n and text[j] == "\t"


def _tag_replacement(
    name: str, end: bool, attrs: str, at_cell_edge: bool = False, in_task_list: bool = False
) -> str:
    if name in _STRUCK_TAGS:  # "<del>Ana to fix it</del>": "~~Ana to fix it", a struck item
        return "" if end else "~~"
    if name == "input":
        if _ATTR_TYPE_CHECKBOX.search(attrs):
            return (CHECKED if _ATTR_CHECKED.search(attrs) else UNCHECKED) + " "
        return ""
    if name in _HEADING_TAGS:
        return "\n" if end else "\n" + "#" * _HEADING_TAGS[name] + " "
    if name == "li":
        if end:
            return ""
        item = "- " if at_cell_edge else "\n- "
        if _ATTR_CLASS_CHECKED.search(attrs):
            return item + CHECKED + " "
        if in_task_list or _ATTR_TASK_ITEM.search(attrs):
            return item + UNCHECKED + " "
        return item
    if name == "ac:task":
        return "" if end else "\n- "
    if name in _CELL_TAGS:
        return "" if end else "\t"
    if name == "tr":
        return "\n"
    if name in _BLOCK_TAGS:
        return "" if at_cell_edge else "\n"
    return ""


_HTML_SPAN = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?][^<>]{0,4000}>|" + TAG.pattern,
    re.S,
)


def _html_spans(text: str) -> Iterator[tuple[int, int, str, bool, str]]:
    """Tags, comments and declarations of a page: ``(start, end, tag, is_end, attrs)``.

    A bounded regular expression rather than :mod:`html.parser`, whose scan of an
    unterminated attribute quote is quadratic (11 s for 30 KB on Python 3.11).
    """
    for m in _HTML_SPAN.finditer(text):
        name = m.group(2)
        if name is None:
            yield m.start(), m.end(), "", True, ""
        elif _known(name.lower()) or name.lower() in _DROPPED_TAGS:
            yield m.start(), m.end(), name.lower(), bool(m.group(1)), m.group(3) or ""


#: what may stand between a tag and the edge of its table cell: space, other tags
_TO_CELL_EDGE = re.compile(r"(?:\s++|<[^<>]{0,2000}>){0,40}?(?=</?t[dhr]\b|</table\b)", re.I)
#: a block the page's generator adds about the minutes, not minutes: scribe.perl's
#: ``<div class=diagnostics>`` ("Succeeded: s/x/y/", "Maybe present: Ana")
_ATTR_GENERATED = re.compile(r"""\bclass\s*=\s*["']?(?:[^"'>]*\s)?diagnostics\b""", re.I)


def html_page_edits(text: str) -> list[Edit]:
    """Edits for a whole HTML page: tags out, whitespace collapsed, cells as tabs.

    A paragraph or list at the edge of a table cell (``<td><p>Owner</p></td>``, as Google
    Docs and Word write every cell) breaks no line: the row stays one line of cells. A
    definition list's term and its description are one labelled line (``<dt>Present</dt>
    <dd>Ana, Bo</dd>`` reads ``Present: Ana, Bo``), as roll calls are written.
    """
    edits: list[Edit] = []
    pos = 0
    dropping: str | None = None
    drop_start = 0
    drop_depth = 0
    in_pre = 0
    cell_in_row = False
    cell_fresh = False  # inside a cell, before any of its text
    after_term: int | None = None  # index in edits of the last </dt>, while nothing follows
    lists: list[bool] = []  # open <ul>/<ol>: whether each is a task list
    between_mentions = {m.start(1) for m in _ADJACENT_MENTION.finditer(text)}
    for start, end, tag, is_end, attrs in _html_spans(text):
        if start < pos:
            continue
        if dropping is not None:
            if tag == dropping and dropping not in _DROPPED_TAGS and not is_end:
                drop_depth += 1
            elif is_end and tag == dropping:
                drop_depth -= 1
                if drop_depth <= 0:
                    edits.append((drop_start, end, ""))
                    dropping = None
                    pos = end
            continue
        gap = text[pos:start]
        if gap.strip():
            cell_fresh = False
            after_term = None
        if not in_pre:
            edits.extend(_collapse(text, pos, start))
        pos = end
        if not is_end and (
            tag in _DROPPED_TAGS or (tag in _BLOCK_TAGS and _ATTR_GENERATED.search(attrs))
        ):
            dropping, drop_start, drop_depth = tag, start, 1
            continue
        if tag == "pre":
            in_pre += -1 if is_end else 1
            in_pre = max(in_pre, 0)
        if tag == "tr":
            cell_in_row = False
        if tag in ("ul", "ol"):
            if is_end:
                lists = lists[:-1]
            else:
                lists.append(bool(_ATTR_TASK_LIST.search(attrs)))
        at_edge = tag in _BLOCK_TAGS and tag not in ("tr", "table", "br") and (
            cell_fresh or _TO_CELL_EDGE.match(text, end) is not None
        )
        repl = _tag_replacement(
            tag, is_end, attrs, at_cell_edge=at_edge, in_task_list=bool(lists and lists[-1])
        )
        if tag in _CELL_TAGS:
            if not is_end:
                repl = "\t" if cell_in_row else ""
                cell_in_row = True
            cell_fresh = not is_end
        if tag == "dd" and not is_end and after_term is not None:
            # <dt>Present</dt><dd>Ana, Bo</dd>: "Present: Ana, Bo"
            ts, te, _ = edits[after_term]
            label = text[:ts].rstrip()
            edits[after_term] = (ts, te, "" if label.endswith(":") else ":")
            repl = "" if gap[:1].isspace() else " "
        after_term = len(edits) if (tag == "dt" and is_end) else None
        if not is_end:
            repl, end = _task_field(tag, text, end, repl)
            pos = end
        elif start in between_mentions:
            repl = ","
        edits.append((start, end, _before(repl, text, end)))
    if dropping is not None:
        edits.append((drop_start, len(text), ""))
    elif not in_pre:
        edits.extend(_collapse(text, pos, len(text)))
    return edits


def _collapse(text: str, start: int, end: int) -> Iterator[Edit]:
    """Runs of HTML whitespace become one space (a copied one when possible)."""
    for m in _SPACE_RUN.finditer(text, start, end):
        run = m.group()
        if run == " ":
            continue
        if run[0] == " ":
            yield (m.start() + 1, m.end(), "")
        else:
            yield (m.start(), m.end(), " ")
