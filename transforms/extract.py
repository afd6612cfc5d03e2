"""Extraction: one fetched page becomes an Article, or a recorded reason why not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import trafilatura

from transforms.dates import offset_minutes, to_utc
from transforms.document import extract_document
from transforms.records import Article, Reason, Status
from transforms.text import content_hash, version_hash
from transforms.urls import article_id_for

EXTRACTOR_VERSION = f"mediawatch-extract/1+trafilatura-{trafilatura.__version__}"
MIN_ARTICLE_WORDS = 60
"""Below this, a page that does not declare itself an article is taken for a non-article."""


@dataclass(frozen=True, kw_only=True)
class PageInput:
    """A fetched page to extract, with what discovery knew about it."""

    url: str
    """The final URL after redirects, normalised."""
    source: str
    html: bytes
    fetched_at: datetime
    listed_published_at: datetime | None = None
    content_type: str | None = None
    """The response's Content-Type header, whose charset may (or may not) be right."""
    capture_id: str | None = None
    """The WARC capture the HTML was read from."""


@dataclass(frozen=True, kw_only=True)
class ExtractionResult:
    """An article, or the status and reason that explain why there is none."""

    url: str
    status: Status
    reason: Reason
    article: Article | None = None
    detail: str | None = None


def extract_page(page: PageInput) -> ExtractionResult:
    """Return the article extracted from a fetched page, or why the page is not one."""
    document = extract_document(
        page.html,
        url=page.url,
        content_type=page.content_type,
        listed_published_at=page.listed_published_at,
    )
    text, declared, metadata = document.text, document.declared, document.metadata
    if not text:
        return _skipped(page, Reason.NO_CONTENT, "trafilatura found no main text")
    words = document.word_count
    if declared.declares_non_article or (
        not declared.declares_article and words < MIN_ARTICLE_WORDS
    ):
        return _skipped(
            page,
            Reason.NOT_ARTICLE,
            f"og:type={declared.og_type} schema={list(declared.schema_types)} words={words}",
        )
    published = metadata.published_at
    published_utc = to_utc(published) if published else None
    article = Article(
        article_id=article_id_for(page.url),
        url=page.url,
        canonical_url=metadata.canonical_url,
        source=page.source,
        title=metadata.title,
        authors=metadata.authors,
        published_at=published_utc,
        published_offset=offset_minutes(published) if published else None,
        date_source=metadata.date_source,
        language=document.language,
        text=text,
        word_count=words,
        content_hash=content_hash(text),
        version_hash=version_hash(
            metadata.title,
            metadata.authors,
            published_utc.isoformat() if published_utc else None,
            metadata.canonical_url,
            document.language,
            text,
        ),
        extractor_version=EXTRACTOR_VERSION,
        fetched_at=page.fetched_at,
        tags=metadata.tags,
        capture_id=page.capture_id,
    )
    return ExtractionResult(
        url=page.url, status=Status.EXTRACTED, reason=Reason.NEW, article=article
    )


def _skipped(page: PageInput, reason: Reason, detail: str) -> ExtractionResult:
    return ExtractionResult(url=page.url, status=Status.SKIPPED, reason=reason, detail=detail)
