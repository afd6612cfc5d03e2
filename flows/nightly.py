"""The nightly ingest flow: discover → fetch (WARC) → extract → Parquet lake → DuckDB.

Besides the listings it reads itself, a run fetches the URLs hourly discovery polls queued
since the last run (stories that have already left the feed) and the URLs that failed
transiently before. Its report (a markdown artifact) counts what it did per source; it
ends Failed only when its load did not commit or more than half of its sources errored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.runtime import flow_run

from flows.config import ConfigError, Settings, load_settings
from flows.coverage_report import add_coverage_report
from flows.pipeline import (
    Parts,
    Progress,
    RunIdentity,
    commit_and_publish,
    current_run,
    discover_sources,
    fetch_and_extract,
    final_state,
    invalid_parameters,
    log_problems,
    lookup_known,
    prune_captures_task,
    publish_report,
    release_run,
)
from flows.preflight import check_storage
from flows.recovery import publish_pending_runs
from flows.report import INGEST_COLUMNS, RunReport
from flows.steps.discover import SourceListing
from flows.steps.parts import write_parts
from flows.steps.plan import FetchPlan, plan_fetches
from flows.steps.queue import (
    OVERFLOW_DETAIL,
    Overflow,
    overflows,
    queued_listings,
    with_overflow_details,
)
from transforms.fetch import RobotsEntry
from warehouse.health import SourceHealthFinding, source_health_findings
from warehouse.published import open_reader
from warehouse.queries import (
    FailedUrl,
    ListingState,
    QueuedUrl,
    listing_states,
    queued_urls,
    seen_urls,
    transient_failures,
)

FLOW_NAME = "nightly-ingest"


@dataclass(frozen=True, kw_only=True)
class IngestResult:
    """What a finished run reports: its id and where its data went."""

    run_id: str
    warehouse_path: str
    lake_dir: str
    loaded: bool


@dataclass(frozen=True, kw_only=True)
class PriorState:
    """What earlier runs left that this run needs before it fetches anything."""

    listings: dict[str, ListingState]
    failed: dict[str, FailedUrl]
    queued: dict[str, QueuedUrl]


@task(name="prepare-run", cache_policy=NONE)
def prepare_run_task(settings: Settings) -> PriorState:
    """Refuse to start on a full disk; publish runs an earlier run committed but did not
    publish; read what earlier runs learned (listing validators, URLs to retry, URLs
    discovery polls queued) from the published warehouse, which is only ever read here."""
    check_storage(settings)
    # A run killed after its commit left data the published warehouse lacks: loaded first.
    publish_pending_runs(
        settings, holder=flow_run.get_name() or FLOW_NAME, log=get_run_logger().warning
    )
    if not settings.warehouse_path.exists():
        return PriorState(listings={}, failed={}, queued={})
    connection = open_reader(settings.warehouse_path)
    try:
        listing_urls = [u for s in settings.sources for u in (*s.feeds, *s.sitemaps)]
        return PriorState(
            listings=listing_states(connection, listing_urls),
            failed=transient_failures(connection),
            queued=queued_urls(connection),
        )
    finally:
        connection.close()


@task(name="seen-urls", cache_policy=NONE)
def seen_urls_task(settings: Settings, urls: list[str]) -> set[str]:
    """Return the URLs among ``urls`` that earlier runs listed, queued or fetched."""
    if not urls or not settings.warehouse_path.exists():
        return set()
    connection = open_reader(settings.warehouse_path)
    try:
        return seen_urls(connection, urls)
    finally:
        connection.close()


@task(name="source-health", cache_policy=NONE)
def source_health_task(settings: Settings, run: RunIdentity) -> list[SourceHealthFinding]:
    """Return the sources the published warehouse flags silent or low on their last
    complete day (see `warehouse.health`)."""
    if not settings.warehouse_path.exists():
        return []
    connection = open_reader(settings.warehouse_path)
    try:
        return source_health_findings(connection, run.started_at.date())
    finally:
        connection.close()


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


def nightly_run_name() -> str:
    """Return the flow run's name: the day it runs and the config it reads."""
    config = Path(str(flow_run.parameters.get("config_path", ""))).stem
    return f"nightly {datetime.now(UTC):%Y-%m-%d} {config}".strip()


