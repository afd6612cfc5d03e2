"""Full-text search benchmark: index build, nightly refresh and query latency at scale.

    python -m bench.search_bench --articles 1000000 --refresh 50000 --work-dir /tmp/sb

Phases, each in a spawned child process, so ``ru_maxrss`` is that phase's peak RSS:

1. **generate**: ``--articles`` synthetic articles in eleven languages
   (`bench.search_corpus`), written as Parquet chunks, then the night's ``--refresh`` new
   articles and ``--updates`` new versions of existing ones; chunks already in the work
   folder (a run with ``--keep``) are reused;
2. **build**: the articles loaded into a fresh warehouse (``ensure_schema``), then the
   whole index built by one `refresh_search_index`, as for a warehouse that predates
   search; build time, the file's growth and each search table's size;
3. **nightly**: the new articles inserted and the updated ones changed in one
   transaction, then `refresh_search_index` in that same transaction with the ids of the
   night's articles, as the loader runs it; its time is the refresh's extra work (target
   < 60 s), timed statement by statement;
4. **queries** (read-only, as an analyst opens the file): ``--queries`` searches through
   ``search_articles`` (top 10): single words of three frequencies, numbers, two words,
   phrases cut from the texts, OR, NOT, AND with OR, CJK words; a third with a date range,
   a ninth with five sources. One warm-up pass over all, then each timed once (target
   p95 < 1 s).

Every connection is opened by ``open_warehouse`` with the warehouse's own memory limit
unless ``--memory-limit`` names another. Target for every phase's peak RSS: < 4 GB.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar, cast

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from bench.search_corpus import LANGUAGES, CorpusShape, SyntheticCorpus
from bench.warehouse_bench import (
    StatementTimes,
    TimedConnection,
    in_child,
    max_rss_mb,
    warehouse_caller,
)
from warehouse.connection import open_warehouse
from warehouse.ddl import ensure_schema
from warehouse.search.index import refresh_search_index

REFRESH_TARGET_SECONDS = 60.0
P95_TARGET_SECONDS = 1.0
RSS_LIMIT_MB = 4096.0
CHUNK = 50_000
"""Articles per Parquet file of the corpus."""
MEASURED_TABLES = ("search_postings", "search_docs", "search_terms", "search_stale")
PROFILE_ROWS = 14
PACKAGES = ("duckdb", "pyarrow", "numpy")
T = TypeVar("T")
DATABASE_NAME = "search-bench.duckdb"
MEMORY_LIMIT = re.compile(r"\d+(\.\d+)? ?[KMGT]i?B", re.IGNORECASE)


PhaseRunner = Callable[..., tuple[Any, float]]
"""Runs a phase's function with its arguments; returns its result and a peak RSS in MB."""


def in_process(function: Callable[..., T], *arguments: Any) -> tuple[T, float]:
    """Run a phase in this process (quick, for tests): the peak RSS is this process's."""
    return function(*arguments), max_rss_mb()


def cpu_seconds() -> float:
    """Return the CPU time (user + system) of this process so far, every thread counted."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _progress(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _connect(
    path: Path, memory_limit: str | None, *, read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    connection = open_warehouse(path, read_only=read_only)
    if memory_limit:
        # SET takes no parameters: the value is checked instead.
        if not MEMORY_LIMIT.fullmatch(memory_limit):
            raise ValueError(f"not a DuckDB memory limit: {memory_limit!r}")
        connection.execute(f"SET memory_limit = '{memory_limit}'")
    connection.execute("SET enable_progress_bar = false")
    return connection


def _memory_limit_setting(connection: duckdb.DuckDBPyConnection) -> str:
    row = connection.execute("SELECT current_setting('memory_limit')").fetchone()
    return str(row[0]) if row else "unknown"


# Phase 1: the corpus ------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CorpusFiles:
    """The corpus's Parquet files and how long writing them took."""

    base: tuple[str, ...]
    new: tuple[str, ...]
    updates: str
    seconds: float
    written: int
    """Files written by this run (the others were already there)."""


