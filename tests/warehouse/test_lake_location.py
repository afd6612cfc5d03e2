"""The lake at a filesystem URL: one filesystem object reaches it, and a commit record (not
a rename) makes a run visible, on the local disk and on fsspec's in-memory filesystem alike
(it has no local path, so any path taken for a local one would fail here)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.builders import PARTITION, make_article, outcome_for, run_info, snapshot
from warehouse.connection import open_warehouse
from warehouse.lake import (
    Lake,
    LakeError,
    RunCommit,
    commit_run,
    committed_run_ids,
    compact_parts,
    read_commit,
    write_part,
)
from warehouse.load import load_run
from warehouse.rows import extractions_table, outcomes_table
from warehouse.schema import EXTRACTIONS, URL_OUTCOMES

ARTICLES = [make_article(f"https://gazette.example/news/{n}") for n in range(6)]


@pytest.fixture
def memory_lake() -> Iterator[Lake]:
    """Return an empty lake on fsspec's in-memory filesystem, removed after the test."""
    lake = Lake.at(f"memory://lake-{uuid.uuid4().hex}/lake")
    yield lake
    if lake.filesystem.exists(lake.root):
        lake.filesystem.rm(lake.root, recursive=True)


def _write_run(lake: Lake | Path, run_id: str) -> RunCommit:
    """Write a run as a flow does: small parts per batch, merged, then committed."""
    extractions = tuple(
        write_part(
            lake,
            EXTRACTIONS,
            extractions_table(ARTICLES[batch * 2 : batch * 2 + 2], run_id),
            partition=PARTITION,
            name=f"{run_id}-{batch:05d}",
        )
        for batch in range(3)
    )
    outcomes = write_part(
        lake,
        URL_OUTCOMES,
        outcomes_table([outcome_for(article) for article in ARTICLES], run_id),
        partition=PARTITION,
        name=f"{run_id}-outcomes",
    )
    merged = compact_parts(lake, EXTRACTIONS, extractions, name=f"{run_id}-extractions")
    commit = RunCommit(run_id=run_id, parts={"extractions": merged, "url_outcomes": (outcomes,)})
    commit_run(lake, commit)
    return commit


def _loaded(folder: Path, lake: Lake | Path, run_id: str) -> dict[str, list[tuple[object, ...]]]:
    connection = open_warehouse(folder / "mediawatch.duckdb")
    try:
        assert load_run(connection, lake, run_info(run_id))
        state = snapshot(connection)
    finally:
        connection.close()
    # When the load finished is the one value two loads cannot share.
    state["runs"] = [row[:3] + row[4:] for row in state["runs"]]
    return state


def test_a_run_in_a_memory_lake_loads_as_the_same_run_in_a_local_one(
    memory_lake: Lake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a relative local path would land here
    local = tmp_path / "local-lake"
    _write_run(local, "run-1")

    commit = _write_run(memory_lake, "run-1")

    assert committed_run_ids(memory_lake) == ["run-1"]
    assert read_commit(memory_lake, "run-1").parts == commit.parts
    assert len(commit.parts["extractions"]) == 1  # the three batch parts were merged
    assert sorted(memory_lake.list_names(f"extractions/{PARTITION}", ".parquet")) == [
        "run-1-extractions-000.parquet"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["local-lake"]
    in_memory = _loaded(tmp_path / "from-memory", memory_lake, "run-1")
    assert in_memory == _loaded(tmp_path / "from-disk", local, "run-1")
    assert len(in_memory["articles"]) == len(ARTICLES)


def test_parts_without_a_commit_record_are_no_run(memory_lake: Lake, tmp_path: Path) -> None:
    write_part(
        memory_lake,
        EXTRACTIONS,
        extractions_table(ARTICLES[:1], "run-1"),
        partition=PARTITION,
        name="run-1-00000",
    )

    assert committed_run_ids(memory_lake) == []
    connection: duckdb.DuckDBPyConnection = open_warehouse(tmp_path / "mediawatch.duckdb")
    try:
        with pytest.raises(LakeError, match="no commit record"):
            load_run(connection, memory_lake, run_info("run-1"))
    finally:
        connection.close()


def test_a_failed_write_leaves_the_object_store_as_it_was(memory_lake: Lake) -> None:
    relative = f"extractions/{PARTITION}/p.parquet"
    with memory_lake.writing(relative, fault_point="parquet") as handle:
        handle.write(b"first")

    with (
        pytest.raises(RuntimeError, match="disk full"),
        memory_lake.writing(relative, fault_point="parquet") as handle,
    ):
        handle.write(b"half of the second")
        raise RuntimeError("disk full")

    assert memory_lake.read_bytes(relative) == b"first"
    with (
        pytest.raises(RuntimeError),
        memory_lake.writing("extractions/never.parquet", fault_point="parquet") as handle,
    ):
        raise RuntimeError("before a byte")
    assert not memory_lake.exists("extractions/never.parquet")


def test_a_local_path_and_its_file_url_are_the_same_lake(tmp_path: Path) -> None:
    by_path = Lake.at(tmp_path / "lake")
    by_url = Lake.at(f"file://{tmp_path}/lake")

    assert by_path.root == by_url.root == str(tmp_path / "lake")
    assert by_path.local_root == tmp_path / "lake"
    assert Lake.at("memory://bucket/lake").local_root is None


@pytest.mark.parametrize(
    ("url", "problem"),
    [("nope://bucket/lake", "Protocol not known"), ("s3://bucket/lake", "s3fs")],
)
def test_a_lake_url_no_installed_filesystem_reaches_is_refused(url: str, problem: str) -> None:
    with pytest.raises(LakeError, match=f"cannot reach the lake at {url}: .*{problem}"):
        Lake.at(url)
