"""Warehouses for the search tests: articles stored through the real loader, then indexed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import duckdb

from tests.warehouse.builders import T0, load, make_article, write_run
from transforms.records import Article, Source
from warehouse.connection import open_warehouse
from warehouse.ddl import ensure_schema
from warehouse.search.index import refresh_search_index


def open_search_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """Return a connection to a warehouse with its tables, the index and the macros."""
    connection = open_warehouse(path)
    ensure_schema(connection)
    return connection


def story(
    slug: str,
    title: str,
    text: str,
    *,
    language: str = "en",
    source: str = "gazette",
    published_at: datetime | None = T0,
) -> Article:
    """Return an article of the given language at https://<source>.example/<slug>."""
    article = make_article(
        f"https://{source}.example/{slug}",
        title=title,
        text=text,
        source=source,
        published_at=published_at,
    )
    return replace(article, language=language)


def load_stories(
    connection: duckdb.DuckDBPyConnection,
    lake: Path,
    run_id: str,
    stories: Sequence[Article],
    sources: Sequence[Source] = (),
) -> None:
    """Load the stories as one committed run, then bring the index up to date."""
    write_run(lake, run_id, stories, sources=sources)
    load(connection, lake, run_id)
    connection.execute("BEGIN TRANSACTION")
    refresh_search_index(connection)
    connection.execute("COMMIT")


def found(connection: duckdb.DuckDBPyConnection, query: str, **filters: object) -> list[str]:
    """Return the URL slugs search_articles ranks for a query, best first."""
    arguments = "".join(f", {name} := ${name}" for name in filters)
    rows = connection.execute(
        f"SELECT url FROM search_articles($query{arguments})", {"query": query, **filters}
    ).fetchall()
    return [url.rsplit("/", 1)[1] for (url,) in rows]
