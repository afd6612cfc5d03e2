"""The simulated web the fetch benchmark runs against: latency, rate limit, pages, counters."""

from __future__ import annotations

import time

import httpx

from bench.simweb import (
    MAX_PAGE_BYTES,
    MIN_PAGE_BYTES,
    HostSpec,
    SimWeb,
    fast_hosts,
    page_html,
    polite_hosts,
)

STRICT = HostSpec(name="strict", latency=0.1, interval=0.4, crawl_delay=True, pages=3)
FAST = HostSpec(name="fast", latency=0.0, interval=0.0, crawl_delay=False, pages=3)


def test_hosts_are_deterministic_with_latency_below_interval() -> None:
    hosts = polite_hosts(60, 100)
    assert hosts == polite_hosts(60, 100)
    assert len({h.name for h in hosts}) == 60
    assert all(0.05 <= h.latency <= 0.2 < 0.25 <= h.interval <= 0.75 for h in hosts)
    assert len({h.interval for h in hosts}) > 50  # each host its own rate
    assert sum(h.crawl_delay for h in hosts) == 20
    assert all(h.latency == 0 and h.interval == 0 for h in fast_hosts(3, 10))


def test_pages_are_distinct_deterministic_html_of_realistic_size() -> None:
    hosts = polite_hosts(3, 100)
    pages = [page_html(host, page) for host in hosts for page in range(0, 100, 10)]
    assert len(set(pages)) == len(pages)
    assert page_html(hosts[1], 7) == page_html(hosts[1], 7)
    assert all(MIN_PAGE_BYTES <= len(page) <= MAX_PAGE_BYTES for page in pages)
    assert all(page.startswith(b"<!DOCTYPE html>") and b"<article>" in page for page in pages)


def _get(client: httpx.Client, url: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_strict_host_applies_latency_and_answers_429_when_asked_too_early() -> None:
    with SimWeb([STRICT, FAST], slack=0.02) as web, httpx.Client() as client:
        robots, robots_took = _get(client, web.origin(0) + "/robots.txt")
        early, _ = _get(client, web.page_url(0, 1))
        time.sleep(STRICT.interval)
        page, page_took = _get(client, web.page_url(0, 1))
        stats = web.stop()

    assert web.origin(0) != web.origin(1)
    assert robots.status_code == 200
    assert robots.text == "User-agent: *\nAllow: /\nCrawl-delay: 0.4\n"
    assert robots_took >= STRICT.latency
    assert early.status_code == 429
    assert early.headers["retry-after"] == "1"
    assert page.status_code == 200
    assert page_took >= STRICT.latency
    assert page.content == page_html(STRICT, 1)
    assert page.headers["content-encoding"] == "gzip"  # decoded by httpx above
    strict = stats.hosts[0]
    assert (strict.requests, strict.too_early, strict.robots_served, strict.pages_served) == (
        3,
        1,
        1,
        1,
    )
    assert strict.min_gap is not None and strict.min_gap >= STRICT.interval
    assert stats.too_early == 1


def test_fast_host_serves_every_page_at_once_and_counts_them() -> None:
    with SimWeb([FAST], gzip_bodies=False) as web, httpx.Client() as client:
        answers = [client.get(web.page_url(0, page)) for page in range(FAST.pages)]
        missing = client.get(web.page_url(0, FAST.pages))
        stats = web.stop()

    assert [a.status_code for a in answers] == [200, 200, 200]
    assert len({a.content for a in answers}) == 3
    assert "content-encoding" not in answers[0].headers
    assert missing.status_code == 404
    host = stats.hosts[0]
    assert (host.requests, host.pages_served, host.not_found, host.too_early) == (4, 3, 1, 0)
    assert host.peak_concurrency == 1
    assert host.connections == 1  # one keep-alive connection for every request
    assert stats.peak_in_flight == 1
    assert host.body_bytes == sum(len(a.content) for a in answers) + len(missing.content)
