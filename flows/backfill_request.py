"""A backfill's parameters, checked together before it starts: what the UI's form cannot
check by itself (the range's order, the config's source names, the WARC files to import).

Every problem is reported at once, in one message that says what to change.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Literal, cast, get_args

BackfillMode = Literal["reextract", "refetch", "import-warc"]
"""reextract: extract stored WARC captures again, without fetching; refetch: fetch again the
URLs first seen in the range; import-warc: ingest external WARC files (e.g. CC-NEWS)."""
MODES: tuple[str, ...] = get_args(BackfillMode)
WARC_PATTERNS = ("*.warc", "*.warc.gz")


class BackfillParameterError(ValueError):
    """Raised for backfill parameters that cannot drive a run; the message lists them all."""


@dataclass(frozen=True, kw_only=True)
class BackfillRequest:
    """A backfill's checked parameters."""

    start: date
    end: date
    """Last day of the range, included."""
    mode: BackfillMode
    sources: tuple[str, ...]
    """The sources to work on (every configured one when the form named none)."""
    dry_run: bool
    warc_files: tuple[Path, ...] = ()
    """For import-warc: the files to read, patterns and folders expanded."""

    @property
    def start_at(self) -> datetime:
        """Return the range's first instant: ``start`` at 00:00 UTC."""
        return datetime.combine(self.start, time(0), tzinfo=UTC)

    @property
    def end_before(self) -> datetime:
        """Return the first instant after the range: the day after ``end`` at 00:00 UTC."""
        return datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=UTC)


def backfill_label(
    start: date | str,
    end: date | str,
    mode: str,
    *,
    sources: Sequence[str] | None = None,
    dry_run: bool = False,
) -> str:
    """Return what a backfill covers, as its flow run is named:
    ``backfill 2026-01-01..01-31 reextract`` (sources and "dry run" added when given)."""
    first, last = str(start)[:10], str(end)[:10]
    if first == last:
        covered = first
    elif first[:4] == last[:4]:
        covered = f"{first}..{last[5:]}"
    else:
        covered = f"{first}..{last}"
    label = f"backfill {covered} {mode}"
    if sources:
        label += " " + (", ".join(sources) if len(sources) <= 3 else f"{len(sources)} sources")
    return label + (" (dry run)" if dry_run else "")


def backfill_request(
    *,
    start: date,
    end: date,
    mode: str,
    sources: Sequence[str] | None,
    dry_run: bool,
    warc_files: Sequence[str] | None,
    configured: Collection[str],
    today: date,
    base_dir: Path,
) -> BackfillRequest:
    """Return the checked request; raise BackfillParameterError listing every problem.

    ``configured`` names the config's sources; relative WARC paths and patterns resolve
    against ``base_dir`` (where the worker runs: the repository root).
    """
    problems: list[str] = []
    if end < start:
        problems.append(f"end ({end}) is before start ({start}): the range runs start to end")
    if start > today:
        problems.append(f"start ({start}) is after today ({today}, UTC): nothing to backfill")
    if mode not in MODES:
        problems.append(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    chosen = tuple(dict.fromkeys(sources or ()))
    unknown = [name for name in chosen if name not in configured]
    if unknown:
        problems.append(
            f"unknown sources {', '.join(unknown)}: the config names {', '.join(configured)}"
        )
    files: tuple[Path, ...] = ()
    if mode == "import-warc":
        files, file_problems = _warc_files(warc_files or (), base_dir)
        problems += file_problems
    elif warc_files:
        problems.append(f"warc_files are read by mode import-warc only, not by {mode}")
    if problems:
        raise BackfillParameterError("; ".join(problems))
    return BackfillRequest(
        start=start,
        end=end,
        mode=cast(BackfillMode, mode),  # checked against MODES above
        sources=chosen or tuple(configured),
        dry_run=dry_run,
        warc_files=files,
    )


def _warc_files(entries: Sequence[str], base_dir: Path) -> tuple[tuple[Path, ...], list[str]]:
    if not entries:
        return (), ["import-warc needs warc_files: WARC files, folders of them or patterns"]
    found: list[Path] = []
    problems: list[str] = []
    for entry in entries:
        path = Path(entry).expanduser()
        path = path if path.is_absolute() else base_dir / path
        if path.is_dir():
            matches = sorted(p for pattern in WARC_PATTERNS for p in path.glob(pattern))
        elif any(character in entry for character in "*?["):
            pattern = str(path.relative_to(path.anchor))
            matches = sorted(p for p in Path(path.anchor).glob(pattern) if p.is_file())
        else:
            matches = [path] if path.is_file() else []
        if not matches:
            problems.append(f"no WARC file at {entry!r} (looked in {path})")
        found += matches
    return tuple(dict.fromkeys(found)), problems
