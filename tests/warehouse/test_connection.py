"""Opening the warehouse file: created on demand, in UTC, read-only when asked."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.connection import open_warehouse


def test_open_creates_the_folder_and_sets_utc(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "mediawatch.duckdb"

    with open_warehouse(path) as connection:
        setting = connection.execute("SELECT current_setting('TimeZone')").fetchone()
        local_day = connection.execute(
            "SELECT (TIMESTAMPTZ '2025-03-03 23:30:00+00')::DATE"
        ).fetchone()

    assert path.is_file()
    assert setting == ("UTC",)
    assert local_day is not None and str(local_day[0]) == "2025-03-03"


def test_read_only_connection_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "mediawatch.duckdb"
    with open_warehouse(path) as connection:
        connection.execute("CREATE TABLE t (x INTEGER)")

    with open_warehouse(path, read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM t").fetchone() == (0,)
        with pytest.raises(duckdb.InvalidInputException, match="read-only"):
            connection.execute("INSERT INTO t VALUES (1)")


def test_read_only_open_of_a_missing_file_fails(tmp_path: Path) -> None:
    with pytest.raises(duckdb.IOException):
        open_warehouse(tmp_path / "missing" / "mediawatch.duckdb", read_only=True)

    assert not (tmp_path / "missing").exists()
