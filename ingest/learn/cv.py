"""Cross-validation of a sentence classifier grouped by project, and of its combination
with the rules, scored the way ``kg eval`` scores (:func:`ingest.evaluate.matching.score`).

Each fold trains on the other projects' documents and scores the held-back project's
sentences, so every figure is for minutes of a project the model never saw. The
combination is then replayed on the rules' own extractions:

- ``add``: a sentence no rule decision covers becomes a decision when its score is at
  least ``add`` (its text: the sentence);
- ``reject``: a rule decision is dropped when every sentence it covers scores below
  ``reject`` (votes, whose evidence is a block, are kept).

    python -m ingest.learn.cv --corpus ../shared/corpus --samples tests/gold/*.json
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ingest.learn.dataset import Document

__all__ = ["combine_decisions", "out_of_fold_scores", "ranking_auc", "replay"]


def out_of_fold_scores(
    docs: Sequence[Document], label: str = "decision", folds: int = 6, **train_args: Any
) -> dict[str, list[float]]:
    """Per document, the score of each of its sentences by a model trained without its
    project (``folds`` groups of projects, assigned in name order)."""
    import spacy

    from ingest.learn.train import LABELS, train

    names = sorted({d.group for d in docs})
    fold_of = {g: i % folds for i, g in enumerate(names)}
    out: dict[str, list[float]] = {}
    for fold in range(folds):
        rows = [
            {"text": s.text, label: getattr(s, label)}
            for d in docs
            if fold_of[d.group] != fold
            for s in d.sentences
        ]
        with tempfile.TemporaryDirectory() as tmp:
            model = train(rows, label, Path(tmp) / "m", **train_args)
            nlp = spacy.load(model)
            for d in docs:
                if fold_of[d.group] == fold:
                    out[d.name] = [
                        doc.cats[LABELS[label]] for doc in nlp.pipe(s.text for s in d.sentences)
                    ]
    return out


def combine_decisions(
    doc: Document, scores: Sequence[float], add: float | None, reject: float | None
) -> list[dict[str, Any]]:
    """The rules' decisions of ``doc`` combined with the classifier's ``scores``."""
    decisions = []
    for d in doc.extraction["decisions"]:
        spans = [(ev["start"], ev["end"]) for ev in d["evidence"]]
        covered = [
            sc
            for s, sc in zip(doc.sentences, scores, strict=True)
            if any(min(s.end, e) > max(s.start, b) for b, e in spans)
        ]
        if reject is not None and covered and len(covered) <= 2 and max(covered) < reject:
            continue
        decisions.append(d)
    if add is not None:
        taken = [(ev["start"], ev["end"]) for d in decisions for ev in d["evidence"]]
        for s, sc in zip(doc.sentences, scores, strict=True):
            if sc >= add and not any(min(s.end, e) > max(s.start, b) for b, e in taken):
                body = s.said
                quote = doc.source_text[s.start : s.end]
                decisions.append(
                    {"text": body, "evidence": [{"quote": quote, "start": s.start, "end": s.end}]}
                )
                taken.append((s.start, s.end))
    return decisions


def replay(
    docs: Sequence[Document],
    scores: dict[str, list[float]],
    add: float | None,
    reject: float | None,
) -> tuple[float, float, float, int, int, int]:
    """Micro P, R, F1 (and tp, predicted, gold) of decisions over ``docs``."""
    from ingest.evaluate.matching import score

    tp = n_pred = n_gold = 0
    for doc in docs:
        ext = copy.copy(doc.extraction)
        ext["decisions"] = combine_decisions(doc, scores[doc.name], add, reject)
        got = score(ext, doc.gold, source_text=doc.source_text).decisions
        tp, n_pred, n_gold = tp + got.tp, n_pred + got.tp + got.fp, n_gold + got.tp + got.fn
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, n_pred, n_gold


def ranking_auc(docs: Sequence[Document], scores: dict[str, list[float]]) -> float:
    """How often a decision sentence outscores a sentence that is none (pooled out-of-fold
    scores; 0.5 is chance)."""
    from bisect import bisect_left, bisect_right

    pos, neg = [], []
    for d in docs:
        for s, sc in zip(d.sentences, scores[d.name], strict=True):
            (pos if s.decision else neg).append(sc)
    if not pos or not neg:
        return 0.5
    neg.sort()
    wins = sum(
        bisect_left(neg, p) + 0.5 * (bisect_right(neg, p) - bisect_left(neg, p)) for p in pos
    )
    return wins / (len(pos) * len(neg))


def main(argv: Sequence[str] | None = None) -> int:
    from ingest.learn.dataset import delexicalise, dev_documents, label_documents
    from ingest.learn.train import CONFIG

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--samples", type=Path, nargs="*", default=[])
    ap.add_argument("--config", type=Path, default=CONFIG)
    ap.add_argument("--repeat", type=int, default=1, help="copies of each positive sentence")
    ap.add_argument("--folds", type=int, default=6)
    ap.add_argument("--delex", action="store_true", help="read parts of speech, not nouns")
    ap.add_argument("--set", nargs="*", default=[], help="config overrides: key=json")
    ap.add_argument("--dump", type=Path, help="write every sentence's out-of-fold score here")
    args = ap.parse_args(argv)
    docs = list(label_documents(dev_documents(args.corpus, args.samples)))
    if args.delex:
        delexicalise(docs)
    overrides = dict(o.split("=", 1) for o in args.set)
    overrides = {k: json.loads(v) for k, v in overrides.items()}
    scores = out_of_fold_scores(
        docs, folds=args.folds, config=args.config, repeat=args.repeat, overrides=overrides
    )
    if args.dump:
        rows = [
            {
                "doc": d.name,
                "said": s.said,
                "text": s.text,
                "decision": s.decision,
                "rule": s.rule_decision,
                "score": sc,
            }
            for d in docs
            for s, sc in zip(d.sentences, scores[d.name], strict=True)
        ]
        args.dump.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    dev = [d for d in docs if not re.match(r"\d{3}_", d.name)]
    samples = [d for d in docs if re.match(r"\d{3}_", d.name)]
    print(f"out-of-fold ranking AUC (all sentences): {ranking_auc(docs, scores):.3f}")
    print("add reject | dev P R F1 tp pred gold | samples P R F1")
    grid = [None, 0.1, 0.2, 0.3, 0.5, 0.7]
    for add in grid:
        for reject in (None, 0.005, 0.01, 0.02):
            a = replay(dev, scores, add, reject)
            b = replay(samples, scores, add, reject) if samples else (0, 0, 0)
            print(
                f"{add} {reject} | {a[0]:.2f} {a[1]:.2f} {a[2]:.3f} {a[3]} {a[4]} {a[5]}"
                f" | {b[0]:.2f} {b[1]:.2f} {b[2]:.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
