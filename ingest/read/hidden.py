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

import bisect
import re
from collections.abc import Callable

from ingest.read.irc import chat_edits, chat_runs, irc_edits, looks_like_irc
from ingest.read.markup import Edit

__all__ = [
    "PLUTO_HEADER",
    "front_matter_edits",
    "asciidoc_edits",
    "markdown_edits",
    "org_edits",
    "pluto_edits",
    "rst_edits",
    "text_edits",
    "underline_edits",
    "wiki_edits",
]

PLUTO_HEADER = "### A Pluto.jl notebook ###"
"""The first line of every Pluto.jl notebook file."""

#: YAML front matter (``---`` ... ``---``) or TOML front matter (``+++`` ... ``+++``: Hugo)
_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?(?:---[ \t]*\n(?:.*\n){0,60}?(?:---|\.\.\.)"
    r"|\+\+\+[ \t]*\n(?:.*\n){0,60}?\+\+\+)[ \t]*(?:\n|\Z)"
)
_TITLE_KEY = re.compile(r"^title[ \t]*[:=][ \t]*(.*?)[ \t]*$", re.M)
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


def front_matter_edits(text: str, html: bool = False) -> list[Edit]:
    """Drop YAML (or TOML) front matter but for its ``title:`` value (the first line,
    unquoted) and its ``date:`` line, which the structure step reads as the meeting date.
    A static site keeps it atop Markdown and HTML pages alike; atop HTML (``html``), where a
    line break is no break, the title ends with one (``<br>``) and the date goes: the
    page's, which the page's own text does not read as its day.

    >>> t = '+++\\ntype = "blog"\\ntitle = "Board sync"\\n+++\\n<p>Hi</p>\\n'
    >>> [(t[s:e], r) for s, e, r in front_matter_edits(t)]
    [('+++\\ntype = "blog"\\ntitle = "', ''), ('"', ''), ('+++\\n', '')]
    """
    m = _FRONT_MATTER.match(text)
    if not m or not re.search(r"^\w[\w -]*[ \t]*[:=]", m.group(0), re.M):
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
        elif re.match(r"date[ \t]*[:=]", line.group(0), re.I) and not html:
            edits.append((pos, line.start(), ""))
            pos = line.end()
    edits.append((pos, m.end(), "<br>" if html and pos > m.start() else ""))
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
            end = starts[min(last, len(starts) - 1)]
            body_start = starts[min(first + 1, len(starts) - 1)]
            closing = starts[last - 1] if last - 1 > first else end
            body = text[body_start:closing]
            if not token.info.strip() and looks_like_irc(body):
                # a chat log fenced to keep its lines as they are: the log is the minutes
                out.append((starts[first], body_start, ""))
                out += [(s + body_start, e + body_start, r) for s, e, r in irc_edits(body)]
                if closing < end:
                    out.append((closing, end, ""))
                continue
            out.append((starts[first], end, ""))
    return out


def markdown_edits(text: str) -> list[Edit]:
    """Edits that drop front matter (all but its title) and fenced code from Markdown."""
    edits = front_matter_edits(text)
    floor = edits[-1][1] if edits else 0
    fences = [e for e in _fences(text) if e[0] >= floor]
    edits += fences
    for s, e in chat_runs(text, floor):  # a chat log pasted unfenced (in an HTML block)
        if not any(fs < e and s < fe for fs, fe, _ in fences):
            edits += chat_edits(text, s, e)
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

