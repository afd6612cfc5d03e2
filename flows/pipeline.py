"""What every run shares: its identity, the tasks that fetch, extract, load and prune, and
the flow-side loops that keep one failing source from failing the others.

Tasks work on batches (a source, a group of hosts, a chunk of pages) and hand each other
small descriptors; the work itself lives in flows/steps/, transforms/ and warehouse/.
Tasks retry only failures of the machine itself (a full or flaky disk, a warehouse file
held by someone else); a page's own failures are outcome rows, never exceptions.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit
from uuid import UUID

import duckdb
from prefect import State, Task, get_run_logger, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NONE
from prefect.client.schemas.objects import TaskRun
from prefect.futures import PrefectFuture, as_completed
from prefect.runtime import flow_run
from prefect.states import Completed, Failed

from flows.config import Settings
from flows.executors import (
    IN_FLIGHT_PER_SLOT,
    batch_runner,
    extract_batch,
    hold_pool,
    release_pool,
    release_runner,
    warm_up,
)
from flows.locks import CAPTURES_LOCK, WAREHOUSE_LOCK, file_lock
from flows.report import RunReport, Verdict
from flows.steps.discover import SourceListing, discover_source
from flows.steps.fetch import (
    CapturingFetcher,
    FetchedBatch,
    FetchedPage,
    PacedFetcher,
    SourceCaptureWriters,
    fetch_batch,
)
from flows.steps.parts import write_captures_part, write_parts
from flows.steps.plan import HostBatch
from transforms.fetch import HttpFetcher, RobotsEntry
from transforms.politeness import HostClock
from transforms.records import Source, Status, UrlKind, UrlOutcome
from transforms.shared_clock import FileHostClock
from warehouse.disk import InsufficientDiskSpaceError
from warehouse.lake import RunCommit, commit_run, compact_parts
from warehouse.published import PublishBlockedError, open_reader, publish_runs
from warehouse.queries import KnownArticle, ListingState, known_articles
from warehouse.retention import prune_captures
from warehouse.schema import LAKE_TABLES

Parts = dict[str, tuple[str, ...]]
Result = TypeVar("Result")
Input = TypeVar("Input")

RETRIES = 2
RETRY_DELAYS = [5, 30]
"""Seconds before each retry of a task that failed for a reason of the machine itself."""


@dataclass(frozen=True, kw_only=True)
class RunIdentity:
    """A run's id and start, and the lake partition its files go to."""

    run_id: str
    started_at: datetime
    label: str = ""
    """What the run covers, as its flow run is named ("backfill 2026-01-01..01-31 ...")."""

    @property
    def partition(self) -> str:
        """Return the hive partition (by UTC start day) of the run's lake parts and captures."""
        return f"run_date={self.started_at:%Y-%m-%d}"

    @property
    def holder(self) -> str:
        """Return how lock messages name this run."""
        return f"{self.label} (run {self.run_id})" if self.label else f"run {self.run_id}"


def new_run(started_at: datetime, label: str = "") -> RunIdentity:
    """Return a run identity whose id sorts by start time and does not collide."""
    run_id = f"{started_at:%Y%m%dT%H%M%S}Z-{secrets.token_hex(3)}"
    return RunIdentity(run_id=run_id, started_at=started_at, label=label)


def current_run(now: datetime | None = None) -> RunIdentity:
    """Return a new run identity labelled with the current flow run's name."""
    name = flow_run.get_name() or ""
    return new_run(now or datetime.now(UTC), label=name)


# Transient failures of the machine, worth a retry: the disk or network file system
# hiccuped, a lock or a warehouse file is briefly held by another process. A path that is
# missing, forbidden or in the way stays so.
_PERMANENT_OS_ERRORS = (
    FileNotFoundError,
    PermissionError,
    IsADirectoryError,
    NotADirectoryError,
    FileExistsError,
)


def is_transient_infrastructure(error: BaseException) -> bool:
    """Return whether a task's failure is one of the machine's that may pass on retry."""
    if isinstance(error, (InsufficientDiskSpaceError, *_PERMANENT_OS_ERRORS)):
        return False  # a full disk does not empty itself within seconds either
    # A pool worker that died (killed, out of memory) takes its batches with it.
    return isinstance(error, PublishBlockedError | duckdb.IOException | OSError | BrokenProcessPool)


