"""The warehouse analysts read: the published replica, opened read-only.

DuckDB lets one process open a file for writing and no other process open it at all
meanwhile. So the loader never writes the file readers open: it keeps standby replicas
beside the published one, brings a standby up to date with the lake runs it lacks, and
then publishes it by switching the ``warehouse.duckdb`` symlink in one atomic rename.
Readers open whatever the symlink names at that moment and keep a consistent snapshot
for as long as they hold it.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from warehouse.connection import open_warehouse

READER_RETRY_SECONDS = 10.0
"""How long a reader keeps retrying when it raced a publish (see open_reader)."""
_RETRY_PAUSE = 0.05


class WarehouseMissingError(Exception):
    """Raised when there is no warehouse at the path yet (no run has been loaded)."""


def open_reader(
    warehouse_path: Path, *, retry_seconds: float = READER_RETRY_SECONDS
) -> duckdb.DuckDBPyConnection:
    """Return a read-only connection to the published warehouse, in UTC.

    A reader that resolved the symlink just before a publish may find its (now standby)
    replica being written: DuckDB then refuses the open, and the symlink is read again.
    """
    deadline = time.monotonic() + retry_seconds
    while True:
        if not warehouse_path.exists():
            raise WarehouseMissingError(f"no warehouse at {warehouse_path}: run an ingest first")
        try:
            return open_warehouse(warehouse_path.resolve(), read_only=True)
        except duckdb.IOException:
            if time.monotonic() >= deadline:
                raise
            time.sleep(_RETRY_PAUSE)
