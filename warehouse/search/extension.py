"""DuckDB's fts extension, whose Snowball ``stem(word, language)`` the search macros call.

Only the stemmer is used (no fts index). DuckDB installs extensions from the internet; an
offline machine gets fts from the ``duckdb-extension-fts`` wheel (a project dependency,
built for the pinned duckdb only), which ``duckdb_extensions.import_extension`` installs
into the user's extension folder (``~/.duckdb/extensions/v1.5.5/...``). Once there, any
DuckDB 1.5.5 client of that user, the CLI included, loads it by itself on first use.
"""

from __future__ import annotations

import duckdb
import duckdb_extensions


class SearchExtensionError(Exception):
    """Raised when the fts extension cannot be installed or loaded."""


def load_stemmer(connection: duckdb.DuckDBPyConnection) -> None:
    """Load the fts extension into the connection, installing it from the wheel if needed."""
    try:
        connection.execute("LOAD fts")
        return
    except duckdb.Error:
        pass
    try:
        duckdb_extensions.import_extension("fts", con=connection)
        connection.execute("LOAD fts")
    except (duckdb.Error, ModuleNotFoundError, OSError) as error:
        raise SearchExtensionError(
            f"cannot load DuckDB's fts extension (its stemmer serves full-text search): {error}"
        ) from error
