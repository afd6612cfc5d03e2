"""Article URLs from RSS, Atom, Google News sitemaps, sitemap indexes and URL lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from tests.transforms.local_site import LocalSite
from transforms.dates import offset_minutes, to_utc
from transforms.discover import (
    MAX_FEED_ITEMS,
    MAX_SITEMAP_ENTRIES,
    Listing,
    parse_feed,
    parse_sitemap,
    parse_url_list,
    unique_by_url,
)
from transforms.records import DiscoveredUrl, DiscoveryVia

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
  <title>Harbourton Gazette</title>
  <link>https://gazette.example/</link>
  <item>
    <title>Council approves harbour wall</title>
    <link>https://gazette.example/news/harbour-wall?utm_source=rss#comments</link>
    <pubDate>Tue, 04 Mar 2025 09:15:00 +0100</pubDate>
    <guid>https://gazette.example/news/harbour-wall</guid>
  </item>
  <item>
    <title>Ferry timetable changes for spring</title>
    <guid isPermaLink="true">https://gazette.example/news/ferry-timetable</guid>
    <pubDate>Wed, 05 Mar 2025 18:00:00 -0500</pubDate>
  </item>
  <item>
    <title>Z\xc3\xbcrich caf\xc3\xa9 opens on the quay</title>
    <link>https://gazette.example/news/cafe</link>
  </item>
  <item><title>An item without any link</title></item>
  <item><title>A file link</title><link>ftp://gazette.example/archive.zip</link></item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Post</title>
  <id>urn:uuid:5b1b8f0e-0000-4000-8000-000000000000</id>
  <updated>2025-03-04T10:00:00+05:30</updated>
  <entry>
    <title>Bridge reopens after repairs</title>
    <link rel="alternate" href="https://valley.example/2025/03/bridge-reopens"/>
    <id>urn:uuid:5b1b8f0e-0000-4000-8000-000000000001</id>
    <published>2025-03-04T08:30:00+05:30</published>
    <updated>2025-03-04T09:00:00+05:30</updated>
  </entry>
  <entry>
    <title>Market moves indoors</title>
    <link href="/2025/03/market-indoors"/>
    <id>urn:uuid:5b1b8f0e-0000-4000-8000-000000000002</id>
    <updated>2025-03-03T23:00:00Z</updated>
  </entry>
</feed>
"""

# Unclosed tags and a bare ampersand: not XML, but every item is still readable.
MALFORMED_RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Broken Herald</title>
<item><title>First &amp; fine</title><link>https://herald.example/a</link></item>
<item><title>Second <b>unclosed</title><link>https://herald.example/b</link></item>
<item><title>Third & bare</title><link>https://herald.example/c</link>
</channel>
"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://tribune.example/world/summit-ends?utm_campaign=sitemap</loc>
    <news:news>
      <news:publication><news:name>Tribune</news:name><news:language>en</news:language>
      </news:publication>
      <news:publication_date>2025-03-04T21:05:00-08:00</news:publication_date>
      <news:title>Summit ends without a deal</news:title>
    </news:news>
  </url>
  <url>
    <loc> https://tribune.example/local/fair </loc>
    <news:news>
      <news:publication_date>2025-03-05T07:00:00+09:00</news:publication_date>
      <news:title>  County fair returns  </news:title>
    </news:news>
  </url>
  <url><loc>https://tribune.example/archive/2019</loc><lastmod>2025-03-02</lastmod></url>
  <url><loc>mailto:desk@tribune.example</loc></url>
  <url><news:news/></url>
</urlset>
"""

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc> https://tribune.example/sitemaps/news.xml </loc></sitemap>
  <sitemap>
    <loc>https://tribune.example/sitemaps/2025-03.xml</loc><lastmod>2025-03-05</lastmod>
  </sitemap>
  <sitemap><loc></loc></sitemap>
</sitemapindex>
"""


def _urls(listing: Listing) -> list[str]:
    return [item.url for item in listing.items]


