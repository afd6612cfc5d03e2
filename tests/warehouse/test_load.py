"""Loading committed runs from the lake into a real DuckDB file."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.warehouse.builders import (
    HARBOUR_TEXT,
    PARTITION,
    T0,
    article_row,
    load,
    make_article,
    outcome_for,
    revised,
    snapshot,
    write_run,
)
from transforms.records import Reason, Source, Status, UrlKind, UrlOutcome
from warehouse.connection import open_warehouse
from warehouse.lake import LakeError, RunCommit, commit_run, write_part
from warehouse.load import LoadError
from warehouse.merge import merge_articles
from warehouse.queries import article_rows_checksum
from warehouse.rows import extractions_table
from warehouse.schema import EXTRACTIONS, RUNS, WAREHOUSE_TABLES

HARBOUR = "https://gazette.example/news/harbour-wall"
FERRY = "https://gazette.example/news/ferry"
COPY = "https://tribune.example/syndicated/harbour-wall"


def test_first_load_stores_articles_outcomes_and_the_run(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    harbour = make_article(HARBOUR)
    ferry = make_article(FERRY, text="The ferry gets a second evening crossing.", title="Ferry")
    write_run(lake, "run-1", [harbour, ferry])

    assert load(warehouse, lake, "run-1") is True

    stored = article_row(warehouse, harbour.article_id)
    assert stored["url"] == HARBOUR
    assert stored["title"] == "Harbour wall approved"
    assert stored["authors"] == ["Jane Doe", "Ravi Patel"]
    assert stored["published_at"] == T0
    assert stored["published_offset"] == 60
    assert stored["language_confidence"] == 0.98
    assert stored["sections"] == ["Local"]
    assert stored["image_url"] == "https://gazette.example/img/harbour-wall.jpg"
    assert stored["text"] == HARBOUR_TEXT
    assert stored["first_seen_at"] == harbour.fetched_at
    assert stored["updated_at"] == harbour.fetched_at
    assert stored["run_id"] == "run-1"
    assert stored["duplicate_of"] is None
    assert warehouse.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    assert warehouse.execute(
        "SELECT run_id, url, kind, status, reason, article_id FROM url_outcomes ORDER BY url"
    ).fetchall() == [
        ("run-1", FERRY, "article", "extracted", "new", ferry.article_id),
        ("run-1", HARBOUR, "article", "extracted", "new", harbour.article_id),
    ]
    assert warehouse.execute(
        "SELECT run_id, flow, started_at, config_sha256, urls_touched, articles_new, "
        "articles_updated, articles_unchanged, skipped, failed FROM runs"
    ).fetchall() == [("run-1", "nightly-ingest", T0, "c0ffee", 2, 2, 0, 0, 0, 0)]


def test_no_staging_tables_are_left_behind(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    write_run(lake, "run-1", [make_article(HARBOUR)])

    load(warehouse, lake, "run-1")

    tables = warehouse.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()
    assert tables == [(t.name,) for t in sorted(WAREHOUSE_TABLES, key=lambda t: t.name)]


def test_loading_the_same_run_twice_changes_nothing(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    write_run(lake, "run-1", [make_article(HARBOUR), make_article(FERRY, text="Ferry news.")])
    assert load(warehouse, lake, "run-1") is True
    before = snapshot(warehouse)

    assert load(warehouse, lake, "run-1") is False

    assert snapshot(warehouse) == before


def test_run_loads_into_a_fresh_connection_of_the_same_file(tmp_path: Path, lake: Path) -> None:
    write_run(lake, "run-1", [make_article(HARBOUR)])
    path = tmp_path / "mediawatch.duckdb"
    with open_warehouse(path) as first:
        assert load(first, lake, "run-1") is True

    with open_warehouse(path) as second:
        assert load(second, lake, "run-1") is False
        assert second.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_new_version_updates_the_row_and_keeps_first_seen_at(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    first = make_article(HARBOUR)
    second = revised(
        first,
        title="Harbour wall approved (corrected)",
        fetched_at=T0 + timedelta(days=1),
        language_confidence=0.91,
        sections=("Politics", "Council"),
        image_url="https://gazette.example/img/harbour-wall-2.jpg",
    )
    assert second.version_hash != first.version_hash
    write_run(lake, "run-1", [first])
    write_run(lake, "run-2", [second], [outcome_for(second, Reason.UPDATED)])

    load(warehouse, lake, "run-1")
    load(warehouse, lake, "run-2")

    stored = article_row(warehouse, first.article_id)
    assert stored["title"] == "Harbour wall approved (corrected)"
    assert stored["version_hash"] == second.version_hash
    assert stored["language_confidence"] == 0.91
    assert stored["sections"] == ["Politics", "Council"]
    assert stored["image_url"] == "https://gazette.example/img/harbour-wall-2.jpg"
    assert stored["first_seen_at"] == first.fetched_at
    assert stored["updated_at"] == second.fetched_at
    assert stored["run_id"] == "run-2"
    assert warehouse.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    assert warehouse.execute(
        "SELECT articles_new, articles_updated FROM runs WHERE run_id = 'run-2'"
    ).fetchone() == (0, 1)


def test_same_version_again_leaves_the_row_alone(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    first = make_article(HARBOUR)
    again = revised(first, fetched_at=T0 + timedelta(days=1))
    assert again.version_hash == first.version_hash
    write_run(lake, "run-1", [first])
    write_run(lake, "run-2", [again], [outcome_for(again, Reason.UNCHANGED)])
    load(warehouse, lake, "run-1")
    articles_before = warehouse.execute("SELECT * FROM articles").fetchall()

    load(warehouse, lake, "run-2")

    assert warehouse.execute("SELECT * FROM articles").fetchall() == articles_before
    assert warehouse.execute(
        "SELECT articles_unchanged FROM runs WHERE run_id = 'run-2'"
    ).fetchone() == (1,)


def test_new_sections_or_lead_image_alone_are_no_new_version(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    # Like tags, they stay out of version_hash: the stored version is kept.
    first = make_article(HARBOUR)
    again = revised(
        first,
        fetched_at=T0 + timedelta(days=1),
        language_confidence=0.7,
        sections=("Sport",),
        image_url="https://gazette.example/img/harbour-wall.jpg?w=640",
    )
    assert again.version_hash == first.version_hash
    write_run(lake, "run-1", [first])
    write_run(lake, "run-2", [again], [outcome_for(again, Reason.UNCHANGED)])
    load(warehouse, lake, "run-1")

    load(warehouse, lake, "run-2")

    stored = article_row(warehouse, first.article_id)
    assert (stored["sections"], stored["image_url"], stored["language_confidence"]) == (
        ["Local"],
        "https://gazette.example/img/harbour-wall.jpg",
        0.98,
    )
    assert stored["run_id"] == "run-1"


def test_latest_fetch_wins_when_a_run_has_one_article_twice(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    early = make_article(HARBOUR, title="Early title")
    late = revised(early, title="Late title", fetched_at=early.fetched_at + timedelta(minutes=5))
    rows = extractions_table([late, early], "run-1")
    first_part = write_part(lake, EXTRACTIONS, rows.slice(0, 1), partition=PARTITION, name="a")
    second_part = write_part(lake, EXTRACTIONS, rows.slice(1, 1), partition=PARTITION, name="b")
    commit_run(lake, RunCommit(run_id="run-1", parts={"extractions": (first_part, second_part)}))

    load(warehouse, lake, "run-1")

    stored = article_row(warehouse, early.article_id)
    assert stored["title"] == "Late title"
    assert stored["first_seen_at"] == late.fetched_at


def test_later_published_copy_points_at_the_earlier_original(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    original = make_article(HARBOUR, published_at=T0)
    copy = make_article(
        COPY,
        source="tribune",
        title="Council backs new harbour wall",
        text=HARBOUR_TEXT.upper().replace(" ", "  "),
        published_at=T0 + timedelta(hours=3),
    )
    assert copy.content_hash == original.content_hash
    write_run(lake, "run-1", [copy, original])

    load(warehouse, lake, "run-1")

    assert warehouse.execute(
        "SELECT article_id, duplicate_of FROM articles ORDER BY published_at"
    ).fetchall() == [(original.article_id, None), (copy.article_id, original.article_id)]


def test_earlier_original_arriving_later_takes_over(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    copy = make_article(COPY, source="tribune", published_at=T0 + timedelta(hours=3))
    original = make_article(HARBOUR, published_at=T0, fetched_at=T0 + timedelta(days=1))
    write_run(lake, "run-1", [copy])
    write_run(lake, "run-2", [original])

    load(warehouse, lake, "run-1")
    assert article_row(warehouse, copy.article_id)["duplicate_of"] is None
    load(warehouse, lake, "run-2")

    assert article_row(warehouse, original.article_id)["duplicate_of"] is None
    assert article_row(warehouse, copy.article_id)["duplicate_of"] == original.article_id


def test_copy_is_released_when_the_original_text_changes(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    original = make_article(HARBOUR, published_at=T0)
    copy = make_article(COPY, source="tribune", published_at=T0 + timedelta(hours=3))
    corrected = revised(
        original,
        text=HARBOUR_TEXT + "\nCorrection: the vote was on Wednesday.",
        fetched_at=T0 + timedelta(days=1),
    )
    write_run(lake, "run-1", [original, copy])
    write_run(lake, "run-2", [corrected], [outcome_for(corrected, Reason.UPDATED)])

    load(warehouse, lake, "run-1")
    assert article_row(warehouse, copy.article_id)["duplicate_of"] == original.article_id
    load(warehouse, lake, "run-2")

    assert article_row(warehouse, copy.article_id)["duplicate_of"] is None
    assert article_row(warehouse, original.article_id)["duplicate_of"] is None


def test_undated_copy_ranks_after_dated_original(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    undated = make_article(COPY, source="tribune", published_at=None)
    dated = make_article(HARBOUR, published_at=T0 + timedelta(days=2))
    write_run(lake, "run-1", [undated, dated])

    load(warehouse, lake, "run-1")

    assert article_row(warehouse, undated.article_id)["duplicate_of"] == dated.article_id
    assert article_row(warehouse, dated.article_id)["duplicate_of"] is None


def test_run_without_articles_records_outcomes_and_counts(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    outcomes = [
        UrlOutcome(
            url="https://gazette.example/rss",
            source="gazette",
            kind=UrlKind.FEED,
            status=Status.EXTRACTED,
            reason=Reason.FEED_PARSED,
            item_count=2,
        ),
        UrlOutcome(
            url="https://gazette.example/gone",
            source="gazette",
            kind=UrlKind.ARTICLE,
            status=Status.FAILED,
            reason=Reason.HTTP_4XX,
            http_status=404,
        ),
        UrlOutcome(
            url="https://gazette.example/private/x",
            source="gazette",
            kind=UrlKind.ARTICLE,
            status=Status.SKIPPED,
            reason=Reason.ROBOTS_DISALLOWED,
        ),
    ]
    write_run(lake, "run-1", [], outcomes)

    assert load(warehouse, lake, "run-1") is True

    assert warehouse.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    assert warehouse.execute(
        "SELECT urls_touched, articles_new, skipped, failed FROM runs"
    ).fetchone() == (3, 0, 1, 1)


def test_uncommitted_run_is_a_lake_error(warehouse: duckdb.DuckDBPyConnection, lake: Path) -> None:
    write_part(
        lake,
        EXTRACTIONS,
        extractions_table([make_article(HARBOUR)], "run-1"),
        partition=PARTITION,
        name="run-1-00000",
    )

    with pytest.raises(LakeError, match="no commit record"):
        load(warehouse, lake, "run-1")

    assert warehouse.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def _loaded_base(warehouse: duckdb.DuckDBPyConnection, lake: Path) -> dict[str, object]:
    write_run(lake, "run-1", [make_article(HARBOUR), make_article(FERRY, text="Ferry news.")])
    load(warehouse, lake, "run-1")
    return {"tables": snapshot(warehouse), "checksum": article_rows_checksum(warehouse)}


def _assert_unchanged(warehouse: duckdb.DuckDBPyConnection, before: dict[str, object]) -> None:
    assert snapshot(warehouse) == before["tables"]
    assert article_rows_checksum(warehouse) == before["checksum"]


def test_corrupt_parquet_part_fails_the_load_and_changes_nothing(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    before = _loaded_base(warehouse, lake)
    updated = revised(make_article(HARBOUR), title="Changed", fetched_at=T0 + timedelta(days=1))
    commit = write_run(lake, "run-2", [updated])
    corrupt = lake / commit.parts["url_outcomes"][0]
    corrupt.write_bytes(b"PAR1 this is not a parquet file PAR1")

    with pytest.raises(LoadError, match="run-2 failed, nothing was changed"):
        load(warehouse, lake, "run-2")

    _assert_unchanged(warehouse, before)


def test_part_deleted_after_commit_fails_the_load_and_changes_nothing(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    before = _loaded_base(warehouse, lake)
    commit = write_run(lake, "run-2", [make_article("https://gazette.example/new")])
    (lake / commit.parts["extractions"][0]).unlink()

    with pytest.raises(LoadError):
        load(warehouse, lake, "run-2")

    _assert_unchanged(warehouse, before)


def test_null_in_a_required_column_fails_the_load_and_changes_nothing(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    before = _loaded_base(warehouse, lake)
    good = make_article("https://gazette.example/new")
    rows = extractions_table([good], "run-2").to_pylist()
    rows[0]["text"] = None
    # A foreign writer that ignores the declared schema (write_part would refuse the null).
    loose = pa.schema([pa.field(f.name, f.type, nullable=True) for f in EXTRACTIONS.arrow_schema])
    relative = f"extractions/{PARTITION}/run-2-00000.parquet"
    (lake / relative).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=loose), lake / relative)
    commit_run(lake, RunCommit(run_id="run-2", parts={"extractions": (relative,)}))

    with pytest.raises(LoadError, match="NOT NULL"):
        load(warehouse, lake, "run-2")

    _assert_unchanged(warehouse, before)


def test_part_missing_a_column_fails_the_load_and_changes_nothing(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    before = _loaded_base(warehouse, lake)
    rows = extractions_table([make_article("https://gazette.example/new")], "run-2")
    relative = f"extractions/{PARTITION}/run-2-00000.parquet"
    (lake / relative).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(rows.drop_columns(["content_hash"]), lake / relative)
    commit_run(lake, RunCommit(run_id="run-2", parts={"extractions": (relative,)}))

    with pytest.raises(LoadError):
        load(warehouse, lake, "run-2")

    _assert_unchanged(warehouse, before)


def test_part_written_before_the_newer_columns_loads_with_nulls(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    # A run committed by a release without these columns, loaded after the upgrade.
    article = make_article(HARBOUR)
    rows = extractions_table([article], "run-1")
    relative = f"extractions/{PARTITION}/run-1-00000.parquet"
    (lake / relative).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        rows.drop_columns(["language_confidence", "sections", "image_url"]), lake / relative
    )
    commit_run(lake, RunCommit(run_id="run-1", parts={"extractions": (relative,)}))

    assert load(warehouse, lake, "run-1") is True

    stored = article_row(warehouse, article.article_id)
    assert stored["title"] == "Harbour wall approved"
    assert stored["authors"] == ["Jane Doe", "Ravi Patel"]
    assert stored["version_hash"] == article.version_hash
    assert (stored["language_confidence"], stored["sections"], stored["image_url"]) == (
        None,
        None,
        None,
    )


def test_failure_after_the_article_merge_rolls_the_merge_back(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    _loaded_base(warehouse, lake)
    updated = revised(make_article(HARBOUR), title="Changed", fetched_at=T0 + timedelta(days=1))
    fresh = make_article("https://gazette.example/new", text="Something new entirely.")
    # A row of run-2 already in url_outcomes (put there by hand) breaks the table's primary
    # key, which is only checked after articles were merged and duplicates marked.
    warehouse.execute(
        "INSERT INTO url_outcomes (run_id, url, source, kind, status, reason, redirect_chain) "
        "VALUES ('run-2', $url, 'gazette', 'article', 'extracted', 'updated', [])",
        {"url": updated.url},
    )
    before: dict[str, object] = {
        "tables": snapshot(warehouse),
        "checksum": article_rows_checksum(warehouse),
    }
    outcome = outcome_for(updated, Reason.UPDATED)
    write_run(lake, "run-2", [updated, fresh], [outcome, outcome_for(fresh)])

    with pytest.raises(LoadError, match="violates primary key constraint"):
        load(warehouse, lake, "run-2")

    _assert_unchanged(warehouse, before)
    assert article_row(warehouse, updated.article_id)["title"] == "Harbour wall approved"


def test_failed_run_can_be_loaded_once_repaired(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    article = make_article(HARBOUR)
    commit = write_run(lake, "run-1", [article])
    part = lake / commit.parts["extractions"][0]
    good_bytes = part.read_bytes()
    part.write_bytes(b"garbage")
    with pytest.raises(LoadError):
        load(warehouse, lake, "run-1")

    part.write_bytes(good_bytes)

    assert load(warehouse, lake, "run-1") is True
    assert warehouse.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_parts_in_plain_folders_load_too(warehouse: duckdb.DuckDBPyConnection, lake: Path) -> None:
    write_run(lake, "run-1", [make_article(HARBOUR)], partition="2025/03/04")

    assert load(warehouse, lake, "run-1") is True
    assert warehouse.execute("SELECT count(*) FROM url_outcomes").fetchone() == (1,)


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=60
)
_OFFSETS = st.integers(min_value=-12 * 60, max_value=14 * 60)
_INSTANTS = st.datetimes(
    min_value=datetime(1995, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.none() | _TEXT,
    text=_TEXT,
    authors=st.lists(_TEXT, max_size=3).map(tuple),
    tags=st.lists(_TEXT, max_size=3).map(tuple),
    published=st.none() | _INSTANTS,
    offset=_OFFSETS,
    confidence=st.none() | st.floats(min_value=0, max_value=1),
    sections=st.lists(_TEXT, max_size=3).map(tuple),
    image_url=st.none() | _TEXT,
)
def test_parquet_to_duckdb_round_trip_keeps_every_value(
    title: str | None,
    text: str,
    authors: tuple[str, ...],
    tags: tuple[str, ...],
    published: datetime | None,
    offset: int,
    confidence: float | None,
    sections: tuple[str, ...],
    image_url: str | None,
) -> None:
    article = make_article(
        HARBOUR,
        title=title,
        text=text,
        authors=authors,
        tags=tags,
        published_at=published,
        published_offset=offset,
        language_confidence=confidence,
        sections=sections,
        image_url=image_url,
    )
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        write_run(root / "lake", "run-1", [article])
        with open_warehouse(root / "w.duckdb") as connection:
            load(connection, root / "lake", "run-1")
            stored = article_row(connection, article.article_id)

    assert stored["title"] == title
    assert stored["text"] == text
    assert stored["authors"] == list(authors)
    assert stored["tags"] == list(tags)
    assert stored["language_confidence"] == confidence
    assert stored["sections"] == list(sections)
    assert stored["image_url"] == image_url
    assert stored["published_at"] == published
    assert stored["content_hash"] == article.content_hash
    assert stored["word_count"] == article.word_count
    assert stored["published_offset"] == (offset if published is not None else None)
    assert stored["version_hash"] == article.version_hash


def test_a_url_two_sources_name_gets_one_outcome_row(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    # Both list the story; both feeds carry the same "javascript:" link.
    article = make_article(HARBOUR)
    extracted = outcome_for(article)
    listed_too = replace(
        extracted, source="courier", status=Status.SKIPPED, reason=Reason.DUPLICATE_URL
    )
    link = UrlOutcome(
        url="javascript:void(0)",
        source="gazette",
        kind=UrlKind.ARTICLE,
        status=Status.FAILED,
        reason=Reason.INVALID_URL,
    )
    outcomes = [listed_too, extracted, link, replace(link, source="courier")]
    write_run(lake, "run-1", [article], outcomes)

    assert load(warehouse, lake, "run-1") is True
    rows = warehouse.execute("SELECT url, source, status FROM url_outcomes ORDER BY url").fetchall()
    assert rows == [(HARBOUR, "gazette", "extracted"), ("javascript:void(0)", "courier", "failed")]
    assert warehouse.execute("SELECT urls_touched FROM runs").fetchone() == (2,)


def test_an_article_fetched_twice_in_a_run_stays_its_own_sources(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    # Gazette's story, and later in the run a courier page that redirected onto it.
    own = replace(make_article(HARBOUR), capture_id="c-own")
    taken = replace(
        own,
        source="courier",
        capture_id="c-taken",
        fetched_at=own.fetched_at + timedelta(minutes=5),
    )
    own_outcome = replace(outcome_for(own), capture_id="c-own")
    taken_outcome = replace(
        outcome_for(taken),
        url="https://courier.example/r",
        final_url=HARBOUR,
        capture_id="c-taken",
    )
    sources = [
        Source(name="gazette", home_url="https://gazette.example/"),
        Source(name="courier", home_url="https://courier.example/"),
    ]
    write_run(lake, "run-1", [own, taken], [own_outcome, taken_outcome], sources=sources)

    assert load(warehouse, lake, "run-1") is True
    assert article_row(warehouse, own.article_id)["source"] == "gazette"
    outcomes = warehouse.execute(
        "SELECT url, status, reason, article_id FROM url_outcomes ORDER BY url"
    ).fetchall()
    assert outcomes == [
        ("https://courier.example/r", "skipped", "duplicate_url", None),
        (HARBOUR, "extracted", "new", own.article_id),
    ]


# Whatever a listing or a server sent: any code point but lone surrogates, NUL included.
_ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    url=_ANY_TEXT,
    detail=st.none() | _ANY_TEXT,
    chain=st.lists(_ANY_TEXT, max_size=3),
    etag=st.none() | _ANY_TEXT,
    http_status=st.none() | st.integers(min_value=100, max_value=999),
    fetched_at=st.none() | _INSTANTS,
)
@example(
    url="javascript:\0\x1b[2J",
    detail="\u202e",
    chain=["\0"],
    etag="\U0010ffff",
    http_status=None,
    fetched_at=None,
)
def test_outcome_rows_round_trip_whatever_the_web_sent(
    url: str,
    detail: str | None,
    chain: list[str],
    etag: str | None,
    http_status: int | None,
    fetched_at: datetime | None,
) -> None:
    outcome = UrlOutcome(
        url=url,
        source="gazette",
        kind=UrlKind.ARTICLE,
        status=Status.FAILED,
        reason=Reason.INVALID_URL,
        http_status=http_status,
        redirect_chain=tuple(chain),
        detail=detail,
        listed_in=url,
        fetched_at=fetched_at,
        etag=etag,
    )
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        write_run(root / "lake", "run-1", [], [outcome])
        with open_warehouse(root / "w.duckdb") as connection:
            load(connection, root / "lake", "run-1")
            row = connection.execute(
                "SELECT url, detail, redirect_chain, etag, http_status, listed_in, fetched_at "
                "FROM url_outcomes"
            ).fetchall()

    assert row == [(url, detail, chain, etag, http_status, url, fetched_at)]


def test_a_load_out_of_memory_says_what_duckdb_held_and_changes_nothing(
    warehouse: duckdb.DuckDBPyConnection, lake: Path
) -> None:
    write_run(lake, "run-1", [make_article(HARBOUR)])
    load(warehouse, lake, "run-1")
    before = snapshot(warehouse)
    many = [
        make_article(f"https://gazette.example/news/{n}", text=f"{HARBOUR_TEXT} Story {n}. " * 20)
        for n in range(2_000)
    ]
    write_run(lake, "run-2", many)
    warehouse.execute("SET memory_limit = '8MB'")

    with pytest.raises(LoadError, match=r"(?s)Out of Memory.*DuckDB held: \w+ \d+ MB"):
        load(warehouse, lake, "run-2")

    warehouse.execute("SET memory_limit = '2GB'")
    assert snapshot(warehouse) == before


def _merge_refused(times: int) -> Callable[[duckdb.DuckDBPyConnection], list[str]]:
    """Return a merge whose first ``times`` calls end as DuckDB refusing a key: after the
    real merge, a row of ``articles`` is inserted again inside the load's transaction."""
    calls = 0

    def merge(connection: duckdb.DuckDBPyConnection) -> list[str]:
        nonlocal calls
        extracted = merge_articles(connection)
        calls += 1
        if calls <= times:
            connection.execute("INSERT INTO articles SELECT * FROM articles LIMIT 1")
        return extracted

    return merge


