"""The Parquet lake: atomic part files per table, made visible by a per-run commit record.

A part file is written under a temporary name and renamed into place; a run's parts count
only once its commit record (written last, also atomically) lists them, so a crash
mid-run leaves nothing that a load or a rebuild would read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.atomic import atomic_path
from warehouse.faults import checkpoint
from warehouse.schema import Table

COMMITS_DIR = "_commits"


class LakeError(Exception):
    """Raised when the lake holds something it should not (missing or foreign files)."""


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
        """Return the absolute paths of this run's parts of one table."""
        return [lake_root / relative for relative in self.parts.get(table, ())]


def write_part(lake_root: Path, table: Table, rows: pa.Table, *, partition: str, name: str) -> str:
    """Write rows as one zstd Parquet part of a table; return its path relative to the lake."""
    rows = rows.cast(table.arrow_schema)
    target = lake_root / table.name / partition / f"{name}.parquet"
    with atomic_path(target) as temporary:
        pq.write_table(rows, temporary, compression="zstd")
        checkpoint("parquet")
    return target.relative_to(lake_root).as_posix()


def commit_run(lake_root: Path, commit: RunCommit) -> Path:
    """Record the run's parts as visible; return the commit record's path."""
    directory = lake_root / COMMITS_DIR
    directory.mkdir(parents=True, exist_ok=True)
    for table, relatives in commit.parts.items():
        for relative in relatives:
            if not (lake_root / relative).is_file():
                raise LakeError(f"part {relative} of table {table} is missing")
    record = {
        "run_id": commit.run_id,
        "parts": {k: list(v) for k, v in commit.parts.items()},
        "flow": commit.flow,
        "started_at": commit.started_at.isoformat() if commit.started_at else None,
        "config_sha256": commit.config_sha256,
    }
    target = directory / f"{commit.run_id}.json"
    with atomic_path(target) as temporary:
        temporary.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
        checkpoint("commit")
    return target


def read_commit(lake_root: Path, run_id: str) -> RunCommit:
    """Return the commit record of a run; raises LakeError if the run never committed."""
    path = lake_root / COMMITS_DIR / f"{run_id}.json"
    if not path.is_file():
        raise LakeError(f"run {run_id} has no commit record in {lake_root}")
    record = json.loads(path.read_text(encoding="utf-8"))
    # Records written before runs kept their start: the record's own time stands in,
    # the same on every read (a rebuild repeats it).
    started_at = record.get("started_at")
    return RunCommit(
        run_id=record["run_id"],
        parts={table: tuple(paths) for table, paths in record["parts"].items()},
        flow=record.get("flow") or "",
        started_at=(
            datetime.fromisoformat(started_at)
            if started_at
            else datetime.fromtimestamp(path.stat().st_mtime, UTC)
        ),
        config_sha256=record.get("config_sha256") or "",
    )


def committed_run_ids(lake_root: Path) -> list[str]:
    """Return the ids of all committed runs, oldest first (run ids sort by start time)."""
    directory = lake_root / COMMITS_DIR
    if not directory.is_dir():
        return []
    return sorted(path.stem for path in directory.glob("*.json"))


COMPACT_TARGET_BYTES = 128 * 1024 * 1024
"""Parts of one run and table are merged up to about this size (Parquet readers like files
of tens to hundreds of megabytes; one per batch would be a swarm of small ones)."""


def compact_parts(
    lake_root: Path,
    table: Table,
    relatives: tuple[str, ...],
    *,
    name: str,
    target_bytes: int = COMPACT_TARGET_BYTES,
) -> tuple[str, ...]:
    """Merge a run's part files of one table, per partition, into files of about
    ``target_bytes``; return the new relative paths (the old ones when nothing merged).

    Call before the run commits: the merged files are written atomically first, then the
    small ones removed, so a crash leaves either set whole and the commit names one of them.
    """
    by_partition: dict[str, list[str]] = {}
    for relative in relatives:
        by_partition.setdefault(Path(relative).parent.as_posix(), []).append(relative)
    result: list[str] = []
    for folder, members in sorted(by_partition.items()):
        if len(members) < 2:
            result += members
            continue
        groups = _size_groups(lake_root, members, target_bytes)
        for number, group in enumerate(groups):
            if len(group) == 1:
                result += group
                continue
            merged = pa.concat_tables(
                pq.read_table(lake_root / relative, schema=table.arrow_schema) for relative in group
            )
            partition = Path(folder).relative_to(table.name).as_posix()
            result.append(
                write_part(
                    lake_root, table, merged, partition=partition, name=f"{name}-{number:03d}"
                )
            )
            checkpoint("compact")
            for relative in group:
                (lake_root / relative).unlink()
    return tuple(result)


def _size_groups(lake_root: Path, members: list[str], target_bytes: int) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    size = 0
    for relative in sorted(members):
        part_bytes = (lake_root / relative).stat().st_size
        if groups[-1] and size + part_bytes > target_bytes:
            groups.append([])
            size = 0
        groups[-1].append(relative)
        size += part_bytes
    return groups
