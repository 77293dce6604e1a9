"""SPARQL queries in worker processes the server can kill: a timeout really stops a query.

pyoxigraph cannot cancel a running query, and a thread cannot be killed, so the endpoint
evaluates user queries in a few worker processes. Each opens a read-only *snapshot* of the
store (a checkpoint of hard links, made again after every write, so the server keeps
writing while workers read) and runs under a memory limit (``RLIMIT_AS``). When a query
passes its deadline, its process is killed - its core and its memory are free at once -
and a new worker takes its place in the background. A query that outgrows the memory
limit ends its own process the same way.

Fairness: at most ``slots`` queries run at once, each client at most ``slots - 1`` of
them (so one client never holds every worker), and at most ``queue`` more wait for a free
worker; past that a query is refused at once (503) rather than piling up.

Results cross the process boundary serialised: SELECT results in the format the client
asked for (or SPARQL JSON, parsed back into rows), CONSTRUCT results as N-Triples.
"""

from __future__ import annotations

import atexit
import multiprocessing as mp
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

__all__ = ["QueryPool", "Task", "WorkerFailed"]


_START_SECONDS = 60.0
"""How long a new worker may take to start (imports) before it counts as failed."""


class WorkerFailed(Exception):
    """A worker process died or timed out; ``reason`` is ``"time"`` or ``"memory"``."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Task:
    """One query for a worker; ``fmt`` is a ``QueryResultsFormat`` name or ``""``."""

    snapshot: str
    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    fmt: str
    cap: int
    seconds: float


# ------------------------------------------------------------------ the child side


def _child(conn: Connection, memory_mb: int) -> None:  # pragma: no cover - runs in a child
    """A worker's loop: open snapshots as tasks name them, answer each task on ``conn``."""
    import resource

    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from api.query_evaluation import evaluate
    from graph.store import OxigraphStore

    conn.send(("ready",))  # start-up time never counts against a query's deadline
    store = None
    opened = ""
    while True:
        try:
            task: Task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if task.snapshot != opened:
                store, opened = None, ""
                store = OxigraphStore.open_snapshot(task.snapshot)
                opened = task.snapshot
            reply: tuple[Any, ...] = evaluate(store, task)
        except MemoryError:
            # a process that ran out of memory is not trusted with another query: the
            # parent replaces it (its allocator and the store's caches may be half-done)
            store = None
            conn.send(("error", "QueryTooLarge", "memory"))
            return
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which reports it
            reply = ("error", type(exc).__name__, str(exc))
        conn.send(reply)


# ------------------------------------------------------------------ the parent side


@dataclass
class _Worker:
    process: Any
    conn: Connection
    snapshot: str = ""


