"""Does a trained entity tagger find the names the rules miss in minutes of projects it never saw?

Issue 11 item 4 for entities: the rules find 0.87 of the development split's entities (F1) and
about 0.57-0.75 of unseen minutes', almost all of the gap being recall (components, documents,
teams). This module trains a spaCy ``ner`` over ``en_core_web_sm``'s pretrained ``tok2vec``
(sourced, frozen) on the gold of annotated minutes and answers the question by cross-validation
grouped by project:

- every gold entity's name and aliases are found in the document's clean sentences (whole
  words, case kept) and become mentions of their type (``PERSON``, ``ORG`` for teams and
  organisations, which the scoring treats as one class, ``COMPONENT``, ``DOCUMENT``); the
  longest wins where two overlap;
- each fold trains on the other projects' documents and tags the held-back project's
  sentences;
- the tags are then combined with the rules' own extraction (:func:`combine`) and scored by
  :func:`ingest.evaluate.matching.score`, exactly as ``kg eval`` scores.

    python -m ingest.learn.entities --corpus ../shared/corpus:dev --corpus /work/extra:all
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["CONFIG", "LABELS", "Tagged", "combine", "documents", "out_of_fold", "train"]

CONFIG = Path(__file__).with_name("entities.cfg")

#: gold entity type -> tag (Team and Organization are one class in ``kg eval``)
LABELS = {
    "Person": "PERSON",
    "Team": "ORG",
    "Organization": "ORG",
    "Component": "COMPONENT",
    "Document": "DOCUMENT",
}
#: tag -> the type an added entity gets
TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "COMPONENT": "Component",
    "DOCUMENT": "Document",
}


@dataclass
class Tagged:
    """One annotated document: its sentences (clean text) with gold mentions, and the rules'
    extraction."""

    name: str
    group: str
    sentences: list[tuple[str, list[tuple[int, int, str]]]]
    extraction: dict[str, Any] = field(repr=False)
    gold: dict[str, Any] = field(repr=False)
    source_text: str = field(repr=False, default="")


def _mentions(text: str, names: Sequence[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, tag)`` of every whole-word occurrence of each
    ``(name, tag)`` in ``text``, longest first."""
    found = []
    for name, tag in names:
        if len(name) < 2 or name not in text:
            continue
        for m in re.finditer(rf"(?<![\w@#/.-]){re.escape(name)}(?![\w@/-])", text):
            found.append((m.start(), m.end(), tag))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, str]] = []
    for s, e, tag in found:
        if all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, tag))
    return sorted(kept)


def documents(pairs: Sequence[tuple[Path, Path]]) -> Iterator[Tagged]:
    """Each document extracted by the rules, its sentences with the gold's mentions."""
    from ingest.learn.dataset import group_of, rule_extractions

    for path, gold, source, prepared, extraction in rule_extractions(pairs):
        names = [
            (n, LABELS[e["type"]])
            for e in gold["entities"]
            if e["type"] in LABELS
            for n in (e["name"], *e.get("aliases", ()))
        ]
        clean = prepared.structure.clean.text
        sentences = []
        for s, e, _ in prepared.sentences:
            said = clean[s:e]
            if said.strip():
                sentences.append((said, _mentions(said, names)))
        yield Tagged(
            source.name or path.name, group_of(path.name), sentences, extraction, gold, source.text
        )


def _docbin(rows: Iterable[tuple[str, list[tuple[int, int, str]]]], path: Path) -> int:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    db = DocBin(store_user_data=False)
    n = 0
    for text, spans in rows:
        doc = nlp.make_doc(text)
        ents = []
        for s, e, tag in spans:
            span = doc.char_span(s, e, label=tag, alignment_mode="contract")
            if span is not None and len(span):
                ents.append(span)
        try:
            doc.ents = ents
        except ValueError:  # tokens shared by two contracted spans
            continue
        db.add(doc)
        n += 1
    db.to_disk(path)
    return n


def train(
    rows: Sequence[tuple[str, list[tuple[int, int, str]]]],
    output: Path,
    config: Path = CONFIG,
    overrides: dict[str, Any] | None = None,
) -> Path:
    """Train the tagger of ``config`` on ``rows`` and leave the pipeline in ``output``."""
    from ingest.learn.train import run_training

    def write(train_path: Path, dev_path: Path) -> None:
        _docbin(rows, train_path)
        _docbin(rows[:200], dev_path)  # spaCy wants one; unused

    return run_training(config, output, write, overrides)


def _tagged(nlp: Any, doc: Tagged) -> list[tuple[str, str]]:
    """The ``(surface, tag)`` mentions ``nlp`` finds in the sentences of ``doc``."""
    return [
        (" ".join(ent.text.split()), ent.label_)
        for parsed in nlp.pipe(t for t, _ in doc.sentences)
        for ent in parsed.ents
    ]


