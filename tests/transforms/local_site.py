"""A real HTTP server on 127.0.0.1 for the fetch tests: one small site with awkward routes."""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli

ARTICLE_HTML = (
    b"<!DOCTYPE html><html lang='en'><head><title>Quay reopens</title></head>"
    b"<body><article><p>The north quay reopened on Monday.</p></article></body></html>"
)
ROBOTS_TXT = b"User-agent: *\nDisallow: /private/\n"
MAX_BODY_BYTES = 1024
"""The body limit the fetch tests configure; the large routes exceed it."""

# Small on the wire, 64 KiB once decompressed: passes a Content-Length check, not the limit.
GZIP_BOMB = gzip.compress(b"\0" * 64 * 1024)


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@dataclass(frozen=True, kw_only=True)
class Reply:
    """What a route answers."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    declare_length: bool = True
    delay: float = 0.0
    """Seconds to wait before answering (a slow robots.txt, to make threads meet)."""


def redirect(status: int, location: str) -> Reply:
    """Return a redirect reply to a location (absolute or relative)."""
    return Reply(status=status, headers=(("Location", location),))


@dataclass(kw_only=True)
class SiteState:
    """What the server saw (request paths in order, request headers by path), and the
    replies a test put in place of the usual routes."""

    paths: list[str] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)
    """time.monotonic() when each request in ``paths`` was read."""
    overrides: dict[str, Reply] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def hits(self, path: str) -> int:
        """Return how often a path was requested."""
        with self.lock:
            return self.paths.count(path)


def _flaky(state: SiteState) -> Reply:
    # 503 on the first request, 200 afterwards: the retry must get through.
    if state.hits("/flaky") <= 1:
        return Reply(status=503, body=b"busy")
    return Reply(body=ARTICLE_HTML)


def _echo_if_none_match(state: SiteState) -> Reply:
    sent = state.headers.get("/conditional", {}).get("if-none-match")
    if sent == '"v1"':
        return Reply(status=304, headers=(("ETag", '"v1"'),))
    return Reply(body=ARTICLE_HTML, headers=(("ETag", '"v1"'),))


ROUTES: dict[str, Callable[[SiteState], Reply]] = {
    "/robots.txt": lambda _: Reply(body=ROBOTS_TXT, headers=(("Content-Type", "text/plain"),)),
    "/article": lambda _: Reply(body=ARTICLE_HTML),
    "/private/report": lambda _: Reply(body=ARTICLE_HTML),
    "/hop/1": lambda _: redirect(301, "/hop/2"),
    "/hop/2": lambda _: redirect(302, "3"),
    "/hop/3": lambda _: redirect(308, "/article"),
    "/loop": lambda _: redirect(302, "/loop"),
    "/to-private": lambda _: redirect(301, "/private/report"),
    "/to-metadata-service": lambda _: redirect(302, "http://169.254.169.254/latest/meta-data/"),
    "/to-file": lambda _: redirect(302, "file:///etc/passwd"),
    "/to-broken-ipv6": lambda _: redirect(302, "http://[::1/admin"),
    "/to-bad-port": lambda _: redirect(302, "http://127.0.0.1:http/admin"),
    "/broken": lambda _: Reply(status=500, body=b"oops"),
    "/flaky": _flaky,
    "/always-busy": lambda _: Reply(status=503, body=b"busy"),
    "/big": lambda _: Reply(body=b"x" * (4 * MAX_BODY_BYTES)),
    "/big-undeclared": lambda _: Reply(body=b"x" * (4 * MAX_BODY_BYTES), declare_length=False),
    "/gzip-bomb": lambda _: Reply(
        body=GZIP_BOMB,
        headers=(("Content-Type", "text/html"), ("Content-Encoding", "gzip")),
    ),
    "/gzip-small": lambda _: Reply(
        body=gzip.compress(ARTICLE_HTML),
        headers=(("Content-Type", "text/html"), ("Content-Encoding", "gzip")),
    ),
    "/conditional": _echo_if_none_match,
    "/br-small": lambda _: Reply(
        body=brotli.compress(ARTICLE_HTML),
        headers=(("Content-Type", "text/html"), ("Content-Encoding", "br")),
    ),
    "/deflate-small": lambda _: Reply(
        body=zlib.compress(ARTICLE_HTML),
        headers=(("Content-Type", "text/html"), ("Content-Encoding", "deflate")),
    ),
    # Raw deflate without the zlib wrapper: what some servers send for "deflate".
    "/deflate-raw": lambda _: Reply(
        body=_raw_deflate(ARTICLE_HTML),
        headers=(("Content-Type", "text/html"), ("Content-Encoding", "deflate")),
    ),
    "/pdf": lambda _: Reply(body=b"%PDF-1.7\n", headers=(("Content-Type", "application/pdf"),)),
    "/no-type": lambda _: Reply(body=ARTICLE_HTML, headers=()),
    "/feed": lambda _: Reply(
        body=b"<rss version='2.0'><channel/></rss>",
        headers=(("Content-Type", "application/rss+xml; charset=utf-8"),),
    ),
}


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    state: SiteState


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer

    def do_GET(self) -> None:
        state = self.server.state
        path = self.path.split("?", 1)[0]
        with state.lock:
            state.paths.append(path)
            state.arrivals.append(time.monotonic())
            state.headers[path] = {k.lower(): v for k, v in self.headers.items()}
        route = ROUTES.get(path)
        if path in state.overrides:
            reply = state.overrides[path]
        elif route is not None:
            reply = route(state)
        else:
            reply = Reply(status=404, body=b"not here")
        if reply.delay:
            time.sleep(reply.delay)
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.declare_length:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@dataclass(frozen=True, kw_only=True)
class LocalSite:
    """A running test site: its base URL and what it has seen."""

    base_url: str
    state: SiteState

    def url(self, path: str) -> str:
        """Return the absolute URL of a path on the site."""
        return self.base_url + path


@contextmanager
def serve_site() -> Iterator[LocalSite]:
    """Serve ROUTES on 127.0.0.1 on a free port until the block ends."""
    server = _SiteServer(("127.0.0.1", 0), _Handler)
    server.state = SiteState()
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield LocalSite(base_url=f"http://{host!s}:{port}", state=server.state)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
