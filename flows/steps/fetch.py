"""Fetching a host batch politely, keeping every response as a WARC capture."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from types import TracebackType

from flows.steps.outcomes import failed_fetch_outcome
from flows.steps.plan import HostBatch
from transforms.fetch import Fetcher, FetchResponse, HttpFetcher
from transforms.politeness import Frontier, HostClock, HostPolicy, fetch_all
from transforms.records import DiscoveredUrl, UrlKind, UrlOutcome
from transforms.urls import InvalidUrlError, host_of, normalise_url
from warehouse.captures import (
    CaptureInput,
    CaptureRecord,
    CaptureWriter,
    capture_directory,
)
from warehouse.faults import checkpoint


@dataclass(frozen=True, kw_only=True)
class FetchedPage:
    """One fetched article URL: the response's facts and where its capture lives."""

    discovered: DiscoveredUrl
    final_url: str
    http_status: int
    redirect_chain: tuple[str, ...]
    fetched_at: datetime
    content_type: str | None
    capture: CaptureRecord


@dataclass(frozen=True, kw_only=True)
class FetchedBatch:
    """A fetched batch: pages with captured bodies, capture index rows, and failures."""

    pages: tuple[FetchedPage, ...]
    captures: tuple[CaptureRecord, ...]
    outcomes: tuple[UrlOutcome, ...]


class SourceCaptureWriters:
    """One CaptureWriter per source, opened on first use, under the retention layout
    ``captures_dir/run_date=YYYY-MM-DD/<source>/``."""

    def __init__(
        self, captures_dir: Path, *, run_date: date, prefix: str, max_file_bytes: int
    ) -> None:
        self._captures_dir = captures_dir
        self._run_date = run_date
        self._prefix = prefix
        self._max_file_bytes = max_file_bytes
        self._writers: dict[str, CaptureWriter] = {}

    def write(self, source: str, capture: CaptureInput) -> CaptureRecord:
        """Store a capture with its source's writer; return where it lives."""
        writer = self._writers.get(source)
        if writer is None:
            directory = capture_directory(
                self._captures_dir, run_date=self._run_date, source=source
            )
            writer = CaptureWriter(
                directory,
                prefix=self._prefix,
                max_file_bytes=self._max_file_bytes,
                root=self._captures_dir,
            )
            self._writers[source] = writer
        return writer.write(capture)

    def __enter__(self) -> SourceCaptureWriters:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for writer in self._writers.values():
            writer.__exit__(exc_type, exc, traceback)


class PacedFetcher:
    """A Fetcher whose every request waits for its host's turn on a run's HostClock
    (listing reads in discovery, spaced like the page fetches that follow)."""

    def __init__(self, fetcher: HttpFetcher, host_clock: HostClock, min_delay: float) -> None:
        self._fetcher = fetcher
        self._host_clock = host_clock
        self._min_delay = min_delay

    def _pace(self, url: str) -> None:
        self._host_clock.wait_turn(host_of(url), self._min_delay)

    def fetch(self, url: str, *, extra_headers: dict[str, str] | None = None) -> FetchResponse:
        """Return the wrapped fetcher's response, each request sent in its host's turn."""
        return self._fetcher.fetch(url, extra_headers=extra_headers, pace=self._pace)


class CapturingFetcher:
    """A Fetcher that keeps every response it gets as a capture of one source."""

    def __init__(self, fetcher: Fetcher, captures: SourceCaptureWriters, source: str) -> None:
        self._fetcher = fetcher
        self._captures = captures
        self._source = source
        self.records: list[CaptureRecord] = []

    def fetch(self, url: str, *, extra_headers: dict[str, str] | None = None) -> FetchResponse:
        """Return the wrapped fetcher's response, after capturing it if it has a status."""
        response = self._fetcher.fetch(url, extra_headers=extra_headers)
        for hop in response.hops:
            self._captures.write(self._source, capture_input(hop))
        if response.status is not None:
            self.records.append(self._captures.write(self._source, capture_input(response)))
        return response

    def with_capture_ids(self, outcomes: Iterable[UrlOutcome]) -> tuple[UrlOutcome, ...]:
        """Return the outcomes, each naming the capture of its URL's response."""
        by_url = {record.url: record.capture_id for record in self.records}
        return tuple(replace(o, capture_id=by_url.get(o.url, o.capture_id)) for o in outcomes)


