"""The Parquet lake: part files per table, made visible by a per-run commit record.

The lake lives at a filesystem URL (a local folder, ``s3://bucket/prefix``, any fsspec
protocol): `Lake.at` builds one filesystem object from it, and every read and write of the
lake goes through that object. Object stores have no atomic rename, so visibility never
rests on one: a run's parts count only once its commit record (written last) lists them,
on every filesystem alike. Each single file still appears whole or not at all: on a local
disk it is written under a hidden temporary name and renamed; elsewhere it is staged in a
local temporary file and uploaded in one put, which an object store makes visible only
when complete. A crash mid-run leaves nothing that a load or a rebuild would read.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, cast

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from warehouse.faults import checkpoint
from warehouse.schema import Table

COMMITS_DIR = "_commits"
# What a lake path is made of: run ids, table names, partitions and part names. No
# separators, no leading dot (temporary files start with one), so no "..", no absolute
# path and no NUL byte: a source name or a hand-edited commit record cannot reach outside.
_COMPONENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.=-]{0,199}$")
READ_BATCH_ROWS = 10_000
"""Rows per record batch when a part is read back (a load streams parts in batches)."""
MERGE_BUFFER_BYTES = 64 * 1024 * 1024
"""Compaction writes a row group when this much of the parts it merges is buffered."""


class LakeError(Exception):
    """Raised when the lake holds something it should not (missing or foreign files), or
    its URL names no filesystem this installation can reach."""


@dataclass(frozen=True)
class Lake:
    """Where the lake lives: its URL, the one filesystem object built from it, and the
    lake's root path inside that filesystem."""

    url: str
    filesystem: fsspec.AbstractFileSystem = field(compare=False, repr=False)
    root: str

    @classmethod
    def at(cls, location: LakeLocation, options: Mapping[str, Any] | None = None) -> Lake:
        """Return the lake at a URL (``s3://bucket/lake``, ``memory://lake``, ``file:///...``)
        or a local path; ``options`` go to the filesystem (an endpoint, a profile).

        Raises LakeError when the URL names a protocol that is unknown or not installed.
        """
        if isinstance(location, Lake):
            return location
        url = str(location)
        try:
            filesystem, root = fsspec.core.url_to_fs(url, **dict(options or {}))
        except (ImportError, ValueError) as error:
            raise LakeError(f"cannot reach the lake at {url}: {error}") from error
        if isinstance(filesystem, LocalFileSystem):
            root = str(Path(root).resolve())
        return cls(url=url, filesystem=filesystem, root=root.rstrip("/") or "/")

    @property
    def local_root(self) -> Path | None:
        """Return the lake's folder when it lives on this machine's file system."""
        return Path(self.root) if isinstance(self.filesystem, LocalFileSystem) else None

    def path(self, relative: str) -> str:
        """Return the filesystem path of a lake-relative path."""
        return f"{self.root}/{relative}"

    def exists(self, relative: str) -> bool:
        """Return whether a file (not a folder) is at a lake-relative path."""
        return bool(self.filesystem.isfile(self.path(relative)))

    def size(self, relative: str) -> int:
        """Return the size in bytes of the file at a lake-relative path."""
        return int(self.filesystem.size(self.path(relative)))

    def remove(self, relative: str) -> None:
        """Delete the file at a lake-relative path."""
        self.filesystem.rm_file(self.path(relative))

    def read_bytes(self, relative: str) -> bytes:
        """Return the bytes of the file at a lake-relative path."""
        return cast(bytes, self.filesystem.cat_file(self.path(relative)))

    @contextmanager
    def open_read(self, relative: str) -> Iterator[BinaryIO]:
        """Yield the file at a lake-relative path, open for reading."""
        with self.filesystem.open(self.path(relative), "rb") as handle:
            yield cast(BinaryIO, handle)

    def list_names(self, folder: str, suffix: str) -> list[str]:
        """Return the names of the files in a lake-relative folder ending in ``suffix``
        (none when the folder does not exist)."""
        try:
            listed = self.filesystem.ls(self.path(folder), detail=False)
        except FileNotFoundError:
            return []
        names = (PurePosixPath(str(entry)).name for entry in listed)
        return sorted(name for name in names if name.endswith(suffix) and not name.startswith("."))

    @contextmanager
    def writing(self, relative: str, *, fault_point: str) -> Iterator[BinaryIO]:
        """Yield a file to write; when the block ends, the whole file appears at the
        lake-relative path (replacing one there), and on failure nothing does.

        ``fault_point`` names the crash point reached once the bytes are written, before
        they become visible (see `warehouse.faults`).
        """
        target = self.path(relative)
        if isinstance(self.filesystem, LocalFileSystem):
            with self._renamed_into_place(target, fault_point) as handle:
                yield handle
            return
        # No atomic rename: the file is staged locally, then uploaded in one put.
        with tempfile.NamedTemporaryFile(prefix="lake-", suffix=".part") as staged:
            yield cast(BinaryIO, staged)
            staged.flush()
            checkpoint(fault_point)
            self.filesystem.makedirs(str(PurePosixPath(target).parent), exist_ok=True)
            self.filesystem.put_file(staged.name, target)

    @contextmanager
    def _renamed_into_place(self, target: str, fault_point: str) -> Iterator[BinaryIO]:
        folder = PurePosixPath(target).parent
        temporary = str(folder / f".{PurePosixPath(target).name}.{uuid.uuid4().hex}.tmp")
        self.filesystem.makedirs(str(folder), exist_ok=True)
        try:
            with self.filesystem.open(temporary, "wb") as handle:
                yield cast(BinaryIO, handle)
                handle.flush()
                os.fsync(handle.fileno())
                checkpoint(fault_point)
            self.filesystem.mv(temporary, target)
        finally:
            if self.filesystem.exists(temporary):
                self.filesystem.rm_file(temporary)


