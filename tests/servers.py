"""A real Oxigraph server (``oxigraph serve`` from the dev dependencies) for the backend tests."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

__all__ = ["OXIGRAPH", "oxigraph_serve", "clear"]

#: the ``oxigraph`` command installed beside this Python by ``make dev``
OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))
if not Path(OXIGRAPH).exists():
    OXIGRAPH = shutil.which("oxigraph") or OXIGRAPH


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def oxigraph_serve(location: Path, *, read_only: bool = False) -> Iterator[str]:
    """``oxigraph serve`` over the data folder ``location`` on a free loopback port; yields
    its root URL (what ``kg --store`` takes) and stops the process (by its pid) afterwards."""
    port = _free_port()
    mode = "serve-read-only" if read_only else "serve"
    proc = subprocess.Popen(
        [OXIGRAPH, mode, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"oxigraph serve exited with {proc.returncode}: {err}")
            try:
                httpx.get(base + "/query", params={"query": "ASK {}"}, timeout=1.0)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"oxigraph serve at {base} never answered")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def clear(base: str) -> None:
    """Empty the server (between tests that share one process)."""
    httpx.post(
        base + "/update",
        content=b"DROP ALL",
        headers={"Content-Type": "application/sparql-update"},
        timeout=30,
    ).raise_for_status()
