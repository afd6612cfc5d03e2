"""Discovery: a source's feeds, sitemaps and URL list read into article URLs."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from flows.steps.outcomes import failed_fetch_outcome
from transforms.discover import (
    Listing,
    RejectedLink,
    parse_feed,
    parse_sitemap,
    parse_url_list,
    unique_by_url,
)
from transforms.fetch import Fetcher
from transforms.records import DiscoveredUrl, Reason, Source, Status, UrlKind, UrlOutcome
from transforms.urls import InvalidUrlError, normalise_url
from warehouse.queries import ListingState

MAX_SITEMAPS_PER_SOURCE = 50


@dataclass(frozen=True, kw_only=True)
class SourceListing:
    """The article URLs one source's feeds, sitemaps and URL list gave, and their outcomes."""

    source: str
    urls: tuple[DiscoveredUrl, ...]
    outcomes: tuple[UrlOutcome, ...]


def discover_source(
    source: Source, fetcher: Fetcher, states: Mapping[str, ListingState] | None = None
) -> SourceListing:
    """Return the unique article URLs of a source, with one outcome per feed and sitemap.

    ``states`` holds what earlier runs learned of each listing (ETag, Last-Modified, body
    hash): an unchanged listing costs a 304 or one hash compare and lists nothing new.
    """
    known_states = states or {}
    listings: list[Listing] = []
    outcomes: list[UrlOutcome] = []
    for feed_url in source.feeds:
        listing, outcome = _read_listing(feed_url, source.name, UrlKind.FEED, fetcher, known_states)
        listings.append(listing)
        outcomes.append(outcome)
    pending = list(source.sitemaps)
    seen_sitemaps: set[str] = set()
    while pending and len(seen_sitemaps) < MAX_SITEMAPS_PER_SOURCE:
        sitemap_url = pending.pop(0)
        if sitemap_url in seen_sitemaps:
            continue
        seen_sitemaps.add(sitemap_url)
        listing, outcome = _read_listing(
            sitemap_url, source.name, UrlKind.SITEMAP, fetcher, known_states
        )
        listings.append(listing)
        outcomes.append(outcome)
        pending.extend(c for c in listing.child_sitemaps if c not in seen_sitemaps)
    listings.append(parse_url_list(source.urls, source=source.name))
    # A link two listings reject (a feed's and a sitemap's "javascript:") is one row.
    rejected: dict[str, RejectedLink] = {}
    for listing in listings:
        for link in listing.rejected:
            rejected.setdefault(link.raw, link)
    outcomes += [_rejected_outcome(link, source=source.name) for link in rejected.values()]
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


def _conditional_headers(state: ListingState | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if state is not None and state.etag:
        headers["If-None-Match"] = state.etag
    if state is not None and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _read_listing(
    url: str,
    source: str,
    kind: UrlKind,
    fetcher: Fetcher,
    states: Mapping[str, ListingState],
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
    state = states.get(target)
    response = fetcher.fetch(target, extra_headers=_conditional_headers(state))
    body_sha256 = hashlib.sha256(response.body).hexdigest() if response.ok else None
    if state is not None and (
        response.status == 304 or (body_sha256 is not None and body_sha256 == state.body_sha256)
    ):
        return Listing(items=()), UrlOutcome(
            url=target,
            source=source,
            kind=kind,
            status=Status.SKIPPED,
            reason=Reason.NOT_MODIFIED,
            http_status=response.status,
            final_url=response.final_url,
            redirect_chain=response.redirect_chain,
            detail="304 Not Modified" if response.status == 304 else "same body as last run",
            fetched_at=response.fetched_at,
            # Carried forward so that the next run can ask conditionally again.
            etag=response.header("etag") or state.etag,
            last_modified=response.header("last-modified") or state.last_modified,
            body_sha256=state.body_sha256,
        )
    if not response.ok:
        return Listing(items=()), failed_fetch_outcome(response, source=source, kind=kind)
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
        detail=listing.note,
        item_count=len(listing.items) + len(listing.child_sitemaps),
        fetched_at=response.fetched_at,
        # A malformed listing keeps no validators: the next run must read it again.
        etag=None if listing.malformed else response.header("etag"),
        last_modified=None if listing.malformed else response.header("last-modified"),
        body_sha256=None if listing.malformed else body_sha256,
    )
    return listing, outcome
