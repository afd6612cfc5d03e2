"""Every cookbook query, run on the analyst test warehouse, against its known answer."""

from __future__ import annotations

import importlib
import importlib.util
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pytest

from tests.warehouse.analyst_warehouse import (
    FERRY,
    HARBOUR,
    HARBOUR_COPY,
    LETTERS,
    MARKET,
    MARKET_UPDATED,
    RUN_1,
    RUN_1_STARTED,
    RUN_2,
    RUN_2_STARTED,
    SOURCES,
    STORM,
    AnalystWarehouse,
    build_analyst_warehouse,
    finished_at,
)
from tests.warehouse.builders import T0, write_run
from transforms.records import Article, Reason, Status, UrlKind, UrlOutcome
from warehouse.connection import open_warehouse
from warehouse.cookbook import (
    COOKBOOK_DIR,
    CookbookError,
    cookbook_queries,
    cookbook_query,
    read_cookbook_query,
)
from warehouse.load import RunInfo, load_run
from warehouse.published import open_reader

COOKBOOK_FILES = sorted(COOKBOOK_DIR.glob("*.sql"))


@dataclass(frozen=True, kw_only=True)
class Answer:
    """A cookbook query's parameters and the rows it must return for them, in order."""

    params: dict[str, Any]
    rows: list[tuple[Any, ...]]


def local_time(article: Article) -> datetime | None:
    """Return the article's publication time on its outlet's clock (naive, as DuckDB gives
    TIMESTAMP values)."""
    if article.published_at is None:
        return None
    zone = ZoneInfo(next(s.timezone for s in SOURCES if s.name == article.source))
    return article.published_at.astimezone(zone).replace(tzinfo=None)


def expected_answers(warehouse: AnalystWarehouse) -> dict[str, Answer]:
    """Return the answer of every cookbook query on the analyst test warehouse, by name."""
    story = min(HARBOUR.article_id, HARBOUR_COPY.article_id)
    finished = finished_at(warehouse)
    return {
        # The outlet's calendar: 4 March holds the market hall (23:30 UTC on the 3rd) but
        # not the ferry story (05:00 UTC on the 4th, the evening before in California).
        "daily_counts_by_outlet": Answer(
            params={"since": date(2025, 3, 4), "until": date(2025, 3, 4)},
            rows=[
                ("harbour-ledger", date(2025, 3, 4), "Europe/London", 1, 0),
                ("rheinblick", date(2025, 3, 4), "Europe/Berlin", 1, 0),
                ("valley-courier", date(2025, 3, 4), "America/Los_Angeles", 1, 1),
            ],
        ),
        "articles_mentioning": Answer(
            params={"term": "FERRY"},
            rows=[
                (a.source, a.published_at, a.title, in_title, True, a.url)
                for a, in_title in ((STORM, False), (FERRY, True), (LETTERS, False))
            ],
        ),
        "syndicated_stories": Answer(
            params={},
            rows=[
                (story, 2, 2, a.source, a.published_at, a.title, a.article_id, original, a.url)
                for a, original in ((HARBOUR, None), (HARBOUR_COPY, HARBOUR.article_id))
            ],
        ),
        # Run 1's timeout is not the latest run's.
        "failures_last_run": Answer(
            params={},
            rows=[
                (
                    "http_5xx",
                    "harbour-ledger",
                    "article",
                    2,
                    [500, 503],
                    "https://harbour-ledger.example/news/live",
                ),
                (
                    "feed_malformed",
                    "rheinblick",
                    "feed",
                    1,
                    [200],
                    "https://rheinblick.example/feed.xml",
                ),
                (
                    "http_4xx",
                    "valley-courier",
                    "article",
                    1,
                    [404],
                    "https://valley-courier.example/news/gone",
                ),
            ],
        ),
        # The undated letters page counts from when it was first seen (06:09 on 4 March).
        "latest_articles_per_outlet": Answer(
            params={"n": 2},
            rows=[
                (a.source, rank, local_time(a), a.title, a.url)
                for a, rank in (
                    (STORM, 1),
                    (HARBOUR, 2),
                    (LETTERS, 1),
                    (MARKET_UPDATED, 2),
                    (HARBOUR_COPY, 1),
                    (FERRY, 2),
                )
            ],
        ),
        "article_changes": Answer(
            params={"article": MARKET.url},
            rows=[
                (
                    MARKET.article_id,
                    1,
                    False,
                    MARKET.fetched_at,
                    MARKET.fetched_at,
                    1,
                    None,
                    MARKET.title,
                    MARKET.word_count,
                    None,
                    None,
                    None,
                    None,
                    None,
                ),
                (
                    MARKET.article_id,
                    2,
                    True,
                    MARKET_UPDATED.fetched_at,
                    MARKET_UPDATED.fetched_at,
                    1,
                    None,
                    MARKET_UPDATED.title,
                    MARKET_UPDATED.word_count,
                    MARKET_UPDATED.word_count - MARKET.word_count,
                    True,
                    True,
                    False,
                    False,
                ),
            ],
        ),
        "article_text": Answer(
            params={"article": MARKET.url},
            rows=[
                (
                    MARKET.article_id,
                    "rheinblick",
                    MARKET.url,
                    "Markthalle öffnet am Samstag",
                    ["Lena Vogt"],
                    MARKET.published_at,
                    MARKET.fetched_at,
                    MARKET_UPDATED.fetched_at,
                    MARKET_UPDATED.word_count,
                    MARKET_UPDATED.version_hash,
                    MARKET_UPDATED.text,
                )
            ],
        ),
        "run_summaries": Answer(
            params={},
            rows=[
                (RUN_2, "nightly-ingest", RUN_2_STARTED, finished[RUN_2], 3, 10, 1, 1, 3, 1, 4),
                (RUN_1, "nightly-ingest", RUN_1_STARTED, finished[RUN_1], 3, 6, 5, 0, 0, 0, 1),
            ],
        ),
        "outlets_overview": Answer(
            params={},
            rows=[
                (
                    source,
                    len(stored),
                    copies,
                    ["en"],
                    first,
                    last,
                    statistics.median(a.word_count for a in stored),
                )
                for source, copies, first, last, stored in (
                    (
                        "harbour-ledger",
                        0,
                        HARBOUR.published_at,
                        STORM.published_at,
                        [HARBOUR, STORM],
                    ),
                    # The undated letters page counts for the median, not for the dates.
                    (
                        "rheinblick",
                        0,
                        MARKET.published_at,
                        MARKET.published_at,
                        [MARKET_UPDATED, LETTERS],
                    ),
                    (
                        "valley-courier",
                        1,
                        FERRY.published_at,
                        HARBOUR_COPY.published_at,
                        [FERRY, HARBOUR_COPY],
                    ),
                )
            ],
        ),
    }


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> AnalystWarehouse:
    """Return the analyst test warehouse, built once for the module."""
    return build_analyst_warehouse(tmp_path_factory.mktemp("cookbook"))


