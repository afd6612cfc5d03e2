"""Read-side SQL: what planning needs to know, summaries, checksums, the example query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from warehouse.schema import ARTICLES

# Run bookkeeping that legitimately differs between two runs over the same pages.
_RUN_COLUMNS = ("run_id", "first_seen_at", "updated_at", "capture_id")


@dataclass(frozen=True, kw_only=True)
class KnownArticle:
    """What the warehouse already holds for a URL."""

    article_id: str
    version_hash: str
    first_seen_at: datetime


def known_articles(
    connection: duckdb.DuckDBPyConnection, urls: list[str]
) -> dict[str, KnownArticle]:
    """Return the stored articles for the given URLs, keyed by URL."""
    if not urls or not _has_table(connection, ARTICLES.name):
        return {}
    rows = connection.execute(
        "SELECT url, article_id, version_hash, first_seen_at FROM articles "
        "WHERE url IN (SELECT unnest($urls))",
        {"urls": urls},
    ).fetchall()
    return {
        url: KnownArticle(article_id=article_id, version_hash=version, first_seen_at=first_seen)
        for url, article_id, version, first_seen in rows
    }


def _has_table(connection: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = connection.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = $name", {"name": name}
    ).fetchone()
    return found is not None and found[0] > 0


def article_rows_checksum(connection: duckdb.DuckDBPyConnection) -> str:
    """Return a hash of every article row, leaving out run ids and run timestamps."""
    kept = [c.name for c in ARTICLES.columns if c.name not in _RUN_COLUMNS]
    columns = ", ".join(f'"{name}"' for name in kept)
    row = connection.execute(
        f"SELECT count(*), sha256(coalesce(string_agg(to_json(struct_pack({columns}))::VARCHAR, "
        f"chr(10) ORDER BY article_id), '')) FROM articles"
    ).fetchone()
    assert row is not None
    return f"{row[0]}:{row[1]}"


def run_summary(connection: duckdb.DuckDBPyConnection, run_id: str) -> pd.DataFrame:
    """Return one row per source with the run's outcome counts by status."""
    return connection.execute(
        """
        SELECT source,
               count(*) FILTER (WHERE kind <> 'article') AS listings,
               count(*) FILTER (WHERE kind = 'article') AS article_urls,
               count(*) FILTER (WHERE reason = 'new') AS new,
               count(*) FILTER (WHERE reason = 'updated') AS updated,
               count(*) FILTER (WHERE reason = 'unchanged') AS unchanged,
               count(*) FILTER (WHERE status = 'skipped') AS skipped,
               count(*) FILTER (WHERE status = 'failed') AS failed
        FROM url_outcomes WHERE run_id = $run_id
        GROUP BY source ORDER BY source
        """,
        {"run_id": run_id},
    ).df()


def outcomes_by_reason(connection: duckdb.DuckDBPyConnection, run_id: str) -> pd.DataFrame:
    """Return the run's URL count per kind, status and reason."""
    return connection.execute(
        """
        SELECT kind, status, reason, count(*) AS urls
        FROM url_outcomes WHERE run_id = $run_id
        GROUP BY ALL ORDER BY kind, status, reason
        """,
        {"run_id": run_id},
    ).df()


EXAMPLE_QUERY = """
-- Articles per outlet and publication day in the outlet's own time zone, with the
-- syndicated copies counted apart (the daily_counts view, summed over languages).
SELECT source, local_day, timezone,
       sum(articles)::INTEGER AS articles,
       sum(syndicated_copies)::INTEGER AS syndicated_copies
FROM daily_counts
GROUP BY ALL
ORDER BY source, local_day
"""


