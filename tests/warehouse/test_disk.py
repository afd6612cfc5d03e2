"""Free-disk checks against the real filesystem: thresholds just above and below what is free."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from warehouse.disk import (
    InsufficientDiskSpaceError,
    check_free_space,
    human_bytes,
    nearest_existing,
)

TIB = 1024**4


def test_enough_space_returns_the_free_bytes(tmp_path: Path) -> None:
    before = shutil.disk_usage(tmp_path).free

    free = check_free_space(tmp_path, min_free_bytes=1)

    # Other processes write too: the two readings agree to within a few hundred MiB.
    assert abs(free - before) < 256 * 1024**2
    assert check_free_space(tmp_path, min_free_bytes=0) > 0


def test_too_little_space_names_the_path_and_both_amounts(tmp_path: Path) -> None:
    required = shutil.disk_usage(tmp_path).free + 1000 * TIB

    with pytest.raises(InsufficientDiskSpaceError) as caught:
        check_free_space(tmp_path, min_free_bytes=required)

    error = caught.value
    assert error.path == tmp_path
    assert error.checked == tmp_path
    assert error.required_bytes == required
    assert error.free_bytes < required
    assert str(error) == (
        f"not enough free disk space for {tmp_path}: {human_bytes(error.free_bytes)} free, "
        f"{human_bytes(required)} required"
    )


def test_a_path_that_does_not_exist_yet_is_checked_at_its_nearest_parent(tmp_path: Path) -> None:
    future = tmp_path / "captures" / "run_date=2025-03-04" / "gazette"
    required = shutil.disk_usage(tmp_path).free + TIB

    assert check_free_space(future, min_free_bytes=1) > 0
    with pytest.raises(InsufficientDiskSpaceError, match=r"\(checked at .*\): .* free, ") as caught:
        check_free_space(future, min_free_bytes=required)
    assert caught.value.checked == tmp_path
    assert str(future) in str(caught.value)
    assert not future.exists()


def test_nearest_existing(tmp_path: Path) -> None:
    assert nearest_existing(tmp_path) == tmp_path
    assert nearest_existing(tmp_path / "a" / "b") == tmp_path
    assert nearest_existing(Path("/no-such-top-level-dir/x")) == Path("/")


def test_a_negative_threshold_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        check_free_space(tmp_path, min_free_bytes=-1)


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"),
        (1023, "1023 B"),
        (1024, "1.0 KiB"),
        (1536, "1.5 KiB"),
        (1024**2 - 1, "1.0 MiB"),
        (5 * 1024**3, "5.0 GiB"),
        (int(2.25 * TIB), "2.2 TiB"),
        (3 * 1024**6, "3072.0 PiB"),
    ],
)
def test_human_bytes(size: int, text: str) -> None:
    assert human_bytes(size) == text
