"""The warehouse benchmark: a nightly load and analyst queries on two years of articles.

    python -m bench.warehouse_bench [--articles 1000000 --sources 200 --days 730
                                     --batch 50000 --work-dir DIR --out FILE]

1. Generation (``bench.synthetic_lake``): ``articles / batch`` runs of ``batch`` new
   articles each (3-5 KB of text, syndicated copies, new versions of earlier articles,
   unchanged revisits, failures, feeds, captures), written as Parquet parts with
   ``warehouse.lake.write_part`` and merged per run with ``compact_parts``.
2. History: all runs but the last two are committed and published with
   ``warehouse.published.publish_runs`` (one replica loads them run by run), then the
   second-to-last run is committed and published (a second replica, copied from the
   first, loads it, and the first catches up).
3. Nightly: the last run is committed and published; timed until the switch (readers see
   it) and as a whole (the other standby catches up after). The run's ``load_run`` is also
   timed on its own, statement by statement, on a copy of a replica holding every
   earlier run; then once more on another copy with ``refresh_search_index`` left out:
   the difference is the search index's share of the load (its refresh and what it adds
   to COMMIT), the figure the search issue's "< 60 s of extra work" is about.
4. Queries on the published warehouse, opened read-only with ``open_reader``, each run
   five times.

Every phase runs in a child process of its own, so ``ru_maxrss`` is that phase's peak.
"""

from __future__ import annotations

import argparse
import inspect
import multiprocessing
import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar, cast

import duckdb

from bench.synthetic_lake import GeneratedLake, LakeGenerator, LakeShape
from warehouse import clusters
from warehouse import load as load_module
from warehouse.connection import (
    LOAD_MEMORY_LIMIT_VARIABLE,
    MEMORY_LIMIT_VARIABLE,
    memory_limit,
    open_warehouse,
)
from warehouse.lake import RunCommit, commit_run, read_commit
from warehouse.load import RunInfo, load_run
from warehouse.published import open_reader, publish_runs, replica_paths
from warehouse.search.index import SearchRefresh

LOAD_TARGET_SECONDS = 60.0
SEARCH_TARGET_SECONDS = 60.0
"""The search issue's budget: the index fresh after a nightly load in < 60 s of extra work."""
NIGHTLY_TARGET_SECONDS = LOAD_TARGET_SECONDS + SEARCH_TARGET_SECONDS
"""A nightly load as shipped does both: the load's 60 s and the search index's 60 s."""
QUERY_TARGET_SECONDS = 1.0
RSS_LIMIT_MB = 4096.0
QUERY_REPEATS = 5
PACKAGES = ("duckdb", "pyarrow", "numpy")

T = TypeVar("T")


def max_rss_mb() -> float:
    """Return this process's peak resident set size so far, in MB (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(function: Callable[..., T], *args: Any) -> tuple[T, float]:
    """Return what ``function(*args)`` gave in a fresh spawned process, and its peak RSS."""
    with ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        return pool.submit(_measured, function, *args).result()


def _measured(function: Callable[..., T], *args: Any) -> tuple[T, float]:
    return function(*args), max_rss_mb()


def _progress(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# Phases -------------------------------------------------------------------------------


def generate_phase(lake_root: Path, shape: LakeShape) -> GeneratedLake:
    """Write the synthetic lake; return its (uncommitted) runs and counts."""
    return LakeGenerator(lake_root, shape, progress=_progress).generate()


@dataclass(frozen=True, kw_only=True)
class PublishFigures:
    """One publish_runs call: how long it took, which replica it published, what it loaded."""

    seconds: float
    """The whole call, the other standbys' catch-up after the switch included."""
    seconds_to_publish: float
    """From the call to the switch: how long new data took to reach readers."""
    replica: Path
    loaded_runs: tuple[str, ...]
    """Runs loaded into the standby before the switch."""
    caught_up: tuple[Path, ...]
    """Other standbys brought up to date after the switch."""


def publish_phase(
    warehouse_path: Path, lake_root: Path, commits: tuple[RunCommit, ...]
) -> PublishFigures:
    """Commit the runs, then time one publish_runs."""
    for commit in commits:
        commit_run(lake_root, commit)
    start = time.perf_counter()
    result = publish_runs(warehouse_path, lake_root)
    return PublishFigures(
        seconds=time.perf_counter() - start,
        seconds_to_publish=result.seconds_to_publish,
        replica=result.replica,
        loaded_runs=result.loaded_runs,
        caught_up=result.caught_up,
    )


