"""A run's coverage report: written beside the warehouse, linked from the flow run (a link
artifact to `mediawatch serve`'s URL), and a problem of the run when it cannot be written."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest
from prefect import flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    ArtifactFilterKey,
)
from prefect.runtime import flow_run

from flows.coverage_report import ARTIFACT_KEY, add_coverage_report
from flows.report import INGEST_COLUMNS, RunReport
from tests.reports.history_warehouse import RUNS, HistoryWarehouse, build_history_warehouse

RUN_ID = RUNS[-1][0]


@flow(name="coverage-report-test")
def _report_flow(warehouse: Path) -> tuple[str, str | None, list[str], list[str]]:
    report = RunReport(title="test run", sources=[], columns=INGEST_COLUMNS)
    url = add_coverage_report(warehouse, RUN_ID, report, port=8471)
    return str(flow_run.get_id()), url, report.summary, report.problems


def _links(flow_run_id: str) -> list[object]:
    """Return the data of the flow run's coverage-report artifacts (a markdown link)."""
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                flow_run_id=ArtifactFilterFlowRunId(any_=[UUID(flow_run_id)]),
                key=ArtifactFilterKey(any_=[ARTIFACT_KEY]),
            )
        )
    return [artifact.data for artifact in artifacts]


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> HistoryWarehouse:
    return build_history_warehouse(tmp_path_factory.mktemp("history"))


def test_run_report_is_written_and_linked(prefect_api: None, history: HistoryWarehouse) -> None:
    run_id, url, summary, problems = _report_flow(history.path)

    page = history.path.parent / "reports" / f"{RUN_ID}.html"
    assert url == f"http://127.0.0.1:8471/{RUN_ID}.html"
    assert "Coverage report" in page.read_text(encoding="utf-8")
    assert summary == [f"coverage report: [{url}]({url}) (with `mediawatch serve` running)"]
    assert problems == []
    assert _links(run_id) == [f"[coverage report of run {RUN_ID}]({url})"]


def test_a_report_that_cannot_be_written_is_a_problem(prefect_api: None, tmp_path: Path) -> None:
    warehouse = tmp_path / "mediawatch.duckdb"
    (tmp_path / "reports").write_text("a file where the folder should be", encoding="utf-8")

    run_id, url, summary, problems = _report_flow(warehouse)

    assert (url, summary) == (None, [])
    assert len(problems) == 1
    assert problems[0].startswith("the coverage report was not written: ")
    assert _links(run_id) == []
