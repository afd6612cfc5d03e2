"""Publishing replicas: readers read a consistent warehouse while loads run elsewhere."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.warehouse.builders import HARBOUR_TEXT, T0, make_article, revised, write_run
from warehouse.connection import open_warehouse
from warehouse.load import LoadError
from warehouse.published import (
    PublishBlockedError,
    open_reader,
    publish_runs,
    published_replica,
    rebuild,
    replica_paths,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _stories(run: int, count: int) -> list[Any]:
    return [
        make_article(
            f"https://gazette.example/news/{run}/{number}",
            text=f"{HARBOUR_TEXT}\nStory {run}-{number} of the day, with its own detail.",
            title=f"Story {run}-{number}",
            fetched_at=T0 + timedelta(days=run, minutes=number),
        )
        for number in range(count)
    ]


def _count_articles(path: Path) -> int:
    connection = open_reader(path)
    try:
        row = connection.execute("SELECT count(*) FROM articles").fetchone()
        assert row is not None
        return int(row[0])
    finally:
        connection.close()


@pytest.fixture
def paths(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "warehouse.duckdb", tmp_path / "lake"


def test_each_publish_loads_a_standby_and_switches_readers_to_it(
    paths: tuple[Path, Path],
) -> None:
    warehouse, lake = paths
    write_run(lake, "run-1", _stories(1, 3))
    first = publish_runs(warehouse, lake)
    write_run(lake, "run-2", _stories(2, 2))
    second = publish_runs(warehouse, lake)

    assert first.loaded_runs == ("run-1",)
    assert warehouse.is_symlink()
    # The second replica starts as a copy of the first and loads only what it lacks.
    assert second.replica != first.replica
    assert second.loaded_runs == ("run-2",)
    assert published_replica(warehouse) == second.replica
    assert _count_articles(warehouse) == 5

    # After the switch the first replica was caught up with run-2: the third publish
    # loads only the run just committed.
    assert second.caught_up == (first.replica,)
    assert second.seconds_to_publish > 0
    write_run(lake, "run-3", _stories(3, 1))
    third = publish_runs(warehouse, lake)
    assert third.replica == first.replica
    assert third.loaded_runs == ("run-3",)
    assert _count_articles(warehouse) == 6


def test_publishing_again_without_new_runs_changes_nothing(paths: tuple[Path, Path]) -> None:
    warehouse, lake = paths
    write_run(lake, "run-1", _stories(1, 3))
    publish_runs(warehouse, lake)
    publish_runs(warehouse, lake)
    again = publish_runs(warehouse, lake)

    assert again.loaded_runs == ()
    assert _count_articles(warehouse) == 3


def test_a_warehouse_file_from_before_replicas_becomes_the_first_replica(
    paths: tuple[Path, Path],
) -> None:
    warehouse, lake = paths
    write_run(lake, "run-1", _stories(1, 2))
    rebuild(lake, warehouse)  # a plain file, as older versions wrote it
    write_run(lake, "run-2", _stories(2, 1))

    result = publish_runs(warehouse, lake)

    assert warehouse.is_symlink()
    assert replica_paths(warehouse)[0].exists()
    assert result.loaded_runs == ("run-2",)
    assert _count_articles(warehouse) == 3


def test_a_rebuild_from_the_lake_equals_the_published_warehouse(
    paths: tuple[Path, Path], tmp_path: Path
) -> None:
    warehouse, lake = paths
    first = _stories(1, 4)
    write_run(lake, "run-1", first)
    publish_runs(warehouse, lake)
    # A revised article, a new one, a syndicated copy of an old text from another outlet.
    copy = make_article(
        "https://courier.example/copy", text=first[0].text, source="courier", title="Copy"
    )
    write_run(lake, "run-2", [revised(first[1], title="Harbour wall: work starts"), copy])
    publish_runs(warehouse, lake)
    write_run(lake, "run-3", _stories(3, 2))
    publish_runs(warehouse, lake)

    rebuilt = tmp_path / "rebuilt.duckdb"
    assert rebuild(lake, rebuilt) == ("run-1", "run-2", "run-3")

    live = open_reader(warehouse)
    try:
        live.execute(f"ATTACH '{rebuilt}' AS rebuilt (READ_ONLY)")
        tables = [
            row[0]
            for row in live.execute(
                "SELECT table_name FROM duckdb_tables() "
                "WHERE database_name = current_database() AND schema_name = 'main' "
                "ORDER BY table_name"
            ).fetchall()
        ]
        assert {"articles", "url_outcomes", "runs"} <= set(tables)
        for table in tables:
            # When each run was loaded is the one thing a rebuild cannot repeat.
            columns = "* EXCLUDE (finished_at)" if table == "runs" else "*"
            for left, right in (("main", "rebuilt.main"), ("rebuilt.main", "main")):
                extra = live.execute(
                    f'SELECT count(*) FROM (SELECT {columns} FROM {left}."{table}" '
                    f'EXCEPT ALL SELECT {columns} FROM {right}."{table}")'
                ).fetchone()
                assert extra == (0,), f"{table}: rows in {left} missing from {right}"
        counts = live.execute("SELECT count(*) FROM rebuilt.main.articles").fetchone()
        assert counts == (7,)
    finally:
        live.close()


def test_a_rebuild_never_overwrites_a_file(paths: tuple[Path, Path], tmp_path: Path) -> None:
    _, lake = paths
    existing = tmp_path / "existing.duckdb"
    existing.write_bytes(b"analyst's own file")

    with pytest.raises(FileExistsError):
        rebuild(lake, existing)
    assert existing.read_bytes() == b"analyst's own file"


@contextmanager
def _reader_holding(path: Path) -> Iterator[None]:
    """Hold a read-only connection to one replica file in another process."""
    script = textwrap.dedent(
        f"""
        import sys, duckdb
        connection = duckdb.connect({str(path)!r}, read_only=True)
        print("open", flush=True)
        sys.stdin.read()
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "open"
        yield
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=10)


