"""Keeping the search index in step with ``articles``: what changed is (re)indexed, in SQL.

`refresh_search_index` compares ``articles`` with ``search_docs`` by (article_id,
version_hash): a version not indexed yet is tokenised by the warehouse's own macros
(`warehouse.search.analysis`) and gets a new doc_id, its postings appended in one run
sorted by term (so zone maps find a term's rows); an indexed version whose article
changed or went away leaves ``search_docs`` at once, and its postings, which searches no
longer reach, are deleted in bulk once such versions are more than `PURGE_SHARE` of the
index (deleting from a big table costs a scan of it, whatever the number of rows).

It runs inside the caller's transaction (the loader's), so a failed load leaves the index
as it was, and its cost follows what changed, not the warehouse's size. The tokenising's
staging tables live in a cursor of their own, outside that transaction (see `_index`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from warehouse.faults import checkpoint
from warehouse.keyed import chunks, execute_by_keys, key_list, strings
from warehouse.schema import SCHEMA_VERSION
from warehouse.search.analysis import MACROS as TEXT_MACROS
from warehouse.search.analysis import macro_sql
from warehouse.search.extension import load_stemmer
from warehouse.search.query import MACROS as QUERY_MACROS
from warehouse.search.query import table_macro_sql

CHUNK_DOCS = 5_000
"""Versions tokenised at once: bounds the memory a refresh needs. A chunk of 10,000
articles of 3-5 KB takes 1.4 GB of DuckDB's memory to tokenise when it may, and fails
below 300-400 MB; 5,000 fit in 300 MB, so a loader budget of 768MB holds them beside
what a load of a nightly run on a 500,000-article warehouse keeps (where 10,000 failed)."""
RUN_DOCS = 50_000
"""Versions whose postings are appended together, in term order (one sorted run)."""
RUN_SLICE_ROWS = 3_000_000
"""Postings rows sorted at once: a run (about 25 million rows for 50,000 articles) is
sorted and appended in slices of consecutive term ids, so the loader's DuckDB budget need
not hold a whole run's sort (at 768MB it did not)."""
SOURCE_BATCH_ROWS = 256
"""Articles per Arrow batch handed to the tokeniser (DuckDB's unit of parallel work)."""
RUN_BATCH_ROWS = 1 << 20
"""Postings rows per Arrow batch streamed from a sorted run into the index."""
PURGE_SHARE = 0.05
"""Share of stale versions (of the indexed ones) above which their postings are deleted."""


@dataclass(frozen=True, kw_only=True)
class SearchRefresh:
    """What a refresh did to the search index."""

    indexed: int
    """Article versions tokenised and added."""
    removed: int
    """Indexed versions dropped: their article changed or is gone."""
    purged_postings: int
    """Postings rows of stale versions deleted (0 unless the purge ran)."""


def ensure_search(
    connection: duckdb.DuckDBPyConnection, *, backfill: bool = False, rebuild: bool = False
) -> None:
    """(Re)create the search macros, loading the fts extension their stemmer needs; with
    ``backfill`` (a warehouse that had articles before it had the index), index them all;
    with ``rebuild`` (an index of an older layout), empty the index first."""
    load_stemmer(connection)
    comment_suffix = f" (schema_version {SCHEMA_VERSION})"
    for text_macro in TEXT_MACROS:
        for statement in macro_sql(text_macro, comment_suffix):
            connection.execute(statement)
    for table_macro in QUERY_MACROS:
        for statement in table_macro_sql(table_macro, comment_suffix):
            connection.execute(statement)
    if rebuild:
        for table in ("search_postings", "search_stale", "search_docs", "search_terms"):
            connection.execute(f"DELETE FROM {table}")
    if backfill or rebuild:
        refresh_search_index(connection)


