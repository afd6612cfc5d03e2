"""Retries: tasks retry failures of the machine itself (a flaky disk, a held file), never
a permanent one."""

from __future__ import annotations

import errno
from pathlib import Path

import duckdb
import pytest
from prefect import flow, task

from flows.locks import LockTimeoutError
from flows.pipeline import (
    RETRIES,
    commit_run_task,
    discover_source_task,
    extract_pages_task,
    fetch_batch_task,
    is_transient_infrastructure,
    prune_captures_task,
    publish_task,
    retry_on_infrastructure,
)
from warehouse.disk import InsufficientDiskSpaceError
from warehouse.published import PublishBlockedError


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (OSError(errno.EIO, "I/O error"), True),
        (OSError(errno.ESTALE, "Stale file handle"), True),
        (duckdb.IOException("Could not set lock on file"), True),
        (PublishBlockedError("every standby is open"), True),
        (LockTimeoutError("gave up"), True),
        (FileNotFoundError(errno.ENOENT, "gone"), False),
        (PermissionError(errno.EACCES, "denied"), False),
        (FileExistsError(errno.EEXIST, "in the way"), False),
        (
            InsufficientDiskSpaceError(
                path=Path("/d"), checked=Path("/d"), free_bytes=1, required_bytes=2
            ),
            False,
        ),
        (ValueError("a bug"), False),
    ],
)
def test_failures_of_the_machine_are_transient_others_are_not(
    error: BaseException, transient: bool
) -> None:
    assert is_transient_infrastructure(error) is transient


def test_the_run_tasks_retry_transient_failures_only() -> None:
    for retried in (
        discover_source_task,
        fetch_batch_task,
        extract_pages_task,
        publish_task,
        prune_captures_task,
    ):
        assert retried.retries == RETRIES, retried.name
        assert retried.retry_condition_fn is retry_on_infrastructure, retried.name
    # Compaction removes the parts it merged: a second try would not find them.
    assert commit_run_task.retries == 0


ATTEMPTS: list[str] = []


@task(retries=2, retry_delay_seconds=0, retry_condition_fn=retry_on_infrastructure)
def _flaky(error: str) -> str:
    ATTEMPTS.append(error)
    if len(ATTEMPTS) == 1:
        raise OSError(errno.EIO, "I/O error") if error == "io" else FileNotFoundError(error)
    return "done"


@flow
def _uses_flaky(error: str) -> str:
    return _flaky(error)


def test_a_task_retries_a_flaky_disk_but_not_a_missing_file(prefect_api: None) -> None:
    ATTEMPTS.clear()
    assert _uses_flaky("io") == "done"
    assert ATTEMPTS == ["io", "io"]
    ATTEMPTS.clear()
    state = _uses_flaky("missing", return_state=True)
    assert state.is_failed()
    assert ATTEMPTS == ["missing"]
