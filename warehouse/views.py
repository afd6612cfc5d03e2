"""The analysts' interface over the tables: views and table macros, declared with what each
of their columns means.

`warehouse.ddl.ensure_schema` (re)creates them on every call, so they change with the code
that loads the warehouse; each comment names the `SCHEMA_VERSION` it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass

from warehouse.health_rule import DAILY_HEALTH_COLUMNS, DAILY_HEALTH_DESCRIPTION, daily_health_sql
from warehouse.schema import SCHEMA_VERSION

RECENT_DAYS = 7
"""The window of source_health: runs started in the 7 days up to the warehouse's newest run."""


@dataclass(frozen=True, kw_only=True)
class ViewColumn:
    """One column of a view and what it means."""

    name: str
    description: str


@dataclass(frozen=True, kw_only=True)
class View:
    """A view: its query and a description of it and of each of its columns."""

    name: str
    description: str
    sql: str
    columns: tuple[ViewColumn, ...]

    @property
    def comment(self) -> str:
        """Return the view's comment: its description and the schema version."""
        return f"{self.description} (schema_version {SCHEMA_VERSION})"


@dataclass(frozen=True, kw_only=True)
class Macro:
    """A table macro: a parameterised query analysts call as ``FROM name(arguments)``."""

    name: str
    parameters: tuple[str, ...]
    description: str
    sql: str

    @property
    def comment(self) -> str:
        """Return the macro's comment: its description and the schema version."""
        return f"{self.description} (schema_version {SCHEMA_VERSION})"


def _columns(*pairs: tuple[str, str]) -> tuple[ViewColumn, ...]:
    return tuple(ViewColumn(name=name, description=text) for name, text in pairs)


# The outlet's zone when the sources table knows it; UTC for articles of a source no run
# has declared (a warehouse upgraded in place, before its next run).
_LOCAL_ZONE = "coalesce(s.timezone, 'UTC')"

SCHEMA_INFO = View(
    name="schema_info",
    description="The version of the warehouse's tables, views and macros.",
    sql=f"SELECT {SCHEMA_VERSION}::INTEGER AS schema_version",
    columns=_columns(
        (
            "schema_version",
            "Version of the warehouse's public interface; raised whenever a table, view or "
            "macro changes (see docs/data-dictionary.md).",
        ),
    ),
)

DAILY_COUNTS = View(
    name="daily_counts",
    description="Articles per source, language and local publication day: the day in the "
    "outlet's own time zone (sources.timezone). Undated articles are not counted.",
    sql=f"""
SELECT a.source,
       a.language,
       a.published_local_day AS local_day,
       {_LOCAL_ZONE} AS timezone,
       count(*) AS articles,
       count(a.duplicate_of) AS syndicated_copies
FROM articles AS a
LEFT JOIN sources AS s ON s.name = a.source
WHERE a.published_local_day IS NOT NULL
GROUP BY ALL
ORDER BY a.source, local_day, a.language NULLS LAST
""",
    columns=_columns(
        ("source", "The configured source (outlet)."),
        ("language", "Detected language of the articles (ISO 639-1); null when undetected."),
        ("local_day", "Publication day in the outlet's time zone."),
        ("timezone", "The IANA time zone local_day is counted in (UTC if none is known)."),
        ("articles", "Articles published that day (current versions)."),
        ("syndicated_copies", "How many of them are copies of an earlier original."),
    ),
)

LATEST_ARTICLES = View(
    name="latest_articles",
    description="Every article's current version, newest first (by publication time, else "
    "first fetch), with its local publication time; add LIMIT for the latest few.",
    sql=f"""
SELECT a.article_id,
       a.source,
       a.title,
       a.url,
       a.published_at,
       a.published_at AT TIME ZONE {_LOCAL_ZONE} AS published_local,
       a.language,
       a.authors,
       a.word_count,
       a.first_seen_at,
       a.updated_at,
       a.updated_at > a.first_seen_at AS changed,
       a.cluster_id,
       a.duplicate_of
FROM articles AS a
LEFT JOIN sources AS s ON s.name = a.source
ORDER BY coalesce(a.published_at, a.first_seen_at) DESC, a.article_id
""",
    columns=_columns(
        ("article_id", "The article (see articles)."),
        ("source", "The configured source (outlet)."),
        ("title", "Headline of the current version."),
        ("url", "URL the article was fetched from."),
        ("published_at", "Publication time in UTC; null when the page gave none."),
        ("published_local", "Publication time on the outlet's clock (sources.timezone)."),
        ("language", "Detected language (ISO 639-1)."),
        ("authors", "Author names in page order."),
        ("word_count", "Words in the current text."),
        ("first_seen_at", "When a run first fetched the article."),
        ("updated_at", "When the current version was fetched."),
        ("changed", "True when the article changed since it was first fetched."),
        ("cluster_id", "Its near-duplicate cluster (see syndication_clusters)."),
        ("duplicate_of", "The original this article copies, if it is a syndicated copy."),
    ),
)