def generate_phase(
    folder: Path, corpus: SyntheticCorpus, articles: int, refresh: int, updates: int
) -> CorpusFiles:
    """Write the base, new and updated articles as Parquet (missing files only)."""
    started = time.perf_counter()
    shape = corpus.shape
    folder.mkdir(parents=True, exist_ok=True)
    written = 0

    def chunks(first: int, last: int) -> tuple[str, ...]:
        nonlocal written
        paths = []
        for start in range(first, last, CHUNK):
            count = min(CHUNK, last - start)
            path = folder / f"articles-{start:08d}-{count}.parquet"
            if not path.exists():
                pq.write_table(corpus.chunk(start, count), path)
                written += 1
            paths.append(str(path))
        return tuple(paths)

    base = chunks(0, articles)
    new = chunks(articles, articles + refresh)
    updates_path = folder / f"revisions-{articles}-{updates}.parquet"
    if not updates_path.exists():
        # New versions of articles spread over the base: a new headline and a paragraph
        # more, in the article's language.
        rng = np.random.default_rng(shape.seed + 1)
        changed = np.sort(rng.choice(articles, updates, replace=False))
        originals = pa.concat_tables(
            pq.read_table(path, columns=["article_id", "language", "title", "text"]).take(
                pa.array(changed[(changed >= first) & (changed < first + CHUNK)] - first)
            )
            for first, path in zip(range(0, articles, CHUNK), base, strict=True)
        )
        pq.write_table(corpus.revised(originals, shape.seed + 2), updates_path)
        written += 1
    return CorpusFiles(
        base=base,
        new=new,
        updates=str(updates_path),
        seconds=time.perf_counter() - started,
        written=written,
    )


# Phase 2: the build -------------------------------------------------------------------

_INSERT_ARTICLES = """
INSERT INTO articles BY NAME
SELECT article_id, url, source, title, []::VARCHAR[] AS authors, published_at, language, text,
       length(text) // 6 AS word_count, article_id AS content_hash, 'v1' AS version_hash,
       'search-bench/1' AS extractor_version, []::VARCHAR[] AS tags,
       now() AS first_seen_at, now() AS updated_at, 'bench' AS run_id
FROM read_parquet($paths)
"""
_UPDATE_ARTICLES = """
UPDATE articles SET title = u.title, text = u.text, version_hash = 'v2', updated_at = now()
FROM read_parquet($path) AS u WHERE articles.article_id = u.article_id
"""


@dataclass(frozen=True, kw_only=True)
class BuildFigures:
    """Loading the base articles and building the whole index over them."""

    load_seconds: float
    index_seconds: float
    index_cpu_seconds: float
    checkpoint_seconds: float
    indexed: int
    file_before: int
    file_after: int
    table_bytes: dict[str, int]
    table_rows: dict[str, int]
    memory_limit: str


