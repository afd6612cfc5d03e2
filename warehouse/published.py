"""The warehouse analysts read: the published replica, opened read-only.

DuckDB lets one process open a file for writing and no other process open it at all
meanwhile. So the loader never writes the file readers open: it keeps standby replicas
beside the published one, brings a standby up to date with the lake runs it lacks, and
then publishes it by switching the ``warehouse.duckdb`` symlink in one atomic rename.
Readers open whatever the symlink names at that moment and keep a consistent snapshot
for as long as they hold it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.atomic import atomic_path
from warehouse.connection import open_warehouse
from warehouse.ddl import ensure_schema
from warehouse.faults import checkpoint
from warehouse.lake import LakeLocation, committed_run_ids, read_commit
from warehouse.load import RunInfo, load_run

READER_RETRY_SECONDS = 10.0
"""How long a reader keeps retrying when it raced a publish (see open_reader)."""
_RETRY_PAUSE = 0.05


# Another process's reader makes DuckDB refuse the lock (IOException); a reader in this
# process makes it refuse a second configuration of the same file (ConnectionException).
_HELD_BY_A_READER = (duckdb.IOException, duckdb.ConnectionException)


class WarehouseMissingError(Exception):
    """Raised when there is no warehouse at the path yet (no run has been loaded)."""


def open_reader(
    warehouse_path: Path, *, retry_seconds: float = READER_RETRY_SECONDS
) -> duckdb.DuckDBPyConnection:
    """Return a read-only connection to the published warehouse, in UTC.

    A reader that resolved the symlink just before a publish may find its (now standby)
    replica being written: DuckDB then refuses the open, and the symlink is read again.
    """
    deadline = time.monotonic() + retry_seconds
    while True:
        if not warehouse_path.exists():
            raise WarehouseMissingError(f"no warehouse at {warehouse_path}: run an ingest first")
        try:
            return open_warehouse(warehouse_path.resolve(), read_only=True)
        except duckdb.IOException as error:
            # Only the loader's lock is worth waiting out; a damaged file is not.
            if not _is_lock_conflict(error) or time.monotonic() >= deadline:
                raise
            time.sleep(_RETRY_PAUSE)


def _is_lock_conflict(error: duckdb.IOException) -> bool:
    return "lock" in str(error).lower()


REPLICAS = 3
"""Replicas kept per warehouse: the published one and two standbys, so that a reader
holding an old replica open (a notebook left running) never stops the nightly load."""
LOADER_LOCK_WAIT_SECONDS = 600.0


class PublishBlockedError(Exception):
    """Raised when every standby replica is held open by a reader (nothing was changed)."""


@dataclass(frozen=True, kw_only=True)
class PublishResult:
    """What a publish did: the replica now published and the runs it loaded into it."""

    replica: Path
    loaded_runs: tuple[str, ...]
    caught_up: tuple[Path, ...] = ()
    """Other standbys brought up to date after the switch (those no reader held)."""
    seconds_to_publish: float = 0.0
    """From the call to the switch: how long new data took to reach readers."""


def replica_folder(warehouse_path: Path) -> Path:
    """Return the folder that holds the warehouse's replicas."""
    return warehouse_path.with_name(warehouse_path.name + ".replicas")


def replica_paths(warehouse_path: Path, count: int = REPLICAS) -> list[Path]:
    """Return the paths of the warehouse's replicas."""
    folder = replica_folder(warehouse_path)
    return [folder / f"replica-{number}.duckdb" for number in range(1, count + 1)]


def published_replica(warehouse_path: Path) -> Path | None:
    """Return the replica readers open now, or None before the first publish."""
    if not warehouse_path.is_symlink():
        return None
    return warehouse_path.resolve()


def publish_runs(
    warehouse_path: Path,
    lake_root: LakeLocation,
    *,
    replicas: int = REPLICAS,
) -> PublishResult:
    """Bring a standby replica up to date with every committed lake run, publish it, then
    bring the other standbys up to date too.

    The published replica is never written. A standby is brought up to date by loading
    the committed runs it lacks, oldest first, each in one transaction: the cost follows
    the new data, not the warehouse's size. The catch-up after the switch means the next
    publish usually loads one run only, so new data reaches readers after one load.
    Standbys a reader holds open are skipped (and caught up by a later publish). A replica
    that does not exist yet starts as a copy of the published one (once).
    """
    started = time.monotonic()
    folder = replica_folder(warehouse_path)
    folder.mkdir(parents=True, exist_ok=True)
    with _loader_lock(folder):
        _adopt_plain_file(warehouse_path)
        published = published_replica(warehouse_path)
        for candidate in _standby_order(warehouse_path, replicas, published):
            if not candidate.exists() and published is not None:
                _copy_file(published, candidate)
            try:
                connection = open_warehouse(candidate)
            except _HELD_BY_A_READER:
                continue  # a reader holds it: try the next standby
            try:
                loaded = bring_up_to_date(connection, lake_root)
                connection.execute("CHECKPOINT")
            finally:
                connection.close()
            checkpoint("publish")
            _point(warehouse_path, candidate)
            seconds = time.monotonic() - started
            caught_up = _catch_up_standbys(warehouse_path, lake_root, replicas, candidate)
            return PublishResult(
                replica=candidate,
                loaded_runs=loaded,
                caught_up=caught_up,
                seconds_to_publish=seconds,
            )
    raise PublishBlockedError(
        f"every standby replica of {warehouse_path} is open by a reader; the runs stay in "
        "the lake and are loaded by the next publish (close notebooks holding old replicas)"
    )


