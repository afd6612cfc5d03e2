"""The nightly ingest's steps as plain functions over batches; nightly.py wraps them in tasks.

Each step takes and returns small descriptors (URLs, paths, outcome records), never
megabytes of HTML, so that tasks stay cheap to hand between workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from transforms.discover import (
    Listing,
    RejectedLink,
    parse_feed,
    parse_sitemap,
    parse_url_list,
    unique_by_url,
)
from transforms.extract import ExtractionResult, PageInput, extract_page
from transforms.fetch import Fetcher, FetchResponse
from transforms.records import (
    Article,
    DiscoveredUrl,
    Reason,
    Source,
    Status,
    UrlKind,
    UrlOutcome,
)
from transforms.urls import InvalidUrlError, normalise_url
from warehouse.captures import CapturedResponse, read_warc, write_warc
from warehouse.lake import write_part
from warehouse.queries import KnownArticle
from warehouse.rows import extractions_table, outcomes_table
from warehouse.schema import EXTRACTIONS, URL_OUTCOMES

MAX_SITEMAPS_PER_SOURCE = 50
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, kw_only=True)
class SourceListing:
    """The article URLs one source's feeds, sitemaps and URL list gave, and their outcomes."""

    source: str
    urls: tuple[DiscoveredUrl, ...]
    outcomes: tuple[UrlOutcome, ...]


def discover_source(source: Source, fetcher: Fetcher) -> SourceListing:
    """Return the unique article URLs of a source, with one outcome per feed and sitemap."""
    listings: list[Listing] = []
    outcomes: list[UrlOutcome] = []
    for feed_url in source.feeds:
        listing, outcome = _read_listing(feed_url, source.name, UrlKind.FEED, fetcher)
        listings.append(listing)
        outcomes.append(outcome)
    pending = list(source.sitemaps)
    seen_sitemaps: set[str] = set()
    while pending and len(seen_sitemaps) < MAX_SITEMAPS_PER_SOURCE:
        sitemap_url = pending.pop(0)
        if sitemap_url in seen_sitemaps:
            continue
        seen_sitemaps.add(sitemap_url)
        listing, outcome = _read_listing(sitemap_url, source.name, UrlKind.SITEMAP, fetcher)
        listings.append(listing)
        outcomes.append(outcome)
        pending.extend(c for c in listing.child_sitemaps if c not in seen_sitemaps)
    listings.append(parse_url_list(source.urls, source=source.name))
    outcomes += [
        _rejected_outcome(link, source=source.name)
        for listing in listings
        for link in listing.rejected
    ]
    return SourceListing(
        source=source.name, urls=tuple(unique_by_url(listings)), outcomes=tuple(outcomes)
    )


def _rejected_outcome(link: RejectedLink, *, source: str) -> UrlOutcome:
    return UrlOutcome(
        url=link.raw,
        source=source,
        kind=UrlKind.ARTICLE,
        status=Status.FAILED,
        reason=Reason.INVALID_URL,
        detail=link.problem,
        listed_in=link.listed_in,
    )


def _read_listing(
    url: str, source: str, kind: UrlKind, fetcher: Fetcher
) -> tuple[Listing, UrlOutcome]:
    try:
        target = normalise_url(url)
    except InvalidUrlError as error:
        return Listing(items=()), UrlOutcome(
            url=url,
            source=source,
            kind=kind,
            status=Status.FAILED,
            reason=Reason.INVALID_URL,
            detail=str(error),
        )
    response = fetcher.fetch(target)
    if not response.ok:
        return Listing(items=()), _failed_fetch_outcome(response, source=source, kind=kind)
    if kind is UrlKind.FEED:
        listing = parse_feed(response.body, feed_url=response.final_url, source=source)
        good, bad = Reason.FEED_PARSED, Reason.FEED_MALFORMED
    else:
        listing = parse_sitemap(response.body, sitemap_url=response.final_url, source=source)
        good, bad = Reason.SITEMAP_PARSED, Reason.SITEMAP_MALFORMED
    outcome = UrlOutcome(
        url=target,
        source=source,
        kind=kind,
        status=Status.FAILED if listing.malformed else Status.EXTRACTED,
        reason=bad if listing.malformed else good,
        http_status=response.status,
        final_url=response.final_url,
        redirect_chain=response.redirect_chain,
        detail=listing.problem,
        item_count=len(listing.items) + len(listing.child_sitemaps),
        fetched_at=response.fetched_at,
    )
    return listing, outcome


