"""Fetching pages politely: robots rules, per-host spacing, bounded redirects, size limits.

`Fetcher` is the small interface the steps above depend on; `HttpFetcher` is the live one.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from transforms.address_guard import BlockedAddressError, IpNetwork, check_url
from transforms.records import Reason
from transforms.robots import RobotsRules, rules_from_response
from transforms.urls import host_of

TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, kw_only=True)
class FetchSettings:
    """How the fetcher behaves toward publishers and the network it runs in."""

    user_agent: str = "mediawatch/0.1 (+https://github.com/mediawatch/mediawatch)"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_body_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    per_host_delay: float = 1.0
    """Minimum seconds between two request starts on one host."""
    max_crawl_delay: float = 30.0
    max_attempts: int = 3
    retry_base_delay: float = 1.0
    obey_robots: bool = True
    allowed_networks: tuple[IpNetwork, ...] = ()
    """Non-public networks that may be fetched anyway (the demo's loopback newsroom)."""
    resolve: tuple[tuple[str, str], ...] = ()
    """(host, "address:port") pairs: connect to the address for URLs on the host, sending
    the host in the Host header (as curl --resolve does). Keeps URLs stable when a test
    server's port changes."""

    def route(self, url: str) -> tuple[str, str | None]:
        """Return the URL to connect to and the Host header to send (None: the URL's own)."""
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
        except ValueError:
            # Unparsable (a broken IPv6 literal): nothing to route; check_url refuses it.
            return url, None
        for name, address in self.resolve:
            if name.lower() == host:
                return urlunsplit(parts._replace(netloc=address)), parts.netloc
        return url, None


@dataclass(frozen=True, kw_only=True)
class FetchResponse:
    """What one fetch gave: a body, or the reason there is none."""

    requested_url: str
    final_url: str
    status: int | None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    redirect_chain: tuple[str, ...] = ()
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    error: Reason | None = None
    detail: str | None = None

    @property
    def ok(self) -> bool:
        """Return whether the response carries a 2xx body."""
        return self.error is None and self.status is not None and 200 <= self.status < 300

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


class _BodyTooLargeError(Exception):
    pass


class HttpFetcher:
    """Live HTTP fetcher; thread-safe, one instance per run or batch."""

    def __init__(self, settings: FetchSettings) -> None:
        self._settings = settings
        timeout = httpx.Timeout(
            connect=settings.connect_timeout,
            read=settings.read_timeout,
            write=settings.read_timeout,
            pool=settings.total_timeout,
        )
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,
        )
        self._robots: dict[str, RobotsRules] = {}
        self._next_start: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def fetch(self, url: str, *, extra_headers: dict[str, str] | None = None) -> FetchResponse:
        """Return the response for the URL after robots, address and redirect checks."""
        chain: list[str] = []
        current = url
        for _ in range(self._settings.max_redirects + 1):
            refusal = self._refusal(current, original=url, chain=chain)
            if refusal is not None:
                return refusal
            response = self._fetch_with_retries(current, extra_headers)
            location = response.header("location")
            if response.status in REDIRECT_STATUSES and location:
                chain.append(current)
                current = urljoin(current, location)
                continue
            return _with_chain(response, original=url, chain=chain)
        return FetchResponse(
            requested_url=url,
            final_url=current,
            status=None,
            redirect_chain=tuple(chain),
            error=Reason.TOO_MANY_REDIRECTS,
            detail=f"more than {self._settings.max_redirects} redirects",
        )

    def _refusal(self, url: str, *, original: str, chain: list[str]) -> FetchResponse | None:
        try:
            check_url(self._settings.route(url)[0], self._settings.allowed_networks)
        except BlockedAddressError as error:
            return FetchResponse(
                requested_url=original,
                final_url=url,
                status=None,
                redirect_chain=tuple(chain),
                error=Reason.BLOCKED_ADDRESS,
                detail=str(error),
            )
        if self._settings.obey_robots and urlsplit(url).path != "/robots.txt":
            rules = self.robots_for(url)
            if not rules.allows(url, self._settings.user_agent):
                return FetchResponse(
                    requested_url=original,
                    final_url=url,
                    status=None,
                    redirect_chain=tuple(chain),
                    error=Reason.ROBOTS_DISALLOWED,
                    detail=rules.note or "disallowed by robots.txt",
                )
        return None

    def robots_for(self, url: str) -> RobotsRules:
        """Return the robots rules of the URL's host, fetching robots.txt on first use."""
        host = host_of(url)
        with self._lock:
            cached = self._robots.get(host)
        if cached is not None:
            return cached
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        response = self._fetch_with_retries(robots_url, None)
        # RFC 9309: follow robots.txt redirects (http -> https, bare -> www); unfollowed,
        # a 3xx would count as "unavailable" and shut the whole host out. Each hop passes
        # the address guard like any other request.
        for _ in range(self._settings.max_redirects):
            location = response.header("location")
            if response.status not in REDIRECT_STATUSES or not location:
                break
            target = urljoin(response.final_url, location)
            try:
                check_url(self._settings.route(target)[0], self._settings.allowed_networks)
            except BlockedAddressError:
                break
            response = self._fetch_with_retries(target, None)
        rules = rules_from_response(response.status, response.body)
        with self._lock:
            self._robots[host] = rules
        return rules

    def _wait_for_turn(self, url: str) -> None:
        host = host_of(url)
        delay = self._settings.per_host_delay
        rules = self._robots.get(host)
        crawl_delay = rules.crawl_delay(self._settings.user_agent) if rules else None
        if crawl_delay is not None:
            delay = max(delay, min(crawl_delay, self._settings.max_crawl_delay))
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + delay
        if start > now:
            time.sleep(start - now)

    def _fetch_with_retries(self, url: str, extra_headers: dict[str, str] | None) -> FetchResponse:
        attempt = 0
        while True:
            attempt += 1
            self._wait_for_turn(url)
            response = self._fetch_once(url, extra_headers)
            transient = response.error in (Reason.NETWORK_ERROR, Reason.TIMEOUT) or (
                response.status in TRANSIENT_STATUSES
            )
            if not transient or attempt >= self._settings.max_attempts:
                return response
            time.sleep(self._backoff(attempt, response.header("retry-after")))

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        if retry_after is not None and retry_after.strip().isdigit():
            return min(float(retry_after), self._settings.total_timeout)
        base = self._settings.retry_base_delay * (2.0 ** (attempt - 1))
        return base * random.uniform(0.5, 1.5)  # noqa: S311 - jitter, not security

    def _fetch_once(self, url: str, extra_headers: dict[str, str] | None) -> FetchResponse:
        started = time.monotonic()
        fetched_at = datetime.now(UTC)
        try:
            target, host_header = self._settings.route(url)
            headers = dict(extra_headers or {})
            if host_header is not None:
                headers["Host"] = host_header
            with self._client.stream("GET", target, headers=headers) as response:
                body = self._read_body(response, started)
                return FetchResponse(
                    requested_url=url,
                    final_url=url,
                    status=response.status_code,
                    headers=tuple(response.headers.multi_items()),
                    body=body,
                    fetched_at=fetched_at,
                    error=_status_error(response.status_code),
                )
        except _BodyTooLargeError as error:
            return _failure(url, fetched_at, Reason.TOO_LARGE, str(error))
        except httpx.TimeoutException as error:
            return _failure(url, fetched_at, Reason.TIMEOUT, f"{type(error).__name__}: {error}")
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            return _failure(
                url, fetched_at, Reason.NETWORK_ERROR, f"{type(error).__name__}: {error}"
            )

    def _read_body(self, response: httpx.Response, started: float) -> bytes:
        limit = self._settings.max_body_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise _BodyTooLargeError(f"Content-Length {declared} exceeds {limit} bytes")
        chunks: list[bytes] = []
        size = 0
        # iter_bytes decompresses, so the limit also holds against compression bombs.
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise _BodyTooLargeError(f"body exceeds {limit} bytes")
            if time.monotonic() - started > self._settings.total_timeout:
                raise httpx.ReadTimeout(f"whole request took over {self._settings.total_timeout}s")
            chunks.append(chunk)
        return b"".join(chunks)


def _status_error(status: int) -> Reason | None:
    if 400 <= status < 500:
        return Reason.HTTP_4XX
    if status >= 500:
        return Reason.HTTP_5XX
    return None


def _failure(url: str, fetched_at: datetime, reason: Reason, detail: str) -> FetchResponse:
    return FetchResponse(
        requested_url=url,
        final_url=url,
        status=None,
        fetched_at=fetched_at,
        error=reason,
        detail=detail,
    )


def _with_chain(response: FetchResponse, *, original: str, chain: list[str]) -> FetchResponse:
    return FetchResponse(
        requested_url=original,
        final_url=response.final_url,
        status=response.status,
        headers=response.headers,
        body=response.body,
        redirect_chain=tuple(chain),
        fetched_at=response.fetched_at,
        error=response.error,
        detail=response.detail,
    )
