"""Writing the report page from a warehouse file: `write_report`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reports.data import read_report_data
from reports.defaults import DEFAULT_DAYS
from reports.page import PageInfo, render_no_data, render_report
from warehouse.api import open_warehouse_readonly
from warehouse.atomic import atomic_path
from warehouse.published import WarehouseMissingError


def write_report(
    warehouse_path: Path | str,
    out_path: Path | str,
    days: int = DEFAULT_DAYS,
    query: str | None = None,
) -> Path:
    """Return the path of the report page written from the warehouse at ``warehouse_path``.

    The page covers the last ``days`` complete days before the newest run and, with a
    ``query``, that search's coverage. The warehouse is opened read-only (the loader's lock
    is never taken); a warehouse that is missing or holds no run gives a "no data yet"
    page. The file is replaced whole: a reader sees the old page or the new one.
    """
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    warehouse_path, out_path = Path(warehouse_path), Path(out_path)
    info = PageInfo(warehouse_path=warehouse_path, generated_at=datetime.now(UTC), days=days)
    try:
        warehouse = open_warehouse_readonly(warehouse_path)
    except WarehouseMissingError:
        page = render_no_data(info, f"There is no warehouse at {warehouse_path} yet.")
    else:
        with warehouse:
            data = read_report_data(warehouse, days=days, query=query)
        if data is None:
            page = render_no_data(info, f"The warehouse at {warehouse_path} holds no run yet.")
        else:
            page = render_report(data, info)
    with atomic_path(out_path) as temporary:
        temporary.write_text(page, encoding="utf-8")
    return out_path


RUN_REPORT_PATTERN = "????????T??????Z-*.html"
"""Reports written for runs are named after the run id (its UTC start, then a suffix)."""


def prune_run_reports(directory: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest run reports in ``directory``; return the deleted.

    Only pages named after a run id are touched (see `RUN_REPORT_PATTERN`): a report
    written by hand under another name stays.
    """
    reports = sorted(Path(directory).glob(RUN_REPORT_PATTERN), key=lambda p: p.name)
    deleted = reports[: max(len(reports) - keep, 0)]
    for report in deleted:
        report.unlink(missing_ok=True)
    return deleted