@pytest.fixture(scope="module")
def reader(published: AnalystWarehouse) -> Iterator[duckdb.DuckDBPyConnection]:
    """Return a read-only connection to the published test warehouse."""
    connection = open_reader(published.path)
    try:
        yield connection
    finally:
        connection.close()


@pytest.mark.parametrize("path", COOKBOOK_FILES, ids=lambda path: path.stem)
def test_every_query_gives_its_known_answer(
    path: Path, published: AnalystWarehouse, reader: duckdb.DuckDBPyConnection
) -> None:
    answers = expected_answers(published)
    if path.stem not in answers:
        pytest.fail(f"{path.name} has no expected answer: add one to expected_answers()")
    answer = answers[path.stem]
    query = read_cookbook_query(path)

    assert reader.execute(query.sql, answer.params or None).fetchall() == answer.rows


@pytest.mark.parametrize("path", COOKBOOK_FILES, ids=lambda path: path.stem)
def test_parameters_given_as_text_give_the_same_answer(
    path: Path, published: AnalystWarehouse, reader: duckdb.DuckDBPyConnection
) -> None:
    # What `mediawatch sql --param name=value` passes.
    answer = expected_answers(published).get(path.stem)
    assert answer is not None
    as_text = {name: str(value) for name, value in answer.params.items()}

    assert reader.execute(path.read_text(encoding="utf-8"), as_text or None).fetchall() == (
        answer.rows
    )


def test_every_answer_has_its_query(published: AnalystWarehouse) -> None:
    assert sorted(expected_answers(published)) == [path.stem for path in COOKBOOK_FILES]


