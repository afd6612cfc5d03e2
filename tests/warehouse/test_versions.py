"""Article versions across runs: new, changed, changed back, unchanged; idempotent loads."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb

from tests.warehouse.builders import (
    T0,
    load,
    make_article,
    outcome_for,
    revised,
    snapshot,
    write_run,
)
from transforms.records import Article, Reason
from warehouse.connection import open_warehouse
from warehouse.ddl import create_table_sql, ensure_schema
from warehouse.lake import RunCommit, commit_run, write_part
from warehouse.rows import extractions_table
from warehouse.schema import ARTICLES, EXTRACTIONS, RUNS, URL_OUTCOMES

HARBOUR = "https://gazette.example/news/harbour-wall"
DAY = timedelta(days=1)


def _versions(connection: duckdb.DuckDBPyConnection, article: Article) -> list[dict[str, Any]]:
    cursor = connection.execute(
        "SELECT * FROM article_versions WHERE article_id = $id ORDER BY first_seen_at",
        {"id": article.article_id},
    )
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _seen(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (
            r["title"],
            r["first_seen_at"],
            r["last_seen_at"],
            r["first_run_id"],
            r["last_run_id"],
            r["times_seen"],
            r["returned_at"],
        )
        for r in rows
    ]


def test_a_new_article_is_its_first_version(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    article = make_article(HARBOUR)
    write_run(lake, "run-1", [article])

    load(warehouse, lake, "run-1")

    [version] = _versions(warehouse, article)
    assert version["version_id"] == f"{article.article_id}:{article.version_hash}"
    assert version["version_hash"] == article.version_hash
    assert version["content_hash"] == article.content_hash
    assert (version["title"], version["text"], version["authors"]) == (
        article.title,
        article.text,
        list(article.authors),
    )
    assert version["published_at"] == article.published_at
    assert _seen([version]) == [
        (article.title, article.fetched_at, article.fetched_at, "run-1", "run-1", 1, None)
    ]


def test_an_unchanged_fetch_extends_the_version_it_saw(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    article = make_article(HARBOUR)
    again = revised(article, fetched_at=article.fetched_at + DAY)
    write_run(lake, "run-1", [article])
    # The extraction step writes no row for an unchanged article, only its outcome.
    write_run(lake, "run-2", [], [outcome_for(again, Reason.UNCHANGED)])

    load(warehouse, lake, "run-1")
    load(warehouse, lake, "run-2")

    assert _seen(_versions(warehouse, article)) == [
        (article.title, article.fetched_at, again.fetched_at, "run-1", "run-2", 2, None)
    ]


def test_a_change_adds_a_version_and_keeps_the_earlier_one(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    first = make_article(HARBOUR)
    corrected = revised(first, title="Harbour wall approved (corrected)", fetched_at=T0 + DAY)
    write_run(lake, "run-1", [first])
    write_run(lake, "run-2", [corrected], [outcome_for(corrected, Reason.UPDATED)])

    load(warehouse, lake, "run-1")
    load(warehouse, lake, "run-2")

    assert _seen(_versions(warehouse, first)) == [
        (first.title, first.fetched_at, first.fetched_at, "run-1", "run-1", 1, None),
        (corrected.title, corrected.fetched_at, corrected.fetched_at, "run-2", "run-2", 1, None),
    ]


def test_changing_back_reuses_the_earlier_version_and_records_the_return(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    first = make_article(HARBOUR)
    corrected = revised(first, title="Harbour wall approved (corrected)", fetched_at=T0 + DAY)
    reverted = revised(first, fetched_at=T0 + 2 * DAY)
    assert reverted.version_hash == first.version_hash
    write_run(lake, "run-1", [first])
    write_run(lake, "run-2", [corrected], [outcome_for(corrected, Reason.UPDATED)])
    write_run(lake, "run-3", [reverted], [outcome_for(reverted, Reason.UPDATED)])

    for run in ("run-1", "run-2", "run-3"):
        load(warehouse, lake, run)

    assert _seen(_versions(warehouse, first)) == [
        (
            first.title,
            first.fetched_at,
            reverted.fetched_at,
            "run-1",
            "run-3",
            2,
            reverted.fetched_at,
        ),
        (corrected.title, corrected.fetched_at, corrected.fetched_at, "run-2", "run-2", 1, None),
    ]
    assert warehouse.execute(
        "SELECT version_hash, title FROM articles WHERE article_id = $id", {"id": first.article_id}
    ).fetchone() == (first.version_hash, first.title)


def test_one_run_with_two_contents_of_an_article_records_both(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    early = make_article(HARBOUR, title="Early title")
    late = revised(early, title="Late title", fetched_at=early.fetched_at + timedelta(minutes=5))
    rows = extractions_table([late, early], "run-1")
    parts = tuple(
        write_part(lake, EXTRACTIONS, rows.slice(i, 1), partition="p", name=f"part-{i}")
        for i in range(2)
    )
    commit_run(lake, RunCommit(run_id="run-1", parts={"extractions": parts}))

    load(warehouse, lake, "run-1")

    assert [v["title"] for v in _versions(warehouse, early)] == ["Early title", "Late title"]


def test_a_version_keeps_what_its_first_fetch_extracted(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    # Sections and the lead image are outside version_hash: a later fetch of the same
    # version with other ones leaves the version row (and the article) as first stored.
    first = make_article(HARBOUR, sections=("Local",))
    restyled = revised(first, sections=("Politics",), fetched_at=T0 + DAY)
    assert restyled.version_hash == first.version_hash
    write_run(lake, "run-1", [first])
    write_run(lake, "run-2", [], [outcome_for(restyled, Reason.UNCHANGED)])

    load(warehouse, lake, "run-1")
    load(warehouse, lake, "run-2")

    [version] = _versions(warehouse, first)
    assert (version["sections"], version["last_seen_at"]) == (["Local"], restyled.fetched_at)


def test_loading_runs_again_changes_no_version(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    first = make_article(HARBOUR)
    corrected = revised(first, title="Corrected", fetched_at=T0 + DAY)
    write_run(lake, "run-1", [first])
    write_run(lake, "run-2", [corrected], [outcome_for(corrected, Reason.UPDATED)])
    load(warehouse, lake, "run-1")
    load(warehouse, lake, "run-2")
    before = snapshot(warehouse)

    assert load(warehouse, lake, "run-1") is False
    assert load(warehouse, lake, "run-2") is False

    assert snapshot(warehouse) == before


def test_a_version_missing_from_the_table_is_restored_from_the_stored_article(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    article = make_article(HARBOUR)
    again = revised(article, fetched_at=T0 + DAY)
    write_run(lake, "run-1", [article])
    write_run(lake, "run-2", [], [outcome_for(again, Reason.UNCHANGED)])
    load(warehouse, lake, "run-1")
    warehouse.execute("DELETE FROM article_versions")

    load(warehouse, lake, "run-2")

    assert _seen(_versions(warehouse, article)) == [
        (article.title, article.fetched_at, again.fetched_at, "run-1", "run-2", 2, None)
    ]


def test_upgrading_a_warehouse_without_versions_gives_each_article_its_current_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.duckdb"
    stored = T0 + DAY
    with duckdb.connect(str(path)) as connection:
        for table in (ARTICLES, URL_OUTCOMES, RUNS):
            connection.execute(create_table_sql(table))
        connection.execute(
            "INSERT INTO articles (article_id, url, source, title, authors, text, word_count, "
            "content_hash, version_hash, extractor_version, tags, first_seen_at, updated_at, "
            "run_id) VALUES ('a1', 'https://x.test/a', 'x', 'Kept', ['Ann'], 'Text.', 1, 'c', "
            "'v', 'e', [], $first, $stored, 'r1')",
            {"first": T0, "stored": stored},
        )
        # Seen unchanged by two later runs, and once before the stored version (ignored).
        for run, fetched in (("r0", T0), ("r2", stored + DAY), ("r3", stored + 2 * DAY)):
            connection.execute(
                "INSERT INTO url_outcomes (run_id, url, source, kind, status, reason, "
                "redirect_chain, article_id, fetched_at) VALUES ($run, 'https://x.test/a', "
                "'x', 'article', 'extracted', 'unchanged', [], 'a1', $fetched)",
                {"run": run, "fetched": fetched},
            )

    with open_warehouse(path) as connection:
        ensure_schema(connection)
        ensure_schema(connection)  # the backfill happens once
        rows = connection.execute(
            "SELECT version_id, title, first_seen_at, last_seen_at, first_run_id, last_run_id, "
            "times_seen, returned_at FROM article_versions"
        ).fetchall()

    assert rows == [("a1:v", "Kept", stored, stored + 2 * DAY, "r1", "r3", 3, None)]