def test_rss_links_titles_and_times_with_offsets() -> None:
    listing = parse_feed(RSS, feed_url="https://gazette.example/rss", source="gazette")

    assert not listing.malformed
    assert listing.problem is None
    assert _urls(listing) == [
        "https://gazette.example/news/harbour-wall",
        "https://gazette.example/news/ferry-timetable",
        "https://gazette.example/news/cafe",
    ]
    assert [item.listed_title for item in listing.items] == [
        "Council approves harbour wall",
        "Ferry timetable changes for spring",
        "Zürich café opens on the quay",
    ]
    first, second, third = (item.listed_published_at for item in listing.items)
    assert first == datetime(2025, 3, 4, 8, 15, tzinfo=UTC)
    assert first is not None and offset_minutes(first) == 60
    assert second == datetime(2025, 3, 5, 23, 0, tzinfo=UTC)
    assert second is not None and offset_minutes(second) == -300
    assert third is None
    assert listing.invalid_links == 2
    assert {item.via for item in listing.items} == {DiscoveryVia.FEED}
    assert {item.source for item in listing.items} == {"gazette"}
    assert {item.listed_in for item in listing.items} == {"https://gazette.example/rss"}


def test_atom_links_resolve_against_the_feed_url_and_keep_offsets() -> None:
    listing = parse_feed(ATOM, feed_url="https://valley.example/atom.xml", source="valley")

    assert not listing.malformed
    assert _urls(listing) == [
        "https://valley.example/2025/03/bridge-reopens",
        "https://valley.example/2025/03/market-indoors",
    ]
    assert [item.listed_title for item in listing.items] == [
        "Bridge reopens after repairs",
        "Market moves indoors",
    ]
    published, updated_only = (item.listed_published_at for item in listing.items)
    # <published> wins over <updated>, and its +05:30 survives.
    assert published == datetime(2025, 3, 4, 8, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert published is not None and offset_minutes(published) == 330
    assert updated_only == datetime(2025, 3, 3, 23, 0, tzinfo=UTC)


def test_feed_declared_in_latin_1_is_decoded() -> None:
    body = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>K</title>'
        "<item><title>Müller wins in Köln</title><link>https://k.example/a</link></item>"
        "</channel></rss>"
    ).encode("latin-1")

    listing = parse_feed(body, feed_url="https://k.example/rss", source="k")

    assert not listing.malformed
    assert [item.listed_title for item in listing.items] == ["Müller wins in Köln"]


def test_malformed_feed_is_flagged_and_keeps_readable_items() -> None:
    listing = parse_feed(MALFORMED_RSS, feed_url="https://herald.example/rss", source="herald")

    assert listing.malformed
    assert listing.problem is not None and "mismatched tag" in listing.problem
    assert _urls(listing) == [
        "https://herald.example/a",
        "https://herald.example/b",
        "https://herald.example/c",
    ]
    assert listing.items[0].listed_title == "First & fine"


def test_document_that_is_no_feed_is_malformed_and_empty() -> None:
    listing = parse_feed(b"hello, this is not a feed", feed_url="https://x.example/rss", source="x")

    assert listing.malformed
    assert listing.items == ()
    assert listing.problem


def test_feed_does_not_read_external_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FEED-TOKEN-81", encoding="utf-8")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title>'
        "<link>https://gazette.example/x</link><description>&xxe;</description></item>"
        "</channel></rss>"
    ).encode()

    listing = parse_feed(body, feed_url="https://gazette.example/rss", source="gazette")

    assert "SECRET-FEED-TOKEN-81" not in repr(listing)
    assert _urls(listing) == ["https://gazette.example/x"]


def test_news_sitemap_titles_and_dates_with_offsets() -> None:
    listing = parse_sitemap(
        NEWS_SITEMAP, sitemap_url="https://tribune.example/news-sitemap.xml", source="tribune"
    )

    assert not listing.malformed
    assert _urls(listing) == [
        "https://tribune.example/world/summit-ends",
        "https://tribune.example/local/fair",
        "https://tribune.example/archive/2019",
    ]
    assert [item.listed_title for item in listing.items] == [
        "Summit ends without a deal",
        "County fair returns",
        None,
    ]
    summit, fair, archive = (item.listed_published_at for item in listing.items)
    assert summit is not None and offset_minutes(summit) == -480
    assert to_utc(summit) == datetime(2025, 3, 5, 5, 5, tzinfo=UTC)
    assert fair is not None and offset_minutes(fair) == 540
    assert to_utc(fair) == datetime(2025, 3, 4, 22, 0, tzinfo=UTC)
    # A plain <lastmod> date is used when there is no news date, and stays naive.
    assert archive == datetime(2025, 3, 2)
    assert listing.invalid_links == 2
    assert {item.via for item in listing.items} == {DiscoveryVia.SITEMAP}
    assert listing.child_sitemaps == ()


