"""Backfill parameters checked together, every problem in one message; run names."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from flows.backfill_request import (
    BackfillParameterError,
    BackfillRequest,
    backfill_label,
    backfill_request,
)

TODAY = date(2026, 11, 25)
CONFIGURED = ("harbour-ledger", "rheinblick", "le-guetteur")


def _request(tmp_path: Path, **changes: object) -> BackfillRequest:
    arguments: dict[str, object] = {
        "start": date(2026, 1, 1),
        "end": date(2026, 1, 31),
        "mode": "reextract",
        "sources": None,
        "dry_run": False,
        "warc_files": None,
        "configured": CONFIGURED,
        "today": TODAY,
        "base_dir": tmp_path,
    }
    arguments.update(changes)
    return backfill_request(**arguments)  # type: ignore[arg-type]


def test_a_valid_request_covers_whole_utc_days_of_every_source(tmp_path: Path) -> None:
    request = _request(tmp_path)
    assert request.sources == CONFIGURED
    assert request.start_at == datetime(2026, 1, 1, tzinfo=UTC)
    assert request.end_before == datetime(2026, 2, 1, tzinfo=UTC)
    assert request.warc_files == ()


def test_named_sources_are_kept_in_order_once(tmp_path: Path) -> None:
    request = _request(tmp_path, sources=["rheinblick", "harbour-ledger", "rheinblick"])
    assert request.sources == ("rheinblick", "harbour-ledger")


def test_every_problem_is_reported_in_one_message(tmp_path: Path) -> None:
    with pytest.raises(BackfillParameterError) as raised:
        _request(
            tmp_path,
            start=date(2026, 12, 5),
            end=date(2026, 12, 1),
            sources=["rheinblick", "daily-planet"],
            warc_files=["cc-news.warc.gz"],
        )
    message = str(raised.value)
    assert "end (2026-12-01) is before start (2026-12-05)" in message
    assert "start (2026-12-05) is after today (2026-11-25, UTC)" in message
    assert "unknown sources daily-planet: the config names harbour-ledger, rheinblick" in message
    assert "warc_files are read by mode import-warc only, not by reextract" in message


def test_an_unknown_mode_names_the_modes(tmp_path: Path) -> None:
    with pytest.raises(BackfillParameterError, match="mode must be one of reextract, refetch, "):
        _request(tmp_path, mode="rewrite")


def test_import_warc_needs_files_that_exist(tmp_path: Path) -> None:
    with pytest.raises(BackfillParameterError, match="import-warc needs warc_files"):
        _request(tmp_path, mode="import-warc")
    with pytest.raises(BackfillParameterError, match=r"no WARC file at 'missing/\*\.warc\.gz'"):
        _request(tmp_path, mode="import-warc", warc_files=["missing/*.warc.gz"])


def test_import_warc_expands_folders_and_patterns_relative_to_the_base(tmp_path: Path) -> None:
    crawl = tmp_path / "cc-news"
    crawl.mkdir()
    for name in ("b.warc.gz", "a.warc.gz", "c.warc", "notes.txt"):
        (crawl / name).write_bytes(b"")
    single = tmp_path / "one.warc.gz"
    single.write_bytes(b"")
    request = _request(
        tmp_path, mode="import-warc", warc_files=["cc-news", "cc-news/a.*", str(single)]
    )
    # Each file once, in the order given (a folder's files sorted by name).
    assert request.warc_files == (
        crawl / "a.warc.gz",
        crawl / "b.warc.gz",
        crawl / "c.warc",
        single,
    )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 1, 1), date(2026, 1, 31), "backfill 2026-01-01..01-31 reextract"),
        (date(2026, 1, 5), date(2026, 1, 5), "backfill 2026-01-05 reextract"),
        (date(2025, 12, 1), date(2026, 1, 31), "backfill 2025-12-01..2026-01-31 reextract"),
        ("2026-01-01", "2026-01-31", "backfill 2026-01-01..01-31 reextract"),
    ],
)
def test_run_names_say_what_a_backfill_covers(
    start: date | str, end: date | str, expected: str
) -> None:
    assert backfill_label(start, end, "reextract") == expected


def test_run_names_add_the_sources_and_a_dry_run() -> None:
    assert (
        backfill_label(date(2026, 1, 1), date(2026, 1, 2), "refetch", sources=["rheinblick"])
        == "backfill 2026-01-01..01-02 refetch rheinblick"
    )
    assert (
        backfill_label(
            "2026-01-01", "2026-01-02", "import-warc", sources=list("abcd"), dry_run=True
        )
        == "backfill 2026-01-01..01-02 import-warc 4 sources (dry run)"
    )
