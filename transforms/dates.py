"""Timestamps as publishers write them, turned into aware UTC datetimes with their offset."""

from __future__ import annotations

from datetime import UTC, datetime

from dateutil import parser as dateutil_parser


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
        return dateutil_parser.parse(text)
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
