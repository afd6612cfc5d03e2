"""A small published warehouse with known answers, for the analyst CLI, API and cookbook.

Two runs through the real load path, three outlets in three time zones (London, Los
Angeles, Berlin, as the runs' configs declare them):

- run 1 (2025-03-04): harbour-ledger's harbour story; valley-courier's copy of it (same
  text: duplicate_of and the same cluster) and its ferry story (published in the evening
  of 3 March, Pacific time); rheinblick's market-hall story (00:30 on 4 March in Berlin,
  still 3 March in UTC) and an undated letters page that mentions a ferry; one timeout.
- run 2 (2025-03-05): the market-hall story updated (new headline and a paragraph),
  harbour-ledger's storm story (new), two 5xx, a 404 and a malformed feed (failed), one
  URL robots.txt disallows (skipped), the other articles fetched again unchanged (the
  market hall has two versions).

The file is published as the loader publishes it: the configured path is a symlink to a
replica.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.warehouse.builders import make_article, outcome_for, revised, run_info, write_run
from transforms.records import Article, Reason, Source, Status, UrlKind, UrlOutcome
from warehouse.connection import open_warehouse
from warehouse.load import load_run

RUN_1 = "20250304T060000Z-aaaaaa"
RUN_2 = "20250305T060000Z-bbbbbb"
RUN_1_STARTED = datetime(2025, 3, 4, 6, 0, tzinfo=UTC)
RUN_2_STARTED = datetime(2025, 3, 5, 6, 0, tzinfo=UTC)
SOURCES = (
    Source(name="harbour-ledger", timezone="Europe/London"),
    Source(name="valley-courier", timezone="America/Los_Angeles"),
    Source(name="rheinblick", timezone="Europe/Berlin"),
)

HARBOUR_TEXT = (
    "The town council approved the rebuilding of the old harbour wall on Tuesday night.\n"
    "Work is expected to begin in June."
)
HARBOUR = make_article(
    "https://harbour-ledger.example/news/harbour-wall",
    source="harbour-ledger",
    title="Harbour wall approved",
    text=HARBOUR_TEXT,
    published_at=datetime(2025, 3, 4, 8, 0, tzinfo=UTC),
    published_offset=0,
    fetched_at=RUN_1_STARTED + timedelta(minutes=5),
)
HARBOUR_COPY = make_article(
    "https://valley-courier.example/wire/harbour-wall",
    source="valley-courier",
    title="Harbour wall gets the go-ahead",
    text=HARBOUR_TEXT,
    published_at=datetime(2025, 3, 4, 10, 0, tzinfo=UTC),
    published_offset=-480,
    authors=("Wire staff",),
    fetched_at=RUN_1_STARTED + timedelta(minutes=6),
)
FERRY = make_article(
    "https://valley-courier.example/news/ferry-timetable",
    source="valley-courier",
    title="New ferry timetable",
    text="The ferry timetable changes on Monday: the first crossing leaves at six.\n"
    "Tickets bought before then remain valid for the whole spring season.",
    published_at=datetime(2025, 3, 4, 5, 0, tzinfo=UTC),
    published_offset=-480,
    authors=("Ana Ruiz",),
    fetched_at=RUN_1_STARTED + timedelta(minutes=7),
)
MARKET = make_article(
    "https://rheinblick.example/stadt/markthalle",
    source="rheinblick",
    title="Markthalle öffnet",
    text="Die Stadt eröffnet am Samstag die neue Markthalle am Rheinufer.\n"
    "Der Eintritt ist frei, die Stände öffnen um acht Uhr.",
    published_at=datetime(2025, 3, 3, 23, 30, tzinfo=UTC),
    published_offset=60,
    authors=("Lena Vogt",),
    fetched_at=RUN_1_STARTED + timedelta(minutes=8),
)
LETTERS = make_article(
    "https://rheinblick.example/meinung/leserbriefe",
    source="rheinblick",
    title="Leserbriefe",
    text="Leser fordern eine bessere Ferry-Verbindung nach Basel und mehr Parkplätze.\n"
    "Andere loben die neue Markthalle und die Radwege am Ufer.",
    published_at=None,
    authors=(),
    fetched_at=RUN_1_STARTED + timedelta(minutes=9),
)
MARKET_UPDATED = revised(
    MARKET,
    title="Markthalle öffnet am Samstag",
    text=MARKET.text + "\nZur Eröffnung spielt die Stadtkapelle.",
    fetched_at=RUN_2_STARTED + timedelta(minutes=8),
)
STORM = make_article(
    "https://harbour-ledger.example/news/storm-warning",
    source="harbour-ledger",
    title="Storm warning for the coast",
    text="Forecasters warned of gales along the coast tonight.\n"
    "All ferry crossings after six in the evening are cancelled.",
    published_at=datetime(2025, 3, 5, 7, 0, tzinfo=UTC),
    published_offset=0,
    fetched_at=RUN_2_STARTED + timedelta(minutes=5),
)


def failure(
    url: str, source: str, reason: Reason, http_status: int | None, kind: UrlKind = UrlKind.ARTICLE
) -> UrlOutcome:
    """Return the outcome row of a URL that failed."""
    return UrlOutcome(
        url=url,
        source=source,
        kind=kind,
        status=Status.FAILED,
        reason=reason,
        http_status=http_status,
        detail=f"{reason} in a test",
    )


RUN_1_FAILURES = (
    failure("https://harbour-ledger.example/news/slow", "harbour-ledger", Reason.TIMEOUT, None),
)
RUN_2_FAILURES = (
    failure("https://harbour-ledger.example/news/live", "harbour-ledger", Reason.HTTP_5XX, 503),
    failure("https://harbour-ledger.example/news/results", "harbour-ledger", Reason.HTTP_5XX, 500),
    failure("https://valley-courier.example/news/gone", "valley-courier", Reason.HTTP_4XX, 404),
    failure(
        "https://rheinblick.example/feed.xml",
        "rheinblick",
        Reason.FEED_MALFORMED,
        200,
        kind=UrlKind.FEED,
    ),
)
ROBOTS_SKIP = UrlOutcome(
    url="https://valley-courier.example/private/draft",
    source="valley-courier",
    kind=UrlKind.ARTICLE,
    status=Status.SKIPPED,
    reason=Reason.ROBOTS_DISALLOWED,
)


@dataclass(frozen=True, kw_only=True)
class AnalystWarehouse:
    """Where the built warehouse is published, and the replica behind it."""

    path: Path
    """The published path (a symlink), as a config's [storage] warehouse names it."""
    replica: Path


