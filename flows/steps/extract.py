"""Extraction of a fetched batch's pages, read back from their WARC captures."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from flows.steps.fetch import FetchedPage
from transforms.extract import ExtractionResult, PageInput, extract_page
from transforms.records import Article, Reason, Status, UrlKind, UrlOutcome
from warehouse.captures import read_capture
from warehouse.faults import checkpoint
from warehouse.queries import KnownArticle

_log = logging.getLogger(__name__)
_MAX_DETAIL = 500


@dataclass(frozen=True, kw_only=True)
class ExtractedBatch:
    """Articles worth storing (new or changed) and an outcome for every URL of the batch."""

    articles: tuple[Article, ...]
    outcomes: tuple[UrlOutcome, ...]


def extract_pages(
    pages: Sequence[FetchedPage], known: Mapping[str, KnownArticle], captures_dir: Path
) -> ExtractedBatch:
    """Extract fetched pages from their captures and sort each into new, updated or
    unchanged; every page gets an outcome."""
    articles: list[Article] = []
    outcomes: list[UrlOutcome] = []
    stored_ids: set[str] = set()
    for page in pages:
        body = read_capture(captures_dir, page.capture.warc_file, page.capture.offset).body
        result = _extract_one(
            PageInput(
                url=page.final_url,
                source=page.discovered.source,
                html=body,
                fetched_at=page.fetched_at,
                listed_published_at=page.discovered.listed_published_at,
                capture_id=page.capture.capture_id,
                content_type=page.content_type,
            )
        )
        checkpoint("extract")
        reason = result.reason
        article = result.article
        if article is not None:
            if article.article_id in stored_ids:
                reason, article = Reason.DUPLICATE_URL, None
            else:
                reason = _change_reason(article, known.get(article.url))
                stored_ids.add(article.article_id)
                if reason is not Reason.UNCHANGED:
                    articles.append(article)
        outcomes.append(_page_outcome(page, result, reason, article))
    return ExtractedBatch(articles=tuple(articles), outcomes=tuple(outcomes))


def _extract_one(page: PageInput) -> ExtractionResult:
    # extract_page classifies non-HTML and empty bodies itself. What it raises on a page
    # (a bug, met on these bytes) would raise again on every retry and fail the chunk's
    # other pages with it, of other sources too: the page gets a failed outcome with the
    # exception, and a warning is logged. A machine out of memory still fails the task.
    try:
        return extract_page(page)
    except MemoryError:
        raise
    except Exception as error:
        _log.warning("extracting %s raised", page.url, exc_info=True)
        return ExtractionResult(
            url=page.url,
            status=Status.FAILED,
            reason=Reason.EXTRACTION_ERROR,
            detail=f"{type(error).__name__}: {error}"[:_MAX_DETAIL],
        )


def _change_reason(article: Article, stored: KnownArticle | None) -> Reason:
    if stored is None:
        return Reason.NEW
    if stored.version_hash == article.version_hash:
        return Reason.UNCHANGED
    return Reason.UPDATED


def _page_outcome(
    page: FetchedPage, result: ExtractionResult, reason: Reason, article: Article | None
) -> UrlOutcome:
    status = result.status if reason is not Reason.DUPLICATE_URL else Status.SKIPPED
    return UrlOutcome(
        url=page.discovered.url,
        source=page.discovered.source,
        kind=UrlKind.ARTICLE,
        status=status,
        reason=reason,
        http_status=page.http_status,
        final_url=page.final_url,
        redirect_chain=page.redirect_chain,
        detail=result.detail,
        article_id=article.article_id if article else None,
        via=page.discovered.via,
        listed_in=page.discovered.listed_in,
        fetched_at=page.fetched_at,
        capture_id=page.capture.capture_id,
    )
