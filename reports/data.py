"""What the coverage report shows, read from the warehouse as DataFrames.

Every figure comes from the analysts' views and macros (`daily_counts`, `source_health`,
`source_health_daily` where the warehouse has it, `syndication_clusters`, `search_counts`)
and from `url_outcomes`, through a read-only `warehouse.api.Warehouse`.

The window is the ``days`` local publication days up to the last complete one: the day
before the UTC date the newest run started on (a day still running would show as a dip).
Outcomes count the URLs of the runs started in the ``days`` days up to the newest run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

import pandas as pd

from transforms.records import Reason, Status
from warehouse.api import Warehouse

MAX_CLUSTERS = 10
"""How many syndication clusters the report lists, largest first."""
MAX_MATCHES = 10
"""How many of a query's best matches the report lists."""


class OutcomeGroup(StrEnum):
    """How the report groups the reasons a URL got in a run."""

    STORED = "stored"
    LISTING = "listing read"
    NOT_ARTICLE = "not an article"
    SKIPPED = "skipped"
    FAILED = "failed"


NOT_ARTICLE_REASONS = frozenset(
    {
        Reason.NOT_ARTICLE,
        Reason.NO_CONTENT,
        Reason.EMPTY,
        Reason.TOO_SHORT,
        Reason.PAYWALL,
        Reason.CONSENT_WALL,
        Reason.BAD_CONTENT_TYPE,
    }
)
"""Pages that were fetched but hold no readable article."""
LISTING_REASONS = frozenset({Reason.FEED_PARSED, Reason.SITEMAP_PARSED, Reason.NOT_MODIFIED})


def outcome_group(status: str, reason: str) -> OutcomeGroup:
    """Return the group of a url_outcomes row's status and reason."""
    if status == Status.FAILED:
        return OutcomeGroup.FAILED
    # A feed or sitemap read is recorded as extracted, like a stored article.
    if reason in LISTING_REASONS:
        return OutcomeGroup.LISTING
    if status == Status.EXTRACTED:
        return OutcomeGroup.STORED
    if reason in NOT_ARTICLE_REASONS:
        return OutcomeGroup.NOT_ARTICLE
    return OutcomeGroup.SKIPPED


@dataclass(frozen=True, kw_only=True)
class Window:
    """The days the report covers."""

    first_day: date
    last_day: date
    """The last complete day: the day before the newest run's UTC date."""
    newest_run_at: datetime
    runs: int
    """Runs started in the ``days`` days up to the newest run (their outcomes are counted)."""

    @property
    def days(self) -> list[date]:
        """Return every day of the window, oldest first."""
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=n) for n in range(count)]


@dataclass(frozen=True, kw_only=True)
class SourceHealth:
    """Expected against actual volume per source.

    With the ``source_health_daily`` view, ``daily`` holds each source's articles, expected
    articles and status per day of the window, and ``latest`` each source's newest judged
    day. Without it (a warehouse whose views predate it), ``daily`` is None and ``latest``
    says only whether the source brought new articles in the recent runs.
    """

    daily: pd.DataFrame | None
    """source, local_day, articles, expected, status (ok, low, silent, new)."""
    latest: pd.DataFrame
    """source, status, local_day, articles, expected, recent_runs, failed, failure_rate,
    articles_per_day, last_article_at; one row per source."""

    @property
    def has_expected(self) -> bool:
        """Return whether the warehouse knows each source's expected volume."""
        return self.daily is not None

    def flagged(self) -> list[str]:
        """Return the sources whose newest day is silent or low, silent ones first."""
        rows = self.latest[self.latest["status"].isin(["silent", "low"])]
        ordered = rows.sort_values(["status", "source"], ascending=[False, True])
        return [str(name) for name in ordered["source"]]


@dataclass(frozen=True, kw_only=True)
class ReportData:
    """Everything the page shows."""

    window: Window
    sources: tuple[str, ...]
    daily_articles: pd.DataFrame
    """Articles per local day (rows, every day of the window) and source (columns)."""
    outcomes: pd.DataFrame
    """source, group, reason, urls: URLs of the window's runs by outcome."""
    languages: pd.DataFrame
    """Articles of the window per language (rows, most first) and source (columns)."""
    health: SourceHealth
    clusters: pd.DataFrame
    """The largest syndication clusters of the window: cluster_id, articles, outlets,
    first_title, first_source, first_published_at, last_published_at."""
    cluster_members: pd.DataFrame
    """cluster_id, source, articles: how many copies each outlet carries."""
    query: str | None
    coverage: pd.DataFrame | None
    """With a query: matching articles per local day (rows) and source (columns)."""
    matches: pd.DataFrame | None
    """With a query: its best matches (rank, source, local_day, title, url)."""