_WIKI_HEADING = re.compile(
    r"^(={1,6})[ \t]{0,20}([^\n]{1,300}?)[ \t]{0,20}\1(?:[ \t]+#[\w.:-]+)?[ \t]*$", re.M
)
_WIKI_LIST = re.compile(r"^([*#:;]+)[ \t]*(?=\S)", re.M)
_WIKI_QUOTES = re.compile(r"'{2,5}")
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|\n]*\|)?([^\]\n]*)\]\]")
_WIKI_EXTERNAL = re.compile(r"\[(?:https?|ftp|mailto):[^\s\]]*(?:[ \t]+([^\]\n]*))?\]")
_WIKI_TEMPLATE = re.compile(r"\{\{[^{}\n]*\}\}")
_WIKI_MAGIC = re.compile(r"__[A-Z]+__")
#: links that show nothing where they stand: a page's categories, pictures, language links
_WIKI_HIDDEN_LINK = re.compile(
    r"\[\[(?:Category|Kategorie|Catégorie|File|Image|Media|[a-z]{2,3}(?:-[a-z]+)?):[^\[\]\n]*\]\]",
    re.I,
)
#: a Trac macro alone on its line: ``[[PageOutline]]``, ``[[TOC]]``, ``[[Image(x.png)]]``
_TRAC_MACRO_LINE = re.compile(
    r"^[ \t]*\[\[(?:[A-Z][a-z0-9]+[A-Z]\w*|[A-Z]{2,})(?:\([^()\n]*\))?\]\][ \t]*(?:\n|\Z)", re.M
)
#: Trac links with a label: ``[wiki:Page label]``, ``[ticket:12 the bug]``
_TRAC_LINK = re.compile(
    r"\[(?:wiki|ticket|changeset|report|milestone|source|query|attachment|log|browser):"
    r"[^\s\]]*(?:[ \t]+([^\]\n]*))?\]"
)
#: a Trac processor line: ``{{{#!python``, or ``#!sh`` as a block's first line
_TRAC_PROCESSOR = re.compile(r"[ \t]*#!(?!html\b|default\b)\w")
#: MediaWiki's preformatted blocks, where a pasted chat log stays as it was
_WIKI_PRE_MARK = re.compile(r"<(/?)pre\b[^<>\n]{0,200}>", re.I)
#: Trac and MoinMoin code blocks ``{{{`` ... ``}}}`` (alone on their lines)
_TRAC_CODE_MARK = re.compile(r"^[ \t]*(\{\{\{|\}\}\})([^\n]*)(?:\n|\Z)", re.M)
_TRAC_INLINE_CODE = re.compile(r"\{\{\{(.{1,300}?)\}\}\}")
#: a Trac table row ``||cell||cell||``
_TRAC_ROW = re.compile(r"^[ \t]*\|\|.*\|\|[ \t]*$", re.M)
_TRAC_ESCAPE = re.compile(r"(?<![\w!])!(?=[A-Z][a-z]+[A-Z])")
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


def _trac_rows(text: str) -> list[Edit]:
    """``||a||b||`` rows (Trac, MoinMoin): cells as tabs, the outer bars gone."""
    edits: list[Edit] = []
    for m in _TRAC_ROW.finditer(text):
        bars = [b.start() for b in re.finditer(r"\|\|", m.group())]
        first, last = m.start() + bars[0], m.start() + bars[-1]
        edits.append((m.start(), first + 2, ""))
        for b in bars[1:-1]:
            edits.append((m.start() + b, m.start() + b + 2, "\t"))
        edits.append((last, m.end(), ""))
    return edits


