"""A simulated web on loopback: many hosts, each with its own latency and rate limit.

Every host is its own ThreadingHTTPServer on 127.0.0.1 with its own port, so each host:port
is a distinct host to the fetcher's politeness. All of them run in one child process (spawned,
and optionally pinned to a core) so the web shares neither the fetcher's GIL nor its core.

A host answers ``/robots.txt`` (allow all; a third of the hosts add a Crawl-delay equal to
their interval) and ``/news/NNNN.html`` for ``NNNN`` below its page count: deterministic
article pages of 5-20 KB. Its rate limit is a minimum interval between request starts: a
request arriving earlier than ``interval - slack`` after the last admitted one gets 429 with
Retry-After and counts as a politeness violation. At the end the child sends back each host's
counters (requests, 429s, smallest gap between admitted starts, peak concurrency).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import math
import multiprocessing
import os
import queue
import random
import resource
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.synchronize import Event
from types import TracebackType
from typing import Self, cast

DEFAULT_SLACK = 0.02
"""Seconds a request may arrive early and still be admitted: loopback and thread-scheduling
jitter between the fetcher deciding to start a request and the server reading it."""
MIN_LATENCY, MAX_LATENCY = 0.05, 0.2
MIN_INTERVAL, MAX_INTERVAL = 0.25, 0.75
MIN_PAGE_BYTES, MAX_PAGE_BYTES = 5_000, 20_000
PAGE_PATH = "/news/{page:04d}.html"
LOOPBACK = "127.0.0.1"


class SimWebError(Exception):
    """Raised when the simulated web cannot start or does not report back."""


@dataclass(frozen=True, kw_only=True)
class HostSpec:
    """One simulated host: how slowly it answers and how often it may be asked."""

    name: str
    """A short name, also usable as a source name (``site-07``)."""
    latency: float
    """Seconds between reading a request and answering it."""
    interval: float
    """Minimum seconds between two request starts; 0 means no limit."""
    crawl_delay: bool
    """Whether robots.txt states ``Crawl-delay: <interval>``."""
    pages: int


@dataclass(frozen=True, kw_only=True)
class Arrival:
    """One request as a host saw it."""

    path: str
    at: float
    """Wall-clock time (time.time()) at which the request had been read."""
    admitted: bool
    gap: float | None
    """Seconds since the previous admitted request started (None for the first)."""


@dataclass(frozen=True, kw_only=True)
class HostStats:
    """What one host saw during a run."""

    name: str
    port: int
    requests: int
    pages_served: int
    robots_served: int
    not_found: int
    too_early: int
    """Requests answered 429: politeness violations."""
    admitted_early: int
    """Requests admitted although they came less than ``interval`` after the previous one
    (within the slack)."""
    min_gap: float | None
    """Smallest gap in seconds between two admitted request starts (None: under two)."""
    peak_concurrency: int
    connections: int
    """TCP connections the host accepted (1 when a client keeps one connection alive)."""
    body_bytes: int
    errors: int
    arrivals: tuple[Arrival, ...]
    """Every request in arrival order."""


@dataclass(frozen=True, kw_only=True)
class WebStats:
    """Every host's counters and the CPU seconds the web spent serving."""

    hosts: tuple[HostStats, ...]
    cpu_seconds: float
    peak_in_flight: int
    """Most requests being answered at once, all hosts together."""

    @property
    def requests(self) -> int:
        """Return the requests all hosts received."""
        return sum(h.requests for h in self.hosts)

    @property
    def too_early(self) -> int:
        """Return the 429s all hosts answered."""
        return sum(h.too_early for h in self.hosts)


