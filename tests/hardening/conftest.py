"""Shared parts of the hardening tests: the kg CLI as a subprocess, a real server, small minutes.

Everything runs as a user runs it: ``kg`` in a subprocess over a store folder, and
``kg serve`` on a free loopback port with a write token, talked to over HTTP.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "test-write-token-5b1d"

#: small but ordinary minutes: a title with a date, attendees, owners, an action, a decision
GOOD_MINUTES = """Scheduler sync 2024-03-04
Attendees: Ada Lovelace, Grace Hopper, Alan Turing
Ada Lovelace is responsible for the butler.
The butler depends on Qserv.
Grace Hopper leads the Platform team.
Action: Grace Hopper to review DM-4242 by 2024-03-11.
Decision: we agreed to retire the old queue service.
"""


def minutes(title: str, person: str = "Ada Lovelace", thing: str = "butler") -> str:
    """Another small minutes text, different per ``title``/``person``/``thing``."""
    return (
        f"{title} 2024-04-0{1 + len(title) % 8}\n"
        f"Attendees: {person}, Grace Hopper\n"
        f"{person} is responsible for the {thing}.\n"
        f"Action: {person} to write the {thing} test plan by 2024-05-01.\n"
    )


def kg(
    *args: str, store: Path | str, env: dict[str, str] | None = None, timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    """Run ``kg --store STORE ARGS...``; ``timeout`` only stops a hang, it is no assertion."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", "--store", str(store), *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=timeout,
    )


def export_nq(store: Path) -> list[str]:
    """The whole store as sorted N-Quads lines (graphs kept)."""
    out = kg("export", "--format", "nq", store=store)
    assert out.returncode == 0, out.stderr
    return sorted(line for line in out.stdout.splitlines() if line.strip())


def fail_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("FAIL")]


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one ingested document, made once and copied by :func:`seeded_store`."""
    root = tmp_path_factory.mktemp("seed")
    src = root / "minutes" / "scheduler-sync.txt"
    src.parent.mkdir()
    src.write_text(GOOD_MINUTES, encoding="utf-8")
    store = root / "store"
    out = kg("ingest", str(src), store=store)
    assert out.returncode == 0, out.stderr
    return store


@pytest.fixture()
def seeded_store(seeded_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of a store that already holds one good document."""
    store = tmp_path / "store"
    shutil.copytree(seeded_template, store)
    return store


# ------------------------------------------------------------------ a real server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    store: Path
    process: subprocess.Popen[bytes]
    token: str | None

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


def start_server(
    store: Path, token: str | None = TOKEN, env: dict[str, str] | None = None
) -> Server:
    """``kg serve`` on a free loopback port; returns once ``/healthz`` answers."""
    port = free_port()
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    full_env.update(env or {})
    if token:
        full_env["KG_WRITE_TOKEN"] = token
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "--store", str(store), "serve", "--port", str(port)],
        cwd=ROOT,
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited with {process.returncode}")
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return Server(url, store, process, token)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("kg serve did not answer /healthz")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A running ``kg serve`` over an empty store, writes on with :data:`TOKEN`."""
    running = start_server(tmp_path_factory.mktemp("served") / "store")
    yield running
    stop_server(running)


def upload(server: Server, name: str, data: bytes, token: str | None = "default") -> httpx.Response:
    """``POST /documents`` with ``data`` as the multipart field ``file``."""
    headers = (
        server.headers()
        if token == "default"
        else ({"Authorization": f"Bearer {token}"} if token else {})
    )
    return httpx.post(
        server.url + "/documents",
        files={"file": (name, data)},
        headers=headers,
        timeout=httpx.Timeout(30.0, read=900.0),
    )


def documents(server: Server) -> dict[str, int]:
    """Document id -> triple count, as the server lists them."""
    response = httpx.get(server.url + "/documents", timeout=60)
    assert response.status_code == 200, response.text
    return {d["id"]: d["triples"] for d in response.json()["documents"]}