@dataclass(kw_only=True)
class StatementTimes:
    """Seconds spent per statement label (execute and fetch), with the number of calls."""

    seconds: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)

    def add(self, label: str, seconds: float, *, call: bool = True) -> None:
        """Add time to a label."""
        self.seconds[label] = self.seconds.get(label, 0.0) + seconds
        if call:
            self.calls[label] = self.calls.get(label, 0) + 1


_HELPER_MODULES = ("warehouse.keyed", "warehouse.sql")
"""Modules whose functions run statements for others: time counts for their caller."""
_PARAMETER_LIST = re.compile(r"\$\d+(?:, \$\d+)*")


def statement_label(sql: str, caller: str) -> str:
    """Return the label a statement's time is counted under: the warehouse function that
    ran it and how the statement starts (every schema statement of ensure_schema as one)."""
    if caller.endswith("ensure_schema"):
        return f"{caller} (every schema statement)"
    text = _PARAMETER_LIST.sub("$…", " ".join(sql.split()))
    if text.startswith(("DROP TABLE", "COMMENT ON")):
        text = " ".join(text.split()[:2]) + " …"
    return f"{caller}: {text[:64]}"


def warehouse_caller() -> str:
    """Return ``module.function`` of the innermost warehouse function on the stack outside
    the statement helpers (``keyed.execute_by_keys`` runs statements for its caller)."""
    frame = inspect.currentframe()
    while frame is not None:
        module = str(frame.f_globals.get("__name__", ""))
        if module.startswith("warehouse.") and module not in _HELPER_MODULES:
            return f"{module.removeprefix('warehouse.')}.{frame.f_code.co_name}"
        frame = frame.f_back
    return "(outside warehouse)"


class _TimedCalls:
    """Passes method calls through to a result or relation, timing them under one label
    (a result's fetch, a relation's execution)."""

    def __init__(self, target: object, label: str, times: StatementTimes) -> None:
        self._target = target
        self._label = label
        self._times = times

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._target, name)
        if not callable(attribute):
            return attribute

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return attribute(*args, **kwargs)
            finally:
                self._times.add(self._label, time.perf_counter() - start, call=False)

        return timed


class TimedConnection:
    """A DuckDB connection that counts each statement's time, from execute to the last
    fetch, under a label; other methods pass through untimed."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._connection = connection
        self.times = StatementTimes()

    def execute(self, sql: str, parameters: object = None) -> Any:
        """Run a statement, as DuckDBPyConnection.execute does, and time it."""
        label = statement_label(sql, warehouse_caller())
        start = time.perf_counter()
        try:
            result = (
                self._connection.execute(sql)
                if parameters is None
                else self._connection.execute(sql, parameters)
            )
        finally:
            self.times.add(label, time.perf_counter() - start)
        return _TimedCalls(result, label, self.times)

    def sql(self, query: str, *args: Any, **kwargs: Any) -> Any:
        """Return a relation, as DuckDBPyConnection.sql does, whose execution is timed."""
        label = statement_label(query, warehouse_caller())
        start = time.perf_counter()
        try:
            relation = self._connection.sql(query, *args, **kwargs)
        finally:
            self.times.add(label, time.perf_counter() - start)
        return _TimedCalls(relation, label, self.times)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


@dataclass(frozen=True, kw_only=True)
class LoadProfile:
    """A single load_run timed statement by statement, and the CHECKPOINT after it."""

    run_id: str
    seconds: float
    checkpoint_seconds: float
    statements: dict[str, float]
    calls: dict[str, int]
    python: dict[str, float]
    """Python work between statements that was timed: simhash, cluster_ids."""
    with_search: bool = True
    """False when the load ran with `refresh_search_index` left out."""


def copy_replica(replica: Path, target: Path) -> None:
    """Copy a replica no connection holds (and its WAL, if any) to a new file."""
    shutil.copyfile(replica, target)
    wal = replica.with_name(replica.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + ".wal"))


def single_load_phase(
    scratch: Path, lake_root: Path, run_id: str, with_search: bool = True
) -> LoadProfile:
    """Load one run into a scratch copy of a replica, statement by statement; remove it.

    Without ``with_search``, load_run's call of `refresh_search_index` does nothing (in
    this child process only): what the load costs without the search index.
    """
    if not with_search:
        load_module.__dict__["refresh_search_index"] = _no_search_refresh
    python = StatementTimes()
    # Patched in this child process only: load_run's clustering calls them by these names.
    names = clusters.__dict__
    real_simhash: Callable[[str], int] = names["simhash"]
    real_cluster_ids: Callable[[dict[str, int | None]], dict[str, str]] = names["cluster_ids"]

    def timed_simhash(text: str) -> int:
        start = time.perf_counter()
        try:
            return real_simhash(text)
        finally:
            python.add("simhash of incoming texts (Python)", time.perf_counter() - start)

    def timed_cluster_ids(fingerprints: dict[str, int | None]) -> dict[str, str]:
        start = time.perf_counter()
        try:
            return real_cluster_ids(fingerprints)
        finally:
            python.add("cluster_ids union-find (Python)", time.perf_counter() - start)

    names["simhash"], names["cluster_ids"] = timed_simhash, timed_cluster_ids
    connection = open_warehouse(scratch)
    try:
        commit = read_commit(lake_root, run_id)
        info = RunInfo(
            run_id=run_id,
            flow=commit.flow,
            started_at=commit.started_at or datetime.now(UTC),
            config_sha256=commit.config_sha256,
        )
        timed = TimedConnection(connection)
        start = time.perf_counter()
        loaded = load_run(cast(duckdb.DuckDBPyConnection, timed), lake_root, info)
        seconds = time.perf_counter() - start
        if not loaded:
            raise RuntimeError(f"run {run_id} was already in {scratch}")
        start = time.perf_counter()
        connection.execute("CHECKPOINT")
        checkpoint = time.perf_counter() - start
    finally:
        connection.close()
        names["simhash"], names["cluster_ids"] = real_simhash, real_cluster_ids
        for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return LoadProfile(
        run_id=run_id,
        seconds=seconds,
        checkpoint_seconds=checkpoint,
        statements=timed.times.seconds,
        calls=timed.times.calls,
        python=python.seconds,
        with_search=with_search,
    )


def _no_search_refresh(
    connection: duckdb.DuckDBPyConnection, article_ids: Sequence[str] | None = None
) -> SearchRefresh:
    return SearchRefresh(indexed=0, removed=0, purged_postings=0)


# Queries ------------------------------------------------------------------------------
# The analysts' views and macros (daily_counts, article_history, syndication_clusters)
# when the warehouse has them, else the same questions asked of the base tables.

DAILY_COUNTS_VIEW = """
SELECT source, local_day, sum(articles) AS articles
FROM daily_counts
WHERE local_day BETWEEN $first_day AND $last_day
GROUP BY ALL
ORDER BY ALL
"""
DAILY_COUNTS_MACRO = "SELECT * FROM daily_counts($source, $first_day, $last_day)"
DAILY_COUNTS_TABLE = """
SELECT source,
       (published_at + to_minutes(coalesce(published_offset, 0)))::DATE AS local_day,
       count(*) AS articles
