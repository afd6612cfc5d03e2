"""Backfill selections: each URL's newest capture when it falls in the range, URLs by the
run that first saw them, and when the warehouse's versions were fetched."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.builders import make_article, outcome_for, run_info, write_run
from transforms.records import Article, Reason, Status, UrlKind, UrlOutcome
from warehouse.backfill import pages_to_reextract, urls_first_seen, versions_fetched_at
from warehouse.captures import CaptureRecord, captures_table
from warehouse.lake import RunCommit, commit_run, write_part
from warehouse.load import load_run
from warehouse.schema import CAPTURES

DAY1 = datetime(2026, 1, 10, 2, 0, tzinfo=UTC)
DAY3 = DAY1 + timedelta(days=2)
HARBOUR = "https://gazette.example/news/harbour"
FERRY = "https://gazette.example/news/ferry"
MISSING = "https://gazette.example/news/missing"
COURIER = "https://courier.example/news/bridge"


def _capture(url: str, fetched_at: datetime, number: int) -> CaptureRecord:
    return CaptureRecord(
        capture_id=f"c{number}",
        url=url,
        final_url=url,
        status=200,
        content_type="text/html",
        fetched_at=fetched_at,
        warc_file=f"run_date={fetched_at:%Y-%m-%d}/gazette/r-00000.warc.gz",
        offset=100 * number,
        length=90,
        payload_digest=f"sha1:{number}",
    )


def _run(
    lake: Path,
    connection: duckdb.DuckDBPyConnection,
    run_id: str,
    started_at: datetime,
    outcomes: list[UrlOutcome],
    captures: list[CaptureRecord],
    articles: Sequence[Article] = (),
) -> None:
    commit = write_run(lake, run_id, articles, outcomes)
    table = captures_table(captures, run_id=run_id, source_of=lambda url: "gazette")
    part = write_part(lake, CAPTURES, table, partition="run_date=2026-01-10", name=f"{run_id}-c")
    # The run's commit record, written again with its capture index.
    commit_run(lake, RunCommit(run_id=run_id, parts={**commit.parts, CAPTURES.name: (part,)}))
    assert load_run(connection, lake, run_info(run_id, started_at))


@pytest.fixture
def history(warehouse: duckdb.DuckDBPyConnection, lake: Path) -> duckdb.DuckDBPyConnection:
    """Day 1: harbour and ferry fetched, a page failed; day 3: harbour fetched again."""
    harbour = make_article(HARBOUR, fetched_at=DAY1 + timedelta(minutes=5))
    ferry = make_article(FERRY, fetched_at=DAY1 + timedelta(minutes=6), text="The ferry runs.")
    failed = UrlOutcome(
        url=MISSING,
        source="gazette",
        kind=UrlKind.ARTICLE,
        status=Status.FAILED,
        reason=Reason.HTTP_5XX,
        http_status=503,
    )
    courier = replace(outcome_for(make_article(COURIER, source="courier")), capture_id=None)
    _run(
        lake,
        warehouse,
        "run-1",
        DAY1,
        [
            replace(outcome_for(harbour), capture_id="c1"),
            replace(outcome_for(ferry), capture_id="c2"),
            failed,
            courier,
        ],
        [_capture(HARBOUR, harbour.fetched_at, 1), _capture(FERRY, ferry.fetched_at, 2)],
        [harbour, ferry],
    )
    again = replace(outcome_for(harbour, Reason.UNCHANGED), capture_id="c3", fetched_at=DAY3)
    _run(lake, warehouse, "run-2", DAY3, [again], [_capture(HARBOUR, DAY3, 3)])
    return warehouse


def _day(moment: datetime, days: int = 1) -> tuple[datetime, datetime]:
    start = moment.replace(hour=0, minute=0)
    return start, start + timedelta(days=days)


def test_reextract_takes_each_urls_newest_capture_only_when_it_is_in_range(
    history: duckdb.DuckDBPyConnection,
) -> None:
    start, end = _day(DAY1)
    day1 = pages_to_reextract(history, start=start, end=end, sources=["gazette"])
    # Harbour's newest capture is day 3's: extracting day 1's would bring back old content.
    assert [(p.url, p.capture.capture_id) for p in day1] == [(FERRY, "c2")]
    start, end = _day(DAY1, days=3)
    both = pages_to_reextract(history, start=start, end=end, sources=["gazette"])
    assert [(p.url, p.capture.capture_id) for p in both] == [(FERRY, "c2"), (HARBOUR, "c3")]
    harbour = both[1]
    assert (harbour.page_url, harbour.discovered_via, harbour.capture.fetched_at) == (
        HARBOUR,
        "feed",
        DAY3,
    )
    assert harbour.capture.warc_file == "run_date=2026-01-12/gazette/r-00000.warc.gz"
    assert pages_to_reextract(history, start=start, end=end, sources=["courier"]) == []


def test_refetch_takes_the_urls_whose_first_run_started_in_range(
    history: duckdb.DuckDBPyConnection,
) -> None:
    start, end = _day(DAY1)
    first = urls_first_seen(history, start=start, end=end, sources=["gazette"])
    assert [(u.url, u.first_seen) for u in first] == [
        (FERRY, DAY1),
        (HARBOUR, DAY1),
        (MISSING, DAY1),  # failed URLs are worth another try too
    ]
    start, end = _day(DAY3)
    assert urls_first_seen(history, start=start, end=end, sources=["gazette"]) == []
    start, end = _day(DAY1)
    assert [u.url for u in urls_first_seen(history, start=start, end=end, sources=["courier"])] == [
        COURIER
    ]


def test_versions_fetched_at_answers_stored_articles_only(
    history: duckdb.DuckDBPyConnection,
) -> None:
    fetched = versions_fetched_at(history, [HARBOUR, FERRY, MISSING])
    assert fetched == {
        HARBOUR: DAY1 + timedelta(minutes=5),  # unchanged on day 3: the version is day 1's
        FERRY: DAY1 + timedelta(minutes=6),
    }
    assert versions_fetched_at(history, []) == {}
