"""Run locks: OS file locks (``flock``) around what runs must not do at the same time.

A killed process cannot leave one behind: the kernel releases a ``flock`` when the last
descriptor of its holder closes, so there is no PID file to clean up. The holder writes
who it is into the lock file, so a run that has to wait says which run it waits for.

- ``warehouse.lock`` (exclusive): committing a run and publishing it into the warehouse.
- ``captures.lock``: shared by runs reading old WARC captures (re-extraction, imports),
  exclusive for deleting them (retention), so a backfill never loses a file mid-read.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

WAREHOUSE_LOCK = "warehouse.lock"
CAPTURES_LOCK = "captures.lock"
REPORT_EVERY_SECONDS = 60.0
_POLL_SECONDS = 0.2


class LockTimeoutError(TimeoutError):
    """Raised when a lock was not free within the time the caller allowed."""


def holder_of(path: Path) -> str:
    """Return who holds (or last held) the lock at ``path``, as a sentence fragment."""
    try:
        record = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        record = {}
    if not record:
        return "another run"
    return (
        f"{record.get('holder', 'another run')} (pid {record.get('pid')} on "
        f"{record.get('host')}, holding it since {record.get('since')})"
    )


@contextmanager
def file_lock(
    path: Path,
    *,
    holder: str,
    purpose: str,
    shared: bool = False,
    log: Callable[[str], None] = print,
    timeout: float | None = None,
) -> Iterator[None]:
    """Hold an OS lock on ``path`` for the block, waiting for it if another run holds it.

    ``holder`` names this run (written into the file while the lock is held);
    ``purpose`` says what the lock guards ("load into the warehouse"). While waiting, a
    message naming both runs is logged at once and every REPORT_EVERY_SECONDS.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(descriptor, path, holder, purpose, shared, log, timeout)
        # Shared holders write too (the newest one shows), but only an exclusive holder,
        # alone by definition, may clear the record when it leaves.
        _write_holder(descriptor, holder)
        try:
            yield
        finally:
            if not shared:
                os.ftruncate(descriptor, 0)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _acquire(
    descriptor: int,
    path: Path,
    holder: str,
    purpose: str,
    shared: bool,
    log: Callable[[str], None],
    timeout: float | None,
) -> None:
    operation = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    started = time.monotonic()
    next_report = started
    while True:
        try:
            fcntl.flock(descriptor, operation | fcntl.LOCK_NB)
            if next_report > started:
                waited = time.monotonic() - started
                log(f"{holder} got the lock to {purpose} after waiting {waited:.0f} s")
            return
        except BlockingIOError:
            now = time.monotonic()
            if now >= next_report:
                log(f"{holder} waits for {holder_of(path)} to finish: lock to {purpose}")
                next_report = now + REPORT_EVERY_SECONDS
            if timeout is not None and now - started >= timeout:
                raise LockTimeoutError(
                    f"{holder} gave up after {timeout:.0f} s waiting for {holder_of(path)} "
                    f"(lock to {purpose}: {path})"
                ) from None
            time.sleep(_POLL_SECONDS)


def _write_holder(descriptor: int, holder: str) -> None:
    record = {
        "holder": holder,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
    }
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, json.dumps(record).encode("utf-8"), 0)
