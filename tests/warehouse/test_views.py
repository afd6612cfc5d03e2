"""The analysts' views and macros, answering on a small warehouse with known answers.

Three runs through the real load path:

- run-0 (10 days before run-1): one rheinblick URL timed out (outside source_health's window).
- run-1 (2025-03-04 06:00 UTC), sources rheinblick (Europe/Berlin), valley-courier
  (America/Los_Angeles) and gazette (UTC); tribune has articles but no sources row:
  rheinblick's late story (23:30 UTC on 4 March: 5 March in Berlin) and its morning story,
  courier's story (06:00 UTC on 5 March: 4 March in Los Angeles), gazette's harbour story
  (23:30 UTC on 4 March), tribune's copy of it (01:00 UTC on 5 March), an undated gazette
  letters page.
- run-2 (a day later): rheinblick's morning story gets a new headline; two 5xx and a
  timeout on rheinblick, robots.txt forbids one of its URLs; its late story unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.warehouse.builders import make_article, outcome_for, revised, run_info, write_run
from transforms.records import Article, Reason, Source, Status, UrlKind, UrlOutcome
from warehouse.connection import open_warehouse
from warehouse.ddl import ensure_schema
from warehouse.load import load_run
from warehouse.schema import SCHEMA_VERSION
from warehouse.search.query import MACROS as SEARCH_MACROS
from warehouse.views import MACROS, VIEWS

RUN_0_AT = datetime(2025, 2, 22, 6, 0, tzinfo=UTC)
RUN_1_AT = datetime(2025, 3, 4, 6, 0, tzinfo=UTC)
RUN_2_AT = RUN_1_AT + timedelta(days=1)
FETCHED_1 = RUN_1_AT + timedelta(hours=2)
FETCHED_2 = RUN_2_AT + timedelta(hours=2)

SOURCES = (
    Source(
        name="rheinblick", feeds=("https://rheinblick.test/feed.xml",), timezone="Europe/Berlin"
    ),
    Source(
        name="valley-courier",
        feeds=("https://courier.test/atom.xml",),
        timezone="America/Los_Angeles",
    ),
    Source(name="gazette", feeds=("https://gazette.test/rss",)),
)
HARBOUR_TEXT = (
    "The town council approved the rebuilding of the old harbour wall on Tuesday night.\n"
    "Work is expected to begin in June and last two summers."
)


def _article(url: str, source: str, published: datetime | None, text: str, **kw: Any) -> Article:
    return make_article(
        url, source=source, published_at=published, text=text, fetched_at=FETCHED_1, **kw
    )


LATE = replace(
    _article(
        "https://rheinblick.test/spaet",
        "rheinblick",
        datetime(2025, 3, 4, 23, 30, tzinfo=UTC),
        "Die Markthalle bleibt nach dem Umbau bis Mitternacht geöffnet, teilte die Stadt mit.",
        title="Markthalle länger offen",
    ),
    language="de",
)
MORNING = replace(
    _article(
        "https://rheinblick.test/morgen",
        "rheinblick",
        datetime(2025, 3, 5, 10, 0, tzinfo=UTC),
        "Der Rhein führt Hochwasser; die Fähre nach Kaub fährt bis Freitag nicht.",
        title="Fähre fällt aus",
    ),
    language="de",
)
COURIER = _article(
    "https://courier.test/ferry",
    "valley-courier",
    datetime(2025, 3, 5, 6, 0, tzinfo=UTC),
    "The valley ferry adds a second evening crossing from April, the operator said.",
    title="Second ferry crossing",
)
HARBOUR = _article(
    "https://gazette.test/harbour",
    "gazette",
    datetime(2025, 3, 4, 23, 30, tzinfo=UTC),
    HARBOUR_TEXT,
    title="Harbour wall approved",
)
COPY = _article(
    "https://tribune.test/harbour",
    "tribune",
    datetime(2025, 3, 5, 1, 0, tzinfo=UTC),
    HARBOUR_TEXT,
    title="Council backs harbour wall",
)
LETTERS = _article(
    "https://gazette.test/letters",
    "gazette",
    None,
    "Letters: readers on the 100% FERRY timetable and the new parking rules downtown.",
    title="Letters",
)
MORNING_2 = replace(
    revised(MORNING, title="Fähre fällt bis Freitag aus", fetched_at=FETCHED_2), language="de"
)


def _failed(url: str, reason: Reason, at: datetime, status: int | None = None) -> UrlOutcome:
    return UrlOutcome(
        url=url,
        source="rheinblick",
        kind=UrlKind.ARTICLE,
        status=Status.FAILED,
        reason=reason,
        http_status=status,
        fetched_at=at,
    )


@dataclass(frozen=True)
class Known:
    """The warehouse file built once for this module."""

    path: Path


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> Known:
    root = tmp_path_factory.mktemp("views")
    lake = root / "lake"
    write_run(
        lake,
        "run-0",
        [],
        [_failed("https://rheinblick.test/alt", Reason.TIMEOUT, RUN_0_AT)],
        sources=SOURCES,
    )
    write_run(lake, "run-1", [LATE, MORNING, COURIER, HARBOUR, COPY, LETTERS], sources=SOURCES)
    robots = UrlOutcome(
        url="https://rheinblick.test/intern/x",
        source="rheinblick",
        kind=UrlKind.ARTICLE,
        status=Status.SKIPPED,
        reason=Reason.ROBOTS_DISALLOWED,
    )
    write_run(
        lake,
        "run-2",
        [MORNING_2],
        [
            outcome_for(MORNING_2, Reason.UPDATED),
            outcome_for(replace(LATE, fetched_at=FETCHED_2), Reason.UNCHANGED),
            _failed("https://rheinblick.test/a", Reason.HTTP_5XX, FETCHED_2, 503),
            _failed("https://rheinblick.test/b", Reason.HTTP_5XX, FETCHED_2, 500),
            _failed("https://rheinblick.test/c", Reason.TIMEOUT, FETCHED_2),
            robots,
        ],
        sources=SOURCES,
    )
    path = root / "mediawatch.duckdb"
    with open_warehouse(path) as connection:
        for run, started in (("run-0", RUN_0_AT), ("run-1", RUN_1_AT), ("run-2", RUN_2_AT)):
            assert load_run(connection, lake, run_info(run, started_at=started))
    return Known(path=path)


@pytest.fixture
def reader(known: Known) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_warehouse(known.path, read_only=True)
    try:
        yield connection
    finally:
        connection.close()


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = connection.execute(sql)
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_daily_counts_use_each_outlets_own_day(reader: duckdb.DuckDBPyConnection) -> None:
    assert reader.execute("SELECT * FROM daily_counts").fetchall() == [
        ("gazette", "en", date(2025, 3, 4), "UTC", 1, 0),
        # 23:30 UTC is 00:30 the next day in Berlin.
        ("rheinblick", "de", date(2025, 3, 5), "Europe/Berlin", 2, 0),
        # No sources row: counted in UTC. A copy of gazette's story.
        ("tribune", "en", date(2025, 3, 5), "UTC", 1, 1),
        # 06:00 UTC is 22:00 the evening before in Los Angeles.
        ("valley-courier", "en", date(2025, 3, 4), "America/Los_Angeles", 1, 0),
    ]


def test_daily_counts_macro_fills_days_without_articles(
    reader: duckdb.DuckDBPyConnection,
) -> None:
    rows = reader.execute(
        "SELECT local_day, articles, syndicated_copies "
        "FROM daily_counts('rheinblick', DATE '2025-03-03', DATE '2025-03-06')"
    ).fetchall()

    assert rows == [
        (date(2025, 3, 3), 0, 0),
        (date(2025, 3, 4), 0, 0),
        (date(2025, 3, 5), 2, 0),
        (date(2025, 3, 6), 0, 0),
    ]


def test_latest_articles_newest_first_on_the_outlets_clock(
    reader: duckdb.DuckDBPyConnection,
) -> None:
    rows = _rows(
        reader,
        "SELECT article_id, title, published_local, changed, duplicate_of FROM latest_articles",
    )
    # LATE and HARBOUR were published at the same instant: article_id breaks the tie.
    same_time = sorted([LATE, HARBOUR], key=lambda a: a.article_id)

    assert [r["article_id"] for r in rows] == [
        a.article_id for a in (MORNING, COURIER, COPY, *same_time, LETTERS)
    ]
    by_id = {r["article_id"]: r for r in rows}
    assert by_id[LATE.article_id]["published_local"] == datetime(2025, 3, 5, 0, 30)
    assert by_id[COURIER.article_id]["published_local"] == datetime(2025, 3, 4, 22, 0)
    assert by_id[LETTERS.article_id]["published_local"] is None
    assert by_id[MORNING.article_id]["title"] == "Fähre fällt bis Freitag aus"
    assert [r["article_id"] for r in rows if r["changed"]] == [MORNING.article_id]
    assert by_id[COPY.article_id]["duplicate_of"] == HARBOUR.article_id


def test_syndication_clusters_list_members_and_the_first_publisher(
    reader: duckdb.DuckDBPyConnection,
) -> None:
    [cluster] = _rows(reader, "SELECT * FROM syndication_clusters")

    assert cluster["cluster_id"] == min(HARBOUR.article_id, COPY.article_id)
    assert cluster["articles"] == 2
    assert cluster["outlets"] == ["gazette", "tribune"]
    assert [(m["article_id"], m["source"]) for m in cluster["members"]] == [
        (HARBOUR.article_id, "gazette"),
        (COPY.article_id, "tribune"),
    ]
    assert cluster["members"][1]["duplicate_of"] == HARBOUR.article_id
    assert (cluster["first_source"], cluster["first_article_id"], cluster["first_title"]) == (
        "gazette",
        HARBOUR.article_id,
        "Harbour wall approved",
    )
    assert cluster["first_published_at"] == HARBOUR.published_at
    assert cluster["last_published_at"] == COPY.published_at


def test_source_health_counts_recent_runs_and_failures_by_reason(
    reader: duckdb.DuckDBPyConnection,
) -> None:
    rows = {r["source"]: r for r in _rows(reader, "SELECT * FROM source_health")}

    assert sorted(rows) == ["gazette", "rheinblick", "tribune", "valley-courier"]
    rhein = rows["rheinblick"]
    assert (rhein["timezone"], rhein["last_run_id"], rhein["last_run_at"]) == (
        "Europe/Berlin",
        "run-2",
        RUN_2_AT,
    )
    # run-0's timeout is older than the week before the newest run.
    assert rhein["recent_runs"] == 2
    assert (rhein["urls"], rhein["article_urls"]) == (8, 8)
    assert (rhein["articles_new"], rhein["articles_updated"], rhein["articles_unchanged"]) == (
        2,
        1,
        1,
    )
    assert (rhein["skipped"], rhein["failed"]) == (1, 3)
    assert rhein["failure_rate"] == pytest.approx(3 / 8, abs=1e-4)
    assert rhein["failures_by_reason"] == {"http_5xx": 2, "timeout": 1}
    assert rhein["articles_per_day"] == pytest.approx(2 / 7, abs=0.01)
    assert rhein["last_article_at"] == FETCHED_1
    courier = rows["valley-courier"]
    assert (courier["failed"], courier["failures_by_reason"], courier["failure_rate"]) == (
        0,
        {},
        0,
    )
    # tribune has articles but was never configured.
    assert (rows["tribune"]["timezone"], rows["tribune"]["last_run_id"]) == (None, None)


def test_article_history_orders_versions_and_says_what_changed(
    reader: duckdb.DuckDBPyConnection,
) -> None:
    rows = _rows(
        reader,
        "SELECT version_number, versions, title, is_current, title_changed, text_changed, "
        "words_added, first_seen_at, last_seen_at FROM article_history('https://rheinblick.test/morgen')",
    )

    assert rows == [
        {
            "version_number": 1,
            "versions": 2,
            "title": "Fähre fällt aus",
            "is_current": False,
            "title_changed": None,
            "text_changed": None,
            "words_added": None,
            "first_seen_at": FETCHED_1,
            "last_seen_at": FETCHED_1,
        },
        {
            "version_number": 2,
            "versions": 2,
            "title": "Fähre fällt bis Freitag aus",
            "is_current": True,
            "title_changed": True,
            "text_changed": False,
            "words_added": 0,
            "first_seen_at": FETCHED_2,
            "last_seen_at": FETCHED_2,
        },
    ]


def test_article_history_macro_finds_an_article_by_id_too(
    reader: duckdb.DuckDBPyConnection,
) -> None:
    by_id = reader.execute(
        "SELECT version_id FROM article_history($id)", {"id": LATE.article_id}
    ).fetchall()
    by_url = reader.execute(
        "SELECT version_id FROM article_history($url)", {"url": LATE.url}
    ).fetchall()

    assert by_id == by_url == [(f"{LATE.article_id}:{LATE.version_hash}",)]
    assert reader.execute("SELECT * FROM article_history('https://nowhere.test/')").fetchall() == []


def test_articles_about_matches_plain_text_in_any_case(
    reader: duckdb.DuckDBPyConnection,
) -> None:
    def about(term: str) -> list[str]:
        return [
            r[0]
            for r in reader.execute(
                "SELECT article_id FROM articles_about($term)", {"term": term}
            ).fetchall()
        ]

    assert about("ferry") == [COURIER.article_id, LETTERS.article_id]
    assert about("FÄHRE") == [MORNING.article_id]
    # A percent sign is text, not a wildcard.
    assert about("100% ferry") == [LETTERS.article_id]
    assert about("harbour wall") == [COPY.article_id, HARBOUR.article_id]
    assert about("no such words") == []


def test_schema_info_gives_the_version(reader: duckdb.DuckDBPyConnection) -> None:
    assert reader.execute("SELECT * FROM schema_info").fetchall() == [(SCHEMA_VERSION,)]


def test_every_view_and_macro_is_commented_with_the_schema_version(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    ensure_schema(warehouse)
    views = dict(
        warehouse.execute(
            "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"
        ).fetchall()
    )
    macros = dict(
        warehouse.execute(
            "SELECT function_name, comment FROM duckdb_functions() "
            "WHERE function_type = 'table_macro' AND NOT internal"
        ).fetchall()
    )

    assert views == {v.name: f"{v.description} (schema_version {SCHEMA_VERSION})" for v in VIEWS}
    assert macros == {
        m.name: f"{m.description} (schema_version {SCHEMA_VERSION})"
        for m in (*MACROS, *SEARCH_MACROS)
    }


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.name)
def test_view_columns_are_the_declared_ones_each_commented(
    warehouse: duckdb.DuckDBPyConnection, view: Any
) -> None:
    ensure_schema(warehouse)

    live = warehouse.execute(
        "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = $v "
        "ORDER BY column_index",
        {"v": view.name},
    ).fetchall()

    assert live == [(c.name, c.description) for c in view.columns]


def test_views_answer_on_an_empty_warehouse(warehouse: duckdb.DuckDBPyConnection) -> None:
    ensure_schema(warehouse)

    for view in VIEWS:
        rows = warehouse.execute(f'SELECT * FROM "{view.name}"').fetchall()
        assert rows == ([(SCHEMA_VERSION,)] if view.name == "schema_info" else []), view.name
    assert warehouse.execute(
        "SELECT count(*) FROM daily_counts('x', DATE '2025-01-01', DATE '2025-01-03')"
    ).fetchone() == (3,)


def test_the_readme_examples_run(reader: duckdb.DuckDBPyConnection) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Views and macros", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
    examples = section.split("```sql\n", 1)[1].split("```", 1)[0]
    statements = [line.split("--")[0].strip() for line in examples.splitlines() if line.strip()]

    assert listed == [v.name for v in VIEWS if v.name != "schema_info"]
    assert sorted(s.split("(")[0].removeprefix("FROM ") for s in statements) == sorted(
        m.name for m in MACROS
    )
    for statement in statements:
        reader.execute(statement).fetchall()
    assert reader.execute(statements[0]).fetchall()