SYNDICATION_CLUSTERS = View(
    name="syndication_clusters",
    description="One row per near-duplicate cluster of two or more articles (a story "
    "syndicated or lightly edited across outlets), with its members in publication order.",
    sql="""
SELECT cluster_id,
       count(*) AS articles,
       list(DISTINCT source ORDER BY source) AS outlets,
       list({'article_id': article_id, 'source': source, 'title': title, 'url': url,
             'published_at': published_at, 'duplicate_of': duplicate_of}
            ORDER BY published_at NULLS LAST, first_seen_at, article_id) AS members,
       min(published_at) AS first_published_at,
       first(source ORDER BY published_at NULLS LAST, first_seen_at, article_id) AS first_source,
       first(article_id ORDER BY published_at NULLS LAST, first_seen_at, article_id)
           AS first_article_id,
       first(title ORDER BY published_at NULLS LAST, first_seen_at, article_id) AS first_title,
       max(published_at) AS last_published_at
FROM articles
WHERE cluster_id IS NOT NULL
GROUP BY cluster_id
HAVING count(*) > 1
ORDER BY first_published_at DESC NULLS LAST, cluster_id
""",
    columns=_columns(
        ("cluster_id", "The cluster: the smallest article_id in it (articles.cluster_id)."),
        ("articles", "How many articles the cluster holds."),
        ("outlets", "The sources that carry the story, alphabetically."),
        (
            "members",
            "Each article of the cluster (article_id, source, title, url, published_at, "
            "duplicate_of), earliest published first.",
        ),
        ("first_published_at", "Earliest publication time in the cluster (UTC)."),
        ("first_source", "The source that published first (the likely original)."),
        ("first_article_id", "The article published first."),
        ("first_title", "Headline of the article published first."),
        ("last_published_at", "Latest publication time in the cluster (UTC)."),
    ),
)

SOURCE_HEALTH_DAILY = View(
    name="source_health_daily",
    description=DAILY_HEALTH_DESCRIPTION,
    sql=daily_health_sql(),
    columns=_columns(*DAILY_HEALTH_COLUMNS),
)

