"""Parts of a source file that are not the minutes' text, and markup of other formats.

Cleaning (:mod:`ingest.read.clean`) asks this module for edits on the decoded file:

- Markdown: fenced code blocks (found by a real CommonMark parser, markdown-it-py, from
  the line map of its ``fence`` tokens) are code, not minutes prose: their lines go.
  YAML front matter (``---`` ... ``---`` at the very top) goes too, but for the value of
  its ``title:`` key, which stays as the first line (without its quotes), so it is the
  document's title. An HTML table laid out one tag per line loses the line breaks between
  its tags, so its rows read as the rows of an HTML page;
- notebooks written as Pluto.jl files: only the text of ``md\"\"\"`` and ``html\"\"\"``
  cells is minutes; code cells, cell markers and the notebook header go;
- MediaWiki markup (:func:`wiki_edits`): ``== Heading ==`` becomes a ``##`` heading,
  ``*``/``#`` list entries ``-`` items, ``'''bold'''`` and ``''italic''`` plain text,
  ``[[Page|label]]`` and ``[https://url label]`` their label, ``{{templates}}`` and
  ``__MAGIC__`` words go, and ``{| ... |}`` tables become tab-separated rows.

Every edit is ``(start, end, replacement)`` on the text it was computed from, sorted and
non-overlapping, so the offset map back to the file stays exact.

>>> text = "# Sync\\n\\n```sh\\npip install x\\n```\\nAna will fix it.\\n"
>>> [text[s:e] for s, e, _ in markdown_edits(text)]
['```sh\\npip install x\\n```\\n']
"""

from __future__ import annotations

import re

from ingest.read.markup import Edit

__all__ = ["PLUTO_HEADER", "markdown_edits", "pluto_edits", "wiki_edits"]

PLUTO_HEADER = "### A Pluto.jl notebook ###"
"""The first line of every Pluto.jl notebook file."""

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(?:.*\n){0,60}?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_TITLE_KEY = re.compile(r"^title[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)
_PLUTO_CELL = re.compile(r"^# ╔═╡ .*$", re.M)
_PLUTO_TEXT_CELL = re.compile(r'\A\s*(?:md|html)"""[ \t]*\n')
_PLUTO_CELL_END = re.compile(r'\n[ \t]*"""[ \t]*\Z')


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    starts.append(len(text))
    return starts


def _front_matter(text: str) -> list[Edit]:
    """Drop YAML front matter but for its ``title:`` value (the first line, unquoted) and
    its ``date:`` line, which the structure step reads as the meeting date."""
    m = _FRONT_MATTER.match(text)
    if not m or not re.search(r"^\w[\w -]*:", m.group(0), re.M):
        return []
    edits: list[Edit] = []
    pos = m.start()
    for line in re.finditer(r"^.*(?:\n|\Z)", text[: m.end()], re.M):
        if line.start() >= m.end() or line.start() == line.end():
            break
        title = _TITLE_KEY.match(line.group(0).rstrip("\n"))
        if title and title.group(1).strip("\"' "):
            ts, te = line.start() + title.start(1), line.start() + title.end(1)
            if te - ts >= 2 and text[ts] == text[te - 1] and text[ts] in "\"'":
                ts, te = ts + 1, te - 1  # title: "Steering council" -> Steering council
            edits += [(pos, ts, ""), (te, line.end() - (text[line.end() - 1] == "\n"), "")]
            pos = line.end()
        elif re.match(r"date[ \t]*:", line.group(0), re.I):
            edits.append((pos, line.start(), ""))
            pos = line.end()
    edits.append((pos, m.end(), ""))
    return [e for e in edits if e[0] < e[1]]


def _fences(text: str) -> list[Edit]:
    """Fenced code blocks, by markdown-it-py's line map."""
    if "```" not in text and "~~~" not in text:
        return []
    from markdown_it import MarkdownIt

    starts = _line_starts(text)
    out: list[Edit] = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "fence" and token.map:
            first, last = token.map
            out.append((starts[first], starts[min(last, len(starts) - 1)], ""))
    return out


def markdown_edits(text: str) -> list[Edit]:
    """Edits that drop front matter (all but its title) and fenced code from Markdown."""
    edits = _front_matter(text)
    floor = edits[-1][1] if edits else 0
    fences = [e for e in _fences(text) if e[0] >= floor]
    edits += fences
    edits += [
        e
        for e in _table_layout(text)
        if e[0] >= floor and not any(fs <= e[0] < fe for fs, fe, _ in fences)
    ]
    return sorted(edits)


_HTML_TABLE = re.compile(r"<table\b[^<>]{0,2000}>.{0,200000}?</table\s*>", re.I | re.S)
#: a line break that only lays out the tags of an HTML table (between ``<tr>`` and ``<td>``,
#: after ``<td>``, before ``</td>``)
_TAG_LAYOUT = re.compile(r"(?<=>)[ \t]*\n\s*|[ \t]*\n\s*(?=<)")


def _table_layout(text: str) -> list[Edit]:
    """An HTML table written into Markdown one tag per line (a Google Docs export): the
    line breaks between its tags go, so each ``<tr>`` is one line of tab-separated cells
    as in an HTML page, not every cell a line of its own."""
    if "<table" not in text and "<TABLE" not in text:
        return []
    return [
        (table.start() + m.start(), table.start() + m.end(), "")
        for table in _HTML_TABLE.finditer(text)
        for m in _TAG_LAYOUT.finditer(table.group(0))
    ]


def pluto_edits(text: str) -> list[Edit]:
    """Keep only the text of a Pluto.jl notebook's Markdown and HTML cells."""
    cells = list(_PLUTO_CELL.finditer(text))
    if not cells:
        return []
    edits: list[Edit] = [(0, cells[0].start(), "")]  # header, `using` lines
    for i, marker in enumerate(cells):
        body_end = cells[i + 1].start() if i + 1 < len(cells) else len(text)
        body = text[marker.end() : body_end]
        opening = _PLUTO_TEXT_CELL.match(body)
        closing = _PLUTO_CELL_END.search(body.rstrip())
        if opening is None or closing is None:
            edits.append((marker.start(), body_end, ""))  # a code cell, or the cell order list
            continue
        edits.append((marker.start(), marker.end() + opening.end(), ""))
        edits.append((marker.end() + closing.start(), body_end, "\n\n"))
    return edits


# --------------------------------------------------------------------------- MediaWiki

_WIKI_HEADING = re.compile(r"^(={1,6})[ \t]*(.+?)[ \t]*\1[ \t]*$", re.M)
_WIKI_LIST = re.compile(r"^([*#:;]+)[ \t]*(?=\S)", re.M)
_WIKI_QUOTES = re.compile(r"'{2,5}")
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|\n]*\|)?([^\]\n]*)\]\]")
_WIKI_EXTERNAL = re.compile(r"\[(?:https?|ftp|mailto):[^\s\]]*(?:[ \t]+([^\]\n]*))?\]")
_WIKI_TEMPLATE = re.compile(r"\{\{[^{}\n]*\}\}")
_WIKI_MAGIC = re.compile(r"__[A-Z]+__")
_WIKI_TABLE_MARK = re.compile(r"[ \t]*(\{\||\|\}|\|-|\|\+|[|!])")


