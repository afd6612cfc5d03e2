"""The declared schemas: one per table, every column described, types DuckDB can store."""

from __future__ import annotations

import pyarrow as pa
import pytest

from warehouse.schema import (
    ARTICLE_VERSIONS,
    ARTICLES,
    EXTRACTIONS,
    LAKE_TABLES,
    RUNS,
    SCHEMA_VERSION,
    SOURCE_CONFIGS,
    SOURCES,
    URL_OUTCOMES,
    UTC_TIMESTAMP,
    WAREHOUSE_TABLES,
    Table,
    duckdb_type,
)

ALL_TABLES = (*WAREHOUSE_TABLES, *(t for t in LAKE_TABLES if t not in WAREHOUSE_TABLES))


@pytest.mark.parametrize("table", ALL_TABLES, ids=lambda t: t.name)
def test_every_table_and_column_is_described(table: Table) -> None:
    assert table.description.strip()
    for column in table.columns:
        assert column.description.strip(), f"{table.name}.{column.name} has no description"


@pytest.mark.parametrize("table", ALL_TABLES, ids=lambda t: t.name)
def test_column_names_are_unique_and_primary_keys_are_required_columns(table: Table) -> None:
    assert len(set(table.column_names)) == len(table.column_names)
    required = {c.name for c in table.columns if not c.nullable}
    assert set(table.primary_key) <= required


@pytest.mark.parametrize("table", ALL_TABLES, ids=lambda t: t.name)
def test_arrow_schema_carries_descriptions_and_version(table: Table) -> None:
    schema = table.arrow_schema

    assert schema.names == list(table.column_names)
    assert schema.metadata == {
        b"description": table.description.encode(),
        b"schema_version": str(SCHEMA_VERSION).encode(),
    }
    for column in table.columns:
        field = schema.field(column.name)
        assert field.type == column.type
        assert field.nullable == column.nullable
        assert field.metadata == {b"description": column.description.encode()}


def test_articles_and_extractions_share_the_article_columns() -> None:
    # The fingerprint travels with extractions too, and keeps its place among the
    # warehouse's own columns of articles.
    core = [c for c in EXTRACTIONS.columns if c.name not in ("fetched_at", "run_id", "simhash")]
    simhash = [c for c in EXTRACTIONS.columns if c.name == "simhash"]
    assert simhash == [c for c in ARTICLES.columns if c.name == "simhash"]

    assert [c for c in ARTICLES.columns[: len(core)]] == core
    assert ARTICLES.column_names[len(core) :] == (
        "first_seen_at",
        "updated_at",
        "run_id",
        "simhash",
        "cluster_id",
        "duplicate_of",
        "published_local_day",
    )


def test_table_groups() -> None:
    assert [t.name for t in WAREHOUSE_TABLES] == [
        "articles",
        "article_versions",
        "sources",
        "url_outcomes",
        "captures",
        "runs",
        "search_docs",
        "search_terms",
        "search_postings",
        "search_stale",
    ]
    assert [t.name for t in LAKE_TABLES] == [
        "extractions",
        "source_configs",
        "url_outcomes",
        "captures",
        "runs",
    ]
    assert ARTICLES.primary_key == ("article_id",)
    assert URL_OUTCOMES.primary_key == ("run_id", "url", "kind")
    assert RUNS.primary_key == ("run_id",)


def test_timestamps_are_utc() -> None:
    timestamps = [c.type for t in ALL_TABLES for c in t.columns if pa.types.is_timestamp(c.type)]

    assert timestamps
    assert all(kind == UTC_TIMESTAMP for kind in timestamps)


@pytest.mark.parametrize(
    ("arrow_type", "expected"),
    [
        (pa.string(), "VARCHAR"),
        (pa.int32(), "INTEGER"),
        (pa.int64(), "BIGINT"),
        (pa.float64(), "DOUBLE"),
        (pa.bool_(), "BOOLEAN"),
        (pa.timestamp("us", tz="UTC"), "TIMESTAMPTZ"),
        (pa.timestamp("us"), "TIMESTAMP"),
        (pa.list_(pa.string()), "VARCHAR[]"),
        (pa.list_(pa.list_(pa.int32())), "INTEGER[][]"),
    ],
)
def test_duckdb_type(arrow_type: pa.DataType, expected: str) -> None:
    assert duckdb_type(arrow_type) == expected


def test_duckdb_type_refuses_undeclared_types() -> None:
    with pytest.raises(TypeError, match="no DuckDB type declared"):
        duckdb_type(pa.float16())


@pytest.mark.parametrize("table", ALL_TABLES, ids=lambda t: t.name)
def test_indexed_columns_are_declared_columns(table: Table) -> None:
    assert set(table.indexed) <= set(table.column_names)


def test_versions_hold_the_article_columns_and_sources_the_config_columns() -> None:
    core = [c for c in EXTRACTIONS.columns if c.name not in ("fetched_at", "run_id", "simhash")]
    assert list(ARTICLE_VERSIONS.columns[1 : len(core) + 1]) == core
    assert ARTICLE_VERSIONS.primary_key == ("version_id",)
    config = [c for c in SOURCE_CONFIGS.columns if c.name != "run_id"]
    assert list(SOURCES.columns[: len(config)]) == config
    assert SOURCES.primary_key == ("name",)
