"""Lake parts of a run's batches: the configured sources travel with the listings' part."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from flows.steps.parts import write_parts
from transforms.records import Source
from warehouse.schema import SOURCE_CONFIGS


def test_sources_are_written_as_a_source_configs_part(tmp_path: Path) -> None:
    sources = (
        Source(
            name="rheinblick",
            feeds=("https://rheinblick.test/feed.xml",),
            urls=("https://rheinblick.test/a",),
            timezone="Europe/Berlin",
            home_url="https://rheinblick.test/",
            language="de",
        ),
        Source(name="courier", sitemaps=("https://courier.test/map.xml",)),
    )

    parts = write_parts(
        tmp_path,
        run_id="run-1",
        part_name="run-1-listings",
        partition="run_date=2025-03-04",
        articles=(),
        outcomes=(),
        sources=sources,
    )

    assert parts == {
        "source_configs": ("source_configs/run_date=2025-03-04/run-1-listings.parquet",)
    }
    rows = pq.read_table(tmp_path / parts["source_configs"][0])
    assert rows.schema.equals(SOURCE_CONFIGS.arrow_schema)
    assert rows.to_pylist() == [
        {
            "run_id": "run-1",
            "name": "rheinblick",
            "home_url": "https://rheinblick.test/",
            "language": "de",
            "timezone": "Europe/Berlin",
            "feeds": ["https://rheinblick.test/feed.xml"],
            "sitemaps": [],
            "url_count": 1,
        },
        {
            "run_id": "run-1",
            "name": "courier",
            "home_url": None,
            "language": None,
            "timezone": "UTC",
            "feeds": [],
            "sitemaps": ["https://courier.test/map.xml"],
            "url_count": 0,
        },
    ]


def test_no_sources_no_part(tmp_path: Path) -> None:
    assert (
        write_parts(tmp_path, run_id="r", part_name="p", partition="d", articles=(), outcomes=())
        == {}
    )
