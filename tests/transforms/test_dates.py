"""Publisher timestamps: parsing with offsets kept, offsets in minutes, UTC conversion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.dates import offset_minutes, parse_timestamp, to_utc


@pytest.mark.parametrize(
    ("raw", "utc", "offset"),
    [
        ("2025-03-04T09:15:00+01:00", datetime(2025, 3, 4, 8, 15, tzinfo=UTC), 60),
        ("2025-03-04T09:15:00Z", datetime(2025, 3, 4, 9, 15, tzinfo=UTC), 0),
        (
            "2025-03-04T09:15:00.250-03:30",
            datetime(2025, 3, 4, 12, 45, 0, 250000, tzinfo=UTC),
            -210,
        ),
        ("2025-03-04T09:15:00+05:45", datetime(2025, 3, 4, 3, 30, tzinfo=UTC), 345),
        ("Tue, 04 Mar 2025 09:15:00 +0100", datetime(2025, 3, 4, 8, 15, tzinfo=UTC), 60),
        ("Tue, 04 Mar 2025 09:15:00 GMT", datetime(2025, 3, 4, 9, 15, tzinfo=UTC), 0),
        ("Tue, 04 Mar 2025 09:15:00 UTC", datetime(2025, 3, 4, 9, 15, tzinfo=UTC), 0),
        ("Tue, 04 Mar 2025 09:15:00 UT", datetime(2025, 3, 4, 9, 15, tzinfo=UTC), 0),
        # RFC 822 zone names, as RSS 2.0 feeds still write them.
        ("Tue, 04 Mar 2025 09:15:00 EST", datetime(2025, 3, 4, 14, 15, tzinfo=UTC), -300),
        ("Tue, 04 Mar 2025 09:15:00 PDT", datetime(2025, 3, 4, 16, 15, tzinfo=UTC), -420),
        ("  2025-03-04T09:15:00+01:00\n", datetime(2025, 3, 4, 8, 15, tzinfo=UTC), 60),
    ],
)
def test_parse_timestamp_keeps_the_offset(raw: str, utc: datetime, offset: int) -> None:
    parsed = parse_timestamp(raw)

    assert parsed is not None
    assert to_utc(parsed) == utc
    assert to_utc(parsed).utcoffset() == timedelta(0)
    assert offset_minutes(parsed) == offset


@pytest.mark.parametrize("raw", ["2025-03-04", "2025-03-04T09:15:00", "4 March 2025 09:15"])
def test_timestamps_without_offset_stay_naive(raw: str) -> None:
    parsed = parse_timestamp(raw)

    assert parsed is not None
    assert parsed.tzinfo is None
    assert offset_minutes(parsed) is None
    assert parsed.date() == datetime(2025, 3, 4).date()


@pytest.mark.parametrize("raw", ["", "   ", "not a date", "2025-13-45", "99999999999999999999"])
def test_unreadable_timestamps_give_none(raw: str) -> None:
    assert parse_timestamp(raw) is None


def test_to_utc_takes_naive_values_as_utc() -> None:
    assert to_utc(datetime(2025, 3, 4, 9, 15)) == datetime(2025, 3, 4, 9, 15, tzinfo=UTC)


def test_to_utc_does_not_change_the_instant() -> None:
    local = datetime(2025, 3, 4, 9, 15, tzinfo=timezone(timedelta(hours=-5)))

    assert to_utc(local) == local
    assert to_utc(local).tzinfo is UTC


_OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=_OFFSETS)
)
def test_iso_round_trip_keeps_instant_and_offset(moment: datetime) -> None:
    parsed = parse_timestamp(moment.isoformat())

    assert parsed == moment
    assert parsed is not None
    assert offset_minutes(parsed) == offset_minutes(moment)
    assert to_utc(parsed) == moment
