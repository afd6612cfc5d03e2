"""Helpers of the flow tests: configs against the demo newsroom, what a run left in the
warehouse, and what it published to the Prefect API (run names, artifacts)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from uuid import UUID

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

from warehouse.connection import open_warehouse

SOURCE = """
[[sources]]
name = "{slug}"
feeds = ["{feed}"]
"""

FEEDS = {
    "harbour-ledger": "http://harbour-ledger.test/feed.xml",
    "valley-courier": "http://valley-courier.test/atom.xml",
    "rheinblick": "http://rheinblick.test/feed.xml",
    "le-guetteur": "http://le-guetteur.test/atom.xml",
}


def write_config(
    folder: Path,
    addresses: Mapping[str, str],
    slugs: Sequence[str],
    *,
    name: str = "newsroom.toml",
    feeds: Mapping[str, str] | None = None,
) -> Path:
    """Write a config of some demo outlets (their feeds only) with storage in ``folder``;
    return its path. ``feeds`` replaces an outlet's feed URL."""
    resolve = ", ".join(f'"{slug}.test" = "{addresses[slug]}"' for slug in slugs)
    text = (
        '[storage]\nlake = "lake"\ncaptures = "captures"\nwarehouse = "mediawatch.duckdb"\n\n'
        f"[fetch]\nresolve = {{ {resolve} }}\nper_host_delay = 0\nretry_base_delay = 0.05\n"
        "max_attempts = 2\n\n[run]\nbatch_size = 25\n"
    )
    for slug in slugs:
        feed = (feeds or {}).get(slug, FEEDS[slug])
        text += SOURCE.format(slug=slug, feed=feed)
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / name
    config.write_text(text, encoding="utf-8")
    return config


def rows(warehouse: Path, sql: str, parameters: Mapping[str, Any] | None = None) -> list[Any]:
    """Return the rows of a query on the published warehouse."""
    connection = open_warehouse(warehouse.resolve(), read_only=True)
    try:
        return connection.execute(sql, dict(parameters or {})).fetchall()
    finally:
        connection.close()


def reasons_of(warehouse: Path, run_id: str) -> dict[tuple[str, str], int]:
    """Return the run's URL count per (kind, reason)."""
    found = rows(
        warehouse,
        "SELECT kind, reason, count(*) FROM url_outcomes WHERE run_id = $run GROUP BY ALL",
        {"run": run_id},
    )
    return {(kind, reason): count for kind, reason, count in found}


def flow_run_name(flow_run_id: UUID) -> str:
    """Return the name the API holds for a flow run."""
    with get_client(sync_client=True) as client:
        return client.read_flow_run(flow_run_id).name


def artifacts_of(flow_run_id: UUID) -> dict[str, Any]:
    """Return the flow run's artifacts by key ("nightly-report", "nightly-progress",
    "coverage-report", ...): their data. (A link artifact's type is "markdown" too.)"""
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    return {artifact.key or "": artifact.data for artifact in artifacts}