FROM articles
WHERE published_at >= $first_day::TIMESTAMPTZ - INTERVAL 1 DAY
  AND published_at < $last_day::TIMESTAMPTZ + INTERVAL 2 DAY
  AND (published_at + to_minutes(coalesce(published_offset, 0)))::DATE
      BETWEEN $first_day AND $last_day
GROUP BY ALL
ORDER BY ALL
"""
VERSION_HISTORY_MACRO = "SELECT * FROM article_history($url)"
VERSION_HISTORY_TABLE = """
SELECT * FROM article_versions WHERE article_id = $article_id ORDER BY first_seen_at
"""
VERSION_HISTORY_OUTCOMES = """
SELECT o.run_id, r.started_at, o.reason, o.fetched_at, o.capture_id,
       a.version_hash AS current_version_hash
FROM url_outcomes AS o
JOIN runs AS r USING (run_id)
LEFT JOIN articles AS a ON a.article_id = o.article_id AND a.run_id = o.run_id
WHERE o.url = $url AND o.kind = 'article'
ORDER BY o.fetched_at
"""
TOP_CLUSTERS_VIEW = """
SELECT cluster_id, len(outlets) AS outlet_count, articles, first_title, first_published_at
FROM syndication_clusters
WHERE first_published_at >= $day AND first_published_at < $day + INTERVAL 1 DAY
ORDER BY outlet_count DESC, articles DESC, cluster_id
LIMIT 20
"""
TOP_CLUSTERS_TABLE = """
SELECT coalesce(cluster_id, article_id) AS story,
       count(DISTINCT source) AS outlets,
       count(*) AS articles,
       count(duplicate_of) AS exact_copies,
       min(published_at) AS first_published,
       arg_min(title, published_at) AS headline