class QueryPool:
    """Worker processes over snapshots of ``store`` (see the module documentation).

    ``generation()`` tells how often the store was written; a new snapshot is made when it
    moved. ``store`` needs ``snapshot(folder) -> descriptor``.
    """

    def __init__(
        self,
        store: Any,
        *,
        generation: Callable[[], int],
        slots: int = 2,
        queue: int = 4,
        memory_mb: int = 2048,
    ):
        self.store = store
        self.generation = generation
        self.slots = max(1, slots)
        self.per_client = max(1, self.slots - 1)
        self.memory_mb = memory_mb
        self._admit = threading.BoundedSemaphore(self.slots + max(0, queue))
        self._idle: list[_Worker] = []
        self._live: dict[int, _Worker] = {}  # every worker alive, idle or busy
        self._count = 0  # workers alive or starting
        self._cond = threading.Condition()
        self._clients: dict[str, int] = {}
        self._ctx = mp.get_context("spawn")
        parent = os.path.dirname(os.path.abspath(store.path)) if store.path else None
        self._dir = tempfile.mkdtemp(prefix=".kg-query-snapshots-", dir=parent)
        self._snap: tuple[int, str] | None = None
        self._snap_lock = threading.Lock()
        self._snapshots: list[str] = []
        self._closed = False
        atexit.register(self.close)

    # -------------------------------------------------------------- snapshots
    def _snapshot(self) -> str:
        current = self.generation()
        with self._snap_lock:
            if self._snap is None or self._snap[0] != current:
                folder = os.path.join(self._dir, f"g{current}-{time.monotonic_ns()}")
                self._snap = (current, self.store.snapshot(folder))
                self._snapshots.append(folder)
                self._forget_old()
            return self._snap[1]

    def _forget_old(self) -> None:
        """Delete snapshot folders no worker reads any more (all but the newest)."""
        with self._cond:
            in_use = {w.snapshot for w in self._live.values()}
        keep = self._snapshots[-1:]
        for folder in self._snapshots[:-1]:
            if any(s.split(":", 1)[1].startswith(folder) for s in in_use if s):
                keep.insert(0, folder)
            else:
                shutil.rmtree(folder, ignore_errors=True)
        self._snapshots = keep

    # -------------------------------------------------------------- workers
    def _spawn(self) -> _Worker:
        parent_conn, child_conn = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_child, args=(child_conn, self.memory_mb), name="kg-sparql-worker", daemon=True
        )
        process.start()
        child_conn.close()
        try:
            ready = parent_conn.poll(_START_SECONDS) and parent_conn.recv() == ("ready",)
        except (EOFError, OSError):
            ready = False
        if not ready:
            process.kill()
            parent_conn.close()
            raise RuntimeError("a SPARQL worker process did not start")
        worker = _Worker(process, parent_conn)
        with self._cond:
            self._live[id(worker)] = worker
        return worker

    def _take(self, deadline: float) -> _Worker | None:
        with self._cond:
            while True:
                if self._closed:
                    return None
                while self._idle:
                    worker = self._idle.pop()
                    if worker.process.is_alive():
                        return worker
                    # died while idle (killed from outside, out of memory): replace it
                    self._live.pop(id(worker), None)
                    self._count -= 1
                    worker.conn.close()
                if self._count < self.slots:
                    self._count += 1
                    break
                left = deadline - time.monotonic()
                if left <= 0 or not self._cond.wait(left):
                    return None
        try:
            return self._spawn()
        except BaseException:
            with self._cond:
                self._count -= 1
                self._cond.notify()
            raise

    def _give_back(self, worker: _Worker) -> None:
        with self._cond:
            self._idle.append(worker)
            self._cond.notify()

    def _discard(self, worker: _Worker) -> None:
        """Kill ``worker`` now; its slot is free for a new one at once."""
        try:
            worker.process.kill()
        except Exception:  # noqa: BLE001 - already gone
            pass
        worker.conn.close()
        threading.Thread(target=worker.process.join, args=(5,), daemon=True).start()
        with self._cond:
            self._live.pop(id(worker), None)
            self._count -= 1
            self._cond.notify()

    # -------------------------------------------------------------- running
    def admit(self, client: str | None) -> bool:
        """Take a place for ``client``'s query; ``False`` when the pool is full or the
        client already runs its share. Pair every ``True`` with :meth:`release`."""
        with self._cond:
            if client is not None and self._clients.get(client, 0) >= self.per_client:
                return False
            if not self._admit.acquire(blocking=False):
                return False
            if client is not None:
                self._clients[client] = self._clients.get(client, 0) + 1
            return True

    def release(self, client: str | None) -> None:
        with self._cond:
            self._admit.release()
            if client is not None:
                left = self._clients.get(client, 1) - 1
                if left:
                    self._clients[client] = left
                else:
                    self._clients.pop(client, None)

    def run(self, task: Task, wait_until: float) -> tuple[Any, ...] | None:
        """Evaluate ``task`` in a worker: its reply, ``None`` when no worker came free
        before ``wait_until``; :class:`WorkerFailed` when the query had to be killed.
        The query's own ``task.seconds`` count from when a worker has it."""
        worker = self._take(wait_until)
        if worker is None:
            return None
        snapshot = self._snapshot()
        deadline = time.monotonic() + task.seconds
        task = Task(**{**task.__dict__, "snapshot": snapshot})
        worker.snapshot = snapshot
        try:
            worker.conn.send(task)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic()) + 0.25):
                self._discard(worker)
                raise WorkerFailed("time")
            reply: tuple[Any, ...] = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._discard(worker)
            raise WorkerFailed("memory") from None
        if reply[:2] == ("error", "QueryTooLarge") and reply[2] == "memory":
            self._discard(worker)  # the worker ends itself after running out of memory
        else:
            self._give_back(worker)
        return reply

    def close(self) -> None:
        """Stop every worker and delete the snapshots."""
        with self._cond:
            self._closed = True
            workers = list(self._live.values())
            self._idle, self._live = [], {}
            self._cond.notify_all()
        for worker in workers:
            try:
                worker.process.kill()
                worker.process.join(2)
            except Exception:  # noqa: BLE001 - shutting down
                pass
        shutil.rmtree(self._dir, ignore_errors=True)
