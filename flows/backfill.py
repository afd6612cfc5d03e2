"""The backfill flow: work a date range over again, started from the Prefect UI's form.

- ``reextract``: extract again, from the stored WARC captures, each article URL whose
  newest capture was fetched in the range (after the extractor improves); no fetching.
- ``refetch``: fetch again the article URLs first seen in the range.
- ``import-warc``: ingest external WARC files (e.g. Common Crawl's CC-NEWS), keeping the
  responses of the sources' hosts whose WARC-Date is in the range.

A dry run selects and counts, and reports what a run would do, writing nothing. Runs are
idempotent: a page whose content the warehouse already holds is ``unchanged``, and an
imported page is never stored over a version fetched at or after it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.runtime import flow_run

from flows.backfill_request import (
    BackfillMode,
    BackfillParameterError,
    BackfillRequest,
    backfill_label,
    backfill_request,
)
from flows.config import ConfigError, Settings, load_settings
from flows.coverage_report import add_coverage_report
from flows.locks import CAPTURES_LOCK, file_lock
from flows.pipeline import (
    ExtractionQueue,
    Parts,
    Progress,
    RunIdentity,
    commit_and_publish,
    current_run,
    describe,
    fetch_and_extract,
    final_state,
    invalid_parameters,
    log_problems,
    publish_report,
    release_run,
    retry_on_infrastructure,
    settle,
)
from flows.preflight import check_storage
from flows.report import INGEST_COLUMNS, RunReport
from flows.steps.discover import SourceListing
from flows.steps.fetch import FetchedPage, SourceCaptureWriters
from flows.steps.parts import write_captures_part, write_parts
from flows.steps.plan import plan_fetches
from flows.steps.stored_pages import (
    ImportedFile,
    fetched_from_store,
    import_warc_file,
    newest_per_url,
    source_hosts,
    with_capture_file,
)
from transforms.records import DiscoveredUrl, DiscoveryVia, Reason, Status, UrlKind, UrlOutcome
from warehouse.backfill import (
    FirstSeenUrl,
    StoredPage,
    pages_to_reextract,
    urls_first_seen,
    versions_fetched_at,
)
from warehouse.published import open_reader

FLOW_NAME = "backfill"
DEFAULT_CONFIG = "config/example-outlets.toml"


@dataclass(frozen=True, kw_only=True)
class BackfillResult:
    """What a backfill did: its run id (none for a dry run or an empty selection), how many
    pages it selected, and whether its load committed."""

    run_id: str | None
    selected: int
    loaded: bool
    dry_run: bool


def backfill_run_name() -> str:
    """Return the flow run's name from its parameters: ``backfill 2026-01-01..01-31
    reextract``."""
    parameters = flow_run.parameters
    return backfill_label(
        parameters.get("start", "?"),
        parameters.get("end", "?"),
        str(parameters.get("mode", "reextract")),
        sources=parameters.get("sources") or None,
        dry_run=bool(parameters.get("dry_run", False)),
    )


@task(name="check-storage", cache_policy=NONE)
def check_storage_task(settings: Settings) -> None:
    """Refuse to start on a full disk."""
    check_storage(settings)


@task(name="select-captures", cache_policy=NONE)
def select_captures_task(settings: Settings, request: BackfillRequest) -> list[StoredPage]:
    """Return the stored captures to extract again (see `pages_to_reextract`)."""
    if not settings.warehouse_path.exists():
        return []
    connection = open_reader(settings.warehouse_path)
    try:
        return pages_to_reextract(
            connection,
            start=request.start_at,
            end=request.end_before,
            sources=list(request.sources),
        )
    finally:
        connection.close()


@task(name="select-urls", cache_policy=NONE)
def select_urls_task(settings: Settings, request: BackfillRequest) -> list[FirstSeenUrl]:
    """Return the article URLs first seen in the range (see `urls_first_seen`)."""
    if not settings.warehouse_path.exists():
        return []
    connection = open_reader(settings.warehouse_path)
    try:
        return urls_first_seen(
            connection,
            start=request.start_at,
            end=request.end_before,
            sources=list(request.sources),
        )
    finally:
        connection.close()


def _stored_versions(settings: Settings) -> Callable[[list[str]], Mapping[str, datetime]]:
    def lookup(urls: list[str]) -> Mapping[str, datetime]:
        if not settings.warehouse_path.exists():
            return {}
        connection = open_reader(settings.warehouse_path)
        try:
            return versions_fetched_at(connection, urls)
        finally:
            connection.close()

    return lookup


@task(
    name="import-warc-file",
    cache_policy=NONE,
    retries=2,
    retry_delay_seconds=[5, 30],
    retry_condition_fn=retry_on_infrastructure,
)
def import_warc_file_task(
    settings: Settings,
    path: Path,
    hosts: dict[str, str],
    request: BackfillRequest,
    run: RunIdentity,
    number: int,
) -> tuple[ImportedFile, Parts]:
    """Copy a WARC file's responses of the sources' hosts in the range into the captures
    (in a dry run: count them) and index the copies."""
    name = f"{run.run_id}-import-{number:05d}"
    lookup = _stored_versions(settings)
    if request.dry_run:
        counted = import_warc_file(
            path,
            hosts=hosts,
            start=request.start_at,
            end=request.end_before,
            captures=None,
            stored_versions=lookup,
        )
        return counted, {}
    with SourceCaptureWriters(
        settings.captures_dir,
        run_date=run.started_at.date(),
        prefix=name,
        max_file_bytes=settings.warc_max_bytes,
    ) as captures:
        imported = import_warc_file(
            path,
            hosts=hosts,
            start=request.start_at,
            end=request.end_before,
            captures=captures,
            stored_versions=lookup,
        )
    parts = write_captures_part(
        settings.lake,
        run_id=run.run_id,
        part_name=name,
        partition=run.partition,
        captures=imported.captures,
        sources={page.capture.url: page.discovered.source for page in imported.pages},
        outcomes=(),
    )
    return imported, parts


@flow(name=FLOW_NAME, flow_run_name=backfill_run_name)
def backfill(
    start: date,
    end: date,
    mode: BackfillMode = "reextract",
    sources: list[str] | None = None,
    dry_run: bool = False,
    warc_files: list[str] | None = None,
    config_path: str = DEFAULT_CONFIG,
) -> BackfillResult:
    """Work a date range over again: extract stored captures again, fetch URLs again, or
    import external WARC files.

    Args:
        start: First day of the range (UTC).
        end: Last day of the range, included (UTC).
        mode: reextract: extract again, without fetching, the stored captures of the range
            (each article's newest capture, when it falls in the range); refetch: fetch
            again the article URLs first seen in the range; import-warc: ingest the WARC
            files named in warc_files, keeping the sources' hosts and the range's dates.
        sources: Source names from the config; empty for all of them.
        dry_run: Report what the run would do, and change nothing.
        warc_files: For import-warc only: WARC files, folders of them, or patterns such
            as data/cc-news/*.warc.gz (relative paths start at the repository root).
        config_path: The TOML config file naming the sources and the storage.
    """
    try:
        settings = load_settings(Path(config_path))
        request = backfill_request(
            start=start,
            end=end,
            mode=mode,
            sources=sources,
            dry_run=dry_run,
            warc_files=warc_files,
            configured=[s.name for s in settings.sources],
            today=datetime.now(UTC).date(),
            base_dir=Path.cwd(),
        )
    except (ConfigError, BackfillParameterError) as error:
        return invalid_parameters(str(error), BackfillResult)
    return run_backfill(settings, request)


def run_backfill(settings: Settings, request: BackfillRequest) -> BackfillResult:
    """Run a checked backfill request inside a flow run; return its final state."""
    run = current_run()
    logger = get_run_logger()
    label = run.label or backfill_label(request.start, request.end, request.mode)
    report = RunReport(title=label, sources=request.sources, columns=INGEST_COLUMNS)
    progress = Progress(key="backfill-progress", description="pages worked through")
    check_storage_task(settings)
    steps = {"reextract": _reextract, "refetch": _refetch, "import-warc": _import_warc}
    try:
        parts, selected = steps[request.mode](settings, request, run, report, progress)
        load = None
        if not request.dry_run and parts:
            load = commit_and_publish(settings, run, parts, f"{FLOW_NAME}-{request.mode}")
    finally:
        release_run(run)
    progress.finish()
    report.summary.append(
        f"{request.mode} of {request.start}..{request.end} (UTC days), "
        f"sources: {', '.join(request.sources)}"
    )
    if request.dry_run:
        report.summary.append(f"**dry run**: {selected} selected; nothing was written")
    elif load is None:
        report.summary.append("nothing to do: the range holds nothing for these sources")
    else:
        report.summary.append(f"run `{run.run_id}`: {selected} selected")
        report.summary.append(
            "load: committed" if load.error is None else f"load: **did not commit** ({load.error})"
        )
        if load.error is None:
            add_coverage_report(settings.warehouse_path, run.run_id, report)
    publish_report(report, key="backfill-report")
    log_problems(report, logger.warning)
    result = BackfillResult(
        run_id=None if load is None else run.run_id,
        selected=selected,
        loaded=bool(load and load.loaded),
        dry_run=request.dry_run,
    )
    return final_state(result, report.verdict(load_error=None if load is None else load.error))


def _reextract(
    settings: Settings,
    request: BackfillRequest,
    run: RunIdentity,
    report: RunReport,
    progress: Progress,
) -> tuple[list[Parts], int]:
    # Retention must not delete a capture while it is read: shared with other readers,
    # exclusive for the nightly prune.
    with file_lock(
        settings.coordination_dir / CAPTURES_LOCK,
        holder=run.holder,
        purpose="read stored captures",
        shared=True,
        log=get_run_logger().warning,
    ):
        stored = select_captures_task(settings, request)
        present, missing = with_capture_file(stored, settings.captures_dir)
        for candidate in stored:
            report.source(candidate.source).discovered += 1
        for source, gone in sorted(Counter(c.source for c in missing).items()):
            report.source(source).notes.append(
                f"{gone} captures are gone from the captures folder (retention): not extracted"
            )
        if request.dry_run or not present:
            return [], len(present)
        progress.expect(len(present))
        # Pages are made from the selection chunk by chunk, as the queue takes them.
        extractions = ExtractionQueue(settings, run, report, progress)
        for offset in range(0, len(present), settings.batch_size):
            chunk = [fetched_from_store(c) for c in present[offset : offset + settings.batch_size]]
            for page in chunk:
                report.source(page.discovered.source).fetched += 1
            extractions.add(chunk)
        parts = extractions.finish()
    return parts, len(present)


def _refetch(
    settings: Settings,
    request: BackfillRequest,
    run: RunIdentity,
    report: RunReport,
    progress: Progress,
) -> tuple[list[Parts], int]:
    urls = select_urls_task(settings, request)
    listings: dict[str, list[DiscoveredUrl]] = {}
    for url in urls:
        via = DiscoveryVia(url.discovered_via) if url.discovered_via else DiscoveryVia.URL_LIST
        listings.setdefault(url.source, []).append(
            DiscoveredUrl(
                url=url.url, source=url.source, via=via, listed_in=url.listed_in or "backfill"
            )
        )
        report.source(url.source).discovered += 1
    if request.dry_run or not urls:
        return [], len(urls)
    # Every URL is fetched, however recently: nothing counts as known or given up.
    plan = plan_fetches(
        [SourceListing(source=s, urls=tuple(items), outcomes=()) for s, items in listings.items()],
        {},
        {},
        politeness={s.name: settings.politeness_for(s) for s in settings.sources},
        now=run.started_at,
        revisit_hours=settings.revisit_hours,
        max_url_attempts=settings.max_url_attempts,
        batch_size=settings.batch_size,
    )
    parts = fetch_and_extract(settings, run, plan.batches, {}, report, progress)
    return parts, len(urls)


def _import_warc(
    settings: Settings,
    request: BackfillRequest,
    run: RunIdentity,
    report: RunReport,
    progress: Progress,
) -> tuple[list[Parts], int]:
    chosen = [s for s in settings.sources if s.name in request.sources]
    hosts = source_hosts(chosen)
    progress.expect(len(request.warc_files))
    submitted = [
        (path, import_warc_file_task.submit(settings, path, hosts, request, run, number))
        for number, path in enumerate(request.warc_files)
    ]
    parts: list[Parts] = []
    pages: list[FetchedPage] = []
    already: dict[str, UrlOutcome] = {}
    unreadable = 0
    matched = 0
    for path, result in settle(submitted):
        progress.advance(1)
        if isinstance(result, BaseException):
            unreadable += 1
            report.problems.append(f"{path}: {describe(result)}")
            continue
        imported, file_parts = result
        matched += sum(imported.matched.values())
        parts.append(file_parts)
        pages += imported.pages
        for source, count in imported.matched.items():
            report.source(source).discovered += count
        for source, count in imported.not_ok.items():
            report.source(source).notes.append(
                f"{path.name}: {count} responses were no 2xx page (or could not be stored)"
            )
        for url, source, newer in imported.already:
            already.setdefault(url, _already_ingested(url, source, newer))
    if unreadable == len(request.warc_files):
        report.source_error(request.sources, "none of the WARC files could be read")
    if request.dry_run:
        return [], matched
    newest = newest_per_url(pages)
    kept = {page.discovered.url for page in newest}
    skipped = tuple(o for url, o in sorted(already.items()) if url not in kept)
    report.count_outcomes(skipped)
    if skipped:
        parts.append(
            write_parts(
                settings.lake,
                run_id=run.run_id,
                part_name=f"{run.run_id}-import-skips",
                partition=run.partition,
                articles=(),
                outcomes=skipped,
            )
        )
    for page in newest:
        report.source(page.discovered.source).fetched += 1
    progress.expect(len(newest))
    extractions = ExtractionQueue(settings, run, report, progress)
    extractions.add(newest)
    parts += extractions.finish()
    return parts, len(newest) + len(skipped)


def _already_ingested(url: str, source: str, newer: datetime) -> UrlOutcome:
    return UrlOutcome(
        url=url,
        source=source,
        kind=UrlKind.ARTICLE,
        status=Status.SKIPPED,
        reason=Reason.ALREADY_INGESTED,
        detail=f"the warehouse holds a version fetched {newer:%Y-%m-%d %H:%M} UTC or later",
        via=DiscoveryVia.URL_LIST,
    )