SOURCE_HEALTH = View(
    name="source_health",
    description=f"Per source: its last run, and over the recent runs (those started in the "
    f"{RECENT_DAYS} days up to the warehouse's newest run) the URLs it had, its failures by "
    "reason and its new articles per day; and its last complete day's volume against the "
    "expected one (see source_health_daily).",
    sql=f"""
WITH newest AS (SELECT max(started_at) AS started_at FROM runs),
recent_runs AS (
    SELECT runs.run_id FROM runs, newest
    WHERE runs.started_at > newest.started_at - INTERVAL {RECENT_DAYS} DAY
),
recent AS (
    SELECT o.source, o.run_id, o.kind, o.status, o.reason
    FROM url_outcomes AS o JOIN recent_runs USING (run_id)
),
activity AS (
    SELECT source,
           count(DISTINCT run_id) AS recent_runs,
           count(*) AS urls,
           count(*) FILTER (WHERE kind = 'article') AS article_urls,
           count(*) FILTER (WHERE reason = 'new') AS articles_new,
           count(*) FILTER (WHERE reason = 'updated') AS articles_updated,
           count(*) FILTER (WHERE reason = 'unchanged') AS articles_unchanged,
           count(*) FILTER (WHERE status = 'skipped') AS skipped,
           count(*) FILTER (WHERE status = 'failed') AS failed
    FROM recent GROUP BY source
),
failure_counts AS (
    SELECT source, reason, count(*) AS urls
    FROM recent WHERE status = 'failed' GROUP BY ALL
),
failures AS (
    SELECT source, map(list(reason ORDER BY reason), list(urls ORDER BY reason)) AS by_reason
    FROM failure_counts GROUP BY source
),
arrivals AS (
    SELECT a.source, count(*) AS articles, max(a.first_seen_at) AS last_article_at
    FROM articles AS a, newest
    WHERE a.first_seen_at > newest.started_at - INTERVAL {RECENT_DAYS} DAY
    GROUP BY a.source
),
volume AS (
    SELECT source, local_day, status, articles, expected FROM source_health_daily
    QUALIFY row_number() OVER (PARTITION BY source ORDER BY local_day DESC) = 1
),
names AS (SELECT name AS source FROM sources UNION SELECT source FROM activity)
SELECT names.source,
       s.timezone,
       s.last_run_id,
       s.last_run_at,
       coalesce(activity.recent_runs, 0) AS recent_runs,
       coalesce(activity.urls, 0) AS urls,
       coalesce(activity.article_urls, 0) AS article_urls,
       coalesce(activity.articles_new, 0) AS articles_new,
       coalesce(activity.articles_updated, 0) AS articles_updated,
       coalesce(activity.articles_unchanged, 0) AS articles_unchanged,
       coalesce(activity.skipped, 0) AS skipped,
       coalesce(activity.failed, 0) AS failed,
       round(coalesce(activity.failed, 0) / nullif(activity.urls, 0), 4) AS failure_rate,
       coalesce(failures.by_reason, map([]::VARCHAR[], []::BIGINT[])) AS failures_by_reason,
       round(coalesce(arrivals.articles, 0) / {RECENT_DAYS}, 2) AS articles_per_day,
       arrivals.last_article_at,
       volume.local_day AS volume_day,
       volume.status AS volume_status,
       volume.articles AS volume_articles,
       volume.expected AS volume_expected
FROM names
LEFT JOIN sources AS s ON s.name = names.source
LEFT JOIN activity USING (source)
LEFT JOIN failures USING (source)
LEFT JOIN arrivals USING (source)
LEFT JOIN volume USING (source)
ORDER BY names.source
""",
    columns=_columns(
        ("source", "The configured source (outlet)."),
        ("timezone", "Its IANA time zone (null for a source no run has declared)."),
        ("last_run_id", "The newest run whose config named the source."),
        ("last_run_at", "When that run started."),
        ("recent_runs", "Recent runs that touched the source's URLs."),
        ("urls", "URLs of the source (articles, feeds, sitemaps) the recent runs touched."),
        ("article_urls", "Article URLs among them."),
        ("articles_new", "Articles stored for the first time in the recent runs."),
        ("articles_updated", "Articles whose content changed in the recent runs."),
        ("articles_unchanged", "Articles fetched again unchanged in the recent runs."),
        ("skipped", "URLs skipped (robots, not an article, already ingested, ...)."),
        ("failed", "URLs that failed (HTTP errors, timeouts, malformed listings, ...)."),
        ("failure_rate", "failed / urls, 0 to 1; null without URLs."),
        (
            "failures_by_reason",
            "Failed URLs per reason code (http_5xx, timeout, ...), a MAP: "
            "failures_by_reason['timeout'].",
        ),
        (
            "articles_per_day",
            f"Articles first fetched in the {RECENT_DAYS} days up to the newest run, per day.",
        ),
        ("last_article_at", "When the newest of those articles was first fetched."),
        ("volume_day", "Its last complete local day (see source_health_daily)."),
        ("volume_status", "That day's status: ok, low, silent or new."),
        ("volume_articles", "Articles published that day."),
        ("volume_expected", "Articles expected that day from the source's history."),
    ),
)

# The window runs over the rows the filter keeps: filtering the view instead would number
# every version of every article first (seconds, reading all the texts, at a million).
_HISTORY = """
SELECT v.article_id,
       row_number() OVER history AS version_number,
       count(*) OVER (PARTITION BY v.article_id) AS versions,
       v.version_id,
       v.version_hash,
       v.version_hash = a.version_hash AS is_current,
       v.url,
       v.source,
       v.title,
       v.authors,
       v.published_at,
       v.language,
       v.word_count,
       v.content_hash,
       v.text,
       v.first_seen_at,
       v.last_seen_at,
       v.times_seen,
       v.returned_at,
       CASE WHEN row_number() OVER history > 1
            THEN v.title IS DISTINCT FROM lag(v.title) OVER history END AS title_changed,
       CASE WHEN row_number() OVER history > 1
            THEN v.content_hash <> lag(v.content_hash) OVER history END AS text_changed,
       CASE WHEN row_number() OVER history > 1
            THEN v.authors IS DISTINCT FROM lag(v.authors) OVER history END AS authors_changed,
       CASE WHEN row_number() OVER history > 1
            THEN v.published_at IS DISTINCT FROM lag(v.published_at) OVER history END
           AS published_at_changed,
       v.word_count - lag(v.word_count) OVER history AS words_added
FROM article_versions AS v
LEFT JOIN articles AS a USING (article_id)
{only}
WINDOW history AS (PARTITION BY v.article_id ORDER BY v.first_seen_at, v.version_id)
ORDER BY v.article_id, version_number
"""


