"""The demo newsroom on loopback: one threaded HTTP server, and so one origin, per outlet."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from newsroom.catalogue import OUTLETS
from newsroom.clock import Timeline
from newsroom.edition import ARCHIVE, Edition, editions
from newsroom.records import PageRef
from newsroom.site import Page, build_site, not_found_page

# Sent with a 304 so caches can refresh what they hold; the body headers are left out.
_VALIDATOR_HEADERS = ("ETag", "Last-Modified", "Cache-Control")


class _Calendar:
    """The running newsroom's editions and which one it serves; one day switch at a time."""

    def __init__(self, editions: tuple[Edition, ...]) -> None:
        self.editions = editions
        self.day = 0
        self.lock = threading.Lock()


@dataclass(frozen=True)
class Newsroom:
    """The running newsroom: where each outlet answers, and which day it serves."""

    base_urls: dict[str, str]
    """Outlet slug to "http://127.0.0.1:PORT" (no trailing slash): where it answers."""
    public_base_urls: dict[str, str]
    """Outlet slug to the base URL its pages, feeds and sitemaps link to; the same as
    base_urls unless the newsroom was asked to publish under stable names."""
    _servers: Mapping[str, _OutletServer] = field(default_factory=dict, repr=False)
    _calendar: _Calendar = field(default_factory=lambda: _Calendar((ARCHIVE,)), repr=False)

    @property
    def addresses(self) -> dict[str, str]:
        """Return outlet slug to "127.0.0.1:PORT", what a resolver maps public hosts to."""
        return {slug: urlsplit(url).netloc for slug, url in self.base_urls.items()}

    @property
    def days(self) -> int:
        """Return how many simulated days the newsroom can serve (1 without a timeline)."""
        return len(self._calendar.editions)

    @property
    def edition(self) -> Edition:
        """Return what the newsroom serves now."""
        with self._calendar.lock:
            return self._calendar.editions[self._calendar.day]

    def url(self, slug: str, path: str) -> str:
        """Return the absolute URL of `path` on the outlet `slug`."""
        return self.base_urls[slug] + path

    def url_of(self, ref: PageRef) -> str:
        """Return the absolute URL of a catalogue PageRef."""
        return self.url(ref.outlet, ref.path)

    def set_day(self, day: int) -> Edition:
        """Serve simulated day `day` (0-based) from now on, on the running servers; return it.

        Each outlet's pages are all prepared first, then swapped in at once: a request sees
        one day or the other, never a mix within one outlet. Safe to call from any thread.
        """
        calendar = self._calendar
        if not 0 <= day < len(calendar.editions):
            raise IndexError(f"day {day} is outside the newsroom's {self.days} days")
        with calendar.lock:
            edition = calendar.editions[day]
            _serve(self._servers, edition, self.public_base_urls)
            calendar.day = day
        return edition


def _serve(
    servers: Mapping[str, _OutletServer], edition: Edition, published: Mapping[str, str]
) -> None:
    prepared = {
        outlet.slug: build_site(
            outlet, published[outlet.slug], peer_base_urls=published, edition=edition
        )
        for outlet in OUTLETS
        if outlet.slug in servers
    }
    for slug, pages in prepared.items():
        # One reference assignment: a handler reads `pages` once per request.
        servers[slug].pages = pages


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
        page = server.pages.get(path, server.not_found)  # `pages` may be swapped: read once
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
    host: str = "127.0.0.1",
    *,
    public_base_urls: Mapping[str, str] | None = None,
    timeline: Timeline | None = None,
) -> Iterator[Newsroom]:
    """Yield the running newsroom, one server per outlet on a free port; stop them on exit.

    With ``public_base_urls`` (slug to base URL, e.g. ``stable_base_urls()``), pages link
    to those URLs instead of the loopback ports, so URLs stay the same from run to run.
    Without a ``timeline`` the newsroom serves the whole fixed catalogue; with one, it
    serves day 0 of the timeline until ``Newsroom.set_day`` moves it on.
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
        calendar = _Calendar(editions(timeline) if timeline is not None else (ARCHIVE,))
        _serve(servers, calendar.editions[0], published)
        for outlet in OUTLETS:
            servers[outlet.slug].not_found = not_found_page(outlet)
        for slug, server in servers.items():
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"newsroom-{slug}",
                daemon=True,
            )
            thread.start()
            threads.append((server, thread))
        yield Newsroom(
            base_urls=base_urls,
            public_base_urls=published,
            _servers=servers,
            _calendar=calendar,
        )
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
