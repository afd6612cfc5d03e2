"""Machine-readable documents of an outlet: RSS 2.0, Atom, Google News sitemap, robots.txt."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from newsroom.records import DemoArticle, Outlet, SitemapEntry

NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9"
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"

_DESCRIPTIONS = {
    "harbour-ledger": "News from Harbourton and the Westmarsh coast",
    "valley-courier": "News for Mirador and the Alta Valley since 1911",
    "rheinblick": "Nachrichten aus Auenstedt & der Region",
    "le-guetteur": "L'actualité de Valmirande et de son arrière-pays",
}
_FEED_LANGUAGES = {"en": "en-GB", "de": "de-DE", "fr": "fr-FR"}
LISTINGS_OPENED = datetime(2026, 1, 1, tzinfo=UTC)
"""When a listing with nothing in it (a simulated day before any story) last changed."""


def last_changed(articles: Sequence[DemoArticle]) -> datetime:
    """Return the latest publication or modification time among `articles`, in UTC
    (`LISTINGS_OPENED` if there are none)."""
    return max(
        ((a.modified_at or a.published_at).astimezone(UTC) for a in articles),
        default=LISTINGS_OPENED,
    )


def render_rss(
    outlet: Outlet, base_url: str, items: Sequence[DemoArticle], *, malformed: bool = False
) -> str:
    """Return an RSS 2.0 feed of `items`; `malformed` breaks it the way a sloppy CMS does.

    The malformed variant leaves the "&" of the channel description unescaped and forgets to
    close the <category> element of the second item: not well-formed XML, yet feedparser's
    lenient parser still reads every item (and sets `bozo`).
    """
    description = _DESCRIPTIONS[outlet.slug]
    description_xml = description if malformed else escape(description)
    entries = []
    for position, article in enumerate(items):
        url = base_url + article.path
        # Rheinblick's CMS uses internal ids as non-permalink guids; the Ledger uses URLs.
        if outlet.slug == "rheinblick":
            number = article.path.removesuffix(".html").rsplit("-a", 1)[-1]
            guid = f'<guid isPermaLink="false">rheinblick-{number}</guid>'
        else:
            guid = f'<guid isPermaLink="true">{escape(url)}</guid>'
        category_close = "" if malformed and position == 1 else "</category>"
        entries.append(
            "<item>\n"
            f"<title>{escape(article.headline)}</title>\n"
            f"<link>{escape(url)}</link>\n"
            f"{guid}\n"
            f"<pubDate>{format_datetime(article.published_at)}</pubDate>\n"
            f"<dc:creator>{escape(', '.join(article.authors))}</dc:creator>\n"
            f"<category>{escape(article.section)}{category_close}\n"
            f"<description>{escape(article.first_sentence)}</description>\n"
            "</item>"
        )
    language = _FEED_LANGUAGES[outlet.language]
    body = "\n".join(entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{escape(outlet.name)}</title>
<link>{escape(base_url)}/</link>
<description>{description_xml}</description>
<language>{language.lower()}</language>
<lastBuildDate>{format_datetime(last_changed(items), usegmt=True)}</lastBuildDate>
<atom:link href={quoteattr(base_url + outlet.feed_path)} rel="self" \
type="application/rss+xml"/>
{body}
</channel>
</rss>
"""


def _tag_uri(outlet: Outlet, moment: datetime, path: str) -> str:
    # Atom ids must not change when the site moves host, so they do not embed the base URL.
    return f"tag:{outlet.slug}.example,{moment.date().isoformat()}:{path}"


def render_atom(outlet: Outlet, base_url: str, items: Sequence[DemoArticle]) -> str:
    """Return an Atom 1.0 feed of `items`."""
    entries = []
    for article in items:
        url = base_url + article.path
        updated = article.modified_at or article.published_at
        authors = "\n".join(
            f"<author><name>{escape(name)}</name></author>" for name in article.authors
        )
        entries.append(
            "<entry>\n"
            f"<title>{escape(article.headline)}</title>\n"
            f'<link rel="alternate" type="text/html" href={quoteattr(url)}/>\n'
            f"<id>{escape(_tag_uri(outlet, article.published_at, article.path))}</id>\n"
            f"<published>{article.published_at.isoformat()}</published>\n"
            f"<updated>{updated.isoformat()}</updated>\n"
            f"{authors}\n"
            f"<category term={quoteattr(article.section)}/>\n"
            f"<summary>{escape(article.first_sentence)}</summary>\n"
            "</entry>"
        )
    language = _FEED_LANGUAGES[outlet.language]
    if outlet.timezone.startswith("America/"):
        language = "en-US"
    body = "\n".join(entries)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{language}">
<title>{escape(outlet.name)}</title>
<subtitle>{escape(_DESCRIPTIONS[outlet.slug])}</subtitle>
<link rel="alternate" type="text/html" href={quoteattr(base_url + "/")}/>
<link rel="self" type="application/atom+xml" href={quoteattr(base_url + outlet.feed_path)}/>
<id>tag:{outlet.slug}.example,2026:feed</id>
<updated>{last_changed(items).isoformat()}</updated>
{body}
</feed>
"""


def render_news_sitemap(outlet: Outlet, base_url: str, entries: Sequence[SitemapEntry]) -> str:
    """Return a Google News sitemap listing `entries`."""
    urls = "\n".join(
        "<url>\n"
        f"<loc>{escape(base_url + entry.path)}</loc>\n"
        "<news:news>\n"
        "<news:publication>\n"
        f"<news:name>{escape(outlet.name)}</news:name>\n"
        f"<news:language>{outlet.language}</news:language>\n"
        "</news:publication>\n"
        f"<news:publication_date>{entry.published_at.isoformat()}</news:publication_date>\n"
        f"<news:title>{escape(entry.title)}</news:title>\n"
        "</news:news>\n"
        "</url>"
        for entry in entries
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="{SITEMAP_NAMESPACE}" xmlns:news="{NEWS_NAMESPACE}">
{urls}
</urlset>
"""


def render_robots(
    outlet: Outlet, base_url: str, disallowed: Sequence[str], sitemap_path: str
) -> str:
    """Return robots.txt: `disallowed` prefixes for every agent, and the sitemap's URL."""
    rules = "\n".join(f"Disallow: {prefix}" for prefix in disallowed)
    extra = ""
    if outlet.slug == "le-guetteur":
        # Publishers often shut out AI crawlers by name; it must not affect other agents.
        extra = "\nUser-agent: GPTBot\nDisallow: /\n"
    return (
        f"# robots.txt for {outlet.name}\n"
        f"User-agent: *\n{rules}\nAllow: /\n{extra}\n"
        f"Sitemap: {base_url}{sitemap_path}\n"
    )