def _failed_fetch_outcome(
    response: FetchResponse, *, source: str, kind: UrlKind, discovered: DiscoveredUrl | None = None
) -> UrlOutcome:
    reason = response.error or Reason.HTTP_4XX
    status = Status.SKIPPED if reason is Reason.ROBOTS_DISALLOWED else Status.FAILED
    return UrlOutcome(
        url=response.requested_url,
        source=source,
        kind=kind,
        status=status,
        reason=reason,
        http_status=response.status,
        final_url=response.final_url,
        redirect_chain=response.redirect_chain,
        detail=response.detail or (f"HTTP {response.status}" if response.status else None),
        via=discovered.via if discovered else None,
        listed_in=discovered.listed_in if discovered else None,
        fetched_at=response.fetched_at,
    )


@dataclass(frozen=True, kw_only=True)
class FetchPlan:
    """Which URLs to fetch, in batches, and the outcomes of those deliberately left out."""

    batches: tuple[tuple[DiscoveredUrl, ...], ...]
    outcomes: tuple[UrlOutcome, ...]


def plan_fetches(
    listings: list[SourceListing],
    known: dict[str, KnownArticle],
    *,
    now: datetime,
    revisit_hours: float,
    batch_size: int,
) -> FetchPlan:
    """Return fetch batches (one source per batch) and skip outcomes for settled articles.

    A URL listed by two sources is fetched once, for the first source that listed it.
    """
    revisit_after = now - timedelta(hours=revisit_hours)
    claimed: set[str] = set()
    batches: list[tuple[DiscoveredUrl, ...]] = []
    outcomes: list[UrlOutcome] = []
    for listing in listings:
        to_fetch: list[DiscoveredUrl] = []
        for item in listing.urls:
            if item.url in claimed:
                outcomes.append(_skip(item, Reason.DUPLICATE_URL, "listed by an earlier source"))
                continue
            claimed.add(item.url)
            stored = known.get(item.url)
            if stored is not None and stored.first_seen_at < revisit_after:
                outcomes.append(
                    _skip(item, Reason.ALREADY_INGESTED, None, article_id=stored.article_id)
                )
                continue
            to_fetch.append(item)
        for start in range(0, len(to_fetch), batch_size):
            batches.append(tuple(to_fetch[start : start + batch_size]))
    return FetchPlan(batches=tuple(batches), outcomes=tuple(outcomes))


def _skip(
    item: DiscoveredUrl, reason: Reason, detail: str | None, *, article_id: str | None = None
) -> UrlOutcome:
    return UrlOutcome(
        url=item.url,
        source=item.source,
        kind=UrlKind.ARTICLE,
        status=Status.SKIPPED,
        reason=reason,
        detail=detail,
        article_id=article_id,
        via=item.via,
        listed_in=item.listed_in,
    )


@dataclass(frozen=True, kw_only=True)
class FetchedPage:
    """One fetched article URL: the response's facts, its body stored in the batch's WARC."""

    discovered: DiscoveredUrl
    final_url: str
    http_status: int | None
    redirect_chain: tuple[str, ...]
    fetched_at: datetime
    content_type: str | None


@dataclass(frozen=True, kw_only=True)
class FetchedBatch:
    """A fetched batch: pages with bodies in a WARC file, and outcomes of failed fetches."""

    warc_path: str | None
    pages: tuple[FetchedPage, ...]
    outcomes: tuple[UrlOutcome, ...] = field(default=())


def fetch_batch(
    batch: tuple[DiscoveredUrl, ...], fetcher: Fetcher, warc_path: Path
) -> FetchedBatch:
    """Fetch a batch, store the 2xx responses in one WARC file, and record every failure."""
    pages: list[FetchedPage] = []
    captured: list[CapturedResponse] = []
    outcomes: list[UrlOutcome] = []
    for item in batch:
        response = fetcher.fetch(item.url)
        if not response.ok or response.status is None:
            outcomes.append(
                _failed_fetch_outcome(
                    response, source=item.source, kind=UrlKind.ARTICLE, discovered=item
                )
            )
            continue
        final_url = _normalised_or_same(response.final_url)
        captured.append(
            CapturedResponse(
                url=final_url,
                status=response.status,
                headers=response.headers,
                body=response.body,
                fetched_at=response.fetched_at,
            )
        )
        pages.append(
            FetchedPage(
                discovered=item,
                final_url=final_url,
                http_status=response.status,
                redirect_chain=response.redirect_chain,
                fetched_at=response.fetched_at,
                content_type=response.header("content-type"),
            )
        )
    if captured:
        write_warc(warc_path, captured)
    return FetchedBatch(
        warc_path=str(warc_path) if captured else None, pages=tuple(pages), outcomes=tuple(outcomes)
    )