def out_of_fold(
    docs: Sequence[Tagged], folds: int = 5, **train_args: Any
) -> dict[str, list[tuple[str, str]]]:
    """Per document, the ``(surface, tag)`` mentions a tagger trained without its project
    finds in it (``folds`` groups of projects, assigned in name order)."""
    import spacy

    names = sorted({d.group for d in docs})
    fold_of = {g: i % folds for i, g in enumerate(names)}
    out: dict[str, list[tuple[str, str]]] = {}
    for fold in range(folds):
        rows = [s for d in docs if fold_of[d.group] != fold for s in d.sentences]
        with tempfile.TemporaryDirectory() as tmp:
            nlp = spacy.load(train(rows, Path(tmp) / "m", **train_args))
            for d in docs:
                if fold_of[d.group] == fold:
                    out[d.name] = _tagged(nlp, d)
    return out


def combine(
    extraction: dict[str, Any],
    mentions: Sequence[tuple[str, str]],
    tags: Iterable[str] = ("PERSON", "ORG", "COMPONENT", "DOCUMENT"),
    min_count: int = 1,
) -> dict[str, Any]:
    """The rules' extraction with an entity for each tagged name no rule entity has (by any
    name or alias, any type): a name tagged ``min_count`` times or more, of one of ``tags``,
    typed by its most frequent tag."""
    from ingest.evaluate.matching import normalize

    out = copy.deepcopy(extraction)
    known = {normalize(n) for e in out["entities"] for n in (e["name"], *e.get("aliases", ()))}
    counts: dict[str, Counter[str]] = {}
    surface: dict[str, str] = {}
    for text, tag in mentions:
        key = normalize(text)
        if len(key) < 2:
            continue
        counts.setdefault(key, Counter())[tag] += 1
        surface.setdefault(key, text)
    allowed = set(tags)
    for key, tally in counts.items():
        tag, _ = tally.most_common(1)[0]
        if key in known or tag not in allowed or sum(tally.values()) < min_count:
            continue
        out["entities"].append(
            {"id": f"learned:{key}", "type": TYPES[tag], "name": surface[key], "aliases": []}
        )
    return out


def _totals(docs: Sequence[Tagged], extractions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    from ingest.evaluate.matching import score

    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for d in docs:
        s = score(extractions[d.name], d.gold, source_text=d.source_text)
        for k, prf in s.entities.items():
            tp[k] += prf.tp
            fp[k] += prf.fp
            fn[k] += prf.fn
    out = {}
    for k in sorted(tp.keys() | fn.keys() | fp.keys()):
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 0.0
        r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 0.0
        out[k] = (round(p, 3), round(r, 3), round(2 * p * r / (p + r) if p + r else 0.0, 3))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", default=[], help="DIR:split or a gold file")
    ap.add_argument(
        "--test",
        action="append",
        default=[],
        help="DIR:split scored by a model trained on every --corpus document",
    )
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--config", type=Path, default=CONFIG)
    ap.add_argument("--cache", type=Path, help="keep the tagged mentions here (JSON)")
    args = ap.parse_args(argv)
    from ingest.learn.dataset import gold_pairs

    docs = list(documents(gold_pairs(args.corpus)))
    tests = list(documents(gold_pairs(args.test))) if args.test else []
    if args.cache and args.cache.exists():
        mentions = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        mentions = out_of_fold(docs, args.folds, config=args.config) if not tests else {}
        if tests:
            import spacy

            with tempfile.TemporaryDirectory() as tmp:
                rows = [s for d in docs for s in d.sentences]
                nlp = spacy.load(train(rows, Path(tmp) / "m", config=args.config))
                for d in tests:
                    mentions[d.name] = _tagged(nlp, d)
        if args.cache:
            args.cache.write_text(json.dumps(mentions), encoding="utf-8")
    scored = tests or docs
    rules = {d.name: d.extraction for d in scored}
    print(f"{len(scored)} documents, {len({d.group for d in scored})} projects")
    print("rules alone:", json.dumps(_totals(scored, rules)))
    variants: list[tuple[str, dict[str, Any]]] = [
        ("add all", {}),
        ("add seen twice", {"min_count": 2}),
        ("add PERSON", {"tags": ["PERSON"]}),
        ("add ORG", {"tags": ["ORG"]}),
        ("add COMPONENT", {"tags": ["COMPONENT"]}),
        ("add DOCUMENT", {"tags": ["DOCUMENT"]}),
        ("add COMPONENT twice", {"tags": ["COMPONENT"], "min_count": 2}),
    ]
    for label, kw in variants:
        combined = {d.name: combine(d.extraction, mentions.get(d.name, []), **kw) for d in scored}
        print(f"{label}:", json.dumps(_totals(scored, combined)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
