"""Free-disk checks before a run writes captures, lake parts or the warehouse file."""

from __future__ import annotations

import shutil
from pathlib import Path

_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB")


class InsufficientDiskSpaceError(Exception):
    """Raised when the filesystem that would hold a path has less free space than required."""

    def __init__(self, *, path: Path, checked: Path, free_bytes: int, required_bytes: int) -> None:
        self.path = path
        self.checked = checked
        self.free_bytes = free_bytes
        self.required_bytes = required_bytes
        where = str(path) if checked == path else f"{path} (checked at {checked})"
        super().__init__(
            f"not enough free disk space for {where}: {human_bytes(free_bytes)} free, "
            f"{human_bytes(required_bytes)} required"
        )


def check_free_space(path: Path, *, min_free_bytes: int) -> int:
    """Return the free bytes on the filesystem that holds (or would hold) path.

    A path that does not exist yet is checked at its nearest existing parent. Raises
    InsufficientDiskSpaceError when fewer than min_free_bytes are free.
    """
    if min_free_bytes < 0:
        raise ValueError(f"min_free_bytes must not be negative, got {min_free_bytes}")
    checked = nearest_existing(path)
    free = shutil.disk_usage(checked).free
    if free < min_free_bytes:
        raise InsufficientDiskSpaceError(
            path=path, checked=checked, free_bytes=free, required_bytes=min_free_bytes
        )
    return free


def nearest_existing(path: Path) -> Path:
    """Return path itself if it exists, else its nearest existing parent."""
    candidate = path.absolute()
    while not candidate.exists() and candidate != candidate.parent:
        candidate = candidate.parent
    return candidate


def human_bytes(size: int) -> str:
    """Return a byte count in binary units, one decimal above bytes: '1.5 GiB'."""
    if abs(size) < 1024:
        return f"{size} B"
    value = float(size)
    for unit in _UNITS[1:]:
        value /= 1024
        # Compare the rounded value, so 1048575 bytes reads "1.0 MiB", not "1024.0 KiB".
        if abs(round(value, 1)) < 1024 or unit == _UNITS[-1]:
            break
    return f"{value:.1f} {unit}"
