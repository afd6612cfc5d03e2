"""The nightly ingest flow: discover → fetch (WARC) → extract → Parquet lake → DuckDB.

Tasks work on batches (a source, a group of hosts, a chunk of fetched pages), never on
single articles, and hand each other small descriptors; the work lives in flows/steps/.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.futures import PrefectFuture, as_completed

from flows.config import Settings, load_settings
from flows.preflight import check_storage
from flows.steps.discover import SourceListing, discover_source
from flows.steps.extract import extract_pages
from flows.steps.fetch import (
    CapturingFetcher,
    FetchedBatch,
    FetchedPage,
    PacedFetcher,
    SourceCaptureWriters,
    fetch_batch,
)
from flows.steps.parts import write_captures_part, write_parts
from flows.steps.plan import FetchPlan, HostBatch, plan_fetches
from transforms.fetch import HttpFetcher, RobotsEntry
from transforms.politeness import HostClock
from transforms.records import Source
from warehouse.lake import RunCommit, commit_run, compact_parts
from warehouse.published import open_reader, publish_runs
from warehouse.queries import (
    FailedUrl,
    KnownArticle,
    ListingState,
    known_articles,
    listing_states,
    transient_failures,
)
from warehouse.retention import prune_captures
from warehouse.schema import LAKE_TABLES

FLOW_NAME = "nightly-ingest"
Parts = dict[str, tuple[str, ...]]


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


@dataclass(frozen=True, kw_only=True)
class PriorState:
    """What earlier runs left that this run needs before it fetches anything."""

    listings: dict[str, ListingState]
    failed: dict[str, FailedUrl]


def new_run(started_at: datetime) -> RunIdentity:
    """Return a run identity whose id sorts by start time and does not collide."""
    run_id = f"{started_at:%Y%m%dT%H%M%S}Z-{secrets.token_hex(3)}"
    return RunIdentity(run_id=run_id, started_at=started_at)


# Requests in flight, shared by the fetch tasks of one run that run in this process.
_IN_FLIGHT: dict[str, threading.BoundedSemaphore] = {}
_IN_FLIGHT_LOCK = threading.Lock()


def _in_flight_limit(run_id: str, limit: int) -> threading.BoundedSemaphore:
    with _IN_FLIGHT_LOCK:
        return _IN_FLIGHT.setdefault(run_id, threading.BoundedSemaphore(limit))


# When each host was last asked in a run, shared by discovery and the fetch batches.
_HOST_CLOCKS: dict[str, HostClock] = {}


def _host_clock(run_id: str) -> HostClock:
    with _IN_FLIGHT_LOCK:
        return _HOST_CLOCKS.setdefault(run_id, HostClock())


def lookup_known(settings: Settings, urls: list[str]) -> dict[str, KnownArticle]:
    """Return what the warehouse already holds for the URLs (nothing if it does not exist)."""
    if not urls or not settings.warehouse_path.exists():
        return {}
    connection = open_reader(settings.warehouse_path)
    try:
        return known_articles(connection, urls)
    finally:
        connection.close()


@task(name="prepare-run", cache_policy=NONE)
def prepare_run_task(settings: Settings) -> PriorState:
    """Refuse to start on a full disk; read what earlier runs learned (listing validators,
    URLs to retry) from the published warehouse, which is only ever read here."""
    check_storage(settings)
    if not settings.warehouse_path.exists():
        return PriorState(listings={}, failed={})
    connection = open_reader(settings.warehouse_path)
    try:
        listing_urls = [u for s in settings.sources for u in (*s.feeds, *s.sitemaps)]
        return PriorState(
            listings=listing_states(connection, listing_urls),
            failed=transient_failures(connection),
        )
    finally:
        connection.close()


@dataclass(frozen=True, kw_only=True)
class Discovery:
    """A source's listing, the robots.txt entries read on the way, and the lake parts
    holding the listings' captures and their index."""

    listing: SourceListing
    robots: dict[str, RobotsEntry]
    parts: Parts