# Whole-index comparison (a backfill or a repair): every current version not indexed, and
# every indexed version no longer current.
_PENDING = """
CREATE OR REPLACE TEMP TABLE search_pending AS
SELECT a.article_id FROM articles AS a
ANTI JOIN search_docs AS d ON d.article_id = a.article_id AND d.version_hash = a.version_hash
"""
_DROPPED = """
CREATE OR REPLACE TEMP TABLE search_dropped AS
SELECT d.doc_id, d.article_id FROM search_docs AS d
ANTI JOIN articles AS a ON a.article_id = d.article_id AND a.version_hash = d.version_hash
"""
# The same for the articles a load touched, through the keys' indexes only.
_KEYED_TABLES = """
CREATE OR REPLACE TEMP TABLE search_current AS
SELECT article_id, version_hash FROM articles LIMIT 0;
CREATE OR REPLACE TEMP TABLE search_indexed AS
SELECT doc_id, article_id, version_hash FROM search_docs LIMIT 0;
"""
_READ_CURRENT = """
INSERT INTO search_current
SELECT article_id, version_hash FROM articles WHERE article_id IN ({keys})
"""
_READ_INDEXED = """
INSERT INTO search_indexed
SELECT doc_id, article_id, version_hash FROM search_docs WHERE article_id IN ({keys})
"""
_KEYED_PENDING = """
CREATE OR REPLACE TEMP TABLE search_pending AS
SELECT c.article_id FROM search_current AS c
ANTI JOIN search_indexed AS i ON i.article_id = c.article_id AND i.version_hash = c.version_hash
"""
_KEYED_DROPPED = """
CREATE OR REPLACE TEMP TABLE search_dropped AS
SELECT i.doc_id, i.article_id FROM search_indexed AS i
ANTI JOIN search_current AS c ON c.article_id = i.article_id AND c.version_hash = i.version_hash
"""
_STALE = "INSERT INTO search_stale SELECT doc_id FROM search_dropped"
# An article has one indexed version: deleting by article_id (its index) removes just it.
_RETIRE = "DELETE FROM search_docs WHERE article_id IN ({keys})"
# Doc ids only grow, so the newest run of search_docs (and of search_stale) holds the
# largest: a top-1 scan reads that row group, not the table.
_NEXT_DOC_ID = """
SELECT coalesce(greatest(
    (SELECT doc_id FROM search_docs ORDER BY doc_id DESC LIMIT 1),
    (SELECT doc_id FROM search_stale ORDER BY doc_id DESC LIMIT 1)), 0) + 1
"""

# Tokenising happens in a second connection to the same database (a cursor), whose
# temporary tables commit on their own. Staged in the caller's transaction, every chunk's
# tables would stay until its COMMIT, even once replaced or emptied: a whole-index build
# of a million articles kept tens of GB of them (spilled to disk), and each chunk of a
# nightly load hundreds of MB. The caller's connection reads the articles (it sees the
# load's uncommitted versions) and writes the index; Arrow carries the data between,
# through relations (`from_arrow`): an Arrow object registered as a view in a transaction
# stays referenced, with its memory, until the transaction ends.
_READ_SOURCE = """
SELECT article_id, version_hash, language, coalesce(title, '') AS title, text, source,
       published_at
FROM articles WHERE article_id IN ({keys})
"""
# The cursor keeps a copy of the term dictionary, to which each chunk adds its new terms:
# it cannot see the terms the caller's transaction added.
_READ_DICTIONARY = "SELECT term_id, term, stemmer FROM search_terms"
_DICTIONARY = """
CREATE OR REPLACE TEMP TABLE search_dictionary AS SELECT * FROM search_terms_copy
"""
# Title tokens hold positions 1..T, text tokens T+2 onwards: a phrase never spans both.
# The source is an Arrow table in small batches: DuckDB splits a scan of its own tables
# by row groups of 122,880 rows, so a chunk's tokenising would run on one core.
_CHUNK_TOKENS = """
CREATE OR REPLACE TEMP TABLE search_chunk_tokens AS
SELECT doc_id, stemmer, title_length, token, position FROM (
    SELECT doc_id, stemmer, len(title_tokens)::INTEGER AS title_length,
           unnest(list_concat(title_tokens, [NULL], text_tokens)) AS token,
           unnest(range(1, len(title_tokens) + len(text_tokens) + 2))::INTEGER AS position
    FROM (
        SELECT doc_id, search_stemmer(language) AS stemmer, search_tokens(title) AS title_tokens,
               search_tokens(text) AS text_tokens
        FROM search_chunk_source
    )
) WHERE token IS NOT NULL
"""
_CHUNK_VOCABULARY = """
CREATE OR REPLACE TEMP TABLE search_chunk_vocabulary AS
SELECT stemmer, token, search_term(token, stemmer) AS term
FROM (SELECT DISTINCT stemmer, token FROM search_chunk_tokens)
"""
# Terms are per stemmer: a search then reaches only postings of documents of that stemmer,
# where terms shared by every language made it read (and join away) those of the others.
_NEW_TERMS = """
CREATE OR REPLACE TEMP TABLE search_chunk_new_terms AS
SELECT ($first_term_id + row_number() OVER (ORDER BY n.stemmer, n.term) - 1)::INTEGER
           AS term_id,
       n.term, n.stemmer
FROM (SELECT DISTINCT stemmer, term FROM search_chunk_vocabulary) AS n
ANTI JOIN search_dictionary AS d ON d.term = n.term AND d.stemmer = n.stemmer
ORDER BY n.stemmer, n.term
"""
_ADD_NEW_TERMS = "INSERT INTO search_dictionary SELECT * FROM search_chunk_new_terms"
_READ_NEW_TERMS = "SELECT term_id, term, stemmer FROM search_chunk_new_terms"
_RUN_POSTINGS = """
CREATE OR REPLACE TEMP TABLE search_run_postings AS
SELECT 0::INTEGER AS term_id, 0::INTEGER AS doc_id, 0::INTEGER AS title_tf, 0::INTEGER AS text_tf,
       []::INTEGER[] AS positions
LIMIT 0
"""
_CHUNK_POSTINGS = """
INSERT INTO search_run_postings
SELECT i.term_id, k.doc_id,
       count(*) FILTER (WHERE k.position <= k.title_length)::INTEGER,
       count(*) FILTER (WHERE k.position > k.title_length)::INTEGER,
       list_sort(list(k.position))
FROM search_chunk_tokens AS k
JOIN (
    SELECT v.stemmer, v.token, d.term_id
    FROM search_chunk_vocabulary AS v
    JOIN search_dictionary AS d ON d.stemmer = v.stemmer AND d.term = v.term
) AS i ON i.stemmer = k.stemmer AND i.token = k.token
GROUP BY i.term_id, k.doc_id
"""
_CHUNK_DOCS = """
SELECT c.doc_id, c.article_id, c.version_hash, search_stemmer(c.language) AS stemmer,
       coalesce(t.title_length, 0)::INTEGER AS title_length,
       coalesce(t.length, 0)::INTEGER AS length, c.source, c.published_at
FROM search_chunk_source AS c
LEFT JOIN (
    SELECT doc_id, any_value(title_length) AS title_length, count(*) AS length
    FROM search_chunk_tokens GROUP BY doc_id
) AS t ON t.doc_id = c.doc_id
"""
_RUN_EXTENT = "SELECT count(*), min(term_id), max(term_id) FROM search_run_postings"
# Approximate quantiles are enough: any bounds give the same order, only slice sizes vary.
_RUN_QUANTILES = "SELECT approx_quantile(term_id, [{fractions}]) FROM search_run_postings"
_RUN_SLICE = """
SELECT * FROM search_run_postings WHERE term_id >= $low AND term_id < $high ORDER BY term_id
"""
_PURGE = """
DELETE FROM search_postings WHERE doc_id IN (SELECT doc_id FROM search_stale)
"""

