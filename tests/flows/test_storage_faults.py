"""A full disk and unwritable storage in the middle of a nightly ingest: the run ends with a
clear error, leaves nothing partial for readers, and the next run recovers everything.

The faults are raised from the storage layer's own write paths (tests run as root, so file
modes would prove nothing): ENOSPC or EACCES from opening a WARC file, from writing the
run's commit record, and from switching the published replica. Each scenario runs the
real nightly flow against a demo outlet twice, the fault armed in the first run only, and
compares the warehouse with that of one clean run. The outlet's feed is well-formed, so the
second run asks for it conditionally and gets a 304: the articles the first run could not
capture come back through the rows it queued them with.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from prefect.client.schemas.objects import State

from flows.nightly import nightly_ingest
from newsroom.server import Newsroom, serve_newsroom, stable_base_urls
from tests.flows.storage_state import (
    State as WarehouseState,
)
from tests.flows.storage_state import (
    check_no_lock_held,
    check_nothing_lost,
    check_readers_see_whole_files,
    state_differences,
    warehouse_state,
)
from warehouse import captures, lake, published
from warehouse.lake import committed_run_ids

OUTLET = "harbour-ledger"
CONFIG = f"""\
[storage]
lake = "lake"
captures = "captures"
warehouse = "mediawatch.duckdb"
min_free_gb = 0

[fetch]
resolve = {{ "{OUTLET}.test" = "{{address}}" }}
per_host_delay = 0
max_attempts = 1

[run]
batch_size = 6

[[sources]]
name = "{OUTLET}"
timezone = "Europe/London"
feeds = ["http://{OUTLET}.test/feed.xml"]
"""
# Content tables: the same rows whoever fetched them, in whichever run.
_CONTENT = ("articles", "search_docs", "search_postings", "search_terms")
_FETCH_BATCH_WARC = re.compile(r"-\d{5}-\d{5}\.warc\.gz$")


def _error(code: int, path: object) -> OSError:
    return OSError(code, os.strerror(code), str(path))


def _unwritable_page_captures(monkeypatch: pytest.MonkeyPatch) -> None:
    # The captures of fetched pages (not of listings) cannot be opened: EACCES.
    original = captures._OpenWarc.__init__

    def opening(self: Any, target: Path, **kwargs: Any) -> None:
        if _FETCH_BATCH_WARC.search(target.name):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))
        original(self, target, **kwargs)

    monkeypatch.setattr(captures._OpenWarc, "__init__", opening)


def _full_disk_at_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    # The lake's disk fills up as the run writes its commit record: ENOSPC.
    original = lake.Lake.writing

    def writing(self: lake.Lake, relative: str, **kwargs: Any) -> AbstractContextManager[Any]:
        if relative.startswith(lake.COMMITS_DIR):
            raise _error(errno.ENOSPC, self.path(relative))
        return original(self, relative, **kwargs)

    monkeypatch.setattr(lake.Lake, "writing", writing)


def _unwritable_warehouse_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    # The standby is loaded, but the published link cannot be replaced: EACCES.
    def point(warehouse_path: Path, replica: Path) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(warehouse_path))

    monkeypatch.setattr(published, "_point", point)


# (fault, what the failed run's final state says, what its log says, whether it committed).
SCENARIOS: dict[str, tuple[Callable[[pytest.MonkeyPatch], None], str, str, bool]] = {
    "page-captures-unwritable": (
        _unwritable_page_captures,
        f"1 of 1 sources errored: {OUTLET}",
        "URLs: PermissionError: [Errno 13] Permission denied: ",
        True,
    ),
    "lake-full-at-commit": (
        _full_disk_at_commit,
        "commit failed: OSError: [Errno 28] No space left on device: ",
        "No space left on device",
        False,
    ),
    "warehouse-unwritable-at-publish": (
        _unwritable_warehouse_folder,
        "publish failed: PermissionError: [Errno 13] Permission denied: ",
        "Permission denied",
        True,
    ),
}


@pytest.fixture(scope="module")
def newsroom() -> Iterator[Newsroom]:
    with serve_newsroom(public_base_urls=stable_base_urls()) as running:
        yield running


def _config(folder: Path, newsroom: Newsroom) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "storage.toml"
    config.write_text(CONFIG.replace("{address}", newsroom.addresses[OUTLET]), encoding="utf-8")
    return config


def _run(config: Path) -> State[Any]:
    state: State[Any] = nightly_ingest(str(config), return_state=True)
    return state


@pytest.fixture(scope="module")
def clean(
    prefect_api: None, newsroom: Newsroom, tmp_path_factory: pytest.TempPathFactory
) -> WarehouseState:
    """The warehouse after one clean run."""
    folder = tmp_path_factory.mktemp("clean")
    assert _run(_config(folder, newsroom)).is_completed()
    return warehouse_state(folder / "mediawatch.duckdb")


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_a_storage_fault_fails_the_run_clearly_and_the_next_run_recovers(
    scenario: str,
    clean: WarehouseState,
    newsroom: Newsroom,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    arm, message, logged, commits = SCENARIOS[scenario]
    config = _config(tmp_path, newsroom)

    with monkeypatch.context() as patched:
        arm(patched)
        failed = _run(config)

    assert failed.is_failed(), failed
    assert message in str(failed.message), failed.message
    assert logged in caplog.text
    check_readers_see_whole_files(tmp_path)
    check_no_lock_held(tmp_path)
    assert len(committed_run_ids(tmp_path / "lake")) == int(commits)

    recovered = _run(config)

    assert recovered.is_completed(), recovered.message
    check_readers_see_whole_files(tmp_path)
    check_no_lock_held(tmp_path)
    check_nothing_lost(tmp_path)
    state = warehouse_state(tmp_path / "mediawatch.duckdb")
    content = {table: state[table] for table in _CONTENT}
    expected = {table: clean[table] for table in _CONTENT}
    assert not state_differences(content, expected)
