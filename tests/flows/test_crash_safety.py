"""Crash safety: nightly ingests killed with SIGKILL at named points of every stage and at
seeded random moments, then run again to completion, leave the warehouse an uninterrupted
history would have left.

Every ingest is the real `mediawatch ingest` against an outlet of the demo newsroom on
loopback, forked from one process that imported the pipeline once (tests/flows/
forked_ingest.py), all reporting to the session's one Prefect API. After each kill: every
file a reader may open is whole and no lock is held. After the run that completes: the
loaded runs are exactly the committed ones, no row is repeated, every article's capture
reads back, and the warehouse equals that of as many uninterrupted runs as committed (a
run killed after its commit record counts: its data is kept and loaded by the next run),
compared without run ids, timestamps and capture locations.

Ten named kills and three random ones run in the default suite (about a minute on two idle
cores); MEDIAWATCH_SLOW_TESTS=1 makes it eight random ones.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import prefect.settings
import pytest

from newsroom.server import Newsroom, serve_newsroom, stable_base_urls
from tests.flows.forked_ingest import ForkedIngests, IngestExit
from tests.flows.storage_state import (
    ReaderWatch,
    State,
    check_no_lock_held,
    check_nothing_lost,
    check_readers_see_whole_files,
    state_differences,
    warehouse_state,
)
from warehouse.lake import committed_run_ids

OUTLETS = ("harbour-ledger",)
FEEDS = {
    "harbour-ledger": "http://harbour-ledger.test/feed.xml",
    "rheinblick": "http://rheinblick.test/feed.xml",
}
SITEMAPS = {
    "harbour-ledger": "http://harbour-ledger.test/news-sitemap.xml",
    "rheinblick": "http://rheinblick.test/news-sitemap.xml",
}

# Small batches: several fetch batches, extraction chunks and lake parts per run, so that
# the counted points below land in the middle of a stage.
CONFIG = """\
[storage]
lake = "lake"
captures = "captures"
warehouse = "mediawatch.duckdb"
min_free_gb = 0

[fetch]
resolve = {{ {resolve} }}
per_host_delay = 0.01
retry_base_delay = 0.05
max_attempts = 2

[run]
batch_size = 8
revisit_hours = 48
"""
SOURCE = """
[[sources]]
name = "{slug}"
feeds = ["{feed}"]
sitemaps = ["{sitemap}"]
"""

# Kills at named points, run after run on one data folder, before the run that completes,
# with the runs committed once each has died.
NAMED_KILLS = (
    # Each run dies before its commit record: none of them leaves anything to load.
    ("warc:1", 0),  # the first record written: a feed's capture, in discovery
    ("fetch:5", 0),
    ("warc:9", 0),
    ("extract:6", 0),
    ("parquet:5", 0),
    ("compact:2", 0),
    ("commit:1", 0),
    # This run dies loading itself: its commit stays, and every later run must load it
    # first (and, killed in that load's index refresh or before its switch, leave it so).
    ("load:1", 1),
    ("index:1", 1),
    ("publish:1", 1),
)
RANDOM_SEED = 9
# Secrets in the ingests' environment, as storage credentials would be: never logged.
CANARY = "canary-7f3d9a1c-never-in-a-log"
SECRET_ENVIRONMENT = {"AWS_SECRET_ACCESS_KEY": CANARY, "MEDIAWATCH_TEST_PASSWORD": CANARY}
RANDOM_KILLS = 8 if os.environ.get("MEDIAWATCH_SLOW_TESTS") else 3


def _write_config(folder: Path, newsroom: Newsroom) -> Path:
    resolve = ", ".join(f'"{slug}.test" = "{newsroom.addresses[slug]}"' for slug in OUTLETS)
    text = CONFIG.format(resolve=resolve) + "".join(
        SOURCE.format(slug=slug, feed=FEEDS[slug], sitemap=SITEMAPS[slug]) for slug in OUTLETS
    )
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "crash.toml"
    config.write_text(text, encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def newsroom() -> Iterator[Newsroom]:
    with serve_newsroom(public_base_urls=stable_base_urls()) as running:
        yield running


@pytest.fixture(scope="module")
def ingests(prefect_api: None) -> Iterator[ForkedIngests]:
    """Forked ingests that report to the session's Prefect API."""
    env = dict(
        os.environ,
        PREFECT_API_URL=str(prefect.settings.PREFECT_API_URL.value()),
        **SECRET_ENVIRONMENT,
    )
    server = ForkedIngests(env)
    try:
        yield server
    finally:
        server.close()


