"""Discovery against the demo newsroom: listings read, and unchanged ones not read twice."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from flows.steps.discover import SourceListing, discover_source
from newsroom.catalogue import SPECIALS, articles_of
from newsroom.server import Newsroom, serve_newsroom, stable_base_urls
from transforms.address_guard import parse_networks
from transforms.fetch import FetchSettings, HttpFetcher
from transforms.records import Reason, Source, Status, UrlKind
from warehouse.queries import ListingState

LEDGER = Source(
    name="harbour-ledger",
    feeds=("http://harbour-ledger.test/feed.xml",),
    sitemaps=("http://harbour-ledger.test/news-sitemap.xml",),
)


@pytest.fixture(scope="module")
def newsroom() -> Iterator[Newsroom]:
    with serve_newsroom(public_base_urls=stable_base_urls()) as running:
        yield running


def _discover(
    newsroom: Newsroom, source: Source, states: dict[str, ListingState] | None = None
) -> SourceListing:
    settings = FetchSettings(
        allowed_networks=parse_networks(["127.0.0.0/8"]),
        resolve=tuple((f"{slug}.test", a) for slug, a in newsroom.addresses.items()),
        per_host_delay=0,
    )
    with HttpFetcher(settings) as fetcher:
        return discover_source(source, fetcher, states)


def _state_of(listing: SourceListing) -> dict[str, ListingState]:
    return {
        o.url: ListingState(etag=o.etag, last_modified=o.last_modified, body_sha256=o.body_sha256)
        for o in listing.outcomes
        if o.body_sha256
    }


def test_first_read_lists_articles_and_keeps_validators(newsroom: Newsroom) -> None:
    listing = _discover(newsroom, LEDGER)
    expected = {f"http://harbour-ledger.test{a.path}" for a in articles_of("harbour-ledger")}
    expected.add(f"http://harbour-ledger.test{SPECIALS.deleted_article.path}")
    assert {item.url for item in listing.urls} == expected
    kinds = {(o.kind, o.status, o.reason) for o in listing.outcomes}
    assert kinds == {
        (UrlKind.FEED, Status.EXTRACTED, Reason.FEED_PARSED),
        (UrlKind.SITEMAP, Status.EXTRACTED, Reason.SITEMAP_PARSED),
    }
    for outcome in listing.outcomes:
        assert outcome.etag and outcome.last_modified
        assert outcome.body_sha256 is not None and len(outcome.body_sha256) == 64


def test_an_unchanged_listing_costs_a_304_and_lists_nothing(newsroom: Newsroom) -> None:
    first = _discover(newsroom, LEDGER)
    second = _discover(newsroom, LEDGER, _state_of(first))
    assert second.urls == ()
    for before, after in zip(first.outcomes, second.outcomes, strict=True):
        assert (after.status, after.reason, after.http_status) == (
            Status.SKIPPED,
            Reason.NOT_MODIFIED,
            304,
        )
        # Carried forward, so the run after this one can ask conditionally too.
        assert (after.etag, after.last_modified, after.body_sha256) == (
            before.etag,
            before.last_modified,
            before.body_sha256,
        )


def test_a_server_ignoring_validators_costs_one_hash_compare(newsroom: Newsroom) -> None:
    first = _discover(newsroom, LEDGER)
    hash_only = {
        url: ListingState(etag=None, last_modified=None, body_sha256=state.body_sha256)
        for url, state in _state_of(first).items()
    }
    second = _discover(newsroom, LEDGER, hash_only)
    assert second.urls == ()
    assert {(o.reason, o.http_status, o.detail) for o in second.outcomes} == {
        (Reason.NOT_MODIFIED, 200, "same body as last run")
    }


def test_a_malformed_feed_keeps_no_validators(newsroom: Newsroom) -> None:
    outlet = SPECIALS.malformed_feed_outlet
    source = Source(name=outlet, feeds=(f"http://{outlet}.test/feed.xml",))
    (outcome,) = _discover(newsroom, source).outcomes
    assert (outcome.status, outcome.reason) == (Status.FAILED, Reason.FEED_MALFORMED)
    assert (outcome.etag, outcome.last_modified, outcome.body_sha256) == (None, None, None)
