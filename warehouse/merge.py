"""The run's articles merged into ``articles``, and syndicated copies linked to originals.

Both run in the loader's transaction on the staged run (``incoming_extractions``) and on
``stored_articles``, the warehouse's rows of the run's articles as they were before the
run. They reach ``articles`` only through its primary key and its content_hash index
(see `warehouse.keyed`), so their cost follows the run, not the warehouse.
"""

from __future__ import annotations

import duckdb

from warehouse.keyed import INDEX_SCAN_ROWS, execute_by_keys, strings, update_from
from warehouse.local_days import local_day_sql
from warehouse.schema import EXTRACTIONS

ARTICLE_COLUMNS = tuple(c for c in EXTRACTIONS.column_names if c not in ("fetched_at", "run_id"))
"""The columns an extraction gives an article (all but the warehouse's own)."""

MERGED_COLUMNS = (*ARTICLE_COLUMNS, "published_local_day")
"""The columns a run sets on the articles it merges (beside first_seen_at and the like)."""

# The latest fetch of an article in the run is its version, its local day stamped with
# the zone the run's sources hold (upserted before the merge). When two sources fetched it
# (one listed it, another's page redirected onto it), the source whose home site the
# article is on comes first: a redirect cannot take another outlet's story.
_SITE = "regexp_replace(lower(split_part(split_part({url}, '://', 2), '/', 1)), '^www[.]', '')"
_PICK = """
CREATE TEMP TABLE incoming_articles AS
SELECT * EXCLUDE (pick), {local_day} AS published_local_day FROM (
    SELECT e.*, row_number() OVER (
        PARTITION BY e.article_id
        ORDER BY coalesce({article_site} = {home_site}, false) DESC, e.fetched_at DESC, e.url
    ) AS pick
    FROM incoming_extractions AS e LEFT JOIN sources AS s ON s.name = e.source
) AS picked WHERE pick = 1
""".replace("{article_site}", _SITE.format(url="e.url")).replace(
    "{home_site}", _SITE.format(url="s.home_url")
)

# The changed articles' new values: the content of their latest fetch, first_seen_at and
# the warehouse's own columns kept.
_CHANGED = """
CREATE TEMP TABLE changed_articles AS
SELECT {columns}, picked.fetched_at AS updated_at, picked.run_id
FROM incoming_articles AS picked JOIN stored_articles AS stored USING (article_id)
WHERE stored.version_hash <> picked.version_hash
"""

_INSERT = """
INSERT INTO articles BY NAME
SELECT {columns}, fetched_at AS first_seen_at, fetched_at AS updated_at, run_id,
       NULL::VARCHAR AS duplicate_of
FROM incoming_articles
WHERE article_id NOT IN (SELECT article_id FROM stored_articles)
"""

# The texts this run brought, and the texts its changed articles had before: a copy must
# not keep pointing at an original whose text is no longer the same.
_TOUCHED_TEXTS = """
SELECT content_hash FROM incoming_extractions
UNION
SELECT content_hash FROM stored_articles
WHERE article_id IN (SELECT article_id FROM incoming_extractions)
"""
_SAME_TEXTS = """
CREATE TEMP TABLE same_texts AS
SELECT article_id, content_hash, published_at, first_seen_at, duplicate_of FROM articles LIMIT 0
"""
_READ_SAME_TEXTS = """
INSERT INTO same_texts
SELECT article_id, content_hash, published_at, first_seen_at, duplicate_of FROM articles
WHERE content_hash IN ({keys})
"""
# The earliest-published article with a given text is the original; the others copy it.
_RANKED = """
CREATE TEMP TABLE duplicate_links AS
SELECT article_id, original AS duplicate_of FROM (
    SELECT article_id, duplicate_of AS linked,
           nullif(first_value(article_id) OVER (
               PARTITION BY content_hash
               ORDER BY published_at NULLS LAST, first_seen_at, article_id
           ), article_id) AS original
    FROM same_texts
) WHERE linked IS DISTINCT FROM original
"""
# Texts per lookup: a syndicated story has several copies, and the index answers while at
# most INDEX_SCAN_ROWS rows match.
_TEXTS_PER_LOOKUP = INDEX_SCAN_ROWS // 8

STAGED = ("incoming_articles", "changed_articles", "same_texts", "duplicate_links")
"""Temporary tables this module leaves for the loader to drop."""


def merge_articles(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Insert the run's new articles and update the changed ones (first_seen_at kept);
    return the ids of every article the run extracted."""
    connection.execute(_PICK.format(local_day=local_day_sql("picked.source")))
    columns = ", ".join(f'picked."{name}"' for name in MERGED_COLUMNS)
    connection.execute(_CHANGED.format(columns=columns))
    update_from(
        connection,
        table="articles",
        key="article_id",
        staged="changed_articles",
        columns=[c for c in MERGED_COLUMNS if c != "article_id"] + ["updated_at", "run_id"],
    )
    connection.execute(_INSERT.format(columns=", ".join(f'"{n}"' for n in MERGED_COLUMNS)))
    return strings(connection, "SELECT article_id FROM incoming_articles ORDER BY article_id")


def mark_duplicates(connection: duckdb.DuckDBPyConnection) -> None:
    """Point each copy of a text the run touched at its original (the earliest published
    article with that text), and release copies whose original's text changed."""
    texts = strings(connection, _TOUCHED_TEXTS)
    connection.execute(_SAME_TEXTS)
    execute_by_keys(connection, _READ_SAME_TEXTS, texts, chunk_size=_TEXTS_PER_LOOKUP)
    connection.execute(_RANKED)
    update_from(
        connection,
        table="articles",
        key="article_id",
        staged="duplicate_links",
        columns=["duplicate_of"],
    )
