"""The run's configured sources merged into ``sources``.

Runs in the loader's transaction on the staged ``incoming_sources`` (the run's
``source_configs`` lake rows). ``sources`` has a row per configured outlet, a handful, so
a plain upsert is cheap here.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from warehouse.schema import SOURCES

_SETTINGS = tuple(
    c.name
    for c in SOURCES.columns
    if c.name not in ("name", "first_run_id", "first_run_at", "last_run_id", "last_run_at")
)

# The newest run's config gives a source's settings, also when runs load out of order.
_UPSERT = """
INSERT INTO sources BY NAME
SELECT name, {settings}, run_id AS first_run_id, $started_at AS first_run_at,
       run_id AS last_run_id, $started_at AS last_run_at
FROM (
    SELECT *, row_number() OVER (PARTITION BY name ORDER BY run_id) AS pick
    FROM incoming_sources
) WHERE pick = 1
ON CONFLICT (name) DO UPDATE SET
    {newer_settings},
    first_run_id = CASE WHEN excluded.first_run_at < sources.first_run_at
                        THEN excluded.first_run_id ELSE sources.first_run_id END,
    first_run_at = least(excluded.first_run_at, sources.first_run_at),
    last_run_id = CASE WHEN excluded.last_run_at >= sources.last_run_at
                       THEN excluded.last_run_id ELSE sources.last_run_id END,
    last_run_at = greatest(excluded.last_run_at, sources.last_run_at)
"""

_UNKNOWN_ZONES = """
SELECT DISTINCT name, timezone FROM incoming_sources
WHERE timezone NOT IN (SELECT name FROM pg_timezone_names())
ORDER BY ALL
"""


class UnknownTimeZoneError(ValueError):
    """Raised for a source whose time zone the warehouse's time zone library does not know
    (the views could not count its days)."""


def upsert_sources(connection: duckdb.DuckDBPyConnection, started_at: datetime) -> None:
    """Record the run's configured sources: settings from the newest run naming each, and
    the first and last runs that named it."""
    unknown = connection.execute(_UNKNOWN_ZONES).fetchall()
    if unknown:
        named = ", ".join(f"{name} ({zone!r})" for name, zone in unknown)
        raise UnknownTimeZoneError(f"sources with an unknown time zone: {named}")
    settings = ", ".join(f'"{name}"' for name in _SETTINGS)
    newer = ",\n    ".join(
        f'"{name}" = CASE WHEN excluded.last_run_at >= sources.last_run_at '
        f'THEN excluded."{name}" ELSE sources."{name}" END'
        for name in _SETTINGS
    )
    connection.execute(
        _UPSERT.format(settings=settings, newer_settings=newer), {"started_at": started_at}
    )
