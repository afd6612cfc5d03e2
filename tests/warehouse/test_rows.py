"""Pipeline records as Arrow tables of the declared schemas."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.warehouse.builders import T0, make_article
from transforms.records import DiscoveryVia, Reason, Status, UrlKind, UrlOutcome
from warehouse.rows import extractions_table, outcomes_table
from warehouse.schema import EXTRACTIONS, URL_OUTCOMES


def test_extractions_table_values() -> None:
    article = make_article("https://gazette.example/news/harbour-wall", tags=("harbour", "council"))

    table = extractions_table([article], "run-1")

    assert table.schema.equals(EXTRACTIONS.arrow_schema, check_metadata=True)
    assert table.to_pylist() == [
        {
            "article_id": article.article_id,
            "url": "https://gazette.example/news/harbour-wall",
            "canonical_url": "https://gazette.example/news/harbour-wall",
            "source": "gazette",
            "title": "Harbour wall approved",
            "authors": ["Jane Doe", "Ravi Patel"],
            "published_at": T0,
            "published_offset": 60,
            "date_source": "json-ld",
            "language": "en",
            "language_confidence": 0.98,
            "text": article.text,
            "word_count": article.word_count,
            "content_hash": article.content_hash,
            "version_hash": article.version_hash,
            "extractor_version": "test-extractor/1",
            "tags": ["harbour", "council"],
            "sections": ["Local"],
            "image_url": "https://gazette.example/img/harbour-wall.jpg",
            "capture_id": None,
            "fetched_at": article.fetched_at,
            "run_id": "run-1",
            "simhash": article.simhash,
        }
    ]
    assert article.simhash is not None


def test_outcomes_table_values() -> None:
    fetched = datetime(2025, 3, 4, 7, 0, tzinfo=UTC)
    outcome = UrlOutcome(
        url="https://gazette.example/old",
        source="gazette",
        kind=UrlKind.ARTICLE,
        status=Status.FAILED,
        reason=Reason.TOO_MANY_REDIRECTS,
        final_url="https://gazette.example/loop",
        redirect_chain=("https://gazette.example/old", "https://gazette.example/loop"),
        detail="more than 5 redirects",
        via=DiscoveryVia.SITEMAP,
        listed_in="https://gazette.example/sitemap.xml",
        fetched_at=fetched,
    )

    table = outcomes_table([outcome], "run-1")

    assert table.schema.equals(URL_OUTCOMES.arrow_schema, check_metadata=True)
    assert table.to_pylist() == [
        {
            "run_id": "run-1",
            "url": "https://gazette.example/old",
            "source": "gazette",
            "kind": "article",
            "status": "failed",
            "reason": "too_many_redirects",
            "http_status": None,
            "final_url": "https://gazette.example/loop",
            "redirect_chain": ["https://gazette.example/old", "https://gazette.example/loop"],
            "detail": "more than 5 redirects",
            "article_id": None,
            "discovered_via": "sitemap",
            "listed_in": "https://gazette.example/sitemap.xml",
            "item_count": None,
            "fetched_at": fetched,
            "capture_id": None,
            "etag": None,
            "last_modified": None,
            "body_sha256": None,
        }
    ]


def test_feed_outcome_has_no_discovery_route() -> None:
    outcome = UrlOutcome(
        url="https://gazette.example/rss",
        source="gazette",
        kind=UrlKind.FEED,
        status=Status.EXTRACTED,
        reason=Reason.FEED_PARSED,
        http_status=200,
        item_count=12,
    )

    row = outcomes_table([outcome], "run-1").to_pylist()[0]

    assert row["discovered_via"] is None
    assert row["item_count"] == 12
    assert row["redirect_chain"] == []
    assert row["fetched_at"] is None


def test_empty_inputs_give_empty_tables_of_the_schema() -> None:
    assert extractions_table([], "run-1").num_rows == 0
    assert extractions_table([], "run-1").schema.equals(EXTRACTIONS.arrow_schema)
    assert outcomes_table([], "run-1").num_rows == 0
    assert outcomes_table(iter([]), "run-1").schema.equals(URL_OUTCOMES.arrow_schema)