def wiki_edits(text: str) -> list[Edit]:
    """Edits that turn MediaWiki (and Trac wiki) markup into the plain lines cleaning reads.

    Besides MediaWiki's markup (module documentation), Trac's: ``||cell||cell||`` rows,
    ``[[PageOutline]]`` macros alone on a line, ``{{{ code }}}`` blocks, ``[wiki:Page
    label]`` links and ``!WikiWord`` escapes; category, file and language links go.
    """
    edits: list[Edit] = []
    code = _blocks_between(
        text,
        _TRAC_CODE_MARK,
        lambda m: "code" if m.group(1) == "{{{" and "}}}" not in m.group(2) else None,
        lambda m, kind: m.group(1) == "}}}" and not m.group(2).strip(),
    )
    for s, e, _ in code:  # {{{#!python ... }}} is code; a plain {{{ }}} block is kept
        opened = text.find("\n", s, e) + 1
        closing = text.rfind("\n", opened, max(opened, e - 1)) + 1 or opened
        if _TRAC_PROCESSOR.match(text, s + text[s:opened].index("{{{") + 3, opened) or (
            _TRAC_PROCESSOR.match(text, opened, closing)
        ):
            edits.append((s, e, ""))
        else:  # preformatted text: often the meeting's IRC log, pasted
            edits += [(s, opened, ""), (closing, e, "")]
            edits += chat_edits(text, opened, closing)
    for m in _blocks_between(
        text,
        _WIKI_PRE_MARK,
        lambda m: None if m.group(1) else "pre",
        lambda m, kind: bool(m.group(1)),
    ):
        inner_start = text.index(">", m[0]) + 1
        edits += chat_edits(text, inner_start, text.rindex("<", inner_start, m[1]))
    for pattern in (_TRAC_MACRO_LINE, _WIKI_HIDDEN_LINK, _TRAC_ESCAPE):
        edits += [(m.start(), m.end(), "") for m in pattern.finditer(text)]
    gone = sorted((s, e) for s, e, _ in edits)
    gone_starts = [s for s, _ in gone]

    def is_gone(pos: int) -> bool:
        k = bisect.bisect_right(gone_starts, pos) - 1
        return k >= 0 and gone[k][0] <= pos < gone[k][1]

    edits += _trac_rows(text)
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
        (_TRAC_LINK, 1),
        (_TRAC_INLINE_CODE, 1),
    ):
        for m in pattern.finditer(text):
            if is_gone(m.start()):
                continue
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
    """Sorted edits, an edit overlapping one kept before it dropped; of two starting at
    the same place the longer is kept (a whole code block over its marker line)."""
    out: list[Edit] = []
    pos = 0
    for start, end, repl in sorted(edits, key=lambda e: (e[0], -e[1])):
        if start < pos:
            continue
        out.append((start, end, repl))
        pos = max(pos, end)
    return out


def _blocks_between(
    text: str,
    markers: re.Pattern[str],
    opens: Callable[[re.Match[str]], str | None],
    closes: Callable[[re.Match[str], str], bool],
) -> list[tuple[int, int, str]]:
    """Spans (and kinds) from an opening marker line to the marker line that closes it, in one pass
    over the markers (an opener never closed opens nothing: no quadratic rescans).
    ``opens(m)`` gives the kind of block a marker opens (``None``: it opens none);
    ``closes(m, kind)`` whether it closes an open block of that kind."""
    spans: list[tuple[int, int, str]] = []
    open_at: tuple[int, str] | None = None
    for m in markers.finditer(text):
        if open_at is not None and closes(m, open_at[1]):
            spans.append((open_at[0], m.end(), open_at[1]))
            open_at = None
        elif open_at is None:
            kind = opens(m)
            if kind is not None:
                open_at = (m.start(), kind)
    return spans


# --------------------------------------------------------------------------- underlined headings

#: a line of one punctuation character repeated: a heading's underline (or overline)
_UNDERLINE = re.compile(r"[ \t]{0,3}([=\-~^*+#`'\"._:])\1{2,}[ \t]*")
_NOT_A_TITLE = re.compile(r"[ \t]*(?:#{1,6}[ \t]|[-*+•][ \t]|\||>|\.\.[ \t])|.*\t")


def _spans_of_lines(text: str) -> list[tuple[int, int]]:
    starts = _line_starts(text)
    pairs = zip(starts, starts[1:], strict=False)
    return [(s, e - 1 if e > s and text[e - 1] == "\n" else e) for s, e in pairs]


