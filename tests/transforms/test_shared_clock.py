"""Per-host spacing kept in files holds across processes that fetch at the same time."""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from pathlib import Path

from transforms.shared_clock import FileHostClock, host_file_name

# Each process books `turns` starts on one host, prints each booked start (wall time) and
# waits for it, as a fetch does.
BOOKER = """
import sys, time
from pathlib import Path
from transforms.shared_clock import FileHostClock
clock = FileHostClock(Path(sys.argv[1]))
start_at = float(sys.argv[3])
time.sleep(max(0.0, start_at - time.time()))
for _ in range(int(sys.argv[2])):
    booked = clock.reserve("news.example:443", 0.05)
    print(booked + time.time() - time.monotonic(), flush=True)
    time.sleep(max(0.0, booked - time.monotonic()))
"""


def test_two_processes_space_their_requests_to_a_host_between_them(tmp_path: Path) -> None:
    folder = tmp_path / "hosts"
    start_at = time.time() + 1.0  # both start together, after their imports
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", BOOKER, str(folder), "8", str(start_at)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    starts = sorted(
        float(line) for process in processes for line in process.communicate(timeout=60)[0].split()
    )
    assert len(starts) == 16
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    # Both processes asked at once; the files gave them alternate turns 50 ms apart
    # (a millisecond allowed for converting between each process's clocks).
    assert min(gaps) >= 0.049, gaps


def test_hosts_are_booked_apart_and_ports_count(tmp_path: Path) -> None:
    now = [100.0]
    clock = FileHostClock(tmp_path, clock=lambda: now[0], sleep=lambda _: None, wall=lambda: 5000.0)
    assert clock.reserve("a.test", 2.0) == 100.0
    assert clock.reserve("a.test", 2.0) == 102.0
    assert clock.reserve("b.test", 2.0) == 100.0
    assert clock.reserve("a.test:8080", 2.0) == 100.0
    assert clock.due("a.test", 2.0) == 104.0
    assert host_file_name("a.test") != host_file_name("a.test:8080")


def test_a_second_clock_on_the_same_folder_sees_the_bookings(tmp_path: Path) -> None:
    # Local clocks differ between processes (monotonic time); the files hold wall time.
    first = FileHostClock(tmp_path, clock=lambda: 10.0, sleep=lambda _: None, wall=lambda: 5000.0)
    second = FileHostClock(tmp_path, clock=lambda: 70.0, sleep=lambda _: None, wall=lambda: 5000.0)
    assert first.reserve("a.test", 3.0) == 10.0
    assert second.reserve("a.test", 3.0) == 73.0


def test_a_torn_or_foreign_file_counts_as_no_booking(tmp_path: Path) -> None:
    (tmp_path / host_file_name("a.test")).write_text("not a number", encoding="utf-8")
    clock = FileHostClock(tmp_path, clock=lambda: 10.0, sleep=lambda _: None, wall=lambda: 99.0)
    assert clock.reserve("a.test", 1.0) == 10.0
