"""When each URL may be fetched: per-host spacing and concurrency, and a global in-flight cap.

The frontier holds one queue per host and hands out the URL whose host is ready first, so a
slow or strict host never holds up the others. Worker threads take from it, fetch, and give
the host back; `fetch_all` runs that loop and yields responses as they complete.

Spacing is kept between requests actually sent, not between URLs handed out: a fetch calls
``Frontier.wait_turn(host)`` just before every request it sends (robots.txt, retries and
redirect hops included), which books the host's next start on a `HostClock` and sleeps
until it. Handing out a URL only schedules it; a fetch that never calls ``wait_turn`` is
still spaced by hand-out time.
"""

from __future__ import annotations

import contextlib
import heapq
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

Work = TypeVar("Work")
Result = TypeVar("Result")


@dataclass(frozen=True, kw_only=True)
class HostPolicy:
    """How hard one host may be asked: spacing of request starts and requests at once."""

    min_delay: float = 1.0
    """Minimum seconds between two request starts on the host."""
    max_concurrent: int = 2


class HostClock:
    """When each host was last asked: one per run, shared by discovery and every batch, so
    a feed read just before a host's pages counts toward its spacing. Thread-safe."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._last_sent: dict[str, float] = {}
        self._lock = threading.Lock()

    def due(self, host: str, min_delay: float) -> float:
        """Return the earliest clock time a request to the host may start."""
        with self._lock:
            return self._last_sent.get(host, float("-inf")) + min_delay

    def reserve(self, host: str, min_delay: float) -> float:
        """Book the host's next start, ``min_delay`` after the last one booked; return it.

        Callers get starts in the order they ask, each spaced from the one before.
        """
        with self._lock:
            start = max(self._clock(), self._last_sent.get(host, float("-inf")) + min_delay)
            self._last_sent[host] = start
            return start

    def wait_turn(self, host: str, min_delay: float) -> float:
        """Book the host's next start, sleep until it comes, and return when it came.

        A thread that wakes late moves the host's last start to when it really woke, so
        the next request is spaced from the request that went out, not from the booking.
        """
        booked = self.reserve(host, min_delay)
        wait = booked - self._clock()
        if wait > 0:
            self._sleep(wait)
        woke = self._clock()
        with self._lock:
            if woke > self._last_sent.get(host, float("-inf")):
                self._last_sent[host] = woke
        return woke


@dataclass
class _HostState(Generic[Work]):
    pending: deque[Work] = field(default_factory=deque)
    in_flight: int = 0
    next_start: float = 0.0
    """When the host may next be handed a URL (a schedule; wait_turn enforces the start)."""
    min_delay: float = 1.0
    max_concurrent: int = 1
    queued: bool = False


class Frontier(Generic[Work]):
    """Hands out (host, work) pairs no faster than each host's policy allows; thread-safe."""

    def __init__(
        self,
        work: Iterable[tuple[str, Work]],
        policy_for: Callable[[str], HostPolicy],
        *,
        clock: Callable[[], float] = time.monotonic,
        host_clock: HostClock | None = None,
    ) -> None:
        self._clock = clock
        self._host_clock = host_clock or HostClock(clock=clock)
        self._hosts: dict[str, _HostState[Work]] = {}
        self._ready: list[tuple[float, int, str]] = []
        self._sequence = 0
        self._pending = 0
        self._condition = threading.Condition()
        self._policy_for = policy_for
        for host, item in work:
            state = self._state(host)
            state.pending.append(item)
            self._pending += 1
        for host, state in self._hosts.items():
            state.next_start = self._host_clock.due(host, state.min_delay)
            self._enqueue(host, state, state.next_start)
        self.size = self._pending
        """How many items the frontier was given."""

    @property
    def hosts(self) -> int:
        """Return the number of distinct hosts in the frontier."""
        return len(self._hosts)

    def _state(self, host: str) -> _HostState[Work]:
        state = self._hosts.get(host)
        if state is None:
            policy = self._policy_for(host)
            state = _HostState(
                min_delay=policy.min_delay, max_concurrent=max(1, policy.max_concurrent)
            )
            self._hosts[host] = state
        return state

    def _enqueue(self, host: str, state: _HostState[Work], ready_at: float) -> None:
        if state.queued or not state.pending or state.in_flight >= state.max_concurrent:
            return
        self._sequence += 1
        heapq.heappush(self._ready, (ready_at, self._sequence, host))
        state.queued = True

    def take(self) -> tuple[str, Work] | None:
        """Return the next (host, work) whose host may be asked now, waiting until one may;
        None once every item has been handed out."""
        with self._condition:
            while True:
                if self._pending == 0:
                    return None
                if not self._ready:
                    # Every host with work is at its concurrency limit: wait for a release.
                    self._condition.wait()
                    continue
                ready_at, _, host = self._ready[0]
                now = self._clock()
                if ready_at > now:
                    self._condition.wait(timeout=ready_at - now)
                    continue
                heapq.heappop(self._ready)
                state = self._hosts[host]
                state.queued = False
                item = state.pending.popleft()
                self._pending -= 1
                state.in_flight += 1
                state.next_start = max(state.next_start, now + state.min_delay)
                self._enqueue(host, state, state.next_start)
                if self._pending == 0:
                    self._condition.notify_all()
                return host, item

    def wait_turn(self, host: str) -> None:
        """Wait until a request to the host may start, and count it as started now.

        Called just before each request is sent, so the spacing holds between requests
        that really went out, whatever delayed them after hand-out (a shared in-flight
        limit, a robots.txt request, a retry). Hosts the frontier was not given (a
        redirect to another host) get their policy on first use.
        """
        with self._condition:
            state = self._state(host)
            min_delay = state.min_delay
        started = self._host_clock.wait_turn(host, min_delay)
        with self._condition:
            state.next_start = max(state.next_start, started + state.min_delay)

    def raise_delay(self, host: str, min_delay: float | None) -> None:
        """Space the host's requests at least ``min_delay`` apart from now on."""
        if min_delay is None:
            return
        with self._condition:
            state = self._state(host)
            if min_delay > state.min_delay:
                state.next_start += min_delay - state.min_delay
                state.min_delay = min_delay

    def release(self, host: str, *, min_delay: float | None = None) -> None:
        """Give a host's slot back; ``min_delay`` raises its spacing (robots Crawl-delay)."""
        self.raise_delay(host, min_delay)
        with self._condition:
            state = self._hosts[host]
            state.in_flight -= 1
            self._enqueue(host, state, state.next_start)
            self._condition.notify_all()


