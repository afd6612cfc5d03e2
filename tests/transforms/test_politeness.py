"""The frontier: per-host spacing and concurrency, the global cap, every item exactly once."""

from __future__ import annotations

import itertools
import threading
import time
from collections import defaultdict

import pytest

from transforms.politeness import Frontier, HostClock, HostPolicy, fetch_all


class Recorder:
    """A fetch_one that records when each host was asked and how many requests overlapped."""

    def __init__(self, duration: float = 0.0, learned_delay: float | None = None) -> None:
        self.duration = duration
        self.learned_delay = learned_delay
        self.starts: dict[str, list[float]] = defaultdict(list)
        self._lock = threading.Lock()
        self._running: dict[str, int] = defaultdict(int)
        self.peak_per_host: dict[str, int] = defaultdict(int)
        self._running_total = 0
        self.peak_total = 0

    def __call__(self, host: str, item: int) -> tuple[int, float | None]:
        with self._lock:
            self.starts[host].append(time.monotonic())
            self._running[host] += 1
            self._running_total += 1
            self.peak_per_host[host] = max(self.peak_per_host[host], self._running[host])
            self.peak_total = max(self.peak_total, self._running_total)
        time.sleep(self.duration)
        with self._lock:
            self._running[host] -= 1
            self._running_total -= 1
        return item * 10, self.learned_delay


def _work(hosts: int, per_host: int) -> list[tuple[str, int]]:
    return [(f"h{h}.test", h * 100 + i) for h in range(hosts) for i in range(per_host)]


def test_every_item_is_fetched_exactly_once() -> None:
    work = _work(hosts=7, per_host=9)
    frontier = Frontier(work, lambda _host: HostPolicy(min_delay=0.0, max_concurrent=3))
    results = list(fetch_all(frontier, Recorder(), max_in_flight=5))
    assert sorted(item for item, _ in results) == sorted(item for _, item in work)
    assert all(result == item * 10 for item, result in results)


def test_request_starts_on_one_host_are_spaced_by_its_delay() -> None:
    delay = 0.05
    recorder = Recorder()
    frontier = Frontier(_work(hosts=3, per_host=5), lambda _h: HostPolicy(min_delay=delay))
    list(fetch_all(frontier, recorder, max_in_flight=8))
    for starts in recorder.starts.values():
        gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
        assert len(gaps) == 4
        assert min(gaps) >= delay * 0.95


def test_hosts_are_fetched_side_by_side_not_one_after_another() -> None:
    recorder = Recorder()
    frontier = Frontier(_work(hosts=4, per_host=4), lambda _h: HostPolicy(min_delay=0.05))
    list(fetch_all(frontier, recorder, max_in_flight=8))
    first_starts = sorted(starts[0] for starts in recorder.starts.values())
    last_starts = sorted(starts[-1] for starts in recorder.starts.values())
    # Every host began before any host finished its queue.
    assert first_starts[-1] < last_starts[0]


def test_a_host_never_gets_more_requests_at_once_than_its_limit() -> None:
    recorder = Recorder(duration=0.03)
    frontier = Frontier(
        _work(hosts=2, per_host=8), lambda _h: HostPolicy(min_delay=0.0, max_concurrent=2)
    )
    list(fetch_all(frontier, recorder, max_in_flight=10))
    assert max(recorder.peak_per_host.values()) == 2


def test_the_global_cap_bounds_requests_in_flight() -> None:
    recorder = Recorder(duration=0.03)
    frontier = Frontier(
        _work(hosts=10, per_host=3), lambda _h: HostPolicy(min_delay=0.0, max_concurrent=4)
    )
    list(fetch_all(frontier, recorder, max_in_flight=3))
    assert recorder.peak_total == 3


def test_a_learned_crawl_delay_slows_the_host_down() -> None:
    recorder = Recorder(learned_delay=0.08)
    frontier = Frontier(
        _work(hosts=1, per_host=3), lambda _h: HostPolicy(min_delay=0.0, max_concurrent=1)
    )
    list(fetch_all(frontier, recorder, max_in_flight=2))
    (starts,) = recorder.starts.values()
    assert starts[1] - starts[0] >= 0.08 * 0.95
    assert starts[2] - starts[1] >= 0.08 * 0.95


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    def broken(host: str, item: int) -> tuple[int, float | None]:
        raise RuntimeError(f"bug while fetching {item}")

    frontier = Frontier(_work(hosts=2, per_host=2), lambda _h: HostPolicy(min_delay=0.0))
    with pytest.raises(RuntimeError, match="bug while fetching"):
        list(fetch_all(frontier, broken, max_in_flight=2))


