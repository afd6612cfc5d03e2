"""The demo newsroom's simulated clock: which calendar day each demo run stands on.

A timeline of N days ends on the day before the real current date (UTC). Each simulated day
closes at 00:00 UTC of the next date, and every story of that day is published in its outlet's
time zone before that moment; so the last day has closed by the time the demo fetches it, and
no page a run reads is dated after the real fetch time. (A timeline ending on the real current
date could not promise that: at 09:00 UTC an afternoon story of that date is in the future.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta


@dataclass(frozen=True, kw_only=True)
class Timeline:
    """Consecutive simulated days: day 0 is `first_day`, day `days - 1` the last."""

    first_day: date
    days: int

    def __post_init__(self) -> None:
        if self.days < 1:
            raise ValueError(f"a timeline needs at least one day, not {self.days}")

    def date_of(self, day: int) -> date:
        """Return the calendar date of simulated day `day` (0-based)."""
        self.check(day)
        return self.first_day + timedelta(days=day)

    def closes_at(self, day: int) -> datetime:
        """Return the moment simulated day `day` is over: 00:00 UTC of the next date."""
        return datetime.combine(self.date_of(day) + timedelta(days=1), time(), tzinfo=UTC)

    def check(self, day: int) -> None:
        """Raise IndexError unless `day` is a day of this timeline."""
        if not 0 <= day < self.days:
            raise IndexError(f"day {day} is outside a timeline of {self.days} days")


def timeline_until(now: datetime, days: int) -> Timeline:
    """Return the `days` simulated days that end on the day before `now`'s UTC date."""
    today = now.astimezone(UTC).date()
    return Timeline(first_day=today - timedelta(days=days), days=days)
