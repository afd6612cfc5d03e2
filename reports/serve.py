"""Serving the reports folder on loopback, so a browser (and a link in the Prefect UI) can
open the pages: `mediawatch serve`.

Only 127.0.0.1 is ever bound: the reports are for the people on this machine (or an SSH
tunnel), and a file:// link does not open from a web page. Pages are served with the same
Content-Security-Policy they carry, so the browser refuses any request they might make.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reports.defaults import CONTENT_SECURITY_POLICY, DEFAULT_PORT, HOST


class ReportsHandler(SimpleHTTPRequestHandler):
    """Serves the files of the reports folder, never caching and never hidden files."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self) -> Any:
        # A report being written is a hidden temporary file until it is renamed.
        if any(part.startswith(".") for part in self.path.split("?")[0].split("/")):
            self.send_error(404, "File not found")
            return None
        return super().send_head()


def make_server(directory: Path, port: int = DEFAULT_PORT) -> ThreadingHTTPServer:
    """Return an HTTP server of ``directory`` bound to 127.0.0.1:``port`` (0: any free port).

    Raises OSError when the port is taken.
    """
    handler = partial(ReportsHandler, directory=str(directory))
    return ThreadingHTTPServer((HOST, port), handler)


@contextmanager
def serving(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` in a background thread while the block runs; yield its base URL."""
    server = make_server(directory, port)
    thread = threading.Thread(target=server.serve_forever, name="reports-server", daemon=True)
    thread.start()
    try:
        yield base_url(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def base_url(port: int = DEFAULT_PORT) -> str:
    """Return the URL the reports folder is served at."""
    return f"http://{HOST}:{port}/"


def report_url(report: Path, directory: Path, port: int = DEFAULT_PORT) -> str:
    """Return the URL of a report page inside the served ``directory``.

    Raises ValueError when the page is not inside that folder.
    """
    relative = Path(report).resolve().relative_to(Path(directory).resolve())
    return base_url(port) + quote(relative.as_posix())
