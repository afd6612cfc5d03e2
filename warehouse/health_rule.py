"""Source health: each source's expected daily volume, learnt from its own history, and
whether a day fell silent or dropped sharply below it.

One rule, written twice: as SQL here, for the ``source_health_daily`` view
(`daily_health_sql`), and as pure functions over a pandas series in `warehouse.health`
(`assess_counts`), so it can be evaluated offline on synthetic series
(`warehouse.health_eval`); a test checks that both agree. This module imports no pandas:
it comes with `warehouse.views` into every process that opens the warehouse.

The rule, for one source and one local publication day (its outlet's clock):

- **expected**: ``(1 - recent_weight) * weekday_median + recent_weight * recent_median``,
  where ``weekday_median`` is the median of the same weekday's counts over the
  ``weeks`` weeks before, and ``recent_median`` over the last ``recent_weeks`` of them
  (so a lasting change of level is followed within weeks, while a holiday, a silence
  or a burst of news in the history moves neither median much);
- **new**: fewer than ``min_weeks`` earlier same weekdays to learn from;
- **flagged** when the day has at most ``drop_ratio`` of its expected articles and, over
  the day alone or over the 3 or 7 days ending on it (``windows``), the articles are at
  most ``drop_ratio`` of the expected sum and short of it by more than ``z`` standard
  deviations, a day's variance being ``expected + noise² * expected²`` (Poisson counting
  plus a day-to-day variation of ``noise`` relative to the level, as news volumes show).
  The longer windows prove a sustained drop that one day cannot (a small source's, or
  one at 40 %); the deviation bar keeps a holiday's dip or a noisy quiet day unflagged.
  A flagged day is **silent** with no article at all, **low** otherwise; other days are
  **ok**. A silence stays flagged until it fills most of the weeks behind the median
  (five weeks with the defaults): by then it is what the history expects.

Thresholds were chosen on synthetic series with planted silences and drops (``python -m
warehouse.health_eval --sweep``); on held-out series the rule flags faulty days with
precision 0.895 and recall 0.766 and finds 90 % of the faults (``python -m
warehouse.health_eval``; the details are in that module's docstring).

A source's days run from its first published article to its last complete local day:
the day before the local date its newest run started on (a day still running is not
judged). Days without articles count 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class HealthStatus(StrEnum):
    """A source's verdict for one day."""

    OK = "ok"
    LOW = "low"
    SILENT = "silent"
    NEW = "new"


FLAGGED = (HealthStatus.LOW, HealthStatus.SILENT)


@dataclass(frozen=True, kw_only=True)
class HealthRule:
    """The detector's parameters (see the module docstring)."""

    weeks: int = 8
    recent_weeks: int = 3
    recent_weight: float = 0.5
    min_weeks: int = 3
    drop_ratio: float = 0.4
    z: float = 2.0
    noise: float = 0.4
    windows: tuple[int, ...] = (1, 3, 7)

    def __post_init__(self) -> None:
        if not 1 <= self.recent_weeks <= self.weeks or not 1 <= self.min_weeks <= self.weeks:
            raise ValueError("recent_weeks and min_weeks must be between 1 and weeks")
        if not 0 <= self.recent_weight <= 1 or not 0 < self.drop_ratio < 1:
            raise ValueError("recent_weight must be in [0, 1] and drop_ratio in (0, 1)")
        if self.z <= 0 or self.noise < 0 or not self.windows or min(self.windows) < 1:
            raise ValueError("z must be positive, noise not negative, windows at least 1 day")


HEALTH_RULE = HealthRule()
"""The rule the warehouse view and the run report use."""


def _double(value: float) -> str:
    # A quoted literal is parsed as the very double Python holds; a bare 0.4 is a DECIMAL.
    return f"'{value!r}'::DOUBLE"


