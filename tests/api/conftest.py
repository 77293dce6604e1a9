"""A TestClient over a fresh in-memory store holding the hand-made fixture extractions.

The extractions (tests/graph/conftest.py) are built by hand and written through
``ingest.emit.write``: the API tests never run the spaCy pipeline.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.store import OxigraphStore
from tests.graph.conftest import build_store

ROOT = Path(__file__).resolve().parents[2]
KG = Path(sys.executable).with_name("kg")


@pytest.fixture
def store() -> OxigraphStore:
    return build_store()


@pytest.fixture
def client(store: OxigraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(store, Settings())) as c:
        yield c


# ------------------------------------------------------------------ real servers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(base: str, proc: subprocess.Popen[bytes] | None = None) -> None:
    """Poll ``/healthz`` until the server answers (fails if it exits or never answers)."""
    for _ in range(600):
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(base + "/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server at {base} never answered /healthz")


@contextlib.contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, in a thread of this process."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextlib.contextmanager
def kg_serve(store_dir: Path) -> Iterator[str]:
    """``kg serve`` as a subprocess over ``store_dir``, stopped (by its pid) afterwards."""
    port = free_port()
    proc = subprocess.Popen(
        [str(KG), "--store", str(store_dir), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample minutes of data/minutes, ingested by ``kg ingest`` (the real pipeline)."""
    store_dir = tmp_path_factory.mktemp("samples") / "kg"
    done = subprocess.run(
        [str(KG), "--store", str(store_dir), "ingest", str(ROOT / "data" / "minutes")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return store_dir


@pytest.fixture(scope="session")
def sample_server(sample_store: Path) -> Iterator[str]:
    with kg_serve(sample_store) as base:
        yield base
