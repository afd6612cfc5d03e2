"""No source name, URL, run id or hand-edited record writes or reads outside its storage
folder: "..", absolute paths, separators and NUL bytes are refused before any file is
touched."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from transforms.records import Source
from transforms.shared_clock import host_file_name
from warehouse.captures import CaptureError, CaptureWriter, capture_directory, read_capture
from warehouse.lake import COMMITS_DIR, LakeError, read_commit, write_part
from warehouse.rows import source_configs_table
from warehouse.schema import SOURCE_CONFIGS

HOSTILE_NAMES = [
    "../escape",
    "../../etc/passwd",
    "/etc/passwd",
    "a/b",
    "a\\b",
    "nul\0byte",
    ".hidden",
    "..",
    "",
    "new\nline",
]


def _everything_under(root: Path) -> set[Path]:
    return set(root.rglob("*"))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_capture_folder_is_never_named_by_a_hostile_source(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="cannot be a file name part"):
        capture_directory(tmp_path / "captures", run_date=date(2026, 11, 25), source=name)
    with pytest.raises(ValueError, match="cannot be a file name part"):
        CaptureWriter(tmp_path / "captures", prefix=name)
    assert _everything_under(tmp_path) == set()


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_lake_part_is_never_named_by_a_hostile_source(tmp_path: Path, name: str) -> None:
    lake = tmp_path / "lake"
    lake.mkdir()
    rows = source_configs_table([Source(name="gazette", urls=("https://g.test/1",))], "run-1")

    with pytest.raises(ValueError, match="is not a part path"):
        write_part(lake, SOURCE_CONFIGS, rows, partition="run_date=2026-11-25", name=name)
    if name != "a/b":  # partitions may nest folders (year/month/day): still inside
        with pytest.raises(ValueError, match="is not a part path"):
            write_part(lake, SOURCE_CONFIGS, rows, partition=name, name="part")
    assert _everything_under(tmp_path) == {lake}


@pytest.mark.parametrize(
    "part",
    ["../../outside.parquet", "/etc/passwd", "extractions/../../x.parquet", "other/x.parquet"],
)
def test_a_hand_edited_commit_record_cannot_point_outside_the_lake(
    tmp_path: Path, part: str
) -> None:
    (tmp_path / COMMITS_DIR).mkdir()
    record = {"run_id": "run-1", "parts": {"extractions": [part]}, "started_at": None}
    (tmp_path / COMMITS_DIR / "run-1.json").write_text(json.dumps(record), encoding="utf-8")

    with pytest.raises(LakeError, match="is not a part path of table extractions"):
        read_commit(tmp_path, "run-1")


@pytest.mark.parametrize("run_id", ["../run-1", "/tmp/run-1", "run\0"])
def test_a_run_id_is_never_a_path(tmp_path: Path, run_id: str) -> None:
    with pytest.raises(LakeError, match="is no run id"):
        read_commit(tmp_path, run_id)


@pytest.mark.parametrize(
    "warc_file", ["../../etc/passwd", "/etc/passwd", "run_date=x/../../../etc/passwd", ""]
)
def test_a_capture_is_never_read_from_outside_the_captures_folder(
    tmp_path: Path, warc_file: str
) -> None:
    with pytest.raises(CaptureError, match="not a path inside the captures directory"):
        read_capture(tmp_path, warc_file, 0)


@pytest.mark.parametrize(
    "host", ["../../etc", "a/b:80", "nul\0.test", "..", "x" * 500, "[::1]:8080", "UPPER.test"]
)
def test_a_host_clock_file_is_one_safe_name_whatever_the_host(host: str) -> None:
    folder = Path("/var/locks/hosts")
    name = host_file_name(host)

    assert (folder / name).parent == folder  # one name inside the folder, never a path
    assert "\0" not in name and name not in (".", "..")
    assert name.endswith(".clock") and len(name) < 120
    assert host_file_name(host) == name != host_file_name(host + "x")


def test_hostile_values_are_stored_as_values(tmp_path: Path) -> None:
    # Names are checked; what a page says is only ever a value (see test_hostile_inputs).
    source = Source(name="gazette", home_url="https://g.test/'; DROP TABLE sources; --")
    rows = source_configs_table([source], "run-1")
    relative = write_part(tmp_path, SOURCE_CONFIGS, rows, partition="run_date=x", name="p")

    assert relative == "source_configs/run_date=x/p.parquet"
    stored = pq.read_table(tmp_path / relative).column("home_url").to_pylist()
    assert stored == [source.home_url]
