"""The running newsroom over real HTTP on 127.0.0.1: what a crawler of it will meet."""

from __future__ import annotations

import html
import http.client
import signal
import subprocess
import sys
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import feedparser
import pytest
from lxml import etree

from newsroom import catalogue
from newsroom.catalogue import ARTICLES, OUTLETS, SPECIALS
from newsroom.server import Newsroom, serve_newsroom
from tests.newsroom.http_client import fetch

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_each_outlet_is_its_own_origin(newsroom: Newsroom) -> None:
    origins = {urlsplit(url).netloc for url in newsroom.base_urls.values()}
    assert set(newsroom.base_urls) == {outlet.slug for outlet in OUTLETS}
    assert len(origins) == len(OUTLETS)
    assert all(url.startswith("http://127.0.0.1:") for url in newsroom.base_urls.values())


def test_every_article_answers_200_with_its_headline(newsroom: Newsroom) -> None:
    for article in ARTICLES:
        response = fetch(newsroom.url(article.outlet, article.path))
        assert response.status == 200, article.path
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert int(response.headers["Content-Length"]) == len(response.body)
        assert "<h1" in response.text
        assert html.escape(article.headline) in response.text, article.path


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_feed_lists_the_expected_urls(newsroom: Newsroom, outlet: catalogue.Outlet) -> None:
    response = fetch(newsroom.url(outlet.slug, outlet.feed_path))
    assert response.status == 200
    parsed = feedparser.parse(response.body)
    assert bool(parsed.bozo) is (outlet.slug == SPECIALS.malformed_feed_outlet)
    expected = [newsroom.url(outlet.slug, a.path) for a in catalogue.feed_items(outlet.slug)]
    assert [entry.link for entry in parsed.entries] == expected
    if outlet.slug == SPECIALS.deleted_article.outlet:
        assert newsroom.url_of(SPECIALS.deleted_article) in expected


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_sitemap_lists_the_expected_urls(newsroom: Newsroom, outlet: catalogue.Outlet) -> None:
    response = fetch(newsroom.url(outlet.slug, catalogue.SITEMAP_PATH))
    assert response.status == 200
    root = etree.fromstring(response.body)
    listed = [loc.strip() for loc in root.xpath("//s:url/s:loc/text()", namespaces=NS)]
    expected = [newsroom.url(outlet.slug, e.path) for e in catalogue.sitemap_entries(outlet.slug)]
    assert listed == expected


def test_rheinblick_sitemap_covers_every_rheinblick_article(newsroom: Newsroom) -> None:
    root = etree.fromstring(fetch(newsroom.url("rheinblick", catalogue.SITEMAP_PATH)).body)
    listed = set(root.xpath("//s:url/s:loc/text()", namespaces=NS))
    for article in catalogue.articles_of("rheinblick"):
        url = newsroom.url("rheinblick", article.path)
        if catalogue.ref(article) == SPECIALS.redirect_to:
            url = newsroom.url_of(SPECIALS.redirect_from)
        assert url in listed


def test_special_cases_answer_as_documented(newsroom: Newsroom) -> None:
    assert fetch(newsroom.url_of(SPECIALS.deleted_article)).status == 404
    assert fetch(newsroom.url_of(SPECIALS.broken_article)).status == 500
    moved = fetch(newsroom.url_of(SPECIALS.redirect_from))
    assert moved.status == 301
    assert moved.headers["Location"] == newsroom.url_of(SPECIALS.redirect_to)
    assert fetch(moved.headers["Location"]).status == 200
    info = fetch(newsroom.url_of(SPECIALS.non_article))
    assert info.status == 200 and 'content="website"' in info.text
    assert fetch(newsroom.url_of(SPECIALS.robots_disallowed)).status == 200


def test_unknown_path_is_a_small_html_404(newsroom: Newsroom) -> None:
    for outlet in OUTLETS:
        response = fetch(newsroom.url(outlet.slug, "/no/such/page.html?x=1"))
        assert response.status == 404
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert response.text.startswith("<!DOCTYPE html>") and len(response.body) < 1000