FROM articles
WHERE published_at >= $day AND published_at < $day + INTERVAL 1 DAY
GROUP BY story
HAVING count(DISTINCT source) > 1
ORDER BY outlets DESC, articles DESC, story
LIMIT 20
"""
_STATS = """
SELECT
    (SELECT count(*) FROM articles) AS articles,
    (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL) AS exact_copies,
    (SELECT count(*) FROM url_outcomes) AS url_outcomes,
    (SELECT count(*) FROM captures) AS captures,
    (SELECT count(*) FROM runs) AS runs,
    (SELECT count(*) FROM (SELECT cluster_id FROM articles GROUP BY cluster_id
                           HAVING count(*) > 1)) AS shared_clusters,
    (SELECT max(n) FROM (SELECT count(*) AS n FROM articles GROUP BY cluster_id))
        AS largest_cluster,
    (SELECT max(n) FROM (SELECT count(*) AS n FROM url_outcomes
                         WHERE reason IN ('new', 'updated') GROUP BY article_id))
        AS most_versions
"""
_ANALYST_OBJECTS = """
SELECT table_name AS name FROM information_schema.tables
WHERE table_schema = 'main'
  AND table_name NOT IN ('articles', 'url_outcomes', 'captures', 'runs')
UNION
SELECT function_name || '()' FROM duckdb_functions()
WHERE function_type = 'table_macro' AND NOT internal
ORDER BY name
"""


@dataclass(frozen=True, kw_only=True)
class QueryTiming:
    """One query run QUERY_REPEATS times: what it asked, how long, how many rows."""

    name: str
    description: str
    seconds: tuple[float, ...]
    rows: int

    @property
    def median(self) -> float:
        """Return the median time."""
        return statistics.median(self.seconds)

    @property
    def worst(self) -> float:
        """Return the longest time."""
        return max(self.seconds)


@dataclass(frozen=True, kw_only=True)
class QueryFigures:
    """The query latencies, what the warehouse holds, and which analyst objects exist."""

    timings: tuple[QueryTiming, ...]
    stats: dict[str, int]
    analyst_objects: tuple[str, ...]
    """Views, tables and table macros beside the four base tables, if any."""


@dataclass(frozen=True, kw_only=True)
class QueryInputs:
    """What the queries ask about: a year, a day, an outlet, an article with versions."""

    first_day: date
    last_day: date
    day: datetime
    source: str
    article_id: str
    url: str


def query_phase(warehouse_path: Path, inputs: QueryInputs) -> QueryFigures:
    """Time the analyst queries on the published warehouse, opened read-only."""
    connection = open_reader(warehouse_path)
    try:
        # duckdb's Python client imports pandas at a process's first statement with
        # parameters (~1.2 s from a cold disk): the client's start-up, done before timing.
        connection.execute("SELECT $warm", {"warm": 0}).fetchall()
        objects = tuple(row[0] for row in connection.execute(_ANALYST_OBJECTS).fetchall())
        year = {"first_day": inputs.first_day, "last_day": inputs.last_day}
        span = f"{inputs.first_day} to {inputs.last_day}"
        timings = []
        if "daily_counts" in objects:
            timings.append(
                _time_query(
                    connection,
                    "daily counts by source, one year",
                    f"the `daily_counts` view (local day in the outlet's time zone from "
                    f"`sources`), all languages summed, {span}",
                    DAILY_COUNTS_VIEW,
                    year,
                )
            )
        else:
            timings.append(
                _time_query(
                    connection,
                    "daily counts by source, one year",
                    f"`articles` grouped by source and local day (published_at + "
                    f"published_offset; no daily_counts view), {span}",
                    DAILY_COUNTS_TABLE,
                    year,
                )
            )
        if "daily_counts()" in objects:
            timings.append(
                _time_query(
                    connection,
                    "daily counts of one source, one year",
                    f"the `daily_counts(source, first_day, last_day)` macro for "
                    f"{inputs.source}, {span}",
                    DAILY_COUNTS_MACRO,
                    {"source": inputs.source, **year},
                )
            )
        if "article_history()" in objects:
            timings.append(
                _time_query(
                    connection,
                    "version history of an article",
                    "the `article_history(url_or_id)` macro, by URL, for an article the "
                    "nightly run changed",
                    VERSION_HISTORY_MACRO,
                    {"url": inputs.url},
                )
            )
        elif "article_versions" in objects:
            timings.append(
                _time_query(
                    connection,
                    "version history of an article",
                    "`article_versions` rows of an article the nightly run changed",
                    VERSION_HISTORY_TABLE,
                    {"article_id": inputs.article_id},
                )
            )
        else:
            timings.append(
                _time_query(
                    connection,
                    "version history of an article",
                    "every run's outcome for the URL of an article the nightly run changed "
                    "(`url_outcomes` joined with `runs` and `articles`; no article_versions "
                    "table, so earlier versions' text lives only in the lake)",
                    VERSION_HISTORY_OUTCOMES,
                    {"url": inputs.url},
                )
            )
        day = f"{inputs.day:%Y-%m-%d}"
        if "syndication_clusters" in objects:
            timings.append(
                _time_query(
                    connection,
                    "top syndication clusters of a day",
                    f"the `syndication_clusters` view: clusters first published on {day} "
                    "(UTC), most outlets first, top 20",
                    TOP_CLUSTERS_VIEW,
                    {"day": inputs.day},
                )
            )
        else:
            timings.append(
                _time_query(
                    connection,
                    "top syndication clusters of a day",
                    f"`articles` published on {day} (UTC) grouped by `cluster_id`, stories "
                    "at 2+ outlets, most outlets first, top 20 (no syndication_clusters view)",
                    TOP_CLUSTERS_TABLE,
                    {"day": inputs.day},
                )
            )
        cursor = connection.execute(_STATS)
        names = [column[0] for column in cursor.description or ()]
        row = cursor.fetchone() or ()
        stats = {name: int(value or 0) for name, value in zip(names, row, strict=True)}
    finally:
        connection.close()
    return QueryFigures(timings=tuple(timings), stats=stats, analyst_objects=objects)


def _time_query(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    description: str,
    sql: str,
    parameters: dict[str, Any],
) -> QueryTiming:
    seconds = []
    rows = 0
    for _ in range(QUERY_REPEATS):
        start = time.perf_counter()
        rows = len(connection.execute(sql, parameters).fetchall())
        seconds.append(time.perf_counter() - start)
    return QueryTiming(name=name, description=description, seconds=tuple(seconds), rows=rows)


# The whole benchmark ------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Measured:
    """A phase's result and the peak RSS of the process that ran it."""

    generation: tuple[GeneratedLake, float]
    history: tuple[PublishFigures, float]
    history_last: tuple[PublishFigures, float]
    nightly: tuple[PublishFigures, float]
    single: tuple[LoadProfile, float]
    single_without_search: tuple[LoadProfile, float]
    queries: tuple[QueryFigures, float]
    lake_bytes: int
    replica_bytes: dict[str, int]
    load_averages: dict[str, float]
    """The machine's 1-minute load average as each phase ended (others share it)."""


