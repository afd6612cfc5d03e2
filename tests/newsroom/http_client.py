"""A plain HTTP/1.1 client for tests: one request per connection, redirects not followed."""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Response:
    """What one HTTP exchange returned; redirects are not followed."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        """Return the body decoded as UTF-8."""
        return self.body.decode("utf-8")


def fetch(url: str, *, method: str = "GET", headers: dict[str, str] | None = None) -> Response:
    """Return the response to one request for `url`, on a fresh connection."""
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(method, parts.path or "/", headers=headers or {})
        reply = connection.getresponse()
        body = reply.read()
        return Response(status=reply.status, headers=dict(reply.getheaders()), body=body)
    finally:
        connection.close()