def _table_bytes(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    row = connection.execute(
        "SELECT count(DISTINCT block_id) * (SELECT block_size FROM pragma_database_size()) "
        "FROM pragma_storage_info($table) WHERE block_id IS NOT NULL AND block_id >= 0",
        {"table": table},
    ).fetchone()
    return int(row[0]) if row and row[0] else 0


def _table_rows(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def build_phase(database: Path, paths: Sequence[str], memory_limit: str | None) -> BuildFigures:
    """Load the base articles, then build the whole index in one refresh."""
    connection = _connect(database, memory_limit)
    ensure_schema(connection)
    started = time.perf_counter()
    for start in range(0, len(paths), 4):
        connection.execute(_INSERT_ARTICLES, {"paths": list(paths[start : start + 4])})
    connection.execute("CHECKPOINT")
    load_seconds = time.perf_counter() - started
    file_before = database.stat().st_size
    started, cpu_started = time.perf_counter(), cpu_seconds()
    connection.execute("BEGIN TRANSACTION")
    refresh = refresh_search_index(connection)
    connection.execute("COMMIT")
    index_seconds = time.perf_counter() - started
    index_cpu_seconds = cpu_seconds() - cpu_started
    started = time.perf_counter()
    connection.execute("CHECKPOINT")
    checkpoint_seconds = time.perf_counter() - started
    figures = BuildFigures(
        load_seconds=load_seconds,
        index_seconds=index_seconds,
        index_cpu_seconds=index_cpu_seconds,
        checkpoint_seconds=checkpoint_seconds,
        indexed=refresh.indexed,
        file_before=file_before,
        file_after=database.stat().st_size,
        table_bytes={t: _table_bytes(connection, t) for t in MEASURED_TABLES},
        table_rows={t: _table_rows(connection, t) for t in MEASURED_TABLES},
        memory_limit=_memory_limit_setting(connection),
    )
    connection.close()
    return figures


# Phase 3: the nightly refresh ---------------------------------------------------------


class TimedInsert:
    """A relation over Arrow data whose ``insert_into`` is timed."""

    def __init__(self, relation: duckdb.DuckDBPyRelation, times: StatementTimes) -> None:
        self._relation = relation
        self._times = times
        self._caller = warehouse_caller()

    def insert_into(self, table_name: str) -> None:
        """Insert the relation's rows into a table, as DuckDBPyRelation.insert_into does."""
        started = time.perf_counter()
        try:
            self._relation.insert_into(table_name)
        finally:
            label = f"{self._caller}: INSERT INTO {table_name} (Arrow)"
            self._times.add(label, time.perf_counter() - started)


class TimedCursors(TimedConnection):
    """A timed connection whose cursors (the refresh tokenises in one) count their
    statements under the same labels, and whose inserts from Arrow are timed too."""

    def cursor(self) -> TimedConnection:
        """Return a timed cursor sharing this connection's times."""
        timed = TimedCursors(self.__getattr__("cursor")())
        timed.times = self.times
        return timed

    def from_arrow(self, data: object) -> TimedInsert:
        """Return a relation over Arrow data, as DuckDBPyConnection.from_arrow does."""
        return TimedInsert(self.__getattr__("from_arrow")(data), self.times)


@dataclass(frozen=True, kw_only=True)
class NightlyFigures:
    """The night's articles written, the index refreshed in their transaction, committed."""

    articles_seconds: float
    refresh_seconds: float
    refresh_cpu_seconds: float
    commit_seconds: float
    indexed: int
    removed: int
    purged: int
    file_after: int
    statements: dict[str, float]
    calls: dict[str, int]


def nightly_phase(
    database: Path, new_paths: Sequence[str], updates_path: str, memory_limit: str | None
) -> NightlyFigures:
    """Insert a night's new articles, update some, refresh in the same transaction."""
    connection = _connect(database, memory_limit)
    ensure_schema(connection)
    connection.execute("BEGIN TRANSACTION")
    started = time.perf_counter()
    connection.execute(_INSERT_ARTICLES, {"paths": list(new_paths)})
    connection.execute(_UPDATE_ARTICLES, {"path": updates_path})
    articles_seconds = time.perf_counter() - started
    # As load_run passes them: the ids of the articles the night brought.
    touched = [
        str(row[0])
        for row in connection.execute(
            "SELECT article_id FROM read_parquet($paths) UNION ALL "
            "SELECT article_id FROM read_parquet($path)",
            {"paths": list(new_paths), "path": updates_path},
        ).fetchall()
    ]
    timed = TimedCursors(connection)
    started, cpu_started = time.perf_counter(), cpu_seconds()
    refresh = refresh_search_index(cast(duckdb.DuckDBPyConnection, timed), touched)
    refresh_seconds = time.perf_counter() - started
    refresh_cpu_seconds = cpu_seconds() - cpu_started
    started = time.perf_counter()
    connection.execute("COMMIT")
    connection.execute("CHECKPOINT")
    commit_seconds = time.perf_counter() - started
    times: StatementTimes = timed.times
    figures = NightlyFigures(
        articles_seconds=articles_seconds,
        refresh_seconds=refresh_seconds,
        refresh_cpu_seconds=refresh_cpu_seconds,
        commit_seconds=commit_seconds,
        indexed=refresh.indexed,
        removed=refresh.removed,
        purged=refresh.purged_postings,
        file_after=database.stat().st_size,
        statements=dict(times.seconds),
        calls=dict(times.calls),
    )
    connection.close()
    return figures


# Phase 4: the queries -----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class BenchQuery:
    """One benchmark search: its kind, its filter and the search_articles arguments."""

    kind: str
    filter: str
    query: str
    from_date: str | None = None
    to_date: str | None = None
    sources: tuple[str, ...] | None = None


@dataclass(frozen=True, kw_only=True)
class QueryTiming:
    """One timed search: seconds and rows returned (at most 10)."""

    query: BenchQuery
    seconds: float
    hits: int


@dataclass(frozen=True, kw_only=True)
class QueryFigures:
    """Every search timed, and a search_counts call."""

    timings: tuple[QueryTiming, ...]
    counts_seconds: float
    counts_rows: int


_SEARCH = (
    "SELECT * FROM search_articles($query, from_date := $from_date, to_date := $to_date, "
    "sources := $sources, max_results := 10)"
)


def query_phase(
    database: Path, queries: Sequence[BenchQuery], memory_limit: str | None
) -> QueryFigures:
    """Run every query once to warm up, then once timed (read-only)."""
    connection = _connect(database, memory_limit, read_only=True)

    def run(query: BenchQuery) -> int:
        parameters = {
            "query": query.query,
            "from_date": query.from_date,
            "to_date": query.to_date,
            "sources": list(query.sources) if query.sources else None,
        }
        return len(connection.execute(_SEARCH, parameters).fetchall())

    for query in queries:
        run(query)
    timings = []
    for query in queries:
        started = time.perf_counter()
        hits = run(query)
        timings.append(QueryTiming(query=query, seconds=time.perf_counter() - started, hits=hits))
    started = time.perf_counter()
    counts = connection.execute("SELECT * FROM search_counts($q)", {"q": queries[0].query})
    counts_rows = len(counts.fetchall())
    counts_seconds = time.perf_counter() - started
    connection.close()
    return QueryFigures(
        timings=tuple(timings), counts_seconds=counts_seconds, counts_rows=counts_rows
    )


def make_queries(
    corpus: SyntheticCorpus, sample: pa.Table, count: int, seed: int
) -> list[BenchQuery]:
    """Return ``count`` searches as analysts write them: the words of one query in one
    language; phrases cut from real texts; a third with dates, a ninth with sources."""
    rng = np.random.default_rng(seed)
    shape = corpus.shape
    texts = [str(t) for t in sample.column("text").to_pylist()]
    languages = [str(code) for code in sample.column("language").to_pylist()]
    spaced = [i for i, language in enumerate(LANGUAGES) if language.spaced]
    shares = np.array([LANGUAGES[i].share for i in spaced])
    spaced_rows = [row for row, code in enumerate(languages) if code not in ("ja", "zh")]

    def words(*ranks: tuple[int, int]) -> list[str]:
        vocabulary = corpus.vocabularies[int(rng.choice(spaced, p=shares / shares.sum()))]
        return [
            vocabulary.words[int(rng.integers(low, min(high, vocabulary.size)))]
            for low, high in ranks
        ]

    def phrase(length: int) -> str:
        text = texts[spaced_rows[int(rng.integers(len(spaced_rows)))]]
        tokens = [w.strip(".") for w in text.split()]
        start = int(rng.integers(0, max(1, len(tokens) - length)))
        return '"' + " ".join(tokens[start : start + length]) + '"'

    def cjk() -> str:
        cjk_vocabularies = [v for v in corpus.vocabularies if not v.language.spaced]
        vocabulary = cjk_vocabularies[int(rng.integers(len(cjk_vocabularies)))]
        candidates = [w for w in vocabulary.words[:300] if len(w) == 2]
        return candidates[int(rng.integers(len(candidates)))]

    def joined(template: str, *ranks: tuple[int, int]) -> str:
        return template.format(*words(*ranks))

    makers: tuple[tuple[str, Callable[[], str]], ...] = (
        ("common word", lambda: joined("{}", (30, 300))),
        ("mid word", lambda: joined("{}", (300, 3000))),
        ("rare word", lambda: joined("{}", (3000, 20000))),
        ("number", lambda: str(int(rng.integers(1990, 2027)))),
        ("two words", lambda: joined("{} {}", (100, 3000), (100, 3000))),
        ("phrase of 2", lambda: phrase(2)),
        ("phrase of 3", lambda: phrase(3)),
        ("OR", lambda: joined("{} OR {}", (300, 5000), (300, 5000))),
        ("NOT", lambda: joined("{} NOT {}", (100, 2000), (30, 300))),
        ("AND, OR", lambda: joined("{} {} OR {}", (30, 1000), (300, 3000), (300, 3000))),
        ("CJK word", cjk),
    )
    queries = []
    for number in range(count):
        kind, make = makers[number % len(makers)]
        text = make()
        if number % 3 == 1:
            days = int(rng.integers(7, 120))
            start = shape.end.date() - timedelta(days=int(rng.integers(days, shape.days)))
            queries.append(
                BenchQuery(
                    kind=kind,
                    filter="dates",
                    query=text,
                    from_date=str(start),
                    to_date=str(start + timedelta(days=days)),
                )
            )
        elif number % 9 == 2:
            chosen = rng.choice(len(corpus.sources), 5, replace=False)
            queries.append(
                BenchQuery(
                    kind=kind,
                    filter="sources",
                    query=text,
                    sources=tuple(corpus.sources[int(i)] for i in chosen),
                )
            )
        else:
            queries.append(BenchQuery(kind=kind, filter="none", query=text))
    return queries


# The run and its report ---------------------------------------------------------------


@dataclass(kw_only=True)
class Measured:
    """Every phase's figures, peak RSS (MB) and the 1-minute load average as it ended."""

    corpus: CorpusFiles
    build: BuildFigures
    nightly: NightlyFigures
    queries: QueryFigures
    peak_rss: dict[str, float]
    load_averages: dict[str, float]
    base_articles: int
    mean_text_bytes: float
    wall_seconds: float = 0.0


def run_benchmark(
    work_dir: Path,
    shape: CorpusShape,
    *,
    articles: int,
    refresh: int,
    updates: int,
    queries: int,
    memory_limit: str | None,
    run_phase: PhaseRunner = in_child,
) -> Measured:
    """Run the four phases, each in a child process unless ``run_phase`` says otherwise;
    return what they measured."""
    database = work_dir / DATABASE_NAME
    rss: dict[str, float] = {}
    loads: dict[str, float] = {}

    def phase(name: str, function: Callable[..., object], *arguments: object) -> object:
        _progress(f"{name} ...")
        result, rss[name] = run_phase(function, *arguments)
        loads[name] = os.getloadavg()[0]
        return result

    corpus = SyntheticCorpus(shape)
    files = cast(
        CorpusFiles,
        phase(
            "generate",
            generate_phase,
            work_dir / f"corpus-{shape.seed}",
            corpus,
            articles,
            refresh,
            updates,
        ),
    )
    built = cast(BuildFigures, phase("build", build_phase, database, files.base, memory_limit))
    night = cast(
        NightlyFigures,
        phase("nightly", nightly_phase, database, files.new, files.updates, memory_limit),
    )
    sample = pq.read_table(files.base[-1], columns=["language", "text"])
    sample = sample.slice(0, min(2000, sample.num_rows))
    searches = make_queries(corpus, sample, queries, shape.seed)
    answered = cast(QueryFigures, phase("queries", query_phase, database, searches, memory_limit))
    return Measured(
        corpus=files,
        build=built,
        nightly=night,
        queries=answered,
        peak_rss=rss,
        load_averages=loads,
        base_articles=sum(pq.ParquetFile(p).metadata.num_rows for p in files.base),
        mean_text_bytes=float(pc.mean(pc.binary_length(sample.column("text"))).as_py()),
    )


def percentile(values: Sequence[float], share: float) -> float:
    """Return the nearest-rank percentile (share 0.95 of 100 values: the 95th smallest)."""
    ordered = sorted(values)
    rank = max(1, int(np.ceil(share * len(ordered))))
    return ordered[rank - 1]


def _mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _mib(size: float) -> str:
    return f"{size / 2**20:,.0f} MiB"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


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
    command: str, measured: Measured, load_before: str, *, refresh: int, updates: int
) -> list[str]:
    """Return the Markdown lines of the benchmark's report."""
    build, night, answered = measured.build, measured.nightly, measured.queries
    latencies = [t.seconds for t in answered.timings]
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    rss_rows = [
        f"| peak RSS, {name} process | **{rss:,.0f} MB** | < {RSS_LIMIT_MB:,.0f} MB | "
        f"{_mark(rss < RSS_LIMIT_MB)} |"
        for name, rss in measured.peak_rss.items()
        if name != "generate"
    ]
    lines = [
        f"## Search benchmark ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {_cpu_model()}, {os.cpu_count()} cores; load average {load_before} "
        f"before, {_load_average()} after (1/5/15 min; the machine is shared; 1-min load as "
        "each phase ended: "
        + ", ".join(f"{name} {load:.2f}" for name, load in measured.load_averages.items())
        + f"). {_versions()}. DuckDB memory_limit {build.memory_limit}. "
        f"Whole benchmark: {measured.wall_seconds / 60:.1f} min.",
        "",
        f"Data: {measured.base_articles:,} articles in {len(LANGUAGES)} languages "
        f"({', '.join(f'{lang.code} {lang.share:.0%}' for lang in LANGUAGES)}), mean text "
        f"{measured.mean_text_bytes:,.0f} bytes; the night brings {refresh:,} new articles "
        f"and new versions of {updates:,} earlier ones.",
        "",
        "| figure | value | target | met? |",
        "|---|---|---|---|",
        f"| nightly refresh: `refresh_search_index` in the load's transaction "
        f"({night.indexed:,} versions indexed, {night.removed:,} replaced) | "
        f"**{night.refresh_seconds:.1f} s** (CPU {night.refresh_cpu_seconds:.0f} s) | "
        f"< {REFRESH_TARGET_SECONDS:.0f} s | "
        f"{_mark(night.refresh_seconds < REFRESH_TARGET_SECONDS)} |",
        f"| query latency, p50 / **p95** of {len(latencies)} searches (top 10) | "
        f"{p50 * 1000:,.0f} ms / **{p95 * 1000:,.0f} ms** | p95 < "
        f"{P95_TARGET_SECONDS * 1000:,.0f} ms | {_mark(p95 < P95_TARGET_SECONDS)} |",
        *rss_rows,
        f"| index build: one refresh over {build.indexed:,} articles (+ CHECKPOINT) | "
        f"{build.index_seconds:,.0f} s (CPU {build.index_cpu_seconds:,.0f} s; + "
        f"{build.checkpoint_seconds:,.0f} s) | | |",
        f"| index size: the file's growth ({_mib(build.file_before)} of articles before) | "
        f"{_mib(build.file_after - build.file_before)} | | |",
        *(
            f"| — {table}: {build.table_rows[table]:,} rows | "
            f"{_mib(build.table_bytes[table])} | | |"
            for table in MEASURED_TABLES
        ),
        f"| slowest search / search_counts of the first ({answered.counts_rows:,} rows) | "
        f"{max(latencies) * 1000:,.0f} ms / {answered.counts_seconds * 1000:,.0f} ms | | |",
        f"| night's articles written / COMMIT + CHECKPOINT after the refresh | "
        f"{night.articles_seconds:.1f} s / {night.commit_seconds:.1f} s | | |",
        f"| generation ({measured.corpus.written} files written) / base articles loaded | "
        f"{measured.corpus.seconds:,.0f} s / {build.load_seconds:,.0f} s | | |",
        f"| peak RSS, generate process | {measured.peak_rss.get('generate', 0):,.0f} MB | | |",
        "",
    ]
    lines += _latency_lines(answered)
    lines += _profile_lines(night)
    lines += _query_lines(answered)
    return lines


def _latency_lines(answered: QueryFigures) -> list[str]:
    lines = [
        "### Latency by kind of search",
        "",
        "| kind | searches | p50 ms | p95 ms | max ms | mean hits (of 10) |",
        "|---|---|---|---|---|---|",
    ]
    groups: dict[str, list[QueryTiming]] = {}
    for timing in answered.timings:
        groups.setdefault(timing.query.kind, []).append(timing)
    for timing in answered.timings:
        groups.setdefault(f"filter: {timing.query.filter}", []).append(timing)
    for name, timings in groups.items():
        seconds = [t.seconds for t in timings]
        lines.append(
            f"| {name} | {len(timings)} | {percentile(seconds, 0.5) * 1000:,.0f} | "
            f"{percentile(seconds, 0.95) * 1000:,.0f} | {max(seconds) * 1000:,.0f} | "
            f"{sum(t.hits for t in timings) / len(timings):.1f} |"
        )
    return [*lines, ""]


def _profile_lines(night: NightlyFigures) -> list[str]:
    rows = sorted(night.statements.items(), key=lambda item: item[1], reverse=True)
    shown, rest = rows[:PROFILE_ROWS], rows[PROFILE_ROWS:]
    total = night.refresh_seconds
    lines = [
        "### Where the nightly refresh spends its time",
        "",
        "Each statement's execute and fetch, counted under the function that ran it.",
        "",
        "| statement | seconds | share | calls |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {label.replace('|', '/')} | {seconds:.2f} | {seconds / total:.0%} | "
        f"{night.calls.get(label, 0)} |"
        for label, seconds in shown
    ]
    if rest:
        seconds = sum(s for _, s in rest)
        lines.append(f"| {len(rest)} other statements | {seconds:.2f} | {seconds / total:.0%} | |")
    accounted = sum(night.statements.values())
    lines += [
        f"| Python between statements | {total - accounted:.2f} | "
        f"{(total - accounted) / total:.0%} | |",
        f"| **refresh_search_index** | **{total:.2f}** | 100% | {sum(night.calls.values())} |",
        "",
    ]
    return lines


def _query_lines(answered: QueryFigures) -> list[str]:
    lines = [
        "<details><summary>Every search</summary>",
        "",
        "| kind | filter | query | ms | hits |",
        "|---|---|---|---|---|",
    ]
    for timing in answered.timings:
        query = timing.query
        where = ""
        if query.filter == "dates":
            where = f"{query.from_date} to {query.to_date}"
        elif query.sources:
            where = f"{len(query.sources)} sources"
        lines.append(
            f"| {query.kind} | {where} | `{query.query.replace('|', '/')}` | "
            f"{timing.seconds * 1000:,.0f} | {timing.hits} |"
        )
    return [*lines, "", "</details>", ""]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.search_bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=1_000_000, help="base articles")
    parser.add_argument("--refresh", type=int, default=50_000, help="the night's new articles")
    parser.add_argument(
        "--updates", type=int, default=2_000, help="the night's new versions of base articles"
    )
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument(
        "--memory-limit", help="DuckDB memory_limit (default: the warehouse's own setting)"
    )
    parser.add_argument(
        "--work-dir", type=Path, help="where the corpus and the database go (default: a temp dir)"
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the corpus and the database (a rerun reuses the corpus)",
    )
    parser.add_argument("--out", type=Path, help="append the report to this file")
    parser.add_argument("--seed", type=int, default=CorpusShape().seed)
    return parser