def _two_runs(lake: Path) -> None:
    harbour = make_article(HARBOUR)
    write_run(lake, "run-1", [harbour, make_article(FERRY, text="The ferry runs later.")])
    corrected = revised(
        harbour,
        text=HARBOUR_TEXT + " The council corrected the date.",
        tags=("harbour", "council"),
        fetched_at=T0 + timedelta(days=1),
    )
    write_run(lake, "run-2", [corrected], [outcome_for(corrected, Reason.UPDATED)])


def test_a_load_duckdb_refuses_a_key_once_is_loaded_on_its_second_try(
    warehouse: duckdb.DuckDBPyConnection,
    lake: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _two_runs(lake)
    with open_warehouse(tmp_path / "clean.duckdb") as clean:
        load(clean, lake, "run-1")
        load(clean, lake, "run-2")
        expected = snapshot(clean)
    load(warehouse, lake, "run-1")
    monkeypatch.setattr("warehouse.load.merge_articles", _merge_refused(times=1))

    with caplog.at_level(logging.WARNING, logger="warehouse.load"):
        assert load(warehouse, lake, "run-2") is True

    assert "loading run run-2: DuckDB refused a key (Constraint Error" in caplog.text
    after = snapshot(warehouse)
    # A run's finished_at is the clock's: every other value is the clean load's.
    finished_at = [c.name for c in RUNS.columns].index("finished_at")
    for state in (after, expected):
        state["runs"] = [r[:finished_at] + r[finished_at + 1 :] for r in state["runs"]]
    assert after == expected


def test_a_load_duckdb_refuses_a_key_twice_fails_and_changes_nothing(
    warehouse: duckdb.DuckDBPyConnection, lake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_runs(lake)
    load(warehouse, lake, "run-1")
    before = snapshot(warehouse)
    monkeypatch.setattr("warehouse.load.merge_articles", _merge_refused(times=2))

    with pytest.raises(
        LoadError, match=r"loading run run-2 failed, nothing was changed: .*Duplicate key"
    ):
        load(warehouse, lake, "run-2")

    assert snapshot(warehouse) == before