def underline_edits(text: str, markdown: bool = False) -> list[Edit]:
    """Headings written as a line underlined (and maybe overlined) with ``=``, ``-``, ``~``
    ...: reStructuredText sections, plain-text and IETF minutes (``1. Agenda`` over
    ``=========``), Markdown's setext headings. The title line becomes a ``#`` heading and
    the rule lines go.

    Levels follow the order in which the styles first appear (as reStructuredText reads
    them); in Markdown ``=`` is level 1 and ``-`` level 2, and only those two. The title is
    one line right after a blank line (or an overline), not a list item, table row or
    heading already; outside Markdown the underline is at least half as long as the title.

    >>> t = "Notes\\n\\n1. Agenda\\n=========\\n\\nNo changes.\\n"
    >>> [(t[s:e], r) for s, e, r in underline_edits(t)]
    [('', '# '), ('\\n=========', '')]
    """
    if not _UNDERLINE_ANY.search(text):
        return []
    lines = _spans_of_lines(text)
    levels: dict[tuple[str, bool], int] = {}
    edits: list[Edit] = []
    used = -1  # the last line an edit consumed
    for i in range(1, len(lines)):
        s, e = lines[i]
        rule = _UNDERLINE.fullmatch(text, s, e)
        if rule is None or i - 1 <= used:
            continue
        ts, te = lines[i - 1]
        title = text[ts:te]
        if not title.strip() or _UNDERLINE.fullmatch(text, ts, te) or _NOT_A_TITLE.match(title):
            continue
        char = rule.group(1)
        over = None
        if i >= 2 and _UNDERLINE.fullmatch(text, *lines[i - 2]):
            over_rule = _UNDERLINE.fullmatch(text, *lines[i - 2])
            if over_rule and over_rule.group(1) == char:
                over = lines[i - 2]
        before = lines[i - 3 if over else i - 2] if i >= (3 if over else 2) else None
        if before is not None and text[before[0] : before[1]].strip():
            continue  # the last line of a paragraph over a rule: not a title
        if markdown:
            if char not in "=-" or over:
                continue
            level = 1 if char == "=" else 2
        else:
            if (e - s) < len(title.strip()) / 2:
                continue
            level = levels.setdefault((char, over is not None), len(levels) + 1)
        if over:
            edits.append((over[0], ts, ""))
        lead = len(title) - len(title.lstrip())
        edits.append((ts, ts + lead, "#" * min(level, 6) + " "))
        edits.append((te, e, ""))
        used = i
    return edits


#: the "o" bullets of RFC-style plain text ("   o  Ana to post the draft")
_RFC_BULLET = re.compile(r"^([ \t]*)(o)[ \t]+(?=\S)", re.M)


def text_edits(text: str) -> list[Edit]:
    """Plain text: underlined headings (:func:`underline_edits`) and RFC-style ``o``
    bullets, read as ``-`` items where the text has two or more of them.

    >>> t = "Actions\\n\\n   o  Ana to post it\\n   o  Bo to read it\\n"
    >>> [(t[s:e], r) for s, e, r in text_edits(t)]
    [('o', '-'), ('o', '-')]
    """
    edits = underline_edits(text)
    bullets = [(m.start(2), m.end(2), "-") for m in _RFC_BULLET.finditer(text)]
    if len(bullets) >= 2:
        edits += bullets
    labels = [m.start() for m in _ROLL_CALL_LINE.finditer(text)]
    if labels and all(text.startswith(">", s) for s in labels):
        # a mail reply that quotes the minutes whole ("> Present: Ana, Bo"): the quoted
        # lines are the minutes, read without their quote marks
        edits += [(m.start(), m.end(), "") for m in _QUOTE_MARKS.finditer(text)]
    return _non_overlapping(edits)


_QUOTE_MARKS = re.compile(r"^(?:>[ \t]?)+", re.M)
#: a roll call's label line, quoted or not
_ROLL_CALL_LINE = re.compile(
    r"^(?:>[ \t]?)*[ \t]*(?:present|attendees|attendance|participants|in attendance)"
    r"\b[^\n:]{0,30}:",
    re.I | re.M,
)


_UNDERLINE_ANY = re.compile(r"^[ \t]{0,3}([=\-~^*+#`'\"._:])\1{2,}[ \t]*$", re.M)


# --------------------------------------------------------------------------- reStructuredText

