"""Where a run's fetch and extraction batches execute: one setting, ``[run] dask_scheduler``.

- Unset (the default): batch tasks run on the flow's own task runner, in threads (fetching
  waits on the network), and each extraction batch hands its CPU work to a pool of local
  processes, one per core, shared by every run of this process.
- A Dask scheduler's address: batch tasks go to that cluster through prefect-dask's
  `DaskTaskRunner`, and a batch is extracted in the Dask worker itself: a Dask worker is
  a daemon process and cannot start a pool of processes of its own.

Either way a run keeps a bounded number of extraction batches in flight (twice the slots
that work on them), so neither memory nor the Prefect API sees a whole run at once.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import forkserver
from multiprocessing.util import Finalize
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import Task
from prefect.futures import PrefectFuture
from prefect_dask.task_runners import DaskTaskRunner

from flows.config import Settings
from flows.steps.extract import ExtractedBatch, extract_pages
from flows.steps.fetch import FetchedPage
from warehouse.faults import FAULT_POINT_VARIABLE, checkpoint
from warehouse.queries import KnownArticle

Result = TypeVar("Result")

IN_FLIGHT_PER_SLOT = 2
"""Extraction batches in flight per process (or Dask thread) that extracts: one at work,
one waiting, so a slot never idles while the flow hands out the next batch."""


def local_slots() -> int:
    """Return how many processes extract on this machine: one per usable core."""
    return len(os.sched_getaffinity(0))


class BatchRunner:
    """Submits a run's fetch and extraction batch tasks where the settings say."""

    def __init__(self, settings: Settings) -> None:
        self._dask: DaskTaskRunner | None = None
        if settings.dask_scheduler is not None:
            self._dask = DaskTaskRunner(address=settings.dask_scheduler)
            self._dask.__enter__()  # type: ignore[no-untyped-call]

    def submit(self, task: Task[..., Result], **parameters: Any) -> PrefectFuture[Result]:
        """Submit a task run with these parameters (inside a flow run)."""
        if self._dask is None:
            return cast(PrefectFuture[Result], task.submit(**parameters))
        return cast(PrefectFuture[Result], self._dask.submit(task, parameters))

    def slots(self) -> int:
        """Return how many batches can be at work at once."""
        if self._dask is not None:
            threads: dict[str, int] = self._dask.client.nthreads()  # type: ignore[no-untyped-call]
            return max(1, sum(threads.values()))
        return local_slots()

    def close(self) -> None:
        """Let go of the cluster (a Dask client); the local pool outlives runs."""
        if self._dask is not None:
            self._dask.__exit__(None, None, None)
            self._dask = None


_RUNNERS: dict[str, BatchRunner] = {}
_RUNNERS_LOCK = threading.Lock()


def batch_runner(settings: Settings, run_id: str) -> BatchRunner:
    """Return the run's batch runner, made on first use."""
    with _RUNNERS_LOCK:
        runner = _RUNNERS.get(run_id)
        if runner is None:
            runner = _RUNNERS[run_id] = BatchRunner(settings)
        return runner


def release_runner(run_id: str) -> None:
    """Close the run's batch runner, if it made one."""
    with _RUNNERS_LOCK:
        runner = _RUNNERS.pop(run_id, None)
    if runner is not None:
        runner.close()


def extract_batch(
    settings: Settings, pages: Sequence[FetchedPage], known: Mapping[str, KnownArticle]
) -> ExtractedBatch:
    """Extract fetched pages from their captures (see `extract_pages`): in the local pool,
    or right here on a Dask worker."""
    if settings.dask_scheduler is not None:
        return extract_pages(pages, known, settings.captures_dir)
    future = _submit_to_pool(extract_pages, tuple(pages), dict(known), settings.captures_dir)
    extracted: ExtractedBatch = future.result()
    # Crash points stay in the run's own process (pool workers run with them disarmed): a
    # kill a test arms at the n-th extracted page ends the run, not a worker.
    for _ in pages:
        checkpoint("extract")
    return extracted


def warm_up() -> list[Future[ExtractedBatch]]:
    """Start the local extraction pool's processes now (the extractor's import takes a few
    seconds), so the first batch does not wait for them; return futures done when each has
    started."""
    return [_submit_to_pool(extract_pages, (), {}, Path()) for _ in range(local_slots())]


_POOL: ProcessPoolExecutor | None = None
_HOLDERS: set[str] = set()
_POOL_LOCK = threading.Lock()


def _submit_to_pool(function: Any, *arguments: Any) -> Future[Any]:
    global _POOL
    with _POOL_LOCK:
        for _ in range(2):
            if _POOL is None:
                # Spawned, not forked: this process runs Prefect's threads.
                _POOL = ProcessPoolExecutor(
                    max_workers=local_slots(),
                    mp_context=_context(),
                    initializer=_worker_started,
                    initargs=(os.getpid(), _started_at(os.getpid())),
                )
                # A process started by multiprocessing joins its children before Python's
                # own exit handlers would shut the pool down: its finalizers run first,
                # and this one before those that close the pool's queues (priority 10).
                Finalize(None, shutdown_pool, exitpriority=100)
            try:
                return _POOL.submit(function, *arguments)
            except BrokenProcessPool:
                # A worker died (killed, out of memory): the next batches get a new pool;
                # the batches that were in it fail and are retried as the machine's fault.
                _POOL = None
    raise BrokenProcessPool("the extraction pool could not be started")


def _context() -> multiprocessing.context.BaseContext:
    # Workers are forked from a server process that imported the extractor once, not from
    # this process (it runs Prefect's threads); they start at once and share its pages.
    # The main module too: a worker imports it unless its fork server did (shared then).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", "flows.steps.extract"])
    return context


def hold_pool(run_id: str) -> None:
    """Count the run among those extracting in the local pool."""
    with _POOL_LOCK:
        _HOLDERS.add(run_id)


def release_pool(run_id: str) -> None:
    """Count the run out; when no run extracts any more, stop the pool's workers and their
    fork server, so that their memory is free for the load (a later run starts them again
    in a few seconds)."""
    global _POOL
    with _POOL_LOCK:
        _HOLDERS.discard(run_id)
        if _HOLDERS:
            return
        pool, _POOL = _POOL, None
        if pool is not None:
            pool.shutdown(wait=True)
            _stop_fork_server()


def _stop_fork_server() -> None:
    # The fork server holds the extractor it preloaded (about 170 MB) for as long as this
    # process lives; multiprocessing starts it again for the next pool. `_stop` is how
    # CPython's own tests stop it: no public call does, so a Python without it keeps it.
    stop = getattr(forkserver._forkserver, "_stop", None)
    if stop is not None:
        stop()


def shutdown_pool() -> None:
    """Stop the local extraction pool's processes (a later batch starts a new pool)."""
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_started(owner: int, owner_started: str | None) -> None:
    os.environ.pop(FAULT_POINT_VARIABLE, None)
    # A process killed outright never closes its pool, and its workers keep their fork
    # server alive: they leave when the process that made the pool is gone (its fork server
    # then follows), rather than wait for work for ever.
    threading.Thread(target=_leave_with, args=(owner, owner_started), daemon=True).start()


def _leave_with(owner: int, owner_started: str | None) -> None:
    while _started_at(owner) == owner_started:
        time.sleep(1.0)
    os._exit(0)


def _started_at(pid: int) -> str | None:
    """Return when a living process started (in clock ticks since boot, from /proc), so a
    later process given the same id is told apart; None once it is gone or a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    # Fields 3 (state) and 22 (starttime) of proc(5), 0 and 19 after the command name.
    return None if fields[0] in ("Z", "X") else fields[19]
