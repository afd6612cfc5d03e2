"""HttpFetcher against a real HTTP server on 127.0.0.1: redirects, errors, retries, limits,
robots.txt, the address guard on the connection itself, and what a response records."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
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
from transforms.fetch import FetchResponse, FetchSettings, HttpFetcher, parse_retry_after
from transforms.records import Reason

LOOPBACK = parse_networks(["127.0.0.0/8"])


BASE_SETTINGS = FetchSettings(
    allowed_networks=LOOPBACK,
    retry_base_delay=0.001,
    max_body_bytes=MAX_BODY_BYTES,
    max_redirects=5,
    connect_timeout=2.0,
    read_timeout=2.0,
    total_timeout=5.0,
)
"""Loopback allowed, tiny retry back-off: fast tests."""


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
def test_unparsable_urls_are_invalid_not_raised(url: str) -> None:
    with HttpFetcher(_settings()) as fetcher:
        response = fetcher.fetch(url)

    assert response.error is Reason.INVALID_URL
    assert response.detail is not None and "unparsable URL" in response.detail
    assert response.attempts == 0


def test_url_without_host_is_invalid() -> None:
    with HttpFetcher(_settings()) as fetcher:
        response = fetcher.fetch("http:///just/a/path")

    assert response.error is Reason.INVALID_URL
    assert response.detail == "no host in URL: http:///just/a/path"


def test_redirect_to_a_broken_url_is_invalid_and_recorded(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(local_site.url("/to-broken-ipv6"))

    assert response.error is Reason.INVALID_URL
    assert response.final_url == "http://[::1/admin"
    assert response.redirect_chain == (local_site.url("/to-broken-ipv6"),)


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


def test_resolve_needs_no_allow_list_for_its_own_host(local_site: LocalSite) -> None:
    # The pinned address is trusted for that one host; the loopback stays closed to others.
    address = local_site.base_url.removeprefix("http://")
    settings = _settings(allowed_networks=(), resolve=(("harbour.example", address),))
    with HttpFetcher(settings) as fetcher:
        pinned = fetcher.fetch("http://harbour.example/article")
        literal = fetcher.fetch(local_site.url("/article"))

    assert pinned.ok
    assert pinned.remote_address == "127.0.0.1"
    assert literal.error is Reason.BLOCKED_ADDRESS
    assert local_site.state.hits("/article") == 1


def test_response_records_the_request_as_sent(local_site: LocalSite) -> None:
    with HttpFetcher(_settings(user_agent="mediawatch-test/9")) as fetcher:
        response = fetcher.fetch(
            local_site.url("/article"), extra_headers={"If-Modified-Since": "x"}
        )

    sent = dict(response.request_headers)
    host = local_site.base_url.removeprefix("http://")
    assert sent["Host"] == host
    assert sent["User-Agent"] == "mediawatch-test/9"
    assert sent["Accept-Encoding"] == "gzip, deflate, br"
    assert sent["If-Modified-Since"] == "x"
    assert local_site.state.headers["/article"]["accept-encoding"] == "gzip, deflate, br"
    # The test site speaks HTTP/1.0 (http.server's default).
    assert response.http_version == "HTTP/1.0"
    assert response.remote_address == "127.0.0.1"
    assert response.attempts == 1
    assert response.content_type == "text/html; charset=utf-8"
    assert ("Content-Type", "text/html; charset=utf-8") in response.headers


def test_retried_response_counts_its_attempts(local_site: LocalSite, fetcher: HttpFetcher) -> None:
    response = fetcher.fetch(local_site.url("/flaky"))

    assert response.ok
    assert response.attempts == 2


def test_304_is_not_modified_and_not_ok(local_site: LocalSite, fetcher: HttpFetcher) -> None:
    fresh = fetcher.fetch(local_site.url("/conditional"))
    unchanged = fetcher.fetch(
        local_site.url("/conditional"), extra_headers={"If-None-Match": '"v1"'}
    )

    assert fresh.ok and not fresh.not_modified
    assert unchanged.not_modified
    assert not unchanged.ok
    assert unchanged.error is None
    assert unchanged.header("etag") == '"v1"'


@pytest.mark.parametrize("path", ["/br-small", "/deflate-small", "/deflate-raw"])
def test_brotli_and_deflate_bodies_are_decompressed(
    local_site: LocalSite, fetcher: HttpFetcher, path: str
) -> None:
    response = fetcher.fetch(local_site.url(path))

    assert response.ok
    assert response.body == ARTICLE_HTML


def test_unaccepted_content_type_is_refused_before_the_body(
    local_site: LocalSite, fetcher: HttpFetcher
) -> None:
    response = fetcher.fetch(local_site.url("/pdf"))

    assert response.error is Reason.BAD_CONTENT_TYPE
    assert response.status == 200
    assert response.body == b""
    assert response.detail == "content type application/pdf is not accepted"
    assert response.attempts == 1


def test_missing_content_type_is_accepted(local_site: LocalSite, fetcher: HttpFetcher) -> None:
    response = fetcher.fetch(local_site.url("/no-type"))

    assert response.ok
    assert response.content_type is None
    assert response.body == ARTICLE_HTML


def test_feeds_are_accepted_by_default_and_the_list_is_a_setting(local_site: LocalSite) -> None:
    with HttpFetcher(_settings()) as fetcher:
        feed = fetcher.fetch(local_site.url("/feed"))
    with HttpFetcher(_settings(accepted_content_types=("text/html",))) as fetcher:
        html_only = fetcher.fetch(local_site.url("/feed"))
        page = fetcher.fetch(local_site.url("/article"))

    assert feed.ok
    assert html_only.error is Reason.BAD_CONTENT_TYPE
    assert page.ok


def test_content_type_of_error_pages_is_not_judged(local_site: LocalSite) -> None:
    local_site.state.overrides["/gone"] = Reply(
        status=404, body=b"{}", headers=(("Content-Type", "application/json"),)
    )
    with HttpFetcher(_settings()) as fetcher:
        response = fetcher.fetch(local_site.url("/gone"))

    assert response.error is Reason.HTTP_4XX
    assert response.body == b"{}"


def test_robots_txt_is_not_judged_by_content_type(local_site: LocalSite) -> None:
    local_site.state.overrides["/robots.txt"] = Reply(
        body=ROBOTS_TXT, headers=(("Content-Type", "application/octet-stream"),)
    )
    with HttpFetcher(_settings()) as fetcher:
        response = fetcher.fetch(local_site.url("/private/report"))

    assert response.error is Reason.ROBOTS_DISALLOWED


def test_long_robots_txt_is_cut_not_refused(local_site: LocalSite) -> None:
    # Rules past the limit are lost; the ones before it still hold.
    long_robots = ROBOTS_TXT + b"# padding\n" * 500
    local_site.state.overrides["/robots.txt"] = Reply(body=long_robots)
    with HttpFetcher(_settings()) as fetcher:
        disallowed = fetcher.fetch(local_site.url("/private/report"))
        allowed = fetcher.fetch(local_site.url("/article"))

    assert disallowed.error is Reason.ROBOTS_DISALLOWED
    assert allowed.ok


def test_robots_txt_rate_limited_keeps_the_fetcher_away(local_site: LocalSite) -> None:
    local_site.state.overrides["/robots.txt"] = Reply(status=429)
    with HttpFetcher(_settings(max_attempts=1)) as fetcher:
        response = fetcher.fetch(local_site.url("/article"))

    assert response.error is Reason.ROBOTS_DISALLOWED
    assert response.detail == "robots.txt answered 429"


def test_unreachable_robots_txt_reports_the_network_failure() -> None:
    with HttpFetcher(_settings(max_attempts=2)) as fetcher:
        first = fetcher.fetch("http://127.0.0.1:9/article")
        second = fetcher.fetch("http://127.0.0.1:9/other")

    assert first.error is Reason.NETWORK_ERROR
    assert first.detail is not None and first.detail.startswith("robots.txt: ConnectError")
    assert first.final_url == "http://127.0.0.1:9/article"
    assert first.attempts == 0  # the page itself was never asked for
    # The failure is remembered for the site: the second URL asks nothing.
    assert second.error is Reason.NETWORK_ERROR
    assert second.final_url == "http://127.0.0.1:9/other"


def test_concurrent_robots_requests_for_one_site_make_one_request(local_site: LocalSite) -> None:
    local_site.state.overrides["/robots.txt"] = Reply(body=ROBOTS_TXT, delay=0.2)
    barrier = threading.Barrier(6)
    with HttpFetcher(_settings()) as fetcher:

        def ask() -> None:
            barrier.wait()
            fetcher.robots_for(local_site.url("/article"))

        threads = [threading.Thread(target=ask) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=5)
        rules = fetcher.robots_for(local_site.url("/x"))

    assert local_site.state.hits("/robots.txt") == 1
    assert not rules.allows(local_site.url("/private/x"), BASE_SETTINGS.user_agent)


def test_crawl_delay_for_our_agent_is_capped(local_site: LocalSite) -> None:
    local_site.state.overrides["/robots.txt"] = Reply(
        body=b"User-agent: mediawatch\nCrawl-delay: 2.5\n\nUser-agent: *\nCrawl-delay: 99\n"
    )
    with HttpFetcher(_settings(max_crawl_delay=30.0)) as fetcher:
        assert fetcher.crawl_delay_for(local_site.url("/article")) == 2.5
    with HttpFetcher(_settings(max_crawl_delay=1.0)) as fetcher:
        assert fetcher.crawl_delay_for(local_site.url("/article")) == 1.0
    with HttpFetcher(_settings(obey_robots=False)) as fetcher:
        assert fetcher.crawl_delay_for(local_site.url("/article")) is None
    assert local_site.state.hits("/robots.txt") == 2


def test_no_crawl_delay_is_none(local_site: LocalSite, fetcher: HttpFetcher) -> None:
    assert fetcher.crawl_delay_for(local_site.url("/article")) is None


class ScriptedResolver:
    """Answers host lookups from a script (the last answer repeats) and records them."""

    def __init__(self, *answers: list[str]) -> None:
        self._answers = answers
        self.calls: list[tuple[str, int]] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append((host, port))
        return self._answers[min(len(self.calls), len(self._answers)) - 1]


@pytest.mark.parametrize("obey_robots", [True, False])
def test_dns_rebinding_is_refused_at_connect(local_site: LocalSite, obey_robots: bool) -> None:
    # The first lookup (the early check) says public; the one used to connect says
    # loopback. The connection is refused, not made: the server sees nothing.
    port = local_site.base_url.rsplit(":", 1)[1]
    resolver = ScriptedResolver(["93.184.215.14"], ["127.0.0.1"])
    settings = _settings(allowed_networks=(), obey_robots=obey_robots)
    with HttpFetcher(settings, resolver=resolver) as fetcher:
        response = fetcher.fetch(f"http://rebind.example:{port}/article")

    assert response.error is Reason.BLOCKED_ADDRESS
    assert response.detail is not None
    assert "rebind.example resolves to non-public address 127.0.0.1" in response.detail
    assert response.remote_address is None
    assert local_site.state.paths == []
    assert len(resolver.calls) == 2


def test_a_resolved_name_connects_to_the_checked_address(local_site: LocalSite) -> None:
    port = local_site.base_url.rsplit(":", 1)[1]
    resolver = ScriptedResolver(["127.0.0.1"])
    with HttpFetcher(_settings(), resolver=resolver) as fetcher:
        response = fetcher.fetch(f"http://news.example:{port}/article")

    assert response.ok
    assert response.remote_address == "127.0.0.1"
    assert dict(response.request_headers)["Host"] == f"news.example:{port}"
    assert local_site.state.headers["/article"]["host"] == f"news.example:{port}"
    assert {host for host, _ in resolver.calls} == {"news.example"}


def test_unresolvable_host_is_a_retried_network_error() -> None:
    def no_such_host(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with HttpFetcher(_settings(obey_robots=False), resolver=no_such_host) as fetcher:
        response = fetcher.fetch("http://gone.example/article")

    assert response.error is Reason.NETWORK_ERROR
    assert response.detail is not None and "cannot resolve gone.example" in response.detail
    assert response.attempts == BASE_SETTINGS.max_attempts


def test_retry_after_beyond_the_cap_ends_the_retries(local_site: LocalSite) -> None:
    local_site.state.overrides["/busy"] = Reply(
        status=503, body=b"busy", headers=(("Retry-After", "120"),)
    )
    with HttpFetcher(_settings(max_retry_delay=5.0)) as fetcher:
        response = fetcher.fetch(local_site.url("/busy"))

    assert response.error is Reason.HTTP_5XX
    assert response.detail == "Retry-After 120 exceeds 5.0s"
    assert local_site.state.hits("/busy") == 1


@pytest.mark.parametrize("status", [404, 410, 451, 403, 400])
def test_permanent_client_errors_are_not_retried(local_site: LocalSite, status: int) -> None:
    local_site.state.overrides["/refused"] = Reply(status=status, body=b"no")
    with HttpFetcher(_settings()) as fetcher:
        response = fetcher.fetch(local_site.url("/refused"))

    assert response.status == status
    assert response.error is Reason.HTTP_4XX
    assert response.attempts == 1
    assert local_site.state.hits("/refused") == 1


NOW = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("7", 7.0),
        (" 0 ", 0.0),
        (format_datetime(NOW + timedelta(seconds=90), usegmt=True), 90.0),
        ("Wed, 25 Nov 2026 12:00:30 GMT", 30.0),
        (format_datetime(NOW - timedelta(hours=1), usegmt=True), 0.0),
        ("soon", None),
        ("-5", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, NOW) == seconds


def test_response_without_error_fields_keeps_old_defaults() -> None:
    response = FetchResponse(requested_url="u", final_url="u", status=200)

    assert response.ok
    assert response.request_headers == ()
    assert response.http_version == "HTTP/1.1"
    assert response.remote_address is None
    assert response.attempts == 0
    assert not response.not_modified


def test_unsupported_content_encoding_is_refused(local_site: LocalSite) -> None:
    # Not one we offered in Accept-Encoding: the body cannot be read, so do not keep it.
    local_site.state.overrides["/zstd"] = Reply(
        body=b"\x28\xb5\x2f\xfd",
        headers=(("Content-Type", "text/html"), ("Content-Encoding", "zstd")),
    )
    with HttpFetcher(_settings()) as fetcher:
        response = fetcher.fetch(local_site.url("/zstd"))

    assert response.error is Reason.BAD_CONTENT_TYPE
    assert response.detail == "unsupported Content-Encoding 'zstd'"
    assert response.attempts == 1


def test_corrupt_gzip_is_a_network_error(local_site: LocalSite) -> None:
    local_site.state.overrides["/corrupt"] = Reply(
        body=b"not gzip at all",
        headers=(("Content-Type", "text/html"), ("Content-Encoding", "gzip")),
    )
    with HttpFetcher(_settings(max_attempts=1)) as fetcher:
        response = fetcher.fetch(local_site.url("/corrupt"))

    assert response.error is Reason.NETWORK_ERROR
    assert response.detail is not None and response.detail.startswith("DecodingError")