def test_sitemap_index_lists_child_sitemaps() -> None:
    listing = parse_sitemap(
        SITEMAP_INDEX, sitemap_url="https://tribune.example/sitemap.xml", source="tribune"
    )

    assert not listing.malformed
    assert listing.items == ()
    assert listing.child_sitemaps == (
        "https://tribune.example/sitemaps/news.xml",
        "https://tribune.example/sitemaps/2025-03.xml",
    )


def test_sitemap_without_namespace_is_read() -> None:
    body = b"<urlset><url><loc>https://plain.example/a</loc></url></urlset>"

    listing = parse_sitemap(body, sitemap_url="https://plain.example/s.xml", source="plain")

    assert _urls(listing) == ["https://plain.example/a"]


def test_malformed_sitemap_xml() -> None:
    body = b"<urlset><url><loc>https://tribune.example/a</loc></url>"

    listing = parse_sitemap(body, sitemap_url="https://tribune.example/s.xml", source="t")

    assert listing.malformed
    assert listing.items == ()
    assert listing.problem is not None and listing.problem.startswith("XML syntax error")


def test_empty_sitemap_body_is_malformed() -> None:
    listing = parse_sitemap(b"", sitemap_url="https://tribune.example/s.xml", source="t")

    assert listing.malformed
    assert listing.items == ()


def test_html_page_served_as_sitemap_is_malformed() -> None:
    body = b"<html><body><p>Page not found</p></body></html>"

    listing = parse_sitemap(body, sitemap_url="https://tribune.example/s.xml", source="t")

    assert listing.malformed
    assert listing.problem == "unexpected root element <html>"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://tribune.example/&lol9;</loc>
    <news:news><news:title>&lol9;</news:title></news:news></url>
</urlset>
"""


def test_billion_laughs_is_not_expanded() -> None:
    listing = parse_sitemap(BILLION_LAUGHS, sitemap_url="https://t.example/s.xml", source="t")

    assert isinstance(listing, Listing)
    assert "lollol" not in repr(listing)
    assert all(len(item.url) < 200 for item in listing.items)
    assert all(item.listed_title is None for item in listing.items)


def test_external_entities_do_not_read_files_or_the_network(
    tmp_path: Path, local_site: LocalSite
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-SITEMAP-TOKEN-42", encoding="utf-8")
    remote = local_site.url("/entity.txt")
    body = f"""<?xml version="1.0"?>
