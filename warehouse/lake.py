"""The Parquet lake: atomic part files per table, made visible by a per-run commit record.

A part file is written under a temporary name and renamed into place; a run's parts count
only once its commit record (written last, also atomically) lists them, so a crash
mid-run leaves nothing that a load or a rebuild would read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.atomic import atomic_path
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

    def paths(self, lake_root: Path, table: str) -> list[Path]:
        """Return the absolute paths of this run's parts of one table."""
        return [lake_root / relative for relative in self.parts.get(table, ())]


def write_part(lake_root: Path, table: Table, rows: pa.Table, *, partition: str, name: str) -> str:
    """Write rows as one zstd Parquet part of a table; return its path relative to the lake."""
    rows = rows.cast(table.arrow_schema)
    target = lake_root / table.name / partition / f"{name}.parquet"
    with atomic_path(target) as temporary:
        pq.write_table(rows, temporary, compression="zstd")
    return target.relative_to(lake_root).as_posix()


def commit_run(lake_root: Path, commit: RunCommit) -> Path:
    """Record the run's parts as visible; return the commit record's path."""
    directory = lake_root / COMMITS_DIR
    directory.mkdir(parents=True, exist_ok=True)
    for table, relatives in commit.parts.items():
        for relative in relatives:
            if not (lake_root / relative).is_file():
                raise LakeError(f"part {relative} of table {table} is missing")
    record = {"run_id": commit.run_id, "parts": {k: list(v) for k, v in commit.parts.items()}}
    target = directory / f"{commit.run_id}.json"
    with atomic_path(target) as temporary:
        temporary.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
    return target


def read_commit(lake_root: Path, run_id: str) -> RunCommit:
    """Return the commit record of a run; raises LakeError if the run never committed."""
    path = lake_root / COMMITS_DIR / f"{run_id}.json"
    if not path.is_file():
        raise LakeError(f"run {run_id} has no commit record in {lake_root}")
    record = json.loads(path.read_text(encoding="utf-8"))
    return RunCommit(
        run_id=record["run_id"],
        parts={table: tuple(paths) for table, paths in record["parts"].items()},
    )


def committed_run_ids(lake_root: Path) -> list[str]:
    """Return the ids of all committed runs, oldest first (run ids sort by start time)."""
    directory = lake_root / COMMITS_DIR
    if not directory.is_dir():
        return []
    return sorted(path.stem for path in directory.glob("*.json"))