_STAGED = ("search_current", "search_indexed", "search_pending", "search_dropped")


def refresh_search_index(
    connection: duckdb.DuckDBPyConnection, article_ids: Sequence[str] | None = None
) -> SearchRefresh:
    """Index the current versions of the given articles (of all articles when None) that
    the index lacks and drop the indexed versions no longer current; return what changed.

    Runs in the caller's transaction. With ids, it reaches ``articles`` and ``search_docs``
    through their indexes only, so a load pays for its own articles; without, it compares
    the whole tables (a backfill, or a repair after articles were deleted).
    """
    load_stemmer(connection)
    if article_ids is None:
        connection.execute(_PENDING)
        connection.execute(_DROPPED)
    else:
        connection.execute(_KEYED_TABLES)
        execute_by_keys(connection, _READ_CURRENT, article_ids)
        execute_by_keys(connection, _READ_INDEXED, article_ids)
        connection.execute(_KEYED_PENDING)
        connection.execute(_KEYED_DROPPED)
    retired = strings(connection, "SELECT article_id FROM search_dropped")
    if retired:
        connection.execute(_STALE)
        execute_by_keys(connection, _RETIRE, retired)
    pending = strings(connection, "SELECT article_id FROM search_pending ORDER BY article_id")
    _index(connection, pending)
    checkpoint("index")
    purged = _purge_if_many(connection)
    # Dropped on success only: after a failure the caller's rollback takes them away, and
    # an aborted transaction refuses every statement but ROLLBACK.
    for name in _STAGED:
        connection.execute(f"DROP TABLE IF EXISTS {name}")
    return SearchRefresh(indexed=len(pending), removed=len(retired), purged_postings=purged)


