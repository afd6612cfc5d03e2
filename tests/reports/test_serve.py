"""The reports folder on loopback: pages served with their security policy, temporary files
hidden, URLs of pages inside the folder only."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from reports.defaults import CONTENT_SECURITY_POLICY, DEFAULT_PORT, HOST
from reports.serve import base_url, make_server, report_url, serving


def test_serves_the_folder_on_loopback(tmp_path: Path) -> None:
    (tmp_path / "20250305T060000Z-abcdef.html").write_text("<h1>run</h1>", encoding="utf-8")
    (tmp_path / ".coverage.html.0123.tmp").write_text("half", encoding="utf-8")

    with serving(tmp_path) as url:
        page = httpx.get(url + "20250305T060000Z-abcdef.html")
        hidden = httpx.get(url + ".coverage.html.0123.tmp")
        listing = httpx.get(url)

    assert url.startswith(f"http://{HOST}:")
    assert page.status_code == 200
    assert page.text == "<h1>run</h1>"
    assert page.headers["content-type"] == "text/html"
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert page.headers["cache-control"] == "no-cache"
    assert hidden.status_code == 404
    assert listing.status_code == 200
    assert "20250305T060000Z-abcdef.html" in listing.text


def test_binds_loopback_only(tmp_path: Path) -> None:
    server = make_server(tmp_path, 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_report_urls(tmp_path: Path) -> None:
    folder = tmp_path / "reports"

    assert base_url() == f"http://127.0.0.1:{DEFAULT_PORT}/"
    assert report_url(folder / "run 1.html", folder, 9000) == "http://127.0.0.1:9000/run%201.html"
    with pytest.raises(ValueError):
        report_url(tmp_path / "elsewhere.html", folder)
