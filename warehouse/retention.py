"""Capture retention: delete WARC files older than their source's retention period.

Expected layout (``warehouse.captures.capture_directory`` builds it)::

    captures_dir/
        run_date=2025-03-04/          the UTC day the run started
            gazette/                  the configured source name
                <prefix>-00000.warc.gz
                .<name>.warc.gz.<hex>.tmp   (left by a crashed writer)

Age comes from the ``run_date=`` folder, not from file times, so copying or restoring files
does not change what is kept. A source's folder of day D is deleted once D is more than
keep_days days before the UTC day of ``now``: with keep_days=7 on 2025-03-10, 2025-03-03 stays
and 2025-03-02 goes. A source with no setting is kept for ever.

Nothing outside the layout is deleted: other files and folders are reported as skipped, and
symbolic links are never followed nor deleted, wherever they point.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from warehouse.captures import RUN_DATE_PREFIX, WARC_SUFFIX

_RUN_DATE = re.compile(re.escape(RUN_DATE_PREFIX) + r"(\d{4}-\d{2}-\d{2})")
# What a CaptureWriter leaves: finished files and the temporaries of crashed runs.
_TEMPORARY = re.compile(r"\..+" + re.escape(WARC_SUFFIX) + r"\.[0-9a-f]+\.tmp")


class RetentionError(Exception):
    """Raised when pruning would touch a path outside the captures directory."""


@dataclass(frozen=True, kw_only=True)
class PrunedFile:
    """A deleted capture file."""

    path: str
    """Relative to the captures directory, POSIX separators (as CaptureRecord.warc_file)."""
    source: str
    run_date: date
    size: int


@dataclass(frozen=True, kw_only=True)
class SkippedPath:
    """Something pruning found where the layout does not expect it, and left alone."""

    path: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class PruneReport:
    """What pruning deleted (or, in a dry run, would delete) and what it left alone."""

    deleted: tuple[PrunedFile, ...]
    removed_dirs: tuple[str, ...]
    skipped: tuple[SkippedPath, ...]
    dry_run: bool = False

    @property
    def bytes_freed(self) -> int:
        """Return the total size of the deleted files."""
        return sum(f.size for f in self.deleted)


def prune_captures(
    captures_dir: Path,
    *,
    keep_days: Mapping[str, int] | int,
    now: datetime,
    dry_run: bool = False,
) -> PruneReport:
    """Delete capture files older than their source's keep_days; return what was deleted.

    keep_days is one period for every source, or a period per source name (sources not in
    the mapping are kept for ever). A period is at least one day, because a run that passes
    midnight still writes to the folder of the day it started. now may be naive (UTC).
    """
    _check_periods(keep_days)
    if not captures_dir.is_dir():
        return PruneReport(deleted=(), removed_dirs=(), skipped=(), dry_run=dry_run)
    root = captures_dir.resolve(strict=True)
    aware = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
    today = aware.astimezone(UTC).date()
    pruning = _Pruning(root, dry_run=dry_run)
    for day_entry in _entries(root):
        if pruning.skip_if_unexpected(day_entry, directory=True):
            continue
        match = _RUN_DATE.fullmatch(day_entry.name)
        run_date = _parse_date(match.group(1)) if match else None
        if run_date is None:
            pruning.skip(day_entry, f"not a {RUN_DATE_PREFIX}YYYY-MM-DD folder")
            continue
        day = Path(day_entry.path)
        pruned_any = False
        for source_entry in _entries(day):
            if pruning.skip_if_unexpected(source_entry, directory=True):
                continue
            period = keep_days if isinstance(keep_days, int) else keep_days.get(source_entry.name)
            if period is not None and run_date < today - timedelta(days=period):
                pruning.prune_source(Path(source_entry.path), source_entry.name, run_date)
                pruned_any = True
        if pruned_any:
            pruning.remove_if_empty(day)
    return pruning.report()


class _Pruning:
    def __init__(self, root: Path, *, dry_run: bool) -> None:
        self._root = root
        self._dry_run = dry_run
        self._deleted: list[PrunedFile] = []
        self._removed: list[str] = []
        self._skipped: list[SkippedPath] = []

    def report(self) -> PruneReport:
        return PruneReport(
            deleted=tuple(self._deleted),
            removed_dirs=tuple(self._removed),
            skipped=tuple(self._skipped),
            dry_run=self._dry_run,
        )

    def skip(self, entry: os.DirEntry[str], reason: str) -> None:
        self._skipped.append(SkippedPath(path=self._relative(Path(entry.path)), reason=reason))

    def skip_if_unexpected(self, entry: os.DirEntry[str], *, directory: bool) -> bool:
        """Record and return whether an entry is a link or not of the expected kind."""
        if entry.is_symlink():
            self.skip(
                entry, f"symbolic link to {Path(entry.path).readlink()}; links are not followed"
            )
            return True
        if directory and not entry.is_dir(follow_symlinks=False):
            self.skip(entry, "a file where the layout has folders")
            return True
        if not directory and not entry.is_file(follow_symlinks=False):
            self.skip(entry, "not a regular file")
            return True
        return False

    def prune_source(self, folder: Path, source: str, run_date: date) -> None:
        for entry in _entries(folder):
            if entry.is_dir(follow_symlinks=False):
                self.skip(entry, "a folder inside a source folder")
                continue
            if self.skip_if_unexpected(entry, directory=False):
                continue
            if not (entry.name.endswith(WARC_SUFFIX) or _TEMPORARY.fullmatch(entry.name)):
                self.skip(entry, "not a capture file")
                continue
            path = self._checked(Path(entry.path))
            size = entry.stat(follow_symlinks=False).st_size
            if not self._dry_run:
                path.unlink()
            relative = self._relative(path)
            self._deleted.append(
                PrunedFile(path=relative, source=source, run_date=run_date, size=size)
            )
        self.remove_if_empty(folder)

    def remove_if_empty(self, folder: Path) -> None:
        if self._dry_run or any(folder.iterdir()):
            return
        self._checked(folder).rmdir()
        self._removed.append(self._relative(folder))

    def _checked(self, path: Path) -> Path:
        # Belt and braces: links were skipped on the way down, but the tree may change under us.
        if path.is_symlink() or not path.resolve().is_relative_to(self._root):
            raise RetentionError(f"refusing to delete {path}: it is not inside {self._root}")
        if path.resolve() == self._root:
            raise RetentionError(f"refusing to delete the captures directory {self._root}")
        return path

    def _relative(self, path: Path) -> str:
        return path.relative_to(self._root).as_posix()


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: e.name)


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _check_periods(keep_days: Mapping[str, int] | int) -> None:
    periods = {"every source": keep_days} if isinstance(keep_days, int) else dict(keep_days)
    for source, days in periods.items():
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise ValueError(
                f"keep_days for {source} must be a whole number of days >= 1: {days!r}"
            )