def run_benchmark(work_dir: Path, shape: LakeShape) -> Measured:
    """Run every phase in its own process; return what each measured."""
    lake = work_dir / "lake"
    warehouse_path = work_dir / "warehouse.duckdb"
    _progress(f"generating {shape.articles:,} articles in {shape.runs} runs under {work_dir}")
    load_averages: dict[str, float] = {}
    generation = in_child(generate_phase, lake, shape)
    load_averages["generation"] = os.getloadavg()[0]
    commits = generation[0].commits
    _progress(f"generated in {generation[0].seconds:.0f} s; publishing {len(commits) - 2} runs")
    history = in_child(publish_phase, warehouse_path, lake, commits[:-2])
    load_averages["history"] = os.getloadavg()[0]
    _progress(f"history published in {history[0].seconds:.0f} s; publishing one more run")
    history_last = in_child(publish_phase, warehouse_path, lake, commits[-2:-1])
    load_averages["one more run"] = os.getloadavg()[0]
    # Every replica holds the nightly run once it is published (the standbys catch up):
    # the single loads run before, each on a copy of its own (one at a time, for disk).
    _progress(f"published in {history_last[0].seconds:.0f} s; single load_run on a copy")
    scratch = work_dir / "single-load.duckdb"
    commit_run(lake, commits[-1])
    singles = []
    for with_search in (True, False):
        copy_replica(history_last[0].replica, scratch)
        singles.append(in_child(single_load_phase, scratch, lake, commits[-1].run_id, with_search))
        load_averages["single load" + ("" if with_search else " without search")] = os.getloadavg()[
            0
        ]
        _progress(
            f"single load_run {'with' if with_search else 'without'} the search index "
            f"refresh in {singles[-1][0].seconds:.1f} s"
        )
    single, single_without_search = singles
    _progress("nightly publish")
    nightly = in_child(publish_phase, warehouse_path, lake, ())
    load_averages["nightly publish"] = os.getloadavg()[0]
    _progress(
        f"nightly published in {nightly[0].seconds_to_publish:.1f} s "
        f"({len(nightly[0].loaded_runs)} runs), whole call {nightly[0].seconds:.1f} s "
        f"({len(nightly[0].caught_up)} standbys caught up); queries"
    )
    article_id, url = generation[0].nightly_updated[0]
    last_day = (shape.end - timedelta(days=1)).date()
    inputs = QueryInputs(
        first_day=last_day - timedelta(days=364),
        last_day=last_day,
        day=(shape.end - timedelta(days=40)).replace(hour=0, minute=0, second=0, microsecond=0),
        source=generation[0].source_names[0],
        article_id=article_id,
        url=url,
    )
    queries = in_child(query_phase, warehouse_path, inputs)
    load_averages["queries"] = os.getloadavg()[0]
    replicas = {}
    for replica in replica_paths(warehouse_path):
        for path in (replica, replica.with_name(replica.name + ".wal")):
            if path.exists():
                replicas[path.name] = path.stat().st_size
    return Measured(
        generation=generation,
        history=history,
        history_last=history_last,
        nightly=nightly,
        single=single,
        single_without_search=single_without_search,
        queries=queries,
        lake_bytes=_disk_bytes(lake),
        replica_bytes=replicas,
        load_averages=load_averages,
    )


