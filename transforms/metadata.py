"""Article metadata chosen from what the page declares, its listing, and trafilatura's guesses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from transforms.authors import AuthorCandidate, choose_authors
from transforms.dates import choose_published
from transforms.page_metadata import PageMetadata
from transforms.titles import TitleCandidate, choose_title
from transforms.urls import choose_canonical_url

_TEXT_BYLINE = re.compile(
    r"^(?:by|von|par|por|door|af|av|text|texto|autor|autorin|author|written by)\s*:?\s+\S.{2,80}$",
    re.IGNORECASE,
)
_TEXT_BYLINE_LINES = 4


@dataclass(frozen=True, kw_only=True)
class ArticleMetadata:
    """Title, authors, publication time (with where it came from), canonical URL, tags,
    sections and lead image."""

    title: str | None
    authors: tuple[str, ...]
    published_at: datetime | None
    """As the source gave it: aware when it carried an offset, naive otherwise."""
    date_source: str | None
    """"json-ld", "meta", "time-element", "listing", "url" or "htmldate"."""
    canonical_url: str | None
    tags: tuple[str, ...]
    section: tuple[str, ...] = ()
    """The publisher's sections (article:section, JSON-LD articleSection), in page order."""
    image_url: str | None = None
    """The lead image (og:image, twitter:image, JSON-LD image), absolute."""


def choose_metadata(
    declared: PageMetadata,
    guesses: Any,
    *,
    url: str | None,
    listed_published_at: datetime | None,
    fetched_at: datetime | None = None,
) -> ArticleMetadata:
    """Return the article's metadata: the page's own declarations first, then the
    listing's, then trafilatura's guesses.

    ``guesses`` has trafilatura's ``title``, ``author``, ``date`` and raw ``text`` as
    attributes (a `transforms.guesses.MarkupGuesses`, or None); the author and date
    guesses are read only when the page declares none (they are slow to make).

    ``fetched_at`` bounds the publication time (nothing is published after it was
    fetched); without it the current time does.
    """
    host = _host(url)
    title = choose_title(
        (*declared.title_candidates, *_trafilatura_title(guesses)),
        site_names=declared.site_names,
        host=host,
    )
    bylines = _text_bylines(guesses)
    authors = choose_authors(
        (
            *declared.author_candidates,
            *bylines,
            *(() if declared.author_candidates or bylines else _trafilatura_authors(guesses)),
        ),
        site_names=declared.site_names,
    )
    published_at, date_source = choose_published(
        declared.date_candidates,
        url=url,
        listed_published_at=listed_published_at,
        htmldate=lambda: _string(getattr(guesses, "date", None)),
        fetched_at=fetched_at,
    )
    return ArticleMetadata(
        title=title,
        authors=authors,
        published_at=published_at,
        date_source=date_source,
        canonical_url=choose_canonical_url(url, (declared.canonical_url, declared.og_url)),
        tags=declared.keywords,
        section=declared.sections,
        image_url=_absolute(declared.image_urls, url),
    )


def _trafilatura_title(guesses: Any) -> tuple[TitleCandidate, ...]:
    title = _string(getattr(guesses, "title", None))
    return (TitleCandidate(source="trafilatura", text=title),) if title else ()


def _trafilatura_authors(guesses: Any) -> tuple[AuthorCandidate, ...]:
    # trafilatura joins the names it found with "; ".
    author = _string(getattr(guesses, "author", None))
    if not author:
        return ()
    return tuple(
        AuthorCandidate(name=name, source="trafilatura")
        for name in author.split(";")
        if name.strip()
    )


def _text_bylines(guesses: Any) -> tuple[AuthorCandidate, ...]:
    # A credit line that trafilatura kept as the text's first or last lines ("Von Jane Doe",
    # "Text: Jane Doe"); most blogs and many German sites have no other.
    text = _string(getattr(guesses, "text", None))
    if not text:
        return ()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    edges = lines[:_TEXT_BYLINE_LINES] + lines[-_TEXT_BYLINE_LINES:]
    return tuple(
        AuthorCandidate(name=line, source="text")
        for line in dict.fromkeys(edges)
        if _TEXT_BYLINE.match(line)
    )


def _absolute(candidates: tuple[str, ...], page_url: str | None) -> str | None:
    # Resolved but not normalised: an image CDN's query (width, crop) is part of the image.
    for raw in candidates:
        try:
            absolute = urljoin(page_url or "", raw.strip())
            parts = urlsplit(absolute)
        except ValueError:
            continue
        if parts.scheme in ("http", "https") and parts.hostname:
            return absolute
    return None


def _host(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:
        return None


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