_RST_DIRECTIVE = re.compile(r"^([ \t]*)\.\.[ \t]+([\w:+-]+)::[^\n]*$", re.M)
_RST_COMMENT = re.compile(r"^([ \t]*)\.\.(?![ \t]+[\w:+-]+::)(?:[ \t][^\n]*)?$", re.M)
_RST_OPTION = re.compile(r"[ \t]+:[\w -]{1,40}:(?:[ \t][^\n]*)?")
_RST_FIELD = re.compile(r"^[ \t]*(:)(?=[^:\s][^:\n]{0,40}:(?:[ \t]|$))", re.M)
_RST_AUTO_ENUM = re.compile(r"^[ \t]*(#\.)(?=[ \t]+\S)", re.M)
_RST_GRID_RULE = re.compile(r"^[ \t]*\+(?:[-=]+\+)+[ \t]*$", re.M)
_RST_LITERAL = re.compile(r"``(?=\S)([^`\n]{1,300}?)(?<=\S)``")
_RST_LINK = re.compile(r"`([^`<\n]{1,300}?)[ \t]*<[^<>`\n]{1,2000}>`__?")
_RST_ROLE = re.compile(
    r"(?<!`)(?::([\w.+-]{1,40}):)?`(?=[^`\s])([^`\n]{1,300}?)(?<=[^`\s])`(?!`)(?:__?|:[\w.+-]{1,40}:)?"
)
_RST_TARGET = re.compile(r"[ \t]*<[^<>\n]*>\Z")
#: roles whose text is code: it stays a code span (`` `name` ``), as in Markdown
_RST_CODE_ROLES = frozenset(
    "code mod func class meth attr obj exc data command program file samp envvar option "
    "py:mod py:func py:class py:meth".split()
)
#: directives whose body is code, a picture or generated, never the minutes' text
_RST_OPAQUE = frozenset(
    "code code-block sourcecode literalinclude highlight image figure contents toctree "
    "include raw math csv-table autosummary automodule autoclass autofunction "
    "testcode doctest graphviz plot".split()
)


def _indented_block_end(text: str, lines: list[tuple[int, int]], k: int, indent: int) -> int:
    """The index of the first line after line ``k`` that is not blank and not indented
    deeper than ``indent`` (the end of a directive's or comment's block)."""
    j = k + 1
    last = k
    while j < len(lines):
        s, e = lines[j]
        line = text[s:e]
        if line.strip():
            if len(line) - len(line.lstrip(" \t")) <= indent:
                break
            last = j
        j += 1
    return last + 1


#: a simple table's rule: two or more runs of ``=`` (or ``-`` under a header's spanning
#: cells) separated by spaces
_RST_SIMPLE_RULE = re.compile(r"[ \t]*(=+(?: +=+)+|-+(?: +-+)+)[ \t]*")
_RST_RUN = re.compile(r"=+|-+")


def _rst_simple_tables(text: str, lines: list[tuple[int, int]]) -> list[Edit]:
    """Edits that make each row of a simple table (``=====  =====`` rules above, below and
    under its header) a tab-separated row: its rules go, and the spaces at each column's
    left edge become one tab. A table ends at an ``=`` rule followed by a blank line (or
    the end of the file); rules with no such end are left alone."""
    edits: list[Edit] = []
    k = 0
    while k < len(lines):
        s, e = lines[k]
        top = _RST_SIMPLE_RULE.fullmatch(text, s, e)
        if not top or top.group(1)[0] != "=":
            k += 1
            continue
        columns = [m.start() for m in _RST_RUN.finditer(text[s:e])]
        end = None
        for j in range(k + 1, min(len(lines), k + 500)):
            js, je = lines[j]
            rule = _RST_SIMPLE_RULE.fullmatch(text, js, je)
            if rule and rule.group(1)[0] == "=":
                after = lines[j + 1] if j + 1 < len(lines) else None
                if after is None or not text[after[0] : after[1]].strip():
                    end = j
                    break
        if end is None:
            k += 1
            continue
        for j in range(k, end + 1):
            js, je = lines[j]
            if _RST_SIMPLE_RULE.fullmatch(text, js, je):
                edits.append((js, min(je + 1, len(text)), ""))
                continue
            for c in columns[1:]:
                if js + c >= je or text[js + c] in " \t" or text[js + c - 1] != " ":
                    continue  # nothing in this column, or a cell spanning the edge
                gap = js + c
                while gap > js and text[gap - 1] == " ":
                    gap -= 1
                if gap > js:  # the row's first cell holds text: the gap separates cells
                    edits.append((gap, js + c, "\t"))
        k = end + 1
    return edits


