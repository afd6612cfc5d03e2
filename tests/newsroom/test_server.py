"""The running newsroom over real HTTP on 127.0.0.1: what a crawler of it will meet."""

from __future__ import annotations

import html
import http.client
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import feedparser
import pytest
from lxml import etree

from newsroom import catalogue
from newsroom.catalogue import ARTICLES, OUTLETS, SPECIALS
from newsroom.clock import Timeline
from newsroom.server import Newsroom, serve_newsroom
from tests.interrupts import interruptible
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
        preexec_fn=interruptible,
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


# A newsroom on a simulated clock, switched from day to day while it runs.

TIMELINE = Timeline(first_day=date(2026, 11, 25), days=3)


@pytest.fixture(scope="module")
def newsroom_days() -> Iterator[Newsroom]:
    """Yield a newsroom serving TIMELINE, back on day 0 after every test."""
    with serve_newsroom(timeline=TIMELINE) as running:
        yield running


@pytest.fixture
def days(newsroom_days: Newsroom) -> Iterator[Newsroom]:
    newsroom_days.set_day(0)
    yield newsroom_days
    newsroom_days.set_day(0)


def test_a_newsroom_without_a_timeline_serves_one_day(newsroom: Newsroom) -> None:
    assert newsroom.days == 1
    assert newsroom.edition.articles == ARTICLES
    with pytest.raises(IndexError):
        newsroom.set_day(1)


def test_set_day_switches_what_the_running_servers_serve(days: Newsroom) -> None:
    assert days.days == TIMELINE.days
    assert days.edition.date == TIMELINE.first_day
    first = days.set_day(1)
    assert days.edition is first and first.date == TIMELINE.date_of(1)
    new = first.published[0]
    updated = first.updated[0]
    for outlet in OUTLETS:
        parsed = feedparser.parse(fetch(days.url(outlet.slug, outlet.feed_path)).body)
        expected = [days.url(outlet.slug, a.path) for a in first.feed_items(outlet.slug)]
        assert [entry.link for entry in parsed.entries] == expected
    story = fetch(days.url_of(new))
    published = first.find_article(new.outlet, new.path)
    assert published is not None
    assert story.status == 200 and html.escape(published.headline) in story.text
    revised = first.find_article(updated.outlet, updated.path)
    assert revised is not None and revised.modified_at is not None
    assert revised.modified_at.isoformat() in fetch(days.url_of(updated)).text
    days.set_day(0)
    assert fetch(days.url_of(new)).status == 404


def test_listing_validators_change_only_when_the_listing_does(days: Newsroom) -> None:
    outlet = OUTLETS[1]
    paths = (outlet.feed_path, catalogue.SITEMAP_PATH, catalogue.ROBOTS_PATH)
    days.set_day(1)
    before = {path: fetch(days.url(outlet.slug, path)) for path in paths}
    days.set_day(1)  # switching to the same day changes nothing
    for path in paths:
        again = fetch(
            days.url(outlet.slug, path), headers={"If-None-Match": before[path].headers["ETag"]}
        )
        assert again.status == 304
    days.set_day(2)
    after = {path: fetch(days.url(outlet.slug, path)) for path in paths}
    for path in (outlet.feed_path, catalogue.SITEMAP_PATH):
        assert after[path].headers["ETag"] != before[path].headers["ETag"]
        moved = parsedate_to_datetime(after[path].headers["Last-Modified"])
        assert moved > parsedate_to_datetime(before[path].headers["Last-Modified"])
        stale = fetch(
            days.url(outlet.slug, path),
            headers={
                "If-None-Match": before[path].headers["ETag"],
                "If-Modified-Since": before[path].headers["Last-Modified"],
            },
        )
        assert stale.status == 200 and stale.body == after[path].body
    robots = catalogue.ROBOTS_PATH
    assert after[robots].headers["ETag"] == before[robots].headers["ETag"]
    assert after[robots].headers["Last-Modified"] == before[robots].headers["Last-Modified"]


def test_requests_during_a_day_switch_see_one_day_or_the_other(days: Newsroom) -> None:
    url = days.url("le-guetteur", "/atom.xml")
    bodies = set()
    for day in (1, 2):
        days.set_day(day)
        bodies.add(fetch(url).body)
    assert len(bodies) == 2
    seen: list[bytes] = []
    failures: list[Exception] = []
    stop = threading.Event()

    def read_feed() -> None:
        while not stop.is_set():
            try:
                seen.append(fetch(url).body)
            except (OSError, http.client.HTTPException) as error:
                failures.append(error)
                return

    readers = [threading.Thread(target=read_feed) for _ in range(4)]
    for reader in readers:
        reader.start()
    try:
        for switch in range(40):
            days.set_day(1 + switch % 2)
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=10)
    assert failures == []
    assert seen and set(seen) <= bodies
