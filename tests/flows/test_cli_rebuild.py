"""`mediawatch rebuild`: a new warehouse from the lake, published or written aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.cli import main
from tests.warehouse.builders import make_article, write_run
from warehouse.published import open_reader, publish_runs, published_replica

CONFIG = """
[storage]
lake = "lake"
captures = "captures"
warehouse = "mediawatch.duckdb"

[[sources]]
name = "gazette"
urls = ["https://gazette.example/news/harbour-wall"]
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    lake = tmp_path / "lake"
    write_run(lake, "run-1", [make_article("https://gazette.example/news/harbour-wall")])
    write_run(lake, "run-2", [make_article("https://gazette.example/news/ferry", text="Ferry.")])
    return path


def _articles(warehouse: Path) -> int:
    connection = open_reader(warehouse)
    try:
        row = connection.execute("SELECT count(*) FROM articles").fetchone()
        return int(row[0]) if row else -1
    finally:
        connection.close()


def test_rebuild_publishes_a_standby_built_from_the_lake(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warehouse = tmp_path / "mediawatch.duckdb"
    publish_runs(warehouse, tmp_path / "lake")
    before = published_replica(warehouse)

    assert main(["rebuild", "--config", str(config)]) == 0

    assert published_replica(warehouse) not in (None, before)
    assert _articles(warehouse) == 2
    assert "from 2 committed runs" in capsys.readouterr().out


def test_rebuild_out_writes_a_new_file_and_refuses_an_existing_one(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "check.duckdb"

    assert main(["rebuild", "--config", str(config), "--out", str(out)]) == 0
    assert _articles(out) == 2
    assert not (tmp_path / "mediawatch.duckdb").exists()  # nothing published

    assert main(["rebuild", "--config", str(config), "--out", str(out)]) == 2
    assert "exists" in capsys.readouterr().err
