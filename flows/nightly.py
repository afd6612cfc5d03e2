"""The nightly ingest flow: discover → fetch → extract → Parquet lake → DuckDB.

Tasks work on batches (a source, or a chunk of a source's URLs), never on single articles,
and hand each other small descriptors; the work itself lives in flows/steps.py.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from flows.config import Settings, load_settings
from flows.steps import (
    ExtractedBatch,
    FetchedBatch,
    FetchPlan,
    SourceListing,
    discover_source,
    extract_batch,
    fetch_batch,
    plan_fetches,
    write_parts,
)
from transforms.fetch import HttpFetcher
from transforms.records import DiscoveredUrl, Source
from warehouse.connection import open_warehouse
from warehouse.lake import RunCommit, commit_run
from warehouse.load import RunInfo, load_run
from warehouse.queries import KnownArticle, known_articles

FLOW_NAME = "nightly-ingest"


@dataclass(frozen=True, kw_only=True)
class IngestResult:
    """What a finished run reports: its id and where its data went."""

    run_id: str
    warehouse_path: str
    lake_dir: str
    loaded: bool


@dataclass(frozen=True, kw_only=True)
class RunIdentity:
    """A run's id and start, and the lake partition its files go to."""

    run_id: str
    started_at: datetime

    @property
    def partition(self) -> str:
        """Return the hive partition (by UTC start day) of the run's lake parts and captures."""
        return f"run_date={self.started_at:%Y-%m-%d}"


def new_run(started_at: datetime) -> RunIdentity:
    """Return a run identity whose id sorts by start time and does not collide."""
    run_id = f"{started_at:%Y%m%dT%H%M%S}Z-{secrets.token_hex(3)}"
    return RunIdentity(run_id=run_id, started_at=started_at)


def lookup_known(settings: Settings, urls: list[str]) -> dict[str, KnownArticle]:
    """Return what the warehouse already holds for the URLs (nothing if it does not exist)."""
    if not urls or not settings.warehouse_path.exists():
        return {}
    connection = open_warehouse(settings.warehouse_path, read_only=True)
    try:
        return known_articles(connection, urls)
    finally:
        connection.close()


@task(name="discover-source", cache_policy=NONE)
def discover_source_task(settings: Settings, source: Source) -> SourceListing:
    """Read one source's feeds, sitemaps and URL list."""
    with HttpFetcher(settings.fetch) as fetcher:
        listing = discover_source(source, fetcher)
    get_run_logger().info("%s: %d article URLs listed", source.name, len(listing.urls))
    return listing


@task(name="plan-fetches", cache_policy=NONE)
def plan_fetches_task(
    settings: Settings, listings: list[SourceListing], now: datetime
) -> FetchPlan:
    """Split the discovered URLs into fetch batches, leaving out settled articles."""
    urls = [item.url for listing in listings for item in listing.urls]
    return plan_fetches(
        listings,
        lookup_known(settings, urls),
        now=now,
        revisit_hours=settings.revisit_hours,
        batch_size=settings.batch_size,
    )


@task(name="fetch-batch", cache_policy=NONE)
def fetch_batch_task(
    settings: Settings, batch: tuple[DiscoveredUrl, ...], run: RunIdentity, batch_number: int
) -> FetchedBatch:
    """Fetch one batch politely and keep the responses as a WARC capture."""
    warc_path = settings.captures_dir / run.partition / f"{run.run_id}-{batch_number:05d}.warc.gz"
    with HttpFetcher(settings.fetch) as fetcher:
        return fetch_batch(batch, fetcher, warc_path)


@task(name="extract-batch", cache_policy=NONE)
def extract_batch_task(
    settings: Settings, fetched: FetchedBatch, run: RunIdentity, batch_number: int
) -> dict[str, tuple[str, ...]]:
    """Extract a fetched batch and write its articles and outcomes to the lake."""
    known = lookup_known(settings, [page.final_url for page in fetched.pages])
    extracted: ExtractedBatch = extract_batch(fetched, known)
    return write_parts(
        settings.lake_dir,
        run_id=run.run_id,
        part_name=f"{run.run_id}-{batch_number:05d}",
        partition=run.partition,
        articles=extracted.articles,
        outcomes=extracted.outcomes,
    )


@task(name="commit-and-load", cache_policy=NONE)
def commit_and_load_task(
    settings: Settings, run: RunIdentity, parts: list[dict[str, tuple[str, ...]]]
) -> bool:
    """Make the run's lake parts visible with a commit record, then load them into DuckDB."""
    merged: dict[str, tuple[str, ...]] = {}
    for batch_parts in parts:
        for table, paths in batch_parts.items():
            merged[table] = merged.get(table, ()) + paths
    commit_run(settings.lake_dir, RunCommit(run_id=run.run_id, parts=merged))
    connection = open_warehouse(settings.warehouse_path)
    try:
        return load_run(
            connection,
            settings.lake_dir,
            RunInfo(
                run_id=run.run_id,
                flow=FLOW_NAME,
                started_at=run.started_at,
                config_sha256=settings.config_sha256,
            ),
        )
    finally:
        connection.close()


@flow(name=FLOW_NAME)
def nightly_ingest(config_path: str) -> IngestResult:
    """Run one nightly ingest over the sources of a TOML config file."""
    settings = load_settings(Path(config_path))
    return run_nightly(settings)


def run_nightly(settings: Settings) -> IngestResult:
    """Run the nightly ingest's tasks for already-loaded settings (inside a flow run)."""
    run = new_run(datetime.now(UTC))
    logger = get_run_logger()
    logger.info("run %s: %d sources", run.run_id, len(settings.sources))
    listings = [
        future.result()
        for future in [discover_source_task.submit(settings, s) for s in settings.sources]
    ]
    plan = plan_fetches_task(settings, listings, run.started_at)
    listing_outcomes = tuple(o for listing in listings for o in listing.outcomes)
    parts = [
        write_parts(
            settings.lake_dir,
            run_id=run.run_id,
            part_name=f"{run.run_id}-listings",
            partition=run.partition,
            articles=(),
            outcomes=listing_outcomes + plan.outcomes,
        )
    ]
    fetched = [
        fetch_batch_task.submit(settings, batch, run, number)
        for number, batch in enumerate(plan.batches)
    ]
    # Prefect resolves a future passed as an argument, so each extraction starts as soon
    # as its own batch is fetched.
    extracted = [
        extract_batch_task.submit(settings, future, run, number)  # type: ignore[call-overload]
        for number, future in enumerate(fetched)
    ]
    parts += [future.result() for future in extracted]
    loaded = commit_and_load_task(settings, run, parts)
    logger.info("run %s: loaded=%s", run.run_id, loaded)
    return IngestResult(
        run_id=run.run_id,
        warehouse_path=str(settings.warehouse_path),
        lake_dir=str(settings.lake_dir),
        loaded=loaded,
    )
