"""Loading one committed run from the lake into DuckDB, in a single transaction."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

import duckdb
import pyarrow as pa

from warehouse import merge, versions
from warehouse.clusters import assign_clusters
from warehouse.ddl import create_table_sql, ensure_schema, quote_identifier
from warehouse.faults import checkpoint
from warehouse.keyed import execute_by_keys, strings
from warehouse.lake import Lake, LakeLocation, RunCommit, read_batches_of, read_commit
from warehouse.local_days import restamp_local_days, source_zones
from warehouse.memory import (
    describe_held_memory,
    release_freed_memory,
    return_freed_memory_promptly,
)
from warehouse.merge import mark_duplicates, merge_articles
from warehouse.schema import CAPTURES, EXTRACTIONS, SOURCE_CONFIGS, URL_OUTCOMES, Table
from warehouse.search.index import refresh_search_index
from warehouse.sources import UnknownTimeZoneError, upsert_sources
from warehouse.versions import record_versions

_log = logging.getLogger(__name__)


class LoadError(Exception):
    """Raised when a run cannot be loaded; the warehouse is left as it was."""


@dataclass(frozen=True, kw_only=True)
class RunInfo:
    """What the runs table records about a run beside the counts the loader derives."""

    run_id: str
    flow: str
    started_at: datetime
    config_sha256: str


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


# The warehouse's rows of the articles the run extracted or found unchanged, as they were
# before the run: what the merge, the versions and the duplicate links compare against.
_STORED = "CREATE TEMP TABLE stored_articles AS SELECT * FROM articles LIMIT 0"
_READ_STORED = "INSERT INTO stored_articles SELECT * FROM articles WHERE article_id IN ({keys})"
_RUN_ARTICLE_IDS = """
SELECT article_id FROM incoming_extractions
UNION
SELECT article_id FROM incoming_outcomes WHERE kind = 'article' AND reason = 'unchanged'
"""

_KNOWN_CAPTURES = "CREATE TEMP TABLE known_captures (capture_id VARCHAR)"
_READ_KNOWN_CAPTURES = (
    "INSERT INTO known_captures SELECT capture_id FROM captures WHERE capture_id IN ({keys})"
)
# A capture already indexed (or listed twice) is kept once.
_INSERT_CAPTURES = """
INSERT INTO captures BY NAME
SELECT * EXCLUDE (pick) FROM (
    SELECT *, row_number() OVER (
        PARTITION BY capture_id ORDER BY fetched_at, warc_file, record_offset
    ) AS pick
    FROM incoming_captures
) WHERE pick = 1 AND capture_id NOT IN (SELECT capture_id FROM known_captures)
"""

# A run gives a URL one outcome row per kind. Two sources may still name the same URL (a
# story both list, a "javascript:" link in both feeds, a shared sitemap): the row that got
# furthest is kept (extracted, then failed, then skipped), else the first source's. Without
# this, one such URL would fail the whole run's load, every source's rows with it. A run's
# own "queued" row of a URL it planned to fetch (flows.steps.plan) comes last: it stays only
# when the task that was to fetch the URL failed.
_ONE_OUTCOME_PER_URL = """
DELETE FROM incoming_outcomes WHERE rowid IN (
    SELECT rowid FROM (
        SELECT rowid, row_number() OVER (
            PARTITION BY url, kind
            ORDER BY CASE WHEN reason = 'queued' THEN 3 WHEN status = 'extracted' THEN 0
                          WHEN status = 'failed' THEN 1 ELSE 2 END,
                     source, reason, rowid
        ) AS pick
        FROM incoming_outcomes
    ) WHERE pick > 1
)
"""

# An article fetched twice in one run (a page redirected onto it, in another batch than
# the page itself): the fetch the merge kept is its outcome, the other a duplicate_url, as
# within one batch (flows.steps.extract).
_SECOND_FETCHES = """
UPDATE incoming_outcomes AS o
SET status = 'skipped', reason = 'duplicate_url', article_id = NULL,
    detail = 'fetched twice this run; the fetch for source ' || a.source || ' is kept'
FROM incoming_articles AS a
WHERE o.kind = 'article' AND o.status = 'extracted' AND o.reason IN ('new', 'updated')
  AND o.article_id = a.article_id AND o.capture_id IS DISTINCT FROM a.capture_id