def example_analyst_query(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the result of the README's example question: articles per outlet and day."""
    return connection.execute(EXAMPLE_QUERY).df()


# Failures worth another try on a later run: the server or the network, not the page.
TRANSIENT_REASONS = ("http_5xx", "timeout", "network_error")


@dataclass(frozen=True, kw_only=True)
class FailedUrl:
    """An article URL whose latest outcome was a transient failure."""

    url: str
    source: str
    discovered_via: str | None
    listed_in: str | None
    failed_runs: int


def transient_failures(
    connection: duckdb.DuckDBPyConnection, *, within_days: int = 30
) -> dict[str, FailedUrl]:
    """Return article URLs whose latest outcome (in recent runs) was a transient failure,
    with how many runs failed them, keyed by URL."""
    if not _has_table(connection, "url_outcomes"):
        return {}
    rows = connection.execute(
        """
        WITH recent AS (
            SELECT o.* FROM url_outcomes AS o JOIN runs AS r USING (run_id)
            WHERE o.kind = 'article' AND r.started_at > now() - to_days($days)
        ),
        transient AS (
            SELECT *, (status = 'failed' AND (reason IN (SELECT unnest($reasons))
                       OR http_status = 429)) AS is_transient
            FROM recent
        ),
        latest AS (
            SELECT *, row_number() OVER (PARTITION BY url ORDER BY run_id DESC) AS recency
            FROM transient
        )
        SELECT url, any_value(source) FILTER (WHERE recency = 1),
               any_value(discovered_via) FILTER (WHERE recency = 1),
               any_value(listed_in) FILTER (WHERE recency = 1),
               count(*) FILTER (WHERE is_transient)
        FROM latest
        GROUP BY url
        HAVING bool_or(recency = 1 AND is_transient)
        """,
        {"days": within_days, "reasons": list(TRANSIENT_REASONS)},
    ).fetchall()
    return {
        url: FailedUrl(
            url=url, source=source, discovered_via=via, listed_in=listed_in, failed_runs=runs
        )
        for url, source, via, listed_in, runs in rows
    }


@dataclass(frozen=True, kw_only=True)
class ListingState:
    """What the last successful read of a feed or sitemap left for a conditional request."""

    etag: str | None
    last_modified: str | None
    body_sha256: str | None


def listing_states(
    connection: duckdb.DuckDBPyConnection, urls: list[str]
) -> dict[str, ListingState]:
    """Return the newest validators (ETag, Last-Modified, body hash) of each listing URL."""
    if not urls or not _has_table(connection, "url_outcomes"):
        return {}
    rows = connection.execute(
        """
        SELECT url, arg_max(etag, run_id), arg_max(last_modified, run_id),
               arg_max(body_sha256, run_id)
        FROM url_outcomes
        WHERE kind IN ('feed', 'sitemap') AND body_sha256 IS NOT NULL
          AND url IN (SELECT unnest($urls))
        GROUP BY url
        """,
        {"urls": urls},
    ).fetchall()
    return {
        url: ListingState(etag=etag, last_modified=modified, body_sha256=digest)
        for url, etag, modified, digest in rows
    }


def seen_urls(connection: duckdb.DuckDBPyConnection, urls: list[str]) -> set[str]:
    """Return the article URLs among ``urls`` that any earlier run listed, queued or
    fetched (whatever happened to them)."""
    if not urls or not _has_table(connection, "url_outcomes"):
        return set()
    rows = connection.execute(
        "SELECT DISTINCT url FROM url_outcomes "
        "WHERE kind = 'article' AND url IN (SELECT unnest($urls))",
        {"urls": urls},
    ).fetchall()
    return {url for (url,) in rows}


@dataclass(frozen=True, kw_only=True)
class QueuedUrl:
    """An article URL a discovery poll listed that no run has fetched since."""

    url: str
    source: str
    discovered_via: str | None
    listed_in: str | None


def queued_urls(
    connection: duckdb.DuckDBPyConnection, *, within_days: int = 30
) -> dict[str, QueuedUrl]:
    """Return the article URLs whose latest outcome is ``queued`` (listed by a discovery
    poll in the last ``within_days`` days and not fetched since), keyed by URL."""
    if not _has_table(connection, "url_outcomes"):
        return {}
    rows = connection.execute(
        """
        WITH queued AS (
            SELECT DISTINCT o.url FROM url_outcomes AS o JOIN runs AS r USING (run_id)
            WHERE o.kind = 'article' AND o.reason = 'queued'
              AND r.started_at > now() - to_days($days)
        )
        SELECT url, arg_max(source, run_id), arg_max(discovered_via, run_id),
               arg_max(listed_in, run_id)
        FROM url_outcomes
        WHERE kind = 'article' AND url IN (SELECT url FROM queued)
        GROUP BY url
        HAVING arg_max(reason, run_id) = 'queued'
        ORDER BY url
        """,
        {"days": within_days},
    ).fetchall()
    return {
        url: QueuedUrl(url=url, source=source, discovered_via=via, listed_in=listed_in)
        for url, source, via, listed_in in rows
    }
