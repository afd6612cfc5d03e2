"""DDL generated from the schemas, applied to a real DuckDB file: types, keys, comments."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from tests.warehouse.builders import T0, article_row, load, make_article, write_run
from warehouse.connection import open_warehouse
from warehouse.ddl import (
    comment_sql,
    create_table_sql,
    ensure_schema,
    quote_identifier,
    quote_literal,
)
from warehouse.schema import (
    ARTICLES,
    SCHEMA_VERSION,
    SEARCH_TABLES,
    WAREHOUSE_TABLES,
    Column,
    Table,
    duckdb_type,
)


def test_every_table_and_column_has_a_comment(warehouse: duckdb.DuckDBPyConnection) -> None:
    ensure_schema(warehouse)

    tables = dict(
        warehouse.execute(
            "SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal"
        ).fetchall()
    )
    columns = warehouse.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE NOT internal "
        "AND table_name IN (SELECT table_name FROM duckdb_tables())"
    ).fetchall()

    assert set(tables) == {t.name for t in WAREHOUSE_TABLES}
    assert all(comment and comment.strip() for comment in tables.values()), tables
    assert len(columns) == sum(len(t.columns) for t in WAREHOUSE_TABLES)
    assert [(t, c) for t, c, comment in columns if not (comment and comment.strip())] == []


def test_comments_are_the_declared_descriptions(warehouse: duckdb.DuckDBPyConnection) -> None:
    ensure_schema(warehouse)

    for table in WAREHOUSE_TABLES:
        stored = warehouse.execute(
            "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = $t "
            "ORDER BY column_index",
            {"t": table.name},
        ).fetchall()
        assert stored == [(c.name, c.description) for c in table.columns]
        assert warehouse.execute(
            "SELECT comment FROM duckdb_tables() WHERE table_name = $t", {"t": table.name}
        ).fetchone() == (table.description,)


def test_live_columns_match_the_declared_types_and_nullability(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    ensure_schema(warehouse)

    for table in WAREHOUSE_TABLES:
        live = warehouse.execute(
            "SELECT column_name, data_type, is_nullable FROM duckdb_columns() "
            "WHERE table_name = $t ORDER BY column_index",
            {"t": table.name},
        ).fetchall()
        assert live == [
            (
                c.name,
                duckdb_type(c.type).replace("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"),
                c.nullable,
            )
            for c in table.columns
        ]


def test_primary_keys_are_declared(warehouse: duckdb.DuckDBPyConnection) -> None:
    ensure_schema(warehouse)

    keys = dict(
        (table, tuple(columns))
        for table, columns in warehouse.execute(
            "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
            "WHERE constraint_type = 'PRIMARY KEY'"
        ).fetchall()
    )

    assert keys == {t.name: t.primary_key for t in WAREHOUSE_TABLES if t.primary_key}


def test_ensure_schema_is_idempotent_and_keeps_rows(warehouse: duckdb.DuckDBPyConnection) -> None:
    ensure_schema(warehouse)
    warehouse.execute("INSERT INTO runs VALUES ('r', 'f', now(), now(), 'c', 0, 0, 0, 0, 0, 0)")

    ensure_schema(warehouse)

    assert warehouse.execute("SELECT run_id FROM runs").fetchall() == [("r",)]


def test_create_table_sql_for_a_temporary_copy() -> None:
    sql = create_table_sql(ARTICLES, name="incoming", temporary=True)

    assert sql.startswith('CREATE TEMP TABLE IF NOT EXISTS "incoming" (')
    assert '"article_id" VARCHAR NOT NULL' in sql
    assert '"authors" VARCHAR[] NOT NULL' in sql
    assert '"title" VARCHAR,' in sql
    assert 'PRIMARY KEY ("article_id")' in sql


def test_identifiers_and_comments_with_quotes_survive(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    table = Table(
        name='odd "name"',
        description="The reader's table",
        columns=(Column(name="it's", type=pa.string(), description='A "quoted" column'),),
    )

    warehouse.execute(create_table_sql(table))
    for statement in comment_sql(table):
        warehouse.execute(statement)

    assert warehouse.execute(
        "SELECT comment FROM duckdb_tables() WHERE table_name = $t", {"t": 'odd "name"'}
    ).fetchone() == ("The reader's table",)
    assert warehouse.execute(
        "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = $t",
        {"t": 'odd "name"'},
    ).fetchall() == [("it's", 'A "quoted" column')]


@pytest.mark.parametrize(
    ("name", "quoted"), [("articles", '"articles"'), ('a"b', '"a""b"'), ("", '""')]
)
def test_quote_identifier(name: str, quoted: str) -> None:
    assert quote_identifier(name) == quoted


def test_quote_literal() -> None:
    assert quote_literal("it's") == "'it''s'"
    assert quote_literal("") == "''"


def test_an_older_warehouse_gains_new_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    connection = duckdb.connect(str(tmp_path / "old.duckdb"))
    try:
        # An articles table from before capture_id existed, with one row in it.
        older = Table(
            name=ARTICLES.name,
            description=ARTICLES.description,
            columns=tuple(c for c in ARTICLES.columns if c.name != "capture_id"),
            primary_key=ARTICLES.primary_key,
        )
        connection.execute(create_table_sql(older))
        connection.execute(
            "INSERT INTO articles (article_id, url, source, authors, text, word_count, "
            "content_hash, version_hash, extractor_version, tags, first_seen_at, updated_at, "
            "run_id) VALUES ('a1', 'https://x.test/a', 'x', [], 'Text.', 1, 'c', 'v', 'e', [], "
            "now(), now(), 'r1')"
        )
        ensure_schema(connection)
        columns = [
            row[0]
            for row in connection.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = 'articles'"
            ).fetchall()
        ]
        assert "capture_id" in columns
        assert connection.execute("SELECT article_id, capture_id FROM articles").fetchall() == [
            ("a1", None)
        ]
    finally:
        connection.close()


_NEWER_ARTICLE_COLUMNS = ("language_confidence", "sections", "image_url")


def test_a_warehouse_without_sections_images_and_confidence_is_upgraded_in_place(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.duckdb"
    older = Table(
        name=ARTICLES.name,
        description=ARTICLES.description,
        columns=tuple(c for c in ARTICLES.columns if c.name not in _NEWER_ARTICLE_COLUMNS),
        primary_key=ARTICLES.primary_key,
    )
    with duckdb.connect(str(path)) as connection:
        connection.execute(create_table_sql(older))
        connection.execute(
            "INSERT INTO articles (article_id, url, source, title, authors, language, text, "
            "word_count, content_hash, version_hash, extractor_version, tags, first_seen_at, "
            "updated_at, run_id) VALUES ('a1', 'https://x.test/a', 'x', 'Old story', ['Ann'], "
            "'en', 'Text.', 1, 'c', 'v', 'e', ['harbour'], now(), now(), 'r1')"
        )

    with open_warehouse(path) as connection:
        ensure_schema(connection)
        live = connection.execute(
            "SELECT column_name, data_type, comment FROM duckdb_columns() "
            "WHERE table_name = 'articles' AND column_name IN (SELECT unnest($names)) "
            "ORDER BY column_name",
            {"names": list(_NEWER_ARTICLE_COLUMNS)},
        ).fetchall()
        kept = connection.execute(
            "SELECT article_id, title, authors, tags, language_confidence, sections, image_url "
            "FROM articles"
        ).fetchall()
        # A run loads into the upgraded file, whose new columns come last.
        fresh = make_article("https://x.test/b", sections=("Local", "Harbour"))
        write_run(tmp_path / "lake", "run-2", [fresh])
        assert load(connection, tmp_path / "lake", "run-2") is True
        stored = article_row(connection, fresh.article_id)

    declared = {c.name: c.description for c in ARTICLES.columns}
    assert live == [
        ("image_url", "VARCHAR", declared["image_url"]),
        ("language_confidence", "DOUBLE", declared["language_confidence"]),
        ("sections", "VARCHAR[]", declared["sections"]),
    ]
    assert kept == [("a1", "Old story", ["Ann"], ["harbour"], None, None, None)]
    assert (stored["language_confidence"], stored["sections"], stored["image_url"]) == (
        0.98,
        ["Local", "Harbour"],
        "https://gazette.example/img/harbour-wall.jpg",
    )


def test_a_schema_version_1_warehouse_is_upgraded_in_place(tmp_path: Path) -> None:
    # A file as the first release wrote it: four tables, no versions, sources, indexes,
    # views or macros; one article and its run.
    path = tmp_path / "v1.duckdb"
    v1_tables = [
        replace(t, columns=tuple(c for c in t.columns if c.name != "published_local_day"))
        for t in WAREHOUSE_TABLES
        if t.name not in ("article_versions", "sources") and t not in SEARCH_TABLES
    ]
    with duckdb.connect(str(path)) as connection:
        for table in v1_tables:
            connection.execute(create_table_sql(replace(table, indexed=())))
        connection.execute(
            "INSERT INTO articles (article_id, url, source, title, authors, text, word_count, "
            "content_hash, version_hash, extractor_version, tags, first_seen_at, updated_at, "
            "run_id, published_at) VALUES ('a1', 'https://x.test/a', 'x', 'Old story', ['Ann'], "
            "'Text about the harbour.', 4, 'c', 'v', 'e', [], $t, $t, 'r1', $t)",
            {"t": T0},
        )
        connection.execute(
            "INSERT INTO runs VALUES ('r1', 'f', $t, $t, 'c', 1, 1, 0, 0, 0, 0)", {"t": T0}
        )
        before = {
            t.name: connection.execute(f'SELECT * FROM "{t.name}"').fetchall() for t in v1_tables
        }

    with open_warehouse(path) as connection:
        ensure_schema(connection)
        kept = {
            t.name: connection.execute(
                f'SELECT {", ".join(t.column_names)} FROM "{t.name}"'
            ).fetchall()
            for t in v1_tables
        }
        local_days = connection.execute(
            "SELECT article_id, published_local_day FROM articles"
        ).fetchall()
        indexes = connection.execute("SELECT index_name FROM duckdb_indexes()").fetchall()
        version = connection.execute("SELECT schema_version FROM schema_info").fetchall()
        about = connection.execute("SELECT article_id FROM articles_about('HARBOUR')").fetchall()
        history = connection.execute(
            "SELECT version_number, title, is_current FROM article_history('a1')"
        ).fetchall()
        counts = connection.execute(
            "SELECT source, local_day, articles FROM daily_counts"
        ).fetchall()
        searched = connection.execute(
            "SELECT article_id FROM search_articles('harbour')"
        ).fetchall()

    assert kept == before
    assert indexes == [("articles_content_hash_idx",), ("search_docs_article_id_idx",)]
    assert searched == [("a1",)]
    assert version == [(SCHEMA_VERSION,)]
    assert about == [("a1",)]
    assert history == [(1, "Old story", True)]
    assert counts == [("x", T0.date(), 1)]
    assert local_days == [("a1", T0.date())]
