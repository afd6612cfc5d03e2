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


def _living(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def test_pool_workers_and_their_fork_server_leave_when_their_owner_is_killed() -> None:
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER],
        cwd=REPOSITORY,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
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
