"""`mediawatch demo --days N`: the demo newsroom on a simulated clock, one ingest a day.

The newsroom starts on day 0 of a timeline of N days ending yesterday (see
`newsroom.clock`); each day it publishes new stories and updates earlier ones
(`newsroom.edition`). The real nightly flow ingests each day once, seconds apart, while the
same servers switch to the next day in between.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from flows.config import load_settings
from flows.prefect_env import configure_prefect
from flows.preflight import check_storage

_COUNTS = ("new", "updated", "unchanged", "skipped", "failed")


@dataclass(frozen=True, kw_only=True)
class DayRun:
    """One simulated day of the demo and the ingest that read it."""

    day: int
    date: str
    """ISO date of the simulated day."""
    served: int
    """Articles the newsroom served that day."""
    run_id: str
    counts: dict[str, int]
    """The run's URL outcomes: new, updated, unchanged, skipped, failed."""
    seconds: float


def run_demo_days(data_dir: Path, days: int, *, demo_config: Path) -> int:
    """Return the exit status after serving the newsroom for `days` simulated days,
    ingesting each day once and printing what every run did."""
    from flows.cli import render_config
    from newsroom.clock import timeline_until
    from newsroom.server import serve_newsroom, stable_base_urls

    data_dir = data_dir.resolve()
    configure_prefect(home=data_dir.parent / "prefect")
    from flows.nightly import nightly_ingest

    timeline = timeline_until(datetime.now(UTC), days)
    history: list[DayRun] = []
    with serve_newsroom(public_base_urls=stable_base_urls(), timeline=timeline) as newsroom:
        substitutions = {"data_dir": str(data_dir), **newsroom.addresses}
        rendered = render_config(demo_config, substitutions, data_dir / "demo.toml")
        settings = load_settings(rendered)
        check_storage(settings)
        print(
            f"demo newsroom: {len(newsroom.base_urls)} outlets on 127.0.0.1, {days} simulated "
            f"days from {timeline.date_of(0)} to {timeline.date_of(days - 1)}",
            flush=True,
        )
        for day in range(days):
            edition = newsroom.set_day(day)
            print(
                f"\nday {day + 1} of {days}, {edition.date}: {len(edition.articles)} articles "
                f"served, {len(edition.published)} published and {len(edition.updated)} "
                "updated that day",
                flush=True,
            )
            started = time.monotonic()
            result = nightly_ingest(str(rendered))
            elapsed = time.monotonic() - started
            summary = _run_summary(settings.warehouse_path, result.run_id)
            counts = {name: int(summary[name].sum()) for name in _COUNTS}
            history.append(
                DayRun(
                    day=day + 1,
                    date=str(edition.date),
                    served=len(edition.articles),
                    run_id=result.run_id,
                    counts=counts,
                    seconds=elapsed,
                )
            )
            _print_day(history[-1], summary)
    _print_history(settings.warehouse_path, history)
    return 0


def _run_summary(warehouse: Path, run_id: str) -> pd.DataFrame:
    from warehouse.published import open_reader
    from warehouse.queries import run_summary

    connection = open_reader(warehouse)
    try:
        return run_summary(connection, run_id)
    finally:
        connection.close()


def _print_day(run: DayRun, summary: pd.DataFrame) -> None:
    counts = ", ".join(f"{run.counts[name]} {name}" for name in ("new", "updated", "unchanged"))
    print(f"run {run.run_id} finished in {run.seconds:.1f} s: {counts}")
    with pd.option_context("display.width", 120, "display.max_columns", 20):
        print(summary.to_string(index=False), flush=True)


def history_table(history: list[DayRun]) -> pd.DataFrame:
    """Return one row per simulated day: its date, what was served and what the run did."""
    return pd.DataFrame(
        [
            {
                "day": run.day,
                "date": run.date,
                "served": run.served,
                **run.counts,
                "seconds": round(run.seconds, 1),
            }
            for run in history
        ]
    )


def _print_history(warehouse: Path, history: list[DayRun]) -> None:
    from warehouse.published import open_reader
    from warehouse.queries import EXAMPLE_QUERY, article_rows_checksum, example_analyst_query

    with pd.option_context("display.width", 120, "display.max_columns", 20):
        print("\nsimulated days (one nightly run each):")
        print(history_table(history).to_string(index=False))
        print(f"\nwarehouse: {warehouse}")
        connection = open_reader(warehouse)
        try:
            print("\nexample analyst query:" + EXAMPLE_QUERY)
            print(example_analyst_query(connection).to_string(index=False))
            print(f"\narticle rows checksum: {article_rows_checksum(connection)}")
        finally:
            connection.close()
