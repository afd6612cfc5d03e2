"""Pages that need no fetch: stored captures to extract again, and external WARC files
(e.g. Common Crawl's CC-NEWS) filtered by the sources' hosts and a date range.

Both end as `FetchedPage` values, the same the fetch step gives, so extraction, the lake
and the load treat them like any fetched page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from flows.steps.fetch import FetchedPage, SourceCaptureWriters
from transforms.records import DiscoveredUrl, DiscoveryVia, Source
from transforms.urls import InvalidUrlError, normalise_url
from warehouse.backfill import StoredPage
from warehouse.captures import CaptureInput, CaptureRecord, StoredResponse, iter_captures

WARC_LISTING_PREFIX = "warc:"
"""``listed_in`` of an imported page: ``warc:`` and the WARC file's name."""


def fetched_from_store(page: StoredPage) -> FetchedPage:
    """Return a stored capture as the fetched page it was, ready to extract again."""
    via = DiscoveryVia(page.discovered_via) if page.discovered_via else DiscoveryVia.URL_LIST
    return FetchedPage(
        discovered=DiscoveredUrl(
            url=page.url,
            source=page.source,
            via=via,
            listed_in=page.listed_in or "backfill",
            listed_published_at=page.listed_published_at,
        ),
        final_url=page.page_url,
        http_status=page.capture.status,
        redirect_chain=page.redirect_chain,
        fetched_at=page.capture.fetched_at,
        content_type=page.capture.content_type,
        capture=page.capture,
    )


def with_capture_file(
    pages: Sequence[StoredPage], captures_dir: Path
) -> tuple[list[StoredPage], list[StoredPage]]:
    """Split pages into those whose WARC file is still there and those removed (by
    retention, or by hand)."""
    present: list[StoredPage] = []
    missing: list[StoredPage] = []
    for page in pages:
        exists = (captures_dir / page.capture.warc_file).is_file()
        (present if exists else missing).append(page)
    return present, missing


def site_host(url_or_host: str) -> str:
    """Return a host without port and a leading ``www.``: the unit sources are matched by."""
    host = urlsplit(url_or_host).hostname if "//" in url_or_host else url_or_host
    host = (host or "").lower().rstrip(".")
    return host.removeprefix("www.")


def source_hosts(sources: Iterable[Source]) -> dict[str, str]:
    """Return host to source name for the hosts of each source's home page, feeds,
    sitemaps and URLs (``www.`` ignored); a host two sources share goes to the first."""
    hosts: dict[str, str] = {}
    for source in sources:
        for url in (source.home_url or "", *source.feeds, *source.sitemaps, *source.urls):
            host = site_host(url) if url else ""
            if host:
                hosts.setdefault(host, source.name)
    return hosts


@dataclass(frozen=True, kw_only=True)
class ImportedFile:
    """What one external WARC file gave: pages (2xx responses of the sources' hosts in the
    date range) and their new captures, or, in a dry run, only the counts."""

    pages: tuple[FetchedPage, ...]
    captures: tuple[CaptureRecord, ...]
    matched: Mapping[str, int]
    """Responses of each source's hosts in the range (2xx or not)."""
    not_ok: Mapping[str, int]
    """Of those, the ones not imported: no 2xx answer (redirects, errors), or a URL or
    headers that cannot be stored."""
    already: tuple[tuple[str, str, datetime], ...] = ()
    """(URL, source, when the warehouse's version was fetched) of pages not imported
    because the warehouse holds a version fetched at or after them."""


StoredVersions = Callable[[list[str]], Mapping[str, datetime]]
"""Looks up when the warehouse's current version of each URL was fetched."""

LOOKUP_BATCH = 200
"""Responses held in memory between two lookups of the warehouse's versions."""


def import_warc_file(
    path: Path,
    *,
    hosts: Mapping[str, str],
    start: datetime,
    end: datetime,
    captures: SourceCaptureWriters | None,
    stored_versions: StoredVersions,
) -> ImportedFile:
    """Read the responses of a WARC file whose host belongs to a source and whose WARC-Date
    is in ``[start, end)``; copy each 2xx one the warehouse holds no version as recent of
    into our captures (``captures``; None for a dry run, which only counts) and return
    them as fetched pages."""

    def keep(url: str, when: datetime) -> bool:
        return start <= when < end and site_host(url) in hosts

    matched: Counter[str] = Counter()
    not_ok: Counter[str] = Counter()
    pages: list[FetchedPage] = []
    records: list[CaptureRecord] = []
    already: list[tuple[str, str, datetime]] = []
    pending: list[tuple[str, str, StoredResponse]] = []

    def store_pending() -> None:
        held = stored_versions([url for url, _, _ in pending])
        for url, source, stored in pending:
            newer = held.get(url)
            if newer is not None and newer >= stored.fetched_at:
                already.append((url, source, newer))
            elif captures is not None:
                page = _captured_page(path, url, source, stored, captures)
                if page is None:
                    not_ok[source] += 1
                else:
                    pages.append(page)
                    records.append(page.capture)
        pending.clear()

    for stored in iter_captures(path, keep=keep):
        source = hosts[site_host(stored.url)]
        matched[source] += 1
        try:
            url = normalise_url(stored.url)
        except InvalidUrlError:
            not_ok[source] += 1
            continue
        if not 200 <= stored.status < 300:
            not_ok[source] += 1
            continue
        pending.append((url, source, stored))
        if len(pending) >= LOOKUP_BATCH:
            store_pending()
    store_pending()
    return ImportedFile(
        pages=tuple(pages),
        captures=tuple(records),
        matched=dict(matched),
        not_ok=dict(not_ok),
        already=tuple(already),
    )


def _captured_page(
    path: Path, url: str, source: str, stored: StoredResponse, captures: SourceCaptureWriters
) -> FetchedPage | None:
    try:
        record = captures.write(
            source,
            CaptureInput(
                url=url,
                status=stored.status,
                headers=stored.headers,
                body=stored.body,
                fetched_at=stored.fetched_at,
            ),
        )
    except ValueError:
        # A header no WARC record can hold (a line break in a value): checked before
        # anything is written, so the file stays whole.
        return None
    return FetchedPage(
        discovered=DiscoveredUrl(
            url=url,
            source=source,
            via=DiscoveryVia.URL_LIST,
            listed_in=f"{WARC_LISTING_PREFIX}{path.name}",
        ),
        final_url=url,
        http_status=stored.status,
        redirect_chain=(),
        fetched_at=stored.fetched_at,
        content_type=record.content_type,
        capture=record,
    )


def newest_per_url(pages: Iterable[FetchedPage]) -> list[FetchedPage]:
    """Return one page per URL, the most recently fetched (crawls capture a page often)."""
    newest: dict[str, FetchedPage] = {}
    for page in pages:
        kept = newest.get(page.discovered.url)
        if kept is None or page.fetched_at > kept.fetched_at:
            newest[page.discovered.url] = page
    return sorted(newest.values(), key=lambda p: (p.discovered.source, p.discovered.url))
