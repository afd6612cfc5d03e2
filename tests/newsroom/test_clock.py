"""The simulated clock: days end on yesterday's date, each over at 00:00 UTC of the next."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from newsroom.clock import Timeline, timeline_until


def test_a_timeline_ends_the_day_before_now() -> None:
    now = datetime(2026, 11, 26, 1, 41, tzinfo=UTC)
    timeline = timeline_until(now, 3)
    assert [timeline.date_of(day) for day in range(3)] == [
        date(2026, 11, 23),
        date(2026, 11, 24),
        date(2026, 11, 25),
    ]
    assert timeline.closes_at(2) == datetime(2026, 11, 26, tzinfo=UTC)
    assert timeline.closes_at(2) <= now


def test_the_utc_date_of_now_counts_whatever_its_zone() -> None:
    # 20:00 on the 25th in Los Angeles is already the 26th in UTC.
    evening = datetime(2026, 11, 25, 20, 0, tzinfo=timezone(timedelta(hours=-8)))
    assert timeline_until(evening, 1).first_day == date(2026, 11, 25)


def test_one_day_is_yesterday() -> None:
    timeline = timeline_until(datetime(2027, 1, 1, 0, 0, 1, tzinfo=UTC), 1)
    assert timeline == Timeline(first_day=date(2026, 12, 31), days=1)


@pytest.mark.parametrize("day", [-1, 3])
def test_days_outside_the_timeline_are_refused(day: int) -> None:
    timeline = Timeline(first_day=date(2026, 11, 23), days=3)
    with pytest.raises(IndexError):
        timeline.date_of(day)


def test_a_timeline_has_at_least_one_day() -> None:
    with pytest.raises(ValueError):
        Timeline(first_day=date(2026, 11, 23), days=0)
