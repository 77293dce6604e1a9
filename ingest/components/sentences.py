"""``minutes_sentences``: every sentence, list item and table cell, and what the parser reads."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.document import set_group
from ingest.structure.handles import capitalise_handles

__all__ = ["MAX_SENTENCE_CHARS", "SentencesComponent", "masked", "windows", "wrapped_runs"]

MAX_SENTENCE_CHARS = 2_000
"""Longest span handed to the parser at once; longer sentences are read in windows."""


def windows(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(start, end)``, or windows of at most :data:`MAX_SENTENCE_CHARS` cut at spaces."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        yield start, cut
        start = cut
    if end > start:
        yield start, end


#: a line that ends no sentence: a word, a comma, a closing bracket or a word's hyphen last
#: (a dash after a space closes a clause, as a semicolon does)
_OPEN_END = re.compile(r"(?:[\w,)\]'’\"”]|(?<=\w)-)[ \t]*$")
#: a line opening with a word (or a bracket or quote before one)
_WORD_START = re.compile(r"[ \t]*[(\"'“‘]?\w")
#: a line that opens a turn or a field of its own ("Ana: ...", "Owner: Bo", "<bo> ...")
_LABEL_START = re.compile(r"[ \t]*(?:<[\w.@-]{1,30}>|[\w.@-]{1,30}(?: [\w.-]{1,30}){0,2}:)[ \t]")
#: a wrapped line is this long at least (a short line stands alone: a name, a label)
_WRAP_WIDTH = 40


def wrapped_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of a list entry ``text[start:end]`` grouped into runs that wrap one
    sentence: a line carries on the one above it when that one ends no sentence and the
    line opens with a lower-case word, or when the one above is as long as wrapped text is
    (:data:`_WRAP_WIDTH`) and ends in a word or comma ("- Ana has asked whether the team
    from" / "  Lyon can host it"). A short line ("Ana Lopez" over "Bo Chen") and a line
    opening with a label ("Owner: Bo") stand alone.

    >>> t = "- Ana has asked whether the people from the\\n  Lyon office can host\\n  Bo Chen"
    >>> [t[s:e] for s, e in wrapped_runs(t, 0, len(t))]
    ['- Ana has asked whether the people from the\\n  Lyon office can host', '  Bo Chen']
    """
    runs: list[tuple[int, int]] = []
    run_start = line_start = start
    nl = text.find("\n", start, end)
    while nl >= 0:
        following = nl + 1
        line = text[line_start:nl]
        if not _wraps(line, text, following, end):
            runs.append((run_start, nl))
            run_start = following
        line_start = following
        nl = text.find("\n", following, end)
    runs.append((run_start, end))
    return runs


def _wraps(line: str, text: str, following: int, end: int) -> bool:
    """Whether the line starting at ``following`` carries on ``line``'s sentence."""
    if not line.strip() or not _OPEN_END.search(line) or line.rstrip().endswith(":"):
        return False
    if not _WORD_START.match(text, following, end) or _LABEL_START.match(text, following, end):
        return False
    first = text[following:end].lstrip()[:1]
    if first.islower():
        return True
    words = line.strip().lstrip("-*+•·◦☐☑☒✓✔ \t")
    return len(words) >= _WRAP_WIDTH and (words[-1].islower() or words[-1] == ",")


def masked(text: str, found: Iterable[Any]) -> str:
    """``text`` with every vocabulary or rule match written as capitalised placeholder words
    of the same length (``daf_skymap`` -> ``Xxxxxxxxxx``, ``OCPS`` -> ``XXXX``): the parser reads
    unusual tokens poorly, placeholders as the proper nouns they are. Offsets are kept."""
    chars = list(text)
    for f in found:
        for m in re.finditer(r"\S+", text[f.start : f.end]):
            start = f.start + m.start()
            word = m.group(0)
            chars[start : f.start + m.end()] = "X" + "".join(
                "X" if c.isupper() else "x" for c in word[1:]
            )
    return "".join(chars).replace("\n", " ")  # a wrapped sentence reads as one line


class SentencesComponent:
    """Reads ``doc._.structure`` (blocks), ``doc._.found`` and ``doc._.handles``; writes
    ``doc._.sentences``, ``doc._.to_parse`` and ``doc._.parse_text``."""

    def __call__(self, doc: Doc) -> Doc:
        from ingest.extract.nlp import split_sentences

        structure = doc._.structure
        text = structure.clean.text
        sentences: list[tuple[int, int, int]] = []
        blocks = structure.blocks
        for k, block in enumerate(blocks):
            own_end = block.end  # a list entry's own text, not the entries nested in it
            if block.kind == "item" and k + 1 < len(blocks) and block.start < blocks[k + 1].start:
                own_end = min(own_end, max(blocks[k + 1].start, block.start + 1))
            if block.cells:
                units, joined = list(block.cells), False
            elif block.kind == "item":  # an entry's lines that wrap one sentence read as one
                units, joined = wrapped_runs(text, block.start, own_end), True
            else:
                units, joined = [(block.start, own_end)], block.kind == "paragraph"
            sentences += [(s, e, k) for s, e in split_sentences(text, units, joined=joined)]
        if not structure.blocks:
            sentences = [(s, e, -1) for s, e in split_sentences(text, [(0, len(text))])]
        sentences = sorted({(s, e): (s, e, k) for s, e, k in sentences}.values())
        doc._.sentences = sentences
        # the statistical model reads every sentence, list item and table cell (issue 11); a
        # "sentence" longer than any prose (a pasted log, a megabyte on one line) is read in
        # windows, so the parser's work stays linear in the document
        doc._.to_parse = [w for s, e, _k in sentences for w in windows(text, s, e)]
        doc._.parse_text = capitalise_handles(masked(text, doc._.found), doc._.handles)
        set_group(doc, "sentences", ((s, e, "sentence") for s, e, _k in sentences))
        return doc


@Language.factory("minutes_sentences")
def make_sentences(nlp: Language, name: str) -> SentencesComponent:
    return SentencesComponent()
