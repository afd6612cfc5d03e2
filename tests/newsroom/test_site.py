"""build_site: which responses each outlet prepares, with which headers."""

from __future__ import annotations

from datetime import date
from email.utils import format_datetime, parsedate_to_datetime

import pytest

from newsroom import catalogue
from newsroom.catalogue import OUTLETS, SPECIALS
from newsroom.clock import Timeline
from newsroom.edition import ARCHIVE, editions
from newsroom.feeds import LISTINGS_OPENED
from newsroom.site import Page, build_site, not_found_page

BASES = {outlet.slug: f"http://127.0.0.1:{8001 + i}" for i, outlet in enumerate(OUTLETS)}


def _site(slug: str, *, peers: bool = True) -> dict[str, Page]:
    return build_site(
        catalogue.outlet_by_slug(slug), BASES[slug], peer_base_urls=BASES if peers else None
    )


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_every_served_article_is_a_200_html_page(outlet: catalogue.Outlet) -> None:
    site = _site(outlet.slug)
    for article in catalogue.articles_of(outlet.slug):
        page = site[article.path]
        assert page.status == 200
        assert page.headers["Content-Type"] == "text/html; charset=utf-8"
        assert int(page.headers["Content-Length"]) == len(page.body)
        assert article.headline.encode() in page.body or _escaped(article.headline) in page.body


def _escaped(text: str) -> bytes:
    return text.replace("&", "&amp;").replace("'", "&#x27;").replace('"', "&quot;").encode()


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda o: o.slug)
def test_feeds_sitemaps_and_robots_carry_validators(outlet: catalogue.Outlet) -> None:
    site = _site(outlet.slug)
    expected_types = {
        outlet.feed_path: f"application/{outlet.feed_kind}+xml; charset=utf-8",
        catalogue.SITEMAP_PATH: "application/xml; charset=utf-8",
        catalogue.ROBOTS_PATH: "text/plain; charset=utf-8",
    }
    for path, content_type in expected_types.items():
        page = site[path]
        assert page.status == 200
        assert page.headers["Content-Type"] == content_type
        assert page.etag is not None and page.etag.startswith('"')
        assert page.last_modified is not None
        assert parsedate_to_datetime(page.last_modified).utcoffset() is not None


def test_feed_last_modified_is_the_latest_listed_change() -> None:
    page = _site("harbour-ledger")["/feed.xml"]
    assert page.last_modified == "Tue, 24 Nov 2026 08:30:00 GMT"


def test_specials_statuses() -> None:
    deleted = _site(SPECIALS.deleted_article.outlet)[SPECIALS.deleted_article.path]
    broken = _site(SPECIALS.broken_article.outlet)[SPECIALS.broken_article.path]
    moved = _site(SPECIALS.redirect_from.outlet)[SPECIALS.redirect_from.path]
    info = _site(SPECIALS.non_article.outlet)[SPECIALS.non_article.path]
    assert (deleted.status, broken.status, moved.status, info.status) == (404, 500, 301, 200)
    assert moved.headers["Location"] == BASES["rheinblick"] + SPECIALS.redirect_to.path
    assert deleted.body == not_found_page(catalogue.outlet_by_slug("harbour-ledger")).body


def test_moved_story_is_not_linked_from_its_own_site() -> None:
    site = _site("rheinblick")
    target = SPECIALS.redirect_to.path.encode()
    allowed = {SPECIALS.redirect_to.path, SPECIALS.redirect_from.path}
    linking = [path for path, page in site.items() if path not in allowed and target in page.body]
    assert linking == []


def test_syndicated_copy_points_canonical_at_the_original_when_peers_are_known() -> None:
    copy_path = SPECIALS.syndicated_copy.path
    with_peers = _site("valley-courier")[copy_path].body.decode()
    alone = _site("valley-courier", peers=False)[copy_path].body.decode()
    original_url = BASES["harbour-ledger"] + SPECIALS.syndicated_original.path
    assert f'<link rel="canonical" href="{original_url}">' in with_peers
    assert f'<link rel="canonical" href="{BASES["valley-courier"] + copy_path}">' in alone


def test_building_twice_gives_identical_bytes() -> None:
    for outlet in OUTLETS:
        first, second = _site(outlet.slug), _site(outlet.slug)
        assert first.keys() == second.keys()
        assert all(first[path].body == second[path].body for path in first)


def test_urls_in_documents_use_the_given_base_url() -> None:
    site = build_site(catalogue.outlet_by_slug("le-guetteur"), "http://news.test:81/")
    assert b"http://news.test:81/news-sitemap.xml" in site["/robots.txt"].body
    assert b"http://news.test:81//" not in site["/atom.xml"].body
    assert b"<loc>http://news.test:81/a-propos/</loc>" in site["/news-sitemap.xml"].body


def test_the_archive_edition_builds_the_same_site() -> None:
    for outlet in OUTLETS:
        default = _site(outlet.slug)
        archive = build_site(outlet, BASES[outlet.slug], peer_base_urls=BASES, edition=ARCHIVE)
        assert default == archive


def test_a_day_before_any_story_serves_empty_listings_and_no_specials() -> None:
    (empty,) = editions(Timeline(first_day=date(2026, 10, 1), days=1))
    for outlet in OUTLETS:
        site = build_site(outlet, BASES[outlet.slug], peer_base_urls=BASES, edition=empty)
        assert b"<item>" not in site[outlet.feed_path].body
        assert b"<entry>" not in site[outlet.feed_path].body
        assert b"<url>" not in site[catalogue.SITEMAP_PATH].body
        opened = format_datetime(LISTINGS_OPENED, usegmt=True)
        assert site[outlet.feed_path].last_modified == opened
        assert site[catalogue.SITEMAP_PATH].last_modified == opened
        assert set(site) == {"/", outlet.feed_path, catalogue.SITEMAP_PATH, catalogue.ROBOTS_PATH}
