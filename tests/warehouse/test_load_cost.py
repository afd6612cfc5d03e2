"""A load's cost follows the run, not the warehouse: no statement reads the big tables whole.

DuckDB's profiler counts the rows each statement scanned. A warehouse of BULK articles
(with their versions, outcomes and captures) takes small runs; every statement of the load
must scan far fewer rows than the warehouse holds, except the near-duplicate candidate
search, which reads every fingerprint by design (see warehouse.clusters).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

import duckdb
import pytest

from tests.warehouse.builders import T0, make_article, outcome_for, revised, run_info, write_run
from transforms.records import Reason, Source
from warehouse.clusters import WHOLE_TABLE_READS
from warehouse.connection import open_warehouse
from warehouse.ddl import ensure_schema
from warehouse.keyed import key_list
from warehouse.load import load_run

BULK = 30_000
MOST_ROWS_SCANNED = BULK // 5
"""A statement may read the run's staged rows once per column it sets (an UPDATE of twenty
columns from a staged run of a hundred reads a few thousand), never the bulk."""
RUN_ARTICLES = 120
"""More keys than DuckDB's dynamic_or_filter_threshold (50): up to that many, a join's keys
become a filter the index answers, and a whole-table join would go unnoticed."""

_FILL = f"""
INSERT INTO articles BY NAME
SELECT md5(i::VARCHAR)[:16] AS article_id, 'https://bulk.test/' || i AS url, 'bulk' AS source,
       ['Ann'] AS authors, 'Bulk story number ' || i AS text, 4 AS word_count,
       md5('text' || (i // 2)::VARCHAR)[:32] AS content_hash,
       md5('version' || i::VARCHAR)[:32] AS version_hash, 'e' AS extractor_version,
       [] AS tags, TIMESTAMPTZ '2025-01-01' + to_minutes(i) AS published_at,
       TIMESTAMPTZ '2025-01-01' AS first_seen_at, TIMESTAMPTZ '2025-01-01' AS updated_at,
       'bulk-run' AS run_id, (hash(i) >> 1)::BIGINT AS simhash, md5(i::VARCHAR)[:16] AS cluster_id
FROM range({BULK}) AS t(i);
INSERT INTO article_versions BY NAME
SELECT article_id || ':' || version_hash AS version_id,
       * EXCLUDE (first_seen_at, updated_at, run_id, simhash, cluster_id, duplicate_of,
                  published_local_day),
       first_seen_at, updated_at AS last_seen_at, run_id AS first_run_id,
       run_id AS last_run_id, 1 AS times_seen
FROM articles;
INSERT INTO url_outcomes BY NAME
SELECT 'bulk-run' AS run_id, url, source, 'article' AS kind, 'extracted' AS status,
       'new' AS reason, [] AS redirect_chain, article_id
FROM articles;
INSERT INTO captures BY NAME
SELECT md5('capture' || i::VARCHAR)[:16] AS capture_id, 'bulk-run' AS run_id, 'bulk' AS source,
       'https://bulk.test/' || i AS url, 'https://bulk.test/' || i AS final_url, 200 AS status,
       TIMESTAMPTZ '2025-01-01' AS fetched_at, 'bulk.warc.gz' AS warc_file,
       i AS record_offset, 100 AS record_length, 'sha1:X' AS payload_digest
FROM range({BULK}) AS t(i);
INSERT INTO runs VALUES
    ('bulk-run', 'nightly-ingest', TIMESTAMPTZ '2025-01-01', TIMESTAMPTZ '2025-01-01', 'c',
     {BULK}, {BULK}, 0, 0, 0, 0);
"""


@dataclass
class FetchedResult:
    """The rows of a statement, already fetched."""

    rows: list[tuple[Any, ...]]

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self.rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None


@dataclass
class ProfiledConnection:
    """A connection that records how many rows each statement scanned."""

    connection: duckdb.DuckDBPyConnection
    folder: Path
    scanned: list[tuple[int, str]] = field(default_factory=list)

    def execute(self, sql: str, parameters: Any = None) -> FetchedResult:
        output = self.folder / f"statement-{len(self.scanned)}.json"
        self.connection.execute(f"PRAGMA profiling_output = '{output}'")
        # DuckDB writes the profile once the result is consumed.
        result = self.connection.execute(sql, parameters)
        fetched = FetchedResult(rows=result.fetchall() if result.description else [])
        # Statements without a query plan (DDL, transactions) write no profile.
        rows = json.loads(output.read_text())["cumulative_rows_scanned"] if output.exists() else 0
        self.scanned.append((rows, sql))
        return fetched

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


@pytest.fixture
def big_warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "big.duckdb"
    with open_warehouse(path) as connection:
        ensure_schema(connection)
        connection.execute(_FILL)
    return path


def _profiled_load(path: Path, lake: Path, run_id: str, folder: Path) -> list[tuple[int, str]]:
    folder.mkdir(exist_ok=True)
    with open_warehouse(path) as connection:
        connection.execute("PRAGMA enable_profiling = 'json'")
        profiled = ProfiledConnection(connection=connection, folder=folder)
        started = T0 + timedelta(days=int(run_id.rsplit("-", 1)[1]))
        assert load_run(cast(duckdb.DuckDBPyConnection, profiled), lake, run_info(run_id, started))
        return [(rows, sql) for rows, sql in profiled.scanned if sql not in WHOLE_TABLE_READS]


def _heaviest(scanned: list[tuple[int, str]]) -> tuple[int, str]:
    rows, sql = max(scanned)
    return rows, " ".join(sql.split())[:160]


def test_a_one_article_run_scans_no_big_table(
    big_warehouse: Path, lake: Path, tmp_path: Path
) -> None:
    # One row staged is the case where an UPDATE ... FROM join scans the whole target.
    article = make_article("https://gazette.example/a")
    write_run(lake, "run-1", [article], sources=[Source(name="gazette", urls=(article.url,))])
    changed = revised(article, title="Changed", fetched_at=article.fetched_at + timedelta(days=1))
    write_run(lake, "run-2", [changed], [outcome_for(changed, Reason.UPDATED)])

    first = _profiled_load(big_warehouse, lake, "run-1", tmp_path / "p1")
    second = _profiled_load(big_warehouse, lake, "run-2", tmp_path / "p2")

    assert _heaviest(first)[0] < MOST_ROWS_SCANNED, _heaviest(first)
    assert _heaviest(second)[0] < MOST_ROWS_SCANNED, _heaviest(second)


def test_a_mixed_run_scans_no_big_table(big_warehouse: Path, lake: Path, tmp_path: Path) -> None:
    articles = [
        make_article(f"https://gazette.example/{n}", text=f"Story {n} about the harbour wall.")
        for n in range(RUN_ARTICLES)
    ]
    copy = make_article(
        "https://tribune.example/0", text=articles[0].text, source="tribune", published_at=None
    )
    write_run(lake, "run-1", [*articles, copy])
    later = articles[0].fetched_at + timedelta(days=1)
    half = RUN_ARTICLES // 2
    changed = [revised(a, title=f"New {a.title}", fetched_at=later) for a in articles[:half]]
    unchanged = [
        outcome_for(revised(a, fetched_at=later), Reason.UNCHANGED) for a in articles[half:]
    ]
    fresh = make_article("https://gazette.example/new", text="Entirely new story.")
    write_run(
        lake,
        "run-2",
        [*changed, fresh],
        [*(outcome_for(a, Reason.UPDATED) for a in changed), *unchanged, outcome_for(fresh)],
    )

    first = _profiled_load(big_warehouse, lake, "run-1", tmp_path / "p1")
    second = _profiled_load(big_warehouse, lake, "run-2", tmp_path / "p2")

    assert _heaviest(first)[0] < MOST_ROWS_SCANNED, _heaviest(first)
    assert _heaviest(second)[0] < MOST_ROWS_SCANNED, _heaviest(second)
    with open_warehouse(big_warehouse, read_only=True) as connection:
        assert connection.execute(
            "SELECT count(*), count(*) FILTER (WHERE times_seen = 2) FROM article_versions "
            "WHERE article_id IN (SELECT unnest($ids))",
            {"ids": [a.article_id for a in articles]},
        ).fetchone() == (RUN_ARTICLES + half, RUN_ARTICLES - half)


def test_the_profiler_tells_a_whole_table_scan_from_an_index_lookup(
    big_warehouse: Path, tmp_path: Path
) -> None:
    # The measure itself, on the ids of bulk articles: a semi-join with more keys than
    # DuckDB turns into a filter reads the whole key column, a list of parameters the index.
    known_ids = [hashlib.md5(str(n).encode()).hexdigest()[:16] for n in range(RUN_ARTICLES)]
    with open_warehouse(big_warehouse) as connection:
        connection.execute("PRAGMA enable_profiling = 'json'")
        profiled = ProfiledConnection(connection=connection, folder=tmp_path)
        profiled.execute(
            "SELECT count(*) FROM articles WHERE article_id IN (SELECT unnest($ids))",
            {"ids": known_ids},
        )
        profiled.execute(
            f"SELECT count(*) FROM articles WHERE article_id IN ({key_list(RUN_ARTICLES)})",
            known_ids,
        )

    assert [rows for rows, _ in profiled.scanned] == [BULK, RUN_ARTICLES]