def _index(connection: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> None:
    if not article_ids:
        return
    next_doc_id = _count(connection, _NEXT_DOC_ID)
    scratch = connection.cursor()
    try:
        for text_macro in TEXT_MACROS:
            scratch.execute(macro_sql(text_macro)[0].replace("MACRO", "TEMP MACRO", 1))
        dictionary = connection.sql(_READ_DICTIONARY).to_arrow_table()
        next_term_id = (pc.max(dictionary["term_id"]).as_py() or 0) + 1
        scratch.register("search_terms_copy", dictionary)
        scratch.execute(_DICTIONARY)
        scratch.unregister("search_terms_copy")
        del dictionary
        scratch.execute(_RUN_POSTINGS)
        in_run = 0
        for start in range(0, len(article_ids), CHUNK_DOCS):
            chunk = article_ids[start : start + CHUNK_DOCS]
            source = _read_source(connection, chunk, next_doc_id)
            scratch.register("search_chunk_source", source)
            scratch.execute(_CHUNK_TOKENS)
            scratch.execute(_CHUNK_VOCABULARY)
            scratch.execute(_NEW_TERMS, {"first_term_id": next_term_id})
            scratch.execute(_ADD_NEW_TERMS)
            new_terms = scratch.execute(_READ_NEW_TERMS).to_arrow_table()
            next_term_id += new_terms.num_rows
            connection.from_arrow(new_terms).insert_into("search_terms")
            scratch.execute(_CHUNK_POSTINGS)
            docs = scratch.execute(_CHUNK_DOCS).to_arrow_table()
            scratch.unregister("search_chunk_source")
            connection.from_arrow(docs).insert_into("search_docs")
            next_doc_id += source.num_rows
            in_run += source.num_rows
            if in_run >= RUN_DOCS:
                _append_run(connection, scratch)
                in_run = 0
        if in_run:
            _append_run(connection, scratch)
    finally:
        scratch.close()


def _read_source(
    connection: duckdb.DuckDBPyConnection, article_ids: Sequence[str], first_doc_id: int
) -> pa.Table:
    """Return the articles as Arrow, in article_id order, numbered from first_doc_id."""
    parts = [
        connection.sql(
            _READ_SOURCE.replace("{keys}", key_list(len(keys))), params=keys
        ).to_arrow_table()
        for keys in chunks(article_ids)
    ]
    table = pa.concat_tables(parts)
    table = table.take(pc.sort_indices(table, [("article_id", "ascending")]))
    doc_ids = pa.array(range(first_doc_id, first_doc_id + table.num_rows), pa.int32())
    table = table.add_column(0, "doc_id", doc_ids)
    return pa.Table.from_batches(table.to_batches(max_chunksize=SOURCE_BATCH_ROWS), table.schema)


def _append_run(connection: duckdb.DuckDBPyConnection, scratch: duckdb.DuckDBPyConnection) -> None:
    # Slice after slice, in term order: the index gets the run sorted by term as one sort
    # would give it, streamed from the scratch connection.
    for low, high in _run_slices(scratch):
        sorted_slice = scratch.execute(_RUN_SLICE, {"low": low, "high": high})
        connection.from_arrow(sorted_slice.to_arrow_reader(RUN_BATCH_ROWS)).insert_into(
            "search_postings"
        )
    scratch.execute(_RUN_POSTINGS)


def _run_slices(scratch: duckdb.DuckDBPyConnection) -> list[tuple[int, int]]:
    """Return [low, high) term id ranges covering the run, of about `RUN_SLICE_ROWS` each."""
    row = scratch.execute(_RUN_EXTENT).fetchone()
    if row is None or not row[0]:
        return []
    rows, first, last = (int(value) for value in row)
    slices = -(-rows // RUN_SLICE_ROWS)
    bounds = {first, last + 1}
    if slices > 1:
        fractions = ", ".join(str(share / slices) for share in range(1, slices))
        quantiles = scratch.execute(_RUN_QUANTILES.format(fractions=fractions)).fetchone()
        if quantiles is not None:
            bounds.update(int(bound) for bound in quantiles[0])
    return list(pairwise(sorted(bounds)))


def _purge_if_many(connection: duckdb.DuckDBPyConnection) -> int:
    stale = _count(connection, "SELECT count(*) FROM search_stale")
    # The catalog's row count: counting search_docs would read it whole.
    indexed = _count(
        connection,
        "SELECT estimated_size FROM duckdb_tables() "
        "WHERE table_name = 'search_docs' AND NOT temporary AND schema_name = current_schema() "
        "AND database_name = current_database()",
    )
    if stale == 0 or stale <= PURGE_SHARE * indexed:
        return 0
    return purge_stale_postings(connection)


def purge_stale_postings(connection: duckdb.DuckDBPyConnection) -> int:
    """Delete the postings of every stale version; return how many rows went."""
    row = connection.execute(_PURGE).fetchone()
    connection.execute("DELETE FROM search_stale")
    return int(row[0]) if row else 0


def _count(connection: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = connection.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0