LakeLocation = Lake | Path | str
"""A lake, its local folder, or its URL: what the lake's functions accept."""


@dataclass(frozen=True, kw_only=True)
class RunCommit:
    """The commit record of one run: which part files of which tables it made visible."""

    run_id: str
    parts: dict[str, tuple[str, ...]]
    """Table name to part paths, relative to the lake root."""
    flow: str = ""
    """The flow that made the run (the runs table's lineage), "" when not recorded."""
    started_at: datetime | None = None
    """When the run started; read_commit always gives one."""
    config_sha256: str = ""

    def paths(self, lake_root: Path, table: str) -> list[Path]:
        """Return the absolute paths of this run's parts of one table in a local lake."""
        return [lake_root / relative for relative in self.parts.get(table, ())]


def write_part(
    lake: LakeLocation, table: Table, rows: pa.Table, *, partition: str, name: str
) -> str:
    """Write rows as one zstd Parquet part of a table; return its path relative to the lake."""
    rows = rows.cast(table.arrow_schema)
    relative = f"{table.name}/{partition}/{name}.parquet"
    _check_part_path(relative, table.name)
    if "/" in name:
        raise ValueError(f"{relative!r} is not a part path: its name {name!r} is no file name")
    with Lake.at(lake).writing(relative, fault_point="parquet") as handle:
        pq.write_table(rows, handle, compression="zstd")
    return relative


def read_batches_of(lake: LakeLocation, relative: str) -> pa.RecordBatchReader:
    """Return a reader of a part's rows as stored, in record batches of at most
    READ_BATCH_ROWS: the part is read as the reader is consumed."""
    place = Lake.at(lake)
    with place.open_read(relative) as handle:
        schema = pq.read_schema(handle)
    return pa.RecordBatchReader.from_batches(schema, _batches(place, relative))


def _batches(lake: Lake, relative: str) -> Iterator[pa.RecordBatch]:
    with lake.open_read(relative) as handle:
        yield from pq.ParquetFile(handle).iter_batches(batch_size=READ_BATCH_ROWS)


def commit_run(lake: LakeLocation, commit: RunCommit) -> str:
    """Record the run's parts as visible; return the commit record's lake-relative path."""
    place = Lake.at(lake)
    for table, relatives in commit.parts.items():
        for relative in relatives:
            if not place.exists(relative):
                raise LakeError(f"part {relative} of table {table} is missing")
    record = {
        "run_id": commit.run_id,
        "parts": {k: list(v) for k, v in commit.parts.items()},
        "flow": commit.flow,
        "started_at": commit.started_at.isoformat() if commit.started_at else None,
        "config_sha256": commit.config_sha256,
    }
    relative = f"{COMMITS_DIR}/{commit.run_id}.json"
    with place.writing(relative, fault_point="commit") as handle:
        handle.write(json.dumps(record, indent=1, sort_keys=True).encode("utf-8"))
    return relative


