"""The local extraction pool: its workers leave with the process that made them, however
that process ends (a run killed outright never closes its pool)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.process_tree import descendants

REPOSITORY = Path(__file__).resolve().parents[2]
OWNER = """
import sys
from flows.executors import warm_up
for started in warm_up():
    started.result()
print("ready", flush=True)
sys.stdin.read()
"""


def _start(code: str) -> subprocess.Popen[str]:
    """Start a Python process running the code, talking to it through stdin and stdout."""
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=REPOSITORY,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _living(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def test_pool_workers_and_their_fork_server_leave_when_their_owner_is_killed() -> None:
    owner = _start(OWNER)
    try:
        assert owner.stdout is not None
        assert owner.stdout.readline().strip() == "ready"
        pool = [pid for pid in descendants(owner.pid) if pid != owner.pid]
        assert len(pool) >= 2  # the fork server and at least one worker
    finally:
        owner.send_signal(signal.SIGKILL)
        owner.wait()
    deadline = time.monotonic() + 30
    while any(_living(pid) for pid in pool) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in pool if _living(pid)] == []


RELEASER = """
from flows.executors import hold_pool, release_pool, warm_up
hold_pool("run")
for started in warm_up():
    started.result()
print("ready", flush=True)
input()
release_pool("run")
print("released", flush=True)
input()
for started in warm_up():
    started.result()
print("again", flush=True)
input()
"""


def _pool_processes(owner: int) -> list[int]:
    """The owner's fork server and workers: its children but multiprocessing's resource
    tracker (12 MB, which stays with the process)."""
    return [
        pid
        for pid in descendants(owner)
        if pid != owner and b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def test_releasing_the_pool_stops_its_workers_and_fork_server_until_the_next_batch() -> None:
    owner = _start(RELEASER)
    assert owner.stdin is not None and owner.stdout is not None
    try:
        assert owner.stdout.readline().strip() == "ready"
        pool = _pool_processes(owner.pid)
        assert len(pool) >= 2  # the fork server and at least one worker
        owner.stdin.write("\n")
        owner.stdin.flush()
        assert owner.stdout.readline().strip() == "released"
        # Nothing of the pool is left: its memory is free for the load that follows.
        assert _pool_processes(owner.pid) == []
        assert [pid for pid in pool if _living(pid)] == []
        owner.stdin.write("\n")
        owner.stdin.flush()
        assert owner.stdout.readline().strip() == "again"
        assert len(_pool_processes(owner.pid)) >= 2
    finally:
        owner.kill()
        owner.wait()