@dataclass
class Baseline:
    """Uninterrupted runs on a data folder of their own: the state after each."""

    config: Path
    ingests: ForkedIngests
    states: list[State] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def state(self, runs: int) -> State:
        """Return the warehouse after ``runs`` uninterrupted runs (made when first asked)."""
        while len(self.states) < runs:
            folder = self.config.parent
            ended = self.ingests.run(self.config, folder / f"run-{len(self.states) + 1}.log")
            _assert_completed(ended, folder)
            self.seconds.append(ended.seconds)
            self.states.append(warehouse_state(folder / "mediawatch.duckdb"))
        return self.states[runs - 1]


@pytest.fixture(scope="module")
def baseline(
    ingests: ForkedIngests, newsroom: Newsroom, tmp_path_factory: pytest.TempPathFactory
) -> Baseline:
    return Baseline(
        config=_write_config(tmp_path_factory.mktemp("baseline"), newsroom), ingests=ingests
    )


def _log_tail(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else ""


def _assert_completed(ended: IngestExit, folder: Path) -> None:
    logs = "\n".join(_log_tail(log) for log in sorted(folder.glob("*.log"))[-1:])
    assert ended.status == 0 and not ended.timed_out, f"{ended}\n{logs}"


def _after_kill(folder: Path) -> None:
    check_readers_see_whole_files(folder)
    check_no_lock_held(folder)


def _complete_and_compare(ingests: ForkedIngests, folder: Path, baseline: Baseline) -> None:
    config = folder / "crash.toml"
    ended = ingests.run(config, folder / "complete.log")
    _assert_completed(ended, folder)
    check_readers_see_whole_files(folder)
    check_no_lock_held(folder)
    check_nothing_lost(folder)
    for log in folder.glob("*.log"):
        assert CANARY not in log.read_text(encoding="utf-8", errors="replace"), log
    committed = len(committed_run_ids(folder / "lake"))
    differences = state_differences(
        warehouse_state(folder / "mediawatch.duckdb"), baseline.state(committed)
    )
    assert not differences, "\n".join(differences)


def test_kills_at_named_points_then_a_complete_run_equal_uninterrupted_runs(
    ingests: ForkedIngests, newsroom: Newsroom, baseline: Baseline, tmp_path: Path
) -> None:
    config = _write_config(tmp_path, newsroom)
    for number, (fault, committed) in enumerate(NAMED_KILLS, start=1):
        log = tmp_path / f"kill-{number}.log"
        ended = ingests.run(config, log, fault=fault)
        point = fault.partition(":")[0]
        assert ended.killed, f"{fault}: {ended}\n{_log_tail(log)}"
        assert f"fault point {point} reached" in _log_tail(log)
        assert len(committed_run_ids(tmp_path / "lake")) == committed, fault
        _after_kill(tmp_path)
    _complete_and_compare(ingests, tmp_path, baseline)


def test_kills_at_seeded_random_moments_then_a_complete_run_equal_uninterrupted_runs(
    ingests: ForkedIngests, newsroom: Newsroom, baseline: Baseline, tmp_path: Path
) -> None:
    baseline.state(1)  # its run's time bounds the moments
    moments = random.Random(RANDOM_SEED)
    config = _write_config(tmp_path, newsroom)
    kills = 0
    for number in range(1, RANDOM_KILLS + 1):
        kill_after = moments.uniform(0.1, 1.0) * baseline.seconds[0]
        # A reader looks on while the run writes: it never sees a partial file or run.
        watch = ReaderWatch(tmp_path)
        ended = ingests.run(config, tmp_path / f"kill-{number}.log", kill_after=kill_after)
        assert watch.stop() > 0
        assert ended.killed or ended.status == 0, ended
        kills += ended.killed
        _after_kill(tmp_path)
    assert kills >= RANDOM_KILLS - 1  # a moment may fall after a quick run's end
    _complete_and_compare(ingests, tmp_path, baseline)
