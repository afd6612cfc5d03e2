"""Checks a run makes before it starts work, so that it fails early and clearly."""

from __future__ import annotations

from flows.config import Settings
from warehouse.disk import check_free_space


def check_storage(settings: Settings) -> None:
    """Raise InsufficientDiskSpaceError when any storage location is below the free-space
    threshold the config sets (``[storage] min_free_gb``)."""
    # A lake elsewhere (an object store) has no free space this machine could measure.
    lake = [settings.lake.local_root] if settings.lake.local_root is not None else []
    for path in (settings.captures_dir, *lake, settings.warehouse_path.parent):
        check_free_space(path, min_free_bytes=settings.min_free_bytes)
