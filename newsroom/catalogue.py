"""What the demo newsroom publishes: four fictional outlets, their articles and their mess.

Everything here is fictional and fixed: no clock, no randomness. Tests and the pipeline's demo
read this module to know what a crawl of the newsroom should find. (`newsroom.edition` adds a
simulated clock on top: days that publish new stories and update earlier ones.)

What each outlet lists (paths relative to the outlet's base URL):

- feed: every served article of the outlet, newest first (at most `FEED_LIMIT`), except
  `SPECIALS.redirect_to` and `SPECIALS.robots_disallowed`; the harbour-ledger feed also lists
  `SPECIALS.deleted_article`.
- news sitemap (at most `SITEMAP_LIMIT` URLs, newest first): every served article except
  `SPECIALS.redirect_to`, plus
  `SPECIALS.broken_article` (valley-courier), `SPECIALS.redirect_from` (rheinblick) and
  `SPECIALS.non_article` (le-guetteur).

The rheinblick feed is not well-formed XML (an unescaped "&" in the channel description and
an unclosed <category> in its second item); feedparser sets `bozo` yet still reads every item.
Any path an outlet does not know answers 404 with a small HTML page in the outlet's language.

So a crawler that reads feeds and sitemaps and honours robots.txt should extract every entry of
`ARTICLES` except the robots-disallowed one (reaching `redirect_to` through its redirect), and
meet exactly one 404, one 500, one 301, one non-article page and one disallowed URL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsroom.records import (
    DemoArticle,
    InfoPage,
    Outlet,
    PageRef,
    SitemapEntry,
    Specials,
)
from newsroom.stories import (
    harbour_ledger_features,
    harbour_ledger_news,
    le_guetteur_actualites,
    le_guetteur_region,
    rheinblick_lokales,
    rheinblick_region,
    valley_courier_features,
    valley_courier_news,
)
from newsroom.stories.build import november, paragraphs

__all__ = [
    "ARTICLES",
    "FEED_LIMIT",
    "INFO_PAGES",
    "OUTLETS",
    "ROBOTS_DISALLOW",
    "ROBOTS_PATH",
    "SITEMAP_LIMIT",
    "SITEMAP_PATH",
    "SPECIALS",
    "UNSERVED_ARTICLES",
    "DemoArticle",
    "InfoPage",
    "Outlet",
    "PageRef",
    "SitemapEntry",
    "Specials",
    "articles_of",
    "feed_items",
    "find_article",
    "outlet_by_slug",
    "ref",
    "sitemap_entries",
]

SITEMAP_PATH = "/news-sitemap.xml"
ROBOTS_PATH = "/robots.txt"
FEED_LIMIT = 25
"""Items a feed lists at most: the newest, as a real feed keeps only its latest stories."""
SITEMAP_LIMIT = 50
"""URLs a news sitemap lists at most, the newest first."""

OUTLETS: tuple[Outlet, ...] = (
    Outlet(
        slug="harbour-ledger",
        name="The Harbour Ledger",
        language="en",
        timezone="Europe/London",
        feed_path="/feed.xml",
        feed_kind="rss",
        template="A",
    ),
    Outlet(
        slug="valley-courier",
        name="Valley Courier",
        language="en",
        timezone="America/Los_Angeles",
        feed_path="/atom.xml",
        feed_kind="atom",
        template="B",
    ),
    Outlet(
        slug="rheinblick",
        name="Rheinblick Zeitung",
        language="de",
        timezone="Europe/Berlin",
        feed_path="/feed.xml",
        feed_kind="rss",
        template="C",
    ),
    Outlet(
        slug="le-guetteur",
        name="Le Guetteur du Sud",
        language="fr",
        timezone="Europe/Paris",
        feed_path="/atom.xml",
        feed_kind="atom",
        template="D",
    ),
)

ROBOTS_DISALLOW: Mapping[str, tuple[str, ...]] = {
    "harbour-ledger": ("/search", "/admin/"),
    "valley-courier": ("/members/", "/wp-admin/"),
    "rheinblick": ("/suche/", "/intern/"),
    "le-guetteur": ("/recherche/", "/admin/"),
}
"""Path prefixes each outlet's robots.txt disallows for every user agent."""

ARTICLES: tuple[DemoArticle, ...] = (
    *harbour_ledger_news.STORIES,
    *harbour_ledger_features.STORIES,
    *valley_courier_news.STORIES,
    *valley_courier_features.STORIES,
    *rheinblick_lokales.STORIES,
    *rheinblick_region.STORIES,
    *le_guetteur_actualites.STORIES,
    *le_guetteur_region.STORIES,
)
"""Every article page the newsroom serves with status 200."""

UNSERVED_ARTICLES: tuple[DemoArticle, ...] = (
    harbour_ledger_news.DELETED_PARKING_STORY,
    valley_courier_news.BROKEN_UNDERSHERIFF_STORY,
)
"""Stories a feed or sitemap announces but whose URL fails (404 and 500)."""

