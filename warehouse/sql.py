"""Quoting for the SQL text DuckDB takes no parameters in: identifiers and DDL strings."""

from __future__ import annotations


def quote_identifier(name: str) -> str:
    """Return a DuckDB identifier in double quotes, with embedded quotes doubled."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """Return a SQL string literal; only for DDL text such as COMMENT, where DuckDB
    accepts no parameters."""
    return "'" + text.replace("'", "''") + "'"
