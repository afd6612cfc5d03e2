"""Fetching one URL safely: robots rules, address guard, bounded redirects, retries, limits.

`Fetcher` is the small interface the steps above depend on; `HttpFetcher` is the live one.
When each URL is fetched (per-host spacing, concurrency) is `transforms.politeness`'s job;
`HttpFetcher.crawl_delay_for` tells it what robots.txt asks, and the ``pace`` callback of
`HttpFetcher.fetch` lets it hold back every request actually sent (robots.txt, retries,
redirect hops) until the host's turn.
"""

from __future__ import annotations

import contextlib
import functools
import random
import ssl
import threading
import time
import typing
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import brotli
import httpcore
import httpx

from transforms.address_guard import (
    AddressGuard,
    BlockedAddressError,
    GuardedNetworkBackend,
    IpNetwork,
    Resolver,
    UnresolvableHostError,
    system_resolver,
)
from transforms.charset import is_probably_binary
from transforms.records import Reason
from transforms.robots import RobotsRules, rules_from_response

TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_CONTENT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "text/plain",
)
ROBOTS_MAX_BYTES = 500 * 1024
"""RFC 9309 asks crawlers to parse at least 500 KiB of robots.txt; longer files are cut."""


@dataclass(frozen=True, kw_only=True)
class FetchSettings:
    """How the fetcher behaves toward publishers and the network it runs in."""

    user_agent: str = "mediawatch/0.1 (+https://github.com/mediawatch/mediawatch)"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    """Longest silence while waiting for response bytes."""
    total_timeout: float = 60.0
    """Longest one HTTP request may take from connect to last byte (each attempt)."""
    max_body_bytes: int = 10 * 1024 * 1024
    """Limit on the body, on the wire and again after decompression."""
    max_redirects: int = 5
    per_host_delay: float = 1.0
    """Minimum seconds between two request starts on one host (read by the frontier)."""
    max_crawl_delay: float = 30.0
    """Cap on a robots.txt Crawl-delay (read by the frontier via crawl_delay_for)."""
    max_attempts: int = 3
    """Tries of one request, counting the first, for transient failures."""
    retry_base_delay: float = 1.0
    """First back-off in seconds; doubles per attempt, with jitter."""
    max_retry_delay: float = 30.0
    """Longest wait before a retry; a Retry-After asking for more ends the retries."""
    obey_robots: bool = True
    allowed_networks: tuple[IpNetwork, ...] = ()
    """Non-public networks that may be fetched anyway."""
    resolve: tuple[tuple[str, str], ...] = ()
    """(host, "address:port") pairs: connect to the address for URLs on the host, keeping
    URL and Host header (as curl --resolve does). Keeps URLs stable when a test server's
    port changes; the address is trusted like an allow-list entry for that host alone."""
    accepted_content_types: tuple[str, ...] = DEFAULT_CONTENT_TYPES
    """Media types a 2xx page may have; a response without Content-Type is accepted."""


@dataclass(frozen=True, kw_only=True)
class FetchResponse:
    """What one fetch gave: a body, or the reason there is none."""

    requested_url: str
    final_url: str
    status: int | None
    headers: tuple[tuple[str, str], ...] = ()
    """Response headers as received (names in the server's spelling)."""
    body: bytes = b""
    """The body with any Content-Encoding removed (the headers still name it)."""
    redirect_chain: tuple[str, ...] = ()
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    error: Reason | None = None
    detail: str | None = None
    request_headers: tuple[tuple[str, str], ...] = ()
    """The headers of the final request as sent, Host and User-Agent included."""
    http_version: str = "HTTP/1.1"
    remote_address: str | None = None
    """The IP address the final request was sent to; None if no connection was made."""
    attempts: int = 0
    """Tries of the final request (retries included); 0 if it was refused before sending."""
    hops: tuple[FetchResponse, ...] = ()
    """The redirect responses that led here, in order (kept for the WARC capture)."""

    @property
    def ok(self) -> bool:
        """Return whether the response carries a 2xx body."""
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        """Return whether the server answered a conditional request with 304."""
        return self.error is None and self.status == 304

    @property
    def content_type(self) -> str | None:
        """Return the Content-Type header as sent (parameters included), if any."""
        return self.header("content-type")

    def header(self, name: str) -> str | None:
        """Return the first value of a response header, case-insensitively."""
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None