def _catch_up_standbys(
    warehouse_path: Path, lake_root: LakeLocation, replicas: int, published: Path
) -> tuple[Path, ...]:
    caught_up: list[Path] = []
    for standby in replica_paths(warehouse_path, replicas):
        if standby == published or not standby.exists():
            continue
        try:
            connection = open_warehouse(standby)
        except _HELD_BY_A_READER:
            continue  # a reader still holds the replica it opened before the switch
        try:
            bring_up_to_date(connection, lake_root)
            connection.execute("CHECKPOINT")
        finally:
            connection.close()
        caught_up.append(standby)
    return tuple(caught_up)


def pending_runs(warehouse_path: Path, lake_root: LakeLocation) -> tuple[str, ...]:
    """Return the committed lake runs the published warehouse lacks, oldest first: those
    of a run stopped between its commit and its publish (killed, or blocked by readers)."""
    committed = committed_run_ids(lake_root)
    if not committed or not warehouse_path.exists():
        return tuple(committed)
    connection = open_reader(warehouse_path)
    try:
        present = {row[0] for row in connection.execute("SELECT run_id FROM runs").fetchall()}
    finally:
        connection.close()
    return tuple(run_id for run_id in committed if run_id not in present)


def bring_up_to_date(
    connection: duckdb.DuckDBPyConnection, lake_root: LakeLocation
) -> tuple[str, ...]:
    """Load every committed lake run the warehouse lacks, oldest first; return their ids."""
    ensure_schema(connection)
    present = {row[0] for row in connection.execute("SELECT run_id FROM runs").fetchall()}
    loaded: list[str] = []
    for run_id in committed_run_ids(lake_root):
        if run_id in present:
            continue
        commit = read_commit(lake_root, run_id)
        info = RunInfo(
            run_id=run_id,
            flow=commit.flow,
            started_at=commit.started_at or datetime.now(UTC),  # never None once read
            config_sha256=commit.config_sha256,
        )
        if load_run(connection, lake_root, info):
            loaded.append(run_id)
    return tuple(loaded)


def rebuild(lake_root: LakeLocation, target: Path) -> tuple[str, ...]:
    """Build a warehouse file from the lake alone, loading every committed run in order;
    return the run ids. ``target`` must not exist (a rebuild never overwrites)."""
    if target.exists():
        raise FileExistsError(f"{target} exists; a rebuild writes a new file")
    connection = open_warehouse(target)
    try:
        loaded = bring_up_to_date(connection, lake_root)
        connection.execute("CHECKPOINT")
    finally:
        connection.close()
    return loaded


def rebuild_and_publish(
    warehouse_path: Path, lake_root: LakeLocation, *, replicas: int = REPLICAS
) -> PublishResult:
    """Rebuild a standby replica from the lake alone, then publish it (the way back from a
    damaged or hand-edited warehouse). The published replica is not touched."""
    folder = replica_folder(warehouse_path)
    folder.mkdir(parents=True, exist_ok=True)
    with _loader_lock(folder):
        _adopt_plain_file(warehouse_path)
        published = published_replica(warehouse_path)
        for candidate in _standby_order(warehouse_path, replicas, published):
            fresh = candidate.with_name(f".{candidate.name}.rebuild")
            for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
                leftover.unlink(missing_ok=True)
            try:
                # Taking the standby's write lock first: a reader holding it keeps it.
                holder = open_warehouse(candidate)
            except _HELD_BY_A_READER:
                continue
            try:
                loaded = rebuild(lake_root, fresh)
                fresh.replace(candidate)
                candidate.with_name(candidate.name + ".wal").unlink(missing_ok=True)
            finally:
                holder.close()
            _point(warehouse_path, candidate)
            return PublishResult(replica=candidate, loaded_runs=loaded)
    raise PublishBlockedError(
        f"every standby replica of {warehouse_path} is open by a reader; nothing was rebuilt"
    )


def _standby_order(warehouse_path: Path, replicas: int, published: Path | None) -> list[Path]:
    # Existing standbys first, most recently published first (fewest runs to catch up),
    # then replicas not made yet.
    standbys = [p for p in replica_paths(warehouse_path, replicas) if p != published]
    existing = sorted((p for p in standbys if p.exists()), key=_mtime, reverse=True)
    return existing + [p for p in standbys if not p.exists()]


def _mtime(path: Path) -> float:
    return path.stat().st_mtime


def _adopt_plain_file(warehouse_path: Path) -> None:
    # A warehouse from before replicas: a plain file becomes the first replica.
    if warehouse_path.exists() and not warehouse_path.is_symlink():
        first = replica_paths(warehouse_path, 1)[0]
        first.parent.mkdir(parents=True, exist_ok=True)
        wal = warehouse_path.with_name(warehouse_path.name + ".wal")
        if wal.exists():
            wal.replace(first.with_name(first.name + ".wal"))
        warehouse_path.replace(first)
        _point(warehouse_path, first)


def _point(warehouse_path: Path, replica: Path) -> None:
    # A new symlink under a temporary name renamed over the old one: readers see the old
    # target or the new one, never no file. Relative, so the data folder can move.
    target = os.path.relpath(replica, warehouse_path.parent)
    temporary = warehouse_path.with_name(f".{warehouse_path.name}.{os.getpid()}.link")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target)
    temporary.replace(warehouse_path)


def _copy_file(source: Path, target: Path) -> None:
    with atomic_path(target) as temporary:
        shutil.copyfile(source, temporary)


@contextmanager
def _loader_lock(folder: Path) -> Iterator[None]:
    # One publisher at a time per warehouse (two flows finishing together take turns).
    with (folder / ".loader.lock").open("a") as handle:
        deadline = time.monotonic() + LOADER_LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
