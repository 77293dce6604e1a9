"""Sentences of annotated minutes, labelled by the gold, for training and cross-validation.

A sentence (as the extraction splits the document) is labelled a decision when a gold
decision's evidence quote overlaps it by half of the shorter of the two, or when the
gold's paraphrase pairs with it the way ``kg eval`` pairs texts (``token_set_ratio`` >= 70)
and the sentence is no mere fragment (at least five words, and the paraphrase's words
mostly in it). The held-out split is never read: :func:`dev_documents` lists the
development split through :func:`ingest.evaluate.matching.corpus_gold`.

Run as a module to write the labelled sentences as JSON lines::

    python -m ingest.learn.dataset --corpus ../shared/corpus --samples tests/gold -o sents.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Document",
    "Sentence",
    "delexicalise",
    "dev_documents",
    "gold_pairs",
    "label_documents",
    "rule_extractions",
    "sentence_input",
]


@dataclass
class Sentence:
    start: int  # source offsets of the sentence (stripped)
    end: int
    text: str  # the sentence as the classifier reads it (see sentence_input)
    said: str  # the sentence, whitespace collapsed
    decision: bool = False
    action: bool = False
    rule_decision: bool = False  # a decision the rules found overlaps it


@dataclass
class Document:
    """One annotated document: its group (project), its sentences, the rules' extraction."""

    name: str
    group: str
    sentences: list[Sentence]
    extraction: dict[str, Any] = field(repr=False)
    gold: dict[str, Any] = field(repr=False)
    source_text: str = field(repr=False, default="")


def sentence_input(
    text: str,
    start: int,
    end: int,
    section: Sequence[str] = (),
    kind: str = "",
    before: str = "",
    after: str = "",
) -> str:
    """What the classifier reads for the clean sentence ``text[start:end]``: marked words of
    its context (the heading it stands under ``h_``, the kind of block ``k_``, the sentences
    before ``p_`` and after ``n_`` it), then the sentence with its whitespace collapsed.
    Marked, "Decisions" above an entry and "decided" in it are different features."""
    heading = section[-1] if section else ""
    context = [f"k_{kind}"] if kind else []
    for mark, words in (("h", heading), ("p", before), ("n", after)):
        context += [f"{mark}_{w}" for w in re.findall(r"[^\W\d_]+", words.lower())[:10]]
    body = " ".join(text[start:end].split())
    return f"{' '.join(context)} | {body}" if context else body


#: parts of speech that name things particular to one project: read as their tag
_NAMING = frozenset({"NOUN", "PROPN", "NUM", "X", "SYM"})


def delexicalise(docs: Sequence[Document]) -> None:
    """Rewrite each sentence's classifier input so that it names nothing particular to its
    project: nouns, names and numbers become their part of speech, other words their lemma,
    verbs also their tense (``TVBD``, ``TMD``); the context words stay. Uses the project's
    spaCy model (``en_core_web_sm``)."""
    from ingest.extract.nlp import load_language

    nlp = load_language()
    sentences = [s for d in docs for s in d.sentences]
    for sent, doc in zip(sentences, nlp.pipe(s.said[:1000] for s in sentences), strict=True):
        words = []
        for t in doc:
            if t.is_space or (t.is_punct and t.text not in ":?!"):
                continue
            words.append(t.pos_ if t.pos_ in _NAMING else t.lemma_.lower())
            if t.tag_.startswith("VB") or t.tag_ == "MD":
                words.append(f"T{t.tag_}")
        context = sent.text.split(" | ", 1)[0] if " | " in sent.text else ""
        keep = " ".join(w for w in context.split() if w.startswith(("h_", "k_")))
        sent.text = f"{keep} | {' '.join(words)}"


def group_of(name: str) -> str:
    """The project of a corpus file, coarsely: its stem up to the first hyphen
    (``scikit-learn_2022-11-28`` -> ``scikit``, ``w3c-wot-irc_2025-10-22`` -> ``w3c``: the
    same meeting in two formats must not stand on both sides of a cross-validation split);
    the samples are one group."""
    stem = Path(name).stem
    if re.match(r"\d{3}_", stem):
        return "lsst-samples"
    return re.split(r"[-_]", stem)[0]


def dev_documents(corpus: Path, samples: Sequence[Path] = ()) -> list[tuple[Path, Path]]:
    """``(document, gold)`` pairs: the corpus's development split and the given sample gold."""
    from ingest.evaluate.matching import _find_root, corpus_gold

    pairs = []
    for gold_path in corpus_gold(corpus, "dev"):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pairs.append((corpus / gold["document"], gold_path))
    for gold_path in samples:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        root = _find_root(gold_path, gold["document"])
        pairs.append((root / gold["document"], gold_path))
    return pairs