class Fetcher(Protocol):
    """Gives the response for a URL; implementations: live HTTP, or stored captures."""

    def fetch(self, url: str, *, extra_headers: dict[str, str] | None = None) -> FetchResponse:
        """Return the response for the URL, never raising for HTTP or network failures."""
        ...


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Return the seconds a Retry-After value asks to wait (delay or HTTP-date), if valid."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)  # RFC 9110 dates are GMT
    return max(0.0, (when - now).total_seconds())


# The whole-request deadline of the request running on this thread. httpx only knows
# per-read timeouts, which a server sending one byte per read_timeout never trips; the
# streams below bound every connect, read and write by what is left of the deadline.
_DEADLINE: ContextVar[float | None] = ContextVar("fetch_deadline", default=None)


Pace = Callable[[str], None]
"""Called with a request's URL just before it is sent; returns when the request may go."""

# The pace callback of the fetch running on this thread (robots.txt loads happen inside it).
_PACE: ContextVar[Pace | None] = ContextVar("fetch_pace", default=None)


@contextlib.contextmanager
def _pacing(pace: Pace | None) -> Iterator[None]:
    token = _PACE.set(pace)
    try:
        yield
    finally:
        _PACE.reset(token)


def _bounded(timeout: float | None, expired: type[Exception]) -> float | None:
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise expired("whole-request deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, bounded, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        return self._inner.connect_unix_socket(path, timeout, socket_options)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose backend is guarded and deadlined.

    HTTPTransport takes no network backend, so the pool it builds is replaced; its request
    and response mapping and exception translation are kept.
    """

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        context = _ssl_context()
        super().__init__(verify=context, trust_env=False)
        limits = httpx.Limits()  # httpx's defaults; httpcore's own cap is 10 connections
        self._pool = httpcore.ConnectionPool(
            ssl_context=context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle takes ~40 ms; one context serves every fetcher (it is only
    # read when connecting, apart from httpcore setting the same ALPN list each time).
    return httpx.create_ssl_context(trust_env=False)


class _Refusal(Exception):
    """A response the fetcher will not read (on), with the reason to record."""

    def __init__(self, reason: Reason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class _Decoder(Protocol):
    def decode(self, data: bytes, limit: int) -> bytes:
        """Return the decoded bytes of data, at most about ``limit`` of them."""
        ...


class _Identity:
    def decode(self, data: bytes, limit: int) -> bytes:
        return data


class _Zlib:
    # Decompresses at most `limit` bytes per call: a bomb stops at the limit instead of
    # filling memory first (httpx's own decoders inflate whole chunks).
    def __init__(self, wbits: int, *, raw_fallback: bool = False) -> None:
        self._inflater = zlib.decompressobj(wbits)
        self._raw_fallback = raw_fallback
        self._started = False

    def decode(self, data: bytes, limit: int) -> bytes:
        try:
            output = self._inflater.decompress(data, limit)
        except zlib.error as error:
            if not self._raw_fallback or self._started:
                raise _Refusal(Reason.NETWORK_ERROR, f"DecodingError: {error}") from error
            # Some servers send raw deflate data for "deflate"; retry the stream that way.
            self._raw_fallback = False
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            return self.decode(data, limit)
        self._started = True
        return output


class _Brotli:
    def __init__(self) -> None:
        self._decompressor = brotli.Decompressor()

    def decode(self, data: bytes, limit: int) -> bytes:
        try:
            return bytes(self._decompressor.process(data, output_buffer_limit=limit))
        except brotli.error as error:
            raise _Refusal(Reason.NETWORK_ERROR, f"DecodingError: {error}") from error


def _decoder_for(encoding: str) -> _Decoder:
    name = encoding.strip().lower()
    if name in ("", "identity"):
        return _Identity()
    if name in ("gzip", "x-gzip"):
        return _Zlib(zlib.MAX_WBITS | 16)
    if name == "deflate":
        return _Zlib(zlib.MAX_WBITS, raw_fallback=True)
    if name == "br":
        return _Brotli()
    raise _Refusal(Reason.BAD_CONTENT_TYPE, f"unsupported Content-Encoding {encoding!r}")


@dataclass(frozen=True, kw_only=True)
class _Purpose:
    check_content: bool
    """Apply the content-type and binary checks (pages yes, robots.txt no)."""
    body_limit: int
    truncate: bool
    """Keep the first body_limit bytes of a longer body instead of refusing it."""


@dataclass(frozen=True, kw_only=True)
class RobotsEntry:
    """What one site's robots.txt gave: its rules, or the failure to get it."""

    rules: RobotsRules
    failure: FetchResponse | None = None
    """The robots.txt fetch, when it got no HTTP answer (network, timeout, blocked)."""


def _raw_headers(raw: list[tuple[bytes, bytes]]) -> tuple[tuple[str, str], ...]:
    return tuple((name.decode("latin-1"), value.decode("latin-1")) for name, value in raw)


def _media_type(content_type: str | None) -> str | None:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media or None


def _status_error(status: int) -> Reason | None:
    if 400 <= status < 500:
        return Reason.HTTP_4XX
    if status >= 500:
        return Reason.HTTP_5XX
    return None


def _is_transient(response: FetchResponse) -> bool:
    if response.error in (Reason.NETWORK_ERROR, Reason.TIMEOUT):
        return True
    return response.error is not None and response.status in TRANSIENT_STATUSES


def _join(base: str, location: str) -> str:
    try:
        return urljoin(base, location.strip())
    except ValueError:
        # A broken absolute target ("http://[::1/x"): keep it as sent, so the next hop's
        # check refuses it as an invalid URL and the chain shows what the server said.
        return location.strip()


def _unparsable(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as error:
        return f"unparsable URL {url!r}: {error}"
    if parts.scheme.lower() in ("http", "https") and not parts.hostname:
        return f"no host in URL: {url}"
    return None


class HttpFetcher:
    """Live HTTP fetcher; thread-safe, one instance per run or batch.

    ``resolver`` replaces the system's name lookup (tests: a scripted DNS); every
    connection resolves once through it and goes to exactly the address it checked.
    """

    def __init__(
        self,
        settings: FetchSettings,
        *,
        resolver: Resolver | None = None,
        robots: Mapping[str, RobotsEntry] | None = None,
    ) -> None:
        self._settings = settings
        self._guard = AddressGuard(
            settings.allowed_networks,
            overrides=settings.resolve,
            resolver=resolver or system_resolver,
        )
        self._transport = _GuardedTransport(_DeadlineBackend(GuardedNetworkBackend(self._guard)))
        # The client only builds requests (default headers, timeouts); the transport sends
        # them, because the client's redirect bookkeeping raises on a malformed Location
        # before the response can be seen, even with follow_redirects=False.
        self._client = httpx.Client(
            transport=self._transport,
            timeout=httpx.Timeout(
                connect=settings.connect_timeout,
                read=settings.read_timeout,
                write=settings.read_timeout,
                pool=settings.total_timeout,
            ),
            follow_redirects=False,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate, br"},
            trust_env=False,
        )
        self._accepted = frozenset(media.lower() for media in settings.accepted_content_types)
        self._page = _Purpose(
            check_content=True, body_limit=settings.max_body_bytes, truncate=False
        )
        self._robots_file = _Purpose(
            check_content=False,
            body_limit=min(settings.max_body_bytes, ROBOTS_MAX_BYTES),
            truncate=True,
        )
        # Sites whose robots.txt an earlier fetcher of the same run already read.
        self._robots: dict[str, RobotsEntry] = dict(robots or {})
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def fetch(
        self,
        url: str,
        *,
        extra_headers: dict[str, str] | None = None,
        pace: Pace | None = None,
    ) -> FetchResponse:
        """Return the response for the URL after robots, address and redirect checks.

        Never raises for network or HTTP trouble: the response's ``error`` says what went
        wrong. ``extra_headers`` (conditional requests) go with every hop. ``pace`` is
        called before every request sent for this URL, robots.txt and retries included.
        """
        with _pacing(pace):
            return self._fetch_following(url, extra_headers)

    def _fetch_following(self, url: str, extra_headers: dict[str, str] | None) -> FetchResponse:
        chain: list[str] = []
        hops: list[FetchResponse] = []
        current = url
        for _ in range(self._settings.max_redirects + 1):
            refusal = self._refusal(current)
            if refusal is not None:
                return replace(
                    refusal, requested_url=url, redirect_chain=tuple(chain), hops=tuple(hops)
                )
            response = self._fetch_with_retries(current, extra_headers, self._page)
            location = response.header("location")
            if response.error is None and response.status in REDIRECT_STATUSES and location:
                chain.append(current)
                hops.append(response)
                current = _join(current, location)
                continue
            return replace(
                response, requested_url=url, redirect_chain=tuple(chain), hops=tuple(hops)
            )
        return FetchResponse(
            requested_url=url,
            final_url=current,
            status=None,
            redirect_chain=tuple(chain),
            hops=tuple(hops),
            error=Reason.TOO_MANY_REDIRECTS,
            detail=f"more than {self._settings.max_redirects} redirects",
        )

    def robots_for(self, url: str) -> RobotsRules:
        """Return the robots rules of the URL's site, fetching robots.txt on first use.

        One robots.txt request per site (scheme, host and port, as RFC 9309 scopes it) and
        fetcher, also when several threads ask at once.
        """
        return self._robots_entry(url).rules

    def robots_known(self) -> dict[str, RobotsEntry]:
        """Return the robots.txt entries read so far, by site, to hand to a later fetcher."""
        with self._lock:
            return dict(self._robots)

    def crawl_delay_for(self, url: str, *, pace: Pace | None = None) -> float | None:
        """Return the robots.txt Crawl-delay for our user agent on the URL's site, capped
        at max_crawl_delay; None when robots.txt sets none or robots are not obeyed.

        Reads robots.txt on first use, calling ``pace`` before each request it sends.
        """
        if not self._settings.obey_robots:
            return None
        with _pacing(pace):
            rules = self.robots_for(url)
        delay = rules.crawl_delay(self._settings.user_agent)
        if delay is None:
            return None
        return min(max(delay, 0.0), self._settings.max_crawl_delay)

    def _refusal(self, url: str) -> FetchResponse | None:
        problem = _unparsable(url)
        if problem is not None:
            return FetchResponse(
                requested_url=url,
                final_url=url,
                status=None,
                error=Reason.INVALID_URL,
                detail=problem,
            )
        try:
            # An early, friendly refusal that keeps blocked hosts from even being asked for
            # robots.txt; the connection itself is checked again by the guarded backend.
            self._guard.check_url(url)
        except BlockedAddressError as error:
            return FetchResponse(
                requested_url=url,
                final_url=url,
                status=None,
                error=Reason.BLOCKED_ADDRESS,
                detail=str(error),
            )
        except UnresolvableHostError:
            pass  # the connection attempt fails and reports it, with retries
        if not self._settings.obey_robots or urlsplit(url).path == "/robots.txt":
            return None
        entry = self._robots_entry(url)
        if entry.failure is not None:
            # No HTTP answer for robots.txt: the page gets the same reason (the host is
            # unreachable or refused), which says more than "disallowed" and is retryable.
            return FetchResponse(
                requested_url=url,
                final_url=url,
                status=None,
                error=entry.failure.error,
                detail=f"robots.txt: {entry.failure.detail}",
            )
        if not entry.rules.allows(url, self._settings.user_agent):
            return FetchResponse(
                requested_url=url,
                final_url=url,
                status=None,
                error=Reason.ROBOTS_DISALLOWED,
                detail=entry.rules.note or "disallowed by robots.txt",
            )
        return None

    def _robots_entry(self, url: str) -> RobotsEntry:
        if _unparsable(url) is not None:
            rules = RobotsRules(parser=None, disallow_all=True, note="unparsable URL")
            return RobotsEntry(rules=rules)
        parts = urlsplit(url)
        site = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            entry = self._robots.get(site)
            if entry is not None:
                return entry
            site_lock = self._robots_locks.setdefault(site, threading.Lock())
        # Per-site lock: threads asking for the same site wait for the one request; other
        # sites' robots.txt are fetched meanwhile.
        with site_lock:
            with self._lock:
                entry = self._robots.get(site)
            if entry is None:
                entry = self._load_robots(f"{site}/robots.txt")
                with self._lock:
                    self._robots[site] = entry
        return entry

    def _load_robots(self, robots_url: str) -> RobotsEntry:
        response = self._fetch_with_retries(robots_url, None, self._robots_file)
        # RFC 9309: follow robots.txt redirects (http -> https, bare -> www); unfollowed,
        # a 3xx would count as "unavailable" and shut the whole host out. Each hop passes
        # the address guard like any other request.
        for _ in range(self._settings.max_redirects):
            location = response.header("location")
            if response.status not in REDIRECT_STATUSES or not location:
                break
            target = _join(response.final_url, location)
            if _unparsable(target) is not None:
                break
            try:
                self._guard.check_url(target)
            except BlockedAddressError:
                break
            except UnresolvableHostError:
                pass
            response = self._fetch_with_retries(target, None, self._robots_file)
        if response.status is None:
            return RobotsEntry(rules=rules_from_response(None, b""), failure=response)
        return RobotsEntry(rules=rules_from_response(response.status, response.body))

    def _fetch_with_retries(
        self, url: str, extra_headers: dict[str, str] | None, purpose: _Purpose
    ) -> FetchResponse:
        attempt = 0
        while True:
            attempt += 1
            response = replace(self._attempt(url, extra_headers, purpose), attempts=attempt)
            if not _is_transient(response) or attempt >= self._settings.max_attempts:
                return response
            delay = self._retry_delay(attempt, response)
            if delay is None:
                asked = response.header("retry-after")
                return replace(
                    response,
                    detail=f"Retry-After {asked} exceeds {self._settings.max_retry_delay}s",
                )
            time.sleep(delay)

    def _retry_delay(self, attempt: int, response: FetchResponse) -> float | None:
        asked = parse_retry_after(response.header("retry-after"), datetime.now(UTC))
        if asked is not None:
            # Retrying sooner than the server asked is rude and likely refused again;
            # waiting much longer holds a worker. Past the cap, give up on this URL.
            return asked if asked <= self._settings.max_retry_delay else None
        base = self._settings.retry_base_delay * (2.0 ** (attempt - 1))
        jittered = base * random.uniform(0.5, 1.5)  # noqa: S311 - jitter, not security
        return min(jittered, self._settings.max_retry_delay)

    def _attempt(
        self, url: str, extra_headers: dict[str, str] | None, purpose: _Purpose
    ) -> FetchResponse:
        pace = _PACE.get()
        if pace is not None:
            pace(url)
        partial = FetchResponse(requested_url=url, final_url=url, status=None)
        deadline = time.monotonic() + self._settings.total_timeout
        token = _DEADLINE.set(deadline)
        try:
            request = self._client.build_request("GET", url, headers=extra_headers)
            partial = replace(partial, request_headers=_raw_headers(request.headers.raw))
            response = self._transport.handle_request(request)
            response.request = request
            try:
                partial = replace(
                    partial,
                    status=response.status_code,
                    headers=_raw_headers(response.headers.raw),
                    http_version=response.http_version,
                    remote_address=_peer_address(response),
                )
                body = self._read_body(response, purpose, deadline)
            finally:
                response.close()
            return replace(partial, body=body, error=_status_error(response.status_code))
        except _Refusal as refusal:
            return replace(partial, error=refusal.reason, detail=refusal.detail)
        except BlockedAddressError as error:
            return replace(partial, error=Reason.BLOCKED_ADDRESS, detail=str(error))
        except httpx.TimeoutException as error:
            detail = f"{type(error).__name__}: {error}"
            if time.monotonic() >= deadline:
                detail = f"whole request took over {self._settings.total_timeout}s"
            return replace(partial, error=Reason.TIMEOUT, detail=detail)
        except httpx.InvalidURL as error:
            return replace(partial, error=Reason.INVALID_URL, detail=f"InvalidURL: {error}")
        except httpx.HTTPError as error:
            detail = f"{type(error).__name__}: {error}"
            return replace(partial, error=Reason.NETWORK_ERROR, detail=detail)
        finally:
            _DEADLINE.reset(token)

    def _read_body(self, response: httpx.Response, purpose: _Purpose, deadline: float) -> bytes:
        content_type = response.headers.get("content-type")
        checked = purpose.check_content and 200 <= response.status_code < 300
        media = _media_type(content_type)
        if checked and media is not None and media not in self._accepted:
            raise _Refusal(Reason.BAD_CONTENT_TYPE, f"content type {media} is not accepted")
        limit = purpose.body_limit
        declared = response.headers.get("content-length", "")
        if not purpose.truncate and declared.isdigit() and int(declared) > limit:
            raise _Refusal(Reason.TOO_LARGE, f"Content-Length {declared} exceeds {limit} bytes")
        # Applied in reverse of the order the server listed them.
        encodings = response.headers.get("content-encoding", "").split(",")
        decoders = [_decoder_for(name) for name in reversed(encodings)]
        chunks: list[bytes] = []
        size = wire = 0
        for raw in response.iter_raw():
            if time.monotonic() >= deadline:
                raise httpx.ReadTimeout("whole-request deadline passed")
            wire += len(raw)
            piece = raw
            for decoder in decoders:
                # Ask for one byte more than the room left, to tell "full" from "over".
                piece = decoder.decode(piece, limit - size + 1)
            if size + len(piece) > limit or wire > limit:
                if not purpose.truncate:
                    raise _Refusal(Reason.TOO_LARGE, f"body exceeds {limit} bytes")
                chunks.append(piece[: limit - size])
                break
            size += len(piece)
            chunks.append(piece)
        body = b"".join(chunks)
        if checked and is_probably_binary(body, content_type):
            raise _Refusal(
                Reason.BAD_CONTENT_TYPE, f"binary body labelled {content_type or 'nothing'}"
            )
        return body


def _peer_address(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    if stream is None:
        return None
    peer = stream.get_extra_info("server_addr")
    return str(peer[0]) if peer else None
