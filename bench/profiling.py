"""CPU profiles of every thread of a block of code, merged (cProfile alone sees one thread).

Each thread started inside the block gets its own ``cProfile.Profile`` on the thread CPU
clock, so time spent blocked (sleeps, lock and socket waits, waiting for the GIL) is not
counted: what the profile shows is where the fetching process spends its core.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import Any, Self

# (substring of a profiled function's file or name, group it belongs to), first match wins.
_GROUPS: tuple[tuple[str, str], ...] = (
    ("/httpcore/", "httpcore (connection pool, HTTP/1.1)"),
    ("/h11/", "h11 (HTTP parsing)"),
    ("/httpx/", "httpx (client, headers, decoding)"),
    ("/warcio/", "warcio (WARC records)"),
    ("/warehouse/", "warehouse (capture writer)"),
    ("/transforms/politeness", "frontier and fetch_all"),
    ("/transforms/", "transforms (fetcher, guard, urls, robots)"),
    ("/flows/", "flows.steps.fetch"),
    ("zlib", "zlib (gzip in and out)"),
    ("/gzip.py", "zlib (gzip in and out)"),
    ("sha1", "hashing"),
    ("hashlib", "hashing"),
    ("/base64.py", "hashing"),
    ("socket", "socket I/O"),
    ("/selectors.py", "socket I/O"),
    ("/ssl.py", "socket I/O"),
    ("/threading.py", "threads, locks, queues"),
    ("/queue.py", "threads, locks, queues"),
    ("_thread", "threads, locks, queues"),
    ("/email/", "stdlib email/http parsing"),
    ("/http/", "stdlib email/http parsing"),
    ("/urllib/", "urllib.parse"),
    ("/ipaddress.py", "ipaddress"),
    ("/datetime.py", "datetime"),
    ("/dataclasses.py", "dataclasses"),
    ("/uuid.py", "uuid"),
)


class ThreadProfiles:
    """Profiles the calling thread and every thread started while the block runs."""

    def __init__(self) -> None:
        self._profiles: list[cProfile.Profile] = []
        self._lock = threading.Lock()
        self._main = cProfile.Profile(time.thread_time)

    def _start_in_thread(self, frame: FrameType, event: str, arg: Any) -> None:
        # threading installs this hook in each new thread before run(); the first event
        # replaces it with a profiler of that thread alone.
        profile = cProfile.Profile(time.thread_time)
        with self._lock:
            self._profiles.append(profile)
        profile.enable()

    def __enter__(self) -> Self:
        threading.setprofile(self._start_in_thread)
        self._main.enable()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._main.disable()
        threading.setprofile(None)

    def stats(self) -> pstats.Stats:
        """Return the merged statistics of every profiled thread."""
        stats = pstats.Stats(self._main, stream=io.StringIO())
        with self._lock:
            for profile in self._profiles:
                stats.add(profile)
        return stats


def own_time_by_group(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Return (group, CPU seconds spent in the group's own code), largest first."""
    totals: dict[str, float] = defaultdict(float)
    entries: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    for (filename, _, name), (_, _, own, _, _) in entries.items():
        totals[_group(f"{filename}:{name}")] += own
    return sorted(totals.items(), key=lambda item: -item[1])


def _group(where: str) -> str:
    for needle, group in _GROUPS:
        if needle in where:
            return group
    if where.startswith("~:"):
        return "builtins (isinstance, len, str and bytes methods, ...)"
    return "other"


def top_functions(stats: pstats.Stats, *, sort: str, limit: int) -> list[str]:
    """Return pstats' table of the top functions as lines (sort: "tottime", "cumulative")."""
    stream = io.StringIO()
    stats.stream = stream  # type: ignore[attr-defined]
    stats.sort_stats(sort).print_stats(limit)
    lines = stream.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return [line for line in lines[start:] if line.strip()]


def profiled(block: Callable[[], None]) -> pstats.Stats:
    """Run a block under ThreadProfiles and return its merged statistics."""
    with ThreadProfiles() as profiles:
        block()
    return profiles.stats()