def rst_edits(text: str) -> list[Edit]:
    """Edits that turn reStructuredText markup into the plain lines cleaning reads.

    Section titles (underlined, maybe overlined) become ``#`` headings; a field list's
    ``:Chair: Ana`` reads ``Chair: Ana``; ``#.`` items are items; directives go with their
    options (an admonition's text stays, the body of ``code-block``, ``image``,
    ``contents`` ... goes), as do comments and grid table rules; links and roles keep only
    their text, but inline literals and code roles (``:mod:`x` ``) stay code spans (`` `x` ``).
    """
    lines = _spans_of_lines(text)
    index = {s: k for k, (s, _) in enumerate(lines)}
    edits: list[Edit] = list(underline_edits(text))
    for m in _RST_DIRECTIVE.finditer(text):
        k = index.get(m.start())
        if k is None:
            continue
        indent = len(m.group(1))
        if m.group(2).lower() in _RST_OPAQUE:
            end = _indented_block_end(text, lines, k, indent)
        else:  # the directive line and its ":option: value" lines; the body stays
            end = k + 1
            while end < len(lines) and _RST_OPTION.fullmatch(text, *lines[end]):
                end += 1
        stop = lines[end][0] if end < len(lines) else len(text)
        edits.append((m.start(), stop, ""))
    for m in _RST_COMMENT.finditer(text):
        k = index.get(m.start())
        if k is None:
            continue
        end = _indented_block_end(text, lines, k, len(m.group(1)))
        stop = lines[end][0] if end < len(lines) else len(text)
        edits.append((m.start(), stop, ""))
    for pattern in (_RST_FIELD, _RST_AUTO_ENUM):
        for m in pattern.finditer(text):
            edits.append((m.start(1), m.end(1), "-" if m.group(1) == "#." else ""))
    edits += [(m.start(), m.end() + 1, "") for m in _RST_GRID_RULE.finditer(text)]
    edits += _rst_simple_tables(text, lines)
    for m in _RST_LINK.finditer(text):
        edits += [(m.start(), m.start(1), ""), (m.end(1), m.end(), "")]
    for m in _RST_LITERAL.finditer(text):  # ``name``: a code span, `name`
        edits += [(m.start(), m.start() + 1, ""), (m.end() - 1, m.end(), "")]
    for m in _RST_ROLE.finditer(text):
        if m.group(1) and m.group(1).lower() in _RST_CODE_ROLES:
            edits += [(m.start(), m.start(2) - 1, ""), (m.end(2) + 1, m.end(), "")]
        else:  # :ref:`the guide <guide-label>`: "the guide"
            target = _RST_TARGET.search(m.group(2))
            end = m.start(2) + target.start() if target and target.start() else m.end(2)
            edits += [(m.start(), m.start(2), ""), (end, m.end(), "")]
    return _non_overlapping(edits)


# --------------------------------------------------------------------------- Org-mode

_ORG_KEYWORD = re.compile(r"^#\+([A-Za-z_]+):[ \t]*(.*)$", re.M)
_ORG_OPAQUE = frozenset({"SRC", "EXAMPLE", "EXPORT", "COMMENT", "HTML", "LATEX"})
_ORG_BLOCK_MARK = re.compile(r"^[ \t]*#\+(BEGIN|END)_(\w+)[^\n]*(?:\n|\Z)", re.M | re.I)
_ORG_COMMENT = re.compile(r"^[ \t]*#(?:[ \t][^\n]*)?(?:\n|\Z)", re.M)
_ORG_DRAWER_MARK = re.compile(r"^[ \t]*:(PROPERTIES|LOGBOOK|END):[ \t]*(?:\n|\Z)", re.M)
_ORG_HEADLINE = re.compile(
    r"^(\*+)[ \t]+(?:(TODO|NEXT|WAITING|DONE|CANCEL+ED)[ \t]+)?(?:\[#[A-Z]\][ \t]+)?(?=\S)", re.M
)
_ORG_TAGS = re.compile(r"[ \t]+:(?:[\w@#%]+:)+[ \t]*$", re.M)
_ORG_PLANNING = re.compile(r"^[ \t]*(?:(DEADLINE|SCHEDULED|CLOSED):[ \t]*)", re.M)
_ORG_STAMP = re.compile(
    r"[<\[](\d{4}-\d\d-\d\d(?:[ \t]+[A-Za-z]{2,3}\.?)?"
    r"(?:[ \t]+\d{1,2}:\d\d(?:-\d{1,2}:\d\d)?)?)[>\]]"
)
_ORG_LINK = re.compile(r"\[\[([^\[\]\n]{1,2000}?)\](?:\[([^\[\]\n]{1,500})\])?\]")
_ORG_VERBATIM = re.compile(r"(?<![\w=~])([=~])(?=\S)([^=~\n]{1,200}?)(?<=\S)\1(?![\w=~])")
_ORG_TABLE_RULE = re.compile(r"^[ \t]*\|[-+]+\|?[ \t]*(?:\n|\Z)", re.M)


