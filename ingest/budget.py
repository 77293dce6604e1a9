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
from dataclasses import dataclass, field
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


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (``PR_SET_PDEATHSIG``), so a
    worker of a killed ``kg ingest`` never lingers holding the store's files open."""
    import ctypes
    import signal

    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # not Linux: the pipe's EOF still ends the worker
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


#: documents one worker extracts before it is replaced (its memory stays near a fresh one's)
WORKER_DOCUMENTS = 64
#: documents handed to a worker at once, so the parser batches sentences across them
CHUNK = 8


def _send(conn: Any, result: Any, budget: Budget) -> bool:
    """Send one result; ``False`` when the worker ran out of memory doing it."""
    out_of_memory = result[0] == "error" and isinstance(result[1], MemoryError)
    if out_of_memory:
        result = ("error", _over_memory(budget))
    try:
        data = pickle.dumps(result)
    except MemoryError:
        data, out_of_memory = pickle.dumps(("error", _over_memory(budget))), True
    except Exception as exc:  # noqa: BLE001
        data = pickle.dumps(("error", IngestError(f"extraction failed: {exc}")))
    conn.send_bytes(data)
    return not out_of_memory


def _worker(
    work: Callable[[Any], Any],
    work_many: Callable[[list[Any]], Iterator[Any]] | None,
    jobs: Sequence[Any],
    budget: Budget,
    conn: Any,
    parent_end: Any = None,
) -> None:
    """A forked worker's loop: extract the jobs whose indices arrive, sending each result
    back as soon as it is done. After running out of memory it says so and ends; when the
    parent dies (even by SIGKILL) the worker dies with it instead of waiting forever."""
    _die_with_parent()
    if parent_end is not None:
        parent_end.close()  # the parent's end: only the parent may hold it, so EOF is seen
    _limit_memory(budget.memory_mb)
    while True:
        try:
            indices = conn.recv()
        except (EOFError, OSError):
            return
        if indices is None:
            return
        batch = [jobs[i] for i in indices]
        sent = 0
        try:
            if work_many is not None and len(batch) > 1:
                for value in work_many(batch):
                    ok = _send(conn, value, budget)
                    sent += 1
                    if not ok:
                        return
            else:
                for job in batch:
                    try:
                        value = ("ok", work(job))
                    except MemoryError as exc:
                        value = ("error", exc)
                    except BaseException as exc:  # noqa: BLE001 - reported per document
                        value = ("error", exc)
                    sent += 1
                    if not _send(conn, value, budget):
                        return
        except MemoryError:
            _send(conn, ("error", MemoryError()), budget)
            return
        except BaseException as exc:  # noqa: BLE001 - the rest of the batch fails alike
            for _ in batch[sent:]:
                _send(conn, ("error", exc), budget)


@dataclass
class _Worker:
    process: Any
    conn: Any
    done: int = 0  # documents extracted
    pending: deque[int] = field(default_factory=deque)  # indices sent, results not back
    alone: bool = False  # working on one document on its own (a verdict, not a guess)
    started: float = 0.0  # when the document at the head of ``pending`` began


