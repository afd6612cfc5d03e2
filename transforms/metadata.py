"""Article metadata chosen from what the page declares, its listing, and trafilatura's guesses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from transforms.authors import clean_authors
from transforms.dates import parse_timestamp
from transforms.page_metadata import PageMetadata
from transforms.urls import InvalidUrlError, normalise_url


@dataclass(frozen=True, kw_only=True)
class ArticleMetadata:
    """Title, authors, publication time (with where it came from) and canonical URL."""

    title: str | None
    authors: tuple[str, ...]
    published_at: datetime | None
    """As the source gave it: aware when it carried an offset, naive otherwise."""
    date_source: str | None
    canonical_url: str | None
    tags: tuple[str, ...]


def choose_metadata(
    declared: PageMetadata,
    document: Any,
    *,
    url: str | None,
    listed_published_at: datetime | None,
) -> ArticleMetadata:
    """Return the article's metadata: the page's own declarations first, then the
    listing's, then trafilatura's guesses."""
    title = declared.title or getattr(document, "title", None)
    authors = clean_authors(declared.authors or _split_field(getattr(document, "author", None)))
    published_at, date_source = _publication_time(declared, document, listed_published_at)
    return ArticleMetadata(
        title=" ".join(title.split()) if title else None,
        authors=authors,
        published_at=published_at,
        date_source=date_source,
        canonical_url=_canonical(declared, url),
        tags=declared.keywords,
    )


def _publication_time(
    declared: PageMetadata, document: Any, listed_published_at: datetime | None
) -> tuple[datetime | None, str | None]:
    if declared.published:
        parsed = parse_timestamp(declared.published)
        if parsed is not None:
            return parsed, declared.published_source
    if listed_published_at is not None:
        return listed_published_at, "listing"
    day = getattr(document, "date", None)
    if isinstance(day, str):
        parsed = parse_timestamp(day)
        if parsed is not None:
            return parsed, "htmldate"
    return None, None


def _canonical(declared: PageMetadata, page_url: str | None) -> str | None:
    if not declared.canonical_url:
        return None
    try:
        return normalise_url(urljoin(page_url or "", declared.canonical_url))
    except (InvalidUrlError, ValueError):
        return None


def _split_field(value: object) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) and value.strip() else ()