def _disk_bytes(folder: Path) -> int:
    # Space the files take on disk (allocated blocks), like du.
    return sum(path.stat().st_blocks * 512 for path in folder.rglob("*") if path.is_file())


# Report -------------------------------------------------------------------------------


def _mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _gb(size: float) -> str:
    return f"{size / 1e9:.2f} GB"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


def _versions() -> str:
    found = [f"Python {platform.python_version()}"]
    for name in PACKAGES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def _load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def report(
    command: str, shape: LakeShape, measured: Measured, load_before: str, wall_seconds: float
) -> list[str]:
    """Return the markdown lines of the benchmark's report."""
    generated, generation_rss = measured.generation
    history, history_rss = measured.history
    history_last, history_last_rss = measured.history_last
    nightly, nightly_rss = measured.nightly
    single, single_rss = measured.single
    bare, bare_rss = measured.single_without_search
    single_seconds = single.seconds + single.checkpoint_seconds
    bare_seconds = bare.seconds + bare.checkpoint_seconds
    search_seconds = single_seconds - bare_seconds
    queries, query_rss = measured.queries
    load_rss = max(history_rss, history_last_rss, nightly_rss, single_rss, bare_rss)
    published = measured.replica_bytes.get(nightly.replica.name, 0)
    nightly_new = shape.batch
    nightly_updates = len(generated.nightly_updated)
    lines = [
        f"## Warehouse benchmark ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {_cpu_model()}, {os.cpu_count()} cores, {_memory_gib():.0f} GiB RAM; "
        f"load average {load_before} before, {_load_average()} after "
        f"(1/5/15 min; the machine is shared; 1-min load as each phase ended: "
        + ", ".join(f"{name} {load:.2f}" for name, load in measured.load_averages.items())
        + f"). {_versions()}. "
        f"DuckDB's memory_limit: {memory_limit(read_only=False)} for the loader "
        f"(`{LOAD_MEMORY_LIMIT_VARIABLE}`), {memory_limit()} for the queries "
        f"(`{MEMORY_LIMIT_VARIABLE}`). "
        f"Whole benchmark: {wall_seconds / 60:.1f} min.",
        "",
        f"Data: {generated.new_articles:,} new articles from {shape.sources} outlets "
        f"published over {shape.days} days, in {shape.runs} runs of {shape.batch:,} "
        f"(the last one the nightly); {generated.syndicated_copies:,} syndicated copies "
        f"({generated.credited_copies:,} of them with a credit line: near, not exact, "
        f"duplicates); {generated.updated_versions:,} new versions of earlier articles "
        f"({nightly_updates:,} in the nightly run); text {generated.text_bytes_min:,}-"
        f"{generated.text_bytes_max:,} bytes, mean {generated.text_bytes_mean:,.0f}; "
        f"{generated.outcome_rows:,} url_outcomes rows (unchanged revisits, failures, feeds "
        f"too) and {generated.capture_rows:,} captures.",
        "",
        "| figure | value | target | met? |",
        "|---|---|---|---|",
        f"| nightly run ({nightly_new:,} new + {nightly_updates:,} updated) reaches readers: "
        f"`publish_runs` until the switch ({len(nightly.loaded_runs)} run(s) loaded into the "
        f"standby with their search index refresh, CHECKPOINT) | "
        f"**{nightly.seconds_to_publish:.1f} s** | < {NIGHTLY_TARGET_SECONDS:.0f} s (load "
        f"{LOAD_TARGET_SECONDS:.0f} s + search index {SEARCH_TARGET_SECONDS:.0f} s) | "
        f"{_mark(nightly.seconds_to_publish < NIGHTLY_TARGET_SECONDS)} |",
        f"| single `load_run` of the nightly run without the search index refresh (on a copy "
        f"of the replica holding every earlier run) | **{bare_seconds:.1f} s** (CHECKPOINT "
        f"{bare.checkpoint_seconds:.1f} s included) | < {LOAD_TARGET_SECONDS:.0f} s | "
        f"{_mark(bare_seconds < LOAD_TARGET_SECONDS)} |",
        f"| search index refresh's extra work: the same `load_run` with it, less without it "
        f"({single_seconds:.1f} s − {bare_seconds:.1f} s: the refresh and what it adds to "
        f"COMMIT and CHECKPOINT) | **{search_seconds:.1f} s** | < {SEARCH_TARGET_SECONDS:.0f} s "
        f"| {_mark(search_seconds < SEARCH_TARGET_SECONDS)} |",
        f"| single `load_run` of the nightly run as shipped, with the search index refresh "
        f"(CHECKPOINT {single.checkpoint_seconds:.1f} s included) | **{single_seconds:.1f} s** "
        f"| < {NIGHTLY_TARGET_SECONDS:.0f} s | "
        f"{_mark(single_seconds < NIGHTLY_TARGET_SECONDS)} |",
        f"| nightly `publish_runs` whole call (then {len(nightly.caught_up)} other standby(s) "
        f"caught up, after readers have the run) | {nightly.seconds:.1f} s | | |",
        f"| peak RSS, nightly publish process | **{nightly_rss:,.0f} MB** | "
        f"< {RSS_LIMIT_MB:,.0f} MB | {_mark(nightly_rss < RSS_LIMIT_MB)} |",
        f"| peak RSS, single load processes (with / without the search index) | "
        f"{single_rss:,.0f} MB / {bare_rss:,.0f} MB | < {RSS_LIMIT_MB:,.0f} MB | "
        f"{_mark(max(single_rss, bare_rss) < RSS_LIMIT_MB)} |",
        f"| peak RSS, history load process ({len(history.loaded_runs)} runs in one "
        f"connection) | {history_rss:,.0f} MB | < {RSS_LIMIT_MB:,.0f} MB | "
        f"{_mark(history_rss < RSS_LIMIT_MB)} |",
    ]
    for timing in queries.timings:
        ok = timing.worst < QUERY_TARGET_SECONDS
        lines.append(
            f"| query: {timing.name} ({timing.rows:,} rows), median / max of "
            f"{len(timing.seconds)} | **{timing.median * 1000:,.0f} ms** / "
            f"{timing.worst * 1000:,.0f} ms | < {QUERY_TARGET_SECONDS * 1000:,.0f} ms | "
            f"{_mark(ok)} |"
        )
    lines += [
        f"| history load: `publish_runs` of {len(history.loaded_runs)} runs, then of 1 more "
        f"(a second replica copied from the first; {len(history_last.caught_up)} standby(s) "
        f"caught up after) | {history.seconds:,.0f} s + "
        f"{history_last.seconds:,.0f} s = {history.seconds + history_last.seconds:,.0f} s "
        f"({history.seconds / max(1, len(history.loaded_runs)):.1f} s a run) | | |",
        f"| generation (of which Parquet writing and merging) | {generated.seconds:,.0f} s "
        f"({generated.write_seconds:,.0f} s) | | |",
        f"| peak RSS: generation / queries process | {generation_rss:,.0f} MB / "
        f"{query_rss:,.0f} MB | | |",
        f"| lake on disk | {_gb(measured.lake_bytes)} | | |",
        f"| published DuckDB file ({nightly.replica.name}) | {_gb(published)} | | |",
        "| warehouse replicas | "
        + ", ".join(f"{name} {_gb(size)}" for name, size in sorted(measured.replica_bytes.items()))
        + " | | |",
        "",
        f"Peak RSS of all loading processes: {load_rss:,.0f} MB "
        f"({_mark(load_rss < RSS_LIMIT_MB)} against {RSS_LIMIT_MB:,.0f} MB).",
        "",
    ]
    lines += _query_lines(queries)
    lines += _profile_lines(single)
    lines += _profile_lines(bare)
    return lines