<!DOCTYPE urlset [
  <!ENTITY file SYSTEM "file://{secret}">
  <!ENTITY remote SYSTEM "{remote}">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://tribune.example/a&file;</loc>
    <news:news><news:title>&file;&remote;</news:title></news:news></url>
</urlset>
""".encode()

    listing = parse_sitemap(body, sitemap_url="https://t.example/s.xml", source="t")

    assert "SECRET-SITEMAP-TOKEN-42" not in repr(listing)
    assert local_site.state.paths == []
    assert all("SECRET" not in item.url for item in listing.items)


def test_external_dtd_is_not_loaded(local_site: LocalSite) -> None:
    body = f"""<?xml version="1.0"?>
<!DOCTYPE urlset SYSTEM "{local_site.url("/sitemap.dtd")}">
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://tribune.example/a</loc></url>
</urlset>
""".encode()

    listing = parse_sitemap(body, sitemap_url="https://t.example/s.xml", source="t")

    assert _urls(listing) == ["https://tribune.example/a"]
    assert local_site.state.paths == []


def test_url_list_normalises_and_counts_invalid_urls() -> None:
    listing = parse_url_list(
        ("https://Gazette.example/a?utm_source=x", "not a url", "https://gazette.example/b"),
        source="gazette",
    )

    assert _urls(listing) == ["https://gazette.example/a", "https://gazette.example/b"]
    assert listing.invalid_links == 1
    (rejected,) = listing.rejected
    assert (rejected.raw, rejected.listed_in) == ("not a url", "config")
    assert "not an absolute http(s) URL" in rejected.problem
    assert {item.via for item in listing.items} == {DiscoveryVia.URL_LIST}
    assert {item.listed_in for item in listing.items} == {"config"}


def _found(url: str, listed_in: str, published: datetime | None = None) -> DiscoveredUrl:
    return DiscoveredUrl(
        url=url,
        source="gazette",
        via=DiscoveryVia.FEED,
        listed_in=listed_in,
        listed_published_at=published,
    )


def test_unique_by_url_keeps_the_first_listing_unless_a_later_one_has_a_date() -> None:
    moment = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
    feed = Listing(
        items=(_found("https://g.example/a", "feed"), _found("https://g.example/b", "feed", moment))
    )
    sitemap = Listing(
        items=(
            _found("https://g.example/a", "sitemap", moment),
            _found("https://g.example/b", "sitemap", moment + timedelta(hours=1)),
            _found("https://g.example/c", "sitemap"),
        )
    )

    unique = unique_by_url([feed, sitemap])

    assert [(item.url, item.listed_in) for item in unique] == [
        ("https://g.example/a", "sitemap"),
        ("https://g.example/b", "feed"),
        ("https://g.example/c", "sitemap"),
    ]
    assert feed.items[0].listed_in == "feed"


def _rss_of(count: int) -> bytes:
    items = "".join(f"<item><link>https://gazette.test/{n}</link></item>" for n in range(count))
    return f'<rss version="2.0"><channel><title>G</title>{items}</channel></rss>'.encode()


def test_a_feed_is_read_up_to_its_limit_and_says_what_it_left_out() -> None:
    listing = parse_feed(
        _rss_of(MAX_FEED_ITEMS + 5), feed_url="https://gazette.test/rss", source="g"
    )

    assert len(listing.items) == MAX_FEED_ITEMS
    assert listing.items[-1].url == f"https://gazette.test/{MAX_FEED_ITEMS - 1}"
    assert not listing.malformed
    assert listing.note == f"5 entries past the first {MAX_FEED_ITEMS} left out"


def test_a_sitemap_is_read_up_to_the_protocol_limit() -> None:
    locs = "".join(
        f"<url><loc>https://gazette.test/{n}</loc></url>" for n in range(MAX_SITEMAP_ENTRIES + 2)
    )
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'

    listing = parse_sitemap(body.encode(), sitemap_url="https://gazette.test/s", source="g")

    assert len(listing.items) == MAX_SITEMAP_ENTRIES
    assert listing.note == f"2 entries past the first {MAX_SITEMAP_ENTRIES} left out"


def test_an_html_page_is_no_feed() -> None:
    page = b"<html><head><title>Home</title></head><body><a href='/a'>a</a></body></html>"

    listing = parse_feed(page, feed_url="https://gazette.test/rss", source="g")

    assert listing.malformed
    assert listing.note == "not an RSS or Atom feed"
    assert listing.items == ()


def test_entity_attacks_expand_nothing() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY a%d "%s">' % (n, b"&a%d;" % (n - 1) * 10) for n in range(1, 9))
        + b'<!ENTITY a0 "&a;">'
        + b'<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    )
    rss = laughs + b'<rss version="2.0"><channel><title>&x;</title><item><title>&a8;</title>'
    rss += b"<link>https://gazette.test/1</link></item></channel></rss>"
    urlset = laughs + b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    urlset += b"<url><loc>https://gazette.test/&a8;&x;</loc></url></urlset>"

    feed = parse_feed(rss, feed_url="https://gazette.test/rss", source="g")
    sitemap = parse_sitemap(urlset, sitemap_url="https://gazette.test/s", source="g")

    titles = "".join(item.listed_title or "" for item in feed.items)
    assert "aaaaaaaaaa" not in titles and "root:" not in titles
    assert sitemap.malformed  # libxml2 refuses the amplification
    assert all("aaaa" not in item.url for item in sitemap.items)
