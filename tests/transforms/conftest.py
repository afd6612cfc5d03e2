"""Fixtures of the transforms tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.transforms.local_site import LocalSite, serve_site


@pytest.fixture
def local_site() -> Iterator[LocalSite]:
    """Return a real HTTP site on 127.0.0.1 (a free port), stopped after the test."""
    with serve_site() as site:
        yield site
