"""The same minutes give the same graph, whatever was ingested before them (issue 12).

Ingest A then B, B then A, and A, B, A again into fresh stores: the N-Quads are identical
but for the ingest timestamps (``prov:generatedAtTime``). Checked on the two samples
(data/minutes) and on the development split of the shared corpus (skipped where the
corpus is not beside the checkout).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import OxigraphStore
from ingest.batch import ingest_paths
from ingest.evaluate.matching import corpus_gold
from tests.ingest.test_corpus_bars import CORPUS

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "data" / "minutes").glob("*.txt"))


def _dump(tmp: Path, name: str, batches: list[list[Path]]) -> set[str]:
    store = OxigraphStore(tmp / name)
    for batch in batches:
        reports = ingest_paths(store, batch)
        assert all(r.ok for r in reports), [r.error for r in reports if not r.ok]
    text = store.export("nq").decode("utf-8")
    store.close()
    return {line for line in text.splitlines() if "generatedAtTime" not in line}


def _corpus_documents() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS} (set KG_CORPUS)")
    docs = []
    for gold in corpus_gold(CORPUS, "dev"):
        stem = gold.name[: -len(".gold.json")]
        docs += [p for p in CORPUS.glob(stem + ".*") if p.is_file()]
    return docs


def test_sample_graphs_do_not_depend_on_ingest_order(tmp_path):
    a, b = SAMPLES[:1], SAMPLES[1:]
    assert a and b
    ab = _dump(tmp_path, "ab", [a, b])
    assert ab == _dump(tmp_path, "ba", [b, a])
    assert ab == _dump(tmp_path, "aba", [a, b, a])


@pytest.mark.slow
def test_corpus_graphs_do_not_depend_on_ingest_order(tmp_path):
    docs = _corpus_documents()
    half = len(docs) // 2
    a, b = docs[:half], docs[half:]
    ab = _dump(tmp_path, "ab", [a, b])
    assert len(ab) > 5_000
    assert ab == _dump(tmp_path, "ba", [b, a])
    assert ab == _dump(tmp_path, "aba", [a, b, a])