_NEWEST_RUN = "SELECT max(started_at) AS newest FROM runs"
_RUNS_SINCE = "SELECT count(*) AS runs FROM runs WHERE started_at > $since"
_DAILY = """
SELECT source, local_day, sum(articles)::BIGINT AS articles
FROM daily_counts
WHERE local_day BETWEEN $first_day AND $last_day
GROUP BY source, local_day
"""
_OUTCOMES = """
SELECT o.source, o.status, o.reason, count(*)::BIGINT AS urls
FROM url_outcomes AS o
WHERE o.run_id IN (SELECT run_id FROM runs WHERE started_at > $since)
GROUP BY o.source, o.status, o.reason
"""
_LANGUAGES = """
SELECT source, coalesce(language, 'unknown') AS language, sum(articles)::BIGINT AS articles
FROM daily_counts
WHERE local_day BETWEEN $first_day AND $last_day
GROUP BY ALL
"""
_HAS_DAILY_HEALTH = """
SELECT count(*) AS views FROM duckdb_views()
WHERE view_name = 'source_health_daily' AND NOT internal
"""
_HEALTH_DAILY = """
SELECT source, local_day, articles::BIGINT AS articles, expected, status
FROM source_health_daily
WHERE local_day BETWEEN $first_day AND $last_day
ORDER BY source, local_day
"""
_HEALTH_LATEST_DAY = """
SELECT source, local_day, articles::BIGINT AS articles, expected, status
FROM source_health_daily
QUALIFY row_number() OVER (PARTITION BY source ORDER BY local_day DESC) = 1
"""
_HEALTH_ACTIVITY = """
SELECT source, recent_runs, failed, failure_rate, articles_per_day, last_article_at
FROM source_health
"""
_CLUSTERS = """
SELECT cluster_id, articles, outlets, first_title, first_source, first_published_at,
       last_published_at
FROM syndication_clusters
WHERE last_published_at >= $window_start AND first_published_at < $window_end
ORDER BY articles DESC, len(outlets) DESC, first_published_at DESC, cluster_id
LIMIT $limit
"""
_CLUSTER_MEMBERS = """
SELECT cluster_id, source, count(*)::BIGINT AS articles
FROM articles
WHERE list_contains($cluster_ids::VARCHAR[], cluster_id)
GROUP BY cluster_id, source
ORDER BY cluster_id, source
"""
_COVERAGE = """
SELECT local_day, source, articles::BIGINT AS articles
FROM search_counts($query::VARCHAR, from_date := $first_day::DATE, to_date := $last_day::DATE)
"""
_MATCHES = """
SELECT rank, source, local_day, title, url
FROM search_articles($query::VARCHAR, from_date := $first_day::DATE,
                     to_date := $last_day::DATE, max_results := $limit::BIGINT)
ORDER BY rank
"""


def report_window(warehouse: Warehouse, days: int) -> Window | None:
    """Return the report's window of ``days`` days, or None when no run was ever loaded."""
    if days < 1:
        raise ValueError("a report covers at least one day")
    newest = warehouse.sql(_NEWEST_RUN)["newest"].iloc[0]
    if pd.isna(newest):
        return None
    newest_run_at = pd.Timestamp(newest).to_pydatetime()
    last_day = newest_run_at.astimezone(UTC).date() - timedelta(days=1)
    since = newest_run_at - timedelta(days=days)
    runs = int(warehouse.sql(_RUNS_SINCE, {"since": since})["runs"].iloc[0])
    return Window(
        first_day=last_day - timedelta(days=days - 1),
        last_day=last_day,
        newest_run_at=newest_run_at,
        runs=runs,
    )


def read_report_data(warehouse: Warehouse, *, days: int, query: str | None) -> ReportData | None:
    """Return what the page shows over the last ``days`` days (and a search query's
    coverage), or None when the warehouse holds no run yet."""
    window = report_window(warehouse, days)
    if window is None:
        return None
    bounds = {"first_day": window.first_day, "last_day": window.last_day}
    since = window.newest_run_at - timedelta(days=days)
    daily = warehouse.sql(_DAILY, bounds)
    outcomes = _grouped_outcomes(warehouse.sql(_OUTCOMES, {"since": since}))
    languages = warehouse.sql(_LANGUAGES, bounds)
    health = _source_health(warehouse, window)
    clusters, members = _clusters(warehouse, window)
    configured = warehouse.sql("SELECT name FROM sources")["name"]
    sources = tuple(
        sorted(
            {
                *map(str, configured),
                *map(str, daily["source"]),
                *map(str, outcomes["source"]),
            }
        )
    )
    coverage = matches = None
    if query is not None and query.strip():
        search = {**bounds, "query": query}
        coverage = _per_day(warehouse.sql(_COVERAGE, search), window, sources)
        matches = warehouse.sql(_MATCHES, {**search, "limit": MAX_MATCHES})
    return ReportData(
        window=window,
        sources=sources,
        daily_articles=_per_day(daily, window, sources),
        outcomes=outcomes,
        languages=_languages(languages, sources),
        health=health,
        clusters=clusters,
        cluster_members=members,
        query=query.strip() if query is not None and query.strip() else None,
        coverage=coverage,
        matches=matches,
    )