def _unit(*parts: object) -> float:
    """Return a deterministic number in [0, 1) for the parts (stable across processes)."""
    digest = hashlib.sha256("/".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def polite_hosts(count: int, pages_per_host: int) -> tuple[HostSpec, ...]:
    """Return ``count`` hosts with deterministic latencies (50-200 ms) and intervals
    (250-750 ms, always above the latency); every third states its interval as Crawl-delay."""
    return tuple(
        HostSpec(
            name=f"site-{index:03d}",
            latency=round(MIN_LATENCY + (MAX_LATENCY - MIN_LATENCY) * _unit("latency", index), 3),
            interval=round(
                MIN_INTERVAL + (MAX_INTERVAL - MIN_INTERVAL) * _unit("interval", index), 3
            ),
            crawl_delay=index % 3 == 0,
            pages=pages_per_host,
        )
        for index in range(count)
    )


def fast_hosts(count: int, pages_per_host: int) -> tuple[HostSpec, ...]:
    """Return ``count`` hosts with no latency and no rate limit: the fetcher's own ceiling."""
    return tuple(
        HostSpec(
            name=f"site-{index:03d}",
            latency=0.0,
            interval=0.0,
            crawl_delay=False,
            pages=pages_per_host,
        )
        for index in range(count)
    )


def robots_txt(spec: HostSpec) -> bytes:
    """Return a host's robots.txt: everything allowed, maybe a Crawl-delay."""
    lines = ["User-agent: *", "Allow: /"]
    if spec.crawl_delay and spec.interval > 0:
        lines.append(f"Crawl-delay: {spec.interval:g}")
    return ("\n".join(lines) + "\n").encode()


_FILLER = (
    "the council said on monday that a new budget for the harbour district would be put to "
    "a vote next week after months of talks between residents local traders and the port "
    "authority officials expect the plan to pass although several members have asked for "
    "more detail on costs schools roads housing transport police hospital court minister "
    "election report government agency company shares market prices energy water climate "
    "storm flood weather season league match coach players season record festival museum "
    "library theatre film music review interview statement spokesperson according figures "
    "published survey study university researchers found increase decrease percent million"
)
_WORDS = tuple(_FILLER.split())


def _paragraph_pool(size: int) -> tuple[str, ...]:
    rng = random.Random(20261125)  # noqa: S311 - deterministic filler text, not security
    pool = []
    for _ in range(size):
        words = rng.choices(_WORDS, k=rng.randint(40, 110))
        text = " ".join(words)
        pool.append(f"<p>{text[0].upper()}{text[1:]}.</p>")
    return tuple(pool)


_PARAGRAPHS = _paragraph_pool(512)
_NAV = "".join(
    f'<li><a href="/section/{name}/">{name.title()}</a></li>'
    for name in ("world", "politics", "business", "sport", "culture", "science", "opinion")
)


def page_html(spec: HostSpec, page: int) -> bytes:
    """Return one article page of a host: deterministic, distinct, 5-20 KB of HTML."""
    rng = random.Random(f"{spec.name}/{page}")  # noqa: S311 - deterministic filler
    target = rng.randint(MIN_PAGE_BYTES + 500, MAX_PAGE_BYTES - 1_500)
    title = " ".join(rng.choices(_WORDS, k=8)).capitalize()
    related = "".join(
        f'<li><a href="{PAGE_PATH.format(page=(page + step) % spec.pages)}">'
        f"{' '.join(rng.choices(_WORDS, k=6)).capitalize()}</a></li>"
        for step in range(1, 9)
    )
    head = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} | {spec.name}</title>"
        f'<meta name="description" content="{title}.">'
        f'<meta property="og:title" content="{title}">'
        '<meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="2026-11-{1 + page % 28:02d}T08:00:00Z">'
        '<link rel="stylesheet" href="/static/site.css"></head><body>'
        f'<header><a class="logo" href="/">{spec.name}</a><nav><ul>{_NAV}</ul></nav></header>'
        f'<main><article><h1>{title}</h1><p class="byline">By Staff Reporter, '
        f'<time datetime="2026-11-{1 + page % 28:02d}">{page} hours ago</time></p>'
        f"<p>{spec.name} story {page}: {title.lower()}.</p>"
    )
    tail = (
        f'</article><aside><h2>Related</h2><ul class="related">{related}</ul></aside></main>'
        f"<footer><ul>{_NAV}</ul><p>&copy; 2026 {spec.name}. All rights reserved.</p>"
        "</footer></body></html>"
    )
    parts = [head]
    size = len(head) + len(tail)
    while size < target:
        paragraph = _PARAGRAPHS[rng.randrange(len(_PARAGRAPHS))]
        parts.append(paragraph)
        size += len(paragraph)
    parts.append(tail)
    return "".join(parts).encode()