def test_an_empty_frontier_yields_nothing() -> None:
    frontier: Frontier[int] = Frontier([], lambda _h: HostPolicy())
    assert list(fetch_all(frontier, Recorder(), max_in_flight=4)) == []


def test_a_shared_limit_caps_requests_across_concurrent_fetch_loops() -> None:
    shared = threading.BoundedSemaphore(2)
    recorder = Recorder(duration=0.03)

    def run(offset: int) -> None:
        work = [(f"h{offset + h}.test", h) for h in range(6)]
        frontier = Frontier(work, lambda _h: HostPolicy(min_delay=0.0))
        list(fetch_all(frontier, recorder, max_in_flight=4, shared_limit=shared))

    loops = [threading.Thread(target=run, args=(n * 10,)) for n in range(3)]
    for loop in loops:
        loop.start()
    for loop in loops:
        loop.join()
    assert recorder.peak_total == 2


def test_wait_turn_spaces_requests_actually_sent_whatever_delayed_them_after_hand_out() -> None:
    delay = 0.05
    frontier = Frontier(_work(hosts=1, per_host=6), lambda _h: HostPolicy(min_delay=delay))
    sent: list[float] = []

    def late_then_two_requests(host: str, item: int) -> tuple[int, float | None]:
        # Held up after hand-out (as by a shared in-flight limit), the first one longest;
        # then two requests (robots.txt and the page, or a retry).
        time.sleep(0.04 if item == 0 else 0.0)
        for _ in range(2):
            frontier.wait_turn(host)
            sent.append(time.monotonic())
        return item, None

    list(fetch_all(frontier, late_then_two_requests, max_in_flight=2))
    assert len(sent) == 12
    gaps = [later - earlier for earlier, later in itertools.pairwise(sent)]
    assert min(gaps) >= delay * 0.95


def test_wait_turn_on_a_host_the_frontier_was_not_given_uses_its_policy() -> None:
    frontier: Frontier[int] = Frontier([], lambda _h: HostPolicy(min_delay=0.05))
    frontier.wait_turn("elsewhere.test")
    started = time.monotonic()
    frontier.wait_turn("elsewhere.test")
    assert time.monotonic() - started >= 0.05 * 0.95


class FakeTime:
    """A clock that only moves when slept on, plus a lag added to every wake-up."""

    def __init__(self, wake_lag: float = 0.0) -> None:
        self.now = 100.0
        self.wake_lag = wake_lag

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds + self.wake_lag


def test_a_host_clock_books_starts_in_order_each_spaced_from_the_last() -> None:
    fake = FakeTime()
    host_clock = HostClock(clock=fake.clock, sleep=fake.sleep)
    booked = [host_clock.reserve("a.test", 1.0) for _ in range(3)]
    assert booked == [100.0, 101.0, 102.0]
    assert host_clock.reserve("b.test", 1.0) == 100.0
    assert host_clock.due("a.test", 1.0) == 103.0


def test_a_late_wake_up_moves_the_next_start_back_from_the_request_that_went_out() -> None:
    fake = FakeTime(wake_lag=0.25)
    host_clock = HostClock(clock=fake.clock, sleep=fake.sleep)
    assert host_clock.wait_turn("a.test", 1.0) == 100.0  # first request: no wait
    second = host_clock.wait_turn("a.test", 1.0)
    assert second == 101.25  # booked for 101.0, woke a quarter second late
    assert host_clock.wait_turn("a.test", 1.0) - second >= 1.0


def test_a_frontier_starts_a_host_where_an_earlier_step_of_the_run_left_it() -> None:
    host_clock = HostClock()
    host_clock.wait_turn("h0.test", 0.1)  # discovery read the host's feed just now
    started = time.monotonic()
    frontier = Frontier(
        _work(hosts=1, per_host=1), lambda _h: HostPolicy(min_delay=0.1), host_clock=host_clock
    )
    sent: list[float] = []

    def fetch_one(host: str, item: int) -> tuple[int, float | None]:
        frontier.wait_turn(host)
        sent.append(time.monotonic())
        return item, None

    list(fetch_all(frontier, fetch_one, max_in_flight=1))
    assert sent[0] - started >= 0.1 * 0.9
