"""DuckDB DDL generated from the declared schemas, comments included."""

from __future__ import annotations

import duckdb

from warehouse.schema import WAREHOUSE_TABLES, Table, duckdb_type


def quote_identifier(name: str) -> str:
    """Return a DuckDB identifier in double quotes, with embedded quotes doubled."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """Return a SQL string literal; only for DDL text such as COMMENT, where DuckDB
    accepts no parameters."""
    return "'" + text.replace("'", "''") + "'"


def create_table_sql(table: Table, *, name: str | None = None, temporary: bool = False) -> str:
    """Return the CREATE TABLE IF NOT EXISTS statement of a table (or of a temporary copy)."""
    columns = [
        f"{quote_identifier(c.name)} {duckdb_type(c.type)}{'' if c.nullable else ' NOT NULL'}"
        for c in table.columns
    ]
    if table.primary_key:
        key = ", ".join(quote_identifier(name) for name in table.primary_key)
        columns.append(f"PRIMARY KEY ({key})")
    body = ",\n  ".join(columns)
    kind = "TEMP TABLE" if temporary else "TABLE"
    target = quote_identifier(name or table.name)
    return f"CREATE {kind} IF NOT EXISTS {target} (\n  {body}\n)"


def comment_sql(table: Table) -> list[str]:
    """Return the COMMENT ON statements for a table and each of its columns."""
    name = quote_identifier(table.name)
    statements = [f"COMMENT ON TABLE {name} IS {quote_literal(table.description)}"]
    statements += [
        f"COMMENT ON COLUMN {name}.{quote_identifier(c.name)} IS {quote_literal(c.description)}"
        for c in table.columns
    ]
    return statements


def add_missing_columns_sql(connection: duckdb.DuckDBPyConnection, table: Table) -> list[str]:
    """Return ALTER TABLE statements adding declared columns an older warehouse lacks.

    Columns are only ever added (nullable), so a file written by an older release upgrades
    in place and analysts' queries keep working.
    """
    existing = {
        row[0]
        for row in connection.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = $name",
            {"name": table.name},
        ).fetchall()
    }
    return [
        f"ALTER TABLE {quote_identifier(table.name)} ADD COLUMN "
        f"{quote_identifier(c.name)} {duckdb_type(c.type)}"
        for c in table.columns
        if c.name not in existing
    ]


def ensure_schema(connection: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables and columns and (re)apply every comment, in one transaction."""
    connection.execute("BEGIN TRANSACTION")
    try:
        for table in WAREHOUSE_TABLES:
            connection.execute(create_table_sql(table))
            for statement in add_missing_columns_sql(connection, table):
                connection.execute(statement)
            for statement in comment_sql(table):
                connection.execute(statement)
        connection.execute("COMMIT")
    except duckdb.Error:
        connection.execute("ROLLBACK")
        raise