def daily_health_sql(rule: HealthRule = HEALTH_RULE) -> str:
    """Return the query of the ``source_health_daily`` view for a rule."""
    windows = "\n".join(
        f"""       sum(articles) OVER last_{w} AS articles_{w}d,
       sum(expected) OVER last_{w} AS expected_{w}d,
       sum(expected * expected) OVER last_{w} AS expected_squares_{w}d,
       count(expected) OVER last_{w} AS known_{w}d,"""
        for w in rule.windows
    )
    window_frames = ",\n       ".join(
        f"last_{w} AS (PARTITION BY source ORDER BY local_day "
        f"ROWS BETWEEN {w - 1} PRECEDING AND CURRENT ROW)"
        for w in rule.windows
    )
    ratio, noise_squared = _double(rule.drop_ratio), _double(rule.noise**2)
    drops = "\n          OR ".join(
        f"(known_{w}d = {w} AND articles_{w}d <= {ratio} * expected_{w}d "
        f"AND expected_{w}d - articles_{w}d > {_double(rule.z)} * "
        f"sqrt(expected_{w}d + {noise_squared} * expected_squares_{w}d))"
        for w in rule.windows
    )
    return f"""
WITH newest_run AS (SELECT max(started_at) AS started_at FROM runs),
counted AS (
    SELECT source, local_day, any_value(timezone) AS timezone, sum(articles) AS articles
    FROM daily_counts
    GROUP BY source, local_day
),
spans AS (
    SELECT c.source,
           any_value(c.timezone) AS timezone,
           min(c.local_day) AS first_day,
           (coalesce(any_value(s.last_run_at), any_value(n.started_at))
               AT TIME ZONE any_value(c.timezone))::DATE - 1 AS last_day
    FROM counted AS c
    LEFT JOIN sources AS s ON s.name = c.source
    CROSS JOIN newest_run AS n
    GROUP BY c.source
),
days AS (
    SELECT source, timezone,
           unnest(generate_series(first_day, last_day, INTERVAL 1 DAY))::DATE AS local_day
    FROM spans
    WHERE last_day >= first_day
),
series AS (
    SELECT d.source, d.timezone, d.local_day, coalesce(c.articles, 0)::BIGINT AS articles
    FROM days AS d LEFT JOIN counted AS c USING (source, local_day)
),
baselines AS (
    SELECT *,
           count(*) OVER same_weekday AS history_weeks,
           median(articles) OVER same_weekday AS weekday_median,
           median(articles) OVER recent_same_weekday AS recent_median
    FROM series
    WINDOW same_weekday AS (PARTITION BY source, isodow(local_day) ORDER BY local_day
                            ROWS BETWEEN {rule.weeks} PRECEDING AND 1 PRECEDING),
           recent_same_weekday AS (PARTITION BY source, isodow(local_day) ORDER BY local_day
                                   ROWS BETWEEN {rule.recent_weeks} PRECEDING AND 1 PRECEDING)
),
expectations AS (
    SELECT *,
           {_double(1 - rule.recent_weight)} * weekday_median
             + {_double(rule.recent_weight)} * recent_median AS expected
    FROM baselines
),
windows AS (
    SELECT *,
{windows.rstrip(",")}
    FROM expectations
    WINDOW {window_frames}
)
SELECT source,
       timezone,
       local_day,
       articles,
       expected,
       weekday_median,
       recent_median,
       history_weeks,
       CASE
           WHEN history_weeks < {rule.min_weeks} THEN '{HealthStatus.NEW}'
           WHEN articles <= {ratio} * expected AND (
              {drops})
           THEN CASE WHEN articles = 0 THEN '{HealthStatus.SILENT}' ELSE '{HealthStatus.LOW}' END
           ELSE '{HealthStatus.OK}'
       END AS status
FROM windows
ORDER BY source, local_day
"""


DAILY_HEALTH_DESCRIPTION = (
    "Per source and local publication day (the outlet's clock), from its first article to "
    "its last complete day: the articles published, the number expected from its own "
    "history (same weekday over the last weeks) and a status: ok, low (a sharp drop), "
    "silent (nothing where articles were expected) or new (under "
    f"{HEALTH_RULE.min_weeks} weeks of history)."
)

DAILY_HEALTH_COLUMNS = (
    ("source", "The configured source (outlet)."),
    ("timezone", "The IANA time zone local_day is counted in (UTC if none is known)."),
    (
        "local_day",
        "Publication day in the outlet's time zone; up to the day before the "
        "local date its newest run started on.",
    ),
    ("articles", "Articles published that day (current versions; 0 on a day without)."),
    (
        "expected",
        f"Articles expected that day: {1 - HEALTH_RULE.recent_weight:g} × weekday_median + "
        f"{HEALTH_RULE.recent_weight:g} × recent_median; null without history.",
    ),
    (
        "weekday_median",
        f"Median of the same weekday's articles over the {HEALTH_RULE.weeks} weeks before "
        "(fewer while the history is shorter).",
    ),
    (
        "recent_median",
        f"Median of the same weekday's articles over the {HEALTH_RULE.recent_weeks} weeks "
        "before: the recent level.",
    ),
    (
        "history_weeks",
        f"Earlier same weekdays the expectation rests on (at most {HEALTH_RULE.weeks}).",
    ),
    (
        "status",
        f"ok; low: at most {HEALTH_RULE.drop_ratio:.0%} of expected, and that day or the "
        f"{' or '.join(str(w) for w in HEALTH_RULE.windows if w > 1)} days to it short of "
        f"expected by more than {HEALTH_RULE.z:g} standard deviations (Poisson plus "
        f"{HEALTH_RULE.noise:.0%} day-to-day variation); silent: the same with no article; "
        f"new: under {HEALTH_RULE.min_weeks} weeks of history.",
    ),
)
