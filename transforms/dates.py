"""Timestamps as publishers write them, with their offset, and the choice of a publication time."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

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


_YEAR = re.compile(r"(?<!\d)(?:1[89]|2\d)\d\d(?!\d)|(?<!\d)(?:1[89]|2\d)\d\d[01]\d[0-3]\d")
# Missing parts of a date ("March 2025") are the first of the month at midnight, not today's.
_DEFAULT = datetime(2000, 1, 1)


def parse_timestamp(raw: str) -> datetime | None:
    """Return an aware datetime for an ISO 8601 / RFC 822 string, or None when unreadable.

    Naive values (no offset given) come back naive so callers can tell them apart.
    """
    text = raw.strip()
    # Without a four-digit year dateutil fills the gaps from today ("5m", "1h ago", "4 March").
    if not _YEAR.search(text):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return dateutil_parser.parse(text, default=_DEFAULT, tzinfos=_RFC822_ZONES)
    except (ValueError, OverflowError, TypeError):
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


EARLIEST_PUBLICATION = datetime(1990, 1, 1, tzinfo=UTC)
"""Before this no page of a news site can have been published on the web."""
# How far past the fetch time a declared time may lie: publisher clocks drift, and a naive
# local time east of UTC reads as later than it was.
_AWARE_SLACK = timedelta(hours=1)
_NAIVE_SLACK = timedelta(hours=15)
_URL_DAY = re.compile(
    r"(?<!\d)((?:199|20[0-4])\d)([/_.-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)"
)


@dataclass(frozen=True, kw_only=True)
class DateCandidate:
    """A publication timestamp as one part of the page writes it."""

    source: str
    """"json-ld", "meta" or "time-element"."""
    raw: str


def is_plausible(moment: datetime, fetched_at: datetime) -> bool:
    """Return whether a publication time can be true: not before 1990, not after the fetch.

    A naive time is read as UTC, with 15 hours of slack for the offset it does not state.
    """
    slack = _NAIVE_SLACK if moment.tzinfo is None else _AWARE_SLACK
    instant = to_utc(moment)
    return EARLIEST_PUBLICATION <= instant <= to_utc(fetched_at) + slack


def date_in_url(url: str | None) -> date | None:
    """Return the calendar day a URL's path spells (/2024/05/03/, -20240503-), or None."""
    if not url:
        return None
    path = urlsplit(url).path
    for match in _URL_DAY.finditer(path):
        separator = match.group(2)
        if not separator and not _bounded(path, match):
            continue
        try:
            return date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        except ValueError:
            continue
    return None


def choose_published(
    candidates: Sequence[DateCandidate],
    *,
    url: str | None = None,
    listed_published_at: datetime | None = None,
    htmldate: str | Callable[[], str | None] | None = None,
    fetched_at: datetime | None = None,
) -> tuple[datetime | None, str | None]:
    """Return the publication time and the source it came from.

    The page's own declarations come first (JSON-LD, then meta tags, then <time>), as
    written, offset kept. Implausible values (before 1990, after the fetch) are dropped.
    When the page's declarations disagree on the day, the one that agrees with the URL's
    date or with the feed's/sitemap's date wins. Without any declaration: the listing's
    date, the URL's day, then htmldate's guess from the text (``htmldate`` may be a
    function, called only when no other source gave a date: the guess is slow).
    """
    now = fetched_at or datetime.now(UTC)
    url_day = date_in_url(url)
    declared: list[tuple[datetime, str]] = []
    for candidate in candidates:
        parsed = parse_timestamp(candidate.raw)
        if parsed is not None and is_plausible(parsed, now):
            declared.append((parsed, candidate.source))
    listed = listed_published_at
    if listed is not None and not is_plausible(listed, now):
        listed = None
    if declared:
        return _agreeing(declared, url_day, listed)
    if listed is not None:
        return listed, "listing"
    if url_day is not None and EARLIEST_PUBLICATION.date() <= url_day <= to_utc(now).date():
        return datetime(url_day.year, url_day.month, url_day.day), "url"
    guess = htmldate() if callable(htmldate) else htmldate
    guessed = parse_timestamp(guess) if guess else None
    if guessed is not None and is_plausible(guessed, now):
        return guessed, "htmldate"
    return None, None


def _agreeing(
    declared: list[tuple[datetime, str]], url_day: date | None, listed: datetime | None
) -> tuple[datetime, str]:
    first = declared[0]
    days = {moment.date() for moment, _ in declared}
    if len(days) == 1:
        return first
    if url_day is not None:
        for moment, source in declared:
            if abs((moment.date() - url_day).days) <= 1:
                return moment, source
    if listed is not None:
        return min(declared, key=lambda pair: abs(to_utc(pair[0]) - to_utc(listed)))
    return first


def _bounded(path: str, match: re.Match[str]) -> bool:
    # Eight bare digits are a date only when they stand alone between separators, not
    # inside an article number such as /article410390514/.
    before = path[match.start() - 1] if match.start() else "/"
    after = path[match.end()] if match.end() < len(path) else "/"
    return not before.isalnum() and not after.isalnum()