ABOUT_PAGE = InfoPage(
    outlet="le-guetteur",
    path="/a-propos/",
    title="Qui sommes-nous ?",
    published_at=november("Europe/Paris", (16, 9, 0)),
    paragraphs=paragraphs(
        """
        Le Guetteur du Sud est un quotidien indépendant fondé à Valmirande en 1947. Une
        rédaction de vingt-deux journalistes couvre la métropole et son arrière-pays.

        Notre charte éditoriale, nos tarifs d'abonnement et nos coordonnées sont disponibles
        ci-dessous.
        """
    ),
    links=(
        ("La rédaction", "/a-propos/redaction/"),
        ("Charte éditoriale", "/a-propos/charte/"),
        ("Nous contacter", "/contact/"),
        ("S'abonner", "/abonnement/"),
        ("Mentions légales", "/mentions-legales/"),
    ),
)

INFO_PAGES: tuple[InfoPage, ...] = (ABOUT_PAGE,)
"""Pages that are served with status 200 but are not articles."""


def ref(article: DemoArticle) -> PageRef:
    """Return where `article` lives, as a PageRef."""
    return PageRef(outlet=article.outlet, path=article.path)


SPECIALS = Specials(
    deleted_article=ref(harbour_ledger_news.DELETED_PARKING_STORY),
    broken_article=ref(valley_courier_news.BROKEN_UNDERSHERIFF_STORY),
    redirect_from=PageRef(outlet="rheinblick", path="/artikel/alt/4817.html"),
    redirect_to=ref(rheinblick_region.CHEMIEPARK_STELLEN),
    non_article=PageRef(outlet=ABOUT_PAGE.outlet, path=ABOUT_PAGE.path),
    robots_disallowed=ref(valley_courier_news.WATER_BUDGET_INSIDER),
    malformed_feed_outlet="rheinblick",
    syndicated_original=ref(harbour_ledger_features.TIDE_GAUGE),
    syndicated_copy=ref(valley_courier_features.TIDE_GAUGE_REPUBLISHED),
)


def outlet_by_slug(slug: str) -> Outlet:
    """Return the outlet with this slug; raise KeyError for an unknown one."""
    for outlet in OUTLETS:
        if outlet.slug == slug:
            return outlet
    raise KeyError(slug)


def articles_of(slug: str) -> tuple[DemoArticle, ...]:
    """Return the served articles of one outlet, in catalogue order."""
    return tuple(article for article in ARTICLES if article.outlet == slug)


def find_article(slug: str, path: str) -> DemoArticle | None:
    """Return the article an outlet serves or announces at `path`, served or not."""
    for article in (*ARTICLES, *UNSERVED_ARTICLES):
        if article.outlet == slug and article.path == path:
            return article
    return None


def _newest_first(articles: list[DemoArticle]) -> tuple[DemoArticle, ...]:
    return tuple(sorted(articles, key=lambda article: article.published_at, reverse=True))


def feed_items(
    slug: str,
    served: Sequence[DemoArticle] = ARTICLES,
    unserved: Sequence[DemoArticle] = UNSERVED_ARTICLES,
) -> tuple[DemoArticle, ...]:
    """Return the articles an outlet's feed lists, newest first, at most `FEED_LIMIT`.

    `served` and `unserved` default to the whole catalogue; the simulated clock passes
    what is published as of one day.
    """
    hidden = {SPECIALS.redirect_to, SPECIALS.robots_disallowed}
    listed = [a for a in served if a.outlet == slug and ref(a) not in hidden]
    # Feeds are cached and regenerated lazily, so a deleted story lingers in them.
    listed += [a for a in unserved if a.outlet == slug and ref(a) == SPECIALS.deleted_article]
    return _newest_first(listed)[:FEED_LIMIT]


def sitemap_entries(
    slug: str,
    served: Sequence[DemoArticle] = ARTICLES,
    unserved: Sequence[DemoArticle] = UNSERVED_ARTICLES,
    info_pages: Sequence[InfoPage] = INFO_PAGES,
) -> tuple[SitemapEntry, ...]:
    """Return the URLs an outlet's news sitemap lists, newest first, at most `SITEMAP_LIMIT`.

    The defaults are the whole catalogue, as for `feed_items`.
    """
    listed = [a for a in served if a.outlet == slug and ref(a) != SPECIALS.redirect_to]
    listed += [a for a in unserved if a.outlet == slug and ref(a) == SPECIALS.broken_article]
    entries = [
        SitemapEntry(path=article.path, title=article.headline, published_at=article.published_at)
        for article in listed
    ]
    moved = [a for a in served if ref(a) == SPECIALS.redirect_to]
    if SPECIALS.redirect_from.outlet == slug and moved:
        # The sitemap generator still knows the story by the URL it had before the CMS move.
        entries.append(
            SitemapEntry(
                path=SPECIALS.redirect_from.path,
                title=moved[0].headline,
                published_at=moved[0].published_at,
            )
        )
    for page in info_pages:
        if page.outlet == slug:
            entries.append(
                SitemapEntry(path=page.path, title=page.title, published_at=page.published_at)
            )
    newest_first = sorted(entries, key=lambda entry: entry.published_at, reverse=True)
    return tuple(newest_first[:SITEMAP_LIMIT])
