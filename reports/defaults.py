"""Where reports go and how they are served: the names and defaults the writer, the server
and the CLI share, importable without pandas or plotly (the CLI starts faster)."""

from __future__ import annotations

from pathlib import Path

DEFAULT_DAYS = 14
"""Complete days a report covers unless told otherwise."""
REPORTS_FOLDER = "reports"
DEFAULT_REPORT_NAME = "coverage.html"
HOST = "127.0.0.1"
DEFAULT_PORT = 8470
"""The port `mediawatch serve` listens on unless told otherwise (and run links point to)."""
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
)
"""What a report page may load: its inline scripts and styles and data: images, nothing
from anywhere else (the page carries it, and `mediawatch serve` sends it too)."""


def reports_dir(warehouse_path: Path) -> Path:
    """Return the folder a warehouse's reports go to (and `mediawatch serve` serves):
    ``reports/`` beside the warehouse file."""
    return Path(warehouse_path).parent / REPORTS_FOLDER
