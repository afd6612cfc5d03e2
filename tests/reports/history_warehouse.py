"""Six weeks of four outlets through the real load path, for the coverage report's tests.

- harbour-ledger (London, English) publishes 3 articles a day, rheinblick (Berlin, German)
  2, valley-courier (Los Angeles, English, every fifth day one Spanish article) 2,
  quiet-post (Paris, French) 2 a day until 24 February and nothing after: it falls silent.
- Every harbour-ledger and valley-courier article of an even day of the month mentions
  "harbour" (the search test's term); no other article does.
- Three stories are syndicated inside the report's window (4, 3 and 2 copies) and one, the
  largest (5 copies), long before it.
- Three runs load it: 2025-02-11 (articles up to 10 February), 2025-02-25 (up to 24
  February) and 2025-03-05 06:00 UTC (up to 4 March), with failures, skips and listings.

A report of 14 days covers 19 February to 4 March (the day before the newest run).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.warehouse.builders import make_article, outcome_for, run_info, write_run
from transforms.records import Article, Reason, Source, Status, UrlKind, UrlOutcome
from warehouse.connection import open_warehouse
from warehouse.load import load_run

SOURCES = (
    Source(name="harbour-ledger", timezone="Europe/London", language="en"),
    Source(name="quiet-post", timezone="Europe/Paris", language="fr"),
    Source(name="rheinblick", timezone="Europe/Berlin", language="de"),
    Source(name="valley-courier", timezone="America/Los_Angeles", language="en"),
)
PER_DAY = {"harbour-ledger": 3, "quiet-post": 2, "rheinblick": 2, "valley-courier": 2}
LANGUAGE = {"harbour-ledger": "en", "quiet-post": "fr", "rheinblick": "de", "valley-courier": "en"}
FIRST_DAY = date(2025, 1, 22)
LAST_DAY = date(2025, 3, 4)
QUIET_LAST_DAY = date(2025, 2, 24)
SEARCH_TERM = "harbour"
RUNS = (
    ("20250211T060000Z-aaaaaa", datetime(2025, 2, 11, 6, 0, tzinfo=UTC)),
    ("20250225T060000Z-bbbbbb", datetime(2025, 2, 25, 6, 0, tzinfo=UTC)),
    ("20250305T060000Z-cccccc", datetime(2025, 3, 5, 6, 0, tzinfo=UTC)),
)
NEWEST_RUN_AT = RUNS[-1][1]
REPORT_DAYS = 14
WINDOW_FIRST_DAY = date(2025, 2, 19)
WINDOW_LAST_DAY = date(2025, 3, 4)

# Syndicated stories: (day, outlets carrying the same text, in publication order).
SYNDICATED = (
    (date(2025, 2, 3), ("harbour-ledger", "valley-courier", "rheinblick", "quiet-post", "x")),
    (date(2025, 2, 26), ("harbour-ledger", "valley-courier", "rheinblick", "harbour-ledger")),
    (date(2025, 3, 1), ("rheinblick", "harbour-ledger", "valley-courier")),
    (date(2025, 3, 3), ("valley-courier", "harbour-ledger")),
)
SYNDICATED_TITLES = (
    "Old wire story",
    "Ferry strike ends after talks",
    "Bridge closure extended",
    "Council votes on the harbour budget",
)

# Failures, skips and listings of the newest run (run 3), per source.
RUN_3_FAILURES = {
    "harbour-ledger": (Reason.HTTP_5XX, Reason.HTTP_5XX),
    "valley-courier": (Reason.TIMEOUT,),
    "quiet-post": (Reason.HTTP_5XX, Reason.HTTP_5XX, Reason.HTTP_5XX),
}
RUN_3_NOT_ARTICLES = {"rheinblick": 2}
RUN_3_ROBOTS = {"valley-courier": 1}


@dataclass(frozen=True, kw_only=True)
class HistoryWarehouse:
    """The published path of the built warehouse and the articles it holds."""

    path: Path
    articles: tuple[Article, ...]

    def local_day(self, article: Article) -> date:
        """Return the article's publication day on its outlet's clock."""
        assert article.published_at is not None
        zone = ZoneInfo(next(s.timezone for s in SOURCES if s.name == article.source))
        return article.published_at.astimezone(zone).date()

    def counts(self, *, first: date, last: date) -> Counter[tuple[str, date]]:
        """Return articles per (source, local day) published between first and last."""
        return Counter(
            (a.source, self.local_day(a))
            for a in self.articles
            if first <= self.local_day(a) <= last
        )


def _text(rng: random.Random, vocabulary: list[str], mention: bool) -> str:
    words = [rng.choice(vocabulary) for _ in range(70)]
    if mention:
        words[rng.randrange(10, 60)] = SEARCH_TERM
    return " ".join(words[:35]).capitalize() + ".\n" + " ".join(words[35:]).capitalize() + "."


def _vocabulary(rng: random.Random) -> list[str]:
    letters = "bcdfghklmnprstvz"
    vowels = "aeiou"
    return [
        "".join(rng.choice(letters) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))
        for _ in range(3000)
    ]


def _published(source: str, day: date, slot: int) -> datetime:
    # 12:00 UTC and later: the same date in London, Paris, Berlin and Los Angeles.
    return datetime.combine(day, time(12 + slot, 5 * slot), tzinfo=UTC)


def history_articles() -> list[Article]:
    """Return every article of the six weeks, the syndicated copies included."""
    rng = random.Random(20250305)
    vocabulary = _vocabulary(rng)
    articles: list[Article] = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        for source, count in PER_DAY.items():
            if source == "quiet-post" and day > QUIET_LAST_DAY:
                continue
            for slot in range(count):
                mention = source in ("harbour-ledger", "valley-courier") and day.day % 2 == 0
                article = make_article(
                    f"https://{source}.example/{day.isoformat()}/story-{slot}",
                    source=source,
                    title=f"Story {slot} of {day.isoformat()}",
                    text=_text(rng, vocabulary, mention),
                    published_at=_published(source, day, slot),
                )
                language = LANGUAGE[source]
                if source == "valley-courier" and slot == 1 and day.day % 5 == 0:
                    language = "es"
                articles.append(replace(article, language=language))
        day += timedelta(days=1)
    for (day, outlets), title in zip(SYNDICATED, SYNDICATED_TITLES, strict=True):
        text = _text(rng, vocabulary, mention=False)
        for copy, source in enumerate(outlets):
            outlet = source if source != "x" else "harbour-ledger"
            article = make_article(
                f"https://{outlet}.example/wire/{day.isoformat()}-{copy}",
                source=outlet,
                title=title,
                text=text,
                published_at=_published(outlet, day, 6) + timedelta(minutes=copy),
            )
            articles.append(replace(article, language=LANGUAGE[outlet]))
    return articles


def _run_of(article: Article) -> int:
    assert article.published_at is not None
    for index, (_, started_at) in enumerate(RUNS):
        if article.published_at < datetime.combine(started_at.date(), time(), tzinfo=UTC):
            return index
    raise AssertionError(f"{article.url} is published after the last run")


def _failure(source: str, n: int, reason: Reason) -> UrlOutcome:
    return UrlOutcome(
        url=f"https://{source}.example/failing/{n}",
        source=source,
        kind=UrlKind.ARTICLE,
        status=Status.FAILED,
        reason=reason,
        http_status=503 if reason is Reason.HTTP_5XX else None,
        detail=f"{reason} in a test",
    )


def _run_3_extra_outcomes() -> list[UrlOutcome]:
    outcomes = [
        _failure(source, n, reason)
        for source, reasons in RUN_3_FAILURES.items()
        for n, reason in enumerate(reasons)
    ]
    outcomes += [
        UrlOutcome(
            url=f"https://{source}.example/about-{n}",
            source=source,
            kind=UrlKind.ARTICLE,
            status=Status.SKIPPED,
            reason=Reason.NOT_ARTICLE,
            http_status=200,
        )
        for source, count in RUN_3_NOT_ARTICLES.items()
        for n in range(count)
    ]
    outcomes += [
        UrlOutcome(
            url=f"https://{source}.example/private/{n}",
            source=source,
            kind=UrlKind.ARTICLE,
            status=Status.SKIPPED,
            reason=Reason.ROBOTS_DISALLOWED,
        )
        for source, count in RUN_3_ROBOTS.items()
        for n in range(count)
    ]
    outcomes += [
        UrlOutcome(
            url=f"https://{source.name}.example/feed.xml",
            source=source.name,
            kind=UrlKind.FEED,
            status=Status.EXTRACTED,
            reason=Reason.FEED_PARSED,
            http_status=200,
        )
        for source in SOURCES
    ]
    return outcomes


def build_history_warehouse(root: Path) -> HistoryWarehouse:
    """Load the three runs into a replica under root and publish it; return where it is."""
    lake = root / "lake"
    published = root / "mediawatch.duckdb"
    replica = root / "mediawatch.duckdb.replicas" / "replica-1.duckdb"
    articles = history_articles()
    for index, (run_id, started_at) in enumerate(RUNS):
        batch = [
            replace(a, fetched_at=started_at + timedelta(minutes=5))
            for a in articles
            if _run_of(a) == index
        ]
        outcomes = [outcome_for(a) for a in batch]
        if index == len(RUNS) - 1:
            outcomes += _run_3_extra_outcomes()
        write_run(
            lake,
            run_id,
            batch,
            outcomes,
            partition=f"run_date={started_at.date().isoformat()}",
            sources=SOURCES,
        )
    with open_warehouse(replica) as connection:
        for run_id, started_at in RUNS:
            assert load_run(connection, lake, run_info(run_id, started_at))
    published.symlink_to(replica.relative_to(root))
    return HistoryWarehouse(path=published, articles=tuple(articles))
