"""A per-document budget of size, time and memory, enforced by extracting in a child process.

A document is extracted in a forked child (spaCy and the vocabulary are already loaded in
the parent, so the fork shares them). The parent waits for the child's result for at most
the time budget; a child still working at the deadline is killed, so a pathological input
frees its core and its memory at once, and the batch goes on with the next file. The child
may grow its address space by at most the memory budget; a document that needs more fails
with a clear message instead of taking the machine's memory.

Configuration (environment, or the ``kg ingest`` / ``kg extract`` options)::

    KG_DOCUMENT_MAX_BYTES   largest file extracted (default 2 MB)
    KG_DOCUMENT_SECONDS     longest extraction of one document (default 40 s)
    KG_DOCUMENT_MEMORY_MB   memory one extraction may add (default 600 MB)

A value of 0 turns that limit off.
"""

from __future__ import annotations

import os
import pickle
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ingest.errors import IngestError

__all__ = ["Budget", "BudgetError", "run_budgeted"]


class BudgetError(IngestError):
    """A document went over its size, time or memory budget; nothing of it was kept."""


def _env(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return max(0.0, float(raw))
    except ValueError:
        return default


@dataclass(frozen=True)
class Budget:
    """What one document may cost (0: no limit)."""

    max_bytes: int = 2 * 1024 * 1024
    seconds: float = 40.0
    memory_mb: int = 600

    @classmethod
    def from_env(cls, **overrides: Any) -> Budget:
        values = {
            "max_bytes": int(_env("KG_DOCUMENT_MAX_BYTES", cls.max_bytes)),
            "seconds": _env("KG_DOCUMENT_SECONDS", cls.seconds),
            "memory_mb": int(_env("KG_DOCUMENT_MEMORY_MB", cls.memory_mb)),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def check_size(self, path: str) -> None:
        """Refuse a file over the size budget before anything reads it."""
        if not self.max_bytes:
            return
        try:
            size = os.stat(path).st_size
        except OSError:
            return  # reading it will say what is wrong
        if size > self.max_bytes:
            raise BudgetError(
                f"{size:,} bytes, over the per-document size limit of {self.max_bytes:,} "
                "bytes; nothing of it was kept (accepted: minutes files up to that size; "
                "raise KG_DOCUMENT_MAX_BYTES or --max-bytes to allow more)"
            )


def _over_time(budget: Budget) -> BudgetError:
    return BudgetError(
        f"extraction took longer than the per-document time budget of {budget.seconds:g} s "
        "and was stopped; nothing of it was kept (accepted: minutes that extract within "
        "the budget; raise KG_DOCUMENT_SECONDS or --max-seconds to allow more)"
    )


def _over_memory(budget: Budget) -> BudgetError:
    return BudgetError(
        f"extraction needed more than the per-document memory budget of {budget.memory_mb} MB "
        "and was stopped; nothing of it was kept (accepted: minutes that extract within "
        "the budget; raise KG_DOCUMENT_MEMORY_MB to allow more)"
    )


def _limit_memory(megabytes: int) -> None:
    """In the child: its address space may grow by ``megabytes`` from what it has now."""
    import resource

    if not megabytes:
        return
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[0])
        now = pages * os.sysconf("SC_PAGE_SIZE")
        limit = now + megabytes * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        pass  # no /proc: no memory limit, the time budget still holds


def _child(work: Callable[[Any], Any], job: Any, budget: Budget, conn: Any) -> None:
    _limit_memory(budget.memory_mb)
    try:
        result: Any = ("ok", work(job))
    except MemoryError:
        result = ("error", _over_memory(budget))
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, reported per document
        result = ("error", exc)
    try:
        data = pickle.dumps(result)
    except Exception as exc:  # noqa: BLE001
        data = pickle.dumps(("error", IngestError(f"extraction failed: {exc}")))
    except MemoryError:
        data = pickle.dumps(("error", _over_memory(budget)))
    conn.send_bytes(data)
    conn.close()


@dataclass
class _Running:
    index: int
    process: Any
    conn: Any
    started: float
    result: tuple[str, Any] | None = None


def run_budgeted(
    work: Callable[[Any], Any],
    jobs: Sequence[Any],
    budget: Budget,
    n_process: int = 1,
) -> Iterator[tuple[Any, Any]]:
    """``(job, work(job) or the exception)`` for each job, in order, each job in a forked
    child held to ``budget`` (time: killed at the deadline; memory: an address-space limit).
    At most ``n_process`` children run at once. ``work`` must return something picklable."""
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    waiting = deque(enumerate(jobs))
    running: dict[int, _Running] = {}
    done: dict[int, tuple[str, Any]] = {}
    next_out = 0

    def start() -> None:
        while waiting and len(running) < max(1, n_process):
            index, job = waiting.popleft()
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(work, job, budget, writer))
            process.daemon = True
            process.start()
            writer.close()
            running[index] = _Running(index, process, reader, time.monotonic())

    def finish(entry: _Running, result: tuple[str, Any]) -> None:
        entry.conn.close()
        entry.process.join(timeout=5)
        if entry.process.is_alive():
            entry.process.kill()
            entry.process.join()
        del running[entry.index]
        done[entry.index] = result

    try:
        start()
        while running or waiting or next_out in done:
            while next_out in done:
                kind, value = done.pop(next_out)
                yield jobs[next_out], value
                next_out += 1
            if not running:
                start()
                if not running:
                    break
            now = time.monotonic()
            deadlines = [e.started + budget.seconds for e in running.values()]
            deadlines = deadlines if budget.seconds else []
            timeout = max(0.0, min(deadlines) - now) if deadlines else None
            ready = wait([e.conn for e in running.values()], timeout=timeout)
            for entry in [e for e in running.values() if e.conn in ready]:
                try:
                    kind, value = pickle.loads(entry.conn.recv_bytes())
                except (EOFError, OSError):
                    entry.process.join(timeout=5)
                    code = entry.process.exitcode
                    value = (
                        _over_memory(budget)
                        if code is not None and code < 0 and budget.memory_mb
                        else IngestError(f"extraction failed: the worker process ended ({code})")
                    )
                    kind = "error"
                except Exception as exc:  # noqa: BLE001
                    kind, value = "error", IngestError(f"extraction failed: {exc}")
                finish(entry, (kind, value))
            if budget.seconds:
                now = time.monotonic()
                for entry in [e for e in running.values() if now - e.started >= budget.seconds]:
                    entry.process.kill()  # a runaway extraction frees its core and memory now
                    finish(entry, ("error", _over_time(budget)))
            start()
    finally:  # closed early (the store refused writes): no child outlives the batch
        for entry in list(running.values()):
            entry.process.kill()
            entry.process.join()
            entry.conn.close()
