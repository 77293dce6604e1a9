"""``minutes_sentences``: every sentence, list item and table cell, and what the parser reads."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ingest.components.document import set_group
from ingest.structure.handles import capitalise_handles

__all__ = ["MAX_SENTENCE_CHARS", "SentencesComponent", "masked", "windows"]

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
            units = list(block.cells) or [(block.start, own_end)]
            joined = block.kind == "paragraph"  # its lines wrap its sentences
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