@flow(name=FLOW_NAME, flow_run_name=nightly_run_name)
def nightly_ingest(config_path: str) -> IngestResult:
    """Run one nightly ingest over the sources of a TOML config file.

    Args:
        config_path: The TOML config file naming the sources and the storage (relative to
            the folder the worker runs in, the repository root).
    """
    try:
        settings = load_settings(Path(config_path))
    except ConfigError as error:
        return invalid_parameters(str(error), IngestResult)
    result, report, load_error = run_nightly(settings)
    return final_state(result, report.verdict(load_error=load_error))


def run_nightly(settings: Settings) -> tuple[IngestResult, RunReport, str | None]:
    """Run the nightly ingest's tasks for already-loaded settings (inside a flow run);
    return the result, the run's report (also published as an artifact) and the load's
    error, if it did not commit."""
    run = current_run()
    logger = get_run_logger()
    logger.info("run %s: %d sources", run.run_id, len(settings.sources))
    report = RunReport(
        title=run.label or f"nightly run {run.run_id}",
        sources=[s.name for s in settings.sources],
        columns=INGEST_COLUMNS,
    )
    progress = Progress(key="nightly-progress", description="URLs fetched and extracted")
    try:
        parts, robots, plan = _discover_and_plan(settings, run, report)
        parts += fetch_and_extract(settings, run, plan.batches, robots, report, progress)
        load = commit_and_publish(settings, run, parts, FLOW_NAME)
        if load.error is None:
            freed = prune_captures_task(settings, run, return_state=True)
            if freed.is_failed():
                report.problems.append(f"pruning old captures failed: {freed.message}")
            _report_health(settings, run, report)
            add_coverage_report(settings.warehouse_path, run.run_id, report)
    finally:
        release_run(run)
    progress.finish()
    report.summary += [
        f"run `{run.run_id}` started {run.started_at:%Y-%m-%d %H:%M:%S} UTC",
        "load: committed" if load.error is None else f"load: **did not commit** ({load.error})",
    ]
    publish_report(report, key="nightly-report")
    log_problems(report, logger.warning)
    result = IngestResult(
        run_id=run.run_id,
        warehouse_path=str(settings.warehouse_path),
        lake_dir=settings.lake.url,
        loaded=load.loaded,
    )
    return result, report, load.error


def _report_health(settings: Settings, run: RunIdentity, report: RunReport) -> None:
    """Flag, as problems of the run, the configured sources that fell silent or dropped."""
    health = source_health_task(settings, run, return_state=True)
    if health.is_failed():
        report.problems.append(f"source health could not be read: {health.message}")
        return
    configured = {source.name for source in settings.sources}
    for finding in health.result():
        if finding.source in configured:
            note = finding.message.removeprefix(f"{finding.source}: ")
            report.source(finding.source).notes.append(f"source health: {note}")


def _discover_and_plan(
    settings: Settings, run: RunIdentity, report: RunReport
) -> tuple[list[Parts], dict[str, RobotsEntry], FetchPlan]:
    prior = prepare_run_task(settings)
    discoveries = discover_sources(settings, settings.sources, prior.listings, run, report)
    listings = [discovery.listing for discovery in discoveries]
    seen = seen_urls_task(settings, [item.url for listing in listings for item in listing.urls])
    overflowing: list[Overflow] = []
    for listing in listings:
        overflowing += overflows(listing, prior.listings, seen)
    for overflow in overflowing:
        report.source(overflow.source).notes.append(
            f"{overflow.listing}: " + OVERFLOW_DETAIL.format(items=overflow.items)
        )
    # A queued URL still listed is planned once, with the listing's details.
    listed = {item.url for listing in listings for item in listing.urls}
    listings += queued_listings(prior.queued, {s.name for s in settings.sources}, listed)
    robots = {site: entry for d in discoveries for site, entry in d.robots.items()}
    plan = plan_fetches_task(settings, listings, prior, run.started_at)
    listing_outcomes = with_overflow_details(
        (o for listing in listings for o in listing.outcomes), overflowing
    )
    considered: dict[str, set[str]] = {}
    for listing in listings:
        considered.setdefault(listing.source, set()).update(i.url for i in listing.urls)
    for failure in prior.failed.values():
        considered.setdefault(failure.source, set()).add(failure.url)
    for source, urls in considered.items():
        report.source(source).discovered += len(urls)
    report.count_outcomes(listing_outcomes + plan.outcomes)
    parts = [discovery.parts for discovery in discoveries]
    parts.append(
        write_parts(
            settings.lake,
            run_id=run.run_id,
            part_name=f"{run.run_id}-listings",
            partition=run.partition,
            articles=(),
            outcomes=listing_outcomes + plan.outcomes + plan.pending(),
            sources=settings.sources,
        )
    )
    return parts, robots, plan
