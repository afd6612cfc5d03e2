"""Capture retention: per-source periods over run_date folders, never outside the captures dir."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from warehouse.captures import CaptureInput, CaptureWriter, capture_directory, read_capture
from warehouse.retention import PrunedFile, PruneReport, SkippedPath, prune_captures

NOW = datetime(2025, 3, 10, 2, 0, tzinfo=UTC)


def _warc(captures: Path, day: str, source: str, name: str = "run-00000.warc.gz") -> Path:
    path = captures / f"run_date={day}" / source / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * (len(source) + len(day)))
    return path


def _files(captures: Path) -> list[str]:
    return sorted(p.relative_to(captures).as_posix() for p in captures.rglob("*") if p.is_file())


def test_each_source_keeps_its_own_number_of_days(tmp_path: Path) -> None:
    for day in ("2025-03-01", "2025-03-02", "2025-03-03", "2025-03-09", "2025-03-10"):
        for source in ("gazette", "courier", "herald"):
            _warc(tmp_path, day, source)

    report = prune_captures(tmp_path, keep_days={"gazette": 7, "courier": 1}, now=NOW)

    # gazette keeps 2025-03-03 .. 03-10; courier keeps 03-09 and 03-10; herald is kept for ever.
    assert [(f.source, f.run_date.isoformat()) for f in report.deleted] == [
        ("courier", "2025-03-01"),
        ("gazette", "2025-03-01"),
        ("courier", "2025-03-02"),
        ("gazette", "2025-03-02"),
        ("courier", "2025-03-03"),
    ]
    assert report.deleted[0] == PrunedFile(
        path="run_date=2025-03-01/courier/run-00000.warc.gz",
        source="courier",
        run_date=date(2025, 3, 1),
        size=len("courier") + len("2025-03-01"),
    )
    assert report.bytes_freed == sum(f.size for f in report.deleted) == 5 * len("gazette2025-03-01")
    assert report.removed_dirs == (
        "run_date=2025-03-01/courier",
        "run_date=2025-03-01/gazette",
        "run_date=2025-03-02/courier",
        "run_date=2025-03-02/gazette",
        "run_date=2025-03-03/courier",
    )
    assert report.skipped == ()
    assert _files(tmp_path) == [
        "run_date=2025-03-01/herald/run-00000.warc.gz",
        "run_date=2025-03-02/herald/run-00000.warc.gz",
        "run_date=2025-03-03/gazette/run-00000.warc.gz",
        "run_date=2025-03-03/herald/run-00000.warc.gz",
        *(
            f"run_date=2025-03-{d}/{s}/run-00000.warc.gz"
            for d in ("09", "10")
            for s in ("courier", "gazette", "herald")
        ),
    ]


def test_one_period_for_every_source_removes_emptied_day_folders(tmp_path: Path) -> None:
    _warc(tmp_path, "2025-02-01", "gazette")
    _warc(tmp_path, "2025-02-01", "courier", "a-00000.warc.gz")
    _warc(tmp_path, "2025-02-01", "courier", "a-00001.warc.gz")
    _warc(tmp_path, "2025-03-09", "gazette")

    report = prune_captures(tmp_path, keep_days=30, now=NOW)

    assert [f.path for f in report.deleted] == [
        "run_date=2025-02-01/courier/a-00000.warc.gz",
        "run_date=2025-02-01/courier/a-00001.warc.gz",
        "run_date=2025-02-01/gazette/run-00000.warc.gz",
    ]
    assert report.removed_dirs[-1] == "run_date=2025-02-01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run_date=2025-03-09"]


def test_the_boundary_day_is_kept_and_naive_now_means_utc(tmp_path: Path) -> None:
    kept = _warc(tmp_path, "2025-03-03", "gazette")
    gone = _warc(tmp_path, "2025-03-02", "gazette")

    report = prune_captures(tmp_path, keep_days=7, now=datetime(2025, 3, 10, 23, 59))

    assert kept.exists()
    assert not gone.exists()
    assert [f.run_date for f in report.deleted] == [date(2025, 3, 2)]


def test_the_day_is_taken_in_utc(tmp_path: Path) -> None:
    _warc(tmp_path, "2025-03-02", "gazette")
    # 2025-03-10 00:30 in Berlin is still 2025-03-09 in UTC: 03-02 is then within 7 days.
    berlin_morning = datetime.fromisoformat("2025-03-10T00:30:00+01:00")

    assert prune_captures(tmp_path, keep_days=7, now=berlin_morning).deleted == ()


def test_files_written_by_the_capture_writer_are_pruned_and_temporaries_with_them(
    tmp_path: Path,
) -> None:
    old = capture_directory(tmp_path, run_date=date(2025, 1, 2), source="gazette")
    new = capture_directory(tmp_path, run_date=date(2025, 3, 10), source="gazette")
    capture = CaptureInput(
        url="https://gazette.example/a",
        status=200,
        headers=(),
        body=b"<p>quay</p>",
        fetched_at=NOW,
    )
    with CaptureWriter(old, prefix="run-1", root=tmp_path) as writer:
        writer.write(capture)
    crashed = CaptureWriter(old, prefix="run-2", root=tmp_path)
    crashed.write(capture)  # never closed: the temporary a killed process leaves
    with CaptureWriter(new, prefix="run-3", root=tmp_path) as writer:
        kept = writer.write(capture)

    report = prune_captures(tmp_path, keep_days={"gazette": 30}, now=NOW)

    names = sorted(Path(f.path).name for f in report.deleted)
    assert names[1] == "run-1-00000.warc.gz"
    assert names[0].startswith(".run-2-00000.warc.gz.") and names[0].endswith(".tmp")
    assert report.bytes_freed > 0
    assert _files(tmp_path) == [kept.warc_file]
    assert read_capture(tmp_path, kept.warc_file, kept.offset).body == b"<p>quay</p>"


def test_dry_run_reports_without_deleting(tmp_path: Path) -> None:
    path = _warc(tmp_path, "2025-01-01", "gazette")

    report = prune_captures(tmp_path, keep_days=1, now=NOW, dry_run=True)

    assert report.dry_run
    assert [f.path for f in report.deleted] == ["run_date=2025-01-01/gazette/run-00000.warc.gz"]
    assert report.removed_dirs == ()
    assert path.exists()


def test_what_does_not_fit_the_layout_is_reported_and_left(tmp_path: Path) -> None:
    (tmp_path / "README.txt").write_text("notes")
    (tmp_path / "scratch").mkdir()
    (tmp_path / "run_date=2025-13-01").mkdir()
    legacy = tmp_path / "run_date=2025-01-01" / "20250101T000000Z-abc-00000.warc.gz"
    _warc(tmp_path, "2025-01-01", "gazette")
    legacy.write_bytes(b"flat layout")
    notes = tmp_path / "run_date=2025-01-01" / "gazette" / "notes.txt"
    notes.write_text("keep me")
    (tmp_path / "run_date=2025-01-01" / "gazette" / "nested").mkdir()

    report = prune_captures(tmp_path, keep_days=1, now=NOW)

    assert report.skipped == (
        SkippedPath(path="README.txt", reason="a file where the layout has folders"),
        SkippedPath(
            path="run_date=2025-01-01/20250101T000000Z-abc-00000.warc.gz",
            reason="a file where the layout has folders",
        ),
        SkippedPath(
            path="run_date=2025-01-01/gazette/nested", reason="a folder inside a source folder"
        ),
        SkippedPath(path="run_date=2025-01-01/gazette/notes.txt", reason="not a capture file"),
        SkippedPath(path="run_date=2025-13-01", reason="not a run_date=YYYY-MM-DD folder"),
        SkippedPath(path="scratch", reason="not a run_date=YYYY-MM-DD folder"),
    )
    assert [f.path for f in report.deleted] == ["run_date=2025-01-01/gazette/run-00000.warc.gz"]
    assert legacy.exists() and notes.exists()
    assert report.removed_dirs == ()


def test_symbolic_links_are_never_followed_or_deleted(tmp_path: Path) -> None:
    captures = tmp_path / "captures"
    outside = tmp_path / "precious"
    outside_warc = _warc(outside, "2025-01-01", "gazette")
    _warc(captures, "2025-01-02", "gazette")
    (captures / "run_date=2025-01-01").symlink_to(outside / "run_date=2025-01-01")
    (captures / "run_date=2025-01-02" / "courier").symlink_to(
        outside / "run_date=2025-01-01" / "gazette"
    )
    (captures / "run_date=2025-01-02" / "gazette" / "linked.warc.gz").symlink_to(outside_warc)

    report = prune_captures(captures, keep_days=1, now=NOW)

    assert outside_warc.read_bytes() == b"x" * 17
    assert [f.path for f in report.deleted] == ["run_date=2025-01-02/gazette/run-00000.warc.gz"]
    assert [s.path for s in report.skipped] == [
        "run_date=2025-01-01",
        "run_date=2025-01-02/courier",
        "run_date=2025-01-02/gazette/linked.warc.gz",
    ]
    assert all(s.reason.startswith(f"symbolic link to {outside}") for s in report.skipped)
    assert (captures / "run_date=2025-01-02" / "gazette" / "linked.warc.gz").is_symlink()


def test_a_linked_captures_directory_is_pruned_where_it_points(tmp_path: Path) -> None:
    real = tmp_path / "disk" / "captures"
    _warc(real, "2025-01-01", "gazette")
    link = tmp_path / "captures"
    link.symlink_to(real)

    report = prune_captures(link, keep_days=1, now=NOW)

    assert [f.path for f in report.deleted] == ["run_date=2025-01-01/gazette/run-00000.warc.gz"]
    assert list(real.iterdir()) == []


def test_a_missing_captures_directory_prunes_nothing(tmp_path: Path) -> None:
    report = prune_captures(tmp_path / "none", keep_days=1, now=NOW)

    assert report == PruneReport(deleted=(), removed_dirs=(), skipped=())
    assert report.bytes_freed == 0


@pytest.mark.parametrize("keep_days", [0, -3, {"gazette": 0}, {"gazette": True}])
def test_periods_of_less_than_a_day_are_refused(
    tmp_path: Path, keep_days: int | dict[str, int]
) -> None:
    _warc(tmp_path, "2025-01-01", "gazette")

    with pytest.raises(ValueError, match="whole number of days >= 1"):
        prune_captures(tmp_path, keep_days=keep_days, now=NOW)
    assert _files(tmp_path) == ["run_date=2025-01-01/gazette/run-00000.warc.gz"]