def org_edits(text: str) -> list[Edit]:
    """Edits that turn Org-mode markup into the plain lines cleaning reads.

    ``#+TITLE:`` keeps its value (the title), ``#+DATE:`` reads ``Date:``, other
    ``#+KEYWORD:`` lines, source and example blocks, property drawers and ``#`` comments
    go; headlines (``** Topic``) are ``#`` headings, a headline with a ``TODO`` / ``DONE``
    keyword is an open / done item (``- ☐`` / ``- ☑``) and its ``DEADLINE:`` line reads
    ``due``; time stamps lose their brackets, links keep their label, ``=code=`` its text.
    """
    from ingest.read.markup import CHECKED, UNCHECKED

    edits: list[Edit] = []
    code = _blocks_between(
        text,
        _ORG_BLOCK_MARK,
        lambda m: m.group(2).upper() if m.group(1).upper() == "BEGIN" else None,
        lambda m, kind: m.group(1).upper() == "END" and m.group(2).upper() == kind,
    )
    edits += [(s, e, "") for s, e, kind in code if kind in _ORG_OPAQUE]
    drawers = _blocks_between(
        text,
        _ORG_DRAWER_MARK,
        lambda m: None if m.group(1) == "END" else "drawer",
        lambda m, kind: m.group(1) == "END",
    )
    edits += [(s, e, "") for s, e, _ in drawers]
    for m in _ORG_KEYWORD.finditer(text):
        key = m.group(1).upper()
        if key == "TITLE":
            edits.append((m.start(), m.start(2), ""))
        elif key == "DATE":
            edits.append((m.start(), m.start(2), "Date: "))
        elif not key.startswith(("BEGIN_", "END_")):
            edits.append((m.start(), min(m.end() + 1, len(text)), ""))
    edits += [(m.start(), m.end(), "") for m in _ORG_BLOCK_MARK.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in _ORG_COMMENT.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in _ORG_TABLE_RULE.finditer(text)]
    for m in _ORG_HEADLINE.finditer(text):
        keyword = (m.group(2) or "").upper()
        if keyword == "DONE":
            edits.append((m.start(), m.end(), "- " + CHECKED + " "))
        elif keyword.startswith("CANCEL"):
            edits.append((m.start(), m.end(), "- "))
        elif keyword:
            edits.append((m.start(), m.end(), "- " + UNCHECKED + " "))
        else:
            edits.append((m.start(), m.end(), "#" * min(len(m.group(1)), 6) + " "))
    edits += [(m.start(), m.end(), "") for m in _ORG_TAGS.finditer(text)]
    for m in _ORG_PLANNING.finditer(text):
        word = "due " if m.group(1) == "DEADLINE" else ""
        edits.append((m.start(), m.end(), word))
    for m in _ORG_STAMP.finditer(text):
        edits += [(m.start(), m.start(1), ""), (m.end(1), m.end(), "")]
    for m in _ORG_LINK.finditer(text):
        keep = 2 if m.group(2) else 1
        edits += [(m.start(), m.start(keep), ""), (m.end(keep), m.end(), "")]
    for m in _ORG_VERBATIM.finditer(text):
        edits += [(m.start(), m.start(2), ""), (m.end(2), m.end(), "")]
    return _non_overlapping(edits)


# --------------------------------------------------------------------------- AsciiDoc

