"""The shared deployment: the API over a real Oxigraph server, beside the embedded store.

For a store built by :func:`bench.triples.build_store` (the same generated documents as
the query benchmarks), this case loads a copy of its quads into an ``oxigraph serve``
data folder (``oxigraph load``), starts ``kg --store http://... serve`` in front of it and
``kg --store DIR serve`` over the embedded folder, and asks both ``/owners?of=X`` in
rounds taken in turn (p50, p99). It also times ``kg ingest`` of a generated corpus into
a fresh Oxigraph server and into a fresh embedded folder (documents per second, one
process each).

Usage (run by :mod:`bench.run`)::

    python -m bench.shared_case --store DIR --targets a b --corpus DIR --out R.json
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from bench.measure import PYTHON, ROOT, emit, percentile
from bench.query_case import start_server, stop_server, wait_ready
from tests.servers import oxigraph_serve

OXIGRAPH = str(Path(PYTHON).with_name("oxigraph"))


def _load_into_server_folder(store: Path, folder: Path) -> dict[str, Any]:
    """Copy the embedded store's quads into a new Oxigraph server data folder."""
    t0 = time.perf_counter()
    dump = folder.parent / "dump.nq"
    src = ox.Store.read_only(str(store))
    with dump.open("wb") as out:
        src.dump(out, format=ox.RdfFormat.N_QUADS)
    quads = len(src)
    del src
    subprocess.run(
        [OXIGRAPH, "load", "--location", str(folder), "--file", str(dump)],
        check=True,
        capture_output=True,
    )
    dump.unlink()
    return {"quads": quads, "seconds": time.perf_counter() - t0}


def _owners_rounds(bases: dict[str, str], targets: Sequence[str], reps: int) -> dict[str, Any]:
    samples: dict[str, list[float]] = {name: [] for name in bases}
    first: dict[str, float] = {}
    with httpx.Client(timeout=120) as client:
        for name, base in bases.items():  # the first call (caches, lazy work) timed apart,
            t0 = time.perf_counter()  # as bench/query_case.py does for the embedded store
            client.get(base + "/owners", params={"of": targets[0]}).raise_for_status()
            first[name] = time.perf_counter() - t0
        for _ in range(reps):
            for name, base in bases.items():  # the sides take their rounds in turn
                for target in targets:
                    t0 = time.perf_counter()
                    response = client.get(base + "/owners", params={"of": target})
                    samples[name].append(time.perf_counter() - t0)
                    response.raise_for_status()
    return {
        name: {
            "p50_ms": percentile(values, 50) * 1000,
            "p99_ms": percentile(values, 99) * 1000,
            "n": len(values),
            "first_s": first[name],
        }
        for name, values in samples.items()
    }


def _ingest_rate(store: str, corpus: Path, documents: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-m", "kg.cli", "--store", store, "ingest", str(corpus)],
        cwd=str(ROOT),
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        return {"error": done.stderr[-400:]}
    return {"documents": documents, "seconds": seconds, "docs_per_s": documents / seconds}


def _load() -> str:
    """The machine's load average now (1, 5, 15 minutes): others' work slows the figures."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def measure(store: Path, targets: Sequence[str], corpus: Path | None, reps: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="kg-shared-") as tmp:
        data = Path(tmp) / "oxigraph"
        result["load"] = _load_into_server_folder(store, data)
        with oxigraph_serve(data) as oxigraph:
            shared, shared_base = start_server(oxigraph)
            embedded, embedded_base = start_server(store)
            try:
                result["ready_s"] = {
                    "oxigraph-server": wait_ready(shared_base, 1800)["seconds"],
                    "embedded": wait_ready(embedded_base, 1800)["seconds"],
                }
                result["load_average"] = {"owners": _load()}
                result["owners"] = _owners_rounds(
                    {"embedded": embedded_base, "oxigraph-server": shared_base}, targets, reps
                )
            finally:
                stop_server(shared)
                stop_server(embedded)
        if corpus is not None:
            documents = sum(1 for p in corpus.iterdir() if p.is_file())
            result.setdefault("load_average", {})["ingest"] = _load()
            fresh = Path(tmp) / "fresh"
            with oxigraph_serve(fresh) as oxigraph:
                result["ingest"] = {"oxigraph-server": _ingest_rate(oxigraph, corpus, documents)}
            result["ingest"]["embedded"] = _ingest_rate(
                str(Path(tmp) / "embedded"), corpus, documents
            )
        shutil.rmtree(data, ignore_errors=True)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True)
    parser.add_argument("--targets", nargs="+", required=True)
    parser.add_argument("--corpus")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus) if args.corpus else None
    emit(measure(Path(args.store), args.targets, corpus, args.reps), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
