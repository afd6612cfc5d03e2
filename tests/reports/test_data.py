"""What the report reads from the warehouse: each figure against the articles and outcomes
the test warehouse was built from."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from reports.data import OutcomeGroup, ReportData, outcome_group, read_report_data
from tests.reports.history_warehouse import (
    NEWEST_RUN_AT,
    PER_DAY,
    QUIET_LAST_DAY,
    REPORT_DAYS,
    RUN_3_FAILURES,
    SEARCH_TERM,
    SOURCES,
    WINDOW_FIRST_DAY,
    WINDOW_LAST_DAY,
    HistoryWarehouse,
)
from transforms.records import Reason, Status
from warehouse.api import Warehouse, open_warehouse_readonly


@pytest.fixture(scope="module")
def wh(history: HistoryWarehouse) -> Iterator[Warehouse]:
    with open_warehouse_readonly(history.path) as warehouse:
        yield warehouse


@pytest.fixture(scope="module")
def data(wh: Warehouse) -> ReportData:
    report = read_report_data(wh, days=REPORT_DAYS, query=SEARCH_TERM)
    assert report is not None
    return report


def _in_window(history: HistoryWarehouse) -> list[tuple[str, date, str, str]]:
    return [
        (a.source, history.local_day(a), a.language or "unknown", f"{a.title} {a.text}")
        for a in history.articles
        if WINDOW_FIRST_DAY <= history.local_day(a) <= WINDOW_LAST_DAY
    ]


def _cells(table: pd.DataFrame) -> dict[tuple[Any, str], int]:
    """Return a table's counts by (row, column): days as dates, other labels as text."""
    values: list[list[int]] = table.to_numpy(dtype="int64").tolist()
    rows = [
        label.date() if isinstance(label, pd.Timestamp) else str(label) for label in table.index
    ]
    return {
        (row, str(column)): values[i][j]
        for i, row in enumerate(rows)
        for j, column in enumerate(table.columns)
    }


def test_window_ends_the_day_before_the_newest_run(data: ReportData) -> None:
    window = data.window

    assert (window.first_day, window.last_day) == (WINDOW_FIRST_DAY, WINDOW_LAST_DAY)
    assert window.newest_run_at == NEWEST_RUN_AT
    assert len(window.days) == REPORT_DAYS
    assert window.runs == 2  # 25 February and 5 March; 11 February is before the window


def test_articles_per_outlet_per_day(data: ReportData, history: HistoryWarehouse) -> None:
    expected = history.counts(first=WINDOW_FIRST_DAY, last=WINDOW_LAST_DAY)
    table = data.daily_articles

    assert data.sources == tuple(s.name for s in SOURCES)
    assert list(table.columns) == list(data.sources)
    assert [d.date() for d in table.index] == data.window.days
    got = _cells(table)
    assert len(got) == 4 * REPORT_DAYS
    assert got == {(day, source): expected.get((source, day), 0) for day, source in got}
    assert table.at[pd.Timestamp("2025-02-24"), "quiet-post"] == PER_DAY["quiet-post"]
    assert table.loc[pd.Timestamp(QUIET_LAST_DAY) + pd.Timedelta(days=1) :, "quiet-post"].sum() == 0
    # The syndicated story of 26 February: two harbour-ledger copies on top of its three.
    assert table.at[pd.Timestamp("2025-02-26"), "harbour-ledger"] == 5


def test_outcomes_by_reason_per_source(data: ReportData, history: HistoryWarehouse) -> None:
    counts = {
        (str(row["source"]), str(row["group"]), str(row["reason"])): int(row["urls"])
        for row in data.outcomes.to_dict("records")
    }
    # Articles stored by the runs of the window: published from 11 February on.
    stored = Counter(
        a.source
        for a in history.articles
        if a.published_at is not None and a.published_at.date() >= date(2025, 2, 11)
    )

    for source in PER_DAY:
        assert counts[(source, "stored", "new")] == stored[source]
        assert counts[(source, "listing read", "feed_parsed")] == 1
    for source, reasons in RUN_3_FAILURES.items():
        for reason, n in Counter(reasons).items():
            assert counts[(source, "failed", str(reason))] == n
    assert counts[("rheinblick", "not an article", "not_article")] == 2
    assert counts[("valley-courier", "skipped", "robots_disallowed")] == 1
    assert len(counts) == 4 * 2 + 3 + 2  # stored and listings, failures, skips
    groups = list(data.outcomes[data.outcomes["source"] == "valley-courier"]["group"])
    assert groups == ["stored", "listing read", "skipped", "failed"]


