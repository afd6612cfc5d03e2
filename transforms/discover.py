"""Article URLs from RSS/Atom feeds (feedparser) and Google News sitemaps (lxml)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
from lxml import etree

from transforms.dates import parse_timestamp
from transforms.records import DiscoveredUrl, DiscoveryVia
from transforms.urls import InvalidUrlError, normalise_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_FEED_ITEMS = 1_000
"""Entries read from one feed; the rest are left out (a news feed lists tens to hundreds)."""
MAX_SITEMAP_ENTRIES = 50_000
"""URLs read from one sitemap, and sitemaps from one index: the sitemaps protocol's limit."""


@dataclass(frozen=True, kw_only=True)
class RejectedLink:
    """A link a listing gave that is not a fetchable URL, kept so it gets an outcome row."""

    raw: str
    problem: str
    listed_in: str


@dataclass(frozen=True, kw_only=True)
class Listing:
    """What one feed or sitemap document listed."""

    items: tuple[DiscoveredUrl, ...]
    child_sitemaps: tuple[str, ...] = ()
    malformed: bool = False
    problem: str | None = None
    """Why the document counts as malformed, when it does."""
    rejected: tuple[RejectedLink, ...] = ()
    left_out: int = 0
    """Entries past the per-listing limit, not read (MAX_FEED_ITEMS, MAX_SITEMAP_ENTRIES)."""

    @property
    def note(self) -> str | None:
        """Return what a listing's outcome row says: why it is malformed, or how many
        entries were left out, or None."""
        if self.problem is not None:
            return self.problem
        if self.left_out:
            listed = len(self.items) + len(self.child_sitemaps) + len(self.rejected)
            return f"{self.left_out} entries past the first {listed} left out"
        return None

    @property
    def invalid_links(self) -> int:
        """Return how many listed links were not fetchable URLs."""
        return len(self.rejected)


def parse_feed(body: bytes, *, feed_url: str, source: str) -> Listing:
    """Return the article links of an RSS or Atom feed; malformed feeds keep what was readable."""
    # content-location resolves relative links. Once any header is given, feedparser also
    # wants a Content-Type: without one it flags every feed as bozo ("no Content-type
    # specified") and falls back to ISO-8859-1; application/xml lets the XML declaration
    # (default UTF-8) decide the encoding.
    parsed = feedparser.parse(
        body,
        response_headers={"content-location": feed_url, "content-type": "application/xml"},
    )
    items: list[DiscoveredUrl] = []
    rejected: list[RejectedLink] = []
    for entry in parsed.entries[:MAX_FEED_ITEMS]:
        link = entry.get("link") or _guid_link(entry)
        if not link:
            title = entry.get("title") or "untitled"
            rejected.append(
                RejectedLink(
                    raw=f"(no link: {title})", problem="entry has no link", listed_in=feed_url
                )
            )
            continue
        try:
            url = normalise_url(link)
        except InvalidUrlError as error:
            rejected.append(RejectedLink(raw=str(link), problem=str(error), listed_in=feed_url))
            continue
        items.append(
            DiscoveredUrl(
                url=url,
                source=source,
                via=DiscoveryVia.FEED,
                listed_in=feed_url,
                listed_title=entry.get("title"),
                listed_published_at=_entry_time(entry),
            )
        )
    problem = None
    if parsed.get("bozo"):
        problem = str(parsed.get("bozo_exception") or "malformed feed")
    if not parsed.entries and not parsed.feed:
        problem = problem or "no feed found in document"
    if not parsed.get("version"):
        # feedparser reads anything; an HTML page or a JSON document is no RSS or Atom.
        problem = problem or "not an RSS or Atom feed"
    return Listing(
        items=tuple(items),
        malformed=problem is not None,
        problem=problem,
        rejected=tuple(rejected),
        left_out=max(0, len(parsed.entries) - MAX_FEED_ITEMS),
    )


def _guid_link(entry: Any) -> str | None:
    guid = entry.get("id")
    if isinstance(guid, str) and guid.startswith(("http://", "https://")):
        return guid
    return None


def _entry_time(entry: Any) -> datetime | None:
    # feedparser keeps the raw string; prefer it so the publisher's offset survives.
    for key in ("published", "updated"):
        raw = entry.get(key)
        if isinstance(raw, str):
            parsed = parse_timestamp(raw)
            if parsed is not None:
                return parsed
    for key in ("published_parsed", "updated_parsed"):
        struct = entry.get(key)
        if struct is not None:
            return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)
    return None


