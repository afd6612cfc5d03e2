"""published_local_day: stamped as runs load, restamped when a source's zone changes."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.builders import T0, load, make_article, revised, run_info, write_run
from transforms.records import Source
from warehouse.connection import open_warehouse
from warehouse.ddl import ensure_schema
from warehouse.load import load_run
from warehouse.local_days import restamp_local_days

LATE = datetime(2025, 3, 4, 23, 30, tzinfo=T0.tzinfo)
"""23:30 UTC: already the 5th in Berlin, still the 4th in New York."""


def _source(timezone: str) -> Source:
    return Source(name="gazette", feeds=("https://gazette.test/feed.xml",), timezone=timezone)


def _days(connection: duckdb.DuckDBPyConnection) -> dict[str, date | None]:
    return dict(connection.execute("SELECT url, published_local_day FROM articles").fetchall())


@pytest.fixture
def warehouse(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = open_warehouse(tmp_path / "mediawatch.duckdb")
    ensure_schema(connection)
    return connection


def test_a_run_stamps_its_articles_with_the_outlets_day(
    warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    late = make_article("https://gazette.test/late", published_at=LATE)
    undated = make_article("https://gazette.test/undated", published_at=None)
    write_run(tmp_path / "lake", "run-1", [late, undated], sources=[_source("Europe/Berlin")])

    load(warehouse, tmp_path / "lake", "run-1")

    assert _days(warehouse) == {late.url: date(2025, 3, 5), undated.url: None}


def test_a_new_zone_restamps_every_article_of_the_source(
    warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    first = make_article("https://gazette.test/first", published_at=LATE)
    write_run(lake, "run-1", [first], sources=[_source("Europe/Berlin")])
    load(warehouse, lake, "run-1")
    other = make_article("https://other.test/a", published_at=LATE, source="other")
    write_run(lake, "run-2", [other])
    load(warehouse, lake, "run-2")

    # The outlet's zone changes in the config; the new run does not refetch the article.
    second = make_article("https://gazette.test/second", published_at=LATE + timedelta(hours=2))
    write_run(lake, "run-3", [second], sources=[_source("America/New_York")])
    load_run(warehouse, lake, run_info("run-3", T0 + timedelta(days=1)))

    assert _days(warehouse) == {
        first.url: date(2025, 3, 4),
        second.url: date(2025, 3, 4),
        # A source no run declared counts in UTC, and another outlet's change leaves it be.
        other.url: date(2025, 3, 4),
    }


def test_a_changed_publication_time_moves_the_day(
    warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    article = make_article("https://gazette.test/story", published_at=LATE)
    write_run(lake, "run-1", [article], sources=[_source("Europe/Berlin")])
    load(warehouse, lake, "run-1")
    corrected = revised(
        article, published_at=LATE - timedelta(hours=1), fetched_at=T0 + timedelta(days=1)
    )
    write_run(lake, "run-2", [corrected], sources=[_source("Europe/Berlin")])
    load(warehouse, lake, "run-2")

    assert _days(warehouse) == {article.url: date(2025, 3, 4)}


def test_restamping_everything_recomputes_lost_days(
    warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    article = make_article("https://gazette.test/story", published_at=LATE)
    write_run(lake, "run-1", [article], sources=[_source("Europe/Berlin")])
    load(warehouse, lake, "run-1")
    warehouse.execute("UPDATE articles SET published_local_day = NULL")

    restamp_local_days(warehouse)

    assert _days(warehouse) == {article.url: date(2025, 3, 5)}
