"""Extraction scores: precision/recall counts, accuracies, per-document scores, reports.

:class:`PRF` and :class:`Accuracy` add up, so :func:`combine` micro-averages the
scores of many documents; :func:`format_report` prints them as ``kg eval`` does.
:mod:`ingest.evaluate.matching` computes them.

>>> (PRF(tp=3, fp=1) + PRF(fn=1)).f1
0.75
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

__all__ = ["PRF", "Accuracy", "Scores", "combine", "format_report"]


@dataclass(frozen=True)
class PRF:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Accuracy:
    """``correct`` out of ``total`` (1.0 when nothing was scored)."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass(frozen=True)
class Scores:
    """Scores of one extraction (or micro-averaged totals of several, see :func:`combine`).

    ``misses`` and ``false_hits`` map a category (``"entities"``, ``"relations"``,
    ``"assignees"``, ``"due"``, ``"status"``, ``"tickets"``, ``"decisions"``) to readable lines.
    """

    document: str
    entities: dict[str, PRF]
    relations: dict[str, PRF]
    actions: PRF
    assignees: PRF
    due: Accuracy
    status: Accuracy
    tickets: Accuracy
    decisions: PRF
    quote_violations: tuple[str, ...] = ()
    misses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    false_hits: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready data: counts become dicts with their ratios, tuples lists."""
    if isinstance(value, PRF | Accuracy):
        return value.to_dict()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return list(value) if isinstance(value, tuple) else value


def combine(scores: Iterable[Scores]) -> Scores:
    """Micro-averaged totals: counts summed over documents, lines concatenated."""
    scores = list(scores)
    if not scores:
        raise ValueError("combine() needs at least one Scores")
    merged: dict[str, Any] = {"document": "(all)"}
    for f in fields(Scores):
        if f.name == "document":
            continue
        for s in scores:
            value, tag = getattr(s, f.name), f"[{Path(s.document).name}] "
            if isinstance(value, PRF | Accuracy):
                merged[f.name] = merged.get(f.name, type(value)()) + value
            elif isinstance(value, tuple):
                merged[f.name] = merged.get(f.name, ()) + tuple(tag + x for x in value)
            else:
                out = merged.setdefault(f.name, {})
                for k, v in value.items():
                    if isinstance(v, tuple):
                        out[k] = out.get(k, ()) + tuple(tag + x for x in v)
                    else:
                        out[k] = out.get(k, PRF()) + v
    return Scores(**merged)


def _table(title: str, rows: dict[str, PRF]) -> list[str]:
    lines = [f"  {title:<16} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for key, v in sorted(rows.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        lines.append(
            f"  {key:<16} {v.precision:6.2f} {v.recall:6.2f} {v.f1:6.2f} "
            f"{v.tp:4d} {v.fp:4d} {v.fn:4d}"
        )
    return lines


def format_report(s: Scores, details: bool = True) -> str:
    """A readable report: tables per entity type and predicate, then misses and false hits."""
    lines = [f"== {s.document}"]
    lines += _table("entity type", s.entities)
    lines += _table("predicate", s.relations)
    lines += _table(
        "items", {"action items": s.actions, "assignees": s.assignees, "decisions": s.decisions}
    )
    for name, acc in (("due", s.due), ("status", s.status), ("tickets", s.tickets)):
        lines.append(f"  {name} accuracy {acc.value:.2f} ({acc.correct}/{acc.total})")
    lines.append(f"  quote violations: {len(s.quote_violations)}")
    if details:
        lines += [f"    {v}" for v in s.quote_violations]
        for label, groups in (("misses", s.misses), ("false hits", s.false_hits)):
            for category, items in groups.items():
                if items:
                    lines.append(f"  {label} / {category} ({len(items)}):")
                    lines += [f"    - {x}" for x in items]
    return "\n".join(lines)