def gold_pairs(specs: Sequence[str]) -> list[tuple[Path, Path]]:
    """``(document, gold)`` pairs of ``DIR[:split]`` specs (split ``dev``, the default, or
    ``all``; never ``heldout``, which is scored once and never learned from) and of gold
    files (``*.json``, e.g. the samples)."""
    from ingest.evaluate.matching import _find_root, corpus_gold

    pairs = []
    for spec in specs:
        if spec.endswith(".json"):
            gold = json.loads(Path(spec).read_text(encoding="utf-8"))
            pairs.append((_find_root(Path(spec), gold["document"]) / gold["document"], Path(spec)))
            continue
        folder, _, split = spec.partition(":")
        if split == "heldout":
            raise SystemExit("the held-out split is scored once at the end, never learned from")
        if not (Path(folder) / "gold").is_dir():
            raise SystemExit(f"{folder}: no gold/ folder here; give a corpus folder (DIR:split)")
        for gold_path in corpus_gold(Path(folder), split or "dev"):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            pairs.append((Path(folder) / gold["document"], gold_path))
    return pairs


def _spans(quote: Any, text: str) -> list[tuple[int, int]]:
    if not isinstance(quote, str) or not quote.strip():
        return []
    out, at = [], text.find(quote)
    while at >= 0:
        out.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return out


def _overlap(s: int, e: int, spans: Sequence[tuple[int, int]]) -> bool:
    for gs, ge in spans:
        over = min(e, ge) - max(s, gs)
        if over > 0 and over >= 0.5 * min(e - s, ge - gs):
            return True
    return False


def _pairs(sentence: str, gold_text: str) -> bool:
    from rapidfuzz import fuzz

    from ingest.evaluate.matching import TEXT_THRESHOLD, normalize

    a, b = normalize(sentence), normalize(gold_text)
    if len(a.split()) < 5:
        return False
    return fuzz.token_set_ratio(a, b) >= TEXT_THRESHOLD and fuzz.partial_ratio(a, b) >= 60


def _labelled(items: Sequence[dict[str, Any]], s: int, e: int, said: str, text: str) -> bool:
    """Whether the sentence states one of the gold ``items``: it overlaps the item's quote and
    its words pair with the paraphrase as ``kg eval`` pairs them, or (a quote the splitter
    reads differently) it is a full sentence that pairs closely."""
    from rapidfuzz import fuzz

    from ingest.evaluate.matching import TEXT_THRESHOLD, normalize

    for g in items:
        gold_text = g.get("text", "")
        if _overlap(s, e, _spans(g.get("evidence"), text)):
            if fuzz.token_set_ratio(normalize(said), normalize(gold_text)) >= TEXT_THRESHOLD:
                return True
        elif _pairs(said, gold_text):
            return True
    return False


def rule_extractions(
    pairs: Sequence[tuple[Path, Path]],
) -> Iterator[tuple[Path, dict[str, Any], Any, Any, dict[str, Any]]]:
    """``(path, gold, source, prepared, extraction)`` of each pair: the document read,
    structured (:func:`ingest.pipeline._prepare`, whose clean text and sentences the
    learners read) and extracted by the rules, as ``kg extract`` does."""
    from ingest.extract.nlp import parse
    from ingest.pipeline import _finish, _prepare, load_resources
    from ingest.read.source import read_source

    resources = load_resources()
    for path, gold_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = read_source(str(path))
        prepared = _prepare(source, resources)
        texts = [(prepared.parse_text[s:e], i) for i, (s, e) in enumerate(prepared.to_parse)]
        parsed = [doc for doc, _ in parse(texts)]
        extraction = _finish(prepared, parsed, resources).to_dict()
        yield path, gold, source, prepared, extraction


def label_documents(pairs: Sequence[tuple[Path, Path]]) -> Iterator[Document]:
    """Each document extracted by the rules, its sentences labelled by its gold."""
    for path, gold, source, prepared, extraction in rule_extractions(pairs):
        clean = prepared.structure.clean
        blocks = prepared.structure.blocks
        rule_spans = [
            (ev["start"], ev["end"]) for d in extraction["decisions"] for ev in d["evidence"]
        ]
        sentences = []
        spans = prepared.sentences
        for i, (s, e, k) in enumerate(spans):
            ev = clean.evidence(s, e)
            if ev.end <= ev.start:
                continue
            section = blocks[k].section if k >= 0 else ()
            said = " ".join(clean.text[s:e].split())
            before = clean.text[spans[i - 1][0] : spans[i - 1][1]] if i else ""
            after = clean.text[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else ""
            kind = blocks[k].kind if k >= 0 else ""
            sentences.append(
                Sentence(
                    ev.start,
                    ev.end,
                    sentence_input(clean.text, s, e, section, kind, before, after),
                    said,
                    _labelled(gold["decisions"], ev.start, ev.end, said, source.text),
                    _labelled(gold["action_items"], ev.start, ev.end, said, source.text),
                    any(min(ev.end, re_) > max(ev.start, rs) for rs, re_ in rule_spans),
                )
            )
        yield Document(
            source.name or path.name, group_of(path.name), sentences, extraction, gold, source.text
        )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--samples", type=Path, nargs="*", default=[])
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args(argv)
    with args.output.open("w", encoding="utf-8") as out:
        for doc in label_documents(dev_documents(args.corpus, args.samples)):
            for sent in doc.sentences:
                out.write(json.dumps({"doc": doc.name, "group": doc.group, **asdict(sent)}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
