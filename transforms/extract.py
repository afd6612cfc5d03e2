"""Extraction: one fetched page becomes an Article, or a recorded reason why not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import trafilatura

from transforms.classify import (
    MIN_ARTICLE_WORDS,
    Classification,
    PageClass,
    classify_body,
    classify_document,
)
from transforms.dates import offset_minutes, to_utc
from transforms.document import ExtractedDocument, extract_document
from transforms.near_duplicates import simhash, to_signed
from transforms.records import Article, Reason, Status
from transforms.text import content_hash, version_hash
from transforms.urls import article_id_for

EXTRACTOR_VERSION = f"mediawatch-extract/1+trafilatura-{trafilatura.__version__}"
__all__ = [
    "EXTRACTOR_VERSION",
    "MIN_ARTICLE_WORDS",
    "ExtractionResult",
    "PageInput",
    "extract_page",
]


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
    page_class: PageClass | None = None
    """What kind of page it was; None on results extract_page did not make."""
    document: ExtractedDocument | None = None
    """What extraction found, kept for non-articles too (their title, text, ...)."""


def extract_page(page: PageInput) -> ExtractionResult:
    """Return the article extracted from a fetched page, or why the page is not one."""
    try:
        return _extract(page)
    except RecursionError as error:
        # Parsers recurse into nested JSON-LD or markup (ours, trafilatura's, htmldate's):
        # a page nested deeper than the stack fails on every try, so it is recorded.
        return ExtractionResult(
            url=page.url,
            status=Status.FAILED,
            reason=Reason.EXTRACTION_ERROR,
            detail=f"nesting too deep to parse: {error}",
        )


def _extract(page: PageInput) -> ExtractionResult:
    unreadable = classify_body(page.html, page.content_type)
    if unreadable is not None:
        return _skipped(page, unreadable)
    document = extract_document(
        page.html,
        url=page.url,
        content_type=page.content_type,
        listed_published_at=page.listed_published_at,
        fetched_at=page.fetched_at,
    )
    text, metadata, words = document.text, document.metadata, document.word_count
    verdict = classify_document(
        url=page.url,
        title=metadata.title,
        text=text,
        word_count=words,
        raw_text=document.raw_text,
        declared=document.declared,
        signals=document.signals,
    )
    if verdict.page_class is not PageClass.ARTICLE:
        return _skipped(page, verdict, document)
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
        language_confidence=document.language_confidence if document.language else None,
        text=text,
        word_count=words,
        content_hash=content_hash(text),
        # The story and its byline make a version; tags, sections, lead image and the
        # detector's confidence do not. Image URLs change with resizing and cache-busting
        # parameters, and a different confidence in the same language is no new version.
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
        sections=metadata.section,
        image_url=metadata.image_url,
        capture_id=page.capture_id,
        # Fingerprinted here, on the extraction workers, so the load need not.
        simhash=to_signed(simhash(text)) if text.strip() else None,
    )
    return ExtractionResult(
        url=page.url,
        status=Status.EXTRACTED,
        reason=Reason.NEW,
        article=article,
        page_class=PageClass.ARTICLE,
        document=document,
    )


def _skipped(
    page: PageInput, verdict: Classification, document: ExtractedDocument | None = None
) -> ExtractionResult:
    return ExtractionResult(
        url=page.url,
        status=Status.SKIPPED,
        reason=verdict.reason,
        detail=verdict.detail,
        page_class=verdict.page_class,
        document=document,
    )
