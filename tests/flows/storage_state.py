"""What a data folder holds, as crash tests compare it: the warehouse's rows without run ids
and timestamps, and the checks that nothing a reader can see is partial or locked.

Runs are named by their order (1, 2, ...) instead of their ids, so that the warehouse of an
interrupted history compares with that of an uninterrupted one.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections import Counter
from contextlib import suppress
from pathlib import Path

import pyarrow.parquet as pq
from warcio.archiveiterator import ArchiveIterator

from warehouse.captures import read_capture
from warehouse.lake import COMMITS_DIR, committed_run_ids, read_commit
from warehouse.published import open_reader, replica_folder

# Per table: the SQL of its comparable rows. `r(x)` names the run x by its order.
_COMPARED = {
    "runs": """
        SELECT r(run_id), flow, config_sha256, urls_touched, articles_new, articles_updated,
               articles_unchanged, skipped, failed FROM runs""",
    "articles": """
        SELECT * EXCLUDE (run_id, first_seen_at, updated_at, capture_id) FROM articles""",
    "article_versions": """
        SELECT * EXCLUDE (capture_id, first_seen_at, last_seen_at, first_run_id, last_run_id,
                          returned_at),
               r(first_run_id), r(last_run_id), returned_at IS NULL FROM article_versions""",
    "url_outcomes": """
        SELECT * EXCLUDE (run_id, fetched_at, capture_id), r(run_id), capture_id IS NULL
        FROM url_outcomes""",
    "captures": """
        SELECT r(run_id), source, url, final_url, status, content_type, payload_digest
        FROM captures""",
    "sources": """
        SELECT * EXCLUDE (first_run_id, first_run_at, last_run_id, last_run_at),
               r(first_run_id), r(last_run_id) FROM sources""",
    "search_docs": """
        SELECT article_id, version_hash, stemmer, title_length, length, source, published_at
        FROM search_docs""",
    "search_postings": """
        SELECT d.article_id, t.term, p.title_tf, p.text_tf, p.positions
        FROM search_postings AS p JOIN search_docs AS d USING (doc_id)
        JOIN search_terms AS t USING (term_id)""",
    "search_terms": "SELECT term FROM search_terms",
    "search_stale": "SELECT doc_id FROM search_stale",
}

State = dict[str, Counter[str]]


def warehouse_state(warehouse: Path) -> State:
    """Return every compared table of the published warehouse as a multiset of JSON rows."""
    connection = open_reader(warehouse)
    try:
        run_ids = [row[0] for row in connection.execute("SELECT run_id FROM runs").fetchall()]
        order = {run_id: number for number, run_id in enumerate(sorted(run_ids), start=1)}
        connection.execute(
            "CREATE TEMP TABLE run_order AS SELECT unnest($ids) AS run_id, "
            "unnest($numbers) AS number",
            {"ids": list(order), "numbers": list(order.values())},
        )
        connection.execute(
            "CREATE TEMP MACRO r(x) AS (SELECT number FROM run_order WHERE run_id = x)"
        )
        state: State = {}
        for table, sql in _COMPARED.items():
            rows = connection.execute(f"SELECT to_json(q)::VARCHAR FROM ({sql}) AS q").fetchall()
            state[table] = Counter(row[0] for row in rows)
        return state
    finally:
        connection.close()


def state_differences(actual: State, expected: State, *, shown: int = 3) -> list[str]:
    """Return one line per table whose rows differ, with a few rows each way."""
    lines: list[str] = []
    for table in expected:
        extra = actual[table] - expected[table]
        missing = expected[table] - actual[table]
        if extra or missing:
            lines.append(
                f"{table}: {sum(extra.values())} rows too many, e.g. {list(extra)[:shown]}; "
                f"{sum(missing.values())} missing, e.g. {list(missing)[:shown]}"
            )
    return lines


def check_readers_see_whole_files(data_dir: Path) -> None:
    """Assert that every file a reader may open is whole: the published warehouse holds
    committed runs only, each with all its outcome rows; visible lake parts and WARC
    files read to the end; commit records name existing parts.

    Safe while a run writes: the warehouse is read before the commits (a run commits
    before it publishes), and a file removed after it was listed (a compacted part) is
    passed over.
    """
    lake = data_dir / "lake"
    warehouse = data_dir / "mediawatch.duckdb"
    runs: list[tuple[str, int]] = []
    outcomes: dict[str, int] = {}
    if warehouse.exists():
        connection = open_reader(warehouse)
        try:
            runs = connection.execute("SELECT run_id, urls_touched FROM runs").fetchall()
            outcomes = dict(
                connection.execute(
                    "SELECT run_id, count(*) FROM url_outcomes GROUP BY run_id"
                ).fetchall()
            )
        finally:
            connection.close()
    committed = set(committed_run_ids(lake))
    assert {run_id for run_id, _ in runs} <= committed
    for run_id, touched in runs:
        assert outcomes.get(run_id, 0) == touched, run_id
    for run_id in committed:
        commit = read_commit(lake, run_id)
        for table in commit.parts:
            for path in commit.paths(lake, table):
                pq.read_table(path)
    for record in (lake / COMMITS_DIR).glob("*.json"):
        with suppress(FileNotFoundError):
            json.loads(record.read_text(encoding="utf-8"))
    for part in _visible(lake, ".parquet"):
        with suppress(FileNotFoundError):
            pq.read_table(part)
    for warc in _visible(data_dir / "captures", ".warc.gz"):
        with suppress(FileNotFoundError), warc.open("rb") as handle:
            for record in ArchiveIterator(handle):
                record.content_stream().read()


class ReaderWatch:
    """Checks, from a thread, what readers see while a run writes (see
    `check_readers_see_whole_files`), until stopped; `stop` raises the first failure."""

    def __init__(self, data_dir: Path, *, pause: float = 0.2) -> None:
        self._data_dir = data_dir
        self._pause = pause
        self._stopping = threading.Event()
        self._failure: BaseException | None = None
        self.checks = 0
        self._thread = threading.Thread(target=self._watch, name="reader-watch", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stopping.is_set():
            try:
                check_readers_see_whole_files(self._data_dir)
            except BaseException as error:  # handed to the test by stop()
                self._failure = error
                return
            self.checks += 1
            self._stopping.wait(self._pause)

    def stop(self) -> int:
        """Stop watching; return how many checks passed, or raise the one that failed."""
        self._stopping.set()
        self._thread.join(timeout=60)
        if self._failure is not None:
            raise self._failure
        return self.checks


def check_no_lock_held(data_dir: Path) -> None:
    """Assert that every lock file of the data folder can be taken at once."""
    warehouse = data_dir / "mediawatch.duckdb"
    candidates = [
        *warehouse.with_name(warehouse.name + ".locks").rglob("*"),
        replica_folder(warehouse) / ".loader.lock",
    ]
    for path in candidates:
        if not path.is_file():
            continue
        descriptor = os.open(path, os.O_RDWR)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if held
            fcntl.flock(descriptor, fcntl.LOCK_UN)
        finally:
            os.close(descriptor)


def check_nothing_lost(data_dir: Path) -> None:
    """Assert that loaded runs are the committed ones, no outcome or capture row is
    repeated, and every article's capture reads back from its WARC file."""
    lake = data_dir / "lake"
    connection = open_reader(data_dir / "mediawatch.duckdb")
    try:
        loaded = sorted(r[0] for r in connection.execute("SELECT run_id FROM runs").fetchall())
        repeated = connection.execute(
            "SELECT count(*) FROM (SELECT run_id, url, kind FROM url_outcomes "
            "GROUP BY ALL HAVING count(*) > 1)"
        ).fetchone()
        captures = connection.execute(
            "SELECT count(*) - count(DISTINCT capture_id) FROM captures"
        ).fetchone()
        stored = connection.execute(
            "SELECT c.warc_file, c.record_offset, c.payload_digest FROM articles AS a "
            "LEFT JOIN captures AS c USING (capture_id)"
        ).fetchall()
    finally:
        connection.close()
    assert loaded == committed_run_ids(lake)
    assert repeated == (0,)
    assert captures == (0,)
    captures_dir = data_dir / "captures"
    for warc_file, offset, digest in stored:
        assert warc_file is not None, "an article's capture is not indexed"
        assert read_capture(captures_dir, warc_file, offset).body, digest


def _visible(root: Path, suffix: str) -> list[Path]:
    # What a reader's glob finds: hidden names (temporary files) left out.
    return [
        path
        for path in root.rglob(f"*{suffix}")
        if not any(part.startswith(".") for part in path.relative_to(root).parts)
    ]