class _InFlight:
    """Requests being answered across every host of the web, and the most there were."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._now = 0
        self.peak = 0

    def change(self, by: int) -> None:
        """Count requests in (by > 0) or out (by < 0)."""
        with self._lock:
            self._now += by
            self.peak = max(self.peak, self._now)


class _HostServer(ThreadingHTTPServer):
    """One host: its pages, its rate limit and its counters (guarded by one lock)."""

    daemon_threads = True
    request_queue_size = 256

    def __init__(self, spec: HostSpec, *, slack: float, gzip_bodies: bool, web: _InFlight) -> None:
        super().__init__((LOOPBACK, 0), _Handler)
        self.spec = spec
        self.web = web
        self.slack = slack
        self.gzip_bodies = gzip_bodies
        self.robots = robots_txt(spec)
        self._lock = threading.Lock()
        self._last_start: float | None = None
        self._in_flight = 0
        self._counts = {
            "requests": 0,
            "pages_served": 0,
            "robots_served": 0,
            "not_found": 0,
            "too_early": 0,
            "admitted_early": 0,
            "peak_concurrency": 0,
            "connections": 0,
            "body_bytes": 0,
            "errors": 0,
        }
        self._min_gap: float | None = None
        self._arrivals: list[Arrival] = []

    def connected(self) -> None:
        """Count a new connection."""
        with self._lock:
            self._counts["connections"] += 1

    def admit(self, path: str) -> bool:
        """Count a request in; return whether it came late enough to be served."""
        self.web.change(+1)
        with self._lock:
            arrived = time.monotonic()
            self._counts["requests"] += 1
            self._in_flight += 1
            self._counts["peak_concurrency"] = max(
                self._counts["peak_concurrency"], self._in_flight
            )
            gap = None if self._last_start is None else arrived - self._last_start
            interval = self.spec.interval
            admitted = gap is None or interval <= 0 or gap >= interval - self.slack
            self._arrivals.append(Arrival(path=path, at=time.time(), admitted=admitted, gap=gap))
            if not admitted:
                self._counts["too_early"] += 1
                return False
            if gap is not None:
                if gap < interval:
                    self._counts["admitted_early"] += 1
                self._min_gap = gap if self._min_gap is None else min(self._min_gap, gap)
            self._last_start = arrived
            return True

    def leave(self, counter: str | None, body_bytes: int) -> None:
        """Count a request out, with what it was answered."""
        self.web.change(-1)
        with self._lock:
            self._in_flight -= 1
            if counter is not None:
                self._counts[counter] += 1
            self._counts["body_bytes"] += body_bytes

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up mid-answer is not worth a traceback on stderr; count it.
        with self._lock:
            self._counts["errors"] += 1

    def stats(self) -> HostStats:
        """Return the host's counters so far."""
        with self._lock:
            return HostStats(
                name=self.spec.name,
                port=self.server_address[1],
                min_gap=self._min_gap,
                arrivals=tuple(self._arrivals),
                **self._counts,
            )


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "simweb/1"
    sys_version = ""
    # Headers and body go out as two writes: without TCP_NODELAY, Nagle's algorithm and
    # delayed ACKs would add ~40 ms to keep-alive requests.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        cast(_HostServer, self.server).connected()

    def do_GET(self) -> None:
        server = cast(_HostServer, self.server)
        counter: str | None = None
        sent = 0
        try:
            if not server.admit(self.path):
                retry_after = max(1, math.ceil(server.spec.interval))
                sent = self._answer(
                    429, b"slow down\n", "text/plain", (("Retry-After", str(retry_after)),)
                )
                return
            if server.spec.latency > 0:
                time.sleep(server.spec.latency)
            if self.path == "/robots.txt":
                counter = "robots_served"
                sent = self._answer(200, server.robots, "text/plain; charset=utf-8")
                return
            page = _page_number(self.path, server.spec.pages)
            if page is None:
                counter = "not_found"
                sent = self._answer(404, b"<h1>Not found</h1>", "text/html; charset=utf-8")
                return
            counter = "pages_served"
            body = page_html(server.spec, page)
            sent = self._answer(200, body, "text/html; charset=utf-8", compress=server.gzip_bodies)
        finally:
            server.leave(counter, sent)

    def _answer(
        self,
        status: int,
        body: bytes,
        content_type: str,
        extra: tuple[tuple[str, str], ...] = (),
        *,
        compress: bool = False,
    ) -> int:
        headers = [("Content-Type", content_type), ("Cache-Control", "max-age=300"), *extra]
        if compress and "gzip" in self.headers.get("Accept-Encoding", ""):
            # Level 1 is nginx's default gzip_comp_level.
            body = gzip.compress(body, compresslevel=1, mtime=0)
            headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return len(body)


