"""Pieces every template shares: escaping, bylines, JSON-LD, embeds, comments, error pages."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from typing import Any

from newsroom.records import DemoArticle, Outlet
from newsroom.slugs import slugify


@dataclass(frozen=True, kw_only=True)
class ArticleContext:
    """Everything a template needs to render one article page."""

    outlet: Outlet
    article: DemoArticle
    base_url: str
    canonical_url: str
    """Absolute; points at the original story for a syndicated copy when its outlet is known."""
    related: tuple[DemoArticle, ...]
    original_outlet_name: str | None = None
    """Name of the outlet that first published a syndicated story."""

    @property
    def url(self) -> str:
        """Return the absolute URL of the page itself."""
        return self.base_url + self.article.path

    @property
    def image_url(self) -> str:
        """Return the absolute URL of the article's main image."""
        stem = self.article.path.strip("/").replace("/", "-").removesuffix(".html")
        published = self.article.published_at
        return f"{self.base_url}/media/{published.year}/{published.month:02d}/{stem}.jpg"

    def link(self, path: str) -> str:
        """Return the absolute URL of another path on the same outlet."""
        return self.base_url + path


@dataclass(frozen=True, kw_only=True)
class Comment:
    """One reader comment under an article."""

    author: str
    posted_at: datetime
    text: str


def esc(text: str) -> str:
    """Return `text` escaped for HTML content and attribute values."""
    return escape(text, quote=True)


def stable_number(*parts: str) -> int:
    """Return a number derived from `parts` that is the same on every run and machine."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def join_names(names: Sequence[str], conjunction: str) -> str:
    """Return names as prose: "A", "A and B", "A, B and C" (with the given conjunction)."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def author_links(names: Sequence[str], conjunction: str, href_prefix: str, css: str) -> str:
    """Return names as linked prose, each linking to its author page."""
    links = [
        f'<a class="{css}" rel="author" href="{href_prefix}{slugify(name)}/">{esc(name)}</a>'
        for name in names
    ]
    return join_names(links, conjunction)


def json_ld_script(data: dict[str, Any]) -> str:
    """Return a JSON-LD script element; "</" is escaped so text cannot close the script."""
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def news_article_ld(ctx: ArticleContext, *, language: str, logo_path: str) -> dict[str, Any]:
    """Return schema.org NewsArticle data for the page, as publishers embed it."""
    article = ctx.article
    modified = article.modified_at or article.published_at
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": ctx.canonical_url},
        "headline": article.headline,
        "description": article.first_sentence,
        "image": [ctx.image_url],
        "datePublished": article.published_at.isoformat(),
        "dateModified": modified.isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": name,
                "url": ctx.link(f"/author/{slugify(name)}/"),
            }
            for name in article.authors
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": ctx.outlet.name,
            "url": ctx.base_url + "/",
            "logo": {"@type": "ImageObject", "url": ctx.link(logo_path)},
        },
        "articleSection": article.section,
        "keywords": list(article.tags),
        "inLanguage": language,
        "isAccessibleForFree": not article.path.startswith("/members/"),
    }
    if ctx.canonical_url != ctx.url:
        data["isBasedOn"] = ctx.canonical_url
    return data


_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def has_social_embed(article: DemoArticle) -> bool:
    """Return whether the article carries an embedded social post (about a third do)."""
    return stable_number("embed", article.outlet, article.path) % 3 == 0


def social_embed(article: DemoArticle, *, lang: str, blurb: str) -> str:
    """Return a "twitter-tweet" blockquote by the article's first author, as sites embed it."""
    author = article.authors[0]
    handle = slugify(author).replace("-", "") + "_" + slugify(article.outlet)[:4]
    number = stable_number("status", article.path)
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
    code = "".join(alphabet[(number >> (6 * i)) % len(alphabet)] for i in range(10))
    status_id = 1990000000000000000 + number % 10**16
    day = article.published_at
    when = f"{_MONTHS_EN[day.month - 1]} {day.day}, {day.year}"
    return (
        f'<blockquote class="twitter-tweet" data-lang="{lang}">'
        f'<p lang="{lang}" dir="ltr">{esc(blurb)} {esc(article.headline)} '
        f'<a href="https://t.co/{code[:8]}">pic.twitter.com/{code}</a></p>'
        f"&mdash; {esc(author)} (@{handle}) "
        f'<a href="https://twitter.com/{handle}/status/{status_id}">{when}</a>'
        "</blockquote>\n"
        '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'
    )


