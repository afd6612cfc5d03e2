"""Backfills against a warehouse one nightly ingest of the demo newsroom filled: extraction
again from the captures, fetching again, importing WARC files, dry runs, and two backfills
at once, through a real Prefect API."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from prefect import State

from flows.backfill import BackfillResult, backfill
from flows.nightly import nightly_ingest
from newsroom.catalogue import articles_of
from newsroom.server import Newsroom, serve_newsroom, stable_base_urls
from tests.flows.runs import artifacts_of, flow_run_name, reasons_of, rows, write_config
from warehouse.published import open_reader
from warehouse.queries import article_rows_checksum

OUTLETS = ("harbour-ledger", "rheinblick")


@dataclass(frozen=True)
class Ingested:
    """A warehouse after one nightly ingest of two outlets."""

    config: Path
    warehouse: Path
    captures: Path
    nightly_run: str


@pytest.fixture(scope="module")
def newsroom() -> Iterator[Newsroom]:
    with serve_newsroom(public_base_urls=stable_base_urls()) as running:
        yield running


@pytest.fixture(scope="module")
def ingested(
    prefect_api: None, newsroom: Newsroom, tmp_path_factory: pytest.TempPathFactory
) -> Ingested:
    folder = tmp_path_factory.mktemp("backfill")
    config = write_config(folder, newsroom.addresses, OUTLETS)
    result = nightly_ingest(str(config))
    return Ingested(
        config=config,
        warehouse=folder / "mediawatch.duckdb",
        captures=folder / "captures",
        nightly_run=result.run_id,
    )


def _days() -> tuple[date, date]:
    # The nightly ran today (UTC); yesterday too, so a run across midnight is covered.
    today = datetime.now(UTC).date()
    return today - timedelta(days=1), today


def _checksum(warehouse: Path) -> str:
    connection = open_reader(warehouse)
    try:
        return article_rows_checksum(connection)
    finally:
        connection.close()


def _run(**parameters: Any) -> State[BackfillResult]:
    start, end = _days()
    arguments: dict[str, Any] = {"start": start, "end": end, **parameters}
    return backfill(**arguments, return_state=True)


def _article_count(warehouse: Path, source: str | None = None) -> int:
    # Not every served story is listed: rheinblick's malformed feed loses one.
    found = rows(
        warehouse,
        "SELECT count(*) FROM articles WHERE $source IS NULL OR source = $source",
        {"source": source},
    )
    return int(found[0][0])


def test_reextract_reads_the_captures_again_and_changes_no_article(ingested: Ingested) -> None:
    before = _checksum(ingested.warehouse)
    versions = rows(ingested.warehouse, "SELECT count(*) FROM article_versions")
    state = _run(mode="reextract", config_path=str(ingested.config))
    assert state.is_completed(), state.message
    result = state.result()
    assert result.run_id is not None and result.loaded
    reasons = reasons_of(ingested.warehouse, result.run_id)
    assert reasons[("article", "unchanged")] == _article_count(ingested.warehouse)
    assert ("article", "new") not in reasons
    assert ("article", "updated") not in reasons
    assert _checksum(ingested.warehouse) == before
    assert rows(ingested.warehouse, "SELECT count(*) FROM article_versions") == versions
    flow = rows(ingested.warehouse, "SELECT flow FROM runs WHERE run_id = $r", {"r": result.run_id})
    assert flow == [("backfill-reextract",)]
    # The flow run says what it covers; its report counts per source.
    start, end = _days()
    flow_run_id = state.state_details.flow_run_id
    assert flow_run_id is not None
    covered = f"{start}..{end:%m-%d}" if start.year == end.year else f"{start}..{end}"
    assert flow_run_name(flow_run_id) == f"backfill {covered} reextract"
    artifacts = artifacts_of(flow_run_id)
    ledger = _article_count(ingested.warehouse, "harbour-ledger")
    assert ledger == len(articles_of("harbour-ledger"))
    assert (
        f"| harbour-ledger | {ledger} | {ledger} | 0 | 0 | {ledger} | 0 | 0 | - |"
        in (artifacts["backfill-report"])
    )
    assert artifacts["backfill-progress"] == 100.0


def test_a_dry_run_reports_what_it_would_do_and_writes_nothing(ingested: Ingested) -> None:
    runs = rows(ingested.warehouse, "SELECT count(*) FROM runs")
    commits = sorted((ingested.warehouse.parent / "lake" / "_commits").iterdir())
    state = _run(mode="refetch", dry_run=True, config_path=str(ingested.config))
    assert state.is_completed(), state.message
    result = state.result()
    # Every article URL the nightly saw: the stories, a deleted one, a page that failed.
    first_seen = rows(
        ingested.warehouse,
        "SELECT count(DISTINCT url) FROM url_outcomes WHERE kind = 'article' "
        "AND reason <> 'invalid_url'",
    )
    assert (result.run_id, result.selected, result.dry_run) == (None, first_seen[0][0], True)
    assert rows(ingested.warehouse, "SELECT count(*) FROM runs") == runs
    assert sorted((ingested.warehouse.parent / "lake" / "_commits").iterdir()) == commits
    flow_run_id = state.state_details.flow_run_id
    assert flow_run_id is not None
    assert "**dry run**" in artifacts_of(flow_run_id)["backfill-report"]


def test_two_backfills_at_once_load_in_turn_without_duplicating_rows(
    ingested: Ingested,
) -> None:
    before = _checksum(ingested.warehouse)
    articles = rows(ingested.warehouse, "SELECT count(*), count(DISTINCT url) FROM articles")
    states: dict[str, State[BackfillResult]] = {}

    def run(mode: str) -> None:
        states[mode] = _run(mode=mode, sources=["rheinblick"], config_path=str(ingested.config))

    threads = [threading.Thread(target=run, args=(mode,)) for mode in ("reextract", "refetch")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    for mode, state in states.items():
        assert state.is_completed(), (mode, state.message)
    run_ids = [state.result().run_id for state in states.values()]
    assert all(run_ids)
    rheinblick = _article_count(ingested.warehouse, "rheinblick")
    for run_id in run_ids:
        assert reasons_of(ingested.warehouse, str(run_id))[("article", "unchanged")] == rheinblick
    assert rows(ingested.warehouse, "SELECT count(*), count(DISTINCT url) FROM articles") == (
        articles
    )
    assert _checksum(ingested.warehouse) == before


def test_import_warc_fills_a_new_warehouse_with_the_same_articles(
    ingested: Ingested, newsroom: Newsroom, tmp_path: Path
) -> None:
    config = write_config(tmp_path, newsroom.addresses, OUTLETS)
    pattern = str(ingested.captures / "run_date=*" / "*" / "*.warc.gz")
    state = _run(mode="import-warc", warc_files=[pattern], config_path=str(config))
    assert state.is_completed(), state.message
    imported = tmp_path / "mediawatch.duckdb"
    same = "SELECT article_id, source, title, content_hash FROM articles ORDER BY article_id"
    assert rows(imported, same) == rows(ingested.warehouse, same)
    result = state.result()
    assert result.run_id is not None
    assert reasons_of(imported, result.run_id)[("article", "new")] == _article_count(imported)
    # Importing the same files again stores nothing: the warehouse has those versions.
    checksum = _checksum(imported)
    again = _run(mode="import-warc", warc_files=[pattern], config_path=str(config))
    assert again.is_completed(), again.message
    run_id = again.result().run_id
    assert run_id is not None
    assert reasons_of(imported, run_id)[("article", "already_ingested")] == _article_count(imported)
    assert _checksum(imported) == checksum


def test_invalid_parameters_end_the_run_with_a_message_not_a_traceback(
    ingested: Ingested,
) -> None:
    start, end = _days()
    state = backfill(
        end,
        start,
        "refetch",
        sources=["daily-planet"],
        config_path=str(ingested.config),
        return_state=True,
    )
    assert state.is_failed()
    assert state.message == (
        f"invalid parameters: end ({start}) is before start ({end}): the range runs start to "
        "end; unknown sources daily-planet: the config names harbour-ledger, rheinblick"
    )
    missing = backfill(start, end, config_path="no/such.toml", return_state=True)
    assert missing.is_failed()
    assert (
        missing.message
        == "invalid parameters: cannot read config no/such.toml: No such file or directory"
    )
