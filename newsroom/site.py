"""Every response one outlet gives, rendered once up front: path to status, headers and body."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from types import MappingProxyType

from newsroom import catalogue, feeds, templates
from newsroom.edition import ARCHIVE, Edition
from newsroom.records import DemoArticle, Outlet

HTML = "text/html; charset=utf-8"
_FEED_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}
_ROBOTS_CHANGED = datetime(2026, 11, 1, tzinfo=UTC)


@dataclass(frozen=True, kw_only=True)
class Page:
    """One prepared HTTP response."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def etag(self) -> str | None:
        """Return the page's ETag header, if it has one."""
        return self.headers.get("ETag")

    @property
    def last_modified(self) -> str | None:
        """Return the page's Last-Modified header, if it has one."""
        return self.headers.get("Last-Modified")


def page(
    status: int,
    content_type: str,
    text: str,
    *,
    changed: datetime | None = None,
    extra: Mapping[str, str] | None = None,
) -> Page:
    """Return a Page for `text`; `changed` adds validators (ETag, Last-Modified)."""
    body = text.encode("utf-8")
    headers = {"Content-Type": content_type, "Content-Length": str(len(body))}
    if changed is not None:
        headers["Last-Modified"] = format_datetime(changed.astimezone(UTC), usegmt=True)
        headers["ETag"] = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        headers["Cache-Control"] = "public, max-age=300"
    headers.update(extra or {})
    return Page(status=status, headers=MappingProxyType(headers), body=body)


def not_found_page(outlet: Outlet) -> Page:
    """Return the outlet's 404 response, used for every unknown path."""
    return page(404, HTML, templates.render_not_found(outlet))


def _related(article: DemoArticle, candidates: tuple[DemoArticle, ...]) -> tuple[DemoArticle, ...]:
    # The next three stories in catalogue order, so every page links somewhere different.
    others = [c for c in candidates if c.path != article.path]
    if not others:
        return ()
    start = next((i for i, c in enumerate(candidates) if c.path == article.path), 0)
    ordered = others[start % len(others) :] + others[: start % len(others)]
    return tuple(ordered[:3])


def _article_page(
    outlet: Outlet,
    article: DemoArticle,
    base_url: str,
    linkable: tuple[DemoArticle, ...],
    peer_base_urls: Mapping[str, str],
) -> Page:
    canonical = base_url + article.path
    original_name = None
    if article.syndicated_from is not None:
        original_name = catalogue.outlet_by_slug(article.syndicated_from).name
        original = catalogue.SPECIALS.syndicated_original
        peer = peer_base_urls.get(original.outlet)
        if peer is not None:
            canonical = peer + original.path
    ctx = templates.ArticleContext(
        outlet=outlet,
        article=article,
        base_url=base_url,
        canonical_url=canonical,
        related=_related(article, linkable),
        original_outlet_name=original_name,
    )
    return page(200, HTML, templates.render_article(ctx))


def build_site(
    outlet: Outlet,
    base_url: str,
    *,
    peer_base_urls: Mapping[str, str] | None = None,
    edition: Edition = ARCHIVE,
) -> dict[str, Page]:
    """Return every response of `outlet` by path, with absolute URLs built from `base_url`.

    `peer_base_urls` (outlet slug to base URL) lets a syndicated copy point its canonical link
    at the original on another outlet; without it the copy is its own canonical.
    `edition` is what is published (by default the whole catalogue, with no clock).
    Unknown paths are not in the mapping: serve them `not_found_page(outlet)`.
    """
    base_url = base_url.rstrip("/")
    peers = peer_base_urls or {}
    specials = catalogue.SPECIALS
    articles = edition.articles_of(outlet.slug)
    # The moved story must stay out of every link list, or a crawler would find it directly.
    linkable = tuple(a for a in articles if catalogue.ref(a) != specials.redirect_to)
    pages = {
        article.path: _article_page(outlet, article, base_url, linkable, peers)
        for article in articles
    }
    pages["/"] = page(200, HTML, templates.render_home(outlet, linkable))

    feed_items = edition.feed_items(outlet.slug)
    if outlet.feed_kind == "rss":
        malformed = outlet.slug == specials.malformed_feed_outlet
        feed_text = feeds.render_rss(outlet, base_url, feed_items, malformed=malformed)
    else:
        feed_text = feeds.render_atom(outlet, base_url, feed_items)
    pages[outlet.feed_path] = page(
        200, _FEED_TYPES[outlet.feed_kind], feed_text, changed=feeds.last_changed(feed_items)
    )

    entries = edition.sitemap_entries(outlet.slug)
    sitemap_text = feeds.render_news_sitemap(outlet, base_url, entries)
    pages[catalogue.SITEMAP_PATH] = page(
        200,
        "application/xml; charset=utf-8",
        sitemap_text,
        changed=edition.sitemap_changed(outlet.slug),
    )

    robots_text = feeds.render_robots(
        outlet, base_url, catalogue.ROBOTS_DISALLOW[outlet.slug], catalogue.SITEMAP_PATH
    )
    pages[catalogue.ROBOTS_PATH] = page(
        200, "text/plain; charset=utf-8", robots_text, changed=_ROBOTS_CHANGED
    )

    for info in edition.info_pages:
        if info.outlet == outlet.slug:
            pages[info.path] = page(200, HTML, templates.render_info_page(outlet, info, base_url))
    announced = {catalogue.ref(article) for article in edition.unserved}
    if specials.deleted_article in announced and specials.deleted_article.outlet == outlet.slug:
        pages[specials.deleted_article.path] = not_found_page(outlet)
    if specials.broken_article in announced and specials.broken_article.outlet == outlet.slug:
        pages[specials.broken_article.path] = page(500, HTML, templates.render_server_error(outlet))
    moved_out = any(catalogue.ref(article) == specials.redirect_to for article in articles)
    if moved_out and specials.redirect_from.outlet == outlet.slug:
        location = base_url + specials.redirect_to.path
        pages[specials.redirect_from.path] = page(
            301, HTML, templates.render_moved(location), extra={"Location": location}
        )
    return pages
