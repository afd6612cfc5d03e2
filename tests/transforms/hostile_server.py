"""A deliberately hostile HTTP server on 127.0.0.1 for the fetcher's tests.

It stalls, drips, floods, bombs, loops, rate-limits, mislabels and points at private
addresses; one route (/ok) behaves, to show the fetcher is still fine afterwards. Every
misbehaviour is bounded in time and bytes and stops when the server does, so a fetcher
bug fails a test instead of hanging the run. HTTP/1.1 with keep-alive, as real sites.
"""

from __future__ import annotations

import functools
import gzip
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli

HOST = "hostile.test"
"""The name tests use; the fetcher's `resolve` pins it to the server (no allow-list)."""
ARTICLE_HTML = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Harbour news</title>"
    b"</head><body><article><p>The ferry runs again.</p></article></body></html>"
)
ROBOTS_TXT = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 0.5\n"
GERMAN = "Die Fähre über die Förde fährt wieder; Bürger begrüßen die Änderung."
RUSSIAN = "Паром через залив снова ходит; жители приветствуют это решение."
CP1252_SAYS_UTF8 = (
    "<html><head><meta charset='utf-8'><title>Fähre</title></head>"
    f"<body><p>{GERMAN}</p></body></html>"
).encode("cp1252")
"""Header and meta both claim UTF-8; the bytes are windows-1252."""
CP1251_META_LIES = (
    "<html><head><meta charset='koi8-r'><title>Паром</title></head>"
    f"<body><p>{RUSSIAN}</p></body></html>"
).encode("cp1251")
"""The header says windows-1251 (true); the meta says koi8-r (false)."""
PNG_AS_HTML = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0" + bytes(range(256)) * 8

DRIP_INTERVAL = 0.5
"""Seconds between two dripped bytes: shorter than the tests' read timeout."""
SLOW_HEADERS = 2.0
"""Seconds before /slow-headers answers: longer than the tests' read timeout."""
_CHUNK = 64 * 1024
_MAX_FLOOD = 64 * 1024 * 1024
"""Most bytes a flooding route sends before giving up on its own."""
_MAX_DRIPS = 120


@functools.cache
def gzip_bomb() -> bytes:
    """Return ~16 KB of gzip that inflates to 16 MiB of spaces."""
    return gzip.compress(b" " * (16 * 1024 * 1024), compresslevel=9)


@functools.cache
def deflate_bomb() -> bytes:
    """Return ~16 KB of zlib-wrapped deflate that inflates to 16 MiB of spaces."""
    return zlib.compress(b" " * (16 * 1024 * 1024), 9)


@functools.cache
def brotli_bomb() -> bytes:
    """Return well under 1 KB of brotli that inflates to 256 MiB of spaces."""
    compressor = brotli.Compressor(quality=5)
    block = b" " * (1024 * 1024)
    parts = [compressor.process(block) for _ in range(256)]
    return b"".join(parts) + bytes(compressor.finish())


@dataclass(kw_only=True)
class HostileState:
    """Requests per path, and the event that ends every stalling route."""

    hits: Counter[str] = field(default_factory=Counter)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, path: str) -> int:
        """Return how often a path was requested."""
        with self.lock:
            return self.hits[path]

    @property
    def requests(self) -> int:
        """Return how many requests the server saw in all."""
        with self.lock:
            return sum(self.hits.values())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: HostileState
    port: int


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        with self.server.state.lock:
            self.server.state.hits[path] += 1
            hit = self.server.state.hits[path]
        route = ROUTES.get(path)
        if route is None and path.startswith("/chain/"):
            route = _chain
        try:
            (route or _not_found)(self, hit)
        except (BrokenPipeError, ConnectionResetError):
            # The fetcher hung up on a stalling or flooding route, as it should.
            self.close_connection = True

    def answer(
        self,
        status: int,
        body: bytes = b"",
        headers: tuple[tuple[str, str], ...] = (),
        *,
        length: int | None = None,
    ) -> None:
        """Send a whole response: status, headers, Content-Length and body."""
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def drip(self, data: bytes) -> None:
        """Send data one byte at a time, DRIP_INTERVAL apart, until stopped or cut off."""
        for byte in data[:_MAX_DRIPS]:
            if self.server.state.stop.wait(DRIP_INTERVAL):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
        self.close_connection = True

    def flood(self) -> None:
        """Send spaces in 64 KiB chunks until the client hangs up or _MAX_FLOOD is sent."""
        block = b" " * _CHUNK
        for _ in range(_MAX_FLOOD // _CHUNK):
            if self.server.state.stop.is_set():
                break
            self.wfile.write(block)
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


HTML = (("Content-Type", "text/html; charset=utf-8"),)
Route = Callable[[_Handler, int], None]


def _not_found(handler: _Handler, hit: int) -> None:
    handler.answer(404, b"not here", (("Content-Type", "text/plain"),))


def _ok(handler: _Handler, hit: int) -> None:
    handler.answer(200, ARTICLE_HTML, HTML)


def _redirect(location: Callable[[_Handler], str]) -> Route:
    def route(handler: _Handler, hit: int) -> None:
        handler.answer(302, headers=(("Location", location(handler)),))

    return route


def _chain(handler: _Handler, hit: int) -> None:
    step = int(handler.path.rsplit("/", 1)[1])
    handler.answer(302, headers=(("Location", f"/chain/{step + 1}"),))


def _slow_headers(handler: _Handler, hit: int) -> None:
    if handler.server.state.stop.wait(SLOW_HEADERS):
        handler.close_connection = True
        return
    _ok(handler, hit)


def _drip_body(handler: _Handler, hit: int) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    handler.drip(b"<p>" + b"x" * 1000)


def _drip_headers(handler: _Handler, hit: int) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    handler.drip(b"X-Slow: " + b"a" * 1000)


def _huge_declared(handler: _Handler, hit: int) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(2 * 1024**3))
    handler.end_headers()
    handler.flood()


