"""Opening the warehouse file with the session settings every caller relies on."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from warehouse.search.extension import load_stemmer

MEMORY_LIMIT_VARIABLE = "MEDIAWATCH_DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "2GB"
"""DuckDB's memory_limit for read-only warehouse connections (analysts' queries), unless
the environment variable names another (e.g. ``4GB``). Without a limit DuckDB keeps up to
80 % of the machine's memory as cache: a million-article warehouse grew a reader past
10 GB. Over the limit, DuckDB spills to a temporary folder beside the file."""

LOAD_MEMORY_LIMIT_VARIABLE = "MEDIAWATCH_DUCKDB_LOAD_MEMORY_LIMIT"
DEFAULT_LOAD_MEMORY_LIMIT = "768MB"
"""DuckDB's memory_limit for writable connections: the loader, which runs inside a flow's
process beside its extraction. What a run's load holds past it (its staged rows, its
uncommitted ones) spills to disk; a larger budget spills less and loads faster. At 768MB a
100,000-article backfill's process tree stays under 2 GB, and a nightly load on a warehouse
of a million articles within its targets (see BENCHMARKS.md); at 2GB the backfill's tree
passed 2.8 GB."""


def memory_limit(*, read_only: bool = True) -> str:
    """Return the memory limit readers (or, with ``read_only=False``, loaders) run with."""
    if read_only:
        variable, default = MEMORY_LIMIT_VARIABLE, DEFAULT_MEMORY_LIMIT
    else:
        variable, default = LOAD_MEMORY_LIMIT_VARIABLE, DEFAULT_LOAD_MEMORY_LIMIT
    return os.environ.get(variable, "").strip() or default


def open_warehouse(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Return a connection to the warehouse file, in UTC, with the fts extension loaded
    and DuckDB's memory bounded (`memory_limit`), creating the file if writable."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(
        str(path), read_only=read_only, config={"memory_limit": memory_limit(read_only=read_only)}
    )
    connection.execute("SET TimeZone = 'UTC'")
    # The search macros call fts's stemmer; offline, DuckDB cannot fetch it by itself.
    load_stemmer(connection)
    return connection
