"""Opening the warehouse file with the session settings every caller relies on."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.search.extension import load_stemmer


def open_warehouse(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Return a connection to the warehouse file, in UTC, with the fts extension loaded,
    creating the file if writable."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(path), read_only=read_only)
    connection.execute("SET TimeZone = 'UTC'")
    # The search macros call fts's stemmer; offline, DuckDB cannot fetch it by itself.
    load_stemmer(connection)
    return connection