def _history_sql(*, only: str) -> str:
    return _HISTORY.replace("{only}", only)


ARTICLE_HISTORY = View(
    name="article_history",
    description="Every version of every article in the order runs first saw them, with what "
    "changed from the version before; the article_history(url_or_id) macro gives one article's.",
    sql=_history_sql(only=""),
    columns=_columns(
        ("article_id", "The article (see articles)."),
        ("version_number", "1 for the first content seen, then 2, 3, ... by first_seen_at."),
        ("versions", "How many distinct contents the article has had."),
        ("version_id", "The version (see article_versions)."),
        (
            "version_hash",
            "Hash of the version's title, authors, date, canonical URL, language, text.",
        ),
        ("is_current", "True for the version the articles table holds now."),
        ("url", "URL the article was fetched from."),
        ("source", "The configured source (outlet)."),
        ("title", "Headline of this version."),
        ("authors", "Author names of this version."),
        ("published_at", "Publication time this version gave (UTC)."),
        ("language", "Detected language of this version."),
        ("word_count", "Words in this version's text."),
        ("content_hash", "Hash of this version's text (ignoring case and punctuation)."),
        ("text", "This version's main text."),
        ("first_seen_at", "When a run first found this version."),
        ("last_seen_at", "When a run last found this version."),
        ("times_seen", "Runs that found this version."),
        ("returned_at", "When the article last changed back to this version; null if never."),
        ("title_changed", "Headline differs from the version before; null for the first."),
        (
            "text_changed",
            "Text (content_hash) differs from the version before; null for the first.",
        ),
        ("authors_changed", "Authors differ from the version before; null for the first."),
        (
            "published_at_changed",
            "Publication time differs from the version before; null for the first.",
        ),
        ("words_added", "word_count minus the version before's; null for the first."),
    ),
)

VIEWS = (
    SCHEMA_INFO,
    DAILY_COUNTS,
    LATEST_ARTICLES,
    SYNDICATION_CLUSTERS,
    SOURCE_HEALTH_DAILY,
    SOURCE_HEALTH,
    ARTICLE_HISTORY,
)

# Parameter names differ from every column name: inside a macro a column of the same name
# would shadow the parameter.
MACROS = (
    Macro(
        name="articles_about",
        parameters=("term",),
        description="Articles whose headline or text contains the term (case-insensitive, "
        "plain text, no wildcards), newest first: FROM articles_about('harbour').",
        sql="""
SELECT article_id, source, title, url, published_at, language, word_count, cluster_id,
       duplicate_of
FROM articles
WHERE contains(lower(coalesce(title, '') || chr(10) || text), lower(term))
ORDER BY published_at DESC NULLS LAST, article_id
""",
    ),
    Macro(
        name="daily_counts",
        parameters=("source_name", "first_day", "last_day"),
        description="One source's articles per local publication day from first_day to "
        "last_day (inclusive; days without articles give 0), all languages together: "
        "FROM daily_counts('rheinblick', DATE '2025-03-01', DATE '2025-03-31').",
        sql="""
WITH days AS (
    SELECT unnest(generate_series(first_day::DATE, last_day::DATE, INTERVAL 1 DAY))::DATE
        AS local_day
),
counted AS (
    SELECT local_day, sum(articles) AS articles, sum(syndicated_copies) AS syndicated_copies
    FROM daily_counts
    WHERE source = source_name
    GROUP BY local_day
)
SELECT source_name AS source,
       days.local_day,
       coalesce(counted.articles, 0)::BIGINT AS articles,
       coalesce(counted.syndicated_copies, 0)::BIGINT AS syndicated_copies
FROM days LEFT JOIN counted USING (local_day)
ORDER BY days.local_day
""",
    ),
    Macro(
        name="article_history",
        parameters=("url_or_id",),
        description="The versions of one article, oldest first, found by its article_id, URL "
        "or canonical URL: FROM article_history('https://example.com/news/story').",
        sql=_history_sql(
            only="""
WHERE v.article_id IN (
    SELECT article_id FROM articles
    WHERE url_or_id IN (article_id, url, canonical_url)
    UNION
    SELECT article_id FROM article_versions
    WHERE url_or_id IN (article_id, url, canonical_url)
)"""
        ),
    ),
)