def retry_on_infrastructure(_task: Task[..., Any], _run: TaskRun, state: State[Any]) -> bool:
    """Prefect retry condition: retry a task whose exception is transient infrastructure."""
    try:
        error = state.result(raise_on_failure=False)
    except Exception:  # a result that cannot be read is no reason to retry
        return False
    return isinstance(error, BaseException) and is_transient_infrastructure(error)


_RETRYING: dict[str, Any] = {
    "retries": RETRIES,
    "retry_delay_seconds": RETRY_DELAYS,
    "retry_condition_fn": retry_on_infrastructure,
    "cache_policy": NONE,
}


# What a run's tasks share in this process: requests in flight (all batches together) and
# the per-host request clock, kept in files so that concurrent runs share it too.
@dataclass(frozen=True)
class _RunShared:
    in_flight: threading.BoundedSemaphore
    host_clock: HostClock


_SHARED: dict[str, _RunShared] = {}
_SHARED_LOCK = threading.Lock()


def _shared(settings: Settings, run: RunIdentity) -> _RunShared:
    with _SHARED_LOCK:
        shared = _SHARED.get(run.run_id)
        if shared is None:
            shared = _RunShared(
                in_flight=threading.BoundedSemaphore(settings.max_in_flight),
                host_clock=FileHostClock(settings.coordination_dir / "hosts"),
            )
            _SHARED[run.run_id] = shared
        return shared


def release_run(run: RunIdentity) -> None:
    """Forget what the run's tasks shared (call when the run ends)."""
    with _SHARED_LOCK:
        _SHARED.pop(run.run_id, None)
    release_runner(run.run_id)
    release_pool(run.run_id)


def lookup_known(settings: Settings, urls: list[str]) -> dict[str, KnownArticle]:
    """Return what the warehouse already holds for the URLs (nothing if it does not exist)."""
    if not urls or not settings.warehouse_path.exists():
        return {}
    connection = open_reader(settings.warehouse_path)
    try:
        return known_articles(connection, urls)
    finally:
        connection.close()


@dataclass(frozen=True, kw_only=True)
class Discovery:
    """A source's listing, the robots.txt entries read on the way, and the lake parts
    holding the listings' captures and their index."""

    listing: SourceListing
    robots: dict[str, RobotsEntry]
    parts: Parts


@task(name="discover-source", **_RETRYING)
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
        paced = PacedFetcher(fetcher, _shared(settings, run).host_clock, min_delay)
        capturing = CapturingFetcher(paced, captures, source.name)
        listing = discover_source(source, capturing, states)
        robots = fetcher.robots_known()
    listing = replace(listing, outcomes=capturing.with_capture_ids(listing.outcomes))
    parts = write_captures_part(
        settings.lake,
        run_id=run.run_id,
        part_name=name,
        partition=run.partition,
        captures=capturing.records,
        sources={record.url: source.name for record in capturing.records},
        outcomes=(),
    )
    get_run_logger().info("%s: %d article URLs listed", source.name, len(listing.urls))
    return Discovery(listing=listing, robots=robots, parts=parts)


@task(name="fetch-batch", **_RETRYING)
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
    shared = _shared(settings, run)
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
            shared_limit=shared.in_flight,
            host_clock=shared.host_clock,
        )
    parts = write_captures_part(
        settings.lake,
        run_id=run.run_id,
        part_name=name,
        partition=run.partition,
        captures=fetched.captures,
        sources={item.url: item.source for item in batch.items},
        outcomes=fetched.outcomes,
    )
    return fetched, parts


@dataclass(frozen=True, kw_only=True)
class ExtractedChunk:
    """The lake parts of an extracted chunk of pages, and its outcome rows (for the report)."""

    parts: Parts
    outcomes: tuple[UrlOutcome, ...]


