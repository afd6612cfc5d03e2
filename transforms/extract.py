"""Extraction: one fetched page becomes an Article, or a recorded reason why not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

import trafilatura

from transforms.authors import clean_authors
from transforms.charset import decode_html
from transforms.dates import offset_minutes, parse_timestamp, to_utc
from transforms.page_metadata import PageMetadata, read_page_metadata
from transforms.records import Article, Reason, Status
from transforms.text import clean_text, content_hash, detect_language, version_hash, word_count
from transforms.urls import InvalidUrlError, article_id_for, normalise_url

EXTRACTOR_VERSION = f"mediawatch-extract/1+trafilatura-{trafilatura.__version__}"
# lxml refuses str input that still declares a byte encoding; the text is decoded already.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
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
    html = _XML_DECLARATION.sub("", decode_html(page.html, page.content_type).text, count=1)
    metadata = read_page_metadata(html)
    document = trafilatura.bare_extraction(
        html,
        url=page.url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
    )
    raw_text = getattr(document, "text", None) if document is not None else None
    title = metadata.title or getattr(document, "title", None)
    headlines = (metadata.title, getattr(document, "title", None))
    text = clean_text(_without_leading_headline(raw_text or "", headlines))
    if not text:
        return _skipped(page, Reason.NO_CONTENT, "trafilatura found no main text")
    words = word_count(text)
    if metadata.declares_non_article or (
        not metadata.declares_article and words < MIN_ARTICLE_WORDS
    ):
        return _skipped(
            page,
            Reason.NOT_ARTICLE,
            f"og:type={metadata.og_type} schema={list(metadata.schema_types)} words={words}",
        )
    published_at, date_source = _publication_time(metadata, page, document)
    authors = clean_authors(metadata.authors or _split_field(getattr(document, "author", None)))
    clean_title = " ".join(title.split()) if title else None
    published_utc = to_utc(published_at) if published_at else None
    canonical_url = _canonical(metadata, page.url)
    language = detect_language(text, metadata.html_lang)
    article = Article(
        article_id=article_id_for(page.url),
        url=page.url,
        canonical_url=canonical_url,
        source=page.source,
        title=clean_title,
        authors=authors,
        published_at=published_utc,
        published_offset=offset_minutes(published_at) if published_at else None,
        date_source=date_source,
        language=language,
        text=text,
        word_count=words,
        content_hash=content_hash(text),
        version_hash=version_hash(
            clean_title,
            authors,
            published_utc.isoformat() if published_utc else None,
            canonical_url,
            language,
            text,
        ),
        extractor_version=EXTRACTOR_VERSION,
        fetched_at=page.fetched_at,
        tags=metadata.keywords,
        capture_id=page.capture_id,
    )
    return ExtractionResult(
        url=page.url, status=Status.EXTRACTED, reason=Reason.NEW, article=article
    )


def _without_leading_headline(text: str, headlines: tuple[object, ...]) -> str:
    # trafilatura keeps an <h1> that sits inside <article> as the text's first line. Left
    # there it hides the dateline from clean_text, and syndicated copies that differ only
    # in their headline would get different content hashes.
    first, _, rest = text.lstrip().partition("\n")
    wanted = {" ".join(h.split()).casefold() for h in headlines if isinstance(h, str)}
    if first.strip() and " ".join(first.split()).casefold() in wanted:
        return rest
    return text


def _skipped(page: PageInput, reason: Reason, detail: str) -> ExtractionResult:
    return ExtractionResult(url=page.url, status=Status.SKIPPED, reason=reason, detail=detail)


def _publication_time(
    metadata: PageMetadata, page: PageInput, document: object
) -> tuple[datetime | None, str | None]:
    if metadata.published:
        parsed = parse_timestamp(metadata.published)
        if parsed is not None:
            return parsed, metadata.published_source
    if page.listed_published_at is not None:
        return page.listed_published_at, "listing"
    day = getattr(document, "date", None)
    if isinstance(day, str):
        parsed = parse_timestamp(day)
        if parsed is not None:
            return parsed, "htmldate"
    return None, None


def _canonical(metadata: PageMetadata, page_url: str) -> str | None:
    if not metadata.canonical_url:
        return None
    try:
        return normalise_url(urljoin(page_url, metadata.canonical_url))
    except (InvalidUrlError, ValueError):
        return None


def _split_field(value: object) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) and value.strip() else ()
