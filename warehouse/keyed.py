"""Statements that reach a big table's rows through its index, not by scanning it.

Measured on duckdb 1.5.5 (a million articles): a filter ``key IN ($1, ..., $n)`` on a
column with an ART index (primary key or CREATE INDEX) is answered from the index while
at most ``index_scan_max_count`` (2048) rows match. A join, ``IN (SELECT ...)``,
``= ANY($list)`` and every ``INSERT ... ON CONFLICT`` (planned as MERGE INTO) read the
whole key column instead; so does ``UPDATE ... FROM staged WHERE key IN (...)`` when the
staged table holds a single row. So the loader stages a run's rows in small temporary
tables, computes new values there, and touches the warehouse's tables only through such
parameter lists, chunked: plain INSERTs, reads by key, and `update_from`. Its cost
follows the run's rows, not the warehouse's size.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import duckdb

from warehouse.sql import quote_identifier

INDEX_SCAN_ROWS = 2048
"""DuckDB's default index_scan_max_count: more matching rows and it scans the table."""
KEYS_PLACEHOLDER = "{keys}"


def chunks(keys: Iterable[str], size: int = INDEX_SCAN_ROWS) -> Iterator[list[str]]:
    """Yield the distinct keys, sorted, in lists of at most ``size``."""
    ordered = sorted(set(keys))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def key_list(count: int) -> str:
    """Return the positional parameters ``$1, ..., $count`` of an IN list."""
    return ", ".join(f"${number}" for number in range(1, count + 1))


def execute_by_keys(
    connection: duckdb.DuckDBPyConnection,
    sql: str,
    keys: Iterable[str],
    *,
    chunk_size: int = INDEX_SCAN_ROWS,
) -> None:
    """Run a statement once per chunk of keys, its ``{keys}`` placeholder replaced by the
    chunk's parameter list (so that ``key IN ({keys})`` is looked up in the index).

    The statement takes no other parameters: values come from staged tables.
    """
    if KEYS_PLACEHOLDER not in sql:
        raise ValueError("the statement has no {keys} placeholder")
    for chunk in chunks(keys, chunk_size):
        connection.execute(sql.replace(KEYS_PLACEHOLDER, key_list(len(chunk))), chunk)


def strings(connection: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    """Return the first column of a query's rows (keys read from a staged table)."""
    return [row[0] for row in connection.execute(sql).fetchall() if row[0] is not None]


def update_from(
    connection: duckdb.DuckDBPyConnection,
    *,
    table: str,
    key: str,
    staged: str,
    columns: Sequence[str],
) -> None:
    """Set the columns of the table's rows whose key the staged table holds to the staged
    values (the staged table has one row per key and every column named)."""
    target, key_column, source = (quote_identifier(n) for n in (table, key, staged))
    # One correlated subquery per column: DuckDB joins them above the index scan of the
    # target, where an UPDATE ... FROM join may scan the whole target instead.
    assignments = ", ".join(
        f"{quote_identifier(c)} = (SELECT staged.{quote_identifier(c)} FROM {source} AS staged "
        f"WHERE staged.{key_column} = {target}.{key_column})"
        for c in columns
    )
    keys = strings(connection, f"SELECT {key_column} FROM {source}")
    execute_by_keys(
        connection,
        f"UPDATE {target} SET {assignments} WHERE {key_column} IN ({KEYS_PLACEHOLDER})",
        keys,
    )