@task(name="extract-pages", **_RETRYING)
def extract_pages_task(
    settings: Settings,
    pages: tuple[FetchedPage, ...],
    known: Mapping[str, KnownArticle],
    run: RunIdentity,
    part_name: str,
) -> ExtractedChunk:
    """Extract a chunk of fetched pages from their captures and write them to the lake;
    ``known`` holds what the warehouse stores of their URLs."""
    extracted = extract_batch(settings, pages, known)
    parts = write_parts(
        settings.lake,
        run_id=run.run_id,
        part_name=part_name,
        partition=run.partition,
        articles=extracted.articles,
        outcomes=extracted.outcomes,
    )
    return ExtractedChunk(parts=parts, outcomes=extracted.outcomes)


_LAKE_TABLES = {table.name: table for table in LAKE_TABLES}


@task(name="commit-run", cache_policy=NONE)
def commit_run_task(
    settings: Settings, run: RunIdentity, parts: list[Parts], flow_name: str
) -> None:
    """Merge the run's small lake parts and make them visible with a commit record.

    Not retried: compaction removes the small parts it merged, so a second try would miss
    them. A run that never commits leaves nothing a load or a rebuild reads.
    """
    merged: dict[str, tuple[str, ...]] = {}
    for batch_parts in parts:
        for table, paths in batch_parts.items():
            merged[table] = merged.get(table, ()) + paths
    compacted = {
        table: compact_parts(
            settings.lake, _LAKE_TABLES[table], paths, name=f"{run.run_id}-{table}"
        )
        for table, paths in merged.items()
    }
    commit = RunCommit(
        run_id=run.run_id,
        parts=compacted,
        flow=flow_name,
        started_at=run.started_at,
        config_sha256=settings.config_sha256,
    )
    commit_run(settings.lake, commit)


@task(name="publish", **_RETRYING)
def publish_task(settings: Settings, run: RunIdentity) -> bool:
    """Load the committed runs the warehouse lacks into a standby replica and publish it,
    one run at a time on this machine; return whether this run was loaded now.

    Idempotent: a run already loaded is not loaded again, so a retry is safe.
    """
    logger = get_run_logger()
    with file_lock(
        settings.coordination_dir / WAREHOUSE_LOCK,
        holder=run.holder,
        purpose="load into the warehouse",
        log=logger.warning,
    ):
        published = publish_runs(settings.warehouse_path, settings.lake)
    return run.run_id in published.loaded_runs


@task(name="prune-captures", **_RETRYING)
def prune_captures_task(settings: Settings, run: RunIdentity) -> int:
    """Delete WARC captures older than their source's retention; return bytes freed."""
    keep = {s.name: s.retention_days for s in settings.sources if s.retention_days is not None}
    if not keep:
        return 0
    with file_lock(
        settings.coordination_dir / CAPTURES_LOCK,
        holder=run.holder,
        purpose="delete old captures",
        log=get_run_logger().warning,
    ):
        report = prune_captures(settings.captures_dir, keep_days=keep, now=run.started_at)
    return report.bytes_freed


def settle(
    futures: Sequence[tuple[Input, PrefectFuture[Result]]],
) -> list[tuple[Input, Result | BaseException]]:
    """Wait for every future; return each input with its result or the exception that
    failed it (after its retries), in submission order."""
    settled: list[tuple[Input, Result | BaseException]] = []
    for item, future in futures:
        try:
            settled.append((item, future.result()))
        except Exception as error:  # recorded per source by the caller
            settled.append((item, error))
    return settled


def describe(error: BaseException) -> str:
    """Return an exception as a one-line problem for the run report."""
    return f"{type(error).__name__}: {error}"


class Progress:
    """A progress artifact of the flow run: share of the run's work units done."""

    UPDATE_EVERY_SECONDS = 2.0

    def __init__(self, *, key: str, description: str) -> None:
        self._total = 0
        self._done = 0
        self._updated = 0.0
        created = create_progress_artifact(progress=0.0, key=key, description=description)
        self._id = cast(UUID, created)  # called from sync code: the UUID, not a coroutine

    def expect(self, units: int) -> None:
        """Add work units the run now knows it has to do."""
        self._total += units

    def advance(self, units: int) -> None:
        """Count work units done; the artifact follows at most every few seconds."""
        self._done += units
        now = time.monotonic()
        if now - self._updated >= self.UPDATE_EVERY_SECONDS:
            self._updated = now
            self._update()

    def finish(self) -> None:
        """Show the run as done."""
        self._done = self._total = max(self._total, 1)
        self._update()

    def _update(self) -> None:
        share = 100.0 * self._done / self._total if self._total else 0.0
        update_progress_artifact(artifact_id=self._id, progress=min(share, 100.0))