def test_a_reader_holding_an_old_replica_does_not_stop_the_load(
    paths: tuple[Path, Path],
) -> None:
    warehouse, lake = paths
    write_run(lake, "run-1", _stories(1, 2))
    old = publish_runs(warehouse, lake).replica
    write_run(lake, "run-2", _stories(2, 2))
    publish_runs(warehouse, lake)

    # A notebook left open on the first replica; two more nightly loads go on around it.
    with _reader_holding(old):
        for run in (3, 4):
            write_run(lake, f"run-{run}", _stories(run, 1))
            assert publish_runs(warehouse, lake).replica != old
    assert _count_articles(warehouse) == 6


def test_with_every_standby_held_open_the_publish_stops_and_changes_nothing(
    paths: tuple[Path, Path],
) -> None:
    warehouse, lake = paths
    write_run(lake, "run-1", _stories(1, 2))
    first = publish_runs(warehouse, lake, replicas=2).replica
    write_run(lake, "run-2", _stories(2, 1))
    second = publish_runs(warehouse, lake, replicas=2).replica
    write_run(lake, "run-3", _stories(3, 1))

    with _reader_holding(first), pytest.raises(PublishBlockedError, match="open by a reader"):
        publish_runs(warehouse, lake, replicas=2)

    assert published_replica(warehouse) == second
    assert _count_articles(warehouse) == 3
    # Once the reader is gone the next publish loads what waited in the lake.
    assert publish_runs(warehouse, lake, replicas=2).loaded_runs == ("run-3",)


READER_LOOP = """
import json, sys, time
from pathlib import Path
from warehouse.published import open_reader

warehouse, stop = Path(sys.argv[1]), Path(sys.argv[2])
while not stop.exists():
    try:
        connection = open_reader(warehouse)
        try:
            articles, new, runs = connection.execute(
                "SELECT (SELECT count(*) FROM articles),"
                " (SELECT coalesce(sum(articles_new), 0) FROM runs),"
                " (SELECT count(*) FROM runs)"
            ).fetchone()
        finally:
            connection.close()
        print(json.dumps({"articles": articles, "new": int(new), "runs": runs}), flush=True)
    except Exception as error:
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}), flush=True)
    time.sleep(0.005)
"""


def test_a_reader_in_another_process_sees_whole_runs_and_no_errors_during_loads(
    paths: tuple[Path, Path], tmp_path: Path
) -> None:
    warehouse, lake = paths
    write_run(lake, "run-00", _stories(0, 50))
    publish_runs(warehouse, lake)
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER_LOOP, str(warehouse), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=PROJECT_ROOT,
    )
    try:
        time.sleep(1.0)  # the reader is reading before the loads start
        for run in range(1, 7):
            write_run(lake, f"run-{run:02d}", _stories(run, 400))
            publish_runs(warehouse, lake)
        time.sleep(0.5)
    finally:
        stop.touch()
        output, _ = reader.communicate(timeout=30)

    observations = [json.loads(line) for line in output.splitlines()]
    errors = [o["error"] for o in observations if "error" in o]
    assert errors == []
    assert len(observations) > 20
    # Every read saw whole runs: each run's new articles all there, or none of them.
    assert all(o["articles"] == o["new"] == 50 + 400 * (o["runs"] - 1) for o in observations)
    seen_runs = [o["runs"] for o in observations]
    assert seen_runs == sorted(seen_runs)  # the published warehouse only moves forward
    assert seen_runs[0] == 1 and seen_runs[-1] == 7
    assert len(set(seen_runs)) >= 4  # the reader read between loads, not only around them


def test_a_reader_cannot_write(paths: tuple[Path, Path]) -> None:
    warehouse, lake = paths
    write_run(lake, "run-1", _stories(1, 1))
    publish_runs(warehouse, lake)
    connection = open_reader(warehouse)
    try:
        with pytest.raises(duckdb.InvalidInputException, match="read-only"):
            connection.execute("DELETE FROM articles")
    finally:
        connection.close()
    # The loader's connection to a standby is the only writer.
    replica = published_replica(warehouse)
    assert replica is not None
    open_warehouse(replica, read_only=True).close()


def test_a_load_that_fails_half_way_publishes_nothing(paths: tuple[Path, Path]) -> None:
    warehouse, lake = paths
    write_run(lake, "run-1", _stories(1, 2))
    publish_runs(warehouse, lake)
    before = published_replica(warehouse)
    commit = write_run(lake, "run-2", _stories(2, 2))
    (lake / commit.parts["extractions"][0]).write_bytes(b"not parquet")

    with pytest.raises(LoadError, match="nothing was changed"):
        publish_runs(warehouse, lake)

    assert published_replica(warehouse) == before
    assert _count_articles(warehouse) == 2


def test_a_file_that_is_no_warehouse_fails_at_once_instead_of_being_retried(
    tmp_path: Path,
) -> None:
    damaged = tmp_path / "mediawatch.duckdb"
    damaged.write_text("not a database", encoding="utf-8")
    started = time.monotonic()

    with pytest.raises(duckdb.IOException, match="not a valid DuckDB database"):
        open_reader(damaged)
    assert time.monotonic() - started < 2.0