def _query_lines(queries: QueryFigures) -> list[str]:
    stats = queries.stats
    lines = [
        "### Queries",
        "",
        "On the published replica opened with `open_reader` (read-only), each run "
        f"{QUERY_REPEATS} times in one connection (the first run is cold for that connection; "
        "one statement with a parameter runs before, as duckdb's Python client imports "
        "pandas at the first):",
        "",
    ]
    lines += [f"- **{t.name}**: {t.description}." for t in queries.timings]
    objects = ", ".join(f"`{name}`" for name in queries.analyst_objects) or "none"
    lines += [
        "",
        f"Views, tables and table macros beside the four base tables: {objects}.",
        "",
        f"Warehouse: {stats.get('articles', 0):,} articles ({stats.get('exact_copies', 0):,} "
        f"with `duplicate_of`), {stats.get('shared_clusters', 0):,} clusters of two or more "
        f"(largest {stats.get('largest_cluster', 0):,}), at most "
        f"{stats.get('most_versions', 0)} versions of one article; "
        f"{stats.get('url_outcomes', 0):,} url_outcomes, {stats.get('captures', 0):,} "
        f"captures, {stats.get('runs', 0)} runs.",
        "",
    ]
    return lines


PROFILE_ROWS = 20
"""Steps the load profile lists; the rest are summed in one row."""