def pick_comments(
    article: DemoArticle, pool: Sequence[tuple[str, str]], *, at_least: int = 2
) -> tuple[Comment, ...]:
    """Return 2-4 reader comments for the article, chosen from `pool` the same way every run."""
    seed = stable_number("comments", article.outlet, article.path)
    count = at_least + seed % 3
    start = seed % len(pool)
    comments = []
    for index in range(count):
        author, text = pool[(start + index * 3) % len(pool)]
        # Readers pile in during the first hours, then trail off.
        delay = timedelta(minutes=17 + 41 * index + (seed >> (index + 3)) % 29)
        comments.append(Comment(author=author, posted_at=article.published_at + delay, text=text))
    return tuple(comments)


def paragraph_blocks(
    article: DemoArticle, *, inserts: dict[int, str], first_paragraph: str | None = None
) -> str:
    """Return the body paragraphs as <p> elements, with extra markup after given paragraphs.

    `inserts` maps a paragraph number (1-based) to markup placed after that paragraph; an
    insert past the end goes after the last paragraph. `first_paragraph` replaces the markup
    of the first paragraph (for a dateline or a bold lead).
    """
    blocks: list[str] = []
    last = len(article.paragraphs)
    for number, text in enumerate(article.paragraphs, start=1):
        if number == 1 and first_paragraph is not None:
            blocks.append(first_paragraph)
        else:
            blocks.append(f"<p>{esc(text)}</p>")
        for position, markup in sorted(inserts.items()):
            if position == number or (number == last and position > last):
                blocks.append(markup)
    return "\n".join(blocks)


@dataclass(frozen=True, kw_only=True)
class _ErrorWording:
    missing_title: str
    missing_text: str
    home_link: str
    failure_title: str
    failure_text: str


_ERROR_WORDING = {
    "en": _ErrorWording(
        missing_title="Page not found",
        missing_text="Sorry, we couldn't find that page. It may have been moved or deleted.",
        home_link="Go to the homepage",
        failure_title="Something went wrong",
        failure_text="There has been a critical error on this website. Please try again later.",
    ),
    "de": _ErrorWording(
        missing_title="Seite nicht gefunden",
        missing_text="Die angeforderte Seite existiert leider nicht (mehr).",
        home_link="Zur Startseite",
        failure_title="Interner Fehler",
        failure_text="Bei der Verarbeitung Ihrer Anfrage ist ein Fehler aufgetreten.",
    ),
    "fr": _ErrorWording(
        missing_title="Page introuvable",
        missing_text="La page que vous cherchez n'existe pas ou a été déplacée.",
        home_link="Retour à l'accueil",
        failure_title="Erreur interne",
        failure_text="Une erreur est survenue. Merci de réessayer plus tard.",
    ),
}


def _small_page(outlet: Outlet, title: str, text: str, link_text: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{outlet.language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)} | {esc(outlet.name)}</title>\n"
        '<meta name="robots" content="noindex">\n</head>\n<body class="error-page">\n'
        f'<header><a href="/">{esc(outlet.name)}</a></header>\n<main>\n<h1>{esc(title)}</h1>\n'
        f'<p>{esc(text)}</p>\n<p><a href="/">{esc(link_text)}</a></p>\n</main>\n</body>\n'
        "</html>\n"
    )


def render_not_found(outlet: Outlet) -> str:
    """Return the outlet's small "page not found" HTML page."""
    wording = _ERROR_WORDING[outlet.language]
    return _small_page(outlet, wording.missing_title, wording.missing_text, wording.home_link)


def render_server_error(outlet: Outlet) -> str:
    """Return the outlet's small "internal error" HTML page."""
    wording = _ERROR_WORDING[outlet.language]
    return _small_page(outlet, wording.failure_title, wording.failure_text, wording.home_link)


def render_moved(location: str) -> str:
    """Return the small HTML body a web server sends with a 301."""
    return (
        '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n'
        "<title>301 Moved Permanently</title>\n</head><body>\n<h1>Moved Permanently</h1>\n"
        f'<p>The document has moved <a href="{esc(location)}">here</a>.</p>\n</body></html>\n'
    )


def render_home(outlet: Outlet, articles: Sequence[DemoArticle]) -> str:
    """Return a plain front page linking the outlet's latest articles."""
    items = "\n".join(
        f'<li><a href="{esc(article.path)}">{esc(article.headline)}</a> '
        f"<small>{esc(article.section)}</small></li>"
        for article in articles
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{outlet.language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(outlet.name)}</title>\n"
        '<meta property="og:type" content="website">\n'
        f'<meta property="og:site_name" content="{esc(outlet.name)}">\n</head>\n<body>\n'
        f"<header><h1>{esc(outlet.name)}</h1></header>\n<main>\n<ul>\n{items}\n</ul>\n</main>\n"
        "</body>\n</html>\n"
    )
