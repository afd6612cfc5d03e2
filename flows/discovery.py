"""The discovery poll: read every source's feeds and sitemaps (conditionally, so an
unchanged listing costs a 304) and queue the article URLs no run has seen, without
fetching a single article. Run often (hourly): a feed holds only its last 20-50 items, and
a busy outlet pushes stories out of it between nightly runs. The next nightly ingest
fetches what the polls queued.

When every item of a listing read before is new since that read, the outlet published
more than the listing holds in between: the source is flagged as overflowing (in the
run report, the listing's outcome row, and the log), because stories were probably
missed; poll it more often or add its sitemap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.runtime import flow_run

from flows.config import ConfigError, Settings, load_settings
from flows.nightly import seen_urls_task
from flows.pipeline import (
    commit_and_publish,
    current_run,
    discover_sources,
    final_state,
    invalid_parameters,
    log_problems,
    publish_report,
    release_run,
)
from flows.preflight import check_storage
from flows.report import DISCOVERY_COLUMNS, RunReport
from flows.steps.parts import write_parts
from flows.steps.queue import (
    OVERFLOW_DETAIL,
    Overflow,
    new_urls,
    overflows,
    queued_outcomes,
    with_overflow_details,
)
from transforms.records import DiscoveredUrl
from warehouse.published import open_reader
from warehouse.queries import ListingState, listing_states

FLOW_NAME = "discovery-poll"


@dataclass(frozen=True, kw_only=True)
class DiscoveryResult:
    """What a poll did: its run id, how many URLs it queued, and which listings overflowed."""

    run_id: str
    queued: int
    overflowing: tuple[str, ...]
    """Listing URLs whose every item was new since the last poll."""
    loaded: bool


@task(name="listing-states", cache_policy=NONE)
def listing_states_task(settings: Settings) -> dict[str, ListingState]:
    """Refuse to start on a full disk; return what earlier runs learned of each listing."""
    check_storage(settings)
    if not settings.warehouse_path.exists():
        return {}
    connection = open_reader(settings.warehouse_path)
    try:
        urls = [u for s in settings.sources for u in (*s.feeds, *s.sitemaps)]
        return listing_states(connection, urls)
    finally:
        connection.close()


def discovery_run_name() -> str:
    """Return the flow run's name: the hour it polls and the config it reads."""
    config = Path(str(flow_run.parameters.get("config_path", ""))).stem
    return f"discovery {datetime.now(UTC):%Y-%m-%d %H:%M}Z {config}".strip()


@flow(name=FLOW_NAME, flow_run_name=discovery_run_name)
def discovery_poll(config_path: str) -> DiscoveryResult:
    """Poll the feeds and sitemaps of a config's sources and queue new article URLs for
    the next nightly ingest; flag sources whose listings overflowed since the last poll.

    Args:
        config_path: The TOML config file naming the sources and the storage (relative to
            the folder the worker runs in, the repository root).
    """
    try:
        settings = load_settings(Path(config_path))
    except ConfigError as error:
        return invalid_parameters(str(error), DiscoveryResult)
    run = current_run()
    logger = get_run_logger()
    report = RunReport(
        title=run.label or f"discovery poll {run.run_id}",
        sources=[s.name for s in settings.sources],
        columns=DISCOVERY_COLUMNS,
    )
    try:
        states = listing_states_task(settings)
        discoveries = discover_sources(settings, settings.sources, states, run, report)
        listings = [d.listing for d in discoveries]
        listed = [item.url for listing in listings for item in listing.urls]
        seen = seen_urls_task(settings, listed)
        overflowing: list[Overflow] = []
        fresh: dict[str, DiscoveredUrl] = {}
        for listing in listings:
            overflowing += overflows(listing, states, seen)
            # A URL two sources list is queued once, for the first (one row per run).
            fresh |= {item.url: item for item in new_urls(listing, seen) if item.url not in fresh}
            report.source(listing.source).discovered += len(listing.urls)
        for overflow in overflowing:
            note = f"{overflow.listing}: " + OVERFLOW_DETAIL.format(items=overflow.items)
            report.source(overflow.source).notes.append(note)
        outcomes = with_overflow_details(
            (o for listing in listings for o in listing.outcomes), overflowing
        ) + queued_outcomes(fresh.values())
        report.count_outcomes(outcomes)
        parts = [d.parts for d in discoveries]
        parts.append(
            write_parts(
                settings.lake,
                run_id=run.run_id,
                part_name=f"{run.run_id}-listings",
                partition=run.partition,
                articles=(),
                outcomes=outcomes,
                sources=settings.sources,
            )
        )
        load = commit_and_publish(settings, run, parts, FLOW_NAME)
    finally:
        release_run(run)
    report.summary += [
        f"run `{run.run_id}` started {run.started_at:%Y-%m-%d %H:%M:%S} UTC: "
        f"{len(fresh)} new URLs queued for the next ingest",
        "load: committed" if load.error is None else f"load: **did not commit** ({load.error})",
    ]
    publish_report(report, key="discovery-report")
    log_problems(report, logger.warning)
    result = DiscoveryResult(
        run_id=run.run_id,
        queued=len(fresh),
        overflowing=tuple(o.listing for o in overflowing),
        loaded=load.loaded,
    )
    return final_state(result, report.verdict(load_error=load.error))
