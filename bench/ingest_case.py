"""Ingest throughput: ``kg ingest`` against raw ``nlp.pipe`` of the same spaCy pipeline.

Both sides are whole child processes timed from outside (interpreter start, model
load and all), over the same cleaned text (``ingest.read.source`` + ``ingest.read.clean``), so the
ratio of their words per second is the cost of everything that is ours: structure,
matchers, resolution, relations, emit and the store. Variants run interleaved,
repetition by repetition, so machine noise hits them alike.

Usage (run by :mod:`bench.run`)::

    python -m bench.ingest_case measure --corpus DIR --reps 5 --processes 1 2 --out R.json
    python -m bench.ingest_case raw --corpus DIR --processes 2      # the baseline child
    python -m bench.ingest_case profile --corpus DIR --out P.json   # pyinstrument of kg ingest
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.measure import PYTHON, ROOT, emit, run_child, summarise

__all__ = ["cleaned_texts", "count_words", "measure", "raw_pipe", "profile_ingest", "main"]

_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def cleaned_texts(corpus: str | Path) -> list[str]:
    """The cleaned text of every minutes file under ``corpus``, as ``kg ingest`` sees it."""
    from ingest.read.clean import clean
    from ingest.read.source import read_source

    files = sorted(p for p in Path(corpus).rglob("*") if p.suffix.lower() in _SUFFIXES)
    return [clean(read_source(p)).text for p in files]


def count_words(texts: Sequence[str]) -> int:
    """Whitespace-separated words: the unit of every words/s figure."""
    return sum(len(t.split()) for t in texts)


def raw_pipe(corpus: str | Path, processes: int) -> dict[str, float]:
    """The baseline: load the model and ``nlp.pipe`` the cleaned texts (in this process)."""
    t0 = time.perf_counter()
    import spacy

    from ingest.extract.nlp import MODEL

    nlp = spacy.load(MODEL)
    t1 = time.perf_counter()
    texts = cleaned_texts(corpus)
    t2 = time.perf_counter()
    batch = max(1, min(32, len(texts) // (4 * processes) or 1))
    tokens = 0
    for doc in nlp.pipe(texts, n_process=processes, batch_size=batch):
        tokens += len(doc)
    t3 = time.perf_counter()
    return {"load": t1 - t0, "read_clean": t2 - t1, "pipe": t3 - t2, "tokens": tokens}


def _kg_cmd(store: Path, corpus: str | Path, processes: int) -> list[str]:
    return [
        PYTHON,
        "-m",
        "kg.cli",
        "--store",
        str(store),
        "ingest",
        str(corpus),
        "--processes",
        str(processes),
    ]


def measure(
    corpus: str | Path,
    reps: int,
    processes: Sequence[int],
    timeout: float = 1800.0,
    sides: Sequence[str] = ("raw", "kg"),
) -> dict[str, Any]:
    """Wall time, words/s and peak RSS of raw spaCy and ``kg ingest``, interleaved."""
    texts = cleaned_texts(corpus)
    words = count_words(texts)
    runs: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    errors: dict[str, str] = {}
    failed: dict[str, int] = defaultdict(int)
    partial: dict[str, dict[str, float]] = {}
    scratch = Path(tempfile.mkdtemp(prefix="kg-bench-ingest-"))
    try:
        for _ in range(reps):
            for n in processes:
                raw_cmd = [PYTHON, "-m", "bench.ingest_case", "raw", "--corpus", str(corpus)]
                variants = {
                    f"raw spaCy, {n} process": raw_cmd + ["--processes", str(n)],
                    f"kg ingest, {n} process": _kg_cmd(scratch / "store", corpus, n),
                }
                for name, cmd in variants.items():
                    if name.split()[0] not in sides:
                        continue
                    shutil.rmtree(scratch / "store", ignore_errors=True)
                    run = run_child(cmd, timeout=timeout)
                    if run.returncode != 0:
                        tail = (run.stderr.strip() or run.stdout.strip())[-600:]
                        failed[name] += 1
                        partial[name] = {
                            "seconds": run.seconds,
                            "peak_rss_mb": run.peak_rss / 2**20,
                        }
                        errors[name] = (
                            f"{failed[name]} run(s) failed and are left out of the figures; "
                            f"the last: {tail} (exit {run.returncode} after {run.seconds:.0f} s, "
                            f"peak RSS {run.peak_rss / 2**20:.0f} MB until then)"
                        )
                        continue
                    runs[name]["seconds"].append(run.seconds)
                    runs[name]["words_per_s"].append(words / run.seconds)
                    runs[name]["peak_rss_mb"].append(run.peak_rss / 2**20)
                    if name.startswith("raw"):
                        inner = json.loads(run.stdout.strip().splitlines()[-1])
                        for key in ("load", "pipe"):
                            runs[name][f"{key}_seconds"].append(inner[key])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {
        "documents": len(texts),
        "words": words,
        "reps": reps,
        "variants": {
            name: {key: summarise(vals) for key, vals in metrics.items()}
            for name, metrics in runs.items()
        },
        "errors": errors,
        "failed_runs": partial,
    }


_SPACY = ("/spacy/", "/thinc/", "/en_core_web", "/blis/", "/numpy/", ".pyx")


def _ours(path: str) -> str | None:
    """The project file a frame belongs to (``ingest/extract/nlp.py``), or None for library code."""
    p = (path or "").replace("\\", "/")
    root = str(ROOT).replace("\\", "/") + "/"
    if p.startswith(root) and "/site-packages/" not in p and "/.venv/" not in p:
        return p[len(root) :]
    return None


def _phase(stack: Sequence[Any]) -> tuple[str, str]:
    """(phase, function) that a sample with this call stack (root first) is charged to.

    Imports and the model load are phases of their own; time inside spaCy called from
    our code is "spaCy pipeline"; the rest goes to the innermost project file on the stack.
    """
    if any(f.function == "<module>" for f in stack):
        return "imports (module loading)", ""
    if any(
        f.function == "load" and (f.file_path or "").endswith("spacy/__init__.py") for f in stack
    ):
        return "spaCy model load", ""
    inner = None
    for i, f in enumerate(stack):
        if _ours(f.file_path):
            inner = i
    if inner is None:
        return "other", stack[-1].function if stack else ""
    below = stack[inner + 1 :]
    if any(any(m in (f.file_path or "") for m in _SPACY) for f in below):
        return "spaCy pipeline (nlp.pipe)", ""
    owner = stack[inner]
    return str(_ours(owner.file_path)), owner.function


def profile_ingest(corpus: str | Path, top: int = 15, processes: int = 1) -> dict[str, Any]:
    """Profile ``kg ingest`` with pyinstrument; time by phase and by our module.

    The per-document budget (``ingest/budget.py``) is off while profiling: with it, every
    document is extracted in a forked child and the sampled process only waits; without it,
    one process extracts in process, running the very code the child would. With
    ``processes > 1`` only the parent process is sampled: what it does besides waiting for
    the extraction workers.
    """
    from pyinstrument import Profiler

    from kg.cli import main as kg_main

    scratch = Path(tempfile.mkdtemp(prefix="kg-bench-profile-"))
    profiler = Profiler(interval=0.002)
    unbudgeted = {"KG_DOCUMENT_SECONDS": "0", "KG_DOCUMENT_MEMORY_MB": "0"}
    saved = {k: os.environ.get(k) for k in unbudgeted}
    os.environ.update(unbudgeted)
    try:
        profiler.start()
        code = kg_main(
            [
                "--store",
                str(scratch / "store"),
                "ingest",
                str(corpus),
                "--processes",
                str(processes),
            ]
        )
        profiler.stop()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(scratch, ignore_errors=True)
    session = profiler.last_session
    root = session.root_frame() if session else None
    by_module: dict[str, float] = defaultdict(float)
    by_function: dict[str, float] = defaultdict(float)
    todo: list[tuple[Any, tuple[Any, ...]]] = [(root, ())] if root else []
    while todo:
        frame, above = todo.pop()
        # the harness itself (bench/, runpy) is not part of the stack that matters
        stack = () if frame.function == "main" and frame.file_path.endswith("kg/cli.py") else above
        stack = (*stack, frame)
        todo.extend((child, stack) for child in frame.children)
        own = frame.time - sum(child.time for child in frame.children)
        if own <= 0 or not any(f.file_path.endswith("kg/cli.py") for f in stack[:1]):
            continue
        phase, function = _phase(stack[1:])
        by_module[phase] += own
        if function:
            by_function[f"{phase}:{function}"] += own
    total = sum(by_module.values()) or 1.0
    return {
        "exit_code": code,
        "processes": processes,
        "seconds": session.duration if session else None,
        "modules": sorted(((k, v, v / total) for k, v in by_module.items()), key=lambda x: -x[1])[
            :top
        ],
        "functions": sorted(
            ((k, v, v / total) for k, v in by_function.items()), key=lambda x: -x[1]
        )[:top],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.ingest_case")
    parser.add_argument("mode", choices=["measure", "raw", "profile"])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--processes", type=int, nargs="+", default=[1])
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--sides", nargs="+", choices=["raw", "kg"], default=["raw", "kg"])
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    if args.mode == "raw":
        print(json.dumps(raw_pipe(args.corpus, args.processes[0])))
        return 0
    if args.mode == "profile":
        result = profile_ingest(args.corpus, processes=args.processes[0])
    else:
        result = measure(args.corpus, args.reps, args.processes, args.timeout, args.sides)
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