def _normalised_or_same(url: str) -> str:
    try:
        return normalise_url(url)
    except InvalidUrlError:
        return url


@dataclass(frozen=True, kw_only=True)
class ExtractedBatch:
    """Articles worth storing (new or changed) and an outcome for every URL of the batch."""

    articles: tuple[Article, ...]
    outcomes: tuple[UrlOutcome, ...]


def extract_batch(fetched: FetchedBatch, known: dict[str, KnownArticle]) -> ExtractedBatch:
    """Extract every fetched page of a batch and sort it into new, updated or unchanged."""
    bodies = dict(read_warc(Path(fetched.warc_path))) if fetched.warc_path else {}
    articles: list[Article] = []
    outcomes = list(fetched.outcomes)
    stored_ids: set[str] = set()
    for page in fetched.pages:
        body = bodies.get(page.final_url, b"")
        if not _is_html(page.content_type):
            result = ExtractionResult(
                url=page.final_url,
                status=Status.SKIPPED,
                reason=Reason.BAD_CONTENT_TYPE,
                detail=f"content type {page.content_type}",
            )
        else:
            result = extract_page(
                PageInput(
                    url=page.final_url,
                    source=page.discovered.source,
                    html=body,
                    fetched_at=page.fetched_at,
                    listed_published_at=page.discovered.listed_published_at,
                )
            )
        reason = result.reason
        article = result.article
        if article is not None:
            if article.article_id in stored_ids:
                reason, article = Reason.DUPLICATE_URL, None
            else:
                reason = _change_reason(article, known.get(article.url))
                stored_ids.add(article.article_id)
                if reason is not Reason.UNCHANGED:
                    articles.append(article)
        outcomes.append(_page_outcome(page, result, reason, article))
    return ExtractedBatch(articles=tuple(articles), outcomes=tuple(outcomes))


def _is_html(content_type: str | None) -> bool:
    if content_type is None:
        return True
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def _change_reason(article: Article, stored: KnownArticle | None) -> Reason:
    if stored is None:
        return Reason.NEW
    if stored.version_hash == article.version_hash:
        return Reason.UNCHANGED
    return Reason.UPDATED


def _page_outcome(
    page: FetchedPage, result: ExtractionResult, reason: Reason, article: Article | None
) -> UrlOutcome:
    status = result.status if reason is not Reason.DUPLICATE_URL else Status.SKIPPED
    return UrlOutcome(
        url=page.discovered.url,
        source=page.discovered.source,
        kind=UrlKind.ARTICLE,
        status=status,
        reason=reason,
        http_status=page.http_status,
        final_url=page.final_url,
        redirect_chain=page.redirect_chain,
        detail=result.detail,
        article_id=article.article_id if article else None,
        via=page.discovered.via,
        listed_in=page.discovered.listed_in,
        fetched_at=page.fetched_at,
    )


def write_parts(
    lake_dir: Path,
    *,
    run_id: str,
    part_name: str,
    partition: str,
    articles: tuple[Article, ...],
    outcomes: tuple[UrlOutcome, ...],
) -> dict[str, tuple[str, ...]]:
    """Write a batch's articles and outcomes as lake parts; return table name to part paths."""
    parts: dict[str, tuple[str, ...]] = {}
    if articles:
        parts[EXTRACTIONS.name] = (
            write_part(
                lake_dir,
                EXTRACTIONS,
                extractions_table(articles, run_id),
                partition=partition,
                name=part_name,
            ),
        )
    if outcomes:
        parts[URL_OUTCOMES.name] = (
            write_part(
                lake_dir,
                URL_OUTCOMES,
                outcomes_table(outcomes, run_id),
                partition=partition,
                name=part_name,
            ),
        )
    return parts