def test_robots_txt_disallows_the_members_story(newsroom: Newsroom) -> None:
    slug = SPECIALS.robots_disallowed.outlet
    response = fetch(newsroom.url(slug, catalogue.ROBOTS_PATH))
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    rules = RobotFileParser()
    rules.parse(response.text.splitlines())
    assert not rules.can_fetch("mediawatch", newsroom.url_of(SPECIALS.robots_disallowed))
    for article in catalogue.articles_of(slug):
        if catalogue.ref(article) != SPECIALS.robots_disallowed:
            assert rules.can_fetch("mediawatch", newsroom.url(slug, article.path))
    assert rules.site_maps() == [newsroom.url(slug, catalogue.SITEMAP_PATH)]


@pytest.mark.parametrize("path_of", ["feed", "sitemap"])
def test_conditional_get_gives_304(newsroom: Newsroom, path_of: str) -> None:
    for outlet in OUTLETS:
        path = outlet.feed_path if path_of == "feed" else catalogue.SITEMAP_PATH
        url = newsroom.url(outlet.slug, path)
        first = fetch(url)
        etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
        by_etag = fetch(url, headers={"If-None-Match": etag})
        by_date = fetch(url, headers={"If-Modified-Since": last_modified})
        assert (by_etag.status, by_date.status) == (304, 304)
        assert by_etag.body == b"" and by_etag.headers["ETag"] == etag
        stale = fetch(url, headers={"If-None-Match": '"something-else"'})
        older = fetch(url, headers={"If-Modified-Since": "Sun, 01 Nov 2026 00:00:00 GMT"})
        assert (stale.status, older.status) == (200, 200)
        assert stale.body == first.body


def test_same_url_twice_gives_identical_bytes(newsroom: Newsroom) -> None:
    for outlet in OUTLETS:
        for path in (
            "/",
            outlet.feed_path,
            catalogue.SITEMAP_PATH,
            catalogue.articles_of(outlet.slug)[0].path,
        ):
            url = newsroom.url(outlet.slug, path)
            assert fetch(url).body == fetch(url).body


def test_head_sends_headers_only(newsroom: Newsroom) -> None:
    article = ARTICLES[0]
    response = fetch(newsroom.url(article.outlet, article.path), method="HEAD")
    assert response.status == 200 and response.body == b""
    assert int(response.headers["Content-Length"]) > 10_000


def test_serving_writes_nothing_to_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    with serve_newsroom() as running:
        fetch(running.url("harbour-ledger", "/feed.xml"))
        fetch(running.url("harbour-ledger", "/missing"))
        fetch(running.url("harbour-ledger", "/feed.xml"), method="POST")
    captured = capfd.readouterr()
    assert captured.err == ""


def test_servers_are_closed_on_exit() -> None:
    with serve_newsroom() as running:
        url = running.url("rheinblick", "/robots.txt")
        assert fetch(url).status == 200
    with pytest.raises(ConnectionError):
        fetch(url)


def test_python_dash_m_newsroom_prints_urls_and_stops_on_ctrl_c() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "newsroom"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(3 * len(OUTLETS) + 1)]
        assert lines[-1].startswith("Serving")
        feed_line = lines[1]
        feed_url = feed_line.split("feed:")[1].strip()
        assert fetch(feed_url).status == 200
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "Stopped." in out
    assert err == ""


def test_one_keep_alive_connection_serves_many_requests(newsroom: Newsroom) -> None:
    parts = urlsplit(newsroom.base_urls["le-guetteur"])
    assert parts.hostname is not None and parts.port is not None
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        statuses = []
        for article in catalogue.articles_of("le-guetteur")[:5]:
            connection.request("GET", article.path)
            reply = connection.getresponse()
            reply.read()
            statuses.append(reply.status)
            assert reply.getheader("Connection") != "close"
        assert statuses == [200] * 5
    finally:
        connection.close()
