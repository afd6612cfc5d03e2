"""Planning: host-grouped batches, skips for settled URLs, retries with a bound."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from flows.steps.discover import SourceListing
from flows.steps.plan import FetchPlan, plan_fetches
from transforms.records import DiscoveredUrl, DiscoveryVia, Reason
from transforms.urls import host_of
from warehouse.queries import FailedUrl, KnownArticle

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def _item(url: str, source: str = "gazette") -> DiscoveredUrl:
    return DiscoveredUrl(url=url, source=source, via=DiscoveryVia.FEED, listed_in="feed")


def _listing(source: str, urls: list[str]) -> SourceListing:
    return SourceListing(source=source, urls=tuple(_item(u, source) for u in urls), outcomes=())


def _plan(
    listings: list[SourceListing],
    *,
    known: Mapping[str, KnownArticle] | None = None,
    failed: Mapping[str, FailedUrl] | None = None,
    batch_size: int = 4,
) -> FetchPlan:
    return plan_fetches(
        listings,
        known or {},
        failed or {},
        politeness={"gazette": (2.0, 1), "courier": (0.5, 3)},
        now=NOW,
        revisit_hours=48.0,
        max_url_attempts=3,
        batch_size=batch_size,
    )


def test_a_host_never_spans_two_batches() -> None:
    urls = [f"https://a.test/{i}" for i in range(6)] + [f"https://b.test/{i}" for i in range(3)]
    urls += [f"https://c.test/{i}" for i in range(2)]
    plan = _plan([_listing("gazette", urls)])
    hosts_per_batch = [{host_of(i.url) for i in batch.items} for batch in plan.batches]
    assert hosts_per_batch == [{"a.test"}, {"b.test"}, {"c.test"}]
    assert sum(len(batch.items) for batch in plan.batches) == 11


def test_small_hosts_share_a_batch_up_to_the_batch_size() -> None:
    urls = [f"https://h{h}.test/{i}" for h in range(4) for i in range(2)]
    plan = _plan([_listing("gazette", urls)])
    assert [len(batch.items) for batch in plan.batches] == [4, 4]


def test_each_host_gets_its_sources_politeness_and_the_strictest_when_shared() -> None:
    plan = _plan(
        [
            _listing("gazette", ["https://shared.test/1", "https://own.test/1"]),
            _listing("courier", ["https://shared.test/2", "https://fast.test/1"]),
        ],
        batch_size=100,
    )
    (batch,) = plan.batches
    policies = {host: (delay, concurrency) for host, delay, concurrency in batch.host_policies}
    assert policies == {
        "shared.test": (2.0, 1),
        "own.test": (2.0, 1),
        "fast.test": (0.5, 3),
    }


def test_a_url_listed_twice_is_fetched_once() -> None:
    plan = _plan(
        [_listing("gazette", ["https://a.test/x"]), _listing("courier", ["https://a.test/x"])]
    )
    assert [i.url for b in plan.batches for i in b.items] == ["https://a.test/x"]
    assert [(o.url, o.source, o.reason) for o in plan.outcomes] == [
        ("https://a.test/x", "courier", Reason.DUPLICATE_URL)
    ]


def test_settled_articles_are_skipped_and_recent_ones_revisited() -> None:
    known = {
        "https://a.test/old": KnownArticle(
            article_id="old", version_hash="v", first_seen_at=NOW - timedelta(days=5)
        ),
        "https://a.test/recent": KnownArticle(
            article_id="recent", version_hash="v", first_seen_at=NOW - timedelta(hours=3)
        ),
    }
    plan = _plan([_listing("gazette", list(known))], known=known)
    assert [i.url for b in plan.batches for i in b.items] == ["https://a.test/recent"]
    assert [(o.url, o.reason, o.article_id) for o in plan.outcomes] == [
        ("https://a.test/old", Reason.ALREADY_INGESTED, "old")
    ]


def test_transient_failures_are_retried_until_the_bound_then_given_up() -> None:
    failed = {
        "https://a.test/flaky": FailedUrl(
            url="https://a.test/flaky",
            source="gazette",
            discovered_via="sitemap",
            listed_in="https://a.test/sitemap.xml",
            failed_runs=2,
        ),
        "https://a.test/dead": FailedUrl(
            url="https://a.test/dead",
            source="gazette",
            discovered_via="feed",
            listed_in="https://a.test/feed.xml",
            failed_runs=3,
        ),
    }
    # Neither is listed any more: the retry comes from the warehouse's memory alone.
    plan = _plan([_listing("gazette", ["https://a.test/new"])], failed=failed)
    fetched = {i.url: i for b in plan.batches for i in b.items}
    assert set(fetched) == {"https://a.test/new", "https://a.test/flaky"}
    assert fetched["https://a.test/flaky"].via is DiscoveryVia.SITEMAP
    assert [(o.url, o.reason) for o in plan.outcomes] == [("https://a.test/dead", Reason.GAVE_UP)]


def test_a_url_goes_to_the_source_listing_it_on_its_own_site() -> None:
    # "courier" names gazette's story in its feed on another host, and is configured first.
    story = "https://www.gazette.test/story"
    foreign = DiscoveredUrl(
        url=story, source="courier", via=DiscoveryVia.FEED, listed_in="https://courier.test/rss"
    )
    own = DiscoveredUrl(
        url=story, source="gazette", via=DiscoveryVia.FEED, listed_in="https://gazette.test/rss"
    )
    plan = _plan(
        [
            SourceListing(source="courier", urls=(foreign,), outcomes=()),
            SourceListing(source="gazette", urls=(own,), outcomes=()),
        ]
    )

    assert [(i.url, i.source) for b in plan.batches for i in b.items] == [(story, "gazette")]
    assert [(o.source, o.reason) for o in plan.outcomes] == [("courier", Reason.DUPLICATE_URL)]