def _wiki_table(text: str, table_start: int) -> tuple[list[Edit], int]:
    """Edits for the ``{|`` table at ``table_start``, and where the table ends.

    Each row (``|-``) becomes one line of tab-separated cells: a cell on its own line
    joins its row with a tab, ``||`` and ``!!`` become tabs, cell attributes go.
    """
    edits: list[Edit] = []
    pos = table_start
    cells = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        after = end if nl < 0 else nl + 1
        mark = _WIKI_TABLE_MARK.match(text, pos, end)
        kind = mark.group(1) if mark else ""
        if kind in ("{|", "|}", "|+", "|-"):
            edits.append((pos, after, ""))
            cells = 0
            pos = after
            if kind == "|}":
                break
            continue
        if mark:
            sep = "!!" if kind == "!" else "||"
            text_start = mark.end()
            head = text[text_start:end].split(sep, 1)[0]
            if "|" in head and "=" in head.split("|", 1)[0]:  # | style="..." | text
                text_start += head.index("|") + 1
            if cells:
                edits.append((pos - 1, text_start, "\t"))  # joins the row's line
            else:
                edits.append((pos, text_start, ""))
            cells += 1
            i = text.find(sep, text_start, end)
            while i >= 0:
                edits.append((i, i + len(sep), "\t"))
                cells += 1
                i = text.find(sep, i + len(sep), end)
        pos = after
    return edits, pos


def wiki_edits(text: str) -> list[Edit]:
    """Edits that turn MediaWiki markup into the plain lines cleaning reads."""
    edits: list[Edit] = []
    table_spans: list[tuple[int, int]] = []
    for m in re.finditer(r"^[ \t]*\{\|", text, re.M):
        if table_spans and m.start() < table_spans[-1][1]:
            continue
        table_edits, end = _wiki_table(text, m.start())
        edits += table_edits
        table_spans.append((m.start(), end))

    def in_table(pos: int) -> bool:
        return any(s <= pos < e for s, e in table_spans)

    for m in _WIKI_HEADING.finditer(text):
        level = len(m.group(1))
        edits.append((m.start(), m.start(2), "#" * level + " "))
        edits.append((m.end(2), m.end(), ""))
    for m in _WIKI_LIST.finditer(text):
        if in_table(m.start()) or _WIKI_HEADING.match(text, m.start()):
            continue
        depth = len(m.group(1))
        edits.append((m.start(), m.end(), "  " * (depth - 1) + "- "))
    for pattern, keep in (
        (_WIKI_LINK, 1),
        (_WIKI_EXTERNAL, 1),
    ):
        for m in pattern.finditer(text):
            label_s, label_e = m.span(keep)
            if label_s < 0:  # [https://x] with no label: nothing readable
                edits.append((m.start(), m.end(), ""))
                continue
            edits.append((m.start(), label_s, ""))
            edits.append((label_e, m.end(), ""))
    for pattern in (_WIKI_QUOTES, _WIKI_TEMPLATE, _WIKI_MAGIC):
        edits += [(m.start(), m.end(), "") for m in pattern.finditer(text)]
    return _non_overlapping(edits)


def _non_overlapping(edits: list[Edit]) -> list[Edit]:
    """Sorted edits, an edit overlapping one kept before it dropped."""
    out: list[Edit] = []
    pos = 0
    for start, end, repl in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            continue
        out.append((start, end, repl))
        pos = max(pos, end)
    return out
