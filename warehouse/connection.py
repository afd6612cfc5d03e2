"""Opening the warehouse file with the session settings every caller relies on."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from warehouse.search.extension import load_stemmer

MEMORY_LIMIT_VARIABLE = "MEDIAWATCH_DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "2GB"
"""DuckDB's memory_limit for every warehouse connection, unless the environment variable
names another (e.g. ``4GB``). Without a limit DuckDB keeps up to 80 % of the machine's
memory as cache: a million-article warehouse grew a reader past 10 GB. Over the limit,
DuckDB spills to a temporary folder beside the file."""


def memory_limit() -> str:
    """Return the memory limit warehouse connections run with."""
    return os.environ.get(MEMORY_LIMIT_VARIABLE, "").strip() or DEFAULT_MEMORY_LIMIT


def open_warehouse(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Return a connection to the warehouse file, in UTC, with the fts extension loaded
    and DuckDB's memory bounded (`memory_limit`), creating the file if writable."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(
        str(path), read_only=read_only, config={"memory_limit": memory_limit()}
    )
    connection.execute("SET TimeZone = 'UTC'")
    # The search macros call fts's stemmer; offline, DuckDB cannot fetch it by itself.
    load_stemmer(connection)
    return connection