_ADOC_HEADING = re.compile(r"^(={1,6})[ \t]+(?=\S)[^\n]*", re.M)
_ADOC_ATTRIBUTE = re.compile(r"^:!?([\w-]+)!?:[ \t]*(.*)$", re.M)
_ADOC_BLOCK_ATTRS = re.compile(r"^\[[^\]\n]*\][ \t]*(?:\n|\Z)", re.M)
_ADOC_OPAQUE_MARK = re.compile(r"^(-{4,}|\.{4,}|\+{4,}|/{4,})[ \t]*(?:\n|\Z)", re.M)
_ADOC_DELIMITER = re.compile(
    r"^(?:={4,}|\*{4,}|_{4,}|--|\|={3,}|,={3,}|:={3,})[ \t]*(?:\n|\Z)", re.M
)
_ADOC_COMMENT = re.compile(r"^//(?!/)[^\n]*(?:\n|\Z)", re.M)
_ADOC_LIST = re.compile(r"^[ \t]*(\.{1,5}|\*{2,5})[ \t]+(?=\S)", re.M)
_ADOC_ADMONITION = re.compile(r"^(NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \t]+", re.M)
_ADOC_LINK = re.compile(r"(?:link:|(?=https?://))[^\s\[\]]{1,2000}\[([^\]\n]{0,500})\]")
_ADOC_XREF = re.compile(r"<<[^,<>\n]{1,200},[ \t]*([^<>\n]{1,200})>>")
_ADOC_DATE_KEYS = frozenset({"revdate", "date"})
_ADOC_TABLE = re.compile(r"^\|={3,}[ \t]*\n(.*?)^\|={3,}[ \t]*$", re.M | re.S)
_ADOC_CELL = re.compile(r"(?<!\\)\|[ \t]*([^|\n]*?)[ \t]*(?=\||\n|\Z)")


def _asciidoc_table(text: str, start: int, end: int) -> list[Edit]:
    """Edits that make the cells of an AsciiDoc table body (``|Name |Role``, or one cell
    per line with blank lines between rows) tab-separated rows, one a line; the number of
    columns is the number of cells on the body's first line."""
    cells = [(c.start(1), c.end(1)) for c in _ADOC_CELL.finditer(text, start, end)]
    if not cells:
        return []
    first_nl = text.find("\n", cells[0][0], end)
    columns = sum(1 for cs, _ in cells if first_nl < 0 or cs < first_nl)
    if columns < 2 or len(cells) % columns:
        return []
    edits: list[Edit] = []
    previous = start
    for n, (cs, ce) in enumerate(cells):
        if n % columns == 0:
            edits.append((previous, cs, "" if n == 0 else "\n"))
        else:
            edits.append((previous, cs, "\t"))
        previous = ce
    return edits


def asciidoc_edits(text: str) -> list[Edit]:
    """Edits that turn AsciiDoc markup into the plain lines cleaning reads.

    ``= Title`` and ``== Section`` are ``#`` headings; attribute entries go but for
    ``:revdate:`` (read as ``Date:``); block attribute lines, table and block delimiters,
    comments and listing / literal blocks go; ``.`` and ``**`` list markers are items,
    ``NOTE:`` labels go; links and cross references keep their label.
    """
    edits: list[Edit] = []
    listings = _blocks_between(
        text, _ADOC_OPAQUE_MARK, lambda m: m.group(1), lambda m, kind: m.group(1) == kind
    )
    edits += [(s, e, "") for s, e, _ in listings]
    for m in _ADOC_HEADING.finditer(text):
        level = len(m.group(1))
        edits.append((m.start(), m.start() + level, "#" * level))
        line = m.group().rstrip()
        title = line.rstrip("=")
        if len(title) < len(line) and title[-1:] in (" ", "\t"):  # "== Topic ==": symmetric
            edits.append((m.start() + len(title.rstrip()), m.end(), ""))
    for m in _ADOC_ATTRIBUTE.finditer(text):
        if m.group(1).lower() in _ADOC_DATE_KEYS and m.group(2).strip():
            edits.append((m.start(), m.start(2), "Date: "))
        else:
            edits.append((m.start(), min(m.end() + 1, len(text)), ""))
    for pattern in (_ADOC_BLOCK_ATTRS, _ADOC_DELIMITER, _ADOC_COMMENT, _ADOC_ADMONITION):
        edits += [(m.start(), m.end(), "") for m in pattern.finditer(text)]
    for m in _ADOC_TABLE.finditer(text):
        edits += _asciidoc_table(text, m.start(1), m.end(1))
    edits += [(m.start(1), m.end(1), "-") for m in _ADOC_LIST.finditer(text)]
    for pattern in (_ADOC_LINK, _ADOC_XREF):
        for m in pattern.finditer(text):
            edits += [(m.start(), m.start(1), ""), (m.end(1), m.end(), "")]
    return _non_overlapping(edits)
