"""Small builders for warehouse tests: articles, outcomes, committed runs, table snapshots."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from transforms.near_duplicates import simhash, to_signed
from transforms.records import Article, DiscoveryVia, Reason, Source, Status, UrlKind, UrlOutcome
from transforms.text import content_hash, version_hash, word_count
from transforms.urls import article_id_for
from warehouse.lake import RunCommit, commit_run, write_part
from warehouse.load import RunInfo, load_run
from warehouse.rows import extractions_table, outcomes_table, source_configs_table
from warehouse.schema import EXTRACTIONS, SOURCE_CONFIGS, URL_OUTCOMES, WAREHOUSE_TABLES

T0 = datetime(2025, 3, 4, 6, 0, tzinfo=UTC)
PARTITION = "run_date=2025-03-04"
"""The hive-style partition folder the nightly flow writes parts under."""

HARBOUR_TEXT = (
    "The town council approved the rebuilding of the old harbour wall on Tuesday night.\n"
    "Work is expected to begin in June."
)


def make_article(
    url: str,
    *,
    text: str = HARBOUR_TEXT,
    title: str | None = "Harbour wall approved",
    published_at: datetime | None = T0,
    published_offset: int = 60,
    fetched_at: datetime = T0 + timedelta(hours=2),
    source: str = "gazette",
    authors: tuple[str, ...] = ("Jane Doe", "Ravi Patel"),
    tags: tuple[str, ...] = ("harbour",),
    language_confidence: float | None = 0.98,
    sections: tuple[str, ...] = ("Local",),
    image_url: str | None = "https://gazette.example/img/harbour-wall.jpg",
) -> Article:
    """Return an article whose hashes are computed from its fields, as extraction does."""
    return Article(
        article_id=article_id_for(url),
        url=url,
        canonical_url=url,
        source=source,
        title=title,
        authors=authors,
        published_at=published_at,
        published_offset=published_offset if published_at is not None else None,
        date_source="json-ld" if published_at is not None else None,
        language="en",
        language_confidence=language_confidence,
        text=text,
        word_count=word_count(text),
        content_hash=content_hash(text),
        version_hash=version_hash(
            title, authors, published_at.isoformat() if published_at else None, url, "en", text
        ),
        extractor_version="test-extractor/1",
        fetched_at=fetched_at,
        tags=tags,
        sections=sections,
        image_url=image_url,
        simhash=to_signed(simhash(text)) if text.strip() else None,
    )


def revised(article: Article, **changes: Any) -> Article:
    """Return the article with fields changed and its hashes recomputed."""
    changed = replace(article, **changes)
    return make_article(
        changed.url,
        text=changed.text,
        title=changed.title,
        published_at=changed.published_at,
        published_offset=changed.published_offset or 0,
        fetched_at=changed.fetched_at,
        source=changed.source,
        authors=changed.authors,
        tags=changed.tags,
        language_confidence=changed.language_confidence,
        sections=changed.sections,
        image_url=changed.image_url,
    )


def outcome_for(article: Article, reason: Reason = Reason.NEW) -> UrlOutcome:
    """Return the url_outcomes row of an extracted article."""
    return UrlOutcome(
        url=article.url,
        source=article.source,
        kind=UrlKind.ARTICLE,
        status=Status.EXTRACTED,
        reason=reason,
        http_status=200,
        final_url=article.url,
        article_id=article.article_id,
        via=DiscoveryVia.FEED,
        listed_in="https://gazette.example/rss",
        fetched_at=article.fetched_at,
    )


def write_run(
    lake: Path,
    run_id: str,
    articles: Sequence[Article],
    outcomes: Sequence[UrlOutcome] | None = None,
    *,
    partition: str = PARTITION,
    sources: Sequence[Source] = (),
) -> RunCommit:
    """Write a run's parts to the lake (its configured sources too, when given) and
    commit them; return the commit."""
    if outcomes is None:
        outcomes = [outcome_for(a) for a in articles]
    parts: dict[str, tuple[str, ...]] = {}
    if sources:
        parts[SOURCE_CONFIGS.name] = (
            write_part(
                lake,
                SOURCE_CONFIGS,
                source_configs_table(sources, run_id),
                partition=partition,
                name=f"{run_id}-sources",
            ),
        )
    if articles:
        parts[EXTRACTIONS.name] = (
            write_part(
                lake,
                EXTRACTIONS,
                extractions_table(articles, run_id),
                partition=partition,
                name=f"{run_id}-00000",
            ),
        )
    if outcomes:
        parts[URL_OUTCOMES.name] = (
            write_part(
                lake,
                URL_OUTCOMES,
                outcomes_table(outcomes, run_id),
                partition=partition,
                name=f"{run_id}-00000",
            ),
        )
    commit = RunCommit(run_id=run_id, parts=parts)
    commit_run(lake, commit)
    return commit


def run_info(run_id: str, started_at: datetime = T0) -> RunInfo:
    """Return the runs-table facts of a test run."""
    return RunInfo(
        run_id=run_id, flow="nightly-ingest", started_at=started_at, config_sha256="c0ffee"
    )


def load(connection: duckdb.DuckDBPyConnection, lake: Path, run_id: str) -> bool:
    """Load a committed run; return what load_run returned."""
    return load_run(connection, lake, run_info(run_id))


def snapshot(connection: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of every warehouse table, in a stable order, plus the table list."""
    state: dict[str, list[tuple[Any, ...]]] = {
        "_tables": connection.execute(
            "SELECT table_name, temporary FROM duckdb_tables() ORDER BY ALL"
        ).fetchall()
    }
    for table in WAREHOUSE_TABLES:
        state[table.name] = connection.execute(
            f'SELECT * FROM "{table.name}" ORDER BY ALL'
        ).fetchall()
    return state


def article_row(connection: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any]:
    """Return one stored article as a column-name to value mapping."""
    cursor = connection.execute("SELECT * FROM articles WHERE article_id = $id", {"id": article_id})
    names = [column[0] for column in cursor.description or ()]
    row = cursor.fetchone()
    assert row is not None, f"article {article_id} is not stored"
    return dict(zip(names, row, strict=True))