def read_commit(lake: LakeLocation, run_id: str) -> RunCommit:
    """Return the commit record of a run; raises LakeError if the run never committed."""
    place = Lake.at(lake)
    if not _COMPONENT.match(run_id):
        raise LakeError(f"{run_id!r} is no run id")
    relative = f"{COMMITS_DIR}/{run_id}.json"
    if not place.exists(relative):
        raise LakeError(f"run {run_id} has no commit record in {place.url}")
    record = json.loads(place.read_bytes(relative).decode("utf-8"))
    for table, paths in record["parts"].items():
        for path in paths:
            try:
                _check_part_path(path, table)
            except ValueError as error:
                raise LakeError(f"commit record of run {run_id}: {error}") from error
    # Records written before runs kept their start: the record's own time stands in,
    # the same on every read (a rebuild repeats it).
    started_at = record.get("started_at")
    return RunCommit(
        run_id=record["run_id"],
        parts={table: tuple(paths) for table, paths in record["parts"].items()},
        flow=record.get("flow") or "",
        started_at=(
            datetime.fromisoformat(started_at) if started_at else _modified(place, relative)
        ),
        config_sha256=record.get("config_sha256") or "",
    )


def _check_part_path(relative: str, table: str) -> None:
    # A part lives at <table>/<partition folders...>/<name>.parquet inside the lake.
    parts = relative.split("/")
    if (
        len(parts) < 2
        or parts[0] != table
        or not relative.endswith(".parquet")
        or not all(_COMPONENT.match(part) for part in parts)
    ):
        raise ValueError(f"{relative!r} is not a part path of table {table} inside the lake")


def _modified(lake: Lake, relative: str) -> datetime:
    modified: datetime = lake.filesystem.modified(lake.path(relative))
    return modified if modified.tzinfo else modified.replace(tzinfo=UTC)


def committed_run_ids(lake: LakeLocation) -> list[str]:
    """Return the ids of all committed runs, oldest first (run ids sort by start time)."""
    names = Lake.at(lake).list_names(COMMITS_DIR, ".json")
    return sorted(name.removesuffix(".json") for name in names)


COMPACT_TARGET_BYTES = 128 * 1024 * 1024
"""Parts of one run and table are merged up to about this size (Parquet readers like files
of tens to hundreds of megabytes; one per batch would be a swarm of small ones)."""


def compact_parts(
    lake: LakeLocation,
    table: Table,
    relatives: tuple[str, ...],
    *,
    name: str,
    target_bytes: int = COMPACT_TARGET_BYTES,
) -> tuple[str, ...]:
    """Merge a run's part files of one table, per partition, into files of about
    ``target_bytes``; return the new relative paths (the old ones when nothing merged).

    Parts are read one at a time, so memory holds about MERGE_BUFFER_BYTES of rows
    whatever the run's size. Call before the run commits: the merged files are written
    whole first, then the small ones removed, so a crash leaves either set whole and the
    commit names one of them.
    """
    place = Lake.at(lake)
    by_partition: dict[str, list[str]] = {}
    for relative in relatives:
        by_partition.setdefault(PurePosixPath(relative).parent.as_posix(), []).append(relative)
    result: list[str] = []
    for folder, members in sorted(by_partition.items()):
        if len(members) < 2:
            result += members
            continue
        for number, group in enumerate(_size_groups(place, members, target_bytes)):
            if len(group) == 1:
                result += group
                continue
            merged = f"{folder}/{name}-{number:03d}.parquet"
            _merge(place, table, group, merged)
            result.append(merged)
            checkpoint("compact")
            for relative in group:
                place.remove(relative)
    return tuple(result)


def _merge(lake: Lake, table: Table, group: list[str], merged: str) -> None:
    # Row groups of about MERGE_BUFFER_BYTES: few enough for readers, small enough to hold.
    with (
        lake.writing(merged, fault_point="parquet") as handle,
        pq.ParquetWriter(handle, table.arrow_schema, compression="zstd") as writer,
    ):
        buffered: list[pa.Table] = []
        for relative in group:
            with lake.open_read(relative) as part:
                buffered.append(pq.read_table(part, schema=table.arrow_schema))
            if sum(rows.nbytes for rows in buffered) >= MERGE_BUFFER_BYTES:
                writer.write_table(pa.concat_tables(buffered))
                buffered = []
        if buffered:
            writer.write_table(pa.concat_tables(buffered))


def _size_groups(lake: Lake, members: list[str], target_bytes: int) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    size = 0
    for relative in sorted(members):
        part_bytes = lake.size(relative)
        if groups[-1] and size + part_bytes > target_bytes:
            groups.append([])
            size = 0
        groups[-1].append(relative)
        size += part_bytes
    return groups
