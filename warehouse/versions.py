"""Article versions: each distinct content an article has shown, and when runs saw it.

A run sees a version when it extracts it (a new or changed article: the run's
extractions) or fetches the article again and finds it unchanged (an ``unchanged``
outcome: the version the warehouse held before the run). Seeing a version again moves
its ``last_seen_at`` and counts in ``times_seen``; an article that changes back to an
earlier content gets no new row, its earlier version's row is seen again and records
``returned_at``. So the history keeps one row per content, ordered by first sight, and a
return shows as an earlier version seen after a later one.

`record_versions` runs in the loader's transaction, after the run is staged
(``incoming_extractions``, ``incoming_outcomes``) and the warehouse's rows of the run's
articles were copied, before the merge, to ``stored_articles``. It reaches
``article_versions`` only through its primary key (see `warehouse.keyed`).
"""

from __future__ import annotations

import duckdb

from warehouse.keyed import execute_by_keys, strings, update_from
from warehouse.schema import ARTICLE_VERSIONS, EXTRACTIONS

# The content columns a version shares with articles and extractions.
CONTENT_COLUMNS = tuple(
    c.name for c in ARTICLE_VERSIONS.columns if c.name in EXTRACTIONS.column_names
)

_SEEN = """
CREATE TEMP TABLE incoming_versions AS
WITH seen AS (
    SELECT article_id, version_hash, fetched_at, run_id, true AS extracted
    FROM incoming_extractions
    UNION ALL
    SELECT o.article_id, s.version_hash, o.fetched_at, o.run_id, false AS extracted
    FROM incoming_outcomes AS o JOIN stored_articles AS s ON s.article_id = o.article_id
    WHERE o.kind = 'article' AND o.reason = 'unchanged' AND o.fetched_at IS NOT NULL
)
SELECT seen.article_id || ':' || seen.version_hash AS version_id,
       seen.article_id,
       seen.version_hash,
       min(seen.fetched_at) AS first_seen_at,
       max(seen.fetched_at) AS last_seen_at,
       min(seen.run_id) AS run_id,
       bool_or(seen.extracted) AS extracted,
       -- Extracted although the warehouse held another content: if this content is known,
       -- the article changed back to it.
       max(seen.fetched_at) FILTER (
           WHERE seen.extracted AND stored.version_hash IS DISTINCT FROM seen.version_hash
       ) AS came_back_at
FROM seen LEFT JOIN stored_articles AS stored ON stored.article_id = seen.article_id
GROUP BY seen.article_id, seen.version_hash
"""

# The stored rows of the versions the run saw again, read by key.
_KNOWN = """
CREATE TEMP TABLE known_versions AS
SELECT {bookkeeping} FROM article_versions LIMIT 0
"""
_READ_KNOWN = """
INSERT INTO known_versions
SELECT {bookkeeping} FROM article_versions WHERE version_id IN ({{keys}})
"""
_SEEN_AGAIN = """
CREATE TEMP TABLE versions_seen_again AS
SELECT known.version_id,
       least(known.first_seen_at, seen.first_seen_at) AS first_seen_at,
       CASE WHEN seen.first_seen_at < known.first_seen_at
            THEN seen.run_id ELSE known.first_run_id END AS first_run_id,
       greatest(known.last_seen_at, seen.last_seen_at) AS last_seen_at,
       CASE WHEN seen.last_seen_at >= known.last_seen_at
            THEN seen.run_id ELSE known.last_run_id END AS last_run_id,
       known.times_seen + 1 AS times_seen,
       CASE WHEN seen.came_back_at IS NULL THEN known.returned_at
            ELSE greatest(known.returned_at, seen.came_back_at) END AS returned_at
FROM known_versions AS known JOIN incoming_versions AS seen USING (version_id)
"""
_BOOKKEEPING = (
    "version_id",
    "first_seen_at",
    "first_run_id",
    "last_seen_at",
    "last_run_id",
    "times_seen",
    "returned_at",
)

