"""Opening the warehouse file: created on demand, in UTC, read-only when asked."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.connection import LOAD_MEMORY_LIMIT_VARIABLE, MEMORY_LIMIT_VARIABLE, open_warehouse


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


def _memory_limit_bytes(connection: duckdb.DuckDBPyConnection) -> int:
    row = connection.execute(
        "SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'"
    ).fetchone()
    assert row is not None
    number, unit = str(row[0]).split()
    return int(float(number) * {"MiB": 2**20, "GiB": 2**30}[unit])


def test_readers_and_the_loader_run_with_their_default_memory_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(MEMORY_LIMIT_VARIABLE, raising=False)
    monkeypatch.delenv(LOAD_MEMORY_LIMIT_VARIABLE, raising=False)
    path = tmp_path / "mediawatch.duckdb"
    with open_warehouse(path) as connection:
        writer_limit = _memory_limit_bytes(connection)
    with open_warehouse(path, read_only=True) as connection:
        reader_limit = _memory_limit_bytes(connection)

    # DuckDB reports 2GB (10^9 bytes) as 1.8 GiB, 768MB as 732.4 MiB.
    assert reader_limit == pytest.approx(2 * 10**9, rel=0.05)
    assert writer_limit == pytest.approx(768 * 10**6, rel=0.05)


def test_the_environment_sets_other_memory_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MEMORY_LIMIT_VARIABLE, "512MB")
    monkeypatch.setenv(LOAD_MEMORY_LIMIT_VARIABLE, "1GB")
    path = tmp_path / "mediawatch.duckdb"
    with open_warehouse(path) as connection:
        assert _memory_limit_bytes(connection) == pytest.approx(10**9, rel=0.05)
    with open_warehouse(path, read_only=True) as connection:
        assert _memory_limit_bytes(connection) == pytest.approx(512 * 10**6, rel=0.05)
