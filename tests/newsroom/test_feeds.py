"""Feeds, news sitemaps and robots.txt as documents, rendered without a server."""

from __future__ import annotations

from datetime import datetime
from urllib.robotparser import RobotFileParser

import feedparser
import pytest
from lxml import etree
from protego import Protego

from newsroom import catalogue, feeds
from newsroom.catalogue import OUTLETS, SPECIALS

BASE = "http://127.0.0.1:8080"
NS = {"s": feeds.SITEMAP_NAMESPACE, "news": feeds.NEWS_NAMESPACE}


def _feed(slug: str) -> str:
    outlet = catalogue.outlet_by_slug(slug)
    items = catalogue.feed_items(slug)
    if outlet.feed_kind == "atom":
        return feeds.render_atom(outlet, BASE, items)
    return feeds.render_rss(outlet, BASE, items, malformed=slug == SPECIALS.malformed_feed_outlet)


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_feed_lists_title_link_date_author_and_summary(outlet: catalogue.Outlet) -> None:
    parsed = feedparser.parse(_feed(outlet.slug).encode())
    items = catalogue.feed_items(outlet.slug)
    assert parsed.version == ("rss20" if outlet.feed_kind == "rss" else "atom10")
    assert [entry.link for entry in parsed.entries] == [BASE + a.path for a in items]
    first, newest = parsed.entries[0], items[0]
    if outlet.slug == "rheinblick":
        assert first.id == "rheinblick-" + newest.path.removesuffix(".html").split("-a")[-1]
    assert first.title == newest.headline
    assert first.summary == newest.first_sentence
    assert first.get("id")
    assert first.author.startswith(newest.authors[0])
    raw_date = first.get("published")
    assert raw_date is not None
    if outlet.feed_kind == "atom":
        assert datetime.fromisoformat(raw_date) == newest.published_at
    else:
        assert raw_date.endswith(newest.published_at.strftime("%z"))


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_only_the_rheinblick_feed_is_malformed(outlet: catalogue.Outlet) -> None:
    text = _feed(outlet.slug).encode()
    parsed = feedparser.parse(text)
    if outlet.slug == SPECIALS.malformed_feed_outlet:
        assert parsed.bozo
        with pytest.raises(etree.XMLSyntaxError):
            etree.fromstring(text)
        # The lenient parser still recovers every item.
        assert len(parsed.entries) == len(catalogue.feed_items(outlet.slug))
    else:
        assert not parsed.bozo
        etree.fromstring(text)


def test_well_formed_variant_of_the_rheinblick_feed_parses() -> None:
    outlet = catalogue.outlet_by_slug("rheinblick")
    text = feeds.render_rss(outlet, BASE, catalogue.feed_items("rheinblick"), malformed=False)
    root = etree.fromstring(text.encode())
    assert root.findtext("channel/description") == "Nachrichten aus Auenstedt & der Region"


def test_multiple_authors_are_each_named_in_atom() -> None:
    outlet = catalogue.outlet_by_slug("le-guetteur")
    items = catalogue.feed_items("le-guetteur")
    parsed = feedparser.parse(feeds.render_atom(outlet, BASE, items).encode())
    by_link = {entry.link: entry for entry in parsed.entries}
    for article in items:
        names = [author["name"] for author in by_link[BASE + article.path].authors]
        assert names == list(article.authors)


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_news_sitemap(outlet: catalogue.Outlet) -> None:
    entries = catalogue.sitemap_entries(outlet.slug)
    text = feeds.render_news_sitemap(outlet, BASE, entries)
    root = etree.fromstring(text.encode())
    assert root.tag == f"{{{feeds.SITEMAP_NAMESPACE}}}urlset"
    urls = root.findall("s:url", NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [BASE + e.path for e in entries]
    first = urls[0]
    assert first.findtext("news:news/news:publication/news:name", namespaces=NS) == outlet.name
    assert (
        first.findtext("news:news/news:publication/news:language", namespaces=NS) == outlet.language
    )
    assert first.findtext("news:news/news:title", namespaces=NS) == entries[0].title
    published = first.findtext("news:news/news:publication_date", namespaces=NS)
    assert published is not None
    parsed = datetime.fromisoformat(published)
    assert parsed.utcoffset() is not None and parsed == entries[0].published_at


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_robots_txt(outlet: catalogue.Outlet) -> None:
    text = feeds.render_robots(
        outlet, BASE, catalogue.ROBOTS_DISALLOW[outlet.slug], catalogue.SITEMAP_PATH
    )
    assert f"Sitemap: {BASE}/news-sitemap.xml" in text.splitlines()
    stdlib = RobotFileParser()
    stdlib.parse(text.splitlines())
    protego = Protego.parse(text)
    assert list(protego.sitemaps) == [BASE + "/news-sitemap.xml"]
    for prefix in catalogue.ROBOTS_DISALLOW[outlet.slug]:
        assert not stdlib.can_fetch("mediawatch", BASE + prefix + "x")
        assert not protego.can_fetch(BASE + prefix + "x", "mediawatch")
    for article in catalogue.articles_of(outlet.slug):
        allowed = catalogue.ref(article) != SPECIALS.robots_disallowed
        assert stdlib.can_fetch("mediawatch", BASE + article.path) is allowed
        assert protego.can_fetch(BASE + article.path, "mediawatch") is allowed


def test_named_bot_rule_does_not_leak_to_other_agents() -> None:
    outlet = catalogue.outlet_by_slug("le-guetteur")
    text = feeds.render_robots(outlet, BASE, ("/admin/",), catalogue.SITEMAP_PATH)
    protego = Protego.parse(text)
    assert not protego.can_fetch(BASE + "/", "GPTBot")
    assert protego.can_fetch(BASE + "/", "mediawatch")


def test_last_changed_is_the_latest_edit_in_utc() -> None:
    items = catalogue.feed_items("harbour-ledger")
    latest = feeds.last_changed(items)
    offset = latest.utcoffset()
    assert offset is not None and offset.total_seconds() == 0
    assert all((a.modified_at or a.published_at) <= latest for a in items)
