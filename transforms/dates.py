"""Timestamps as publishers write them, turned into aware UTC datetimes with their offset."""

from __future__ import annotations

from datetime import UTC, datetime

from dateutil import parser as dateutil_parser

# The zone names RFC 822 allows besides numeric offsets (RSS 2.0 dates use them). Without
# them dateutil returns "EST" times naive (read later as UTC), and maps a name matching the
# machine's own zone to tzlocal(), so results would depend on where the pipeline runs.
_RFC822_ZONES = {
    "UT": 0,
    "UTC": 0,
    "GMT": 0,
    "EST": -5 * 3600,
    "EDT": -4 * 3600,
    "CST": -6 * 3600,
    "CDT": -5 * 3600,
    "MST": -7 * 3600,
    "MDT": -6 * 3600,
    "PST": -8 * 3600,
    "PDT": -7 * 3600,
}


def parse_timestamp(raw: str) -> datetime | None:
    """Return an aware datetime for an ISO 8601 / RFC 822 string, or None when unreadable.

    Naive values (no offset given) come back naive so callers can tell them apart.
    """
    text = raw.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return dateutil_parser.parse(text, tzinfos=_RFC822_ZONES)
    except (ValueError, OverflowError):
        return None


def offset_minutes(moment: datetime) -> int | None:
    """Return the UTC offset of an aware datetime in minutes east of UTC, None if naive."""
    offset = moment.utcoffset()
    if offset is None:
        return None
    return int(offset.total_seconds() // 60)


def to_utc(moment: datetime) -> datetime:
    """Return the moment in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