def capture_input(response: FetchResponse) -> CaptureInput:
    """Return what the capture writer stores of a response."""
    return CaptureInput(
        url=response.requested_url,
        final_url=response.final_url,
        status=response.status or 0,
        headers=response.headers,
        body=response.body,
        fetched_at=response.fetched_at,
        request_headers=response.request_headers,
        http_version=response.http_version,
        remote_address=response.remote_address,
    )


def fetch_batch(
    batch: HostBatch,
    fetcher: HttpFetcher,
    captures: SourceCaptureWriters,
    *,
    max_in_flight: int,
    shared_limit: threading.BoundedSemaphore | None = None,
    host_clock: HostClock | None = None,
) -> FetchedBatch:
    """Fetch every URL of a host batch within its hosts' politeness, capturing each response.

    Every URL ends as a page (2xx, captured) or an outcome saying why not; responses
    with a status (404 and 500 pages too) are captured either way. ``host_clock`` holds
    when each host was last asked earlier in the run (discovery's listing reads).
    """
    policies = {
        host: HostPolicy(min_delay=d, max_concurrent=c) for host, d, c in batch.host_policies
    }
    frontier: Frontier[DiscoveredUrl] = Frontier(
        [(host_of(item.url), item) for item in batch.items],
        lambda host: policies.get(host, HostPolicy()),
        host_clock=host_clock,
    )
    pages: list[FetchedPage] = []
    records: list[CaptureRecord] = []
    outcomes: list[UrlOutcome] = []
    fetch_one = _paced_fetch(fetcher, frontier)
    # Responses arrive on this thread one by one: the WARC writer needs no lock.
    responses = fetch_all(
        frontier, fetch_one, max_in_flight=max_in_flight, shared_limit=shared_limit
    )
    for item, response in responses:
        checkpoint("fetch")
        # Redirect hops are kept in the WARC file too; the index names the final response.
        for hop in response.hops:
            captures.write(item.source, capture_input(hop))
        record = captures.write(item.source, capture_input(response)) if response.status else None
        if record is not None:
            records.append(record)
        if not response.ok or record is None or response.status is None:
            outcome = failed_fetch_outcome(
                response, source=item.source, kind=UrlKind.ARTICLE, discovered=item
            )
            if record is not None:
                outcome = _with_capture(outcome, record.capture_id)
            outcomes.append(outcome)
            continue
        pages.append(
            FetchedPage(
                discovered=item,
                final_url=_normalised_or_same(response.final_url),
                http_status=response.status,
                redirect_chain=response.redirect_chain,
                fetched_at=response.fetched_at,
                content_type=response.header("content-type"),
                capture=record,
            )
        )
    return FetchedBatch(pages=tuple(pages), captures=tuple(records), outcomes=tuple(outcomes))


def _paced_fetch(
    fetcher: HttpFetcher, frontier: Frontier[DiscoveredUrl]
) -> Callable[[str, DiscoveredUrl], tuple[FetchResponse, float | None]]:
    """Fetch one URL with every request it sends (robots.txt first, retries, redirect hops)
    waiting for its host's turn, and robots.txt's Crawl-delay applied before the page."""

    def pace(url: str) -> None:
        frontier.wait_turn(host_of(url))

    def fetch_one(host: str, item: DiscoveredUrl) -> tuple[FetchResponse, float | None]:
        frontier.raise_delay(host, fetcher.crawl_delay_for(item.url, pace=pace))
        return fetcher.fetch(item.url, pace=pace), None

    return fetch_one


def _with_capture(outcome: UrlOutcome, capture_id: str) -> UrlOutcome:
    return replace(outcome, capture_id=capture_id)


def _normalised_or_same(url: str) -> str:
    try:
        return normalise_url(url)
    except InvalidUrlError:
        return url
