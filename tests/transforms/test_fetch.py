"""HttpFetcher against a real HTTP server on 127.0.0.1: redirects, errors, retries, limits."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from tests.transforms.local_site import (
    ARTICLE_HTML,
    MAX_BODY_BYTES,
    ROBOTS_TXT,
    LocalSite,
    Reply,
    redirect,
)
from transforms.address_guard import parse_networks
from transforms.fetch import FetchSettings, HttpFetcher
from transforms.records import Reason

LOOPBACK = parse_networks(["127.0.0.0/8"])


BASE_SETTINGS = FetchSettings(
    allowed_networks=LOOPBACK,
    per_host_delay=0.0,
    retry_base_delay=0.001,
    max_body_bytes=MAX_BODY_BYTES,
    max_redirects=5,
    connect_timeout=2.0,
    read_timeout=2.0,
    total_timeout=5.0,
)
"""Loopback allowed, no politeness delay, tiny retry back-off: fast tests."""


def _settings(**changes: Any) -> FetchSettings:
    return replace(BASE_SETTINGS, **changes)


@pytest.fixture
def fetcher() -> Iterator[HttpFetcher]:
    with HttpFetcher(_settings()) as live:
        yield live


def test_200_html_gives_the_body_headers_and_no_error(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(local_site.url("/article"))

    assert response.ok
    assert response.status == 200
    assert response.error is None
    assert response.body == ARTICLE_HTML
    assert response.header("CONTENT-TYPE") == "text/html; charset=utf-8"
    assert response.requested_url == local_site.url("/article")
    assert response.final_url == local_site.url("/article")
    assert response.redirect_chain == ()
    assert response.fetched_at.tzinfo is not None
    # robots.txt is asked once, before the first page of the host.
    assert local_site.state.paths == ["/robots.txt", "/article"]


def test_user_agent_is_sent(local_site: LocalSite) -> None:
    with HttpFetcher(_settings(user_agent="mediawatch-test/9")) as fetcher:
        fetcher.fetch(local_site.url("/article"))

    assert local_site.state.headers["/article"]["user-agent"] == "mediawatch-test/9"


def test_redirect_chain_is_followed_and_recorded(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(local_site.url("/hop/1"))

    assert response.status == 200
    assert response.body == ARTICLE_HTML
    assert response.requested_url == local_site.url("/hop/1")
    assert response.final_url == local_site.url("/article")
    # /hop/2 redirects with the relative location "3", resolved against /hop/2.
    assert response.redirect_chain == (
        local_site.url("/hop/1"),
        local_site.url("/hop/2"),
        local_site.url("/hop/3"),
    )


def test_redirect_loop_stops_with_too_many_redirects(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(local_site.url("/loop"))

    assert response.error is Reason.TOO_MANY_REDIRECTS
    assert response.status is None
    assert not response.ok
    assert response.detail == "more than 5 redirects"
    assert response.redirect_chain == (local_site.url("/loop"),) * 6
    assert local_site.state.hits("/loop") == 6


def test_max_redirects_is_a_setting(local_site: LocalSite) -> None:
    with HttpFetcher(_settings(max_redirects=2)) as fetcher:
        response = fetcher.fetch(local_site.url("/hop/1"))

    assert response.error is Reason.TOO_MANY_REDIRECTS
    assert local_site.state.hits("/article") == 0


def test_404_is_a_permanent_client_error_without_retries(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(local_site.url("/gone"))

    assert response.status == 404
    assert response.error is Reason.HTTP_4XX
    assert not response.ok
    assert response.body == b"not here"
    assert local_site.state.hits("/gone") == 1


def test_500_is_a_server_error_and_not_retried(local_site: LocalSite, fetcher: HttpFetcher) -> None:
    response = fetcher.fetch(local_site.url("/broken"))

    assert response.status == 500
    assert response.error is Reason.HTTP_5XX
    assert local_site.state.hits("/broken") == 1


def test_503_then_200_is_retried_until_it_works(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(local_site.url("/flaky"))

    assert response.ok
    assert response.body == ARTICLE_HTML
    assert local_site.state.hits("/flaky") == 2


def test_503_forever_gives_up_after_max_attempts(local_site: LocalSite) -> None:
    with HttpFetcher(_settings(max_attempts=3)) as fetcher:
        response = fetcher.fetch(local_site.url("/always-busy"))

    assert response.status == 503
    assert response.error is Reason.HTTP_5XX
    assert local_site.state.hits("/always-busy") == 3


def test_robots_disallowed_path_is_not_requested(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(local_site.url("/private/report"))

    assert response.error is Reason.ROBOTS_DISALLOWED
    assert response.status is None
    assert response.detail == "disallowed by robots.txt"
    assert local_site.state.hits("/private/report") == 0


def test_redirect_into_a_disallowed_path_is_stopped_there(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(local_site.url("/to-private"))

    assert response.error is Reason.ROBOTS_DISALLOWED
    assert response.final_url == local_site.url("/private/report")
    assert response.redirect_chain == (local_site.url("/to-private"),)
    assert local_site.state.hits("/private/report") == 0


def test_robots_txt_is_fetched_once_per_host(local_site: LocalSite, fetcher: HttpFetcher) -> None:
    for path in ("/article", "/private/report", "/gone", "/article"):
        fetcher.fetch(local_site.url(path))

    assert local_site.state.hits("/robots.txt") == 1


def test_robots_txt_redirect_is_followed(local_site: LocalSite, fetcher: HttpFetcher) -> None:
    local_site.state.overrides["/robots.txt"] = redirect(301, "/moved/robots.txt")
    local_site.state.overrides["/moved/robots.txt"] = Reply(body=ROBOTS_TXT)
    allowed = fetcher.fetch(local_site.url("/article"))
    disallowed = fetcher.fetch(local_site.url("/private/report"))

    assert allowed.ok
    assert disallowed.error is Reason.ROBOTS_DISALLOWED
    assert local_site.state.hits("/moved/robots.txt") == 1


def test_robots_txt_missing_allows_everything(local_site: LocalSite, fetcher: HttpFetcher) -> None:
    local_site.state.overrides["/robots.txt"] = Reply(status=404)
    response = fetcher.fetch(local_site.url("/private/report"))

    assert response.ok


def test_robots_txt_server_error_keeps_the_fetcher_away(local_site: LocalSite) -> None:
    local_site.state.overrides["/robots.txt"] = Reply(status=500)
    with HttpFetcher(_settings(max_attempts=1)) as fetcher:
        response = fetcher.fetch(local_site.url("/article"))

    assert response.error is Reason.ROBOTS_DISALLOWED
    assert response.detail == "robots.txt answered 500"
    assert local_site.state.hits("/article") == 0


def test_robots_can_be_ignored_by_setting(local_site: LocalSite) -> None:
    with HttpFetcher(_settings(obey_robots=False)) as fetcher:
        response = fetcher.fetch(local_site.url("/private/report"))

    assert response.ok
    assert local_site.state.hits("/robots.txt") == 0


def test_declared_oversized_body_is_refused(local_site: LocalSite, fetcher: HttpFetcher) -> None:
    response = fetcher.fetch(local_site.url("/big"))

    assert response.error is Reason.TOO_LARGE
    assert response.body == b""
    assert response.detail == f"Content-Length {4 * MAX_BODY_BYTES} exceeds {MAX_BODY_BYTES} bytes"


def test_undeclared_oversized_body_is_cut_off_while_streaming(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(local_site.url("/big-undeclared"))

    assert response.error is Reason.TOO_LARGE
    assert response.detail == f"body exceeds {MAX_BODY_BYTES} bytes"


def test_gzip_body_is_limited_after_decompression(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(local_site.url("/gzip-bomb"))

    assert response.error is Reason.TOO_LARGE
    assert response.body == b""


def test_small_gzip_body_is_decompressed(local_site: LocalSite, fetcher: HttpFetcher) -> None:
    response = fetcher.fetch(local_site.url("/gzip-small"))

    assert response.ok
    assert response.body == ARTICLE_HTML


def test_extra_headers_are_sent_and_304_is_not_an_error(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(
        local_site.url("/conditional"), extra_headers={"If-None-Match": '"v1"'}
    )

    assert response.status == 304
    assert response.error is None
    assert not response.ok
    assert response.body == b""


def test_loopback_is_refused_without_an_allow_list(local_site: LocalSite) -> None:
    with HttpFetcher(_settings(allowed_networks=())) as fetcher:
        response = fetcher.fetch(local_site.url("/article"))

    assert response.error is Reason.BLOCKED_ADDRESS
    assert response.status is None
    assert response.detail is not None and "127.0.0.1" in response.detail
    assert local_site.state.paths == []


def test_localhost_name_is_refused_without_an_allow_list(local_site: LocalSite) -> None:
    url = local_site.url("/article").replace("127.0.0.1", "localhost")
    with HttpFetcher(_settings(allowed_networks=())) as fetcher:
        response = fetcher.fetch(url)

    assert response.error is Reason.BLOCKED_ADDRESS
    assert local_site.state.paths == []


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://ftp.example.org/pub/file.txt", "gopher://example.org/"]
)
def test_non_http_schemes_are_refused(url: str) -> None:
    with HttpFetcher(_settings()) as fetcher:
        response = fetcher.fetch(url)

    assert response.error is Reason.BLOCKED_ADDRESS
    assert response.status is None
    assert response.detail is not None and "is not allowed" in response.detail


@pytest.mark.parametrize("url", ["http://[::1/admin", "http://127.0.0.1:http/admin"])
def test_unparsable_urls_are_refused_not_raised(url: str) -> None:
    with HttpFetcher(_settings()) as fetcher:
        response = fetcher.fetch(url)

    assert response.error is Reason.BLOCKED_ADDRESS
    assert response.detail is not None and "unparsable URL" in response.detail


def test_redirect_to_a_link_local_address_is_refused(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(local_site.url("/to-metadata-service"))

    assert response.error is Reason.BLOCKED_ADDRESS
    assert response.final_url == "http://169.254.169.254/latest/meta-data/"
    assert response.redirect_chain == (local_site.url("/to-metadata-service"),)


def test_redirect_to_a_file_url_is_refused(local_site: LocalSite, fetcher: HttpFetcher) -> None:
    response = fetcher.fetch(local_site.url("/to-file"))

    assert response.error is Reason.BLOCKED_ADDRESS
    assert response.final_url == "file:///etc/passwd"


def test_unreachable_port_is_a_network_error(local_site: LocalSite) -> None:
    # Port 9 (discard) is closed on the loopback of a test machine.
    with HttpFetcher(_settings(max_attempts=1, obey_robots=False)) as fetcher:
        response = fetcher.fetch("http://127.0.0.1:9/article")

    assert response.error is Reason.NETWORK_ERROR
    assert response.status is None
    assert response.detail is not None and response.detail.startswith("ConnectError")


def test_per_host_delay_spaces_requests(local_site: LocalSite) -> None:
    with HttpFetcher(_settings(per_host_delay=0.2, obey_robots=False)) as fetcher:
        started = time.monotonic()
        fetcher.fetch(local_site.url("/article"))
        fetcher.fetch(local_site.url("/article"))
        elapsed = time.monotonic() - started

    assert 0.2 <= elapsed < 1.5


def test_resolve_maps_a_host_to_the_local_site(local_site: LocalSite) -> None:
    address = local_site.base_url.removeprefix("http://")
    with HttpFetcher(_settings(resolve=(("harbour.example", address),))) as fetcher:
        response = fetcher.fetch("http://harbour.example/hop/1")

    assert response.ok
    assert response.final_url == "http://harbour.example/article"
    assert response.redirect_chain == (
        "http://harbour.example/hop/1",
        "http://harbour.example/hop/2",
        "http://harbour.example/hop/3",
    )
    assert local_site.state.headers["/article"]["host"] == "harbour.example"
    assert local_site.state.headers["/robots.txt"]["host"] == "harbour.example"
