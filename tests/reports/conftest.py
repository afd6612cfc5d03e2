"""Fixtures of the report tests: the six-week warehouse (built once) and an empty one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.reports.history_warehouse import HistoryWarehouse, build_history_warehouse
from warehouse.connection import open_warehouse
from warehouse.ddl import ensure_schema


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> HistoryWarehouse:
    """Return the six-week, four-outlet warehouse (read-only in every test)."""
    return build_history_warehouse(tmp_path_factory.mktemp("history"))


@pytest.fixture
def empty_warehouse(tmp_path: Path) -> Path:
    """Return the published path of a warehouse with its schema and no run."""
    replica = tmp_path / "mediawatch.duckdb.replicas" / "replica-1.duckdb"
    with open_warehouse(replica) as connection:
        ensure_schema(connection)
    published = tmp_path / "mediawatch.duckdb"
    published.symlink_to(replica.relative_to(tmp_path))
    return published


@pytest.fixture
def without_daily_health(history: HistoryWarehouse, tmp_path: Path) -> Path:
    """Return a copy of the six-week warehouse as one written before the
    source_health_daily view existed: source_health kept (as a table of its rows), the
    daily view gone."""
    replica = tmp_path / "replica.duckdb"
    shutil.copyfile(history.path.resolve(), replica)
    with open_warehouse(replica) as connection:
        connection.execute("CREATE TABLE kept_health AS FROM source_health")
        connection.execute("DROP VIEW source_health")
        connection.execute("DROP VIEW source_health_daily")
        connection.execute("ALTER TABLE kept_health RENAME TO source_health")
    published = tmp_path / "mediawatch.duckdb"
    published.symlink_to(replica.name)
    return published