def fetch_and_extract(
    settings: Settings,
    run: RunIdentity,
    batches: Sequence[HostBatch],
    robots: dict[str, RobotsEntry],
    report: RunReport,
    progress: Progress,
) -> list[Parts]:
    """Fetch the batches and extract each batch's pages as soon as it is fetched; return
    the lake parts written. A batch or chunk that fails (after its retries) is recorded
    as an error of its sources; the others go on."""
    progress.expect(2 * sum(len(batch.items) for batch in batches))
    extractions = ExtractionQueue(settings, run, report, progress)
    runner = batch_runner(settings, run.run_id)
    submitted = [
        (
            batch,
            runner.submit(
                fetch_batch_task,
                settings=settings,
                batch=batch,
                run=run,
                batch_number=number,
                robots=_robots_of(batch, robots),
            ),
        )
        for number, batch in enumerate(batches)
    ]
    batch_of = {id(future): batch for batch, future in submitted}
    parts: list[Parts] = []
    # Each batch's pages are extracted as soon as that batch is fetched.
    for future in as_completed([future for _, future in submitted]):
        batch = batch_of[id(future)]
        try:
            fetched, fetch_parts = future.result()
        except Exception as error:  # one batch's failure is its sources' error
            sources = {item.source for item in batch.items}
            report.source_error(sources, f"fetching {len(batch.items)} URLs: {describe(error)}")
            progress.advance(2 * len(batch.items))
            continue
        parts.append(fetch_parts)
        report.count_outcomes(fetched.outcomes)
        for page in fetched.pages:
            report.source(page.discovered.source).fetched += 1
        progress.advance(len(batch.items) + len(batch.items) - len(fetched.pages))
        extractions.add(fetched.pages)
    return parts + extractions.finish()


class ExtractionQueue:
    """A run's extraction tasks over chunks of ``settings.batch_size`` pages, with at most
    IN_FLIGHT_PER_SLOT chunks per extracting slot in flight: adding waits for the oldest
    chunk when the window is full. Each chunk's outcomes are counted into the report as
    it is settled (oldest first) and only its lake parts are kept, so what the flow holds
    does not grow with the run."""

    def __init__(
        self, settings: Settings, run: RunIdentity, report: RunReport, progress: Progress
    ) -> None:
        self._settings = settings
        self._run = run
        self._report = report
        self._progress = progress
        self._runner = batch_runner(settings, run.run_id)
        self._window = IN_FLIGHT_PER_SLOT * self._runner.slots()
        self._in_flight: deque[tuple[tuple[FetchedPage, ...], PrefectFuture[ExtractedChunk]]]
        self._in_flight = deque()
        self._submitted = 0
        self._parts: list[Parts] = []
        if settings.dask_scheduler is None:
            hold_pool(run.run_id)
            warm_up()

    def add(self, pages: Sequence[FetchedPage]) -> None:
        """Submit extraction tasks over the pages, in chunks."""
        size = self._settings.batch_size
        for offset in range(0, len(pages), size):
            chunk = tuple(pages[offset : offset + size])
            while len(self._in_flight) >= self._window:
                self._settle_oldest()
            known = lookup_known(self._settings, [page.final_url for page in chunk])
            future = self._runner.submit(
                extract_pages_task,
                settings=self._settings,
                pages=chunk,
                known=known,
                run=self._run,
                part_name=f"{self._run.run_id}-x{self._submitted:05d}",
            )
            self._submitted += 1
            self._in_flight.append((chunk, future))

    def finish(self) -> list[Parts]:
        """Wait for every chunk; return the lake parts written."""
        while self._in_flight:
            self._settle_oldest()
        release_pool(self._run.run_id)
        return self._parts

    def _settle_oldest(self) -> None:
        chunk, future = self._in_flight.popleft()
        try:
            extracted = future.result()
        except Exception as error:  # recorded against the chunk's sources
            sources = {page.discovered.source for page in chunk}
            message = f"extracting {len(chunk)} pages: {describe(error)}"
            self._report.source_error(sources, message)
        else:
            self._parts.append(extracted.parts)
            self._report.count_outcomes(extracted.outcomes)
        self._progress.advance(len(chunk))


