"""The search index stays fresh through loads: new articles in, changed ones re-indexed,
removed ones out, stale postings purged in bulk, and a warehouse without an index backfilled."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.builders import T0, load, outcome_for, revised, write_run
from tests.warehouse.search_support import found, open_search_warehouse, story
from transforms.records import Reason
from warehouse.ddl import ensure_schema
from warehouse.search import index
from warehouse.search.index import PURGE_SHARE, purge_stale_postings, refresh_search_index

HARBOUR = story(
    "harbour", "Harbour wall approved", "The council approved the harbour wall rebuild."
)
FERRY = story("ferry", "Ferry timetable", "The ferry leaves at six from the quay.")
HARBOUR_REVISED = revised(
    HARBOUR,
    title="Lighthouse to be restored",
    text="The council will restore the lighthouse instead.",
    fetched_at=T0 + timedelta(days=1),
)


def _orphan_postings(connection: duckdb.DuckDBPyConnection) -> int:
    row = connection.execute(
        "SELECT count(*) FROM search_postings WHERE doc_id NOT IN (SELECT doc_id FROM search_docs)"
    ).fetchone()
    return int(row[0]) if row else -1


def _refresh(connection: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    connection.execute("BEGIN TRANSACTION")
    done = refresh_search_index(connection)
    connection.execute("COMMIT")
    return done.indexed, done.removed, done.purged_postings


@pytest.fixture
def connection(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """Return a fresh warehouse with the search index."""
    return open_search_warehouse(tmp_path / "warehouse.duckdb")


def test_a_load_indexes_the_articles_it_brings(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    write_run(tmp_path / "lake", "20250304T060000Z-aaaaaa", [HARBOUR, FERRY])
    load(connection, tmp_path / "lake", "20250304T060000Z-aaaaaa")

    assert found(connection, "harbour wall") == ["harbour"]
    assert found(connection, "ferry") == ["ferry"]
    assert _refresh(connection) == (0, 0, 0)


def test_an_updated_article_is_found_by_its_new_words_only(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    write_run(lake, "20250304T060000Z-aaaaaa", [HARBOUR, FERRY])
    load(connection, lake, "20250304T060000Z-aaaaaa")
    write_run(
        lake,
        "20250305T060000Z-bbbbbb",
        [HARBOUR_REVISED],
        [outcome_for(HARBOUR_REVISED, Reason.UPDATED), outcome_for(FERRY, Reason.UNCHANGED)],
    )
    load(connection, lake, "20250305T060000Z-bbbbbb")

    assert found(connection, "lighthouse") == ["harbour"]
    assert found(connection, "harbour wall") == []
    assert found(connection, "council") == ["harbour"]
    docs = connection.execute(
        "SELECT article_id, version_hash FROM search_docs ORDER BY article_id"
    ).fetchall()
    assert docs == sorted(
        [(HARBOUR.article_id, HARBOUR_REVISED.version_hash), (FERRY.article_id, FERRY.version_hash)]
    )
    # One stale version of two indexed is over PURGE_SHARE: its postings went at once.
    assert PURGE_SHARE < 0.5
    assert _orphan_postings(connection) == 0
    assert connection.execute("SELECT count(*) FROM search_stale").fetchone() == (0,)


def test_an_unchanged_article_keeps_its_indexed_version(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    write_run(lake, "20250304T060000Z-aaaaaa", [HARBOUR])
    load(connection, lake, "20250304T060000Z-aaaaaa")
    before = connection.execute("SELECT * FROM search_docs").fetchall()
    write_run(lake, "20250305T060000Z-bbbbbb", [], [outcome_for(HARBOUR, Reason.UNCHANGED)])
    load(connection, lake, "20250305T060000Z-bbbbbb")

    assert connection.execute("SELECT * FROM search_docs").fetchall() == before


def test_a_removed_article_is_no_longer_found(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    write_run(tmp_path / "lake", "20250304T060000Z-aaaaaa", [HARBOUR, FERRY])
    load(connection, tmp_path / "lake", "20250304T060000Z-aaaaaa")
    connection.execute("DELETE FROM articles WHERE article_id = $id", {"id": FERRY.article_id})

    assert _refresh(connection)[:2] == (0, 1)
    assert found(connection, "ferry") == []
    assert found(connection, "harbour") == ["harbour"]


def test_stale_postings_wait_for_a_bulk_purge(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    stories = [story(f"s{n:02d}", f"Story {n}", f"Quay number {n} reopens.") for n in range(40)]
    write_run(lake, "20250304T060000Z-aaaaaa", stories)
    load(connection, lake, "20250304T060000Z-aaaaaa")
    first = revised(stories[0], text="The pier reopens.", fetched_at=T0 + timedelta(days=1))
    write_run(lake, "20250305T060000Z-bbbbbb", [first], [outcome_for(first, Reason.UPDATED)])
    load(connection, lake, "20250305T060000Z-bbbbbb")

    # One stale version of forty is under PURGE_SHARE: its postings stay, unreachable.
    assert connection.execute("SELECT count(*) FROM search_stale").fetchone() == (1,)
    assert _orphan_postings(connection) > 0
    assert found(connection, "pier") == ["s00"]
    assert "s00" not in found(connection, "quay", max_results=100)
    assert len(found(connection, "quay", max_results=100)) == 39

    more = [
        revised(s, text="The pier reopens.", fetched_at=T0 + timedelta(days=2))
        for s in stories[1:3]
    ]
    write_run(lake, "20250306T060000Z-cccccc", more, [outcome_for(s, Reason.UPDATED) for s in more])
    load(connection, lake, "20250306T060000Z-cccccc")

    assert connection.execute("SELECT count(*) FROM search_stale").fetchone() == (0,)
    assert _orphan_postings(connection) == 0
    assert sorted(found(connection, "pier")) == ["s00", "s01", "s02"]


def test_purge_deletes_every_stale_posting(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    stories = [story(f"s{n:02d}", f"Story {n}", f"Quay number {n} reopens.") for n in range(40)]
    write_run(tmp_path / "lake", "20250304T060000Z-aaaaaa", stories)
    load(connection, tmp_path / "lake", "20250304T060000Z-aaaaaa")
    connection.execute("DELETE FROM articles WHERE article_id = $id", {"id": stories[5].article_id})
    _refresh(connection)
    orphans = _orphan_postings(connection)

    assert orphans > 0
    assert purge_stale_postings(connection) == orphans
    assert _orphan_postings(connection) == 0


def test_a_warehouse_without_an_index_is_backfilled(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    write_run(tmp_path / "lake", "20250304T060000Z-aaaaaa", [HARBOUR, FERRY])
    load(connection, tmp_path / "lake", "20250304T060000Z-aaaaaa")
    ranked = connection.execute("SELECT article_id, score FROM search_articles('the')").fetchall()
    for table in ("search_postings", "search_docs", "search_terms", "search_stale"):
        connection.execute(f"DELETE FROM {table}")

    assert found(connection, "ferry") == []
    assert _refresh(connection) == (2, 0, 0)
    assert (
        connection.execute("SELECT article_id, score FROM search_articles('the')").fetchall()
        == ranked
    )


def test_a_word_two_languages_share_is_a_term_of_each(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    english = story("english", "Plants die in the drought", "Crops die when rain fails.")
    german = story("german", "Die Stadt baut", "Die Mauer am Hafen wird erneuert.", language="de")
    write_run(tmp_path / "lake", "20250304T060000Z-aaaaaa", [english, german])
    load(connection, tmp_path / "lake", "20250304T060000Z-aaaaaa")

    terms = connection.execute(
        "SELECT stemmer FROM search_terms WHERE term = 'die' ORDER BY stemmer"
    ).fetchall()
    assert terms == [("english",), ("german",)]
    assert sorted(found(connection, "die")) == ["english", "german"]
    assert found(connection, "Mauer") == ["german"]


def test_an_index_of_terms_shared_by_every_stemmer_is_rebuilt(
    connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    write_run(tmp_path / "lake", "20250304T060000Z-aaaaaa", [HARBOUR, FERRY])
    load(connection, tmp_path / "lake", "20250304T060000Z-aaaaaa")
    ranked = connection.execute("SELECT article_id, score FROM search_articles('the')").fetchall()
    # The older layout: one term for every stemmer, no stemmer column.
    connection.execute("ALTER TABLE search_terms DROP COLUMN stemmer")

    ensure_schema(connection)

    assert connection.execute(
        "SELECT count(*) FROM search_terms WHERE stemmer IS NULL"
    ).fetchone() == (0,)
    assert found(connection, "harbour wall") == ["harbour"]
    assert (
        connection.execute("SELECT article_id, score FROM search_articles('the')").fetchall()
        == ranked
    )


def _postings_in_stored_order(
    connection: duckdb.DuckDBPyConnection,
) -> list[tuple[int, int, int, int, list[int]]]:
    return connection.execute(
        "SELECT term_id, doc_id, title_tf, text_tf, positions FROM search_postings ORDER BY rowid"
    ).fetchall()


def test_a_run_sorted_in_slices_is_stored_as_one_sort_would_store_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = [
        story(f"s{n:02d}", f"Story {n} of the quay", f"Ferry {n} leaves pier {n % 7} at {n}.")
        for n in range(30)
    ]
    write_run(tmp_path / "lake", "20250304T060000Z-aaaaaa", stories)
    whole = open_search_warehouse(tmp_path / "whole.duckdb")
    load(whole, tmp_path / "lake", "20250304T060000Z-aaaaaa")
    expected = _postings_in_stored_order(whole)
    monkeypatch.setattr(index, "RUN_SLICE_ROWS", 7)
    sliced = open_search_warehouse(tmp_path / "sliced.duckdb")
    load(sliced, tmp_path / "lake", "20250304T060000Z-aaaaaa")
    stored = _postings_in_stored_order(sliced)

    # One sort leaves a term's rows in no set order: the rows, and their term order, match.
    assert len(expected) > 20 * 7
    assert sorted(stored) == sorted(expected)
    term_ids = [row[0] for row in stored]
    assert term_ids == sorted(term_ids)
    assert found(sliced, "ferry", max_results=100) == found(whole, "ferry", max_results=100)


def test_run_slices_cover_every_term_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    connection = duckdb.connect(str(tmp_path / "scratch.duckdb"))
    connection.execute(
        "CREATE TEMP TABLE search_run_postings AS "
        "SELECT (i % 97 + 3)::INTEGER AS term_id FROM range(10000) AS r(i)"
    )
    monkeypatch.setattr(index, "RUN_SLICE_ROWS", 1000)

    slices = index._run_slices(connection)

    assert len(slices) >= 5
    assert slices[0][0] == 3 and slices[-1][1] == 100
    assert all(low < high for low, high in slices)
    assert all(a[1] == b[0] for a, b in pairwise(slices))
    connection.execute("DELETE FROM search_run_postings")
    assert index._run_slices(connection) == []