def _per_day(counts: pd.DataFrame, window: Window, sources: tuple[str, ...]) -> pd.DataFrame:
    """Return counts (local_day, source, articles) as a day × source table, zeros filled."""
    days = pd.DatetimeIndex([pd.Timestamp(day) for day in window.days], name="local_day")
    if counts.empty:
        return pd.DataFrame(0, index=days, columns=list(sources), dtype="int64")
    table = counts.assign(local_day=pd.to_datetime(counts["local_day"])).pivot_table(
        index="local_day", columns="source", values="articles", aggfunc="sum", fill_value=0
    )
    table = table.reindex(index=days, columns=list(sources), fill_value=0)
    return table.fillna(0).astype("int64").rename_axis(columns=None)


def _grouped_outcomes(outcomes: pd.DataFrame) -> pd.DataFrame:
    groups = [
        str(outcome_group(str(status), str(reason)))
        for status, reason in zip(outcomes["status"], outcomes["reason"], strict=True)
    ]
    order = {str(group): n for n, group in enumerate(OutcomeGroup)}
    grouped = outcomes.assign(group=groups)[["source", "group", "reason", "urls"]]
    grouped = grouped.assign(_order=grouped["group"].map(order))
    ordered = grouped.sort_values(["source", "_order", "reason"]).drop(columns="_order")
    return ordered.reset_index(drop=True)


def _languages(languages: pd.DataFrame, sources: tuple[str, ...]) -> pd.DataFrame:
    if languages.empty:
        return pd.DataFrame(columns=list(sources), dtype="int64")
    table = languages.pivot_table(
        index="language", columns="source", values="articles", aggfunc="sum", fill_value=0
    ).reindex(columns=list(sources), fill_value=0)
    table = table.fillna(0).astype("int64").rename_axis(columns=None)
    totals = table.sum(axis=1)
    order = sorted(table.index, key=lambda language: (-int(totals[language]), str(language)))
    return table.loc[order]


def _source_health(warehouse: Warehouse, window: Window) -> SourceHealth:
    activity = warehouse.sql(_HEALTH_ACTIVITY)
    has_daily = int(warehouse.sql(_HAS_DAILY_HEALTH)["views"].iloc[0]) > 0
    if not has_daily:
        # What the warehouse has without expected volumes: whether the recent runs brought
        # any new article (source_health.articles_per_day).
        silent = (activity["recent_runs"] > 0) & (activity["articles_per_day"] == 0)
        latest = activity.assign(
            status=["silent" if flag else "ok" for flag in silent.fillna(False)],
            local_day=None,
            articles=None,
            expected=float("nan"),
        )
        return SourceHealth(daily=None, latest=latest[_LATEST_COLUMNS])
    bounds = {"first_day": window.first_day, "last_day": window.last_day}
    daily = warehouse.sql(_HEALTH_DAILY, bounds)
    latest = warehouse.sql(_HEALTH_LATEST_DAY).merge(activity, on="source", how="outer")
    latest = latest.assign(status=latest["status"].fillna("new"))
    return SourceHealth(daily=daily, latest=latest.sort_values("source")[_LATEST_COLUMNS])


_LATEST_COLUMNS = [
    "source",
    "status",
    "local_day",
    "articles",
    "expected",
    "recent_runs",
    "failed",
    "failure_rate",
    "articles_per_day",
    "last_article_at",
]


def _clusters(warehouse: Warehouse, window: Window) -> tuple[pd.DataFrame, pd.DataFrame]:
    start = datetime.combine(window.first_day, time(), tzinfo=UTC)
    end = datetime.combine(window.last_day + timedelta(days=1), time(), tzinfo=UTC)
    clusters = warehouse.sql(
        _CLUSTERS, {"window_start": start, "window_end": end, "limit": MAX_CLUSTERS}
    )
    members = warehouse.sql(_CLUSTER_MEMBERS, {"cluster_ids": list(clusters["cluster_id"])})
    return clusters.reset_index(drop=True), members
