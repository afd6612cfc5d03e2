"""Between polls: new URLs queued, overflowing listings detected, queued URLs planned once."""

from __future__ import annotations

from flows.steps.discover import SourceListing
from flows.steps.queue import (
    new_urls,
    overflows,
    queued_listings,
    queued_outcomes,
    with_overflow_details,
)
from transforms.records import DiscoveredUrl, DiscoveryVia, Reason, Status, UrlKind, UrlOutcome
from warehouse.queries import ListingState, QueuedUrl

FEED = "https://ledger.test/feed.xml"
SITEMAP = "https://ledger.test/news-sitemap.xml"
STATE = ListingState(etag='"v1"', last_modified=None, body_sha256="abc")


def _listing(items: dict[str, str], read: dict[str, Reason]) -> SourceListing:
    """A source listing: article URL to the listing it came from, and each listing's read."""
    kinds = {FEED: UrlKind.FEED, SITEMAP: UrlKind.SITEMAP}
    return SourceListing(
        source="ledger",
        urls=tuple(
            DiscoveredUrl(url=url, source="ledger", via=DiscoveryVia.FEED, listed_in=listed_in)
            for url, listed_in in items.items()
        ),
        outcomes=tuple(
            UrlOutcome(
                url=listing,
                source="ledger",
                kind=kinds[listing],
                status=Status.SKIPPED if reason is Reason.NOT_MODIFIED else Status.EXTRACTED,
                reason=reason,
                final_url=listing,
            )
            for listing, reason in read.items()
        ),
    )


def test_a_feed_whose_every_item_is_new_since_the_last_poll_overflows() -> None:
    listing = _listing(
        {"https://ledger.test/a": FEED, "https://ledger.test/b": FEED},
        {FEED: Reason.FEED_PARSED},
    )
    (overflow,) = overflows(listing, {FEED: STATE}, seen=set())
    assert (overflow.source, overflow.listing, overflow.items) == ("ledger", FEED, 2)


def test_one_item_seen_before_means_the_feed_kept_up() -> None:
    listing = _listing(
        {"https://ledger.test/a": FEED, "https://ledger.test/b": FEED},
        {FEED: Reason.FEED_PARSED},
    )
    assert overflows(listing, {FEED: STATE}, seen={"https://ledger.test/a"}) == ()


def test_a_first_read_or_an_unchanged_listing_cannot_overflow() -> None:
    first = _listing({"https://ledger.test/a": FEED}, {FEED: Reason.FEED_PARSED})
    assert overflows(first, {}, seen=set()) == ()
    unchanged = _listing({}, {FEED: Reason.NOT_MODIFIED})
    assert overflows(unchanged, {FEED: STATE}, seen=set()) == ()


def test_each_listing_is_judged_on_its_own_items() -> None:
    listing = _listing(
        {"https://ledger.test/new": FEED, "https://ledger.test/old": SITEMAP},
        {FEED: Reason.FEED_PARSED, SITEMAP: Reason.SITEMAP_PARSED},
    )
    found = overflows(listing, {FEED: STATE, SITEMAP: STATE}, seen={"https://ledger.test/old"})
    assert [o.listing for o in found] == [FEED]
    marked = with_overflow_details(listing.outcomes, found)
    assert [o.detail for o in marked] == [
        "overflowing: every one of its 1 items is new since the last poll",
        None,
    ]


def test_new_urls_are_queued_as_skipped_rows_for_the_next_ingest() -> None:
    listing = _listing(
        {"https://ledger.test/a": FEED, "https://ledger.test/b": FEED}, {FEED: Reason.FEED_PARSED}
    )
    fresh = new_urls(listing, seen={"https://ledger.test/a"})
    (row,) = queued_outcomes(fresh)
    assert (row.url, row.kind, row.status, row.reason) == (
        "https://ledger.test/b",
        UrlKind.ARTICLE,
        Status.SKIPPED,
        Reason.QUEUED,
    )
    assert (row.via, row.listed_in) == (DiscoveryVia.FEED, FEED)


def test_queued_urls_become_listings_of_configured_sources_not_listed_again() -> None:
    queued = {
        url: QueuedUrl(url=url, source=source, discovered_via="sitemap", listed_in=SITEMAP)
        for url, source in [
            ("https://ledger.test/a", "ledger"),
            ("https://ledger.test/b", "ledger"),
            ("https://gone.test/c", "retired-source"),
        ]
    }
    (listing,) = queued_listings(queued, {"ledger"}, listed={"https://ledger.test/b"})
    assert listing.source == "ledger"
    assert [(i.url, i.via, i.listed_in) for i in listing.urls] == [
        ("https://ledger.test/a", DiscoveryVia.SITEMAP, SITEMAP)
    ]