def _robots_of(batch: HostBatch, robots: dict[str, RobotsEntry]) -> dict[str, RobotsEntry]:
    hosts = {host for host, _, _ in batch.host_policies}
    return {site: entry for site, entry in robots.items() if urlsplit(site).netloc in hosts}


def discover_sources(
    settings: Settings,
    sources: Iterable[Source],
    states: dict[str, ListingState],
    run: RunIdentity,
    report: RunReport,
) -> list[Discovery]:
    """Discover every source in its own task; a source whose task fails (after its
    retries) is recorded as errored and the others go on."""
    submitted = [(s, discover_source_task.submit(settings, s, states, run)) for s in sources]
    discoveries: list[Discovery] = []
    for source, result in settle(submitted):
        if isinstance(result, BaseException):
            report.source_error([source.name], f"discovery: {describe(result)}")
        else:
            discoveries.append(result)
    for discovery in discoveries:
        if _every_listing_failed(discovery.listing, settings):
            report.source_error(
                [discovery.listing.source], "no feed or sitemap could be read (see failures)"
            )
    return discoveries


def _every_listing_failed(listing: SourceListing, settings: Settings) -> bool:
    # A malformed feed that still gave URLs is a failure row, not a source that errored.
    source = next(s for s in settings.sources if s.name == listing.source)
    if listing.urls or source.urls or not (source.feeds or source.sitemaps):
        return False
    listing_outcomes = [o for o in listing.outcomes if o.kind is not UrlKind.ARTICLE]
    return bool(listing_outcomes) and all(o.status is Status.FAILED for o in listing_outcomes)


@dataclass(frozen=True, kw_only=True)
class LoadResult:
    """Whether a run's load committed, and what stopped it if not."""

    loaded: bool
    error: str | None


def commit_and_publish(
    settings: Settings, run: RunIdentity, parts: list[Parts], flow_name: str
) -> LoadResult:
    """Commit the run's lake parts, then publish it into the warehouse; the error, if any,
    is handed back for the run's verdict rather than raised."""
    committed = commit_run_task(settings, run, parts, flow_name, return_state=True)
    if committed.is_failed():
        return LoadResult(loaded=False, error=_state_error(committed, "commit"))
    published = publish_task(settings, run, return_state=True)
    if published.is_failed():
        return LoadResult(loaded=False, error=_state_error(published, "publish"))
    return LoadResult(loaded=bool(published.result()), error=None)


def _state_error(state: State[Any], step: str) -> str:
    error = state.result(raise_on_failure=False)
    detail = describe(error) if isinstance(error, BaseException) else (state.message or "")
    return f"{step} failed: {detail}"


def publish_report(report: RunReport, *, key: str) -> None:
    """Publish the run's report as a markdown artifact of its flow run."""
    create_markdown_artifact(markdown=report.markdown(), key=key, description=report.title)


def final_state(result: Result, verdict: Verdict) -> Result:
    """Return the run's final state, typed as its result.

    Prefect ends a flow run in the State the flow returns: a caller of the flow gets the
    State's data back (or an exception when it failed), so the cast states what callers see.
    """
    state: State[Any]
    if verdict.failed:
        state = Failed(message=verdict.message)
    else:
        state = Completed(message=verdict.message, data=result)
    return cast(Result, state)


def invalid_parameters(message: str, _result_type: type[Result]) -> Result:
    """Return the final state of a run whose parameters (or config) cannot drive it: Failed,
    with a message saying what to fix and no traceback (typed as the flow's result, as in
    `final_state`)."""
    get_run_logger().error("invalid parameters: %s", message)
    return cast(Result, Failed(message=f"invalid parameters: {message}"))


def log_problems(report: RunReport, log: Callable[[str], None]) -> None:
    """Log every problem of the report, one line each."""
    for line in report.problem_lines():
        log(line)
