"""Publisher timestamps: parsing with offsets kept, offsets in minutes, UTC conversion, and
the choice of a publication time with its sanity rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.dates import (
    DateCandidate,
    choose_published,
    date_in_url,
    is_plausible,
    offset_minutes,
    parse_timestamp,
    to_utc,
)


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


@given(st.text(max_size=60))
def test_garbage_never_raises(raw: str) -> None:
    parsed = parse_timestamp(raw)

    assert parsed is None or isinstance(parsed, datetime)


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_rfc822_round_trip_keeps_instant_and_offset_minutes(moment: datetime, minutes: int) -> None:
    aware = moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))

    parsed = parse_timestamp(format_datetime(aware))

    assert parsed == aware
    assert parsed is not None
    assert offset_minutes(parsed) == minutes


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)))
def test_naive_iso_round_trip_stays_naive(moment: datetime) -> None:
    parsed = parse_timestamp(moment.isoformat())

    assert parsed == moment
    assert parsed is not None
    assert parsed.tzinfo is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1h ago", None),
        ("5m", None),
        ("4 March", None),
        ("March 2025", datetime(2025, 3, 1)),
        (
            "2025-03-04T09:15:00+0100",
            datetime(2025, 3, 4, 9, 15, tzinfo=timezone(timedelta(hours=1))),
        ),
    ],
)
def test_dates_without_a_year_are_not_filled_in_from_today(
    raw: str, expected: datetime | None
) -> None:
    assert parse_timestamp(raw) == expected


FETCHED = datetime(2025, 3, 5, 6, 0, tzinfo=UTC)
CET = timezone(timedelta(hours=1))


def _declared(*pairs: tuple[str, str]) -> list[DateCandidate]:
    return [DateCandidate(source=source, raw=raw) for source, raw in pairs]


def test_json_ld_date_comes_first_with_its_offset() -> None:
    candidates = _declared(
        ("json-ld", "2025-03-04T09:15:00+01:00"), ("meta", "2025-03-04T08:15:00Z")
    )

    published, source = choose_published(candidates, fetched_at=FETCHED)

    assert published == datetime(2025, 3, 4, 9, 15, tzinfo=CET)
    assert published is not None and offset_minutes(published) == 60
    assert source == "json-ld"


def test_naive_declared_dates_stay_naive() -> None:
    published, source = choose_published(
        _declared(("meta", "2025-03-04T09:15:00")), fetched_at=FETCHED
    )

    assert published == datetime(2025, 3, 4, 9, 15)
    assert source == "meta"


@pytest.mark.parametrize(
    "raw",
    [
        "2025-03-06T12:00:00+00:00",  # a day after the fetch
        "1989-12-31T23:00:00+00:00",  # before the web carried news
        "2025-03-06T00:00:00",  # naive, and later than any offset could explain
        "0001-01-01T00:00:00",
    ],
)
def test_implausible_dates_are_refused(raw: str) -> None:
    published, source = choose_published(
        _declared(("json-ld", raw), ("time-element", "2025-03-03T10:00:00+01:00")),
        fetched_at=FETCHED,
    )

    assert published == datetime(2025, 3, 3, 10, 0, tzinfo=CET)
    assert source == "time-element"


def test_a_naive_local_time_a_few_hours_past_the_fetch_is_allowed() -> None:
    # 13:00 in Tokyo is 04:00 UTC, before the fetch at 06:00 UTC.
    published, _ = choose_published(_declared(("meta", "2025-03-05T13:00:00")), fetched_at=FETCHED)

    assert published == datetime(2025, 3, 5, 13, 0)


def test_the_url_decides_between_declarations_that_disagree() -> None:
    candidates = _declared(("json-ld", "2025-02-20T10:00:00Z"), ("meta", "2025-03-04T10:00:00Z"))

    published, source = choose_published(
        candidates, url="https://gazette.example/2025/03/04/harbour-wall", fetched_at=FETCHED
    )

    assert published == datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    assert source == "meta"


def test_the_listing_decides_when_the_url_has_no_date() -> None:
    candidates = _declared(("json-ld", "2025-02-20T10:00:00Z"), ("meta", "2025-03-04T10:00:00Z"))

    published, source = choose_published(
        candidates,
        url="https://gazette.example/news/harbour-wall",
        listed_published_at=datetime(2025, 3, 4, 11, 0, tzinfo=UTC),
        fetched_at=FETCHED,
    )

    assert published == datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    assert source == "meta"


def test_declarations_that_agree_on_the_day_keep_the_first() -> None:
    candidates = _declared(
        ("json-ld", "2025-03-04T09:15:00+01:00"), ("meta", "2025-03-04T10:00:00Z")
    )

    published, source = choose_published(
        candidates, url="https://gazette.example/2025/01/01/x", fetched_at=FETCHED
    )

    assert source == "json-ld"
    assert published == datetime(2025, 3, 4, 9, 15, tzinfo=CET)


def test_fallbacks_listing_then_url_then_htmldate() -> None:
    listed = datetime(2025, 3, 4, 7, 0, tzinfo=UTC)
    url = "https://gazette.example/2025/03/03/harbour-wall"

    assert choose_published([], url=url, listed_published_at=listed, fetched_at=FETCHED) == (
        listed,
        "listing",
    )
    assert choose_published([], url=url, htmldate="2025-03-02", fetched_at=FETCHED) == (
        datetime(2025, 3, 3),
        "url",
    )
    assert choose_published(
        [], url="https://gazette.example/news/x", htmldate="2025-03-02", fetched_at=FETCHED
    ) == (datetime(2025, 3, 2), "htmldate")
    assert choose_published([], fetched_at=FETCHED) == (None, None)


def test_an_implausible_listing_date_is_refused() -> None:
    future = datetime(2030, 1, 1, tzinfo=UTC)

    assert choose_published([], listed_published_at=future, fetched_at=FETCHED) == (None, None)


def test_without_a_fetch_time_now_bounds_the_date() -> None:
    published, _ = choose_published(_declared(("meta", "2999-01-01T00:00:00Z")))

    assert published is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://gazette.example/2024/05/03/harbour-wall", date(2024, 5, 3)),
        ("https://gazette.example/news/2024-05-03-harbour-wall", date(2024, 5, 3)),
        ("https://gazette.example/news/20240503/harbour-wall", date(2024, 5, 3)),
        ("https://gazette.example/story_2024_05_03.html", date(2024, 5, 3)),
        # An article number is not a date; nor is a month without a day.
        ("https://gazette.example/politik/article410390514/story.html", None),
        ("https://gazette.example/2024/05/harbour-wall", None),
        ("https://gazette.example/2024/13/45/harbour-wall", None),
        ("https://gazette.example/2024/02/30/harbour-wall", None),
        # The query and the host do not count.
        ("https://gazette.example/story?date=2024-05-03", None),
        (None, None),
    ],
)
def test_date_in_url(url: str | None, expected: date | None) -> None:
    assert date_in_url(url) == expected


@given(
    st.lists(
        st.tuples(st.sampled_from(["json-ld", "meta", "time-element"]), st.text(max_size=30)),
        max_size=4,
    ),
    st.one_of(st.none(), st.datetimes(timezones=_OFFSETS)),
    st.one_of(st.none(), st.text(max_size=20)),
)
def test_chosen_dates_are_always_plausible(
    pairs: list[tuple[str, str]], listed: datetime | None, htmldate: str | None
) -> None:
    published, source = choose_published(
        _declared(*pairs), listed_published_at=listed, htmldate=htmldate, fetched_at=FETCHED
    )

    if published is None:
        assert source is None
    else:
        assert source in ("json-ld", "meta", "time-element", "listing", "url", "htmldate")
        assert is_plausible(published, FETCHED)


@given(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=_OFFSETS)
)
def test_any_instant_parses_back_exactly_or_not_at_all(moment: datetime) -> None:
    # Years 1 to 9999: what is kept converts to UTC without overflowing, as the warehouse
    # stores it; implausible years are refused rather than shifted.
    spellings = [moment.isoformat()]
    if moment.microsecond == 0 and moment.year >= 1000:
        spellings.append(format_datetime(moment))
    for raw in spellings:
        parsed = parse_timestamp(raw)
        if parsed is not None:
            assert to_utc(parsed) == moment
            assert offset_minutes(parsed) == offset_minutes(moment)
