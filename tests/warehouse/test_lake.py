"""The Parquet lake: atomic parts, commit records that make them visible."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.warehouse.builders import PARTITION, make_article, outcome_for
from warehouse.lake import (
    COMMITS_DIR,
    LakeError,
    RunCommit,
    commit_run,
    committed_run_ids,
    compact_parts,
    read_commit,
    write_part,
)
from warehouse.rows import extractions_table, outcomes_table
from warehouse.schema import EXTRACTIONS, URL_OUTCOMES

ARTICLE = make_article("https://gazette.example/news/harbour-wall")


def _shape(schema: pa.Schema) -> list[tuple[object, ...]]:
    # Parquet names list items "element" where Arrow says "item"; the rest must match.
    return [
        (
            field.name,
            field.nullable,
            field.type.value_type if pa.types.is_list(field.type) else field.type,
            field.metadata,
        )
        for field in schema
    ]


def _leftovers(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.name.endswith(".tmp"))


def test_write_part_returns_a_relative_path_and_round_trips(lake: Path) -> None:
    rows = extractions_table([ARTICLE], "run-1")

    relative = write_part(lake, EXTRACTIONS, rows, partition=PARTITION, name="run-1-00000")

    assert relative == f"extractions/{PARTITION}/run-1-00000.parquet"
    stored = pq.read_table(lake / relative)
    assert _shape(stored.schema) == _shape(EXTRACTIONS.arrow_schema)
    assert stored.schema.metadata == EXTRACTIONS.arrow_schema.metadata
    assert stored.to_pylist() == rows.to_pylist()


def test_write_part_uses_zstd(lake: Path) -> None:
    relative = write_part(
        lake, EXTRACTIONS, extractions_table([ARTICLE], "r"), partition=PARTITION, name="p"
    )

    metadata = pq.ParquetFile(lake / relative).metadata
    assert metadata.row_group(0).column(0).compression == "ZSTD"


def test_write_part_leaves_no_temporary_files(lake: Path) -> None:
    for index in range(3):
        write_part(
            lake,
            URL_OUTCOMES,
            outcomes_table([outcome_for(ARTICLE)], "run-1"),
            partition=PARTITION,
            name=f"run-1-{index:05d}",
        )

    assert _leftovers(lake) == []
    assert sorted(p.name for p in (lake / "url_outcomes" / PARTITION).iterdir()) == [
        "run-1-00000.parquet",
        "run-1-00001.parquet",
        "run-1-00002.parquet",
    ]


def test_write_part_replaces_a_part_of_the_same_name(lake: Path) -> None:
    first = extractions_table([ARTICLE], "run-1")
    second = extractions_table([ARTICLE, make_article("https://gazette.example/b")], "run-1")
    write_part(lake, EXTRACTIONS, first, partition=PARTITION, name="p")

    relative = write_part(lake, EXTRACTIONS, second, partition=PARTITION, name="p")

    assert pq.read_table(lake / relative).num_rows == 2
    assert _leftovers(lake) == []


def test_write_part_refuses_rows_that_break_the_schema(lake: Path) -> None:
    rows = extractions_table([ARTICLE], "run-1").to_pylist()
    rows[0]["text"] = None
    loose = pa.schema([pa.field(f.name, f.type, nullable=True) for f in EXTRACTIONS.arrow_schema])

    with pytest.raises(ValueError, match="non-nullable"):
        write_part(
            lake,
            EXTRACTIONS,
            pa.Table.from_pylist(rows, schema=loose),
            partition=PARTITION,
            name="p",
        )

    assert not (lake / "extractions" / PARTITION / "p.parquet").exists()
    assert _leftovers(lake) == []


def test_write_part_casts_compatible_types(lake: Path) -> None:
    rows = extractions_table([ARTICLE], "run-1")
    widened = rows.set_column(
        rows.schema.get_field_index("word_count"),
        "word_count",
        pa.array([ARTICLE.word_count], pa.int64()),
    )

    relative = write_part(lake, EXTRACTIONS, widened, partition=PARTITION, name="p")

    assert pq.read_schema(lake / relative).field("word_count").type == pa.int32()


def test_commit_run_records_the_parts(lake: Path) -> None:
    relative = write_part(
        lake, EXTRACTIONS, extractions_table([ARTICLE], "run-1"), partition=PARTITION, name="p"
    )
    commit = RunCommit(
        run_id="run-1",
        parts={"extractions": (relative,)},
        flow="nightly-ingest",
        started_at=datetime(2025, 3, 4, 6, 0, tzinfo=UTC),
        config_sha256="c0ffee",
    )

    relative_record = commit_run(lake, commit)

    assert relative_record == f"{COMMITS_DIR}/run-1.json"
    assert json.loads((lake / relative_record).read_text(encoding="utf-8")) == {
        "run_id": "run-1",
        "parts": {"extractions": [relative]},
        "flow": "nightly-ingest",
        "started_at": "2025-03-04T06:00:00+00:00",
        "config_sha256": "c0ffee",
    }
    assert read_commit(lake, "run-1") == commit
    assert commit.paths(lake, "extractions") == [lake / relative]
    assert commit.paths(lake, "url_outcomes") == []
    assert _leftovers(lake) == []


def test_commit_run_refuses_missing_parts(lake: Path) -> None:
    present = write_part(
        lake, EXTRACTIONS, extractions_table([ARTICLE], "run-1"), partition=PARTITION, name="p"
    )
    missing = f"url_outcomes/{PARTITION}/never-written.parquet"
    commit = RunCommit(
        run_id="run-1", parts={"extractions": (present,), "url_outcomes": (missing,)}
    )

    with pytest.raises(LakeError, match=r"never-written\.parquet of table url_outcomes is missing"):
        commit_run(lake, commit)

    assert committed_run_ids(lake) == []
    with pytest.raises(LakeError, match="no commit record"):
        read_commit(lake, "run-1")


def test_commit_run_refuses_a_directory_in_place_of_a_part(lake: Path) -> None:
    (lake / "extractions" / "not-a-file").mkdir(parents=True)

    with pytest.raises(LakeError):
        commit_run(
            lake, RunCommit(run_id="run-1", parts={"extractions": ("extractions/not-a-file",)})
        )


def test_committed_run_ids_sorted_oldest_first(lake: Path) -> None:
    assert committed_run_ids(lake) == []
    for run_id in ("20250305T060000Z-bbbbbb", "20250304T060000Z-cccccc", "20250306T060000Z-aaaaaa"):
        commit_run(lake, RunCommit(run_id=run_id, parts={}))

    assert committed_run_ids(lake) == [
        "20250304T060000Z-cccccc",
        "20250305T060000Z-bbbbbb",
        "20250306T060000Z-aaaaaa",
    ]


def test_a_commit_record_without_a_start_time_reads_as_its_own_time(lake: Path) -> None:
    commit_run(lake, RunCommit(run_id="run-1", parts={}))
    record = lake / COMMITS_DIR / "run-1.json"
    record.write_text(json.dumps({"run_id": "run-1", "parts": {}}), encoding="utf-8")

    first, second = read_commit(lake, "run-1"), read_commit(lake, "run-1")

    assert first.started_at is not None
    assert abs(first.started_at.timestamp() - record.stat().st_mtime) < 1e-5
    assert first == second


def _batch_parts(lake: Path, batches: int, partition: str = PARTITION) -> tuple[str, ...]:
    return tuple(
        write_part(
            lake,
            EXTRACTIONS,
            extractions_table(
                [make_article(f"https://gazette.example/news/{batch}-{n}") for n in range(3)],
                "run-1",
            ),
            partition=partition,
            name=f"run-1-{batch:05d}",
        )
        for batch in range(batches)
    )


def test_compaction_merges_a_runs_small_parts_per_partition_keeping_every_row(
    lake: Path,
) -> None:
    small = _batch_parts(lake, 4) + _batch_parts(lake, 2, partition="run_date=2025-03-05")
    before = pq.read_table([lake / p for p in small]).sort_by("article_id")

    merged = compact_parts(lake, EXTRACTIONS, small, name="run-1-extractions")

    assert len(merged) == 2
    assert {Path(p).parent.name for p in merged} == {PARTITION, "run_date=2025-03-05"}
    assert not any((lake / p).exists() for p in small)
    after = pq.read_table([lake / p for p in merged]).sort_by("article_id")
    assert after.equals(before.cast(after.schema))
    assert _leftovers(lake) == []


def test_compaction_splits_at_the_target_size_and_leaves_single_parts_alone(
    lake: Path,
) -> None:
    small = _batch_parts(lake, 4)
    one_part = (lake / small[0]).stat().st_size

    merged = compact_parts(lake, EXTRACTIONS, small, name="m", target_bytes=2 * one_part)
    single = compact_parts(lake, EXTRACTIONS, merged[:1], name="again")

    assert len(merged) == 2
    assert single == merged[:1]
    assert sum(pq.read_metadata(lake / p).num_rows for p in merged) == 12
