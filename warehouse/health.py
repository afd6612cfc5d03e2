"""Source health in Python: the rule of `warehouse.health_rule` as pure functions over a
pandas series of daily counts (`assess_counts`, for offline evaluation), and the sources a
run's report should flag (`source_health_findings`, read from the ``source_health_daily``
view, which applies the same rule in SQL).

    from warehouse.health import source_health_findings

    for finding in source_health_findings(connection, run_started_at.date()):
        print(finding.message)  # "rheinblick: silent on 2025-03-09, 0 articles where ..."
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from warehouse.health_rule import FLAGGED, HEALTH_RULE, HealthRule, HealthStatus

__all__ = [
    "ASSESSMENT_COLUMNS",
    "FLAGGED",
    "HEALTH_RULE",
    "HealthRule",
    "HealthStatus",
    "SourceHealthFinding",
    "assess_counts",
    "source_health_findings",
]

ASSESSMENT_COLUMNS = (
    "articles",
    "weekday_median",
    "recent_median",
    "expected",
    "history_weeks",
    "status",
)


def assess_counts(
    counts: pd.Series, *, last_day: date | None = None, rule: HealthRule = HEALTH_RULE
) -> pd.DataFrame:
    """Return the health of one source per day: `ASSESSMENT_COLUMNS`, indexed by day.

    ``counts`` holds articles per local day (dates or timestamps; missing days count 0).
    The days run from the first with an article to ``last_day`` (default: the series'
    last day), as in the ``source_health_daily`` view. The series is not modified.
    """
    days = pd.DatetimeIndex(pd.to_datetime(counts.index)).normalize()
    values = pd.Series(counts.to_numpy(dtype=np.int64), index=days)
    values = values.groupby(level=0).sum()
    published = values[values > 0]
    end = pd.Timestamp(last_day) if last_day is not None else values.index.max()
    if published.empty or end < published.index.min():
        return pd.DataFrame(columns=list(ASSESSMENT_COLUMNS), index=pd.DatetimeIndex([]))
    calendar = pd.date_range(published.index.min(), end, freq="D")
    articles = values.reindex(calendar, fill_value=0).to_numpy(dtype=np.float64)
    same_weekday = _same_weekday_history(articles, rule.weeks)
    history_weeks = np.count_nonzero(~np.isnan(same_weekday), axis=1)
    # pandas' median skips missing weeks and gives NaN, silently, when there is none.
    weekday_median = pd.DataFrame(same_weekday).median(axis=1).to_numpy()
    recent_median = pd.DataFrame(same_weekday[:, : rule.recent_weeks]).median(axis=1).to_numpy()
    expected = (1 - rule.recent_weight) * weekday_median + rule.recent_weight * recent_median
    flagged = _flagged(articles, expected, rule)
    status = np.where(
        history_weeks < rule.min_weeks,
        HealthStatus.NEW.value,
        np.where(
            flagged,
            np.where(articles == 0, HealthStatus.SILENT.value, HealthStatus.LOW.value),
            HealthStatus.OK.value,
        ),
    )
    return pd.DataFrame(
        {
            "articles": articles.astype(np.int64),
            "weekday_median": weekday_median,
            "recent_median": recent_median,
            "expected": expected,
            "history_weeks": history_weeks.astype(np.int64),
            "status": status,
        },
        index=calendar,
    )


def _same_weekday_history(articles: np.ndarray, weeks: int) -> np.ndarray:
    """Return, per day, the counts of the same weekday 1..weeks weeks before (NaN if none)."""
    history = np.full((len(articles), weeks), np.nan)
    for back in range(1, weeks + 1):
        lag = 7 * back
        if len(articles) > lag:
            history[lag:, back - 1] = articles[:-lag]
    return history


def _flagged(articles: np.ndarray, expected: np.ndarray, rule: HealthRule) -> np.ndarray:
    """Return which days fall silent or drop sharply (the rule of the module docstring)."""
    with np.errstate(invalid="ignore"):
        flagged = np.zeros(len(articles), dtype=bool)
        for window in rule.windows:
            total = _rolling_sum(articles, window)
            expected_total = _rolling_sum(expected, window)
            expected_squares = _rolling_sum(expected * expected, window)
            spread = rule.z * np.sqrt(expected_total + rule.noise**2 * expected_squares)
            flagged |= (total <= rule.drop_ratio * expected_total) & (
                expected_total - total > spread
            )
        # NaN (no history) compares false, as NULL does in the view.
        return flagged & (articles <= rule.drop_ratio * expected)


def _rolling_sum(values: np.ndarray, window: int) -> np.ndarray:
    """Return each day's sum over the ``window`` days ending on it: NaN unless all of them
    are there and known, as the view's ``count(...) = window``."""
    sums = np.full(len(values), np.nan)
    if len(values) >= window:
        sums[window - 1 :] = sliding_window_view(values, window).sum(axis=1)
    return sums


@dataclass(frozen=True, kw_only=True)
class SourceHealthFinding:
    """A source flagged on a day: it fell silent or dropped sharply below its expectation."""

    source: str
    local_day: date
    status: HealthStatus
    articles: int
    expected: float
    weekday_median: float
    recent_median: float

    @property
    def message(self) -> str:
        """Return a one-line description for a run report."""
        what = "silent" if self.status is HealthStatus.SILENT else "low"
        return (
            f"{self.source}: {what} on {self.local_day.isoformat()}, {self.articles} articles "
            f"where {self.expected:g} were expected (same weekday: {self.weekday_median:g} "
            f"typical, {self.recent_median:g} lately)"
        )


_FINDINGS = f"""
WITH judged AS (
    SELECT source, max(local_day) AS local_day
    FROM source_health_daily
    WHERE local_day <= $day
    GROUP BY source
)
SELECT h.source, h.local_day, h.status, h.articles, h.expected, h.weekday_median,
       h.recent_median
FROM source_health_daily AS h JOIN judged USING (source, local_day)
WHERE h.local_day >= $day - 2
  AND h.status IN ('{HealthStatus.LOW}', '{HealthStatus.SILENT}')
ORDER BY h.status DESC, h.source
"""


def source_health_findings(
    connection: duckdb.DuckDBPyConnection, day: date
) -> list[SourceHealthFinding]:
    """Return the sources flagged silent or low on their newest complete day up to ``day``.

    ``day`` is the run's day, e.g. the UTC date it started on. Each source is judged on its
    own newest complete local day on or before ``day``: the day before in Berlin, two
    days before in Los Angeles for a run at 02:00 UTC (its day before is not over). Days
    more than two days before ``day`` are left out: they belong to sources no recent run
    has named. Silent sources come first, then low ones, each by name.
    """
    rows = connection.execute(_FINDINGS, {"day": day}).fetchall()
    return [
        SourceHealthFinding(
            source=source,
            local_day=local_day,
            status=HealthStatus(status),
            articles=int(articles),
            expected=float(expected),
            weekday_median=float(weekday_median),
            recent_median=float(recent_median),
        )
        for source, local_day, status, articles, expected, weekday_median, recent_median in rows
    ]
