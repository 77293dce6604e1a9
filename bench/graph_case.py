"""The graph page: ``/graph`` HTML for 200 and 2,000 nodes, its size, and time to draw it.

For each node cap a ``kg serve`` runs with ``KG_MAX_GRAPH_NODES`` set to it and the
whole graph is asked for (no focus), so the page holds the cap's worth of the
best-connected entities. The first request computes the projection and its layout
(cold); later ones are served from the server's cache. When chromium is at
``/usr/bin/chromium``, playwright opens the page in a fresh tab each repetition and
waits for the page's ``data-drawn`` mark, set by vis-network's first ``afterDrawing``.

Usage (run by :mod:`bench.run`)::

    python -m bench.graph_case --store DIR --nodes 200 2000 --reps 5 --out R.json
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.measure import emit, summarise
from bench.query_case import start_server, stop_server

__all__ = ["CHROMIUM", "draw_times", "measure", "main"]

CHROMIUM = Path("/usr/bin/chromium")
_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def draw_times(url: str, reps: int, timeout_ms: int = 120_000) -> list[float]:
    """Seconds from navigation to the first drawing of the network, ``reps`` times."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=_ARGS, headless=True)
        try:
            for _ in range(reps):
                page = browser.new_page()
                t0 = time.perf_counter()
                page.goto(url, wait_until="commit", timeout=timeout_ms)
                page.wait_for_selector(
                    "body[data-drawn='true']", state="attached", timeout=timeout_ms
                )
                times.append(time.perf_counter() - t0)
                page.close()
        finally:
            browser.close()
    return times


def measure(
    store: str | Path, nodes: Sequence[int], reps: int = 5, browser: bool = True
) -> dict[str, Any]:
    """Time and size of the page for each node cap, and time to draw it when possible."""
    import httpx

    browser = browser and CHROMIUM.exists()
    out: dict[str, Any] = {"browser": str(CHROMIUM) if browser else None, "sizes": {}}
    for cap in nodes:
        proc, base = start_server(store, env={"KG_MAX_GRAPH_NODES": str(cap)})
        row: dict[str, Any] = {}
        try:
            with httpx.Client(base_url=base, timeout=600.0) as client:
                t0 = time.perf_counter()
                first = client.get("/graph")
                row["cold_s"] = time.perf_counter() - t0
                if first.status_code != 200:
                    row["error"] = f"HTTP {first.status_code}: {first.text[:200]}"
                    out["sizes"][str(cap)] = row
                    continue
                warm = []
                for _ in range(reps):
                    t0 = time.perf_counter()
                    response = client.get("/graph")
                    warm.append(time.perf_counter() - t0)
                row["cached_s"] = summarise(warm)
                row["html_bytes"] = len(response.content)
                data = client.get("/graph", params={"format": "json"}).json()
                row["nodes"] = len(data.get("nodes", []))
                row["edges"] = len(data.get("links", data.get("edges", [])))
            if browser:
                try:
                    row["draw_s"] = summarise(draw_times(base + "/graph", reps))
                except Exception as exc:  # no browser build, a crash: say so in the report
                    row["draw_error"] = f"{type(exc).__name__}: {exc}"[:300]
        finally:
            stop_server(proc)
        out["sizes"][str(cap)] = row
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.graph_case")
    parser.add_argument("--store", required=True)
    parser.add_argument("--nodes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true", help="skip drawing in chromium")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    emit(measure(args.store, args.nodes, args.reps, not args.no_browser), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
