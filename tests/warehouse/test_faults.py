"""Named crash points: unarmed they return, armed they SIGKILL their process on the count."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from warehouse.faults import FAULT_POINT_VARIABLE, POINTS, checkpoint, parse_fault_point

_VISITS = """
from warehouse.faults import checkpoint
for visit in range(1, 4):
    checkpoint("parquet")
    checkpoint("load")
    print(visit, flush=True)
"""


def _visits(armed: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != FAULT_POINT_VARIABLE}
    if armed is not None:
        env[FAULT_POINT_VARIABLE] = armed
    return subprocess.run(
        [sys.executable, "-c", _VISITS], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("load", ("load", 1)), ("load:3", ("load", 3)), (" warc:12 ", ("warc", 12))],
)
def test_parse_fault_point(value: str, expected: tuple[str, int]) -> None:
    assert parse_fault_point(value) == expected


@pytest.mark.parametrize("value", ["lod", "load:0", "load:-1", "load:x", "", ":2"])
def test_unknown_points_and_bad_counts_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match=FAULT_POINT_VARIABLE):
        parse_fault_point(value)


def test_unarmed_points_return(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FAULT_POINT_VARIABLE, raising=False)
    for point in POINTS:
        checkpoint(point)
    monkeypatch.setenv(FAULT_POINT_VARIABLE, "commit:1")
    checkpoint("load")  # armed, but another point


def test_the_armed_point_kills_its_process_on_the_counted_visit() -> None:
    finished = _visits(None)
    killed = _visits("load:2")

    assert (finished.returncode, finished.stdout.split()) == (0, ["1", "2", "3"])
    assert killed.returncode == -signal.SIGKILL
    assert killed.stdout.split() == ["1"]  # the second visit of "load" never printed
    assert killed.stderr == "fault point load reached 2 times: SIGKILL\n"
