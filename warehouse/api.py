"""The warehouse from Python (notebooks, scripts): read-only, answers as pandas DataFrames.

    from warehouse.api import open_warehouse_readonly

    with open_warehouse_readonly(".mediawatch/demo/mediawatch.duckdb") as wh:
        counts = wh.daily_counts(since="2025-03-01")
        history = wh.article_history("https://example.com/news/story")
        ferry = wh.sql("SELECT title, url FROM articles WHERE title ILIKE $p", {"p": "%ferry%"})
        stories = wh.cookbook("syndicated_stories")

The connection is opened through `warehouse.published.open_reader`: read-only, so it never
takes the write lock, and any statement that would change the warehouse raises. It reads
the replica that was published when it opened and keeps that snapshot until closed; the
loader writes a standby replica meanwhile, so an open reader does not hold up a load.
Close it (or use ``with``) to see newer runs and to let the loader reuse the replica.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

import duckdb
import pandas as pd
from pandas.api.types import pandas_dtype

from warehouse.cookbook import CookbookError, cookbook_query
from warehouse.published import READER_RETRY_SECONDS, open_reader

__all__ = ["CookbookError", "Warehouse", "open_warehouse_readonly"]

# DuckDB's own conversion gives a column a dtype that depends on the rows (int32 without
# nulls, Int32 with; object when empty, str otherwise): these make it depend on the type.
_PANDAS_DTYPES = {
    duckdb_type: pandas_dtype(name)
    for duckdb_type, name in (
        ("tinyint", "Int8"),
        ("smallint", "Int16"),
        ("integer", "Int32"),
        ("bigint", "Int64"),
        ("utinyint", "UInt8"),
        ("usmallint", "UInt16"),
        ("uinteger", "UInt32"),
        ("ubigint", "UInt64"),
        ("varchar", "str"),
    )
}

_ARTICLES = """
SELECT * FROM articles
WHERE ($sources::VARCHAR[] IS NULL OR list_contains($sources::VARCHAR[], source))
  AND ($since::TIMESTAMPTZ IS NULL OR published_at >= $since::TIMESTAMPTZ)
  AND ($until::TIMESTAMPTZ IS NULL OR published_at < $until::TIMESTAMPTZ)
ORDER BY published_at NULLS LAST, article_id
"""

# The daily_counts view counts each language apart; the outlet's day is the view's.
_DAILY_COUNTS = """
SELECT source,
       local_day,
       timezone,
       sum(articles)::BIGINT AS articles,
       sum(syndicated_copies)::BIGINT AS syndicated_copies
FROM daily_counts
WHERE ($sources::VARCHAR[] IS NULL OR list_contains($sources::VARCHAR[], source))
  AND ($since::DATE IS NULL OR local_day >= $since::DATE)
  AND ($until::DATE IS NULL OR local_day <= $until::DATE)
GROUP BY source, local_day, timezone
ORDER BY source, local_day
"""

Moment = date | datetime | str


class Warehouse:
    """A read-only connection to the warehouse that answers queries as DataFrames."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection
        """The DuckDB connection itself (read-only), for what DataFrames do not cover."""

    def sql(self, query: str, params: Mapping[str, object] | None = None) -> pd.DataFrame:
        """Return the result of a query; ``$name`` in it takes ``params["name"]``.

        Integer columns come back as pandas' nullable integers (Int32, Int64, ...) and text
        as ``str``, whether or not the rows hold nulls; TIMESTAMPTZ as datetime64 in UTC.
        """
        cursor = self.connection.execute(query, dict(params) if params else None)
        if cursor.description is None:
            return pd.DataFrame()
        types = [column[1] for column in cursor.description]
        with warnings.catch_warnings():
            # duckdb 1.5.5 converts TIMESTAMPTZ columns with a pandas call that pandas 3
            # deprecates; the result is right, the warning is not ours to act on.
            warnings.filterwarnings("ignore", message="The inplace keyword in DataFrame.drop")
            frame = cursor.df()
        for index, column_type in enumerate(types):
            dtype = _PANDAS_DTYPES.get(column_type.id)
            if dtype is not None:
                frame.isetitem(index, frame.iloc[:, index].astype(dtype).array)
        return frame

    def articles(
        self,
        *,
        source: str | Iterable[str] | None = None,
        since: Moment | None = None,
        until: Moment | None = None,
    ) -> pd.DataFrame:
        """Return the current version of articles, oldest publication first.

        ``source`` keeps one outlet or several; ``since`` (inclusive) and ``until``
        (exclusive) bound ``published_at``, a date meaning its midnight UTC. With either
        bound, articles without a publication time are left out.
        """
        return self.sql(_ARTICLES, _filters(source, since, until))

    def daily_counts(
        self,
        *,
        source: str | Iterable[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
    ) -> pd.DataFrame:
        """Return articles per outlet and publication day on the outlet's clock.

        Columns: source, local_day, timezone (the outlet's, sources.timezone), articles,
        syndicated_copies (articles whose text copies an earlier article's). ``since`` and
        ``until`` are local days, both included; undated articles are left out. The
        ``daily_counts`` view has the same counts per language.
        """
        return self.sql(_DAILY_COUNTS, _filters(source, since, until))

    def article_history(self, url_or_id: str) -> pd.DataFrame:
        """Return the versions of an article (found by URL, canonical URL or article_id),
        oldest first, with what changed from one to the next."""
        return self.sql("FROM article_history($url_or_id::VARCHAR)", {"url_or_id": url_or_id})

    def cookbook(self, name: str, **params: object) -> pd.DataFrame:
        """Return the answer of a cookbook query (``warehouse/queries/<name>.sql``)."""
        query = cookbook_query(name)
        missing = sorted(set(query.parameters) - set(params))
        if missing:
            needed = " and ".join(f"{p} ({p}: {query.parameters[p]})" for p in missing)
            raise CookbookError(f"{name} needs {needed}")
        return self.sql(query.sql, params)

    def close(self) -> None:
        """Close the connection, releasing the replica it read."""
        self.connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_warehouse_readonly(
    path: Path | str, *, retry_seconds: float = READER_RETRY_SECONDS
) -> Warehouse:
    """Return the published warehouse at ``path``, opened read-only.

    Raises `warehouse.published.WarehouseMissingError` when no run has been loaded there.
    """
    return Warehouse(open_reader(Path(path), retry_seconds=retry_seconds))


def _filters(
    source: str | Iterable[str] | None, since: Moment | None, until: Moment | None
) -> dict[str, object]:
    sources = [source] if isinstance(source, str) else None if source is None else list(source)
    return {"sources": sources, "since": since, "until": until}