@task(name="discover-source", cache_policy=NONE)
def discover_source_task(
    settings: Settings, source: Source, states: dict[str, ListingState], run: RunIdentity
) -> Discovery:
    """Read one source's feeds, sitemaps and URL list, capturing each listing response."""
    name = f"{run.run_id}-listings-{source.name}"
    with (
        HttpFetcher(settings.fetch) as fetcher,
        SourceCaptureWriters(
            settings.captures_dir,
            run_date=run.started_at.date(),
            prefix=name,
            max_file_bytes=settings.warc_max_bytes,
        ) as captures,
    ):
        min_delay, _ = settings.politeness_for(source)
        paced = PacedFetcher(fetcher, _host_clock(run.run_id), min_delay)
        capturing = CapturingFetcher(paced, captures, source.name)
        listing = discover_source(source, capturing, states)
        robots = fetcher.robots_known()
    listing = replace(listing, outcomes=capturing.with_capture_ids(listing.outcomes))
    parts = write_captures_part(
        settings.lake_dir,
        run_id=run.run_id,
        part_name=name,
        partition=run.partition,
        captures=capturing.records,
        sources={record.url: source.name for record in capturing.records},
        outcomes=(),
    )
    get_run_logger().info("%s: %d article URLs listed", source.name, len(listing.urls))
    return Discovery(listing=listing, robots=robots, parts=parts)


@task(name="plan-fetches", cache_policy=NONE)
def plan_fetches_task(
    settings: Settings, listings: list[SourceListing], prior: PriorState, now: datetime
) -> FetchPlan:
    """Split the URLs to fetch into host-grouped batches, leaving out settled ones."""
    urls = [item.url for listing in listings for item in listing.urls] + list(prior.failed)
    return plan_fetches(
        listings,
        lookup_known(settings, urls),
        prior.failed,
        politeness={s.name: settings.politeness_for(s) for s in settings.sources},
        now=now,
        revisit_hours=settings.revisit_hours,
        max_url_attempts=settings.max_url_attempts,
        batch_size=settings.batch_size,
    )


@task(name="fetch-batch", cache_policy=NONE)
def fetch_batch_task(
    settings: Settings,
    batch: HostBatch,
    run: RunIdentity,
    batch_number: int,
    robots: dict[str, RobotsEntry],
) -> tuple[FetchedBatch, Parts]:
    """Fetch one host batch politely, capture every response, and index the captures.

    ``robots`` holds the robots.txt entries discovery already read for the batch's sites.
    """
    name = f"{run.run_id}-{batch_number:05d}"
    with (
        HttpFetcher(settings.fetch, robots=robots) as fetcher,
        SourceCaptureWriters(
            settings.captures_dir,
            run_date=run.started_at.date(),
            prefix=name,
            max_file_bytes=settings.warc_max_bytes,
        ) as captures,
    ):
        fetched = fetch_batch(
            batch,
            fetcher,
            captures,
            max_in_flight=settings.max_in_flight,
            shared_limit=_in_flight_limit(run.run_id, settings.max_in_flight),
            host_clock=_host_clock(run.run_id),
        )
    parts = write_captures_part(
        settings.lake_dir,
        run_id=run.run_id,
        part_name=name,
        partition=run.partition,
        captures=fetched.captures,
        sources={item.url: item.source for item in batch.items},
        outcomes=fetched.outcomes,
    )
    return fetched, parts


@task(name="extract-pages", cache_policy=NONE)
def extract_pages_task(
    settings: Settings, pages: tuple[FetchedPage, ...], run: RunIdentity, part_name: str
) -> Parts:
    """Extract a chunk of fetched pages from their captures and write them to the lake."""
    known = lookup_known(settings, [page.final_url for page in pages])
    extracted = extract_pages(pages, known, settings.captures_dir)
    return write_parts(
        settings.lake_dir,
        run_id=run.run_id,
        part_name=part_name,
        partition=run.partition,
        articles=extracted.articles,
        outcomes=extracted.outcomes,
    )


