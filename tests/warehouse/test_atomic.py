"""atomic_path: the target is either untouched or wholly replaced, and no temporary stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.atomic import atomic_path


def test_success_replaces_the_target_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "part.parquet"
    with atomic_path(target) as temporary:
        temporary.write_bytes(b"new")
        assert not target.exists()
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["part.parquet"]


def test_failure_keeps_the_old_target_and_removes_the_temporary(tmp_path: Path) -> None:
    target = tmp_path / "part.parquet"
    target.write_bytes(b"old")
    with pytest.raises(OSError, match="disk full"), atomic_path(target) as temporary:
        temporary.write_bytes(b"half")
        raise OSError(28, "disk full")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["part.parquet"]
