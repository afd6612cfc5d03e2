"""Per-host spacing shared by every process on the machine: a HostClock kept in files.

A `HostClock` spaces the requests of one run. Runs that fetch at the same time (a nightly
ingest, a refetch backfill, an hourly discovery poll) each have their own, so two of them
could each send one request a second to the same host. `FileHostClock` keeps each host's
last booked start in a small file under an OS lock (``flock``) instead, so every run that
names the same folder books its turn after the other runs' turns.

Why booking files rather than one lock per host held while fetching: a held lock would
serialise each host to one request at a time on the machine and make one run wait for the
other's whole request (slow bodies, retries); the booking keeps exactly the rule each run
already follows (spacing between request starts) and holds the lock for microseconds.
``flock`` is released by the kernel when a process dies, so a killed run leaves at worst a
booking in the past, which costs nothing. Concurrency per host stays a per-run limit.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from transforms.politeness import HostClock

_UNSAFE = re.compile(r"[^A-Za-z0-9.-]")


def host_file_name(host: str) -> str:
    """Return the booking file name of a host (readable, and distinct for distinct hosts)."""
    digest = hashlib.sha256(host.encode("utf-8")).hexdigest()[:8]
    return f"{_UNSAFE.sub('_', host)[:80]}-{digest}.clock"


class FileHostClock(HostClock):
    """A HostClock whose bookings live in ``directory``, one file per host, shared by every
    process (and thread) that uses the same folder. Times in the files are wall-clock
    seconds; callers see the local ``clock`` (monotonic by default), as with HostClock."""

    def __init__(
        self,
        directory: Path,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        wall: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(clock=clock, sleep=sleep)
        directory.mkdir(parents=True, exist_ok=True)
        self._directory = directory
        self._wall = wall

    def due(self, host: str, min_delay: float) -> float:
        """Return the earliest clock time a request to the host may start."""
        with self._booking(host, fcntl.LOCK_SH) as descriptor:
            return self._local(_read(descriptor)) + min_delay

    def reserve(self, host: str, min_delay: float) -> float:
        """Book the host's next start, ``min_delay`` after the last one any process booked;
        return it."""
        with self._booking(host, fcntl.LOCK_EX) as descriptor:
            start = max(self._clock(), self._local(_read(descriptor)) + min_delay)
            _write(descriptor, self._shared(start))
            return start

    def wait_turn(self, host: str, min_delay: float) -> float:
        """Book the host's next start, sleep until it comes, and return when it came."""
        booked = self.reserve(host, min_delay)
        wait = booked - self._clock()
        if wait > 0:
            self._sleep(wait)
        woke = self._clock()
        with self._booking(host, fcntl.LOCK_EX) as descriptor:
            # A late wake-up moves the host's last start to when the request really went.
            if woke > self._local(_read(descriptor)):
                _write(descriptor, self._shared(woke))
        return woke

    def _local(self, shared: float) -> float:
        return shared - (self._wall() - self._clock())

    def _shared(self, local: float) -> float:
        return local + (self._wall() - self._clock())

    @contextmanager
    def _booking(self, host: str, operation: int) -> Iterator[int]:
        path = self._directory / host_file_name(host)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, operation)
            yield descriptor
        finally:
            os.close(descriptor)  # closing the descriptor releases its lock


def _read(descriptor: int) -> float:
    text = os.pread(descriptor, 64, 0).decode("ascii", errors="replace").strip()
    try:
        return float(text)
    except ValueError:
        return float("-inf")  # a new (or torn) file: no booking yet


def _write(descriptor: int, value: float) -> None:
    data = f"{value:.6f}\n".encode("ascii")
    os.pwrite(descriptor, data.ljust(32), 0)