def run_budgeted(
    work: Callable[[Any], Any],
    jobs: Sequence[Any],
    budget: Budget,
    n_process: int = 1,
    work_many: Callable[[list[Any]], Iterator[tuple[str, Any]]] | None = None,
) -> Iterator[tuple[Any, Any]]:
    """``(job, work(job) or the exception)`` for each job, in order, each job held to
    ``budget`` in a forked worker process (time: the worker is killed when one document
    takes longer; memory: an address-space limit). At most ``n_process`` workers run.

    A worker extracts documents one after another, :data:`CHUNK` at a time through
    ``work_many`` when given (``("ok", value)`` or ``("error", exc)`` per job, in order),
    so the parser batches across documents; forking once per document cost as much as
    the extraction. When a worker goes over a budget in a chunk, the documents of the
    chunk still unfinished are extracted again, each alone in a fresh worker: only a
    document over budget on its own fails, and no verdict depends on its neighbours.
    ``work`` must return something picklable."""
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    waiting: deque[tuple[tuple[int, ...], bool]] = deque()  # (indices, needs a fresh worker)
    step = CHUNK if work_many is not None else 1
    for start in range(0, len(jobs), step):
        waiting.append((tuple(range(start, min(len(jobs), start + step))), False))
    workers: list[_Worker] = []
    done: dict[int, tuple[str, Any]] = {}
    next_out = 0

    def spawn() -> _Worker:
        parent, child = context.Pipe(duplex=True)
        process = context.Process(
            target=_worker, args=(work, work_many, jobs, budget, child, parent)
        )
        process.daemon = True
        process.start()
        child.close()
        worker = _Worker(process, parent)
        workers.append(worker)
        return worker

    def retire(worker: _Worker, kill: bool = False) -> None:
        workers.remove(worker)
        try:
            if kill:
                worker.process.kill()
            else:
                worker.conn.send(None)
        except (OSError, ValueError):
            pass
        worker.conn.close()
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()

    def assign() -> None:
        # keep every worker busy, never running far ahead of what was yielded
        while waiting and len(done) < 4 * step * max(1, n_process):
            indices, fresh = waiting[0]
            idle = next((w for w in workers if not w.pending), None)
            if idle is not None and fresh and idle.done:
                retire(idle)  # a document tried again gets a fresh worker's whole budget
                idle = None
            if idle is None:
                if len(workers) >= max(1, n_process):
                    return
                idle = spawn()
            waiting.popleft()
            try:
                idle.conn.send(list(indices))
            except (OSError, ValueError):
                retire(idle, kill=True)
                waiting.appendleft((indices, fresh))
                continue
            idle.pending, idle.started = deque(indices), time.monotonic()
            idle.alone = len(indices) == 1

    def give_up(worker: _Worker, error: Exception) -> None:
        """``worker`` broke or went over budget: its head document fails if it was alone,
        else every unfinished document of the chunk is tried again alone."""
        pending = list(worker.pending)
        alone = worker.alone
        retire(worker, kill=True)
        if alone:
            done[pending[0]] = ("error", error)
            pending = pending[1:]
        for index in reversed(pending):
            waiting.appendleft(((index,), True))

    try:
        assign()
        while next_out < len(jobs):
            while next_out in done:
                kind, value = done.pop(next_out)
                yield jobs[next_out], value
                next_out += 1
                assign()  # the next documents start while the caller stores this one
            if next_out >= len(jobs):
                break
            busy = [w for w in workers if w.pending]
            if not busy:
                assign()
                if not [w for w in workers if w.pending]:
                    break  # nothing left to run (cannot happen with jobs left)
                continue
            now = time.monotonic()
            deadlines = [w.started + budget.seconds for w in busy] if budget.seconds else []
            timeout = max(0.0, min(deadlines) - now) if deadlines else None
            ready = wait([w.conn for w in busy], timeout=timeout)
            for worker in [w for w in busy if w.conn in ready]:
                try:
                    kind, value = pickle.loads(worker.conn.recv_bytes())
                except (EOFError, OSError):
                    worker.process.join(timeout=5)
                    code = worker.process.exitcode
                    give_up(
                        worker,
                        _over_memory(budget)
                        if code is not None and code < 0 and budget.memory_mb
                        else IngestError(f"extraction failed: the worker process ended ({code})"),
                    )
                    continue
                except Exception as exc:  # noqa: BLE001
                    give_up(worker, IngestError(f"extraction failed: {exc}"))
                    continue
                memory = kind == "error" and "per-document memory budget" in str(value)
                if memory and not worker.alone:
                    give_up(worker, value)  # a neighbour may have used the memory
                    continue
                index = worker.pending.popleft()
                done[index] = (kind, value)
                worker.done += 1
                worker.started = time.monotonic()
                if memory:
                    retire(worker, kill=True)
                elif not worker.pending and worker.done >= WORKER_DOCUMENTS:
                    retire(worker)
            if budget.seconds:
                now = time.monotonic()
                for worker in [
                    w for w in workers if w.pending and now - w.started >= budget.seconds
                ]:
                    give_up(worker, _over_time(budget))  # frees its core and memory now
            assign()
    finally:  # closed early (the store refused writes): no worker outlives the batch
        for worker in list(workers):
            retire(worker, kill=True)