def _hardened_parser() -> etree.XMLParser:
    # No entity expansion, no network, no DTD loading: sitemaps come from strangers.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )


def parse_sitemap(body: bytes, *, sitemap_url: str, source: str) -> Listing:
    """Return the URLs of a sitemap (news or plain) and the child sitemaps of a sitemap index."""
    try:
        root = etree.fromstring(body, parser=_hardened_parser())
    except etree.XMLSyntaxError as error:
        return Listing(items=(), malformed=True, problem=f"XML syntax error: {error}")
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        return _sitemap_index(root, sitemap_url)
    if tag != "urlset":
        return Listing(items=(), malformed=True, problem=f"unexpected root element <{tag}>")
    items: list[DiscoveredUrl] = []
    rejected: list[RejectedLink] = []
    entries = root.xpath("./*[local-name()='url']")
    for entry in entries[:MAX_SITEMAP_ENTRIES]:
        loc = _first_text(entry, "./*[local-name()='loc']")
        if loc is None:
            rejected.append(
                RejectedLink(
                    raw="(no loc)", problem="<url> entry without <loc>", listed_in=sitemap_url
                )
            )
            continue
        try:
            url = normalise_url(loc)
        except InvalidUrlError as error:
            rejected.append(RejectedLink(raw=loc, problem=str(error), listed_in=sitemap_url))
            continue
        title = _first_text(entry, ".//*[local-name()='news']/*[local-name()='title']")
        raw_date = _first_text(
            entry, ".//*[local-name()='news']/*[local-name()='publication_date']"
        ) or _first_text(entry, "./*[local-name()='lastmod']")
        items.append(
            DiscoveredUrl(
                url=url,
                source=source,
                via=DiscoveryVia.SITEMAP,
                listed_in=sitemap_url,
                listed_title=title,
                listed_published_at=parse_timestamp(raw_date) if raw_date else None,
            )
        )
    return Listing(
        items=tuple(items),
        rejected=tuple(rejected),
        left_out=max(0, len(entries) - MAX_SITEMAP_ENTRIES),
    )


def _sitemap_index(root: Any, sitemap_url: str) -> Listing:
    children: list[str] = []
    rejected: list[RejectedLink] = []
    locs = root.xpath("./*[local-name()='sitemap']/*[local-name()='loc']/text()")
    for loc in locs[:MAX_SITEMAP_ENTRIES]:
        try:
            children.append(normalise_url(str(loc)))
        except InvalidUrlError as error:
            rejected.append(RejectedLink(raw=str(loc), problem=str(error), listed_in=sitemap_url))
    return Listing(
        items=(),
        child_sitemaps=tuple(children),
        rejected=tuple(rejected),
        left_out=max(0, len(locs) - MAX_SITEMAP_ENTRIES),
    )


def _first_text(element: Any, xpath: str) -> str | None:
    found = element.xpath(xpath)
    if not found:
        return None
    text = found[0].text
    return text.strip() if isinstance(text, str) and text.strip() else None


def parse_url_list(urls: tuple[str, ...], *, source: str) -> Listing:
    """Return the configured URL list as discovered URLs, and the invalid ones rejected."""
    items: list[DiscoveredUrl] = []
    rejected: list[RejectedLink] = []
    for raw in urls:
        try:
            url = normalise_url(raw)
        except InvalidUrlError as error:
            rejected.append(RejectedLink(raw=raw, problem=str(error), listed_in="config"))
            continue
        items.append(
            DiscoveredUrl(url=url, source=source, via=DiscoveryVia.URL_LIST, listed_in="config")
        )
    return Listing(items=tuple(items), rejected=tuple(rejected))


def unique_by_url(listings: list[Listing]) -> list[DiscoveredUrl]:
    """Return each URL once, keeping the first listing that named it (feeds before sitemaps)."""
    seen: dict[str, DiscoveredUrl] = {}
    for listing in listings:
        for item in listing.items:
            if item.url not in seen:
                seen[item.url] = item
            elif seen[item.url].listed_published_at is None and item.listed_published_at:
                seen[item.url] = item
    return list(seen.values())
