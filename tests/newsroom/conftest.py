"""Shared fixture: one running newsroom per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsroom.server import Newsroom, serve_newsroom


@pytest.fixture(scope="session")
def newsroom() -> Iterator[Newsroom]:
    """Yield the demo newsroom, served on loopback for the whole session."""
    with serve_newsroom() as running:
        yield running
