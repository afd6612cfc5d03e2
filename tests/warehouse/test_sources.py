"""The sources table: the configured outlets each run's lake part declares, upserted."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.builders import T0, load, make_article, run_info, snapshot, write_run
from transforms.records import Source
from warehouse.load import LoadError, load_run

RHEINBLICK = Source(
    name="rheinblick",
    feeds=("https://rheinblick.test/feed.xml",),
    sitemaps=("https://rheinblick.test/news-sitemap.xml", "https://rheinblick.test/more.xml"),
    urls=("https://rheinblick.test/a", "https://rheinblick.test/b"),
    timezone="Europe/Berlin",
    home_url="https://rheinblick.test/",
    language="de",
)
COURIER = Source(name="valley-courier", urls=("https://courier.test/x",))


def _sources(connection: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return connection.execute(
        "SELECT name, home_url, language, timezone, feeds, sitemaps, url_count, "
        "first_run_id, first_run_at, last_run_id, last_run_at FROM sources ORDER BY name"
    ).fetchall()


def test_a_run_records_its_configured_sources(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    write_run(lake, "run-1", [], [], sources=[RHEINBLICK, COURIER])

    assert load(warehouse, lake, "run-1") is True

    assert _sources(warehouse) == [
        (
            "rheinblick",
            "https://rheinblick.test/",
            "de",
            "Europe/Berlin",
            ["https://rheinblick.test/feed.xml"],
            ["https://rheinblick.test/news-sitemap.xml", "https://rheinblick.test/more.xml"],
            2,
            "run-1",
            T0,
            "run-1",
            T0,
        ),
        ("valley-courier", None, None, "UTC", [], [], 1, "run-1", T0, "run-1", T0),
    ]


def test_a_later_run_updates_settings_and_keeps_the_first_run(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    later = T0 + timedelta(days=1)
    moved = Source(name="rheinblick", feeds=RHEINBLICK.feeds, timezone="Europe/Vienna")
    write_run(lake, "run-1", [], [], sources=[RHEINBLICK, COURIER])
    write_run(lake, "run-2", [], [], sources=[moved])

    load(warehouse, lake, "run-1")
    load_run(warehouse, lake, run_info("run-2", started_at=later))

    assert _sources(warehouse) == [
        (
            "rheinblick",
            None,
            None,
            "Europe/Vienna",
            ["https://rheinblick.test/feed.xml"],
            [],
            0,
            "run-1",
            T0,
            "run-2",
            later,
        ),
        # No longer configured: kept, with the last run that named it.
        ("valley-courier", None, None, "UTC", [], [], 1, "run-1", T0, "run-1", T0),
    ]


def test_an_older_run_loaded_later_moves_the_first_run_but_not_the_settings(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    earlier = T0 - timedelta(days=1)
    older = Source(name="rheinblick", feeds=RHEINBLICK.feeds, timezone="Europe/Vienna")
    write_run(lake, "run-2", [], [], sources=[RHEINBLICK])
    write_run(lake, "run-1", [], [], sources=[older])

    load(warehouse, lake, "run-2")
    load_run(warehouse, lake, run_info("run-1", started_at=earlier))

    [row] = _sources(warehouse)
    assert row[3] == "Europe/Berlin"
    assert row[7:] == ("run-1", earlier, "run-2", T0)


def test_loading_a_run_again_leaves_the_sources_alone(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    write_run(lake, "run-1", [make_article("https://rheinblick.test/a")], sources=[RHEINBLICK])
    load(warehouse, lake, "run-1")
    before = snapshot(warehouse)

    assert load(warehouse, lake, "run-1") is False

    assert snapshot(warehouse) == before


def test_a_time_zone_the_warehouse_does_not_know_fails_the_load(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    # A lake part from a writer that skipped the config's check.
    write_run(lake, "run-1", [make_article("https://rheinblick.test/a")], sources=[COURIER])
    load(warehouse, lake, "run-1")
    before = snapshot(warehouse)
    strange = Source(name="rheinblick", urls=("https://rheinblick.test/a",), timezone="Mars/Base")
    write_run(lake, "run-2", [make_article("https://rheinblick.test/b")], sources=[strange])

    with pytest.raises(LoadError, match=r"unknown time zone: rheinblick \('Mars/Base'\)"):
        load(warehouse, lake, "run-2")

    assert snapshot(warehouse) == before
