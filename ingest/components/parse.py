"""``minutes_parse``: the statistical model (parser and NER) over a document's sentence windows.

The ``minutes`` pipeline's one statistical step. ``minutes_sentences`` leaves the windows the
model reads (``doc._.to_parse``: every sentence, list item and table cell, cut to at most
2,000 characters) and the text it reads them in (``doc._.parse_text``: known names masked,
offsets kept); this component hands them to the model (:func:`ingest.extract.nlp.parse`) and
writes ``doc._.parses``, ``{(clean start, end): the model's Doc of that window}``, which every
later component reads.

Over many documents (``minutes.pipe(docs)``) the windows of all of them go through the model
as one stream, ``batch_size`` windows at a time, so a batch mixes the short documents and
the tails of long ones; each document leaves as soon as its last window is parsed, in the
order the documents came, and the model's work is the same as one document at a time.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import count

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["ParseComponent"]


class ParseComponent:
    """Reads ``doc._.to_parse`` and ``doc._.parse_text``; writes ``doc._.parses``.

    ``n_process`` and ``batch_size`` are the statistical model's (``nlp.pipe``'s): the rules
    run in this process, only the model's work is shared out (a ``minutes.pipe`` call may
    set them per call with ``component_cfg={"minutes_parse": {"n_process": 2}}``).
    """

    def __init__(self, name: str = "minutes_parse", n_process: int = 1, batch_size: int = 64):
        self.name = name
        self.n_process = n_process
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        (doc,) = self.pipe([doc], n_process=1)
        return doc

    def pipe(
        self, docs: Iterable[Doc], batch_size: int | None = None, n_process: int | None = None
    ) -> Iterator[Doc]:
        """Each of ``docs`` with its windows parsed, in order; the windows of all of them
        are read as one stream (documents are pulled from ``docs`` only as the model asks
        for windows, so a long stream is never held at once)."""
        from ingest.extract.nlp import parse

        waiting: deque[_Waiting] = deque()
        by_key: dict[int, _Waiting] = {}
        keys = count()

        def windows() -> Iterator[tuple[str, int]]:
            for doc in docs:
                entry = _Waiting(next(keys), doc)  # an int key: contexts travel to workers
                waiting.append(entry)
                by_key[entry.key] = entry
                text = doc._.parse_text
                for s, e in doc._.to_parse:
                    yield text[s:e], entry.key

        def ready() -> Iterator[Doc]:
            while waiting and len(waiting[0].parsed) == len(waiting[0].doc._.to_parse):
                entry = waiting.popleft()
                del by_key[entry.key]
                doc = entry.doc
                doc._.parses = dict(zip(doc._.to_parse, entry.parsed, strict=True))
                yield doc

        for window, key in parse(
            windows(),
            n_process=self.n_process if n_process is None else n_process,
            batch_size=self.batch_size if batch_size is None else batch_size,
        ):
            by_key[key].parsed.append(window)
            yield from ready()
        yield from ready()


class _Waiting:
    """A document whose windows are being parsed, and the parses so far."""

    __slots__ = ("key", "doc", "parsed")

    def __init__(self, key: int, doc: Doc) -> None:
        self.key = key
        self.doc = doc
        self.parsed: list[Doc] = []


@Language.factory(
    "minutes_parse",
    default_config={"n_process": 1, "batch_size": 64},
    requires=["doc._.to_parse", "doc._.parse_text"],
    assigns=["doc._.parses"],
)
def make_parse(nlp: Language, name: str, n_process: int, batch_size: int) -> ParseComponent:
    return ParseComponent(name, n_process=n_process, batch_size=batch_size)
