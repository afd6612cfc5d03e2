"""Between polls: URLs a discovery poll queued for the next ingest, and listings that
overflowed (every item new since the last poll: stories were probably missed)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace

from flows.steps.discover import SourceListing
from transforms.records import DiscoveredUrl, DiscoveryVia, Reason, Status, UrlKind, UrlOutcome
from warehouse.queries import ListingState, QueuedUrl

_READ = (Reason.FEED_PARSED, Reason.SITEMAP_PARSED)
OVERFLOW_DETAIL = "overflowing: every one of its {items} items is new since the last poll"


@dataclass(frozen=True, kw_only=True)
class Overflow:
    """A listing whose every item was new since the previous poll of it."""

    source: str
    listing: str
    items: int


def queued_listings(
    queued: Mapping[str, QueuedUrl], sources: Collection[str], listed: Collection[str]
) -> list[SourceListing]:
    """Return the queued URLs of the configured sources as one listing per source, leaving
    out those a listing of this run names again (a run gives a URL one outcome row)."""
    by_source: dict[str, list[DiscoveredUrl]] = {}
    for item in queued.values():
        if item.source not in sources or item.url in listed:
            continue
        via = DiscoveryVia(item.discovered_via) if item.discovered_via else DiscoveryVia.URL_LIST
        by_source.setdefault(item.source, []).append(
            DiscoveredUrl(
                url=item.url, source=item.source, via=via, listed_in=item.listed_in or "queue"
            )
        )
    return [
        SourceListing(source=source, urls=tuple(items), outcomes=())
        for source, items in sorted(by_source.items())
    ]


def new_urls(listing: SourceListing, seen: Collection[str]) -> tuple[DiscoveredUrl, ...]:
    """Return the listing's article URLs no earlier run has seen."""
    return tuple(item for item in listing.urls if item.url not in seen)


def overflows(
    listing: SourceListing, states: Mapping[str, ListingState], seen: Collection[str]
) -> tuple[Overflow, ...]:
    """Return the listings of a source, read before and changed now, whose items are all
    new: the outlet published more than the listing holds since the last poll."""
    found: list[Overflow] = []
    for outcome in listing.outcomes:
        if outcome.reason not in _READ or outcome.url not in states:
            continue  # not read this time, or read for the first time: nothing to compare
        listed_in = outcome.final_url or outcome.url
        items = [item.url for item in listing.urls if item.listed_in == listed_in]
        if items and not any(url in seen for url in items):
            found.append(Overflow(source=listing.source, listing=outcome.url, items=len(items)))
    return tuple(found)


def with_overflow_details(
    outcomes: Iterable[UrlOutcome], overflowing: Iterable[Overflow]
) -> tuple[UrlOutcome, ...]:
    """Return the outcomes with each overflowing listing's row saying so in ``detail``."""
    by_listing = {o.listing: o for o in overflowing}
    return tuple(
        replace(o, detail=OVERFLOW_DETAIL.format(items=by_listing[o.url].items))
        if o.url in by_listing and o.kind is not UrlKind.ARTICLE
        else o
        for o in outcomes
    )


def queued_outcomes(items: Iterable[DiscoveredUrl]) -> tuple[UrlOutcome, ...]:
    """Return the outcome rows that queue article URLs for the next ingest."""
    return tuple(
        UrlOutcome(
            url=item.url,
            source=item.source,
            kind=UrlKind.ARTICLE,
            status=Status.SKIPPED,
            reason=Reason.QUEUED,
            detail="listed by a discovery poll; the next ingest fetches it",
            via=item.via,
            listed_in=item.listed_in,
        )
        for item in items
    )
