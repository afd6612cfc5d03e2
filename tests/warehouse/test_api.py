"""The notebook API: DataFrames with stable dtypes, filters, the cookbook, read-only access."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.warehouse.analyst_warehouse import (
    FERRY,
    HARBOUR,
    HARBOUR_COPY,
    LETTERS,
    MARKET,
    MARKET_UPDATED,
    RUN_2,
    STORM,
    AnalystWarehouse,
    build_analyst_warehouse,
)
from tests.warehouse.builders import make_article, write_run
from warehouse.api import CookbookError, Warehouse, open_warehouse_readonly
from warehouse.published import WarehouseMissingError, publish_runs


@pytest.fixture
def published(tmp_path: Path) -> AnalystWarehouse:
    """Return a fresh analyst test warehouse (some tests publish runs onto it)."""
    return build_analyst_warehouse(tmp_path)


@pytest.fixture
def wh(published: AnalystWarehouse) -> Iterator[Warehouse]:
    """Return the API opened on the test warehouse, closed after the test."""
    with open_warehouse_readonly(published.path) as warehouse:
        yield warehouse


def test_sql_with_parameters(wh: Warehouse) -> None:
    frame = wh.sql(
        "SELECT source, count(*) AS n FROM articles WHERE source <> $skip GROUP BY ALL "
        "ORDER BY source",
        {"skip": "rheinblick"},
    )

    assert frame.to_dict("records") == [
        {"source": "harbour-ledger", "n": 2},
        {"source": "valley-courier", "n": 2},
    ]
    assert frame.dtypes.to_dict() == {"source": "str", "n": "Int64"}


def test_articles_dtypes(wh: Warehouse) -> None:
    frame = wh.articles()

    dtypes = frame.dtypes.astype(str).to_dict()
    assert {name: dtypes[name] for name in ("article_id", "source", "title", "text")} == {
        name: "str" for name in ("article_id", "source", "title", "text")
    }
    assert dtypes["published_at"] == "datetime64[us, UTC]"
    assert dtypes["first_seen_at"] == "datetime64[us, UTC]"
    assert dtypes["published_offset"] == "Int32"
    assert dtypes["word_count"] == "Int32"
    assert dtypes["simhash"] == "Int64"
    assert dtypes["language_confidence"] == "float64"
    assert dtypes["authors"] == "object"
    # Oldest publication first, the undated letters page last.
    assert frame["url"].tolist() == [
        a.url for a in (MARKET_UPDATED, FERRY, HARBOUR, HARBOUR_COPY, STORM, LETTERS)
    ]
    letters = frame.iloc[-1]
    assert letters["published_at"] is pd.NaT
    assert letters["published_offset"] is pd.NA
    assert list(letters["authors"]) == []
    assert frame.iloc[0]["published_at"] == pd.Timestamp("2025-03-03 23:30", tz="UTC")
    assert list(frame.iloc[0]["authors"]) == ["Lena Vogt"]


def test_dtypes_do_not_depend_on_the_rows(wh: Warehouse) -> None:
    query = "SELECT title, published_offset FROM articles WHERE source = $source"
    with_nulls = wh.sql(query, {"source": "rheinblick"})
    without_nulls = wh.sql(query, {"source": "harbour-ledger"})
    empty = wh.sql(query, {"source": "nobody"})

    assert len(with_nulls) == 2 and len(without_nulls) == 2 and empty.empty
    for frame in (with_nulls, without_nulls, empty):
        assert frame.dtypes.astype(str).to_dict() == {"title": "str", "published_offset": "Int32"}


def test_articles_filters(wh: Warehouse) -> None:
    def urls(frame: pd.DataFrame) -> list[str]:
        return frame["url"].tolist()

    assert urls(wh.articles(source="harbour-ledger")) == [HARBOUR.url, STORM.url]
    assert urls(wh.articles(source=["harbour-ledger", "valley-courier"])) == [
        FERRY.url,
        HARBOUR.url,
        HARBOUR_COPY.url,
        STORM.url,
    ]
    # A date is its midnight in UTC; until is exclusive; undated articles drop out.
    assert urls(wh.articles(since=date(2025, 3, 4), until=date(2025, 3, 5))) == [
        FERRY.url,
        HARBOUR.url,
        HARBOUR_COPY.url,
    ]
    assert urls(wh.articles(since=datetime(2025, 3, 4, 8, 0, tzinfo=UTC))) == [
        HARBOUR.url,
        HARBOUR_COPY.url,
        STORM.url,
    ]
    assert urls(wh.articles(source="valley-courier", since="2025-03-04 09:00")) == [
        HARBOUR_COPY.url
    ]


def test_daily_counts(wh: Warehouse) -> None:
    frame = wh.daily_counts()

    expected = pd.DataFrame(
        {
            "source": [
                "harbour-ledger",
                "harbour-ledger",
                "rheinblick",
                "valley-courier",
                "valley-courier",
            ],
            # The outlet's calendar: the ferry story is 3 March in California, the market
            # hall 4 March in Berlin, whatever the UTC date.
            "local_day": pd.to_datetime(
                ["2025-03-04", "2025-03-05", "2025-03-04", "2025-03-03", "2025-03-04"]
            ).astype("datetime64[us]"),
            "timezone": ["Europe/London"] * 2 + ["Europe/Berlin"] + ["America/Los_Angeles"] * 2,
            "articles": pd.array([1, 1, 1, 1, 1], dtype="Int64"),
            "syndicated_copies": pd.array([0, 0, 0, 0, 1], dtype="Int64"),
        }
    ).astype({"source": "str", "timezone": "str"})
    pd.testing.assert_frame_equal(frame, expected)
    narrowed = wh.daily_counts(source="valley-courier", since="2025-03-04", until=date(2025, 3, 4))
    assert narrowed[["source", "articles"]].to_dict("records") == [
        {"source": "valley-courier", "articles": 1}
    ]


def test_article_history(wh: Warehouse) -> None:
    by_url = wh.article_history(MARKET.url)
    by_id = wh.article_history(MARKET.article_id)

    pd.testing.assert_frame_equal(by_url, by_id)
    assert by_url["title"].tolist() == [MARKET.title, MARKET_UPDATED.title]
    assert by_url["version_number"].tolist() == [1, 2]
    assert by_url["is_current"].tolist() == [False, True]
    assert by_url["words_added"].tolist() == [
        pd.NA,
        MARKET_UPDATED.word_count - MARKET.word_count,
    ]
    assert wh.article_history("https://nowhere.example/").empty


def test_cookbook(wh: Warehouse) -> None:
    frame = wh.cookbook("latest_articles_per_outlet", n=1)

    assert frame[["source", "title"]].to_dict("records") == [
        {"source": "harbour-ledger", "title": STORM.title},
        {"source": "rheinblick", "title": LETTERS.title},
        {"source": "valley-courier", "title": HARBOUR_COPY.title},
    ]
    with pytest.raises(CookbookError, match=r"latest_articles_per_outlet needs n \(n: how many"):
        wh.cookbook("latest_articles_per_outlet")
    with pytest.raises(CookbookError, match="no cookbook query 'nope'"):
        wh.cookbook("nope")


def test_the_connection_is_read_only(wh: Warehouse) -> None:
    assert wh.sql("SELECT current_setting('access_mode') AS mode")["mode"].tolist() == ["read_only"]
    with pytest.raises(duckdb.InvalidInputException, match="read-only mode"):
        wh.sql("DELETE FROM articles")
    with pytest.raises(duckdb.InvalidInputException, match="read-only mode"):
        wh.connection.execute("CREATE TABLE notes (note VARCHAR)")
    assert len(wh.articles()) == 6


def test_a_reader_does_not_hold_up_a_publish(published: AnalystWarehouse) -> None:
    late = make_article(
        "https://harbour-ledger.example/news/late-edition",
        source="harbour-ledger",
        text="The late edition reports the council's second vote on the harbour budget.",
    )
    with open_warehouse_readonly(published.path) as reader:
        write_run(published.path.parent / "lake", "20250306T060000Z-cccccc", [late])

        result = publish_runs(published.path, published.path.parent / "lake")

        assert result.loaded_runs == ("20250306T060000Z-cccccc",)
        assert result.replica != published.replica
        # The open reader keeps the snapshot it opened; a new reader sees the new run.
        assert reader.sql("SELECT max(run_id) AS r FROM runs")["r"].tolist() == [RUN_2]
        with open_warehouse_readonly(published.path) as fresh:
            assert fresh.sql("SELECT count(*) AS n FROM runs")["n"].tolist() == [3]


def test_closing(published: AnalystWarehouse) -> None:
    with open_warehouse_readonly(published.path) as wh:
        assert len(wh.sql("SELECT 1 AS one")) == 1
    with pytest.raises(duckdb.ConnectionException):
        wh.sql("SELECT 1 AS one")

    manual = open_warehouse_readonly(str(published.path))
    manual.close()
    with pytest.raises(duckdb.ConnectionException):
        manual.articles()


def test_a_missing_warehouse(tmp_path: Path) -> None:
    with pytest.raises(WarehouseMissingError, match="no warehouse at"):
        open_warehouse_readonly(tmp_path / "none.duckdb")


def test_a_statement_without_a_result(wh: Warehouse) -> None:
    frame = wh.sql("CREATE TEMP TABLE picked AS SELECT * FROM articles LIMIT 2")

    assert isinstance(frame, pd.DataFrame)
    assert wh.sql("SELECT count(*) AS n FROM picked")["n"].tolist() == [2]


def test_the_readme_example_runs(published: AnalystWarehouse) -> None:
    readme = Path(__file__).resolve().parents[2] / "README.md"
    section = readme.read_text(encoding="utf-8").split("## For analysts", 1)[1]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert '".mediawatch/demo/mediawatch.duckdb"' in example
    namespace: dict[str, object] = {}

    exec(example.replace(".mediawatch/demo/mediawatch.duckdb", str(published.path)), namespace)

    articles = namespace["articles"]
    assert isinstance(articles, pd.DataFrame)
    assert articles["url"].tolist() == [HARBOUR.url, STORM.url]
    history = namespace["history"]
    assert isinstance(history, pd.DataFrame)
    assert history["url"].tolist() == [HARBOUR.url]
    stories = namespace["stories"]
    assert isinstance(stories, pd.DataFrame) and len(stories) == 2
