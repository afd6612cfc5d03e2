"""Fixtures of the warehouse tests: a lake folder and a real DuckDB file in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from warehouse.connection import open_warehouse


@pytest.fixture
def lake(tmp_path: Path) -> Path:
    """Return an empty lake root."""
    return tmp_path / "lake"


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Return a connection to a new warehouse file, closed after the test."""
    connection = open_warehouse(tmp_path / "warehouse" / "mediawatch.duckdb")
    try:
        yield connection
    finally:
        connection.close()
