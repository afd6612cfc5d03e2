"""Pipeline records turned into Arrow tables that match the declared schemas."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyarrow as pa

from transforms.records import Article, Source, UrlOutcome
from warehouse.schema import EXTRACTIONS, SOURCE_CONFIGS, URL_OUTCOMES


def extractions_table(articles: Sequence[Article], run_id: str) -> pa.Table:
    """Return the lake rows for the article versions a run extracted."""
    rows = [
        {
            "article_id": a.article_id,
            "url": a.url,
            "canonical_url": a.canonical_url,
            "source": a.source,
            "title": a.title,
            "authors": list(a.authors),
            "published_at": a.published_at,
            "published_offset": a.published_offset,
            "date_source": a.date_source,
            "language": a.language,
            "language_confidence": a.language_confidence,
            "text": a.text,
            "word_count": a.word_count,
            "content_hash": a.content_hash,
            "version_hash": a.version_hash,
            "extractor_version": a.extractor_version,
            "tags": list(a.tags),
            "sections": list(a.sections),
            "image_url": a.image_url,
            "capture_id": a.capture_id,
            "fetched_at": a.fetched_at,
            "run_id": run_id,
            "simhash": a.simhash,
        }
        for a in articles
    ]
    return pa.Table.from_pylist(rows, schema=EXTRACTIONS.arrow_schema)


def outcomes_table(outcomes: Iterable[UrlOutcome], run_id: str) -> pa.Table:
    """Return the lake rows saying what happened to each URL of a run."""
    rows = [
        {
            "run_id": run_id,
            "url": o.url,
            "source": o.source,
            "kind": o.kind.value,
            "status": o.status.value,
            "reason": o.reason.value,
            "http_status": o.http_status,
            "final_url": o.final_url,
            "redirect_chain": list(o.redirect_chain),
            "detail": o.detail,
            "article_id": o.article_id,
            "discovered_via": o.via.value if o.via else None,
            "listed_in": o.listed_in,
            "item_count": o.item_count,
            "fetched_at": o.fetched_at,
            "capture_id": o.capture_id,
            "etag": o.etag,
            "last_modified": o.last_modified,
            "body_sha256": o.body_sha256,
        }
        for o in outcomes
    ]
    return pa.Table.from_pylist(rows, schema=URL_OUTCOMES.arrow_schema)


def source_configs_table(sources: Iterable[Source], run_id: str) -> pa.Table:
    """Return the lake rows recording the sources a run's config declared."""
    rows = [
        {
            "run_id": run_id,
            "name": s.name,
            "home_url": s.home_url,
            "language": s.language,
            "timezone": s.timezone,
            "feeds": list(s.feeds),
            "sitemaps": list(s.sitemaps),
            "url_count": len(s.urls),
        }
        for s in sources
    ]
    return pa.Table.from_pylist(rows, schema=SOURCE_CONFIGS.arrow_schema)
