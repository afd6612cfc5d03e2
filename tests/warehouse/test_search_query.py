"""The search query language and BM25 ranking: AND, OR, NOT, phrases, filters, counts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import duckdb
import pytest

from tests.warehouse.search_support import found, load_stories, open_search_warehouse, story
from transforms.records import Source

MARCH_3 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
MARCH_4 = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
# 23:30 UTC on 4 March is 5 March on the Berlin outlet's clock.
LATE_MARCH_4 = datetime(2025, 3, 4, 23, 30, tzinfo=UTC)

STORIES = (
    story(
        "storm-wall",
        "Storm damages the harbour wall",
        "The harbour wall was damaged by the storm on Tuesday.\nRepairs start in June.",
        published_at=MARCH_3,
    ),
    story(
        "ferry",
        "Ferry timetable changes",
        "The ferry leaves the harbour at six. A wall of water hit the pier last winter.",
        published_at=MARCH_4,
    ),
    story(
        "budget",
        "Council budget approved",
        "The council approved the budget for the harbour and the schools.",
        source="courier",
        published_at=MARCH_4,
    ),
    story(
        "wall-mentions",
        "Letters",
        "Readers write about the harbour. Harbour wall repairs, harbour wall costs, and the "
        "harbour wall again: the wall, the wall, the wall.",
        source="courier",
        published_at=None,
    ),
    story(
        "split-phrase",
        "Views of the harbour",
        "Wall paintings in the old town.",
        source="rheinblick",
        published_at=LATE_MARCH_4,
    ),
)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """Return a warehouse holding the stories above, indexed."""
    folder = tmp_path_factory.mktemp("query")
    connection = open_search_warehouse(folder / "warehouse.duckdb")
    load_stories(
        connection,
        folder / "lake",
        "20250304T060000Z-aaaaaa",
        list(STORIES),
        sources=[Source(name="rheinblick", timezone="Europe/Berlin")],
    )
    yield connection
    connection.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wall", {"storm-wall", "ferry", "wall-mentions", "split-phrase"}),
        ("harbour wall", {"storm-wall", "ferry", "wall-mentions", "split-phrase"}),
        ("harbour AND wall", {"storm-wall", "ferry", "wall-mentions", "split-phrase"}),
        ('"harbour wall"', {"storm-wall", "wall-mentions"}),
        ('"wall harbour"', set()),
        ("ferry OR budget", {"ferry", "budget"}),
        ("harbour ferry OR budget", {"ferry", "budget"}),
        ("harbour NOT storm", {"ferry", "budget", "wall-mentions", "split-phrase"}),
        ("harbour -storm", {"ferry", "budget", "wall-mentions", "split-phrase"}),
        ("harbour NOT storm OR ferry", {"budget", "wall-mentions", "split-phrase"}),
        ('harbour -"harbour wall"', {"ferry", "budget", "split-phrase"}),
        ("NOT storm", set()),
        ("", set()),
        ("  ...  ", set()),
        ("lighthouse", set()),
        ("harbour lighthouse", set()),
        (
            "harbour OR lighthouse",
            {"storm-wall", "ferry", "budget", "wall-mentions", "split-phrase"},
        ),
    ],
)
def test_query_language(
    warehouse: duckdb.DuckDBPyConnection, query: str, expected: set[str]
) -> None:
    assert set(found(warehouse, query)) == expected


def test_a_phrase_never_spans_title_and_text(warehouse: duckdb.DuckDBPyConnection) -> None:
    # 'split-phrase' ends its title with 'harbour' and starts its text with 'Wall'.
    assert "split-phrase" not in found(warehouse, '"harbour wall"')


def test_ranking_follows_bm25(warehouse: duckdb.DuckDBPyConnection) -> None:
    # Title words count three times; repeated words count, with diminishing returns.
    ranked = found(warehouse, "harbour wall")

    assert ranked[0] in {"storm-wall", "wall-mentions"}
    assert ranked.index("storm-wall") < ranked.index("ferry")
    assert ranked.index("wall-mentions") < ranked.index("ferry")
    scores = warehouse.execute(
        "SELECT score FROM search_articles('harbour wall') ORDER BY rank"
    ).fetchall()
    assert [s for (s,) in scores] == sorted((s for (s,) in scores), reverse=True)
    assert all(s > 0 for (s,) in scores)


def test_rank_and_columns(warehouse: duckdb.DuckDBPyConnection) -> None:
    cursor = warehouse.execute("SELECT * FROM search_articles('\"harbour wall\"')")
    columns = [d[0] for d in cursor.description or ()]
    rows = cursor.fetchall()

    assert columns == [
        "rank",
        "score",
        "article_id",
        "source",
        "published_at",
        "local_day",
        "language",
        "title",
        "url",
    ]
    assert [r[0] for r in rows] == [1, 2]
    assert {r[7] for r in rows} == {"Storm damages the harbour wall", "Letters"}


def test_date_filters_are_inclusive_local_days(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert set(found(warehouse, "harbour", from_date="2025-03-04")) == {
        "ferry",
        "budget",
        "split-phrase",
    }
    assert set(found(warehouse, "harbour", to_date="2025-03-04")) == {
        "storm-wall",
        "ferry",
        "budget",
    }
    # 23:30 UTC on the 4th is the 5th in Berlin, where that outlet counts its days.
    assert found(warehouse, "harbour", from_date=date(2025, 3, 5), to_date=date(2025, 3, 5)) == [
        "split-phrase"
    ]


def test_sources_filter(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert set(found(warehouse, "harbour", sources=["courier"])) == {"budget", "wall-mentions"}
    assert set(found(warehouse, "harbour", sources=["courier", "rheinblick"])) == {
        "budget",
        "wall-mentions",
        "split-phrase",
    }
    assert found(warehouse, "harbour", sources=["nobody"]) == []


def test_max_results(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert len(found(warehouse, "harbour", max_results=2)) == 2


def test_counts_per_local_day_and_source(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = warehouse.execute("SELECT * FROM search_counts('harbour')").fetchall()

    # The undated letters page is not counted.
    assert rows == [
        (date(2025, 3, 3), "gazette", 1),
        (date(2025, 3, 4), "courier", 1),
        (date(2025, 3, 4), "gazette", 1),
        (date(2025, 3, 5), "rheinblick", 1),
    ]
    filtered = warehouse.execute(
        "SELECT * FROM search_counts('harbour', from_date := '2025-03-04', sources := ['gazette'])"
    ).fetchall()
    assert filtered == [(date(2025, 3, 4), "gazette", 1)]


def test_query_parse(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = warehouse.execute(
        "SELECT clause_no, excluded, tokens FROM search_query("
        "'storm flood OR Flooding AND NOT \"sea wall\" OR dyke -x covid-19')"
    ).fetchall()

    assert rows == [
        (1, False, ["storm"]),
        (2, False, ["flood"]),
        (2, False, ["flooding"]),
        (3, True, ["sea", "wall"]),
        (3, True, ["dyke"]),
        (4, True, ["x"]),
        (5, False, ["covid", "19"]),
    ]
