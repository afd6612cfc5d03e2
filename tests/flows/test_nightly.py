"""How a nightly run ends: one failing source never fails the others; a run fails when
more than half of its sources errored or its load did not commit; a source that fell
silent is a problem of the run's report."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flows.cli import main
from flows.nightly import nightly_ingest
from newsroom.catalogue import articles_of, feed_items
from newsroom.server import Newsroom, serve_newsroom, stable_base_urls
from tests.flows.runs import artifacts_of, rows, write_config
from tests.warehouse.builders import make_article, write_run

SLUGS = ("harbour-ledger", "valley-courier", "le-guetteur")
WORDS = [
    "quay",
    "tide",
    "crane",
    "ferry",
    "pier",
    "gull",
    "storm",
    "dock",
    "rope",
    "sail",
    "net",
    "buoy",
]


@pytest.fixture(scope="module")
def newsroom() -> Iterator[Newsroom]:
    with serve_newsroom(public_base_urls=stable_base_urls()) as running:
        yield running


def _block_captures(folder: Path, source: str) -> None:
    """Make the source's capture folder of today (and tomorrow, should the run cross
    midnight) a file: every write of its captures fails, and not transiently."""
    today = datetime.now(UTC).date()
    for day in (today, today + timedelta(days=1)):
        blocked = folder / "captures" / f"run_date={day}" / source
        blocked.parent.mkdir(parents=True, exist_ok=True)
        blocked.write_text("not a folder", encoding="utf-8")


def _stored_sources(warehouse: Path) -> dict[str, int]:
    found = rows(warehouse, "SELECT source, count(*) FROM articles GROUP BY source")
    return dict(found)


def _in_feed(slug: str) -> int:
    """Return how many articles a crawl of the outlet's feed stores (every served one)."""
    served = {(a.outlet, a.path) for a in articles_of(slug)}
    return sum((a.outlet, a.path) in served for a in feed_items(slug))


def test_one_failing_source_never_fails_the_others(
    prefect_api: None, newsroom: Newsroom, tmp_path: Path
) -> None:
    config = write_config(tmp_path, newsroom.addresses, SLUGS)
    _block_captures(tmp_path, "le-guetteur")
    state = nightly_ingest(str(config), return_state=True)
    assert state.is_completed()
    assert state.message is not None
    assert state.message.startswith("1 problem: le-guetteur: discovery: FileExistsError: ")
    assert _stored_sources(tmp_path / "mediawatch.duckdb") == {
        "harbour-ledger": _in_feed("harbour-ledger"),
        "valley-courier": _in_feed("valley-courier"),
    }
    flow_run_id = state.state_details.flow_run_id
    assert flow_run_id is not None
    report = artifacts_of(flow_run_id)["nightly-report"]
    assert "| le-guetteur | 0 | 0 | 0 |" in report
    assert "- le-guetteur: discovery: FileExistsError: " in report


def test_a_run_fails_when_more_than_half_of_its_sources_errored(
    prefect_api: None, newsroom: Newsroom, tmp_path: Path
) -> None:
    config = write_config(tmp_path, newsroom.addresses, SLUGS)
    _block_captures(tmp_path, "le-guetteur")
    _block_captures(tmp_path, "valley-courier")
    state = nightly_ingest(str(config), return_state=True)
    assert state.is_failed()
    assert state.message == "2 of 3 sources errored: le-guetteur, valley-courier"
    # What the healthy source brought was still loaded.
    assert _stored_sources(tmp_path / "mediawatch.duckdb") == {
        "harbour-ledger": _in_feed("harbour-ledger")
    }


def test_a_run_fails_when_its_load_did_not_commit(
    prefect_api: None, newsroom: Newsroom, tmp_path: Path
) -> None:
    config = write_config(tmp_path, newsroom.addresses, SLUGS[:1])
    # The replicas' folder cannot be made: the publish fails, and not transiently.
    (tmp_path / "mediawatch.duckdb.replicas").write_text("in the way", encoding="utf-8")
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        assert main(["ingest", "--config", str(config)]) == 1
    message = errors.getvalue()
    assert message.startswith(
        "mediawatch: the run failed: the load did not commit: publish failed: FileExistsError"
    )
    assert not (tmp_path / "mediawatch.duckdb").exists()


def test_a_source_that_fell_silent_is_flagged_in_the_report(
    prefect_api: None, newsroom: Newsroom, tmp_path: Path
) -> None:
    # Eight weeks of history: the ledger published eight stories a day, then nothing for
    # the three days before this run (the newsroom's own stories are older).
    today = datetime.now(UTC).date()
    stories = [
        make_article(
            f"http://harbour-ledger.test/archive/{day:%Y%m%d}/{number}",
            source="harbour-ledger",
            title=f"Harbour log {day} {number}",
            text=f"Harbour log of {day}, entry {number}: {' '.join(WORDS[number:] + WORDS)}",
            published_at=datetime(day.year, day.month, day.day, 9 + number, tzinfo=UTC),
            fetched_at=datetime(day.year, day.month, day.day, 22, tzinfo=UTC),
        )
        for day in (today - timedelta(days=back) for back in range(4, 60))
        for number in range(8)
    ]
    write_run(tmp_path / "lake", "history", stories, partition=f"run_date={today}")
    config = write_config(tmp_path, newsroom.addresses, SLUGS[:2])
    state = nightly_ingest(str(config), return_state=True)
    assert state.is_completed()
    assert state.message is not None
    yesterday = today - timedelta(days=1)
    assert state.message.startswith(
        f"1 problem: harbour-ledger: source health: silent on {yesterday}, 0 articles where 8 "
        "were expected"
    )
    flow_run_id = state.state_details.flow_run_id
    assert flow_run_id is not None
    artifacts = artifacts_of(flow_run_id)
    assert "- harbour-ledger: source health: silent on" in artifacts["nightly-report"]
    # The run's page links the coverage report of the warehouse it loaded.
    assert "](http://127.0.0.1:" in artifacts["coverage-report"]