def fetch_all(
    frontier: Frontier[Work],
    fetch_one: Callable[[str, Work], tuple[Result, float | None]],
    *,
    max_in_flight: int,
    shared_limit: threading.BoundedSemaphore | None = None,
) -> Iterator[tuple[Work, Result]]:
    """Yield (work, result) as fetches complete, with at most ``max_in_flight`` at once.

    ``shared_limit`` caps requests in flight across every fetch_all sharing it (several
    batches of one run fetched side by side in one process).

    ``fetch_one(host, work)`` returns the result and, optionally, a larger per-host delay
    learned while fetching (robots Crawl-delay). It must not raise; if it does, the error
    is re-raised here after the other workers stop taking work.
    """
    results: queue.Queue[tuple[Work, Result] | BaseException | None] = queue.Queue(
        maxsize=max_in_flight * 2
    )
    stop = threading.Event()

    def deliver(message: tuple[Work, Result] | BaseException | None) -> None:
        # Bounded queue: a slow consumer slows the workers instead of filling memory.
        while not stop.is_set():
            try:
                results.put(message, timeout=0.1)
                return
            except queue.Full:
                continue

    def work_loop() -> None:
        try:
            while not stop.is_set():
                taken = frontier.take()
                if taken is None:
                    return
                host, item = taken
                learned_delay: float | None = None
                try:
                    with shared_limit or contextlib.nullcontext():
                        result, learned_delay = fetch_one(host, item)
                finally:
                    frontier.release(host, min_delay=learned_delay)
                deliver((item, result))
        except BaseException as error:  # handed to the consumer, which re-raises it
            deliver(error)
        finally:
            deliver(None)

    workers = max(1, min(max_in_flight, frontier.size))
    threads = [
        threading.Thread(target=work_loop, name=f"fetch-{i}", daemon=True) for i in range(workers)
    ]
    for thread in threads:
        thread.start()
    finished = 0
    try:
        while finished < len(threads):
            message = results.get()
            if message is None:
                finished += 1
            elif isinstance(message, BaseException):
                raise message
            else:
                yield message
    finally:
        stop.set()
