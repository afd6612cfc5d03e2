"""Each article's publication day on its outlet's clock, kept in ``published_local_day``.

The loader stamps a run's articles as it merges them (`LOCAL_DAY` on the staged rows);
a source whose zone a run changes (its first declaration too, when not UTC, the zone its
articles were counted in until then), and every article of a warehouse that predates
the column, are restamped here with one UPDATE over the articles concerned.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

ZONE_OF_SOURCE = "coalesce((SELECT timezone FROM sources WHERE name = {source}), 'UTC')"
"""The outlet's IANA zone for a source column (UTC while no run has declared it)."""

LOCAL_DAY = "(published_at AT TIME ZONE {zone})::DATE"
"""The publication day in a zone; null for an undated article."""

_RESTAMP = """
UPDATE articles
SET published_local_day = {local_day}
WHERE published_at IS NOT NULL {only}
"""


def local_day_sql(source_column: str) -> str:
    """Return the expression of a row's local publication day from its source column."""
    return LOCAL_DAY.format(zone=ZONE_OF_SOURCE.format(source=source_column))


def source_zones(connection: duckdb.DuckDBPyConnection, names: Sequence[str]) -> dict[str, str]:
    """Return the zone each named source's days are counted in: the one ``sources`` holds,
    UTC for a source no run has declared."""
    known = dict(
        connection.execute(
            "SELECT name, timezone FROM sources WHERE list_contains($names, name)",
            {"names": list(names)},
        ).fetchall()
    )
    return {name: known.get(name) or "UTC" for name in names}


def restamp_local_days(
    connection: duckdb.DuckDBPyConnection, sources: Sequence[str] | None = None
) -> None:
    """Recompute ``published_local_day`` of the named sources' articles (of every article
    when ``sources`` is None) from the zones ``sources`` holds now."""
    if sources is not None and not sources:
        return
    only = "" if sources is None else "AND list_contains($sources, source)"
    parameters = {} if sources is None else {"sources": list(sources)}
    connection.execute(
        _RESTAMP.format(local_day=local_day_sql("articles.source"), only=only), parameters
    )
