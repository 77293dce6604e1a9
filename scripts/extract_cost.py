"""What extraction costs beside the statistical model, per document set.

    python scripts/extract_cost.py [--corpus ../shared/corpus] [--split dev] [--reps 3]

Reads every document of a corpus split once, then times, in this process and in CPU
seconds (``time.process_time``, so other programs on the machine matter less than for
wall-clock figures), the three stages of :func:`ingest.pipeline.extract_source`: the rules
before the parse (layout, terms, people, sentence windows), the spaCy parse of the windows,
and the rules after it (one component per capability). Prints the best of ``--reps`` runs.

A rule that scans every token against every entity or word list shows up here as "rules"
growing against "parse". ``make bench`` holds the bar (kg ingest >= 0.5x raw spaCy words/s);
this is the quick check before a change lands. The held-out split is never read unless asked.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--split", default="dev", choices=("dev", "all", "heldout"))
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()

    import json

    from ingest.evaluate.matching import corpus_gold
    from ingest.extract.nlp import load_language, parse
    from ingest.pipeline import _finish, _prepare, load_resources
    from ingest.read.source import read_source

    resources = load_resources()
    nlp = load_language()
    sources = []
    for gold in corpus_gold(args.corpus, args.split):
        name = json.loads(gold.read_text(encoding="utf-8"))["document"]
        sources.append(read_source(str(args.corpus / name)))
    words = sum(len(s.text.split()) for s in sources)

    best = {"before": float("inf"), "parse": float("inf"), "after": float("inf")}
    for _ in range(args.reps):
        spent = dict.fromkeys(best, 0.0)
        for source in sources:
            t0 = time.process_time()
            prepared = _prepare(source, resources)
            t1 = time.process_time()
            texts = [(prepared.parse_text[s:e], i) for i, (s, e) in enumerate(prepared.to_parse)]
            parsed = [doc for doc, _ in parse(texts, nlp=nlp)]
            t2 = time.process_time()
            _finish(prepared, parsed, resources)
            t3 = time.process_time()
            spent["before"] += t1 - t0
            spent["parse"] += t2 - t1
            spent["after"] += t3 - t2
        best = {k: min(best[k], spent[k]) for k in best}
    rules = best["before"] + best["after"]
    total = rules + best["parse"]
    print(
        f"{len(sources)} documents, {words:,} words (split {args.split}),"
        f" best of {args.reps}, CPU s"
    )
    print(f"  rules before parse {best['before']:6.2f}")
    print(f"  spaCy parse        {best['parse']:6.2f}")
    print(f"  rules after parse  {best['after']:6.2f}")
    ratio = rules / best["parse"]
    print(f"  rules / parse      {ratio:6.2f}   (words/s overall {words / total:,.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
