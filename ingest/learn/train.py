"""Train the sentence classifiers with spaCy's own training (``spacy train`` on a config).

``make train-decisions`` runs::

    python -m ingest.learn.train --corpus ../shared/corpus --samples tests/gold/*.json \\
        --label decision --output ingest/learn/models/decisions

which labels the sentences of the corpus's development split and of the samples by their
gold (:mod:`ingest.learn.dataset`), writes them as spaCy ``DocBin`` files and trains the
pipeline of ``ingest/learn/decisions.cfg`` (seeded; CPU). Only the trained pipeline's
files are kept in the output folder.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["CONFIG", "LABELS", "run_training", "train", "write_docbin"]

CONFIG = Path(__file__).with_name("decisions.cfg")
LABELS = {"decision": "DECISION", "action": "ACTION"}
OTHER = "OTHER"


def write_docbin(rows: Iterable[dict[str, Any]], label: str, path: Path, repeat: int = 1) -> int:
    """Write ``rows`` (``{"text", label: bool}``) as a DocBin; positives ``repeat`` times."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    name = LABELS[label]
    db = DocBin(store_user_data=False)
    n = 0
    for row in rows:
        doc = nlp.make_doc(row["text"])
        yes = bool(row[label])
        doc.cats = {name: float(yes), OTHER: float(not yes)}
        for _ in range(repeat if yes else 1):
            db.add(doc)
            n += 1
    db.to_disk(path)
    return n


def run_training(
    config: Path,
    output: Path,
    write: Callable[[Path, Path], Any],
    overrides: dict[str, Any] | None = None,
) -> Path:
    """``spacy train`` on ``config`` with the data ``write(train_path, dev_path)`` puts in a
    scratch folder; the trained pipeline is left in ``output`` (replaced)."""
    from spacy.cli.train import train as spacy_train

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write(work / "train.spacy", work / "dev.spacy")
        spacy_train(
            config,
            work / "out",
            overrides={
                "paths.train": str(work / "train.spacy"),
                "paths.dev": str(work / "dev.spacy"),
                **(overrides or {}),
            },
        )
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(work / "out" / "model-last", output)
    return output


def train(
    rows: Sequence[dict[str, Any]],
    label: str,
    output: Path,
    config: Path = CONFIG,
    repeat: int = 1,
    overrides: dict[str, Any] | None = None,
) -> Path:
    """Train on ``rows`` and leave the trained pipeline in ``output`` (replaced)."""

    def write(train_path: Path, dev_path: Path) -> None:
        write_docbin(rows, label, train_path, repeat)
        write_docbin(rows[:200], label, dev_path)  # spaCy wants one; unused

    return run_training(config, output, write, overrides)


def main(argv: Sequence[str] | None = None) -> int:
    from ingest.learn.dataset import dev_documents, label_documents

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--samples", type=Path, nargs="*", default=[])
    ap.add_argument("--label", choices=sorted(LABELS), default="decision")
    ap.add_argument("--output", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=1, help="copies of each positive sentence")
    args = ap.parse_args(argv)
    rows = [
        {"text": s.text, "decision": s.decision, "action": s.action}
        for doc in label_documents(dev_documents(args.corpus, args.samples))
        for s in doc.sentences
    ]
    train(rows, args.label, args.output, repeat=args.repeat)
    print(json.dumps({"sentences": len(rows), "positive": sum(r[args.label] for r in rows)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