_LAKE_TABLES = {table.name: table for table in LAKE_TABLES}


@task(name="commit-and-load", cache_policy=NONE)
def commit_and_load_task(settings: Settings, run: RunIdentity, parts: list[Parts]) -> bool:
    """Merge the run's small lake parts, make them visible with a commit record, then load
    them into a standby replica of the warehouse and publish it; return whether this
    run was loaded (False if it had been before)."""
    merged: dict[str, tuple[str, ...]] = {}
    for batch_parts in parts:
        for table, paths in batch_parts.items():
            merged[table] = merged.get(table, ()) + paths
    compacted = {
        table: compact_parts(
            settings.lake_dir, _LAKE_TABLES[table], paths, name=f"{run.run_id}-{table}"
        )
        for table, paths in merged.items()
    }
    commit = RunCommit(
        run_id=run.run_id,
        parts=compacted,
        flow=FLOW_NAME,
        started_at=run.started_at,
        config_sha256=settings.config_sha256,
    )
    commit_run(settings.lake_dir, commit)
    published = publish_runs(settings.warehouse_path, settings.lake_dir)
    return run.run_id in published.loaded_runs


@task(name="prune-captures", cache_policy=NONE)
def prune_captures_task(settings: Settings, now: datetime) -> int:
    """Delete WARC captures older than their source's retention; return bytes freed."""
    keep = {s.name: s.retention_days for s in settings.sources if s.retention_days is not None}
    if not keep:
        return 0
    report = prune_captures(settings.captures_dir, keep_days=keep, now=now)
    return report.bytes_freed


def _robots_of(batch: HostBatch, robots: dict[str, RobotsEntry]) -> dict[str, RobotsEntry]:
    hosts = {host for host, _, _ in batch.host_policies}
    return {site: entry for site, entry in robots.items() if urlsplit(site).netloc in hosts}


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
    prior = prepare_run_task(settings)
    discoveries = [
        future.result()
        for future in [
            discover_source_task.submit(settings, s, prior.listings, run) for s in settings.sources
        ]
    ]
    listings = [discovery.listing for discovery in discoveries]
    robots = {site: entry for d in discoveries for site, entry in d.robots.items()}
    plan = plan_fetches_task(settings, listings, prior, run.started_at)
    listing_outcomes = tuple(o for listing in listings for o in listing.outcomes)
    parts = [discovery.parts for discovery in discoveries]
    parts.append(
        write_parts(
            settings.lake_dir,
            run_id=run.run_id,
            part_name=f"{run.run_id}-listings",
            partition=run.partition,
            articles=(),
            outcomes=listing_outcomes + plan.outcomes,
            sources=settings.sources,
        )
    )
    fetches = [
        fetch_batch_task.submit(settings, batch, run, number, _robots_of(batch, robots))
        for number, batch in enumerate(plan.batches)
    ]
    extractions: list[PrefectFuture[Parts]] = []
    # Each batch's pages are extracted as soon as that batch is fetched.
    for future in as_completed(fetches):
        fetched, fetch_parts = future.result()
        parts.append(fetch_parts)
        for start in range(0, len(fetched.pages), settings.batch_size):
            chunk = fetched.pages[start : start + settings.batch_size]
            name = f"{run.run_id}-x{len(extractions):05d}"
            extractions.append(extract_pages_task.submit(settings, chunk, run, name))
    parts += [future.result() for future in extractions]
    loaded = commit_and_load_task(settings, run, parts)
    freed = prune_captures_task(settings, run.started_at)
    logger.info("run %s: loaded=%s, captures pruned: %d bytes", run.run_id, loaded, freed)
    with _IN_FLIGHT_LOCK:
        _IN_FLIGHT.pop(run.run_id, None)
        _HOST_CLOCKS.pop(run.run_id, None)
    return IngestResult(
        run_id=run.run_id,
        warehouse_path=str(settings.warehouse_path),
        lake_dir=str(settings.lake_dir),
        loaded=loaded,
    )