def _huge_undeclared(handler: _Handler, hit: int) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.flood()


def _bomb(encoding: str, body: Callable[[], bytes]) -> Route:
    def route(handler: _Handler, hit: int) -> None:
        headers = (("Content-Type", "text/html"), ("Content-Encoding", encoding))
        handler.answer(200, body(), headers)

    return route


def _rate_limited(retry_after: Callable[[], str]) -> Route:
    def route(handler: _Handler, hit: int) -> None:
        if hit == 1:
            handler.answer(429, b"slow down", (("Retry-After", retry_after()),))
        else:
            _ok(handler, hit)

    return route


def _unavailable_twice(handler: _Handler, hit: int) -> None:
    if hit <= 2:
        handler.answer(503, b"busy", (("Content-Type", "text/plain"),))
    else:
        _ok(handler, hit)


def _status(status: int) -> Route:
    def route(handler: _Handler, hit: int) -> None:
        handler.answer(status, b"no", (("Content-Type", "text/html"),))

    return route


def _body(body: bytes, content_type: str) -> Route:
    def route(handler: _Handler, hit: int) -> None:
        handler.answer(200, body, (("Content-Type", content_type),))

    return route


def _in_two_seconds() -> str:
    return format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)


ROUTES: dict[str, Route] = {
    "/robots.txt": _body(ROBOTS_TXT, "text/plain"),
    "/ok": _ok,
    "/private/page": _ok,
    "/slow-headers": _slow_headers,
    "/drip-body": _drip_body,
    "/drip-headers": _drip_headers,
    "/huge-declared": _huge_declared,
    "/huge-undeclared": _huge_undeclared,
    "/gzip-bomb": _bomb("gzip", gzip_bomb),
    "/brotli-bomb": _bomb("br", brotli_bomb),
    "/deflate-bomb": _bomb("deflate", deflate_bomb),
    "/redirect-loop": _redirect(lambda _: "/redirect-loop"),
    "/rate-limited": _rate_limited(lambda: "1"),
    "/rate-limited-date": _rate_limited(_in_two_seconds),
    "/unavailable-twice": _unavailable_twice,
    "/gone": _status(410),
    "/legal": _status(451),
    "/cp1252-says-utf8": _body(CP1252_SAYS_UTF8, "text/html; charset=utf-8"),
    "/meta-lies": _body(CP1251_META_LIES, "text/html; charset=windows-1251"),
    "/png-as-html": _body(PNG_AS_HTML, "text/html"),
    "/to-metadata": _redirect(lambda _: "http://169.254.169.254/latest/meta-data/"),
    "/to-loopback": _redirect(lambda h: f"http://127.0.0.1:{h.server.port}/ok"),
    "/to-localhost": _redirect(lambda h: f"http://localhost:{h.server.port}/ok"),
    "/to-mapped-loopback": _redirect(lambda h: f"http://[::ffff:127.0.0.1]:{h.server.port}/ok"),
}


@dataclass(frozen=True, kw_only=True)
class HostileSite:
    """A running hostile server: how to reach it by name, and what it has seen."""

    port: int
    state: HostileState

    @property
    def resolve(self) -> tuple[tuple[str, str], ...]:
        """Return the FetchSettings.resolve entry that pins HOST to this server."""
        return ((HOST, f"127.0.0.1:{self.port}"),)

    def url(self, path: str) -> str:
        """Return the URL of a path, under the stable name HOST."""
        return f"http://{HOST}{path}"


@contextmanager
def serve_hostile() -> Iterator[HostileSite]:
    """Serve ROUTES on 127.0.0.1 on a free port until the block ends, then stop every
    stalling route and the server within about a second."""
    # Built before any test's clock or memory tracing starts.
    gzip_bomb()
    deflate_bomb()
    brotli_bomb()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.state = HostileState()
    server.port = int(server.server_address[1])
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield HostileSite(port=server.port, state=server.state)
    finally:
        server.state.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
