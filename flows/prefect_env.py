"""Prefect settings that must be in the environment before Prefect is imported."""

from __future__ import annotations

import os
from pathlib import Path

# Measured on 2-core machines: the ephemeral API's first start (database migrations)
# takes far longer than Prefect's 20 s default.
_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "true",
}


def configure_prefect(*, home: Path | None = None) -> None:
    """Set offline-friendly Prefect defaults, keeping anything the user set explicitly.

    With ``home``, runs use a Prefect home (and ephemeral API database) of their own.
    """
    for key, value in _DEFAULTS.items():
        os.environ.setdefault(key, value)
    if home is not None and "PREFECT_HOME" not in os.environ:
        home.mkdir(parents=True, exist_ok=True)
        os.environ["PREFECT_HOME"] = str(home.resolve())
