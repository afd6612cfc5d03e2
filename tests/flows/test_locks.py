"""Run locks are OS file locks: a waiting run names the run it waits for, and a killed
holder leaves nothing behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from flows.locks import LockTimeoutError, file_lock

HOLDER = """
import sys, time
from pathlib import Path
from flows.locks import file_lock
shared = sys.argv[3] == "shared"
with file_lock(Path(sys.argv[1]), holder=sys.argv[2], purpose="hold", shared=shared):
    print("held", flush=True)
    time.sleep(120)
"""


@contextmanager
def held_elsewhere(path: Path, holder: str, *, shared: bool = False) -> Iterator[int]:
    """Hold the lock in another process for the block; yield its pid."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), holder, "shared" if shared else "exclusive"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "held"
        yield process.pid
    finally:
        process.kill()
        process.wait(timeout=10)


def test_a_waiting_run_says_which_run_it_waits_for(tmp_path: Path) -> None:
    lock = tmp_path / "locks" / "warehouse.lock"
    messages: list[str] = []
    with (
        held_elsewhere(lock, "nightly 2026-11-25 demo (run R1)") as pid,
        pytest.raises(LockTimeoutError) as raised,
        file_lock(
            lock,
            holder="backfill 2026-01-01..01-31 reextract (run R2)",
            purpose="load into the warehouse",
            log=messages.append,
            timeout=0.5,
        ),
    ):
        pass
    assert messages[0].startswith(
        "backfill 2026-01-01..01-31 reextract (run R2) waits for "
        f"nightly 2026-11-25 demo (run R1) (pid {pid} on "
    )
    assert messages[0].endswith("to finish: lock to load into the warehouse")
    assert "gave up after 0 s waiting for nightly 2026-11-25 demo (run R1)" in str(raised.value)


def test_a_killed_holder_leaves_no_lock_behind(tmp_path: Path) -> None:
    lock = tmp_path / "warehouse.lock"
    with held_elsewhere(lock, "run R1") as pid:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        messages: list[str] = []
        with file_lock(lock, holder="run R2", purpose="load", log=messages.append, timeout=5):
            assert "run R2" in lock.read_text(encoding="utf-8")
    assert messages == []
    assert lock.read_text(encoding="utf-8") == ""  # released: no stale holder recorded


def test_readers_share_and_a_writer_waits_for_them(tmp_path: Path) -> None:
    lock = tmp_path / "captures.lock"
    messages: list[str] = []
    with held_elsewhere(lock, "backfill reextract (run R1)", shared=True):
        with file_lock(lock, holder="run R2", purpose="read", shared=True, timeout=1):
            pass  # a second reader gets in at once
        with (
            pytest.raises(LockTimeoutError),
            file_lock(
                lock, holder="nightly (run R3)", purpose="delete", log=messages.append, timeout=0.3
            ),
        ):
            pass
    assert messages[0].startswith("nightly (run R3) waits for ")
    with file_lock(lock, holder="nightly (run R3)", purpose="delete", timeout=1):
        pass
