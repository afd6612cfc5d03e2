"""ENOSPC and EACCES raised from the storage layer's write paths (tests run as root, so file
modes prove nothing): the error names the errno and the file, nothing partial becomes
visible, files written before stay whole, and the next write succeeds."""

from __future__ import annotations

import errno
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from transforms.records import Source
from warehouse import atomic, captures, lake
from warehouse.captures import CaptureError, CaptureInput, CaptureWriter, iter_captures
from warehouse.lake import LakeError, RunCommit, commit_run, committed_run_ids, read_commit
from warehouse.rows import source_configs_table
from warehouse.schema import SOURCE_CONFIGS

FETCHED = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def _capture(number: int) -> CaptureInput:
    return CaptureInput(
        url=f"https://gazette.test/{number}",
        status=200,
        headers=(("Content-Type", "text/html"),),
        body=b"<p>" + b"story " * 200 + b"</p>",
        fetched_at=FETCHED,
    )


def _failing_fsync(code: int) -> Any:
    def fsync(descriptor: int) -> None:
        raise OSError(code, os.strerror(code))

    return fsync


def _hidden(folder: Path) -> list[Path]:
    return [path for path in folder.rglob(".*") if path.is_file()]


def test_a_full_disk_mid_warc_keeps_the_finished_files_and_drops_the_open_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = captures.capture_directory(tmp_path, run_date=date(2026, 11, 25), source="gazette")
    writer = CaptureWriter(folder, prefix="run-1", max_file_bytes=1, root=tmp_path)
    first = writer.write(_capture(1))  # 1-byte files: each capture finishes its own
    original = captures._OpenWarc.write_pair

    def write_pair(self: Any, request: Any, response: Any) -> tuple[int, int]:
        self._writer.write_record(request)  # half a pair is on disk when the disk fills
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self.warc_file)

    monkeypatch.setattr(captures._OpenWarc, "write_pair", write_pair)
    with pytest.raises(OSError, match=r"\[Errno 28\] No space left on device"):
        writer.write(_capture(2))
    monkeypatch.setattr(captures._OpenWarc, "write_pair", original)

    with pytest.raises(CaptureError, match="closed: an earlier write failed"):
        writer.write(_capture(3))
    assert writer.files == (first.warc_file,)
    assert [r.url for r in iter_captures(tmp_path / first.warc_file)] == [_capture(1).url]
    assert _hidden(tmp_path) == []  # the half-written file is gone
    with CaptureWriter(folder, prefix="run-2", root=tmp_path) as fresh:
        again = fresh.write(_capture(2))
    assert [r.url for r in iter_captures(tmp_path / again.warc_file)] == [_capture(2).url]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES])
def test_a_lake_part_that_cannot_be_synced_never_appears(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    rows = source_configs_table(
        [Source(name="gazette", feeds=("https://gazette.test/rss",))], "run-1"
    )
    monkeypatch.setattr("warehouse.lake.os.fsync", _failing_fsync(code))

    with pytest.raises(OSError) as raised:
        lake.write_part(tmp_path, SOURCE_CONFIGS, rows, partition="run_date=x", name="p")

    assert raised.value.errno == code
    assert list(tmp_path.rglob("*.parquet")) == []
    assert _hidden(tmp_path) == []
    monkeypatch.undo()
    written = lake.write_part(tmp_path, SOURCE_CONFIGS, rows, partition="run_date=x", name="p")
    assert (tmp_path / written).is_file()


def test_a_commit_record_that_cannot_be_written_leaves_the_run_uncommitted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit = RunCommit(run_id="run-1", parts={}, flow="nightly-ingest", started_at=FETCHED)
    monkeypatch.setattr("warehouse.lake.os.fsync", _failing_fsync(errno.ENOSPC))

    with pytest.raises(OSError, match="No space left on device"):
        commit_run(tmp_path, commit)

    assert committed_run_ids(tmp_path) == []
    with pytest.raises(LakeError, match="has no commit record"):
        read_commit(tmp_path, "run-1")
    monkeypatch.undo()
    commit_run(tmp_path, commit)
    assert committed_run_ids(tmp_path) == ["run-1"]


def test_an_atomic_replacement_that_fails_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "replica.duckdb"
    target.write_bytes(b"old")
    monkeypatch.setattr("warehouse.atomic.os.fsync", _failing_fsync(errno.ENOSPC))

    with pytest.raises(OSError, match="No space left on device"), atomic.atomic_path(target) as t:
        t.write_bytes(b"new")

    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["replica.duckdb"]
