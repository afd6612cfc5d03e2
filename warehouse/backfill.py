"""Read-side SQL for backfills: which stored captures to extract again, which URLs to fetch
again, and how recent the warehouse's own versions are (so old pages never replace them).

Ranges are half-open UTC instants ``[start, end)``: a backfill of the days 1 to 31 asks
for ``[day 1 00:00 UTC, day 32 00:00 UTC)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from transforms.urls import article_id_for
from warehouse.captures import CaptureRecord
from warehouse.keyed import chunks, key_list

# The newest 2xx capture of each article URL; a URL whose newest capture falls outside the
# range is left alone, so a re-extraction never brings back older content than the
# warehouse's current version. The listing's date is carried when the stored article took
# its publication time from it (the page itself declared none).
_REEXTRACT = """
WITH fetched AS (
    SELECT o.url, o.source, o.discovered_via, o.listed_in, o.redirect_chain,
           coalesce(o.final_url, c.final_url) AS page_url,
           c.capture_id, c.url AS capture_url, c.final_url AS capture_final_url, c.status,
           c.content_type, c.fetched_at, c.warc_file, c.record_offset, c.record_length,
           c.payload_digest
    FROM url_outcomes AS o JOIN captures AS c ON c.capture_id = o.capture_id
    WHERE o.kind = 'article' AND c.status BETWEEN 200 AND 299
      AND o.source IN (SELECT unnest($sources))
),
newest AS (
    SELECT *, row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC, capture_id) AS recency
    FROM fetched
)
SELECT n.url, n.source, n.discovered_via, n.listed_in, n.redirect_chain, n.page_url,
       n.capture_id, n.capture_url, n.capture_final_url, n.status, n.content_type,
       n.fetched_at, n.warc_file, n.record_offset, n.record_length, n.payload_digest,
       CASE WHEN a.date_source = 'listing' THEN a.published_at END AS listed_published_at
FROM newest AS n LEFT JOIN articles AS a ON a.url = n.page_url
WHERE n.recency = 1 AND n.fetched_at >= $start AND n.fetched_at < $end
ORDER BY n.source, n.url
"""

# A URL counts from the first run that touched it (listed, queued, fetched or failed).
_REFETCH = """
SELECT o.url, arg_min(o.source, o.run_id) AS source,
       arg_min(o.discovered_via, o.run_id) AS discovered_via,
       arg_min(o.listed_in, o.run_id) AS listed_in,
       min(r.started_at) AS first_seen
FROM url_outcomes AS o JOIN runs AS r USING (run_id)
WHERE o.kind = 'article' AND o.reason <> 'invalid_url'
GROUP BY o.url
HAVING min(r.started_at) >= $start AND min(r.started_at) < $end
   AND arg_min(o.source, o.run_id) IN (SELECT unnest($sources))
ORDER BY source, o.url
"""


@dataclass(frozen=True, kw_only=True)
class StoredPage:
    """An article URL's newest stored capture, and what its run knew about the URL."""

    url: str
    """The URL as discovered (the outcome's URL)."""
    source: str
    discovered_via: str | None
    listed_in: str | None
    page_url: str
    """The URL that answered (after redirects): the article's URL."""
    redirect_chain: tuple[str, ...]
    listed_published_at: datetime | None
    capture: CaptureRecord


@dataclass(frozen=True, kw_only=True)
class FirstSeenUrl:
    """An article URL and the first run's view of it."""

    url: str
    source: str
    discovered_via: str | None
    listed_in: str | None
    first_seen: datetime


def pages_to_reextract(
    connection: duckdb.DuckDBPyConnection, *, start: datetime, end: datetime, sources: list[str]
) -> list[StoredPage]:
    """Return, per article URL of the sources, its newest 2xx capture when that capture was
    fetched in ``[start, end)``."""
    rows = connection.execute(
        _REEXTRACT, {"start": start, "end": end, "sources": sources}
    ).fetchall()
    return [
        StoredPage(
            url=url,
            source=source,
            discovered_via=via,
            listed_in=listed_in,
            page_url=page_url,
            redirect_chain=tuple(chain or ()),
            listed_published_at=listed_published_at,
            capture=CaptureRecord(
                capture_id=capture_id,
                url=capture_url,
                final_url=capture_final_url,
                status=status,
                content_type=content_type,
                fetched_at=fetched_at,
                warc_file=warc_file,
                offset=offset,
                length=length,
                payload_digest=digest,
            ),
        )
        for (
            url,
            source,
            via,
            listed_in,
            chain,
            page_url,
            capture_id,
            capture_url,
            capture_final_url,
            status,
            content_type,
            fetched_at,
            warc_file,
            offset,
            length,
            digest,
            listed_published_at,
        ) in rows
    ]


def urls_first_seen(
    connection: duckdb.DuckDBPyConnection, *, start: datetime, end: datetime, sources: list[str]
) -> list[FirstSeenUrl]:
    """Return the article URLs of the sources whose first run started in ``[start, end)``."""
    rows = connection.execute(_REFETCH, {"start": start, "end": end, "sources": sources})
    return [
        FirstSeenUrl(
            url=url, source=source, discovered_via=via, listed_in=listed_in, first_seen=first
        )
        for url, source, via, listed_in, first in rows.fetchall()
    ]


def versions_fetched_at(
    connection: duckdb.DuckDBPyConnection, urls: list[str]
) -> dict[str, datetime]:
    """Return when the warehouse's current version of each stored article URL was fetched
    (``articles.updated_at``), keyed by URL; looked up by primary key."""
    ids = {article_id_for(url): url for url in urls}
    found: dict[str, datetime] = {}
    for keys in chunks(ids):
        # A parameter list, not IN (SELECT ...): only a list is answered from the index.
        rows = connection.execute(
            "SELECT article_id, updated_at FROM articles "
            f"WHERE article_id IN ({key_list(len(keys))})",
            keys,
        ).fetchall()
        found.update({ids[article_id]: updated_at for article_id, updated_at in rows})
    return found
