"""End to end: `mediawatch demo --days 3`, one real nightly ingest per simulated day.

What the warehouse holds is checked against what the newsroom published each day.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows.cli import main
from newsroom.catalogue import OUTLETS, PageRef
from newsroom.clock import Timeline
from newsroom.edition import Edition, editions
from warehouse.published import open_reader

DAYS = 3


@dataclass(frozen=True)
class DaysDemo:
    """The warehouse after `demo --days 3`, what it printed, and what was published."""

    warehouse: Path
    output: str
    editions: tuple[Edition, ...]
    run_ids: tuple[str, ...]


@pytest.fixture(scope="module")
def demo(prefect_api: None, tmp_path_factory: pytest.TempPathFactory) -> DaysDemo:
    data_dir = tmp_path_factory.mktemp("demo-days")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["demo", "--days", str(DAYS), "--data-dir", str(data_dir)]) == 0
    output = printed.getvalue()
    # The dates the demo printed, not today's: the run may cross midnight UTC.
    dates = re.search(rf"{DAYS} simulated days from (\S+) to (\S+)", output)
    assert dates is not None, output
    timeline = Timeline(first_day=date.fromisoformat(dates[1]), days=DAYS)
    assert str(timeline.date_of(DAYS - 1)) == dates[2]
    warehouse = data_dir / "mediawatch.duckdb"
    run_ids = tuple(r["run_id"] for r in _rows(warehouse, "SELECT run_id FROM runs ORDER BY 1"))
    return DaysDemo(
        warehouse=warehouse, output=output, editions=editions(timeline), run_ids=run_ids
    )


@contextlib.contextmanager
def _reader(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_reader(path)
    try:
        yield connection
    finally:
        connection.close()


def _rows(path: Path, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    with _reader(path) as connection:
        cursor = connection.execute(sql, params or {})
        names = [d[0] for d in cursor.description or []]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _url(ref: PageRef) -> str:
    return f"http://{ref.outlet}.test{ref.path}"


def _reasons(demo: DaysDemo, day: int, reason: str) -> set[str]:
    rows = _rows(
        demo.warehouse,
        "SELECT url FROM url_outcomes WHERE run_id = $run AND kind = 'article' "
        "AND reason = $reason",
        {"run": demo.run_ids[day], "reason": reason},
    )
    return {row["url"] for row in rows}


def test_one_run_per_day_each_with_new_articles_and_later_ones_with_updates(
    demo: DaysDemo,
) -> None:
    runs = _rows(
        demo.warehouse,
        "SELECT articles_new, articles_updated, articles_unchanged FROM runs ORDER BY run_id",
    )
    assert len(runs) == DAYS
    assert all(run["articles_new"] > 0 for run in runs)
    assert runs[0]["articles_updated"] == 0
    assert all(run["articles_updated"] > 0 for run in runs[1:])
    assert all(run["articles_unchanged"] > 0 for run in runs[1:])


def test_articles_were_published_on_every_simulated_day(demo: DaysDemo) -> None:
    rows = _rows(
        demo.warehouse,
        "SELECT DISTINCT source, (published_at + to_minutes(published_offset))::DATE AS day "
        "FROM articles",
    )
    local_days = {(row["source"], row["day"]) for row in rows}
    assert len({day for _, day in local_days}) >= DAYS
    for edition in demo.editions[1:]:
        for outlet in OUTLETS:
            assert (outlet.slug, edition.date) in local_days


def test_each_day_stores_that_day_stories_as_new(demo: DaysDemo) -> None:
    for day, edition in enumerate(demo.editions[1:], start=1):
        published = {_url(ref) for ref in edition.published}
        assert published <= _reasons(demo, day, "new")


def test_each_update_of_the_newsroom_is_a_new_version(demo: DaysDemo) -> None:
    for day, edition in enumerate(demo.editions[1:], start=1):
        assert _reasons(demo, day, "updated") == {_url(ref) for ref in edition.updated}
    last = demo.editions[-1]
    for edition in demo.editions[1:]:
        for ref in edition.updated:
            article = last.find_article(ref.outlet, ref.path)
            assert article is not None
            (row,) = _rows(
                demo.warehouse,
                "SELECT title, text, first_seen_at, updated_at FROM articles WHERE url = $url",
                {"url": _url(ref)},
            )
            assert row["title"] == article.headline
            assert article.paragraphs[-1][:60] in row["text"]
            assert row["updated_at"] > row["first_seen_at"]


def test_demo_prints_every_day_and_a_closing_table(demo: DaysDemo) -> None:
    for day, edition in enumerate(demo.editions, start=1):
        assert f"day {day} of {DAYS}, {edition.date}:" in demo.output
        assert re.search(
            rf"^\s+{day} {edition.date}\s+{len(edition.articles)}\s", demo.output, re.M
        )
    for run_id in demo.run_ids:
        assert f"run {run_id} finished in" in demo.output
    assert "simulated days (one nightly run each):" in demo.output
    assert "article rows checksum:" in demo.output


def test_days_must_be_at_least_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["demo", "--days", "0"])
    assert stopped.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err
