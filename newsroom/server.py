"""The demo newsroom on loopback: one threaded HTTP server, and so one origin, per outlet."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from newsroom.catalogue import OUTLETS
from newsroom.records import PageRef
from newsroom.site import Page, build_site, not_found_page

# Sent with a 304 so caches can refresh what they hold; the body headers are left out.
_VALIDATOR_HEADERS = ("ETag", "Last-Modified", "Cache-Control")


@dataclass(frozen=True)
class Newsroom:
    """The running newsroom: where each outlet answers."""

    base_urls: dict[str, str]
    """Outlet slug to "http://127.0.0.1:PORT" (no trailing slash): where it answers."""
    public_base_urls: dict[str, str]
    """Outlet slug to the base URL its pages, feeds and sitemaps link to; the same as
    base_urls unless the newsroom was asked to publish under stable names."""

    @property
    def addresses(self) -> dict[str, str]:
        """Return outlet slug to "127.0.0.1:PORT", what a resolver maps public hosts to."""
        return {slug: urlsplit(url).netloc for slug, url in self.base_urls.items()}

    def url(self, slug: str, path: str) -> str:
        """Return the absolute URL of `path` on the outlet `slug`."""
        return self.base_urls[slug] + path

    def url_of(self, ref: PageRef) -> str:
        """Return the absolute URL of a catalogue PageRef."""
        return self.url(ref.outlet, ref.path)


def not_modified(page: Page, *, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """Return whether a conditional GET for `page`, with these request headers, gets a 304."""
    if page.status != 200:
        return False
    if if_none_match is not None:
        # RFC 9110: If-None-Match wins over If-Modified-Since, and compares weakly.
        if page.etag is None:
            return False
        offered = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in offered or page.etag.removeprefix("W/") in offered
    if if_modified_since is None or page.last_modified is None:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return parsedate_to_datetime(page.last_modified) <= since


class _OutletServer(ThreadingHTTPServer):
    """A threaded HTTP server holding one outlet's prepared pages."""

    daemon_threads = True

    def __init__(self, host: str) -> None:
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, 0), _NewsroomHandler)
        self.pages: Mapping[str, Page] = {}
        self.not_found = Page(status=404, headers={"Content-Length": "0"}, body=b"")

    @property
    def port(self) -> int:
        """Return the port the operating system gave this server."""
        return int(self.server_address[1])


class _NewsroomHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD from the server's prepared pages."""

    protocol_version = "HTTP/1.1"
    server_version = "NewsroomDemo/1.0"
    sys_version = ""
    # Idle keep-alive connections give up their thread after this many seconds.
    timeout = 30
    # Headers and body go out in separate writes; with Nagle's algorithm on, a keep-alive
    # client would wait for a delayed ACK (~40 ms) on every response.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        """Send the page at the requested path, or a 304 when the client's copy is current."""
        self._respond(include_body=True)

    def do_HEAD(self) -> None:
        """Send the headers of the page at the requested path."""
        self._respond(include_body=False)

    def _respond(self, *, include_body: bool) -> None:
        server = self.server
        assert isinstance(server, _OutletServer)
        path = urlsplit(self.path).path or "/"
        page = server.pages.get(path, server.not_found)
        if not_modified(
            page,
            if_none_match=self.headers.get("If-None-Match"),
            if_modified_since=self.headers.get("If-Modified-Since"),
        ):
            self.send_response(304)
            for name in _VALIDATOR_HEADERS:
                if name in page.headers:
                    self.send_header(name, page.headers[name])
            self.end_headers()
            return
        self.send_response(page.status)
        for name, value in page.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if include_body:
            self.wfile.write(page.body)

    def log_message(self, format: str, *args: Any) -> None:
        """Return without logging: the demo must keep stderr quiet."""


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


@contextmanager
def serve_newsroom(
    host: str = "127.0.0.1", *, public_base_urls: Mapping[str, str] | None = None
) -> Iterator[Newsroom]:
    """Yield the running newsroom, one server per outlet on a free port; stop them on exit.

    With ``public_base_urls`` (slug to base URL, e.g. ``stable_base_urls()``), pages link
    to those URLs instead of the loopback ports, so URLs stay the same from run to run.
    """
    servers: dict[str, _OutletServer] = {}
    threads: list[tuple[_OutletServer, threading.Thread]] = []
    try:
        for outlet in OUTLETS:
            servers[outlet.slug] = _OutletServer(host)
        base_urls = {
            slug: f"http://{_url_host(host)}:{server.port}" for slug, server in servers.items()
        }
        published = dict(public_base_urls or base_urls)
        for outlet in OUTLETS:
            server = servers[outlet.slug]
            server.pages = build_site(outlet, published[outlet.slug], peer_base_urls=published)
            server.not_found = not_found_page(outlet)
        for slug, server in servers.items():
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"newsroom-{slug}",
                daemon=True,
            )
            thread.start()
            threads.append((server, thread))
        yield Newsroom(base_urls=base_urls, public_base_urls=published)
    finally:
        # shutdown() waits for serve_forever to notice, so only call it on started servers.
        for server, _ in threads:
            server.shutdown()
        for server in servers.values():
            server.server_close()
        for _, thread in threads:
            thread.join(timeout=5)


def stable_base_urls() -> dict[str, str]:
    """Return each outlet's stable base URL, ``http://<slug>.test`` (RFC 2606 test names)."""
    return {outlet.slug: f"http://{outlet.slug}.test" for outlet in OUTLETS}
