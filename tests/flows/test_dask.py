"""The nightly ingest with its fetch and extraction batches on a Dask cluster (prefect-dask's
DaskTaskRunner, a `distributed.LocalCluster` of worker processes here): the same warehouse,
row for row, as the same ingest run locally."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from flows.nightly import nightly_ingest
from newsroom.server import Newsroom, serve_newsroom, stable_base_urls
from tests.flows.storage_state import State, state_differences, warehouse_state

OUTLETS = ("harbour-ledger", "rheinblick")
# Small batches: several fetch batches and extraction chunks, so that the cluster's two
# workers share them.
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
{run}
"""
SOURCE = """
[[sources]]
name = "{slug}"
feeds = ["http://{slug}.test/feed.xml"]
sitemaps = ["http://{slug}.test/news-sitemap.xml"]
"""


@pytest.fixture(scope="module")
def newsroom() -> Iterator[Newsroom]:
    with serve_newsroom(public_base_urls=stable_base_urls()) as running:
        yield running


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """A small Dask cluster on this machine: two worker processes of one thread each."""
    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        memory_limit="2GiB",
        dashboard_address=None,
        host="127.0.0.1",
    ) as running:
        yield running


def _config(folder: Path, newsroom: Newsroom, run: str = "") -> Path:
    resolve = ", ".join(f'"{slug}.test" = "{newsroom.addresses[slug]}"' for slug in OUTLETS)
    text = CONFIG.format(resolve=resolve, run=run)
    text += "".join(SOURCE.format(slug=slug) for slug in OUTLETS)
    folder.mkdir(parents=True)
    config = folder / "newsroom.toml"
    config.write_text(text, encoding="utf-8")
    return config


def test_nightly_on_a_dask_cluster_fills_the_same_warehouse_as_a_local_run(
    prefect_api: None, newsroom: Newsroom, cluster: LocalCluster, tmp_path: Path
) -> None:
    local = _config(tmp_path / "local", newsroom)
    on_dask = _config(
        tmp_path / "dask", newsroom, run=f'dask_scheduler = "{cluster.scheduler_address}"'
    )

    assert nightly_ingest(str(local), return_state=True).is_completed()
    state = nightly_ingest(str(on_dask), return_state=True)

    assert state.is_completed(), state.message
    # The batches ran on the cluster (its tasks are named after the functions they ran).
    scheduler = cluster.scheduler
    assert scheduler is not None
    ran = set(scheduler.task_prefixes)
    assert {"fetch_batch_task", "extract_pages_task"} <= ran, ran
    expected = _without_config_hash(warehouse_state(local.parent / "mediawatch.duckdb"))
    actual = _without_config_hash(warehouse_state(on_dask.parent / "mediawatch.duckdb"))
    assert sum(expected["articles"].values()) > 20
    assert state_differences(actual, expected) == []


def _without_config_hash(state: State) -> State:
    """Return the state with the runs' config hash left out: the two configs differ in
    the scheduler line alone."""
    runs: Counter[str] = Counter()
    for row, count in state["runs"].items():
        fields = json.loads(row)
        del fields["config_sha256"]
        runs[json.dumps(fields, sort_keys=True)] += count
    return {**state, "runs": runs}
