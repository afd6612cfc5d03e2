"""Read-side SQL on a loaded warehouse: known articles, checksums, summaries, the example."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from tests.warehouse.builders import T0, load, make_article, revised, run_info, write_run
from transforms.records import Article, DiscoveryVia, Reason, Source, Status, UrlKind, UrlOutcome
from warehouse.connection import open_warehouse
from warehouse.load import load_run
from warehouse.queries import (
    EXAMPLE_QUERY,
    QueuedUrl,
    article_rows_checksum,
    example_analyst_query,
    known_articles,
    outcomes_by_reason,
    queued_urls,
    run_summary,
    seen_urls,
)

HARBOUR = "https://gazette.example/news/harbour-wall"
FERRY = "https://gazette.example/news/ferry"


def test_known_articles_before_any_load(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert known_articles(warehouse, [HARBOUR]) == {}
    assert known_articles(warehouse, []) == {}


def test_known_articles_after_a_load(warehouse: duckdb.DuckDBPyConnection, lake: Path) -> None:
    harbour = make_article(HARBOUR)
    write_run(lake, "run-1", [harbour])
    load(warehouse, lake, "run-1")

    known = known_articles(warehouse, [HARBOUR, FERRY])

    assert list(known) == [HARBOUR]
    assert known[HARBOUR].article_id == harbour.article_id
    assert known[HARBOUR].version_hash == harbour.version_hash
    assert known[HARBOUR].first_seen_at == harbour.fetched_at


def test_checksum_of_an_empty_warehouse(warehouse: duckdb.DuckDBPyConnection, lake: Path) -> None:
    write_run(lake, "run-1", [], [])
    load(warehouse, lake, "run-1")

    assert article_rows_checksum(warehouse).startswith("0:")


def _warehouse_checksum(root: Path, run_id: str, articles: list[Article]) -> str:
    write_run(root / "lake", run_id, articles)
    with open_warehouse(root / "w.duckdb") as connection:
        load(connection, root / "lake", run_id)
        return article_rows_checksum(connection)


def test_checksum_ignores_run_ids_and_run_timestamps(tmp_path: Path) -> None:
    harbour = make_article(HARBOUR)
    later = revised(harbour, fetched_at=harbour.fetched_at + timedelta(days=3))

    first = _warehouse_checksum(tmp_path / "a", "20250304T060000Z-aaaaaa", [harbour])
    second = _warehouse_checksum(tmp_path / "b", "20250307T060000Z-bbbbbb", [later])

    assert first == second
    assert first.startswith("1:")


def test_checksum_changes_when_a_title_changes(tmp_path: Path) -> None:
    harbour = make_article(HARBOUR)
    retitled = revised(harbour, title="Harbour wall approved at last")

    assert _warehouse_checksum(tmp_path / "a", "run-1", [harbour]) != _warehouse_checksum(
        tmp_path / "b", "run-1", [retitled]
    )


def test_checksum_covers_sections_lead_image_and_language_confidence(tmp_path: Path) -> None:
    harbour = make_article(HARBOUR)
    variants = [
        harbour,
        revised(harbour, sections=("Sport",)),
        revised(harbour, image_url="https://gazette.example/img/other.jpg"),
        revised(harbour, language_confidence=0.5),
    ]

    checksums = {
        _warehouse_checksum(tmp_path / str(number), "run-1", [variant])
        for number, variant in enumerate(variants)
    }

    assert len(checksums) == len(variants)


def test_checksum_changes_after_an_update_in_place(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    harbour = make_article(HARBOUR)
    write_run(lake, "run-1", [harbour])
    load(warehouse, lake, "run-1")
    before = article_rows_checksum(warehouse)

    warehouse.execute(
        "UPDATE articles SET title = 'Edited' WHERE article_id = $id", {"id": harbour.article_id}
    )

    assert article_rows_checksum(warehouse) != before
    warehouse.execute(
        "UPDATE articles SET run_id = 'other', first_seen_at = first_seen_at - INTERVAL 1 DAY, "
        "updated_at = updated_at + INTERVAL 1 DAY"
    )
    after_bookkeeping = article_rows_checksum(warehouse)
    warehouse.execute("UPDATE articles SET title = 'Harbour wall approved'")
    assert article_rows_checksum(warehouse) == before != after_bookkeeping


def _outcome(url: str, kind: UrlKind, status: Status, reason: Reason, source: str) -> UrlOutcome:
    return UrlOutcome(url=url, source=source, kind=kind, status=status, reason=reason)


def _loaded_mixed_run(warehouse: duckdb.DuckDBPyConnection, lake: Path) -> None:
    outcomes = [
        _outcome(
            "https://gazette.example/rss",
            UrlKind.FEED,
            Status.EXTRACTED,
            Reason.FEED_PARSED,
            "gazette",
        ),
        _outcome(HARBOUR, UrlKind.ARTICLE, Status.EXTRACTED, Reason.NEW, "gazette"),
        _outcome(FERRY, UrlKind.ARTICLE, Status.EXTRACTED, Reason.UNCHANGED, "gazette"),
        _outcome(
            "https://gazette.example/gone",
            UrlKind.ARTICLE,
            Status.FAILED,
            Reason.HTTP_4XX,
            "gazette",
        ),
        _outcome(
            "https://tribune.example/sitemap.xml",
            UrlKind.SITEMAP,
            Status.FAILED,
            Reason.SITEMAP_MALFORMED,
            "tribune",
        ),
        _outcome(
            "https://tribune.example/about",
            UrlKind.ARTICLE,
            Status.SKIPPED,
            Reason.NOT_ARTICLE,
            "tribune",
        ),
    ]
    write_run(lake, "run-1", [make_article(HARBOUR)], outcomes)
    load(warehouse, lake, "run-1")


def test_run_summary(warehouse: duckdb.DuckDBPyConnection, lake: Path) -> None:
    _loaded_mixed_run(warehouse, lake)

    summary = run_summary(warehouse, "run-1")

    assert summary.to_dict("records") == [
        {
            "source": "gazette",
            "listings": 1,
            "article_urls": 3,
            "new": 1,
            "updated": 0,
            "unchanged": 1,
            "skipped": 0,
            "failed": 1,
        },
        {
            "source": "tribune",
            "listings": 1,
            "article_urls": 1,
            "new": 0,
            "updated": 0,
            "unchanged": 0,
            "skipped": 1,
            "failed": 1,
        },
    ]
    assert run_summary(warehouse, "no-such-run").empty


def test_outcomes_by_reason(warehouse: duckdb.DuckDBPyConnection, lake: Path) -> None:
    _loaded_mixed_run(warehouse, lake)

    rows = outcomes_by_reason(warehouse, "run-1")

    assert [tuple(r) for r in rows.itertuples(index=False)] == [
        ("article", "extracted", "new", 1),
        ("article", "extracted", "unchanged", 1),
        ("article", "failed", "http_4xx", 1),
        ("article", "skipped", "not_article", 1),
        ("feed", "extracted", "feed_parsed", 1),
        ("sitemap", "failed", "sitemap_malformed", 1),
    ]


def test_example_query_counts_by_the_outlets_own_day(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    # 23:30 UTC on 3 March is already 4 March in Berlin; 03:00 UTC on 4 March is still
    # 3 March in New York.
    late_evening = datetime(2025, 3, 3, 23, 30, tzinfo=T0.tzinfo)
    original = make_article(HARBOUR, published_at=late_evening, published_offset=60)
    ferry = make_article(
        FERRY, text="The ferry gets a second evening crossing from April.", published_at=T0
    )
    copy = make_article(
        "https://tribune.example/harbour",
        source="tribune",
        published_at=datetime(2025, 3, 4, 3, 0, tzinfo=T0.tzinfo),
        published_offset=-300,
    )
    outlets = (
        Source(name="gazette", urls=(HARBOUR,), timezone="Europe/Berlin"),
        Source(name="tribune", urls=(copy.url,), timezone="America/New_York"),
    )
    write_run(lake, "run-1", [original, ferry, copy], sources=outlets)
    load(warehouse, lake, "run-1")

    result = example_analyst_query(warehouse)

    assert result.to_dict("records") == [
        {
            "source": "gazette",
            "local_day": pd.Timestamp(2025, 3, 4),
            "timezone": "Europe/Berlin",
            "articles": 2,
            "syndicated_copies": 0,
        },
        {
            "source": "tribune",
            "local_day": pd.Timestamp(2025, 3, 3),
            "timezone": "America/New_York",
            "articles": 1,
            "syndicated_copies": 1,
        },
    ]
    assert "FROM daily_counts" in EXAMPLE_QUERY


def _queued(url: str) -> UrlOutcome:
    return UrlOutcome(
        url=url,
        source="gazette",
        kind=UrlKind.ARTICLE,
        status=Status.SKIPPED,
        reason=Reason.QUEUED,
        via=DiscoveryVia.SITEMAP,
        listed_in="https://gazette.example/news-sitemap.xml",
    )


def test_seen_urls_names_every_url_a_run_touched(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    assert seen_urls(warehouse, [HARBOUR]) == set()  # no table yet
    write_run(lake, "run-1", [make_article(HARBOUR)], [_queued(FERRY)])
    load(warehouse, lake, "run-1")
    assert seen_urls(warehouse, [HARBOUR, FERRY, "https://gazette.example/new"]) == {FERRY}
    assert seen_urls(warehouse, []) == set()


def test_queued_urls_are_those_no_later_run_fetched(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    now = datetime.now(UTC)
    ferry = make_article(FERRY)
    write_run(lake, "run-1", [], [_queued(HARBOUR), _queued(FERRY)])
    load_run(warehouse, lake, run_info("run-1", now - timedelta(hours=2)))
    assert list(queued_urls(warehouse)) == [FERRY, HARBOUR]
    write_run(lake, "run-2", [ferry])
    load_run(warehouse, lake, run_info("run-2", now - timedelta(hours=1)))
    queued = queued_urls(warehouse)
    assert list(queued) == [HARBOUR]
    assert queued[HARBOUR] == QueuedUrl(
        url=HARBOUR,
        source="gazette",
        discovered_via="sitemap",
        listed_in="https://gazette.example/news-sitemap.xml",
    )
    # A queue entry older than the window is forgotten (its story left every listing).
    assert queued_urls(warehouse, within_days=0) == {}
