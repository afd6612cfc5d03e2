"""The coverage report of a run: written beside the warehouse after the load, and linked
from the run's page in the Prefect UI.

The link points at `mediawatch serve` on 127.0.0.1 (a file:// link does not open from a web
page): the page opens while that command runs on the machine the flow ran on. A report
that cannot be written is a problem of the run's report, not a failed run: the data is
loaded all the same.
"""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.artifacts import create_link_artifact
from prefect.cache_policies import NONE

from flows.report import RunReport
from reports.defaults import DEFAULT_DAYS, DEFAULT_PORT, reports_dir
from reports.serve import report_url
from reports.write import prune_run_reports, write_report

RUN_REPORTS_KEPT = 60
"""Run reports kept in the reports folder (each holds plotly.js: ~5 MB)."""
ARTIFACT_KEY = "coverage-report"


@task(name="write-coverage-report", cache_policy=NONE)
def write_coverage_report_task(warehouse_path: Path, out_path: Path, days: int) -> Path:
    """Write the coverage report of the warehouse as it is now; return its path."""
    written = write_report(warehouse_path, out_path, days=days)
    prune_run_reports(out_path.parent, keep=RUN_REPORTS_KEPT)
    return written


def add_coverage_report(
    warehouse_path: Path,
    run_id: str,
    report: RunReport,
    *,
    days: int = DEFAULT_DAYS,
    port: int = DEFAULT_PORT,
) -> str | None:
    """Write the coverage report of the warehouse a run loaded into and link it from the
    flow run; return the page's URL.

    Call it inside a flow run, after the run's load committed and before its markdown
    report is published: the link goes into the report's summary too, and a failure to
    write the page into its problems (then None is returned).
    """
    folder = reports_dir(warehouse_path)
    state = write_coverage_report_task(
        warehouse_path, folder / f"{run_id}.html", days, return_state=True
    )
    if state.is_failed():
        report.problems.append(f"the coverage report was not written: {state.message}")
        return None
    url = report_url(state.result(), folder, port)
    create_link_artifact(
        key=ARTIFACT_KEY,
        link=url,
        link_text=f"coverage report of run {run_id}",
        description="Opens while `mediawatch serve` runs on the machine the flow ran on.",
    )
    report.summary.append(f"coverage report: [{url}]({url}) (with `mediawatch serve` running)")
    return url