@pytest.mark.parametrize(
    ("status", "reason", "group"),
    [
        (Status.EXTRACTED, Reason.UNCHANGED, OutcomeGroup.STORED),
        (Status.EXTRACTED, Reason.FEED_PARSED, OutcomeGroup.LISTING),
        (Status.SKIPPED, Reason.NOT_MODIFIED, OutcomeGroup.LISTING),
        (Status.SKIPPED, Reason.PAYWALL, OutcomeGroup.NOT_ARTICLE),
        (Status.SKIPPED, Reason.DUPLICATE_URL, OutcomeGroup.SKIPPED),
        (Status.FAILED, Reason.SITEMAP_MALFORMED, OutcomeGroup.FAILED),
        (Status.FAILED, Reason.TIMEOUT, OutcomeGroup.FAILED),
    ],
)
def test_outcome_groups(status: Status, reason: Reason, group: OutcomeGroup) -> None:
    assert outcome_group(status, reason) is group


def test_language_mix(data: ReportData, history: HistoryWarehouse) -> None:
    expected = Counter((language, source) for source, _, language, _ in _in_window(history))
    table = data.languages

    got = {(language, source): n for (language, source), n in _cells(table).items() if n}
    assert got == {(language, source): n for (language, source), n in expected.items()}
    assert list(table.index) == ["en", "de", "fr", "es"]  # most articles first
    assert table.at["es", "valley-courier"] == 2  # 20 and 25 February


def test_source_health_flags_the_silent_source(data: ReportData) -> None:
    health = data.health
    latest = health.latest.set_index("source")

    assert health.flagged() == ["quiet-post"]
    assert latest.at["quiet-post", "status"] == "silent"
    assert {latest.at[s, "status"] for s in PER_DAY if s != "quiet-post"} == {"ok"}
    assert latest.at["quiet-post", "failed"] == 3
    if health.daily is not None:
        # The warehouse knows expected volumes (source_health_daily): 2 a day expected.
        quiet = health.daily[health.daily["source"] == "quiet-post"].set_index("local_day")
        last = quiet.loc[pd.Timestamp(WINDOW_LAST_DAY)]
        assert (last["articles"], last["expected"], last["status"]) == (0, 2.0, "silent")
        assert latest.at["quiet-post", "expected"] == 2.0
        assert set(quiet.loc[: pd.Timestamp(QUIET_LAST_DAY), "status"]) == {"ok"}
    else:
        assert latest.at["quiet-post", "articles_per_day"] == 0


def test_largest_syndication_clusters_of_the_window(data: ReportData) -> None:
    clusters = data.clusters

    # The five-copy story of 3 February is larger, but outside the window.
    assert list(clusters["first_title"]) == [
        "Ferry strike ends after talks",
        "Bridge closure extended",
        "Council votes on the harbour budget",
    ]
    assert list(clusters["articles"]) == [4, 3, 2]
    assert list(clusters["first_source"]) == ["harbour-ledger", "rheinblick", "valley-courier"]
    members = data.cluster_members
    first = members[members["cluster_id"] == clusters["cluster_id"].iloc[0]]
    assert dict(zip(first["source"], first["articles"], strict=True)) == {
        "harbour-ledger": 2,
        "rheinblick": 1,
        "valley-courier": 1,
    }


def test_query_coverage_per_outlet_per_day(data: ReportData, history: HistoryWarehouse) -> None:
    expected = Counter(
        (source, day)
        for source, day, _, words in _in_window(history)
        if SEARCH_TERM in re.findall(r"\w+", words.lower())
    )
    assert data.coverage is not None and data.matches is not None

    got = {(day, source): n for (day, source), n in _cells(data.coverage).items() if n}
    assert got == {(day, source): n for (source, day), n in expected.items()}
    assert got[(date(2025, 3, 4), "harbour-ledger")] == 3  # an even day: all three
    assert got[(date(2025, 3, 3), "harbour-ledger")] == 1  # an odd day: the wire story
    assert len(data.matches) == 10
    assert set(data.matches["source"]) <= {"harbour-ledger", "valley-courier"}
    assert data.query == SEARCH_TERM


def test_without_query_there_is_no_coverage(wh: Warehouse) -> None:
    report = read_report_data(wh, days=3, query="  ")

    assert report is not None
    assert (report.query, report.coverage, report.matches) == (None, None, None)
    assert report.window.first_day == date(2025, 3, 2)


def test_a_warehouse_without_runs_has_no_report(empty_warehouse: Path) -> None:
    with open_warehouse_readonly(empty_warehouse) as wh:
        assert read_report_data(wh, days=REPORT_DAYS, query=None) is None


def test_without_expected_volumes_new_articles_tell_the_silent_source(
    without_daily_health: Path,
) -> None:
    with open_warehouse_readonly(without_daily_health) as wh:
        report = read_report_data(wh, days=REPORT_DAYS, query=None)
    assert report is not None
    health = report.health
    latest = health.latest.set_index("source")

    assert (health.daily, health.has_expected) == (None, False)
    assert health.flagged() == ["quiet-post"]
    # New articles per day over the 7 days up to the newest run: run 3's, from 25 February.
    per_day = {str(source): float(n) for source, n in latest["articles_per_day"].items()}
    assert per_day["quiet-post"] == 0
    assert per_day["harbour-ledger"] > 0
    assert {latest.at[s, "status"] for s in PER_DAY if s != "quiet-post"} == {"ok"}
