"""Does a trained sentence classifier find the action items, and so the assignees, the rules miss
in minutes of projects it never saw?

The rules find about half of the development split's action items and a third of unseen
minutes' (assignee F1 0.75 on dev, 0.3-0.6 on unseen minutes), almost all of the gap being
recall. This replays, by cross-validation grouped by project (label ``action`` of
:func:`ingest.learn.cv.out_of_fold_scores`), what the classifier's scores would do:

- ``add``: a sentence no rule action item covers, scored at least ``add``, becomes an action
  item (its text: the sentence; status open); its assignee is the first person the rules
  found whose name or alias the sentence names (as a whole word), else none;
- the result is scored by :func:`ingest.evaluate.matching.score`, as ``kg eval`` scores, per
  corpus given (so a pool nobody wrote rules from is reported on its own).

    python -m ingest.learn.actions --corpus ../shared/corpus --corpus /work/extra:all
"""

from __future__ import annotations

import argparse
import copy
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ingest.learn.dataset import Document

__all__ = ["combine_actions", "replay_actions"]


def _people(extraction: dict[str, Any]) -> list[tuple[re.Pattern[str], str]]:
    out = []
    for e in extraction["entities"]:
        if e["type"] != "Person":
            continue
        names = sorted({e["name"], *e.get("aliases", ())}, key=len, reverse=True)
        names = [n for n in names if len(n) >= 2]
        if names:
            alt = "|".join(re.escape(n) for n in names)
            out.append((re.compile(rf"(?<![\w@])@?(?:{alt})(?!\w)"), e["id"]))
    return out


def combine_actions(
    doc: Document, scores: Sequence[float], add: float | None, reject: float | None = None
) -> list[dict[str, Any]]:
    """The rules' action items of ``doc`` (less those whose every sentence scores below
    ``reject``) and, at ``add``, the classifier's sentences."""
    actions = []
    for a in doc.extraction["action_items"]:
        spans = [(ev["start"], ev["end"]) for ev in a["evidence"]]
        covered = [
            sc
            for s, sc in zip(doc.sentences, scores, strict=True)
            if any(min(s.end, e) > max(s.start, b) for b, e in spans)
        ]
        if reject is not None and covered and max(covered) < reject:
            continue
        actions.append(a)
    if add is None:
        return actions
    people = _people(doc.extraction)
    taken = [(ev["start"], ev["end"]) for a in actions for ev in a["evidence"]]
    for s, sc in zip(doc.sentences, scores, strict=True):
        if sc < add or any(min(s.end, e) > max(s.start, b) for b, e in taken):
            continue
        quote = doc.source_text[s.start : s.end]
        hits = sorted((m.start(), iri) for rx, iri in people if (m := rx.search(s.said)))
        actions.append(
            {
                "text": s.said,
                "assignees": [hits[0][1]] if hits else [],
                "due": None,
                "status": "open",
                "tickets": [],
                "evidence": [{"quote": quote, "start": s.start, "end": s.end}],
            }
        )
        taken.append((s.start, s.end))
    return actions


def replay_actions(
    docs: Sequence[Document],
    scores: dict[str, list[float]],
    add: float | None,
    reject: float | None = None,
) -> dict[str, tuple[int, int, int]]:
    """``{"actions"|"assignees": (tp, predicted, gold)}`` over ``docs``."""
    from ingest.evaluate.matching import score

    out = {"actions": [0, 0, 0], "assignees": [0, 0, 0]}
    for doc in docs:
        ext = copy.copy(doc.extraction)
        ext["action_items"] = combine_actions(doc, scores[doc.name], add, reject)
        got = score(ext, doc.gold, source_text=doc.source_text)
        for key, prf in (("actions", got.actions), ("assignees", got.assignees)):
            out[key][0] += prf.tp
            out[key][1] += prf.tp + prf.fp
            out[key][2] += prf.tp + prf.fn
    return {k: tuple(v) for k, v in out.items()}  # type: ignore[misc]


def _f(tp: int, pred: int, gold: int) -> str:
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.2f} {r:.2f} {f:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    from ingest.learn.cv import out_of_fold_scores
    from ingest.learn.dataset import gold_pairs, label_documents
    from ingest.learn.train import CONFIG

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", default=[], help="DIR[:split] or a gold file")
    ap.add_argument("--config", type=Path, default=CONFIG)
    ap.add_argument("--folds", type=int, default=6)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--set", nargs="*", default=[], help="config overrides: key=json")
    ap.add_argument("--cache", type=Path, help="keep the out-of-fold scores here (JSON)")
    args = ap.parse_args(argv)
    groups: dict[str, list[Document]] = {}
    docs: list[Document] = []
    for spec in args.corpus:
        these = list(label_documents(gold_pairs([spec])))
        groups[spec] = these
        docs += these
    overrides = {k: json.loads(v) for k, v in (o.split("=", 1) for o in args.set)}
    if args.cache and args.cache.exists():
        scores = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        scores = out_of_fold_scores(
            docs,
            label="action",
            folds=args.folds,
            config=args.config,
            repeat=args.repeat,
            overrides=overrides,
        )
        if args.cache:
            args.cache.write_text(json.dumps(scores), encoding="utf-8")
    from ingest.learn.cv import ranking_auc

    for d in docs:  # ranking_auc reads the decision label
        for s in d.sentences:
            s.decision, s.action = s.action, s.decision
    print(f"out-of-fold ranking AUC of action sentences: {ranking_auc(docs, scores):.3f}")
    for d in docs:
        for s in d.sentences:
            s.decision, s.action = s.action, s.decision
    print("add | " + " | ".join(f"{k}: actions P R F1, assignees P R F1" for k in groups))
    grid = [(a, None) for a in (None, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3)]
    grid += [(None, r) for r in (0.01, 0.02, 0.05, 0.1)]
    for add, reject in grid:
        row = []
        for these in groups.values():
            got = replay_actions(these, scores, add, reject)
            row.append(f"{_f(*got['actions'])}, {_f(*got['assignees'])}")
        print(f"add {add} reject {reject} | " + " | ".join(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
