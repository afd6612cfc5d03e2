"""fetch_batch against the demo newsroom: pages, failures and every response captured."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from flows.steps.fetch import SourceCaptureWriters, fetch_batch
from flows.steps.plan import HostBatch
from newsroom.catalogue import SPECIALS, articles_of
from newsroom.server import Newsroom, serve_newsroom, stable_base_urls
from tests.transforms.local_site import LocalSite, Reply, serve_site
from transforms.address_guard import parse_networks
from transforms.fetch import FetchSettings, HttpFetcher
from transforms.records import DiscoveredUrl, DiscoveryVia, Reason
from transforms.urls import host_of
from warehouse.captures import iter_captures, read_capture


@pytest.fixture(scope="module")
def newsroom() -> Iterator[Newsroom]:
    with serve_newsroom(public_base_urls=stable_base_urls()) as running:
        yield running


@pytest.fixture
def local_site() -> Iterator[LocalSite]:
    with serve_site() as site:
        yield site


def _item(slug: str, path: str) -> DiscoveredUrl:
    return DiscoveredUrl(
        url=f"http://{slug}.test{path}", source=slug, via=DiscoveryVia.SITEMAP, listed_in="test"
    )


def test_a_batch_ends_every_url_as_a_captured_page_or_an_outcome(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    moved = SPECIALS.redirect_from
    normal = articles_of(moved.outlet)[0]
    items = (
        _item(moved.outlet, moved.path),
        _item(normal.outlet, normal.path),
        _item(moved.outlet, "/no-such-page"),
    )
    batch = HostBatch(items=items, host_policies=((f"{moved.outlet}.test", 0.0, 2),))
    settings = FetchSettings(
        resolve=tuple((f"{slug}.test", a) for slug, a in newsroom.addresses.items())
    )
    with (
        HttpFetcher(settings) as fetcher,
        SourceCaptureWriters(
            tmp_path, run_date=date(2026, 11, 25), prefix="run-1-00000", max_file_bytes=10**6
        ) as captures,
    ):
        fetched = fetch_batch(batch, fetcher, captures, max_in_flight=4)

    pages = {page.discovered.url: page for page in fetched.pages}
    assert set(pages) == {items[0].url, items[1].url}
    assert pages[items[0].url].final_url == f"http://{moved.outlet}.test{SPECIALS.redirect_to.path}"
    assert pages[items[0].url].redirect_chain == (items[0].url,)
    (failure,) = fetched.outcomes
    assert (failure.url, failure.reason, failure.http_status) == (
        items[2].url,
        Reason.HTTP_4XX,
        404,
    )
    assert failure.capture_id is not None

    # The index names the final responses; the WARC file also holds the 301 that led there.
    assert sorted(r.status for r in fetched.captures) == [200, 200, 404]
    body = read_capture(
        tmp_path, pages[items[1].url].capture.warc_file, pages[items[1].url].capture.offset
    ).body
    assert normal.headline.encode() in body or normal.headline in body.decode("utf-8")
    (warc,) = sorted(tmp_path.rglob("*.warc.gz"))
    assert warc.parent == tmp_path / "run_date=2026-11-25" / moved.outlet
    assert sorted(stored.status for stored in iter_captures(warc)) == [200, 200, 301, 404]


def _site_batch(site: LocalSite, paths: tuple[str, ...], min_delay: float) -> HostBatch:
    host = host_of(site.base_url)
    items = tuple(
        DiscoveredUrl(
            url=site.url(path), source="site", via=DiscoveryVia.URL_LIST, listed_in="test"
        )
        for path in paths
    )
    return HostBatch(items=items, host_policies=((host, min_delay, 2),))


def _fetch_site_batch(batch: HostBatch, site: LocalSite, tmp_path: Path) -> None:
    settings = FetchSettings(
        allowed_networks=parse_networks(["127.0.0.0/8"]), retry_base_delay=0.01
    )
    with (
        HttpFetcher(settings) as fetcher,
        SourceCaptureWriters(
            tmp_path, run_date=date(2026, 11, 25), prefix="run-1-00000", max_file_bytes=10**6
        ) as captures,
    ):
        fetch_batch(batch, fetcher, captures, max_in_flight=4)


def _gaps(site: LocalSite) -> list[float]:
    with site.state.lock:
        arrivals = sorted(site.state.arrivals)
    return [later - earlier for earlier, later in itertools.pairwise(arrivals)]


# Arrival times are read on the server's threads: allow a little scheduling jitter.
JITTER = 0.03


def test_every_request_sent_is_spaced_robots_txt_retries_and_redirect_hops_included(
    local_site: LocalSite, tmp_path: Path
) -> None:
    delay = 0.15
    paths = ("/flaky", "/article", "/hop/1", "/gzip-small")
    _fetch_site_batch(_site_batch(local_site, paths, delay), local_site, tmp_path)

    # robots.txt, /flaky twice (503, 200), /article, /hop/1 to /hop/3 and /article, /gzip-small.
    assert len(local_site.state.paths) == 9
    assert local_site.state.paths[0] == "/robots.txt"
    assert min(_gaps(local_site)) >= delay - JITTER


def test_a_crawl_delay_longer_than_the_policy_holds_from_the_first_page_on(
    local_site: LocalSite, tmp_path: Path
) -> None:
    crawl_delay = 0.3
    robots = f"User-agent: *\nCrawl-delay: {crawl_delay}\n".encode()
    local_site.state.overrides["/robots.txt"] = Reply(
        body=robots, headers=(("Content-Type", "text/plain"),)
    )
    paths = ("/article", "/gzip-small", "/br-small")
    _fetch_site_batch(_site_batch(local_site, paths, 0.0), local_site, tmp_path)

    assert local_site.state.paths[0] == "/robots.txt"
    assert len(local_site.state.paths) == 4
    assert min(_gaps(local_site)) >= crawl_delay - JITTER