def _page_number(path: str, pages: int) -> int | None:
    prefix, suffix = "/news/", ".html"
    if not (path.startswith(prefix) and path.endswith(suffix)):
        return None
    digits = path[len(prefix) : -len(suffix)]
    if not digits.isdigit():
        return None
    page = int(digits)
    return page if page < pages else None


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _serve(
    specs: tuple[HostSpec, ...],
    slack: float,
    gzip_bodies: bool,
    cpu: int | None,
    ready: multiprocessing.Queue[list[int]],
    stop: Event,
    results: multiprocessing.Queue[WebStats],
) -> None:
    """The child process: serve every host until told to stop, then report the counters."""
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})  # before any thread starts, so all inherit it
    web = _InFlight()
    servers = [_HostServer(spec, slack=slack, gzip_bodies=gzip_bodies, web=web) for spec in specs]
    for server in servers:
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True
        ).start()
    started_cpu = _cpu_seconds()
    ready.put([server.server_address[1] for server in servers])
    stop.wait()
    stats = WebStats(
        hosts=tuple(server.stats() for server in servers),
        cpu_seconds=_cpu_seconds() - started_cpu,
        peak_in_flight=web.peak,
    )
    results.put(stats)
    # Exiting ends the daemon server threads and closes every socket.


class SimWeb:
    """The simulated web as a context manager: started in a child process, stopped on exit.

    ``cpu`` pins the child to one core. ``stop()`` returns what every host saw.
    """

    def __init__(
        self,
        hosts: Sequence[HostSpec],
        *,
        slack: float = DEFAULT_SLACK,
        gzip_bodies: bool = True,
        cpu: int | None = None,
        startup_timeout: float = 60.0,
    ) -> None:
        self.hosts = tuple(hosts)
        self._slack = slack
        self._gzip = gzip_bodies
        self._cpu = cpu
        self._startup_timeout = startup_timeout
        context = multiprocessing.get_context("spawn")
        self._ready: multiprocessing.Queue[list[int]] = context.Queue()
        self._results: multiprocessing.Queue[WebStats] = context.Queue()
        self._stop = context.Event()
        self._process = context.Process(
            target=_serve,
            args=(self.hosts, slack, gzip_bodies, cpu, self._ready, self._stop, self._results),
            name="simweb",
            daemon=True,
        )
        self._ports: tuple[int, ...] = ()
        self._stats: WebStats | None = None

    def start(self) -> None:
        """Start the child process and wait until every host listens."""
        self._process.start()
        deadline = time.monotonic() + self._startup_timeout
        while True:
            try:
                self._ports = tuple(self._ready.get(timeout=0.5))
                return
            except queue.Empty:
                if not self._process.is_alive():
                    raise SimWebError(
                        f"the simulated web exited with code {self._process.exitcode}"
                    ) from None
                if time.monotonic() > deadline:
                    self._process.terminate()
                    raise SimWebError("the simulated web did not start in time") from None

    @property
    def pid(self) -> int | None:
        """Return the child process id (None before start)."""
        return self._process.pid

    def origin(self, host: int) -> str:
        """Return ``http://127.0.0.1:PORT`` of a host."""
        return f"http://{LOOPBACK}:{self._ports[host]}"

    def page_url(self, host: int, page: int) -> str:
        """Return the URL of one page of a host."""
        return self.origin(host) + PAGE_PATH.format(page=page)

    def page_urls(self) -> list[tuple[HostSpec, str]]:
        """Return (host, URL) for every page of every host, host by host."""
        return [
            (spec, self.page_url(index, page))
            for index, spec in enumerate(self.hosts)
            for page in range(spec.pages)
        ]

    def stop(self, timeout: float = 30.0) -> WebStats:
        """Stop the web and return what every host saw; later calls return the same."""
        if self._stats is not None:
            return self._stats
        self._stop.set()
        try:
            self._stats = self._results.get(timeout=timeout)
        except queue.Empty:
            raise SimWebError("the simulated web did not report its counters") from None
        finally:
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(timeout=5)
        return self._stats

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._process.pid is None:
            return
        with contextlib.suppress(SimWebError):
            self.stop()