"""

_STAGED = (
    "incoming_extractions",
    "incoming_outcomes",
    "incoming_captures",
    "incoming_sources",
    "stored_articles",
    "known_captures",
    *merge.STAGED,
    *versions.STAGED,
)


def load_run(connection: duckdb.DuckDBPyConnection, lake_root: LakeLocation, info: RunInfo) -> bool:
    """Load a committed run into the warehouse; return False if it was loaded before.

    Everything happens in one transaction: a failure leaves the warehouse as it was. The
    run's rows are staged in temporary tables; the warehouse's tables are reached through
    their keys and indexes (see `warehouse.keyed`), so a load costs what the run holds.

    A load that fails on a key constraint is tried once more, after a CHECKPOINT. The
    staged rows hold one row per key (the merge decides what a repeated key means), yet
    DuckDB 1.5.5 once refused, on a warehouse of 850,000 articles, the UPDATE of changed
    articles it runs as a delete and an insert of each row ("Duplicate key ... violates
    primary key constraint"); the same runs loaded again without it. A constraint that
    truly fails, fails twice, and the load raises `LoadError` with nothing changed.
    """
    ensure_schema(connection)
    already = connection.execute(
        "SELECT count(*) FROM runs WHERE run_id = $run_id", {"run_id": info.run_id}
    ).fetchone()
    if already is not None and already[0] > 0:
        return False
    lake = Lake.at(lake_root)
    commit = read_commit(lake, info.run_id)
    try:
        _load_in_transaction(connection, lake, commit, info)
    except LoadError as error:
        if not isinstance(error.__cause__, duckdb.ConstraintException):
            raise
        _log.warning(
            "loading run %s: DuckDB refused a key (%s); checkpointing and loading it again",
            info.run_id,
            error.__cause__,
        )
        try:
            connection.execute("CHECKPOINT")
        # A help, not a need: another transaction open on the file may hold it off.
        except duckdb.Error as failed:
            _log.warning(
                "loading run %s: CHECKPOINT before the retry failed: %s", info.run_id, failed
            )
        _load_in_transaction(connection, lake, commit, info)
    return True


def _load_in_transaction(
    connection: duckdb.DuckDBPyConnection, lake: Lake, commit: RunCommit, info: RunInfo
) -> None:
    """Stage the run and merge it into the warehouse in one transaction, committed, or
    rolled back on failure (`LoadError`, caused by the error that failed it)."""
    # What the flow freed before (its extraction's batches) goes back first.
    return_freed_memory_promptly()
    release_freed_memory()
    connection.execute("BEGIN TRANSACTION")
    try:
        for name, table in (
            ("incoming_extractions", EXTRACTIONS),
            ("incoming_outcomes", URL_OUTCOMES),
            ("incoming_captures", CAPTURES),
            ("incoming_sources", SOURCE_CONFIGS),
        ):
            _stage(connection, name, lake, commit.parts.get(table.name, ()), table)
        connection.execute(_ONE_OUTCOME_PER_URL)
        # Sources first: the merge stamps each article's local day with its outlet's zone.
        incoming_sources = strings(connection, "SELECT DISTINCT name FROM incoming_sources")
        zones_before = source_zones(connection, incoming_sources)
        upsert_sources(connection, info.started_at)
        zones_after = source_zones(connection, incoming_sources)
        connection.execute(_STORED)
        execute_by_keys(connection, _READ_STORED, strings(connection, _RUN_ARTICLE_IDS))
        record_versions(connection)
        extracted = merge_articles(connection)
        connection.execute(_SECOND_FETCHES)
        checkpoint("load")
        restamp_local_days(
            connection,
            [name for name in incoming_sources if zones_before[name] != zones_after[name]],
        )
        mark_duplicates(connection)
        assign_clusters(connection, extracted)
        refresh_search_index(connection, extracted)
        connection.execute("INSERT INTO url_outcomes BY NAME SELECT * FROM incoming_outcomes")
        connection.execute(_KNOWN_CAPTURES)
        execute_by_keys(
            connection,
            _READ_KNOWN_CAPTURES,
            strings(connection, "SELECT capture_id FROM incoming_captures"),
        )
        connection.execute(_INSERT_CAPTURES)
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
    # A committed part that is missing or unreadable stays so: no retry would help.
    except (duckdb.Error, pa.ArrowException, FileNotFoundError, UnknownTimeZoneError) as error:
        out_of_memory = isinstance(error, duckdb.OutOfMemoryException)
        held = describe_held_memory(connection) if out_of_memory else ""
        connection.execute("ROLLBACK")
        raise LoadError(
            f"loading run {info.run_id} failed, nothing was changed: {error}"
            + (f"\nDuckDB held: {held}" if held else "")
        ) from error
    finally:
        for name in _STAGED:
            connection.execute(f"DROP TABLE IF EXISTS {quote_identifier(name)}")
        release_freed_memory()


_PART_VIEW = "lake_part"
"""The name a part being staged is registered under in the loading connection."""


def _stage(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    lake: Lake,
    relatives: tuple[str, ...],
    table: Table,
) -> None:
    # The declared shape, filled by name: a part written before a nullable column was
    # declared loads with nulls in it, while one lacking a required column still fails.
    # No primary key here: the merge decides what a repeated key means.
    staging = replace(table, primary_key=())
    connection.execute(create_table_sql(staging, name=name, temporary=True))
    # Each part is read through the lake's filesystem and streamed in record batches, in
    # the commit's order, so a run's size never has to fit in memory here.
    for relative in relatives:
        connection.register(_PART_VIEW, read_batches_of(lake, relative))
        try:
            connection.execute(
                f"INSERT INTO {quote_identifier(name)} BY NAME SELECT * FROM {_PART_VIEW}"
            )
        finally:
            connection.unregister(_PART_VIEW)