def _profile_lines(single: LoadProfile) -> list[str]:
    rows = [
        (label, seconds, single.calls.get(label, 0)) for label, seconds in single.statements.items()
    ]
    rows += [(label, seconds, 0) for label, seconds in single.python.items()]
    accounted = sum(single.statements.values()) + sum(single.python.values())
    rows.append(("other Python in load_run and assign_clusters", single.seconds - accounted, 0))
    rows.sort(key=lambda row: row[1], reverse=True)
    shown, rest = rows[:PROFILE_ROWS], rows[PROFILE_ROWS:]
    lines = [
        f"### Where the single `load_run` ({single.run_id}) spends its time"
        + ("" if single.with_search else ", without the search index refresh"),
        "",
        "Each statement's execute and fetch, timed through a pass-through connection and "
        "counted under the warehouse function that ran it; `simhash` and `cluster_ids` "
        "timed by wrapping them in the loading process. DuckDB checkpoints by itself at "
        "COMMIT once the WAL passes `checkpoint_threshold` (16 MB by default), so COMMIT "
        "usually holds the checkpoint and the CHECKPOINT after it finds little to do.",
        "",
        "| step | seconds | share | statements |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {label} | {seconds:.2f} | {seconds / single.seconds:.1%} | {calls or ''} |"
        for label, seconds, calls in shown
    ]
    if rest:
        seconds = sum(row[1] for row in rest)
        lines.append(
            f"| {len(rest)} other steps | {seconds:.2f} | {seconds / single.seconds:.1%} | "
            f"{sum(row[2] for row in rest)} |"
        )
    lines += [
        f"| **load_run total** | **{single.seconds:.2f}** | 100% | {sum(single.calls.values())} |",
        f"| CHECKPOINT after it | {single.checkpoint_seconds:.2f} | | 1 |",
        "",
    ]
    return lines


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.warehouse_bench", description=__doc__)
    defaults = LakeShape()
    parser.add_argument("--articles", type=int, default=defaults.articles)
    parser.add_argument("--sources", type=int, default=defaults.sources)
    parser.add_argument("--days", type=int, default=defaults.days)
    parser.add_argument("--batch", type=int, default=defaults.batch, help="new articles per run")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument(
        "--work-dir",
        type=Path,
        help="an empty or new folder for the lake and warehouse (default: a temporary one); "
        "its contents are removed at the end unless --keep",
    )
    parser.add_argument("--keep", action="store_true", help="keep the lake and warehouse")
    parser.add_argument(
        "--out", type=Path, help="append the markdown report to this file (default: stdout)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write its report; return the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(arguments)
    shape = LakeShape(
        articles=args.articles,
        sources=args.sources,
        days=args.days,
        batch=args.batch,
        seed=args.seed,
        part_rows=min(LakeShape.part_rows, args.batch),
    )
    if shape.runs < 3:
        raise SystemExit("--articles must be at least three times --batch")
    work_dir = args.work_dir or Path(tempfile.mkdtemp(prefix="warehouse-bench-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    if any(work_dir.iterdir()):
        raise SystemExit(f"{work_dir} is not empty")
    command = shlex.join(["python", "-m", "bench.warehouse_bench", *arguments])
    load_before = _load_average()
    start = time.perf_counter()
    try:
        measured = run_benchmark(work_dir, shape)
    finally:
        if not args.keep:
            for child in work_dir.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            if args.work_dir is None:
                work_dir.rmdir()
    lines = report(command, shape, measured, load_before, time.perf_counter() - start)
    text = "\n".join(lines) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return 0


if __name__ == "__main__":
    # Through the package module, so the child processes and pickled results name
    # bench.warehouse_bench rather than __main__.
    from bench import warehouse_bench

    raise SystemExit(warehouse_bench.main())
