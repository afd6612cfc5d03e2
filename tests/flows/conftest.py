"""One Prefect API for the whole flow test session: starting one costs ~20 s."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from flows.prefect_env import configure_prefect


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    """Run every flow of the session against one temporary Prefect API (SQLite)."""
    configure_prefect()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield
