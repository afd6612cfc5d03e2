"""Loading one committed run from the lake into DuckDB, in a single transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import duckdb

from warehouse.clusters import assign_clusters
from warehouse.ddl import create_table_sql, ensure_schema, quote_identifier
from warehouse.lake import read_commit
from warehouse.schema import CAPTURES, EXTRACTIONS, URL_OUTCOMES, Table


class LoadError(Exception):
    """Raised when a run cannot be loaded; the warehouse is left as it was."""


@dataclass(frozen=True, kw_only=True)
class RunInfo:
    """What the runs table records about a run beside the counts the loader derives."""

    run_id: str
    flow: str
    started_at: datetime
    config_sha256: str


_ARTICLE_COLUMNS = [c.name for c in EXTRACTIONS.columns if c.name not in ("fetched_at", "run_id")]

_MERGE_ARTICLES = """
INSERT INTO articles BY NAME
SELECT {columns}, fetched_at AS first_seen_at, fetched_at AS updated_at, run_id,
       NULL::VARCHAR AS duplicate_of
FROM (
    SELECT *, row_number() OVER (PARTITION BY article_id ORDER BY fetched_at DESC, url) AS pick
    FROM incoming_extractions
) WHERE pick = 1
ON CONFLICT (article_id) DO UPDATE SET
    {updates}, updated_at = excluded.updated_at, run_id = excluded.run_id
WHERE excluded.version_hash <> articles.version_hash
"""

# The earliest-published article with a given text is the original; the others copy it.
# Re-rank the texts this run brought and the texts of copies whose original this run changed:
# a copy must not keep pointing at an original whose text is no longer the same.
_MARK_DUPLICATES = """
UPDATE articles SET duplicate_of = ranked.original
FROM (
    SELECT article_id,
           first_value(article_id) OVER (
               PARTITION BY content_hash
               ORDER BY published_at NULLS LAST, first_seen_at, article_id
           ) AS original
    FROM articles
    WHERE content_hash IN (
        SELECT content_hash FROM incoming_extractions
        UNION
        SELECT content_hash FROM articles
        WHERE duplicate_of IN (SELECT article_id FROM incoming_extractions)
    )
) AS ranked
WHERE articles.article_id = ranked.article_id
  AND articles.duplicate_of IS DISTINCT FROM
      (CASE WHEN ranked.original = ranked.article_id THEN NULL ELSE ranked.original END)
"""

_FIX_DUPLICATE_SELF = "UPDATE articles SET duplicate_of = NULL WHERE duplicate_of = article_id"

_INSERT_RUN = """
INSERT INTO runs BY NAME
SELECT
    $run_id AS run_id, $flow AS flow, $started_at AS started_at, now() AS finished_at,
    $config_sha256 AS config_sha256,
    count(*)::INTEGER AS urls_touched,
    count(*) FILTER (WHERE reason = 'new')::INTEGER AS articles_new,
    count(*) FILTER (WHERE reason = 'updated')::INTEGER AS articles_updated,
    count(*) FILTER (WHERE reason = 'unchanged')::INTEGER AS articles_unchanged,
    count(*) FILTER (WHERE status = 'skipped')::INTEGER AS skipped,
    count(*) FILTER (WHERE status = 'failed')::INTEGER AS failed
FROM incoming_outcomes
"""


def load_run(connection: duckdb.DuckDBPyConnection, lake_root: Path, info: RunInfo) -> bool:
    """Load a committed run into the warehouse; return False if it was loaded before.

    Everything happens in one transaction: a failure leaves the warehouse as it was.
    """
    ensure_schema(connection)
    already = connection.execute(
        "SELECT count(*) FROM runs WHERE run_id = $run_id", {"run_id": info.run_id}
    ).fetchone()
    if already is not None and already[0] > 0:
        return False
    commit = read_commit(lake_root, info.run_id)
    extraction_paths = [str(p) for p in commit.paths(lake_root, EXTRACTIONS.name)]
    outcome_paths = [str(p) for p in commit.paths(lake_root, URL_OUTCOMES.name)]
    capture_paths = [str(p) for p in commit.paths(lake_root, CAPTURES.name)]
    connection.execute("BEGIN TRANSACTION")
    try:
        _stage(connection, "incoming_extractions", extraction_paths, EXTRACTIONS)
        _stage(connection, "incoming_outcomes", outcome_paths, URL_OUTCOMES)
        _stage(connection, "incoming_captures", capture_paths, CAPTURES)
        updates = ", ".join(
            f"{name} = excluded.{name}" for name in _ARTICLE_COLUMNS if name != "article_id"
        )
        connection.execute(
            _MERGE_ARTICLES.format(columns=", ".join(_ARTICLE_COLUMNS), updates=updates)
        )
        connection.execute(_MARK_DUPLICATES)
        connection.execute(_FIX_DUPLICATE_SELF)
        incoming_ids = connection.execute(
            "SELECT DISTINCT article_id FROM incoming_extractions"
        ).fetchall()
        assign_clusters(connection, [row[0] for row in incoming_ids])
        connection.execute("INSERT INTO url_outcomes BY NAME SELECT * FROM incoming_outcomes")
        connection.execute(
            "INSERT INTO captures BY NAME SELECT * FROM incoming_captures "
            "ON CONFLICT (capture_id) DO NOTHING"
        )
        connection.execute(
            _INSERT_RUN,
            {
                "run_id": info.run_id,
                "flow": info.flow,
                "started_at": info.started_at,
                "config_sha256": info.config_sha256,
            },
        )
        connection.execute("COMMIT")
    except duckdb.Error as error:
        connection.execute("ROLLBACK")
        raise LoadError(
            f"loading run {info.run_id} failed, nothing was changed: {error}"
        ) from error
    finally:
        connection.execute("DROP TABLE IF EXISTS incoming_extractions")
        connection.execute("DROP TABLE IF EXISTS incoming_outcomes")
        connection.execute("DROP TABLE IF EXISTS incoming_captures")
    return True


def _stage(
    connection: duckdb.DuckDBPyConnection, name: str, paths: list[str], table: Table
) -> None:
    # The declared shape, filled by name: a part written before a nullable column was
    # declared loads with nulls in it, while one lacking a required column still fails.
    # No primary key here: the merge decides what a repeated key means.
    staging = replace(table, primary_key=())
    connection.execute(create_table_sql(staging, name=name, temporary=True))
    if paths:
        # Parts live under hive-style folders (run_date=...); DuckDB would otherwise add
        # that folder name as an extra column, which the declared tables do not have.
        connection.execute(
            f"INSERT INTO {quote_identifier(name)} BY NAME "
            "SELECT * FROM read_parquet($paths, hive_partitioning = false)",
            {"paths": paths},
        )
