"""Picking up after a run that died between its commit and its publish.

A run killed after its commit record (in its load, its index refresh, before the switch)
left data that is final but not yet in the published warehouse. The next run publishes it
before it reads what earlier runs learned: otherwise it would take the pending run's
articles for new ones, ask for its listings unconditionally and retry its failures as if
they had not been tried, and its own outcomes would differ from those of a run that
followed an uninterrupted one.
"""

from __future__ import annotations

from collections.abc import Callable

from flows.config import Settings
from flows.locks import WAREHOUSE_LOCK, file_lock
from warehouse.published import PublishBlockedError, pending_runs, publish_runs


def publish_pending_runs(
    settings: Settings, *, holder: str, log: Callable[[str], None]
) -> tuple[str, ...]:
    """Publish the committed runs the published warehouse lacks; return their ids.

    When every standby is held by a reader, nothing is published: the pending runs stay
    in the lake for the run's own publish, and ``log`` says so.
    """
    if not pending_runs(settings.warehouse_path, settings.lake):
        return ()
    with file_lock(
        settings.coordination_dir / WAREHOUSE_LOCK,
        holder=holder,
        purpose="load runs an earlier run committed but did not publish",
        log=log,
    ):
        try:
            published = publish_runs(settings.warehouse_path, settings.lake)
        except PublishBlockedError as error:
            log(f"runs committed earlier stay unpublished for now: {error}")
            return ()
    if published.loaded_runs:
        log(f"published runs committed earlier but not loaded: {', '.join(published.loaded_runs)}")
    return published.loaded_runs