@pytest.mark.parametrize("path", COOKBOOK_FILES, ids=lambda path: path.stem)
def test_every_query_documents_its_question_and_parameters(path: Path) -> None:
    query = read_cookbook_query(path)

    assert query.question.endswith((".", "?")) and len(query.question) > 40
    assert set(query.parameters) == query.parameters_used()
    assert all(query.parameters.values())


def test_header_parsing(tmp_path: Path) -> None:
    path = tmp_path / "recent_titles.sql"
    path.write_text(
        "-- Which titles did an outlet publish\n-- since a day?\n--\n"
        "-- $source: the outlet\n-- $since: a DATE\n"
        "SELECT title FROM articles -- not $this\n"
        "WHERE source = $source AND published_at >= $since::DATE\n",
        encoding="utf-8",
    )

    query = read_cookbook_query(path)

    assert query.name == "recent_titles"
    assert query.question == "Which titles did an outlet publish since a day?"
    assert query.parameters == {"source": "the outlet", "since": "a DATE"}
    assert query.parameters_used() == {"source", "since"}
    path.write_text("SELECT 1\n", encoding="utf-8")
    with pytest.raises(CookbookError, match=r"recent_titles\.sql has no header"):
        read_cookbook_query(path)


def test_queries_by_name() -> None:
    assert [query.name for query in cookbook_queries()] == [p.stem for p in COOKBOOK_FILES]
    assert cookbook_query("run_summaries").sql == (COOKBOOK_DIR / "run_summaries.sql").read_text(
        encoding="utf-8"
    )
    for name in ("nope", "../api", "RUN_SUMMARIES"):
        with pytest.raises(CookbookError, match="no cookbook query"):
            cookbook_query(name)


def test_a_term_is_matched_literally(reader: duckdb.DuckDBPyConnection) -> None:
    sql = cookbook_query("articles_mentioning").sql

    assert reader.execute(sql, {"term": "%"}).fetchall() == []
    assert reader.execute(sql, {"term": "ferry_"}).fetchall() == []
    assert [row[2] for row in reader.execute(sql, {"term": "ferry-verbindung"}).fetchall()] == [
        "Leserbriefe"
    ]


def test_an_article_by_its_id(reader: duckdb.DuckDBPyConnection) -> None:
    sql = cookbook_query("article_text").sql

    by_id = reader.execute(sql, {"article": MARKET.article_id}).fetchall()
    assert by_id == reader.execute(sql, {"article": MARKET.url}).fetchall()
    assert len(by_id) == 1


def test_the_folder_does_not_shadow_the_queries_module() -> None:
    # warehouse/queries/ (SQL files, no __init__.py) sits beside warehouse/queries.py.
    spec = importlib.util.find_spec("warehouse.queries")

    assert spec is not None and spec.origin is not None
    assert Path(spec.origin) == COOKBOOK_DIR.with_suffix(".py")
    assert not (COOKBOOK_DIR / "__init__.py").exists()
    assert hasattr(importlib.import_module("warehouse.queries"), "known_articles")


def test_the_readme_lists_every_query() -> None:
    readme = (COOKBOOK_DIR.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For analysts", 1)[1].split("\n## ", 1)[0]

    listed = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
    assert sorted(listed) == [path.stem for path in COOKBOOK_FILES]


def test_failures_of_the_last_run_pass_over_discovery_polls(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    failed = [
        UrlOutcome(
            url=url,
            source="gazette",
            kind=kind,
            status=Status.FAILED,
            reason=reason,
            http_status=status,
        )
        for url, kind, reason, status in (
            ("https://gazette.example/news/1", UrlKind.ARTICLE, Reason.HTTP_5XX, 503),
            ("https://gazette.example/feed.xml", UrlKind.FEED, Reason.HTTP_4XX, 404),
        )
    ]
    write_run(lake, "run-1", [], failed[:1])
    write_run(lake, "run-2", [], failed[1:])
    connection = open_warehouse(tmp_path / "warehouse.duckdb")
    try:
        for run_id, flow, hours in (("run-1", "nightly-ingest", 0), ("run-2", "discovery-poll", 1)):
            info = RunInfo(
                run_id=run_id, flow=flow, started_at=T0 + timedelta(hours=hours), config_sha256=""
            )
            load_run(connection, lake, info)
        sql = cookbook_query("failures_last_run").sql
        assert connection.execute(sql).fetchall() == [
            ("http_5xx", "gazette", "article", 1, [503], "https://gazette.example/news/1")
        ]
    finally:
        connection.close()
