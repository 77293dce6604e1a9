"""``python -m bench.run [--smoke]``: every case in its own process, then BENCHMARKS.md.

The full run (``make bench``) generates corpora of 10, 100 and 1,000 documents and
stores of about 1k, 100k and 1M triples under ``bench/out/`` (git-ignored), measures
each case in a child process, one case after the other so they do not compete for the
two cores, and writes ``BENCHMARKS.md`` at the project root. ``--smoke`` runs tiny
sizes once into a temporary folder (or ``--out DIR``) and never touches BENCHMARKS.md:
it exists so the test suite can check the harness end to end in seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.corpus import write_corpus
from bench.measure import PYTHON, ROOT, machine, run_child
from bench.report import render, render_section_alone
from bench.triples import build_store

__all__ = ["Plan", "FULL", "SMOKE", "run", "main"]


@dataclass(frozen=True)
class Plan:
    """Sizes and repetitions of one run."""

    ingest_sizes: tuple[int, ...]
    ingest_reps: int
    processes: tuple[int, ...]
    big_ingest: int  # documents ingested once for RSS (0: skip)
    store_sizes: tuple[int, ...]
    query_reps: int
    per_round: int
    budget: float
    graph_nodes: tuple[int, ...]
    graph_store: int  # which store size the graph page is drawn from
    browser: bool
    cold_reps: int
    profile_docs: int  # 0: no profile
    extract_scale: float = 1.0  # of the hostile extraction inputs (issue 16)
    soak_docs: int = 20  # documents posted while /owners is read (0: skip)
    soak_store: int = 100_000  # triples of the store they are posted to
    warmup_limit: float = 150.0  # seconds the server may take to build its name index
    budget_total: float = 1200.0  # seconds the whole run should take
    reserve: float = 600.0  # seconds kept for the cases after the 1,000-document ingest
    identity_docs: int = 1000  # documents of the generated store resolution runs over


FULL = Plan(
    ingest_sizes=(10, 100),
    ingest_reps=5,
    processes=(1, 2),
    big_ingest=1000,
    store_sizes=(1_000, 100_000, 1_000_000),
    query_reps=5,
    per_round=20,
    budget=5.0,
    graph_nodes=(200, 2000),
    graph_store=250_000,  # enough documents for 2,000 related entities
    browser=True,
    cold_reps=5,
    profile_docs=100,
)
SMOKE = Plan(
    ingest_sizes=(2,),
    ingest_reps=1,
    processes=(1,),
    big_ingest=0,
    store_sizes=(1_000,),
    query_reps=1,
    per_round=2,
    budget=2.0,
    graph_nodes=(20,),
    graph_store=1_000,
    browser=False,
    cold_reps=1,
    profile_docs=0,
    extract_scale=0.001,
    soak_docs=0,
    identity_docs=20,
)


def _case(module: str, args: Sequence[str], out: Path, timeout: float = 3600) -> dict[str, Any]:
    """Run ``python -m bench.<module> ... --out out`` and read its JSON (or the error)."""
    run = run_child([PYTHON, "-m", f"bench.{module}", *args, "--out", str(out)], timeout=timeout)
    if run.returncode != 0 or not out.exists():
        return {"error": (run.stderr.strip() or run.stdout.strip())[-600:] or "no output"}
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run(plan: Plan, out_dir: Path, smoke: bool) -> dict[str, Any]:
    """Measure every case of ``plan`` with scratch under ``out_dir``; returns the results."""
    t_start = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    res: dict[str, Any] = {
        "smoke": smoke,
        "machine": machine(),
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }
    corpora = {}
    for n in sorted({*plan.ingest_sizes, plan.big_ingest, plan.profile_docs} - {0}):
        folder = out_dir / f"corpus-{n}"
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, n)
        corpora[n] = folder
    procs = [str(p) for p in plan.processes]
    res["ingest"] = {}
    for n in plan.ingest_sizes:
        _log(f"ingest, {n} documents x {plan.ingest_reps}")
        res["ingest"][str(n)] = _case(
            "ingest_case",
            [
                "measure",
                "--corpus",
                str(corpora[n]),
                "--reps",
                str(plan.ingest_reps),
                "--processes",
                *procs,
            ],
            out_dir / f"ingest-{n}.json",
        )
    if plan.profile_docs:
        _log("profile of kg ingest")
        res["profile_docs"] = plan.profile_docs
        res["profile"] = _case(
            "ingest_case",
            ["profile", "--corpus", str(corpora[plan.profile_docs])],
            out_dir / "profile.json",
        )
        res["profile_2"] = _case(
            "ingest_case",
            ["profile", "--corpus", str(corpora[plan.profile_docs]), "--processes", "2"],
            out_dir / "profile-2.json",
        )
    if plan.big_ingest:
        # once, kg ingest only (its peak RSS is the target); whatever the 20-minute budget
        # leaves after the reserve for the query cases, and killed (with a note) past it
        left = plan.budget_total - (time.perf_counter() - t_start) - plan.reserve
        limit = max(left, 120.0)
        _log(
            f"ingest, {plan.big_ingest} documents once, {plan.processes[-1]} processes, "
            f"at most {limit:.0f} s"
        )
        res["ingest_1000"] = _case(
            "ingest_case",
            [
                "measure",
                "--corpus",
                str(corpora[plan.big_ingest]),
                "--reps",
                "1",
                "--processes",
                str(plan.processes[-1]),
                "--sides",
                "kg",
                "--timeout",
                f"{limit:.0f}",
            ],
            out_dir / f"ingest-{plan.big_ingest}.json",
        )
    stores = {}
    for size in plan.store_sizes:
        _log(f"store of {size:,} triples")
        folder = out_dir / f"store-{size}"
        shutil.rmtree(folder, ignore_errors=True)
        stores[size] = build_store(folder, size)
    res["queries"] = {}
    for size, info in stores.items():
        _log(f"queries at {info.triples:,} triples")
        res["queries"][str(size)] = _case(
            "query_case",
            [
                "--store",
                str(info.path),
                "--reps",
                str(plan.query_reps),
                "--per-round",
                str(plan.per_round),
                "--budget",
                str(plan.budget),
                "--warmup-limit",
                str(plan.warmup_limit),
            ],
            out_dir / f"queries-{size}.json",
        )
    largest = stores[max(plan.store_sizes)]
    shared_docs = min((n for n in plan.ingest_sizes if n), default=0)
    _log(f"shared deployment: Oxigraph server at {largest.triples:,} triples")
    shared_args = ["--store", str(largest.path), "--reps", str(max(plan.query_reps, 1))]
    shared_args += [
        "--targets",
        *(
            res["queries"].get(str(max(plan.store_sizes)), {}).get("targets")
            or list(largest.components[:3])
        ),
    ]
    if shared_docs and not smoke:  # (the smoke run skips the ingest half: spaCy twice)
        shared_args += ["--corpus", str(corpora[shared_docs])]
    res["shared"] = _case("shared_case", shared_args, out_dir / "shared.json")
    res["shared"]["triples"] = largest.triples
    _log("graph page")
    if plan.graph_store not in stores:
        folder = out_dir / f"store-{plan.graph_store}"
        shutil.rmtree(folder, ignore_errors=True)
        stores[plan.graph_store] = build_store(folder, plan.graph_store)
    graph_store = stores[plan.graph_store]
    graph_args = ["--store", str(graph_store.path), "--reps", str(max(plan.query_reps, 1))]
    graph_args += ["--nodes", *map(str, plan.graph_nodes)]
    if not plan.browser:
        graph_args.append("--no-browser")
    res["graph"] = _case("graph_case", graph_args, out_dir / "graph.json")
    res["graph"]["triples"] = graph_store.triples
    _log("cold kg owners")
    smallest = min(plan.store_sizes)
    small = stores[smallest]
    targets = res["queries"].get(str(smallest), {}).get("targets") or [small.components[0]]
    res["cold"] = _case(
        "cold_case",
        ["--store", str(small.path), "--name", targets[0], "--reps", str(plan.cold_reps)],
        out_dir / "cold.json",
    )
    res["cold"]["triples"] = small.triples
    if plan.soak_docs and plan.soak_store in stores:
        _log(f"/owners while {plan.soak_docs} documents are posted")
        soak = stores[plan.soak_store]
        res["soak"] = _case(
            "soak_case",
            [
                "--store",
                str(soak.path),
                "--corpus",
                str(corpora[max(plan.ingest_sizes)]),
                "--name",
                soak.components[0],
                "--docs",
                str(plan.soak_docs),
            ],
            out_dir / "soak.json",
        )
        res["soak"]["triples"] = soak.triples
    _log("kg extract of hostile inputs")
    res["extract"] = _case(
        "extract_case",
        ["--dir", str(out_dir / "hostile"), "--scale", str(plan.extract_scale)],
        out_dir / "extract.json",
    )
    _log(f"identity resolution over {plan.identity_docs} documents")
    res["identity"] = _case(
        "identity_case",
        ["--docs", str(plan.identity_docs), "--reps", str(max(plan.cold_reps, 1))],
        out_dir / "identity.json",
    )
    res["total_seconds"] = time.perf_counter() - t_start
    return res


def run_shared_only(plan: Plan, out_dir: Path) -> dict[str, Any]:
    """Only the shared deployment case (``--only shared``), with what it needs: the largest
    store, its /owners targets and the smallest ingest corpus."""
    import pyoxigraph as ox

    from bench.query_case import pick_targets

    t_start = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    res: dict[str, Any] = {
        "machine": machine(),
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }
    size = max(plan.store_sizes)
    _log(f"store of {size:,} triples")
    folder = out_dir / f"store-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    largest = build_store(folder, size)
    bare = ox.Store.read_only(str(largest.path))
    targets = pick_targets(bare) or list(largest.components[:3])
    del bare
    docs = min(n for n in plan.ingest_sizes if n)
    corpus = out_dir / f"corpus-{docs}"
    shutil.rmtree(corpus, ignore_errors=True)
    write_corpus(corpus, docs)
    _log(f"shared deployment: Oxigraph server at {largest.triples:,} triples")
    args = ["--store", str(largest.path), "--reps", str(max(plan.query_reps, 1))]
    args += ["--targets", *targets, "--corpus", str(corpus)]
    res["shared"] = _case("shared_case", args, out_dir / "shared.json")
    res["shared"]["triples"] = largest.triples
    res["total_seconds"] = time.perf_counter() - t_start
    return res


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.run", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, once, to a temp dir")
    parser.add_argument("--out", help="folder for scratch and the report")
    parser.add_argument(
        "--render", metavar="RESULTS", help="only write the report from a results.json"
    )
    parser.add_argument(
        "--only",
        choices=["shared"],
        help="run one section alone and rewrite only that section of BENCHMARKS.md",
    )
    args = parser.parse_args(argv)
    if args.only == "shared":
        out_dir = Path(args.out) if args.out else ROOT / "bench" / "out"
        report = ROOT / "BENCHMARKS.md" if not args.out else out_dir / "BENCHMARKS.md"
        res = run_shared_only(SMOKE if args.smoke else FULL, out_dir)
        (out_dir / "results-shared.json").write_text(json.dumps(res, indent=1), encoding="utf-8")
        old = report.read_text(encoding="utf-8") if report.exists() else ""
        report.write_text(render_section_alone(old, res), encoding="utf-8")
        _log(f"wrote the shared section of {report} ({res['total_seconds']:.0f} s)")
        print(report)
        return 0
    if args.render:
        res = json.loads(Path(args.render).read_text(encoding="utf-8"))
        report = Path(args.out) / "BENCHMARKS.md" if args.out else ROOT / "BENCHMARKS.md"
        if res.get("smoke") and not args.out:
            parser.error("a smoke run's results go to --out, never to BENCHMARKS.md")
        report.write_text(render(res), encoding="utf-8")
        print(report)
        return 0
    if args.smoke:
        out_dir = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="kg-bench-smoke-"))
        report = out_dir / "BENCHMARKS.md"
    else:
        out_dir = Path(args.out) if args.out else ROOT / "bench" / "out"
        report = ROOT / "BENCHMARKS.md" if not args.out else out_dir / "BENCHMARKS.md"
    res = run(SMOKE if args.smoke else FULL, out_dir, args.smoke)
    (out_dir / "results.json").write_text(json.dumps(res, indent=1), encoding="utf-8")
    report.write_text(render(res), encoding="utf-8")
    _log(f"wrote {report} ({res['total_seconds']:.0f} s)")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
