"""DuckDB DDL generated from the declared schemas, comments included."""

from __future__ import annotations

import duckdb

from warehouse.local_days import restamp_local_days
from warehouse.schema import (
    ARTICLE_VERSIONS,
    ARTICLES,
    SEARCH_DOCS,
    SEARCH_TERMS,
    WAREHOUSE_TABLES,
    Table,
    duckdb_type,
)
from warehouse.search.index import ensure_search
from warehouse.sql import quote_identifier as quote_identifier
from warehouse.sql import quote_literal as quote_literal
from warehouse.versions import backfill_versions
from warehouse.views import MACROS, VIEWS, Macro, View


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


def index_sql(table: Table) -> list[str]:
    """Return the CREATE INDEX IF NOT EXISTS statements of a table's indexed columns."""
    return [
        f"CREATE INDEX IF NOT EXISTS {quote_identifier(f'{table.name}_{column}_idx')} "
        f"ON {quote_identifier(table.name)} ({quote_identifier(column)})"
        for column in table.indexed
    ]


def view_sql(view: View) -> list[str]:
    """Return the statements that (re)create a view and comment it and its columns."""
    name = quote_identifier(view.name)
    return [
        f"CREATE OR REPLACE VIEW {name} AS {view.sql.strip()}",
        f"COMMENT ON VIEW {name} IS {quote_literal(view.comment)}",
        *(
            f"COMMENT ON COLUMN {name}.{quote_identifier(c.name)} IS {quote_literal(c.description)}"
            for c in view.columns
        ),
    ]


def macro_sql(macro: Macro) -> list[str]:
    """Return the statements that (re)create a table macro and comment it."""
    name = quote_identifier(macro.name)
    parameters = ", ".join(quote_identifier(p) for p in macro.parameters)
    return [
        f"CREATE OR REPLACE MACRO {name}({parameters}) AS TABLE {macro.sql.strip()}",
        f"COMMENT ON MACRO TABLE {name} IS {quote_literal(macro.comment)}",
    ]


def add_missing_columns(
    connection: duckdb.DuckDBPyConnection, table: Table
) -> list[tuple[str, str]]:
    """Return each declared column an older warehouse lacks, with the ALTER TABLE statement
    adding it.

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
        (
            c.name,
            f"ALTER TABLE {quote_identifier(table.name)} ADD COLUMN "
            f"{quote_identifier(c.name)} {duckdb_type(c.type)}",
        )
        for c in table.columns
        if c.name not in existing
    ]


def ensure_schema(connection: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables, columns and indexes, (re)create the views and macros and
    (re)apply every comment, in one transaction.

    A warehouse from before article versions were recorded gets each article's current
    version as its first one (a rebuild from the lake recovers the earlier ones); one from
    before local days were stored gets them computed; one whose search terms were shared
    by every stemmer gets its search index rebuilt.
    """
    connection.execute("BEGIN TRANSACTION")
    try:
        existing = {
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT temporary"
            ).fetchall()
        }
        added: set[tuple[str, str]] = set()
        for table in WAREHOUSE_TABLES:
            connection.execute(create_table_sql(table))
            for column, statement in add_missing_columns(connection, table):
                connection.execute(statement)
                added.add((table.name, column))
            for statement in index_sql(table):
                connection.execute(statement)
            for statement in comment_sql(table):
                connection.execute(statement)
        if ARTICLES.name in existing and ARTICLE_VERSIONS.name not in existing:
            backfill_versions(connection)
        if (ARTICLES.name, "published_local_day") in added:
            restamp_local_days(connection)
        for view in VIEWS:
            for statement in view_sql(view):
                connection.execute(statement)
        for macro in MACROS:
            for statement in macro_sql(macro):
                connection.execute(statement)
        ensure_search(
            connection,
            backfill=ARTICLES.name in existing and SEARCH_DOCS.name not in existing,
            rebuild=(SEARCH_TERMS.name, "stemmer") in added,
        )
        connection.execute("COMMIT")
    except duckdb.Error:
        connection.execute("ROLLBACK")
        raise
