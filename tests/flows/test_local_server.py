"""End to end, as an operator works: `mediawatch server` (what `make server` runs) starts a
Prefect server on loopback, deploys prefect.yaml and starts a worker; a backfill is started
through the API with parameters as the UI's form sends them, runs on the worker, and fills
the warehouse. (How invalid ranges and sources end a run: tests/flows/test_backfill.py.)"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsroom.catalogue import articles_of
from newsroom.server import Newsroom, serve_newsroom, stable_base_urls
from tests.flows.runs import reasons_of, rows, write_config
from warehouse.captures import CaptureInput, CaptureWriter

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 300.0
RUN_SECONDS = 240.0


@dataclass(frozen=True)
class Served:
    """A running `mediawatch server`: its API and the log it writes."""

    api: str
    log: Path

    def call(self, method: str, path: str, body: Any = None) -> httpx.Response:
        """Send one request to the API, as the UI does."""
        return httpx.request(method, f"{self.api}{path}", json=body, timeout=30.0)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _worker_online(served: Served) -> bool:
    try:
        workers = served.call("POST", "/work_pools/mediawatch/workers/filter", {})
    except httpx.HTTPError:
        return False
    return workers.status_code == 200 and any(w["status"] == "ONLINE" for w in workers.json())


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("server")
    port = _free_port()
    log = folder / "mediawatch-server.log"
    environment = {
        **os.environ,
        # No scheduled runs of the example config (real outlets) while the test runs.
        "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false",
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "PREFECT_WORKER_HEARTBEAT_SECONDS": "5",
    }
    command = [
        str(Path(sys.executable).parent / "mediawatch"),
        "server",
        "--port",
        str(port),
        "--home",
        str(folder / "prefect"),
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    running = Served(api=f"http://127.0.0.1:{port}/api", log=log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _worker_online(running):
            assert process.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(1.0)
        yield running
    finally:
        process.send_signal(signal.SIGTERM)  # stops the worker, then the server
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert "stopped the worker and the server" in log.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def newsroom() -> Iterator[Newsroom]:
    with serve_newsroom(public_base_urls=stable_base_urls()) as running:
        yield running


def _start(served: Served, deployment: str, parameters: dict[str, Any]) -> str:
    found = served.call("GET", f"/deployments/name/{deployment}")
    assert found.status_code == 200, found.text
    created = served.call(
        "POST", f"/deployments/{found.json()['id']}/create_flow_run", {"parameters": parameters}
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _finished(served: Served, flow_run_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + RUN_SECONDS
    while time.monotonic() < deadline:
        flow_run: dict[str, Any] = served.call("GET", f"/flow_runs/{flow_run_id}").json()
        if flow_run["state"]["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
            return flow_run
        time.sleep(1.0)
    raise AssertionError(f"flow run {flow_run_id} did not finish; see {served.log}")


def _artifacts(served: Served, flow_run_id: str) -> dict[str, Any]:
    found = served.call(
        "POST", "/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [flow_run_id]}}}
    )
    return {artifact["key"]: artifact["data"] for artifact in found.json()}


def _crawl(newsroom: Newsroom, slug: str, warc_folder: Path) -> dict[str, str]:
    """Write the outlet's served articles into a WARC file, as another crawler (CC-NEWS)
    would have captured them; return each article's public URL and headline."""
    headlines: dict[str, str] = {}
    with CaptureWriter(warc_folder, prefix="crawl") as writer:
        for article in articles_of(slug):
            response = httpx.get(newsroom.url(slug, article.path), timeout=10.0)
            public = f"http://{slug}.test{article.path}"
            writer.write(
                CaptureInput(
                    url=public,
                    status=response.status_code,
                    headers=tuple(response.headers.items()),
                    body=response.content,
                    fetched_at=datetime.now(UTC),
                )
            )
            headlines[public] = article.headline
    return headlines


def test_a_backfill_started_from_the_form_runs_on_the_worker(
    served: Served, newsroom: Newsroom, tmp_path: Path
) -> None:
    deployments = served.call("POST", "/deployments/filter", {}).json()
    assert sorted(d["name"] for d in deployments) == ["backfill", "discovery", "nightly"]
    config = write_config(tmp_path, newsroom.addresses, ["harbour-ledger"])
    headlines = _crawl(newsroom, "harbour-ledger", tmp_path / "crawl")
    today = datetime.now(UTC).date()
    form = {
        "start": str(today - timedelta(days=1)),
        "end": str(today),
        "mode": "import-warc",
        "sources": ["harbour-ledger"],
        "dry_run": False,
        "warc_files": [str(tmp_path / "crawl")],
        "config_path": str(config),
    }
    flow_run = _finished(served, _start(served, "backfill/backfill", form))
    assert flow_run["state"]["type"] == "COMPLETED", flow_run["state"]["message"]
    assert flow_run["work_pool_name"] == "mediawatch"
    start, end = today - timedelta(days=1), today
    covered = f"{start}..{end:%m-%d}" if start.year == end.year else f"{start}..{end}"
    assert flow_run["name"] == f"backfill {covered} import-warc harbour-ledger"
    # The warehouse: one backfill run that stored every crawled story, headlines and all.
    warehouse = tmp_path / "mediawatch.duckdb"
    ((run_id, flow),) = rows(warehouse, "SELECT run_id, flow FROM runs")
    assert flow == "backfill-import-warc"
    assert reasons_of(warehouse, run_id) == {("article", "new"): len(headlines)}
    assert dict(rows(warehouse, "SELECT url, title FROM articles")) == headlines
    artifacts = _artifacts(served, flow_run["id"])
    stories = len(headlines)
    row = f"| harbour-ledger | {stories} | {stories} | {stories} | 0 | 0 | 0 | 0 | - |"
    assert row in artifacts["backfill-report"]
    assert artifacts["backfill-progress"] == 100.0
    # The run's page links its coverage report, served on loopback by mediawatch serve.
    assert "](http://127.0.0.1:" in artifacts["coverage-report"]


def test_the_api_refuses_a_mode_the_form_does_not_offer(served: Served) -> None:
    found = served.call("GET", "/deployments/name/backfill/backfill").json()
    refused = served.call(
        "POST",
        f"/deployments/{found['id']}/create_flow_run",
        {"parameters": {"start": "2026-01-01", "end": "2026-01-31", "mode": "rewrite"}},
    )
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "Error creating flow run: Validation failed for field 'mode'. Failure reason: "
        "'rewrite' is not one of ['reextract', 'refetch', 'import-warc']"
    )


def test_make_server_runs_the_command_tested_here() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nserver: $(STAMP)\n", 1)[1].splitlines()[0].strip()
    assert recipe == "$(VENV)/bin/mediawatch server"
    assert "make server" in (ROOT / "README.md").read_text(encoding="utf-8")
