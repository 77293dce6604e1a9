"""Cleaning an export into readable text, keeping a map back to the source.

Minutes arrive as Confluence text exports, markdown or HTML pages. Cleaning turns
them into plain lines the structure step can read:

- HTML (whole pages, or fragments inside the cells of a text export): block tags
  become line breaks (``<li>`` a ``- `` item, ``<h2>`` a ``## `` heading, ``<tr>``
  a line, ``<td>`` a tab), checkboxes and Confluence task-list items
  (``<li data-inline-task-id class="checked">``, ``<ac:task-status>complete``) become
  ``☐`` / ``☑``, entities are decoded,
  ``<script>``/``<style>`` and comments are dropped, other tags vanish;
- bullet glyphs (``·`` ``•`` ``◦`` ``°`` ``^o``) become ``- `` items, and a glyph,
  ``✓`` or checkbox in the middle of a line starts a new line;
- Confluence noise (macro errors, Java exception lines) is dropped; a Jira macro
  leftover ``DM-6663 - Getting issue details... STATUS`` keeps only ``DM-6663``;
- markdown: ``[Text](#)`` -> ``Text``, ``\\(`` -> ``(``, ``**bold**`` -> ``bold``,
  ``| a | b |`` table rows -> tab-separated cells; ``#`` headings and ``- `` items
  are kept as they are.

Offsets: ``CleanText.offsets[i]`` is the source index of clean character ``i``.
Characters copied from the source satisfy ``source.text[offsets[i]] == text[i]``;
inserted characters (``\\n`` for ``<br>``, ``☐`` for a checkbox ...) point at the
start of the source construct they stand for. :func:`clean_traced` also returns
which characters were copied.

>>> from ingest.model import SourceText
>>> c = clean(SourceText("m.txt", "- [Ana](#) &amp; Bo<br>• Cy to fix DM-1"))
>>> print(c.text)
- Ana & Bo
- Cy to fix DM-1
>>> c.source.text[c.offsets[c.text.index("Cy")]:][:2]
'Cy'
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator

from ingest.model import CleanText, SourceText
from ingest.read.hidden import (
    PLUTO_HEADER,
    asciidoc_edits,
    front_matter_edits,
    markdown_edits,
    org_edits,
    pluto_edits,
    rst_edits,
    text_edits,
    underline_edits,
    wiki_edits,
)
from ingest.read.irc import irc_edits
from ingest.read.mail import mail_edits
from ingest.read.markup import (
    CHECKED,
    DROPPED_ELEMENT,
    TAG,
    UNCHECKED,
    Edit,
    fragment_tag_edits,
    html_page_edits,
)

__all__ = ["clean", "clean_traced", "is_row_break", "CHECKED", "UNCHECKED", "DONE_MARKS"]

DONE_MARKS = "✓✔☑☒"


class _Layer:
    """Text with, per character, its source offset and whether it was copied."""

    __slots__ = ("text", "offsets", "copied")

    def __init__(self, text: str, offsets: list[int], copied: list[bool]) -> None:
        self.text = text
        self.offsets = offsets  # len(text) + 1 entries
        self.copied = copied

    @classmethod
    def of(cls, text: str) -> _Layer:
        return cls(text, list(range(len(text) + 1)), [True] * len(text))

    def apply(self, edits: Iterable[Edit]) -> _Layer:
        """Apply sorted edits; an edit overlapping an earlier one is skipped."""
        text, offs, cop = self.text, self.offsets, self.copied
        parts: list[str] = []
        new_offs: list[int] = []
        new_cop: list[bool] = []
        pos = 0
        changed = False
        for start, end, repl in edits:
            if start < pos or end < start:
                continue
            changed = True
            parts.append(text[pos:start])
            new_offs.extend(offs[pos:start])
            new_cop.extend(cop[pos:start])
            if repl:
                parts.append(repl)
                new_offs.extend([offs[start]] * len(repl))
                new_cop.extend([False] * len(repl))
            pos = end
        if not changed:
            return self
        parts.append(text[pos:])
        new_offs.extend(offs[pos:])
        new_cop.extend(cop[pos:])
        return _Layer("".join(parts), new_offs, new_cop)

    def sub(
        self, pattern: re.Pattern[str], edit: Callable[[re.Match[str]], Iterable[Edit]]
    ) -> _Layer:
        """Apply the edits ``edit`` returns for each match of ``pattern``."""
        text = self.text

        def edits() -> Iterator[Edit]:
            for m in pattern.finditer(text):
                yield from edit(m)

        return self.apply(edits())


# --------------------------------------------------------------------------- patterns

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+|\r(?=\n)|[\r\u00a0\u202f\u2028]")
_NOISE_LINE = re.compile(
    r"^[ \t]*(?:Error rendering macro '[^'\n]*'[^\n]*"
    r"|\[(?:[a-z_][\w$]*\.){2,}[\w$]*(?:Exception|Error)\][^\n]*"
    r"|Unable to render \{[^\n]*"
    r"|(?:Skip to end of metadata|Go to start of metadata|Jump to search)[ \t]*$)\n?",
    re.M,
)
_JIRA_LEFTOVER = re.compile(r"Getting issue details(?:\.\.\.|…)?\s*+STATUS\b[ \t]*+")
_JIRA_KEY_BEFORE = re.compile(r"\b[A-Z][A-Z0-9]+-\d+[ \t]*(?:[-–—][ \t]*)?\Z")
_MD_LINK = re.compile(r"(!?\[)([^\[\]\n]{0,500})(\]\([^)\s]{0,2000}(?:[ \t]+\"[^\"\n]*\")?\))")
#: a backslash before any ASCII punctuation escapes it (CommonMark); wiki converters write
#: ``don\'t`` and ``\"quoted\"``
_MD_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|$<>~&'\"%,/:;=?@^])")
_MD_STRONG = re.compile(r"\*\*")
# __bold text__, but never a Python name such as __init__ (an identifier inside)
_MD_UNDERSCORE_STRONG = re.compile(
    r"(?<![\w_])__(?=[^\s_])(?=[^_\n]{0,300}?\W[^_\n]{0,300}?__)[^_\n]{1,300}?(?<=[^\s_])__(?![\w_])"
)
_MD_EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=[^\s*])[^*\n]{1,300}?(?<=[^\s*\\])\*(?![\w*])")
_MD_BULLET = re.compile(r"^([ \t]*)[*+](?=[ \t]+\S)", re.M)
_MD_TABLE_ROW = re.compile(r"^[ \t]*\|.*(?<!\\)\|.*$", re.M)
_PIPE = re.compile(r"[ \t]*(?<!\\)\|[ \t]*")
#: a Markdown table written without leading pipes (``Name | Org``, ``--- | ---``, rows)
_BARE_TABLE = re.compile(
    r"^(?![ \t]*\|)[^\n|]*+\|[^\n]*\n"
    r"[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*\n"
    r"(?:(?![ \t]*\|)[^\n|]*+\|[^\n]*(?:\n|\Z))+",
    re.M,
)
_RULE_LINE = re.compile(r"^[ \t]*+(?:[|:]?+[ \t]*+-{2,}+[ \t:]*+)++(?:\|[ \t]*+)?+$", re.M)
_TAB_RULE_LINE = re.compile(r"^[ \t]*+-{2,}+(?:[ \t]*+\t[ \t]*+-{2,}+)++[ \t]*+$", re.M)
_LINE_GLYPH = re.compile(r"^([ \t]*)(?:(-[ \t]+)|\t*)(?:[·•◦°▪‣∙⁃]|\^o)[ \t]+(?=\S)", re.M)
_MID_GLYPH = re.compile(r"(?<! ) *+[•◦▪‣][ \t]*+(?=\S)")  # never eats a cell's tab
_MID_MARK = re.compile(r"(?<=[^\s])[ \t]*+(?=[✓✔☐☑☒][ \t]+\S)")
_ROW_TAG = re.compile(r"</?(?:tr|table|thead|tbody|tfoot)\b", re.I)
_MARK_TAB = re.compile(r"(?<=[✓✔☐☑☒])\t+")


#: the markup of each format but Markdown and HTML, as edits on the text
_FORMAT_EDITS: dict[str, Callable[[str], list[Edit]]] = {
    "wiki": wiki_edits,
    "rst": rst_edits,
    "org": org_edits,
    "asciidoc": asciidoc_edits,
    "irc": irc_edits,
    "text": text_edits,
}

# --------------------------------------------------------------------------- public


def clean(source: SourceText) -> CleanText:
    """Normalise ``source`` into readable lines with an offset map back to it."""
    return clean_traced(source)[0]


def clean_traced(source: SourceText) -> tuple[CleanText, tuple[bool, ...]]:
    """:func:`clean`, plus for each clean character whether it was copied from the source."""
    layer = _Layer.of(source.text)
    layer = layer.sub(_INVISIBLE, _invisible)
    if source.format == "markdown":
        if layer.text.lstrip("\ufeff").startswith(PLUTO_HEADER):
            layer = layer.apply(pluto_edits(layer.text))
        layer = layer.apply(markdown_edits(layer.text))
        layer = layer.apply(underline_edits(layer.text, markdown=True))
    else:
        if source.format in ("html", "text"):  # a static site's page, a raw mail
            layer = layer.apply(front_matter_edits(layer.text, html=source.format == "html"))
        if source.format == "text":
            layer = layer.apply(mail_edits(layer.text))
        if source.format in _FORMAT_EDITS:
            layer = layer.apply(_FORMAT_EDITS[source.format](layer.text))
    if source.format == "html":
        layer = layer.apply(html_page_edits(layer.text))
    else:
        layer = layer.sub(DROPPED_ELEMENT, _drop)
        layer = layer.sub(TAG, fragment_tag_edits)
    layer = layer.sub(_ENTITY, _entity)
    layer = layer.sub(_NOISE_LINE, _drop)
    layer = layer.sub(_JIRA_LEFTOVER, _jira_leftover)
    layer = layer.sub(_MD_TABLE_ROW, _markdown_row)
    if source.format == "markdown":
        layer = layer.sub(_BARE_TABLE, _bare_table)
    layer = layer.sub(_RULE_LINE, _drop)
    layer = layer.sub(_TAB_RULE_LINE, _drop)
    layer = layer.sub(_MD_LINK, _markdown_link)
    layer = layer.sub(_MD_ESCAPE, _drop)
    layer = layer.sub(_MD_STRONG, _drop)
    layer = layer.sub(_MD_UNDERSCORE_STRONG, _strong_pair)
    layer = layer.sub(_MD_EMPHASIS, _emphasis)
    layer = layer.sub(_MD_BULLET, _markdown_bullet)
    layer = layer.sub(_LINE_GLYPH, _line_glyph)
    layer = layer.sub(_MID_GLYPH, _mid_glyph)
    layer = layer.sub(_MID_MARK, _mid_mark)
    layer = layer.sub(_MARK_TAB, lambda m: [(m.start(), m.end(), " ")])
    layer = _squeeze(layer, source.text)
    offsets = list(layer.offsets)
    offsets[-1] = len(source.text)
    return CleanText(source, layer.text, tuple(offsets)), tuple(layer.copied)


def is_row_break(clean_text: CleanText, i: int) -> bool:
    """Whether the newline at clean index ``i`` ends a table row (a source line).

    Newlines inserted for ``<br>``, ``<li>`` or a bullet glyph inside a table cell
    do not; a newline of the source, or one standing for ``<tr>``, does.
    """
    return _ends_row(clean_text.source.text, clean_text.offsets[i])


def _ends_row(src: str, at: int) -> bool:
    if at >= len(src) or src[at] in "\r\n":
        return True
    return src.startswith("<", at) and _ROW_TAG.match(src, at) is not None


# --------------------------------------------------------------------------- edits


def _drop(m: re.Match[str]) -> list[Edit]:
    return [(m.start(), m.end(), "")]


def _invisible(m: re.Match[str]) -> list[Edit]:
    ch = m.group()
    if ch == "\r":
        return [(m.start(), m.end(), "\n")]
    if ch in "\u00a0\u202f":
        return [(m.start(), m.end(), " ")]
    if ch == "\u2028":
        return [(m.start(), m.end(), "\n")]
    return [(m.start(), m.end(), "")]


def _entity(m: re.Match[str]) -> list[Edit]:
    value = html.unescape(m.group())
    if value == m.group():
        return []
    value = value.replace("\u00a0", " ")
    return [(m.start(), m.end(), value)]


def _jira_leftover(m: re.Match[str]) -> list[Edit]:
    text = m.string
    window = max(0, m.start() - 40)
    key = _JIRA_KEY_BEFORE.search(text, window, m.start())
    start = m.start()
    if key:  # keep the ticket key, drop the separator between it and the noise
        start = key.start() + len(key.group().rstrip(" \t-–—"))
    following = text[m.end() : m.end() + 1]
    gap = " " if key and following and not following.isspace() and following not in ".,;:)" else ""
    return [(start, m.end(), gap)]


def _markdown_row(m: re.Match[str]) -> list[Edit]:
    line_start, line_end = m.start(), m.end()
    pipes = [p for p in _PIPE.finditer(m.string, line_start, line_end)]
    if len(pipes) < 2:
        return []
    edits: list[Edit] = []
    first, last = pipes[0], pipes[-1]
    edits.append((line_start, first.end(), ""))
    for p in pipes[1:-1]:
        edits.append((p.start(), p.end(), "\t"))
    if m.string[last.end() : line_end].strip():
        edits.append((last.start(), last.end(), "\t"))
    else:
        edits.append((last.start(), line_end, ""))
    return edits


def _bare_table(m: re.Match[str]) -> list[Edit]:
    """The rows of a table without leading pipes: each pipe a cell break, a trailing one
    dropped (the rule line goes with ``_RULE_LINE``)."""
    edits: list[Edit] = []
    text, pos = m.string, m.start()
    for line in m.group().split("\n"):
        end = pos + len(line)
        pipes = list(_PIPE.finditer(text, pos, end))
        if pipes and not text[pipes[-1].end() : end].strip():
            edits.extend((p.start(), p.end(), "\t") for p in pipes[:-1])
            edits.append((pipes[-1].start(), end, ""))
        else:
            edits.extend((p.start(), p.end(), "\t") for p in pipes)
        pos = end + 1
    return edits


def _markdown_link(m: re.Match[str]) -> list[Edit]:
    return [(m.start(1), m.end(1), ""), (m.start(3), m.end(3), "")]


def _strong_pair(m: re.Match[str]) -> list[Edit]:
    return [(m.start(), m.start() + 2, ""), (m.end() - 2, m.end(), "")]


def _emphasis(m: re.Match[str]) -> list[Edit]:
    return [(m.start(), m.start() + 1, ""), (m.end() - 1, m.end(), "")]


def _markdown_bullet(m: re.Match[str]) -> list[Edit]:
    return [(m.end(1), m.end(), "-")]


def _line_glyph(m: re.Match[str]) -> list[Edit]:
    if m.group(2):  # "- · text": already an item, drop the glyph
        return [(m.end(2), m.end(), "")]
    return [(m.end(1), m.end(), "- ")]


def _mid_glyph(m: re.Match[str]) -> list[Edit]:
    text, start = m.string, m.start()
    before = text[start - 1] if start else "\n"
    if before in "\n\t":  # at a line or cell start: just an item
        return [(start, m.end(), "- ")]
    return [(start, m.end(), "\n- ")]


def _mid_mark(m: re.Match[str]) -> list[Edit]:
    text, start = m.string, m.start()
    if text[start - 1] in "-*+•" and (start < 2 or text[start - 2] in " \t\n"):
        return []  # "- ☐ x": the mark of a bullet item, already on its own line
    return [(start, m.end(), "\n")]


def _squeeze(layer: _Layer, source: str) -> _Layer:
    """Drop blank lines and stray spaces that insertions created (never source ones).

    Of two inserted line breaks in a row the one that ends a table row is kept,
    else the later one, so ``</ul></tr>`` and ``</tr></table><p>`` both end the row.
    """
    text, copied = layer.text, layer.copied
    edits: list[Edit] = []
    n = len(text)
    i = 0
    last = "\n"  # last character kept
    last_break = -1  # index of the last kept line break if it was inserted
    while i < n:
        ch = text[i]
        if copied[i]:
            last = ch
            last_break = -1
            i += 1
            continue
        if ch == " " and last == "\n":
            edits.append((i, i + 1, ""))
            i += 1
            continue
        if ch != "\n":
            last = ch
            i += 1
            continue
        j = i + 1
        while j < n and text[j] in " \t" and not copied[j]:
            j += 1
        if (j < n and text[j] == "\n" and copied[j]) or i == 0:
            edits.append((i, j, ""))
            i = j
            continue
        if last == "\n":
            keep_earlier = last_break >= 0 and _ends_row(source, layer.offsets[last_break])
            if last_break < 0 or (keep_earlier and not _ends_row(source, layer.offsets[i])):
                edits.append((i, j, ""))  # after a source line break, or one ending a row
                i = j
                continue
            edits.append((last_break, last_break + 1, ""))
        else:
            k = i  # spaces before an inserted line break
            while k > 0 and text[k - 1] == " ":
                k -= 1
            if k < i:
                edits.append((k, i, ""))
        last, last_break = "\n", i
        i += 1
        j = i  # spaces after an inserted line break
        while j < n and text[j] == " ":
            j += 1
        if j > i:
            edits.append((i, j, ""))
            i = j
    edits.sort()
    return layer.apply(edits)