def build_analyst_warehouse(root: Path) -> AnalystWarehouse:
    """Load the two runs into a replica under root and publish it; return where it is."""
    lake = root / "lake"
    published = root / "mediawatch.duckdb"
    replica = root / "mediawatch.duckdb.replicas" / "replica-1.duckdb"
    run_1: list[Article] = [HARBOUR, HARBOUR_COPY, FERRY, MARKET, LETTERS]
    write_run(
        lake,
        RUN_1,
        run_1,
        [*(outcome_for(a) for a in run_1), *RUN_1_FAILURES],
        partition="run_date=2025-03-04",
        sources=SOURCES,
    )
    run_2: list[Article] = [MARKET_UPDATED, STORM]
    unchanged = [
        outcome_for(replace(a, fetched_at=a.fetched_at + timedelta(days=1)), Reason.UNCHANGED)
        for a in (HARBOUR, HARBOUR_COPY, FERRY)
    ]
    write_run(
        lake,
        RUN_2,
        run_2,
        [
            outcome_for(MARKET_UPDATED, Reason.UPDATED),
            outcome_for(STORM),
            *unchanged,
            *RUN_2_FAILURES,
            ROBOTS_SKIP,
        ],
        partition="run_date=2025-03-05",
        sources=SOURCES,
    )
    with open_warehouse(replica) as connection:
        assert load_run(connection, lake, run_info(RUN_1, RUN_1_STARTED))
        assert load_run(connection, lake, run_info(RUN_2, RUN_2_STARTED))
    published.symlink_to(replica.relative_to(root))
    return AnalystWarehouse(path=published, replica=replica)


def finished_at(warehouse: AnalystWarehouse) -> dict[str, datetime]:
    """Return when each run's load committed (the loader's clock), by run id."""
    with open_warehouse(warehouse.replica, read_only=True) as connection:
        rows = connection.execute("SELECT run_id, finished_at FROM runs").fetchall()
    return {run_id: finished for run_id, finished in rows}
