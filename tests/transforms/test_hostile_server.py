"""HttpFetcher against a hostile server: every trick ends in the right reason, within its
limits, and the same fetcher still fetches a normal page right afterwards.

The server is reached as http://hostile.test/ through the `resolve` pin, with no network
allowed: so redirects to its real address (127.0.0.1:port) or to the metadata service
must be refused by the address guard, not by luck.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from tests.transforms.hostile_server import (
    ARTICLE_HTML,
    CP1251_META_LIES,
    CP1252_SAYS_UTF8,
    DRIP_INTERVAL,
    GERMAN,
    RUSSIAN,
    SLOW_HEADERS,
    HostileSite,
    serve_hostile,
)
from transforms.charset import decode_html
from transforms.fetch import FetchResponse, FetchSettings, HttpFetcher
from transforms.records import Reason

MAX_BODY_BYTES = 256 * 1024
SETTINGS = FetchSettings(
    connect_timeout=1.0,
    read_timeout=1.0,
    total_timeout=1.5,
    max_body_bytes=MAX_BODY_BYTES,
    max_redirects=4,
    max_attempts=2,
    retry_base_delay=0.01,
    max_retry_delay=3.0,
)
"""Tiny timeouts and back-off; no allowed networks (the pin reaches the server)."""
assert DRIP_INTERVAL < SETTINGS.read_timeout < SLOW_HEADERS
assert SETTINGS.total_timeout < SLOW_HEADERS


@pytest.fixture
def site() -> Iterator[HostileSite]:
    with serve_hostile() as running:
        yield running
        # Retries and redirects are bounded: a runaway loop would show up here.
        assert running.state.requests < 60


def _fetcher(site: HostileSite, **changes: Any) -> HttpFetcher:
    return HttpFetcher(replace(SETTINGS, resolve=site.resolve, **changes))


@pytest.fixture
def fetcher(site: HostileSite) -> Iterator[HttpFetcher]:
    with _fetcher(site) as live:
        yield live


def _assert_still_fetches(fetcher: HttpFetcher, site: HostileSite) -> None:
    response = fetcher.fetch(site.url("/ok"))
    assert response.ok, response
    assert response.body == ARTICLE_HTML
    assert response.attempts == 1


def _timed_fetch(fetcher: HttpFetcher, url: str) -> tuple[FetchResponse, float]:
    started = time.monotonic()
    response = fetcher.fetch(url)
    return response, time.monotonic() - started


def test_headers_slower_than_the_read_timeout(site: HostileSite, fetcher: HttpFetcher) -> None:
    response, elapsed = _timed_fetch(fetcher, site.url("/slow-headers"))

    assert response.error is Reason.TIMEOUT
    assert response.status is None
    assert response.detail is not None and response.detail.startswith("ReadTimeout")
    assert response.attempts == 2  # a timeout is transient: retried once
    assert site.state.count("/slow-headers") == 2
    assert elapsed < 2 * SETTINGS.read_timeout + 1.0
    _assert_still_fetches(fetcher, site)


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_drip_feed_is_cut_by_the_whole_request_timeout(site: HostileSite, path: str) -> None:
    # A byte every DRIP_INTERVAL never trips the read timeout; only the deadline stops it.
    with _fetcher(site, max_attempts=1) as fetcher:
        response, elapsed = _timed_fetch(fetcher, site.url(path))

        assert response.error is Reason.TIMEOUT
        assert response.detail == f"whole request took over {SETTINGS.total_timeout}s"
        assert SETTINGS.total_timeout <= elapsed < SETTINGS.total_timeout + 1.0
        _assert_still_fetches(fetcher, site)


def test_huge_declared_body_is_refused_before_reading(
    site: HostileSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(site.url("/huge-declared"))

    assert response.error is Reason.TOO_LARGE
    assert response.status == 200
    assert response.body == b""
    assert response.detail == f"Content-Length {2 * 1024**3} exceeds {MAX_BODY_BYTES} bytes"
    assert response.attempts == 1
    _assert_still_fetches(fetcher, site)


def test_huge_undeclared_body_is_cut_while_streaming(
    site: HostileSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(site.url("/huge-undeclared"))

    assert response.error is Reason.TOO_LARGE
    assert response.detail == f"body exceeds {MAX_BODY_BYTES} bytes"
    assert response.body == b""
    assert response.attempts == 1
    _assert_still_fetches(fetcher, site)


@pytest.mark.parametrize("path", ["/gzip-bomb", "/brotli-bomb", "/deflate-bomb"])
def test_compression_bomb_stops_at_the_limit_without_inflating(
    site: HostileSite, fetcher: HttpFetcher, path: str
) -> None:
    tracemalloc.start()
    try:
        response = fetcher.fetch(site.url(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert response.error is Reason.TOO_LARGE
    assert response.detail == f"body exceeds {MAX_BODY_BYTES} bytes"
    assert response.body == b""
    # Bounded decompression: memory stays near the limit, not the bomb's 16-256 MiB.
    assert peak < 16 * MAX_BODY_BYTES
    _assert_still_fetches(fetcher, site)


def test_redirect_loop_ends_with_too_many_redirects(
    site: HostileSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(site.url("/redirect-loop"))

    assert response.error is Reason.TOO_MANY_REDIRECTS
    assert response.redirect_chain == (site.url("/redirect-loop"),) * 5
    assert site.state.count("/redirect-loop") == 5
    _assert_still_fetches(fetcher, site)


def test_redirect_chain_over_the_bound_is_stopped(site: HostileSite, fetcher: HttpFetcher) -> None:
    response = fetcher.fetch(site.url("/chain/1"))

    assert response.error is Reason.TOO_MANY_REDIRECTS
    assert response.detail == "more than 4 redirects"
    assert response.redirect_chain == tuple(site.url(f"/chain/{n}") for n in range(1, 6))
    assert response.final_url == site.url("/chain/6")
    assert site.state.count("/chain/6") == 0
    _assert_still_fetches(fetcher, site)


def test_429_retry_after_seconds_is_waited_then_200(
    site: HostileSite, fetcher: HttpFetcher
) -> None:
    response, elapsed = _timed_fetch(fetcher, site.url("/rate-limited"))

    assert response.ok
    assert response.attempts == 2
    assert elapsed >= 1.0  # Retry-After: 1
    assert site.state.count("/rate-limited") == 2
    _assert_still_fetches(fetcher, site)


def test_429_retry_after_date_is_waited_then_200(site: HostileSite, fetcher: HttpFetcher) -> None:
    response, elapsed = _timed_fetch(fetcher, site.url("/rate-limited-date"))

    assert response.ok
    assert response.attempts == 2
    # The date has one-second resolution: two seconds ahead means at least one.
    assert elapsed >= 1.0
    assert elapsed < SETTINGS.max_retry_delay + 1.0
    _assert_still_fetches(fetcher, site)


def test_503_twice_then_200_within_max_attempts(site: HostileSite) -> None:
    with _fetcher(site, max_attempts=3) as fetcher:
        response = fetcher.fetch(site.url("/unavailable-twice"))

        assert response.ok
        assert response.body == ARTICLE_HTML
        assert response.attempts == 3
        assert site.state.count("/unavailable-twice") == 3
        _assert_still_fetches(fetcher, site)


def test_503_twice_with_two_attempts_gives_the_503(site: HostileSite) -> None:
    with _fetcher(site, max_attempts=2) as fetcher:
        response = fetcher.fetch(site.url("/unavailable-twice"))

        assert response.status == 503
        assert response.error is Reason.HTTP_5XX
        assert response.attempts == 2
        _assert_still_fetches(fetcher, site)


@pytest.mark.parametrize(("path", "status"), [("/gone", 410), ("/legal", 451)])
def test_permanent_statuses_are_not_retried(
    site: HostileSite, fetcher: HttpFetcher, path: str, status: int
) -> None:
    response = fetcher.fetch(site.url(path))

    assert response.status == status
    assert response.error is Reason.HTTP_4XX
    assert response.attempts == 1
    assert site.state.count(path) == 1
    _assert_still_fetches(fetcher, site)


def test_cp1252_body_under_utf8_header_and_meta(site: HostileSite, fetcher: HttpFetcher) -> None:
    response = fetcher.fetch(site.url("/cp1252-says-utf8"))

    assert response.ok
    assert response.body == CP1252_SAYS_UTF8  # the fetcher hands over bytes untouched
    decoded = decode_html(response.body, response.content_type)
    assert GERMAN in decoded.text
    assert decoded.encoding == "cp1252"
    assert decoded.source == "detected"
    _assert_still_fetches(fetcher, site)


def test_lying_meta_loses_to_a_true_header(site: HostileSite, fetcher: HttpFetcher) -> None:
    response = fetcher.fetch(site.url("/meta-lies"))

    assert response.ok
    assert response.body == CP1251_META_LIES
    decoded = decode_html(response.body, response.content_type)
    assert RUSSIAN in decoded.text
    assert (decoded.encoding, decoded.source) == ("cp1251", "header")
    _assert_still_fetches(fetcher, site)


def test_binary_body_labelled_html_is_a_bad_content_type(
    site: HostileSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(site.url("/png-as-html"))

    assert response.error is Reason.BAD_CONTENT_TYPE
    assert response.detail == "binary body labelled text/html"
    assert response.body == b""
    assert response.attempts == 1
    _assert_still_fetches(fetcher, site)


def test_robots_disallow_and_crawl_delay(site: HostileSite, fetcher: HttpFetcher) -> None:
    response = fetcher.fetch(site.url("/private/page"))

    assert response.error is Reason.ROBOTS_DISALLOWED
    assert response.attempts == 0
    assert site.state.count("/private/page") == 0
    assert fetcher.crawl_delay_for(site.url("/ok")) == 0.5
    _assert_still_fetches(fetcher, site)
    assert site.state.count("/robots.txt") == 1


@pytest.mark.parametrize(
    ("path", "target", "address"),
    [
        ("/to-metadata", "http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("/to-loopback", "http://127.0.0.1:{port}/ok", "127.0.0.1"),
        ("/to-localhost", "http://localhost:{port}/ok", "127.0.0.1"),
        ("/to-mapped-loopback", "http://[::ffff:127.0.0.1]:{port}/ok", "::ffff:7f00:1"),
    ],
)
def test_redirect_into_a_private_address_is_blocked_and_recorded(
    site: HostileSite, fetcher: HttpFetcher, path: str, target: str, address: str
) -> None:
    # /to-loopback points at this very server: reachable, and still refused.
    response = fetcher.fetch(site.url(path))

    assert response.error is Reason.BLOCKED_ADDRESS
    assert response.detail is not None and f"non-public address {address}" in response.detail
    assert response.final_url == target.format(port=site.port)
    assert response.redirect_chain == (site.url(path),)
    assert response.attempts == 0
    assert site.state.count("/ok") == 0
    _assert_still_fetches(fetcher, site)
