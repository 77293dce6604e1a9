"""Reads while writing (issue 16): ``/owners`` latency while documents are posted to the API.

A ``kg serve`` with a write token serves a store; once its indexes are built, one thread posts
``--docs`` generated documents to ``POST /documents`` one after the other (the server extracts
each in a worker process and writes it), while ``--readers`` threads ask ``GET /owners?of=X``
in a loop until the last document is written. Every read's latency is recorded; the target is
p99 under 100 ms.

Usage (run by :mod:`bench.run`)::

    python -m bench.soak_case --store DIR --corpus DIR --name X --docs 20 --out R.json
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.measure import emit
from bench.query_case import start_server, stop_server, wait_ready

__all__ = ["measure", "main"]

TOKEN = "bench-soak-token"


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def measure(
    store: str | Path, corpus: str | Path, name: str, docs: int = 20, readers: int = 2
) -> dict[str, Any]:
    import httpx

    work = Path(tempfile.mkdtemp(prefix="kg-soak-"))
    copy = work / "store"
    shutil.copytree(store, copy)  # the posts change the store: never the shared one
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["KG_WRITE_TOKEN"] = TOKEN
    proc, base = start_server(copy, env=env)
    try:
        ready = wait_ready(base, 600)
        files = sorted(Path(corpus).iterdir())[:docs]
        latencies: list[float] = []
        errors: list[str] = []
        posted: list[float] = []
        done = threading.Event()
        lock = threading.Lock()

        def read() -> None:
            with httpx.Client(timeout=60) as client:
                while not done.is_set():
                    t0 = time.perf_counter()
                    try:
                        r = client.get(base + "/owners", params={"of": name})
                        ok = r.status_code == 200
                    except httpx.HTTPError as exc:
                        ok, r = False, None
                        errors.append(str(exc)[:100])
                    dt = time.perf_counter() - t0
                    with lock:
                        latencies.append(dt)
                        if not ok and r is not None:
                            errors.append(f"HTTP {r.status_code}")

        threads = [threading.Thread(target=read) for _ in range(readers)]
        for t in threads:
            t.start()
        failed_posts = 0
        t_start = time.perf_counter()
        with httpx.Client(timeout=httpx.Timeout(30, read=900)) as client:
            for f in files:
                t0 = time.perf_counter()
                r = client.post(
                    base + "/documents",
                    files={"file": (f.name, f.read_bytes())},
                    headers={"Authorization": f"Bearer {TOKEN}"},
                )
                posted.append(time.perf_counter() - t0)
                failed_posts += r.status_code >= 300
        writing = time.perf_counter() - t_start
        done.set()
        for t in threads:
            t.join()
    finally:
        stop_server(proc)
        shutil.rmtree(work, ignore_errors=True)
    ms = [x * 1000 for x in latencies]
    return {
        "documents": len(files),
        "failed_posts": failed_posts,
        "readers": readers,
        "reads": len(ms),
        "read_errors": len(errors),
        "first_errors": errors[:3],
        "p50_ms": _pct(ms, 0.50),
        "p99_ms": _pct(ms, 0.99),
        "max_ms": max(ms) if ms else None,
        "writing_seconds": writing,
        "post_seconds_median": _pct(posted, 0.5),
        "warmup_seconds": ready.get("seconds"),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.soak_case")
    parser.add_argument("--store", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    emit(measure(args.store, args.corpus, args.name, args.docs, args.readers), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