def _remove(work_dir: Path, seed: int) -> None:
    for path in (
        work_dir / DATABASE_NAME,
        work_dir / f"{DATABASE_NAME}.wal",
        work_dir / f"{DATABASE_NAME}.tmp",
        work_dir / f"corpus-{seed}",
    ):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None, *, run_phase: PhaseRunner = in_child) -> int:
    """Run the benchmark and write its report (to ``--out``, else stdout); return 0.

    ``run_phase`` runs each phase (a spawned child by default; `in_process` for tests).
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(arguments)
    if args.updates > args.articles:
        raise SystemExit("--updates cannot exceed --articles")
    work_dir: Path = args.work_dir or Path(tempfile.mkdtemp(prefix="search-bench-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    # A database left by an earlier run would not be fresh; a corpus is reused.
    for stale in (DATABASE_NAME, f"{DATABASE_NAME}.wal"):
        (work_dir / stale).unlink(missing_ok=True)
    command = shlex.join(["python", "-m", "bench.search_bench", *arguments])
    load_before = _load_average()
    started = time.perf_counter()
    try:
        measured = run_benchmark(
            work_dir,
            CorpusShape(seed=args.seed),
            articles=args.articles,
            refresh=args.refresh,
            updates=args.updates,
            queries=args.queries,
            memory_limit=args.memory_limit,
            run_phase=run_phase,
        )
    finally:
        if not args.keep:
            _remove(work_dir, args.seed)
            if args.work_dir is None:
                work_dir.rmdir()
    measured.wall_seconds = time.perf_counter() - started
    text = (
        "\n".join(
            report(command, measured, load_before, refresh=args.refresh, updates=args.updates)
        )
        + "\n"
    )
    if args.out is None:
        sys.stdout.write(text)
    else:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return 0


if __name__ == "__main__":
    # Through the package module, so the child processes and pickled results name
    # bench.search_bench rather than __main__.
    from bench import search_bench

    raise SystemExit(search_bench.main())