# A new version's content is what its earliest fetch in the run extracted.
_FIRST_SEEN = """
INSERT INTO article_versions BY NAME
SELECT seen.version_id, {content}, seen.first_seen_at, seen.last_seen_at,
       seen.run_id AS first_run_id, seen.run_id AS last_run_id, 1 AS times_seen,
       NULL::TIMESTAMPTZ AS returned_at
FROM incoming_versions AS seen
JOIN (
    SELECT *, row_number() OVER (
        PARTITION BY article_id, version_hash ORDER BY fetched_at, url
    ) AS pick
    FROM incoming_extractions
) AS e ON e.article_id = seen.article_id AND e.version_hash = seen.version_hash AND e.pick = 1
WHERE seen.extracted AND seen.version_id NOT IN (SELECT version_id FROM known_versions)
"""

# An unchanged article whose stored content has no version row (rows lost or never
# written): the stored article is that version, first seen when it was stored.
_FROM_STORED = """
INSERT INTO article_versions BY NAME
SELECT seen.version_id, {content},
       least(stored.updated_at, seen.first_seen_at) AS first_seen_at,
       greatest(stored.updated_at, seen.last_seen_at) AS last_seen_at,
       stored.run_id AS first_run_id, seen.run_id AS last_run_id,
       CASE WHEN stored.run_id = seen.run_id THEN 1 ELSE 2 END AS times_seen,
       NULL::TIMESTAMPTZ AS returned_at
FROM incoming_versions AS seen
JOIN stored_articles AS stored
  ON stored.article_id = seen.article_id AND stored.version_hash = seen.version_hash
WHERE NOT seen.extracted AND seen.version_id NOT IN (SELECT version_id FROM known_versions)
"""

_BACKFILL = """
INSERT INTO article_versions BY NAME
WITH seen_again AS (
    SELECT o.article_id,
           max(o.fetched_at) AS fetched_at,
           arg_max(o.run_id, o.fetched_at) AS run_id,
           count(DISTINCT o.run_id) AS runs
    FROM url_outcomes AS o JOIN articles AS a ON a.article_id = o.article_id
    WHERE o.kind = 'article' AND o.reason = 'unchanged' AND o.fetched_at > a.updated_at
    GROUP BY o.article_id
)
SELECT a.article_id || ':' || a.version_hash AS version_id, {content},
       a.updated_at AS first_seen_at,
       coalesce(seen_again.fetched_at, a.updated_at) AS last_seen_at,
       a.run_id AS first_run_id,
       coalesce(seen_again.run_id, a.run_id) AS last_run_id,
       (1 + coalesce(seen_again.runs, 0))::INTEGER AS times_seen,
       NULL::TIMESTAMPTZ AS returned_at
FROM articles AS a LEFT JOIN seen_again ON seen_again.article_id = a.article_id
"""

STAGED = ("incoming_versions", "known_versions", "versions_seen_again")
"""Temporary tables `record_versions` leaves for the loader to drop."""


def record_versions(connection: duckdb.DuckDBPyConnection) -> None:
    """Add the run's new article versions and extend the ones it saw again."""
    connection.execute(_SEEN)
    bookkeeping = ", ".join(_BOOKKEEPING)
    connection.execute(_KNOWN.format(bookkeeping=bookkeeping))
    seen = strings(connection, "SELECT version_id FROM incoming_versions")
    execute_by_keys(connection, _READ_KNOWN.format(bookkeeping=bookkeeping), seen)
    connection.execute(_SEEN_AGAIN)
    update_from(
        connection,
        table="article_versions",
        key="version_id",
        staged="versions_seen_again",
        columns=_BOOKKEEPING[1:],
    )
    connection.execute(_FIRST_SEEN.format(content=_qualified("e")))
    connection.execute(_FROM_STORED.format(content=_qualified("stored")))


def backfill_versions(connection: duckdb.DuckDBPyConnection) -> None:
    """Give every stored article its current content as a version (once, when a warehouse
    from before versions were recorded is upgraded): first seen when it was stored, last
    seen when a later run last found it unchanged."""
    connection.execute(_BACKFILL.format(content=_qualified("a")))


def _qualified(alias: str) -> str:
    return ", ".join(f'{alias}."{name}"' for name in CONTENT_COLUMNS)
